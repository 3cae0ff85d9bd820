//! The source catalogue in the reader (`C`): every federal source with how sure its address
//! is and whether the config has it; Enter adds the selected one (as `amtsfeed add ID`).

use super::App;
use crate::config::catalogue::{self, CatalogueEntry};
use crate::tui::keys::Mode;
use crate::tui::msg::{CatalogueMsg, Cmd};

/// The catalogue overlay's state: which entry is selected, which addresses are configured.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Catalogue {
    pub selected: usize,
    /// The configured feeds' URLs (a ✓ in the list).
    pub configured: Vec<String>,
}

impl Catalogue {
    /// The entries, in the catalogue's order (by group).
    pub fn entries(&self) -> &'static [CatalogueEntry] {
        catalogue::catalogue()
    }

    pub fn is_configured(&self, entry: &CatalogueEntry) -> bool {
        self.configured.iter().any(|u| u == entry.url.as_str())
    }

    pub fn selected_entry(&self) -> Option<&'static CatalogueEntry> {
        self.entries().get(self.selected)
    }
}

impl App {
    /// The configured feeds' URLs, for the catalogue's marks.
    pub fn with_configured_urls(mut self, urls: Vec<String>) -> Self {
        self.catalogue.configured = urls;
        self
    }

    pub(super) fn catalogue_msg(&mut self, msg: CatalogueMsg) -> Vec<Cmd> {
        match msg {
            CatalogueMsg::Open => {
                self.mode = if self.mode == Mode::Catalogue {
                    Mode::Normal
                } else {
                    Mode::Catalogue
                };
                vec![]
            }
            CatalogueMsg::Move(step) => {
                let last = self.catalogue.entries().len().saturating_sub(1);
                let at = self.catalogue.selected as i64 + i64::from(step);
                self.catalogue.selected = at.clamp(0, last as i64) as usize;
                vec![]
            }
            CatalogueMsg::Add => self.add_from_catalogue(),
        }
    }

    /// Adds the selected source, unless the config has it already.
    fn add_from_catalogue(&mut self) -> Vec<Cmd> {
        let Some(entry) = self.catalogue.selected_entry() else {
            return vec![];
        };
        if self.catalogue.is_configured(entry) {
            let text = crate::i18n::fill(self.text().source_configured, &[("name", &entry.name)]);
            self.notify(text);
            return vec![];
        }
        self.mode = Mode::Normal;
        self.notify(format!("{} {} …", self.text().checking_feed, entry.url));
        vec![Cmd::AddFeed(entry.id.clone())]
    }
}
