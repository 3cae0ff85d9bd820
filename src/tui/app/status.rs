//! The status line's message and the log behind it (`L`): what the user is told, newest first.

/// One status-line message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusMessage {
    pub text: String,
    pub error: bool,
}

/// The status line and the session's log. The newest message wins, error or not; errors and
/// refresh lines stay readable in the log.
#[derive(Debug, Clone, Default)]
pub struct Status {
    pub message: Option<StatusMessage>,
    pub log: Vec<String>,
}

impl Status {
    /// A notice, replacing an older error: a later success must not leave a stale error
    /// standing.
    pub fn notify(&mut self, text: impl Into<String>) {
        self.message = Some(StatusMessage {
            text: text.into(),
            error: false,
        });
    }

    /// An error in the status line, and in full in the log (the status line cuts it at the
    /// screen's edge). `word` is "error" in the UI's language.
    pub fn error(&mut self, word: &str, text: String) {
        self.log.push(format!("{word}: {text}"));
        self.show_error(text);
    }

    /// An error in the status line only, for one the log has in its own words already.
    pub fn show_error(&mut self, text: String) {
        self.message = Some(StatusMessage { text, error: true });
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
}
