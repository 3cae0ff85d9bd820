//! Full-text state of articles: which pages are due, and storing what a page gave.

use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension};

use super::schema::DatedBy;
use super::{versions, write, Store, StoreError};
use crate::extract::Extracted;
use crate::model::{ArticleId, Validators};

/// An article page to fetch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageJob {
    pub id: ArticleId,
    pub url: String,
    /// The feed the article came from: its pages may be on the local network only when the
    /// feed is there too.
    pub feed_url: String,
    pub validators: Validators,
    /// The page was read before: this checks it is still there and unchanged (a redirect
    /// elsewhere then means it is gone, not a new text).
    pub recheck: bool,
}

/// What fetching an article page gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PageOutcome {
    Extracted {
        extracted: Box<Extracted>,
        /// The article's plain text, as the search index takes it (converted before the store:
        /// the store only stores).
        text: String,
        validators: Validators,
    },
    NotModified,
    /// Why the page could not be used; the teaser stays.
    Failed(crate::model::Reason),
}

/// A failed page is tried again after 1 h, 2 h, 4 h … up to about 5 days, never in a loop.
const RETRY_BASE_SECS: i64 = 3600;
const RETRY_MAX_DOUBLINGS: i64 = 7;

/// A page read before is checked again (edited? gone?) at most once a day, only while its
/// article is recent or starred, and only so many a refresh (conditional GET: an unchanged
/// page costs a 304).
pub const RECHECK_SECS: i64 = 86_400;
const RECHECK_RECENT_SECS: i64 = 14 * 86_400;
pub const RECHECKS_PER_REFRESH: usize = 25;

/// Whether a page failure of a page read before means it is gone for good: removed (404,
/// 410), an error page served as a success, or a redirect to another page.
fn means_gone(reason: &crate::model::Reason) -> bool {
    use crate::model::Reason;
    matches!(
        reason,
        Reason::Http {
            status: 404 | 410,
            ..
        } | Reason::ErrorPage { .. }
            | Reason::RedirectedElsewhere { .. }
    )
}

impl Store {
    /// Pages to fetch for articles of the given feeds: never fetched, changed since, or failed
    /// long enough ago. Newest first, at most `limit`.
    pub fn pages_due(
        &self,
        feed_urls: &[String],
        now: DateTime<Utc>,
        limit: usize,
    ) -> Result<Vec<PageJob>, StoreError> {
        self.pages_due_checking(feed_urls, now, limit, RECHECK_SECS)
    }

    /// [`Store::pages_due`], with pages read before checked again once `recheck_every`
    /// seconds have passed since their last check (0: now).
    pub fn pages_due_checking(
        &self,
        feed_urls: &[String],
        now: DateTime<Utc>,
        limit: usize,
        recheck_every: i64,
    ) -> Result<Vec<PageJob>, StoreError> {
        if feed_urls.is_empty() {
            return Ok(Vec::new());
        }
        let placeholders = vec!["?"; feed_urls.len()].join(", ");
        let sql = format!(
            "SELECT a.id, a.link, b.page_etag, b.page_last_modified, f.url
             FROM articles a JOIN feeds f ON f.id = a.feed_id LEFT JOIN article_bodies b ON b.article_id = a.id
             WHERE f.url IN ({placeholders}) AND (a.link LIKE 'http://%' OR a.link LIKE 'https://%')
               AND (a.page_status IS NULL
                    OR (a.page_status <> 'ok' AND a.page_checked + ({RETRY_BASE_SECS} << MIN(MAX(a.page_attempts - 1, 0), {RETRY_MAX_DOUBLINGS})) <= ?))
             ORDER BY a.published DESC LIMIT ?"
        );
        // Pages read before, checked again: still there, still the same?
        let rechecks = format!(
            "SELECT a.id, a.link, b.page_etag, b.page_last_modified, f.url
             FROM articles a JOIN feeds f ON f.id = a.feed_id JOIN article_bodies b ON b.article_id = a.id
             WHERE f.url IN ({placeholders}) AND (a.link LIKE 'http://%' OR a.link LIKE 'https://%')
               AND a.page_status = 'ok' AND b.page_html IS NOT NULL
               AND a.page_checked <= ? AND (a.starred = 1 OR a.published >= ?)
             ORDER BY a.page_checked LIMIT ?"
        );
        let mut args: Vec<rusqlite::types::Value> =
            feed_urls.iter().map(|u| u.clone().into()).collect();
        args.push(now.timestamp().into());
        args.push((limit as i64).into());
        let job = |recheck: bool| {
            move |r: &rusqlite::Row| {
                Ok(PageJob {
                    id: ArticleId(r.get(0)?),
                    url: r.get(1)?,
                    feed_url: r.get(4)?,
                    validators: Validators {
                        etag: r.get(2)?,
                        last_modified: r.get(3)?,
                    },
                    recheck,
                })
            }
        };
        let mut jobs: Vec<PageJob> = self
            .conn
            .prepare(&sql)?
            .query_map(rusqlite::params_from_iter(args), job(false))?
            .collect::<Result<_, _>>()?;
        let room = limit.saturating_sub(jobs.len()).min(RECHECKS_PER_REFRESH);
        if room > 0 {
            let mut args: Vec<rusqlite::types::Value> =
                feed_urls.iter().map(|u| u.clone().into()).collect();
            args.push((now.timestamp() - recheck_every).into());
            args.push((now.timestamp() - RECHECK_RECENT_SECS).into());
            args.push((room as i64).into());
            let rechecked: Vec<PageJob> = self
                .conn
                .prepare(&rechecks)?
                .query_map(rusqlite::params_from_iter(args), job(true))?
                .collect::<Result<_, _>>()?;
            jobs.extend(rechecked);
        }
        Ok(jobs)
    }

    /// The page job for one article, whatever its state (for "fetch the full text now").
    pub fn page_job(&self, id: ArticleId) -> Result<Option<PageJob>, StoreError> {
        let job = self
            .conn
            .query_row(
                "SELECT a.link, b.page_etag, b.page_last_modified, f.url FROM articles a
                 JOIN feeds f ON f.id = a.feed_id
                 LEFT JOIN article_bodies b ON b.article_id = a.id
                 WHERE a.id = ?1 AND (a.link LIKE 'http://%' OR a.link LIKE 'https://%')",
                [id.0],
                |r| {
                    Ok(PageJob {
                        id,
                        url: r.get(0)?,
                        feed_url: r.get(3)?,
                        validators: Validators {
                            etag: r.get(1)?,
                            last_modified: r.get(2)?,
                        },
                        recheck: false,
                    })
                },
            )
            .optional()?;
        Ok(job)
    }

    /// Records a page fetch: the extracted text, kind, topics and (for undated items) date,
    /// or why it failed. One transaction; the search index follows.
    pub fn store_page(
        &mut self,
        id: ArticleId,
        outcome: &PageOutcome,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let tx = self.conn.transaction()?;
        match outcome {
            PageOutcome::NotModified => {
                tx.execute("UPDATE articles SET page_status = 'ok', page_checked = ?2, page_attempts = 0, gone_at = NULL WHERE id = ?1", params![id.0, now.timestamp()])?;
            }
            // A page read before that fails now keeps its text: gone for good is marked with
            // the day it went (once), anything else is tried at the next check.
            PageOutcome::Failed(reason) if had_page(&tx, id)? => {
                let gone = means_gone(reason).then_some(now.timestamp());
                tx.execute(
                    "UPDATE articles SET page_checked = ?2, gone_at = COALESCE(gone_at, ?3) WHERE id = ?1",
                    params![id.0, now.timestamp(), gone],
                )?;
            }
            PageOutcome::Failed(reason) => {
                tx.execute(
                    "UPDATE articles SET page_status = ?2, page_checked = ?3, page_attempts = page_attempts + 1 WHERE id = ?1",
                    params![id.0, reason.to_stored(), now.timestamp()],
                )?;
            }
            PageOutcome::Extracted {
                extracted,
                text,
                validators,
            } => {
                let current: Option<(String, i64, versions::State, Option<String>)> = tx
                    .query_row(
                        "SELECT a.topics, a.dated, a.title, a.summary, a.kind, a.published,
                                b.page_html
                         FROM articles a LEFT JOIN article_bodies b ON b.article_id = a.id
                         WHERE a.id = ?1",
                        [id.0],
                        |r| {
                            Ok((
                                r.get(0)?,
                                r.get(1)?,
                                versions::State {
                                    title: r.get(2)?,
                                    summary: r.get(3)?,
                                    kind: r.get(4)?,
                                    published: r.get(5)?,
                                    text: String::new(),
                                },
                                r.get(6)?,
                            ))
                        },
                    )
                    .optional()?;
                let Some((topics, dated, mut before, old_page)) = current else {
                    return Ok(());
                };
                let mut merged: Vec<String> = topics
                    .split('\n')
                    .filter(|t| !t.is_empty())
                    .map(str::to_owned)
                    .collect();
                for topic in &extracted.topics {
                    if !merged
                        .iter()
                        .any(|t| t.to_lowercase() == topic.to_lowercase())
                    {
                        merged.push(topic.clone());
                    }
                }
                // A page date only fills in for items whose feed gave none; a later fetch of
                // the page may correct it.
                let page_date = extracted
                    .date
                    .filter(|_| dated != DatedBy::Feed as i64 && dated != DatedBy::FeedDay as i64)
                    .and_then(|d| d.and_hms_opt(12, 0, 0))
                    .map(|d| d.and_utc().timestamp());
                // A type the page does not state keeps the one the listing gave.
                tx.execute(
                    "UPDATE articles SET kind = COALESCE(?2, kind),
                     kind_number = CASE WHEN ?2 IS NULL THEN kind_number ELSE ?7 END,
                     topics = ?3, published = COALESCE(?4, published),
                     dated = CASE WHEN ?4 IS NULL THEN dated ELSE ?6 END,
                     page_status = 'ok', page_checked = ?5, page_attempts = 0, gone_at = NULL
                     WHERE id = ?1",
                    params![
                        id.0,
                        extracted.kind,
                        merged.join("\n"),
                        page_date,
                        now.timestamp(),
                        DatedBy::Page as i64,
                        extracted.number
                    ],
                )?;
                write::write_topics(&tx, id.0, &merged)?;
                // A page fetched again that reads otherwise (text, type, date) keeps what it
                // said before as a version; the first page is no change, only more text.
                if let Some(old_page) = old_page {
                    // As the UPDATE above left it: a type the page states, a date it gives.
                    let mut after = versions::State {
                        title: before.title.clone(),
                        summary: before.summary.clone(),
                        kind: extracted.kind.clone().or_else(|| before.kind.clone()),
                        published: page_date.unwrap_or(before.published),
                        text: String::new(),
                    };
                    if old_page != extracted.content_html {
                        before.text = versions::page_text(Some(&old_page));
                        after.text = versions::page_text(Some(&extracted.content_html));
                    }
                    versions::record(&tx, id.0, &before, &after, now)?;
                }
                // The text goes into the index only: the page's HTML is what is kept. An
                // article stored with its teaser's text alone has no body row yet.
                tx.execute(
                    "INSERT INTO article_bodies (article_id, page_html, page_etag, page_last_modified) VALUES (?1, ?2, ?3, ?4)
                     ON CONFLICT(article_id) DO UPDATE SET page_html = excluded.page_html, page_etag = excluded.page_etag,
                     page_last_modified = excluded.page_last_modified, text = ''",
                    params![id.0, extracted.content_html, validators.etag, validators.last_modified],
                )?;
                super::references::record(
                    &tx,
                    id.0,
                    text,
                    crate::refs::hrefs(&extracted.content_html),
                )?;
                write::index_article(&tx, id.0, text)?;
            }
        }
        tx.commit()?;
        Ok(())
    }
}

/// Whether the article's page was read before (and its text is kept).
fn had_page(tx: &rusqlite::Transaction, id: ArticleId) -> Result<bool, StoreError> {
    Ok(tx
        .query_row(
            "SELECT a.page_status = 'ok' AND b.page_html IS NOT NULL FROM articles a
             JOIN article_bodies b ON b.article_id = a.id WHERE a.id = ?1",
            [id.0],
            |r| r.get::<_, bool>(0),
        )
        .optional()?
        .unwrap_or(false))
}
