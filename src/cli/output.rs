//! Printers for the CLI: tables that fit the terminal, JSON, article text. Every string from
//! a feed passes `sanitize` again here, right before it reaches the terminal.

use std::io::{IsTerminal, Write};

use anyhow::Result;
use chrono::{DateTime, Local, SecondsFormat, Utc};
use serde::Serialize;
use unicode_width::UnicodeWidthStr;

use crate::config::FeedConfig;
use crate::i18n::{fill, Lang};
use crate::model::{Article, ArticleSummary, FeedStatus, Ministries};
use crate::text::{self, fit, sanitize, Rendered};

/// Columns of the terminal on stdout; `COLUMNS` when set; `None` when piped (no truncation).
pub fn terminal_width() -> Option<usize> {
    if let Some(cols) = std::env::var("COLUMNS").ok().and_then(|c| c.parse().ok()) {
        return Some(cols);
    }
    if !std::io::stdout().is_terminal() {
        return None;
    }
    ratatui::crossterm::terminal::size()
        .ok()
        .map(|(w, _)| usize::from(w))
}

/// The day in local time: `dd.mm.yyyy` (German) or `yyyy-mm-dd` (English).
pub fn date(d: &DateTime<Utc>, lang: Lang) -> String {
    lang.date(local_day(d))
}

/// The day of `d` on the local calendar.
pub fn local_day(d: &DateTime<Utc>) -> chrono::NaiveDate {
    d.with_timezone(&Local).date_naive()
}

fn pad(s: &str, width: usize) -> String {
    let fitted = fit(s, width);
    let gap = width.saturating_sub(fitted.width());
    format!("{fitted}{}", " ".repeat(gap))
}

/// The feed column: the ministry short name when known, else the feed name.
fn feed_label(a: &ArticleSummary) -> String {
    sanitize(a.ministry.as_deref().unwrap_or(&a.feed)).into_owned()
}

/// `ID  DATE  FEED  ●★ TITLE`, one line per article, fitted to `width`.
pub fn table(
    rows: &[ArticleSummary],
    width: Option<usize>,
    lang: Lang,
    out: &mut impl Write,
) -> Result<()> {
    let id_width = rows
        .iter()
        .map(|r| r.id.0.to_string().len())
        .max()
        .unwrap_or(2)
        .max(2);
    let feed_width = rows
        .iter()
        .map(|r| feed_label(r).width())
        .max()
        .unwrap_or(4)
        .clamp(4, 14);
    // A `?` after the date of items nobody dated (the day is when they were first seen).
    let marks = rows.iter().any(|r| r.date_unknown);
    for row in rows {
        let flags = format!(
            "{}{}",
            if row.read { ' ' } else { '●' },
            if row.starred { '★' } else { ' ' }
        );
        let prefix = format!(
            "{:>id_width$}  {}  {}  {} ",
            row.id.0,
            lang.column_date(local_day(&row.published), row.date_unknown, marks),
            pad(&feed_label(row), feed_width),
            flags
        );
        let mut title = sanitize(&row.title).into_owned();
        // A release edited since it was first stored says so, and when (`show --diff`).
        if let Some(at) = row.changed_at {
            title.push_str(&format!(" · {}", lang.changed_on(local_day(&at))));
        }
        if row.gone_at.is_some() {
            title.push_str(&format!(" · {}", lang.texts().gone_mark));
        }
        let line = match width {
            Some(w) => format!(
                "{prefix}{}",
                fit(&title, w.saturating_sub(prefix.width()).max(10))
            ),
            None => format!("{prefix}{title}"),
        };
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(())
}

#[derive(Serialize)]
pub(super) struct JsonArticle<'a> {
    id: i64,
    feed: String,
    /// The feed's ministry (as in CSV), null when the config names none.
    ministry: Option<String>,
    title: String,
    link: Option<String>,
    published: String,
    /// True when neither feed nor page gave a date: `published` is when it was first seen.
    date_unknown: bool,
    /// True when the source gave a day without a time: the time in `published` is noon, a
    /// stand-in.
    time_unknown: bool,
    topics: Vec<String>,
    summary: String,
    read: bool,
    starred: bool,
    /// Document type from the article page (Meldung, Pressemitteilung, …).
    kind: Option<String>,
    /// The document's number beside its type ("6/2022"), null without one.
    number: Option<String>,
    /// The other feeds' ministries (or names) that published the same release.
    also_in: Vec<String>,
    /// When a change of its title, teaser, text, date or type was last seen (RFC 3339, UTC);
    /// null when it is as first stored.
    changed_at: Option<String>,
    /// When it was taken out of its feed; null while it is in it.
    left_feed_at: Option<String>,
    /// Since when its page is gone (404, 410, an error page, a redirect elsewhere); null
    /// while it is online. The stored text stays.
    gone_at: Option<String>,
    /// True when the link is not on a domain of the feed's ministry (a copy that claims a
    /// ministry and links elsewhere); false when that cannot be said.
    link_elsewhere: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    full_text: Option<bool>,
    /// `show` only: null when the full text is there.
    #[serde(skip_serializing_if = "Option::is_none")]
    teaser_only_reason: Option<Option<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    text: Option<String>,
    /// `show` only: `text` without the `[n]` after each link, for programs that quote or
    /// search the words.
    #[serde(skip_serializing_if = "Option::is_none")]
    text_plain: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    links: Option<&'a [String]>,
    /// `show` only: every version, the first first: when it was first seen and what
    /// changed from the one before.
    #[serde(skip_serializing_if = "Option::is_none")]
    versions: Option<Vec<JsonVersion>>,
    /// `show` only: the parliamentary documents it names.
    #[serde(skip_serializing_if = "Option::is_none")]
    references: Option<Vec<JsonReference>>,
    /// `show` only: their processes as DIP described them (with a DIP key): id, title,
    /// kind, stage, initiative, steps (name, date, chamber, document), url.
    #[serde(skip_serializing_if = "Option::is_none")]
    processes: Option<Vec<serde_json::Value>>,
}

/// A parliamentary document in `show --format json`.
#[derive(Serialize)]
pub(super) struct JsonReference {
    /// "bt_drucksache", "br_drucksache", "plenarprotokoll", "vorgang".
    kind: &'static str,
    number: String,
    url: String,
}

/// One version in `show --format json`.
#[derive(Serialize)]
pub(super) struct JsonVersion {
    number: usize,
    seen_at: String,
    /// What differs from the version before: "title", "teaser", "text", "date", "kind".
    changed: Vec<&'static str>,
    title: String,
}

impl<'a> JsonArticle<'a> {
    pub(super) fn new(a: &ArticleSummary, ministries: &Ministries) -> Self {
        let clean = |s: &str| sanitize(s).into_owned();
        Self {
            id: a.id.0,
            feed: clean(&a.feed),
            ministry: a.ministry.as_deref().map(clean),
            title: clean(&a.title),
            link: a.link.as_deref().map(clean),
            published: a.published.to_rfc3339_opts(SecondsFormat::Secs, true),
            date_unknown: a.date_unknown,
            time_unknown: a.time_unknown,
            topics: a.topics.iter().map(|t| clean(t)).collect(),
            summary: clean(&a.summary),
            read: a.read,
            starred: a.starred,
            kind: a.kind.as_deref().map(clean),
            number: a.number.as_deref().map(clean),
            also_in: a.also_in.iter().map(|s| clean(s)).collect(),
            changed_at: a
                .changed_at
                .map(|t| t.to_rfc3339_opts(SecondsFormat::Secs, true)),
            left_feed_at: a
                .left_feed_at
                .map(|t| t.to_rfc3339_opts(SecondsFormat::Secs, true)),
            gone_at: a
                .gone_at
                .map(|t| t.to_rfc3339_opts(SecondsFormat::Secs, true)),
            link_elsewhere: link_elsewhere(a, ministries),
            full_text: None,
            teaser_only_reason: None,
            text: None,
            text_plain: None,
            links: None,
            versions: None,
            references: None,
            processes: None,
        }
    }
}

/// Whether the row's link is off its feed's ministry's domains.
pub fn link_elsewhere(a: &ArticleSummary, ministries: &Ministries) -> bool {
    match (&a.ministry, &a.link) {
        (Some(ministry), Some(link)) => ministries.link_elsewhere(ministry, link),
        _ => false,
    }
}

/// The saved filters with their counts; one that no longer parses says why instead.
pub fn filters_table(
    filters: &[crate::config::SavedFilter],
    counts: &[crate::model::SavedCount],
    lang: Lang,
    today: chrono::NaiveDate,
    out: &mut impl Write,
) -> Result<()> {
    let t = lang.texts();
    if filters.is_empty() {
        writeln!(out, "{}", t.no_saved_filters)?;
        return Ok(());
    }
    let [name_head, total_head, unread_head, new_head, query_head] = t.filters_columns;
    let name_width = filters
        .iter()
        .map(|f| f.name.width())
        .chain([name_head.width()])
        .max()
        .unwrap_or(4)
        .min(40);
    writeln!(
        out,
        "{}  {total_head:>8} {unread_head:>10} {new_head:>6}  {query_head}",
        pad(name_head, name_width)
    )?;
    for filter in filters {
        let name = pad(&sanitize(&filter.name), name_width);
        let query = sanitize(&filter.query);
        match counts.iter().find(|c| c.name == filter.name) {
            Some(c) => writeln!(
                out,
                "{name}  {:>8} {:>10} {:>6}  {query}",
                c.total, c.unread, c.new
            )?,
            None => {
                let why = crate::filter::Filter::parse(&filter.query, today)
                    .err()
                    .map_or_else(String::new, |e| e.in_language(lang));
                writeln!(
                    out,
                    "{name}  {:>8} {:>10} {:>6}  {query}  ({}: {})",
                    "-",
                    "-",
                    "-",
                    lang.error_word(),
                    sanitize(&why)
                )?
            }
        }
    }
    Ok(())
}

/// The saved filters as JSON: name, query, notify and the counts (null when the query no
/// longer parses).
pub fn filters_json(
    filters: &[crate::config::SavedFilter],
    counts: &[crate::model::SavedCount],
    out: &mut impl Write,
) -> Result<()> {
    let items: Vec<serde_json::Value> = filters
        .iter()
        .map(|f| {
            let c = counts.iter().find(|c| c.name == f.name);
            serde_json::json!({
                "name": f.name,
                "query": f.query,
                "notify": f.notify,
                "total": c.map(|c| c.total),
                "unread": c.map(|c| c.unread),
                "new": c.map(|c| c.new),
            })
        })
        .collect();
    serde_json::to_writer_pretty(&mut *out, &items)?;
    writeln!(out)?;
    Ok(())
}

/// A JSON array of the list rows.
pub fn json_list(
    rows: &[ArticleSummary],
    ministries: &Ministries,
    out: &mut impl Write,
) -> Result<()> {
    let items: Vec<JsonArticle> = rows
        .iter()
        .map(|a| JsonArticle::new(a, ministries))
        .collect();
    serde_json::to_writer_pretty(&mut *out, &items)?;
    writeln!(out)?;
    Ok(())
}

/// The article body rendered for reading, links resolved against the article URL.
pub fn render_body(article: &Article, width: usize) -> Rendered {
    let base = article
        .summary
        .link
        .as_deref()
        .and_then(|l| url::Url::parse(l).ok());
    text::render(article.body_html(), width, base.as_ref())
}

/// The body as [`render_body`] gives it, without link numbers.
fn render_body_unmarked(article: &Article, width: usize) -> String {
    sanitize(&text::render_unmarked(article.body_html(), width)).into_owned()
}

/// Header lines, body and numbered links.
pub fn article_text(
    article: &Article,
    full_text_enabled: bool,
    width: usize,
    lang: Lang,
    ministries: &Ministries,
    out: &mut impl Write,
) -> Result<()> {
    let a = &article.summary;
    // "BMAS (BMAS)" says nothing twice: the ministry only when it is not the feed's name.
    let feed = match &a.ministry {
        Some(m) if !m.eq_ignore_ascii_case(&a.feed) => {
            format!("{} ({})", sanitize(&a.feed), sanitize(m))
        }
        _ => sanitize(&a.feed).into_owned(),
    };
    let t = lang.texts();
    // Labels padded to one column, whatever their length in this language.
    let label_width = [
        t.show_feed,
        t.show_date,
        t.show_type,
        t.show_topics,
        t.show_link,
        t.show_state,
        t.show_note,
        t.also_in,
    ]
    .iter()
    .map(|l| l.chars().count())
    .max()
    .unwrap_or(0)
        + 1;
    let field = |label: &str| format!("{:<label_width$} ", format!("{label}:"));
    writeln!(out, "{}", sanitize(&a.title))?;
    writeln!(out, "{}{feed}", field(t.show_feed))?;
    // The same release in other feeds, with their links.
    for (source, link) in &article.copies {
        writeln!(
            out,
            "{}{} {}",
            field(t.also_in),
            sanitize(source),
            sanitize(link)
        )?;
    }
    if a.date_unknown {
        let first_seen = lang.date_time(a.published);
        writeln!(
            out,
            "{}{} {first_seen}",
            field(t.show_date),
            t.date_unknown_first_seen
        )?;
    } else {
        let date = lang.published_in(a.published, a.time_unknown, crate::model::Zone::Local);
        writeln!(out, "{}{date}", field(t.show_date))?;
    }
    if let Some(kind) = a.kind_with_number() {
        writeln!(out, "{}{}", field(t.show_type), sanitize(&kind))?;
    }
    if !a.topics.is_empty() {
        writeln!(
            out,
            "{}{}",
            field(t.show_topics),
            sanitize(&a.topics.join(", "))
        )?;
    }
    if let Some(link) = &a.link {
        writeln!(out, "{}{}", field(t.show_link), sanitize(link))?;
        if let Some(ministry) = a
            .ministry
            .as_deref()
            .filter(|_| link_elsewhere(a, ministries))
        {
            let note = fill(t.link_elsewhere, &[("ministry", &sanitize(ministry))]);
            writeln!(out, "{}{note}", field(t.show_note))?;
        }
    }
    let [read, unread, starred] = t.state_words;
    let state = match (a.read, a.starred) {
        (true, true) => format!("{read}, {starred}"),
        (true, false) => read.to_owned(),
        (false, true) => format!("{unread}, {starred}"),
        (false, false) => unread.to_owned(),
    };
    writeln!(out, "{}{state}", field(t.show_state))?;
    // Edited, taken out of the feed, gone: said with the day, and where an archived copy
    // may be found (never fetched by amtsfeed).
    let when = |at| lang.date_time(at);
    if let Some(at) = a.changed_at {
        let note = fill(t.changed_note, &[("date", &when(at))]);
        let note = note.split(" · ").next().unwrap_or(&note).to_owned();
        writeln!(
            out,
            "{}{note} (amtsfeed show {} --diff)",
            field(t.show_note),
            a.id.0
        )?;
    }
    // The parliamentary documents it names, with where to read them, and their processes as
    // DIP described them.
    for reference in &article.references {
        writeln!(
            out,
            "{}{} {}",
            field(t.parliament),
            reference.label(),
            reference.url()
        )?;
    }
    for process in &article.processes {
        writeln!(
            out,
            "{}{} {}",
            field(t.parliament),
            sanitize(&lang.process(process)),
            process.url()
        )?;
    }
    if let Some(at) = a.left_feed_at {
        let note = fill(t.left_feed_note, &[("date", &when(at))]);
        writeln!(out, "{}{note}", field(t.show_note))?;
    }
    if let (Some(at), Some(link)) = (a.gone_at, a.link.as_deref().and_then(crate::text::http_url)) {
        let note = fill(
            t.gone_note,
            &[
                ("date", &when(at)),
                ("retrieved", &when(article.retrieved)),
                ("archive", &crate::model::archive_url(link.as_str())),
            ],
        );
        writeln!(out, "{}{}", field(t.show_note), sanitize(&note))?;
    }
    if let Some(reason) = article
        .teaser_reason(full_text_enabled)
        .map(|r| lang.teaser_reason(&r))
    {
        writeln!(
            out,
            "{}{}: {}",
            field(t.show_note),
            t.show_teaser_note,
            sanitize(&reason)
        )?;
    }
    writeln!(out)?;
    writeln!(
        out,
        "{}",
        sanitize(render_body(article, width).with_link_list().trim_end())
    )?;
    Ok(())
}

/// The render width for JSON text: wide enough that no paragraph is broken.
const UNWRAPPED_WIDTH: usize = 10_000;

/// The list fields plus `text` (the body as plain text) and `links`.
pub fn article_json(
    article: &Article,
    versions: &[crate::model::Version],
    full_text_enabled: bool,
    ministries: &Ministries,
    out: &mut impl Write,
) -> Result<()> {
    // Programs reflow text themselves: paragraphs are one line each, whatever the terminal's
    // width (tables and list items keep their lines).
    let rendered = render_body(article, UNWRAPPED_WIDTH);
    let mut json = JsonArticle::new(&article.summary, ministries);
    json.full_text = Some(article.has_full_text());
    json.teaser_only_reason = Some(
        article
            .teaser_reason(full_text_enabled)
            .map(|r| crate::i18n::Lang::En.teaser_reason(&r)),
    );
    let body = sanitize(&rendered.text).into_owned();
    json.text = Some(body);
    json.text_plain = Some(render_body_unmarked(article, UNWRAPPED_WIDTH));
    let links: Vec<String> = rendered
        .links
        .iter()
        .map(|l| sanitize(l).into_owned())
        .collect();
    json.links = Some(&links);
    json.versions = Some(
        versions
            .iter()
            .map(|v| JsonVersion {
                number: v.number,
                seen_at: v.seen_at.to_rfc3339_opts(SecondsFormat::Secs, true),
                changed: v.changes.names(),
                title: sanitize(&v.title).into_owned(),
            })
            .collect(),
    );
    json.references = Some(
        article
            .references
            .iter()
            .map(|r| JsonReference {
                kind: r.kind.code(),
                number: r.number.clone(),
                url: r.url(),
            })
            .collect(),
    );
    json.processes = Some(
        article
            .processes
            .iter()
            .map(|p| {
                let mut v = serde_json::to_value(p).unwrap_or_default();
                v["url"] = serde_json::Value::String(p.url());
                v
            })
            .collect(),
    );
    serde_json::to_writer_pretty(&mut *out, &json)?;
    writeln!(out)?;
    Ok(())
}

/// Configured feeds with their cache counts and last result.
pub fn feeds_table(
    feeds: &[FeedConfig],
    statuses: &[FeedStatus],
    lang: Lang,
    out: &mut impl Write,
) -> Result<()> {
    let t = lang.texts();
    let [name_head, ministry_head, articles_head, unread_head, last_head, status_head] =
        t.feeds_columns;
    let ministry_width = ministry_head.width().max(8);
    let last_width = last_head.width().max(16);
    let name_width = feeds
        .iter()
        .map(|f| f.name.width())
        .max()
        .unwrap_or(4)
        .clamp(4, 40);
    writeln!(
        out,
        "{}  {} {articles_head:>8} {unread_head:>9}  {}  {status_head}",
        pad(name_head, name_width),
        pad(ministry_head, ministry_width),
        pad(last_head, last_width),
    )?;
    let by_url: std::collections::HashMap<&str, &FeedStatus> =
        statuses.iter().map(|s| (s.url.as_str(), s)).collect();
    for feed in feeds {
        let status = by_url.get(feed.url.as_str()).copied();
        let (articles, unread) = status.map_or((0, 0), |s| (s.articles, s.unread));
        let last = status
            .and_then(|s| s.last_fetch)
            .map_or_else(|| t.never.to_owned(), |at| lang.date_time(at));
        let result = match status.and_then(|s| s.last_error.as_ref()) {
            Some(error) => format!("{}: {}", lang.error_word(), sanitize(&lang.reason(error))),
            None if status.is_some_and(|s| s.last_fetch.is_some()) => "ok".to_owned(),
            None => "-".to_owned(),
        };
        writeln!(
            out,
            "{}  {} {articles:>8} {unread:>9}  {}  {result}",
            pad(&sanitize(&feed.name), name_width),
            pad(
                &sanitize(feed.ministry.as_deref().unwrap_or("-")),
                ministry_width
            ),
            pad(&last, last_width),
        )?;
        writeln!(out, "    {}", sanitize(&feed.display_url()))?;
        if let Some(to) = status.and_then(|s| s.moved_to.as_deref()) {
            let note = crate::i18n::fill(
                t.moved_feed,
                &[("name", &sanitize(&feed.name)), ("url", &sanitize(to))],
            );
            writeln!(out, "    → {note}")?;
        }
    }
    Ok(())
}
