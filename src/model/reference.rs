//! A parliamentary document a release names, and where to read it (found by `refs`).

use serde::{Deserialize, Serialize};

/// What a reference names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RefKind {
    /// A Bundestag Drucksache: electoral term / number ("21/1234").
    BtDrucksache,
    /// A Bundesrat Drucksache: number / year ("123/26").
    BrDrucksache,
    /// A Bundestag Plenarprotokoll: electoral term / sitting ("21/45").
    Plenarprotokoll,
    /// A DIP Vorgang, by its id.
    Vorgang,
}

impl RefKind {
    /// The stored name.
    pub fn code(self) -> &'static str {
        match self {
            Self::BtDrucksache => "bt_drucksache",
            Self::BrDrucksache => "br_drucksache",
            Self::Plenarprotokoll => "plenarprotokoll",
            Self::Vorgang => "vorgang",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        [
            Self::BtDrucksache,
            Self::BrDrucksache,
            Self::Plenarprotokoll,
            Self::Vorgang,
        ]
        .into_iter()
        .find(|k| k.code() == code)
    }

    /// How it is written: "BT-Drucksache", "BR-Drucksache", "Plenarprotokoll", "Vorgang".
    pub fn label(self) -> &'static str {
        match self {
            Self::BtDrucksache => "BT-Drucksache",
            Self::BrDrucksache => "BR-Drucksache",
            Self::Plenarprotokoll => "Plenarprotokoll",
            Self::Vorgang => "DIP-Vorgang",
        }
    }
}

/// One reference.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Reference {
    pub kind: RefKind,
    /// "21/1234", "123/26", "21/45", or the Vorgang's id.
    pub number: String,
}

impl Reference {
    /// Where it can be read: the document on dserver.bundestag.de (addresses that follow from
    /// the number), the Vorgang on dip.bundestag.de.
    pub fn url(&self) -> String {
        let (a, b) = self.number.split_once('/').unwrap_or((&self.number, ""));
        let (a, b): (u32, u32) = (a.parse().unwrap_or(0), b.parse().unwrap_or(0));
        match self.kind {
            RefKind::BtDrucksache => {
                let number = format!("{b:05}");
                format!(
                    "https://dserver.bundestag.de/btd/{a:02}/{}/{a:02}{number}.pdf",
                    &number[..3]
                )
            }
            RefKind::BrDrucksache => {
                format!("https://dserver.bundestag.de/brd/20{b:02}/{a:04}-{b:02}.pdf")
            }
            RefKind::Plenarprotokoll => {
                format!("https://dserver.bundestag.de/btp/{a:02}/{a:02}{b:03}.pdf")
            }
            RefKind::Vorgang => format!("https://dip.bundestag.de/vorgang/-/{}", self.number),
        }
    }

    /// "BT-Drucksache 21/1234".
    pub fn label(&self) -> String {
        format!("{} {}", self.kind.label(), self.number)
    }
}

/// A parliamentary process (DIP "Vorgang") as DIP describes it: what it is, its stage and its
/// steps so far.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Process {
    /// DIP's id of the Vorgang.
    pub id: String,
    pub title: String,
    /// "Gesetzgebung", "Antrag", …
    pub kind: Option<String>,
    /// "Beratungsstand": "Noch nicht beraten", "Beschlussempfehlung liegt vor", "Verkündet", …
    pub stage: Option<String>,
    /// Who brought it in: "Bundesregierung", a parliamentary group, "Bundesrat".
    pub initiative: Vec<String>,
    /// The steps so far, oldest first.
    pub steps: Vec<Step>,
}

impl Process {
    /// Where DIP shows it.
    pub fn url(&self) -> String {
        Reference {
            kind: RefKind::Vorgang,
            number: self.id.clone(),
        }
        .url()
    }

    /// The newest step.
    pub fn last_step(&self) -> Option<&Step> {
        self.steps.last()
    }
}

/// One step of a process ("Vorgangsposition"): "Gesetzentwurf", "1. Beratung",
/// "Beschlussempfehlung und Bericht", with its day and the document of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Step {
    pub name: String,
    /// As DIP gives it: "2026-11-13".
    pub date: String,
    /// "BT" or "BR": where it happened.
    pub chamber: Option<String>,
    /// The Drucksache or Plenarprotokoll of the step ("21/1234").
    pub document: Option<String>,
}

/// What DIP says of one Drucksache: its title and type, and the processes it belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DocumentInfo {
    pub reference: Reference,
    pub title: String,
    /// "Gesetzentwurf", "Beschlussempfehlung und Bericht", "Antrag", …
    pub doc_type: Option<String>,
    pub date: Option<String>,
    /// The lead ministry ("Ressort", federführend) where DIP names one.
    pub ressort: Option<String>,
    /// The ids of its processes.
    pub processes: Vec<String>,
}

/// Why a DIP lookup stopped, as data (worded by `words`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DipError {
    /// 401/403: the key is wrong or expired.
    KeyRefused { status: u16 },
    /// 429 or 503: DIP asks to wait (seconds, when it says).
    Wait { secs: Option<u64> },
    /// Another HTTP status.
    Http { status: u16 },
    /// No answer (the network, a timeout).
    Unreachable { detail: String },
    /// An answer that is no DIP JSON.
    Malformed { detail: String },
}

impl std::error::Error for DipError {}

/// What the DIP lookups of a refresh did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DipSummary {
    /// Drucksachen asked about.
    pub documents: usize,
    /// Processes read (new, or changed since they were last read).
    pub processes: usize,
    /// Processes whose stage changed.
    pub stage_changes: usize,
    /// Requests made.
    pub requests: usize,
    /// Why the lookups stopped early, if they did (a refused key, a request to wait, …).
    pub stopped: Option<DipError>,
}
