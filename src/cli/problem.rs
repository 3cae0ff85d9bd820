//! What went wrong in a command, typed so that it can be said in the run's language: the
//! English wording is the `Display`, `in_lang` gives the German one.

use crate::i18n::Lang;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Problem {
    #[error("no feed named '{0}' (see `amtsfeed feeds`)")]
    NoFeedNamed(String),
    #[error("no saved filter named '{0}' (see [[filter]] in the config)")]
    NoSavedFilter(String),
    #[error("no article with id {0}")]
    NoArticle(i64),
    #[error("not in the cache: article {0}")]
    NotInCache(String),
    #[error("the article has no link")]
    NoLink,
    #[error("the article has {have} numbered links, not {asked}")]
    NoSuchLink { have: usize, asked: usize },
    #[error("cannot read {path}: {error}")]
    CannotRead { path: String, error: String },
    #[error("cannot write {path}: {error}")]
    CannotWrite { path: String, error: String },
    #[error("no user config path; pass --config FILE")]
    NoConfigPath,
    #[error("cannot find a data directory; pass --data-dir")]
    NoDataDir,
    #[error("no source in '{asked}'; groups: {groups}")]
    NoSourceGroup { asked: String, groups: String },
}

impl Problem {
    pub fn in_lang(&self, lang: Lang) -> String {
        if lang != Lang::De {
            return self.to_string();
        }
        match self {
            Self::NoFeedNamed(name) => {
                format!("kein Feed heißt '{name}' (siehe `amtsfeed feeds`)")
            }
            Self::NoSavedFilter(name) => {
                format!("kein gespeicherter Filter heißt '{name}' (siehe [[filter]] in der Konfiguration)")
            }
            Self::NoArticle(id) => format!("kein Artikel mit der Nummer {id}"),
            Self::NotInCache(ids) => format!("nicht im Cache: Artikel {ids}"),
            Self::NoLink => "der Artikel hat keinen Link".to_owned(),
            Self::NoSuchLink { have, asked } => {
                format!("der Artikel hat {have} nummerierte Links, nicht {asked}")
            }
            Self::CannotRead { path, error } => format!("{path} ist nicht lesbar: {error}"),
            Self::CannotWrite { path, error } => {
                format!("{path} lässt sich nicht schreiben: {error}")
            }
            Self::NoConfigPath => {
                "kein Pfad für die Konfiguration; bitte --config DATEI angeben".to_owned()
            }
            Self::NoDataDir => {
                "kein Datenverzeichnis gefunden; bitte --data-dir angeben".to_owned()
            }
            Self::NoSourceGroup { asked, groups } => {
                format!("keine Quelle in '{asked}'; Gruppen: {groups}")
            }
        }
    }
}
