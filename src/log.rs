//! The log file: `tracing` events go to `<data dir>/amtsfeed.log`, never to the terminal
//! (the TUI owns it, and the CLI's stdout/stderr are a contract for scripts). The level comes
//! from `--log-level` or `AMTSFEED_LOG` (`off`, `error`, `warn`, `info`, `debug`, `trace`).

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use tracing_subscriber::filter::LevelFilter;

/// The log file's name in the data dir.
pub const LOG_FILE: &str = "amtsfeed.log";

/// A log over this size is moved to `amtsfeed.log.1` when the next run starts.
const ROTATE_BYTES: u64 = 5 * 1024 * 1024;

/// Where the log is written.
pub fn path(data_dir: &Path) -> PathBuf {
    data_dir.join(LOG_FILE)
}

/// Parses a level name; the error lists the accepted ones.
pub fn parse_level(text: &str) -> Result<LevelFilter, String> {
    match text.trim().to_ascii_lowercase().as_str() {
        "off" => Ok(LevelFilter::OFF),
        "error" => Ok(LevelFilter::ERROR),
        "warn" | "warning" => Ok(LevelFilter::WARN),
        "info" => Ok(LevelFilter::INFO),
        "debug" => Ok(LevelFilter::DEBUG),
        "trace" => Ok(LevelFilter::TRACE),
        other => Err(format!(
            "'{other}' is not a log level (off, error, warn, info, debug, trace)"
        )),
    }
}

/// Starts logging to the file in `data_dir`. Failing to open the file leaves logging off:
/// a read-only data dir must not stop the reader (the cache would fail first anyway).
pub fn init(data_dir: &Path, level: LevelFilter) {
    if level == LevelFilter::OFF {
        return;
    }
    let file_path = path(data_dir);
    if crate::private::create_dir(data_dir).is_err() {
        return;
    }
    rotate(&file_path);
    let Ok(file) = crate::private::open_append(&file_path) else {
        return;
    };
    // A second init (tests call `cli::run` more than once) keeps the first subscriber.
    let _ = tracing_subscriber::fmt()
        .with_writer(Mutex::new(file))
        .with_ansi(false)
        .with_target(false)
        .with_max_level(level)
        .try_init();
}

/// Moves a log over [`ROTATE_BYTES`] to `amtsfeed.log.1` (replacing an older one), so the
/// log never grows without bound.
fn rotate(file_path: &Path) {
    if std::fs::metadata(file_path).is_ok_and(|m| m.len() > ROTATE_BYTES) {
        let _ = std::fs::rename(file_path, file_path.with_extension("log.1"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_log_over_five_mib_is_rotated_once() {
        let dir = tempfile::tempdir().expect("dir");
        let log = path(dir.path());
        std::fs::write(&log, vec![b'x'; ROTATE_BYTES as usize]).expect("write");
        rotate(&log);
        assert!(log.exists(), "at the limit it stays");
        std::fs::write(&log, vec![b'y'; ROTATE_BYTES as usize + 1]).expect("write");
        std::fs::write(dir.path().join("amtsfeed.log.1"), b"old").expect("write");
        rotate(&log);
        assert!(!log.exists());
        let rotated = std::fs::read(dir.path().join("amtsfeed.log.1")).expect("rotated");
        assert_eq!(rotated.len(), ROTATE_BYTES as usize + 1);
        assert_eq!(ROTATE_BYTES, 5 * 1024 * 1024);
    }

    #[test]
    fn levels_parse_case_insensitively() {
        assert_eq!(parse_level("DEBUG"), Ok(LevelFilter::DEBUG));
        assert_eq!(parse_level("off"), Ok(LevelFilter::OFF));
        assert!(parse_level("loud")
            .expect_err("unknown")
            .contains("off, error, warn, info, debug, trace"));
    }
}
