//! amtsfeed: a terminal news reader for the feeds of the German federal ministries.
//! The binary is a thin shell around [`cli::run`]; everything else lives in these modules.

pub mod cli;
pub mod config;
pub mod fetch;
pub mod filter;
pub mod model;
pub mod open;
pub mod opml;
pub mod parse;
pub mod refresh;
pub mod store;
pub mod text;

/// Starts the reader. The TUI is a separate piece of work; until it lands, say so.
fn tui_entry(_settings: &cli::Settings) -> anyhow::Result<cli::Exit> {
    eprintln!("amtsfeed: the interactive reader is not available in this build yet; use `amtsfeed fetch` and `amtsfeed list` (see `amtsfeed --help`)");
    Ok(cli::Exit::Unavailable)
}
