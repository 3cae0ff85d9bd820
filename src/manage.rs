//! Feed management shared by `amtsfeed add`/`remove` and the TUI's `a`: checking a new feed by
//! fetching it once, naming it, writing the user config (keeping its comments) and storing the
//! articles the check already downloaded, so the new feed is readable at once.

use std::path::Path;

use chrono::Utc;
use url::Url;

use crate::config::edit::{self, NewFeed};
use crate::config::{Config, FeedConfig};
use crate::fetch::{FetchOutcome, Fetcher};
use crate::model::reason::{AddNote, Claim, NotAdded, Refusal};
use crate::model::{Ministries, NewArticle, Reason, StoreCounts, Validators};
use crate::parse::{self, Source};
use crate::store::Store;

/// A feed that answered and parsed.
#[derive(Debug, Clone)]
pub struct Checked {
    /// The URL that answered as a feed: the one asked for, or the feed its page announces.
    pub url: Url,
    /// The feed's own title, cleaned for one line.
    pub title: Option<String>,
    pub articles: Vec<NewArticle>,
    pub validators: Validators,
    /// A press listing page read as a feed (it announces none but lists dated articles).
    pub listing: bool,
}

/// What `add` did.
#[derive(Debug, Clone, PartialEq)]
pub struct Added {
    /// The feed as it now stands in the config.
    pub feed: FeedConfig,
    /// Articles stored from the check (`None` with `--no-check`).
    pub stored: Option<StoreCounts>,
}

/// A feed to add, and why its name is not the feed's own title (when it is not).
#[derive(Debug, Clone, PartialEq)]
pub struct Named {
    pub feed: NewFeed,
    /// "'BMI' is a name of the ministry BMI, …: added as 'BMI (evil.example)'".
    pub renamed: Option<AddNote>,
}

/// The feed to add: named (the asked name, else the checked feed's title, else its host),
/// with cleaned topics and ministry, or one line saying why it is not added (its URL or
/// name is configured already, or the asked name claims a ministry the feed does not belong
/// to). A title that claims such a ministry is renamed after the feed's host, with the
/// reason. The line shows the URL without credentials.
#[allow(clippy::too_many_arguments)]
pub fn new_feed(
    config: &Config,
    url: &Url,
    asked_name: Option<&str>,
    title: Option<&str>,
    topics: &[String],
    ministry: Option<&str>,
    listing: bool,
) -> Result<Named, NotAdded> {
    let clean = |s: &str| Some(crate::text::clean_inline(s)).filter(|c| !c.is_empty());
    let ministry = ministry.and_then(clean);
    let mut name = choose_name(asked_name, title, url, config);
    let mut renamed = None;
    if let Some(claim) = false_claim(&name, url, ministry.as_deref(), &config.ministries) {
        if asked_name.is_some() {
            return Err(not_added(url, Refusal::ClaimsMinistry(claim.claim)));
        }
        let unclaimed =
            crate::config::UniqueNames::new(config.feeds.iter().map(|f| f.name.as_str()))
                .claim(&claim.instead);
        renamed = Some(AddNote::Renamed {
            claim: claim.claim,
            instead: unclaimed.clone(),
        });
        name = unclaimed;
    }
    ensure_new(config, url, &name).map_err(|refusal| not_added(url, refusal))?;
    Ok(Named {
        feed: NewFeed {
            name,
            url: url.to_string(),
            ministry,
            topics: topics.iter().filter_map(|t| clean(t)).collect(),
            listing,
        },
        renamed,
    })
}

/// A feed name that claims a ministry the feed does not belong to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FalseClaim {
    /// What the name claims (worded by `i18n`).
    pub claim: Claim,
    /// The name with the feed's host instead ("BMI (evil.example)"), not yet made unique.
    pub instead: String,
}

/// Whether a feed's name claims a ministry it does not belong to: neither its `ministry`
/// (as given) nor its URL's domain is that ministry. A feed's name must never make it look
/// like a ministry's (its items would show under the ministry's name).
pub fn false_claim(
    name: &str,
    url: &Url,
    ministry: Option<&str>,
    ministries: &Ministries,
) -> Option<FalseClaim> {
    let claimed = ministries.claimed_by(name)?;
    let belongs = match ministry {
        Some(m) => Some(ministries.current(m).to_owned()),
        None => ministries.for_url(url).map(|m| m.name.clone()),
    };
    if belongs.as_deref() == Some(claimed.name.as_str()) {
        return None;
    }
    Some(FalseClaim {
        claim: Claim {
            name: crate::text::sanitize(name).into_owned(),
            ministry: claimed.name.clone(),
            title: claimed.title.clone(),
            domains: claimed.domains.clone(),
        },
        instead: format!("{name} ({})", url.host_str().unwrap_or("lokal")),
    })
}

/// `URL: not added: REASON`, the URL without credentials.
pub fn not_added(url: &Url, refusal: Refusal) -> NotAdded {
    NotAdded {
        url: crate::text::sanitize(&crate::config::redact_url(url)).into_owned(),
        refusal,
    }
}

/// The catalogue source an `add` argument names by its id (`bundestag-hib`): a word without
/// `/`, `:` or `.`, so that URLs and paths stay what they are.
pub fn catalogue_source(raw: &str) -> Option<&'static crate::config::catalogue::CatalogueEntry> {
    let raw = raw.trim();
    if raw.contains(['/', ':', '.']) {
        return None;
    }
    crate::config::catalogue::find(raw)
}

/// A URL users may add: http(s), or a local file that exists (the config takes paths too).
/// What people type is read kindly: `www.bmi.bund.de/…` without a scheme gets a suggestion,
/// `./feed.xml` and `/srv/feed.xml` become file URLs.
pub fn parse_new_url(raw: &str) -> Result<Url, Refusal> {
    let raw = raw.trim();
    let shown = crate::text::sanitize(raw).into_owned();
    let url = match Url::parse(raw) {
        Ok(url) => url,
        Err(url::ParseError::RelativeUrlWithoutBase) => {
            let path = Path::new(raw);
            if path.is_file() {
                let unusable = || Refusal::UnusablePath {
                    shown: shown.clone(),
                };
                let absolute = std::path::absolute(path).map_err(|_| unusable())?;
                return Url::from_file_path(&absolute).map_err(|()| unusable());
            }
            if looks_like_host(raw) {
                return Err(Refusal::NoScheme { shown });
            }
            return Err(Refusal::NeitherUrlNorFile { shown });
        }
        Err(e) => {
            return Err(Refusal::NotAUrl {
                shown,
                detail: e.to_string(),
            })
        }
    };
    let usable = match url.scheme() {
        "http" | "https" => url.host_str().is_some(),
        "file" => url.to_file_path().is_ok_and(|p| p.is_file()),
        _ => false,
    };
    if !usable {
        return Err(Refusal::NotAddable { shown });
    }
    Ok(url)
}

/// `www.bmi.bund.de/…`, `bmi.bund.de`: a host name first, as in a browser's address bar.
fn looks_like_host(raw: &str) -> bool {
    let host = raw.split('/').next().unwrap_or("");
    let labels: Vec<&str> = host.split('.').collect();
    labels.len() >= 2
        && labels
            .iter()
            .all(|l| !l.is_empty() && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
        && labels
            .last()
            .is_some_and(|tld| tld.len() >= 2 && tld.chars().all(|c| c.is_ascii_alphabetic()))
}

pub use crate::extract::announced_feeds;

/// Fetches and parses the feed once; any failure is one line. An HTML page that announces
/// its feed (an article or section page people copy from the address bar) leads to that
/// feed, which is then what gets added (`Checked::url`).
pub async fn check(fetcher: &Fetcher, url: &Url) -> Result<Checked, Refusal> {
    match check_one(fetcher, url).await {
        Err(CheckError::Html {
            body,
            page,
            validators,
        }) => {
            let announced = announced_feeds(&body, &page);
            let Some(feed) = announced.into_iter().next() else {
                // No feed: a press listing page whose dated teasers can be read as one.
                let source = Source {
                    url: Some(&page),
                    content_type: Some("text/html; charset=utf-8"),
                    topics: &[],
                };
                return match crate::extract::listing::parse(body.as_bytes(), source) {
                    Ok(parsed) => Ok(Checked {
                        url: url.clone(),
                        title: parsed.title,
                        articles: parsed.articles,
                        validators,
                        listing: true,
                    }),
                    Err(_) => Err(Refusal::PageWithoutFeed),
                };
            };
            match check_one(fetcher, &feed).await {
                Ok(checked) => Ok(checked),
                Err(CheckError::Html { .. }) => Err(Refusal::AnnouncedIsPage {
                    feed: feed.to_string(),
                }),
                Err(CheckError::Other(Refusal::CheckFailed(reason))) => {
                    Err(Refusal::AnnouncedFailed {
                        feed: feed.to_string(),
                        reason,
                    })
                }
                Err(CheckError::Other(refusal)) => Err(refusal),
            }
        }
        Err(CheckError::Other(refusal)) => Err(refusal),
        Ok(checked) => Ok(checked),
    }
}

enum CheckError {
    /// The answer was an HTML page (kept to look for announced feeds, or dated teasers).
    Html {
        body: String,
        page: Url,
        validators: Validators,
    },
    Other(Refusal),
}

async fn check_one(fetcher: &Fetcher, url: &Url) -> Result<Checked, CheckError> {
    let failed = |reason| CheckError::Other(Refusal::CheckFailed(reason));
    let fetched = match fetcher
        .fetch(url, &Validators::default())
        .await
        .map_err(failed)?
    {
        FetchOutcome::Fetched(fetched) => fetched,
        FetchOutcome::NotModified => return Err(CheckError::Other(Refusal::NotModifiedToGet)),
    };
    let source = Source {
        url: Some(&fetched.final_url),
        content_type: fetched.content_type.as_deref(),
        topics: &[],
    };
    let parsed = match parse::parse_feed(&fetched.body, source) {
        Ok(parsed) => parsed,
        Err(Reason::NotAFeed {
            looks_like: crate::model::reason::LooksLike::HtmlPage,
        }) => {
            let body = crate::extract::decode_html(&fetched.body, fetched.content_type.as_deref())
                .into_owned();
            return Err(CheckError::Html {
                body,
                page: fetched.final_url,
                validators: fetched.validators,
            });
        }
        Err(e) => return Err(failed(e)),
    };
    Ok(Checked {
        url: url.clone(),
        title: parsed
            .title
            .map(|t| crate::text::clean_inline(&t))
            .filter(|t| !t.is_empty()),
        articles: parsed.articles,
        validators: fetched.validators,
        listing: false,
    })
}

/// The name for a new feed: the one asked for, else the feed's title, else its host;
/// made unique against the configured names with " (2)", " (3)", ….
pub fn choose_name(asked: Option<&str>, title: Option<&str>, url: &Url, config: &Config) -> String {
    let base = asked
        .map(crate::text::clean_inline)
        .filter(|n| !n.is_empty())
        .or_else(|| title.map(str::to_owned))
        .unwrap_or_else(|| url.host_str().unwrap_or("feed").to_owned());
    if asked.is_some() {
        // An explicit name that is taken is the user's to change; `add` reports it.
        return base;
    }
    crate::config::UniqueNames::new(config.feeds.iter().map(|f| f.name.as_str())).claim(&base)
}

/// Refuses a URL or name that is already configured, naming the feed that has it.
pub fn ensure_new(config: &Config, url: &Url, name: &str) -> Result<(), Refusal> {
    if let Some(same) = config.feeds.iter().find(|f| f.url == *url) {
        return Err(Refusal::AlreadyConfigured {
            name: same.name.clone(),
        });
    }
    if config
        .feeds
        .iter()
        .any(|f| f.name.eq_ignore_ascii_case(name))
    {
        return Err(Refusal::NameTaken {
            name: name.to_owned(),
        });
    }
    Ok(())
}

/// Writes the feed to the config at `config_path` and, when it was checked, stores its
/// articles in the cache at `data_dir`.
pub fn add(
    config_path: &Path,
    data_dir: &Path,
    config: &Config,
    feed: NewFeed,
    checked: Option<Checked>,
) -> anyhow::Result<Added> {
    let url = parse_new_url(&feed.url).map_err(anyhow::Error::msg)?;
    edit::edit(config_path, |doc| {
        edit::add_feeds(doc, std::slice::from_ref(&feed))
    })?;
    // The ministry as loading the config would resolve it: the current name of the one
    // given, else the one of the URL's domain.
    let ministry = match &feed.ministry {
        Some(m) => Some(config.ministries.current(m).to_owned()),
        None => config.ministries.for_url(&url).map(|m| m.name.clone()),
    };
    let feed_config = FeedConfig {
        name: feed.name.clone(),
        url: url.clone(),
        ministry,
        topics: feed.topics.clone(),
        full_text: None,
        listing: feed.listing,
    };
    let stored = match checked {
        None => None,
        Some(checked) => {
            let mut store = Store::open(data_dir)?;
            store.set_retention(crate::model::Retention::new(
                config.keep_days,
                config.max_articles_per_feed,
            ));
            store.set_ministries(config.ministries.clone());
            store.sync_feeds(std::slice::from_ref(&feed_config))?;
            // The configured topics belong on every item, as in a refresh.
            let articles: Vec<NewArticle> = checked
                .articles
                .into_iter()
                .map(|mut a| {
                    for topic in &feed.topics {
                        if !a.topics.iter().any(|t| t.eq_ignore_ascii_case(topic)) {
                            a.topics.push(topic.clone());
                        }
                    }
                    a
                })
                .collect();
            Some(store.store_articles(url.as_str(), &articles, &checked.validators, Utc::now())?)
        }
    };
    tracing::info!(name = %feed.name, url = %crate::config::redact_url(&url), "feed added");
    Ok(Added {
        feed: feed_config,
        stored,
    })
}

/// The configured feed a name given on the command line means: its name in any case, also
/// beyond ASCII ("bmi presse", "ÖFFENTLICHE DIENSTE").
pub fn find_feed<'a>(config: &'a Config, name: &str) -> Option<&'a FeedConfig> {
    let wanted = name.trim().to_lowercase();
    config
        .feeds
        .iter()
        .find(|f| f.name.to_lowercase() == wanted)
}

/// Gives the feed named `name` a new address in the config at `config_path` (a feed that
/// moved): its articles, read state and counts stay with it. Returns its exact name.
pub fn relocate(
    config_path: &Path,
    data_dir: &Path,
    config: &Config,
    name: &str,
    raw_url: &str,
) -> anyhow::Result<(String, Url)> {
    let url = parse_new_url(raw_url)?;
    let Some(feed) = find_feed(config, name) else {
        return Err(Refusal::NoFeedNamed {
            name: crate::text::sanitize(name).into_owned(),
        }
        .into());
    };
    if let Some(other) = config
        .feeds
        .iter()
        .find(|f| f.url == url && f.name != feed.name)
    {
        return Err(Refusal::UrlTaken {
            url: url.to_string(),
            name: other.name.clone(),
        }
        .into());
    }
    let exact = edit::edit(config_path, |doc| {
        edit::set_feed_url(doc, &feed.name, url.as_str())
    })?;
    let Some(exact) = exact else {
        return Err(Refusal::InOtherConfig {
            name: feed.name.clone(),
            path: config_path.display().to_string(),
        }
        .into());
    };
    // The cache gives the feed's row the new address now (see `Store::sync_feeds`).
    let moved: Vec<FeedConfig> = config
        .feeds
        .iter()
        .map(|f| {
            let mut f = f.clone();
            if f.name == feed.name {
                f.url = url.clone();
            }
            f
        })
        .collect();
    Store::open(data_dir)?.sync_feeds(&moved)?;
    tracing::info!(name = %exact, url = %crate::config::redact_url(&url), "feed moved");
    Ok((exact, url))
}

/// Removes the feed named `name` from the config at `config_path`; with `purge`, its
/// articles (starred ones too) leave the cache. Returns the exact name and the number of
/// articles deleted.
pub fn remove(
    config_path: &Path,
    data_dir: &Path,
    config: &Config,
    name: &str,
    purge: bool,
) -> anyhow::Result<(String, usize)> {
    let Some(feed) = find_feed(config, name) else {
        return Err(Refusal::NoFeedNamed {
            name: crate::text::sanitize(name).into_owned(),
        }
        .into());
    };
    let removed = edit::edit(config_path, |doc| edit::remove_feed(doc, &feed.name))?;
    let Some(exact) = removed else {
        return Err(Refusal::InOtherConfig {
            name: feed.name.clone(),
            path: config_path.display().to_string(),
        }
        .into());
    };
    let deleted = if purge {
        Store::open(data_dir)?.purge_feed(feed.url.as_str())?
    } else {
        0
    };
    tracing::info!(name = %exact, purged = deleted, "feed removed");
    Ok((exact, deleted))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn http_urls_and_existing_files_can_be_added() {
        assert!(parse_new_url("https://www.bmi.bund.de/rss.xml").is_ok());
        let dir = tempfile::tempdir().expect("dir");
        let feed = dir.path().join("feed.xml");
        std::fs::write(&feed, "<rss/>").expect("write");
        let url = parse_new_url(feed.to_str().expect("utf-8")).expect("a path");
        assert_eq!(url.scheme(), "file");
        for bad in [
            "file:///nicht/da.xml",
            "javascript:alert(1)",
            "ftp://x/y",
            "/nicht/da.xml",
        ] {
            assert!(parse_new_url(bad).is_err(), "{bad}");
        }
        // A directory is no feed file.
        assert!(parse_new_url(dir.path().to_str().expect("utf-8")).is_err());
        let suggestion = parse_new_url("bmi.bund.de/rss")
            .expect_err("no scheme")
            .to_string();
        assert!(
            suggestion.contains("did you mean https://bmi.bund.de/rss"),
            "{suggestion}"
        );
    }

    #[test]
    fn names_come_from_flag_title_or_host_and_stay_unique() {
        let config = Config::bundled().expect("bundled");
        let url = Url::parse("https://www.bmi.bund.de/x.xml").expect("url");
        assert_eq!(
            choose_name(Some(" Mein  Feed "), Some("T"), &url, &config),
            "Mein Feed"
        );
        assert_eq!(
            choose_name(None, Some("Nachrichten"), &url, &config),
            "Nachrichten"
        );
        assert_eq!(choose_name(None, None, &url, &config), "www.bmi.bund.de");
        let taken = config.feeds[0].name.clone();
        assert_eq!(
            choose_name(None, Some(&taken), &url, &config),
            format!("{taken} (2)")
        );
    }

    #[test]
    fn duplicates_are_refused_with_the_existing_name() {
        let config = Config::bundled().expect("bundled");
        let first = &config.feeds[0];
        let err = ensure_new(&config, &first.url, "Neu")
            .expect_err("same URL")
            .to_string();
        assert!(err.contains(&first.name), "{err}");
        let other = Url::parse("https://example.org/feed").expect("url");
        assert!(ensure_new(&config, &other, &first.name.to_uppercase()).is_err());
        assert!(ensure_new(&config, &other, "Neu").is_ok());
    }

    #[test]
    fn a_new_feed_is_cleaned_and_refusals_hide_credentials() {
        let config = Config::bundled().expect("bundled");
        let url = Url::parse("https://user:geheim@example.org/feed.xml").expect("url");
        let feed = new_feed(
            &config,
            &url,
            None,
            Some("Neuigkeiten"),
            &[" Umwelt ".into(), "".into()],
            Some(" BMUKN "),
            false,
        )
        .expect("new")
        .feed;
        assert_eq!(feed.name, "Neuigkeiten");
        assert_eq!(feed.topics, ["Umwelt"]);
        assert_eq!(feed.ministry.as_deref(), Some("BMUKN"));
        let taken = &config.feeds[0].name;
        let refused = new_feed(&config, &url, Some(taken), None, &[], None, false)
            .expect_err("taken")
            .to_string();
        assert!(
            refused.starts_with("https://example.org/feed.xml: not added: "),
            "{refused}"
        );
        assert!(!refused.contains("geheim"));
    }

    #[test]
    fn a_name_never_claims_a_ministry_the_feed_does_not_belong_to() {
        let config = Config::bundled().expect("bundled");
        let evil = Url::parse("https://bmi-presse.example/rss.xml").expect("url");
        // A feed's own title "BMI": renamed after its host, with the reason.
        let named = new_feed(&config, &evil, None, Some("BMI"), &[], None, false).expect("renamed");
        assert_eq!(named.feed.name, "BMI (bmi-presse.example)");
        let why = crate::i18n::Lang::En.add_note(&named.renamed.expect("a reason"));
        assert!(
            why.contains("'BMI' names the ministry BMI (Bundesministerium des Innern)"),
            "{why}"
        );
        assert!(why.contains("bmi.bund.de"), "{why}");
        // Its earlier names, words and a name that starts with one claim it too.
        for title in [
            "Innenministerium",
            "bmi pressemitteilungen",
            "BMI: Presse",
            "Bundesregierung Aktuelles",
        ] {
            let named =
                new_feed(&config, &evil, None, Some(title), &[], None, false).expect("renamed");
            assert!(named.renamed.is_some(), "{title}");
            assert!(named.feed.name.ends_with("(bmi-presse.example)"), "{title}");
        }
        // Names that only begin with the same letters claim nothing.
        for title in ["BMIX Nachrichten", "Bmisc", "Innenpolitik heute"] {
            let named =
                new_feed(&config, &evil, None, Some(title), &[], None, false).expect("kept");
            assert_eq!((named.feed.name.as_str(), named.renamed), (title, None));
        }
        // An asked name that claims it is refused, saying how to set the ministry.
        let refused = new_feed(&config, &evil, Some("BMI"), None, &[], None, false)
            .expect_err("refused")
            .to_string();
        assert!(
            refused.contains("not added: 'BMI' names the ministry BMI"),
            "{refused}"
        );
        assert!(refused.contains("--ministry BMI"), "{refused}");
        // The ministry's own domain, or the user's word that it is one of its feeds.
        let own = Url::parse("https://www.bmi.bund.de/rss.xml").expect("url");
        let named =
            new_feed(&config, &own, Some("BMI"), None, &[], None, false).expect("own domain");
        assert_eq!((named.feed.name.as_str(), named.renamed), ("BMI", None));
        let named = new_feed(
            &config,
            &evil,
            Some("BMI"),
            None,
            &[],
            Some("Inneres"),
            false,
        )
        .expect("said");
        assert_eq!(named.feed.name, "BMI");
        // A feed of one ministry cannot be named after another.
        let bmas = Url::parse("https://www.bmas.de/rss.xml").expect("url");
        assert!(new_feed(&config, &bmas, Some("BMI Presse"), None, &[], None, false).is_err());
    }
}
