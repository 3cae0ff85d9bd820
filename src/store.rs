//! The local SQLite cache (`amtsfeed.db`): feeds, articles with their read/starred state, and
//! a trigram FTS index kept in step in the same transaction. Disk only; no network.

use std::path::{Path, PathBuf};

use chrono::{DateTime, TimeZone, Utc};
use rusqlite::{params, Connection, OptionalExtension};

use crate::model::FeedConfig;
use crate::model::{
    Article, ArticleId, ArticleSummary, FeedStatus, Ministries, NewArticle, Retention, StoreCounts,
    Timeline, TopicCount, Validators,
};

mod feeds;
mod groups;
mod legacy_reasons;
mod matching;
mod pages;
mod parliament;
mod query;
mod references;
mod scan;
mod schema;
#[cfg(test)]
pub(crate) mod test_support;
mod topics;
mod versions;
mod vocabulary;
mod write;

pub use pages::{PageJob, PageOutcome, RECHECK_SECS};
pub use write::PreparedFeed;

pub use crate::filter::ArticleQuery;

/// File name of the cache inside the data dir.
pub const DB_FILE: &str = "amtsfeed.db";

/// Moves a (broken) cache and its WAL files aside as `amtsfeed.db.broken-<time>` so that the
/// next open starts a new one; returns the new name. Nothing is deleted.
pub fn move_aside(data_dir: &Path, now: DateTime<Utc>) -> std::io::Result<PathBuf> {
    let db = data_dir.join(DB_FILE);
    let target = data_dir.join(format!("{DB_FILE}.broken-{}", now.format("%Y%m%d-%H%M%S")));
    std::fs::rename(&db, &target)?;
    for suffix in ["-wal", "-shm"] {
        let side = data_dir.join(format!("{DB_FILE}{suffix}"));
        if side.exists() {
            std::fs::rename(&side, format!("{}{suffix}", target.display()))?;
        }
    }
    Ok(target)
}

/// What `amtsfeed doctor` reports about a healthy cache.
/// What setting a flag on some articles did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FlagChange {
    /// Articles whose flag was different before.
    pub changed: usize,
    /// Ids that are not in the cache.
    pub missing: Vec<ArticleId>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Health {
    pub schema: i64,
    pub feeds: u64,
    pub articles: u64,
    pub bytes: u64,
}

/// A cache problem, as data; worded by `words` (`Lang::store_error`; `Display` is English).
#[derive(Debug)]
pub enum StoreError {
    DataDir {
        path: PathBuf,
        source: std::io::Error,
    },
    Corrupt {
        path: PathBuf,
        source: rusqlite::Error,
    },
    TooNew {
        path: PathBuf,
        found: i64,
        known: i64,
    },
    NotWritable {
        path: PathBuf,
        source: std::io::Error,
    },
    Busy {
        path: PathBuf,
    },
    Sqlite {
        source: rusqlite::Error,
    },
    Worker(String),
}

impl From<rusqlite::Error> for StoreError {
    fn from(source: rusqlite::Error) -> Self {
        StoreError::Sqlite { source }
    }
}

impl std::error::Error for StoreError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            StoreError::DataDir { source, .. } | StoreError::NotWritable { source, .. } => {
                Some(source)
            }
            StoreError::Corrupt { source, .. } | StoreError::Sqlite { source } => Some(source),
            _ => None,
        }
    }
}

impl StoreError {
    /// Whether the work was stopped by `Interrupter::interrupt` (a newer list asked for).
    pub fn is_interrupted(&self) -> bool {
        matches!(self, StoreError::Sqlite { source }
            if source.sqlite_error_code() == Some(rusqlite::ErrorCode::OperationInterrupted))
    }

    /// Whether the cache file itself is damaged (the only case for `doctor --reset`), as
    /// opposed to busy, not writable or another passing problem.
    pub fn is_damage(&self) -> bool {
        match self {
            StoreError::Corrupt { .. } => true,
            StoreError::Sqlite { source } => matches!(
                source.sqlite_error_code(),
                Some(rusqlite::ErrorCode::DatabaseCorrupt | rusqlite::ErrorCode::NotADatabase)
            ),
            _ => false,
        }
    }
}

/// How long a write waits for another process's write to finish.
pub const BUSY_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(10);

/// An open cache.
pub struct Store {
    conn: Connection,
    /// What the cache keeps: writes skip new items retention would remove at once.
    retention: Retention,
    /// The ministries and their domains, for which copy of a release leads its group.
    ministries: Ministries,
}

/// Stops what the store's connection runs right now, from another thread: the rest of a
/// list's work when a newer list is asked for. The interrupted call fails with an error for
/// which `StoreError::is_interrupted` holds; work started later is not affected.
pub struct Interrupter(rusqlite::InterruptHandle);

impl Interrupter {
    pub fn interrupt(&self) {
        self.0.interrupt();
    }
}

/// A list query and the store that answers it; see `Store::search`.
pub struct Search<'s> {
    conn: &'s rusqlite::Connection,
    query: ArticleQuery,
    /// Where this query's keyword hits are, once looked up (the hits table is filled once).
    hits: std::cell::Cell<Option<query::Hits>>,
}

impl Search<'_> {
    fn hits(&self) -> Result<query::Hits, StoreError> {
        if let Some(hits) = self.hits.get() {
            return Ok(hits);
        }
        let hits = query::fill_hits(self.conn, &self.query)?;
        self.hits.set(Some(hits));
        Ok(hits)
    }

    /// The page the query asks for (`limit`, `offset`), newest first.
    pub fn page(&self) -> Result<Vec<ArticleSummary>, StoreError> {
        query::list(self.conn, &self.query)
    }

    /// How many articles match in all.
    pub fn total(&self) -> Result<u64, StoreError> {
        query::count_in(self.conn, &self.query, self.hits()?)
    }

    /// The most common topics among the matches.
    pub fn facets(&self, limit: usize) -> Result<Vec<TopicCount>, StoreError> {
        query::topic_counts_with(self.conn, &self.query, limit, self.hits()?)
    }

    /// Matches per day/week/month by local date (`utc_offset_secs` east of UTC).
    pub fn timeline(&self, utc_offset_secs: i32) -> Result<Timeline, StoreError> {
        query::timeline_in(self.conn, &self.query, utc_offset_secs, self.hits()?)
    }
}

impl Store {
    /// Opens (and creates, private to the user) `<data_dir>/amtsfeed.db`, migrating it.
    pub fn open(data_dir: &Path) -> Result<Self, StoreError> {
        create_private_dir(data_dir)?;
        let path = data_dir.join(DB_FILE);
        create_private_file(&path).map_err(|source| StoreError::NotWritable {
            path: path.clone(),
            source,
        })?;
        repair_side_file_modes(&path);
        let mut conn = Connection::open(&path)?;
        // Only "not a database" and "corrupt" mean damage; busy and read-only are said as
        // what they are; anything else (I/O) as is.
        let classify = |source: rusqlite::Error| match source.sqlite_error_code() {
            Some(rusqlite::ErrorCode::NotADatabase | rusqlite::ErrorCode::DatabaseCorrupt) => {
                StoreError::Corrupt {
                    path: path.clone(),
                    source,
                }
            }
            Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked) => {
                StoreError::Busy { path: path.clone() }
            }
            Some(rusqlite::ErrorCode::ReadOnly | rusqlite::ErrorCode::CannotOpen) => {
                StoreError::NotWritable {
                    path: path.clone(),
                    source: std::io::Error::new(
                        std::io::ErrorKind::PermissionDenied,
                        "attempt to write a read-only database",
                    ),
                }
            }
            _ => StoreError::Sqlite { source },
        };
        conn.busy_timeout(BUSY_TIMEOUT)?;
        scan::register(&conn)?;
        // Every transaction that may write takes the write lock when it begins. A deferred
        // one that reads first and then writes fails at once with "database is locked" when
        // another process wrote in between (SQLite cannot wait there without a deadlock).
        conn.set_transaction_behavior(rusqlite::TransactionBehavior::Immediate);
        // 8 KiB pages for a new cache (an existing one keeps its own): fewer splits as the
        // tables and the index grow, so a large first fetch writes a tenth faster.
        conn.pragma_update(None, "page_size", 8192)?;
        set_wal(&conn).map_err(classify)?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        let mut store = Store {
            conn,
            retention: Retention::default(),
            ministries: Ministries::default(),
        };
        store.migrate().map_err(|e| match e {
            StoreError::Sqlite { source } => classify(source),
            StoreError::TooNew { found, known, .. } => StoreError::TooNew {
                path: path.clone(),
                found,
                known,
            },
            other => other,
        })?;
        Ok(store)
    }

    /// How many articles a cache holds whose search index the next open rebuilds (an
    /// upgrade that takes about a minute per 100,000 articles), so callers can say so first.
    /// `None` when nothing slow is pending or the cache cannot be read.
    pub fn slow_upgrade_pending(dir: &Path) -> Option<u64> {
        let path = dir.join(DB_FILE);
        if !path.exists() {
            return None;
        }
        let conn =
            Connection::open_with_flags(&path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).ok()?;
        let version = schema::version(&conn).ok()?;
        // Caches at version 1 to 8 rebuild their index on the way to 9; 0 is a new file,
        // and later migrations are quick.
        if !(schema::SLOW_MIGRATION..schema::KEYED_INDEX_MIGRATION).contains(&version) {
            return None;
        }
        let articles: i64 = conn
            .query_row("SELECT COUNT(*) FROM articles", [], |r| r.get(0))
            .ok()?;
        u64::try_from(articles).ok().filter(|n| *n > 0)
    }

    /// Opens an existing cache for reading only, for when it cannot be written (a read-only
    /// medium, a cache without write permission): lists, articles and the reader work, and
    /// any write fails with "read-only", changing nothing. Its schema must be the newest (an
    /// upgrade would write). A cache in WAL mode whose side files are gone and cannot be made
    /// on the medium is opened as immutable: nothing can write it there anyway.
    pub fn open_read_only(data_dir: &Path) -> Result<Self, StoreError> {
        use rusqlite::OpenFlags;
        let path = data_dir.join(DB_FILE);
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
            | OpenFlags::SQLITE_OPEN_URI
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let open = |immutable: bool| -> Result<Connection, rusqlite::Error> {
            let uri = format!(
                "file:{}?mode=ro{}",
                uri_path(&path),
                if immutable { "&immutable=1" } else { "" }
            );
            let conn = Connection::open_with_flags(uri, flags)?;
            // Reading a table is what needs the WAL's side files.
            conn.query_row("SELECT COUNT(*) FROM feeds", [], |r| r.get::<_, i64>(0))?;
            Ok(conn)
        };
        let conn = open(false).or_else(|_| open(true))?;
        conn.busy_timeout(BUSY_TIMEOUT)?;
        scan::register(&conn)?;
        let (found, known) = (schema::version(&conn)?, schema::MIGRATIONS.len() as i64);
        if found != known {
            return Err(StoreError::NotWritable {
                path,
                source: std::io::Error::other(format!(
                    "schema {found}, this amtsfeed reads {known} after an upgrade that must write it"
                )),
            });
        }
        schema::create_temp_tables(&conn)?;
        Ok(Store {
            conn,
            retention: Retention::default(),
            ministries: Ministries::default(),
        })
    }

    /// Opens the cache to write it; when it cannot be written, to read it (see
    /// `open_read_only`), keeping the reason it cannot be written for the caller to say.
    pub fn open_for_reading(data_dir: &Path) -> Result<(Self, Option<StoreError>), StoreError> {
        match Self::open(data_dir) {
            Ok(store) => Ok((store, None)),
            Err(error @ StoreError::NotWritable { .. }) => match Self::open_read_only(data_dir) {
                Ok(store) => Ok((store, Some(error))),
                Err(_) => Err(error),
            },
            Err(error) => Err(error),
        }
    }

    /// The cache as every command and the reader open it: for writing when it can be
    /// written (its feed table then brought in step with the configured feeds and ministry
    /// names), else for reading, with the reason it cannot be written.
    pub fn open_in_step(
        data_dir: &Path,
        feeds: &[FeedConfig],
        ministries: &Ministries,
    ) -> Result<(Self, Option<StoreError>), StoreError> {
        let (mut store, read_only) = Self::open_for_reading(data_dir)?;
        if read_only.is_none() {
            store.sync_feeds(feeds)?;
            store.rename_ministries(ministries)?;
        }
        Ok((store, read_only))
    }

    /// A handle that stops this store's running query from another thread.
    pub fn interrupter(&self) -> Interrupter {
        Interrupter(self.conn.get_interrupt_handle())
    }

    /// Whether this cache can only be read (see `open_read_only`).
    pub fn is_read_only(&self) -> bool {
        self.conn.is_readonly(rusqlite::MAIN_DB).unwrap_or(false)
    }

    /// An in-memory cache with the real migrations, for tests.
    pub fn open_in_memory() -> Result<Self, StoreError> {
        let conn = Connection::open_in_memory()?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        scan::register(&conn)?;
        let mut store = Store {
            conn,
            retention: Retention::default(),
            ministries: Ministries::default(),
        };
        store.migrate()?;
        Ok(store)
    }

    fn migrate(&mut self) -> Result<(), StoreError> {
        schema::migrate(&mut self.conn)?;
        schema::create_temp_tables(&self.conn)
    }

    /// Makes the feeds table match the config's names, ministries and topics (keyed by URL).
    /// Topics added to a feed in the config are added to its stored articles, and topics
    /// taken out of the config are taken from them, as a refresh gives them to new ones.
    /// A config that matches the cache is only read: no write lock (a refresh may be
    /// writing), and a cache on a read-only medium can still be read.
    pub fn sync_feeds(&mut self, feeds: &[FeedConfig]) -> Result<(), StoreError> {
        if self.feeds_match(feeds)? {
            return Ok(());
        }
        let tx = self.conn.transaction()?;
        feeds::adopt_moved_rows(&tx, feeds)?;
        for feed in feeds {
            let configured = topics::configured(&feed.topics);
            let before: Option<(i64, Option<String>)> = tx
                .prepare_cached("SELECT id, topics FROM feeds WHERE url = ?1")?
                .query_row([feed.url.as_str()], |r| Ok((r.get(0)?, r.get(1)?)))
                .optional()?;
            tx.execute(
                "INSERT INTO feeds (url, name, ministry, topics) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT(url) DO UPDATE SET name = excluded.name, ministry = excluded.ministry,
                 topics = excluded.topics",
                params![
                    feed.url.as_str(),
                    feed.name,
                    feed.ministry,
                    configured.join("\n")
                ],
            )?;
            if let Some((feed_id, before)) = before {
                topics::apply_configured(&tx, feed_id, before.as_deref(), &configured)?;
            }
        }
        feeds::merge_duplicate_rows(&tx, feeds)?;
        tx.commit()?;
        Ok(())
    }

    /// Whether the feeds table has every feed with its name, ministry and topics already,
    /// and no second row of a configured feed's name.
    fn feeds_match(&self, feeds: &[FeedConfig]) -> Result<bool, StoreError> {
        type Row = (String, String, Option<String>, Option<String>);
        let rows: Vec<Row> = self
            .conn
            .prepare_cached("SELECT url, name, ministry, topics FROM feeds")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
            .collect::<Result<_, _>>()?;
        let by_url: std::collections::HashMap<&str, &Row> =
            rows.iter().map(|r| (r.0.as_str(), r)).collect();
        for feed in feeds {
            let topics = topics::configured(&feed.topics).join("\n");
            let matches =
                by_url
                    .get(feed.url.as_str())
                    .is_some_and(|(_, name, ministry, stored)| {
                        *name == feed.name
                            && *ministry == feed.ministry
                            && stored.as_deref() == Some(topics.as_str())
                    });
            let twice = rows
                .iter()
                .filter(|(_, name, ..)| name.eq_ignore_ascii_case(&feed.name))
                .count()
                > 1;
            if !matches || twice {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// Where the feed at `url` answered from after permanent redirects, if it moved.
    pub fn moved_to(&self, url: &str) -> Result<Option<String>, StoreError> {
        Ok(self
            .conn
            .query_row("SELECT moved_to FROM feeds WHERE url = ?1", [url], |r| {
                r.get(0)
            })
            .optional()?
            .flatten())
    }

    /// Notes that the feed at `url` has moved permanently to `to` (asked there from now on);
    /// returns whether that is news (a move not noted before).
    pub fn record_moved(&mut self, url: &str, to: &str) -> Result<bool, StoreError> {
        let changed = self.conn.execute(
            "UPDATE feeds SET moved_to = ?2 WHERE url = ?1 AND moved_to IS NOT ?2",
            params![url, to],
        )?;
        Ok(changed > 0)
    }

    /// Feeds stored under an earlier name of a ministry (a feed no longer in the config, a
    /// cache from before a rename) are shown under the current one.
    pub fn rename_ministries(
        &mut self,
        ministries: &crate::model::Ministries,
    ) -> Result<(), StoreError> {
        // Read first: with nothing to rename the cache is not written (see `sync_feeds`).
        let stored: Vec<String> = self
            .conn
            .prepare_cached("SELECT DISTINCT ministry FROM feeds WHERE ministry IS NOT NULL")?
            .query_map([], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        let renames: Vec<(&str, &str)> = stored
            .iter()
            .filter_map(|old| {
                let current = ministries.find(old)?.name.as_str();
                (current != old).then_some((current, old.as_str()))
            })
            .collect();
        if renames.is_empty() {
            return Ok(());
        }
        let tx = self.conn.transaction()?;
        for (current, old) in renames {
            tx.prepare_cached("UPDATE feeds SET ministry = ?1 WHERE ministry = ?2")?
                .execute(params![current, old])?;
        }
        tx.commit()?;
        Ok(())
    }

    /// The largest article id: articles stored later have larger ones.
    pub fn last_article_id(&self) -> Result<i64, StoreError> {
        Ok(self
            .conn
            .prepare_cached("SELECT MAX(id) FROM articles")?
            .query_row([], |r| r.get::<_, Option<i64>>(0))?
            .unwrap_or(0))
    }

    /// The last article id the saved filter `name` was looked at with, if it ever was.
    pub fn filter_seen(&self, name: &str) -> Result<Option<i64>, StoreError> {
        Ok(self
            .conn
            .query_row(
                "SELECT last_id FROM filter_seen WHERE name = ?1",
                [name],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// The saved filter `name` was looked at now: what is stored from here on is new to it.
    pub fn mark_filter_seen(&mut self, name: &str) -> Result<(), StoreError> {
        let last = self.last_article_id()?;
        self.conn.execute(
            "INSERT INTO filter_seen (name, last_id) VALUES (?1, ?2)
             ON CONFLICT(name) DO UPDATE SET last_id = excluded.last_id",
            params![name, last],
        )?;
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
        let feed = PreparedFeed::new(articles.to_vec());
        let mut counts = self.store_feeds(&[(feed_url, &feed, validators)], now)?;
        Ok(counts.pop().unwrap_or_default())
    }

    /// Writes several feeds' fresh items in one transaction (all or none), with the counts
    /// per feed in order. The refresh writer uses it for the feeds that arrived while it was
    /// busy: fewer, larger commits mean fewer full-text index segments to merge.
    pub fn store_feeds(
        &mut self,
        feeds: &[(&str, &PreparedFeed, &Validators)],
        now: DateTime<Utc>,
    ) -> Result<Vec<StoreCounts>, StoreError> {
        let tx = self.conn.transaction()?;
        let mut all = Vec::with_capacity(feeds.len());
        let mut batch = write::Batch::new(&tx)?;
        // New rows get larger ids than every row before: grouping looks at those after.
        let before = batch.last_id();
        for (feed_url, feed, validators) in feeds {
            let feed_id = write::feed_id(&tx, feed_url)?;
            let floor = write::retention_floor(&tx, feed_id, self.retention, now)?;
            let counts = write::upsert_feed(&tx, feed_id, feed, now, floor, &mut batch)?;
            tx.execute(
                "UPDATE feeds SET etag = ?2, last_modified = ?3, last_fetch = ?4, last_error = NULL, retry_after = NULL WHERE id = ?1",
                params![feed_id, validators.etag, validators.last_modified, now.timestamp()],
            )?;
            all.push(counts);
        }
        batch.finish(&tx)?;
        groups::join_new(&tx, before, &self.ministries)?;
        tx.commit()?;
        Ok(all)
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

    /// Notes why a feed failed; its articles stay as they are. `wait_until` keeps the next
    /// refreshes from asking before then (the server said 429/503).
    pub fn record_error(
        &mut self,
        feed_url: &str,
        error: &crate::model::Reason,
        now: DateTime<Utc>,
        wait_until: Option<DateTime<Utc>>,
    ) -> Result<(), StoreError> {
        self.conn.execute(
            "UPDATE feeds SET last_fetch = ?2, last_error = ?3, retry_after = COALESCE(?4, retry_after) WHERE url = ?1",
            params![feed_url, now.timestamp(), error.to_stored(), wait_until.map(|t| t.timestamp())],
        )?;
        Ok(())
    }

    /// Until when a feed must not be asked again, if the server asked to wait.
    pub fn wait_until(
        &self,
        feed_url: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<DateTime<Utc>>, StoreError> {
        let until: Option<i64> = self
            .conn
            .query_row(
                "SELECT retry_after FROM feeds WHERE url = ?1",
                [feed_url],
                |r| r.get(0),
            )
            .optional()?
            .flatten();
        Ok(until
            .filter(|t| *t > now.timestamp())
            .and_then(|t| Utc.timestamp_opt(t, 0).single()))
    }

    /// How many articles match the filter.
    pub fn count(&self, query: &ArticleQuery) -> Result<u64, StoreError> {
        query::count(&self.conn, &self.prepared(query)?)
    }

    /// The query as it needs to run: the index words its words stand for (see
    /// `vocabulary`); and with no copies of releases in the cache, showing each once changes
    /// nothing, so the queries skip the check (it costs a probe per row).
    fn prepared(&self, query: &ArticleQuery) -> Result<ArticleQuery, StoreError> {
        let has_groups = self
            .conn
            .prepare_cached(
                "SELECT EXISTS (SELECT 1 FROM articles INDEXED BY articles_by_group WHERE group_id IS NOT NULL)",
            )
            .and_then(|mut s| s.query_row([], |r| r.get::<_, bool>(0)))
            .unwrap_or(true);
        Ok(ArticleQuery {
            ungrouped: query.ungrouped || !has_groups,
            terms: vocabulary::look_up(&self.conn, &query.filter)?,
            ..query.clone()
        })
    }

    /// One list query answered: its page, total, facets and timeline (`Search`), which read
    /// the same keyword hits, found once, whatever order they are asked in.
    pub fn search(&self, query: &ArticleQuery) -> Result<Search<'_>, StoreError> {
        Ok(Search {
            conn: &self.conn,
            query: self.prepared(query)?,
            hits: std::cell::Cell::new(None),
        })
    }

    /// One page of matching articles and how many match in all.
    pub fn page(&self, query: &ArticleQuery) -> Result<(Vec<ArticleSummary>, u64), StoreError> {
        let search = self.search(query)?;
        Ok((search.page()?, search.total()?))
    }

    /// One page of matching articles (newest first); with keywords the index drives it.
    pub fn page_rows(&self, query: &ArticleQuery) -> Result<Vec<ArticleSummary>, StoreError> {
        query::list(&self.conn, &self.prepared(query)?)
    }

    /// The most common topics among the articles matching `query`, most frequent first.
    pub fn topic_counts(
        &self,
        query: &ArticleQuery,
        limit: usize,
    ) -> Result<Vec<TopicCount>, StoreError> {
        query::topic_counts(&self.conn, &self.prepared(query)?, limit)
    }

    /// One article with its HTML.
    pub fn article(&self, id: ArticleId) -> Result<Option<Article>, StoreError> {
        let mut article = query::article(&self.conn, id)?;
        if let Some(a) = article.as_mut() {
            a.processes = self.processes_of(id)?;
        }
        Ok(article)
    }

    /// The articles edited, taken out of their feed or taken down at or after `since`.
    pub fn changed_since(&self, since: DateTime<Utc>) -> Result<Vec<i64>, StoreError> {
        let t = since.timestamp();
        Ok(self
            .conn
            .prepare_cached(
                "SELECT id FROM articles WHERE changed_at >= ?1
                 UNION SELECT id FROM articles WHERE left_feed_at >= ?1 OR gone_at >= ?1",
            )?
            .query_map([t], |r| r.get(0))?
            .collect::<Result<_, _>>()?)
    }

    /// Every version of an article, the first first and the current one last (one, when it
    /// never changed; none, when it is not in the cache).
    pub fn versions(&self, id: ArticleId) -> Result<Vec<crate::model::Version>, StoreError> {
        versions::versions(&self.conn, id)
    }

    /// Marks every article matching `query` read; the ids that changed.
    pub fn mark_matching_read(
        &mut self,
        query: &ArticleQuery,
    ) -> Result<Vec<ArticleId>, StoreError> {
        let query = self.prepared(query)?;
        let tx = self.conn.transaction()?;
        let ids = query::mark_matching_read(&tx, &query)?;
        tx.commit()?;
        Ok(ids)
    }

    /// Sets or clears `read` on the ids (each counted once).
    pub fn set_read(&mut self, ids: &[ArticleId], read: bool) -> Result<FlagChange, StoreError> {
        self.set_flag("read", ids, read)
    }

    /// Sets or clears `starred` on the ids (each counted once).
    pub fn set_starred(
        &mut self,
        ids: &[ArticleId],
        starred: bool,
    ) -> Result<FlagChange, StoreError> {
        self.set_flag("starred", ids, starred)
    }

    fn set_flag(
        &mut self,
        column: &'static str,
        ids: &[ArticleId],
        value: bool,
    ) -> Result<FlagChange, StoreError> {
        let mut unique: Vec<ArticleId> = Vec::with_capacity(ids.len());
        for id in ids {
            if !unique.contains(id) {
                unique.push(*id);
            }
        }
        let tx = self.conn.transaction()?;
        let mut change = FlagChange::default();
        {
            let mut exists = tx.prepare("SELECT 1 FROM articles WHERE id = ?1")?;
            let mut update = tx.prepare(&format!(
                "UPDATE articles SET {column} = ?2 WHERE id = ?1 AND {column} != ?2"
            ))?;
            // One release in several feeds is read once: its copies follow.
            let mut group = tx.prepare(
                "UPDATE articles SET read = ?2 WHERE read != ?2 AND id <> ?1
                 AND group_id = (SELECT group_id FROM articles WHERE id = ?1)",
            )?;
            for id in &unique {
                if !exists.exists([id.0])? {
                    change.missing.push(*id);
                    continue;
                }
                change.changed += update.execute(params![id.0, value])?;
                if column == "read" {
                    group.execute(params![id.0, value])?;
                }
            }
        }
        tx.commit()?;
        Ok(change)
    }

    /// Every feed in the cache with counts and its last fetch result.
    pub fn feed_statuses(&self) -> Result<Vec<FeedStatus>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT f.name, f.url, f.ministry, f.last_fetch, f.last_error,
                    COALESCE(c.total, 0), COALESCE(c.unread, 0), f.moved_to
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
                last_error: r
                    .get::<_, Option<String>>(4)?
                    .map(|stored| crate::model::Reason::from_stored(&stored)),
                articles: r.get::<_, i64>(5)?.unsigned_abs(),
                unread: r.get::<_, i64>(6)?.unsigned_abs(),
                moved_to: r.get(7)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Schema version and sizes, for `amtsfeed doctor`.
    pub fn health(&self) -> Result<Health, StoreError> {
        let count = |sql: &str| -> Result<u64, StoreError> {
            Ok(self
                .conn
                .query_row(sql, [], |r| r.get::<_, i64>(0))?
                .unsigned_abs())
        };
        Ok(Health {
            schema: self
                .conn
                .query_row("PRAGMA user_version", [], |r| r.get(0))?,
            feeds: count("SELECT COUNT(*) FROM feeds")?,
            articles: count("SELECT COUNT(*) FROM articles")?,
            bytes: count(
                "SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()",
            )?,
        })
    }

    /// Sets what the cache keeps (`keep_days`, `max_articles_per_feed`): later writes do not
    /// store a new item that retention would remove again (so a feed's old items are not
    /// stored and deleted on every refresh), and `apply_retention` removes the rest.
    pub fn set_retention(&mut self, retention: Retention) {
        self.retention = retention;
    }

    /// Sets the ministries and their domains: the copy of a release from a ministry's feed,
    /// linking to its own domain, leads the group (see `groups::leader_rank`).
    pub fn set_ministries(&mut self, ministries: Ministries) {
        self.ministries = ministries;
    }

    /// Deletes unstarred articles published before `keep_days` ago and beyond the newest
    /// `max_articles_per_feed` of each feed, with their bodies, topics and index rows.
    /// Returns how many; nothing when retention keeps all.
    pub fn apply_retention(&mut self, now: DateTime<Utc>) -> Result<usize, StoreError> {
        let retention = self.retention;
        if retention.keeps_all() {
            return Ok(0);
        }
        let tx = self.conn.transaction()?;
        tx.execute_batch("CREATE TEMP TABLE IF NOT EXISTS expired (id INTEGER PRIMARY KEY); DELETE FROM temp.expired;")?;
        if let Some(cutoff) = retention.oldest_kept(now) {
            tx.execute("INSERT OR IGNORE INTO temp.expired SELECT id FROM articles WHERE starred = 0 AND published < ?1", [cutoff])?;
        }
        if let Some(max) = retention.max_per_feed() {
            tx.execute(
                "INSERT OR IGNORE INTO temp.expired SELECT id FROM (
                   SELECT id, ROW_NUMBER() OVER (PARTITION BY feed_id ORDER BY published DESC, id DESC) AS rank
                   FROM articles WHERE starred = 0) WHERE rank > ?1",
                [i64::try_from(max).unwrap_or(i64::MAX)],
            )?;
        }
        tx.execute(
            "DELETE FROM article_search WHERE rowid IN
               (SELECT search_key FROM articles WHERE id IN (SELECT id FROM temp.expired))",
            [],
        )?;
        // Bodies and topics follow through ON DELETE CASCADE.
        let removed = tx.execute(
            "DELETE FROM articles WHERE id IN (SELECT id FROM temp.expired)",
            [],
        )?;
        tx.commit()?;
        Ok(removed)
    }

    /// Deletes a feed and all its articles, starred ones too (`amtsfeed remove --purge`);
    /// returns how many articles went.
    pub fn purge_feed(&mut self, feed_url: &str) -> Result<usize, StoreError> {
        let tx = self.conn.transaction()?;
        // The contentless search index has no cascade; its rows go first.
        tx.execute(
            "DELETE FROM article_search WHERE rowid IN
               (SELECT a.search_key FROM articles a JOIN feeds f ON f.id = a.feed_id WHERE f.url = ?1)",
            [feed_url],
        )?;
        let removed = tx.execute(
            "DELETE FROM articles WHERE feed_id IN (SELECT id FROM feeds WHERE url = ?1)",
            [feed_url],
        )?;
        tx.execute("DELETE FROM feeds WHERE url = ?1", [feed_url])?;
        tx.commit()?;
        Ok(removed)
    }

    /// Compacts the file and merges the search index (`amtsfeed vacuum`).
    pub fn vacuum(&mut self) -> Result<(), StoreError> {
        self.conn.execute_batch("INSERT INTO article_search(article_search) VALUES ('optimize'); VACUUM; PRAGMA wal_checkpoint(TRUNCATE);")?;
        Ok(())
    }

    /// Runs SQLite's own consistency check; `Ok(())` when it reports "ok".
    pub fn integrity_check(&self) -> Result<Result<(), String>, StoreError> {
        let result: String = self
            .conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
        Ok(if result == "ok" { Ok(()) } else { Err(result) })
    }
}

/// A path as the path of a `file:` URI: the characters that end or escape it encoded.
fn uri_path(path: &Path) -> String {
    let mut out = String::new();
    for c in path.to_string_lossy().chars() {
        match c {
            '%' => out.push_str("%25"),
            '?' => out.push_str("%3f"),
            '#' => out.push_str("%23"),
            c => out.push(c),
        }
    }
    out
}

/// Switches to WAL. Two processes opening a new cache at once can get "busy" here without
/// the busy handler being asked, so retry for a while.
fn set_wal(conn: &Connection) -> rusqlite::Result<()> {
    // Bounded by time, not attempts: each attempt may itself wait for the busy timeout.
    let started = std::time::Instant::now();
    loop {
        match conn.pragma_update(None, "journal_mode", "WAL") {
            Err(e)
                if started.elapsed() < BUSY_TIMEOUT
                    && e.sqlite_error_code() == Some(rusqlite::ErrorCode::DatabaseBusy) =>
            {
                std::thread::sleep(std::time::Duration::from_millis(50));
            }
            other => return other,
        }
    }
}

fn create_private_dir(dir: &Path) -> Result<(), StoreError> {
    crate::private::create_dir(dir).map_err(|source| StoreError::DataDir {
        path: dir.to_owned(),
        source,
    })
}

/// SQLite creates `-wal` and `-shm` with the mode of the database file. After the cache was
/// read-only for a while (0400), they stay read-only when the cache is writable again, and
/// every later write fails with "attempt to write a readonly database". When the cache itself
/// is writable, its side files (ours) are made writable again too.
#[cfg(unix)]
fn repair_side_file_modes(db: &Path) {
    use std::os::unix::fs::PermissionsExt;
    let writable =
        |p: &Path| std::fs::metadata(p).is_ok_and(|m| m.permissions().mode() & 0o200 != 0);
    if !writable(db) {
        return;
    }
    for suffix in ["-wal", "-shm"] {
        let side = PathBuf::from(format!("{}{suffix}", db.display()));
        if side.exists() && !writable(&side) {
            let fixed = std::fs::set_permissions(&side, std::fs::Permissions::from_mode(0o600));
            tracing::warn!(file = %side.display(), ok = fixed.is_ok(), "made a read-only cache side file writable again");
        }
    }
}

#[cfg(not(unix))]
fn repair_side_file_modes(_db: &Path) {}

/// Creates the database file readable by its owner only, before SQLite opens it.
fn create_private_file(path: &Path) -> std::io::Result<()> {
    crate::private::touch(path)
}

#[cfg(test)]
mod tests;
