//! The catalogue: every failure and outcome amtsfeed reports, worded once, in German and
//! in English. Failures are data where they happen (`model::Reason`, `Refusal`, `AddNote`,
//! `config::ConfigProblem`, `store::StoreError`, `filter::FilterError`, …) and stay data
//! until a front end words them here in the UI's language. The English wording is also each
//! type's `Display`, for logs and the scripting contract. Static UI texts are in `i18n`.

use crate::config::ConfigProblem;
use crate::i18n::Lang;
use crate::model::reason::{
    AddNote, Claim, FileProblem, LooksLike, NetCause, NotAdded, Reason, Refusal,
};

/// The English wording (`Lang::En.reason`), for logs and the scripting contract.
impl std::fmt::Display for Reason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&Lang::En.reason(self))
    }
}

impl std::error::Error for Reason {}

/// What a config setting does, for errors that name it.
fn setting_meaning(key: &str, de: bool) -> &'static str {
    let (en, german) = match key {
        "concurrency" => ("feeds fetched at once", "gleichzeitig geladene Feeds"),
        "per_host_concurrency" => (
            "requests to one server at once",
            "gleichzeitige Anfragen an einen Server",
        ),
        "page_concurrency" => (
            "article pages fetched at once",
            "gleichzeitig geladene Artikelseiten",
        ),
        "timeout_secs" => ("seconds a response may take", "Sekunden für eine Antwort"),
        "connect_timeout_secs" => (
            "seconds to connect to a server",
            "Sekunden für den Verbindungsaufbau",
        ),
        "max_feed_bytes" => ("the largest feed, in bytes", "größter Feed in Byte"),
        "max_page_bytes" => (
            "the largest article page, in bytes",
            "größte Artikelseite in Byte",
        ),
        "refresh_interval_minutes" => (
            "minutes between refreshes in the reader, 0 off",
            "Minuten zwischen Aktualisierungen im Leser, 0 aus",
        ),
        "page_delay_ms" => (
            "pause between pages of one server, in milliseconds",
            "Pause zwischen Seiten eines Servers in Millisekunden",
        ),
        "keep_days" => (
            "days articles are kept, 0 for all",
            "Tage, die Artikel bleiben, 0 für alle",
        ),
        "max_articles_per_feed" => (
            "articles kept per feed, 0 for all",
            "behaltene Artikel je Feed, 0 für alle",
        ),
        _ => ("a setting", "eine Einstellung"),
    };
    if de {
        german
    } else {
        en
    }
}

/// Why a file cannot be read, in words.
fn file_problem(problem: &FileProblem, de: bool) -> String {
    match (problem, de) {
        (FileProblem::NotALocalPath, false) => "not a local path".to_owned(),
        (FileProblem::NotALocalPath, true) => "kein lokaler Pfad".to_owned(),
        (FileProblem::NotARegularFile, false) => "not a regular file".to_owned(),
        (FileProblem::NotARegularFile, true) => "keine gewöhnliche Datei".to_owned(),
        (FileProblem::NotFound, false) => "no such file".to_owned(),
        (FileProblem::NotFound, true) => "Datei nicht gefunden".to_owned(),
        (FileProblem::PermissionDenied, false) => "permission denied".to_owned(),
        (FileProblem::PermissionDenied, true) => "keine Berechtigung".to_owned(),
        (FileProblem::ReadOnlyMedium, false) => "on a read-only medium".to_owned(),
        (FileProblem::ReadOnlyMedium, true) => {
            "auf einem schreibgeschützten Datenträger".to_owned()
        }
        (FileProblem::DiskFull, false) => "the disk is full".to_owned(),
        (FileProblem::DiskFull, true) => "der Datenträger ist voll".to_owned(),
        (FileProblem::IsAFolder, false) => "a folder, not a file".to_owned(),
        (FileProblem::IsAFolder, true) => "ein Ordner, keine Datei".to_owned(),
        (FileProblem::NotAFolder, false) => "part of the path is a file, not a folder".to_owned(),
        (FileProblem::NotAFolder, true) => {
            "ein Teil des Pfads ist eine Datei, kein Ordner".to_owned()
        }
        (FileProblem::NotText, false) => "not UTF-8 text".to_owned(),
        (FileProblem::NotText, true) => "kein UTF-8-Text".to_owned(),
        (FileProblem::Other(detail), false) => detail.clone(),
        // The operating system's words are English; the German line says what kind of
        // problem it is and keeps them as a detail in quotes.
        (FileProblem::Other(detail), true) => format!("Ein-/Ausgabefehler „{detail}“"),
    }
}

/// Why an OPML file cannot be imported, in words.
fn opml_problem(problem: &crate::model::reason::OpmlProblem, de: bool) -> String {
    use crate::model::reason::OpmlProblem as P;
    match (problem, de) {
        (P::Malformed { at, detail }, false) => format!("malformed OPML at byte {at}: {detail}"),
        (P::Malformed { at, detail }, true) => {
            format!("fehlerhaftes OPML bei Byte {at} („{detail}“)")
        }
        (P::EndsEarly { inside }, false) => {
            format!("malformed OPML: the file ends early, inside <{inside}> (cut off?)")
        }
        (P::EndsEarly { inside }, true) => {
            format!("fehlerhaftes OPML: die Datei endet mitten in <{inside}> (abgeschnitten?)")
        }
        (P::TooManyFeeds { max }, false) => {
            format!("more than {max} feeds, the most amtsfeed reads")
        }
        (P::TooManyFeeds { max }, true) => {
            format!("mehr als {max} Feeds, mehr liest amtsfeed nicht")
        }
        (P::NotOpml, false) => "not an OPML file (no <opml> element)".to_owned(),
        (P::NotOpml, true) => "keine OPML-Datei (kein <opml>-Element)".to_owned(),
    }
}

/// An operating-system error in words.
fn io_words(error: &std::io::Error, lang: Lang) -> String {
    file_problem(&FileProblem::from_io(error), lang == Lang::De)
}

/// An SQLite error in words: what kind of problem, by its code (SQLite's own text is
/// English; an English run keeps it, it says more).
fn sqlite_words(error: &rusqlite::Error, lang: Lang) -> String {
    use rusqlite::ErrorCode as C;
    if lang != Lang::De {
        return error.to_string();
    }
    match error.sqlite_error_code() {
        Some(C::NotADatabase) => "keine SQLite-Datenbank".to_owned(),
        Some(C::DatabaseCorrupt) => "die Datei ist beschädigt".to_owned(),
        Some(C::DatabaseBusy | C::DatabaseLocked) => "belegt".to_owned(),
        Some(C::ReadOnly) => "nur lesbar".to_owned(),
        Some(C::DiskFull) => "der Datenträger ist voll".to_owned(),
        Some(C::CannotOpen) => "lässt sich nicht öffnen".to_owned(),
        Some(C::SystemIoFailure) => "Ein-/Ausgabefehler".to_owned(),
        Some(C::PermissionDenied) => "keine Berechtigung".to_owned(),
        Some(C::OperationInterrupted) => "abgebrochen".to_owned(),
        _ => format!("SQLite-Fehler „{error}“"),
    }
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&Lang::En.refusal(self))
    }
}

impl std::fmt::Display for NotAdded {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&Lang::En.not_added(self))
    }
}

impl Lang {
    /// Why a feed or a page could not be used, worded in this language: the one place each
    /// reason is worded (English is also its `Display`, for logs and the scripting
    /// contract). Details from outside (a server's notice, a library's words) stay as
    /// they came.
    pub fn reason(self, reason: &Reason) -> String {
        let de = self == Self::De;
        let pick = |en: String, german: String| if de { german } else { en };
        match reason {
            Reason::Http {
                status,
                retry_after,
            } => match retry_after {
                Some(s) => pick(
                    format!("HTTP {status} (retry after {s} s)"),
                    format!("HTTP {status} (erneut nach {s} s)"),
                ),
                None => format!("HTTP {status}"),
            },
            Reason::Timeout { secs } => pick(
                format!("timed out after {secs} s"),
                format!("keine Antwort nach {secs} s"),
            ),
            Reason::Waiting { until } => {
                let at = chrono::DateTime::from_timestamp(*until, 0)
                    .map(|t| self.date_time(t))
                    .unwrap_or_default();
                pick(
                    format!("the server asked to wait (HTTP 429/503); next try after {at}"),
                    format!("der Server bat zu warten (HTTP 429/503); nächster Versuch nach {at}"),
                )
            }
            Reason::TooLarge { limit, setting } => pick(
                format!("response larger than the {limit}-byte limit ({setting})"),
                format!("Antwort größer als die Grenze von {limit} Byte ({setting})"),
            ),
            Reason::TooManyRedirects { max } => pick(
                format!("more than {max} redirects"),
                format!("mehr als {max} Weiterleitungen"),
            ),
            Reason::RedirectWithoutLocation { status } => pick(
                format!("HTTP {status} without a usable Location"),
                format!("HTTP {status} ohne brauchbares Ziel (Location)"),
            ),
            Reason::RedirectNotHttp { scheme } => pick(
                format!("redirect to a non-http URL ({scheme}:)"),
                format!("Weiterleitung auf eine Adresse ohne http(s) ({scheme}:)"),
            ),
            Reason::Redirect { detail } => pick(
                format!("redirect failed: {detail}"),
                format!("Weiterleitung fehlgeschlagen: {detail}"),
            ),
            Reason::RedirectedElsewhere { to } => pick(
                format!("the page now redirects elsewhere ({to})"),
                format!("die Seite leitet jetzt woandershin um ({to})"),
            ),
            Reason::NoConnection { host, cause } => {
                let cause = match (cause, de) {
                    (NetCause::NameNotResolved, false) => {
                        "the name does not resolve (offline?)".to_owned()
                    }
                    (NetCause::NameNotResolved, true) => {
                        "Name nicht auflösbar (offline?)".to_owned()
                    }
                    (NetCause::Refused, false) => "connection refused".to_owned(),
                    (NetCause::Refused, true) => "Verbindung abgelehnt".to_owned(),
                    (NetCause::Unreachable, false) => "network unreachable (offline?)".to_owned(),
                    (NetCause::Unreachable, true) => "Netz nicht erreichbar (offline?)".to_owned(),
                    (NetCause::Other(detail), _) => detail.clone(),
                };
                pick(
                    format!("no connection to {host}: {cause}"),
                    format!("keine Verbindung zu {host}: {cause}"),
                )
            }
            Reason::NoSecureConnection { host, detail } => pick(
                format!("no secure connection to {host}: {detail}"),
                format!("keine sichere Verbindung zu {host}: {detail}"),
            ),
            Reason::ConnectionClosed { host } => pick(
                format!("{host} closed the connection"),
                format!("{host} hat die Verbindung geschlossen"),
            ),
            Reason::File { path, problem } => {
                let problem = file_problem(problem, de);
                pick(
                    format!("cannot read {path}: {problem}"),
                    format!("{path} nicht lesbar: {problem}"),
                )
            }
            Reason::UnsupportedScheme { scheme } => pick(
                format!("unsupported URL scheme '{scheme}'"),
                format!("nicht unterstütztes URL-Schema '{scheme}'"),
            ),
            Reason::LocalAddress { address } => pick(
                format!("not fetched: {address} is a local network address, and the feed is not on the local network"),
                format!("nicht geladen: {address} ist eine Adresse im lokalen Netz, der Feed aber nicht"),
            ),
            Reason::EmptyResponse => pick("empty response".into(), "leere Antwort".into()),
            Reason::NotAFeed { looks_like } => match (looks_like, de) {
                (LooksLike::HtmlPage, false) => {
                    "not an RSS, Atom or JSON feed (looks like an HTML page)".into()
                }
                (LooksLike::HtmlPage, true) => {
                    "kein RSS-, Atom- oder JSON-Feed (sieht aus wie eine HTML-Seite)".into()
                }
                (LooksLike::SomethingElse, false) => {
                    "not an RSS, Atom or JSON feed (looks like something else)".into()
                }
                (LooksLike::SomethingElse, true) => "kein RSS-, Atom- oder JSON-Feed".into(),
                (LooksLike::PageWithoutDatedTeasers, false) => {
                    "not an RSS, Atom or JSON feed (looks like a web page without dated teasers)"
                        .into()
                }
                (LooksLike::PageWithoutDatedTeasers, true) => {
                    "kein RSS-, Atom- oder JSON-Feed (eine Webseite ohne datierte Anrisse)".into()
                }
            },
            Reason::Malformed { detail } => pick(
                format!("malformed feed: {detail}"),
                format!("fehlerhafter Feed: {detail}"),
            ),
            Reason::ParserCrashed { detail } => pick(
                format!("parser crashed: {detail}"),
                format!("Parser abgestürzt: {detail}"),
            ),
            Reason::MovedCandidate { reason, name, url } => pick(
                format!(
                    "{}; the feed may have moved to {url}: amtsfeed move '{name}' {url}",
                    self.reason(reason)
                ),
                format!(
                    "{}; der Feed ist vielleicht umgezogen nach {url}: amtsfeed move '{name}' {url}",
                    self.reason(reason)
                ),
            ),
            Reason::InvalidLink { url } => {
                pick(format!("invalid link {url}"), format!("ungültiger Link {url}"))
            }
            Reason::NoWebLink => pick(
                "the article has no web link".into(),
                "der Artikel hat keinen Link ins Netz".into(),
            ),
            Reason::NotHtml { content_type } => pick(
                format!("not an HTML page ({content_type})"),
                format!("keine HTML-Seite ({content_type})"),
            ),
            Reason::PageUnparsable => pick(
                "the page could not be parsed".into(),
                "die Seite ließ sich nicht lesen".into(),
            ),
            Reason::NoArticleText => pick(
                "no article text found on the page".into(),
                "auf der Seite wurde kein Artikeltext gefunden".into(),
            ),
            Reason::ExtractionCrashed { detail } => pick(
                format!("extraction crashed: {detail}"),
                format!("Textauszug abgestürzt: {detail}"),
            ),
            Reason::ErrorPage { notice } => pick(
                format!("the page says it does not exist: \u{201c}{notice}\u{201d}"),
                format!("die Seite meldet, dass es sie nicht gibt: \u{201e}{notice}\u{201c}"),
            ),
            Reason::Text { text } => text.clone(),
        }
    }

    /// Why a feed is not added, moved or removed, in this language.
    pub fn refusal(self, refusal: &Refusal) -> String {
        let de = self == Self::De;
        let pick = |en: String, german: String| if de { german } else { en };
        match refusal {
            Refusal::NotAUrl { shown, detail } => pick(
                format!("'{shown}' is not a URL: {detail}"),
                format!("'{shown}' ist keine URL: {detail}"),
            ),
            Refusal::NoScheme { shown } => pick(
                format!("'{shown}' has no scheme; did you mean https://{shown} ?"),
                format!("'{shown}' hat kein Schema; gemeint ist wohl https://{shown} ?"),
            ),
            Refusal::NeitherUrlNorFile { shown } => pick(
                format!("'{shown}' is neither a URL (https://…) nor an existing file"),
                format!("'{shown}' ist weder eine URL (https://…) noch eine vorhandene Datei"),
            ),
            Refusal::UnusablePath { shown } => pick(
                format!("'{shown}' is no usable path"),
                format!("'{shown}' ist kein brauchbarer Pfad"),
            ),
            Refusal::NotAddable { shown } => pick(
                format!("only http(s) feed URLs and existing local files can be added, not '{shown}'"),
                format!("nur http(s)-Feed-URLs und vorhandene lokale Dateien lassen sich hinzufügen, nicht '{shown}'"),
            ),
            Refusal::CheckFailed(reason) => self.reason(reason),
            Refusal::NotModifiedToGet => pick(
                "the server answered 304 to a plain GET".into(),
                "der Server antwortete auf eine einfache Anfrage mit 304".into(),
            ),
            Refusal::PageWithoutFeed => pick(
                "this is a web page that announces no feed and lists no dated articles".into(),
                "eine Webseite, die keinen Feed angibt und keine datierten Artikel auflistet".into(),
            ),
            Refusal::AnnouncedIsPage { feed } => pick(
                format!("the feed the page announces ({feed}) is a web page too"),
                format!("der Feed, den die Seite angibt ({feed}), ist auch eine Webseite"),
            ),
            Refusal::AnnouncedFailed { feed, reason } => pick(
                format!("the feed the page announces ({feed}): {}", self.reason(reason)),
                format!("der Feed, den die Seite angibt ({feed}): {}", self.reason(reason)),
            ),
            Refusal::AlreadyConfigured { name } => pick(
                format!("already configured as '{name}'"),
                format!("schon eingetragen als '{name}'"),
            ),
            Refusal::NameTaken { name } => pick(
                format!("a feed named '{name}' exists already; choose another with --name"),
                format!("ein Feed namens '{name}' ist schon eingetragen; einen anderen mit --name wählen"),
            ),
            Refusal::ClaimsMinistry(claim) => self.claim(claim),
            Refusal::NoFeedNamed { name } => pick(
                format!("no feed named '{name}' (see `amtsfeed feeds`)"),
                format!("kein Feed namens '{name}' (siehe `amtsfeed feeds`)"),
            ),
            Refusal::UrlTaken { url, name } => pick(
                format!("{url} is configured already, as '{name}'"),
                format!("{url} ist schon eingetragen, als '{name}'"),
            ),
            Refusal::InOtherConfig { name, path } => pick(
                format!("'{name}' is not in {path} (it comes from another config file)"),
                format!("'{name}' steht nicht in {path} (er stammt aus einer anderen Konfigurationsdatei)"),
            ),
            Refusal::TooManyFeeds { new, configured, max } => pick(
                format!("{new} new feeds and {configured} configured are more than {max}, the most amtsfeed reads; nothing was imported"),
                format!("{new} neue und {configured} eingetragene Feeds sind mehr als {max}, die amtsfeed höchstens liest; nichts wurde übernommen"),
            ),
            Refusal::NoConfigPath => pick(
                "no user config path; start with --config FILE".into(),
                "kein Pfad für eine eigene Konfiguration; mit --config DATEI starten".into(),
            ),
        }
    }

    /// "URL: not added: …".
    pub fn not_added(self, not_added: &NotAdded) -> String {
        let refusal = self.refusal(&not_added.refusal);
        match self {
            Self::De => format!("{}: nicht hinzugefügt: {refusal}", not_added.url),
            Self::En | Self::Neutral => format!("{}: not added: {refusal}", not_added.url),
        }
    }

    /// Why a name cannot stand for a feed: it names a ministry the feed does not belong to.
    fn claim(self, claim: &Claim) -> String {
        let Claim {
            name,
            ministry,
            title,
            domains,
        } = claim;
        let title = title
            .as_deref()
            .map_or_else(String::new, |t| format!(" ({t})"));
        let domains = match domains.is_empty() {
            true => String::new(),
            false => format!(" ({})", domains.join(", ")),
        };
        match self {
            Self::De => format!("'{name}' ist ein Name des Ministeriums {ministry}{title}, aber dieser Feed liegt nicht auf seinen Domains{domains} und ist nicht als einer seiner Feeds eingetragen (--ministry {ministry}, falls er es ist)"),
            Self::En | Self::Neutral => format!("'{name}' names the ministry {ministry}{title}, but this feed is not on its domains{domains} and not set as one of its feeds (--ministry {ministry}, if it is one)"),
        }
    }

    /// What is wrong with a config file, in this language.
    pub fn config_problem(self, problem: &ConfigProblem) -> String {
        let de = self == Self::De;
        let pick = |en: String, german: String| if de { german } else { en };
        match problem {
            ConfigProblem::OutOfRange { key, min, max } => {
                let meaning = setting_meaning(key, de);
                pick(
                    format!("{key} ({meaning}) must be between {min} and {max}"),
                    format!("{key} ({meaning}) muss zwischen {min} und {max} liegen"),
                )
            }
            ConfigProblem::UnknownKey { key, suggestion } => match suggestion {
                Some(s) => pick(
                    format!("unknown key `{key}`; did you mean `{s}`?"),
                    format!("unbekannter Schlüssel `{key}`; gemeint ist wohl `{s}`?"),
                ),
                None => pick(
                    format!("unknown key `{key}` (see the commented default config: amtsfeed config --default)"),
                    format!("unbekannter Schlüssel `{key}` (siehe die kommentierte Vorgabe: amtsfeed config --default)"),
                ),
            },
            ConfigProblem::MissingKey { key } => pick(
                format!("`{key}` is missing"),
                format!("`{key}` fehlt"),
            ),
            ConfigProblem::Toml { detail } => pick(
                format!("not valid TOML: {detail}"),
                format!("kein gültiges TOML („{detail}“)"),
            ),
            ConfigProblem::CannotRead { problem } => {
                let problem = file_problem(problem, de);
                pick(format!("cannot read: {problem}"), format!("nicht lesbar: {problem}"))
            }
            ConfigProblem::BrowserNeedsCommand => pick(
                "browser needs a command".into(),
                "browser braucht einen Befehl".into(),
            ),
            ConfigProblem::NotifyNeedsProgram => pick(
                "notify_command needs a program: [\"notify-send\", \"amtsfeed\", \"%s\"]".into(),
                "notify_command braucht ein Programm: [\"notify-send\", \"amtsfeed\", \"%s\"]".into(),
            ),
            ConfigProblem::BadDipUrl { url } => pick(
                format!("dip_api_url '{url}' is no http(s) address (the default is {})", crate::config::DIP_API_URL),
                format!("dip_api_url '{url}' ist keine http(s)-Adresse (Vorgabe: {})", crate::config::DIP_API_URL),
            ),
            ConfigProblem::FilterNameEmptyOrTwice { name } => pick(
                format!("filter name '{name}' is empty or used twice"),
                format!("der Filtername '{name}' ist leer oder doppelt"),
            ),
            ConfigProblem::FilterQuery { name, error } => pick(
                format!("filter '{name}': {}", error.in_language(Lang::En)),
                format!("Filter '{name}': {}", error.in_language(Lang::De)),
            ),
            ConfigProblem::TooManyFeeds { count, max } => pick(
                format!("{count} feeds; amtsfeed reads at most {max} (remove some, or split them over several config files)"),
                format!("{count} Feeds; amtsfeed liest höchstens {max} (einige entfernen oder auf mehrere Konfigurationsdateien verteilen)"),
            ),
            ConfigProblem::EmptyFeedName => {
                pick("feed name is empty".into(), "der Feedname ist leer".into())
            }
            ConfigProblem::DuplicateFeedName { name } => pick(
                format!("duplicate feed name '{name}'"),
                format!("der Feedname '{name}' kommt doppelt vor"),
            ),
            ConfigProblem::FeedUrlScheme { scheme } => pick(
                format!("unsupported URL scheme '{scheme}' (use http, https, file or a path)"),
                format!("nicht unterstütztes URL-Schema '{scheme}' (http, https, file oder ein Pfad)"),
            ),
            ConfigProblem::FeedUrlInvalid { raw } => pick(
                format!("invalid feed URL or path '{raw}'"),
                format!("ungültige Feed-URL oder ungültiger Pfad '{raw}'"),
            ),
        }
    }

    /// How a feed was taken in, besides being added.
    pub fn add_note(self, note: &AddNote) -> String {
        let de = self == Self::De;
        let pick = |en: String, german: String| if de { german } else { en };
        match note {
            AddNote::Renamed { claim, instead } => pick(
                format!("renamed: {}: '{instead}'", self.claim(claim)),
                format!("umbenannt: {}: '{instead}'", self.claim(claim)),
            ),
            AddNote::AnnouncedFeed { page, feed } => pick(
                format!("{page}: a web page; adding the feed it announces: {feed}"),
                format!("{page}: eine Webseite; hinzugefügt wird der Feed, den sie angibt: {feed}"),
            ),
            AddNote::AsListing { url } => pick(
                format!("{url}: a web page without a feed; added as a listing page (listing = true), its dated teasers read as items"),
                format!("{url}: eine Webseite ohne Feed; als Übersichtsseite hinzugefügt (listing = true), ihre datierten Anrisse werden als Einträge gelesen"),
            ),
            AddNote::Known { name } => pick(
                format!("{name}: already configured"),
                format!("{name}: schon eingetragen"),
            ),
            AddNote::DuplicateOutline { name } => pick(
                format!("{name}: duplicate of an earlier outline"),
                format!("{name}: doppelt, wie ein früherer Eintrag"),
            ),
            AddNote::NotHttp { name, url } => pick(
                format!("{name}: not an http(s) feed URL ({url})"),
                format!("{name}: keine http(s)-Feed-URL ({url})"),
            ),
        }
    }
}

impl std::fmt::Display for crate::config::ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.in_language(Lang::En))
    }
}

impl crate::config::ConfigError {
    /// "FILE:LINE: problem" in `lang`.
    pub fn in_language(&self, lang: Lang) -> String {
        let line = self.line.map(|l| format!(":{l}")).unwrap_or_default();
        format!(
            "{}{line}: {}",
            self.file,
            lang.config_problem(&self.problem)
        )
    }
}

use crate::store::{StoreError, BUSY_TIMEOUT};

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.in_language(Lang::En))
    }
}

impl StoreError {
    /// The cache problem in `lang`.
    pub fn in_language(&self, lang: Lang) -> String {
        let de = lang == Lang::De;
        match self {
            StoreError::DataDir { path, source } => match de {
                true => format!(
                    "das Datenverzeichnis {} lässt sich nicht anlegen: {}",
                    path.display(),
                    io_words(source, lang)
                ),
                false => format!(
                    "cannot create the data directory {}: {source}",
                    path.display()
                ),
            },
            StoreError::Corrupt { path, source } => match de {
                true => format!(
                    "der Cache {} ist beschädigt oder keine amtsfeed-Datenbank ({}); `amtsfeed doctor --reset` legt ihn als .broken-Datei beiseite und beginnt einen neuen",
                    path.display(),
                    sqlite_words(source, lang)
                ),
                false => format!(
                    "the cache {} is damaged or not an amtsfeed database ({source}); run `amtsfeed doctor --reset` to keep it as a .broken file and start a new cache",
                    path.display()
                ),
            },
            StoreError::TooNew { path, found, known } => match de {
                true => format!(
                    "der Cache {} stammt von einem neueren amtsfeed (Schema {found}, dieses kennt {known}); bitte amtsfeed aktualisieren",
                    path.display()
                ),
                false => format!(
                    "the cache {} was written by a newer amtsfeed (schema {found}, this one knows {known}); update amtsfeed",
                    path.display()
                ),
            },
            StoreError::NotWritable { path, source } => match de {
                true => format!(
                    "der Cache {} ist nicht beschreibbar ({}); {}",
                    path.display(),
                    io_words(source, lang),
                    writable_advice(source, lang)
                ),
                false => format!(
                    "the cache {} is not writable ({source}); {}",
                    path.display(),
                    writable_advice(source, lang)
                ),
            },
            StoreError::Busy { path } => match de {
                true => format!(
                    "der Cache {} ist belegt: ein anderes amtsfeed schreibt seit über {} s hinein; bitte später erneut versuchen (nichts wurde geändert)",
                    path.display(),
                    BUSY_TIMEOUT.as_secs()
                ),
                false => format!(
                    "the cache {} is busy: another amtsfeed has been writing to it for more than {} s; try again when it is done (nothing was changed)",
                    path.display(),
                    BUSY_TIMEOUT.as_secs()
                ),
            },
            StoreError::Sqlite { source } => match de {
                true => format!(
                    "Cache: {}{}",
                    sqlite_words(source, lang),
                    damage_hint(source, lang)
                ),
                false => format!("cache: {source}{}", damage_hint(source, lang)),
            },
            StoreError::Worker(detail) => match de {
                true => format!("die Cache-Arbeit brach ab: {detail}"),
                false => format!("cache worker stopped: {detail}"),
            },
        }
    }
}

/// What helps when the cache cannot be written: on a read-only file system no permission
/// does (reading still works); otherwise the permissions are what to change.
pub fn writable_advice(source: &std::io::Error, lang: Lang) -> &'static str {
    let read_only_medium = source.kind() == std::io::ErrorKind::ReadOnlyFilesystem;
    match (read_only_medium, lang) {
        (true, Lang::De) => "er liegt auf einem schreibgeschützten Datenträger: lesen geht, speichern nicht (für Änderungen eine beschreibbare Kopie mit --data-dir nutzen); beschädigt ist nichts",
        (true, _) => "it is on a read-only file system: it can be read but nothing can be saved there (for changes, use a writable copy with --data-dir); nothing is damaged",
        (false, Lang::De) => "Datei und Ordner für Sie beschreibbar machen (chmod u+w), beschädigt ist nichts",
        (false, _) => "make it and its folder writable for you (chmod u+w), nothing is damaged",
    }
}

/// What to do when SQLite fails in the middle of some query: a reset only for damage, never
/// for a cache that is merely busy or not writable.
fn damage_hint(error: &rusqlite::Error, lang: Lang) -> &'static str {
    let de = lang == Lang::De;
    match error.sqlite_error_code() {
        Some(rusqlite::ErrorCode::DatabaseCorrupt | rusqlite::ErrorCode::NotADatabase) => match de {
            true => " (die Cache-Datei ist beschädigt: `amtsfeed doctor` prüft sie, `amtsfeed doctor --reset` beginnt eine neue)",
            false => " (the cache file is damaged: `amtsfeed doctor` checks it, `amtsfeed doctor --reset` starts a new one)",
        },
        Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked) => match de {
            true => " (ein anderes amtsfeed schreibt in den Cache; bitte danach erneut versuchen)",
            false => " (another amtsfeed is writing to the cache; try again when it is done)",
        },
        Some(rusqlite::ErrorCode::ReadOnly | rusqlite::ErrorCode::CannotOpen) => match de {
            true => " (der Cache lässt sich hier nur lesen: er liegt auf einem schreibgeschützten Datenträger oder ist für Sie nicht beschreibbar; nichts wurde geändert, beschädigt ist nichts)",
            false => " (the cache can only be read here: it is on a read-only medium or not writable for you; nothing was changed and nothing is damaged)",
        },
        _ => "",
    }
}

fn did_you_mean(typed: &str, german: bool) -> String {
    match crate::filter::syntax::closest_field(typed) {
        Some(field) if german => format!(" (gemeint: {field}:?)"),
        Some(field) => format!(" (did you mean {field}:?)"),
        None => String::new(),
    }
}

fn field_list(german: bool) -> String {
    crate::filter::syntax::FIELDS
        .iter()
        .map(|(de, en)| format!("{}:", if german { de } else { en }))
        .collect::<Vec<_>>()
        .join(" ")
}

fn syntax_message(problem: crate::filter::syntax::SyntaxProblem, german: bool) -> String {
    use crate::filter::syntax::SyntaxProblem as P;
    match (problem, german) {
        (P::UnclosedParen, false) => "'(' is not closed".into(),
        (P::UnclosedParen, true) => "'(' wird nicht geschlossen".into(),
        (P::UnopenedParen, false) => "')' without '('".into(),
        (P::UnopenedParen, true) => "')' ohne '('".into(),
        (P::MissingOperand(op), false) => format!("'{op}' needs a search word on each side"),
        (P::MissingOperand(op), true) => format!("'{op}' braucht ein Suchwort auf jeder Seite"),
        (P::EmptyGroup, false) => "'()' is empty".into(),
        (P::EmptyGroup, true) => "'()' ist leer".into(),
        (P::TooDeep, false) => format!("parentheses nested deeper than {}", 32),
        (P::TooDeep, true) => format!("Klammern tiefer als {} verschachtelt", 32),
        (P::DateInGroup, false) => {
            "since:/until: apply to the whole filter, not inside ( ), OR or a negation".into()
        }
        (P::DateInGroup, true) => {
            "seit:/bis: gelten für den ganzen Filter, nicht in ( ), ODER oder einer Verneinung"
                .into()
        }
    }
}

impl crate::filter::FilterError {
    /// The error in `lang` (the filter bar, `list`); English is its `Display`.
    pub fn in_language(&self, lang: Lang) -> String {
        let german = lang == Lang::De;
        match self {
            crate::filter::FilterError::BadDate(date) if german => format!(
                "ungültiges Datum '{date}': JJJJ-MM-TT, TT.MM.JJJJ, Nt/Nw/Nm/Nj (vor N Tagen, Wochen, Monaten, Jahren), heute oder gestern"
            ),
            crate::filter::FilterError::EmptyValue(prefix) if german => {
                format!("'{prefix}' ist leer: {prefix}WERT")
            }
            crate::filter::FilterError::EmptyRange { since, until } if german => format!(
                "seit ({}) liegt nach bis ({})",
                lang.date(*since),
                lang.date(*until)
            ),
            crate::filter::FilterError::UnterminatedQuote if german => {
                "ein Anführungszeichen im Filter ist nicht geschlossen".to_owned()
            }
            crate::filter::FilterError::TooManyKeywords(n) if german => format!(
                "zu viele Suchwörter ({n}); ein Filter nimmt höchstens {}",
                crate::filter::MAX_KEYWORDS
            ),
            crate::filter::FilterError::UnknownField(field) if german => format!(
                "unbekanntes Feld '{field}:'{}; Felder: {}; um den Text zu suchen, ihn in Anführungszeichen setzen",
                did_you_mean(field, true),
                field_list(true)
            ),
            crate::filter::FilterError::Syntax(problem) if german => syntax_message(*problem, true),
            crate::filter::FilterError::BadReference(value) if german => format!(
                "'{value}' ist keine Dokumentnummer: drucksache:21/1234 (Bundestag), drucksache:BR-123/26 (Bundesrat), plenarprotokoll:21/45, vorgang:312345"
            ),
            crate::filter::FilterError::ParenInWord(word) if german => format!(
                "'(' mitten im Wort '{word}': eine Gruppe beginnt nach einem Leerzeichen, wie in a (b ODER c); um den Text zu suchen, ihn in Anführungszeichen setzen"
            ),
            other => other.to_string(),
        }
    }
}

impl std::fmt::Display for crate::filter::FilterError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        use crate::filter::FilterError as E;
        match self {
            E::BadDate(date) => write!(f, "invalid date '{date}': use YYYY-MM-DD, DD.MM.YYYY, Nd/Nw/Nm/Ny (days/weeks/months/years ago), today/heute or yesterday/gestern"),
            E::EmptyValue(prefix) => write!(f, "'{prefix}' is empty: write it as {prefix}VALUE"),
            E::EmptyRange { since, until } => write!(f, "since ({since}) is after until ({until})"),
            E::UnterminatedQuote => f.write_str("unterminated quote in filter"),
            E::TooManyKeywords(n) => write!(f, "too many search words ({n}); a filter takes at most {}", crate::filter::MAX_KEYWORDS),
            E::UnknownField(field) => write!(f, "unknown field '{field}:'{}; fields: {}; to search for the text, put it in quotes", did_you_mean(field, false), field_list(false)),
            E::Syntax(problem) => f.write_str(&syntax_message(*problem, false)),
            E::ParenInWord(word) => write!(f, "'(' inside the word '{word}': a group starts after a space, as in a (b OR c); to search for the text, put it in quotes"),
            E::BadReference(value) => write!(f, "'{value}' is no document number: drucksache:21/1234 (Bundestag), drucksache:BR-123/26 (Bundesrat), plenarprotokoll:21/45, vorgang:312345"),
        }
    }
}

impl std::fmt::Display for crate::config::edit::EditError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.in_language(Lang::En))
    }
}

impl crate::config::edit::EditError {
    /// Why the config was not changed, in `lang`.
    pub fn in_language(&self, lang: Lang) -> String {
        use crate::config::edit::EditError as E;
        let de = lang == Lang::De;
        match (self, de) {
            (E::Read { path, source }, false) => format!("cannot read {path}: {source}"),
            (E::Read { path, source }, true) => {
                format!("{path} ist nicht lesbar: {}", io_words(source, lang))
            }
            (E::Write { path, source }, false) => format!("cannot write {path}: {source}"),
            (E::Write { path, source }, true) => {
                format!(
                    "{path} lässt sich nicht schreiben: {}",
                    io_words(source, lang)
                )
            }
            (E::Syntax { path, message }, false) => {
                format!("{path} is not valid TOML: {message}")
            }
            (E::Syntax { path, message }, true) => {
                format!("{path} ist kein gültiges TOML („{message}“)")
            }
            (E::NotTables(key, table), false) => {
                format!("'{key}' is not a list of [[{table}]] tables in the config")
            }
            (E::NotTables(key, table), true) => {
                format!("'{key}' ist in der Konfiguration keine Liste von [[{table}]]-Tabellen")
            }
            (E::Invalid(error), _) => error.in_language(lang),
        }
    }
}

impl std::fmt::Display for crate::model::reason::CommandProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        use crate::model::reason::CommandProblem as P;
        match self {
            P::NoFeedNamed(name) => write!(f, "no feed named '{name}' (see `amtsfeed feeds`)"),
            P::NoSavedFilter(name) => write!(
                f,
                "no saved filter named '{name}' (see [[filter]] in the config)"
            ),
            P::NoArticle(id) => write!(f, "no article with id {id}"),
            P::NotInCache(ids) => write!(f, "not in the cache: article {ids}"),
            P::NoLink => f.write_str("the article has no link"),
            P::NoSuchLink { have, asked } => {
                write!(f, "the article has {have} numbered links, not {asked}")
            }
            P::NoSuchVersion { have, asked } => write!(
                f,
                "no versions '{asked}': the article has versions 1 to {have} (e.g. --diff 1..{have})"
            ),
            P::CannotRead { path, problem } => {
                write!(f, "cannot read {path}: {}", file_problem(problem, false))
            }
            P::Opml { path, problem } => write!(f, "{path}: {}", opml_problem(problem, false)),
            P::CannotWrite { path, problem } => {
                write!(f, "cannot write {path}: {}", file_problem(problem, false))
            }
            P::NoConfigPath => f.write_str("no user config path; pass --config FILE"),
            P::NoDataDir => f.write_str("cannot find a data directory; pass --data-dir"),
            P::NoSourceGroup { asked, groups } => {
                write!(f, "no source in '{asked}'; groups: {groups}")
            }
        }
    }
}

impl crate::model::reason::CommandProblem {
    /// The problem in `lang`.
    pub fn in_lang(&self, lang: Lang) -> String {
        if lang != Lang::De {
            return self.to_string();
        }
        match self {
            Self::NoFeedNamed(name) => {
                format!("kein Feed heißt '{name}' (siehe `amtsfeed feeds`)")
            }
            Self::NoSavedFilter(name) => {
                format!("kein gespeicherter Filter heißt '{name}' (siehe [[filter]] in der Konfiguration)")
            }
            Self::NoArticle(id) => format!("kein Artikel mit der Nummer {id}"),
            Self::NotInCache(ids) => format!("nicht im Cache: Artikel {ids}"),
            Self::NoLink => "der Artikel hat keinen Link".to_owned(),
            Self::NoSuchLink { have, asked } => {
                format!("der Artikel hat {have} nummerierte Links, nicht {asked}")
            }
            Self::NoSuchVersion { have, asked } => format!(
                "keine Fassungen '{asked}': der Artikel hat die Fassungen 1 bis {have} (z. B. --diff 1..{have})"
            ),
            Self::CannotRead { path, problem } => {
                format!("{path} ist nicht lesbar: {}", file_problem(problem, true))
            }
            Self::Opml { path, problem } => format!("{path}: {}", opml_problem(problem, true)),
            Self::CannotWrite { path, problem } => {
                format!(
                    "{path} lässt sich nicht schreiben: {}",
                    file_problem(problem, true)
                )
            }
            Self::NoConfigPath => {
                "kein Pfad für die Konfiguration; bitte --config DATEI angeben".to_owned()
            }
            Self::NoDataDir => {
                "kein Datenverzeichnis gefunden; bitte --data-dir angeben".to_owned()
            }
            Self::NoSourceGroup { asked, groups } => {
                format!("keine Quelle in '{asked}'; Gruppen: {groups}")
            }
        }
    }
}

impl Lang {
    /// A `[keys]` or `[theme]` entry that is ignored, and why, in this language.
    pub fn setting_warning(self, warning: &crate::model::reason::SettingWarning) -> String {
        use crate::model::reason::{KeyProblem, SettingWarning as W, StyleProblem};
        let de = self == Lang::De;
        let ignored = if de { "ignoriert" } else { "ignored" };
        let key_problem = |problem: &KeyProblem| {
            match (problem, de) {
            (KeyProblem::ControlCharacter, false) => "control characters cannot be bound".to_owned(),
            (KeyProblem::ControlCharacter, true) => "Steuerzeichen lassen sich nicht belegen".to_owned(),
            (KeyProblem::CtrlTakesOneLetter { text }, false) => format!("'{text}': ctrl- takes one letter"),
            (KeyProblem::CtrlTakesOneLetter { text }, true) => format!("'{text}': nach ctrl- steht genau ein Buchstabe"),
            (KeyProblem::NotAKey { text }, false) => format!("'{text}' is not a key (one character, space, enter, esc, tab, up, pagedown, f1…f12, ctrl-x, …)"),
            (KeyProblem::NotAKey { text }, true) => format!("'{text}' ist keine Taste (ein Zeichen, space, enter, esc, tab, up, pagedown, f1…f12, ctrl-x, …)"),
        }
        };
        let style_problem = |problem: &StyleProblem| match (problem, de) {
            (StyleProblem::NotAColour { word }, false) => {
                format!("'{word}' is not a colour (red, lightblue, #1f4e79, 208)")
            }
            (StyleProblem::NotAColour { word }, true) => {
                format!("'{word}' ist keine Farbe (red, lightblue, #1f4e79, 208)")
            }
            (StyleProblem::OnNeedsColour, false) => "'on' needs a colour after it".to_owned(),
            (StyleProblem::OnNeedsColour, true) => "nach 'on' fehlt eine Farbe".to_owned(),
        };
        let text = match (warning, de) {
            (W::NoSuchAction { action }, false) => {
                format!("[keys] {action}: no such action ({ignored}; `?` lists them)")
            }
            (W::NoSuchAction { action }, true) => {
                format!("[keys] {action}: keine solche Aktion ({ignored}; `?` zeigt alle)")
            }
            (W::NotAKeyOrList { action }, false) => {
                format!("[keys] {action}: a key or a list of keys ({ignored})")
            }
            (W::NotAKeyOrList { action }, true) => {
                format!("[keys] {action}: eine Taste oder eine Liste von Tasten ({ignored})")
            }
            (W::CtrlCQuits { action }, false) => {
                format!("[keys] {action}: ctrl-c always quits ({ignored})")
            }
            (W::CtrlCQuits { action }, true) => {
                format!("[keys] {action}: Strg-C beendet immer ({ignored})")
            }
            (W::KeyTaken { action, key, other }, false) => {
                format!("[keys] {action}: '{key}' is already given to {other} ({ignored})")
            }
            (W::KeyTaken { action, key, other }, true) => {
                format!("[keys] {action}: '{key}' ist schon {other} zugewiesen ({ignored})")
            }
            (W::BadKey { action, problem }, _) => {
                format!("[keys] {action}: {} ({ignored})", key_problem(problem))
            }
            (W::BadPreset { value }, false) => format!(
                "[theme] preset: {} is not dark or light ({ignored})",
                value
                    .as_deref()
                    .map_or_else(|| "a non-string".to_owned(), |v| format!("'{v}'"))
            ),
            (W::BadPreset { value }, true) => format!(
                "[theme] preset: {} ist weder dark noch light ({ignored})",
                value
                    .as_deref()
                    .map_or_else(|| "kein Text".to_owned(), |v| format!("'{v}'"))
            ),
            (W::BadColors, false) => format!(
                "[theme] colors: one of \"auto\", \"16\", \"256\", \"truecolor\" ({ignored})"
            ),
            (W::BadColors, true) => {
                format!("[theme] colors: \"auto\", \"16\", \"256\" oder \"truecolor\" ({ignored})")
            }
            (W::NoSuchElement { key, elements }, false) => format!(
                "[theme] {key}: no such element ({ignored}; one of {})",
                elements.join(", ")
            ),
            (W::NoSuchElement { key, elements }, true) => format!(
                "[theme] {key}: kein solches Element ({ignored}; eines von {})",
                elements.join(", ")
            ),
            (W::BadStyle { key, problem }, _) => {
                format!("[theme] {key}: {} ({ignored})", style_problem(problem))
            }
            (W::NotAStyle { key }, false) => {
                format!("[theme] {key}: a style such as \"white on blue bold\" ({ignored})")
            }
            (W::NotAStyle { key }, true) => {
                format!("[theme] {key}: ein Stil wie \"white on blue bold\" ({ignored})")
            }
        };
        text
    }
}

impl std::fmt::Display for crate::open::OpenError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.in_language(Lang::En))
    }
}

impl crate::open::OpenError {
    /// Why the link was not opened, in `lang`.
    pub fn in_language(&self, lang: Lang) -> String {
        use crate::open::OpenError as E;
        let de = lang == Lang::De;
        match (self, de) {
            (E::NotHttp(link), false) => {
                format!("refusing to open '{link}': only http and https links are opened")
            }
            (E::NotHttp(link), true) => format!(
                "'{link}' wird nicht geöffnet: nur http- und https-Links werden geöffnet"
            ),
            (E::Spawn { program, missing: true }, false) => format!(
                "cannot start browser '{program}': not installed (set `browser` in the config or $BROWSER)"
            ),
            (E::Spawn { program, missing: true }, true) => format!(
                "der Browser '{program}' lässt sich nicht starten: nicht installiert (`browser` in der Konfiguration oder $BROWSER setzen)"
            ),
            (E::Spawn { program, .. }, false) => format!("cannot start browser '{program}'"),
            (E::Spawn { program, .. }, true) => {
                format!("der Browser '{program}' lässt sich nicht starten")
            }
            (E::Failed { program, code }, false) => match code {
                Some(code) => format!("browser '{program}' ended with error code {code}"),
                None => format!("browser '{program}' was stopped"),
            },
            (E::Failed { program, code }, true) => match code {
                Some(code) => format!("der Browser '{program}' endete mit Fehlercode {code}"),
                None => format!("der Browser '{program}' wurde abgebrochen"),
            },
            (E::NoOpener, false) => {
                "no browser found: set `browser` in the config or $BROWSER".to_owned()
            }
            (E::NoOpener, true) => {
                "kein Browser gefunden: `browser` in der Konfiguration oder $BROWSER setzen"
                    .to_owned()
            }
        }
    }
}

impl Lang {
    /// An error and its causes as one line in this language: a typed error of amtsfeed is
    /// worded here and says its cause itself; the rest of a chain (a library's English) is
    /// added only when nothing typed said it, each text once.
    pub fn error_chain(self, error: &anyhow::Error) -> String {
        let mut message = String::new();
        for cause in error.chain() {
            let (text, said_all) = self.cause(cause);
            if !message.contains(&text) {
                if !message.is_empty() {
                    message.push_str(": ");
                }
                message.push_str(&text);
            }
            if said_all {
                break;
            }
        }
        message
    }

    /// One cause in words, and whether it said everything.
    fn cause(self, cause: &(dyn std::error::Error + 'static)) -> (String, bool) {
        use crate::model::reason::{CommandProblem, NotAdded, Refusal};
        if let Some(e) = cause.downcast_ref::<crate::filter::FilterError>() {
            (e.in_language(self), true)
        } else if let Some(e) = cause.downcast_ref::<StoreError>() {
            (e.in_language(self), true)
        } else if let Some(e) = cause.downcast_ref::<CommandProblem>() {
            (e.in_lang(self), true)
        } else if let Some(e) = cause.downcast_ref::<crate::config::ConfigError>() {
            (e.in_language(self), true)
        } else if let Some(e) = cause.downcast_ref::<crate::config::edit::EditError>() {
            (e.in_language(self), true)
        } else if let Some(e) = cause.downcast_ref::<crate::open::OpenError>() {
            (e.in_language(self), true)
        } else if let Some(e) = cause.downcast_ref::<Reason>() {
            (self.reason(e), true)
        } else if let Some(e) = cause.downcast_ref::<Refusal>() {
            (self.refusal(e), true)
        } else if let Some(e) = cause.downcast_ref::<NotAdded>() {
            (self.not_added(e), true)
        } else {
            (cause.to_string(), false)
        }
    }
}

impl Lang {
    /// Why a DIP lookup stopped, in this language (one line; never a failed fetch).
    pub fn dip_error(self, error: &crate::dip::DipError) -> String {
        use crate::dip::DipError as E;
        let de = self == Lang::De;
        match (error, de) {
            (E::KeyRefused { status }, true) => format!(
                "DIP lehnt den Schlüssel ab (HTTP {status}): dip_api_key in der Konfiguration prüfen (der öffentliche Schlüssel wechselt jährlich); die Verweise bleiben Links"
            ),
            (E::KeyRefused { status }, false) => format!(
                "DIP refused the key (HTTP {status}): check dip_api_key in the config (the public key changes every year); references stay links"
            ),
            (E::Wait { secs: Some(s) }, true) => {
                format!("DIP bittet zu warten ({s} s): die Nachschlagungen folgen beim nächsten Aktualisieren")
            }
            (E::Wait { secs: Some(s) }, false) => {
                format!("DIP asks to wait ({s} s): lookups continue at the next refresh")
            }
            (E::Wait { secs: None }, true) => {
                "DIP bittet zu warten: die Nachschlagungen folgen beim nächsten Aktualisieren".to_owned()
            }
            (E::Wait { secs: None }, false) => {
                "DIP asks to wait: lookups continue at the next refresh".to_owned()
            }
            (E::Http { status }, true) => format!("DIP antwortete mit HTTP {status}"),
            (E::Http { status }, false) => format!("DIP answered HTTP {status}"),
            (E::Unreachable { detail }, true) => format!("DIP nicht erreichbar („{detail}“)"),
            (E::Unreachable { detail }, false) => format!("DIP unreachable: {detail}"),
            (E::Malformed { detail }, true) => {
                format!("DIP antwortete nicht mit JSON („{detail}“)")
            }
            (E::Malformed { detail }, false) => format!("DIP did not answer JSON: {detail}"),
        }
    }
}

impl std::fmt::Display for crate::dip::DipError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&Lang::En.dip_error(self))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn german_runs_word_reasons_and_filter_errors_in_german() {
        let de = Lang::De;
        let offline = Reason::NoConnection {
            host: "www.bmi.bund.de".into(),
            cause: NetCause::NameNotResolved,
        };
        assert_eq!(
            de.reason(&offline),
            "keine Verbindung zu www.bmi.bund.de: Name nicht auflösbar (offline?)"
        );
        assert_eq!(
            Lang::En.reason(&offline),
            "no connection to www.bmi.bund.de: the name does not resolve (offline?)"
        );
        assert_eq!(
            offline.to_string(),
            Lang::En.reason(&offline),
            "Display is English"
        );
        assert_eq!(
            de.reason(&Reason::NoArticleText),
            "auf der Seite wurde kein Artikeltext gefunden"
        );
        let not_found = Reason::Http {
            status: 404,
            retry_after: None,
        };
        assert_eq!(de.reason(&not_found), "HTTP 404");
        let timeout = Reason::Timeout { secs: 30 };
        assert_eq!(Lang::En.reason(&timeout), "timed out after 30 s");
        assert_eq!(de.reason(&timeout), "keine Antwort nach 30 s");
        // A reason stored by an older amtsfeed, or a server's words: as they came.
        assert_eq!(
            de.reason(&Reason::from_stored("Service Unavailable")),
            "Service Unavailable"
        );
        let bad = crate::filter::FilterError::BadDate("morgen".into());
        assert!(bad.in_language(de).starts_with("ungültiges Datum 'morgen'"));
        assert!(bad
            .in_language(Lang::En)
            .starts_with("invalid date 'morgen'"));
        assert_eq!(de.error_word(), "Fehler");
        let not_added = NotAdded {
            url: "https://x.example/a".into(),
            refusal: Refusal::PageWithoutFeed,
        };
        assert_eq!(
            de.not_added(&not_added),
            "https://x.example/a: nicht hinzugefügt: eine Webseite, die keinen Feed angibt und keine datierten Artikel auflistet"
        );
        assert_eq!(
            not_added.to_string(),
            "https://x.example/a: not added: this is a web page that announces no feed and lists no dated articles"
        );
    }

    #[test]
    fn settings_that_are_ignored_say_why_in_the_ui_language() {
        use crate::model::reason::{KeyProblem, SettingWarning};
        let warning = SettingWarning::BadKey {
            action: "quit".into(),
            problem: KeyProblem::CtrlTakesOneLetter {
                text: "ctrl-".into(),
            },
        };
        assert_eq!(
            Lang::De.setting_warning(&warning),
            "[keys] quit: 'ctrl-': nach ctrl- steht genau ein Buchstabe (ignoriert)"
        );
        assert_eq!(
            Lang::En.setting_warning(&warning),
            "[keys] quit: 'ctrl-': ctrl- takes one letter (ignored)"
        );
    }
}
