//! The TUI's state and the only place it changes: `App::update(Msg) -> Vec<Cmd>`. Pure: no
//! I/O, no terminal, no clock (today is given at start).

use chrono::NaiveDate;
use ratatui::layout::Rect;

use super::keys::Mode;
use super::layout::{self, Pane};
use super::msg::{Cmd, Move, Msg, RefreshMsg, SidebarMsg};
use crate::filter::Filter;
use crate::i18n::{Lang, Texts};
use crate::model::{ArticleId, ArticleSummary};

/// Rows fetched per page of the article list.
pub const PAGE: usize = 200;

/// Digits of a link number kept as typed (more than any article has links).
const MAX_LINK_DIGITS: usize = 40;

/// Refresh progress for the gauge.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    pub done: usize,
    pub total: usize,
}

/// The whole TUI model.
#[derive(Debug, Clone)]
pub struct App {
    today: NaiveDate,
    screen: Rect,
    focus: Pane,
    mode: Mode,
    sidebar: Sidebar,
    /// The article list's own state: rows, selection, filter, dates, timeline.
    list: ArticleList,
    reader: Option<Reader>,
    link_number: String,
    refresh: Option<Progress>,
    /// The status line and the log behind it.
    status: Status,
    mark_read_on_open: bool,
    /// The open prompt, with `Mode::Prompt`.
    prompt: Option<Prompt>,
    /// UI language (its texts: `text()`).
    lang: Lang,
    /// Write OSC 8 hyperlinks for the URLs in the reader.
    hyperlinks: bool,
    /// `y`/`Y` may put text on the clipboard (OSC 52); else the status line shows it.
    clipboard: bool,
    /// The zone dates are shown in.
    zone: crate::model::Zone,
    /// The ministries and their earlier names, for `ministerium:` in the filter.
    ministries: crate::model::Ministries,
    /// Feeds whose full text is off (`full_text = false`): their teaser-only note says so.
    full_text_off: std::collections::HashSet<String>,
    /// What `y`/`Y` copied when the clipboard is off: (what, text), shown whole.
    copied: Option<(String, String)>,
    /// The processes in parliament of recent articles (`P`), once loaded, and the first shown.
    processes: Option<Vec<(crate::model::reference::Process, usize)>>,
    processes_scroll: usize,
    /// The source catalogue overlay (`C`).
    catalogue: catalogue::Catalogue,
    dirty: bool,
    should_quit: bool,
}

/// What the view and the terminal loop read; only `update` changes the state.
impl App {
    pub fn screen(&self) -> Rect {
        self.screen
    }
    pub fn focus(&self) -> Pane {
        self.focus
    }
    pub fn mode(&self) -> Mode {
        self.mode
    }
    pub fn sidebar(&self) -> &Sidebar {
        &self.sidebar
    }
    pub fn list(&self) -> &ArticleList {
        &self.list
    }
    pub fn reader(&self) -> Option<&Reader> {
        self.reader.as_ref()
    }
    pub fn link_number(&self) -> &str {
        &self.link_number
    }
    pub fn refresh(&self) -> Option<Progress> {
        self.refresh
    }
    pub fn status(&self) -> &Status {
        &self.status
    }
    pub fn prompt(&self) -> Option<&Prompt> {
        self.prompt.as_ref()
    }
    pub fn lang(&self) -> Lang {
        self.lang
    }
    pub fn hyperlinks(&self) -> bool {
        self.hyperlinks
    }
    pub fn zone(&self) -> crate::model::Zone {
        self.zone
    }
    pub fn catalogue(&self) -> &catalogue::Catalogue {
        &self.catalogue
    }
    pub fn processes(&self) -> Option<&[(crate::model::reference::Process, usize)]> {
        self.processes.as_deref()
    }
    /// The first process the overlay shows.
    pub fn processes_scroll(&self) -> usize {
        self.processes_scroll
    }
    pub fn copied(&self) -> Option<(&str, &str)> {
        self.copied.as_ref().map(|(w, t)| (w.as_str(), t.as_str()))
    }
    pub fn should_quit(&self) -> bool {
        self.should_quit
    }
    /// The time now, given by the loop (the app reads no clock): messages and log lines
    /// carry it, and a status message past its time leaves (the screen then needs drawing).
    pub fn set_clock(&mut self, now: chrono::DateTime<chrono::Utc>) {
        self.status.now = now;
        if self.status.expire() {
            self.dirty = true;
        }
    }
    /// Whether the status line shows a message that will leave (the loop wakes for it).
    pub fn has_message(&self) -> bool {
        self.status.message.is_some()
    }
    /// Whether the screen needs drawing; cleared by asking.
    pub fn take_dirty(&mut self) -> bool {
        std::mem::take(&mut self.dirty)
    }
}

impl App {
    /// A new app; `start` returns the first loads.
    pub fn new(
        today: NaiveDate,
        screen: Rect,
        feed_names: &[(String, Option<String>)],
        mark_read_on_open: bool,
    ) -> Self {
        Self {
            today,
            screen,
            focus: Pane::List,
            mode: Mode::Normal,
            sidebar: Sidebar::new(feed_names),
            list: ArticleList::new(),
            reader: None,
            link_number: String::new(),
            refresh: None,
            status: Status::default(),
            mark_read_on_open,
            prompt: None,
            lang: Lang::Neutral,
            hyperlinks: false,
            clipboard: false,
            zone: crate::model::Zone::Local,
            ministries: crate::model::Ministries::default(),
            catalogue: catalogue::Catalogue::default(),
            copied: None,
            processes: None,
            processes_scroll: 0,
            full_text_off: Default::default(),
            dirty: true,
            should_quit: false,
        }
    }

    /// The UI texts in the app's language.
    pub fn text(&self) -> &'static Texts {
        self.lang.texts()
    }

    /// The UI language.
    pub fn with_language(mut self, lang: Lang) -> Self {
        self.lang = lang;
        self
    }

    pub fn with_hyperlinks(mut self, on: bool) -> Self {
        self.hyperlinks = on;
        self
    }

    /// The ministry table the filter resolves earlier names with.
    pub fn with_ministries(mut self, ministries: crate::model::Ministries) -> Self {
        self.ministries = ministries;
        self
    }

    pub fn with_clipboard(mut self, on: bool) -> Self {
        self.clipboard = on;
        self
    }

    /// Shows dates in `zone` instead of the system's.
    pub fn with_zone(mut self, zone: crate::model::Zone) -> Self {
        self.zone = zone;
        self
    }

    /// Config entries that were ignored (`[keys]`, `[theme]`): kept in the log (`L`) and
    /// announced once in the status line.
    pub fn with_config_warnings(mut self, warnings: Vec<String>) -> Self {
        if let Some(first) = warnings.first() {
            // The warnings are in the log already; the status line only announces them.
            let text = if warnings.len() == 1 {
                format!("{}: {first}", self.text().config_warnings)
            } else {
                format!(
                    "{}: {first} (+{} → L)",
                    self.text().config_warnings,
                    warnings.len() - 1
                )
            };
            self.status.notify(text);
        }
        let label = self.text().config_warnings;
        for warning in warnings {
            self.status.log_error(format!("{label}: {warning}"));
        }
        self
    }

    /// The feeds (by name) whose article pages are not fetched for their full text.
    pub fn with_full_text_off(mut self, feeds: impl IntoIterator<Item = String>) -> Self {
        self.full_text_off = feeds.into_iter().collect();
        self
    }

    /// Adds saved filters (name, query) to the sidebar, after All/Unread/Starred.
    pub fn with_saved_filters(mut self, saved: &[(String, String)]) -> Self {
        self.sidebar = self.sidebar.with_saved(saved);
        self
    }

    /// The commands to run at start: cached feeds and the first page of articles.
    pub fn start(&mut self, refresh_on_start: bool) -> Vec<Cmd> {
        // The list first: it is what the first frame needs.
        let mut cmds = vec![self.reload(), Cmd::LoadFeeds];
        if refresh_on_start {
            cmds.extend(self.update(Msg::Refresh(RefreshMsg::All)));
        }
        cmds
    }

    /// The filter in effect: the filter bar, the sidebar choice and the quick range.
    pub fn effective_filter(&self) -> Filter {
        self.list.effective_filter(&self.list_ctx())
    }

    /// What the list needs from the rest of the app: the day, the zone, the sidebar's choice.
    fn list_ctx(&self) -> ListCtx<'_> {
        ListCtx {
            today: self.today,
            lang: self.lang,
            zone: self.zone,
            sidebar: self.sidebar.selected_entry(),
            ministries: &self.ministries,
        }
    }

    /// The list to change, with its context borrowed from the rest of the app alongside.
    fn list_and_ctx(&mut self) -> (&mut ArticleList, ListCtx<'_>) {
        let ctx = ListCtx {
            today: self.today,
            lang: self.lang,
            zone: self.zone,
            sidebar: self.sidebar.selected_entry(),
            ministries: &self.ministries,
        };
        (&mut self.list, ctx)
    }

    /// The sidebar's width for its content on this screen.
    pub fn sidebar_width(&self) -> u16 {
        sidebar::width_for(&self.sidebar.rows(self.text()), self.screen.width)
    }

    /// Whether there is a timeline to show above the list.
    pub fn has_timeline(&self) -> bool {
        self.list
            .timeline
            .as_ref()
            .is_some_and(|t| !t.bars.is_empty())
    }

    /// The keywords of the filter in effect, to highlight in the list and the reader.
    pub fn highlight_terms(&self) -> &[crate::filter::word::Term] {
        &self.list.highlight
    }

    /// The selected article row.
    pub fn selected_row(&self) -> Option<&ArticleSummary> {
        self.list.rows.get(self.list.selected)
    }

    /// Applies one message; returns the side effects to run. Routing only: each room
    /// handles its own messages.
    pub fn update(&mut self, msg: Msg) -> Vec<Cmd> {
        self.dirty = true;
        match msg {
            Msg::Quit => self.quit(),
            Msg::Resized(w, h) => self.resized(w, h),
            Msg::ToggleHelp => self.toggle_overlay(Mode::Help),
            Msg::ToggleLog => self.toggle_overlay(Mode::Log),
            Msg::ToggleProcesses => {
                self.toggle_overlay(Mode::Processes);
                if self.mode == Mode::Processes {
                    vec![Cmd::LoadProcesses]
                } else {
                    vec![]
                }
            }
            Msg::ProcessesLoaded(found) => {
                self.processes = Some(found);
                self.processes_scroll = 0;
                vec![]
            }
            Msg::Catalogue(msg) => self.catalogue_msg(msg),
            Msg::Move(step) => self.navigate(step),
            Msg::FocusNext | Msg::FocusRight => self.focus_step(1),
            Msg::FocusPrev | Msg::FocusLeft => self.focus_step(-1),
            Msg::Activate => self.activate(),
            Msg::Back => self.back(),
            Msg::NextArticle => self.step_article(1),
            Msg::NextUnread => self.next_unread(),
            Msg::PrevArticle => self.step_article(-1),
            Msg::OpenArticleLink => self.open_link(),
            Msg::CopyCitation | Msg::CopyLink | Msg::CitationReady(_) => self.copy_msg(msg),
            Msg::Alerts(alerts) => self.alerts(&alerts),
            Msg::StartLinkNumber => self.link_digit(None),
            Msg::Digit(d) => self.link_digit(Some(d)),
            Msg::StartFilter | Msg::FilterSubmit | Msg::FilterCancel => self.filter_mode(&msg),
            Msg::Click(x, y) => self.click(x, y),
            Msg::DayChanged(today) => self.day_changed(today),
            Msg::List(msg) if self.list.is_stale(&msg) => self.drop_stale(),
            Msg::List(msg) => self.list_msg(msg),
            Msg::Reader(msg) => self.reader_msg(msg),
            Msg::Sidebar(msg) => self.sidebar_msg(msg),
            Msg::Prompt(msg) => self.prompt_msg(msg),
            Msg::Refresh(msg) => self.refresh_msg(msg),
            Msg::StateStored { ids, read, starred } => self.state_stored(&ids, read, starred),
            Msg::ListMarkedRead(marked) => self.list_marked_read(marked),
            Msg::WorkerFailed(e) => self.worker_failed(e),
            Msg::LinkOpened(result) => self.link_opened(result),
        }
    }

    fn quit(&mut self) -> Vec<Cmd> {
        self.should_quit = true;
        vec![]
    }

    fn resized(&mut self, width: u16, height: u16) -> Vec<Cmd> {
        self.screen = Rect::new(0, 0, width, height);
        self.rewrap()
    }

    fn open_link(&mut self) -> Vec<Cmd> {
        self.reader_or_selected_link()
            .map(Cmd::OpenLink)
            .into_iter()
            .collect()
    }

    fn worker_failed(&mut self, error: String) -> Vec<Cmd> {
        self.list.loading = false;
        self.set_error(error);
        vec![]
    }

    /// A sidebar entry was chosen: the list follows, and a saved filter counts as looked at
    /// (its matches are no longer new).
    fn sidebar_chosen(&mut self) -> Vec<Cmd> {
        let mut cmds = vec![self.reload()];
        if let Some(SidebarEntry::Saved { name, .. }) = self.sidebar.selected_entry() {
            cmds.push(Cmd::MarkFilterSeen(name.clone()));
        }
        cmds
    }

    /// A reply to a list that is no longer shown: nothing changes, nothing is drawn.
    fn drop_stale(&mut self) -> Vec<Cmd> {
        self.dirty = false;
        vec![]
    }

    fn toggle_overlay(&mut self, overlay: Mode) -> Vec<Cmd> {
        self.mode = if self.mode == overlay {
            Mode::Normal
        } else {
            overlay
        };
        vec![]
    }

    /// `f` starts a link number (`None`), and digits extend it.
    fn link_digit(&mut self, digit: Option<u8>) -> Vec<Cmd> {
        if self.mode != Mode::LinkNumber || digit.is_none() {
            self.mode = Mode::LinkNumber;
            self.link_number.clear();
        }
        if let Some(d) = digit {
            // Any length is taken (a number too long for any article says "no link" with
            // what was typed); past 40 digits only that it went on is kept.
            if self.link_number.len() < MAX_LINK_DIGITS {
                self.link_number.push(char::from(b'0' + d.min(9)));
            } else if !self.link_number.ends_with('…') {
                self.link_number.push('…');
            }
        }
        vec![]
    }

    fn next_unread(&mut self) -> Vec<Cmd> {
        let below = self
            .list
            .selected
            .saturating_add(1)
            .min(self.list.rows.len());
        match self.list.rows[below..].iter().position(|r| !r.read) {
            Some(offset) => self.step_article(offset as i64 + 1),
            None => {
                self.notify(self.text().no_more_unread);
                vec![]
            }
        }
    }

    fn day_changed(&mut self, today: NaiveDate) -> Vec<Cmd> {
        if today == self.today {
            return vec![];
        }
        self.today = today;
        let (list, ctx) = self.list_and_ctx();
        vec![list.day_changed(&ctx), Cmd::LoadFeeds]
    }

    fn sidebar_msg(&mut self, msg: SidebarMsg) -> Vec<Cmd> {
        match msg {
            SidebarMsg::FacetsLoaded { generation, .. } if generation != self.list.generation => {
                return self.drop_stale();
            }
            SidebarMsg::FeedsLoaded(statuses, saved) => {
                self.sidebar.feeds_loaded(&statuses, &saved);
            }
            SidebarMsg::FacetsLoaded { topics, .. } => self.sidebar.topics_loaded(topics),
        }
        vec![]
    }

    fn link_opened(&mut self, result: Result<(), String>) -> Vec<Cmd> {
        match result {
            Ok(()) => self.notify(self.text().opened_in_browser),
            Err(e) => self.set_error(e),
        }
        vec![]
    }

    /// An error in the status line and the log.
    fn set_error(&mut self, error: String) {
        self.status.error(self.lang.error_word(), error);
    }

    /// A notice in the status line.
    fn notify(&mut self, text: impl Into<String>) {
        self.status.notify(text);
    }

    fn navigate(&mut self, msg: Move) -> Vec<Cmd> {
        let page = layout::list_rows(self.screen).max(2) - 1;
        if self.mode == Mode::Processes {
            let last = self
                .processes
                .as_ref()
                .map_or(0, |p| p.len().saturating_sub(1));
            self.processes_scroll = step(self.processes_scroll, last, msg, page / 3 + 1);
            return vec![];
        }
        match self.focus {
            Pane::Sidebar => {
                let last = self.sidebar.entries.len().saturating_sub(1);
                if self
                    .sidebar
                    .select(step(self.sidebar.selected, last, msg, page))
                {
                    return self.sidebar_chosen();
                }
                vec![]
            }
            Pane::Reader if self.reader.is_some() => {
                let height = usize::from(self.screen.height.saturating_sub(5)).max(1);
                if let Some(reader) = &mut self.reader {
                    let last = reader.line_count().saturating_sub(height);
                    reader.scroll = step(reader.scroll, last, msg, height.saturating_sub(1).max(1));
                }
                vec![]
            }
            _ => {
                // The ends of the whole list, not only of the rows loaded so far.
                match msg {
                    Move::Bottom => return self.jump_to_end().into_iter().collect(),
                    Move::Top if self.list.base > 0 => return vec![self.reload()],
                    _ => {}
                }
                let last = self.list.rows.len().saturating_sub(1);
                self.list.selected = step(self.list.selected, last, msg, page);
                self.load_more().into_iter().collect()
            }
        }
    }

    fn focus_step(&mut self, delta: i8) -> Vec<Cmd> {
        let order: Vec<Pane> = if self.reader.is_some() {
            vec![Pane::Sidebar, Pane::List, Pane::Reader]
        } else {
            vec![Pane::Sidebar, Pane::List]
        };
        let at = order.iter().position(|p| *p == self.focus).unwrap_or(1);
        let next = (at as i64 + i64::from(delta)).clamp(0, order.len() as i64 - 1) as usize;
        self.focus = order[next];
        vec![]
    }

    fn activate(&mut self) -> Vec<Cmd> {
        if self.mode == Mode::LinkNumber {
            return self.open_numbered_link();
        }
        match self.focus {
            Pane::Sidebar => {
                self.focus = Pane::List;
                vec![]
            }
            Pane::List => self.open_selected(),
            Pane::Reader => vec![],
        }
    }

    /// What an empty list says, by why it is empty: a failing feed chosen in the sidebar
    /// says its error; a cache that holds nothing yet says how to fill it; a narrowed list
    /// says how to widen it.
    pub fn empty_list_text(&self) -> String {
        let t = self.text();
        if let Some(SidebarEntry::Feed {
            name,
            error: Some(reason),
            ..
        }) = self.sidebar.selected_entry()
        {
            return crate::i18n::fill(
                t.empty_feed_failed,
                &[
                    ("name", &crate::text::clean_inline(name)),
                    ("reason", &self.lang.reason(reason)),
                ],
            );
        }
        let nothing_stored = self
            .sidebar
            .entries
            .iter()
            .all(|e| !matches!(e, SidebarEntry::Feed { total, .. } if *total > 0));
        if nothing_stored {
            return t.empty_cache.to_owned();
        }
        if self.narrowing().is_empty() {
            t.no_articles.to_owned()
        } else {
            t.empty_narrowed.to_owned()
        }
    }

    /// What narrows the list, in words, for the filter bar: the filter typed, the sidebar's
    /// choice, the quick range, the timeline's zoom. Empty when the list shows everything.
    pub fn narrowing(&self) -> Vec<String> {
        let t = self.text();
        let mut parts = Vec::new();
        if !self.list.filter_text.is_empty() {
            parts.push(self.list.filter_text.clone());
        }
        let name = |pattern: &str, name: &str| crate::i18n::fill(pattern, &[("name", &name)]);
        match self.sidebar.selected_entry() {
            Some(SidebarEntry::Unread) => parts.push(t.unread.to_owned()),
            Some(SidebarEntry::Starred) => parts.push(t.starred.to_owned()),
            Some(SidebarEntry::Feed { name: n, .. }) => parts.push(name(t.narrowed_feed, n)),
            Some(SidebarEntry::Topic { name: n, .. }) => parts.push(name(t.narrowed_topic, n)),
            Some(SidebarEntry::Saved { name: n, .. }) => parts.push(name(t.narrowed_saved, n)),
            Some(SidebarEntry::All) | None => {}
        }
        match self.list.quick {
            crate::tui::msg::QuickRange::Today => parts.push(t.today.to_owned()),
            crate::tui::msg::QuickRange::Week => parts.push(t.days7.to_owned()),
            crate::tui::msg::QuickRange::Month => parts.push(t.days30.to_owned()),
            crate::tui::msg::QuickRange::All => {}
        }
        if let Some((from, to)) = self.list.zoom.last() {
            parts.push(format!(
                "{} – {}",
                self.lang.date(*from),
                self.lang.date(*to)
            ));
        }
        parts
    }

    /// Takes away everything that narrows the list (Esc in the list): the filter, the
    /// sidebar's choice, the quick range, the zoom. Whether there was anything.
    fn clear_narrowing(&mut self) -> bool {
        if self.narrowing().is_empty() {
            return false;
        }
        self.list.clear_filter();
        self.sidebar.select(0);
        self.list.quick = crate::tui::msg::QuickRange::All;
        self.list.zoom.clear();
        true
    }

    fn back(&mut self) -> Vec<Cmd> {
        match self.mode {
            Mode::Help
            | Mode::Log
            | Mode::Processes
            | Mode::Copied
            | Mode::Catalogue
            | Mode::LinkNumber
            | Mode::Filter
            | Mode::Prompt => {
                self.mode = Mode::Normal;
                self.link_number.clear();
                self.prompt = None;
                return vec![];
            }
            Mode::Normal => {}
        }
        match self.focus {
            Pane::Reader => {
                self.focus = Pane::List;
                self.reader = None;
            }
            Pane::List if self.reader.is_some() => self.reader = None,
            // Esc in the list takes away what narrows it; in a list of everything it goes
            // to the sidebar.
            Pane::List => {
                if self.clear_narrowing() {
                    return vec![self.reload()];
                }
                self.focus = Pane::Sidebar;
            }
            Pane::Sidebar => {}
        }
        vec![]
    }

    fn open_selected(&mut self) -> Vec<Cmd> {
        let Some(row) = self.list.rows.get_mut(self.list.selected) else {
            return vec![];
        };
        let id = row.id;
        self.focus = Pane::Reader;
        let mut cmds = vec![Cmd::LoadArticle(id)];
        if self.mark_read_on_open && !row.read {
            row.read = true;
            cmds.push(Cmd::SetRead(vec![id], true));
            cmds.push(Cmd::LoadFeeds);
        }
        cmds
    }

    fn step_article(&mut self, delta: i64) -> Vec<Cmd> {
        if self.list.rows.is_empty() {
            return vec![];
        }
        let next =
            (self.list.selected as i64 + delta).clamp(0, self.list.rows.len() as i64 - 1) as usize;
        if next == self.list.selected {
            return vec![];
        }
        self.list.selected = next;
        let mut cmds = self.load_more().into_iter().collect::<Vec<_>>();
        if self.reader.is_some() || self.focus == Pane::Reader {
            cmds.extend(self.open_selected());
        }
        cmds
    }

    /// What the cache stored wins over whatever a list load brought in the meantime.
    fn state_stored(
        &mut self,
        ids: &[ArticleId],
        read: Option<bool>,
        starred: Option<bool>,
    ) -> Vec<Cmd> {
        self.list.state_stored(ids, read, starred);
        if let Some(reader) = self.reader.as_mut() {
            let a = &mut reader.article.summary;
            if ids.contains(&a.id) {
                a.read = read.unwrap_or(a.read);
                a.starred = starred.unwrap_or(a.starred);
            }
        }
        vec![]
    }

    fn list_marked_read(&mut self, marked: usize) -> Vec<Cmd> {
        let read = self.text().marked_as[0];
        self.notify(crate::i18n::fill(
            self.text().marked,
            &[("n", &marked), ("what", &read)],
        ));
        vec![]
    }

    fn click(&mut self, x: u16, y: u16) -> Vec<Cmd> {
        let mut areas = layout::areas(
            self.screen,
            self.focus,
            self.reader.is_some(),
            self.sidebar_width(),
        );
        if self.has_timeline() {
            areas.list = areas.list.map(|list| layout::split_timeline(list).1);
        }
        let inside = |r: Option<Rect>| {
            r.filter(|r| x >= r.x && x < r.right() && y > r.y && y + 1 < r.bottom())
        };
        if let Some(side) = inside(areas.sidebar) {
            let index = usize::from(y - side.y - 1);
            if index < self.sidebar.entries.len() {
                self.focus = Pane::Sidebar;
                if self.sidebar.select(index) {
                    return self.sidebar_chosen();
                }
            }
            return vec![];
        }
        if let Some(list) = inside(areas.list) {
            let first = first_visible(
                self.list.selected,
                usize::from(list.height.saturating_sub(2)),
            );
            let index = first + usize::from(y - list.y - 1);
            if index < self.list.rows.len() {
                self.focus = Pane::List;
                self.list.selected = index;
                return self.open_selected();
            }
            return vec![];
        }
        if let (Some(reader_area), Some(reader)) = (inside(areas.reader), &self.reader) {
            self.focus = Pane::Reader;
            let line = reader.scroll + usize::from(y - reader_area.y - 1);
            if let Some(link) = reader::link_at(
                reader,
                line,
                usize::from(x.saturating_sub(reader_area.x + 2)),
            ) {
                return vec![Cmd::OpenLink(link)];
            }
        }
        vec![]
    }
}

/// The first row shown so that `selected` is visible in `height` rows.
pub fn first_visible(selected: usize, height: usize) -> usize {
    selected.saturating_sub(height.saturating_sub(1))
}

fn step(current: usize, last: usize, msg: Move, page: usize) -> usize {
    match msg {
        Move::Up | Move::ScrollUp => current.saturating_sub(1),
        Move::Down | Move::ScrollDown => (current + 1).min(last),
        Move::PageUp => current.saturating_sub(page),
        Move::PageDown => (current + page).min(last),
        Move::Top => 0,
        Move::Bottom => last,
    }
}

pub mod catalogue;
pub mod changes;
mod copy;
mod list;
mod prompt;
mod reader;
mod refresh;
mod sidebar;
mod status;

pub use list::{ArticleList, ListCtx};
pub use prompt::Prompt;
pub use sidebar::{width_for as sidebar_width_for, Sidebar, SidebarEntry};
pub use status::{Status, StatusMessage};

pub use reader::{render_body, render_reply, Reader};

#[cfg(test)]
mod tests;

#[cfg(test)]
impl App {
    /// `update`, then what the worker does with the reader's render commands (renders the
    /// body and replies), for tests that look at the reader's text.
    pub(crate) fn update_rendering(&mut self, msg: Msg) -> Vec<Cmd> {
        let mut rest = Vec::new();
        for cmd in self.update(msg) {
            match cmd {
                Cmd::RenderArticle {
                    id,
                    width,
                    html,
                    base,
                } => rest.extend(self.update(render_reply(id, width, &html, base.as_deref()))),
                other => rest.push(other),
            }
        }
        rest
    }
}
