//! The page date: when the page says the article was published. Strong signals first (the site
//! rule's element, `time[datetime]`, labelled dates), then a dated type lead-in, JSON-LD and
//! publication meta tags; modification dates only as the weakest signal.

use chrono::NaiveDate;
use scraper::{ElementRef, Html};

use super::{in_page_furniture, labelled_values, select_all, visible_text};

/// Labels of dates that are the publication (or the "as of" date of a page that is kept current,
/// such as travel advice).
const DATE_LABELS: &[&str] = &[
    "datum",
    "erscheinungstag",
    "erscheinungsdatum",
    "veröffentlicht",
    "veröffentlicht am",
    "veröffentlichungsdatum",
    "ausgabedatum",
    "stand",
    "vom",
    "date",
    "published",
];

/// Publication meta tags, strongest first.
const PUBLISHED_META: &[&str] = &[
    "meta[property='article:published_time']",
    "meta[name='article:published_time']",
    "meta[property='og:published_time']",
    "meta[name='dcterms.issued']",
    "meta[name='DC.date.issued']",
    "meta[name='dcterms.date']",
    "meta[name='DC.date']",
    "meta[name='dc.date']",
    "meta[name='date']",
    "meta[name='publish-date']",
    "meta[name='pubdate']",
    "meta[itemprop='datePublished']",
];

/// Modification dates: better than the fetch time, worse than anything else.
const MODIFIED_META: &[&str] = &[
    "meta[property='article:modified_time']",
    "meta[property='og:updated_time']",
    "meta[name='last-modified']",
    "meta[itemprop='dateModified']",
];

/// `openings` are the texts of the article's first paragraphs (its lead first).
pub fn find(
    document: &Html,
    rule_selectors: &[&str],
    lead_text: &str,
    type_line: Option<&str>,
    openings: &[String],
    title_heading: Option<ElementRef<'_>>,
) -> Option<NaiveDate> {
    let first_dated = |selector: &str| {
        select_all(document, selector)
            .filter(|e| !in_page_furniture(e))
            .find_map(|e| date_of(&e))
    };
    rule_selectors
        .iter()
        .find_map(|s| first_dated(s))
        // What the page marks as its publication date (microdata), then a machine date.
        .or_else(|| first_dated("[itemprop=datePublished]"))
        .or_else(|| first_dated("time[datetime]"))
        .or_else(|| labelled(document))
        .or_else(|| labelled_line(document))
        .or_else(|| beside_the_headline(document, title_heading))
        .or_else(|| first_dated("time"))
        .or_else(|| first_dated("[class*=date], [class*=Date]"))
        .or_else(|| type_line.and_then(dated_lead_in))
        .or_else(|| dated_lead_in(lead_text))
        .or_else(|| json_ld(document, &["datePublished", "dateCreated"]))
        .or_else(|| PUBLISHED_META.iter().find_map(|s| first_dated(s)))
        // Weaker: a text's opening date may be an entry's, a title's the item's.
        .or_else(|| {
            std::iter::once(lead_text)
                .chain(openings.iter().map(String::as_str))
                .find_map(dated_start)
        })
        .or_else(|| dated_title(document))
        .or_else(|| json_ld(document, &["dateModified"]))
        .or_else(|| MODIFIED_META.iter().find_map(|s| first_dated(s)))
}

/// Words before a date in a line that holds nothing but the date: a label ("Datum:",
/// "vom", "Stand") or a place ("Berlin,").
const MAX_WORDS_BESIDE_A_DATE: usize = 3;

/// A date standing alone (with a label or a place at most) in one of the few elements right
/// before or after the page's headline (its `h1`, else the heading that is its title):
/// "02.01.2022" above it, "Berlin, 4. Mai 2021" below, or as one part of a line of parts
/// ("Inneres/Antwort - 01.02.2022 (hib 45/2022)").
fn beside_the_headline(
    document: &Html,
    title_heading: Option<ElementRef<'_>>,
) -> Option<NaiveDate> {
    dated_lines_beside_the_headline(document, title_heading)
        .first()
        .map(|(_, date)| *date)
}

/// The lines beside the headline that hold its date (see [`beside_the_headline`]), nearest
/// level first: metadata, not text.
pub fn dated_lines_beside_the_headline<'a>(
    document: &'a Html,
    title_heading: Option<ElementRef<'a>>,
) -> Vec<(ElementRef<'a>, NaiveDate)> {
    let Some(headline) = select_all(document, "h1")
        .find(|h| !in_page_furniture(h))
        .or(title_heading)
    else {
        return Vec::new();
    };
    // The headline itself and its wrapper (a header that holds it) have neighbours.
    let levels = std::iter::once(headline).chain(
        headline
            .parent()
            .and_then(ElementRef::wrap)
            .filter(|p| p.children().filter_map(ElementRef::wrap).count() <= 4),
    );
    let mut out = Vec::new();
    for level in levels {
        let before = level.prev_siblings().filter_map(ElementRef::wrap).take(2);
        let after = level.next_siblings().filter_map(ElementRef::wrap).take(2);
        out.extend(before.chain(after).filter_map(|e| {
            let date = date_part(&visible_text(&e))?;
            Some((e, date))
        }));
    }
    out
}

/// Most characters of a line of parts ("Inneres/Antwort - 01.02.2022 (hib 45/2022)").
const MAX_PARTS_LINE_CHARS: usize = 100;

/// The date of a short line that is a date, or of one of its parts when punctuation divides
/// it into parts (` - `, ` | `, ` · `, brackets): a topline of subject, date and number.
fn date_part(line: &str) -> Option<NaiveDate> {
    standalone_date(line).or_else(|| {
        if line.chars().count() > MAX_PARTS_LINE_CHARS {
            return None;
        }
        let parts: Vec<&str> = line
            .split(['|', '·', '(', ')', '–', '—', '•'])
            .flat_map(|part| part.split(" - "))
            .map(str::trim)
            .filter(|part| !part.is_empty())
            .collect();
        // Parts of data, each a few words: no part is a sentence ("Berlin, 4.5.2021 – Die
        // Ministerin besucht …" is the text's first line, not a topline).
        if parts.len() < 2
            || parts
                .iter()
                .any(|p| p.split_whitespace().count() > MAX_WORDS_OF_A_PART)
        {
            return None;
        }
        parts.iter().find_map(|part| standalone_date(part))
    })
}

/// Most words of one part of a topline ("Inneres/Antwort", "hib 45/2022").
const MAX_WORDS_OF_A_PART: usize = 4;

/// The date of a short line that is a date and nothing else: "02.01.2022", "Datum: 3. März
/// 2021", "Berlin, 04.05.2021", "vom 1. Juni 2025".
pub fn standalone_date(line: &str) -> Option<NaiveDate> {
    let words = line.split_whitespace().count();
    if words == 0 || words > MAX_WORDS_BESIDE_A_DATE + 3 || line.chars().count() > 60 {
        return None;
    }
    let date = german_date(line)?;
    // What is left when the date's own words are gone: a label or a place, no sentence.
    let date_words = if line.split_whitespace().any(|w| dotted(w).is_some()) {
        1
    } else {
        3
    };
    (words <= date_words + MAX_WORDS_BESIDE_A_DATE).then_some(date)
}

/// A text that opens with its date: "01.02.2022 „Der Arbeitsmarkt …", "Berlin, 04.05.2021 –
/// Die Ministerin …", "Bonn, 1. Juni 2004. …": the date is the first thing, or follows a place
/// and a comma. ("Am 12. März …" is the date of an event, not of the text.)
fn dated_start(text: &str) -> Option<NaiveDate> {
    let words: Vec<&str> = text.split_whitespace().take(6).collect();
    let starts_at = |skip: usize| {
        german_date(&words.get(skip..)?.join(" ")).filter(|_| {
            let first = words.get(skip).copied().unwrap_or("");
            first.starts_with(|c: char| c.is_ascii_digit())
        })
    };
    starts_at(0).or_else(|| {
        // A place of one or two capitalised words ending in a comma.
        let place_end = words
            .iter()
            .take(2)
            .position(|w| w.ends_with(',') && w.starts_with(char::is_uppercase))?;
        starts_at(place_end + 1)
    })
}

/// A title that opens with the item's date ("08.11.2021 | Online-Fachtag …"): its page
/// `<title>`, `og:title`, or the breadcrumb's current item.
fn dated_title(document: &Html) -> Option<NaiveDate> {
    select_all(
        document,
        "meta[property='og:title'], title, [aria-current=page]",
    )
    .find_map(|e| {
        let text = visible_text(&e);
        let (head, _) = text.split_once([' ', '|', '–', '-', ':'])?;
        dotted(head).or_else(|| {
            // "8. November 2021 | …": the first three words.
            let start: String = text.split(['|', '–', ':']).next()?.trim().to_owned();
            standalone_date(&start).filter(|_| start.split_whitespace().count() <= 3)
        })
    })
}

/// A date from `datetime`/`content` (ISO), else a German date in the element's text.
pub fn date_of(element: &ElementRef<'_>) -> Option<NaiveDate> {
    let attr = element
        .value()
        .attr("datetime")
        .or_else(|| element.value().attr("content"));
    if let Some(d) = attr.and_then(|a| iso_date(a).or_else(|| timestamp_day(a))) {
        return Some(d);
    }
    german_date(&visible_text(element))
}

/// The German calendar day of a full timestamp in any form feeds use (Java's
/// `Tue Jun 01 10:00:00 CEST 2021` in `article:published_time`, RFC 822, …). A value without
/// a day (`2021`, `2021-06`) names none.
fn timestamp_day(value: &str) -> Option<NaiveDate> {
    let numbers = value
        .split(|c: char| !c.is_ascii_digit())
        .filter(|n| !n.is_empty())
        .count();
    if numbers < 3 {
        return None;
    }
    let at = crate::parse::parse_timestamp(value)?;
    Some(
        at.with_timezone(&crate::parse::berlin_offset(at.naive_utc()))
            .date_naive(),
    )
}

/// `2021-12-15`, `2021-12-15T09:00:00+01:00`: the calendar date as written.
fn iso_date(iso: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(iso.trim().get(..10)?, "%Y-%m-%d").ok()
}

/// Label/value pairs (GSB `p.docData`, definition lists, tables) whose label names a date.
fn labelled(document: &Html) -> Option<NaiveDate> {
    // The docData block is furniture of the text (its data is shown as metadata), not of the page.
    select_all(
        document,
        ".docData, [class*=doc-data], [class*=docdata], dl, .c-topline",
    )
    .filter(|e| {
        !e.parent()
            .and_then(ElementRef::wrap)
            .is_some_and(|p| in_page_furniture(&p))
    })
    .flat_map(|e| labelled_values(&e))
    .find_map(|(label, value)| {
        DATE_LABELS
            .contains(&label.to_lowercase().as_str())
            .then(|| german_date(&value))
            .flatten()
    })
}

/// A line of its own that is a date label and a date ("Stand: 12.08.2022", "Datum: 3. März
/// 2021"), outside the page's furniture: wherever the article puts it, top or bottom.
fn labelled_line(document: &Html) -> Option<NaiveDate> {
    select_all(document, "p, div, span, li")
        .filter(|e| {
            !e.children()
                .filter_map(ElementRef::wrap)
                .any(|c| matches!(c.value().name(), "p" | "div" | "ul" | "ol" | "table"))
        })
        .filter(|e| !in_page_furniture(e))
        .find_map(|e| {
            let text = visible_text(&e);
            let (label, value) = text.split_once(':')?;
            DATE_LABELS
                .contains(&label.trim().to_lowercase().as_str())
                .then(|| standalone_date(value.trim()))
                .flatten()
                .filter(|_| value.split_whitespace().count() <= 3)
        })
}

/// "Pressemitteilung vom 25. Januar 2022 | Berlin": the date of a type lead-in.
fn dated_lead_in(lead_text: &str) -> Option<NaiveDate> {
    let lead = super::kind::lead_in(lead_text)?;
    german_date(&lead_text[..lead.len])
}

/// `datePublished` and the like from JSON-LD blocks, at any depth (`@graph`, nested items).
fn json_ld(document: &Html, keys: &[&str]) -> Option<NaiveDate> {
    fn search(value: &serde_json::Value, keys: &[&str]) -> Option<NaiveDate> {
        match value {
            serde_json::Value::Object(map) => keys
                .iter()
                .find_map(|k| {
                    map.get(*k)
                        .and_then(|v| v.as_str())
                        .and_then(|s| iso_date(s).or_else(|| timestamp_day(s)))
                })
                .or_else(|| map.values().find_map(|v| search(v, keys))),
            serde_json::Value::Array(items) => items.iter().find_map(|v| search(v, keys)),
            _ => None,
        }
    }
    select_all(document, "script[type='application/ld+json']").find_map(|script| {
        let json: String = script.text().collect();
        serde_json::from_str::<serde_json::Value>(&json)
            .ok()
            .and_then(|v| search(&v, keys))
    })
}

/// The first German date in `text`: `16.12.2021`, `16. Dezember 2021`, `16 Dezember 2021`.
pub fn german_date(text: &str) -> Option<NaiveDate> {
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || c == ',' || c == '(' || c == ')')
        .filter(|w| !w.is_empty())
        .collect();
    for (i, word) in words.iter().enumerate() {
        if let Some(date) = dotted(word) {
            return Some(date);
        }
        if let [day, month, year, ..] = &words[i..] {
            let day = day.trim_end_matches('.');
            let year = year.trim_end_matches(['.', ':', ';']);
            let parsed = (|| {
                let day: u32 = (day.len() <= 2).then(|| day.parse().ok()).flatten()?;
                let month = crate::parse::month_number(month)?;
                let year: i32 = (year.len() == 4).then(|| year.parse().ok()).flatten()?;
                NaiveDate::from_ymd_opt(year, month, day)
            })();
            if parsed.is_some() {
                return parsed;
            }
        }
    }
    None
}

/// `d.m.yyyy` / `dd.mm.yyyy` inside a word ("Stand:12.11.2021", "28.01.2022.").
fn dotted(word: &str) -> Option<NaiveDate> {
    word.split(|c: char| !(c.is_ascii_digit() || c == '.'))
        .filter(|w| w.len() >= 8)
        .find_map(|w| NaiveDate::parse_from_str(w.trim_matches('.'), "%d.%m.%Y").ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, d)
    }

    #[test]
    fn german_dates_numeric_and_long() {
        assert_eq!(
            german_date("Stand - 12.11.2021 (seit 05.11.2021)"),
            ymd(2021, 11, 12)
        );
        assert_eq!(
            german_date("Pressemitteilung vom 25. Januar 2022 | Berlin"),
            ymd(2022, 1, 25)
        );
        assert_eq!(german_date("am 3. März 2024."), ymd(2024, 3, 3));
        assert_eq!(german_date("1 Mai 2023"), ymd(2023, 5, 1));
        assert_eq!(german_date("Erscheinungstag:10.06.2025"), ymd(2025, 6, 10));
        assert_eq!(german_date("Nr. 6/2022, 12 Seiten"), None);
        assert_eq!(german_date("31. Februar 2022"), None);
        assert_eq!(german_date("2022"), None);
    }

    fn doc(body: &str) -> Html {
        Html::parse_document(body)
    }

    #[test]
    fn a_line_of_parts_is_dated_by_its_date_part_and_a_sentence_is_not() {
        assert_eq!(
            date_part("Inneres/Antwort - 01.02.2022 (hib 45/2022)"),
            ymd(2022, 2, 1)
        );
        assert_eq!(
            date_part("Pressemitteilung | 3. März 2021 | Bonn"),
            ymd(2021, 3, 3)
        );
        assert_eq!(
            date_part("Berlin, 04.05.2021 – Die Ministerin besucht heute die Werft in Kiel."),
            None
        );
        assert_eq!(date_part("Umwelt | Klima | Energie"), None);
    }

    #[test]
    fn published_meta_in_the_forms_servers_write() {
        for (content, want) in [
            ("Tue Jun 01 10:00:00 CEST 2021", ymd(2021, 6, 1)),
            // Just after midnight in Germany is the day before in UTC: the German day counts.
            ("Tue Jun 01 00:30:00 CEST 2021", ymd(2021, 6, 1)),
            ("Mon, 31 May 2021 22:30:00 GMT", ymd(2021, 6, 1)),
            ("2021-06-01T10:00:00+02:00", ymd(2021, 6, 1)),
            // A year or a month names no day.
            ("2021", None),
            ("2021-06", None),
        ] {
            let d = doc(&format!(
                r#"<html><head><meta property="article:published_time" content="{content}"></head><body><p>Text</p></body></html>"#
            ));
            assert_eq!(find(&d, &[], "", None, &[], None), want, "{content}");
        }
    }

    #[test]
    fn labelled_dates_in_doc_data_and_the_topline() {
        let d = doc(
            r#"<p class="docData pressrelease"><strong class="label">Ort</strong> <span class="value">Bonn</span><br>
            <strong class="label">Datum</strong> <span class="value">28.01.2022</span></p>"#,
        );
        assert_eq!(find(&d, &[], "", None, &[], None), ymd(2022, 1, 28));
        let d = doc(
            r#"<h1><span>Titel</span><span class="c-topline"><span class="c-topline__date">
            <span class="aural">Erscheinungstag:</span> 10.06.2025</span></span></h1>"#,
        );
        assert_eq!(find(&d, &[], "", None, &[], None), ymd(2025, 6, 10));
    }

    #[test]
    fn modification_dates_lose_to_every_other_signal() {
        let d = doc(
            r#"<head><meta property="og:updated_time" content="2026-05-11T09:52:41+0200"></head>
            <body><span class="c-topline__date">10.06.2025</span></body>"#,
        );
        assert_eq!(find(&d, &[], "", None, &[], None), ymd(2025, 6, 10));
        let d = doc(
            r#"<head><meta property="og:updated_time" content="2026-05-11T09:52:41+0200"></head><body><p>x</p></body>"#,
        );
        assert_eq!(find(&d, &[], "", None, &[], None), ymd(2026, 5, 11));
        let d = doc(
            r#"<head><meta property="og:updated_time" content="2026-05-11T09:52:41+0200"></head><body><p>x</p></body>"#,
        );
        assert_eq!(
            find(
                &d,
                &[],
                "Pressemitteilung vom 2. Mai 2024 | Bonn – Text",
                None,
                &[],
                None
            ),
            ymd(2024, 5, 2)
        );
    }

    #[test]
    fn json_ld_published_beats_meta_modified() {
        let d = doc(
            r#"<head><meta property="article:modified_time" content="2024-02-01">
            <script type="application/ld+json">{"@graph":[{"@type":"NewsArticle","dateModified":"2024-02-01","datePublished":"2024-01-15T08:00:00+01:00"}]}</script>
            </head><body></body>"#,
        );
        assert_eq!(find(&d, &[], "", None, &[], None), ymd(2024, 1, 15));
        let d = doc(r#"<script type="application/ld+json">{not json</script><p>x</p>"#);
        assert_eq!(find(&d, &[], "", None, &[], None), None);
    }

    #[test]
    fn a_date_alone_beside_the_headline_with_a_label_or_a_place() {
        for (html, expected) in [
            (
                r#"<h1>Titel</h1><p>Berlin, 04.05.2021</p><p>Text des Artikels.</p>"#,
                ymd(2021, 5, 4),
            ),
            (
                r#"<h1>Titel</h1><p>Bonn, 1. Juni 2004</p><p>Text.</p>"#,
                ymd(2004, 6, 1),
            ),
            (
                r#"<p class="meta"><span>Datum: 3. März 2021</span></p><h1>Titel</h1>"#,
                ymd(2021, 3, 3),
            ),
            (
                r#"<div><h1>Titel</h1></div><div>vom 1. Juni 2025</div>"#,
                ymd(2025, 6, 1),
            ),
            // A sentence beside the headline is no date line.
            (
                r#"<h1>Titel</h1><p>Am 4. Mai 2021 trafen sich die Ministerinnen und Minister in Berlin.</p>"#,
                None,
            ),
        ] {
            assert_eq!(
                find(&doc(html), &[], "", None, &[], None),
                expected,
                "{html}"
            );
        }
        // A time element with its date in its text only.
        let d = doc(r#"<article><time>vom 1. Juni 2025</time><p>Text</p></article>"#);
        assert_eq!(find(&d, &[], "", None, &[], None), ymd(2025, 6, 1));
    }

    #[test]
    fn a_text_that_opens_with_its_date_or_a_place_and_its_date() {
        let d = doc("<p>x</p>");
        let opening = |text: &str| find(&d, &[], "", None, &[text.to_owned()], None);
        assert_eq!(
            opening("01.02.2022 „Der Arbeitsmarkt ist gut gestartet“"),
            ymd(2022, 2, 1)
        );
        assert_eq!(
            opening("Berlin, 04.05.2021 – Die Ministerin hat heute"),
            ymd(2021, 5, 4)
        );
        assert_eq!(
            opening("Bad Ems, 1. Juni 2004. Das Land fördert"),
            ymd(2004, 6, 1)
        );
        // An event's date in the text is not the text's.
        assert_eq!(opening("Am 12. März 2021 hat der Minister"), None);
        assert_eq!(opening("Die Frist endet am 31.03.2022."), None);
    }

    #[test]
    fn microdata_publication_dates_beat_teasers_and_titles_date_last() {
        let d = doc(
            r#"<meta itemprop="datePublished" content="2022-01-21"><main><div class="card"><a href="/x">Alt</a><div class="card-date">01.09.2004</div></div></main>"#,
        );
        assert_eq!(find(&d, &[], "", None, &[], None), ymd(2022, 1, 21));
        let d = doc(
            r#"<head><title>08.11.2021 | Online-Fachtag</title></head><body><p>Text</p></body>"#,
        );
        assert_eq!(find(&d, &[], "", None, &[], None), ymd(2021, 11, 8));
        let d =
            doc(r#"<head><title>Jahresbericht 2021 | Amt</title></head><body><p>Text</p></body>"#);
        assert_eq!(find(&d, &[], "", None, &[], None), None);
    }

    #[test]
    fn dates_in_teasers_navigation_and_footers_are_not_the_page_date() {
        let d = doc(
            r#"<div class="c-teaser"><a href="/andere-seite"><em class="teaser__subline-pubdate">04.11.2021</em> Anderer Artikel</a></div>
            <footer><time datetime="2020-01-01">1.1.2020</time></footer><p>Text</p>"#,
        );
        assert_eq!(find(&d, &[], "", None, &[], None), None);
    }
}
