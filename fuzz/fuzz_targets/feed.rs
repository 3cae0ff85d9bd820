//! Feed bytes → articles: never panics, and nothing it returns can drive a terminal, the
//! feed's title included (`add` names a feed after it).
#![no_main]

use libfuzzer_sys::fuzz_target;

/// No escape, BEL or other C0/C1 control (but newline and tab), no bidi override or mark.
fn assert_clean(s: &str) {
    assert!(
        !s.chars().any(|c| (c.is_control() && c != '\n' && c != '\t')
            || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{061c}')),
        "{s:?}"
    );
}

fuzz_target!(|data: &[u8]| {
    let base = url::Url::parse("https://www.bmi.bund.de/feed.xml").ok();
    let topics = vec!["Inneres".to_owned()];
    let source = amtsfeed::parse::Source { url: base.as_ref(), content_type: None, topics: &topics };
    if let Ok(feed) = amtsfeed::parse::parse_feed(data, source) {
        if let Some(title) = &feed.title {
            assert_clean(title);
            assert!(!title.contains('\n'), "{title:?}");
        }
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
