//! Counts the parliamentary references `refs` recognizes in files (feeds, pages, listings):
//! `cargo run --example refs_count -- FILE...` prints each file's references and the totals
//! by kind. The text and the `href`s are read as they are (no feed parsing).

use std::collections::BTreeMap;

fn main() {
    let mut totals: BTreeMap<&'static str, usize> = BTreeMap::new();
    let mut files = 0;
    for path in std::env::args().skip(1) {
        let Ok(bytes) = std::fs::read(&path) else {
            eprintln!("{path}: cannot read");
            continue;
        };
        files += 1;
        let text = String::from_utf8_lossy(&bytes);
        let found = amtsfeed::refs::in_text_and_links(&text, amtsfeed::refs::hrefs(&text));
        for reference in &found {
            println!("{path}: {}", reference.label());
            *totals.entry(reference.kind.code()).or_default() += 1;
        }
    }
    println!("{files} files");
    for (kind, n) in &totals {
        println!("{kind}: {n}");
    }
}
