//! Feed bytes → articles. Decodes the charset, runs feed-rs (RSS 0.9x/1.0/2.0, Atom, JSON
//! Feed) and cleans every field through `text`. Pure: no I/O and no clock (an undated item stays
//! undated here; the store decides what its date is).

use std::borrow::Cow;

use chrono::{DateTime, Utc};

use url::Url;

use crate::model::reason::LooksLike;
use crate::model::{NewArticle, Reason};
use crate::{charset, text};

mod date;

pub use date::{berlin_offset, month_number, parse_timestamp};

/// A parsed feed: its own title and its items, newest handling left to the store.
#[derive(Debug, Clone, PartialEq)]
pub struct ParsedFeed {
    pub title: Option<String>,
    pub articles: Vec<NewArticle>,
}

/// Why a response is not a usable feed: one of the crate's `Reason`s (empty, not a feed,
/// malformed), worded by `i18n`.
pub type ParseError = Reason;

/// Where a feed came from and what its configuration adds to each item.
#[derive(Debug, Clone, Copy, Default)]
pub struct Source<'a> {
    /// The feed URL, to resolve relative links.
    pub url: Option<&'a Url>,
    /// `charset` from the HTTP `Content-Type`, which wins over the XML declaration.
    pub content_type: Option<&'a str>,
    /// Topics configured for the feed, added to every item.
    pub topics: &'a [String],
}

/// Parses feed bytes into articles.
pub fn parse_feed(bytes: &[u8], source: Source<'_>) -> Result<ParsedFeed, ParseError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(Reason::EmptyResponse);
    }
    let utf8 = decode_to_utf8(bytes, source.content_type);
    // A saved feed's file:// location is no base for its links; its own site link is.
    let fetched_from = source.url.filter(|u| u.scheme() != "file");
    let parser = feed_rs::parser::Builder::new()
        .base_uri(fetched_from.map(Url::as_str))
        // An empty id marks "the feed gave none", so our own fallback rules apply.
        .id_generator(|_, _, _| String::new())
        // feed-rs reads RFC 3339 and strict RFC 2822; ministry feeds also write MEZ, MESZ,
        // German month names and times without a zone.
        .timestamp_parser(parse_timestamp)
        .build();
    // Parser bugs (panics) on hostile input must fail this feed only, never the program.
    let parsed =
        text::catch_panic(|| parser.parse(utf8.as_bytes())).ok_or_else(|| Reason::Malformed {
            detail: "the feed parser gave up on this input".into(),
        })?;
    let feed = parsed.map_err(|e| classify_error(&e, &utf8))?;
    let site = feed
        .links
        .iter()
        .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"));
    let site = site.and_then(|l| Url::parse(&l.href).ok());
    let base = fetched_from.cloned().or(site);
    let source = Source {
        url: base.as_ref(),
        ..source
    };
    let subjects = dc_subjects(&utf8);
    let subjects_fit = subjects.len() == feed.entries.len();
    let articles = feed
        .entries
        .into_iter()
        .enumerate()
        .map(|(i, entry)| {
            let extra = if subjects_fit {
                subjects[i].as_slice()
            } else {
                &[]
            };
            convert_entry(entry, &source, extra)
        })
        .collect();
    Ok(ParsedFeed {
        title: feed
            .title
            .map(|t| text::clean_inline(&t.content))
            .filter(|t| !t.is_empty()),
        articles,
    })
}

fn classify_error(err: &feed_rs::parser::ParseFeedError, body: &str) -> ParseError {
    use feed_rs::parser::{ParseErrorKind, ParseFeedError};
    let head = body
        .trim_start()
        .get(..512)
        .unwrap_or(body.trim_start())
        .to_ascii_lowercase();
    match err {
        ParseFeedError::ParseError(ParseErrorKind::NoFeedRoot)
            if head.contains("<html") || head.contains("<!doctype html") =>
        {
            Reason::NotAFeed {
                looks_like: LooksLike::HtmlPage,
            }
        }
        ParseFeedError::ParseError(ParseErrorKind::NoFeedRoot) => Reason::NotAFeed {
            looks_like: LooksLike::SomethingElse,
        },
        other => Reason::Malformed {
            detail: text::collapse_whitespace(&text::sanitize(&other.to_string())),
        },
    }
}

/// Decodes by BOM, then the HTTP charset, then the XML declaration, then UTF-8, and drops
/// the declaration: feed-rs then reads plain UTF-8 and never switches encodings mid-stream
/// (which made its XML reader panic on some inputs; found by fuzzing).
pub fn decode_to_utf8<'a>(bytes: &'a [u8], content_type: Option<&str>) -> Cow<'a, str> {
    let (encoding, bom_len) = charset::choose(
        bytes,
        [
            content_type.and_then(charset::from_content_type),
            xml_declared_encoding(bytes),
        ],
    );
    let body = &bytes[bom_len..];
    let text = match encoding.decode_without_bom_handling(body).0 {
        Cow::Borrowed(text) => Cow::Borrowed(without_declaration(text)),
        Cow::Owned(text) => Cow::Owned(without_declaration(&text).to_owned()),
    };
    // NFC here, once for the whole feed: everything stored from it is NFC (decomposed "u"
    // + U+0308 is found by "ü" and shown as one letter). Markup is ASCII and stays as it is.
    neutralize_late_declarations(text::into_nfc(text))
}

/// A second `<?xml … encoding=…?>` later in the document is invalid XML, and quick-xml
/// panics switching encodings there; renamed, it is an ignored processing instruction.
fn neutralize_late_declarations(text: Cow<'_, str>) -> Cow<'_, str> {
    let is_declaration = |rest: &str| rest.starts_with(|c: char| c.is_ascii_whitespace());
    let found = text
        .match_indices("<?xml")
        .any(|(i, m)| is_declaration(&text[i + m.len()..]));
    if !found {
        return text;
    }
    let mut out = String::with_capacity(text.len() + 16);
    let mut rest: &str = &text;
    while let Some(i) = rest.find("<?xml") {
        let after = &rest[i + 5..];
        out.push_str(&rest[..i]);
        out.push_str(if is_declaration(after) {
            "<?xml-ignored"
        } else {
            "<?xml"
        });
        rest = after;
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// The document after its `<?xml …?>` declaration, if it starts with one.
fn without_declaration(xml: &str) -> &str {
    let trimmed = xml.trim_start();
    match trimmed
        .strip_prefix("<?xml")
        .and_then(|rest| rest.find("?>").map(|end| &rest[end + 2..]))
    {
        Some(after) => after,
        None => xml,
    }
}

/// The `encoding` of an `<?xml …?>` declaration at the very start, if any.
fn xml_declared_encoding(bytes: &[u8]) -> Option<&str> {
    let head = bytes.get(..bytes.len().min(256))?;
    if !head.starts_with(b"<?xml") {
        return None;
    }
    let end = head.windows(2).position(|w| w == b"?>")?;
    let decl = std::str::from_utf8(&head[..end]).ok()?;
    let after = &decl[decl.find("encoding")? + "encoding".len()..];
    let after = after.trim_start().strip_prefix('=')?.trim_start();
    let quote = after.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    after[1..].split(quote).next()
}

fn convert_entry(
    entry: feed_rs::model::Entry,
    source: &Source<'_>,
    subjects: &[String],
) -> NewArticle {
    let link = pick_link(&entry.links).and_then(|href| text::clean_link(href, source.url));
    let summary_html = entry.summary.map(|t| t.content).unwrap_or_default();
    let content_html = entry
        .content
        .and_then(|c| c.body)
        .filter(|b| !b.trim().is_empty());
    // Converted once here, in parallel with other feeds, not on the store's one writer.
    let content_text = content_html
        .as_deref()
        .map(text::html_to_plain)
        .unwrap_or_default();
    let summary = summary_text(&summary_html, &content_text);
    let title = entry
        .title
        .map(|t| clean_title(&t.content))
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| fallback_title(&summary));
    let published = entry.published.or(entry.updated);
    let topics = merge_topics(
        entry
            .categories
            .iter()
            .map(|c| c.label.as_deref().unwrap_or(&c.term)),
        subjects,
        source.topics,
    );
    let key = article_key(&entry.id, link.as_deref(), &title, published);
    NewArticle {
        day_only: false,
        key,
        title,
        link,
        published,
        topics,
        summary_html: text::sanitize(&summary_html).into_owned(),
        summary,
        content_html: content_html.map(|c| text::sanitize(&c).into_owned()),
        content_text,
        kind: None,
    }
}

/// The alternate link (RSS `<link>`, Atom `rel="alternate"` or no rel), else the first one.
fn pick_link(links: &[feed_rs::model::Link]) -> Option<&str> {
    links
        .iter()
        .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
        .or_else(|| links.first())
        .map(|l| l.href.as_str())
}

/// Titles longer than this are cut: nobody reads them, and they would bloat every list.
const MAX_TITLE_CHARS: usize = 1000;

fn clean_title(raw: &str) -> String {
    let title = if raw.contains('<') {
        text::html_to_plain(raw)
    } else {
        text::clean_inline(raw)
    };
    if title.chars().count() > MAX_TITLE_CHARS {
        let cut: String = title.chars().take(MAX_TITLE_CHARS).collect();
        return format!("{cut}…");
    }
    title
}

fn fallback_title(summary: &str) -> String {
    let short: String = summary.chars().take(80).collect();
    if short.is_empty() {
        "(ohne Titel)".to_owned()
    } else {
        short
    }
}

/// The teaser as plain text; from the start of the content when the feed has no teaser.
fn summary_text(summary_html: &str, content_text: &str) -> String {
    let plain = text::html_to_plain(summary_html);
    if !plain.is_empty() {
        return plain;
    }
    truncate_words(content_text, 400)
}

fn truncate_words(s: &str, max_chars: usize) -> String {
    if s.chars().count() <= max_chars {
        return s.to_owned();
    }
    let cut: String = s.chars().take(max_chars).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{cut} …")
}

/// Feed categories, dc:subject values and configured topics; cleaned, without duplicates.
fn merge_topics<'a>(
    categories: impl Iterator<Item = &'a str>,
    subjects: &'a [String],
    configured: &'a [String],
) -> Vec<String> {
    let mut topics: Vec<String> = Vec::new();
    let all = categories
        .chain(subjects.iter().map(String::as_str))
        .chain(configured.iter().map(String::as_str));
    for raw in all {
        let topic = text::clean_inline(raw);
        if !topic.is_empty()
            && !topics
                .iter()
                .any(|t| t.to_lowercase() == topic.to_lowercase())
        {
            topics.push(topic);
        }
    }
    topics
}

/// The guid, else the cleaned link, else a hash of title and date.
fn article_key(guid: &str, link: Option<&str>, title: &str, date: Option<DateTime<Utc>>) -> String {
    let guid = text::collapse_whitespace(&text::sanitize(guid));
    if !guid.is_empty() {
        return text::strip_jsessionid(&guid);
    }
    if let Some(link) = link {
        return link.to_owned();
    }
    let date = date.map(|d| d.to_rfc3339()).unwrap_or_default();
    let mut hash = crate::model::Fnv1a::default();
    hash.write(title.as_bytes());
    hash.write(date.as_bytes());
    format!("hash:{:016x}", hash.finish())
}

/// `dc:subject` values per `<item>`, in document order (feed-rs does not map them).
fn dc_subjects(xml: &str) -> Vec<Vec<String>> {
    use quick_xml::events::Event;
    if !xml.contains("dc:subject") {
        return Vec::new();
    }
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut items: Vec<Vec<String>> = Vec::new();
    let (mut in_item, mut in_subject) = (false, false);
    let mut current = String::new();
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) if e.local_name().as_ref() == "item" => {
                in_item = true;
                items.push(Vec::new());
            }
            Ok(Event::End(e)) if e.local_name().as_ref() == "item" => in_item = false,
            Ok(Event::Start(e)) if in_item && e.name().as_ref() == "dc:subject" => {
                in_subject = true;
                current.clear();
            }
            Ok(Event::End(e)) if in_subject && e.name().as_ref() == "dc:subject" => {
                in_subject = false;
                if let Some(item) = items.last_mut() {
                    item.push(std::mem::take(&mut current));
                }
            }
            Ok(Event::Text(t)) if in_subject => current.push_str(&t),
            Ok(Event::CData(t)) if in_subject => current.push_str(&t),
            Ok(Event::GeneralRef(r)) if in_subject => push_reference(&mut current, &r),
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    items
}

fn push_reference(out: &mut String, reference: &quick_xml::events::BytesRef<'_>) {
    if let Ok(Some(c)) = reference.resolve_char_ref() {
        out.push(c);
        return;
    }
    let named = match reference.as_ref() {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        _ => return,
    };
    out.push(named);
}

#[cfg(test)]
mod tests;
