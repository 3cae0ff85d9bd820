//! A refresh from the TUI: its progress, its log lines, and what the sidebar and the list do
//! when a feed's new articles arrive.

use super::{App, Progress, SidebarEntry};
use crate::model::{FeedChange, Summary};
use crate::tui::msg::{Cmd, RefreshMsg};

impl App {
    /// Starting a refresh, its feeds' reports and its end.
    pub(super) fn refresh_msg(&mut self, msg: RefreshMsg) -> Vec<Cmd> {
        match msg {
            RefreshMsg::Selected => self.start_refresh(true),
            RefreshMsg::All => self.start_refresh(false),
            RefreshMsg::FeedRefreshed(report) => self.feed_refreshed(report),
            RefreshMsg::Finished(result) => self.refresh_finished(result),
        }
    }

    fn refresh_finished(&mut self, result: Result<Summary, String>) -> Vec<Cmd> {
        self.refresh = None;
        match result {
            Ok(summary) => {
                let t = self.text();
                let [new, updated, failed] = t.new_updated_failed;
                let mut line = format!(
                    "{} {new}, {} {updated}, {} {failed}",
                    summary.new, summary.updated, summary.failed
                );
                if summary.removed > 0 {
                    // Deleting is never silent.
                    line.push_str(&format!(", {} {}", summary.removed, t.removed_word));
                }
                // DIP refused the key or asked to wait: said once, in the log and here.
                if let Some(stopped) = summary.dip.as_ref().and_then(|d| d.stopped.as_ref()) {
                    let words = self.lang.dip_error(stopped);
                    self.status.log_error(words.clone());
                    line.push_str(&format!(" · {words}"));
                }
                if summary.failed > 0 {
                    // Which ones and why is in the log, a key away.
                    line.push_str(t.failed_see_log);
                    if summary.failed == summary.feeds {
                        line.push_str(t.all_failed_offline);
                    }
                }
                self.notify(line);
            }
            Err(e) => {
                // Worded by the worker in the UI's language.
                let text = format!("{}: {}", self.text().refresh_word, e);
                self.set_error(text);
            }
        }
        vec![Cmd::LoadFeeds, self.reload()]
    }

    fn start_refresh(&mut self, selected_only: bool) -> Vec<Cmd> {
        if self.refresh.is_some() {
            self.notify(self.text().refresh_running);
            return vec![];
        }
        let feed = match (selected_only, self.sidebar.selected_entry()) {
            (true, Some(SidebarEntry::Feed { name, .. })) => Some(name.clone()),
            (true, _) => self.selected_row().map(|r| r.feed.clone()),
            (false, _) => None,
        };
        let total = if feed.is_some() {
            1
        } else {
            self.sidebar.feed_count()
        };
        self.refresh = Some(Progress { done: 0, total });
        vec![Cmd::Refresh(feed)]
    }

    fn feed_refreshed(&mut self, report: crate::model::FeedReport) -> Vec<Cmd> {
        if let Some(progress) = &mut self.refresh {
            progress.done += 1;
        }
        // The log (L) speaks the UI's language; `fetch`'s lines keep their fixed English words.
        let t = self.text();
        let [new, updated, _] = t.new_updated_failed;
        let line = match &report.outcome {
            Ok(FeedChange::NotModified) => format!("{}: {}", report.name, t.not_modified),
            Ok(FeedChange::Stored(c)) => {
                format!("{}: {} {new}, {} {updated}", report.name, c.new, c.updated)
            }
            Err(e) => format!(
                "{}: {}: {}",
                report.name,
                self.lang.error_word(),
                self.lang.reason(e)
            ),
        };
        if report.outcome.is_err() {
            self.status.log_error(line);
        } else {
            self.status.log(line);
        }
        if let Some(to) = &report.moved_to {
            let note = crate::i18n::fill(t.moved_feed, &[("name", &report.name), ("url", to)]);
            self.status.log(note.clone());
            self.notify(note);
        }
        self.sidebar
            .feed_refreshed(&report.name, report.outcome.as_ref().err());
        match report.outcome {
            Err(e) => {
                // The refresh log line above has it already; the status line shows it.
                let text = format!("{}: {}", report.name, self.lang.reason(&e));
                self.status.show_error(text);
                vec![]
            }
            Ok(FeedChange::Stored(c)) if c.new + c.updated > 0 => {
                vec![Cmd::LoadFeeds, self.reload()]
            }
            Ok(_) => vec![],
        }
    }
}
