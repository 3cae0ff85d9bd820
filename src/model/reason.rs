//! Why a feed or an article page could not be used: what happened, with its details as data,
//! from where it happens to where it is shown. Stored as JSON (`to_stored`), never as words;
//! worded once, in the UI's language, by `i18n` (`Lang::reason`; `Display` is the English
//! wording, for logs and the scripting contract). Pure data: no I/O.

use serde::{Deserialize, Serialize};

/// Why a connection failed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NetCause {
    /// DNS: the name does not resolve (offline?).
    NameNotResolved,
    Refused,
    /// No route to the network (offline?).
    Unreachable,
    /// Anything else, in the words of the network library.
    Other(String),
}

/// Why a local feed file cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FileProblem {
    NotALocalPath,
    NotARegularFile,
    NotFound,
    PermissionDenied,
    /// On a read-only file system.
    ReadOnlyMedium,
    /// The disk (or the user's quota) is full.
    DiskFull,
    /// A folder where a file is wanted.
    IsAFolder,
    /// A file where a folder is wanted (a path through a file).
    NotAFolder,
    /// Not text in UTF-8.
    NotText,
    /// Anything else, in the operating system's words.
    Other(String),
}

impl FileProblem {
    /// What an I/O error of the operating system means, as data to be worded.
    pub fn from_io(error: &std::io::Error) -> Self {
        use std::io::ErrorKind as K;
        match error.kind() {
            K::NotFound => Self::NotFound,
            K::PermissionDenied => Self::PermissionDenied,
            K::ReadOnlyFilesystem => Self::ReadOnlyMedium,
            K::StorageFull | K::QuotaExceeded => Self::DiskFull,
            K::IsADirectory => Self::IsAFolder,
            K::NotADirectory => Self::NotAFolder,
            K::InvalidData => Self::NotText,
            _ => Self::Other(error.to_string()),
        }
    }
}

/// What a body looks like when it is no feed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LooksLike {
    HtmlPage,
    /// A web page, read as a press listing, without dated teasers to read as items.
    PageWithoutDatedTeasers,
    SomethingElse,
}

/// Why a feed or a page could not be used.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "what", rename_all = "snake_case")]
pub enum Reason {
    /// An HTTP status that is no success; 429/503 may say when to come back.
    Http {
        status: u16,
        retry_after: Option<u64>,
    },
    Timeout {
        secs: u64,
    },
    /// Not asked: the server said 429/503 and when to come back (UTC seconds).
    Waiting {
        until: i64,
    },
    /// The body is larger than the config's cap (`setting` names it).
    TooLarge {
        limit: u64,
        setting: String,
    },
    TooManyRedirects {
        max: usize,
    },
    RedirectWithoutLocation {
        status: u16,
    },
    RedirectNotHttp {
        scheme: String,
    },
    /// Another redirect problem, in the network library's words.
    Redirect {
        detail: String,
    },
    /// A page read before now redirects to another page (an overview, the home page).
    RedirectedElsewhere {
        to: String,
    },
    NoConnection {
        host: String,
        cause: NetCause,
    },
    NoSecureConnection {
        host: String,
        detail: String,
    },
    ConnectionClosed {
        host: String,
    },
    /// A local feed file that cannot be read.
    File {
        path: String,
        problem: FileProblem,
    },
    UnsupportedScheme {
        scheme: String,
    },
    /// A page link (or redirect) into the local network from a feed that is not there.
    LocalAddress {
        address: String,
    },
    EmptyResponse,
    NotAFeed {
        looks_like: LooksLike,
    },
    Malformed {
        detail: String,
    },
    ParserCrashed {
        detail: String,
    },
    /// The site names where the feed may have moved: the first reason, and how to adopt it.
    MovedCandidate {
        reason: Box<Reason>,
        name: String,
        url: String,
    },
    InvalidLink {
        url: String,
    },
    /// The article has no link to fetch its page from.
    NoWebLink,
    NotHtml {
        content_type: String,
    },
    PageUnparsable,
    NoArticleText,
    ExtractionCrashed {
        detail: String,
    },
    /// An error page served as a success, in its own words.
    ErrorPage {
        notice: String,
    },
    /// Words kept as they came (a reason stored by an older amtsfeed that could not be read
    /// back into one of the above).
    Text {
        text: String,
    },
}

impl Reason {
    /// The reason as it is stored: JSON with its kind and details.
    pub fn to_stored(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// A stored reason; anything that is not one (text from before schema 10) as `Text`.
    pub fn from_stored(stored: &str) -> Self {
        serde_json::from_str(stored).unwrap_or_else(|_| Reason::Text {
            text: stored.to_owned(),
        })
    }

    /// The host cannot be reached at all or asked to wait: leave its other pages for later.
    pub fn backs_off_the_host(&self) -> bool {
        matches!(
            self,
            Reason::Http {
                status: 429 | 503,
                ..
            } | Reason::NoConnection { .. }
                | Reason::NoSecureConnection { .. }
                | Reason::ConnectionClosed { .. }
                | Reason::Timeout { .. }
        )
    }

    /// The feed is gone (404/410): perhaps moved without a redirect.
    pub fn is_gone(&self) -> bool {
        matches!(
            self,
            Reason::Http {
                status: 404 | 410,
                ..
            }
        )
    }
}

/// A feed name that claims a ministry the feed does not belong to: the data of the refusal
/// (the name asked for) or of the renaming (a feed's own title).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claim {
    /// The name as written.
    pub name: String,
    /// The claimed ministry's short name, title and domains.
    pub ministry: String,
    pub title: Option<String>,
    pub domains: Vec<String>,
}

/// Why a feed is not added, moved or removed (`add`, `import-opml`, `move`, `remove`, the
/// reader's `a`), with the details as data; worded by `i18n` (`Lang::refusal`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// The URL as typed could not be read (the URL parser's words in `detail`).
    NotAUrl {
        shown: String,
        detail: String,
    },
    /// `www.bmi.bund.de/…` without a scheme.
    NoScheme {
        shown: String,
    },
    NeitherUrlNorFile {
        shown: String,
    },
    /// A path that exists but cannot be made a file URL.
    UnusablePath {
        shown: String,
    },
    /// Neither http(s) nor an existing local file.
    NotAddable {
        shown: String,
    },
    /// Checking the feed failed.
    CheckFailed(Reason),
    /// The server answered 304 to a plain GET.
    NotModifiedToGet,
    /// A web page that announces no feed and lists no dated articles.
    PageWithoutFeed,
    /// The feed a page announces is a web page too.
    AnnouncedIsPage {
        feed: String,
    },
    /// The feed a page announces failed.
    AnnouncedFailed {
        feed: String,
        reason: Reason,
    },
    AlreadyConfigured {
        name: String,
    },
    NameTaken {
        name: String,
    },
    ClaimsMinistry(Claim),
    NoFeedNamed {
        name: String,
    },
    /// A URL another feed has already (`move`).
    UrlTaken {
        url: String,
        name: String,
    },
    /// The feed comes from another config file than the one written.
    InOtherConfig {
        name: String,
        path: String,
    },
    /// More feeds than amtsfeed reads (`import-opml`).
    TooManyFeeds {
        new: usize,
        configured: usize,
        max: usize,
    },
    /// There is no user config to write (`--config FILE`).
    NoConfigPath,
}

impl std::error::Error for Refusal {}

/// A refusal for one URL: "URL: not added: …" (the URL without credentials).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotAdded {
    pub url: String,
    pub refusal: Refusal,
}

impl std::error::Error for NotAdded {}

/// What `add` and `import-opml` say besides adding: how a feed was taken in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AddNote {
    /// A feed title that claims a ministry: added under `instead`.
    Renamed { claim: Claim, instead: String },
    /// A web page was given: the feed it announces is added.
    AnnouncedFeed { page: String, feed: String },
    /// A web page without a feed: added as a listing page.
    AsListing { url: String },
    /// Skipped on import: the URL is configured already.
    Known { name: String },
    /// Skipped on import: an outline whose URL an earlier one has.
    DuplicateOutline { name: String },
    /// Skipped on import: not an http(s) feed URL.
    NotHttp { name: String, url: String },
}

/// What went wrong in a command, as data; worded by `words` (`in_lang`; `Display` is English).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CommandProblem {
    NoFeedNamed(String),
    NoSavedFilter(String),
    NoArticle(i64),
    NotInCache(String),
    NoLink,
    NoSuchLink {
        have: usize,
        asked: usize,
    },
    /// `show --diff A..B` with a version the article does not have, or not a range.
    NoSuchVersion {
        have: usize,
        asked: String,
    },
    CannotRead {
        path: String,
        problem: FileProblem,
    },
    /// An OPML file that cannot be imported.
    Opml {
        path: String,
        problem: OpmlProblem,
    },
    CannotWrite {
        path: String,
        problem: FileProblem,
    },
    NoConfigPath,
    NoDataDir,
    NoSourceGroup {
        asked: String,
        groups: String,
    },
}

impl std::error::Error for CommandProblem {}

/// A `[keys]` or `[theme]` entry of the config that is ignored, and why; worded by `words`
/// (`Lang::setting_warning`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SettingWarning {
    NoSuchAction {
        action: String,
    },
    NotAKeyOrList {
        action: String,
    },
    CtrlCQuits {
        action: String,
    },
    KeyTaken {
        action: String,
        key: String,
        other: String,
    },
    BadKey {
        action: String,
        problem: KeyProblem,
    },
    BadPreset {
        value: Option<String>,
    },
    BadColors,
    NoSuchElement {
        key: String,
        elements: Vec<String>,
    },
    BadStyle {
        key: String,
        problem: StyleProblem,
    },
    NotAStyle {
        key: String,
    },
}

/// Why a key as written in `[keys]` is none.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyProblem {
    ControlCharacter,
    CtrlTakesOneLetter { text: String },
    NotAKey { text: String },
}

/// Why a style as written in `[theme]` is none.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StyleProblem {
    NotAColour { word: String },
    OnNeedsColour,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reasons_are_stored_as_data_and_read_back() {
        let reasons = [
            Reason::Http {
                status: 503,
                retry_after: Some(120),
            },
            Reason::NoConnection {
                host: "www.bmas.de".into(),
                cause: NetCause::NameNotResolved,
            },
            Reason::MovedCandidate {
                reason: Box::new(Reason::Http {
                    status: 404,
                    retry_after: None,
                }),
                name: "BMI".into(),
                url: "https://www.bmi.bund.de/neu.xml".into(),
            },
            Reason::NotAFeed {
                looks_like: LooksLike::HtmlPage,
            },
            Reason::NoArticleText,
        ];
        for reason in reasons {
            let stored = reason.to_stored();
            assert!(stored.starts_with('{'), "{stored}");
            assert_eq!(Reason::from_stored(&stored), reason);
        }
        assert_eq!(
            Reason::from_stored("no connection to x"),
            Reason::Text {
                text: "no connection to x".into()
            }
        );
    }
}

/// Why an OPML file cannot be imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OpmlProblem {
    /// Not well-formed XML, at this byte (the XML reader's words as the detail).
    Malformed { at: u64, detail: String },
    /// The file ends inside this element (cut off).
    EndsEarly { inside: String },
    /// More feeds than amtsfeed reads.
    TooManyFeeds { max: usize },
    /// No `<opml>` element.
    NotOpml,
}
