//! References to parliament in a release: Bundestag and Bundesrat Drucksachen, Bundestag
//! Plenarprotokolle and DIP Vorgänge, in the forms releases write them ("Drucksache
//! 21/1234", "BT-Drs. 21/1234", "Drs. 21/1234", "BR-Drs. 123/26", "Plenarprotokoll 21/45")
//! and as links to dserver.bundestag.de or dip.bundestag.de. Pure.

use std::sync::LazyLock;

use regex::Regex;

pub use crate::model::reference::{RefKind, Reference};

/// The terms of the Bundestag so far and a few to come: "21/1234" with a first part above
/// this is a Bundesrat number ("123/26").
const LAST_TERM: u32 = 30;

/// "Drucksache(n)", "Drs.", with what says whose: "BT-", "Bundestags-", "BR-", "Bundesrats-",
/// then one number or several ("21/1234 und 21/1235").
static DRUCKSACHE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?P<who>BT|BR|Bundestags|Bundesrats)?[- ]?(?:drucksachen?|drs\.?)\s*(?:nr\.?\s*)?(?P<list>\d{1,4}/\d{1,6}(?:\s*(?:,|und|sowie|bzw\.|u\.)\s*\d{1,4}/\d{1,6})*)(?P<tail>\s*\((?:des\s+)?(?:Bundesrat(?:es|s)?|BR)\))?",
    )
    .expect("pattern")
});

static PLENARPROTOKOLL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:BT-?)?(?:plenarprotokoll|plpr\.?)\s*(?:nr\.?\s*)?(?P<wp>\d{1,2})/(?P<n>\d{1,4})",
    )
    .expect("pattern")
});

static NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(\d{1,4})/(\d{1,6})").expect("pattern"));

/// Whether `text` may name one at all: most releases do not, and this is cheaper than the
/// patterns.
fn may_refer(text: &str) -> bool {
    [
        "rucksache",
        "RUCKSACHE",
        "rs.",
        "RS.",
        "rs ",
        "lenarprotokoll",
        "LENARPROTOKOLL",
        "lPr",
        "LPR",
    ]
    .iter()
    .any(|needle| text.contains(needle))
}

/// The references written in `text`, each once, in order of first mention.
pub fn find(text: &str) -> Vec<Reference> {
    let mut out: Vec<Reference> = Vec::new();
    if !may_refer(text) {
        return out;
    }
    let mut push = |r: Reference| {
        if !out.contains(&r) {
            out.push(r);
        }
    };
    for m in DRUCKSACHE.captures_iter(text) {
        let who = m.name("who").map(|w| w.as_str().to_lowercase());
        let bundesrat_after = m.name("tail").is_some();
        for n in NUMBER.captures_iter(&m["list"]) {
            let (a, b) = (&n[1], &n[2]);
            let first: u32 = a.parse().unwrap_or(0);
            let kind = match who.as_deref() {
                Some("br" | "bundesrats") => RefKind::BrDrucksache,
                Some("bt" | "bundestags") => RefKind::BtDrucksache,
                _ if bundesrat_after => RefKind::BrDrucksache,
                // A term of the Bundestag first, else a Bundesrat number and year.
                _ if (1..=LAST_TERM).contains(&first) => RefKind::BtDrucksache,
                _ if b.len() <= 2 => RefKind::BrDrucksache,
                _ => continue,
            };
            let number = match kind {
                RefKind::BtDrucksache if first > LAST_TERM => continue,
                _ => format!(
                    "{}/{}",
                    a.trim_start_matches('0'),
                    b.trim_start_matches('0')
                ),
            };
            push(Reference { kind, number });
        }
    }
    for m in PLENARPROTOKOLL.captures_iter(text) {
        let wp: u32 = m["wp"].parse().unwrap_or(0);
        if (1..=LAST_TERM).contains(&wp) {
            push(Reference {
                kind: RefKind::Plenarprotokoll,
                number: format!("{wp}/{}", m["n"].trim_start_matches('0')),
            });
        }
    }
    out
}

static DSERVER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^https?://dserver\.bundestag\.de/(?:(?P<btd>btd)/(?P<wp>\d{2})/\d{3}/\d{2}(?P<n>\d{5})|(?P<brd>brd)/20(?P<yy>\d{2})/(?P<brn>\d{4})-\d{2}|(?P<btp>btp)/(?P<pwp>\d{2})/\d{2}(?P<s>\d{3}))\.pdf",
    )
    .expect("pattern")
});

static DIP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^https?://dip\.bundestag\.de/vorgang/[^/?#]*/(?P<id>\d+)").expect("pattern")
});

/// The reference a link names, if it is a document on dserver.bundestag.de or a Vorgang on
/// dip.bundestag.de.
pub fn from_link(url: &str) -> Option<Reference> {
    let trim = |s: &str| s.trim_start_matches('0').to_owned();
    if let Some(m) = DSERVER.captures(url) {
        let reference = if m.name("btd").is_some() {
            Reference {
                kind: RefKind::BtDrucksache,
                number: format!("{}/{}", trim(&m["wp"]), trim(&m["n"])),
            }
        } else if m.name("brd").is_some() {
            Reference {
                kind: RefKind::BrDrucksache,
                number: format!("{}/{}", trim(&m["brn"]), &m["yy"]),
            }
        } else {
            Reference {
                kind: RefKind::Plenarprotokoll,
                number: format!("{}/{}", trim(&m["pwp"]), trim(&m["s"])),
            }
        };
        return Some(reference);
    }
    DIP.captures(url).map(|m| Reference {
        kind: RefKind::Vorgang,
        number: m["id"].to_owned(),
    })
}

/// The links of an HTML fragment (its `href`s), for references in them.
pub fn hrefs(html: &str) -> Vec<&str> {
    html.match_indices("href=\"")
        .filter_map(|(at, m)| {
            let rest = &html[at + m.len()..];
            rest.find('"').map(|end| &rest[..end])
        })
        .collect()
}

/// The references of a text and its links together, each once.
pub fn in_text_and_links<'a>(
    text: &str,
    links: impl IntoIterator<Item = &'a str>,
) -> Vec<Reference> {
    let mut out = find(text);
    for reference in links.into_iter().filter_map(from_link) {
        if !out.contains(&reference) {
            out.push(reference);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refs(text: &str) -> Vec<String> {
        find(text).iter().map(Reference::label).collect()
    }

    #[test]
    fn every_form_releases_write() {
        assert_eq!(
            refs("Der Gesetzentwurf (Drucksache 21/1234) wurde beraten."),
            ["BT-Drucksache 21/1234"]
        );
        assert_eq!(refs("siehe BT-Drs. 21/1234"), ["BT-Drucksache 21/1234"]);
        assert_eq!(refs("BT-Drucksache 21/987"), ["BT-Drucksache 21/987"]);
        assert_eq!(
            refs("Bundestagsdrucksache 20/12345"),
            ["BT-Drucksache 20/12345"]
        );
        assert_eq!(refs("Drs. 21/1234"), ["BT-Drucksache 21/1234"]);
        assert_eq!(refs("vgl. BR-Drs. 123/26"), ["BR-Drucksache 123/26"]);
        assert_eq!(refs("Bundesrats-Drucksache 45/25"), ["BR-Drucksache 45/25"]);
        assert_eq!(
            refs("Drucksache 512/25 (Bundesrat)"),
            ["BR-Drucksache 512/25"]
        );
        assert_eq!(refs("Drucksache 512/25"), ["BR-Drucksache 512/25"]);
        assert_eq!(
            refs("die Drucksachen 21/1234 und 21/1235 sowie Plenarprotokoll 21/45"),
            [
                "BT-Drucksache 21/1234",
                "BT-Drucksache 21/1235",
                "Plenarprotokoll 21/45"
            ]
        );
        assert_eq!(refs("BT-PlPr 20/112"), ["Plenarprotokoll 20/112"]);
        assert_eq!(refs("Drucksache Nr. 21/0042"), ["BT-Drucksache 21/42"]);
        // Not references: dates, scores, a Drucksache number with no number.
        assert!(refs("am 21/12 um 10 Uhr, Ergebnis 3/4, Drucksache folgt").is_empty());
        assert!(refs("Drucksachenverzeichnis").is_empty());
    }

    #[test]
    fn links_to_dserver_and_dip_name_their_document() {
        let link = |url: &str| from_link(url).map(|r| r.label());
        assert_eq!(
            link("https://dserver.bundestag.de/btd/21/012/2101234.pdf").as_deref(),
            Some("BT-Drucksache 21/1234")
        );
        assert_eq!(
            link("https://dserver.bundestag.de/brd/2026/0123-26.pdf").as_deref(),
            Some("BR-Drucksache 123/26")
        );
        assert_eq!(
            link("https://dserver.bundestag.de/btp/21/21045.pdf").as_deref(),
            Some("Plenarprotokoll 21/45")
        );
        assert_eq!(
            link("https://dip.bundestag.de/vorgang/gesetz-zur-st%C3%A4rkung/312345").as_deref(),
            Some("DIP-Vorgang 312345")
        );
        assert_eq!(link("https://www.bundestag.de/dokumente"), None);
    }

    /// The address a reference gives is the one its link form reads back (a round trip for
    /// every kind over many numbers).
    #[test]
    fn urls_and_links_agree() {
        for wp in [1, 9, 19, 20, 21] {
            for n in [1, 42, 999, 1234, 12345] {
                let bt = Reference {
                    kind: RefKind::BtDrucksache,
                    number: format!("{wp}/{n}"),
                };
                assert_eq!(from_link(&bt.url()), Some(bt.clone()), "{}", bt.url());
            }
            for s in [1, 45, 212] {
                let pp = Reference {
                    kind: RefKind::Plenarprotokoll,
                    number: format!("{wp}/{s}"),
                };
                assert_eq!(from_link(&pp.url()), Some(pp.clone()), "{}", pp.url());
            }
        }
        for (n, yy) in [(1, 25), (123, 26), (1001, 24)] {
            let br = Reference {
                kind: RefKind::BrDrucksache,
                number: format!("{n}/{yy}"),
            };
            assert_eq!(from_link(&br.url()), Some(br.clone()), "{}", br.url());
        }
    }
}
