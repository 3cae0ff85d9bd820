//! Earlier versions of an article (migration 11): every change of its title, teaser, page
//! text, date or type keeps what was there before, with when it was replaced.
//!
//! The current version lives in `articles` and `article_bodies` as always; each row of
//! `article_versions` holds only what differed from the version after it: the old title,
//! teaser, date or type where they changed, and for the page text a word delta
//! (`diff::delta`) that turns the newer text into the older one. An unchanged part costs
//! nothing, a changed text about its changed words. Versions are rebuilt newest to oldest.
//!
//! One edit often arrives in two steps of one refresh (the feed's new title, then the page's
//! new text fetched because of it): a change within [`FOLD_SECONDS`] of the last one joins
//! that version instead of making one more.

use chrono::{DateTime, TimeZone, Utc};
use rusqlite::{params, OptionalExtension, Transaction};

use super::StoreError;
use crate::model::{ArticleId, Changes, Fnv1a, Version};

/// Changes this close together are one edit.
pub const FOLD_SECONDS: i64 = 3600;

/// The width the page text of a version is rendered at: wide enough that a paragraph is one
/// line, so the words, not the wrapping, are compared.
const TEXT_WIDTH: usize = 1_000_000;

/// An article's versioned parts at one moment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct State {
    pub title: String,
    pub summary: String,
    /// The page's text; empty without a page.
    pub text: String,
    pub kind: Option<String>,
    pub published: i64,
}

/// The text of a page as versions keep it.
pub fn page_text(page_html: Option<&str>) -> String {
    page_html.map_or_else(String::new, |html| {
        crate::text::render_unmarked(html, TEXT_WIDTH)
    })
}

/// A check that a rebuilt text is the one that was replaced (32 bits: it guards against a
/// renderer that changed, not against an attacker, and costs 4 bytes a version, not 8).
fn text_hash(text: &str) -> i64 {
    let mut hash = Fnv1a::default();
    hash.write_bytes(text.as_bytes());
    (hash.finish() & 0x7FFF_FFFF) as i64
}

/// What differs between two states.
pub fn changes(before: &State, after: &State) -> Changes {
    let mut bits = 0;
    if before.title != after.title {
        bits |= Changes::TITLE;
    }
    if before.summary != after.summary {
        bits |= Changes::TEASER;
    }
    if before.text != after.text {
        bits |= Changes::TEXT;
    }
    if before.published != after.published {
        bits |= Changes::DATE;
    }
    if before.kind != after.kind {
        bits |= Changes::KIND;
    }
    Changes(bits)
}

/// The newest version row of an article.
struct Row {
    seq: i64,
    replaced_at: i64,
    changed: u8,
    title: Option<String>,
    summary: Option<String>,
    text_delta: Option<String>,
    text_hash: Option<i64>,
    kind: Option<String>,
    published: Option<i64>,
}

/// The article's version rows, newest first; at most `limit` of them.
fn rows(tx: &rusqlite::Connection, id: i64, limit: i64) -> Result<Vec<Row>, StoreError> {
    let mut statement = tx.prepare_cached(
        "SELECT seq, replaced_at, changed, title, summary, text_delta, text_hash, kind, published
         FROM article_versions WHERE article_id = ?1 ORDER BY seq DESC LIMIT ?2",
    )?;
    let rows = statement
        .query_map(params![id, limit], |r| {
            Ok(Row {
                seq: r.get(0)?,
                replaced_at: r.get(1)?,
                changed: r.get(2)?,
                title: r.get(3)?,
                summary: r.get(4)?,
                text_delta: r.get(5)?,
                text_hash: r.get(6)?,
                kind: r.get(7)?,
                published: r.get(8)?,
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(rows)
}

/// Keeps `before` as a version of article `id`, which is now `after`, if anything changed.
/// Whether it did.
pub fn record(
    tx: &Transaction,
    id: i64,
    before: &State,
    after: &State,
    now: DateTime<Utc>,
) -> Result<bool, StoreError> {
    let new = changes(before, after);
    if new.is_empty() {
        return Ok(false);
    }
    let now = now.timestamp();
    let newest = rows(tx, id, 1)?.into_iter().next();
    // Part of the same edit as the newest version: that version, as it was before the edit
    // began, is what `after` replaces (a part changed back is then no change at all).
    let (older, seq, replaced_at) = match newest.filter(|row| now - row.replaced_at < FOLD_SECONDS)
    {
        Some(row) => {
            let changed = Changes(row.changed);
            let text = match (changed.has(Changes::TEXT), &row.text_delta) {
                (true, Some(delta)) => crate::diff::apply(&before.text, delta)
                    .filter(|t| Some(text_hash(t)) == row.text_hash)
                    .unwrap_or_else(|| before.text.clone()),
                _ => before.text.clone(),
            };
            let older = State {
                title: row.title.unwrap_or_else(|| before.title.clone()),
                summary: row.summary.unwrap_or_else(|| before.summary.clone()),
                text,
                kind: if changed.has(Changes::KIND) {
                    row.kind
                } else {
                    before.kind.clone()
                },
                published: match (changed.has(Changes::DATE), row.published) {
                    (true, Some(published)) => published,
                    _ => before.published,
                },
            };
            tx.prepare_cached("DELETE FROM article_versions WHERE article_id = ?1 AND seq = ?2")?
                .execute(params![id, row.seq])?;
            (older, row.seq, row.replaced_at)
        }
        None => {
            let seq = tx
                .prepare_cached(
                    "SELECT COALESCE(MAX(seq), 0) + 1 FROM article_versions WHERE article_id = ?1",
                )?
                .query_row([id], |r| r.get::<_, i64>(0))?;
            (before.clone(), seq, now)
        }
    };
    let changed = changes(&older, after);
    if changed.is_empty() {
        // Changed back within the edit: as it was, unless an earlier edit is on record.
        let earlier = tx
            .prepare_cached("SELECT MAX(replaced_at) FROM article_versions WHERE article_id = ?1")?
            .query_row([id], |r| r.get::<_, Option<i64>>(0))?;
        tx.prepare_cached("UPDATE articles SET changed_at = ?2 WHERE id = ?1")?
            .execute(params![id, earlier])?;
        return Ok(false);
    }
    let text = changed.has(Changes::TEXT);
    tx.prepare_cached(
        "INSERT INTO article_versions (article_id, seq, replaced_at, changed, title, summary,
         text_delta, text_hash, kind, published)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?
    .execute(params![
        id,
        seq,
        replaced_at,
        changed.0,
        changed.has(Changes::TITLE).then_some(&older.title),
        changed.has(Changes::TEASER).then_some(&older.summary),
        text.then(|| crate::diff::delta(&after.text, &older.text)),
        text.then(|| text_hash(&older.text)),
        changed.has(Changes::KIND).then_some(older.kind).flatten(),
        changed.has(Changes::DATE).then_some(older.published),
    ])?;
    let now = replaced_at;
    tx.prepare_cached("UPDATE articles SET changed_at = ?2 WHERE id = ?1")?
        .execute(params![id, now])?;
    Ok(true)
}

/// Every version of article `id`, the first first and the current one last; empty when it
/// is not in the cache.
pub fn versions(conn: &rusqlite::Connection, id: ArticleId) -> Result<Vec<Version>, StoreError> {
    let current = conn
        .query_row(
            "SELECT a.title, a.summary, a.kind, a.published, a.first_seen, a.changed_at,
                    b.page_html
             FROM articles a LEFT JOIN article_bodies b ON b.article_id = a.id
             WHERE a.id = ?1",
            [id.0],
            |r| {
                Ok((
                    State {
                        title: r.get(0)?,
                        summary: r.get(1)?,
                        kind: r.get(2)?,
                        published: r.get(3)?,
                        text: String::new(),
                    },
                    r.get::<_, i64>(4)?,
                    r.get::<_, Option<i64>>(5)?,
                    r.get::<_, Option<String>>(6)?,
                ))
            },
        )
        .optional()?;
    let Some((mut state, first_seen, changed_at, page_html)) = current else {
        return Ok(Vec::new());
    };
    state.text = page_text(page_html.as_deref());
    let time = |t: i64| Utc.timestamp_opt(t, 0).single().unwrap_or_default();
    let rows = rows(conn, id.0, -1)?;
    let mut text: Option<String> = Some(state.text.clone());
    // Newest first while rebuilding: the current version, then each row's.
    let mut out = vec![Version {
        number: rows.len() + 1,
        seen_at: time(
            changed_at
                .or(rows.first().map(|r| r.replaced_at))
                .unwrap_or(first_seen),
        ),
        changes: rows
            .first()
            .map_or(Changes::default(), |r| Changes(r.changed)),
        title: state.title.clone(),
        summary: state.summary.clone(),
        text: text.clone(),
        kind: state.kind.clone(),
        published: time(state.published),
    }];
    for (i, row) in rows.iter().enumerate() {
        let changed = Changes(row.changed);
        if let Some(title) = &row.title {
            state.title = title.clone();
        }
        if let Some(summary) = &row.summary {
            state.summary = summary.clone();
        }
        if changed.has(Changes::KIND) {
            state.kind = row.kind.clone();
        }
        if let (true, Some(published)) = (changed.has(Changes::DATE), row.published) {
            state.published = published;
        }
        if changed.has(Changes::TEXT) {
            text = match (&text, &row.text_delta) {
                (Some(newer), Some(delta)) => crate::diff::apply(newer, delta)
                    .filter(|older| Some(text_hash(older)) == row.text_hash),
                _ => None,
            };
        }
        let older = rows.get(i + 1);
        out.push(Version {
            number: rows.len() - i,
            seen_at: time(older.map_or(first_seen, |o| o.replaced_at)),
            changes: older.map_or(Changes::default(), |o| Changes(o.changed)),
            title: state.title.clone(),
            summary: state.summary.clone(),
            text: text.clone(),
            kind: state.kind.clone(),
            published: time(state.published),
        });
    }
    out.reverse();
    Ok(out)
}
