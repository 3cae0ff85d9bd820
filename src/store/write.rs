//! Writing feed items: insert new ones, update changed ones (keeping read/starred), and keep
//! topics, bodies and the search index in step, all inside the caller's transaction.

use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension, Transaction};

use super::schema::{search_key, DatedBy};
use super::versions;
use super::vocabulary::NewTerms;
use super::StoreError;
use crate::model::{NewArticle, Retention};

/// The feed's row id, creating the row for a URL not (yet) in the config.
pub fn feed_id(tx: &Transaction, url: &str) -> Result<i64, StoreError> {
    tx.execute(
        "INSERT INTO feeds (url, name) VALUES (?1, ?1) ON CONFLICT(url) DO NOTHING",
        [url],
    )?;
    Ok(tx.query_row("SELECT id FROM feeds WHERE url = ?1", [url], |r| r.get(0))?)
}

pub enum Upsert {
    Inserted,
    Updated,
    Unchanged,
    /// New, but older than what the cache keeps.
    Skipped,
}

/// A feed's articles with what the writer derives from them, worked out before the write:
/// on the parser's thread, in parallel with other feeds, so that the one writer only writes.
pub struct PreparedFeed {
    pub articles: Vec<NewArticle>,
    derived: Vec<Derived>,
    /// The distinct words of all its articles, for the list of index words.
    terms: Vec<String>,
}

/// What the writer stores of an article besides the article itself.
struct Derived {
    hash: i64,
    title_hash: Option<i64>,
    topics: String,
    /// The teaser's HTML, unless its text says all of it (then the reader shows the text).
    keep_summary_html: bool,
}

/// `text` in NFC, in place (left alone when it is already).
fn make_nfc(text: &mut String) {
    if let std::borrow::Cow::Owned(normalized) = crate::text::nfc(text) {
        *text = normalized;
    }
}

impl PreparedFeed {
    pub fn new(mut articles: Vec<NewArticle>) -> Self {
        // Stored text is NFC whatever path it came by (feeds are decoded to NFC already).
        for a in &mut articles {
            for text in [
                &mut a.title,
                &mut a.summary,
                &mut a.summary_html,
                &mut a.content_text,
            ] {
                make_nfc(text);
            }
            a.topics.iter_mut().for_each(make_nfc);
            a.content_html.iter_mut().for_each(make_nfc);
        }
        let mut terms = NewTerms::default();
        let derived = articles
            .iter()
            .map(|a| {
                let topics = a.topics.join("\n");
                for text in [&a.title, &topics, &a.summary, &a.content_text] {
                    terms.add(text);
                }
                Derived {
                    hash: a.content_hash(),
                    title_hash: super::groups::title_hash(&a.title),
                    topics,
                    keep_summary_html: !crate::text::markup_adds_nothing(
                        &a.summary_html,
                        a.link.as_deref(),
                    ),
                }
            })
            .collect();
        Self {
            articles,
            derived,
            terms: terms.into_vec(),
        }
    }
}

/// What a write transaction keeps between its articles.
pub struct Batch {
    /// The id the next new article gets: chosen here (as SQLite would, the largest plus one)
    /// so that its search key goes into the same INSERT, and counted up instead of asking
    /// for the largest id again per article (the transaction holds the write lock).
    next_id: i64,
    /// Whether the feed being written has articles already; a new feed's items need no
    /// lookup of an earlier version each.
    feed_has_rows: bool,
    pub index: SearchRows,
    /// The words of the feeds with new or changed articles, for the list of index words.
    pub terms: NewTerms,
}

impl Batch {
    pub fn new(tx: &Transaction) -> Result<Self, StoreError> {
        // Exactly `SELECT MAX(id)`: SQLite answers that from the end of the table; wrapped
        // in an expression it would scan every row.
        let last: Option<i64> = tx
            .prepare_cached("SELECT MAX(id) FROM articles")?
            .query_row([], |r| r.get(0))?;
        Ok(Self {
            next_id: last.unwrap_or(0) + 1,
            feed_has_rows: true,
            index: SearchRows::default(),
            terms: NewTerms::default(),
        })
    }

    /// The largest id before this batch's articles.
    pub fn last_id(&self) -> i64 {
        self.next_id - 1
    }

    /// Writes the index rows and the new index words: the end of the batch.
    pub fn finish(self, tx: &Transaction) -> Result<(), StoreError> {
        self.index.write(tx)?;
        self.terms.record(tx)
    }

    /// Starts the articles of another feed.
    pub fn start_feed(&mut self, tx: &Transaction, feed_id: i64) -> Result<(), StoreError> {
        self.feed_has_rows = tx
            .prepare_cached("SELECT EXISTS (SELECT 1 FROM articles WHERE feed_id = ?1)")?
            .query_row([feed_id], |r| r.get(0))?;
        Ok(())
    }
}

/// The publication time at or before which a new item of the feed is not stored, because
/// retention would remove it again right after (and the next refresh store it again): older
/// than `keep_days`, or not newer than the feed's newest `max_articles_per_feed` unstarred
/// articles when it has that many. Items already stored are updated whatever their age.
pub fn retention_floor(
    tx: &Transaction,
    feed_id: i64,
    retention: Retention,
    now: DateTime<Utc>,
) -> Result<Option<i64>, StoreError> {
    // "Before the cutoff" is "at or before the second before it".
    let by_age = retention.oldest_kept(now).map(|t| t.saturating_sub(1));
    let by_count = match retention.max_per_feed() {
        Some(max) => tx
            .prepare_cached(
                "SELECT published FROM articles WHERE feed_id = ?1 AND starred = 0
                 ORDER BY published DESC, id DESC LIMIT 1 OFFSET ?2",
            )?
            .query_row(
                params![feed_id, i64::try_from(max - 1).unwrap_or(i64::MAX)],
                |r| r.get(0),
            )
            .optional()?,
        None => None,
    };
    Ok(by_age.max(by_count))
}

/// Writes one feed's items (each key once), counting the new and the changed; the feed's
/// words join the list of index words when any item was written. New items published at
/// or before `floor` are left out (see `retention_floor`).
pub fn upsert_feed(
    tx: &Transaction,
    feed_id: i64,
    feed: &PreparedFeed,
    now: DateTime<Utc>,
    floor: Option<i64>,
    batch: &mut Batch,
) -> Result<super::StoreCounts, StoreError> {
    batch.start_feed(tx, feed_id)?;
    let mut counts = super::StoreCounts::default();
    let mut seen = std::collections::HashSet::new();
    for (a, derived) in feed.articles.iter().zip(&feed.derived) {
        if !seen.insert(a.key.as_str()) {
            continue;
        }
        match upsert_article(tx, feed_id, a, derived, now, floor, batch)? {
            Upsert::Inserted => counts.new += 1,
            Upsert::Updated => counts.updated += 1,
            Upsert::Unchanged | Upsert::Skipped => {}
        }
    }
    if counts.new + counts.updated > 0 {
        batch.terms.extend(&feed.terms);
    }
    if batch.feed_has_rows {
        mark_left_and_returned(tx, feed_id, feed, &seen, now)?;
    }
    Ok(counts)
}

/// Inserts or updates one item. A changed item gets its page fetched again.
fn upsert_article(
    tx: &Transaction,
    feed_id: i64,
    a: &NewArticle,
    derived: &Derived,
    now: DateTime<Utc>,
    floor: Option<i64>,
    batch: &mut Batch,
) -> Result<Upsert, StoreError> {
    let Derived {
        hash,
        title_hash,
        topics,
        keep_summary_html,
    } = derived;
    let summary_html = match keep_summary_html {
        true => a.summary_html.as_str(),
        false => "",
    };
    let hash = *hash;
    // A date far in the future would pin the item to the top of every list: ignore it.
    let published = a
        .published
        .filter(|d| *d <= now + chrono::Duration::days(2));
    let existing: Option<(i64, i64, i64, i64)> = match batch.feed_has_rows {
        true => tx
            .prepare_cached("SELECT id, content_hash, published, dated FROM articles WHERE feed_id = ?1 AND key = ?2")?
            .query_row(params![feed_id, a.key], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .optional()?,
        false => None,
    };
    // The search key of a new row; updated rows are re-keyed by `index_article`.
    let mut new_key = None;
    let (id, outcome) = match existing {
        Some((_, old_hash, _, _)) if old_hash == hash => return Ok(Upsert::Unchanged),
        Some((id, _, old_published, old_dated)) => {
            let (published, dated) = match published {
                Some(d) => (d.timestamp(), DatedBy::of_source(a.day_only) as i64),
                None => (old_published, old_dated),
            };
            // What the feed changed (title, teaser, date) is kept as a version; the page's
            // text stays until the page is fetched again.
            let before = tx
                .prepare_cached("SELECT title, summary, kind FROM articles WHERE id = ?1")?
                .query_row([id], |r| {
                    Ok(versions::State {
                        title: r.get(0)?,
                        summary: r.get(1)?,
                        text: String::new(),
                        kind: r.get(2)?,
                        published: old_published,
                    })
                })?;
            let after = versions::State {
                title: a.title.clone(),
                summary: a.summary.clone(),
                text: String::new(),
                kind: before.kind.clone().or_else(|| a.kind.clone()),
                published,
            };
            versions::record(tx, id, &before, &after, now)?;
            // A type the page gave stays; the source's fills one that is missing.
            tx.prepare_cached(
                "UPDATE articles SET title = ?2, link = ?3, published = ?4, dated = ?5, topics = ?6, summary = ?7,
                 content_hash = ?8, updated_at = ?9, page_status = NULL, page_attempts = 0, title_hash = ?10,
                 kind = COALESCE(kind, ?11) WHERE id = ?1",
            )?
            .execute(params![id, a.title, a.link, published, dated, topics, a.summary, hash, now.timestamp(), title_hash, a.kind])?;
            (id, Upsert::Updated)
        }
        None if published.is_some_and(|p| floor.is_some_and(|f| p.timestamp() <= f)) => {
            return Ok(Upsert::Skipped)
        }
        None => {
            let dated = match published {
                Some(_) => DatedBy::of_source(a.day_only),
                None => DatedBy::FirstSeen,
            } as i64;
            let published = published.unwrap_or(now).timestamp();
            let id = batch.next_id;
            batch.next_id += 1;
            let key = search_key(published, id);
            tx.prepare_cached(
                "INSERT INTO articles (id, feed_id, key, title, link, published, dated, first_seen, topics, summary, content_hash, search_key, title_hash, kind)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
            )?
            .execute(params![id, feed_id, a.key, a.title, a.link, published, dated, now.timestamp(), topics, a.summary, hash, key, title_hash, a.kind])?;
            new_key = Some(key);
            (id, Upsert::Inserted)
        }
    };
    let inserted = matches!(outcome, Upsert::Inserted);
    if !inserted {
        tx.prepare_cached("DELETE FROM article_topics WHERE article_id = ?1")?
            .execute([id])?;
    }
    insert_topics(tx, id, &a.topics)?;
    let text = format!("{}\n{}\n{}", a.title, a.summary, a.content_text);
    let links = a.link.as_deref().into_iter().chain(
        a.content_html
            .as_deref()
            .map(crate::refs::hrefs)
            .unwrap_or_default(),
    );
    super::references::record(tx, id, &text, links)?;
    // A new article with nothing but its teaser's text gets no body row (most teaser-only
    // items: the row would be empty); a page fetched later adds one. A page already fetched
    // stays the body until it is fetched again.
    if !(inserted && summary_html.is_empty() && a.content_html.is_none()) {
        tx.prepare_cached(
            "INSERT INTO article_bodies (article_id, summary_html, content_html) VALUES (?1, ?2, ?3)
             ON CONFLICT(article_id) DO UPDATE SET summary_html = excluded.summary_html, content_html = excluded.content_html,
             text = CASE WHEN page_html IS NULL THEN '' ELSE text END",
        )?
        .execute(params![id, summary_html, a.content_html])?;
    }
    let index = &mut batch.index;
    match new_key {
        // A new row: nothing to delete from the index (deletes are costly in contentless FTS).
        Some(key) => index.push(SearchRow {
            key,
            title: a.title.clone(),
            topics: topics.clone(),
            summary: a.summary.clone(),
            body: a.content_text.clone(),
        }),
        None => {
            let key = unindex_article(tx, id)?;
            index.push(search_row(tx, id, key, None, &a.content_text)?);
        }
    }
    Ok(outcome)
}

/// Items that left the feed get the day they left: stored ones missing from it although they
/// are newer than its oldest item (an item that scrolled off the end of the feed's window did
/// not leave). An item back in the feed loses the mark. Feeds without dates are not judged.
fn mark_left_and_returned(
    tx: &Transaction,
    feed_id: i64,
    feed: &PreparedFeed,
    in_feed: &std::collections::HashSet<&str>,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let Some(oldest) = feed.articles.iter().filter_map(|a| a.published).min() else {
        return Ok(());
    };
    let stored: Vec<(i64, String, Option<i64>)> = tx
        .prepare_cached(
            "SELECT id, key, left_feed_at FROM articles
             WHERE feed_id = ?1 AND published > ?2 AND dated <> 0",
        )?
        .query_map(params![feed_id, oldest.timestamp()], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })?
        .collect::<Result<_, _>>()?;
    for (id, key, left) in stored {
        let present = in_feed.contains(key.as_str());
        let mark = match (present, left) {
            (false, None) => Some(Some(now.timestamp())),
            (true, Some(_)) => Some(None),
            _ => None,
        };
        if let Some(mark) = mark {
            tx.prepare_cached("UPDATE articles SET left_feed_at = ?2 WHERE id = ?1")?
                .execute(params![id, mark])?;
        }
    }
    Ok(())
}

/// One row for the search index, written later in key order (see `SearchRows`).
pub struct SearchRow {
    key: i64,
    title: String,
    topics: String,
    summary: String,
    body: String,
}

/// Index rows collected during a transaction. FTS5 flushes its pending data whenever a
/// rowid is not larger than the one before, and date-ordered keys arrive in any order, so
/// the rows are sorted and written together before the commit.
#[derive(Default)]
pub struct SearchRows(Vec<SearchRow>);

impl SearchRows {
    fn push(&mut self, row: SearchRow) {
        self.0.push(row);
    }

    /// Writes the collected rows in ascending key order.
    pub fn write(mut self, tx: &Transaction) -> Result<(), StoreError> {
        self.0.sort_unstable_by_key(|r| r.key);
        let mut insert = tx.prepare_cached(
            "INSERT INTO article_search (rowid, title, topics, summary, body) VALUES (?1, ?2, ?3, ?4, ?5)",
        )?;
        // The index holds the texts in key form (see `filter::word`): one spelling of a
        // word finds every spelling of it.
        use crate::filter::word::key;
        for r in &self.0 {
            insert.execute(params![
                r.key,
                key(&r.title),
                key(&r.topics),
                key(&r.summary),
                key(&r.body)
            ])?;
        }
        Ok(())
    }
}

/// Removes the article's index row and gives it the search key of its current date;
/// returns that key.
fn unindex_article(tx: &Transaction, id: i64) -> Result<i64, StoreError> {
    let (old_key, published): (Option<i64>, i64) = tx
        .prepare_cached("SELECT search_key, published FROM articles WHERE id = ?1")?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    if let Some(old) = old_key {
        tx.prepare_cached("DELETE FROM article_search WHERE rowid = ?1")?
            .execute([old])?;
    }
    let key = search_key(published, id);
    if old_key != Some(key) {
        tx.prepare_cached("UPDATE articles SET search_key = ?2 WHERE id = ?1")?
            .execute([id, key])?;
    }
    Ok(key)
}

/// The index row for what the tables hold now. The body is the page's text when there is
/// a page (`page_text` when the caller has it in hand, else converted again: the cache keeps
/// HTML, not a second copy as text), else `feed_text`, the feed's content as text.
fn search_row(
    tx: &Transaction,
    id: i64,
    key: i64,
    page_text: Option<&str>,
    feed_text: &str,
) -> Result<SearchRow, StoreError> {
    let (title, topics, summary, stored_text, page_html): (
        String,
        String,
        String,
        String,
        Option<String>,
    ) = tx
        .prepare_cached(
            "SELECT a.title, a.topics, a.summary, COALESCE(b.text, ''), b.page_html
             FROM articles a LEFT JOIN article_bodies b ON b.article_id = a.id WHERE a.id = ?1",
        )?
        .query_row([id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })?;
    let body = match (page_text, page_html) {
        (Some(text), _) => text.to_owned(),
        // Caches before schema 5 kept the page's text.
        (None, Some(_)) if !stored_text.is_empty() => stored_text,
        (None, Some(html)) => crate::text::html_to_plain(&html),
        // Caches before schema 5 kept the feed content's text too.
        (None, None) if feed_text.is_empty() => stored_text,
        (None, None) => feed_text.to_owned(),
    };
    Ok(SearchRow {
        key,
        title,
        topics,
        summary,
        body,
    })
}

/// Replaces an article's rows in `article_topics`.
pub fn write_topics(tx: &Transaction, id: i64, topics: &[String]) -> Result<(), StoreError> {
    tx.prepare_cached("DELETE FROM article_topics WHERE article_id = ?1")?
        .execute([id])?;
    insert_topics(tx, id, topics)
}

fn insert_topics(tx: &Transaction, id: i64, topics: &[String]) -> Result<(), StoreError> {
    let mut insert = tx.prepare_cached(
        "INSERT OR IGNORE INTO article_topics (article_id, topic) VALUES (?1, ?2)",
    )?;
    for topic in topics {
        insert.execute(params![id, topic])?;
    }
    Ok(())
}

/// Writes every article's search-index row and the list of index words anew, from what the
/// tables hold (an upgrade that changed what the index holds; the tables are empty then).
pub fn rebuild_search(tx: &Transaction) -> Result<(), StoreError> {
    let ids: Vec<i64> = tx
        .prepare("SELECT id FROM articles ORDER BY search_key")?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    for id in ids {
        reindex(tx, id)?;
    }
    Ok(())
}

/// Rewrites the article's search-index row from what the tables hold now (after a change
/// of its topics): the page's text if there is a page, else the feed's content's.
pub fn reindex(tx: &Transaction, id: i64) -> Result<(), StoreError> {
    let content: Option<String> = tx
        .prepare_cached("SELECT content_html FROM article_bodies WHERE article_id = ?1")?
        .query_row([id], |r| r.get(0))
        .optional()?
        .flatten();
    let feed_text = content.map_or_else(String::new, |html| crate::text::html_to_plain(&html));
    let key = unindex_article(tx, id)?;
    let row = search_row(tx, id, key, None, &feed_text)?;
    let mut terms = NewTerms::default();
    for text in [&row.title, &row.topics, &row.summary, &row.body] {
        terms.add(text);
    }
    let mut rows = SearchRows::default();
    rows.push(row);
    rows.write(tx)?;
    terms.record(tx)
}

/// Rewrites the article's search-index row from what the tables hold now and the page's
/// text; a changed date moves it to its new search key.
pub fn index_article(tx: &Transaction, id: i64, page_text: &str) -> Result<(), StoreError> {
    let key = unindex_article(tx, id)?;
    let row = search_row(tx, id, key, Some(page_text), "")?;
    let mut terms = NewTerms::default();
    for text in [&row.title, &row.topics, &row.summary, &row.body] {
        terms.add(text);
    }
    let mut rows = SearchRows::default();
    rows.push(row);
    rows.write(tx)?;
    terms.record(tx)
}
