//! The document type of a page (Pressemitteilung, Meldung, Rede, …) from every place ministry
//! pages state it, normalized to a small vocabulary.

use scraper::{ElementRef, Html};
use url::Url;

use super::{labelled_values, select_all, visible_text};

/// The vocabulary: every type is written one way, whatever the site calls it.
const KINDS: &[(&str, &[&str])] = &[
    (
        "Pressemitteilung",
        &[
            "pressemitteilung",
            "pressemitteilungen",
            "presseinformation",
            "presseinformationen",
            "pressemeldung",
            "pressemeldungen",
            "medieninformation",
            "medieninformationen",
            "pressemitteilung der bundesregierung",
            "pressrelease",
            "press release",
            "press releases",
            "news release",
            "presseerklärung",
            "pressenotiz",
            "gemeinsame pressemitteilung",
        ],
    ),
    (
        "Meldung",
        &[
            "meldung",
            "meldungen",
            "aktuelle meldung",
            "aktuelle meldungen",
            "kurzmeldung",
            "kurzmeldungen",
            "fachmeldung",
            "fachmeldungen",
            "mitteilung",
            "mitteilungen",
            "nachricht",
            "nachrichten",
            "kurznachricht",
            "kurznachrichten",
            "news",
        ],
    ),
    (
        "Rede",
        &[
            "rede",
            "reden",
            "speech",
            "speeches",
            "redebeitrag",
            "grußwort",
            "ansprache",
            "regierungserklärung",
        ],
    ),
    ("Interview", &["interview", "interviews"]),
    (
        "Artikel",
        &[
            "artikel",
            "fachartikel",
            "namensartikel",
            "gastbeitrag",
            "beitrag",
            "reportage",
            "article",
        ],
    ),
    (
        "Hintergrund",
        &[
            "hintergrund",
            "hintergrundinformation",
            "hintergrundinformationen",
            "hintergrundartikel",
        ],
    ),
    ("Stellungnahme", &["stellungnahme", "stellungnahmen"]),
    ("Rundschreiben", &["rundschreiben", "bmf-schreiben"]),
    (
        "Entscheidung",
        &["entscheidung", "entscheidungen", "urteil", "beschluss"],
    ),
    ("Fragen und Antworten", &["fragen und antworten", "faq"]),
    (
        "Reisehinweis",
        &[
            "reisehinweis",
            "reisehinweise",
            "reise- und sicherheitshinweise",
            "reise- und sicherheitshinweis",
            "reisewarnung",
        ],
    ),
    ("Bekanntmachung", &["bekanntmachung", "bekanntmachungen"]),
    (
        "Pressekonferenz",
        &[
            "pressekonferenz",
            "regierungspressekonferenz",
            "mitschrift pressekonferenz",
        ],
    ),
    ("Statement", &["statement", "pressestatement", "statements"]),
    ("Podcast", &["podcast"]),
    ("Video", &["video", "videos"]),
    (
        "Veranstaltung",
        &[
            "veranstaltung",
            "veranstaltungen",
            "termin",
            "veranstaltungshinweis",
            "event",
        ],
    ),
    (
        "Publikation",
        &[
            "publikation",
            "publikationen",
            "broschüre",
            "studie",
            "gutachten",
            "jahresbericht",
        ],
    ),
];

/// Class names of `p.docData` (GSB) that name the type.
const DOC_DATA_CLASSES: &[(&str, &str)] = &[
    ("pressrelease", "Pressemitteilung"),
    ("speech", "Rede"),
    ("interview", "Interview"),
    ("news", "Meldung"),
];

/// Labels of label/value pairs that hold the type.
const TYPE_LABELS: &[&str] = &["typ", "art", "dokumenttyp", "dokumentart", "format"];

/// Elements that hold the type on ministry pages besides the site rule's own: the GSB stage and
/// topline, BMWK's topline descriptor.
const TYPE_ELEMENTS: &[&str] = &[
    ".c-content-stage__type",
    ".c-topline__theme",
    ".c-topline__type",
    "[class*=topline-descriptor]",
    "[class*=topline__type]",
];

/// The type of the page: the site rule's element, the common type elements, the GSB `docData`,
/// a document-type tag link, a type lead-in at the start of the teaser (`lead_text`), and the
/// URL path as the last resort.
pub fn find(
    document: &Html,
    rule_selectors: &[&str],
    lead_text: &str,
    type_line: Option<&str>,
    url: &Url,
) -> Option<String> {
    // The site rule names its element: what it says counts even outside the vocabulary.
    let from_rule = rule_selectors.iter().find_map(|s| {
        select_all(document, s)
            .map(|e| visible_text(&e))
            .find_map(|t| from_meta_line(&t))
    });
    from_rule
        .or_else(|| {
            TYPE_ELEMENTS
                .iter()
                .find_map(|s| select_all(document, s).find_map(|e| normalize(&visible_text(&e))))
        })
        .or_else(|| from_doc_data(document))
        .or_else(|| from_type_tag(document))
        .or_else(|| type_line.and_then(lead_in).map(|l| l.kind))
        .or_else(|| lead_in(lead_text).map(|l| l.kind))
        .or_else(|| from_byline(document))
        .or_else(|| from_path(url))
}

/// Characters of a paragraph that is the article's text: type lines come before the first.
const TEXT_PARAGRAPH_CHARS: usize = 100;

/// A block before the article's text that is a type line and nothing else ("Pressemitteilung
/// Nr. 23/2023", a label and its value; "Pressemitteilung vom 10. Februar 2022"): the
/// page's metadata, with its text.
pub fn type_line<'a>(containers: &[ElementRef<'a>]) -> Option<(ElementRef<'a>, String)> {
    for container in containers {
        for element in container.descendants().filter_map(ElementRef::wrap).skip(1) {
            let name = element.value().name();
            if !matches!(name, "p" | "div" | "span" | "dd" | "li" | "strong") {
                continue;
            }
            let text = visible_text(&element);
            if name == "p" && text.chars().count() >= TEXT_PARAGRAPH_CHARS {
                return None;
            }
            if text.chars().count() <= MAX_LEAD_IN_LINE_CHARS
                && lead_in(&text).is_some_and(|l| l.len >= text.trim_end().len())
            {
                return Some((element, text));
            }
        }
    }
    None
}

/// A byline that names the type before the author ("Interview: Julia Lauter", "Rede:
/// Ministerin …"): an element marked as author or byline whose text opens with a type and a
/// colon.
fn from_byline(document: &Html) -> Option<String> {
    select_all(
        document,
        "[class*=author], [class*=Author], [class*=byline], [class*=autor], [rel=author]",
    )
    .filter(|e| !super::in_page_furniture(e))
    .find_map(|e| {
        let text = visible_text(&e);
        let (head, rest) = text.split_once(':')?;
        (!rest.trim().is_empty() && head.split_whitespace().count() <= 2)
            .then(|| normalize(head))
            .flatten()
    })
}

/// "Pressemitteilung · 11.12.2021" → "Pressemitteilung": the first part that is not a date,
/// normalized when it is a known type, kept as written when short.
pub(super) fn from_meta_line(line: &str) -> Option<String> {
    let part = line
        .split(['·', ',', '|'])
        .map(str::trim)
        .find(|part| !part.is_empty() && super::page_date::german_date(part).is_none())?;
    normalize(part).or_else(|| {
        (part.chars().count() <= 40 && part.split_whitespace().count() <= 4)
            .then(|| part.to_owned())
    })
}

/// `p.docData` (GSB): a class naming the type, or a "Typ"/"Art" label.
fn from_doc_data(document: &Html) -> Option<String> {
    for data in select_all(document, ".docData, [class*=doc-data], [class*=docdata]") {
        let by_class = data.value().classes().find_map(|c| {
            DOC_DATA_CLASSES
                .iter()
                .find(|(name, _)| c.eq_ignore_ascii_case(name))
                .map(|(_, kind)| (*kind).to_owned())
        });
        if by_class.is_some() {
            return by_class;
        }
        let by_label = labelled_values(&data)
            .into_iter()
            .find(|(label, _)| TYPE_LABELS.contains(&label.to_lowercase().as_str()))
            .and_then(|(_, value)| normalize(&value));
        if by_label.is_some() {
            return by_label;
        }
    }
    None
}

/// A tag that links to the site's search by document type (BMAS: `documentType_=news`).
fn from_type_tag(document: &Html) -> Option<String> {
    select_all(document, "[href]")
        .filter(links_to_a_type)
        .find_map(|e| normalize(&visible_text(&e)))
}

/// The element links to a search by document type.
fn links_to_a_type(element: &ElementRef<'_>) -> bool {
    const TYPE_PARAMETERS: &[&str] = &["documentType", "docType", "doctype"];
    element
        .value()
        .attr("href")
        .is_some_and(|h| TYPE_PARAMETERS.iter().any(|p| h.contains(p)))
}

/// A type named at the start of a teaser: "Pressemitteilung vom 25. Januar 2022 | Berlin – …",
/// "Pressemitteilung: 6/2022 – …", "Rede von …" is not one (no separator).
#[derive(Debug, PartialEq, Eq)]
pub struct LeadIn {
    pub kind: String,
    /// Bytes of the lead-in, separator included, to be cut from the text.
    pub len: usize,
}

/// The longest line that is a type lead-in on its own ("Pressemitteilung Nr. 14/2022 vom
/// 10. Februar 2022"), without a separator after it.
const MAX_LEAD_IN_LINE_CHARS: usize = 80;

pub fn lead_in(text: &str) -> Option<LeadIn> {
    let trimmed = text.trim_start();
    let skipped = text.len() - trimmed.len();
    let word_end = trimmed
        .find(|c: char| !(c.is_alphabetic() || c == '-'))
        .unwrap_or(trimmed.len());
    let kind = normalize(&trimmed[..word_end])?;
    let rest = &trimmed[word_end..];
    // "vom 25. Januar 2022", ": 6/2022", " Nr. 6/2022", " Nr. 14/2022 vom 10. Februar 2022",
    // then a separator, or the end of a short line that is nothing else.
    let head_end = rest.find(['|', '–', '—']).or_else(|| {
        (trimmed.chars().count() <= MAX_LEAD_IN_LINE_CHARS && !rest.trim().is_empty())
            .then_some(rest.len())
    })?;
    let head = rest[..head_end].trim();
    let is_date = |d: &str| {
        d.strip_prefix("vom")
            .is_some_and(|d| super::page_date::german_date(d.trim()).is_some())
    };
    let numbered = head
        .trim_start_matches([':', ' '])
        .trim_start_matches("Nr.")
        .trim();
    // The number, and what follows it: nothing, or its date.
    let (number, after) = match numbered.split_once(" vom ") {
        Some((number, date)) => (number.trim(), Some(format!("vom {}", date.trim()))),
        None => (numbered, None),
    };
    let is_number = !number.is_empty()
        && number.len() <= 12
        && number.chars().all(|c| c.is_ascii_digit() || c == '/')
        && after.as_deref().is_none_or(is_date);
    if !(head.is_empty() || is_date(head) || is_number) {
        return None;
    }
    let kind = if is_number {
        format!("{kind} {number}")
    } else {
        kind
    };
    let sep_len = rest[head_end..].chars().next().map_or(0, char::len_utf8);
    Some(LeadIn {
        kind,
        len: skipped + word_end + head_end + sep_len,
    })
}

/// `/pressemitteilungen/`, `/Meldungen/`, `/Reden/`, `/Interviews/` in the path.
fn from_path(url: &Url) -> Option<String> {
    url.path_segments()?.rev().find_map(|segment| {
        let segment = segment.to_lowercase();
        // The innermost segment that names a type: "aktuelle-meldungen" → Meldung.
        let words = segment.replace(['-', '_'], " ");
        normalize(&words).or_else(|| {
            (words.contains("reiseundsicherheit") || words.contains("reisehinweis"))
                .then(|| "Reisehinweis".to_owned())
        })
    })
}

/// The vocabulary's spelling of `raw`, keeping a number such as "6/2022".
pub fn normalize(raw: &str) -> Option<String> {
    let cleaned = raw.trim().trim_end_matches([':', '.']).trim();
    let (words, number) = match cleaned.rsplit_once([' ', ':']) {
        Some((words, number))
            if !number.is_empty() && number.chars().all(|c| c.is_ascii_digit() || c == '/') =>
        {
            (words.trim().trim_end_matches(':').trim(), Some(number))
        }
        _ => (cleaned, None),
    };
    let lower = words.to_lowercase();
    let kind = KINDS
        .iter()
        .find(|(_, names)| names.contains(&lower.as_str()))
        .map(|(kind, _)| *kind)?;
    // The number stays with it here; the page's kind and number are kept apart later.
    Some(match number {
        Some(n) => format!("{kind} {n}"),
        None => kind.to_owned(),
    })
}

/// The element is a type tag rather than a topic.
pub fn is_type_tag(element: &ElementRef<'_>) -> bool {
    links_to_a_type(element)
        || element
            .ancestors()
            .filter_map(ElementRef::wrap)
            .take(4)
            .any(|a| links_to_a_type(&a))
        || element
            .descendants()
            .filter_map(ElementRef::wrap)
            .any(|d| links_to_a_type(&d))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_vocabulary_spells_each_type_one_way() {
        assert_eq!(normalize("Aktuelle Meldung").as_deref(), Some("Meldung"));
        assert_eq!(
            normalize("Pressemitteilungen").as_deref(),
            Some("Pressemitteilung")
        );
        assert_eq!(
            normalize("Pressemitteilung: 6/2022").as_deref(),
            Some("Pressemitteilung 6/2022")
        );
        assert_eq!(
            normalize("Pressemitteilung 12").as_deref(),
            Some("Pressemitteilung 12")
        );
        for (written, kind) in [
            ("Fachmeldung", "Meldung"),
            ("Kurzmeldung", "Meldung"),
            ("Presseinformation", "Pressemitteilung"),
            ("Medieninformation", "Pressemitteilung"),
            ("Grußwort", "Rede"),
        ] {
            assert_eq!(normalize(written).as_deref(), Some(kind), "{written}");
        }
        assert_eq!(normalize("Reden").as_deref(), Some("Rede"));
        assert_eq!(
            normalize("Reise- und Sicherheitshinweise").as_deref(),
            Some("Reisehinweis")
        );
        assert_eq!(normalize("Ernährung sichern"), None);
        assert_eq!(normalize(""), None);
    }

    #[test]
    fn type_lead_ins_are_read_and_measured() {
        let text = "Pressemitteilung vom 25. Januar 2022 |  Berlin – Die Zusammenarbeit …";
        let lead = lead_in(text).expect("lead-in");
        assert_eq!(lead.kind, "Pressemitteilung");
        assert_eq!(
            text[lead.len..].trim_start(),
            "Berlin – Die Zusammenarbeit …"
        );
        let lead = lead_in("Pressemitteilung: 6/2022 – Heute hat").expect("numbered");
        assert_eq!(lead.kind, "Pressemitteilung 6/2022");
        assert_eq!(
            lead_in("Meldung | Der Bund"),
            Some(LeadIn {
                kind: "Meldung".into(),
                len: 9
            })
        );
        // A line of its own, with its number and date.
        let line = "Pressemitteilung Nr. 14/2022 vom 10. Februar 2022";
        let lead = lead_in(line).expect("a line of its own");
        assert_eq!(lead.kind, "Pressemitteilung 14/2022");
        assert_eq!(lead.len, line.len());
        assert_eq!(
            lead_in("Pressemitteilung vom 3. Mai 2022").map(|l| l.kind),
            Some("Pressemitteilung".into())
        );
        // A type word alone, or before a sentence, is none.
        assert_eq!(lead_in("Pressemitteilung"), None);
        assert_eq!(lead_in("Pressemitteilung zum Haushalt 2022"), None);
        assert_eq!(lead_in("Pressemitteilung Nr. 14/2022 zum Haushalt"), None);
        // A type word in a sentence is no lead-in.
        assert_eq!(lead_in("Meldungen über Unwetter – es regnet"), None);
        assert_eq!(lead_in("Rede von Ministerin Schulze – heute"), None);
        assert_eq!(lead_in("Die Pressemitteilung vom 3. Mai 2022 | x"), None);
    }

    #[test]
    fn the_path_is_the_last_resort() {
        let kind = |u: &str| from_path(&Url::parse(u).expect("url"));
        assert_eq!(
            kind("https://www.bmz.de/de/aktuelles/aktuelle-meldungen/x-103026").as_deref(),
            Some("Meldung")
        );
        assert_eq!(kind("https://www.bsi.bund.de/DE/Service-Navi/Presse/Pressemitteilungen/Presse2022/x.html").as_deref(), Some("Pressemitteilung"));
        assert_eq!(
            kind("https://www.bundesregierung.de/breg-de/service/reden/x").as_deref(),
            Some("Rede")
        );
        assert_eq!(
            kind("https://www.auswaertiges-amt.de/de/ReiseUndSicherheit/italiensicherheit/211322")
                .as_deref(),
            Some("Reisehinweis")
        );
        assert_eq!(
            kind("https://www.bmi.bund.de/DE/themen/heimat/x.html"),
            None
        );
    }
}
