//! Configuration: the TOML format, the bundled default feed list and where the file is found
//! (`--config` > `AMTSFEED_CONFIG` > `<config dir>/config.toml` > bundled default).

use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::Deserialize;
use toml::Spanned;
use url::Url;

pub mod catalogue;
pub mod edit;

/// The bundled default configuration: the federal ministries' feeds.
pub const BUNDLED: &str = include_str!("../config/default.toml");
/// How errors name the bundled default.
pub const BUNDLED_NAME: &str = "<bundled config/default.toml>";

/// The bundled ministry table (`[[ministry]]`: current names, earlier names, domains).
pub const MINISTRIES: &str = include_str!("../config/ministries.toml");

/// A configuration problem, naming the file and, where known, the line; the problem is data,
/// worded by `words` (`Lang::config_error`; `Display` is English).
#[derive(Debug)]
pub struct ConfigError {
    pub file: String,
    pub line: Option<usize>,
    pub problem: ConfigProblem,
}

impl std::error::Error for ConfigError {}

/// What is wrong with a config file, with the details as data; worded by `words`
/// (`Lang::config_problem`). The TOML reader's own words stay as they came in `Toml`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConfigProblem {
    /// A number outside what the setting allows.
    OutOfRange {
        key: String,
        min: u64,
        max: u64,
    },
    /// A key the config does not know; the closest known one, if any is close.
    UnknownKey {
        key: String,
        suggestion: Option<String>,
    },
    MissingKey {
        key: String,
    },
    /// Anything else the TOML reader says, in its words.
    Toml {
        detail: String,
    },
    CannotRead {
        problem: crate::model::reason::FileProblem,
    },
    BrowserNeedsCommand,
    NotifyNeedsProgram,
    /// `dip_api_url` that is no http(s) address.
    BadDipUrl {
        url: String,
    },
    FilterNameEmptyOrTwice {
        name: String,
    },
    /// A saved filter that does not parse, and why.
    FilterQuery {
        name: String,
        error: crate::filter::FilterError,
    },
    TooManyFeeds {
        count: usize,
        max: usize,
    },
    EmptyFeedName,
    DuplicateFeedName {
        name: String,
    },
    FeedUrlScheme {
        scheme: String,
    },
    FeedUrlInvalid {
        raw: String,
    },
}

/// The DIP API's address (`dip_api_url`'s default).
pub const DIP_API_URL: &str = "https://search.dip.bundestag.de/api/v1";

/// The validated configuration.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    pub concurrency: usize,
    pub per_host_concurrency: usize,
    pub timeout: Duration,
    pub connect_timeout: Duration,
    pub max_feed_bytes: u64,
    pub user_agent: String,
    /// Browser command and arguments; `%u` stands for the URL (appended when absent).
    pub browser: Option<Vec<String>>,
    pub browser_in_terminal: bool,
    pub mark_read_on_open: bool,
    pub refresh_on_start: bool,
    pub refresh_interval_minutes: u64,
    /// Fetch article pages for their full text after a refresh.
    pub full_text: bool,
    /// Hosts whose pages are fetched at the same time (each host one page at a time).
    pub page_concurrency: usize,
    /// Pause between two pages from the same host.
    pub page_delay: Duration,
    pub max_page_bytes: u64,
    pub feeds: Vec<FeedConfig>,
    /// Saved filters (`[[filter]]`): virtual feeds in the sidebar, `list --saved NAME`.
    pub filters: Vec<SavedFilter>,
    /// The ministries with their earlier names: feeds are shown under the current one, and
    /// `ministerium:BMWK` finds the BMWE feeds.
    pub ministries: crate::model::Ministries,
    /// Retention after each refresh: drop unstarred articles older than this many days…
    pub keep_days: Option<u64>,
    /// …and beyond this many per feed (newest kept). Starred articles always stay.
    pub max_articles_per_feed: Option<usize>,
    /// UI language; `None`: from the locale.
    pub language: Option<crate::i18n::Lang>,
    /// OSC 8 hyperlinks in the reader.
    pub hyperlinks: Hyperlinks,
    /// OSC 52 clipboard writes for `y`/`Y`.
    pub clipboard: Clipboard,
    /// Run for each saved filter with `notify = true` that has new matches after a refresh:
    /// program and arguments, `%s` standing for the message; never through a shell.
    pub notify_command: Option<Vec<String>>,
    /// The key for the Bundestag's DIP API (`dip_api_key`): with it, the Drucksachen articles
    /// name are looked up (their process, its stage and steps); without it they are links.
    pub dip_api_key: Option<String>,
    /// Where the DIP API answers (`dip_api_url`; tests point it at a local server).
    pub dip_api_url: url::Url,
    /// `[theme]` as written; the TUI validates it and reports bad entries without failing.
    pub theme: toml::Table,
    /// `[keys]` as written (action = key or list of keys); validated like `[theme]`.
    pub keys: toml::Table,
}

/// Whether `y`/`Y` put text on the clipboard with OSC 52 (the terminal must allow it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Clipboard {
    /// On in terminals known to accept OSC 52 (see `tui::clipboard`).
    #[default]
    Auto,
    On,
    Off,
}

/// Whether links in the reader are written as OSC 8 terminal hyperlinks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Hyperlinks {
    /// On where the terminal is known to support them (see `tui::hyperlink`).
    #[default]
    Auto,
    On,
    Off,
}

/// A named filter-bar query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SavedFilter {
    pub name: String,
    pub query: String,
    /// Announce its new matches after each refresh (`notify = true`).
    pub notify: bool,
    /// Announce the changes of its matches (edited, taken out, taken down) after each
    /// refresh (`notify_changes = true`).
    pub notify_changes: bool,
}

impl Config {
    /// A saved filter by name (case-insensitive).
    pub fn saved_filter(&self, name: &str) -> Option<&SavedFilter> {
        self.filters
            .iter()
            .find(|f| f.name.eq_ignore_ascii_case(name))
    }
}

pub use crate::model::FeedConfig;

/// The bundled ministry table; empty if it does not parse (a test keeps it parsing).
fn bundled_ministries() -> crate::model::Ministries {
    #[derive(Deserialize)]
    struct Table {
        ministry: Vec<crate::model::Ministry>,
    }
    toml::from_str::<Table>(MINISTRIES)
        .map(|t| crate::model::Ministries(t.ministry))
        .unwrap_or_default()
}

/// Feed names in use (case-insensitive, as the config compares them), handing out `base`,
/// `base (2)`, `base (3)`, … in constant time however many feeds share a base name (an OPML
/// file of thousands of untitled outlines on one host).
#[derive(Debug, Default)]
pub struct UniqueNames {
    taken: std::collections::HashSet<String>,
    next_suffix: std::collections::HashMap<String, usize>,
}

impl UniqueNames {
    pub fn new<'a>(names: impl IntoIterator<Item = &'a str>) -> Self {
        let mut set = Self::default();
        for name in names {
            set.taken.insert(name.to_ascii_lowercase());
        }
        set
    }

    /// Marks `name` as taken; false when it was already.
    pub fn insert(&mut self, name: &str) -> bool {
        self.taken.insert(name.to_ascii_lowercase())
    }

    /// The first free name of `base`, `base (2)`, …, now taken.
    pub fn claim(&mut self, base: &str) -> String {
        if self.insert(base) {
            return base.to_owned();
        }
        let next = self
            .next_suffix
            .entry(base.to_ascii_lowercase())
            .or_insert(2);
        loop {
            let name = format!("{base} ({next})");
            *next += 1;
            if self.taken.insert(name.to_ascii_lowercase()) {
                return name;
            }
        }
    }
}

pub use crate::model::redact_url;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    #[serde(default = "defaults::concurrency")]
    concurrency: Spanned<u64>,
    #[serde(default = "defaults::per_host")]
    per_host_concurrency: Spanned<u64>,
    #[serde(default = "defaults::timeout")]
    timeout_secs: Spanned<u64>,
    #[serde(default = "defaults::connect_timeout")]
    connect_timeout_secs: Spanned<u64>,
    #[serde(default = "defaults::max_bytes")]
    max_feed_bytes: Spanned<u64>,
    user_agent: Option<String>,
    browser: Option<Spanned<BrowserSetting>>,
    #[serde(default)]
    browser_in_terminal: bool,
    #[serde(default = "defaults::yes")]
    mark_read_on_open: bool,
    #[serde(default)]
    refresh_on_start: bool,
    #[serde(default = "defaults::zero")]
    refresh_interval_minutes: Spanned<u64>,
    #[serde(default = "defaults::yes")]
    full_text: bool,
    #[serde(default = "defaults::page_concurrency")]
    page_concurrency: Spanned<u64>,
    #[serde(default = "defaults::page_delay_ms")]
    page_delay_ms: Spanned<u64>,
    #[serde(default = "defaults::max_page_bytes")]
    max_page_bytes: Spanned<u64>,
    #[serde(default, rename = "feed")]
    feeds: Vec<RawFeed>,
    #[serde(default, rename = "filter")]
    filters: Vec<RawFilter>,
    /// More ministries or names for them, added to the bundled table.
    #[serde(default, rename = "ministry")]
    ministries: Vec<crate::model::Ministry>,
    keep_days: Option<Spanned<u64>>,
    max_articles_per_feed: Option<Spanned<u64>>,
    language: Option<crate::i18n::Lang>,
    #[serde(default)]
    hyperlinks: Hyperlinks,
    #[serde(default)]
    clipboard: Clipboard,
    notify_command: Option<Spanned<Vec<String>>>,
    dip_api_key: Option<String>,
    dip_api_url: Option<Spanned<String>>,
    #[serde(default)]
    theme: toml::Table,
    #[serde(default)]
    keys: toml::Table,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFilter {
    name: Spanned<String>,
    query: Spanned<String>,
    #[serde(default)]
    notify: bool,
    #[serde(default)]
    notify_changes: bool,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum BrowserSetting {
    Line(String),
    Args(Vec<String>),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFeed {
    name: Spanned<String>,
    url: Spanned<String>,
    ministry: Option<String>,
    #[serde(default)]
    topics: Vec<String>,
    full_text: Option<bool>,
    /// A press listing page instead of a feed.
    #[serde(default)]
    listing: bool,
}

/// Most feeds in one config. Far more than the ministries publish; beyond it every command
/// would spend its time on the feed list (an OPML of 100,000 outlines made `feeds` take 92 s).
pub const MAX_FEEDS: usize = 10_000;

/// Largest accepted `max_feed_bytes` / `max_page_bytes`: 512 MiB.
const MAX_BYTES_SETTING: u64 = 512 * 1024 * 1024;

/// A range-checked count as `usize` (every range above fits).
fn small(value: Spanned<u64>) -> usize {
    usize::try_from(value.into_inner()).unwrap_or(usize::MAX)
}

mod defaults {
    use toml::Spanned;
    fn unspanned<T>(value: T) -> Spanned<T> {
        Spanned::new(0..0, value)
    }
    pub fn concurrency() -> Spanned<u64> {
        unspanned(8)
    }
    pub fn per_host() -> Spanned<u64> {
        unspanned(2)
    }
    pub fn zero() -> Spanned<u64> {
        unspanned(0)
    }
    pub fn timeout() -> Spanned<u64> {
        unspanned(30)
    }
    pub fn connect_timeout() -> Spanned<u64> {
        unspanned(10)
    }
    pub fn max_bytes() -> Spanned<u64> {
        unspanned(10 * 1024 * 1024)
    }
    pub fn yes() -> bool {
        true
    }
    pub fn page_concurrency() -> Spanned<u64> {
        unspanned(4)
    }
    pub fn page_delay_ms() -> Spanned<u64> {
        unspanned(1000)
    }
    pub fn max_page_bytes() -> Spanned<u64> {
        unspanned(5 * 1024 * 1024)
    }
}

/// The User-Agent sent with every request.
pub fn default_user_agent() -> String {
    format!(
        "amtsfeed/{} (terminal news reader)",
        env!("CARGO_PKG_VERSION")
    )
}

impl Config {
    /// Parses and validates TOML; `file` names the source in errors, `base_dir` resolves
    /// relative feed paths.
    pub fn parse(source: &str, file: &str, base_dir: Option<&Path>) -> Result<Self, ConfigError> {
        // An empty span still has a place: an unterminated string ends at its line's end.
        let error_at = |span: Option<std::ops::Range<usize>>, problem: ConfigProblem| ConfigError {
            file: file.to_owned(),
            line: span.map(|s| line_of(source, s.start.min(source.len()))),
            problem,
        };
        let raw: RawConfig = toml::from_str(source).map_err(|e| {
            let message = e.message().trim().replace('\n', " ");
            error_at(e.span(), toml_problem(&message))
        })?;
        for (key, field, range) in [
            ("concurrency", &raw.concurrency, 1..=256),
            ("per_host_concurrency", &raw.per_host_concurrency, 1..=64),
            ("page_concurrency", &raw.page_concurrency, 1..=64),
            ("timeout_secs", &raw.timeout_secs, 1..=3600),
            ("connect_timeout_secs", &raw.connect_timeout_secs, 1..=600),
            ("max_feed_bytes", &raw.max_feed_bytes, 1..=MAX_BYTES_SETTING),
            ("max_page_bytes", &raw.max_page_bytes, 1..=MAX_BYTES_SETTING),
            // 0 is off; at most a week (a larger period would overflow the timer).
            (
                "refresh_interval_minutes",
                &raw.refresh_interval_minutes,
                0..=7 * 24 * 60,
            ),
            ("page_delay_ms", &raw.page_delay_ms, 0..=600_000),
        ]
        .into_iter()
        .chain(raw.keep_days.iter().map(|f| ("keep_days", f, 0..=36_500)))
        .chain(
            raw.max_articles_per_feed
                .iter()
                .map(|f| ("max_articles_per_feed", f, 0..=1_000_000_000)),
        ) {
            if !range.contains(field.get_ref()) {
                return Err(error_at(
                    Some(field.span()),
                    ConfigProblem::OutOfRange {
                        key: key.to_owned(),
                        min: *range.start(),
                        max: *range.end(),
                    },
                ));
            }
        }
        let browser = match raw.browser {
            None => None,
            Some(setting) => {
                let span = setting.span();
                let args = match setting.into_inner() {
                    BrowserSetting::Line(line) => {
                        line.split_whitespace().map(str::to_owned).collect()
                    }
                    BrowserSetting::Args(args) => args,
                };
                if args.first().is_none_or(|a| a.trim().is_empty()) {
                    return Err(error_at(Some(span), ConfigProblem::BrowserNeedsCommand));
                }
                Some(args)
            }
        };
        let notify_command = match raw.notify_command {
            Some(command)
                if command
                    .get_ref()
                    .first()
                    .is_none_or(|c| c.trim().is_empty()) =>
            {
                return Err(error_at(
                    Some(command.span()),
                    ConfigProblem::NotifyNeedsProgram,
                ));
            }
            other => other.map(Spanned::into_inner),
        };
        let dip_api_url = match raw.dip_api_url {
            None => url::Url::parse(DIP_API_URL).expect("the DIP address"),
            Some(url) => match url::Url::parse(url.get_ref().trim()) {
                Ok(parsed) if matches!(parsed.scheme(), "http" | "https") => parsed,
                _ => {
                    return Err(error_at(
                        Some(url.span()),
                        ConfigProblem::BadDipUrl {
                            url: crate::text::sanitize(url.get_ref()).into_owned(),
                        },
                    ))
                }
            },
        };
        let dip_api_key = raw
            .dip_api_key
            .map(|k| k.trim().to_owned())
            .filter(|k| !k.is_empty());
        let mut filters: Vec<SavedFilter> = Vec::new();
        for filter in raw.filters {
            let name = crate::text::clean_inline(filter.name.get_ref());
            if name.is_empty() || filters.iter().any(|f| f.name.eq_ignore_ascii_case(&name)) {
                return Err(error_at(
                    Some(filter.name.span()),
                    ConfigProblem::FilterNameEmptyOrTwice { name },
                ));
            }
            // Relative dates are resolved when the filter is used; here only the syntax counts.
            let someday = chrono::NaiveDate::from_ymd_opt(2000, 1, 1).unwrap_or_default();
            crate::filter::Filter::parse(filter.query.get_ref(), someday).map_err(|e| {
                error_at(
                    Some(filter.query.span()),
                    ConfigProblem::FilterQuery {
                        name: name.clone(),
                        error: e,
                    },
                )
            })?;
            filters.push(SavedFilter {
                name,
                notify: filter.notify,
                notify_changes: filter.notify_changes,
                query: filter.query.into_inner(),
            });
        }
        if raw.feeds.len() > MAX_FEEDS {
            let first_extra = &raw.feeds[MAX_FEEDS];
            return Err(error_at(
                Some(first_extra.name.span()),
                ConfigProblem::TooManyFeeds {
                    count: raw.feeds.len(),
                    max: MAX_FEEDS,
                },
            ));
        }
        let mut ministries = bundled_ministries();
        ministries.extend(raw.ministries);
        let mut feeds: Vec<FeedConfig> = Vec::with_capacity(raw.feeds.len());
        let mut names = std::collections::HashSet::with_capacity(raw.feeds.len());
        for feed in raw.feeds {
            let name = crate::text::clean_inline(feed.name.get_ref());
            if name.is_empty() {
                return Err(error_at(
                    Some(feed.name.span()),
                    ConfigProblem::EmptyFeedName,
                ));
            }
            if !names.insert(name.to_ascii_lowercase()) {
                return Err(error_at(
                    Some(feed.name.span()),
                    ConfigProblem::DuplicateFeedName { name },
                ));
            }
            let url = parse_feed_url(feed.url.get_ref(), base_dir)
                .map_err(|m| error_at(Some(feed.url.span()), m))?;
            // The current name of the ministry the config names, else of the URL's domain.
            let ministry = match feed.ministry {
                Some(m) => Some(ministries.current(&m).to_owned()),
                None => ministries.for_url(&url).map(|m| m.name.clone()),
            };
            feeds.push(FeedConfig {
                name,
                url,
                ministry,
                topics: feed.topics,
                full_text: feed.full_text,
                listing: feed.listing,
            });
        }
        Ok(Config {
            concurrency: small(raw.concurrency),
            per_host_concurrency: small(raw.per_host_concurrency),
            timeout: Duration::from_secs(raw.timeout_secs.into_inner()),
            connect_timeout: Duration::from_secs(raw.connect_timeout_secs.into_inner()),
            max_feed_bytes: raw.max_feed_bytes.into_inner(),
            user_agent: raw.user_agent.unwrap_or_else(default_user_agent),
            browser,
            browser_in_terminal: raw.browser_in_terminal,
            mark_read_on_open: raw.mark_read_on_open,
            refresh_on_start: raw.refresh_on_start,
            refresh_interval_minutes: raw.refresh_interval_minutes.into_inner(),
            full_text: raw.full_text,
            page_concurrency: small(raw.page_concurrency),
            page_delay: Duration::from_millis(raw.page_delay_ms.into_inner()),
            max_page_bytes: raw.max_page_bytes.into_inner(),
            feeds,
            filters,
            ministries,
            keep_days: raw.keep_days.map(Spanned::into_inner),
            max_articles_per_feed: raw.max_articles_per_feed.map(small),
            language: raw.language,
            hyperlinks: raw.hyperlinks,
            clipboard: raw.clipboard,
            notify_command,
            dip_api_key,
            dip_api_url,
            theme: raw.theme,
            keys: raw.keys,
        })
    }

    /// The bundled default.
    pub fn bundled() -> Result<Self, ConfigError> {
        Self::parse(BUNDLED, BUNDLED_NAME, None)
    }

    /// Finds a feed by name (case-insensitive), or by ministry (any of its names) when the
    /// name matches none.
    pub fn find_feeds(&self, name: &str) -> Vec<&FeedConfig> {
        let by_name: Vec<_> = self
            .feeds
            .iter()
            .filter(|f| f.name.eq_ignore_ascii_case(name))
            .collect();
        if !by_name.is_empty() {
            return by_name;
        }
        self.feeds
            .iter()
            .filter(|f| {
                f.ministry
                    .as_deref()
                    .is_some_and(|m| m.eq_ignore_ascii_case(self.ministries.current(name)))
            })
            .collect()
    }
}

/// Accepts http(s) URLs, file URLs and local paths (made absolute against `base_dir`).
fn parse_feed_url(raw: &str, base_dir: Option<&Path>) -> Result<Url, ConfigProblem> {
    let raw = raw.trim();
    match Url::parse(raw) {
        Ok(url) if matches!(url.scheme(), "http" | "https" | "file") => Ok(url),
        Ok(url) if url.scheme().len() > 1 => Err(ConfigProblem::FeedUrlScheme {
            scheme: url.scheme().to_owned(),
        }),
        _ => {
            let path = Path::new(raw);
            let absolute = match base_dir {
                Some(dir) if path.is_relative() => dir.join(path),
                _ => std::env::current_dir()
                    .map(|d| d.join(path))
                    .unwrap_or_else(|_| path.to_owned()),
            };
            Url::from_file_path(&absolute).map_err(|()| ConfigProblem::FeedUrlInvalid {
                raw: raw.to_owned(),
            })
        }
    }
}

/// What the TOML reader said, as a problem: "unknown field `concurency`, expected one of
/// `concurrency`, …" is an unknown key with the closest known one (when one is close), so the
/// long list gives way to the likely fix; "missing field `url`" a missing key; anything else
/// stays in the reader's words.
fn toml_problem(message: &str) -> ConfigProblem {
    let field = |rest: &str| {
        rest.split_once('`')
            .map(|(f, tail)| (f.to_owned(), tail.to_owned()))
    };
    if let Some((key, expected)) = message.strip_prefix("unknown field `").and_then(field) {
        let suggestion = expected
            .split('`')
            .skip(1)
            .step_by(2)
            .map(|candidate| (strsim::jaro_winkler(&key, candidate), candidate))
            .filter(|(score, _)| *score >= 0.8)
            .max_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, name)| name.to_owned());
        return ConfigProblem::UnknownKey { key, suggestion };
    }
    if let Some((key, _)) = message.strip_prefix("missing field `").and_then(field) {
        return ConfigProblem::MissingKey { key };
    }
    ConfigProblem::Toml {
        detail: message.to_owned(),
    }
}

fn line_of(source: &str, offset: usize) -> usize {
    source
        .get(..offset)
        .map_or(1, |s| s.matches('\n').count() + 1)
}

/// Where the configuration came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConfigOrigin {
    /// `--config` or `AMTSFEED_CONFIG`.
    Explicit(PathBuf),
    /// The user's config file in the platform config dir.
    User(PathBuf),
    /// The bundled default (the user file does not exist yet).
    Bundled,
}

/// A loaded configuration and where it came from.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub config: Config,
    pub origin: ConfigOrigin,
}

impl Loaded {
    /// The file that edits (e.g. `import-opml`) write to: the explicit or user file.
    pub fn writable_path(&self) -> Option<PathBuf> {
        match &self.origin {
            ConfigOrigin::Explicit(p) | ConfigOrigin::User(p) => Some(p.clone()),
            ConfigOrigin::Bundled => user_config_path(),
        }
    }
}

/// `<config dir>/config.toml` from `directories`.
pub fn user_config_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("de", "amtsfeed", "amtsfeed")
        .map(|d| d.config_dir().join("config.toml"))
}

/// Resolves and loads: `explicit` (flag or env) > user file > bundled default.
///
/// `creates_file` is for the commands that write the config (`add`, `import-opml`): an
/// explicit path that does not exist yet then starts from the bundled default, as the default
/// path does, and the edit creates the file there.
pub fn load(explicit: Option<&Path>, creates_file: bool) -> Result<Loaded, ConfigError> {
    if let Some(path) = explicit {
        if creates_file && !path.exists() {
            return Ok(Loaded {
                config: Config::bundled()?,
                origin: ConfigOrigin::Explicit(path.to_owned()),
            });
        }
        return Ok(Loaded {
            config: load_file(path)?,
            origin: ConfigOrigin::Explicit(path.to_owned()),
        });
    }
    match user_config_path() {
        Some(path) if path.exists() => Ok(Loaded {
            config: load_file(&path)?,
            origin: ConfigOrigin::User(path),
        }),
        _ => Ok(Loaded {
            config: Config::bundled()?,
            origin: ConfigOrigin::Bundled,
        }),
    }
}

fn load_file(path: &Path) -> Result<Config, ConfigError> {
    let source = std::fs::read_to_string(path).map_err(|e| ConfigError {
        file: path.display().to_string(),
        line: None,
        problem: ConfigProblem::CannotRead {
            problem: crate::model::reason::FileProblem::from_io(&e),
        },
    })?;
    Config::parse(&source, &path.display().to_string(), path.parent())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unique_names_number_taken_names_case_insensitively() {
        let mut names = UniqueNames::new(["BMI", "BMI (2)"]);
        assert_eq!(names.claim("bmi"), "bmi (3)");
        assert_eq!(names.claim("BMF"), "BMF");
        assert_eq!(names.claim("bmf"), "bmf (2)");
        assert!(!names.insert("Bmf (2)"));
        assert!(names.insert("BMAS"));
    }

    #[test]
    fn saved_filters_need_a_name_used_once() {
        let twice = "[[filter]]\nname = \"Krisen\"\nquery = \"a\"\n[[filter]]\nname = \"krisen\"\nquery = \"b\"\n";
        let err = Config::parse(twice, "c.toml", None).expect_err("twice");
        assert_eq!(
            err.to_string(),
            "c.toml:5: filter name 'krisen' is empty or used twice"
        );
        let empty = "[[filter]]\nname = \" \"\nquery = \"a\"\n";
        assert!(Config::parse(empty, "c.toml", None).is_err());
        let two =
            "[[filter]]\nname = \"A\"\nquery = \"a\"\n[[filter]]\nname = \"B\"\nquery = \"b\"\n";
        assert_eq!(
            Config::parse(two, "c.toml", None)
                .expect("fine")
                .filters
                .len(),
            2
        );
    }

    #[test]
    fn more_feeds_than_the_limit_is_an_error_at_the_first_extra_one() {
        let at_limit: String = (0..MAX_FEEDS)
            .map(|i| format!("[[feed]]\nname = \"F{i}\"\nurl = \"https://a.de/{i}\"\n"))
            .collect();
        assert_eq!(
            Config::parse(&at_limit, "c.toml", None)
                .expect("the limit itself is fine")
                .feeds
                .len(),
            MAX_FEEDS
        );
        let feeds: String = (0..=MAX_FEEDS)
            .map(|i| format!("[[feed]]\nname = \"F{i}\"\nurl = \"https://a.de/{i}\"\n"))
            .collect();
        let err = Config::parse(&feeds, "c.toml", None).expect_err("too many");
        assert_eq!(err.line, Some(3 * MAX_FEEDS + 2));
        assert!(
            err.to_string()
                .contains("10001 feeds; amtsfeed reads at most 10000"),
            "{err}"
        );
    }

    #[test]
    fn commented_examples_in_the_bundled_config_are_valid() {
        // Uncomment every `# key = …` and `# [table]` line of the settings part, as a user
        // would, and the result must still load, with no ignored [theme]/[keys] entries.
        let settings_end = BUNDLED
            .find("# --- the federal ministries")
            .expect("marker");
        let mut text = String::new();
        for line in BUNDLED[..settings_end].lines() {
            let uncommented = line.strip_prefix("# ").filter(|rest| {
                rest.starts_with('[')
                    || rest
                        .split_once(" = ")
                        .is_some_and(|(key, _)| !key.contains(' '))
            });
            text.push_str(uncommented.unwrap_or(line));
            text.push('\n');
        }
        text.push_str(&BUNDLED[settings_end..]);
        let config = Config::parse(&text, "uncommented", None).expect("examples are valid");
        assert_eq!(config.language, Some(crate::i18n::Lang::De));
        assert_eq!(config.keep_days, Some(365));
        assert_eq!(config.filters.len(), 1);
        assert!(!config.theme.is_empty() && !config.keys.is_empty());
        let (_, key_warnings) =
            crate::tui::keys::KeyMap::with_overrides(crate::i18n::Lang::De, &config.keys);
        assert!(key_warnings.is_empty(), "{key_warnings:?}");
        let env = crate::tui::theme::ColorEnv::from_vars("", "truecolor", "xterm");
        let (_, theme_warnings) = crate::tui::theme::Theme::from_config(&config.theme, &env);
        assert!(theme_warnings.is_empty(), "{theme_warnings:?}");
    }

    #[test]
    fn bundled_default_lists_the_ministries_in_the_cabinets_order() {
        let config = Config::bundled().expect("bundled config is valid");
        let first: Vec<_> = config
            .feeds
            .iter()
            .take(5)
            .filter_map(|f| f.ministry.as_deref())
            .collect();
        assert_eq!(first, ["BMI", "AA", "BMF", "BMWE", "BMFTR"]);
        assert!(config.feeds.len() >= 20);
        assert_eq!(config.concurrency, 8);
        assert_eq!(config.timeout, Duration::from_secs(30));
        assert_eq!(config.max_feed_bytes, 10 * 1024 * 1024);
        assert!(config.user_agent.starts_with("amtsfeed/"));
    }

    #[test]
    fn a_misspelt_key_gets_a_suggestion_and_an_unterminated_string_a_line() {
        let e = Config::parse("full_text = true\nconcurency = 4\n", "c.toml", None)
            .expect_err("misspelt");
        assert_eq!(
            e.to_string(),
            "c.toml:2: unknown key `concurency`; did you mean `concurrency`?"
        );
        assert_eq!(
            e.in_language(crate::i18n::Lang::De),
            "c.toml:2: unbekannter Schlüssel `concurency`; gemeint ist wohl `concurrency`?"
        );
        let e = Config::parse(
            "full_text = true\n[[feed]]\nname = \"A\nurl = \"x\"\n",
            "c.toml",
            None,
        )
        .expect_err("unterminated");
        assert!(e.to_string().starts_with("c.toml:3: "), "{e}");
        // Nothing close: where to see every key.
        let e = Config::parse("zzz = 1\n", "c.toml", None).expect_err("unknown");
        assert!(e.to_string().contains("amtsfeed config --default"), "{e}");
        let e = Config::parse("[[feed]]\nname = \"A\"\n", "c.toml", None).expect_err("no url");
        assert!(e.to_string().ends_with("`url` is missing"), "{e}");
        assert!(
            e.in_language(crate::i18n::Lang::De)
                .ends_with("`url` fehlt"),
            "{e}"
        );
    }

    #[test]
    fn unknown_key_names_file_and_line() {
        let err =
            Config::parse("concurrency = 4\nfoo = 1\n", "my.toml", None).expect_err("unknown key");
        assert_eq!(err.line, Some(2), "{err}");
        assert!(
            err.to_string().starts_with("my.toml:2: unknown key `foo`"),
            "{err}"
        );
    }

    #[test]
    fn values_out_of_range_are_errors_with_their_line() {
        for (setting, message) in [
            (
                "per_host_concurrency = 9223372036854775807",
                "must be between 1 and 64",
            ),
            ("per_host_concurrency = 65", "must be between 1 and 64"),
            (
                "refresh_interval_minutes = 9223372036854775807",
                "must be between 0 and 10080",
            ),
            (
                "page_delay_ms = 9223372036854775807",
                "must be between 0 and 600000",
            ),
            ("timeout_secs = 3601", "must be between 1 and 3600"),
            ("connect_timeout_secs = 0", "must be between 1 and 600"),
            (
                "max_feed_bytes = 600000000",
                "must be between 1 and 536870912",
            ),
            ("max_page_bytes = 0", "must be between 1 and 536870912"),
            (
                "keep_days = 9223372036854775807",
                "must be between 0 and 36500",
            ),
            (
                "max_articles_per_feed = 9223372036854775807",
                "must be between 0 and 1000000000",
            ),
            ("page_concurrency = 1000", "must be between 1 and 64"),
        ] {
            let source = format!("# settings\n{setting}\n");
            let err = Config::parse(&source, "c.toml", None).expect_err(setting);
            // The key, what it means, and its range.
            let key = setting.split(' ').next().unwrap_or_default();
            let said = err.to_string();
            assert!(said.starts_with(&format!("c.toml:2: {key} (")), "{said}");
            assert!(said.ends_with(message), "{said}");
        }
        let top = "per_host_concurrency = 64\nrefresh_interval_minutes = 10080\npage_delay_ms = 600000\nkeep_days = 36500\n";
        let config = Config::parse(top, "c.toml", None).expect("the largest values are fine");
        assert_eq!(config.per_host_concurrency, 64);
        assert_eq!(config.page_delay, std::time::Duration::from_secs(600));
    }

    #[test]
    fn bad_values_name_the_line() {
        let err = Config::parse("concurrency = 0\n", "c.toml", None).expect_err("zero");
        assert_eq!(
            err.to_string(),
            "c.toml:1: concurrency (feeds fetched at once) must be between 1 and 256"
        );
        assert_eq!(
            err.in_language(crate::i18n::Lang::De),
            "c.toml:1: concurrency (gleichzeitig geladene Feeds) muss zwischen 1 und 256 liegen"
        );
        let src = "[[feed]]\nname = \"A\"\nurl = \"ftp://x.de/feed\"\n";
        let err = Config::parse(src, "c.toml", None).expect_err("scheme");
        assert_eq!(err.line, Some(3));
        let src = "[[feed]]\nname = \"A\"\nurl = \"https://a.de\"\n[[feed]]\nname = \"a\"\nurl = \"https://b.de\"\n";
        let err = Config::parse(src, "c.toml", None).expect_err("duplicate");
        assert_eq!(err.to_string(), "c.toml:5: duplicate feed name 'a'");
        let err = Config::parse("timeout_secs = \"lang\"\n", "c.toml", None).expect_err("type");
        assert_eq!(err.line, Some(1));
    }

    #[test]
    fn paths_become_file_urls_and_browser_lines_split() {
        let src = "browser = \"firefox --new-tab %u\"\n[[feed]]\nname = \"Lokal\"\nurl = \"feeds/bmi.xml\"\n";
        let config = Config::parse(src, "c.toml", Some(Path::new("/home/x/.config/amtsfeed")))
            .expect("valid");
        assert_eq!(
            config.feeds[0].url.as_str(),
            "file:///home/x/.config/amtsfeed/feeds/bmi.xml"
        );
        assert_eq!(
            config.browser,
            Some(vec!["firefox".into(), "--new-tab".into(), "%u".into()])
        );
    }

    #[test]
    fn credentials_are_redacted() {
        let url = Url::parse("https://user:geheim@www.bmi.bund.de/feed.xml").expect("url");
        assert_eq!(redact_url(&url), "https://www.bmi.bund.de/feed.xml");
    }

    #[test]
    fn find_feeds_by_name_or_ministry() {
        let config = Config::bundled().expect("bundled");
        assert_eq!(config.find_feeds("bmi pressemitteilungen").len(), 1);
        assert_eq!(config.find_feeds("BReg").len(), 2);
        assert!(config.find_feeds("nope").is_empty());
        // Any name of a ministry finds its feeds.
        assert_eq!(config.find_feeds("BMWK").len(), 1);
        assert_eq!(config.find_feeds("Wirtschaft"), config.find_feeds("BMWE"));
    }

    #[test]
    fn the_ministry_table_has_every_name_once() {
        let table = bundled_ministries();
        assert!(table.0.len() >= 20, "{}", table.0.len());
        let mut seen = std::collections::HashSet::new();
        for m in &table.0 {
            for name in std::iter::once(&m.name).chain(&m.aliases) {
                assert!(seen.insert(name.to_lowercase()), "{name} twice");
            }
            assert!(!m.domains.is_empty(), "{} has no domain", m.name);
        }
        // Every bundled feed is under a ministry of the table, by its current name.
        for feed in &Config::bundled().expect("bundled").feeds {
            let ministry = feed.ministry.as_deref().expect("a ministry");
            assert_eq!(table.current(ministry), ministry, "{}", feed.name);
            assert!(table.find(ministry).is_some(), "{ministry}");
        }
    }

    #[test]
    fn earlier_ministry_names_and_domains_give_the_current_one() {
        let config = Config::parse(
            r#"
[[feed]]
name = "Wirtschaft alt"
ministry = "BMWi"
url = "https://www.bmwi.de/feed.xml"

[[feed]]
name = "Ohne Angabe"
url = "https://www.bmuv.de/presse.rss"

[[feed]]
name = "Landesamt"
url = "https://www.lfu.bayern.de/feed.rss"

[[ministry]]
name = "LfU"
aliases = ["Landesamt für Umwelt"]
domains = ["lfu.bayern.de"]

[[ministry]]
name = "bmwe"
aliases = ["Wirtschaftsressort"]
"#,
            "test.toml",
            None,
        )
        .expect("parses");
        let ministries: Vec<Option<&str>> =
            config.feeds.iter().map(|f| f.ministry.as_deref()).collect();
        assert_eq!(ministries, [Some("BMWE"), Some("BMUKN"), Some("LfU")]);
        // The user's entries extend the table.
        assert_eq!(config.ministries.current("Wirtschaftsressort"), "BMWE");
        assert_eq!(config.ministries.current("landesamt für umwelt"), "LfU");
        assert_eq!(config.ministries.current("Unbekannt"), "Unbekannt");
        let bad = Config::parse(
            "[[ministry]]\nname = \"X\"\nfarbe = \"rot\"\n",
            "t.toml",
            None,
        );
        assert!(bad.is_err(), "unknown keys are refused");
    }
}
