//! An article page's HTML → its main content and metadata (type, topics, date). Site rules
//! for the Government Site Builder and the other ministries, chosen by host or by markers in
//! the page, and a generic fallback for any other site. Pure: no I/O.

use std::collections::HashSet;

use scraper::{ElementRef, Html, Node, Selector};
use url::Url;

use crate::{charset, text};

mod boilerplate;
mod kind;
pub mod listing;
mod not_found;
mod page_date;
mod rules;
mod topics;

use chrono::NaiveDate;
use rules::{SiteRule, BOILERPLATE, GENERIC, RULES};

/// What a page yields.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Extracted {
    /// Which rule matched (`gsb`, `bundesregierung`, …, `generic`).
    pub rule: &'static str,
    pub title: Option<String>,
    /// Document type in one vocabulary: Pressemitteilung, Meldung, Rede, Interview, Artikel,
    /// Reisehinweis, Bekanntmachung, …
    pub kind: Option<String>,
    /// The document's number where the page gives one ("6/2022").
    pub number: Option<String>,
    /// On-page topic tags (GSB "Schwerpunktthema", tag lists), never navigation.
    pub topics: Vec<String>,
    pub date: Option<NaiveDate>,
    /// The article body as clean HTML: boilerplate removed, links absolute and without
    /// `;jsessionid=…`.
    pub content_html: String,
    /// The page's title, heading or opening line when it says the page was not found (an
    /// error page served as a success); see [`Extracted::error_page`].
    pub not_found: Option<String>,
}

/// The most text an error page has: more than this is an article that mentions an error.
const MAX_ERROR_PAGE_TEXT: usize = 2_000;

impl Extracted {
    /// The page's own words saying it is an error page ("Fehler 404 – Seite nicht gefunden"),
    /// when its plain `text` is as short as such a page's.
    pub fn error_page(&self, text: &str) -> Option<&str> {
        self.not_found
            .as_deref()
            .filter(|_| text.chars().count() <= MAX_ERROR_PAGE_TEXT)
    }
}

/// The feeds an HTML page announces (`<link rel="alternate" type="application/rss+xml">`,
/// Atom, JSON Feed), resolved against the page's URL, in page order.
pub fn announced_feeds(html: &str, page: &Url) -> Vec<Url> {
    let document = scraper::Html::parse_document(html);
    let Ok(links) = scraper::Selector::parse("link[rel~=alternate][href]") else {
        return Vec::new();
    };
    document
        .select(&links)
        .filter(|l| {
            l.value().attr("type").is_some_and(|t| {
                matches!(
                    t.trim().to_ascii_lowercase().as_str(),
                    "application/rss+xml"
                        | "application/atom+xml"
                        | "application/feed+json"
                        | "application/json"
                )
            })
        })
        .filter_map(|l| page.join(l.value().attr("href")?.trim()).ok())
        .filter(|u| matches!(u.scheme(), "http" | "https"))
        .collect()
}

/// Extracts the article from a page fetched from `url`.
pub fn extract(html: &str, url: &Url) -> Extracted {
    // Bounded first: the parser and the tree walks below scale with the nesting depth.
    let document = Html::parse_document(&text::bound_markup_default(html));
    let rule = choose_rule(&document, url);
    let title = first_text(&document, rule.title).or_else(|| first_text(&document, GENERIC.title));
    let containers = containers(&document, rule);
    let mut dropped = dropped_nodes(&containers, rule);
    // A page without an `h1` often heads its article with a lower heading that its `<title>`
    // repeats: that heading is the title (without the site's name) and no part of the text.
    let title_heading = title_heading(&document, &containers, title.as_deref());
    let title = title_heading.map(|h| visible_text(&h)).or(title);
    dropped.extend(title_heading.map(|h| h.id()));
    // A line of parts beside the headline that holds the date ("Inneres - 01.02.2022 (Nr. 45)")
    // is the page's metadata, not its text.
    dropped.extend(
        page_date::dated_lines_beside_the_headline(&document, title_heading)
            .into_iter()
            .map(|(line, _)| line.id()),
    );
    // The rule's lead, else the description microdata marks; unless the body has it anyway
    // (in a container and not dropped), or it would be there twice.
    let lead = rule
        .lead
        .into_iter()
        .chain(GENERIC.lead)
        .find_map(|s| choose_lead(&document, s))
        .filter(|lead| {
            let mut around = std::iter::once(lead.id()).chain(lead.ancestors().map(|a| a.id()));
            let in_body = around
                .clone()
                .any(|id| containers.iter().any(|c| c.id() == id));
            !in_body || around.any(|id| dropped.contains(&id))
        });
    let structural = boilerplate::structural(&containers, &dropped);
    dropped.extend(structural);
    // A line before the text that only names the type and number is metadata, not text.
    let type_line = kind::type_line(&containers);
    dropped.extend(type_line.as_ref().map(|(line, _)| line.id()));
    let orphans = boilerplate::orphan_labels(&containers, &dropped);
    dropped.extend(orphans);
    // The teaser's first words may name the type and date ("Pressemitteilung vom …").
    let lead_text = lead
        .or_else(|| first_paragraph(&containers, &dropped))
        .map(|e| visible_text(&e))
        .unwrap_or_default();
    let type_line = type_line.map(|(_, text)| text);
    let (kind, number) =
        match kind::find(&document, rule.kind, &lead_text, type_line.as_deref(), url) {
            Some(kind) => {
                let (kind, number) = crate::model::split_kind_number(&kind);
                (Some(kind), number)
            }
            None => (None, None),
        };
    let topics = topics::find(&document, rule.topics);
    let openings = opening_paragraphs(&containers, &dropped);
    let date = page_date::find(
        &document,
        rule.date,
        &lead_text,
        type_line.as_deref(),
        &openings,
        title_heading,
    );
    let content_html = write_content(lead, &containers, &dropped, url, &lead_text);
    let not_found = not_found::notice(&document, &lead_text);
    Extracted {
        rule: rule.name,
        title,
        kind,
        number,
        topics,
        date,
        content_html,
        not_found,
    }
}

/// The fewest characters a heading needs to be taken for the page's title.
const MIN_TITLE_HEADING_CHARS: usize = 12;

/// When the page has no `h1` outside its furniture: the first of the article's first few
/// headings (`h2`–`h4`) whose text the page's title holds ("Landtag - TEXT"), if any.
fn title_heading<'a>(
    document: &'a Html,
    containers: &[ElementRef<'a>],
    page_title: Option<&str>,
) -> Option<ElementRef<'a>> {
    if select_all(document, "h1").any(|h| !in_page_furniture(&h)) {
        return None;
    }
    let page_title = page_title?.to_lowercase();
    let headings = sel("h2, h3, h4")?;
    containers
        .iter()
        .flat_map(|c| c.select(&headings).take(3))
        .find(|h| {
            let text = visible_text(h);
            text.chars().count() >= MIN_TITLE_HEADING_CHARS
                && page_title.contains(&text.to_lowercase())
                && !in_page_furniture(h)
        })
}

/// The lead, then the containers' children, as clean HTML without the dropped nodes.
fn write_content(
    lead: Option<ElementRef<'_>>,
    containers: &[ElementRef<'_>],
    dropped: &HashSet<ego_tree::NodeId>,
    url: &Url,
    lead_text: &str,
) -> String {
    let mut writer = Writer {
        dropped,
        base: url,
        out: String::new(),
        cut_lead_in: kind::lead_in(lead_text).is_some(),
    };
    if let Some(lead) = lead {
        writer.node(*lead);
    }
    for container in containers {
        for child in container.children() {
            writer.node(child);
        }
    }
    writer.out
}

/// The first match of the rule's lead selector that is a lead: a sentence or more of text,
/// outside navigation, teasers, tags and dates (BMAS marks all of them with the same
/// `pp-text` slot).
fn choose_lead<'a>(document: &'a Html, selector: &str) -> Option<ElementRef<'a>> {
    const MIN_LEAD_CHARS: usize = 40;
    select_all(document, selector).find(|lead| {
        let in_tag = lead.ancestors().filter_map(ElementRef::wrap).any(|a| {
            boilerplate::class_words(&a)
                .iter()
                .any(|w| matches!(w.as_str(), "tag" | "tags" | "time"))
        });
        !in_tag
            && !in_page_furniture(lead)
            && lead.select(&sel("time").expect("valid")).next().is_none()
            && visible_text(lead).chars().count() >= MIN_LEAD_CHARS
    })
}

/// How many of the content's first paragraphs may open with the text's date.
const OPENING_PARAGRAPHS: usize = 3;

/// The texts of the content's first paragraphs that are not dropped.
fn opening_paragraphs(
    containers: &[ElementRef<'_>],
    dropped: &HashSet<ego_tree::NodeId>,
) -> Vec<String> {
    let Some(p) = sel("p") else {
        return Vec::new();
    };
    containers
        .iter()
        .flat_map(|c| c.select(&p).collect::<Vec<_>>())
        .filter(|e| !e.ancestors().any(|a| dropped.contains(&a.id())) && !dropped.contains(&e.id()))
        .map(|e| visible_text(&e))
        .filter(|t| !t.is_empty())
        .take(OPENING_PARAGRAPHS)
        .collect()
}

/// The first paragraph of the content that is not dropped.
fn first_paragraph<'a>(
    containers: &[ElementRef<'a>],
    dropped: &HashSet<ego_tree::NodeId>,
) -> Option<ElementRef<'a>> {
    let p = sel("p")?;
    containers.iter().find_map(|c| {
        c.select(&p).find(|e| {
            !e.ancestors().any(|a| dropped.contains(&a.id()))
                && !dropped.contains(&e.id())
                && !visible_text(e).is_empty()
        })
    })
}

/// Page bytes → text: BOM, then the HTTP `charset`, then `<meta charset>` / `http-equiv` in the
/// first 2 KB, else UTF-8 (invalid bytes replaced); valid UTF-8 is never read as a declared
/// single-byte encoding (see [`crate::charset`]).
pub fn decode_html<'a>(bytes: &'a [u8], content_type: Option<&str>) -> std::borrow::Cow<'a, str> {
    let meta = meta_charset(&bytes[..bytes.len().min(2048)]);
    let header = content_type.and_then(charset::from_content_type);
    let (encoding, bom_len) = charset::choose(bytes, [header, meta.as_deref()]);
    // NFC, as feeds: everything stored from the page is NFC.
    text::into_nfc(encoding.decode_without_bom_handling(&bytes[bom_len..]).0)
}

/// `charset=…` from a `<meta>` near the top of the page.
fn meta_charset(head: &[u8]) -> Option<String> {
    let head = String::from_utf8_lossy(head).to_ascii_lowercase();
    let at = head.find("<meta")?;
    let rest = &head[at..];
    let start = rest.find("charset=")? + "charset=".len();
    let label: String = rest[start..]
        .trim_start_matches(['"', '\''])
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect();
    (!label.is_empty()).then_some(label)
}

fn sel(selector: &str) -> Option<Selector> {
    Selector::parse(selector).ok()
}

fn select_first<'a>(document: &'a Html, selector: &str) -> Option<ElementRef<'a>> {
    select_all(document, selector).next()
}

/// Every match of `selector` (none when it does not parse).
fn select_all<'a>(document: &'a Html, selector: &str) -> impl Iterator<Item = ElementRef<'a>> + 'a {
    let selector = sel(selector);
    let matches: Vec<ElementRef<'a>> = match &selector {
        Some(s) => document.select(s).collect(),
        None => Vec::new(),
    };
    matches.into_iter()
}

/// Page furniture around `element`: navigation, a footer, an aside, a form, or furniture by
/// class (teasers of other pages, share and language lists, related links).
fn in_page_furniture(element: &ElementRef<'_>) -> bool {
    std::iter::once(*element)
        .chain(element.ancestors().filter_map(ElementRef::wrap))
        .any(|a| {
            matches!(a.value().name(), "nav" | "footer" | "aside" | "form")
                || boilerplate::is_furniture(&a)
        })
}

/// Label/value pairs in `element`: `<strong class="label">Datum</strong> <span>28.01.2022</span>`,
/// `<dt>`/`<dd>`, `<th>`/`<td>`, a screen-reader label before its text. Labels without `:`.
fn labelled_values(element: &ElementRef<'_>) -> Vec<(String, String)> {
    fn is_label(e: &ElementRef<'_>) -> bool {
        matches!(e.value().name(), "dt" | "th" | "strong" | "b")
            || e.value()
                .classes()
                .any(|c| matches!(c, "label" | "aural" | "sr-only" | "visually-hidden"))
    }
    fn all_text(e: &ElementRef<'_>) -> String {
        e.text().collect()
    }
    fn walk(
        node: ElementRef<'_>,
        pairs: &mut Vec<(String, String)>,
        current: &mut Option<(String, String)>,
    ) {
        for child in node.children() {
            match child.value() {
                Node::Text(t) => {
                    if let Some((_, value)) = current {
                        value.push_str(t);
                    }
                }
                Node::Element(_) => {
                    let Some(e) = ElementRef::wrap(child) else {
                        continue;
                    };
                    if is_label(&e) {
                        pairs.extend(current.take());
                        *current = Some((all_text(&e), String::new()));
                    } else if e.value().name() == "br" {
                        // A break right after a label ("<strong>Datum</strong><br>…") is
                        // still the label's line; one after a value ends the pair.
                        if current.as_ref().is_some_and(|(_, v)| !v.trim().is_empty()) {
                            pairs.extend(current.take());
                        }
                    } else if current.is_some()
                        && !e
                            .descendants()
                            .filter_map(ElementRef::wrap)
                            .any(|d| is_label(&d))
                    {
                        if let Some((_, value)) = current {
                            value.push_str(&all_text(&e));
                        }
                    } else {
                        walk(e, pairs, current);
                    }
                }
                _ => {}
            }
        }
    }
    let mut pairs = Vec::new();
    let mut current = None;
    walk(*element, &mut pairs, &mut current);
    pairs.extend(current);
    pairs
        .into_iter()
        .map(|(label, value)| {
            let label = text::clean_inline(&label);
            (
                label.trim_end_matches(':').trim().to_owned(),
                text::clean_inline(&value),
            )
        })
        .filter(|(label, value)| !label.is_empty() && !value.is_empty())
        .collect()
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

/// Writes clean HTML: kept elements with only meaningful attributes, links made absolute.
struct Writer<'a> {
    dropped: &'a HashSet<ego_tree::NodeId>,
    base: &'a Url,
    out: String,
    /// The first text still starts with a type lead-in ("Pressemitteilung vom … |"), which the
    /// header shows as type and date.
    cut_lead_in: bool,
}

impl Writer<'_> {
    fn node(&mut self, node: ego_tree::NodeRef<'_, Node>) {
        if self.dropped.contains(&node.id()) {
            return;
        }
        match node.value() {
            Node::Text(t) => self.text(node, t),
            Node::Element(e) => {
                let name = e.name();
                if name == "caption" {
                    return; // written before its table, where text renderers show it
                }
                if name == "table" {
                    write_caption(node, &mut self.out);
                }
                self.out.push('<');
                self.out.push_str(name);
                for (attr, value) in e.attrs() {
                    if attr == "alt" && repeats_caption(node, value) {
                        continue;
                    }
                    if let Some(value) = clean_attribute(attr, value, self.base) {
                        self.out.push_str(&format!(
                            " {attr}=\"{}\"",
                            html_escape::encode_double_quoted_attribute(&value)
                        ));
                    }
                }
                self.out.push('>');
                if matches!(name, "img" | "br" | "hr" | "wbr") {
                    return;
                }
                for child in node.children() {
                    self.node(child);
                }
                self.out.push_str(&format!("</{name}>"));
            }
            _ => {}
        }
    }

    fn text(&mut self, node: ego_tree::NodeRef<'_, Node>, text: &str) {
        let mut text = text;
        if self.cut_lead_in && !text.trim().is_empty() {
            self.cut_lead_in = false;
            if let Some(lead) = kind::lead_in(text) {
                text = text[lead.len..].trim_start();
            }
        }
        // A credit the CMS glued to the paragraph's last words.
        if node.next_sibling().is_none() {
            text = boilerplate::without_glued_credit(text);
        }
        self.out.push_str(&html_escape::encode_text(text));
    }
}

/// An image's `alt` that only repeats its figure's caption: the caption is shown anyway.
fn repeats_caption(img: ego_tree::NodeRef<'_, Node>, alt: &str) -> bool {
    let Some(figure) = img
        .ancestors()
        .filter_map(ElementRef::wrap)
        .find(|a| a.value().name() == "figure")
    else {
        return false;
    };
    let Some(caption) = sel("figcaption").and_then(|s| figure.select(&s).next()) else {
        return false;
    };
    let alt = text::clean_inline(alt);
    !alt.is_empty() && visible_text(&caption).contains(&alt)
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
        // A jump within the page (an accordion's toggle, a table of contents) leads nowhere
        // once the text stands alone.
        "href" if value.trim().starts_with('#') => None,
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
