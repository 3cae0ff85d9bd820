//! What every command works from once the command line and the config are read: the loaded
//! config, the data dir, today and the language; and how the process ends. The CLI builds it,
//! the TUI and the commands use it (so the TUI needs nothing from the CLI).

use std::path::PathBuf;

use anyhow::Result;
use chrono::NaiveDate;

use crate::config::Loaded;
use crate::store::Store;

/// Validated inputs every subcommand works from.
pub struct Settings {
    pub loaded: Loaded,
    pub data_dir: PathBuf,
    pub today: NaiveDate,
    /// UI language: config `language`, else the locale.
    pub lang: crate::i18n::Lang,
}

impl Settings {
    /// The cache, its feed table in step with the config.
    /// A cache that cannot be written (a read-only medium, no write permission) is opened
    /// for reading: reading needs no write access, and a write then fails saying why.
    pub fn open_store(&self) -> Result<Store> {
        let config = &self.loaded.config;
        let (store, read_only) =
            Store::open_in_step(&self.data_dir, &config.feeds, &config.ministries)?;
        if let Some(why) = read_only {
            tracing::info!(%why, "cache opened for reading only");
        }
        Ok(store)
    }
}

/// What the process should exit with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    Success,
    /// Some feeds failed (`fetch`), or nothing was found.
    Partial,
    /// Not available (e.g. no TUI build).
    Unavailable,
}
