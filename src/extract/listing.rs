//! Press listing pages as sources, for sites that publish no feed: the teasers of a page (GSB
//! `c-teaser` blocks, TYPO3 news and search lists, CoreMedia teasers, plain lists of dated
//! links) read as feed items. General rules, no site's class names: a teaser is the largest
//! element around one article link that holds no other article link and shows a date; its
//! headline is the heading at the link (or the link's text), its type a word of the type
//! vocabulary, its teaser the longest paragraph besides these.

use std::collections::HashSet;

use chrono::{NaiveDate, NaiveDateTime};
use ego_tree::NodeId;
use scraper::{ElementRef, Html, Node, Selector};
use url::Url;

use super::{kind, page_date};
use crate::text;

/// One teaser of a listing page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListingItem {
    /// The article's URL, absolute, without fragment and `;jsessionid=…`.
    pub url: String,
    pub title: String,
    /// The day the teaser shows, and its time where the page gives one (`datetime`).
    pub date: NaiveDate,
    pub time: Option<NaiveDateTime>,
    /// The type in the vocabulary of article pages (Pressemitteilung, Meldung, Rede, …).
    pub kind: Option<String>,
    /// The teaser text, if the listing shows one.
    pub teaser: String,
}

/// A listing page as a feed: its dated teasers as items (the URL is each one's key, the
/// teaser its summary, the listing's type its kind), the page's `<title>` as the feed's.
/// Items are dated by their day at noon in Berlin (or the time the page gives), as feeds
/// with a date only are. Fewer than one item: not a listing.
pub fn parse(
    bytes: &[u8],
    source: crate::parse::Source<'_>,
) -> Result<crate::parse::ParsedFeed, crate::parse::ParseError> {
    use crate::model::reason::{LooksLike, Reason};
    let html = super::decode_html(bytes, source.content_type);
    let page = source.url.ok_or(Reason::EmptyResponse)?;
    let found = items(&html, page);
    if found.is_empty() {
        return Err(Reason::NotAFeed {
            looks_like: LooksLike::PageWithoutDatedTeasers,
        });
    }
    let document = Html::parse_document(&text::bound_markup_default(&html));
    let title = Selector::parse("title")
        .ok()
        .and_then(|s| document.select(&s).next())
        .map(|t| text::clean_inline(&t.text().collect::<String>()))
        .filter(|t| !t.is_empty());
    // Oldest first: items of one day share their time, and lists show the later stored of
    // those first, so the page's first teaser is stored last.
    let articles = found
        .into_iter()
        .rev()
        .map(|item| to_article(item, source.topics))
        .collect();
    Ok(crate::parse::ParsedFeed { title, articles })
}

fn to_article(item: ListingItem, topics: &[String]) -> crate::model::NewArticle {
    let local = item
        .time
        .unwrap_or_else(|| item.date.and_hms_opt(12, 0, 0).unwrap_or_default());
    let published = local
        .and_local_timezone(crate::parse::berlin_offset(local))
        .single()
        .map(|t| t.with_timezone(&chrono::Utc));
    let mut all_topics: Vec<String> = Vec::new();
    for topic in topics.iter().map(|t| text::clean_inline(t)) {
        if !topic.is_empty() && !all_topics.iter().any(|t| t.eq_ignore_ascii_case(&topic)) {
            all_topics.push(topic);
        }
    }
    crate::model::NewArticle {
        key: item.url.clone(),
        title: item.title,
        link: Some(item.url),
        published,
        topics: all_topics,
        summary_html: html_escape::encode_text(&item.teaser).into_owned(),
        summary: item.teaser,
        content_html: None,
        content_text: String::new(),
        day_only: item.time.is_none(),
        kind: item.kind,
    }
}

/// Teasers longer than this are page sections, not teasers.
const MAX_TEASER_CHARS: usize = 3000;

/// The dated teasers of a listing page fetched from `page`, in page order, each article once.
pub fn items(html: &str, page: &Url) -> Vec<ListingItem> {
    // Bounded first: the parser and the tree walks below scale with the nesting depth.
    let document = Html::parse_document(&text::bound_markup_default(html));
    let base = base_url(&document, page);
    let links = article_links(&document, &base, page);
    let mut seen_containers: HashSet<NodeId> = HashSet::new();
    let mut seen_urls: HashSet<String> = HashSet::new();
    let mut out = Vec::new();
    for (link, url) in &links {
        if seen_urls.contains(url) {
            continue;
        }
        let container = container_of(*link, url, &links);
        if !seen_containers.insert(container.id()) {
            continue;
        }
        if let Some(item) = read_teaser(container, *link, url, &links) {
            seen_urls.insert(url.clone());
            out.push(item);
        }
    }
    out
}

/// `<base href>` resolved against the page, else the page.
fn base_url(document: &Html, page: &Url) -> Url {
    Selector::parse("base[href]")
        .ok()
        .and_then(|s| document.select(&s).next())
        .and_then(|b| page.join(b.value().attr("href")?.trim()).ok())
        .filter(|u| matches!(u.scheme(), "http" | "https"))
        .unwrap_or_else(|| page.clone())
}

/// The page's links to articles of its own site: http(s), same host (with or without
/// `www.`), not the page itself, not a file for download or an image; outside navigation,
/// header and footer.
fn article_links<'a>(document: &'a Html, base: &Url, page: &Url) -> Vec<(ElementRef<'a>, String)> {
    let Ok(anchors) = Selector::parse("a[href]") else {
        return Vec::new();
    };
    let host = |u: &Url| {
        u.host_str()
            .map(|h| h.trim_start_matches("www.").to_ascii_lowercase())
    };
    let own_host = host(page);
    document
        .select(&anchors)
        .filter(|a| !in_furniture(a) && !in_running_text(a))
        .filter_map(|a| {
            let mut url = base.join(a.value().attr("href")?.trim()).ok()?;
            url.set_fragment(None);
            let is_file = url.path().rsplit('.').next().is_some_and(|ext| {
                matches!(
                    ext.to_ascii_lowercase().as_str(),
                    "jpg" | "jpeg" | "png" | "gif" | "webp" | "svg" | "zip"
                )
            });
            let same_page = url.path() == page.path() && url.query() == page.query();
            let usable = matches!(url.scheme(), "http" | "https")
                && host(&url) == own_host
                && !is_file
                && !same_page;
            usable.then(|| (a, text::strip_jsessionid(url.as_str())))
        })
        .collect()
}

/// A link in the running text of a teaser's paragraph ("… | Zum Gesetzentwurf") points to
/// something the teaser mentions, not to another teaser.
fn in_running_text(link: &ElementRef<'_>) -> bool {
    let Some(paragraph) = link
        .ancestors()
        .filter_map(ElementRef::wrap)
        .find(|a| a.value().name() == "p")
    else {
        return false;
    };
    // Words of the paragraph besides the link's: a sentence, not a date before a link.
    let own = link.text().flat_map(str::split_whitespace).count();
    let around = paragraph.text().flat_map(str::split_whitespace).count();
    around.saturating_sub(own) >= 6
}

/// Navigation, header and footer hold links, not teasers.
fn in_furniture(element: &ElementRef<'_>) -> bool {
    element
        .ancestors()
        .filter_map(ElementRef::wrap)
        .any(|a| matches!(a.value().name(), "nav" | "header" | "footer"))
}

/// The largest element around `link` that holds no link to another article (and is no
/// page section: body, main, a text that long).
fn container_of<'a>(
    link: ElementRef<'a>,
    url: &str,
    links: &[(ElementRef<'a>, String)],
) -> ElementRef<'a> {
    let mut best = link;
    for ancestor in link.ancestors().filter_map(ElementRef::wrap) {
        if matches!(ancestor.value().name(), "body" | "main" | "html")
            || holds_other_article(ancestor, url, links)
            || ancestor.text().map(str::len).sum::<usize>() > MAX_TEASER_CHARS
        {
            break;
        }
        best = ancestor;
    }
    best
}

fn holds_other_article(
    element: ElementRef<'_>,
    url: &str,
    links: &[(ElementRef<'_>, String)],
) -> bool {
    let inside: HashSet<NodeId> = element.descendants().map(|n| n.id()).collect();
    links
        .iter()
        .any(|(a, other)| other != url && inside.contains(&a.id()))
}

/// The teaser in `container`, if it shows a date.
fn read_teaser(
    container: ElementRef<'_>,
    link: ElementRef<'_>,
    url: &str,
    links: &[(ElementRef<'_>, String)],
) -> Option<ListingItem> {
    let (date, time) = teaser_date(container)?;
    let own_links: Vec<ElementRef<'_>> = links
        .iter()
        .filter(|(a, u)| u == url && container.descendants().any(|n| n.id() == a.id()))
        .map(|(a, _)| *a)
        .collect();
    let title = headline(container, &own_links).or_else(|| link_title(link))?;
    let kind = teaser_kind(container);
    let teaser = teaser_text(container, &title);
    Some(ListingItem {
        url: url.to_owned(),
        title,
        date,
        time,
        kind,
        teaser,
    })
}

/// Screen-reader text (`.aural`, `.sr-only`, `.visually-hidden`, …) is not what a reader
/// sees: "Thema:", "Veröffentlicht am", a second copy of the date.
fn is_hidden(element: &scraper::node::Element) -> bool {
    element.attr("hidden").is_some()
        || element.classes().any(|c| {
            let c = c.to_ascii_lowercase();
            c == "aural"
                || c == "isaural"
                || c.contains("sr-only")
                || c.contains("visually-hidden")
                || c.contains("visuallyhidden")
                || c.contains("screen-reader")
        })
}

/// The text a reader sees in `element`, on one line.
fn seen_text(element: ElementRef<'_>) -> String {
    fn collect(node: ego_tree::NodeRef<'_, Node>, out: &mut String) {
        for child in node.children() {
            match child.value() {
                Node::Text(t) => out.push_str(t),
                Node::Element(e) if is_hidden(e) => {}
                Node::Element(e) if matches!(e.name(), "script" | "style" | "template") => {}
                Node::Element(_) => {
                    out.push(' ');
                    collect(child, out);
                    out.push(' ');
                }
                _ => {}
            }
        }
    }
    let mut out = String::new();
    collect(*element, &mut out);
    text::clean_inline(&out)
}

/// The date a teaser shows: a `datetime` attribute first (with its time, if any), then an
/// element whose class names a date, then a German date anywhere in its text.
fn teaser_date(container: ElementRef<'_>) -> Option<(NaiveDate, Option<NaiveDateTime>)> {
    let elements = || container.descendants().filter_map(ElementRef::wrap);
    let from_attr = elements().find_map(|e| {
        let raw = e.value().attr("datetime")?.trim();
        let date = NaiveDate::parse_from_str(raw.get(..10)?, "%Y-%m-%d").ok()?;
        let time = raw
            .get(..19)
            .and_then(|t| NaiveDateTime::parse_from_str(t, "%Y-%m-%dT%H:%M:%S").ok())
            .filter(|t| t.time() != chrono::NaiveTime::MIN);
        Some((date, time))
    });
    if from_attr.is_some() {
        return from_attr;
    }
    let by_class = elements()
        .filter(|e| {
            e.value()
                .classes()
                .any(|c| c.to_ascii_lowercase().contains("date"))
        })
        .find_map(|e| page_date::german_date(&seen_text(e)));
    by_class
        .or_else(|| page_date::german_date(&seen_text(container)))
        .map(|d| (d, None))
}

/// The headline: the heading that holds the article link or is held by it (the link's
/// text, or the heading's, whichever is inside), else a heading of the teaser.
fn headline(container: ElementRef<'_>, own_links: &[ElementRef<'_>]) -> Option<String> {
    let headings: Vec<ElementRef<'_>> = container
        .descendants()
        .filter_map(ElementRef::wrap)
        .filter(|e| matches!(e.value().name(), "h1" | "h2" | "h3" | "h4" | "h5" | "h6"))
        .collect();
    for heading in &headings {
        for link in own_links {
            let link_in_heading = link.ancestors().any(|a| a.id() == heading.id());
            if link_in_heading {
                return non_empty(seen_text(*link)).or_else(|| non_empty(seen_text(*heading)));
            }
            let heading_in_link = heading.ancestors().any(|a| a.id() == link.id());
            if heading_in_link {
                return non_empty(seen_text(*heading));
            }
        }
    }
    headings.into_iter().find_map(|h| non_empty(seen_text(h)))
}

/// A link's own words as a headline ("Mehr", "weiterlesen" are none), else its `title`.
fn link_title(link: ElementRef<'_>) -> Option<String> {
    let own = seen_text(link);
    if own.split_whitespace().count() >= 3 {
        return Some(own);
    }
    link.value()
        .attr("title")
        .map(text::clean_inline)
        .and_then(non_empty)
}

fn non_empty(text: String) -> Option<String> {
    (!text.is_empty()).then_some(text)
}

/// The type a teaser names, as a short element's text ("Pressemitteilung", "Rede"), or a
/// part of one ("01.10.2026, Pressemitteilung").
fn teaser_kind(container: ElementRef<'_>) -> Option<String> {
    container
        .descendants()
        .filter_map(ElementRef::wrap)
        .filter(|e| {
            !matches!(
                e.value().name(),
                "a" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6"
            )
        })
        .map(seen_text)
        .filter(|t| t.chars().count() <= 60)
        .find_map(|t| t.split([',', '|', '·']).find_map(kind::normalize))
}

/// The teaser text: the longest paragraph that is not the headline, without a trailing
/// "| mehr" link.
fn teaser_text(container: ElementRef<'_>, title: &str) -> String {
    container
        .descendants()
        .filter_map(ElementRef::wrap)
        .filter(|e| matches!(e.value().name(), "p" | "div"))
        .filter(|e| {
            // A paragraph of its own, not a wrapper of headline and date.
            !e.descendants().filter_map(ElementRef::wrap).any(|d| {
                matches!(
                    d.value().name(),
                    "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "time" | "p"
                )
            }) || e.value().name() == "p"
        })
        .map(|e| {
            // A link after a bar closes GSB teasers ("… | mehr", "… | Zum Gesetzentwurf").
            let t = seen_text(e);
            match t.rsplit_once(" |") {
                Some((head, tail)) if tail.split_whitespace().count() <= 4 => {
                    head.trim_end().to_owned()
                }
                _ => t,
            }
        })
        .filter(|t| t.split_whitespace().count() >= 4 && t != title && !title.contains(t.as_str()))
        .filter(|t| page_date::german_date(t).is_none() || t.split_whitespace().count() > 8)
        .max_by_key(|t| t.len())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests;
