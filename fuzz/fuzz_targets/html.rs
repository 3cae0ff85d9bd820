//! HTML → text and page extraction: never panics; the rendered text and everything the page
//! yields (title, kind, topics) is clean.
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
    let html = String::from_utf8_lossy(data);
    let base = url::Url::parse("https://www.bmi.bund.de/SharedDocs/a.html").expect("url");
    let rendered = amtsfeed::text::render(&html, 60, Some(&base));
    assert_clean(&rendered.text);
    rendered.links.iter().for_each(|l| assert_clean(l));
    assert_clean(&amtsfeed::text::html_to_plain(&html));
    let extracted = amtsfeed::extract::extract(&html, &base);
    extracted.title.iter().for_each(|t| assert_clean(t));
    extracted.kind.iter().for_each(|k| assert_clean(k));
    extracted.topics.iter().for_each(|t| assert_clean(t));
    let text = amtsfeed::text::render(&extracted.content_html, 80, Some(&base));
    assert_clean(&text.text);
});
