//! Words of the other language in a text: the check behind the tests that every screen and
//! every command speaks one language (`tests/cli/language.rs`, the TUI's view tests). A
//! word that only the other language has, from a list of each language's common words,
//! is a sign of a message left untranslated. Not used by the program itself.
//!
//! Exempt, because they are not the program's words: text in quotes (what the user typed, a
//! feed's name or title), web addresses and paths.

/// Words only English has, common in messages.
pub const ENGLISH_ONLY: &[&str] = &[
    "the",
    "not",
    "no",
    "cannot",
    "can't",
    "is",
    "were",
    "are",
    "has",
    "have",
    "failed",
    "error",
    "invalid",
    "unknown",
    "missing",
    "expected",
    "found",
    "written",
    "already",
    "skipped",
    "must",
    "between",
    "should",
    "could",
    "does",
    "with",
    "without",
    "such",
    "directory",
    "and",
    "of",
    "to",
    "for",
    "from",
    "this",
    "that",
    "which",
    "only",
    "use",
    "new",
    "updated",
    "articles",
    "article",
    "matches",
    "press",
    "loads",
    "fetched",
    "left",
    "later",
    "unchanged",
    "empty",
    "still",
    "file",
    "named",
    "added",
    "removed",
    "moved",
    "check",
    "try",
    "value",
    "values",
    "possible",
    "usage",
    "options",
    "default",
    "saved",
    "line",
    "read",
    "written",
    "page",
    "pages",
    "day",
    "days",
    "date",
    "today",
    "yesterday",
    "ago",
    "connection",
    "refused",
    "answer",
    "answered",
    "resolve",
];

/// Words only German has, common in messages.
pub const GERMAN_ONLY: &[&str] = &[
    "der",
    "die",
    "das",
    "den",
    "dem",
    "des",
    "nicht",
    "kein",
    "keine",
    "keinen",
    "keiner",
    "ist",
    "sind",
    "wurde",
    "wurden",
    "fehler",
    "und",
    "oder",
    "für",
    "mit",
    "ohne",
    "ein",
    "eine",
    "einen",
    "ungültig",
    "ungültiges",
    "ungültige",
    "unbekannt",
    "unbekannte",
    "unbekanntes",
    "gespeichert",
    "geladen",
    "übersprungen",
    "konfiguration",
    "datei",
    "vorhanden",
    "nur",
    "zwischen",
    "muss",
    "artikel",
    "neu",
    "neue",
    "aktualisiert",
    "fehlgeschlagen",
    "seiten",
    "später",
    "unverändert",
    "leer",
    "noch",
    "geschrieben",
    "hinzugefügt",
    "entfernt",
    "verschoben",
    "prüfen",
    "wert",
    "möglich",
    "aufruf",
    "optionen",
    "vorgabe",
    "gespeicherte",
    "zeile",
    "gelesen",
    "verbindung",
    "abgelehnt",
    "antwort",
    "auf",
    "von",
    "zu",
    "im",
    "wird",
    "kann",
    "als",
    "gibt",
    "stichwort",
    "datum",
    "tag",
    "tage",
    "wochen",
    "erwartet",
    "bitte",
    "schon",
    "bereits",
    "zeigt",
    "lädt",
];

/// The text with what is not the program's own words taken out: quoted parts, web addresses,
/// paths, and `--flags`.
pub fn own_words(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut closing: Option<char> = None;
    for c in text.chars() {
        match closing {
            Some(end) if c == end => {
                closing = None;
                out.push(' ');
            }
            Some(_) => {}
            None => match c {
                '\'' | '"' | '`' => closing = Some(c),
                '„' => closing = Some('“'),
                '«' => closing = Some('»'),
                _ => out.push(c),
            },
        }
    }
    out.split_whitespace()
        .filter(|w| {
            // Addresses, paths and identifiers (`tests/bmi_press_feed.xml`, `keep_days`).
            !(w.contains("://")
                || w.contains('/')
                || w.contains('_')
                || w.starts_with("--")
                || w.contains(".toml")
                || w.contains(".opml")
                || w.contains('\\'))
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Words of `text` that only the other language has.
pub fn foreign(text: &str, german_run: bool) -> Vec<String> {
    let markers = if german_run {
        ENGLISH_ONLY
    } else {
        GERMAN_ONLY
    };
    own_words(text)
        .split(|c: char| !(c.is_alphabetic() || c == '\''))
        .map(|w| w.trim_matches('\'').to_lowercase())
        .filter(|w| markers.contains(&w.as_str()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_marker_check_finds_the_other_language_and_spares_quoted_input() {
        assert_eq!(
            foreign("Fehler: no connection to www.bmas.de", true),
            ["no", "connection", "to"]
        );
        assert_eq!(
            foreign("nicht hinzugefügt: Verbindung abgelehnt", false).len(),
            4
        );
        assert!(foreign("ungültiges Datum 'the day after'", true).is_empty());
        assert!(foreign("invalid date „morgen“ (use YYYY-MM-DD)", true).contains(&"use".into()));
        assert!(foreign("no feed named 'Die Zeit' at http://x/und/oder", false).is_empty());
    }
}
