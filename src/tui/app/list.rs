//! The article list's state: the filter bar, quick date ranges, the timeline and its zoom,
//! and the pages, total, facets and timeline the worker loads for the list.

use chrono::NaiveDate;

use super::{App, PAGE};
use crate::filter::{ArticleQuery, Filter};
use crate::model::{ArticleSummary, Timeline};
use crate::tui::keys::Mode;
use crate::tui::line_input::{Edit, LineInput};
use crate::tui::msg::{Cmd, Msg, QuickRange};

/// The longest filter the bar takes.
const MAX_FILTER_INPUT: usize = 2000;

/// The article list's state: the rows loaded so far and the selection, the filter being typed
/// and the one in effect, the quick date range, the timeline and its zoom. The first of the
/// rooms `App` is made of.
#[derive(Debug, Clone)]
pub struct ArticleList {
    pub rows: Vec<ArticleSummary>,
    pub total: u64,
    /// The first page is shown and the total is still being counted (shown as "200+").
    pub counting: bool,
    pub selected: usize,
    pub loading: bool,
    /// Replies of older loads carry an older generation and are dropped.
    pub generation: u64,
    /// What is typed in the filter bar.
    pub filter_input: LineInput,
    /// The last filter-bar text that parsed.
    pub filter_text: String,
    pub filter_error: Option<String>,
    pub quick: QuickRange,
    /// Articles per bucket for the current list, and the selected bar.
    pub timeline: Option<Timeline>,
    pub bar: usize,
    /// Date ranges zoomed into from the timeline, innermost last.
    pub zoom: Vec<(NaiveDate, NaiveDate)>,
    /// The keywords of the list being shown, highlighted in list and reader.
    pub highlight: Vec<String>,
}

impl ArticleList {
    pub fn new() -> Self {
        Self {
            rows: Vec::new(),
            total: 0,
            counting: false,
            selected: 0,
            loading: false,
            generation: 0,
            filter_input: LineInput::new(MAX_FILTER_INPUT),
            filter_text: String::new(),
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
}

impl ArticleList {
    /// The filter in effect: the filter bar, the sidebar's choice, the quick range, the zoom.
    pub fn effective_filter(&self, ctx: &ListCtx<'_>) -> Filter {
        use super::SidebarEntry;
        let mut filter = Filter::parse(&self.filter_text, ctx.today).unwrap_or_default();
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
        filter
    }

    /// The list's own messages: the quick date range, the total, the timeline and its zoom.
    /// Any other message comes back unhandled.
    pub fn update(&mut self, msg: Msg, ctx: &ListCtx<'_>) -> Result<Vec<Cmd>, Msg> {
        Ok(match msg {
            Msg::FilterChar(c) => self.filter_edit(Edit::Insert(c), ctx),
            Msg::FilterBackspace => self.filter_edit(Edit::Backspace, ctx),
            Msg::FilterEdit(edit) => self.filter_edit(edit, ctx),
            Msg::QuickRange(range) => {
                self.quick = range;
                vec![self.reload(ctx, false)]
            }
            Msg::TotalLoaded { generation, total } => {
                if generation != self.generation {
                    return Ok(vec![]); // a reply to an older list
                }
                self.counting = false;
                self.total = total.max(self.rows.len() as u64);
                self.load_more(ctx).into_iter().collect()
            }
            Msg::TimelineLoaded {
                generation,
                timeline,
            } => {
                if generation == self.generation {
                    self.bar = timeline.bars.len().saturating_sub(1);
                    self.timeline = Some(timeline);
                }
                vec![]
            }
            Msg::TimelineStep(delta) => {
                let last = self
                    .timeline
                    .as_ref()
                    .map_or(0, |t| t.bars.len().saturating_sub(1));
                self.bar = (self.bar as i64 + i64::from(delta)).clamp(0, last as i64) as usize;
                vec![]
            }
            Msg::ZoomIn => {
                let range = self
                    .timeline
                    .as_ref()
                    .and_then(|t| t.bars.get(self.bar).map(|(day, _)| t.bucket.range(*day)));
                match range {
                    Some(range) if self.zoom.last() != Some(&range) => {
                        self.zoom.push(range);
                        vec![self.reload(ctx, false)]
                    }
                    _ => vec![],
                }
            }
            Msg::ZoomOut => match self.zoom.pop() {
                Some(_) => vec![self.reload(ctx, false)],
                None => vec![],
            },
            other => return Err(other),
        })
    }

    /// One edit of the filter bar; the list follows only when the text changed.
    fn filter_edit(&mut self, edit: Edit, ctx: &ListCtx<'_>) -> Vec<Cmd> {
        if !self.filter_input.apply(edit) {
            return vec![];
        }
        match Filter::parse(&self.filter_input, ctx.today) {
            Ok(_) => {
                self.filter_error = None;
                self.filter_text = self.filter_input.to_string();
                vec![self.reload(ctx, true)]
            }
            Err(e) => {
                // Keep the last good list on screen; show why this text does not parse.
                self.filter_error = Some(ctx.lang.filter_error(&e));
                vec![]
            }
        }
    }

    /// A new list for the filter in effect: the first page, under a new generation.
    pub fn reload(&mut self, ctx: &ListCtx<'_>, debounce: bool) -> Cmd {
        self.generation += 1;
        self.loading = true;
        let filter = self.effective_filter(ctx);
        // What the views highlight follows the list being loaded; computed once, not per frame.
        self.highlight.clone_from(&filter.keywords);
        Cmd::LoadArticles {
            generation: self.generation,
            query: ArticleQuery::in_zone(filter, ctx.zone).limit(Some(PAGE)),
            append: false,
            debounce,
        }
    }

    /// The next page when the selection nears the end of what is loaded.
    pub fn load_more(&mut self, ctx: &ListCtx<'_>) -> Option<Cmd> {
        if self.loading
            || self.rows.len() as u64 >= self.total
            || self.selected + 50 < self.rows.len()
        {
            return None;
        }
        self.loading = true;
        Some(Cmd::LoadArticles {
            generation: self.generation,
            query: ArticleQuery {
                offset: self.rows.len(),
                ..ArticleQuery::in_zone(self.effective_filter(ctx), ctx.zone).limit(Some(PAGE))
            },
            append: true,
            debounce: false,
        })
    }
}

impl Default for ArticleList {
    fn default() -> Self {
        Self::new()
    }
}

impl App {
    /// One edit of the filter bar; the list follows only when the text changed.
    /// Messages about the list: typing a filter, dates, the timeline, and loaded results.
    pub(super) fn list_msg(&mut self, msg: Msg) -> Vec<Cmd> {
        // The list's own messages first; the rest touch the mode, the sidebar or the reader.
        let (list, ctx) = self.list_and_ctx();
        let msg = match list.update(msg, &ctx) {
            Ok(cmds) => return cmds,
            Err(msg) => msg,
        };
        match msg {
            Msg::StartFilter => {
                self.mode = Mode::Filter;
                self.list.filter_input.set(&self.list.filter_text);
                vec![]
            }
            Msg::FilterSubmit => {
                self.mode = Mode::Normal;
                vec![]
            }
            Msg::FilterCancel => {
                self.mode = Mode::Normal;
                self.list.filter_input.clear();
                self.list.filter_error = None;
                if self.list.filter_text.is_empty() {
                    return vec![];
                }
                self.list.filter_text.clear();
                vec![self.reload(false)]
            }
            Msg::ArticlesLoaded {
                generation,
                rows,
                total,
                append,
            } => self.articles_loaded(generation, rows, total, append),
            Msg::FacetsLoaded { generation, topics } => {
                if generation == self.list.generation {
                    self.sidebar.topics_loaded(topics);
                }
                vec![]
            }
            _ => vec![],
        }
    }

    pub(super) fn reload(&mut self, debounce: bool) -> Cmd {
        let (list, ctx) = self.list_and_ctx();
        list.reload(&ctx, debounce)
    }

    pub(super) fn load_more(&mut self) -> Option<Cmd> {
        let (list, ctx) = self.list_and_ctx();
        list.load_more(&ctx)
    }

    pub(super) fn articles_loaded(
        &mut self,
        generation: u64,
        rows: Vec<ArticleSummary>,
        total: u64,
        append: bool,
    ) -> Vec<Cmd> {
        if generation != self.list.generation {
            self.dirty = false;
            return vec![]; // A reply to an older filter: drop it.
        }
        self.list.loading = false;
        if append {
            // The worker counts only on a new list; a later page never lowers the total.
            self.list.rows.extend(rows);
            self.list.total = self.list.total.max(total).max(self.list.rows.len() as u64);
            return vec![];
        }
        // A full first page means more may follow: the count comes in `TotalLoaded`.
        self.list.counting = rows.len() >= PAGE;
        self.list.total = total;
        let keep = self.selected_row().map(|r| r.id);
        self.list.rows = rows;
        self.list.selected = keep
            .and_then(|id| self.list.rows.iter().position(|r| r.id == id))
            .unwrap_or(self.list.selected)
            .min(self.list.rows.len().saturating_sub(1));
        vec![]
    }
}
