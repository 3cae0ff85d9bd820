//! What went wrong in a command: `model::reason::CommandProblem`, worded in `words`.

pub use crate::model::reason::CommandProblem as Problem;
