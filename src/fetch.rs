//! Downloading feeds politely: one shared client with timeouts, a size cap enforced while
//! streaming (after decompression), at most 5 http(s) redirects, conditional GET, and a
//! per-host limit. Local files (paths, `file://`) work too. Network only; no parsing.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use reqwest::header::{
    HeaderMap, CONTENT_TYPE, ETAG, IF_MODIFIED_SINCE, IF_NONE_MATCH, LAST_MODIFIED, RETRY_AFTER,
};
use reqwest::StatusCode;
use tokio::sync::Semaphore;
use url::Url;

use crate::model::Validators;

/// Limits and identity for every request.
#[derive(Debug, Clone)]
pub struct FetchSettings {
    pub timeout: Duration,
    pub connect_timeout: Duration,
    pub max_bytes: u64,
    pub user_agent: String,
    pub per_host: usize,
}

impl FetchSettings {
    /// The fetch part of the configuration.
    pub fn from_config(config: &crate::config::Config) -> Self {
        Self {
            timeout: config.timeout,
            connect_timeout: config.connect_timeout,
            max_bytes: config.max_feed_bytes,
            user_agent: config.user_agent.clone(),
            per_host: config.per_host_concurrency,
        }
    }
}

/// Why a download failed; the `Display` is the one-line reason users see.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FetchError {
    #[error("HTTP {status}{}", retry_after.map(|s| format!(" (retry after {s} s)")).unwrap_or_default())]
    Status {
        status: u16,
        retry_after: Option<u64>,
    },
    #[error("timed out after {0} s")]
    Timeout(u64),
    #[error("response larger than the {limit}-byte limit (max_feed_bytes)")]
    TooLarge { limit: u64 },
    #[error("{0}")]
    Redirect(String),
    #[error("{0}")]
    Network(String),
    #[error("cannot read {path}: {reason}")]
    File { path: String, reason: String },
    #[error("unsupported URL scheme '{0}'")]
    Scheme(String),
}

/// A successful download.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FetchOutcome {
    /// HTTP 304: the feed is unchanged since the validators were stored.
    NotModified,
    Fetched(Fetched),
}

/// A downloaded body with what the parser and the next conditional GET need.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fetched {
    pub body: Vec<u8>,
    pub content_type: Option<String>,
    pub validators: Validators,
    /// Where the body came from after redirects, to resolve relative links.
    pub final_url: Url,
}

/// The shared HTTP client plus per-host politeness.
#[derive(Clone)]
pub struct Fetcher {
    client: reqwest::Client,
    settings: Arc<FetchSettings>,
    hosts: Arc<Mutex<HashMap<String, Arc<Semaphore>>>>,
}

const MAX_REDIRECTS: usize = 5;

impl Fetcher {
    pub fn new(settings: FetchSettings) -> Result<Self, FetchError> {
        let redirect = reqwest::redirect::Policy::custom(|attempt| {
            if attempt.previous().len() >= MAX_REDIRECTS {
                attempt.error(format!("more than {MAX_REDIRECTS} redirects"))
            } else if !matches!(attempt.url().scheme(), "http" | "https") {
                let scheme = attempt.url().scheme().to_owned();
                attempt.error(format!("redirect to a non-http URL ({scheme}:)"))
            } else {
                attempt.follow()
            }
        });
        let client = reqwest::Client::builder()
            .user_agent(settings.user_agent.clone())
            .timeout(settings.timeout)
            .connect_timeout(settings.connect_timeout)
            .redirect(redirect)
            .gzip(true)
            .brotli(true)
            .build()
            .map_err(|e| FetchError::Network(one_line(&e)))?;
        Ok(Self {
            client,
            settings: Arc::new(settings),
            hosts: Arc::default(),
        })
    }

    /// Downloads a feed (http, https or a local file), sending the validators for a
    /// conditional GET; bodies over `max_feed_bytes` fail.
    pub async fn fetch(
        &self,
        url: &Url,
        validators: &Validators,
    ) -> Result<FetchOutcome, FetchError> {
        if url.scheme() == "file" {
            return self.read_file(url).await;
        }
        self.fetch_limited(url, validators, self.settings.max_bytes)
            .await
    }

    /// Downloads an article page: http(s) only, bodies over `max_bytes` fail.
    pub async fn fetch_page(
        &self,
        url: &Url,
        validators: &Validators,
        max_bytes: u64,
    ) -> Result<FetchOutcome, FetchError> {
        self.fetch_limited(url, validators, max_bytes).await
    }

    async fn fetch_limited(
        &self,
        url: &Url,
        validators: &Validators,
        limit: u64,
    ) -> Result<FetchOutcome, FetchError> {
        if !matches!(url.scheme(), "http" | "https") {
            return Err(FetchError::Scheme(url.scheme().to_owned()));
        }
        let _permit = self.host_permit(url).await;
        let timeout_secs = self.settings.timeout.as_secs();
        // The client's timeout covers the whole exchange; this one also covers the body.
        tokio::time::timeout(
            self.settings.timeout,
            self.fetch_http(url, validators, limit),
        )
        .await
        .unwrap_or(Err(FetchError::Timeout(timeout_secs)))
    }

    async fn host_permit(&self, url: &Url) -> Option<tokio::sync::OwnedSemaphorePermit> {
        let key = format!(
            "{}:{}",
            url.host_str().unwrap_or(""),
            url.port_or_known_default().unwrap_or(0)
        );
        let semaphore = {
            let mut hosts = self
                .hosts
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            Arc::clone(
                hosts
                    .entry(key)
                    .or_insert_with(|| Arc::new(Semaphore::new(self.settings.per_host.max(1)))),
            )
        };
        semaphore.acquire_owned().await.ok()
    }

    async fn fetch_http(
        &self,
        url: &Url,
        validators: &Validators,
        limit: u64,
    ) -> Result<FetchOutcome, FetchError> {
        let mut request = self.client.get(url.clone());
        if let Some(etag) = &validators.etag {
            request = request.header(IF_NONE_MATCH, etag);
        }
        if let Some(modified) = &validators.last_modified {
            request = request.header(IF_MODIFIED_SINCE, modified);
        }
        let mut response = request.send().await.map_err(|e| self.classify(e))?;
        let status = response.status();
        if status == StatusCode::NOT_MODIFIED {
            return Ok(FetchOutcome::NotModified);
        }
        if status.is_redirection() {
            // A redirect the client did not follow: its target was not an http(s) URL.
            let target = response
                .headers()
                .get(reqwest::header::LOCATION)
                .and_then(|v| v.to_str().ok());
            let scheme = target
                .and_then(|t| Url::parse(t).ok())
                .map(|u| u.scheme().to_owned());
            return Err(FetchError::Redirect(match scheme {
                Some(scheme) => format!("redirect to a non-http URL ({scheme}:)"),
                None => format!("HTTP {} without a usable Location", status.as_u16()),
            }));
        }
        if !status.is_success() {
            return Err(FetchError::Status {
                status: status.as_u16(),
                retry_after: retry_after(response.headers()),
            });
        }
        if response.content_length().is_some_and(|len| len > limit) {
            return Err(FetchError::TooLarge { limit });
        }
        let headers = response.headers().clone();
        let final_url = response.url().clone();
        let mut body = Vec::new();
        while let Some(chunk) = response.chunk().await.map_err(|e| self.classify(e))? {
            if (body.len() + chunk.len()) as u64 > limit {
                return Err(FetchError::TooLarge { limit });
            }
            body.extend_from_slice(&chunk);
        }
        Ok(FetchOutcome::Fetched(Fetched {
            body,
            content_type: header_string(&headers, CONTENT_TYPE),
            validators: Validators {
                etag: header_string(&headers, ETAG),
                last_modified: header_string(&headers, LAST_MODIFIED),
            },
            final_url,
        }))
    }

    /// Sorts a reqwest error; the URL is dropped from the text as it may hold credentials.
    fn classify(&self, error: reqwest::Error) -> FetchError {
        let error = error.without_url();
        if error.is_timeout() {
            FetchError::Timeout(self.settings.timeout.as_secs())
        } else if error.is_redirect() {
            FetchError::Redirect(one_line(&error))
        } else {
            FetchError::Network(one_line(&error))
        }
    }

    async fn read_file(&self, url: &Url) -> Result<FetchOutcome, FetchError> {
        let path = url.to_file_path().map_err(|()| FetchError::File {
            path: url.to_string(),
            reason: "not a local path".into(),
        })?;
        let shown = path.display().to_string();
        let file_error = |e: std::io::Error| FetchError::File {
            path: shown.clone(),
            reason: e.to_string(),
        };
        let len = tokio::fs::metadata(&path).await.map_err(file_error)?.len();
        let limit = self.settings.max_bytes;
        if len > limit {
            return Err(FetchError::TooLarge { limit });
        }
        let body = tokio::fs::read(&path).await.map_err(file_error)?;
        Ok(FetchOutcome::Fetched(Fetched {
            body,
            content_type: None,
            validators: Validators::default(),
            final_url: url.clone(),
        }))
    }
}

fn header_string(headers: &HeaderMap, name: reqwest::header::HeaderName) -> Option<String> {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(|s| crate::text::sanitize(s).into_owned())
}

/// `Retry-After` in seconds (only the delta form; dates are rare and treated as absent).
fn retry_after(headers: &HeaderMap) -> Option<u64> {
    headers.get(RETRY_AFTER)?.to_str().ok()?.trim().parse().ok()
}

/// An error and its causes on one line.
fn one_line(error: &(dyn std::error::Error + 'static)) -> String {
    let mut parts = vec![error.to_string()];
    let mut source = error.source();
    while let Some(cause) = source {
        let text = cause.to_string();
        if !parts.iter().any(|p| p.contains(&text)) {
            parts.push(text);
        }
        source = cause.source();
    }
    let joined = parts.join(": ");
    crate::text::collapse_whitespace(&crate::text::sanitize(&joined))
}
