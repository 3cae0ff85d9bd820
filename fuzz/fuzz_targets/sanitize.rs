//! `sanitize` removes every control character but \n and \t, and is idempotent.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let input = String::from_utf8_lossy(data);
    let once = amtsfeed::text::sanitize(&input).into_owned();
    assert!(!once.chars().any(|c| (c.is_control() && c != '\n' && c != '\t') || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')), "{once:?}");
    assert_eq!(amtsfeed::text::sanitize(&once), once.as_str());
    let inline = amtsfeed::text::clean_inline(&input);
    assert!(!inline.contains('\n'));
});
