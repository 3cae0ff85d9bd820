//! After the feeds: fetch the article pages of new and changed articles for their full text.
//! Politely: each host one page at a time with a pause between pages, a few hosts at once,
//! `Retry-After` on 429/503 honoured by leaving that host alone for the rest of the run.

use std::collections::{BTreeMap, HashSet};
use std::time::Duration;

use chrono::Utc;
use futures_util::StreamExt;
use url::Url;

use super::blocking;
use crate::config::Config;
use crate::extract;
use crate::fetch::{local_address, FetchOutcome, Fetcher};
use crate::model::ArticleId;
use crate::model::Reason;
use crate::store::{PageJob, PageOutcome, Store, StoreError};

/// At most this many pages per refresh; the rest follow on the next one.
const PAGES_PER_RUN: usize = 300;

/// How pages are fetched.
#[derive(Debug, Clone)]
pub struct PageSettings {
    /// Feeds (URLs) whose articles get their pages fetched.
    pub feed_urls: Vec<String>,
    pub concurrency: usize,
    pub delay: Duration,
    pub max_bytes: u64,
    /// Check the pages read before now (`fetch --check-pages`), not only once a day.
    pub recheck_now: bool,
}

impl PageSettings {
    pub fn from_config(config: &Config, feed_urls: Vec<String>) -> Self {
        Self {
            feed_urls,
            concurrency: config.page_concurrency,
            delay: config.page_delay,
            max_bytes: config.max_page_bytes,
            recheck_now: false,
        }
    }
}

pub use crate::model::PageSummary;

/// Fetches the due pages and stores what they give, one writer, one transaction per page.
pub(super) async fn fetch_due(
    store: Store,
    fetcher: &Fetcher,
    settings: PageSettings,
) -> Result<PageSummary, StoreError> {
    let feed_urls = settings.feed_urls.clone();
    let recheck_every = if settings.recheck_now {
        0
    } else {
        crate::store::RECHECK_SECS
    };
    let (store, jobs) = blocking(move || {
        let jobs =
            store.pages_due_checking(&feed_urls, Utc::now(), PAGES_PER_RUN, recheck_every)?;
        Ok((store, jobs))
    })
    .await?;
    let mut by_host: BTreeMap<String, Vec<PageJob>> = BTreeMap::new();
    for job in jobs {
        let host = Url::parse(&job.url)
            .ok()
            .and_then(|u| u.host_str().map(str::to_owned))
            .unwrap_or_default();
        by_host.entry(host).or_default().push(job);
    }
    // Which feeds are on the local network: once per feed, not once per page (a lookup).
    let mut local_feeds = HashSet::new();
    for feed in &settings.feed_urls {
        if feed_is_local(feed).await {
            local_feeds.insert(feed.clone());
        }
    }
    let (sender, receiver) = std::sync::mpsc::channel::<(ArticleId, PageOutcome)>();
    let writer = tokio::task::spawn_blocking(move || write_pages(store, receiver));
    let hosts = by_host.into_values().map(|jobs| {
        let sender = sender.clone();
        let (settings, local_feeds) = (&settings, &local_feeds);
        async move { fetch_host(fetcher, jobs, settings, local_feeds, &sender).await }
    });
    let deferred: usize = futures_util::stream::iter(hosts)
        .buffer_unordered(settings.concurrency.max(1))
        .collect::<Vec<_>>()
        .await
        .into_iter()
        .sum();
    drop(sender);
    let mut summary = writer
        .await
        .unwrap_or_else(|e| Err(StoreError::Worker(e.to_string())))?;
    summary.deferred = deferred;
    tracing::info!(
        fetched = summary.fetched,
        unchanged = summary.unchanged,
        failed = summary.failed,
        deferred = summary.deferred,
        "pages done"
    );
    Ok(summary)
}

/// One host's pages in order, pausing between them; returns how many were left for later.
async fn fetch_host(
    fetcher: &Fetcher,
    jobs: Vec<PageJob>,
    settings: &PageSettings,
    local_feeds: &HashSet<String>,
    results: &std::sync::mpsc::Sender<(ArticleId, PageOutcome)>,
) -> usize {
    let total = jobs.len();
    for (done, job) in jobs.into_iter().enumerate() {
        if done > 0 && !settings.delay.is_zero() {
            tokio::time::sleep(settings.delay).await;
        }
        let allow_local = local_feeds.contains(&job.feed_url);
        let (outcome, back_off) = fetch_page(fetcher, &job, settings.max_bytes, allow_local).await;
        if results.send((job.id, outcome)).is_err() || back_off {
            return total - done - 1;
        }
    }
    0
}

/// Whether a feed is on the local network itself (a user's own local feed), so that its
/// article pages may be there too. A file is on no network.
async fn feed_is_local(feed_url: &str) -> bool {
    match Url::parse(feed_url) {
        Ok(feed) => feed.scheme() != "file" && local_address(&feed).await.is_some(),
        Err(_) => false,
    }
}

/// Fetches and extracts one page; `allow_local` when its feed is on the local network. The
/// flag returned says to leave the host alone for this run (it asked to wait, 429/503, or
/// it cannot be reached).
pub async fn fetch_page(
    fetcher: &Fetcher,
    job: &PageJob,
    max_bytes: u64,
    allow_local: bool,
) -> (PageOutcome, bool) {
    let Ok(url) = Url::parse(&job.url) else {
        return (
            PageOutcome::Failed(Reason::InvalidLink {
                url: job.url.clone(),
            }),
            false,
        );
    };
    let fetched = match fetcher
        .fetch_page(&url, &job.validators, max_bytes, allow_local)
        .await
    {
        Ok(FetchOutcome::NotModified) => return (PageOutcome::NotModified, false),
        Ok(FetchOutcome::Fetched(fetched)) => fetched,
        Err(error) => {
            // The host asked us to wait, or cannot be reached at all: leave the rest of its
            // pages for a later refresh instead of trying each one.
            let back_off = error.backs_off_the_host();
            return (PageOutcome::Failed(error), back_off);
        }
    };
    // A page read before that now lands on another page (after a change of government,
    // old addresses lead to an overview) is gone; the overview is not its new text.
    if job.recheck && !same_page(&url, &fetched.final_url) {
        return (
            PageOutcome::Failed(Reason::RedirectedElsewhere {
                to: crate::text::sanitize(fetched.final_url.as_str()).into_owned(),
            }),
            false,
        );
    }
    if let Some(kind) = fetched.content_type.as_deref().filter(|ct| !is_html(ct)) {
        let kind = kind.split(';').next().unwrap_or(kind).trim().to_owned();
        return (
            PageOutcome::Failed(Reason::NotHtml { content_type: kind }),
            false,
        );
    }
    let outcome = tokio::task::spawn_blocking(move || {
        let html = extract::decode_html(&fetched.body, fetched.content_type.as_deref());
        let Some(extracted) =
            crate::text::catch_panic(|| extract::extract(&html, &fetched.final_url))
        else {
            return PageOutcome::Failed(Reason::PageUnparsable);
        };
        // Converted once, here: the emptiness test and the search index use the same text.
        let text = crate::text::html_to_plain(&extracted.content_html);
        if text.is_empty() {
            return PageOutcome::Failed(Reason::NoArticleText);
        }
        if let Some(notice) = extracted.error_page(&text) {
            // Served as a success, but an error page: the teaser stays instead.
            return PageOutcome::Failed(Reason::ErrorPage {
                notice: crate::text::sanitize(notice).into_owned(),
            });
        }
        PageOutcome::Extracted {
            extracted: Box::new(extracted),
            text,
            validators: fetched.validators,
        }
    })
    .await
    .unwrap_or_else(|e| {
        PageOutcome::Failed(Reason::ExtractionCrashed {
            detail: e.to_string(),
        })
    });
    (outcome, false)
}

/// Whether two addresses name the same page: the scheme, a leading `www.`, a session id
/// (`;jsessionid=…`) and a trailing slash aside.
fn same_page(a: &Url, b: &Url) -> bool {
    let key = |u: &Url| {
        let host = u
            .host_str()
            .unwrap_or("")
            .trim_start_matches("www.")
            .to_lowercase();
        let path = u
            .path()
            .split(';')
            .next()
            .unwrap_or("")
            .trim_end_matches('/')
            .to_owned();
        (host, path, u.query().map(str::to_owned))
    };
    key(a) == key(b)
}

fn is_html(content_type: &str) -> bool {
    let essence = content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    essence == "text/html" || essence == "application/xhtml+xml"
}

fn write_pages(
    mut store: Store,
    results: std::sync::mpsc::Receiver<(ArticleId, PageOutcome)>,
) -> Result<PageSummary, StoreError> {
    let mut summary = PageSummary::default();
    for (id, outcome) in results {
        match &outcome {
            PageOutcome::Extracted { .. } => {
                tracing::debug!(article = id.0, "page text extracted");
                summary.fetched += 1;
            }
            PageOutcome::NotModified => summary.unchanged += 1,
            PageOutcome::Failed(reason) => {
                tracing::info!(article = id.0, %reason, "page not usable");
                summary.failed += 1;
                if summary.failed_ids.len() < crate::model::MAX_FAILED_IDS {
                    summary.failed_ids.push(id.0);
                }
            }
        }
        store.store_page(id, &outcome, Utc::now())?;
    }
    Ok(summary)
}

/// Fetches one article's page now (the reader's "full text" key), whatever its state.
pub async fn fetch_one(
    data_dir: std::path::PathBuf,
    fetcher: &Fetcher,
    id: ArticleId,
    max_bytes: u64,
) -> Result<Result<(), Reason>, StoreError> {
    let (store, job) = blocking(move || {
        let store = Store::open(&data_dir)?;
        let job = store.page_job(id)?;
        Ok((store, job))
    })
    .await?;
    let Some(job) = job else {
        return Ok(Err(Reason::NoWebLink));
    };
    let allow_local = feed_is_local(&job.feed_url).await;
    let (outcome, _) = fetch_page(fetcher, &job, max_bytes, allow_local).await;
    let result = match &outcome {
        PageOutcome::Failed(reason) => Err(reason.clone()),
        _ => Ok(()),
    };
    blocking(move || {
        let mut store = store;
        store.store_page(id, &outcome, Utc::now())
    })
    .await?;
    Ok(result)
}

#[cfg(test)]
mod same_page_tests {
    use super::same_page;
    use url::Url;

    #[test]
    fn a_session_id_or_https_is_the_same_page_an_overview_is_not() {
        let u = |s: &str| Url::parse(s).expect("url");
        let page = u("http://www.bmi.bund.de/SharedDocs/pm/2021/12/x.html;jsessionid=AB12");
        assert!(same_page(
            &page,
            &u("https://bmi.bund.de/SharedDocs/pm/2021/12/x.html")
        ));
        assert!(same_page(&u("https://a.de/p/"), &u("https://a.de/p")));
        assert!(!same_page(
            &page,
            &u("https://www.bmi.bund.de/DE/startseite.html")
        ));
        assert!(!same_page(
            &u("https://a.de/p?id=1"),
            &u("https://a.de/p?id=2")
        ));
    }
}
