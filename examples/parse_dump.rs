//! Developer tool: parse feed files with amtsfeed's parser and print one JSON line per file
//! (`{"file", "entries", "titles"}` or `{"file", "error"}`), to compare with other parsers.
//!
//! Run: `cargo run --example parse_dump -- FILE...`

fn main() {
    for path in std::env::args().skip(1) {
        let line = match std::fs::read(&path) {
            Err(e) => serde_json::json!({ "file": path, "error": e.to_string() }),
            Ok(bytes) => {
                match amtsfeed::parse::parse_feed(&bytes, amtsfeed::parse::Source::default()) {
                    Ok(feed) => serde_json::json!({
                        "file": path,
                        "entries": feed.articles.len(),
                        "titles": feed.articles.iter().map(|a| a.title.clone()).collect::<Vec<_>>(),
                    }),
                    Err(e) => serde_json::json!({ "file": path, "error": e.to_string() }),
                }
            }
        };
        println!("{line}");
    }
}
