//! The sidebar's state: feeds with unread counts and errors, topics, refresh progress.

use super::{App, Progress, SidebarEntry};
use crate::model::{FeedStatus, TopicCount};
use crate::refresh::FeedChange;
use crate::tui::msg::Cmd;

impl App {
    pub(super) fn start_refresh(&mut self, selected_only: bool) -> Vec<Cmd> {
        if self.refresh.is_some() {
            self.notify(self.text().refresh_running);
            return vec![];
        }
        let feed = match (selected_only, self.sidebar.get(self.sidebar_selected)) {
            (true, Some(SidebarEntry::Feed { name, .. })) => Some(name.clone()),
            (true, _) => self.selected_row().map(|r| r.feed.clone()),
            (false, _) => None,
        };
        let total = if feed.is_some() { 1 } else { self.feed_count };
        self.refresh = Some(Progress { done: 0, total });
        vec![Cmd::Refresh(feed)]
    }

    /// Replaces the topic entries at the end of the sidebar, keeping a selected topic.
    pub(super) fn topics_loaded(&mut self, topics: Vec<TopicCount>) {
        let selected = self.sidebar.get(self.sidebar_selected).cloned();
        self.sidebar
            .retain(|e| !matches!(e, SidebarEntry::Topic { .. }));
        self.sidebar
            .extend(topics.into_iter().map(|t| SidebarEntry::Topic {
                name: t.topic,
                count: t.count,
            }));
        if let Some(SidebarEntry::Topic { name, .. }) = selected {
            let found = self
                .sidebar
                .iter()
                .position(|e| matches!(e, SidebarEntry::Topic { name: n, .. } if *n == name));
            self.sidebar_selected = found.unwrap_or(0);
        }
        self.sidebar_selected = self
            .sidebar_selected
            .min(self.sidebar.len().saturating_sub(1));
    }

    pub(super) fn feeds_loaded(&mut self, statuses: &[FeedStatus], saved: &[(String, u64)]) {
        for entry in &mut self.sidebar {
            if let SidebarEntry::Saved { name, unread, .. } = entry {
                if let Some((_, count)) = saved.iter().find(|(n, _)| n == name) {
                    *unread = *count;
                }
            }
        }
        for entry in &mut self.sidebar {
            if let SidebarEntry::Feed {
                name,
                unread,
                error,
                ..
            } = entry
            {
                if let Some(status) = statuses.iter().find(|s| &s.name == name) {
                    *unread = status.unread;
                    error.clone_from(&status.last_error);
                }
            }
        }
    }

    pub(super) fn feed_refreshed(&mut self, report: crate::refresh::FeedReport) -> Vec<Cmd> {
        if let Some(progress) = &mut self.refresh {
            progress.done += 1;
        }
        let line = match &report.outcome {
            Ok(FeedChange::NotModified) => format!("{}: not modified", report.name),
            Ok(FeedChange::Stored(c)) => {
                format!("{}: {} new, {} updated", report.name, c.new, c.updated)
            }
            Err(e) => format!("{}: error: {e}", report.name),
        };
        self.log.push(line);
        for entry in &mut self.sidebar {
            if let SidebarEntry::Feed { name, error, .. } = entry {
                if *name == report.name {
                    *error = report.outcome.as_ref().err().cloned();
                }
            }
        }
        match report.outcome {
            Err(e) => {
                // The refresh log line above has it already; the status line shows it.
                self.status = Some(super::StatusMessage {
                    text: format!("{}: {e}", report.name),
                    error: true,
                });
                vec![]
            }
            Ok(FeedChange::Stored(c)) if c.new + c.updated > 0 => {
                vec![Cmd::LoadFeeds, self.reload(false)]
            }
            Ok(_) => vec![],
        }
    }
}
