//! The feeds table kept to the config: one row per configured feed, whatever happened to
//! its address. A feed whose URL changes in the config keeps its row (articles, read state,
//! counts): the row of the same name, or the one that had moved to that URL, takes the new
//! URL. Rows left twice for one configured feed by earlier versions are merged into one.

use std::collections::HashSet;

use rusqlite::{params, OptionalExtension, Transaction};

use super::StoreError;
use crate::model::FeedConfig;

/// Gives an existing row to a configured feed whose URL has no row yet: the row that moved
/// to that URL, else the row of the feed's name whose URL the config no longer has.
pub fn adopt_moved_rows(tx: &Transaction, feeds: &[FeedConfig]) -> Result<(), StoreError> {
    let configured: HashSet<&str> = feeds.iter().map(|f| f.url.as_str()).collect();
    for feed in feeds {
        let url = feed.url.as_str();
        let has_row: bool = tx
            .prepare_cached("SELECT EXISTS (SELECT 1 FROM feeds WHERE url = ?1)")?
            .query_row([url], |r| r.get(0))?;
        if has_row {
            continue;
        }
        let candidates: Vec<(i64, String, Option<String>)> = tx
            .prepare_cached(
                "SELECT id, url, moved_to FROM feeds
                 WHERE moved_to = ?1 OR name = ?2 COLLATE NOCASE ORDER BY moved_to = ?1 DESC, id",
            )?
            .query_map(params![url, feed.name], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })?
            .collect::<Result<_, _>>()?;
        let old = candidates
            .into_iter()
            .find(|(_, old_url, _)| !configured.contains(old_url.as_str()));
        if let Some((id, old_url, _)) = old {
            tracing::info!(feed = %feed.name, from = %old_url, to = %url, "feed address changed; its articles stay");
            tx.prepare_cached("UPDATE feeds SET url = ?2, moved_to = NULL, etag = NULL, last_modified = NULL WHERE id = ?1")?
                .execute(params![id, url])?;
        }
    }
    Ok(())
}

/// Merges rows of a configured feed's name whose URL the config no longer has into the
/// feed's own row: their articles join it (an item both have once, read or starred if either
/// copy was), and the extra rows go. Returns how many rows were merged.
pub fn merge_duplicate_rows(tx: &Transaction, feeds: &[FeedConfig]) -> Result<usize, StoreError> {
    let configured: HashSet<&str> = feeds.iter().map(|f| f.url.as_str()).collect();
    let mut merged = 0;
    for feed in feeds {
        let Some(keep): Option<i64> = tx
            .prepare_cached("SELECT id FROM feeds WHERE url = ?1")?
            .query_row([feed.url.as_str()], |r| r.get(0))
            .optional()?
        else {
            continue;
        };
        let extra: Vec<(i64, String)> = tx
            .prepare_cached(
                "SELECT id, url FROM feeds WHERE name = ?1 COLLATE NOCASE AND id <> ?2",
            )?
            .query_map(params![feed.name, keep], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?;
        for (old, url) in extra {
            if configured.contains(url.as_str()) {
                continue; // another configured feed of the same name (cannot be: names are unique)
            }
            merge_into(tx, old, keep)?;
            merged += 1;
        }
    }
    Ok(merged)
}

fn merge_into(tx: &Transaction, old: i64, keep: i64) -> Result<(), StoreError> {
    for column in ["read", "starred"] {
        tx.execute(
            &format!(
                "UPDATE articles SET {column} = 1 WHERE feed_id = ?2 AND {column} = 0 AND key IN
                   (SELECT key FROM articles WHERE feed_id = ?1 AND {column} = 1)"
            ),
            params![old, keep],
        )?;
    }
    // The index has no cascade: the rows of the copies that go, first.
    tx.execute(
        "DELETE FROM article_search WHERE rowid IN (SELECT search_key FROM articles
           WHERE feed_id = ?1 AND key IN (SELECT key FROM articles WHERE feed_id = ?2))",
        params![old, keep],
    )?;
    tx.execute(
        "DELETE FROM articles WHERE feed_id = ?1 AND key IN (SELECT key FROM articles WHERE feed_id = ?2)",
        params![old, keep],
    )?;
    tx.execute(
        "UPDATE articles SET feed_id = ?2 WHERE feed_id = ?1",
        params![old, keep],
    )?;
    tx.execute("DELETE FROM feeds WHERE id = ?1", [old])?;
    Ok(())
}
