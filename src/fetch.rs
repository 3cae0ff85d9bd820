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

use crate::model::reason::{FileProblem, NetCause};
use crate::model::{Reason, Validators};

/// Limits and identity for every request.
#[derive(Debug, Clone)]
pub struct FetchSettings {
    pub timeout: Duration,
    pub connect_timeout: Duration,
    pub max_bytes: u64,
    pub user_agent: String,
    pub per_host: usize,
}

/// Why a download failed: the crate's one `Reason` for feeds and pages (worded by `i18n`).
pub type FetchError = Reason;

/// A successful download.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FetchOutcome {
    /// HTTP 304: the feed is unchanged since the validators were stored.
    NotModified,
    /// Boxed: a body with its URLs is much larger than the other answer.
    Fetched(Box<Fetched>),
}

/// A downloaded body with what the parser and the next conditional GET need.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fetched {
    pub body: Vec<u8>,
    pub content_type: Option<String>,
    pub validators: Validators,
    /// Where the body came from after redirects, to resolve relative links.
    pub final_url: Url,
    /// Where the feed lives now, when every redirect on the way was permanent (301, 308):
    /// the address to ask next time.
    pub moved_to: Option<Url>,
}

/// The shared HTTP client plus per-host politeness.
#[derive(Clone)]
pub struct Fetcher {
    /// Follows no redirect itself: each hop is checked (and, for feeds, whether the move is
    /// permanent). Keeps cookies for the run: some sites set one with a redirect and serve
    /// the feed only to a client that sends it back (the Bundesgesetzblatt's balancer).
    client: reqwest::Client,
    settings: Arc<FetchSettings>,
    hosts: Arc<Mutex<HashMap<String, Arc<Semaphore>>>>,
}

const MAX_REDIRECTS: usize = 5;

/// A size cap and the setting that sets it, for the error.
#[derive(Debug, Clone, Copy)]
struct Cap {
    limit: u64,
    setting: &'static str,
}

impl Cap {
    fn feed(limit: u64) -> Self {
        Self {
            limit,
            setting: "max_feed_bytes",
        }
    }
    fn page(limit: u64) -> Self {
        Self {
            limit,
            setting: "max_page_bytes",
        }
    }
    fn exceeded(self) -> Reason {
        Reason::TooLarge {
            limit: self.limit,
            setting: self.setting.to_owned(),
        }
    }
}

impl Fetcher {
    pub fn new(settings: FetchSettings) -> Result<Self, FetchError> {
        let client = reqwest::Client::builder()
            .user_agent(settings.user_agent.clone())
            .timeout(settings.timeout)
            .connect_timeout(settings.connect_timeout)
            .gzip(true)
            .brotli(true)
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| Reason::NoConnection {
                host: String::new(),
                cause: NetCause::Other(one_line(&e)),
            })?;
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
        self.fetch_limited(url, validators, Cap::feed(self.settings.max_bytes))
            .await
    }

    /// Downloads an article page: http(s) only, bodies over `max_bytes` fail. Unless
    /// `allow_local` (the feed is on the local network itself), a link or a redirect to a
    /// loopback, private, link-local or unique-local address is refused: a feed from the
    /// internet must not make amtsfeed send requests to the user's router or other services.
    pub async fn fetch_page(
        &self,
        url: &Url,
        validators: &Validators,
        max_bytes: u64,
        allow_local: bool,
    ) -> Result<FetchOutcome, FetchError> {
        let timeout_secs = self.settings.timeout.as_secs();
        tokio::time::timeout(
            self.settings.timeout,
            self.fetch_page_hops(url, validators, Cap::page(max_bytes), allow_local),
        )
        .await
        .unwrap_or(Err(Reason::Timeout { secs: timeout_secs }))
    }

    /// Follows up to [`MAX_REDIRECTS`] redirects by hand, checking every hop.
    async fn fetch_page_hops(
        &self,
        url: &Url,
        validators: &Validators,
        cap: Cap,
        allow_local: bool,
    ) -> Result<FetchOutcome, FetchError> {
        let mut current = url.clone();
        for _ in 0..=MAX_REDIRECTS {
            if !matches!(current.scheme(), "http" | "https") {
                return Err(Reason::UnsupportedScheme {
                    scheme: current.scheme().to_owned(),
                });
            }
            if !allow_local {
                if let Some(address) = local_address(&current).await {
                    return Err(Reason::LocalAddress { address });
                }
            }
            let _permit = self.host_permit(&current).await;
            let response = self.send(&self.client, &current, validators).await?;
            let status = response.status();
            if status.is_redirection() && status != StatusCode::NOT_MODIFIED {
                current = redirect_target(&response, &current)?;
                continue;
            }
            return self.read_response(response, cap).await;
        }
        Err(Reason::TooManyRedirects { max: MAX_REDIRECTS })
    }

    async fn fetch_limited(
        &self,
        url: &Url,
        validators: &Validators,
        cap: Cap,
    ) -> Result<FetchOutcome, FetchError> {
        if !matches!(url.scheme(), "http" | "https") {
            return Err(Reason::UnsupportedScheme {
                scheme: url.scheme().to_owned(),
            });
        }
        // Waiting for the host's turn is not part of the timeout.
        let first_turn = self.host_permit(url).await;
        let timeout_secs = self.settings.timeout.as_secs();
        // The client's timeout covers one exchange; this one the hops and the body.
        tokio::time::timeout(
            self.settings.timeout,
            self.fetch_http(url, validators, cap, first_turn),
        )
        .await
        .unwrap_or(Err(Reason::Timeout { secs: timeout_secs }))
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

    /// A feed over up to [`MAX_REDIRECTS`] http(s) redirects, noting whether all of them
    /// were permanent (then the feed has moved, and `moved_to` says where).
    async fn fetch_http(
        &self,
        url: &Url,
        validators: &Validators,
        cap: Cap,
        first_turn: Option<tokio::sync::OwnedSemaphorePermit>,
    ) -> Result<FetchOutcome, FetchError> {
        let mut current = url.clone();
        let mut permanent = true;
        let mut turn = first_turn;
        for _ in 0..=MAX_REDIRECTS {
            // Requests per host are limited, a body's reading included.
            let _permit = match turn.take() {
                Some(permit) => Some(permit),
                None => self.host_permit(&current).await,
            };
            let response = self.send(&self.client, &current, validators).await?;
            let status = response.status();
            if status.is_redirection() && status != StatusCode::NOT_MODIFIED {
                permanent &= matches!(
                    status,
                    StatusCode::MOVED_PERMANENTLY | StatusCode::PERMANENT_REDIRECT
                );
                current = redirect_target(&response, &current)?;
                continue;
            }
            let mut outcome = self.read_response(response, cap).await?;
            if let FetchOutcome::Fetched(fetched) = &mut outcome {
                fetched.moved_to = (permanent && current != *url).then_some(current);
            }
            return Ok(outcome);
        }
        Err(Reason::TooManyRedirects { max: MAX_REDIRECTS })
    }

    /// Sends a GET with the validators for a conditional request.
    async fn send(
        &self,
        client: &reqwest::Client,
        url: &Url,
        validators: &Validators,
    ) -> Result<reqwest::Response, FetchError> {
        let mut request = client.get(url.clone());
        if let Some(etag) = &validators.etag {
            request = request.header(IF_NONE_MATCH, etag);
        }
        if let Some(modified) = &validators.last_modified {
            request = request.header(IF_MODIFIED_SINCE, modified);
        }
        request.send().await.map_err(|e| self.classify(e))
    }

    /// The body of a final (non-redirect) response, within the cap.
    async fn read_response(
        &self,
        mut response: reqwest::Response,
        cap: Cap,
    ) -> Result<FetchOutcome, FetchError> {
        let status = response.status();
        if status == StatusCode::NOT_MODIFIED {
            return Ok(FetchOutcome::NotModified);
        }
        if !status.is_success() {
            return Err(Reason::Http {
                status: status.as_u16(),
                retry_after: retry_after(response.headers()),
            });
        }
        if response.content_length().is_some_and(|len| len > cap.limit) {
            return Err(cap.exceeded());
        }
        let headers = response.headers().clone();
        let final_url = response.url().clone();
        let mut body = Vec::new();
        while let Some(chunk) = response.chunk().await.map_err(|e| self.classify(e))? {
            if (body.len() + chunk.len()) as u64 > cap.limit {
                return Err(cap.exceeded());
            }
            body.extend_from_slice(&chunk);
        }
        Ok(FetchOutcome::Fetched(Box::new(Fetched {
            body,
            content_type: header_string(&headers, CONTENT_TYPE),
            validators: Validators {
                etag: header_string(&headers, ETAG),
                last_modified: header_string(&headers, LAST_MODIFIED),
            },
            final_url,
            moved_to: None,
        })))
    }

    /// Sorts a reqwest error; the URL is dropped from the text as it may hold credentials.
    fn classify(&self, error: reqwest::Error) -> FetchError {
        let host = error
            .url()
            .and_then(|u| u.host_str())
            .map(str::to_owned)
            .unwrap_or_else(|| "the server".into());
        let error = error.without_url();
        if error.is_timeout() {
            Reason::Timeout {
                secs: self.settings.timeout.as_secs(),
            }
        } else if error.is_redirect() {
            Reason::Redirect {
                detail: one_line(&error),
            }
        } else {
            let chain = one_line(&error);
            tracing::debug!(host = %host, error = %chain, "network error");
            network_reason(&chain, &host)
        }
    }

    async fn read_file(&self, url: &Url) -> Result<FetchOutcome, FetchError> {
        let path = url.to_file_path().map_err(|()| Reason::File {
            path: url.to_string(),
            problem: FileProblem::NotALocalPath,
        })?;
        let shown = path.display().to_string();
        let file_error = |e: std::io::Error| Reason::File {
            path: shown.clone(),
            problem: FileProblem::from_io(&e),
        };
        // Only regular files: a device (`/dev/zero`) never ends, a FIFO may never answer.
        let metadata = tokio::fs::metadata(&path).await.map_err(file_error)?;
        if !metadata.is_file() {
            return Err(Reason::File {
                path: shown,
                problem: FileProblem::NotARegularFile,
            });
        }
        let cap = Cap::feed(self.settings.max_bytes);
        if metadata.len() > cap.limit {
            return Err(cap.exceeded());
        }
        // The file may grow between the check and the read: the cap holds while reading too,
        // and a file on a hung network mount meets the same timeout as a server.
        let read = async {
            use tokio::io::AsyncReadExt;
            let file = tokio::fs::File::open(&path).await?;
            let mut body = Vec::new();
            file.take(cap.limit + 1).read_to_end(&mut body).await?;
            Ok::<_, std::io::Error>(body)
        };
        let body = tokio::time::timeout(self.settings.timeout, read)
            .await
            .map_err(|_| Reason::Timeout {
                secs: self.settings.timeout.as_secs(),
            })?
            .map_err(file_error)?;
        if body.len() as u64 > cap.limit {
            return Err(cap.exceeded());
        }
        Ok(FetchOutcome::Fetched(Box::new(Fetched {
            body,
            content_type: None,
            validators: Validators::default(),
            final_url: url.clone(),
            moved_to: None,
        })))
    }
}

/// Where a redirect points, resolved against the URL that answered; only http(s).
fn redirect_target(response: &reqwest::Response, from: &Url) -> Result<Url, FetchError> {
    let status = response.status().as_u16();
    let location = response
        .headers()
        .get(reqwest::header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|l| from.join(l.trim()).ok())
        .ok_or(Reason::RedirectWithoutLocation { status })?;
    if matches!(location.scheme(), "http" | "https") {
        Ok(location)
    } else {
        Err(Reason::RedirectNotHttp {
            scheme: location.scheme().to_owned(),
        })
    }
}

/// The local network address that `url` points to, if it does: a literal address in a
/// local range, `localhost`, or a name that resolves to such an address. Behind a proxy,
/// names are the proxy's to resolve, so only literals are checked. A name that cannot be
/// resolved is left to the request, which then fails as usual.
pub async fn local_address(url: &Url) -> Option<String> {
    match url.host()? {
        url::Host::Ipv4(ip) => is_local_ip(ip.into()).then(|| ip.to_string()),
        url::Host::Ipv6(ip) => is_local_ip(ip.into()).then(|| ip.to_string()),
        url::Host::Domain(name) => {
            let name = name.trim_end_matches('.').to_ascii_lowercase();
            if name == "localhost" || name.ends_with(".localhost") {
                return Some(name);
            }
            if proxy_configured(url.scheme(), |name| std::env::var_os(name)) {
                return None;
            }
            let port = url.port_or_known_default().unwrap_or(80);
            let addresses: Vec<std::net::IpAddr> = tokio::net::lookup_host((name.as_str(), port))
                .await
                .ok()?
                .map(|a| a.ip())
                .collect();
            let local = addresses.into_iter().find(|ip| is_local_ip(*ip))?;
            Some(format!("{name} ({local})"))
        }
    }
}

/// Whether the proxy environment variables (read through `var`) send `scheme` requests
/// through a proxy.
fn proxy_configured(scheme: &str, var: impl Fn(&str) -> Option<std::ffi::OsString>) -> bool {
    let names: &[&str] = match scheme {
        "https" => &["https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"],
        _ => &["http_proxy", "HTTP_PROXY", "all_proxy", "ALL_PROXY"],
    };
    names.iter().any(|n| var(n).is_some_and(|v| !v.is_empty()))
}

/// Loopback, private (RFC 1918), shared (100.64/10), link-local, unique-local (fc00::/7),
/// unspecified and broadcast addresses, also as IPv4-mapped IPv6.
pub fn is_local_ip(ip: std::net::IpAddr) -> bool {
    match ip {
        std::net::IpAddr::V4(v4) => {
            let [a, b, ..] = v4.octets();
            v4.is_loopback()
                || v4.is_private()
                || v4.is_link_local()
                || v4.is_unspecified()
                || v4.is_broadcast()
                || (a == 100 && (64..128).contains(&b))
        }
        std::net::IpAddr::V6(v6) => {
            if let Some(v4) = v6.to_ipv4_mapped() {
                return is_local_ip(v4.into());
            }
            let first = v6.segments()[0];
            v6.is_loopback()
                || v6.is_unspecified()
                || (first & 0xfe00) == 0xfc00
                || (first & 0xffc0) == 0xfe80
        }
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
/// A reqwest/hyper error chain ("error sending request: client error (Connect): dns error:
/// failed to lookup address information: …") as one sentence a reader understands; the chain
/// itself goes to the log.
fn network_reason(chain: &str, host: &str) -> Reason {
    let lower = chain.to_lowercase();
    let has = |needles: &[&str]| needles.iter().any(|n| lower.contains(n));
    let host = host.to_owned();
    // The innermost cause says the most; the wrappers ("error sending request") nothing.
    let detail = || chain.rsplit(": ").next().unwrap_or(chain).to_owned();
    let cause = if has(&[
        "dns error",
        "failed to lookup address",
        "name or service not known",
        "no address associated",
        "nodename nor servname",
    ]) {
        NetCause::NameNotResolved
    } else if has(&["connection refused"]) {
        NetCause::Refused
    } else if has(&["network is unreachable", "no route to host"]) {
        NetCause::Unreachable
    } else if has(&["connection reset", "broken pipe", "connection closed"]) {
        return Reason::ConnectionClosed { host };
    } else if has(&["certificate", "tls", "handshake"]) {
        return Reason::NoSecureConnection {
            host,
            detail: detail(),
        };
    } else {
        NetCause::Other(detail())
    };
    Reason::NoConnection { host, cause }
}

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

#[cfg(test)]
mod network_reason_tests {
    use super::network_reason;

    #[test]
    fn library_chains_become_one_sentence() {
        let dns = "error sending request: client error (Connect): dns error: failed to lookup address information: Name or service not known";
        assert_eq!(
            network_reason(dns, "www.bmi.bund.de").to_string(),
            "no connection to www.bmi.bund.de: the name does not resolve (offline?)"
        );
        assert_eq!(
            network_reason("error sending request: client error (Connect): tcp connect error: Connection refused (os error 111)", "127.0.0.1").to_string(),
            "no connection to 127.0.0.1: connection refused"
        );
        assert_eq!(
            network_reason("error sending request: client error (Connect): invalid peer certificate: UnknownIssuer", "x.example").to_string(),
            "no secure connection to x.example: UnknownIssuer"
        );
        assert!(!network_reason("error sending request: something new", "h")
            .to_string()
            .contains("error sending request"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_ranges_are_recognised_and_public_ones_are_not() {
        for local in [
            "127.0.0.2",
            "10.1.2.3",
            "172.16.0.1",
            "172.31.255.255",
            "192.168.178.1",
            "169.254.169.254",
            "100.64.0.1",
            "0.0.0.0",
            "255.255.255.255",
            "::1",
            "::",
            "fd00::1",
            "fc00::1",
            "fe80::1",
            "::ffff:192.168.0.1",
        ] {
            assert!(is_local_ip(local.parse().expect("ip")), "{local}");
        }
        for public in [
            "8.8.8.8",
            "172.32.0.1",
            "100.128.0.1",
            "192.169.0.1",
            "2a00:1450::1",
            "::ffff:8.8.8.8",
        ] {
            assert!(!is_local_ip(public.parse().expect("ip")), "{public}");
        }
    }

    #[test]
    fn a_proxy_is_configured_per_scheme() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                pairs
                    .iter()
                    .find(|(n, _)| *n == name)
                    .map(|(_, v)| std::ffi::OsString::from(v))
            }
        };
        assert!(proxy_configured(
            "http",
            env(&[("http_proxy", "http://p:3128")])
        ));
        assert!(!proxy_configured(
            "https",
            env(&[("http_proxy", "http://p:3128")])
        ));
        assert!(proxy_configured(
            "https",
            env(&[("HTTPS_PROXY", "http://p:3128")])
        ));
        assert!(!proxy_configured(
            "http",
            env(&[("HTTPS_PROXY", "http://p:3128")])
        ));
        assert!(proxy_configured(
            "https",
            env(&[("all_proxy", "socks5://p")])
        ));
        assert!(!proxy_configured("http", env(&[("http_proxy", "")])));
        assert!(!proxy_configured("http", env(&[])));
    }

    fn fetcher(max_bytes: u64) -> Fetcher {
        Fetcher::new(FetchSettings {
            timeout: Duration::from_secs(5),
            connect_timeout: Duration::from_secs(5),
            max_bytes,
            user_agent: "test".into(),
            per_host: 1,
        })
        .expect("fetcher")
    }

    fn file_url(path: &std::path::Path) -> Url {
        Url::from_file_path(path).expect("file url")
    }

    #[tokio::test]
    async fn local_files_are_read_whole_up_to_the_cap_and_only_when_regular() {
        let dir = tempfile::tempdir().expect("dir");
        let exact = dir.path().join("genau.xml");
        std::fs::write(&exact, vec![b'a'; 100]).expect("write");
        let read = fetcher(100)
            .fetch(&file_url(&exact), &Validators::default())
            .await;
        match read {
            Ok(FetchOutcome::Fetched(f)) => assert_eq!(f.body.len(), 100, "the cap itself is fine"),
            other => panic!("{other:?}"),
        }
        let small = dir.path().join("klein.xml");
        std::fs::write(&small, b"<rss/>").expect("write");
        let read = fetcher(100)
            .fetch(&file_url(&small), &Validators::default())
            .await;
        assert!(
            matches!(&read, Ok(FetchOutcome::Fetched(f)) if f.body == b"<rss/>"),
            "{read:?}"
        );
        assert_eq!(
            fetcher(99)
                .fetch(&file_url(&exact), &Validators::default())
                .await,
            Err(FetchError::TooLarge {
                limit: 99,
                setting: "max_feed_bytes".into()
            })
        );
        let device = fetcher(100)
            .fetch(
                &file_url(std::path::Path::new("/dev/zero")),
                &Validators::default(),
            )
            .await;
        assert!(
            matches!(
                &device,
                Err(Reason::File {
                    problem: FileProblem::NotARegularFile,
                    ..
                })
            ),
            "{device:?}"
        );
    }

    /// Files under /proc report a size of 0 and have content: the cap holds while reading,
    /// not only against the reported size.
    #[cfg(target_os = "linux")]
    #[tokio::test]
    async fn a_file_larger_than_its_reported_size_is_still_capped() {
        let status = std::path::Path::new("/proc/self/status");
        assert_eq!(std::fs::metadata(status).expect("proc").len(), 0);
        assert_eq!(
            fetcher(100)
                .fetch(&file_url(status), &Validators::default())
                .await,
            Err(FetchError::TooLarge {
                limit: 100,
                setting: "max_feed_bytes".into()
            })
        );
    }

    #[tokio::test]
    async fn localhost_names_and_literals_are_local_addresses() {
        let url = |s: &str| Url::parse(s).expect("url");
        assert_eq!(
            local_address(&url("http://LOCALHOST./x")).await.as_deref(),
            Some("localhost")
        );
        assert_eq!(
            local_address(&url("http://api.localhost/x"))
                .await
                .as_deref(),
            Some("api.localhost")
        );
        assert_eq!(
            local_address(&url("http://[::1]:8080/")).await.as_deref(),
            Some("::1")
        );
        assert_eq!(local_address(&url("https://93.184.216.34/")).await, None);
    }
}
