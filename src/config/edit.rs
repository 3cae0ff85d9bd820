//! Edits of the user's config file that keep its comments, order and formatting (toml_edit):
//! adding and removing feeds, saving a filter. Each edit is validated as a whole config before
//! the file is replaced atomically, so an edit can never leave a broken config behind.

use std::path::Path;

use toml_edit::{value, Array, ArrayOfTables, DocumentMut, Item, Table};

use super::{Config, ConfigError, BUNDLED};

/// A feed to add.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewFeed {
    pub name: String,
    pub url: String,
    pub ministry: Option<String>,
    pub topics: Vec<String>,
}

/// Why an edit was not made.
#[derive(Debug, thiserror::Error)]
pub enum EditError {
    #[error("cannot read {path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error("cannot write {path}: {source}")]
    Write {
        path: String,
        source: std::io::Error,
    },
    #[error("{path} is not valid TOML: {message}")]
    Syntax { path: String, message: String },
    #[error("'{0}' is not a list of [[{1}]] tables in the config")]
    NotTables(String, &'static str),
    #[error(transparent)]
    Invalid(#[from] ConfigError),
}

/// The config text as it is now: the file, or the bundled default when it does not exist yet
/// (the user's first edit starts from a copy of the default list, with its comments).
fn read_current(path: &Path) -> Result<String, EditError> {
    match std::fs::read_to_string(path) {
        Ok(text) => Ok(text),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(BUNDLED.to_owned()),
        Err(source) => Err(EditError::Read {
            path: path.display().to_string(),
            source,
        }),
    }
}

/// Reads, applies `change`, validates the result as a config and writes it back atomically.
/// `change` returns a value passed through (e.g. what was removed).
pub fn edit<T>(
    path: &Path,
    change: impl FnOnce(&mut DocumentMut) -> Result<T, EditError>,
) -> Result<T, EditError> {
    let shown = path.display().to_string();
    let text = read_current(path)?;
    let mut doc: DocumentMut =
        text.parse()
            .map_err(|e: toml_edit::TomlError| EditError::Syntax {
                path: shown.clone(),
                message: e.message().trim().replace('\n', " "),
            })?;
    let result = change(&mut doc)?;
    let new_text = doc.to_string();
    Config::parse(&new_text, &shown, path.parent())?;
    write_atomically(path, &new_text).map_err(|source| EditError::Write {
        path: shown,
        source,
    })?;
    Ok(result)
}

/// The `[[name]]` array of tables, created at the end of the file when missing.
fn tables<'d>(
    doc: &'d mut DocumentMut,
    name: &'static str,
) -> Result<&'d mut ArrayOfTables, EditError> {
    let item = doc
        .entry(name)
        .or_insert(Item::ArrayOfTables(ArrayOfTables::new()));
    item.as_array_of_tables_mut()
        .ok_or_else(|| EditError::NotTables(name.to_owned(), name))
}

fn string_array(items: &[String]) -> Array {
    items.iter().map(String::as_str).collect()
}

/// Appends `feeds` as `[[feed]]` tables after the existing ones.
pub fn add_feeds(doc: &mut DocumentMut, feeds: &[NewFeed]) -> Result<(), EditError> {
    let list = tables(doc, "feed")?;
    for feed in feeds {
        let mut table = Table::new();
        table.insert("name", value(feed.name.as_str()));
        if let Some(ministry) = &feed.ministry {
            table.insert("ministry", value(ministry.as_str()));
        }
        table.insert("url", value(feed.url.as_str()));
        if !feed.topics.is_empty() {
            table.insert("topics", value(string_array(&feed.topics)));
        }
        list.push(table);
    }
    Ok(())
}

/// Removes the `[[feed]]` named `name` (case-insensitive); returns its exact name, or `None`
/// when no feed has that name.
pub fn remove_feed(doc: &mut DocumentMut, name: &str) -> Result<Option<String>, EditError> {
    let list = tables(doc, "feed")?;
    let found = list.iter().position(|t| {
        t.get("name")
            .and_then(Item::as_str)
            .is_some_and(|n| crate::text::clean_inline(n).eq_ignore_ascii_case(name.trim()))
    });
    Ok(found.map(|index| {
        let exact = list
            .get(index)
            .and_then(|t| t.get("name"))
            .and_then(Item::as_str)
            .unwrap_or(name)
            .to_owned();
        list.remove(index);
        exact
    }))
}

/// Saves a filter: replaces the query of the `[[filter]]` with that name, or appends one.
/// Returns true when an existing filter was replaced.
pub fn save_filter(doc: &mut DocumentMut, name: &str, query: &str) -> Result<bool, EditError> {
    let list = tables(doc, "filter")?;
    let existing = list.iter_mut().find(|t| {
        t.get("name")
            .and_then(Item::as_str)
            .is_some_and(|n| n.trim().eq_ignore_ascii_case(name.trim()))
    });
    if let Some(table) = existing {
        table.insert("query", value(query));
        return Ok(true);
    }
    let mut table = Table::new();
    table.insert("name", value(name));
    table.insert("query", value(query));
    list.push(table);
    Ok(false)
}

/// Writes through a temporary file in the same directory and renames it over `path`; the
/// file keeps its mode without group/other write bits, a new one is 0600.
pub fn write_atomically(path: &Path, text: &str) -> std::io::Result<()> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    let temp = path.with_extension("toml.tmp");
    std::fs::write(&temp, text)?;
    keep_private(path, &temp)?;
    std::fs::rename(&temp, path)
}

#[cfg(unix)]
fn keep_private(original: &Path, temp: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    let mode =
        std::fs::metadata(original).map_or(0o600, |m| m.permissions().mode() & 0o7777 & !0o022);
    std::fs::set_permissions(temp, std::fs::Permissions::from_mode(mode))
}

#[cfg(not(unix))]
fn keep_private(_original: &Path, _temp: &Path) -> std::io::Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const USER: &str = "# my feeds\nconcurrency = 4 # fewer\n\n[[feed]]\n# the interior ministry\nname = \"BMI\"\nurl = \"https://www.bmi.bund.de/rss.xml\"\n\n[[feed]]\nname = \"BMF\"\nurl = \"https://www.bundesfinanzministerium.de/rss.xml\"\n";

    fn temp_config(text: &str) -> (tempfile::TempDir, std::path::PathBuf) {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("config.toml");
        std::fs::write(&path, text).expect("write");
        (dir, path)
    }

    #[test]
    fn add_keeps_comments_and_order() {
        let (_dir, path) = temp_config(USER);
        let feed = NewFeed {
            name: "Bündnis \"Test\"".into(),
            url: "https://example.org/feed.xml".into(),
            ministry: None,
            topics: vec!["Digitales".into(), "Äußeres".into()],
        };
        edit(&path, |doc| add_feeds(doc, &[feed])).expect("edit");
        let text = std::fs::read_to_string(&path).expect("read");
        assert!(
            text.starts_with("# my feeds\nconcurrency = 4 # fewer\n"),
            "{text}"
        );
        assert!(
            text.contains("# the interior ministry\nname = \"BMI\""),
            "{text}"
        );
        let bmf = text.find("name = \"BMF\"").expect("BMF kept");
        let new = text.find("Bündnis").expect("new feed");
        assert!(bmf < new, "appended after the existing feeds:\n{text}");
        let config = Config::parse(&text, "x", None).expect("valid");
        assert_eq!(config.feeds.len(), 3);
        assert_eq!(config.feeds[2].name, "Bündnis \"Test\"");
        assert_eq!(config.feeds[2].topics, ["Digitales", "Äußeres"]);
    }

    #[test]
    fn remove_takes_out_only_that_feed() {
        let (_dir, path) = temp_config(USER);
        let removed = edit(&path, |doc| remove_feed(doc, "bmi")).expect("edit");
        assert_eq!(removed.as_deref(), Some("BMI"));
        let text = std::fs::read_to_string(&path).expect("read");
        assert!(!text.contains("bmi.bund.de"), "{text}");
        assert!(
            text.contains("# my feeds") && text.contains("name = \"BMF\""),
            "{text}"
        );
        let missing = edit(&path, |doc| remove_feed(doc, "nope")).expect("edit");
        assert_eq!(missing, None);
    }

    #[test]
    fn save_filter_appends_then_replaces() {
        let (_dir, path) = temp_config(USER);
        let replaced = edit(&path, |doc| {
            save_filter(doc, "Digitales", "digitalisierung seit:30d")
        })
        .expect("edit");
        assert!(!replaced);
        let replaced =
            edit(&path, |doc| save_filter(doc, "digitales", "ki since:2w")).expect("edit");
        assert!(replaced);
        let text = std::fs::read_to_string(&path).expect("read");
        let config = Config::parse(&text, "x", None).expect("valid");
        assert_eq!(config.filters.len(), 1);
        assert_eq!(config.filters[0].query, "ki since:2w");
        assert!(text.contains("# my feeds"));
    }

    #[test]
    fn invalid_result_is_not_written() {
        let (_dir, path) = temp_config(USER);
        let duplicate = NewFeed {
            name: "bmf".into(),
            url: "https://example.org/x.xml".into(),
            ministry: None,
            topics: vec![],
        };
        let err = edit(&path, |doc| add_feeds(doc, &[duplicate])).expect_err("duplicate name");
        assert!(err.to_string().contains("duplicate feed name"), "{err}");
        let bad_query = edit(&path, |doc| save_filter(doc, "x", "since:")).expect_err("bad query");
        assert!(bad_query.to_string().contains("filter 'x'"), "{bad_query}");
        assert_eq!(std::fs::read_to_string(&path).expect("read"), USER);
    }

    #[test]
    fn missing_file_starts_from_the_bundled_list() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("sub").join("config.toml");
        edit(&path, |doc| {
            save_filter(doc, "Krisen", "katastrophenschutz")
        })
        .expect("edit");
        let text = std::fs::read_to_string(&path).expect("read");
        assert!(text.starts_with("# amtsfeed: bundled default configuration."));
        let config = Config::parse(&text, "x", None).expect("valid");
        assert_eq!(
            config.feeds.len(),
            Config::bundled().expect("bundled").feeds.len()
        );
        assert_eq!(config.filters[0].name, "Krisen");
    }
}
