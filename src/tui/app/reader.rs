//! The reader pane's state: the open article wrapped to the pane, its links, and how
//! clicks and link numbers find them.

use super::App;
use crate::i18n::Lang;
use crate::model::{Article, ArticleId};
use crate::text::{self, Rendered};
use crate::tui::keys::Mode;
use crate::tui::layout;
use crate::tui::layout::Pane;
use crate::tui::msg::{Cmd, ReaderMsg};

/// The open article and its text wrapped to the reader pane.
#[derive(Debug, Clone, PartialEq)]
pub struct Reader {
    pub article: Article,
    pub rendered: Rendered,
    /// The width `rendered` was made for; `None` while the first rendering is on its way.
    pub rendered_width: Option<usize>,
    pub lines: Vec<String>,
    /// For each line, the URL it shows (the article link, a link-list entry), for OSC 8.
    pub urls: Vec<Option<String>>,
    pub scroll: usize,
    /// "the link is not on a domain of BMI", for a copy that claims a ministry and links away.
    pub link_note: Option<String>,
    /// Whether full text is on for its feed (what the teaser-only note says).
    pub full_text: bool,
    /// `v`: what changed, shown in place of the text.
    pub changes: Option<super::changes::ChangesView>,
    /// Whether the versions asked for are to be shown as all changes (`V`), not the last.
    pub want_all_changes: bool,
}

impl Reader {
    /// How many lines the pane scrolls through: the changes when shown, else the article.
    pub fn line_count(&self) -> usize {
        self.changes
            .as_ref()
            .map_or(self.lines.len(), |c| c.lines.len())
    }
}

impl App {
    /// The reader's messages: the article and its rendering arriving, the full text.
    pub(super) fn reader_msg(&mut self, msg: ReaderMsg) -> Vec<Cmd> {
        match msg {
            ReaderMsg::ArticleLoaded { id, article } => self.article_loaded(id, article),
            ReaderMsg::ArticleRendered {
                id,
                width,
                rendered,
            } => {
                self.article_rendered(id, width, rendered);
                vec![]
            }
            ReaderMsg::FetchFullText => match self.reader.as_ref().map(|r| r.article.summary.id) {
                Some(id) => {
                    self.notify(self.text().fetching_full_text);
                    vec![Cmd::FetchPage(id)]
                }
                None => vec![],
            },
            ReaderMsg::PageFetched { id, result } => self.page_fetched(id, result),
            ReaderMsg::ShowChanges => self.show_changes(false),
            ReaderMsg::ShowAllChanges => self.show_changes(true),
            ReaderMsg::VersionsLoaded { id, versions } => self.versions_loaded(id, versions),
        }
    }

    /// The full text arrived (or not): the open article shows it.
    fn page_fetched(
        &mut self,
        id: ArticleId,
        result: Result<(), crate::model::Reason>,
    ) -> Vec<Cmd> {
        let open = self
            .reader
            .as_ref()
            .is_some_and(|r| r.article.summary.id == id);
        if let Err(e) = result {
            let text = format!("{}: {}", self.text().full_text_word, self.lang.reason(&e));
            self.set_error(text);
            // The open article says why only the teaser is there, no longer "not yet".
            return match open {
                true => vec![Cmd::LoadArticle(id)],
                false => vec![],
            };
        }
        self.notify(self.text().full_text_loaded);
        let mut cmds = vec![Cmd::LoadFeeds];
        if open {
            cmds.push(Cmd::LoadArticle(id));
        }
        cmds
    }

    pub(super) fn reader_or_selected_link(&self) -> Option<String> {
        match &self.reader {
            Some(reader) if self.focus == Pane::Reader || self.focus == Pane::List => {
                reader.article.summary.link.clone()
            }
            _ => self.selected_row().and_then(|r| r.link.clone()),
        }
    }

    pub(super) fn open_numbered_link(&mut self) -> Vec<Cmd> {
        self.mode = Mode::Normal;
        let typed = std::mem::take(&mut self.link_number);
        // A number too large for `usize` is no link of any article.
        let link = typed.parse::<usize>().ok().and_then(|number| {
            let reader = self.reader.as_ref()?;
            reader.rendered.links.get(number.checked_sub(1)?).cloned()
        });
        match link {
            Some(link) => vec![Cmd::OpenLink(link)],
            None => {
                self.set_error(format!("{} [{typed}]", self.text().no_link));
                vec![]
            }
        }
    }

    fn article_loaded(&mut self, id: ArticleId, article: Option<Box<Article>>) -> Vec<Cmd> {
        if self.selected_row().map(|r| r.id) != Some(id) {
            self.dirty = false;
            return vec![]; // The user moved on before it arrived.
        }
        let Some(article) = article else {
            self.set_error(format!("#{} {}", id.0, self.text().not_in_cache));
            return vec![];
        };
        // The header shows at once; the body follows from the worker, which renders it
        // (HTML → text can take a while on a large page; the UI thread never waits for it).
        let width = layout::reader_text_width(self.screen, self.sidebar_width());
        let rendered = with_copies(Rendered::default(), &article);
        let link_note = match (&article.summary.ministry, &article.summary.link) {
            (Some(ministry), Some(link)) if self.ministries.link_elsewhere(ministry, link) => Some(
                crate::i18n::fill(self.text().link_elsewhere, &[("ministry", ministry)]),
            ),
            _ => None,
        };
        let full_text = !self.full_text_off.contains(&article.summary.feed);
        let lines = reader_lines(
            &article,
            &rendered,
            width,
            (self.lang, self.zone),
            link_note.as_deref(),
            full_text,
        );
        let urls = line_urls(&lines, article.summary.link.as_deref(), &rendered.links);
        self.reader = Some(Reader {
            article: *article,
            rendered,
            rendered_width: None,
            lines,
            urls,
            scroll: 0,
            link_note,
            full_text,
            changes: None,
            want_all_changes: false,
        });
        self.render_cmd().into_iter().collect()
    }

    /// Asks the worker to render the open article's body for the reader's width, unless it
    /// is rendered for that width already.
    fn render_cmd(&self) -> Option<Cmd> {
        let reader = self.reader.as_ref()?;
        let width = layout::reader_text_width(self.screen, self.sidebar_width());
        (reader.rendered_width != Some(width)).then(|| Cmd::RenderArticle {
            id: reader.article.summary.id,
            width,
            html: reader.article.body_html().to_owned(),
            base: reader.article.summary.link.clone(),
        })
    }

    /// A body rendered by the worker; kept only if it is for the open article and width.
    fn article_rendered(&mut self, id: ArticleId, width: usize, rendered: Rendered) {
        let current = layout::reader_text_width(self.screen, self.sidebar_width());
        let (lang, zone) = (self.lang, self.zone);
        let Some(reader) = self.reader.as_mut() else {
            return;
        };
        if reader.article.summary.id != id || width != current {
            return; // stale: another article or size since
        }
        reader.rendered = with_copies(rendered, &reader.article);
        reader.rendered_width = Some(width);
        reader.relayout(width, lang, zone);
    }

    /// Re-wraps the open article's header for a new size at once, and asks for its body
    /// rendered anew.
    pub(super) fn rewrap(&mut self) -> Vec<Cmd> {
        let width = layout::reader_text_width(self.screen, self.sidebar_width());
        let (lang, zone) = (self.lang, self.zone);
        if let Some(reader) = &mut self.reader {
            reader.relayout(width, lang, zone);
        }
        self.render_cmd().into_iter().collect()
    }
}

impl Reader {
    /// The header and the rendered body as lines of `width`, with their URLs; the scroll
    /// position kept within them.
    fn relayout(&mut self, width: usize, lang: Lang, zone: crate::model::Zone) {
        if let Some(changes) = &mut self.changes {
            changes.relayout(width, lang, zone);
        }
        self.lines = reader_lines(
            &self.article,
            &self.rendered,
            width,
            (lang, zone),
            self.link_note.as_deref(),
            self.full_text,
        );
        self.urls = line_urls(
            &self.lines,
            self.article.summary.link.as_deref(),
            &self.rendered.links,
        );
        self.scroll = self.scroll.min(self.lines.len().saturating_sub(1));
    }
}

/// The body's links, then the links of the same release in other feeds, so the reader
/// numbers and opens those too.
fn with_copies(mut rendered: Rendered, article: &Article) -> Rendered {
    for (_, link) in &article.copies {
        if !rendered.links.contains(link) {
            rendered.links.push(link.clone());
        }
    }
    rendered
}

/// What the worker replies to [`Cmd::RenderArticle`]: the body rendered for the reader.
pub fn render_reply(
    id: ArticleId,
    width: usize,
    html: &str,
    base: Option<&str>,
) -> crate::tui::msg::Msg {
    crate::tui::msg::Msg::Reader(ReaderMsg::ArticleRendered {
        id,
        width,
        rendered: render_body(html, width, base),
    })
}

/// An article body as the reader shows it: HTML → text at `width`, links resolved against
/// the article's own link. Pure; the worker runs it off the UI thread.
pub fn render_body(html: &str, width: usize, base: Option<&str>) -> Rendered {
    let base = base.and_then(|l| url::Url::parse(l).ok());
    text::render(html, width, base.as_ref())
}

/// The reader's content: header lines wrapped to `width`, a blank line, the text, the links.
fn reader_lines(
    article: &Article,
    rendered: &Rendered,
    width: usize,
    (lang, zone): (Lang, crate::model::Zone),
    link_note: Option<&str>,
    full_text: bool,
) -> Vec<String> {
    let a = &article.summary;
    let texts = lang.texts();
    let mut lines = text::wrap(&a.title, width);
    let date = lang.published_in(a.published, a.time_unknown, zone);
    let date = if a.date_unknown {
        format!(
            "{} {} {date}",
            texts.show_date, texts.date_unknown_first_seen
        )
    } else {
        date
    };
    let kind = a
        .kind_with_number()
        .map(|k| format!(" · {k}"))
        .unwrap_or_default();
    lines.extend(text::wrap(&format!("{} · {date}{kind}", a.feed), width));
    for reference in &article.references {
        let line = format!(
            "{}: {} · {}",
            texts.parliament,
            reference.label(),
            reference.url()
        );
        lines.extend(text::wrap(&line, width));
    }
    // Its processes in parliament, as DIP described them: stage and steps.
    for process in &article.processes {
        let line = lang.process(process);
        lines.extend(text::wrap(&format!("{}: {line}", texts.parliament), width));
        let steps: Vec<String> = process
            .steps
            .iter()
            .map(|s| format!("{} {}", s.date, s.name))
            .collect();
        if !steps.is_empty() {
            lines.extend(text::wrap(&format!("  {}", steps.join(" → ")), width));
        }
    }
    if let Some(at) = a.left_feed_at {
        let note = crate::i18n::fill(
            texts.left_feed_note,
            &[("date", &lang.date_time_in(at, zone))],
        );
        lines.extend(text::wrap(&note, width));
    }
    if let (Some(at), Some(link)) = (a.gone_at, a.link.as_deref().and_then(crate::text::http_url)) {
        let note = crate::i18n::fill(
            texts.gone_note,
            &[
                ("date", &lang.date_time_in(at, zone)),
                ("retrieved", &lang.date_time_in(article.retrieved, zone)),
                ("archive", &crate::model::archive_url(link.as_str())),
            ],
        );
        lines.extend(text::wrap(&note, width));
    }
    if let Some(at) = a.changed_at {
        let note = crate::i18n::fill(
            texts.changed_note,
            &[("date", &lang.date_time_in(at, zone))],
        );
        lines.extend(text::wrap(&note, width));
    }
    if !article.copies.is_empty() {
        // Each other source with the number of its link ("auch: BMAS [4]"): `f 4` opens it.
        let sources: Vec<String> = article
            .copies
            .iter()
            .map(
                |(source, link)| match rendered.links.iter().position(|l| l == link) {
                    Some(i) => format!("{source} [{}]", i + 1),
                    None => source.clone(),
                },
            )
            .collect();
        let also = format!("{}: {}", texts.also_in, sources.join(", "));
        lines.extend(text::wrap(&also, width));
    } else if !a.also_in.is_empty() {
        let also = format!("{}: {}", texts.also_in, a.also_in.join(", "));
        lines.extend(text::wrap(&also, width));
    }
    if !a.topics.is_empty() {
        lines.extend(text::wrap(
            &format!("{}: {}", texts.topics_label, a.topics.join(", ")),
            width,
        ));
    }
    if let Some(link) = &a.link {
        lines.extend(text::wrap(link, width));
    }
    if let Some(note) = link_note {
        lines.extend(text::wrap(&format!("⚠ {note}"), width));
    }
    if let Some(reason) = article
        .teaser_reason(full_text)
        .map(|r| lang.teaser_reason(&r))
    {
        lines.extend(text::wrap(
            &format!(
                "{}: {reason}. {}",
                texts.teaser_only, texts.fetch_full_text_hint
            ),
            width,
        ));
    }
    lines.push(String::new());
    for line in rendered.with_link_list().lines() {
        // The body is wrapped by html2text already; long link-list lines are not.
        if unicode_width::UnicodeWidthStr::width(line) > width {
            lines.extend(text::wrap(line, width));
        } else {
            lines.push(line.to_owned());
        }
    }
    lines
}

/// Which lines show a URL: the article link in the header and the entries of the link list
/// (a long URL wraps over several lines, each of which links to the whole URL).
pub(crate) fn line_urls(
    lines: &[String],
    link: Option<&str>,
    links: &[String],
) -> Vec<Option<String>> {
    let header_end = lines.iter().position(String::is_empty).unwrap_or(0);
    let list_start = lines.iter().rposition(|l| l == "Links:");
    let mut current: Option<String> = None;
    lines
        .iter()
        .enumerate()
        .map(|(i, line)| {
            let piece = line.trim();
            if i < header_end {
                let link = link?;
                let starts =
                    current.is_none() && piece.starts_with("http") && link.starts_with(piece);
                let continues = current.is_some()
                    && !piece.is_empty()
                    && !piece.contains(' ')
                    && link.contains(piece);
                current = (starts || continues).then(|| link.to_owned());
                return current.clone();
            }
            if list_start.is_none_or(|start| i <= start) {
                current = None;
                return None;
            }
            if let Some(rest) = piece.strip_prefix('[') {
                if let Some((n, _)) = rest.split_once("] ") {
                    current = n
                        .parse::<usize>()
                        .ok()
                        .and_then(|n| links.get(n.checked_sub(1)?))
                        .cloned();
                    return current.clone();
                }
            }
            if piece.is_empty() || piece.contains(' ') {
                current = None;
            }
            current.clone()
        })
        .collect()
}

/// The link under a click: a `[n]` marker in the text or a line of the link list.
pub(super) fn link_at(reader: &Reader, line: usize, column: usize) -> Option<String> {
    let text = reader.lines.get(line)?;
    if let Some(rest) = text.strip_prefix('[') {
        if let Some((n, _)) = rest.split_once("] ") {
            if let Ok(n) = n.parse::<usize>() {
                return reader.rendered.links.get(n.checked_sub(1)?).cloned();
            }
        }
    }
    let chars: Vec<char> = text.chars().collect();
    let start = chars
        .get(..=column.min(chars.len().saturating_sub(1)))?
        .iter()
        .rposition(|c| *c == '[')?;
    let digits: String = chars[start + 1..]
        .iter()
        .take_while(|c| c.is_ascii_digit())
        .collect();
    let n: usize = digits.parse().ok()?;
    reader.rendered.links.get(n.checked_sub(1)?).cloned()
}
