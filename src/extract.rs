//! An article page's HTML → its main content and metadata (type, topics, date). Site rules
//! for the Government Site Builder and the other ministries, chosen by host or by markers in
//! the page, and a generic fallback for any other site. Pure: no I/O.

use std::collections::HashSet;

use chrono::NaiveDate;
use scraper::{ElementRef, Html, Node, Selector};
use url::Url;

use crate::text;

mod rules;

use rules::{SiteRule, BOILERPLATE, GENERIC, RULES};

/// What a page yields.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Extracted {
    /// Which rule matched (`gsb`, `bundesregierung`, …, `generic`).
    pub rule: &'static str,
    pub title: Option<String>,
    /// Document type such as Meldung, Pressemitteilung, Rede, Interview.
    pub kind: Option<String>,
    /// On-page topic tags (GSB "Schwerpunktthema").
    pub topics: Vec<String>,
    pub date: Option<NaiveDate>,
    /// The article body as clean HTML: boilerplate removed, links absolute and without
    /// `;jsessionid=…`.
    pub content_html: String,
}

/// Extracts the article from a page fetched from `url`.
pub fn extract(html: &str, url: &Url) -> Extracted {
    // Bounded first: the parser and the tree walks below scale with the nesting depth.
    let document = Html::parse_document(&text::bound_markup_default(html));
    let rule = choose_rule(&document, url);
    let title = first_text(&document, rule.title).or_else(|| first_text(&document, GENERIC.title));
    let kind = first_text(&document, rule.kind).and_then(|k| kind_from_meta_line(&k));
    let topics = all_texts(&document, rule.topics);
    let date = rule
        .date
        .iter()
        .find_map(|s| select_first(&document, s).and_then(|e| date_of(&e)));
    let mut content_html = String::new();
    if let Some(lead) = rule.lead.and_then(|s| select_first(&document, s)) {
        serialize(lead, &HashSet::new(), url, &mut content_html);
    }
    let containers = containers(&document, rule);
    let dropped = dropped_nodes(&containers, rule);
    for container in &containers {
        for child in container.children() {
            serialize_node(child, &dropped, url, &mut content_html);
        }
    }
    Extracted {
        rule: rule.name,
        title,
        kind,
        topics,
        date,
        content_html,
    }
}

/// Page bytes → text: BOM, then the HTTP `charset`, then `<meta charset>` / `http-equiv` in the
/// first 2 KB, else UTF-8 (invalid bytes replaced).
pub fn decode_html<'a>(bytes: &'a [u8], content_type: Option<&str>) -> std::borrow::Cow<'a, str> {
    use encoding_rs::{Encoding, UTF_8};
    let from_header = content_type.and_then(|ct| {
        ct.split(';').skip(1).find_map(|p| {
            let (k, v) = p.split_once('=')?;
            k.trim()
                .eq_ignore_ascii_case("charset")
                .then(|| v.trim().trim_matches('"').to_owned())
        })
    });
    let encoding = Encoding::for_bom(bytes)
        .map(|(e, _)| e)
        .or_else(|| from_header.and_then(|l| Encoding::for_label(l.as_bytes())))
        .or_else(|| meta_charset(&bytes[..bytes.len().min(2048)]))
        .unwrap_or(UTF_8);
    encoding.decode(bytes).0
}

/// `charset=…` from a `<meta>` near the top of the page.
fn meta_charset(head: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = String::from_utf8_lossy(head).to_ascii_lowercase();
    let at = head.find("<meta")?;
    let rest = &head[at..];
    let start = rest.find("charset=")? + "charset=".len();
    let label: String = rest[start..]
        .trim_start_matches(['"', '\''])
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect();
    encoding_rs::Encoding::for_label(label.as_bytes())
}

fn sel(selector: &str) -> Option<Selector> {
    Selector::parse(selector).ok()
}

fn select_first<'a>(document: &'a Html, selector: &str) -> Option<ElementRef<'a>> {
    document.select(&sel(selector)?).next()
}

/// A rule by host, then by a marker in the page, else the generic one.
fn choose_rule(document: &Html, url: &Url) -> &'static SiteRule {
    let host = url.host_str().unwrap_or("").trim_start_matches("www.");
    let by_host = RULES.iter().find(|r| {
        r.hosts
            .iter()
            .any(|h| host == *h || host.ends_with(&format!(".{h}")))
    });
    by_host
        .or_else(|| {
            RULES.iter().find(|r| {
                r.markers
                    .iter()
                    .any(|m| select_first(document, m).is_some())
            })
        })
        .unwrap_or(&GENERIC)
}

/// The content elements: the first container selector that matches (all its matches, outermost
/// only), else the generic candidates, else the densest text block, else `<body>`.
fn containers<'a>(document: &'a Html, rule: &SiteRule) -> Vec<ElementRef<'a>> {
    for selector in rule.container.iter().chain(GENERIC.container) {
        let Some(s) = sel(selector) else { continue };
        let found: Vec<ElementRef> = document.select(&s).collect();
        if !found.is_empty() {
            let ids: HashSet<_> = found.iter().map(|e| e.id()).collect();
            // Drop matches nested inside other matches.
            return found
                .into_iter()
                .filter(|e| !e.ancestors().any(|a| ids.contains(&a.id())))
                .collect();
        }
    }
    densest_block(document)
        .or_else(|| select_first(document, "body"))
        .into_iter()
        .collect()
}

/// The element whose own paragraphs carry the most text: the usual shape of an article body.
fn densest_block(document: &Html) -> Option<ElementRef<'_>> {
    let blocks = sel("div, section, td")?;
    document
        .select(&blocks)
        .map(|block| {
            let text: usize = block
                .child_elements()
                .filter(|c| c.value().name() == "p")
                .map(|p| p.text().map(str::len).sum::<usize>())
                .sum();
            (text, block)
        })
        .filter(|(text, _)| *text > 0)
        .max_by_key(|(text, _)| *text)
        .map(|(_, block)| block)
}

/// Nodes inside the containers that are not part of the article: navigation, share bars,
/// screen-reader labels, the GSB stage (its parts are read separately) and so on.
fn dropped_nodes(containers: &[ElementRef<'_>], rule: &SiteRule) -> HashSet<ego_tree::NodeId> {
    let mut dropped = HashSet::new();
    for selector in BOILERPLATE.iter().chain(rule.drop) {
        let Some(s) = sel(selector) else { continue };
        for container in containers {
            dropped.extend(container.select(&s).map(|e| e.id()));
        }
    }
    dropped
}

fn first_text(document: &Html, selectors: &[&str]) -> Option<String> {
    selectors.iter().find_map(|s| {
        select_first(document, s)
            .map(|e| visible_text(&e))
            .filter(|t| !t.is_empty())
    })
}

fn all_texts(document: &Html, selectors: &[&str]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for selector in selectors {
        let Some(s) = sel(selector) else { continue };
        for text in document.select(&s).map(|e| visible_text(&e)) {
            if !text.is_empty() && !out.contains(&text) {
                out.push(text);
            }
        }
    }
    out
}

/// Text of an element without screen-reader labels (`.aural`, "Typ:"); `content` for `<meta>`.
fn visible_text(element: &ElementRef<'_>) -> String {
    if element.value().name() == "meta" {
        return text::clean_inline(element.value().attr("content").unwrap_or(""));
    }
    let mut out = String::new();
    collect_text(**element, &mut out);
    text::clean_inline(&out)
}

fn collect_text(node: ego_tree::NodeRef<'_, Node>, out: &mut String) {
    for child in node.children() {
        match child.value() {
            Node::Text(t) => out.push_str(t),
            Node::Element(e) if e.classes().any(|c| c == "aural") => {}
            Node::Element(_) => collect_text(child, out),
            _ => {}
        }
    }
}

/// "Pressemitteilung · 11.12.2021" → "Pressemitteilung": the first part that is not a date.
fn kind_from_meta_line(line: &str) -> Option<String> {
    line.split(['·', ',', '|'])
        .map(str::trim)
        .find(|part| !part.is_empty() && find_german_date(part).is_none())
        .map(str::to_owned)
}

/// A date from `datetime="2021-12-15T…"` or from a `dd.mm.yyyy` in the text.
fn date_of(element: &ElementRef<'_>) -> Option<NaiveDate> {
    if let Some(iso) = element
        .value()
        .attr("datetime")
        .or_else(|| element.value().attr("content"))
    {
        if let Some(d) = iso
            .get(..10)
            .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        {
            return Some(d);
        }
    }
    find_german_date(&visible_text(element))
}

/// The first `d.m.yyyy` / `dd.mm.yyyy` in `text`.
pub fn find_german_date(text: &str) -> Option<NaiveDate> {
    text.split(|c: char| !(c.is_ascii_digit() || c == '.'))
        .filter(|w| w.len() >= 8)
        .find_map(|w| NaiveDate::parse_from_str(w.trim_end_matches('.'), "%d.%m.%Y").ok())
}

fn serialize(
    element: ElementRef<'_>,
    dropped: &HashSet<ego_tree::NodeId>,
    base: &Url,
    out: &mut String,
) {
    serialize_node(*element, dropped, base, out);
}

/// Writes clean HTML: kept elements with only meaningful attributes, links made absolute.
fn serialize_node(
    node: ego_tree::NodeRef<'_, Node>,
    dropped: &HashSet<ego_tree::NodeId>,
    base: &Url,
    out: &mut String,
) {
    if dropped.contains(&node.id()) {
        return;
    }
    match node.value() {
        Node::Text(t) => out.push_str(&html_escape::encode_text(&**t)),
        Node::Element(e) => {
            let name = e.name();
            if name == "caption" {
                return; // written before its table, where text renderers show it
            }
            if name == "table" {
                write_caption(node, out);
            }
            out.push('<');
            out.push_str(name);
            for (attr, value) in e.attrs() {
                if let Some(value) = clean_attribute(attr, value, base) {
                    out.push_str(&format!(
                        " {attr}=\"{}\"",
                        html_escape::encode_double_quoted_attribute(&value)
                    ));
                }
            }
            out.push('>');
            if matches!(name, "img" | "br" | "hr" | "wbr") {
                return;
            }
            for child in node.children() {
                serialize_node(child, dropped, base, out);
            }
            out.push_str(&format!("</{name}>"));
        }
        _ => {}
    }
}

/// A table's `<caption>` as a paragraph before it.
fn write_caption(table: ego_tree::NodeRef<'_, Node>, out: &mut String) {
    let caption = table
        .children()
        .filter_map(ElementRef::wrap)
        .find(|c| c.value().name() == "caption");
    if let Some(caption) = caption {
        out.push_str(&format!(
            "<p>{}</p>",
            html_escape::encode_text(&visible_text(&caption))
        ));
    }
}

/// Keeps `href`/`src` (absolute http(s), no jsessionid), `alt`, `title`, table spans.
fn clean_attribute(attr: &str, value: &str, base: &Url) -> Option<String> {
    match attr {
        "href" | "src" => {
            let link = text::clean_link(value, Some(base))?;
            link.starts_with("http").then_some(link)
        }
        "alt" | "title" | "colspan" | "rowspan" => Some(value.to_owned()),
        _ => None,
    }
}

#[cfg(test)]
mod tests;
