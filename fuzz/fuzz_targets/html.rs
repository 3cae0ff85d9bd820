//! HTML → text and page extraction: never panics; rendered text is clean.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let html = String::from_utf8_lossy(data);
    let base = url::Url::parse("https://www.bmi.bund.de/SharedDocs/a.html").expect("url");
    let rendered = amtsfeed::text::render(&html, 60, Some(&base));
    assert!(!rendered.text.contains('\u{1b}'));
    let _ = amtsfeed::text::html_to_plain(&html);
    let extracted = amtsfeed::extract::extract(&html, &base);
    let text = amtsfeed::text::render(&extracted.content_html, 80, Some(&base));
    assert!(!text.text.contains('\u{1b}'));
});
