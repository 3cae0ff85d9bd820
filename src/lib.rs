//! amtsfeed: a terminal news reader for the feeds of the German federal ministries.
//! The binary is a thin shell around [`cli::run`]; everything else lives in these modules.

/// `eprintln!` that never panics: with stderr closed (`fetch 2>&1 | head -2`) a message is
/// lost, which is fine, and the program must not abort over it.
#[macro_export]
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

pub mod alerts;
pub mod charset;
pub mod cite;
pub mod cli;
pub mod config;
pub mod diff;
pub mod dip;
pub mod extract;
pub mod fetch;
pub mod filter;
pub mod i18n;
pub mod log;
pub mod manage;
pub mod model;
pub mod open;
pub mod opml;
pub mod parse;
pub mod private;
pub mod refresh;
pub mod refs;
pub mod settings;
pub mod store;
pub mod text;
pub mod tui;
pub mod words;

#[cfg(test)]
mod layers;
