//! The article list's state: the filter bar, quick date ranges, the timeline and its zoom,
//! and the pages, total, facets and timeline the worker loads for the list.

use super::{App, PAGE};
use crate::filter::{ArticleQuery, Filter};
use crate::model::ArticleSummary;
use crate::tui::keys::Mode;
use crate::tui::line_input::Edit;
use crate::tui::msg::{Cmd, Msg};

impl App {
    /// One edit of the filter bar; the list follows only when the text changed.
    fn filter_edit(&mut self, edit: Edit) -> Vec<Cmd> {
        if self.filter_input.apply(edit) {
            self.filter_changed()
        } else {
            vec![]
        }
    }

    /// Messages about the list: typing a filter, dates, the timeline, and loaded results.
    pub(super) fn list_msg(&mut self, msg: Msg) -> Vec<Cmd> {
        match msg {
            Msg::StartFilter => {
                self.mode = Mode::Filter;
                self.filter_input.set(&self.filter_text);
                vec![]
            }
            Msg::FilterChar(c) => self.filter_edit(Edit::Insert(c)),
            Msg::FilterBackspace => self.filter_edit(Edit::Backspace),
            Msg::FilterEdit(edit) => self.filter_edit(edit),
            Msg::FilterSubmit => {
                self.mode = Mode::Normal;
                vec![]
            }
            Msg::FilterCancel => {
                self.mode = Mode::Normal;
                self.filter_input.clear();
                self.filter_error = None;
                if self.filter_text.is_empty() {
                    return vec![];
                }
                self.filter_text.clear();
                vec![self.reload(false)]
            }
            Msg::QuickRange(range) => {
                self.quick = range;
                vec![self.reload(false)]
            }
            Msg::ArticlesLoaded {
                generation,
                rows,
                total,
                append,
            } => self.articles_loaded(generation, rows, total, append),
            Msg::TotalLoaded { generation, total } => {
                if generation == self.generation {
                    self.counting = false;
                    self.total = total.max(self.rows.len() as u64);
                    return self.load_more().into_iter().collect();
                }
                vec![]
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
            Msg::ZoomIn => match self
                .timeline
                .as_ref()
                .and_then(|t| t.bars.get(self.bar).map(|(day, _)| t.bucket.range(*day)))
            {
                Some(range) if self.zoom.last() != Some(&range) => {
                    self.zoom.push(range);
                    vec![self.reload(false)]
                }
                _ => vec![],
            },
            Msg::ZoomOut => {
                if self.zoom.pop().is_some() {
                    vec![self.reload(false)]
                } else {
                    vec![]
                }
            }
            Msg::FacetsLoaded { generation, topics } => {
                if generation == self.generation {
                    self.topics_loaded(topics);
                }
                vec![]
            }
            _ => vec![],
        }
    }

    pub(super) fn reload(&mut self, debounce: bool) -> Cmd {
        self.generation += 1;
        self.loading = true;
        let filter = self.effective_filter();
        // What the views highlight follows the list being loaded; computed once, not per frame.
        self.highlight.clone_from(&filter.keywords);
        Cmd::LoadArticles {
            generation: self.generation,
            query: ArticleQuery::in_zone(filter, self.zone).limit(Some(PAGE)),
            append: false,
            debounce,
        }
    }

    pub(super) fn load_more(&mut self) -> Option<Cmd> {
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
                ..ArticleQuery::in_zone(self.effective_filter(), self.zone).limit(Some(PAGE))
            },
            append: true,
            debounce: false,
        })
    }

    pub(super) fn filter_changed(&mut self) -> Vec<Cmd> {
        match Filter::parse(&self.filter_input, self.today) {
            Ok(_) => {
                self.filter_error = None;
                self.filter_text = self.filter_input.to_string();
                vec![self.reload(true)]
            }
            Err(e) => {
                // Keep the last good list on screen; show why this text does not parse.
                self.filter_error = Some(self.lang.filter_error(&e));
                vec![]
            }
        }
    }

    pub(super) fn articles_loaded(
        &mut self,
        generation: u64,
        rows: Vec<ArticleSummary>,
        total: u64,
        append: bool,
    ) -> Vec<Cmd> {
        if generation != self.generation {
            self.dirty = false;
            return vec![]; // A reply to an older filter: drop it.
        }
        self.loading = false;
        if append {
            // The worker counts only on a new list; a later page never lowers the total.
            self.rows.extend(rows);
            self.total = self.total.max(total).max(self.rows.len() as u64);
            return vec![];
        }
        // A full first page means more may follow: the count comes in `TotalLoaded`.
        self.counting = rows.len() >= PAGE;
        self.total = total;
        let keep = self.selected_row().map(|r| r.id);
        self.rows = rows;
        self.selected = keep
            .and_then(|id| self.rows.iter().position(|r| r.id == id))
            .unwrap_or(self.selected)
            .min(self.rows.len().saturating_sub(1));
        vec![]
    }
}
