//! Copying from the TUI (`y` the citation, `Y` the link) and announcing alerts: text for the
//! clipboard and the status line.

use super::App;
use crate::tui::msg::{Cmd, Msg};

impl App {
    /// `y`, `Y`, and the citation the worker wrote for `y`.
    pub(super) fn copy_msg(&mut self, msg: Msg) -> Vec<Cmd> {
        match msg {
            Msg::CopyCitation => self.cite(),
            Msg::CopyLink => match self.reader_or_selected_link() {
                Some(link) => self.copy(self.text().link_word, link),
                None => vec![],
            },
            Msg::CitationReady(Ok(text)) => self.copy(self.text().citation_word, text),
            Msg::CitationReady(Err(e)) => {
                self.set_error(e);
                vec![]
            }
            _ => vec![],
        }
    }

    /// Saved filters with new matches after a refresh: in the status line and the log; the
    /// sidebar's counts follow.
    pub(super) fn alerts(&mut self, alerts: &[crate::model::Alert]) -> Vec<Cmd> {
        let said: Vec<String> = alerts.iter().map(|a| self.lang.alert(a)).collect();
        for line in &said {
            self.status.log(line.clone());
        }
        self.notify(said.join(" · "));
        vec![Cmd::LoadFeeds]
    }

    /// The citation of the open article, else of the selected one, written by the worker.
    fn cite(&mut self) -> Vec<Cmd> {
        let id = match &self.reader {
            Some(reader) => Some(reader.article.summary.id),
            None => self.selected_row().map(|r| r.id),
        };
        id.map(Cmd::Cite).into_iter().collect()
    }

    /// `text` to the clipboard when the terminal takes it, and always in the status line and
    /// the log, so it can be read (and copied by hand) where it cannot.
    fn copy(&mut self, what: &str, text: String) -> Vec<Cmd> {
        self.status.log(format!("{what}: {text}"));
        if self.clipboard {
            self.notify(format!("{what} {}: {text}", self.text().copied));
            vec![Cmd::Copy(text)]
        } else {
            // Not cut in the status line: whole in a box, to be selected by hand, with why
            // it is not on the clipboard.
            self.notify(self.text().clipboard_off_short);
            self.copied = Some((what.to_owned(), text));
            self.mode = crate::tui::keys::Mode::Copied;
            vec![]
        }
    }
}
