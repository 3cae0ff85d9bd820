//! The sidebar's state: All/Unread/Starred, saved filters with their counts, feeds with
//! unread counts and errors, and the topics of the current list.

use crate::i18n::Texts;
use crate::model::SavedCount;
use crate::model::{FeedStatus, TopicCount};

/// One line of the sidebar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SidebarEntry {
    All,
    Unread,
    Starred,
    Feed {
        name: String,
        ministry: Option<String>,
        unread: u64,
        /// Articles of the feed in the cache.
        total: u64,
        error: Option<crate::model::Reason>,
    },
    /// A topic with its article count; choosing it filters by the topic.
    Topic {
        name: String,
        count: u64,
    },
    /// A saved filter (`[[filter]]` in the config) with its unread and total counts, and
    /// how many matches are new since it was last looked at.
    Saved {
        name: String,
        query: String,
        unread: u64,
        total: u64,
        new: u64,
    },
}

/// The sidebar: its entries in order and the selected one.
#[derive(Debug, Clone)]
pub struct Sidebar {
    pub entries: Vec<SidebarEntry>,
    pub selected: usize,
}

/// Entries before the saved filters: All, Unread, Starred.
const FIXED: usize = 3;

impl Sidebar {
    /// All, Unread, Starred and the feeds (name, ministry).
    pub fn new(feeds: &[(String, Option<String>)]) -> Self {
        let mut entries = vec![
            SidebarEntry::All,
            SidebarEntry::Unread,
            SidebarEntry::Starred,
        ];
        entries.extend(
            feeds
                .iter()
                .map(|(name, ministry)| feed_entry(name, ministry)),
        );
        Self {
            entries,
            selected: 0,
        }
    }

    /// The saved filters (name, query), after All/Unread/Starred.
    pub fn with_saved(mut self, saved: &[(String, String)]) -> Self {
        let entries = saved
            .iter()
            .map(|(name, query)| saved_entry(name.clone(), query.clone()));
        self.entries.splice(FIXED..FIXED, entries);
        self
    }

    pub fn selected_entry(&self) -> Option<&SidebarEntry> {
        self.entries.get(self.selected)
    }

    /// Selects entry `index`; whether the choice changed (and the list must follow).
    pub fn select(&mut self, index: usize) -> bool {
        let index = index.min(self.entries.len().saturating_sub(1));
        let changed = index != self.selected;
        self.selected = index;
        changed
    }

    pub fn feed_count(&self) -> usize {
        self.entries
            .iter()
            .filter(|e| matches!(e, SidebarEntry::Feed { .. }))
            .count()
    }

    /// A feed added from the TUI, after the other feeds.
    pub fn add_feed(&mut self, name: &str, ministry: &Option<String>) {
        let at = self
            .entries
            .iter()
            .rposition(|e| matches!(e, SidebarEntry::Feed { .. }))
            .map_or(self.entries.len(), |i| i + 1);
        self.insert(at, feed_entry(name, ministry));
    }

    /// The saved filter of that name (any case): its name as saved and its query.
    pub fn saved_filter(&self, name: &str) -> Option<(&str, &str)> {
        self.entries.iter().find_map(|e| match e {
            SidebarEntry::Saved { name: n, query, .. } if n.eq_ignore_ascii_case(name.trim()) => {
                Some((n.as_str(), query.as_str()))
            }
            _ => None,
        })
    }

    /// A saved filter, updated in place when one of that name (any case) exists, else added
    /// after the other saved filters.
    pub fn save_filter(&mut self, name: String, query: String) {
        let existing = self.entries.iter_mut().find_map(|e| match e {
            SidebarEntry::Saved {
                name: n, query: q, ..
            } if n.eq_ignore_ascii_case(&name) => Some(q),
            _ => None,
        });
        match existing {
            Some(q) => *q = query,
            None => {
                let at = self
                    .entries
                    .iter()
                    .rposition(|e| matches!(e, SidebarEntry::Saved { .. }))
                    .map_or(FIXED, |i| i + 1)
                    .min(self.entries.len());
                self.insert(at, saved_entry(name, query));
            }
        }
    }

    /// Inserts an entry, keeping the same entry selected.
    fn insert(&mut self, at: usize, entry: SidebarEntry) {
        self.entries.insert(at, entry);
        if self.selected >= at {
            self.selected += 1;
        }
    }

    /// Replaces the topic entries at the end, keeping a selected topic selected.
    pub fn topics_loaded(&mut self, topics: Vec<TopicCount>) {
        let selected = self.selected_entry().cloned();
        self.entries
            .retain(|e| !matches!(e, SidebarEntry::Topic { .. }));
        self.entries
            .extend(topics.into_iter().map(|t| SidebarEntry::Topic {
                name: t.topic,
                count: t.count,
            }));
        if let Some(SidebarEntry::Topic { name, .. }) = selected {
            let found = self
                .entries
                .iter()
                .position(|e| matches!(e, SidebarEntry::Topic { name: n, .. } if *n == name));
            self.selected = found.unwrap_or(0);
        }
        self.selected = self.selected.min(self.entries.len().saturating_sub(1));
    }

    /// Fresh counts and errors for the feeds and the saved filters (name, unread, total).
    pub fn feeds_loaded(&mut self, statuses: &[FeedStatus], saved: &[SavedCount]) {
        for entry in &mut self.entries {
            match entry {
                SidebarEntry::Saved {
                    name,
                    unread,
                    total,
                    new,
                    ..
                } => {
                    if let Some(count) = saved.iter().find(|c| &c.name == name) {
                        (*unread, *total, *new) = (count.unread, count.total, count.new);
                    }
                }
                SidebarEntry::Feed {
                    name,
                    unread,
                    total,
                    error,
                    ..
                } => {
                    if let Some(status) = statuses.iter().find(|s| &s.name == name) {
                        (*unread, *total) = (status.unread, status.articles);
                        error.clone_from(&status.last_error);
                    }
                }
                _ => {}
            }
        }
    }

    /// A feed's refresh ended: its warning sign follows the outcome.
    pub fn feed_refreshed(&mut self, feed: &str, failure: Option<&crate::model::Reason>) {
        for entry in &mut self.entries {
            if let SidebarEntry::Feed { name, error, .. } = entry {
                if name == feed {
                    error.clone_from(&failure.cloned());
                }
            }
        }
    }

    /// Each entry as a label and its count, ready to draw. Feeds and saved filters count
    /// "unread/total" (as newsboat does), topics the articles of the list. A feed shows its
    /// own name, as the config, `amtsfeed feeds` and `--feed` call it (the article rows show
    /// the ministry).
    pub fn rows(&self, text: &Texts) -> Vec<(String, String)> {
        self.entries
            .iter()
            .map(|entry| match entry {
                SidebarEntry::All => (text.all.to_owned(), String::new()),
                SidebarEntry::Unread => (text.unread.to_owned(), String::new()),
                SidebarEntry::Starred => (text.starred.to_owned(), String::new()),
                SidebarEntry::Saved {
                    name,
                    unread,
                    total,
                    new,
                    ..
                } => {
                    let fresh = if *new > 0 {
                        format!("+{new} ")
                    } else {
                        String::new()
                    };
                    (format!("» {name}"), format!("{fresh}{unread}/{total}"))
                }
                SidebarEntry::Topic { name, count } => (format!("# {name}"), count.to_string()),
                SidebarEntry::Feed {
                    name,
                    unread,
                    total,
                    error,
                    ..
                } => {
                    let warn = if error.is_some() { " ⚠" } else { "" };
                    (name.clone(), format!("{unread}/{total}{warn}"))
                }
            })
            .collect()
    }
}

/// The sidebar's width for rows already computed: the longest label with its count, within
/// limits, and never more than a third of the screen.
pub fn width_for(rows: &[(String, String)], screen_width: u16) -> u16 {
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
    let third = usize::from(screen_width) / 3;
    u16::try_from(wanted.min(third.max(MIN))).unwrap_or(u16::MAX)
}

fn feed_entry(name: &str, ministry: &Option<String>) -> SidebarEntry {
    SidebarEntry::Feed {
        name: name.to_owned(),
        ministry: ministry.clone(),
        unread: 0,
        total: 0,
        error: None,
    }
}

fn saved_entry(name: String, query: String) -> SidebarEntry {
    SidebarEntry::Saved {
        name,
        query,
        unread: 0,
        total: 0,
        new: 0,
    }
}
