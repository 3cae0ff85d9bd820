//! Soft 404s: error pages served with status 200 ("Fehler 404 – Seite nicht gefunden").
//! Read as an article, such a page would replace the teaser with the error text. What marks
//! one is where it says so, not a site's wording: the page's title, its main headings or a
//! short opening line state that the page (or document) was not found, or give the bare error
//! code. Status codes in a longer headline ("Bundesstraße 404 gesperrt") are not enough.

use scraper::Html;

use super::{select_all, visible_text};

/// Words that name the thing that is missing.
const PAGE_WORDS: &[&str] = &[
    "seite",
    "webseite",
    "internetseite",
    "page",
    "webpage",
    "dokument",
    "document",
    "inhalt",
    "content",
    "adresse",
    "url",
    "datei",
    "file",
];

/// Phrases that say it is missing.
const MISSING: &[&str] = &[
    "nicht gefunden",
    "not found",
    "existiert nicht",
    "gibt es nicht",
    "nicht mehr verfügbar",
    "nicht verfügbar",
    "nicht mehr vorhanden",
    "no longer available",
    "could not be found",
    "cannot be found",
    "can't be found",
    "does not exist",
    "doesn't exist",
];

const ERROR_WORDS: &[&str] = &["fehler", "error", "http", "status"];

/// The line of the page that says it is an error page, if one does. `opening` is the first
/// line of the extracted text.
pub(super) fn notice(document: &Html, opening: &str) -> Option<String> {
    let title = select_all(document, "head title")
        .next()
        .map(|e| visible_text(&e));
    let og_title = select_all(document, r#"meta[property="og:title"]"#)
        .next()
        .map(|e| visible_text(&e));
    let headings = select_all(document, "h1, h2")
        .take(3)
        .map(|e| visible_text(&e));
    let opening = (opening.chars().count() <= 120).then(|| opening.to_owned());
    title
        .into_iter()
        .chain(og_title)
        .chain(headings)
        .chain(opening)
        .find(|line| parts(line).any(says_not_found))
        .map(|line| line.chars().take(100).collect())
}

/// A title's parts: "Fehler 404 - Seite nicht gefunden | BMI" has three.
fn parts(line: &str) -> impl Iterator<Item = &str> {
    line.split(['|', '–', '—', ':', '«', '»'])
        .flat_map(|part| part.split(" - "))
        .map(str::trim)
        .filter(|part| !part.is_empty())
}

/// The plain rule for one part of a line.
pub(super) fn says_not_found(part: &str) -> bool {
    let lower = part.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|w| !w.is_empty())
        .collect();
    let has = |list: &[&str]| words.iter().any(|w| list.contains(w));
    let missing = MISSING.iter().any(|phrase| lower.contains(phrase));
    let code = words.iter().any(|w| matches!(*w, "404" | "410"));
    let error_page = words
        .iter()
        .any(|w| matches!(*w, "fehlerseite" | "404-seite" | "errorpage"))
        || lower.contains("error page");
    error_page
        || (missing && (code || has(PAGE_WORDS)))
        || (code && (words.len() == 1 || (words.len() <= 4 && has(ERROR_WORDS))))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_page_lines_and_headlines_that_only_look_alike() {
        for line in [
            "Fehler 404",
            "Error 404",
            "404",
            "HTTP 404",
            "404 Not Found",
            "Seite nicht gefunden",
            "Die angeforderte Seite konnte nicht gefunden werden.",
            "Diese Seite existiert nicht (mehr)",
            "Das Dokument ist nicht mehr verfügbar",
            "Page not found",
            "Fehlerseite",
            "Hoppla! Diese Seite gibt es nicht.",
        ] {
            assert!(says_not_found(line), "{line}");
        }
        for line in [
            "Bundesstraße 404 gesperrt",
            "Fehler in der Steuererklärung 2024 vermeiden",
            "Vermisster Wanderer nicht gefunden",
            "Medikament nicht mehr verfügbar",
            "Die andere Seite der Medaille",
            "Paragraph 410 des Gesetzes und seine Fehler im Detail",
            "Statusbericht Digitalisierung",
        ] {
            assert!(!says_not_found(line), "{line}");
        }
    }

    #[test]
    fn a_title_is_read_part_by_part() {
        let html = |title: &str, h1: &str| {
            Html::parse_document(&format!(
                "<html><head><title>{title}</title></head><body><h1>{h1}</h1><p>Text</p></body></html>"
            ))
        };
        assert_eq!(
            notice(&html("Fehler 404 - BMI", "Willkommen"), "").as_deref(),
            Some("Fehler 404 - BMI")
        );
        assert_eq!(
            notice(
                &html("Bundesministerium | Start", "Seite nicht gefunden"),
                ""
            )
            .as_deref(),
            Some("Seite nicht gefunden")
        );
        assert_eq!(
            notice(
                &html(
                    "Bundesstraße 404 gesperrt | Meldung",
                    "B 404: Fehler behoben"
                ),
                ""
            ),
            None
        );
        assert_eq!(
            notice(
                &html("Startseite", "Willkommen"),
                "Die Seite, die Sie suchen, existiert nicht."
            )
            .as_deref(),
            Some("Die Seite, die Sie suchen, existiert nicht.")
        );
    }
}
