//! Plain text of simple markup without an HTML parser. Most teasers are a paragraph or two
//! with bold text, a link and entities; building a DOM and rendering it (html2text) took a
//! third of the time of storing a feed. Their plain text is their text with the tags taken
//! out, paragraphs and line breaks as spaces, and the entities decoded. Anything else
//! (lists, images, headings, comments, unknown entities) is `None`: the full conversion.

/// Tags that separate words: their text runs on after a space, as the full conversion's
/// line breaks become spaces in a one-line text.
const BREAKS: &[&str] = &["br", "div", "p"];

/// Tags that only style their text, which is kept as it is.
/// (`sup` and `sub` are not: the full conversion writes m² for m<sup>2</sup>.)
const STYLES: &[&str] = &[
    "a", "abbr", "b", "em", "i", "small", "span", "strong", "time", "u",
];

/// The text of `html` when it is made only of the tags above, entities and text; spaces
/// are not yet collapsed.
pub fn simple_text(html: &str) -> Option<String> {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find(['<', '&']) {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        if rest.starts_with('<') {
            let (name, len) = tag(rest)?;
            if BREAKS.contains(&name.as_str()) {
                out.push(' ');
            } else if !STYLES.contains(&name.as_str()) {
                return None;
            }
            rest = &rest[len..];
        } else {
            let len = entity(rest, &mut out)?;
            rest = &rest[len..];
        }
    }
    out.push_str(rest);
    Some(out)
}

/// The lower-cased name of the start or end tag at the start of `html`, and its length.
/// Attribute values may hold `>` in quotes.
fn tag(html: &str) -> Option<(String, usize)> {
    let bytes = html.as_bytes();
    let mut i = 1;
    if bytes.get(i) == Some(&b'/') {
        i += 1;
    }
    let name_start = i;
    while bytes.get(i).is_some_and(u8::is_ascii_alphanumeric) {
        i += 1;
    }
    if i == name_start || !bytes[name_start].is_ascii_alphabetic() {
        return None;
    }
    let name = html[name_start..i].to_ascii_lowercase();
    let mut quote = None;
    while let Some(&b) = bytes.get(i) {
        i += 1;
        match (quote, b) {
            (None, b'>') => return Some((name, i)),
            (None, b'"' | b'\'') => quote = Some(b),
            (None, b'<') => return None,
            (Some(q), b) if b == q => quote = None,
            _ => {}
        }
    }
    None
}

/// Decodes the entity at the start of `html` into `out`; its length. A lone `&` (before a
/// space, at the end) is itself. Entities without `;` and unknown names are `None`: HTML
/// decodes some of them by rules this does not repeat.
fn entity(html: &str, out: &mut String) -> Option<usize> {
    let body = &html[1..];
    let Some(first) = body.chars().next() else {
        out.push('&');
        return Some(1);
    };
    if !(first.is_ascii_alphanumeric() || first == '#') {
        out.push('&');
        return Some(1);
    }
    let end = body.find(';').filter(|e| *e <= 32)?;
    let name = &body[..end];
    let decoded = match name.strip_prefix('#') {
        Some(number) => {
            let code = match number.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => number.parse().ok()?,
            };
            // 0x80–0x9F are read as Windows-1252 by HTML; the full conversion knows how.
            if (0x80..=0x9F).contains(&code) || code == 0 {
                return None;
            }
            char::from_u32(code)?.to_string()
        }
        None => {
            let whole = &html[..end + 2];
            let decoded = html_escape::decode_html_entities(whole);
            if decoded == whole {
                return None;
            }
            decoded.into_owned()
        }
    };
    out.push_str(&decoded);
    Some(end + 2)
}

/// Whether simple markup says nothing its plain text does not: only the tags above, and
/// links only to `own` (the article itself, which the reader shows anyway). Such a teaser
/// need not be kept as HTML beside its text. (Entities do not matter here: the text was
/// made from the same HTML.)
pub fn adds_nothing(html: &str, own: Option<&str>) -> bool {
    let mut rest = html;
    while let Some(at) = rest.find('<') {
        rest = &rest[at..];
        let Some((name, len)) = tag(rest) else {
            return false;
        };
        let start_tag = &rest[..len];
        rest = &rest[len..];
        if !(BREAKS.contains(&name.as_str()) || STYLES.contains(&name.as_str())) {
            return false;
        }
        if name != "a" || start_tag.starts_with("</") {
            continue;
        }
        let Some(href) = attribute(start_tag, "href") else {
            continue; // an anchor without a target links nowhere
        };
        if !own.is_some_and(|own| links_to(href, own)) {
            return false;
        }
    }
    true
}

/// Whether `href` (as written in HTML) is the link `own`: the same text, or once resolved
/// and cleaned as links are.
fn links_to(href: &str, own: &str) -> bool {
    if href == own {
        return true;
    }
    let href = html_escape::decode_html_entities(href);
    let base = url::Url::parse(own).ok();
    super::clean_link(&href, base.as_ref()).as_deref() == Some(own)
}

/// The value of attribute `name` in a start tag (quoted or not).
fn attribute<'a>(start_tag: &'a str, name: &str) -> Option<&'a str> {
    let lower = start_tag.to_ascii_lowercase();
    let mut from = 0;
    while let Some(at) = lower[from..].find(name) {
        let at = from + at;
        from = at + name.len();
        let before = lower[..at].chars().next_back();
        if !before.is_some_and(char::is_whitespace) {
            continue;
        }
        let after = lower[from..].trim_start();
        let Some(value) = after.strip_prefix('=') else {
            continue;
        };
        let offset = start_tag.len() - value.len();
        let value = start_tag[offset..].trim_start();
        return Some(match value.chars().next() {
            Some(q @ ('"' | '\'')) => value[1..].split(q).next().unwrap_or(""),
            _ => value
                .split(|c: char| c.is_whitespace() || c == '>')
                .next()
                .unwrap_or(""),
        });
    }
    None
}
