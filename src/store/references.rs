//! The parliamentary documents an article names (migration 12): found by `refs` in what is
//! written for it (the feed's title, teaser and content, the page's text and links) and kept
//! once each; a reference once seen stays.

use rusqlite::{params, Connection};

use super::StoreError;
use crate::refs::{RefKind, Reference};

/// Keeps the references found in `text` and `links` for article `id`.
pub fn record<'a>(
    conn: &Connection,
    id: i64,
    text: &str,
    links: impl IntoIterator<Item = &'a str>,
) -> Result<(), StoreError> {
    for reference in crate::refs::in_text_and_links(text, links) {
        conn.prepare_cached(
            "INSERT OR IGNORE INTO article_refs (article_id, kind, number) VALUES (?1, ?2, ?3)",
        )?
        .execute(params![id, reference.kind.code(), reference.number])?;
    }
    Ok(())
}

/// The references of article `id`, in a stable order.
pub fn of(conn: &Connection, id: i64) -> Result<Vec<Reference>, StoreError> {
    let rows: Vec<(String, String)> = conn
        .prepare_cached("SELECT kind, number FROM article_refs WHERE article_id = ?1")?
        .query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    let mut out: Vec<Reference> = rows
        .into_iter()
        .filter_map(|(kind, number)| {
            RefKind::from_code(&kind).map(|kind| Reference { kind, number })
        })
        .collect();
    out.sort_by_key(|r| (r.kind, number_key(&r.number)));
    Ok(out)
}

/// "21/1234" sorts after "21/987".
fn number_key(number: &str) -> (u64, u64) {
    let (a, b) = number.split_once('/').unwrap_or((number, "0"));
    (a.parse().unwrap_or(0), b.parse().unwrap_or(0))
}
