//! A feed's configured topics on its stored articles: a refresh gives them to each item it
//! stores, so when the config's topics change, the articles already stored follow (an
//! unchanged item is not stored again, and a 304 stores nothing).

use rusqlite::{params, Transaction};

use super::write;
use super::StoreError;

/// The configured topics as a refresh adds them: cleaned for one line, empty ones dropped,
/// each once whatever its case.
pub fn configured(topics: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for raw in topics {
        let topic = crate::text::clean_inline(raw);
        if !topic.is_empty() && !contains(&out, &topic) {
            out.push(topic);
        }
    }
    out
}

fn contains(topics: &[String], topic: &str) -> bool {
    let topic = topic.to_lowercase();
    topics.iter().any(|t| t.to_lowercase() == topic)
}

/// Applies a change of the feed's configured topics from `before` (newline-separated as
/// stored; `None` when not known, as in a cache from before they were kept: then topics are
/// only added) to `now` on each of its articles whose topics change, with their topic rows
/// and index rows. A removed topic goes even where the item's own category had the same
/// word: the two cannot be told apart once stored.
pub fn apply_configured(
    tx: &Transaction,
    feed_id: i64,
    before: Option<&str>,
    now: &[String],
) -> Result<usize, StoreError> {
    let before: Option<Vec<String>> = before.map(|b| {
        b.split('\n')
            .filter(|t| !t.is_empty())
            .map(str::to_owned)
            .collect()
    });
    if before.as_deref() == Some(now) {
        return Ok(0);
    }
    let removed: Vec<String> = before
        .unwrap_or_default()
        .into_iter()
        .filter(|t| !contains(now, t))
        .collect();
    let articles: Vec<(i64, String)> = tx
        .prepare_cached("SELECT id, topics FROM articles WHERE feed_id = ?1")?
        .query_map([feed_id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    let mut changed = 0;
    for (id, stored) in articles {
        let old: Vec<String> = stored
            .split('\n')
            .filter(|t| !t.is_empty())
            .map(str::to_owned)
            .collect();
        let mut new: Vec<String> = old
            .iter()
            .filter(|t| !contains(&removed, t))
            .cloned()
            .collect();
        for topic in now {
            if !contains(&new, topic) {
                new.push(topic.clone());
            }
        }
        if new == old {
            continue;
        }
        tx.prepare_cached("UPDATE articles SET topics = ?2 WHERE id = ?1")?
            .execute(params![id, new.join("\n")])?;
        write::write_topics(tx, id, &new)?;
        write::reindex(tx, id)?;
        changed += 1;
    }
    Ok(changed)
}
