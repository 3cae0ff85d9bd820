//! The one refresh use case, shared by `amtsfeed fetch` and the TUI: fetch and parse all
//! feeds concurrently, write each feed's result serially in its own transaction, and report
//! per feed. A failed feed is one report, never a failed batch.

use std::path::PathBuf;

use chrono::Utc;
use futures_util::StreamExt;

use crate::config::FeedConfig;
use crate::fetch::{FetchOutcome, Fetcher};
use crate::model::{NewArticle, StoreCounts, Validators};
use crate::parse::{self, Source};
use crate::store::{Store, StoreError};

pub mod pages;

/// What happened to one feed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedReport {
    pub name: String,
    pub outcome: Result<FeedChange, String>,
}

/// A successful refresh of one feed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FeedChange {
    NotModified,
    Stored(StoreCounts),
}

/// Totals over a whole refresh.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    pub feeds: usize,
    pub failed: usize,
    pub new: usize,
    pub updated: usize,
    pub pages: pages::PageSummary,
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
        }
    }
}

enum Downloaded {
    NotModified,
    Parsed {
        articles: Vec<NewArticle>,
        validators: Validators,
    },
}

struct Job {
    feed: FeedConfig,
    result: Result<Downloaded, String>,
}

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
    } = request;
    let (store, validators) = {
        let feeds = feeds.clone();
        blocking(move || {
            let mut store = Store::open(&data_dir)?;
            store.sync_feeds(&feeds)?;
            let validators = feeds
                .iter()
                .map(|f| store.validators(f.url.as_str()))
                .collect::<Result<Vec<_>, _>>()?;
            Ok((store, validators))
        })
        .await?
    };
    let (sender, receiver) = std::sync::mpsc::channel::<Job>();
    let writer = tokio::task::spawn_blocking(move || write_serially(store, receiver, on_feed));
    let jobs = feeds.into_iter().zip(validators).map(|(feed, validators)| {
        let fetcher = fetcher.clone();
        async move {
            let result = download(&fetcher, &feed, &validators).await;
            Job { feed, result }
        }
    });
    let mut results = futures_util::stream::iter(jobs).buffer_unordered(concurrency.max(1));
    while let Some(job) = results.next().await {
        if sender.send(job).is_err() {
            break; // The writer stopped on a cache error; it reports that below.
        }
    }
    drop(sender);
    let (store, mut summary) = writer
        .await
        .unwrap_or_else(|e| Err(StoreError::Worker(e.to_string())))?;
    if let Some(settings) = pages {
        summary.pages = pages::fetch_due(store, &fetcher, settings).await?;
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
    validators: &Validators,
) -> Result<Downloaded, String> {
    let fetched = match fetcher
        .fetch(&feed.url, validators)
        .await
        .map_err(|e| e.to_string())?
    {
        FetchOutcome::NotModified => return Ok(Downloaded::NotModified),
        FetchOutcome::Fetched(fetched) => fetched,
    };
    let topics = feed.topics.clone();
    tokio::task::spawn_blocking(move || {
        let source = Source {
            url: Some(&fetched.final_url),
            content_type: fetched.content_type.as_deref(),
            topics: &topics,
        };
        let parsed = parse::parse_feed(&fetched.body, source).map_err(|e| e.to_string())?;
        Ok(Downloaded::Parsed {
            articles: parsed.articles,
            validators: fetched.validators,
        })
    })
    .await
    .unwrap_or_else(|e| Err(format!("parser crashed: {e}")))
}

/// The single writer: one connection, one transaction per feed.
fn write_serially<F: FnMut(FeedReport)>(
    mut store: Store,
    jobs: std::sync::mpsc::Receiver<Job>,
    mut on_feed: F,
) -> Result<(Store, Summary), StoreError> {
    let mut summary = Summary::default();
    for Job { feed, result } in jobs {
        let now = Utc::now();
        let url = feed.url.as_str();
        let outcome = match result {
            Ok(Downloaded::NotModified) => {
                store.record_not_modified(url, now)?;
                Ok(FeedChange::NotModified)
            }
            Ok(Downloaded::Parsed {
                articles,
                validators,
            }) => {
                let counts = store.store_articles(url, &articles, &validators, now)?;
                summary.new += counts.new;
                summary.updated += counts.updated;
                Ok(FeedChange::Stored(counts))
            }
            Err(reason) => {
                store.record_error(url, &reason, now)?;
                summary.failed += 1;
                Err(reason)
            }
        };
        summary.feeds += 1;
        on_feed(FeedReport {
            name: feed.name,
            outcome,
        });
    }
    Ok((store, summary))
}
