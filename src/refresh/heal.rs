//! Feeds that move: where a feed answers 404/410 or a web page, the site may say where it
//! went: the page's own `<link rel="alternate">`, else its home page's. A candidate that
//! answers as a feed is named in the failure with the one command that adopts it. Polite: at
//! most the home page and two candidates are asked, once per failed refresh of the feed.

use url::Url;

use crate::config::FeedConfig;
use crate::fetch::{FetchOutcome, Fetcher};
use crate::model::Validators;
use crate::parse::{self, Source};

/// Candidates asked at most.
const MAX_CANDIDATES: usize = 2;

/// `reason`, with the address the feed seems to have moved to and how to adopt it, if the
/// site names one that answers as a feed.
pub async fn with_candidate(
    fetcher: &Fetcher,
    feed: &FeedConfig,
    asked: &Url,
    page: Option<(String, Url)>,
    reason: crate::model::Reason,
) -> crate::model::Reason {
    match candidate(fetcher, asked, page).await {
        Some(found) => crate::model::Reason::MovedCandidate {
            reason: Box::new(reason),
            name: crate::text::clean_inline(&feed.name),
            url: found.to_string(),
        },
        None => reason,
    }
}

/// The first feed the page or the site's home page announces that is not the feed itself
/// and answers as a feed.
async fn candidate(fetcher: &Fetcher, asked: &Url, page: Option<(String, Url)>) -> Option<Url> {
    if !matches!(asked.scheme(), "http" | "https") {
        return None;
    }
    let mut candidates: Vec<Url> = Vec::new();
    if let Some((html, at)) = &page {
        candidates.extend(crate::extract::announced_feeds(html, at));
    }
    if candidates.iter().all(|c| c == asked) {
        let home = asked.join("/").ok()?;
        if let Ok(FetchOutcome::Fetched(fetched)) =
            fetcher.fetch(&home, &Validators::default()).await
        {
            let html = crate::extract::decode_html(&fetched.body, fetched.content_type.as_deref());
            candidates.extend(crate::extract::announced_feeds(&html, &fetched.final_url));
        }
    }
    candidates.dedup();
    for url in candidates
        .into_iter()
        .filter(|c| c != asked)
        .take(MAX_CANDIDATES)
    {
        if answers_as_feed(fetcher, &url).await {
            return Some(url);
        }
    }
    None
}

async fn answers_as_feed(fetcher: &Fetcher, url: &Url) -> bool {
    let Ok(FetchOutcome::Fetched(fetched)) = fetcher.fetch(url, &Validators::default()).await
    else {
        return false;
    };
    let source = Source {
        url: Some(&fetched.final_url),
        content_type: fetched.content_type.as_deref(),
        topics: &[],
    };
    parse::parse_feed(&fetched.body, source).is_ok()
}
