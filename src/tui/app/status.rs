//! The status line's message and the log behind it (`L`): what the user is told, with when.

use chrono::{DateTime, Utc};

/// How long a notice stays in the status line; the log keeps it.
pub const NOTICE_SECONDS: i64 = 8;
/// How long an error stays: longer, it may need reading twice.
pub const ERROR_SECONDS: i64 = 20;

/// One status-line message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusMessage {
    pub text: String,
    pub error: bool,
    /// When it was said: it leaves the status line after its time.
    pub since: DateTime<Utc>,
}

/// One line of the log, with when it was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogEntry {
    pub at: DateTime<Utc>,
    pub text: String,
    pub error: bool,
}

/// The status line and the session's log. The newest message wins, error or not, and
/// leaves after a few seconds; errors and refresh lines stay readable in the log.
#[derive(Debug, Clone)]
pub struct Status {
    pub message: Option<StatusMessage>,
    pub log: Vec<LogEntry>,
    /// The time of the message being handled (the app sets it before each update).
    pub now: DateTime<Utc>,
}

impl Default for Status {
    fn default() -> Self {
        Self {
            message: None,
            log: Vec::new(),
            now: DateTime::UNIX_EPOCH,
        }
    }
}

impl Status {
    /// A notice, replacing an older error: a later success must not leave a stale error
    /// standing.
    pub fn notify(&mut self, text: impl Into<String>) {
        self.message = Some(StatusMessage {
            text: text.into(),
            error: false,
            since: self.now,
        });
    }

    /// An error in the status line, and in full in the log (the status line cuts it at the
    /// screen's edge). `word` is "error" in the UI's language.
    pub fn error(&mut self, word: &str, text: String) {
        self.log_error(format!("{word}: {text}"));
        self.show_error(text);
    }

    /// An error in the status line only, for one the log has in its own words already.
    pub fn show_error(&mut self, text: String) {
        self.message = Some(StatusMessage {
            text,
            error: true,
            since: self.now,
        });
    }

    /// A line for the log only.
    pub fn log(&mut self, text: impl Into<String>) {
        self.log.push(LogEntry {
            at: self.now,
            text: text.into(),
            error: false,
        });
    }

    /// A failure for the log only (shown in the error colour).
    pub fn log_error(&mut self, text: impl Into<String>) {
        self.log.push(LogEntry {
            at: self.now,
            text: text.into(),
            error: true,
        });
    }

    /// The clock moved on: a message past its time leaves the status line. Whether it did.
    pub fn expire(&mut self) -> bool {
        let expired = self.message.as_ref().is_some_and(|m| {
            let seconds = if m.error {
                ERROR_SECONDS
            } else {
                NOTICE_SECONDS
            };
            (self.now - m.since).num_seconds() >= seconds
        });
        if expired {
            self.message = None;
        }
        expired
    }

    /// The error the status line shows, if its message is one.
    pub fn last_error(&self) -> Option<&str> {
        self.message
            .as_ref()
            .filter(|s| s.error)
            .map(|s| s.text.as_str())
    }

    /// The notice the status line shows, if its message is one.
    pub fn notice(&self) -> Option<&str> {
        self.message
            .as_ref()
            .filter(|s| !s.error)
            .map(|s| s.text.as_str())
    }

    /// The log's texts, oldest first (for tests and the log view).
    pub fn log_texts(&self) -> Vec<&str> {
        self.log.iter().map(|e| e.text.as_str()).collect()
    }
}
