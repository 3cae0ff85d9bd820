//! The module layers as a test: every `crate::` path in a module's non-test code names a module
//! of a lower layer (or a part of its own module). An import that runs up or sideways fails
//! here, with the file and the path, so the shape in the README's Development section holds.

use std::path::Path;

/// Top-level modules by layer, lowest first. A module may use modules of lower layers only.
const LAYERS: &[&[&str]] = &[
    &["model", "private", "say"],
    &["text", "log", "charset"],
    &["i18n"],
    &["parse", "filter", "cite", "diff", "refs"],
    &["extract"],
    &["fetch", "store", "config", "open", "dip"],
    &["opml", "refresh", "manage", "settings", "alerts"],
    &["words"],
    &["tui"],
    &["cli"],
];

/// Parts of the TUI by layer: pure state and views below the terminal shell and the worker.
const TUI_LAYERS: &[&[&str]] = &[
    &["terminal"],
    &["line_input", "layout", "theme", "hyperlink", "clipboard"],
    &["msg"],
    &["keys"],
    &["app"],
    &["view", "worker"],
];

fn rank(layers: &[&[&str]], module: &str) -> Option<usize> {
    layers.iter().position(|layer| layer.contains(&module))
}

/// The non-test part of a source file: everything before its first `#[cfg(test)]` (test
/// modules and test helpers come last in this crate's files).
fn code_of(source: &str) -> &str {
    source.split("#[cfg(test)]").next().unwrap_or(source)
}

/// The module each `prefix` path names: `crate::store::Store` gives `store`.
fn named_modules<'a>(code: &'a str, prefix: &str) -> Vec<&'a str> {
    code.match_indices(prefix)
        .filter(|(at, _)| {
            // `crate::` itself, not the end of another path (`amtsfeed_crate::`).
            !code[..*at]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_alphanumeric() || c == '_')
        })
        .filter_map(|(at, _)| {
            let rest = &code[at + prefix.len()..];
            let end = rest
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .unwrap_or(rest.len());
            (end > 0).then(|| &rest[..end])
        })
        .collect()
}

/// Source files under `dir` that are not tests, with their path relative to `src/`.
fn sources(dir: &Path, root: &Path, out: &mut Vec<(String, String)>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if path.is_dir() {
            if name != "tests" {
                sources(&path, root, out);
            }
        } else if name.ends_with(".rs") && name != "tests.rs" {
            let relative = path
                .strip_prefix(root)
                .unwrap_or(&path)
                .to_string_lossy()
                .into_owned();
            out.push((relative, std::fs::read_to_string(&path).unwrap_or_default()));
        }
    }
}

/// Upward or sideways uses in one file, as "file: path".
fn violations(file: &str, source: &str) -> Vec<String> {
    let top = file
        .trim_end_matches(".rs")
        .split('/')
        .next()
        .unwrap_or_default();
    let code = code_of(source);
    let mut found = Vec::new();
    if let Some(own) = rank(LAYERS, top) {
        for used in named_modules(code, "crate::") {
            match rank(LAYERS, used) {
                Some(r) if used == top || r < own => {}
                _ => found.push(format!("{file}: crate::{used}")),
            }
        }
    }
    // Inside the TUI: the part this file belongs to, and the parts it names.
    let part = file.strip_prefix("tui/").map(|rest| {
        rest.trim_end_matches(".rs")
            .split('/')
            .next()
            .unwrap_or_default()
    });
    if let Some(own) = part.and_then(|p| rank(TUI_LAYERS, p)) {
        let part = part.unwrap_or_default();
        for used in named_modules(code, "crate::tui::")
            .into_iter()
            .chain(named_modules(code, "super::"))
        {
            match rank(TUI_LAYERS, used) {
                Some(r) if used != part && r >= own => {
                    found.push(format!("{file}: tui::{used}"));
                }
                _ => {}
            }
        }
    }
    found
}

#[test]
fn imports_only_run_down_the_layers() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&root, &root, &mut files);
    assert!(
        files.len() > 40,
        "the sources were not found: {}",
        files.len()
    );
    let mut unknown: Vec<&str> = files
        .iter()
        .map(|(f, _)| {
            f.split('/')
                .next()
                .unwrap_or_default()
                .trim_end_matches(".rs")
        })
        .filter(|m| !["lib", "main", "layers"].contains(m) && rank(LAYERS, m).is_none())
        .collect();
    unknown.dedup();
    assert!(unknown.is_empty(), "modules without a layer: {unknown:?}");
    let found: Vec<String> = files
        .iter()
        .flat_map(|(file, source)| violations(file, source))
        .collect();
    assert!(
        found.is_empty(),
        "imports against the layers:\n{}",
        found.join("\n")
    );
}

#[test]
fn an_upward_import_is_caught() {
    // The check itself can fail: a store that reads the config, a key map that reads the app.
    let upward = "use crate::config::Config;\nfn f() { crate::model::x(); }\n";
    assert_eq!(violations("store.rs", upward), ["store.rs: crate::config"]);
    let sideways = "use crate::tui::app::App;\n";
    assert_eq!(
        violations("tui/keys.rs", sideways),
        ["tui/keys.rs: tui::app"]
    );
    // Test code is not held to it.
    let in_tests = "fn f() {}\n#[cfg(test)]\nmod tests { use crate::cli::run; }\n";
    assert!(violations("store.rs", in_tests).is_empty());
}
