//! Prints what amtsfeed's page extraction makes of saved article pages: the rule that
//! matched, title, type, topics, date and the text as the reader shows it. For comparing
//! with other extractors and for finding why a page reads wrong.
//!
//! `cargo run --example extract_dump -- URL FILE [URL FILE ...]` (the URL is where the page
//! came from: it picks the site rule and resolves links).

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.is_empty() || !args.len().is_multiple_of(2) {
        eprintln!("usage: extract_dump URL FILE [URL FILE ...]");
        std::process::exit(2);
    }
    for pair in args.chunks(2) {
        let (url, file) = (&pair[0], &pair[1]);
        let Ok(url) = url::Url::parse(url) else {
            eprintln!("{url}: not a URL");
            continue;
        };
        let bytes = match std::fs::read(file) {
            Ok(bytes) => bytes,
            Err(e) => {
                eprintln!("{file}: {e}");
                continue;
            }
        };
        let html = amtsfeed::extract::decode_html(&bytes, None);
        let page = amtsfeed::extract::extract(&html, &url);
        println!("== {file}");
        if let Some(notice) = &page.not_found {
            println!("error page? {notice}");
        }
        println!("rule:   {}", page.rule);
        println!("title:  {}", page.title.unwrap_or_default());
        println!("kind:   {}", page.kind.unwrap_or_default());
        println!("number: {}", page.number.unwrap_or_default());
        println!("topics: {}", page.topics.join(", "));
        println!(
            "date:   {}",
            page.date.map(|d| d.to_string()).unwrap_or_default()
        );
        println!();
        println!("{}", amtsfeed::text::html_to_plain(&page.content_html));
    }
}
