//! The article list's state: the filter bar, quick date ranges, the timeline and its zoom,
//! and the pages, total, facets and timeline the worker loads for the list.

use chrono::NaiveDate;

use super::{App, PAGE};
use crate::filter::{ArticleQuery, Filter};
use crate::model::{ArticleId, ArticleSummary, Timeline};
use crate::tui::keys::Mode;
use crate::tui::line_input::{Edit, LineInput};
use crate::tui::msg::{Cmd, ListMsg, Msg, Placement, QuickRange};

/// The longest filter the bar takes.
const MAX_FILTER_INPUT: usize = 2000;

/// The article list's state: the rows loaded so far and the selection, the filter being typed
/// and the one in effect, the quick date range, the timeline and its zoom. The first of the
/// rooms `App` is made of.
#[derive(Debug, Clone)]
pub struct ArticleList {
    /// The loaded window of the list: `rows[0]` is its article number `base` (from 0).
    pub rows: Vec<ArticleSummary>,
    pub base: usize,
    /// The end was asked for (G, End) while the total was still being counted.
    pub to_end: bool,
    pub total: u64,
    /// The first page is shown and the total is still being counted (shown as "200+").
    pub counting: bool,
    pub selected: usize,
    pub loading: bool,
    /// Replies of older loads carry an older generation and are dropped.
    pub generation: u64,
    /// What is typed in the filter bar.
    pub filter_input: LineInput,
    /// The last filter-bar text that parsed, and what it parsed to (once, as it was typed).
    pub filter_text: String,
    pub filter: Filter,
    pub filter_error: Option<String>,
    pub quick: QuickRange,
    /// Articles per bucket for the current list, and the selected bar.
    pub timeline: Option<Timeline>,
    pub bar: usize,
    /// Date ranges zoomed into from the timeline, innermost last.
    pub zoom: Vec<(NaiveDate, NaiveDate)>,
    /// The keywords of the list being shown, highlighted in list and reader.
    pub highlight: Vec<crate::filter::word::Term>,
}

impl ArticleList {
    pub fn new() -> Self {
        Self {
            rows: Vec::new(),
            base: 0,
            to_end: false,
            total: 0,
            counting: false,
            selected: 0,
            loading: false,
            generation: 0,
            filter_input: LineInput::new(MAX_FILTER_INPUT),
            filter_text: String::new(),
            filter: Filter::default(),
            filter_error: None,
            quick: QuickRange::All,
            timeline: None,
            bar: 0,
            zoom: Vec::new(),
            highlight: Vec::new(),
        }
    }
}

/// What the list needs from the rest of the app to build its query: the day relative dates
/// count from, the zone its day bounds are in, and the sidebar's choice (a feed, a topic, a
/// saved filter, unread, starred).
pub struct ListCtx<'a> {
    pub today: NaiveDate,
    /// The language filter errors are worded in.
    pub lang: crate::i18n::Lang,
    pub zone: crate::model::Zone,
    pub sidebar: Option<&'a super::SidebarEntry>,
    /// Earlier names of ministries (`ministerium:BMWK`) mean the current ones.
    pub ministries: &'a crate::model::Ministries,
}

impl ArticleList {
    /// The filter in effect: the filter bar, the sidebar's choice, the quick range, the zoom.
    pub fn effective_filter(&self, ctx: &ListCtx<'_>) -> Filter {
        use super::SidebarEntry;
        let mut filter = self.filter.clone();
        match ctx.sidebar {
            Some(SidebarEntry::Unread) => filter.unread = true,
            Some(SidebarEntry::Starred) => filter.starred = true,
            Some(SidebarEntry::Feed { name, .. }) => filter.feed = Some(name.clone()),
            Some(SidebarEntry::Topic { name, .. }) => filter.keywords.push(name.clone()),
            Some(SidebarEntry::Saved { query, .. }) => {
                if let Ok(saved) = Filter::parse(query, ctx.today) {
                    filter.merge(saved);
                }
            }
            _ => {}
        }
        let since = match self.quick {
            QuickRange::Today => Some(ctx.today),
            QuickRange::Week => ctx.today.checked_sub_days(chrono::Days::new(6)),
            QuickRange::Month => ctx.today.checked_sub_days(chrono::Days::new(29)),
            QuickRange::All => None,
        };
        if since.is_some() {
            filter.since = since;
        }
        if let Some((from, to)) = self.zoom.last() {
            filter.since = Some(*from);
            filter.until = Some(*to);
        }
        filter.resolve_ministries(ctx.ministries);
        filter
    }

    /// Whether `msg` answers an older list than the one shown (and is to be dropped).
    pub fn is_stale(&self, msg: &ListMsg) -> bool {
        match msg {
            ListMsg::ArticlesLoaded { generation, .. }
            | ListMsg::TotalLoaded { generation, .. }
            | ListMsg::TimelineLoaded { generation, .. } => *generation != self.generation,
            _ => false,
        }
    }

    /// The list's messages; replies to older lists are dropped by the caller (`is_stale`).
    pub fn update(&mut self, msg: ListMsg, ctx: &ListCtx<'_>) -> Vec<Cmd> {
        match msg {
            ListMsg::FilterChar(c) => self.filter_edit(Edit::Insert(c), ctx),
            ListMsg::FilterBackspace => self.filter_edit(Edit::Backspace, ctx),
            ListMsg::FilterEdit(edit) => self.filter_edit(edit, ctx),
            ListMsg::QuickRange(range) => {
                self.quick = range;
                vec![self.reload(ctx)]
            }
            ListMsg::TimelineStep(delta) => {
                let last = self
                    .timeline
                    .as_ref()
                    .map_or(0, |t| t.bars.len().saturating_sub(1));
                self.bar = (self.bar as i64 + i64::from(delta)).clamp(0, last as i64) as usize;
                vec![]
            }
            ListMsg::ZoomIn => self.zoom_in(ctx),
            ListMsg::ZoomOut => match self.zoom.pop() {
                Some(_) => vec![self.reload(ctx)],
                None => vec![],
            },
            ListMsg::ToggleRead => self.toggle_read(),
            ListMsg::ToggleStar => self.toggle_star(),
            ListMsg::MarkAllRead => self.mark_all_read(ctx),
            ListMsg::ArticlesLoaded {
                rows,
                total,
                placement,
                ..
            } => {
                self.articles_loaded(rows, total, placement);
                vec![]
            }
            ListMsg::TotalLoaded { total, .. } => {
                self.counting = false;
                self.total = total.max((self.base + self.rows.len()) as u64);
                if std::mem::take(&mut self.to_end) {
                    return self.jump_to_end(ctx).into_iter().collect();
                }
                self.load_more(ctx).into_iter().collect()
            }
            ListMsg::TimelineLoaded { timeline, .. } => {
                self.bar = timeline.bars.len().saturating_sub(1);
                self.timeline = Some(timeline);
                vec![]
            }
        }
    }

    fn zoom_in(&mut self, ctx: &ListCtx<'_>) -> Vec<Cmd> {
        let range = self
            .timeline
            .as_ref()
            .and_then(|t| t.bars.get(self.bar).map(|(day, _)| t.bucket.range(*day)));
        match range {
            Some(range) if self.zoom.last() != Some(&range) => {
                self.zoom.push(range);
                vec![self.reload(ctx)]
            }
            _ => vec![],
        }
    }

    /// One edit of the filter bar; the list follows only when the text changed.
    fn filter_edit(&mut self, edit: Edit, ctx: &ListCtx<'_>) -> Vec<Cmd> {
        if !self.filter_input.apply(edit) {
            return vec![];
        }
        match Filter::parse(&self.filter_input, ctx.today) {
            Ok(filter) => {
                self.filter_error = None;
                self.filter_text = self.filter_input.to_string();
                self.filter = filter;
                vec![self.reload(ctx)]
            }
            Err(e) => {
                // Keep the last good list on screen; show why this text does not parse.
                self.filter_error = Some(e.in_language(ctx.lang));
                vec![]
            }
        }
    }

    /// Relative dates in the filter ("seit:2w", "heute") count from a new day.
    pub fn day_changed(&mut self, ctx: &ListCtx<'_>) -> Cmd {
        if let Ok(filter) = Filter::parse(&self.filter_text, ctx.today) {
            self.filter = filter;
        }
        self.reload(ctx)
    }

    /// Clears the filter bar; whether a filter was in effect (and the list must follow).
    pub fn clear_filter(&mut self) -> bool {
        self.filter_input.clear();
        self.filter_error = None;
        self.filter = Filter::default();
        !std::mem::take(&mut self.filter_text).is_empty()
    }

    fn toggle_read(&mut self) -> Vec<Cmd> {
        let Some(row) = self.rows.get_mut(self.selected) else {
            return vec![];
        };
        row.read = !row.read;
        vec![Cmd::SetRead(vec![row.id], row.read), Cmd::LoadFeeds]
    }

    fn toggle_star(&mut self) -> Vec<Cmd> {
        let Some(row) = self.rows.get_mut(self.selected) else {
            return vec![];
        };
        row.starred = !row.starred;
        vec![Cmd::SetStarred(row.id, row.starred)]
    }

    /// Everything matching the list's query, not only the loaded page: the store marks them
    /// and says how many (`ListMarkedRead`); the loaded rows show it at once.
    fn mark_all_read(&mut self, ctx: &ListCtx<'_>) -> Vec<Cmd> {
        for row in &mut self.rows {
            row.read = true;
        }
        vec![Cmd::MarkListRead(ArticleQuery::in_zone(
            self.effective_filter(ctx),
            ctx.zone,
        ))]
    }

    /// What the cache stored wins over whatever a list load brought in the meantime.
    pub fn state_stored(&mut self, ids: &[ArticleId], read: Option<bool>, starred: Option<bool>) {
        for row in self.rows.iter_mut().filter(|r| ids.contains(&r.id)) {
            if let Some(read) = read {
                row.read = read;
            }
            if let Some(starred) = starred {
                row.starred = starred;
            }
        }
    }

    /// A page of rows for the current generation: the first replaces the list (keeping the
    /// selected article selected), later ones extend the window at its end or its start, and
    /// the end of the list (G) becomes a window of its own.
    fn articles_loaded(&mut self, rows: Vec<ArticleSummary>, total: u64, placement: Placement) {
        self.loading = false;
        match placement {
            Placement::Append => {
                // The worker counts only on a new list; a later page never lowers the total.
                self.rows.extend(rows);
                self.total = self
                    .total
                    .max(total)
                    .max((self.base + self.rows.len()) as u64);
            }
            Placement::Prepend => {
                let added = rows.len();
                self.base = self.base.saturating_sub(added);
                self.selected += added;
                let mut window = rows;
                window.append(&mut self.rows);
                self.rows = window;
            }
            Placement::Window => {
                let count = rows.len();
                self.base = usize::try_from(total).unwrap_or(0).saturating_sub(count);
                self.total = self.total.max(total);
                self.rows = rows;
                self.selected = count.saturating_sub(1);
            }
            Placement::Replace => {
                // A full first page means more may follow: the count comes in `TotalLoaded`.
                self.counting = rows.len() >= PAGE;
                self.total = total;
                let keep = self.rows.get(self.selected).map(|r| r.id);
                self.base = 0;
                self.rows = rows;
                self.selected = keep
                    .and_then(|id| self.rows.iter().position(|r| r.id == id))
                    .unwrap_or(self.selected)
                    .min(self.rows.len().saturating_sub(1));
            }
        }
    }

    /// The article number (from 0) of the selected row in the whole list.
    pub fn position(&self) -> usize {
        self.base + self.selected
    }

    /// A new list for the filter in effect: the first page, under a new generation.
    pub fn reload(&mut self, ctx: &ListCtx<'_>) -> Cmd {
        self.generation += 1;
        self.loading = true;
        self.to_end = false;
        let filter = self.effective_filter(ctx);
        // What the views highlight follows the list being loaded; computed once, not per frame.
        self.highlight = filter.highlight_terms();
        Cmd::LoadArticles {
            generation: self.generation,
            query: ArticleQuery::in_zone(filter, ctx.zone).limit(Some(PAGE)),
            placement: Placement::Replace,
        }
    }

    /// A page of the list at `offset`, to go where `placement` says.
    fn page_at(&mut self, ctx: &ListCtx<'_>, offset: usize, placement: Placement) -> Cmd {
        self.loading = true;
        Cmd::LoadArticles {
            generation: self.generation,
            query: ArticleQuery {
                offset,
                ..ArticleQuery::in_zone(self.effective_filter(ctx), ctx.zone).limit(Some(PAGE))
            },
            placement,
        }
    }

    /// The next page when the selection nears the end of what is loaded.
    pub fn load_more(&mut self, ctx: &ListCtx<'_>) -> Option<Cmd> {
        let end = self.base + self.rows.len();
        if self.loading || end as u64 >= self.total || self.selected + 50 < self.rows.len() {
            return None;
        }
        Some(self.page_at(ctx, end, Placement::Append))
    }

    /// The page before the window when the selection nears its start (after a jump to the
    /// end, going back up): the rows up to the window's start, no more.
    pub fn load_before(&mut self, ctx: &ListCtx<'_>) -> Option<Cmd> {
        if self.loading || self.base == 0 || self.selected >= 50 {
            return None;
        }
        let offset = self.base.saturating_sub(PAGE);
        let mut cmd = self.page_at(ctx, offset, Placement::Prepend);
        if let Cmd::LoadArticles { query, .. } = &mut cmd {
            query.limit = Some(self.base - offset);
        }
        Some(cmd)
    }

    /// G / End: the last article of the whole list. Loaded rows reach it: selected. Else the
    /// last page becomes the window (once the total is known).
    pub fn jump_to_end(&mut self, ctx: &ListCtx<'_>) -> Option<Cmd> {
        if self.counting {
            self.to_end = true;
            return None;
        }
        let total = usize::try_from(self.total).unwrap_or(usize::MAX);
        if self.base + self.rows.len() >= total {
            self.selected = self.rows.len().saturating_sub(1);
            return None;
        }
        Some(self.page_at(ctx, total.saturating_sub(PAGE), Placement::Window))
    }
}

impl Default for ArticleList {
    fn default() -> Self {
        Self::new()
    }
}

impl App {
    /// The list's messages, with the context it borrows from the rest of the app.
    pub(super) fn list_msg(&mut self, msg: ListMsg) -> Vec<Cmd> {
        let (list, ctx) = self.list_and_ctx();
        list.update(msg, &ctx)
    }

    /// Starting, keeping (Enter) and clearing (Esc) the filter bar: the mode is the app's.
    pub(super) fn filter_mode(&mut self, msg: &Msg) -> Vec<Cmd> {
        match msg {
            Msg::StartFilter => {
                self.mode = Mode::Filter;
                self.list.filter_input.set(&self.list.filter_text);
                vec![]
            }
            Msg::FilterCancel => {
                self.mode = Mode::Normal;
                if self.list.clear_filter() {
                    vec![self.reload()]
                } else {
                    vec![]
                }
            }
            _ => {
                self.mode = Mode::Normal;
                vec![]
            }
        }
    }

    pub(super) fn reload(&mut self) -> Cmd {
        let (list, ctx) = self.list_and_ctx();
        list.reload(&ctx)
    }

    /// More of the list next to the selection, at either end of the loaded window.
    pub(super) fn load_more(&mut self) -> Option<Cmd> {
        let (list, ctx) = self.list_and_ctx();
        list.load_more(&ctx).or_else(|| list.load_before(&ctx))
    }

    pub(super) fn jump_to_end(&mut self) -> Option<Cmd> {
        let (list, ctx) = self.list_and_ctx();
        list.jump_to_end(&ctx)
    }
}
