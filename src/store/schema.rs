//! Schema migrations, applied in order and recorded in `PRAGMA user_version`.

use rusqlite::Connection;

use super::StoreError;

/// Each entry moves the schema one version up; never edit a released one, append.
pub(super) const MIGRATIONS: &[&str] = &[
    // 1: feeds, articles and their bodies, trigram search index.
    "CREATE TABLE feeds (
        id INTEGER PRIMARY KEY,
        url TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        ministry TEXT,
        etag TEXT,
        last_modified TEXT,
        last_fetch INTEGER,
        last_error TEXT,
        -- After a 429/503: no request before this time (Retry-After, or a default pause).
        retry_after INTEGER
     );
     CREATE TABLE articles (
        id INTEGER PRIMARY KEY,
        feed_id INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
        key TEXT NOT NULL,
        title TEXT NOT NULL,
        link TEXT,
        published INTEGER NOT NULL,
        first_seen INTEGER NOT NULL,
        updated_at INTEGER,
        topics TEXT NOT NULL DEFAULT '',
        summary TEXT NOT NULL DEFAULT '',
        content_hash INTEGER NOT NULL,
        -- 1 when `published` came from the feed; else a page date may replace first_seen.
        dated INTEGER NOT NULL DEFAULT 1,
        -- Document type from the article page (Meldung, Pressemitteilung, Rede, ...).
        kind TEXT,
        -- Full-text state: NULL = not fetched yet, 'ok', or why the last attempt failed.
        page_status TEXT,
        page_checked INTEGER,
        page_attempts INTEGER NOT NULL DEFAULT 0,
        read INTEGER NOT NULL DEFAULT 0,
        starred INTEGER NOT NULL DEFAULT 0,
        UNIQUE (feed_id, key)
     );
     -- One row per topic of an article, for topic counts (the sidebar, facets).
     CREATE TABLE article_topics (
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        topic TEXT NOT NULL,
        PRIMARY KEY (article_id, topic)
     ) WITHOUT ROWID;
     CREATE INDEX article_topics_by_topic ON article_topics (topic);
     -- The HTML lives apart so that list and count queries read small rows only.
     CREATE TABLE article_bodies (
        article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
        summary_html TEXT NOT NULL DEFAULT '',
        content_html TEXT,
        -- The article page's extracted content, and its validators for conditional GET.
        page_html TEXT,
        page_etag TEXT,
        page_last_modified TEXT,
        -- Plain text of the richest body, as indexed (the index itself stores no text).
        text TEXT NOT NULL DEFAULT ''
     );
     CREATE INDEX articles_by_date ON articles (published DESC, id DESC);
     CREATE INDEX articles_by_feed_date ON articles (feed_id, published DESC);
     -- Covers the per-feed article and unread counts of the sidebar and `feeds`.
     CREATE INDEX articles_by_feed_read ON articles (feed_id, read);
     CREATE VIRTUAL TABLE article_search USING fts5 (
        title, topics, summary, body,
        tokenize = 'trigram', content = '', contentless_delete = 1
     );",
    // 2: the search index is keyed by date. Its rowid is `search_key`, the publication day
    // with the low 24 bits of the id (`day << 24 | id & 0xFFFFFF`), so the index hands out
    // matches newest day first and a page of the newest rows reads only the days it needs,
    // instead of every match being fetched and sorted. Days rather than seconds keep the
    // index's rowid gaps, and so the index, small. Rebuilding the index takes a while once.
    "ALTER TABLE articles ADD COLUMN search_key INTEGER;
     UPDATE articles SET search_key = ((max(published, 0) / 86400) << 24) | (id & 16777215);
     CREATE UNIQUE INDEX articles_by_search_key ON articles (search_key);
     DROP TABLE article_search;
     CREATE VIRTUAL TABLE article_search USING fts5 (
        title, topics, summary, body,
        tokenize = 'trigram', content = '', contentless_delete = 1
     );
     INSERT INTO article_search (rowid, title, topics, summary, body)
        SELECT a.search_key, a.title, a.topics, a.summary, COALESCE(b.text, '')
        FROM articles a LEFT JOIN article_bodies b ON b.article_id = a.id
        ORDER BY a.search_key;",
    // 3: when each saved filter was last looked at (`list --saved NAME`, its sidebar entry),
    // as the largest article id then: what came later is new to it (`--new`, alerts).
    "CREATE TABLE filter_seen (
        name TEXT PRIMARY KEY COLLATE NOCASE,
        last_id INTEGER NOT NULL
     );",
    // 4: one release in several feeds (see `groups`): the key a title is matched by, and
    // the group an article belongs to, named by its first member's id (NULL: alone). The
    // keys became hashes in 5, filled in for existing articles after it.
    "ALTER TABLE articles ADD COLUMN title_key TEXT;
     ALTER TABLE articles ADD COLUMN group_id INTEGER;
     CREATE INDEX articles_by_title_key ON articles (title_key, published);
     CREATE INDEX articles_by_group ON articles (group_id) WHERE group_id IS NOT NULL;",
    // 5: the search index is by whole words instead of trigrams: a seventh of the entries,
    // so a fifth of the size and a seventh of the time to write. Substrings (`schutz` in
    // Katastrophenschutz) are found through the list of the index's distinct words and its
    // own small trigram index (`vocabulary`), filled by `vocabulary::backfill` after this.
    "DROP TABLE article_search;
     CREATE VIRTUAL TABLE article_search USING fts5 (
        title, topics, summary, body,
        tokenize = 'unicode61 remove_diacritics 0', content = '', contentless_delete = 1
     );
     CREATE TABLE search_terms (
        id INTEGER PRIMARY KEY,
        term TEXT NOT NULL UNIQUE
     );
     CREATE VIRTUAL TABLE search_term_grams USING fts5 (
        term, tokenize = 'trigram', content = '', contentless_delete = 1
     );
     INSERT INTO article_search (rowid, title, topics, summary, body)
        SELECT a.search_key, a.title, a.topics, a.summary, COALESCE(b.text, '')
        FROM articles a LEFT JOIN article_bodies b ON b.article_id = a.id
        ORDER BY a.search_key;
     -- Title keys as hashes (`groups::title_hash`): the text keys took a sixth of a cache of
     -- teasers. The old column stays (dropping it rewrites the table) and is no longer set.
     ALTER TABLE articles ADD COLUMN title_hash INTEGER;
     DROP INDEX articles_by_title_key;
     CREATE INDEX articles_by_title_hash ON articles (title_hash, published);",
    // 6: the topics the config gives each feed, as last applied to its articles (NULL: not
    // known yet), so that topics added to or removed from the config reach the articles
    // already stored (`Store::sync_feeds`), not only new ones.
    "ALTER TABLE feeds ADD COLUMN topics TEXT;",
    // 7: where a feed answered from after permanent redirects (301/308): asked there from
    // then on, until the config names that address itself.
    "ALTER TABLE feeds ADD COLUMN moved_to TEXT;",
    // 8: a document's number apart from its type ("Pressemitteilung 6/2022" was one kind, so
    // facets and `typ:` split one type into many); split in the stored kinds after this.
    "ALTER TABLE articles ADD COLUMN kind_number TEXT;",
    // 9: the search index and its list of words hold texts in key form (NFC, lower case,
    // umlauts and ß written out: `filter::word::key`), so that one spelling of a word finds
    // all of them on every path; stored texts become NFC. Both rebuilt after this
    // (`normalize_stored_text`, `write::rebuild_search`).
    "DROP TABLE article_search;
     CREATE VIRTUAL TABLE article_search USING fts5 (
        title, topics, summary, body,
        tokenize = 'unicode61 remove_diacritics 0', content = '', contentless_delete = 1
     );
     DROP TABLE search_term_grams;
     DROP TABLE search_terms;
     CREATE TABLE search_terms (
        id INTEGER PRIMARY KEY,
        term TEXT NOT NULL UNIQUE
     );
     CREATE VIRTUAL TABLE search_term_grams USING fts5 (
        term, tokenize = 'trigram', content = '', contentless_delete = 1
     );
     -- Each word's letters and pairs of letters (`k i ki`), so that a part of one or two
     -- letters finds the words containing it without reading them all.
     DROP TABLE IF EXISTS search_term_pairs;
     CREATE VIRTUAL TABLE search_term_pairs USING fts5 (
        pairs, tokenize = 'unicode61 remove_diacritics 0', content = '', contentless_delete = 1
     );",
    // 10: why a feed or a page failed is stored as data (`Reason` as JSON), not as English
    // words: the reasons stored before are read back once (`typed_stored_reasons`).
    "SELECT 1;",
    // 11: earlier versions of an article (`versions`): what differed from the version after
    // it, the page text as a word delta; when the last change was seen, for lists,
    // `geändert:` and JSON; when it left its feed, and since when its page is gone (404,
    // 410, an error page, a redirect elsewhere).
    "CREATE TABLE article_versions (
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        replaced_at INTEGER NOT NULL,
        changed INTEGER NOT NULL,
        title TEXT,
        summary TEXT,
        text_delta TEXT,
        text_hash INTEGER,
        kind TEXT,
        published INTEGER,
        PRIMARY KEY (article_id, seq)
     ) WITHOUT ROWID;
     ALTER TABLE articles ADD COLUMN changed_at INTEGER;
     ALTER TABLE articles ADD COLUMN left_feed_at INTEGER;
     ALTER TABLE articles ADD COLUMN gone_at INTEGER;
     CREATE INDEX articles_by_changed ON articles (changed_at) WHERE changed_at IS NOT NULL;",
    // 12: the parliamentary documents an article names (`refs`): Drucksachen of the
    // Bundestag and the Bundesrat, Plenarprotokolle, DIP Vorgänge; found in its title,
    // teaser, text and links when it is written.
    "CREATE TABLE article_refs (
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        number TEXT NOT NULL,
        PRIMARY KEY (article_id, kind, number)
     ) WITHOUT ROWID;
     CREATE INDEX article_refs_by_number ON article_refs (kind, number);",
    // 13: what DIP said of the Drucksachen articles name (`dip_documents`; a title of ''
    // when DIP does not know one) and of their processes (`dip_processes`: stage, steps as
    // JSON), with when each was last asked, and when a process's stage last changed.
    "CREATE TABLE dip_documents (
        kind TEXT NOT NULL,
        number TEXT NOT NULL,
        title TEXT NOT NULL,
        doc_type TEXT,
        date TEXT,
        ressort TEXT,
        processes TEXT NOT NULL DEFAULT '',
        checked_at INTEGER NOT NULL,
        PRIMARY KEY (kind, number)
     ) WITHOUT ROWID;
     CREATE TABLE dip_processes (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        kind TEXT,
        stage TEXT,
        initiative TEXT NOT NULL DEFAULT '',
        steps TEXT NOT NULL DEFAULT '[]',
        checked_at INTEGER NOT NULL,
        stage_changed_at INTEGER
     ) WITHOUT ROWID;",
];

/// Where `articles.published` came from: the `dated` column. Migration 1 documents only 0 and
/// 1; 2 came later and reads as "dated" wherever the column is taken as a boolean.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DatedBy {
    /// Nothing gave a date: `published` is `first_seen`.
    FirstSeen = 0,
    /// The feed's own date.
    Feed = 1,
    /// The article page's date (the feed had none): a day, without a time.
    Page = 2,
    /// The feed's (or listing's) date, a day without a time.
    FeedDay = 3,
}

impl DatedBy {
    /// How a date the source gave is stored.
    pub(crate) fn of_source(day_only: bool) -> Self {
        if day_only {
            Self::FeedDay
        } else {
            Self::Feed
        }
    }
}

/// The search key of an article: see migration 2.
pub fn search_key(published: i64, id: i64) -> i64 {
    ((published.max(0) / 86_400) << 24) | (id & 0x00FF_FFFF)
}

/// The smallest search key of the (UTC) day of `published`.
pub fn first_key_of_day(published: i64) -> i64 {
    (published.max(0) / 86_400) << 24
}

/// The schema version a cache has, without migrating it (0 for a new file).
pub fn version(conn: &Connection) -> Result<i64, StoreError> {
    Ok(conn.query_row("PRAGMA user_version", [], |r| r.get(0))?)
}

/// The first migration that rebuilds the search index, for a notice before it runs.
pub const SLOW_MIGRATION: i64 = 1;

/// The migration that brings the word index and title hashes; the list of the index's words
/// and the recent titles' hashes are filled after it.
pub const WORD_INDEX_MIGRATION: i64 = 5;

/// The migration that keeps a document's number apart from its type.
const KIND_NUMBER_MIGRATION: i64 = 8;

/// The migration that keys the search index and makes stored text NFC; the index is
/// rebuilt after it (a slow upgrade: every article's text is indexed again).
pub const KEYED_INDEX_MIGRATION: i64 = 9;

/// The migration that types stored failure reasons.
const TYPED_REASONS_MIGRATION: i64 = 10;

/// Failure reasons stored as English text (`feeds.last_error`, `articles.page_status`) as
/// typed reasons, stored as data.
fn typed_stored_reasons(tx: &rusqlite::Transaction) -> Result<(), StoreError> {
    for (table, column, skip) in [
        ("feeds", "last_error", ""),
        ("articles", "page_status", "ok"),
    ] {
        let rows: Vec<(i64, String)> = tx
            .prepare(&format!(
                "SELECT rowid, {column} FROM {table}
                 WHERE {column} IS NOT NULL AND {column} <> ?1 AND {column} NOT LIKE '{{%'"
            ))?
            .query_map([skip], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?;
        let mut update = tx.prepare(&format!(
            "UPDATE {table} SET {column} = ?2 WHERE rowid = ?1"
        ))?;
        for (id, text) in rows {
            let reason = super::legacy_reasons::parse(&text);
            update.execute(rusqlite::params![id, reason.to_stored()])?;
        }
    }
    Ok(())
}

/// Stored texts in NFC ("u" + combining diaeresis becomes "ü"), where they are not yet.
fn normalize_stored_text(tx: &rusqlite::Transaction) -> Result<(), StoreError> {
    use crate::filter::word::nfc;
    let is_nfc = |text: &str| matches!(nfc(text), std::borrow::Cow::Borrowed(_));
    for (table, key, columns) in [
        (
            "articles",
            "id",
            &["title", "summary", "topics", "kind"][..],
        ),
        (
            "article_bodies",
            "article_id",
            &["summary_html", "content_html", "page_html", "text"][..],
        ),
    ] {
        for column in columns {
            let rows: Vec<(i64, String)> = tx
                .prepare(&format!(
                    "SELECT {key}, {column} FROM {table} WHERE {column} IS NOT NULL"
                ))?
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
                .filter_map(Result::ok)
                .filter(|(_, text): &(i64, String)| !is_nfc(text))
                .collect();
            let mut update = tx.prepare(&format!(
                "UPDATE {table} SET {column} = ?2 WHERE {key} = ?1"
            ))?;
            for (id, text) in rows {
                update.execute(rusqlite::params![id, nfc(&text).as_ref()])?;
            }
        }
    }
    let topics: Vec<(i64, String)> = tx
        .prepare("SELECT article_id, topic FROM article_topics")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .filter_map(Result::ok)
        .filter(|(_, topic): &(i64, String)| !is_nfc(topic))
        .collect();
    for (id, topic) in topics {
        tx.execute(
            "UPDATE OR IGNORE article_topics SET topic = ?3 WHERE article_id = ?1 AND topic = ?2",
            rusqlite::params![id, topic, nfc(&topic).as_ref()],
        )?;
    }
    Ok(())
}

/// Stored kinds with their number ("Pressemitteilung 6/2022") as type and number.
fn split_kind_numbers(tx: &rusqlite::Transaction) -> Result<(), StoreError> {
    let rows: Vec<(i64, String)> = tx
        .prepare("SELECT id, kind FROM articles WHERE kind LIKE '% %'")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    let mut update = tx.prepare("UPDATE articles SET kind = ?2, kind_number = ?3 WHERE id = ?1")?;
    for (id, kind) in rows {
        if let (kind, Some(number)) = crate::model::split_kind_number(&kind) {
            update.execute(rusqlite::params![id, kind, number])?;
        }
    }
    Ok(())
}

/// Per-connection scratch tables (the temp schema is never written to the file).
pub fn create_temp_tables(conn: &Connection) -> Result<(), StoreError> {
    conn.execute_batch("CREATE TEMP TABLE IF NOT EXISTS search_hits (id INTEGER PRIMARY KEY);")?;
    Ok(())
}

/// Brings the database to the newest schema. The version is read inside an IMMEDIATE
/// transaction, so two processes opening a new cache at once do not both migrate it.
pub fn migrate(conn: &mut Connection) -> Result<(), StoreError> {
    let known = MIGRATIONS.len() as i64;
    // The usual case, an up-to-date cache, is a read: no write lock, so opening the cache
    // (for `list`, `doctor`, the reader) never waits for another process that is writing.
    if version(conn)? == known {
        return Ok(());
    }
    loop {
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let version: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if version > known {
            return Err(StoreError::TooNew {
                path: Default::default(),
                found: version,
                known,
            });
        }
        let Some(sql) = MIGRATIONS.get(version as usize) else {
            tx.commit()?;
            return Ok(());
        };
        tx.execute_batch(sql)?;
        if version + 1 == WORD_INDEX_MIGRATION {
            // The list of index words is filled by the rebuild after 9, in key form.
            super::groups::backfill_title_hashes(&tx)?;
        }
        if version + 1 == KIND_NUMBER_MIGRATION {
            split_kind_numbers(&tx)?;
        }
        if version + 1 == KEYED_INDEX_MIGRATION {
            normalize_stored_text(&tx)?;
            super::write::rebuild_search(&tx)?;
        }
        if version + 1 == TYPED_REASONS_MIGRATION {
            typed_stored_reasons(&tx)?;
        }
        tx.pragma_update(None, "user_version", version + 1)?;
        tx.commit()?;
    }
}
