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

    pub(super) fn feeds_loaded(&mut self, statuses: &[FeedStatus], saved: &[(String, u64, u64)]) {
        for entry in &mut self.sidebar {
            if let SidebarEntry::Saved {
                name,
                unread,
                total,
                ..
            } = entry
            {
                if let Some((_, u, t)) = saved.iter().find(|(n, _, _)| n == name) {
                    (*unread, *total) = (*u, *t);
                }
            }
        }
        for entry in &mut self.sidebar {
            if let SidebarEntry::Feed {
                name,
                unread,
                total,
                error,
                ..
            } = entry
            {
                if let Some(status) = statuses.iter().find(|s| &s.name == name) {
                    (*unread, *total) = (status.unread, status.articles);
                    error.clone_from(&status.last_error);
                }
            }
        }
    }

    /// Each sidebar entry as a label and its count, ready to draw. Feeds and saved filters
    /// count "unread/total" (as newsboat does), topics the articles of the list. Feeds show
    /// their ministry when it names them alone; two entries never share a label.
    pub fn sidebar_rows(&self) -> Vec<(String, String)> {
        let short = |name: &str, ministry: &Option<String>| -> String {
            match ministry {
                Some(m) if !name.starts_with(m.as_str()) => m.clone(),
                _ => name.to_owned(),
            }
        };
        let short_labels: Vec<Option<String>> = self
            .sidebar
            .iter()
            .map(|e| match e {
                SidebarEntry::Feed { name, ministry, .. } => Some(short(name, ministry)),
                _ => None,
            })
            .collect();
        // How many feeds share each short label (case-insensitively): one pass, not one per
        // feed, as this runs for every frame.
        let mut uses: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
        for label in short_labels.iter().flatten() {
            *uses.entry(label.to_lowercase()).or_default() += 1;
        }
        let shared = |label: &str| uses.get(&label.to_lowercase()).is_some_and(|n| *n > 1);
        self.sidebar
            .iter()
            .zip(&short_labels)
            .map(|(entry, short)| match entry {
                SidebarEntry::All => (self.text().all.to_owned(), String::new()),
                SidebarEntry::Unread => (self.text().unread.to_owned(), String::new()),
                SidebarEntry::Starred => (self.text().starred.to_owned(), String::new()),
                SidebarEntry::Saved {
                    name,
                    unread,
                    total,
                    ..
                } => (format!("» {name}"), format!("{unread}/{total}")),
                SidebarEntry::Topic { name, count } => (format!("# {name}"), count.to_string()),
                SidebarEntry::Feed {
                    name,
                    unread,
                    total,
                    error,
                    ..
                } => {
                    // Two feeds of one ministry: their own names tell them apart.
                    let label = match short {
                        Some(s) if !shared(s) => s.clone(),
                        _ => name.clone(),
                    };
                    let warn = if error.is_some() { " ⚠" } else { "" };
                    (label, format!("{unread}/{total}{warn}"))
                }
            })
            .collect()
    }

    /// The sidebar's width for its content: the longest label with its count, within
    /// limits, and never more than a third of the screen.
    pub fn sidebar_width(&self) -> u16 {
        self.sidebar_width_for(&self.sidebar_rows())
    }

    /// `sidebar_width` for rows already computed (a frame computes them once).
    pub fn sidebar_width_for(&self, rows: &[(String, String)]) -> u16 {
        use unicode_width::UnicodeWidthStr;
        const MIN: usize = 18;
        const MAX: usize = 44;
        let widest = rows
            .iter()
            .map(|(label, count)| label.width() + 1 + count.width())
            .max()
            .unwrap_or(0);
        // Borders, and a column of air before the counts.
        let wanted = (widest + 3).clamp(MIN, MAX);
        let third = usize::from(self.screen.width) / 3;
        u16::try_from(wanted.min(third.max(MIN))).unwrap_or(u16::MAX)
    }

    pub(super) fn feed_refreshed(&mut self, report: crate::refresh::FeedReport) -> Vec<Cmd> {
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
            Err(e) => format!("{}: {}: {e}", report.name, self.lang.error_word()),
        };
        self.status.log.push(line);
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
                let text = format!("{}: {}", report.name, self.lang.reason(&e));
                self.status.show_error(text);
                vec![]
            }
            Ok(FeedChange::Stored(c)) if c.new + c.updated > 0 => {
                vec![Cmd::LoadFeeds, self.reload(false)]
            }
            Ok(_) => vec![],
        }
    }
}
