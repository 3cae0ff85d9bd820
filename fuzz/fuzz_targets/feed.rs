//! Feed bytes → articles: never panics, and nothing it returns can drive a terminal.
#![no_main]

use libfuzzer_sys::fuzz_target;

fn assert_clean(s: &str) {
    assert!(!s.chars().any(|c| matches!(c, '\u{1b}' | '\u{7}' | '\u{80}'..='\u{9f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')), "{s:?}");
}

fuzz_target!(|data: &[u8]| {
    let base = url::Url::parse("https://www.bmi.bund.de/feed.xml").ok();
    let topics = vec!["Inneres".to_owned()];
    let source = amtsfeed::parse::Source { url: base.as_ref(), content_type: None, topics: &topics };
    if let Ok(feed) = amtsfeed::parse::parse_feed(data, source) {
        for a in &feed.articles {
            assert_clean(&a.title);
            assert_clean(&a.summary);
            a.topics.iter().for_each(|t| assert_clean(t));
            if let Some(link) = &a.link {
                assert_clean(link);
            }
        }
    }
});
