//! A parliamentary document a release names, and where to read it (found by `refs`).

use serde::Serialize;

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
