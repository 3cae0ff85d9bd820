//! Which encoding a fetched document's bytes are in: one rule for feeds and pages.
//!
//! A byte-order mark decides; then what the document declares (HTTP header, XML declaration,
//! `<meta charset>`). A declaration is often wrong in one direction: CMS templates keep
//! saying ISO-8859-1 or windows-1252 long after the content became UTF-8. Read as declared,
//! such a page turns "Bürger" into "BÃ¼rger". Bytes that are valid UTF-8 and not plain ASCII
//! are practically never real single-byte text (that would need runs like "Ã¼" on purpose),
//! so for them UTF-8 wins over a declared single-byte encoding. Multi-byte declarations
//! (UTF-16, Shift_JIS, …) are left as declared: there the rule would not hold.

use encoding_rs::{Encoding, UTF_8};

/// The `charset` parameter of a `Content-Type` header value, unquoted.
pub fn from_content_type(content_type: &str) -> Option<&str> {
    content_type.split(';').skip(1).find_map(|param| {
        let (key, value) = param.split_once('=')?;
        key.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| value.trim().trim_matches(['"', '\'']))
    })
}

/// The encoding to read `bytes` with and the length of its byte-order mark: the mark, else
/// the first declaration that names a known encoding (unless the bytes are UTF-8 that a
/// single-byte declaration would garble), else UTF-8.
pub fn choose<'a>(
    bytes: &[u8],
    declared: impl IntoIterator<Item = Option<&'a str>>,
) -> (&'static Encoding, usize) {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        return (encoding, bom_len);
    }
    let declared = declared
        .into_iter()
        .flatten()
        .find_map(|label| Encoding::for_label(label.trim().as_bytes()));
    match declared {
        Some(encoding) if encoding.is_single_byte() && is_non_ascii_utf8(bytes) => (UTF_8, 0),
        Some(encoding) => (encoding, 0),
        None => (UTF_8, 0),
    }
}

/// True when `bytes` are valid UTF-8 with at least one character beyond ASCII.
fn is_non_ascii_utf8(bytes: &[u8]) -> bool {
    !bytes.is_ascii() && std::str::from_utf8(bytes).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(bytes: &[u8], declared: &[Option<&str>]) -> &'static str {
        choose(bytes, declared.iter().copied()).0.name()
    }

    #[test]
    fn a_declaration_is_followed_unless_it_would_garble_utf8() {
        let utf8 = "Bürger und Straßen".as_bytes();
        let latin1 = b"B\xfcrger und Stra\xdfen";
        // UTF-8 bytes under a single-byte declaration stay UTF-8 ("BÃ¼rger" otherwise).
        assert_eq!(name(utf8, &[Some("ISO-8859-1")]), "UTF-8");
        assert_eq!(name(utf8, &[Some("windows-1252")]), "UTF-8");
        // Real Latin-1 is not valid UTF-8: the declaration decides.
        assert_eq!(name(latin1, &[Some("iso-8859-1")]), "windows-1252");
        // Plain ASCII reads the same either way: the declaration is kept.
        assert_eq!(name(b"Berlin", &[Some("iso-8859-15")]), "ISO-8859-15");
        // A multi-byte declaration is not second-guessed.
        assert_eq!(name(utf8, &[Some("Shift_JIS")]), "Shift_JIS");
        // The first known label wins; unknown ones are skipped; nothing declared is UTF-8.
        assert_eq!(
            name(latin1, &[Some("x-unknown"), None, Some("latin1")]),
            "windows-1252"
        );
        assert_eq!(name(latin1, &[]), "UTF-8");
        // A byte-order mark decides over everything.
        assert_eq!(
            choose(b"\xef\xbb\xbfB\xc3\xbcrger", [Some("latin1")]),
            (UTF_8, 3)
        );
    }

    #[test]
    fn charset_parameter_of_a_content_type() {
        assert_eq!(
            from_content_type("text/html; charset=\"ISO-8859-1\""),
            Some("ISO-8859-1")
        );
        assert_eq!(
            from_content_type("application/rss+xml;Charset=utf-8;q=1"),
            Some("utf-8")
        );
        assert_eq!(from_content_type("text/html"), None);
        assert_eq!(from_content_type("charset=utf-8"), None);
    }
}
