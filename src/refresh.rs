//! The one refresh use case, shared by `amtsfeed fetch` and the TUI: fetch and parse all
//! feeds concurrently, write each feed's result serially in its own transaction, and report
//! per feed. A failed feed is one report, never a failed batch.

use std::path::PathBuf;

use chrono::Utc;
use futures_util::StreamExt;

use crate::config::{Config, FeedConfig};
use crate::fetch::{FetchOutcome, FetchSettings, Fetcher};
use crate::model::reason::LooksLike;
use crate::model::{Ministries, Reason, Retention, Validators};
use crate::parse::{self, Source};
use crate::store::{PreparedFeed, Store, StoreError};

mod heal;
pub mod pages;
pub mod parliament;

pub use crate::model::{FeedChange, FeedReport, Summary};

/// The fetch limits the config sets.
pub fn fetch_settings(config: &Config) -> FetchSettings {
    FetchSettings {
        timeout: config.timeout,
        connect_timeout: config.connect_timeout,
        max_bytes: config.max_feed_bytes,
        user_agent: config.user_agent.clone(),
        per_host: config.per_host_concurrency,
    }
}

/// What to refresh and how.
pub struct Request {
    pub feeds: Vec<FeedConfig>,
    pub data_dir: PathBuf,
    pub fetcher: Fetcher,
    /// How many feeds are fetched and parsed at the same time.
    pub concurrency: usize,
    /// Fetch article pages after the feeds (`None`: teasers only, e.g. `fetch --no-full-text`).
    pub pages: Option<pages::PageSettings>,
    /// Look up the parliamentary documents articles name in DIP (with a key).
    pub dip: Option<parliament::DipSettings>,
    /// What the cache keeps: applied while the feeds are written and after.
    pub retention: Retention,
    /// The ministries and their domains (which copy of a release leads its group).
    pub ministries: Ministries,
    /// Feed bytes that may be parsed or waiting for the writer at once (see [`MemoryBudget`]).
    pub memory_budget: u64,
}

impl Request {
    /// A refresh of `feeds` with the configuration's limits; pages for the feeds that want them.
    pub fn new(
        config: &crate::config::Config,
        feeds: Vec<FeedConfig>,
        data_dir: PathBuf,
        fetcher: Fetcher,
        full_text: bool,
    ) -> Self {
        let page_feeds: Vec<String> = feeds
            .iter()
            .filter(|f| f.full_text.unwrap_or(config.full_text))
            .map(|f| f.url.to_string())
            .collect();
        let pages = (full_text && !page_feeds.is_empty())
            .then(|| pages::PageSettings::from_config(config, page_feeds));
        Self {
            feeds,
            data_dir,
            fetcher,
            concurrency: config.concurrency,
            pages,
            dip: parliament::DipSettings::from_config(config),
            retention: Retention::new(config.keep_days, config.max_articles_per_feed),
            ministries: config.ministries.clone(),
            memory_budget: MEMORY_BUDGET,
        }
    }
}

/// Feed bytes between download and write at once: 20 ordinary feeds (100 KB), more than the
/// writer can take while the next ones are parsed, so it never waits for them. A parsed feed
/// takes more than its bytes; 16 MiB here held a cold 200-feed refresh at 65 MiB, 4 MiB at
/// 36, 2 MiB at 29, at the same speed (a larger feed still goes, alone).
const MEMORY_BUDGET: u64 = 2 << 20;

/// Threads for blocking work in a refresh (the writer, parsers, file reads): one per core
/// and one more, at least three (the writer holds one throughout). Each thread that ever
/// ran a parser keeps its own heap arena, so tokio's default of up to 512 of them cost a
/// third of the memory of a cold refresh, and no speed.
pub fn blocking_threads() -> usize {
    let cores = std::thread::available_parallelism().map_or(2, usize::from);
    (cores + 1).max(3)
}

/// Bounds the memory of a refresh by the size caps instead of by the number and the markup
/// of the feeds: a feed's body counts against the budget from before it is parsed until its
/// articles are written. A parsed feed takes several times its body, so without this, 12
/// feeds of 100,000 items each (all within the cap) waited parsed for the writer at once
/// (1 GB). A feed larger than the whole budget takes all of it, alone.
#[derive(Clone)]
struct MemoryBudget {
    kib: std::sync::Arc<tokio::sync::Semaphore>,
    total_kib: u32,
}

impl MemoryBudget {
    fn new(bytes: u64) -> Self {
        let total_kib = u32::try_from(bytes / 1024).unwrap_or(u32::MAX).max(1);
        Self {
            kib: std::sync::Arc::new(tokio::sync::Semaphore::new(total_kib as usize)),
            total_kib,
        }
    }

    async fn reserve(&self, bytes: usize) -> Option<tokio::sync::OwnedSemaphorePermit> {
        let kib = u32::try_from(bytes / 1024 + 1)
            .unwrap_or(u32::MAX)
            .min(self.total_kib);
        std::sync::Arc::clone(&self.kib)
            .acquire_many_owned(kib)
            .await
            .ok()
    }
}

enum Downloaded {
    NotModified,
    Parsed {
        feed: PreparedFeed,
        validators: Validators,
        /// Where the feed answered from after permanent redirects (to ask there next time).
        moved_to: Option<String>,
    },
}

struct Job {
    feed: FeedConfig,
    result: Result<Downloaded, Failure>,
    /// The feed's share of the memory budget, given back once it is written.
    _memory: Option<tokio::sync::OwnedSemaphorePermit>,
}

/// Why a feed failed, and until when the server asked us not to come back.
struct Failure {
    reason: Reason,
    wait_until: Option<chrono::DateTime<Utc>>,
}

impl From<Reason> for Failure {
    fn from(reason: Reason) -> Self {
        Self {
            reason,
            wait_until: None,
        }
    }
}

/// Without a usable `Retry-After`, a 429/503 still keeps us away this long.
const DEFAULT_BACKOFF_SECS: u64 = 600;
/// Longer waits are capped: a feed should not vanish for days because of one header.
const MAX_BACKOFF_SECS: u64 = 86_400;

/// Runs a refresh; `on_feed` is called once per feed, right after its result is stored.
pub async fn run<F>(request: Request, on_feed: F) -> Result<Summary, StoreError>
where
    F: FnMut(FeedReport) + Send + 'static,
{
    let Request {
        feeds,
        data_dir,
        fetcher,
        concurrency,
        pages,
        dip,
        retention,
        ministries,
        memory_budget,
    } = request;
    let budget = MemoryBudget::new(memory_budget);
    let dip_dir = data_dir.clone();

    let started_at = Utc::now();
    let (store, validators, new_after) = {
        let feeds = feeds.clone();
        blocking(move || {
            let mut store = Store::open(&data_dir)?;
            store.set_retention(retention);
            store.set_ministries(ministries);
            store.sync_feeds(&feeds)?;
            let new_after = store.last_article_id()?;
            let now = Utc::now();
            let validators = feeds
                .iter()
                .map(|f| {
                    Ok((
                        store.validators(f.url.as_str())?,
                        store.wait_until(f.url.as_str(), now)?,
                        store.moved_to(f.url.as_str())?,
                    ))
                })
                .collect::<Result<Vec<_>, StoreError>>()?;
            Ok((store, validators, new_after))
        })
        .await?
    };
    let (sender, receiver) = std::sync::mpsc::channel::<Job>();
    let writer = tokio::task::spawn_blocking(move || write_serially(store, receiver, on_feed));
    let jobs =
        feeds
            .into_iter()
            .zip(validators)
            .map(|(feed, (validators, wait_until, moved_to))| {
                let fetcher = fetcher.clone();
                let budget = budget.clone();
                // A feed that moved permanently is asked where it lives now.
                let from = moved_to
                    .and_then(|m| url::Url::parse(&m).ok())
                    .unwrap_or_else(|| feed.url.clone());

                async move {
                    let mut memory = None;
                    let result = match wait_until {
                        // The server asked us to wait: no request at all until then.
                        Some(until) => Err(Failure {
                            reason: Reason::Waiting {
                                until: until.timestamp(),
                            },
                            wait_until: None,
                        }),
                        None => {
                            download(&fetcher, &feed, &from, &validators, &budget, &mut memory)
                                .await
                        }
                    };
                    Job {
                        feed,
                        result,
                        _memory: memory,
                    }
                }
            });
    let mut results = futures_util::stream::iter(jobs).buffer_unordered(concurrency.max(1));
    while let Some(job) = results.next().await {
        if sender.send(job).is_err() {
            break; // The writer stopped on a cache error; it reports that below.
        }
    }
    drop(sender);
    let (mut store, mut summary) = writer
        .await
        .unwrap_or_else(|e| Err(StoreError::Worker(e.to_string())))?;
    summary.new_after = new_after;
    summary.started_at = started_at;
    if !retention.keeps_all() {
        let (removed, kept_store) = blocking(move || {
            let mut store = store;
            let removed = store.apply_retention(Utc::now())?;
            Ok((removed, store))
        })
        .await?;
        summary.removed = removed;
        if removed > 0 {
            tracing::info!(removed, "retention removed articles");
        }
        store = kept_store;
    }
    if let Some(settings) = pages {
        summary.pages = pages::fetch_due(store, &fetcher, settings).await?;
    } else {
        drop(store);
    }
    if let Some(settings) = dip {
        summary.dip = Some(parliament::look_up(dip_dir, settings).await?);
    }
    Ok(summary)
}

async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, StoreError> + Send + 'static,
) -> Result<T, StoreError> {
    tokio::task::spawn_blocking(work)
        .await
        .unwrap_or_else(|e| Err(StoreError::Worker(e.to_string())))
}

async fn download(
    fetcher: &Fetcher,
    feed: &FeedConfig,
    from: &url::Url,
    validators: &Validators,
    budget: &MemoryBudget,
    memory: &mut Option<tokio::sync::OwnedSemaphorePermit>,
) -> Result<Downloaded, Failure> {
    let fetched = match fetcher.fetch(from, validators).await {
        Ok(FetchOutcome::NotModified) => return Ok(Downloaded::NotModified),
        Ok(FetchOutcome::Fetched(fetched)) => fetched,
        Err(error) => {
            // Gone (404/410): perhaps moved without a redirect; the site may say where.
            let gone = error.is_gone();
            let mut failure = failure(error);
            if gone {
                failure.reason =
                    heal::with_candidate(fetcher, feed, from, None, failure.reason).await;
            }
            return Err(failure);
        }
    };
    let moved_to = fetched
        .moved_to
        .as_ref()
        .map(|to| to.to_string())
        .or_else(|| (from != &feed.url).then(|| from.to_string()));
    *memory = budget.reserve(fetched.body.len()).await;
    let topics = feed.topics.clone();
    let listing = feed.listing;
    let result = tokio::task::spawn_blocking(move || {
        let source = Source {
            url: Some(&fetched.final_url),
            content_type: fetched.content_type.as_deref(),
            topics: &topics,
        };
        // A press listing page's dated teasers are its items.
        let parsed = match listing {
            true => crate::extract::listing::parse(&fetched.body, source),
            false => parse::parse_feed(&fetched.body, source),
        };
        match parsed {
            Ok(parsed) => Ok(Downloaded::Parsed {
                feed: PreparedFeed::new(parsed.articles),
                validators: fetched.validators,
                moved_to,
            }),
            // A web page where the feed was: it may announce where the feed went.
            Err(
                reason @ Reason::NotAFeed {
                    looks_like: LooksLike::HtmlPage,
                },
            ) => {
                let html =
                    crate::extract::decode_html(&fetched.body, fetched.content_type.as_deref())
                        .into_owned();
                Err(Unparsed::Html(Box::new(HtmlInstead {
                    reason,
                    html,
                    page: fetched.final_url,
                })))
            }
            Err(e) => Err(Unparsed::Other(e)),
        }
    })
    .await
    .unwrap_or_else(|e| {
        Err(Unparsed::Other(Reason::ParserCrashed {
            detail: e.to_string(),
        }))
    });
    match result {
        Ok(downloaded) => Ok(downloaded),
        Err(Unparsed::Other(reason)) => Err(Failure::from(reason)),
        Err(Unparsed::Html(instead)) => {
            let HtmlInstead { reason, html, page } = *instead;
            Err(Failure::from(
                heal::with_candidate(fetcher, feed, from, Some((html, page)), reason).await,
            ))
        }
    }
}

/// Why a downloaded body gave no items; an HTML page is kept to look for the feed on it.
enum Unparsed {
    Html(Box<HtmlInstead>),
    Other(Reason),
}

/// A web page where a feed was expected.
struct HtmlInstead {
    reason: Reason,
    html: String,
    page: url::Url,
}

/// A fetch error as a feed failure; 429/503 also set when to come back.
fn failure(error: Reason) -> Failure {
    let wait = match error {
        Reason::Http {
            status: 429 | 503,
            retry_after,
        } => Some(
            retry_after
                .unwrap_or(DEFAULT_BACKOFF_SECS)
                .min(MAX_BACKOFF_SECS),
        ),
        _ => None,
    };
    Failure {
        reason: error,
        wait_until: wait
            .and_then(|s| chrono::Duration::try_seconds(s as i64))
            .map(|d| Utc::now() + d),
    }
}

/// Feeds written in one transaction at most, and the items that close a batch early.
const BATCH_FEEDS: usize = 64;
const BATCH_ITEMS: usize = 20_000;

/// The single writer: one connection. Whatever has arrived while it was writing goes into
/// the next transaction together (each transaction is all or none, so a kill loses at most
/// the feeds of the batch in flight and never leaves half a feed).
fn write_serially<F: FnMut(FeedReport)>(
    mut store: Store,
    jobs: std::sync::mpsc::Receiver<Job>,
    mut on_feed: F,
) -> Result<(Store, Summary), StoreError> {
    let mut summary = Summary::default();
    while let Ok(first) = jobs.recv() {
        let mut batch = vec![first];
        let mut items = batch_items(&batch[0]);
        while batch.len() < BATCH_FEEDS && items < BATCH_ITEMS {
            let Ok(next) = jobs.try_recv() else { break };
            items += batch_items(&next);
            batch.push(next);
        }
        let now = Utc::now();
        let parsed: Vec<(&str, &PreparedFeed, &Validators)> = batch
            .iter()
            .filter_map(|job| match &job.result {
                Ok(Downloaded::Parsed {
                    feed, validators, ..
                }) => Some((job.feed.url.as_str(), feed, validators)),
                _ => None,
            })
            .collect();
        let mut stored = store.store_feeds(&parsed, now)?.into_iter();
        for Job { feed, result, .. } in batch {
            let url = feed.url.as_str();
            let mut moved = None;
            let outcome = match result {
                Ok(Downloaded::NotModified) => {
                    store.record_not_modified(url, now)?;
                    tracing::debug!(feed = %feed.name, "not modified");
                    Ok(FeedChange::NotModified)
                }
                Ok(Downloaded::Parsed {
                    feed: parsed,
                    moved_to,
                    ..
                }) => {
                    // A permanent move is remembered (and said) once; the feed keeps its row.
                    if let Some(to) = moved_to {
                        if store.record_moved(url, &to)? {
                            tracing::info!(feed = %feed.name, to = %crate::text::sanitize(&to), "feed moved permanently");
                            moved = Some(to);
                        }
                    }
                    let counts = stored.next().unwrap_or_default();
                    summary.new += counts.new;
                    summary.updated += counts.updated;
                    tracing::info!(feed = %feed.name, items = parsed.articles.len(), new = counts.new, updated = counts.updated, "feed stored");
                    Ok(FeedChange::Stored(counts))
                }
                Err(Failure { reason, wait_until }) => {
                    tracing::warn!(feed = %feed.name, url = %crate::config::redact_url(&feed.url), %reason, "feed failed");
                    store.record_error(url, &reason, now, wait_until)?;
                    summary.failed += 1;
                    Err(reason)
                }
            };
            summary.feeds += 1;
            on_feed(FeedReport {
                name: feed.name,
                outcome,
                moved_to: moved,
            });
        }
    }
    Ok((store, summary))
}

fn batch_items(job: &Job) -> usize {
    match &job.result {
        Ok(Downloaded::Parsed { feed, .. }) => feed.articles.len(),
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn the_memory_budget_lets_a_feed_in_only_when_its_bytes_are_free() {
        let budget = MemoryBudget::new(16 << 20);
        let big = budget.reserve(10 << 20).await.expect("fits");
        // A second 10 MiB feed waits while the first is held …
        let waiting = tokio::time::timeout(
            std::time::Duration::from_millis(50),
            budget.reserve(10 << 20),
        )
        .await;
        assert!(waiting.is_err(), "must wait for the first feed");
        // … small feeds do not, and take their size rounded up to whole KiB,
        let before = budget.kib.available_permits();
        let small = budget.reserve(100_000).await.expect("fits");
        assert_eq!(before - budget.kib.available_permits(), 98);
        drop(big);
        // and once the first is written, it goes in.
        let second = budget.reserve(10 << 20).await.expect("fits now");
        drop((small, second));
        // A feed larger than the whole budget takes all of it instead of waiting forever.
        let huge = budget.reserve(100 << 20).await.expect("alone");
        assert_eq!(budget.kib.available_permits(), 0);
        drop(huge);
        assert_eq!(budget.kib.available_permits(), 16 << 10);
    }
}
