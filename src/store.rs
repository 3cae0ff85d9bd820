//! The local SQLite cache (`amtsfeed.db`): feeds, articles with their read/starred state, and
//! a trigram FTS index kept in step in the same transaction. Disk only; no network.

use std::path::{Path, PathBuf};

use chrono::{DateTime, TimeZone, Utc};
use rusqlite::{params, Connection, OptionalExtension, Transaction};

use crate::config::FeedConfig;
use crate::model::{
    Article, ArticleId, ArticleSummary, FeedStatus, NewArticle, StoreCounts, TopicCount, Validators,
};
use crate::text;

mod query;
mod schema;

pub use query::ArticleQuery;

/// File name of the cache inside the data dir.
pub const DB_FILE: &str = "amtsfeed.db";

/// A cache problem, worded for the user.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("cannot create the data directory {path}: {source}")]
    DataDir {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("the cache {path} is damaged or not an amtsfeed database ({source}); move it aside (e.g. `mv {path} {path}.broken`) and run `amtsfeed fetch` to start a new one")]
    Corrupt {
        path: PathBuf,
        source: rusqlite::Error,
    },
    #[error("the cache {path} was written by a newer amtsfeed (schema {found}, this one knows {known}); update amtsfeed")]
    TooNew {
        path: PathBuf,
        found: i64,
        known: i64,
    },
    #[error("cache: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("cache worker stopped: {0}")]
    Worker(String),
}

/// An open cache.
pub struct Store {
    conn: Connection,
}

impl Store {
    /// Opens (and creates, private to the user) `<data_dir>/amtsfeed.db`, migrating it.
    pub fn open(data_dir: &Path) -> Result<Self, StoreError> {
        create_private_dir(data_dir)?;
        let path = data_dir.join(DB_FILE);
        create_private_file(&path).map_err(|source| StoreError::DataDir {
            path: path.clone(),
            source,
        })?;
        let conn = Connection::open(&path)?;
        let corrupt = |source| StoreError::Corrupt {
            path: path.clone(),
            source,
        };
        conn.busy_timeout(std::time::Duration::from_secs(10))?;
        conn.pragma_update(None, "journal_mode", "WAL")
            .map_err(corrupt)?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        let mut store = Store { conn };
        store.migrate().map_err(|e| match e {
            StoreError::Sqlite(source) => StoreError::Corrupt {
                path: path.clone(),
                source,
            },
            StoreError::TooNew { found, known, .. } => StoreError::TooNew {
                path: path.clone(),
                found,
                known,
            },
            other => other,
        })?;
        Ok(store)
    }

    /// An in-memory cache with the real migrations, for tests.
    pub fn open_in_memory() -> Result<Self, StoreError> {
        let conn = Connection::open_in_memory()?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        let mut store = Store { conn };
        store.migrate()?;
        Ok(store)
    }

    fn migrate(&mut self) -> Result<(), StoreError> {
        schema::migrate(&mut self.conn)?;
        schema::create_temp_tables(&self.conn)
    }

    /// Makes the feeds table match the config's names and ministries (keyed by URL).
    pub fn sync_feeds(&mut self, feeds: &[FeedConfig]) -> Result<(), StoreError> {
        let tx = self.conn.transaction()?;
        for feed in feeds {
            tx.execute(
                "INSERT INTO feeds (url, name, ministry) VALUES (?1, ?2, ?3)
                 ON CONFLICT(url) DO UPDATE SET name = excluded.name, ministry = excluded.ministry",
                params![feed.url.as_str(), feed.name, feed.ministry],
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    /// The stored ETag / Last-Modified for a feed URL.
    pub fn validators(&self, url: &str) -> Result<Validators, StoreError> {
        let row = self
            .conn
            .query_row(
                "SELECT etag, last_modified FROM feeds WHERE url = ?1",
                [url],
                |r| {
                    Ok(Validators {
                        etag: r.get(0)?,
                        last_modified: r.get(1)?,
                    })
                },
            )
            .optional()?;
        Ok(row.unwrap_or_default())
    }

    /// Writes one feed's fresh items in one transaction: new ones are inserted, changed ones
    /// updated with their read/starred state kept, unchanged ones left alone.
    pub fn store_articles(
        &mut self,
        feed_url: &str,
        articles: &[NewArticle],
        validators: &Validators,
        now: DateTime<Utc>,
    ) -> Result<StoreCounts, StoreError> {
        let tx = self.conn.transaction()?;
        let feed_id = feed_id(&tx, feed_url)?;
        let mut counts = StoreCounts::default();
        let mut seen = std::collections::HashSet::new();
        for article in articles.iter().filter(|a| seen.insert(a.key.as_str())) {
            match upsert_article(&tx, feed_id, article, now)? {
                Upsert::Inserted => counts.new += 1,
                Upsert::Updated => counts.updated += 1,
                Upsert::Unchanged => {}
            }
        }
        tx.execute(
            "UPDATE feeds SET etag = ?2, last_modified = ?3, last_fetch = ?4, last_error = NULL WHERE id = ?1",
            params![feed_id, validators.etag, validators.last_modified, now.timestamp()],
        )?;
        tx.commit()?;
        Ok(counts)
    }

    /// Notes a successful fetch that changed nothing (HTTP 304).
    pub fn record_not_modified(
        &mut self,
        feed_url: &str,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        self.conn.execute(
            "UPDATE feeds SET last_fetch = ?2, last_error = NULL WHERE url = ?1",
            params![feed_url, now.timestamp()],
        )?;
        Ok(())
    }

    /// Notes why a feed failed; its articles stay as they are.
    pub fn record_error(
        &mut self,
        feed_url: &str,
        error: &str,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        self.conn.execute(
            "UPDATE feeds SET last_fetch = ?2, last_error = ?3 WHERE url = ?1",
            params![feed_url, now.timestamp(), error],
        )?;
        Ok(())
    }

    /// Articles matching the filter, newest first.
    pub fn list(&self, query: &ArticleQuery) -> Result<Vec<ArticleSummary>, StoreError> {
        query::list(&self.conn, query)
    }

    /// How many articles match the filter.
    pub fn count(&self, query: &ArticleQuery) -> Result<u64, StoreError> {
        query::count(&self.conn, query)
    }

    /// One page of matching articles and how many match in all, in one pass.
    pub fn page(&self, query: &ArticleQuery) -> Result<(Vec<ArticleSummary>, u64), StoreError> {
        query::page(&self.conn, query)
    }

    /// The most common topics among the articles matching `query`, most frequent first.
    pub fn topic_counts(
        &self,
        query: &ArticleQuery,
        limit: usize,
    ) -> Result<Vec<TopicCount>, StoreError> {
        query::topic_counts(&self.conn, query, limit)
    }

    /// One article with its HTML.
    pub fn article(&self, id: ArticleId) -> Result<Option<Article>, StoreError> {
        query::article(&self.conn, id)
    }

    /// Sets or clears `read`; returns how many of the ids exist.
    pub fn set_read(&mut self, ids: &[ArticleId], read: bool) -> Result<usize, StoreError> {
        self.set_flag("read", ids, read)
    }

    /// Sets or clears `starred`; returns how many of the ids exist.
    pub fn set_starred(&mut self, ids: &[ArticleId], starred: bool) -> Result<usize, StoreError> {
        self.set_flag("starred", ids, starred)
    }

    fn set_flag(
        &mut self,
        column: &'static str,
        ids: &[ArticleId],
        value: bool,
    ) -> Result<usize, StoreError> {
        let tx = self.conn.transaction()?;
        let mut found = 0;
        {
            let mut stmt =
                tx.prepare(&format!("UPDATE articles SET {column} = ?2 WHERE id = ?1"))?;
            for id in ids {
                found += stmt.execute(params![id.0, value])?;
            }
        }
        tx.commit()?;
        Ok(found)
    }

    /// Every feed in the cache with counts and its last fetch result.
    pub fn feed_statuses(&self) -> Result<Vec<FeedStatus>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT f.name, f.url, f.ministry, f.last_fetch, f.last_error,
                    COALESCE(c.total, 0), COALESCE(c.unread, 0)
             FROM feeds f
             LEFT JOIN (SELECT feed_id, COUNT(*) AS total, SUM(read = 0) AS unread
                        FROM articles GROUP BY feed_id) c ON c.feed_id = f.id
             ORDER BY f.id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(FeedStatus {
                name: r.get(0)?,
                url: r.get(1)?,
                ministry: r.get(2)?,
                last_fetch: r
                    .get::<_, Option<i64>>(3)?
                    .and_then(|t| Utc.timestamp_opt(t, 0).single()),
                last_error: r.get(4)?,
                articles: r.get::<_, i64>(5)?.unsigned_abs(),
                unread: r.get::<_, i64>(6)?.unsigned_abs(),
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Runs SQLite's own consistency check; `Ok(())` when it reports "ok".
    pub fn integrity_check(&self) -> Result<Result<(), String>, StoreError> {
        let result: String = self
            .conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
        Ok(if result == "ok" { Ok(()) } else { Err(result) })
    }
}

fn feed_id(tx: &Transaction, url: &str) -> Result<i64, StoreError> {
    // A feed fetched without being in the config (e.g. `add` before sync) still gets a row.
    tx.execute(
        "INSERT INTO feeds (url, name) VALUES (?1, ?1) ON CONFLICT(url) DO NOTHING",
        [url],
    )?;
    Ok(tx.query_row("SELECT id FROM feeds WHERE url = ?1", [url], |r| r.get(0))?)
}

enum Upsert {
    Inserted,
    Updated,
    Unchanged,
}

fn upsert_article(
    tx: &Transaction,
    feed_id: i64,
    a: &NewArticle,
    now: DateTime<Utc>,
) -> Result<Upsert, StoreError> {
    let hash = a.content_hash();
    let existing: Option<(i64, i64, i64)> = tx
        .prepare_cached(
            "SELECT id, content_hash, published FROM articles WHERE feed_id = ?1 AND key = ?2",
        )?
        .query_row(params![feed_id, a.key], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .optional()?;
    let topics = a.topics.join("\n");
    let body = a
        .content_html
        .as_deref()
        .map(text::html_to_plain)
        .unwrap_or_default();
    let (id, outcome) = match existing {
        Some((_, old_hash, _)) if old_hash == hash => return Ok(Upsert::Unchanged),
        Some((id, _, old_published)) => {
            let published = a.published.map_or(old_published, |d| d.timestamp());
            tx.prepare_cached(
                "UPDATE articles SET title = ?2, link = ?3, published = ?4, topics = ?5,
                 summary = ?6, content_hash = ?7, updated_at = ?8 WHERE id = ?1",
            )?
            .execute(params![
                id,
                a.title,
                a.link,
                published,
                topics,
                a.summary,
                hash,
                now.timestamp()
            ])?;
            tx.prepare_cached("DELETE FROM article_search WHERE rowid = ?1")?
                .execute([id])?;
            (id, Upsert::Updated)
        }
        None => {
            let published = a.published.unwrap_or(now).timestamp();
            tx.prepare_cached(
                "INSERT INTO articles (feed_id, key, title, link, published, first_seen, topics,
                 summary, content_hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )?
            .execute(params![
                feed_id,
                a.key,
                a.title,
                a.link,
                published,
                now.timestamp(),
                topics,
                a.summary,
                hash
            ])?;
            (tx.last_insert_rowid(), Upsert::Inserted)
        }
    };
    tx.prepare_cached("DELETE FROM article_topics WHERE article_id = ?1")?
        .execute([id])?;
    let mut insert_topic = tx.prepare_cached(
        "INSERT OR IGNORE INTO article_topics (article_id, topic) VALUES (?1, ?2)",
    )?;
    for topic in &a.topics {
        insert_topic.execute(params![id, topic])?;
    }
    tx.prepare_cached(
        "INSERT INTO article_bodies (article_id, summary_html, content_html) VALUES (?1, ?2, ?3)
         ON CONFLICT(article_id) DO UPDATE SET summary_html = excluded.summary_html, content_html = excluded.content_html",
    )?
    .execute(params![id, a.summary_html, a.content_html])?;
    tx.prepare_cached("INSERT INTO article_search (rowid, title, topics, summary, body) VALUES (?1, ?2, ?3, ?4, ?5)")?
        .execute(params![id, a.title, topics, a.summary, body])?;
    Ok(outcome)
}

#[cfg(unix)]
fn create_private_dir(dir: &Path) -> Result<(), StoreError> {
    use std::os::unix::fs::DirBuilderExt;
    if dir.is_dir() {
        return Ok(());
    }
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
        .map_err(|source| StoreError::DataDir {
            path: dir.to_owned(),
            source,
        })
}

#[cfg(not(unix))]
fn create_private_dir(dir: &Path) -> Result<(), StoreError> {
    std::fs::create_dir_all(dir).map_err(|source| StoreError::DataDir {
        path: dir.to_owned(),
        source,
    })
}

/// Creates the database file readable by its owner only, before SQLite opens it.
fn create_private_file(path: &Path) -> std::io::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(false);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path).map(drop)
}

#[cfg(test)]
mod tests;
