//! Domain types shared by every layer: feeds, articles and their read state. No I/O.

use chrono::{DateTime, Utc};
use serde::Serialize;
use url::Url;

pub mod reason;
pub mod reference;
pub use reason::Reason;

/// Row id of a feed in the cache.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct FeedId(pub i64);

/// The zone dates are shown in: the system's (`TZ`, the default) or a fixed offset, which
/// tests inject instead of changing the process environment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Zone {
    #[default]
    Local,
    Fixed(chrono::FixedOffset),
}

impl Zone {
    /// `at` as wall-clock time in this zone.
    pub fn local(self, at: DateTime<Utc>) -> chrono::NaiveDateTime {
        match self {
            Zone::Local => at.with_timezone(&chrono::Local).naive_local(),
            Zone::Fixed(offset) => at.with_timezone(&offset).naive_local(),
        }
    }
}

/// Row id of an article in the cache; the number users type after `show`, `open`, `read`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct ArticleId(pub i64);

/// An article as parsed from a feed, before it has a row in the cache.
#[derive(Debug, Clone, PartialEq)]
pub struct NewArticle {
    /// Stable identity within its feed: guid, else the cleaned link, else a hash of title and date.
    pub key: String,
    pub title: String,
    pub link: Option<String>,
    /// Publication date from the feed (published, else updated); `None` means "use first seen".
    pub published: Option<DateTime<Utc>>,
    pub topics: Vec<String>,
    /// Teaser as HTML (sanitized), as the feed sent it.
    pub summary_html: String,
    /// Teaser as one line of plain text, for lists and search.
    pub summary: String,
    /// Full content as HTML when the feed carries it (Atom content, content:encoded).
    pub content_html: Option<String>,
    /// `content_html` as plain text (empty without it), converted before the store: the
    /// store only stores it and indexes it for search.
    pub content_text: String,
    /// The type the source names (a listing's teaser: Pressemitteilung, Rede, …), kept until
    /// the article's page says otherwise.
    pub kind: Option<String>,
    /// `published` names a day, not a time (a listing's or a page's date): shown without
    /// one rather than with an invented noon.
    pub day_only: bool,
}

/// One row of an article list: what `list` and the TUI list show.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ArticleSummary {
    pub id: ArticleId,
    pub feed: String,
    pub ministry: Option<String>,
    pub title: String,
    pub link: Option<String>,
    pub published: DateTime<Utc>,
    pub topics: Vec<String>,
    pub summary: String,
    pub read: bool,
    pub starred: bool,
    /// Document type from the article page (Meldung, Pressemitteilung, …), once fetched.
    pub kind: Option<String>,
    /// The document's number beside its type ("6/2022" of "Pressemitteilung 6/2022").
    pub number: Option<String>,
    /// Neither the feed nor the article page gave a date: `published` is when the item was
    /// first seen, which must not be presented as its publication date.
    pub date_unknown: bool,
    /// The source gave a day without a time: the time of `published` is a stand-in (noon)
    /// and is not shown.
    pub time_unknown: bool,
    /// When a change of its title, teaser, text, date or type was last seen (`None`: it is
    /// as first stored).
    pub changed_at: Option<DateTime<Utc>>,
    /// When it left its feed while newer and older items stayed (taken out, not scrolled
    /// off the end); `None` while it is in the feed.
    pub left_feed_at: Option<DateTime<Utc>>,
    /// Since when its page is gone (404, 410, an error page, a redirect elsewhere); the text
    /// stored before stays readable.
    pub gone_at: Option<DateTime<Utc>>,
    /// The release group it belongs to (one release in several feeds), if any.
    pub group: Option<ArticleId>,
    /// The other feeds' ministries (or names) that published the same release.
    pub also_in: Vec<String>,
}

impl ArticleSummary {
    /// The type with its number beside it, as headers show it ("Pressemitteilung 6/2022").
    pub fn kind_with_number(&self) -> Option<String> {
        let kind = self.kind.as_deref()?;
        Some(match &self.number {
            Some(number) => format!("{kind} {number}"),
            None => kind.to_owned(),
        })
    }
}

/// Everything the cache knows about one article: what `show` and the reader display.
#[derive(Debug, Clone, PartialEq)]
pub struct Article {
    pub summary: ArticleSummary,
    pub summary_html: String,
    pub content_html: Option<String>,
    /// The article page's extracted content, when it was fetched.
    pub page_html: Option<String>,
    /// Full-text state: `None` not fetched yet, `Some("ok")`, or why the last attempt failed.
    pub page_status: Option<String>,
    /// When the text shown was fetched: the page's last successful fetch, else when the feed
    /// first brought the article (a citation's "abgerufen am").
    pub retrieved: DateTime<Utc>,
    /// The same release in other feeds: (source, link), for the reader to open them.
    pub copies: Vec<(String, String)>,
    /// The parliamentary documents it names (Drucksachen, Plenarprotokolle, Vorgänge).
    pub references: Vec<reference::Reference>,
    /// Their processes, as DIP described them when last asked (with a DIP key).
    pub processes: Vec<reference::Process>,
}

impl Article {
    /// The richest HTML body available: the page, else the feed's full content, else the teaser.
    pub fn body_html(&self) -> &str {
        [&self.page_html, &self.content_html]
            .into_iter()
            .find_map(|body| body.as_deref().filter(|c| !c.trim().is_empty()))
            .unwrap_or(&self.summary_html)
    }

    /// Whether the body is the full article (page or feed content), not only the teaser.
    pub fn has_full_text(&self) -> bool {
        self.body_html() != self.summary_html
    }

    /// Why only the teaser is there, or `None` when the full text is.
    pub fn teaser_reason(&self, full_text_enabled: bool) -> Option<TeaserReason> {
        if self.has_full_text() {
            return None;
        }
        Some(match self.page_status.as_deref() {
            _ if self
                .summary
                .link
                .as_deref()
                .is_none_or(|l| !l.starts_with("http")) =>
            {
                TeaserReason::NoLink
            }
            Some("ok") | None if !full_text_enabled => TeaserReason::FullTextOff,
            Some("ok") | None => TeaserReason::NotFetchedYet,
            Some(reason) => TeaserReason::PageUnusable(Reason::from_stored(reason)),
        })
    }
}

/// Why an article has only its teaser; the UI words it in its language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TeaserReason {
    NoLink,
    FullTextOff,
    NotFetchedYet,
    /// The page was fetched but not usable, and why.
    PageUnusable(Reason),
}

/// Per-feed status as kept in the cache, for `feeds` and the TUI sidebar.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FeedStatus {
    pub name: String,
    pub url: String,
    pub ministry: Option<String>,
    pub articles: u64,
    pub unread: u64,
    pub last_fetch: Option<DateTime<Utc>>,
    pub last_error: Option<Reason>,
    /// Where the feed answers from after permanent redirects, if it moved.
    pub moved_to: Option<String>,
}

/// Conditional-GET validators kept per feed (`ETag`, `Last-Modified`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Validators {
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

/// A topic and how many articles carry it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TopicCount {
    pub topic: String,
    pub count: u64,
}

/// How the timeline groups articles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bucket {
    Day,
    Week,
    Month,
}

impl Bucket {
    /// Days for a filter spanning `days`: up to a month by day, up to half a year by week.
    pub fn for_span(days: i64) -> Self {
        match days {
            ..=31 => Bucket::Day,
            32..=183 => Bucket::Week,
            _ => Bucket::Month,
        }
    }

    /// The first day of the bucket holding `day` (itself, its week's Monday, its month's 1st).
    pub fn start_of(self, day: chrono::NaiveDate) -> chrono::NaiveDate {
        use chrono::Datelike;
        match self {
            Bucket::Day => day,
            Bucket::Week => {
                day - chrono::Duration::days(i64::from(day.weekday().num_days_from_monday()))
            }
            Bucket::Month => day.with_day(1).unwrap_or(day),
        }
    }

    /// The start of the bucket after the one starting on `start`.
    pub fn next(self, start: chrono::NaiveDate) -> Option<chrono::NaiveDate> {
        self.range(start).1.succ_opt()
    }

    /// The first and last day of the bucket that starts on `start`.
    pub fn range(self, start: chrono::NaiveDate) -> (chrono::NaiveDate, chrono::NaiveDate) {
        use chrono::{Datelike, Days, Months};
        let end = match self {
            Bucket::Day => Some(start),
            Bucket::Week => start.checked_add_days(Days::new(6)),
            Bucket::Month => start
                .with_day(1)
                .and_then(|d| d.checked_add_months(Months::new(1)))
                .and_then(|d| d.pred_opt()),
        };
        (start, end.unwrap_or(start))
    }
}

/// Articles per day, week or month for the current filter, oldest first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timeline {
    pub bucket: Bucket,
    /// First day of each bucket and its article count.
    pub bars: Vec<(chrono::NaiveDate, u64)>,
}

impl Timeline {
    /// Adds empty buckets between the first and the last, so gaps show as gaps (at most
    /// `max` buckets, the newest kept).
    pub fn fill_gaps(mut self, max: usize) -> Self {
        let (Some(&(first, _)), Some(&(last, _))) = (self.bars.first(), self.bars.last()) else {
            return self;
        };
        let mut filled = Vec::new();
        let mut day = Some(first);
        let mut given = self.bars.iter().peekable();
        while let Some(current) = day.filter(|d| *d <= last) {
            let count = match given.peek() {
                Some(&&(d, c)) if d == current => {
                    given.next();
                    c
                }
                _ => 0,
            };
            filled.push((current, count));
            day = self.bucket.next(current);
        }
        let skip = filled.len().saturating_sub(max);
        self.bars = filled.split_off(skip);
        self
    }
}

/// How one feed's refresh changed the cache.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct StoreCounts {
    pub new: usize,
    pub updated: usize,
}

impl NewArticle {
    /// A fingerprint of everything the feed says about the article, to notice changes.
    pub fn content_hash(&self) -> i64 {
        let mut hash = Fnv1a::default();
        for part in [
            self.title.as_str(),
            self.link.as_deref().unwrap_or(""),
            &self.summary_html,
        ] {
            hash.write(part.as_bytes());
        }
        hash.write(self.content_html.as_deref().unwrap_or("").as_bytes());
        hash.write(self.topics.join("\n").as_bytes());
        hash.write(&self.published.map_or(0, |d| d.timestamp()).to_le_bytes());
        // SQLite stores signed integers; the bit pattern is what matters.
        hash.finish() as i64
    }
}

/// FNV-1a: a hash that stays the same across Rust releases (std's `DefaultHasher` may not),
/// so stored keys and fingerprints remain valid after an upgrade.
#[derive(Debug, Clone, Copy)]
pub struct Fnv1a(u64);

impl Default for Fnv1a {
    fn default() -> Self {
        Self(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv1a {
    /// Adds bytes, then a separator so that ("ab","c") and ("a","bc") differ.
    pub fn write(&mut self, bytes: &[u8]) {
        self.write_bytes(bytes);
        self.write_bytes(&[0xff]);
    }

    /// Adds bytes as they are (a `Hasher` adds its own separators).
    pub fn write_bytes(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0 ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3);
        }
    }

    pub fn finish(self) -> u64 {
        self.0
    }
}

/// One configured feed.
#[derive(Debug, Clone, PartialEq)]
pub struct FeedConfig {
    pub name: String,
    /// An http(s) or file URL (paths in the config become file URLs).
    pub url: Url,
    pub ministry: Option<String>,
    pub topics: Vec<String>,
    /// Fetch the linked article pages for their full text (`None`: the global `full_text`).
    pub full_text: Option<bool>,
    /// A press listing page read as a feed (`listing = true`): its dated teasers are the items.
    pub listing: bool,
}

impl FeedConfig {
    /// The URL for display: without `user:password@`, so credentials never reach output.
    pub fn display_url(&self) -> String {
        redact_url(&self.url)
    }
}

/// A URL as printed: credentials removed.
pub fn redact_url(url: &Url) -> String {
    let mut shown = url.clone();
    if !shown.username().is_empty() || shown.password().is_some() {
        // Only fails for cannot-be-a-base URLs, which carry no credentials anyway.
        let _ = shown.set_username("");
        let _ = shown.set_password(None);
    }
    shown.to_string()
}

// What a refresh reports: plain data for the CLI printer and the TUI alike.

/// What happened to one feed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedReport {
    pub name: String,
    pub outcome: Result<FeedChange, Reason>,
    /// The feed answered from here after permanent redirects, and this refresh noticed it
    /// first: asked there from now on.
    pub moved_to: Option<String>,
}

/// A successful refresh of one feed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FeedChange {
    NotModified,
    Stored(StoreCounts),
}

/// Totals over a whole refresh.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    pub feeds: usize,
    pub failed: usize,
    pub new: usize,
    pub updated: usize,
    pub pages: PageSummary,
    /// Articles removed by retention (`keep_days`, `max_articles_per_feed`).
    pub removed: usize,
    /// The largest article id before the refresh: larger ones are new (alerts count them).
    pub new_after: i64,
    /// When the refresh began: articles changed since were changed by it (change alerts).
    pub started_at: DateTime<Utc>,
    /// The DIP lookups after it (with a DIP key).
    pub dip: Option<reference::DipSummary>,
}

/// How long articles stay in the cache (`keep_days`, `max_articles_per_feed`). Unset or 0
/// keeps everything, as newsboat reads 0: a 0 that deleted every unstarred article would be
/// the one setting that loses data by a slip. Starred articles always stay.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Retention {
    keep_days: Option<u64>,
    max_per_feed: Option<usize>,
}

impl Retention {
    pub fn new(keep_days: Option<u64>, max_per_feed: Option<usize>) -> Self {
        Self {
            keep_days: keep_days.filter(|d| *d > 0),
            max_per_feed: max_per_feed.filter(|n| *n > 0),
        }
    }

    /// Whether nothing is ever removed.
    pub fn keeps_all(&self) -> bool {
        self.keep_days.is_none() && self.max_per_feed.is_none()
    }

    /// Unstarred articles published before this (a Unix time) are removed.
    pub fn oldest_kept(&self, now: DateTime<Utc>) -> Option<i64> {
        let days = i64::try_from(self.keep_days?).unwrap_or(i64::MAX);
        Some(now.timestamp().saturating_sub(days.saturating_mul(86_400)))
    }

    /// How many unstarred articles each feed keeps, the newest first.
    pub fn max_per_feed(&self) -> Option<usize> {
        self.max_per_feed
    }
}

/// What the page phase did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageSummary {
    pub fetched: usize,
    pub unchanged: usize,
    pub failed: usize,
    /// The articles whose pages failed, the first `MAX_FAILED_IDS` (for `amtsfeed show ID`).
    pub failed_ids: Vec<i64>,
    /// Left for a later refresh because the host asked to wait (429/503).
    pub deferred: usize,
}

/// What a refresh brought to a saved filter, or to the starred articles (an alert).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alert {
    /// The saved filter's name; empty for [`AlertKind::StarredChanged`].
    pub filter: String,
    pub count: u64,
    pub kind: AlertKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum AlertKind {
    /// New matches (`notify = true`).
    #[default]
    New,
    /// Matches that were edited, taken out of their feed or taken down
    /// (`notify_changes = true`).
    Changed,
    /// Starred articles that changed.
    StarredChanged,
    /// Matches whose process in parliament moved to another stage (`notify_changes = true`).
    StageChanged,
}

/// A saved filter's counts for the sidebar and `amtsfeed filters`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SavedCount {
    pub name: String,
    pub unread: u64,
    pub total: u64,
    /// Matches stored since the filter was last looked at.
    pub new: u64,
}

/// What differs between two versions of an article, as bits (stored so in the cache).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Changes(pub u8);

impl Changes {
    pub const TITLE: u8 = 1;
    pub const TEASER: u8 = 2;
    pub const TEXT: u8 = 4;
    pub const DATE: u8 = 8;
    pub const KIND: u8 = 16;

    pub fn has(self, bit: u8) -> bool {
        self.0 & bit != 0
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The parts that changed, by their JSON names: "title", "teaser", "text", "date", "kind".
    pub fn names(self) -> Vec<&'static str> {
        [
            (Self::TITLE, "title"),
            (Self::TEASER, "teaser"),
            (Self::TEXT, "text"),
            (Self::DATE, "date"),
            (Self::KIND, "kind"),
        ]
        .into_iter()
        .filter(|(bit, _)| self.has(*bit))
        .map(|(_, name)| name)
        .collect()
    }
}

/// One version of an article as it was seen: the first is what was first stored, the last
/// is the current one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Version {
    /// 1 for the first version.
    pub number: usize,
    /// When this version was first seen.
    pub seen_at: DateTime<Utc>,
    /// What differs from the version before (nothing for the first).
    pub changes: Changes,
    pub title: String,
    pub summary: String,
    /// The page's text (paragraphs apart by blank lines); empty without a page; `None` when
    /// it cannot be rebuilt (stored by an amtsfeed that rendered pages differently).
    pub text: Option<String>,
    pub kind: Option<String>,
    pub published: DateTime<Utc>,
}

/// The Internet Archive's lookup of a page's saved copies: offered to the reader of a page
/// that is gone, never fetched by amtsfeed.
pub fn archive_url(link: &str) -> String {
    format!("https://web.archive.org/web/*/{link}")
}

/// How many failed pages a summary names.
pub const MAX_FAILED_IDS: usize = 10;

/// A document type and its number apart: "Pressemitteilung 6/2022" → ("Pressemitteilung",
/// "6/2022"), "Pressemitteilung Nr. 12" → ("Pressemitteilung", "12"). A kind without a number
/// (or whose last word is not one) stays whole.
pub fn split_kind_number(kind: &str) -> (String, Option<String>) {
    let kind = kind.trim();
    let Some((head, last)) = kind.rsplit_once(' ') else {
        return (kind.to_owned(), None);
    };
    let is_number = last.chars().any(|c| c.is_ascii_digit())
        && last
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '/' | '-' | '.'));
    if !is_number {
        return (kind.to_owned(), None);
    }
    let head = head.trim_end();
    let head = head
        .strip_suffix("Nr.")
        .or_else(|| head.strip_suffix("Nr"))
        .unwrap_or(head)
        .trim_end();
    if head.is_empty() {
        return (kind.to_owned(), None);
    }
    (head.to_owned(), Some(last.to_owned()))
}

/// A ministry under its current short name, with its earlier names and words that mean it,
/// and the domains its sites were served from.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ministry {
    pub name: String,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub domains: Vec<String>,
}

/// Whether a ministry's alias names the authority itself ("BMWi", "Innenministerium",
/// "Bundesregierung") rather than its field ("Umwelt", "Arbeit"), which feeds of anyone
/// may well be called.
fn names_an_authority(alias: &str) -> bool {
    let lower = alias.to_lowercase();
    alias.chars().filter(char::is_ascii_uppercase).count() >= 2
        || ["minister", "bundes", "kanzler", "amt", "regierung"]
            .iter()
            .any(|w| lower.contains(w))
}

impl Ministry {
    /// Whether the (lower-case) host is one of its domains or a subdomain of one.
    fn serves(&self, host: &str) -> bool {
        self.domains.iter().any(|d| {
            let d = d.to_ascii_lowercase();
            host == d
                || host
                    .strip_suffix(&d)
                    .is_some_and(|rest| rest.ends_with('.'))
        })
    }
}

/// The ministries amtsfeed knows (`config/ministries.toml` plus the user's `[[ministry]]`):
/// `BMWK`, `BMWi` and `Wirtschaft` all mean `BMWE`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Ministries(pub Vec<Ministry>);

impl Ministries {
    /// The ministry `term` names (its short name, an earlier name or an alias; any case).
    pub fn find(&self, term: &str) -> Option<&Ministry> {
        let term = term.trim();
        self.0.iter().find(|m| {
            m.name.eq_ignore_ascii_case(term)
                || m.aliases
                    .iter()
                    .any(|a| a.to_lowercase() == term.to_lowercase())
        })
    }

    /// The ministry a feed's name claims: the name is one of the ministry's names, or
    /// starts with one before a space or punctuation ("BMI Pressemitteilungen",
    /// "Bundesregierung: Aktuelles").
    pub fn claimed_by(&self, feed_name: &str) -> Option<&Ministry> {
        let name = feed_name.trim().to_lowercase();
        self.0.iter().find(|m| {
            std::iter::once(&m.name)
                .chain(m.aliases.iter().filter(|a| names_an_authority(a)))
                .any(|n| {
                    name.strip_prefix(&n.to_lowercase()).is_some_and(|rest| {
                        rest.chars().next().is_none_or(|c| !c.is_alphanumeric())
                    })
                })
        })
    }

    /// The current short name for `term`, or `term` itself when it names no ministry.
    pub fn current<'a>(&'a self, term: &'a str) -> &'a str {
        self.find(term).map_or(term, |m| m.name.as_str())
    }

    /// The ministry whose domain serves `url` (the host or a subdomain of it).
    pub fn for_url(&self, url: &Url) -> Option<&Ministry> {
        let host = url.host_str()?.to_ascii_lowercase();
        self.0.iter().find(|m| m.serves(&host))
    }

    /// Whether `link` is an http(s) URL on a domain of the ministry `name` names. False
    /// when the ministry is unknown or has no domains: nothing can be said for it then.
    pub fn owns_link(&self, name: &str, link: &str) -> bool {
        let Some(ministry) = self.find(name) else {
            return false;
        };
        Url::parse(link).is_ok_and(|url| {
            matches!(url.scheme(), "http" | "https")
                && url
                    .host_str()
                    .is_some_and(|h| ministry.serves(&h.to_ascii_lowercase()))
        })
    }

    /// Whether a link of the ministry `name` points elsewhere than its own domains (a copy
    /// that claims the ministry and links away): false when nothing can be said (no link,
    /// an unknown ministry, one without domains).
    pub fn link_elsewhere(&self, name: &str, link: &str) -> bool {
        self.find(name).is_some_and(|m| !m.domains.is_empty()) && !self.owns_link(name, link)
    }

    /// Adds `more` (the user's entries): an entry naming a known ministry (by any of its
    /// names) extends it, any other is a new one.
    pub fn extend(&mut self, more: Vec<Ministry>) {
        for entry in more {
            let known = std::iter::once(&entry.name)
                .chain(&entry.aliases)
                .find_map(|n| {
                    self.0.iter().position(|m| {
                        m.name.eq_ignore_ascii_case(n)
                            || m.aliases.iter().any(|a| a.eq_ignore_ascii_case(n))
                    })
                });
            match known {
                Some(i) => {
                    let m = &mut self.0[i];
                    if !entry.name.eq_ignore_ascii_case(&m.name) {
                        m.aliases.push(entry.name);
                    }
                    m.aliases.extend(entry.aliases);
                    m.domains.extend(entry.domains);
                    if entry.title.is_some() {
                        m.title = entry.title;
                    }
                }
                None => self.0.push(entry),
            }
        }
    }
}

#[cfg(test)]
mod kind_number_tests {
    use super::*;

    #[test]
    fn a_kind_and_its_number_apart() {
        for (kind, expected) in [
            (
                "Pressemitteilung 6/2022",
                ("Pressemitteilung", Some("6/2022")),
            ),
            ("Pressemitteilung Nr. 12", ("Pressemitteilung", Some("12"))),
            (
                "Pressemitteilung Nr. 041/2021",
                ("Pressemitteilung", Some("041/2021")),
            ),
            ("Pressemitteilung", ("Pressemitteilung", None)),
            ("Rede des Ministers", ("Rede des Ministers", None)),
            ("2021", ("2021", None)),
        ] {
            let (k, n) = split_kind_number(kind);
            assert_eq!((k.as_str(), n.as_deref()), expected, "{kind}");
        }
    }
}
