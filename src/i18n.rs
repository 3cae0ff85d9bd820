//! The UI language: German or English texts and date formats. Chosen by config `language`,
//! else by the locale (`LC_ALL` > `LC_MESSAGES` > `LANG`): `de*` German, `en*` English. With
//! no language in the locale (`C`, `POSIX`, unset, others) the texts are English and dates
//! stay dd.mm.yyyy, as the core CLI contract prints them.
//!
//! The filter vocabulary is not here: both languages' words (`heute`/`today`, `seit:`/`since:`)
//! are always accepted. The scripting contract (`fetch` lines, `list` JSON) is not translated.

#[doc(hidden)]
pub mod foreign;

use chrono::{DateTime, NaiveDate, Utc};
use serde::Deserialize;

/// A UI language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    De,
    En,
    /// No language chosen: English texts, German (dd.mm.yyyy) dates.
    #[default]
    #[serde(skip)]
    Neutral,
}

/// After a date in a list: the item gave none, the day shown is when it was first seen.
pub const UNDATED_MARK: char = '?';

impl Lang {
    /// The configured language, else the locale's (`var` reads the environment).
    pub fn resolve(configured: Option<Lang>, var: impl Fn(&str) -> Option<String>) -> Self {
        configured.unwrap_or_else(|| Self::from_locale(var))
    }

    /// The word before an error on stderr: `amtsfeed: error: …` / `amtsfeed: Fehler: …`.
    pub fn error_word(self) -> &'static str {
        match self {
            Self::De => "Fehler",
            Self::En | Self::Neutral => "error",
        }
    }

    /// Why only the teaser is there, in words.
    pub fn teaser_reason(self, reason: &crate::model::TeaserReason) -> String {
        use crate::model::TeaserReason;
        let [no_link, off, not_yet, unusable] = self.texts().teaser_reasons;
        match reason {
            TeaserReason::NoLink => no_link.to_owned(),
            TeaserReason::FullTextOff => off.to_owned(),
            TeaserReason::NotFetchedYet => not_yet.to_owned(),
            TeaserReason::PageUnusable(why) => format!("{unusable}: {}", self.reason(why)),
        }
    }

    /// The language of the first set locale variable (`LC_ALL`, `LC_MESSAGES`, `LANG`).
    pub fn from_locale(var: impl Fn(&str) -> Option<String>) -> Self {
        let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
            .into_iter()
            .filter_map(var)
            .find(|value| !value.is_empty())
            .unwrap_or_default();
        let locale = locale.to_ascii_lowercase();
        if locale.starts_with("de") {
            Self::De
        } else if locale.starts_with("en") {
            Self::En
        } else {
            Self::Neutral
        }
    }

    /// German texts?
    pub fn is_german(self) -> bool {
        self == Self::De
    }

    /// An alert: `Digitales: 3 neue Treffer` / `Digitales: 3 new matches`, `Digitales: 1
    /// geänderter Treffer`, `Mit Stern: 2 geändert`.
    pub fn alert(self, alert: &crate::model::Alert) -> String {
        use crate::model::AlertKind;
        let one = alert.count == 1;
        let words = match (alert.kind, self.is_german()) {
            (AlertKind::New, true) if one => "neuer Treffer",
            (AlertKind::New, true) => "neue Treffer",
            (AlertKind::New, false) if one => "new match",
            (AlertKind::New, false) => "new matches",
            (AlertKind::Changed, true) if one => "geänderter Treffer",
            (AlertKind::Changed, true) => "geänderte Treffer",
            (AlertKind::Changed, false) if one => "changed match",
            (AlertKind::Changed, false) => "changed matches",
            (AlertKind::StarredChanged, true) => "geändert",
            (AlertKind::StarredChanged, false) => "changed",
            (AlertKind::StageChanged, true) if one => "Treffer mit neuem Beratungsstand",
            (AlertKind::StageChanged, true) => "Treffer mit neuem Beratungsstand",
            (AlertKind::StageChanged, false) if one => "match with a new stage in parliament",
            (AlertKind::StageChanged, false) => "matches with a new stage in parliament",
        };
        let name = match alert.kind {
            AlertKind::StarredChanged => self.texts().starred.trim_end_matches(" ★").to_owned(),
            _ => crate::text::clean_inline(&alert.filter),
        };
        format!("{name}: {} {words}", alert.count)
    }

    /// A process in parliament in one line: "Vorgang „…“: Beschlussempfehlung liegt vor ·
    /// zuletzt 1. Beratung (2026-10-16)"; the CLI, the reader and its process list say it so.
    pub fn process(self, process: &crate::model::reference::Process) -> String {
        let t = self.texts();
        let (step, date) = process
            .last_step()
            .map_or(("-", ""), |s| (s.name.as_str(), s.date.as_str()));
        fill(
            t.process_line,
            &[
                ("title", &process.title),
                (
                    "stage",
                    &process.stage.as_deref().unwrap_or(t.stage_unknown),
                ),
                ("step", &step),
                ("date", &date),
            ],
        )
    }

    pub fn texts(self) -> &'static Texts {
        match self {
            Self::De => &DE,
            Self::En | Self::Neutral => &EN,
        }
    }

    /// A day: 16.12.2021 (German) or 2021-12-16 (English).
    pub fn date(self, day: NaiveDate) -> String {
        day.format(self.date_pattern()).to_string()
    }

    /// A day in a column of dates: with `undated`, the day first seen followed by
    /// [`UNDATED_MARK`], since nobody gave a date; else the day and, when `marks` (some row
    /// of the column is undated), a space in the mark's place, so the columns stay aligned.
    pub fn column_date(self, day: NaiveDate, undated: bool, marks: bool) -> String {
        let mut out = self.date(day);
        if undated {
            out.push(UNDATED_MARK);
        } else if marks {
            out.push(' ');
        }
        out
    }

    /// A moment in the local time zone with its time of day.
    pub fn date_time(self, at: DateTime<Utc>) -> String {
        self.date_time_in(at, crate::model::Zone::Local)
    }

    /// When an article was published, in `zone`: with its time of day, or the day alone when
    /// the source named only a day (its stored noon is no time anyone gave).
    pub fn published_in(
        self,
        at: DateTime<Utc>,
        time_unknown: bool,
        zone: crate::model::Zone,
    ) -> String {
        if time_unknown {
            self.date(zone.local(at).date())
        } else {
            self.date_time_in(at, zone)
        }
    }

    /// A moment in `zone` with its time of day.
    pub fn date_time_in(self, at: DateTime<Utc>, zone: crate::model::Zone) -> String {
        let local = zone.local(at);
        let pattern = match self {
            Self::De | Self::Neutral => "%d.%m.%Y %H:%M",
            Self::En => "%Y-%m-%d %H:%M",
        };
        local.format(pattern).to_string()
    }

    /// "geändert 14.03." / "changed 03-14", for an article whose last change was on `day`.
    pub fn changed_on(self, day: NaiveDate) -> String {
        let pattern = match self {
            Self::De | Self::Neutral => "%d.%m.",
            Self::En => "%m-%d",
        };
        fill(
            self.texts().changed_on,
            &[("date", &day.format(pattern).to_string())],
        )
    }

    pub fn date_pattern(self) -> &'static str {
        match self {
            Self::De | Self::Neutral => "%d.%m.%Y",
            Self::En => "%Y-%m-%d",
        }
    }
}

/// Every UI text, per language.
#[derive(Debug, PartialEq, Eq)]
pub struct Texts {
    // Sidebar and panes
    pub all: &'static str,
    pub unread: &'static str,
    pub starred: &'static str,
    pub feeds_pane: &'static str,
    pub articles_pane: &'static str,
    pub loading: &'static str,
    pub no_articles: &'static str,
    /// The list of a feed chosen in the sidebar whose last refresh failed: `{name}`, `{reason}`.
    pub empty_feed_failed: &'static str,
    /// The list when the cache holds nothing yet (a first start).
    pub empty_cache: &'static str,
    /// An empty list that a filter, a sidebar choice or a range narrows.
    pub empty_narrowed: &'static str,
    pub article_position: &'static str,
    /// The article's id in the reader's title (`{id}`), as `amtsfeed show` takes it.
    pub article_id: &'static str,
    pub topics_label: &'static str,
    pub teaser_only: &'static str,
    pub fetch_full_text_hint: &'static str,
    // Bars
    pub matches: &'static str,
    pub link_no: &'static str,
    pub enter_opens: &'static str,
    pub filter_hint: &'static str,
    pub filter_label: &'static str,
    /// What narrows the list besides the filter: "Thema: {name}", "Feed: {name}",
    /// "gespeichert: {name}", and the hint that Esc clears it all.
    pub narrowed_topic: &'static str,
    pub narrowed_feed: &'static str,
    pub narrowed_saved: &'static str,
    pub narrowed_clear: &'static str,
    pub refreshing: &'static str,
    pub feeds_word: &'static str,
    pub articles: &'static str,
    pub unread_shown: &'static str,
    pub today: &'static str,
    pub days7: &'static str,
    pub days30: &'static str,
    /// The timeline's title: "{label}", "{n}", then its keys.
    pub timeline_title: &'static str,
    /// The zoomed date range in the status line: "{from}", "{to}".
    pub zoomed_range: &'static str,
    pub error: &'static str,
    pub hints_filter: &'static [&'static str],
    pub hints_overlay: &'static [&'static str],
    pub hints_catalogue: &'static [&'static str],
    /// The catalogue overlay's title.
    pub catalogue_title: &'static str,
    /// A catalogue source the config has already (`{name}`).
    pub source_configured: &'static str,
    pub hints_link: &'static [&'static str],
    pub hints_prompt: &'static [&'static str],
    // Overlays
    pub keys_title: &'static str,
    /// The help's legend of the list's marks: unread and starred, and a date with `?`.
    pub legend_marks: &'static str,
    pub legend_undated: &'static str,
    pub log_title: &'static str,
    pub no_refresh_yet: &'static str,
    pub config_warnings: &'static str,
    // Prompts and notices
    pub add_feed_prompt: &'static str,
    pub save_filter_prompt: &'static str,
    pub nothing_to_save: &'static str,
    /// Asks before a saved filter is replaced (`{name}`, `{query}` its query now).
    pub replace_filter_prompt: &'static str,
    /// Answers that replace (lower case); anything else keeps the saved filter.
    pub yes_words: &'static [&'static str],
    pub not_replaced: &'static str,
    pub checking_feed: &'static str,
    pub added_feed: &'static str,
    pub saved_filter: &'static str,
    pub refresh_running: &'static str,
    pub new_updated_failed: [&'static str; 3],
    /// After the refresh summary when feeds failed.
    pub failed_see_log: &'static str,
    /// After that, when every feed failed.
    pub all_failed_offline: &'static str,
    /// After the count of articles retention removed in a refresh's status line.
    pub removed_word: &'static str,
    pub fetching_full_text: &'static str,
    pub full_text_loaded: &'static str,
    pub opened_in_browser: &'static str,
    /// "citation" and "link", what `y` and `Y` copy.
    pub citation_word: &'static str,
    pub link_word: &'static str,
    /// "copied" after what was put on the clipboard.
    pub copied: &'static str,
    /// The status line when `y`/`Y` cannot reach the clipboard.
    pub clipboard_off_short: &'static str,
    /// Under the text shown instead: why, and how to copy it.
    pub clipboard_off: &'static str,
    /// Before the other feeds of a release published in several ("auch: BMAS").
    pub also_in: &'static str,
    pub no_link: &'static str,
    pub no_more_unread: &'static str,
    /// `feeds`: the column heads, then "never" (no fetch yet).
    pub feeds_columns: [&'static str; 6],
    /// `amtsfeed filters`: name, matches, unread, new, query.
    pub filters_columns: [&'static str; 5],
    pub no_saved_filters: &'static str,
    pub doctor: DoctorTexts,
    pub never: &'static str,
    /// A feed whose server answered 304 (the TUI's log).
    pub not_modified: &'static str,
    /// Before an error of a refresh / of a page fetch in the status line.
    pub refresh_word: &'static str,
    pub full_text_word: &'static str,
    pub not_in_cache: &'static str,
    // CLI
    pub show_feed: &'static str,
    pub show_date: &'static str,
    /// Before the first-seen time of an item nothing dated.
    pub date_unknown_first_seen: &'static str,
    pub show_topics: &'static str,
    pub show_link: &'static str,
    pub show_type: &'static str,
    pub show_state: &'static str,
    /// read, unread, starred
    pub state_words: [&'static str; 3],
    pub show_note: &'static str,
    /// A link off the domains of the feed's ministry (`{ministry}`).
    pub link_elsewhere: &'static str,
    /// `list` found nothing (stderr, table format).
    pub list_empty: &'static str,
    /// `topics` found nothing (stderr, table format).
    pub topics_empty: &'static str,
    /// …and the cache holds nothing at all yet.
    pub cache_empty_hint: &'static str,
    pub show_teaser_note: &'static str,
    /// Why only the teaser is there: no link, full text off, not fetched yet, page unusable.
    pub teaser_reasons: [&'static str; 4],
    // CLI messages: templates with {placeholders}, filled by `fill`.
    pub marked: &'static str,
    /// read, unread, starred, unstarred
    pub marked_as: [&'static str; 4],
    /// `show --versions`: the heading (`{id}`, `{n}`), the first version, "changed", the
    /// current one.
    pub versions_heading: &'static str,
    pub version_first: &'static str,
    pub version_changed: &'static str,
    pub version_current: &'static str,
    /// The parts of an article that change: title, teaser, text, date, type.
    pub change_names: [&'static str; 5],
    /// `show --diff`: `{a}`, `{a_seen}`, `{b}`, `{b_seen}`.
    pub diff_heading: &'static str,
    /// How removed and added words are marked.
    pub diff_legend: &'static str,
    /// A version whose text cannot be rebuilt.
    pub text_unavailable: &'static str,
    /// `show --diff` of an article that never changed (`{id}`).
    pub never_changed: &'static str,
    /// In lists: changed, with the day (`{date}`).
    pub changed_on: &'static str,
    /// In the changes view: `v` shows the edit before / the article again.
    pub changes_more: &'static str,
    pub changes_last: &'static str,
    /// Before the list of versions in the changes view, and how to see all changes.
    pub versions_label: &'static str,
    pub changes_all: &'static str,
    /// In the reader's header of an edited article (`{date}`).
    pub changed_note: &'static str,
    /// An article taken out of its feed (`{date}`).
    pub left_feed_note: &'static str,
    /// An article whose page is gone (`{date}`, `{retrieved}`, `{archive}`).
    pub gone_note: &'static str,
    /// In lists, after the title of an article whose page is gone.
    pub gone_mark: &'static str,
    /// In a citation of it (`{date}`).
    pub gone_cite: &'static str,
    /// Before the parliamentary documents an article names (DIP, the Bundestag's
    /// documentation system, in both languages: short enough for `show`'s label column).
    pub parliament: &'static str,
    /// A process of parliament: `{title}`, `{stage}`, `{step}`, `{date}`.
    pub process_line: &'static str,
    /// A process whose stage DIP did not give.
    pub stage_unknown: &'static str,
    /// `fetch` at a terminal: `{documents}`, `{processes}`, `{requests}`.
    pub dip_summary: &'static str,
    /// `processes` with nothing to list, with a key and without one.
    pub no_processes: &'static str,
    pub no_processes_no_key: &'static str,
    /// The title of the processes overlay (`P`).
    pub processes_title: &'static str,
    /// The overlay with nothing to list.
    pub no_processes_here: &'static str,
    pub imported: &'static str,
    /// `export-opml --output FILE`: `{n}` feeds, `{path}`.
    pub exported: &'static str,
    pub skipped: &'static str,
    pub added_stored: &'static str,
    pub added_unchecked: &'static str,
    pub removed_purged: &'static str,
    pub removed_kept: &'static str,
    pub relocated: &'static str,
    pub compacted: &'static str,
    /// `fetch` after retention removed articles (stderr).
    pub retention_removed: &'static str,
    /// After a refresh: "{fetched}", "{unchanged}", "{failed}", "{deferred}" pages, then
    /// `pages_failed_ids` with "{ids}" when pages failed, then `pages_details`.
    pub pages_summary: &'static str,
    /// `amtsfeed config` when there is no config file yet: "{path}".
    pub config_not_yet: &'static str,
    pub pages_failed_ids: &'static str,
    pub pages_details: &'static str,
    /// A feed that moved permanently (`{name}`, `{url}`), said once.
    pub moved_feed: &'static str,
    pub upgrading: &'static str,
}

/// A template with its `{name}` placeholders replaced. `{name|one|many}` is a word that
/// follows the count in `name`: `one` when it is 1, else `many` ("1 article", "2 articles").
pub fn fill(template: &str, values: &[(&str, &dyn std::fmt::Display)]) -> String {
    let mut out = template.to_owned();
    for (name, value) in values {
        let value = value.to_string();
        out = out.replace(&format!("{{{name}}}"), &value);
        let plural_start = format!("{{{name}|");
        while let Some(at) = out.find(&plural_start) {
            let Some(len) = out[at..].find('}') else {
                break;
            };
            let inner = &out[at + plural_start.len()..at + len];
            let (one, many) = inner.split_once('|').unwrap_or((inner, inner));
            let word = if value == "1" { one } else { many }.to_owned();
            out.replace_range(at..=at + len, &word);
        }
    }
    out
}

/// `doctor`'s lines; `{path}`, `{problem}` and the counts are filled in.
#[derive(Debug, PartialEq, Eq)]
pub struct DoctorTexts {
    pub config_bundled: &'static str,
    pub config_bundled_only: &'static str,
    pub config: &'static str,
    pub cache: &'static str,
    pub health: &'static str,
    pub integrity_ok: &'static str,
    /// Feeds no longer in the config whose articles the cache keeps (`{n}`).
    pub kept_feeds: &'static str,
    pub problem: &'static str,
    pub not_damaged: &'static str,
    pub not_damaged_not_reset: &'static str,
    pub reset_advice: &'static str,
    pub kept: &'static str,
}

pub static DE: Texts = Texts {
    all: "Alle",
    unread: "Ungelesen",
    starred: "Mit Stern ★",
    feeds_pane: "Feeds",
    articles_pane: "Artikel",
    loading: "lädt …",
    no_articles: "Keine Artikel. R lädt die Feeds, / ändert den Filter.",
    empty_feed_failed: "{name} ließ sich zuletzt nicht laden: {reason}. R lädt erneut, L zeigt das Protokoll.",
    empty_cache: "Noch nichts geladen: R lädt die Feeds (danach liest amtsfeed auch offline aus dem Cache). ? zeigt alle Tasten.",
    empty_narrowed: "Nichts passt. / ändert den Filter, Esc hebt die Auswahl auf.",
    article_position: "Artikel",
    article_id: "Nr. {id}",
    topics_label: "Themen",
    teaser_only: "Nur der Anreißer",
    fetch_full_text_hint: "F lädt den vollen Text.",
    matches: "Treffer",
    link_no: "Link Nr.: ",
    enter_opens: "▏ (Enter öffnet)",
    // Starts with "kein Filter": without colours (NO_COLOR) the example must not read as one.
    filter_hint: "kein Filter · / filtert, z. B.: Stichwort seit:2w bis:{date} feed:BMI ungelesen",
    filter_label: "Filter: ",
    narrowed_topic: "Thema: {name}",
    narrowed_feed: "Feed: {name}",
    narrowed_saved: "gespeichert: {name}",
    narrowed_clear: "(Esc hebt auf)",
    refreshing: "Aktualisiere",
    feeds_word: "Feeds",
    articles: "{n} Artikel",
    unread_shown: "ungelesen angezeigt",
    today: "heute",
    days7: "7 Tage",
    days30: "30 Tage",
    timeline_title: "{label}: {n} Artikel · [ ] Balken wählen · z hineinzoomen",
    zoomed_range: "{from} – {to} (Z zurück)",
    error: "Fehler",
    hints_filter: &["Enter behalten", "Esc leeren", "Strg-S speichern", "Strg-U/W löschen"],
    hints_overlay: &["Esc schließen"],
    hints_catalogue: &["↑↓ wählen", "Enter hinzufügen", "Esc schließen"],
    catalogue_title: "Quellen des Bundes · ✓ eingetragen · V geprüft · R berichtet · C nur im Code · I erschlossen",
    source_configured: "'{name}' ist schon eingetragen",
    hints_link: &["Ziffern", "Enter öffnen", "Esc abbrechen"],
    hints_prompt: &["Enter bestätigen", "Esc abbrechen"],
    keys_title: "Tasten (Esc schließt)",
    legend_marks: "ungelesen · mit Stern",
    legend_undated: "ohne Datum, zuerst gesehen",
    log_title: "Protokoll (Esc schließt)",
    no_refresh_yet: "Noch keine Aktualisierung.",
    config_warnings: "Konfiguration",
    add_feed_prompt: "Feed hinzufügen (URL): ",
    save_filter_prompt: "Filter speichern als: ",
    nothing_to_save: "kein Filter zum Speichern (/ setzt einen)",
    replace_filter_prompt: "Filter '{name}' gibt es schon ({query}). Ersetzen? j/n: ",
    yes_words: &["j", "ja", "y", "yes"],
    not_replaced: "Filter '{name}' bleibt wie er war",
    checking_feed: "prüfe",
    added_feed: "hinzugefügt",
    saved_filter: "Filter gespeichert:",
    refresh_running: "eine Aktualisierung läuft bereits",
    new_updated_failed: ["neu", "aktualisiert", "fehlgeschlagen"],
    failed_see_log: " (L zeigt, warum)",
    all_failed_offline: " – keiner erreichbar: offline? Der Cache bleibt lesbar",
    removed_word: "von der Aufbewahrung entfernt",
    fetching_full_text: "lade den vollen Text …",
    full_text_loaded: "voller Text geladen",
    opened_in_browser: "im Browser geöffnet",
    citation_word: "Zitat",
    link_word: "Link",
    copied: "kopiert",
    clipboard_off_short: "Zwischenablage aus: der Text steht im Fenster zum Markieren",
    clipboard_off: "Die Zwischenablage ist aus (in tmux und in Terminals, die amtsfeed nicht kennt): den Text mit der Maus markieren (in tmux mit gedrückter Umschalttaste), oder clipboard = \"on\" in der Konfiguration (tmux dazu: set -g set-clipboard on). Esc schließt.",
    also_in: "auch",
    no_link: "kein Link",
    no_more_unread: "keine weiteren ungelesenen Artikel in der Liste",
    feeds_columns: ["NAME", "MINISTERIUM", "ARTIKEL", "UNGELESEN", "ZULETZT GELADEN", "STATUS"],
    filters_columns: ["NAME", "TREFFER", "UNGELESEN", "NEU", "FILTER"],
    no_saved_filters: "Keine gespeicherten Filter: S im Reader speichert den aktuellen Filter, oder [[filter]] name = …, query = … in der Konfiguration",
    doctor: DoctorTexts {
        config_bundled: "Konfiguration: die mitgelieferte ({path} gibt es noch nicht; `amtsfeed add` legt sie an)",
        config_bundled_only: "Konfiguration: die mitgelieferte",
        config: "Konfiguration: {path}",
        cache: "Cache: {path}",
        health: "Schema {schema}, {feeds} {feeds|Feed|Feeds}, {articles} Artikel, {mib} MiB",
        integrity_ok: "Integrität: in Ordnung",
        kept_feeds: "dazu {n} nicht mehr {n|eingetragener Feed|eingetragene Feeds}, {n|dessen|deren} Artikel der Cache behält (`list --feed NAME` zeigt {n|ihn|sie})",
        problem: "Problem: {problem}",
        not_damaged: "der Cache ist nicht beschädigt; nichts wurde geändert",
        not_damaged_not_reset: "der Cache ist nicht beschädigt, darum nicht zurückgesetzt; nichts wurde geändert",
        reset_advice: "`amtsfeed doctor --reset` legt diese Datei beiseite und beginnt einen neuen Cache",
        kept: "alter Cache aufbewahrt als {path}; ein neuer ist angelegt (`amtsfeed fetch` lädt die Feeds)",
    },
    never: "nie",
    not_modified: "unverändert",
    refresh_word: "Aktualisierung",
    full_text_word: "voller Text",
    not_in_cache: "ist nicht mehr im Cache",
    show_feed: "Feed",
    show_date: "Datum",
    date_unknown_first_seen: "unbekannt, zuerst gesehen",
    show_topics: "Themen",
    show_link: "Link",
    show_type: "Typ",
    show_state: "Status",
    state_words: ["gelesen", "ungelesen", "mit Stern"],
    show_note: "Hinweis",
    link_elsewhere: "der Link führt nicht auf eine Domain von {ministry}",
    list_empty: "keine Artikel",
    topics_empty: "keine Themen",
    cache_empty_hint: "der Cache ist noch leer: `amtsfeed fetch` lädt die Feeds",
    show_teaser_note: "nur der Anreißer ist verfügbar",
    teaser_reasons: [
        "der Artikel hat keinen Web-Link",
        "voller Text ist für diesen Feed aus (full_text = false)",
        "die Artikelseite wurde noch nicht geladen (amtsfeed fetch)",
        "die Artikelseite war nicht verwendbar",
    ],
    marked: "{n} Artikel: {what}",
    marked_as: ["gelesen", "ungelesen", "mit Stern", "ohne Stern"],
    versions_heading: "Fassungen von Nr. {id} ({n})",
    version_first: "erste Fassung",
    version_changed: "geändert",
    version_current: "aktuell",
    change_names: ["Titel", "Anreißer", "Text", "Datum", "Typ"],
    diff_heading: "Fassung {a} ({a_seen}) → Fassung {b} ({b_seen})",
    diff_legend: "[-entfernt-] {+hinzugefügt+}",
    text_unavailable: "(der Text dieser Fassung lässt sich nicht wiederherstellen)",
    never_changed: "Nr. {id} wurde nie geändert: es gibt eine Fassung.",
    changed_on: "geändert {date}",
    changes_more: "v zeigt die Änderung davor",
    changes_last: "v zeigt wieder den Text",
    versions_label: "Fassungen",
    changes_all: "V: alles seit der ersten",
    changed_note: "geändert {date} · v zeigt, was sich geändert hat",
    left_feed_note: "nicht mehr im Feed seit {date}",
    gone_note: "nicht mehr online seit {date}; der Text ist der vom {retrieved} · Archiv: {archive}",
    gone_mark: "nicht mehr online",
    gone_cite: "nicht mehr online seit {date}",
    parliament: "DIP",
    process_line: "Vorgang „{title}“: {stage} · zuletzt {step} ({date})",
    stage_unknown: "Stand unbekannt",
    no_processes: "Keine Vorgänge: kein Artikel der Zeit nennt eine Drucksache, die DIP kennt (oder sie wurden noch nicht nachgeschlagen: amtsfeed fetch)",
    processes_title: "Vorgänge im Parlament (Esc schließt)",
    no_processes_here: "Keine Vorgänge: kein Artikel der letzten 8 Wochen nennt eine Drucksache, die DIP kennt. Nachgeschlagen wird beim Aktualisieren, mit einem DIP-Schlüssel (dip_api_key in der Konfiguration).",
    no_processes_no_key: "Keine Vorgänge: ohne DIP-Schlüssel (dip_api_key in der Konfiguration) schlägt amtsfeed die Drucksachen nicht nach",
    dip_summary: "DIP: {documents} {documents|Drucksache|Drucksachen} und {processes} {processes|Vorgang|Vorgänge} nachgeschlagen ({requests} {requests|Anfrage|Anfragen})",
    imported: "{n} {n|Feed|Feeds} in {path} übernommen",
    exported: "{n} {n|Feed|Feeds} nach {path} geschrieben",
    skipped: "übersprungen: {what}",
    added_stored: "'{name}' zu {path} hinzugefügt: {n} Artikel gespeichert",
    added_unchecked: "'{name}' zu {path} hinzugefügt (nicht geprüft; `amtsfeed fetch --feed '{name}'` lädt ihn)",
    removed_purged: "'{name}' aus {path} entfernt und seine {n} Artikel gelöscht",
    removed_kept: "'{name}' aus {path} entfernt; seine Artikel bleiben im Cache (--purge löscht sie)",
    relocated: "'{name}' liest jetzt {url} ({path}); seine Artikel bleiben bei ihm",
    compacted: "Cache verdichtet: {before} MiB → {after} MiB",
    moved_feed: "{name}: dauerhaft umgezogen nach {url}; wird ab jetzt dort abgerufen (`amtsfeed move '{name}' {url}` trägt es in die Konfiguration ein)",
    retention_removed: "Aufbewahrung: {n} Artikel entfernt (keep_days/max_articles_per_feed; 0 oder nicht gesetzt behält alle)",
    config_not_yet: "{path} (noch nicht angelegt: es gilt die mitgelieferte Vorgabe; `amtsfeed config --default > {path}` legt sie zum Bearbeiten an, `amtsfeed add` ebenso)",
    pages_summary: "Volltext: {fetched} Seiten geladen, {unchanged} unverändert, {failed} fehlgeschlagen, {deferred} auf später verschoben",
    pages_failed_ids: "; fehlgeschlagen: {ids}",
    pages_details: " (Einzelheiten: `amtsfeed show ID`)",
    upgrading: "amtsfeed: der Suchindex von {n} Artikeln im Cache wird neu aufgebaut (einmalig; etwa eine Minute je 100.000) …",
};

pub static EN: Texts = Texts {
    all: "All",
    unread: "Unread",
    starred: "Starred ★",
    feeds_pane: "Feeds",
    articles_pane: "Articles",
    loading: "loading …",
    no_articles: "No articles. R fetches the feeds, / changes the filter.",
    empty_feed_failed: "{name} could not be fetched last time: {reason}. R tries again, L shows the log.",
    empty_cache: "Nothing fetched yet: R fetches the feeds (after that amtsfeed reads them from its cache, offline too). ? shows every key.",
    empty_narrowed: "Nothing matches. / changes the filter, Esc clears the choice.",
    article_position: "Article",
    article_id: "id {id}",
    topics_label: "Topics",
    teaser_only: "Teaser only",
    fetch_full_text_hint: "F fetches the full text.",
    matches: "matches",
    link_no: "Link no.: ",
    enter_opens: "▏ (Enter opens)",
    filter_hint: "no filter · / filters, e.g.: keyword since:2w until:{date} feed:BMI unread",
    filter_label: "filter: ",
    narrowed_topic: "topic: {name}",
    narrowed_feed: "feed: {name}",
    narrowed_saved: "saved: {name}",
    narrowed_clear: "(Esc clears)",
    refreshing: "Refreshing",
    feeds_word: "feeds",
    articles: "{n} {n|article|articles}",
    unread_shown: "unread shown",
    today: "today",
    days7: "7 days",
    days30: "30 days",
    timeline_title: "{label}: {n} {n|article|articles} · [ ] pick a bar · z zoom in",
    zoomed_range: "{from} – {to} (Z back)",
    error: "error",
    hints_filter: &["Enter keep", "Esc clear", "Ctrl-S save", "Ctrl-U/W delete"],
    hints_overlay: &["Esc close"],
    hints_catalogue: &["↑↓ choose", "Enter add", "Esc close"],
    catalogue_title: "Federal sources · ✓ configured · V verified · R reported · C code only · I inferred",
    source_configured: "'{name}' is configured already",
    hints_link: &["digits", "Enter open", "Esc cancel"],
    hints_prompt: &["Enter confirm", "Esc cancel"],
    keys_title: "Keys (Esc closes)",
    legend_marks: "unread · starred",
    legend_undated: "no date given, first seen",
    log_title: "Log (Esc closes)",
    no_refresh_yet: "No refresh yet.",
    config_warnings: "config",
    add_feed_prompt: "Add feed (URL): ",
    save_filter_prompt: "Save filter as: ",
    nothing_to_save: "no filter to save (/ sets one)",
    replace_filter_prompt: "A filter '{name}' exists ({query}). Replace it? y/n: ",
    yes_words: &["y", "yes", "j", "ja"],
    not_replaced: "filter '{name}' kept as it was",
    checking_feed: "checking",
    added_feed: "added",
    saved_filter: "saved filter",
    refresh_running: "a refresh is already running",
    new_updated_failed: ["new", "updated", "failed"],
    failed_see_log: " (L shows why)",
    all_failed_offline: " – none reachable: offline? The cache stays readable",
    removed_word: "removed by retention",
    fetching_full_text: "fetching the full text …",
    full_text_loaded: "full text loaded",
    opened_in_browser: "opened in the browser",
    citation_word: "citation",
    link_word: "link",
    copied: "copied",
    clipboard_off_short: "clipboard off: the text is in the box to select",
    clipboard_off: "The clipboard is off (in tmux and in terminals amtsfeed does not know): select the text with the mouse (in tmux hold Shift), or set clipboard = \"on\" in the config (and in tmux: set -g set-clipboard on). Esc closes.",
    also_in: "also",
    no_link: "no link",
    no_more_unread: "no more unread articles in the list",
    feeds_columns: ["NAME", "MINISTRY", "ARTICLES", "UNREAD", "LAST FETCH", "STATUS"],
    filters_columns: ["NAME", "MATCHES", "UNREAD", "NEW", "FILTER"],
    no_saved_filters: "No saved filters: S in the reader saves the current filter, or [[filter]] name = …, query = … in the config",
    doctor: DoctorTexts {
        config_bundled: "config: the bundled default ({path} does not exist; `amtsfeed add` creates it)",
        config_bundled_only: "config: the bundled default",
        config: "config: {path}",
        cache: "cache: {path}",
        health: "schema {schema}, {feeds} {feeds|feed|feeds}, {articles} {articles|article|articles}, {mib} MiB",
        integrity_ok: "integrity: ok",
        kept_feeds: "and {n} {n|feed|feeds} no longer configured whose articles the cache keeps (`list --feed NAME` shows them)",
        problem: "problem: {problem}",
        not_damaged: "the cache is not damaged; nothing was changed",
        not_damaged_not_reset: "the cache is not damaged, so it was not reset; nothing was changed",
        reset_advice: "run `amtsfeed doctor --reset` to keep this file aside and start a new cache",
        kept: "kept the old cache as {path}; started a new one (run `amtsfeed fetch`)",
    },
    never: "never",
    not_modified: "not modified",
    refresh_word: "refresh",
    full_text_word: "full text",
    not_in_cache: "is no longer in the cache",
    show_feed: "Feed",
    show_date: "Date",
    date_unknown_first_seen: "unknown, first seen",
    show_topics: "Topics",
    show_link: "Link",
    show_type: "Type",
    show_state: "State",
    state_words: ["read", "unread", "starred"],
    show_note: "Note",
    link_elsewhere: "the link is not on a domain of {ministry}",
    list_empty: "no articles",
    topics_empty: "no topics",
    cache_empty_hint: "the cache is still empty: `amtsfeed fetch` downloads the feeds",
    show_teaser_note: "only the teaser is available",
    teaser_reasons: [
        "the article has no web link",
        "full text is off for this feed (full_text = false)",
        "the article page has not been fetched yet (amtsfeed fetch)",
        "the article page could not be used",
    ],
    marked: "{n} {n|article|articles} marked {what}",
    marked_as: ["read", "unread", "starred", "unstarred"],
    versions_heading: "Versions of id {id} ({n})",
    version_first: "first version",
    version_changed: "changed",
    version_current: "current",
    change_names: ["title", "teaser", "text", "date", "type"],
    diff_heading: "Version {a} ({a_seen}) → version {b} ({b_seen})",
    diff_legend: "[-removed-] {+added+}",
    text_unavailable: "(the text of this version cannot be rebuilt)",
    never_changed: "id {id} never changed: it has one version.",
    changed_on: "changed {date}",
    changes_more: "v shows the edit before",
    changes_last: "v shows the text again",
    versions_label: "Versions",
    changes_all: "V: all since the first",
    changed_note: "changed {date} · v shows what changed",
    left_feed_note: "no longer in its feed since {date}",
    gone_note: "no longer online since {date}; the text is as retrieved on {retrieved} · archive: {archive}",
    gone_mark: "no longer online",
    gone_cite: "no longer online since {date}",
    parliament: "DIP",
    process_line: "process \"{title}\": {stage} · last {step} ({date})",
    stage_unknown: "stage unknown",
    no_processes: "No processes: no article of that time names a Drucksache DIP knows (or they were not looked up yet: amtsfeed fetch)",
    processes_title: "Processes in parliament (Esc closes)",
    no_processes_here: "No processes: no article of the last 8 weeks names a Drucksache DIP knows. They are looked up at each refresh, with a DIP key (dip_api_key in the config).",
    no_processes_no_key: "No processes: without a DIP key (dip_api_key in the config) amtsfeed does not look Drucksachen up",
    dip_summary: "DIP: looked up {documents} {documents|Drucksache|Drucksachen} and {processes} {processes|process|processes} ({requests} {requests|request|requests})",
    imported: "imported {n} {n|feed|feeds} into {path}",
    exported: "{n} {n|feed|feeds} written to {path}",
    skipped: "skipped {what}",
    added_stored: "added '{name}' to {path}: {n} {n|article|articles} stored",
    added_unchecked: "added '{name}' to {path} (not checked; `amtsfeed fetch --feed '{name}'` loads it)",
    removed_purged: "removed '{name}' from {path} and deleted its {n} {n|article|articles}",
    removed_kept: "removed '{name}' from {path}; its articles stay in the cache (--purge deletes them)",
    relocated: "'{name}' now reads {url} ({path}); its articles stay with it",
    compacted: "cache compacted: {before} MiB → {after} MiB",
    moved_feed: "{name}: moved permanently to {url}; fetched from there from now on (`amtsfeed move '{name}' {url}` writes it into the config)",
    retention_removed: "retention: {n} {n|article|articles} removed (keep_days/max_articles_per_feed; 0 or unset keeps all)",
    config_not_yet: "{path} (not there yet: the bundled default applies; `amtsfeed config --default > {path}` writes it out to edit, as `amtsfeed add` does)",
    pages_summary: "full text: {fetched} pages fetched, {unchanged} unchanged, {failed} failed, {deferred} left for later",
    pages_failed_ids: "; failed: {ids}",
    pages_details: " (details: `amtsfeed show ID`)",
    upgrading: "amtsfeed: upgrading the search index of {n} cached articles (once; about a minute per 100,000) …",
};

/// A fixed environment for tests: `var` lookups answered from `pairs`.
#[cfg(test)]
pub fn test_env(pairs: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<String> {
    move |name| {
        pairs
            .iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| (*v).to_owned())
    }
}

#[cfg(test)]
mod tests {

    use super::test_env as env;
    use super::*;

    #[test]
    fn counted_words_follow_their_count() {
        for (n, en, de) in [
            (0, "0 articles", "0 Artikel"),
            (1, "1 article", "1 Artikel"),
            (2, "2 articles", "2 Artikel"),
            (11, "11 articles", "11 Artikel"),
        ] {
            assert_eq!(fill(EN.articles, &[("n", &n)]), en);
            assert_eq!(fill(DE.articles, &[("n", &n)]), de);
        }
        assert_eq!(
            fill(DE.doctor.kept_feeds, &[("n", &1)]),
            "dazu 1 nicht mehr eingetragener Feed, dessen Artikel der Cache behält (`list --feed NAME` zeigt ihn)"
        );
        assert_eq!(
            fill(EN.timeline_title, &[("label", &"12/2021"), ("n", &1)]),
            "12/2021: 1 article · [ ] pick a bar · z zoom in"
        );
        // No template is left with a count word unfilled, or with "(s)".
        for texts in [&DE, &EN] {
            let debug = format!("{texts:?}");
            assert!(!debug.contains("(s)"), "{debug}");
        }
    }

    #[test]
    fn locale_picks_the_language_in_posix_order() {
        assert_eq!(Lang::from_locale(env(&[("LANG", "en_GB.UTF-8")])), Lang::En);
        assert_eq!(Lang::from_locale(env(&[("LANG", "de_DE.UTF-8")])), Lang::De);
        assert_eq!(
            Lang::from_locale(env(&[("LANG", "C.UTF-8")])),
            Lang::Neutral
        );
        assert_eq!(
            Lang::from_locale(env(&[("LANG", "fr_FR.UTF-8")])),
            Lang::Neutral
        );
        assert_eq!(Lang::from_locale(env(&[])), Lang::Neutral);
        assert_eq!(
            Lang::from_locale(env(&[("LC_ALL", "en_US.UTF-8"), ("LANG", "de_DE.UTF-8")])),
            Lang::En
        );
        assert_eq!(
            Lang::from_locale(env(&[
                ("LC_ALL", ""),
                ("LC_MESSAGES", "de_AT"),
                ("LANG", "en_US")
            ])),
            Lang::De
        );
        assert_eq!(
            Lang::resolve(Some(Lang::En), env(&[("LANG", "de_DE")])),
            Lang::En
        );
        assert_eq!(Lang::resolve(None, env(&[("LANG", "de_DE")])), Lang::De);
    }

    #[test]
    fn dates_follow_the_language() {
        let day = NaiveDate::from_ymd_opt(2021, 12, 16).expect("date");
        assert_eq!(Lang::De.date(day), "16.12.2021");
        assert_eq!(Lang::En.date(day), "2021-12-16");
        assert_eq!(Lang::Neutral.date(day), "16.12.2021");
        assert_eq!(Lang::Neutral.texts(), &EN);
    }

    #[test]
    fn both_languages_have_every_text() {
        // Same shape, different words: an untranslated copy would be equal somewhere it
        // should not be.
        assert_ne!(DE.all, EN.all);
        assert_ne!(DE.no_articles, EN.no_articles);
        assert_eq!(DE.hints_filter.len(), EN.hints_filter.len());
        assert_eq!(DE.hints_link.len(), EN.hints_link.len());
    }
}
