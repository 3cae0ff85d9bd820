//! The catalogue of federal sources (`config/sources.toml`): every ministry, the Federal
//! Government, parliament, courts, the gazette, the Federal President and federal agencies,
//! each with how sure we are of its URL. `amtsfeed sources` lists it, `amtsfeed add ID` adds
//! one, the reader's catalogue (`C`) shows it; the bundled default config is its `default`
//! entries.

use std::sync::OnceLock;

use serde::Deserialize;
use url::Url;

use crate::i18n::Lang;

/// The bundled catalogue.
pub const SOURCES: &str = include_str!("../../config/sources.toml");

/// How sure we are that a source's URL answers (see the catalogue's head).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
pub enum Evidence {
    /// A capture of the live feed or page exists.
    V,
    /// A third party's published test says it answered.
    R,
    /// The URL appears in public code or lists only.
    C,
    /// Our own conclusion from the site's URL patterns.
    I,
}

impl Evidence {
    /// The mark in words.
    pub fn describe(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Self::V, Lang::De) => "geprüft (Mitschnitt)",
            (Self::R, Lang::De) => "berichtet (Test Dritter)",
            (Self::C, Lang::De) => "nur im Code gesehen",
            (Self::I, Lang::De) => "erschlossen",
            (Self::V, _) => "verified (capture)",
            (Self::R, _) => "reported (third-party test)",
            (Self::C, _) => "seen in code only",
            (Self::I, _) => "inferred",
        }
    }
}

/// One source of the catalogue.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CatalogueEntry {
    /// What `amtsfeed add ID` takes.
    pub id: String,
    pub name: String,
    /// Bundesministerien, Bundesregierung, Parlament, …
    pub group: String,
    pub ministry: Option<String>,
    pub url: Url,
    /// A press listing page read as a feed.
    #[serde(default)]
    pub listing: bool,
    /// In the bundled default config.
    #[serde(default)]
    pub default: bool,
    #[serde(default)]
    pub topics: Vec<String>,
    pub evidence: Evidence,
    /// When the evidence was seen (a day, a month or a year).
    pub seen: String,
    /// Where it was seen.
    pub via: String,
    /// `via` in German.
    pub via_de: String,
    pub note: Option<String>,
    /// `note` in German.
    pub note_de: Option<String>,
}

impl CatalogueEntry {
    /// Where the evidence was seen, in `lang`.
    pub fn via_in(&self, lang: crate::i18n::Lang) -> &str {
        if lang.is_german() {
            &self.via_de
        } else {
            &self.via
        }
    }

    /// The note, in `lang`.
    pub fn note_in(&self, lang: crate::i18n::Lang) -> Option<&str> {
        if lang.is_german() {
            self.note_de.as_deref()
        } else {
            self.note.as_deref()
        }
    }

    /// "V 2026-10-02", the evidence as the tables show it.
    pub fn evidence_mark(&self) -> String {
        format!("{:?} {}", self.evidence, self.seen)
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    source: Vec<CatalogueEntry>,
}

/// The catalogue, parsed once; empty if it does not parse (a test keeps it parsing).
pub fn catalogue() -> &'static [CatalogueEntry] {
    static CATALOGUE: OnceLock<Vec<CatalogueEntry>> = OnceLock::new();
    CATALOGUE.get_or_init(|| {
        toml::from_str::<File>(SOURCES)
            .map(|f| f.source)
            .unwrap_or_default()
    })
}

/// The source with this id (any case).
pub fn find(id: &str) -> Option<&'static CatalogueEntry> {
    let id = id.trim();
    catalogue().iter().find(|e| e.id.eq_ignore_ascii_case(id))
}

/// The catalogue entry of a configured feed's URL, for its evidence.
pub fn for_url(url: &Url) -> Option<&'static CatalogueEntry> {
    catalogue().iter().find(|e| e.url == *url)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;

    #[test]
    fn the_catalogue_parses_with_unique_ids_and_urls_and_known_ministries() {
        let entries = catalogue();
        assert!(entries.len() >= 40, "{}", entries.len());
        let config = Config::bundled().expect("bundled");
        let mut ids = std::collections::HashSet::new();
        let mut urls = std::collections::HashSet::new();
        for e in entries {
            assert!(ids.insert(e.id.to_lowercase()), "id {} twice", e.id);
            assert!(urls.insert(e.url.as_str()), "url of {} twice", e.id);
            assert_eq!(e.url.scheme(), "https", "{}", e.id);
            let ministry = e
                .ministry
                .as_deref()
                .expect("every source has its authority");
            let known = config
                .ministries
                .find(ministry)
                .expect("in ministries.toml");
            assert_eq!(known.name, ministry, "{}: the current short name", e.id);
            // The URL is on a domain of its authority (or the name would be disowned).
            assert!(
                config.ministries.owns_link(ministry, e.url.as_str()),
                "{} is not on a domain of {ministry}",
                e.id
            );
            assert!(!e.via.is_empty() && !e.seen.is_empty(), "{}", e.id);
            // Both languages, always: a German run shows the German ones.
            assert!(!e.via_de.is_empty(), "{} has no via_de", e.id);
            assert_eq!(
                e.note.is_some(),
                e.note_de.is_some(),
                "{}: note and note_de",
                e.id
            );
        }
    }

    #[test]
    fn every_ministry_of_the_2025_cabinet_and_the_government_are_on_by_default() {
        let on: Vec<&str> = catalogue()
            .iter()
            .filter(|e| e.default)
            .filter_map(|e| e.ministry.as_deref())
            .collect();
        for ministry in [
            "BMI", "AA", "BMF", "BMWE", "BMFTR", "BMJV", "BMBFSFJ", "BMAS", "BMDS", "BMV", "BMUKN",
            "BMG", "BMLEH", "BMVg", "BMZ", "BMWSB", "BReg", "BK", "BKM",
        ] {
            assert!(on.contains(&ministry), "{ministry} is not on by default");
        }
        // Parliament, courts, gazette, head of state, agencies: in the catalogue, one `add` away.
        for ministry in [
            "Bundestag",
            "Bundesrat",
            "BVerfG",
            "BGBl",
            "BPr",
            "BSI",
            "BKA",
            "Destatis",
            "UBA",
            "BfS",
            "BKartA",
            "BNetzA",
        ] {
            assert!(
                catalogue()
                    .iter()
                    .any(|e| e.ministry.as_deref() == Some(ministry)),
                "{ministry} is not in the catalogue"
            );
        }
    }

    #[test]
    fn the_bundled_config_is_the_catalogues_default_entries() {
        let config = Config::bundled().expect("bundled");
        let defaults: Vec<&CatalogueEntry> = catalogue().iter().filter(|e| e.default).collect();
        assert_eq!(config.feeds.len(), defaults.len());
        for (feed, entry) in config.feeds.iter().zip(defaults) {
            assert_eq!(
                (
                    &feed.name,
                    &feed.url,
                    feed.ministry.as_deref(),
                    &feed.topics,
                    feed.listing
                ),
                (
                    &entry.name,
                    &entry.url,
                    entry.ministry.as_deref(),
                    &entry.topics,
                    entry.listing
                ),
                "config/default.toml and config/sources.toml differ"
            );
        }
    }

    #[test]
    fn sources_are_found_by_id_and_url() {
        let hib = find(" Bundestag-HIB ").expect("by id, any case");
        assert_eq!(hib.ministry.as_deref(), Some("Bundestag"));
        assert_eq!(
            for_url(&hib.url).map(|e| e.id.as_str()),
            Some("bundestag-hib")
        );
        assert!(find("nicht-da").is_none());
        assert_eq!(Evidence::V.describe(Lang::De), "geprüft (Mitschnitt)");
    }
}
