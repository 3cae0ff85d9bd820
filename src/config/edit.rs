//! Edits of the user's config file that keep its comments, order and formatting (toml_edit):
//! adding and removing feeds, saving a filter. Each edit is validated as a whole config before
//! the file is replaced atomically, so an edit can never leave a broken config behind.

use std::io::Write;
use std::path::{Path, PathBuf};

use toml_edit::{value, Array, ArrayOfTables, DocumentMut, Item, Table};

use super::{Config, ConfigError, BUNDLED};

/// A feed to add.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewFeed {
    pub name: String,
    pub url: String,
    pub ministry: Option<String>,
    pub topics: Vec<String>,
    /// A press listing page, not a feed (`listing = true`).
    pub listing: bool,
}

/// Why an edit was not made, as data; worded by `words` (`EditError::in_language`).
#[derive(Debug)]
pub enum EditError {
    Read {
        path: String,
        source: std::io::Error,
    },
    Write {
        path: String,
        source: std::io::Error,
    },
    /// Not valid TOML, in the TOML reader's words.
    Syntax {
        path: String,
        message: String,
    },
    /// A key that should hold `[[NAME]]` tables holds something else.
    NotTables(String, &'static str),
    Invalid(ConfigError),
}

impl From<ConfigError> for EditError {
    fn from(error: ConfigError) -> Self {
        EditError::Invalid(error)
    }
}

impl std::error::Error for EditError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            EditError::Read { source, .. } | EditError::Write { source, .. } => Some(source),
            EditError::Invalid(error) => Some(error),
            _ => None,
        }
    }
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
/// `change` returns a value passed through (e.g. what was removed). Edits by several
/// processes at once (a script adding feeds in parallel, the reader saving a filter) take
/// turns on an advisory lock, so each one reads what the one before wrote and none is lost.
/// A symlinked config (dotfile setups) is edited where the link points.
pub fn edit<T>(
    path: &Path,
    change: impl FnOnce(&mut DocumentMut) -> Result<T, EditError>,
) -> Result<T, EditError> {
    let shown = path.display().to_string();
    let target = link_target(path);
    let write_error = |source| EditError::Write {
        path: shown.clone(),
        source,
    };
    let _lock = lock(&target).map_err(write_error)?;
    let text = read_current(&target)?;
    let mut doc: DocumentMut =
        text.parse()
            .map_err(|e: toml_edit::TomlError| EditError::Syntax {
                path: shown.clone(),
                message: e.message().trim().replace('\n', " "),
            })?;
    let result = change(&mut doc)?;
    let new_text = doc.to_string();
    Config::parse(&new_text, &shown, path.parent())?;
    write_atomically(&target, &new_text).map_err(write_error)?;
    Ok(result)
}

/// Where a symlinked config really lives (following a chain of links, relative ones from
/// their own folder); the path itself when it is no link.
fn link_target(path: &Path) -> PathBuf {
    let mut current = path.to_owned();
    // As many hops as the kernel allows before ELOOP.
    for _ in 0..40 {
        let Ok(next) = std::fs::read_link(&current) else {
            return current;
        };
        current = match current.parent() {
            Some(dir) if next.is_relative() => dir.join(next),
            _ => next,
        };
    }
    current
}

/// Takes the advisory lock `<config>.lock` beside the config, waiting for another edit to
/// finish. Released when the returned file is dropped. The lock file stays: removing it
/// would let two processes lock two different files.
fn lock(config: &Path) -> std::io::Result<std::fs::File> {
    if let Some(dir) = config.parent().filter(|d| !d.as_os_str().is_empty()) {
        crate::private::create_dir(dir)?;
    }
    let mut name = config.file_name().unwrap_or_default().to_owned();
    name.push(".lock");
    let file = crate::private::options()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(config.with_file_name(name))?;
    file.lock()?;
    Ok(file)
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
        if feed.listing {
            table.insert("listing", value(true));
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

/// Gives the `[[feed]]` named `name` (case-insensitive) a new `url`, keeping the rest of its
/// table and its comments; returns its exact name, or `None` when no feed has that name.
pub fn set_feed_url(
    doc: &mut DocumentMut,
    name: &str,
    url: &str,
) -> Result<Option<String>, EditError> {
    let list = tables(doc, "feed")?;
    let found = list.iter_mut().find(|t| {
        t.get("name")
            .and_then(Item::as_str)
            .is_some_and(|n| crate::text::clean_inline(n).eq_ignore_ascii_case(name.trim()))
    });
    Ok(found.map(|table| {
        let exact = table
            .get("name")
            .and_then(Item::as_str)
            .unwrap_or(name)
            .to_owned();
        if let Some(old) = table.get_mut("url").and_then(Item::as_value_mut) {
            // The new value keeps the old one's place and decor (a comment after it).
            let decor = old.decor().clone();
            *old = url.into();
            *old.decor_mut() = decor;
        } else {
            table.insert("url", value(url));
        }
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

/// Writes through a temporary file with a unique name in the same directory and renames it
/// over `path`; the file keeps its mode without group/other write bits, a new one is 0600.
/// A failed write leaves no temporary file behind.
pub fn write_atomically(path: &Path, text: &str) -> std::io::Result<()> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    crate::private::create_dir(dir)?;
    let mut prefix = std::ffi::OsString::from(".");
    prefix.push(path.file_name().unwrap_or_default());
    prefix.push(".");
    let mut temp = tempfile::Builder::new()
        .prefix(&prefix)
        .suffix(".tmp")
        .tempfile_in(dir)?;
    temp.write_all(text.as_bytes())?;
    temp.as_file().sync_all()?;
    keep_private(path, temp.path())?;
    temp.persist(path).map_err(|e| e.error)?;
    Ok(())
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
            listing: false,
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
            listing: false,
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

    #[test]
    fn parallel_edits_are_all_kept() {
        let (_dir, path) = temp_config(USER);
        let threads: Vec<_> = (0..16)
            .map(|i| {
                let path = path.clone();
                std::thread::spawn(move || {
                    let feed = NewFeed {
                        name: format!("Feed {i}"),
                        url: format!("https://example.org/{i}.xml"),
                        ministry: None,
                        topics: vec![],
                        listing: false,
                    };
                    edit(&path, |doc| add_feeds(doc, &[feed]))
                })
            })
            .collect();
        for thread in threads {
            thread.join().expect("thread").expect("edit");
        }
        let text = std::fs::read_to_string(&path).expect("read");
        let config = Config::parse(&text, "x", None).expect("valid");
        assert_eq!(config.feeds.len(), 2 + 16, "{text}");
        let leftovers: Vec<_> = std::fs::read_dir(path.parent().expect("dir"))
            .expect("dir")
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".tmp"))
            .collect();
        assert!(leftovers.is_empty(), "{leftovers:?}");
    }

    #[cfg(unix)]
    #[test]
    fn a_symlinked_config_is_edited_where_it_points() {
        let (dir, real) = temp_config(USER);
        let dotfiles = dir.path().join("dotfiles");
        std::fs::create_dir(&dotfiles).expect("dir");
        let moved = dotfiles.join("amtsfeed.toml");
        std::fs::rename(&real, &moved).expect("move");
        // A relative link, as dotfile managers make them.
        std::os::unix::fs::symlink("dotfiles/amtsfeed.toml", &real).expect("link");
        edit(&real, |doc| {
            save_filter(doc, "Krisen", "katastrophenschutz")
        })
        .expect("edit");
        assert!(std::fs::symlink_metadata(&real)
            .expect("meta")
            .file_type()
            .is_symlink());
        let text = std::fs::read_to_string(&moved).expect("read");
        assert!(
            text.contains("katastrophenschutz") && text.starts_with("# my feeds"),
            "{text}"
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_failed_write_leaves_no_temporary_file_and_new_files_are_private() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("dir");
        // The target is a directory: the rename fails after the temporary file was written.
        let path = dir.path().join("config.toml");
        std::fs::create_dir(&path).expect("dir");
        std::fs::write(path.join("x"), "").expect("block the rename");
        assert!(write_atomically(&path, "concurrency = 2\n").is_err());
        let names: Vec<String> = std::fs::read_dir(dir.path())
            .expect("dir")
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, ["config.toml"]);
        let fresh = dir.path().join("neu.toml");
        write_atomically(&fresh, "concurrency = 2\n").expect("write");
        let mode = std::fs::metadata(&fresh)
            .expect("meta")
            .permissions()
            .mode()
            & 0o777;
        assert_eq!(mode, 0o600);
    }
}
