//! What the environment says about the terminal, for features only some terminals have
//! (OSC 8 hyperlinks, OSC 52 clipboard): both ask the same questions with their own lists.

/// Which terminals a feature is known to work in.
pub struct Known<'a> {
    /// Variables set only by such a terminal (`KITTY_WINDOW_ID`).
    pub vars: &'a [&'a str],
    /// `TERM_PROGRAM` values.
    pub programs: &'a [&'a str],
    /// `TERM` values.
    pub terms: &'a [&'a str],
}

/// Inside tmux or screen (which may drop, garble or keep such sequences), or a dumb terminal.
pub fn multiplexed_or_dumb(var: &impl Fn(&str) -> Option<String>) -> bool {
    let has = |name: &str| var(name).is_some_and(|v| !v.is_empty());
    let term = var("TERM").unwrap_or_default();
    has("TMUX") || has("STY") || term.starts_with("screen") || term == "dumb"
}

/// Whether the environment names one of the `known` terminals.
pub fn is_one_of(var: &impl Fn(&str) -> Option<String>, known: &Known<'_>) -> bool {
    let has = |name: &str| var(name).is_some_and(|v| !v.is_empty());
    let program = var("TERM_PROGRAM").unwrap_or_default();
    let term = var("TERM").unwrap_or_default();
    known.vars.iter().any(|v| has(v))
        || known.programs.contains(&program.as_str())
        || known.terms.contains(&term.as_str())
}
