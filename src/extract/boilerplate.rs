//! Boilerplate recognized by the page's structure rather than by its words: page furniture by
//! class and element (teasers of other pages, share bars, language switchers, related links),
//! photo credits, and the trailing run after an article (press contacts, "Mehr zum Thema"
//! link lists and their headings). General rules: they hold on ministry pages not seen here.

use std::collections::HashSet;

use ego_tree::NodeId;
use scraper::{ElementRef, Node};

/// Class words of page furniture that never belongs to an article's text.
const FURNITURE_WORDS: &[&str] = &[
    "related",
    "share",
    "sharing",
    "social",
    "language",
    "languages",
    "sprachauswahl",
    "sprachwahl",
    "breadcrumb",
    "pagination",
    "cookie",
    "sidebar",
    "marginal",
    "docdata",
    "tagcloud",
    "tags",
    // A blog's comment section and its form ("Schreibe einen Kommentar").
    "comments",
    "respond",
    // "Lesezeit: 2 Minuten".
    "lesezeit",
    "readingtime",
];

/// Class words of image credits (inside a figure or caption).
const CREDIT_WORDS: &[&str] = &[
    "source",
    "credit",
    "credits",
    "copyright",
    "license",
    "licence",
    "rights",
    "photographer",
    "bildnachweis",
    "quelle",
    "fotograf",
];

/// How a credit line starts when the page gives it no class of its own.
const CREDIT_PREFIXES: &[&str] = &[
    "foto:",
    "fotos:",
    "titelbild:",
    "titelfoto:",
    "beitragsbild:",
    "headerbild:",
    "foto ©",
    "bild:",
    "bildquelle:",
    "bildnachweis:",
    "quelle:",
    "©",
    "(c)",
    "copyright",
    "photo:",
];

/// The words of an element's classes and id: `c-link-list--languages` → c, link, list,
/// languages; `sectionRelated` → section, related; lowercased. A class that ends in a number
/// (`language-0`, `page-1811`, `layout-2`) names a value of the page (its language, its id),
/// not what the element is, and gives no words.
pub fn class_words(element: &ElementRef<'_>) -> Vec<String> {
    let mut words = Vec::new();
    let numbered = |name: &&str| {
        name.rsplit(['-', '_'])
            .next()
            .is_some_and(|last| !last.is_empty() && last.chars().all(|c| c.is_ascii_digit()))
            && name.contains(['-', '_'])
    };
    let names = element
        .value()
        .classes()
        .filter(|c| !numbered(c))
        .chain(element.value().id())
        .chain(std::iter::once(element.value().name()));
    for name in names {
        words.push(name.to_lowercase());
        let mut word = String::new();
        let mut previous_lower = false;
        for c in name.chars() {
            let boundary = !c.is_alphanumeric() || (c.is_uppercase() && previous_lower);
            if boundary && !word.is_empty() {
                words.push(std::mem::take(&mut word));
            }
            if c.is_alphanumeric() {
                word.extend(c.to_lowercase());
            }
            previous_lower = c.is_lowercase();
        }
        if !word.is_empty() {
            words.push(word);
        }
    }
    words
}

/// Furniture by its class or element: a teaser with a link to another page, a share bar, a
/// language switcher, related links, a tag cloud, a GSB `docData` block. A teaser *text* is
/// the article's own lead and stays.
pub fn is_furniture(element: &ElementRef<'_>) -> bool {
    let words = class_words(element);
    let has = |w: &str| words.iter().any(|x| x == w);
    if has("teaser") || has("teasers") {
        let own_text = has("teasertext")
            || words
                .windows(2)
                .any(|p| p[0] == "teaser" && matches!(p[1].as_str(), "text" | "intro"));
        return !own_text && links_elsewhere(element);
    }
    let reading_time = words
        .windows(2)
        .any(|p| matches!((p[0].as_str(), p[1].as_str()), ("reading", "time")));
    (FURNITURE_WORDS.iter().any(|w| has(w)) || reading_time) && !holds_the_article(element)
}

/// Whether the page's headline or its marked article body is inside: then the element is a
/// wrapper of the page, whatever its classes say.
fn holds_the_article(element: &ElementRef<'_>) -> bool {
    element
        .descendants()
        .filter_map(ElementRef::wrap)
        .any(|d| d.value().name() == "h1" || d.value().attr("itemprop") == Some("articleBody"))
}

/// The element or something in it points to another page (`href` on any element: web
/// components such as `pp-link` carry it too).
fn links_elsewhere(element: &ElementRef<'_>) -> bool {
    std::iter::once(*element)
        .chain(element.descendants().filter_map(ElementRef::wrap))
        .any(|e| e.value().attr("href").is_some_and(|h| !h.starts_with('#')))
}

/// Nodes inside `containers` that structure marks as boilerplate.
pub fn structural(containers: &[ElementRef<'_>], dropped: &HashSet<NodeId>) -> HashSet<NodeId> {
    let mut out = HashSet::new();
    for container in containers {
        for element in container.descendants().filter_map(ElementRef::wrap) {
            if element.id() == container.id() {
                continue;
            }
            if is_furniture(&element)
                || is_byline(&element)
                || is_credit(&element)
                || is_licence_note(&element)
                || is_skip_link(&element)
                || is_metadata_box(&element)
            {
                out.insert(element.id());
            }
            if let Some(group) = teaser_group(&element) {
                out.insert(group.id());
                out.extend(heading_before(&group).map(|h| h.id()));
            }
            if is_gallery_heading(&element) || is_date_line(&element) {
                out.insert(element.id());
            }
        }
        out.extend(side_articles(container));
        out.extend(contact_boxes(container));
        let blocks = blocks(*container, &|id| dropped.contains(&id) || out.contains(&id));
        out.extend(trailing_run(&blocks));
    }
    out
}

/// Most words of a label whose value is gone: "Ansprechpartner", "Veröffentlicht am".
const MAX_ORPHAN_LABEL_WORDS: usize = 3;

/// Labels whose values went: a block whose text was dropped but for a few words ("Datum"
/// after its date, "Ansprechpartner" after the contact box, "Veröffentlicht am" after the
/// time element) goes too. Figures, list items, table cells and headings keep theirs: a short
/// caption, item or heading is text of its own.
pub fn orphan_labels(containers: &[ElementRef<'_>], dropped: &HashSet<NodeId>) -> HashSet<NodeId> {
    let mut out = HashSet::new();
    for container in containers {
        for element in container.descendants().filter_map(ElementRef::wrap).skip(1) {
            if !matches!(
                element.value().name(),
                "div" | "span" | "p" | "section" | "dl" | "dt" | "dd"
            ) || element
                .ancestors()
                .chain(std::iter::once(*element))
                .any(|a| dropped.contains(&a.id()) || out.contains(&a.id()))
            {
                continue;
            }
            let (kept, lost) = kept_and_lost_words(*element, dropped, false);
            if lost > 0 && (1..=MAX_ORPHAN_LABEL_WORDS).contains(&kept.len()) {
                out.insert(element.id());
            }
        }
    }
    out
}

/// The words of `node` outside the dropped nodes, and how many words inside them.
fn kept_and_lost_words<'a>(
    node: ego_tree::NodeRef<'a, Node>,
    dropped: &HashSet<NodeId>,
    in_dropped: bool,
) -> (Vec<&'a str>, usize) {
    let mut kept = Vec::new();
    let mut lost = 0;
    for child in node.children() {
        match child.value() {
            Node::Text(t) if in_dropped => lost += t.split_whitespace().count(),
            Node::Text(t) => kept.extend(t.split_whitespace()),
            Node::Element(_) => {
                let (k, l) = kept_and_lost_words(
                    child,
                    dropped,
                    in_dropped || dropped.contains(&child.id()),
                );
                kept.extend(k);
                lost += l;
            }
            _ => {}
        }
    }
    (kept, lost)
}

/// Items a group of teasers needs: one card is a link, two or more are a list of other pages.
const MIN_TEASERS: usize = 2;

/// The longest text of one teaser card (a headline and a sentence or two).
const MAX_TEASER_CHARS: usize = 450;

/// A group of teasers for other pages ("Mehr zum Thema", "Weitere Arbeitsgebiete", event
/// cards): an element whose child elements with text are alike (the same element and
/// classes), at least two, each short and each linking to another page than the others.
/// Lists (`ul`/`ol`) are left to the link-list rule: an article's own lists of links stay.
fn teaser_group<'a>(element: &ElementRef<'a>) -> Option<ElementRef<'a>> {
    if matches!(element.value().name(), "ul" | "ol" | "dl" | "table" | "p") {
        return None;
    }
    let items: Vec<ElementRef<'a>> = element
        .children()
        .filter_map(ElementRef::wrap)
        .filter(|c| !super::visible_text(c).is_empty())
        .collect();
    if items.len() < MIN_TEASERS {
        return None;
    }
    let signature = |e: &ElementRef<'_>| {
        let mut classes: Vec<&str> = e.value().classes().collect();
        classes.sort_unstable();
        (e.value().name().to_owned(), classes.join(" "))
    };
    let first = signature(&items[0]);
    let alike = items.iter().all(|i| signature(i) == first);
    let mut targets = HashSet::new();
    // A card has a headline of its own or is mostly its link; a paragraph with a link in its
    // sentence is text.
    let card_like = |i: &ElementRef<'_>| {
        let headed = i
            .descendants()
            .filter_map(ElementRef::wrap)
            .any(|d| matches!(d.value().name(), "h2" | "h3" | "h4" | "h5" | "h6"));
        let text = super::visible_text(i).chars().count();
        headed || link_chars(*i) * 4 >= text
    };
    let teasers = items.iter().all(|i| {
        let target = i
            .descendants()
            .filter_map(ElementRef::wrap)
            .chain(std::iter::once(*i))
            .find_map(|e| e.value().attr("href").filter(|h| !h.starts_with('#')));
        let short = super::visible_text(i).chars().count() <= MAX_TEASER_CHARS;
        let no_paragraphs = i
            .descendants()
            .filter_map(ElementRef::wrap)
            .filter(|d| d.value().name() == "p")
            .count()
            <= 2;
        target.is_some_and(|t| targets.insert(t.to_owned()))
            && short
            && no_paragraphs
            && card_like(i)
    });
    (alike && teasers && !matches!(items[0].value().name(), "li")).then_some(*element)
}

/// The heading right before an element (its previous sibling, or the previous sibling of a
/// wrapper it is alone in): what a group of teasers is called.
fn heading_before<'a>(element: &ElementRef<'a>) -> Option<ElementRef<'a>> {
    let previous = element
        .prev_siblings()
        .filter_map(ElementRef::wrap)
        .next()?;
    let is_heading =
        |e: &ElementRef<'_>| matches!(e.value().name(), "h2" | "h3" | "h4" | "h5" | "h6");
    is_heading(&previous).then_some(previous)
}

/// A line that is only the page's date ("02.01.2022" above the headline, "Berlin, 4. Mai
/// 2021"): the header shows the date, the text need not repeat it.
fn is_date_line(element: &ElementRef<'_>) -> bool {
    if !matches!(
        element.value().name(),
        "p" | "h2" | "h3" | "h4" | "h5" | "h6" | "div" | "span" | "time" | "li"
    ) {
        return false;
    }
    let has_blocks = element
        .children()
        .filter_map(ElementRef::wrap)
        .any(|c| matches!(c.value().name(), "p" | "div" | "ul" | "ol" | "table"));
    let in_table = element
        .ancestors()
        .filter_map(ElementRef::wrap)
        .any(|a| matches!(a.value().name(), "table" | "dd"));
    if has_blocks || in_table {
        return false;
    }
    let text = super::visible_text(element);
    text.split_whitespace().count() <= 4 && super::page_date::standalone_date(&text).is_some()
}

/// The author line ("Interview: Jana Beispiel", "Von Max Muster"): shown nowhere in the text.
fn is_byline(element: &ElementRef<'_>) -> bool {
    class_words(element)
        .iter()
        .any(|w| matches!(w.as_str(), "author" | "byline" | "autor"))
        && super::visible_text(element).chars().count() <= 120
        && !holds_the_article(element)
}

/// A heading over pictures only ("Bildergalerie", "Fotos"): the pictures are not in the text.
fn is_gallery_heading(element: &ElementRef<'_>) -> bool {
    if !matches!(element.value().name(), "h2" | "h3" | "h4" | "h5" | "h6") {
        return false;
    }
    let Some(next) = element.next_siblings().filter_map(ElementRef::wrap).next() else {
        return false;
    };
    let has_pictures = next
        .descendants()
        .filter_map(ElementRef::wrap)
        .any(|d| matches!(d.value().name(), "img" | "picture"));
    has_pictures && super::visible_text(&next).chars().count() < 40
}

/// A note of the text's licence ("Dieser Text wurde veröffentlicht unter der Lizenz CC-BY
/// …"): short, and marked as a licence by its class or by a `rel="license"` link.
fn is_licence_note(element: &ElementRef<'_>) -> bool {
    let words = class_words(element);
    let licence_class = words
        .iter()
        .any(|w| matches!(w.as_str(), "lizenz" | "license" | "licence"));
    let licence_link = || {
        element.descendants().filter_map(ElementRef::wrap).any(|d| {
            d.value()
                .attr("rel")
                .is_some_and(|r| r.split_whitespace().any(|r| r == "license"))
                || d.value()
                    .attr("href")
                    .is_some_and(|h| h.contains("creativecommons.org/licenses"))
        })
    };
    (licence_class || (element.value().name() == "p" && licence_link()))
        && !in_figure(element)
        && super::visible_text(element).chars().count() <= 300
}

/// A link that jumps over something on the page ("Video überspringen", "Skip video"): the
/// thing it skips is a player, not text, and so is its notice.
fn is_skip_link(element: &ElementRef<'_>) -> bool {
    element.value().name() == "a"
        && element
            .value()
            .attr("href")
            .is_some_and(|h| h.starts_with('#'))
        && {
            let text = super::visible_text(element).to_lowercase();
            text.contains("überspringen") || text.starts_with("skip")
        }
}

/// A box of labelled data beside the text ("Originalartikel: …", "Online-Version: 21.01.2022",
/// "Download: …"): several label/value pairs and nothing else, no sentence of the article,
/// before the article's text begins. (Details in the text, "Wann: … Wo: …", stay; so do
/// definition lists.)
fn is_metadata_box(element: &ElementRef<'_>) -> bool {
    if !matches!(element.value().name(), "div" | "section") || text_came_before(element) {
        return false;
    }
    let pairs = super::labelled_values(element);
    // Labels of data are a word or two; a question in bold before its answer is an
    // interview, the article itself.
    let data_labels = pairs
        .iter()
        .all(|(label, _)| label.split_whitespace().count() <= 3 && !label.ends_with('?'));
    if pairs.len() < 2 || !data_labels {
        return false;
    }
    let text = super::visible_text(element);
    let covered: usize = pairs
        .iter()
        .map(|(label, value)| label.chars().count() + value.chars().count())
        .sum();
    let longest_value = pairs
        .iter()
        .map(|(_, v)| v.chars().count())
        .max()
        .unwrap_or(0);
    covered * 10 >= text.chars().count() * 8 && longest_value <= 200 && text.chars().count() <= 800
}

/// Whether a paragraph of substance (the article's text) comes before `element`.
fn text_came_before(element: &ElementRef<'_>) -> bool {
    let mut node = Some(**element);
    while let Some(current) = node {
        let mut sibling = current.prev_sibling();
        while let Some(s) = sibling {
            if let Some(e) = ElementRef::wrap(s) {
                let long_paragraph = std::iter::once(e)
                    .chain(e.descendants().filter_map(ElementRef::wrap))
                    .any(|d| {
                        d.value().name() == "p" && super::visible_text(&d).chars().count() >= 100
                    });
                if long_paragraph {
                    return true;
                }
            }
            sibling = s.prev_sibling();
        }
        node = current.parent().filter(|p| p.value().is_element());
    }
    false
}

/// A shorter second `<article>` beside the article (a "Tipp" box, a notice): when the content
/// holds several articles that are not nested, those with under a quarter of the longest's
/// text and under 600 characters are boxes, not the article.
fn side_articles(container: &ElementRef<'_>) -> Vec<NodeId> {
    let articles: Vec<ElementRef<'_>> = container
        .descendants()
        .filter_map(ElementRef::wrap)
        .filter(|e| e.value().name() == "article" && e.id() != container.id())
        .filter(|e| {
            !e.ancestors()
                .filter_map(ElementRef::wrap)
                .take_while(|a| a.id() != container.id())
                .any(|a| a.value().name() == "article")
        })
        .collect();
    if articles.len() < 2 {
        return Vec::new();
    }
    let length = |e: &ElementRef<'_>| super::visible_text(e).chars().count();
    let longest = articles.iter().map(length).max().unwrap_or(0);
    articles
        .iter()
        .filter(|a| {
            let n = length(a);
            n * 4 < longest && n < 600
        })
        .map(|a| a.id())
        .collect()
}

/// Contact boxes anywhere in the content (not only at its end): an element marked as contact
/// by its class or by being an `<address>`, or a box of short lines with a mail address or a
/// phone number under a "Kontakt" heading of its own.
fn contact_boxes(container: &ElementRef<'_>) -> Vec<NodeId> {
    container
        .descendants()
        .filter_map(ElementRef::wrap)
        .filter(|e| e.id() != container.id())
        .filter(|e| {
            let words = class_words(e);
            let marked = e.value().name() == "address"
                || words
                    .iter()
                    .any(|w| matches!(w.as_str(), "contact" | "kontakt"));
            marked && super::visible_text(e).chars().count() <= 800 && !holds_the_article(e)
        })
        .map(|e| e.id())
        .collect()
}

/// A photo credit: a credit-classed element in a figure or caption, or a short line there (or
/// anywhere, when it says "Foto:") that starts like a credit.
fn is_credit(element: &ElementRef<'_>) -> bool {
    // Cheap tests first: this runs for every element of the content.
    let credit_class = class_words(element)
        .iter()
        .any(|w| CREDIT_WORDS.contains(&w.as_str()));
    if credit_class {
        return in_figure(element);
    }
    if !matches!(
        element.value().name(),
        "p" | "span" | "small" | "div" | "figcaption"
    ) {
        return false;
    }
    // The first words decide; the whole text (a subtree's worth) only for those that qualify.
    let first_words = element
        .text()
        .map(str::trim_start)
        .find(|t| !t.is_empty())
        .unwrap_or("")
        .to_lowercase();
    if !CREDIT_PREFIXES.iter().any(|p| first_words.starts_with(p)) {
        return false;
    }
    let text = super::visible_text(element);
    let lower = text.to_lowercase();
    let starts_like_credit = CREDIT_PREFIXES.iter().any(|p| lower.starts_with(p));
    let short = text.chars().count() <= 160;
    let has_child_blocks = element
        .children()
        .filter_map(ElementRef::wrap)
        .any(|c| matches!(c.value().name(), "p" | "div" | "ul" | "ol" | "table"));
    starts_like_credit
        && short
        && !has_child_blocks
        && (lower.starts_with("foto")
            || lower.starts_with("titel")
            || lower.starts_with('©')
            || in_figure(element))
}

/// Inside a figure, its caption or a picture (by element or class), a few levels up.
fn in_figure(element: &ElementRef<'_>) -> bool {
    const FIGURE_WORDS: &[&str] = &[
        "caption",
        "figcaption",
        "figure",
        "picture",
        "image",
        "bild",
        "media",
    ];
    element
        .ancestors()
        .filter_map(ElementRef::wrap)
        .take(6)
        .any(|a| {
            matches!(a.value().name(), "figure" | "figcaption" | "picture")
                || class_words(&a)
                    .iter()
                    .any(|w| FIGURE_WORDS.contains(&w.as_str()))
        })
}

/// "…der Kartellbehörden.Foto: photocase.de": a credit glued to the end of a paragraph by the
/// CMS. Returns the text without it.
pub fn without_glued_credit(text: &str) -> &str {
    for prefix in ["Foto:", "Fotos:", "Bild:", "Bildquelle:", "Foto ©", "©"] {
        let Some(at) = text.rfind(prefix) else {
            continue;
        };
        let glued = text[..at]
            .chars()
            .next_back()
            .is_some_and(|c| matches!(c, '.' | '!' | '?' | '“' | '"' | ')'));
        let credit = text[at + prefix.len()..].trim();
        let one_short_name =
            !credit.is_empty() && credit.chars().count() <= 60 && !credit.contains(". ");
        if glued && one_short_name {
            return &text[..at];
        }
    }
    text
}

/// One block of the article in reading order.
struct Block<'a> {
    element: ElementRef<'a>,
    text: String,
    link_text: usize,
    lines: usize,
}

/// The outermost text blocks of `root` in document order, skipping dropped subtrees.
fn blocks<'a>(root: ElementRef<'a>, is_dropped: &dyn Fn(NodeId) -> bool) -> Vec<Block<'a>> {
    fn walk<'a>(
        node: ElementRef<'a>,
        is_dropped: &dyn Fn(NodeId) -> bool,
        out: &mut Vec<Block<'a>>,
    ) {
        for child in node.children().filter_map(ElementRef::wrap) {
            if is_dropped(child.id()) {
                continue;
            }
            let name = child.value().name();
            let is_block = matches!(
                name,
                "p" | "ul"
                    | "ol"
                    | "dl"
                    | "table"
                    | "h1"
                    | "h2"
                    | "h3"
                    | "h4"
                    | "h5"
                    | "h6"
                    | "address"
                    | "blockquote"
                    | "pre"
                    | "figure"
            );
            let has_blocks = child
                .descendants()
                .filter_map(ElementRef::wrap)
                .skip(1)
                .any(|d| {
                    matches!(
                        d.value().name(),
                        "p" | "ul" | "ol" | "dl" | "table" | "h2" | "h3" | "h4" | "div" | "section"
                    )
                });
            if is_block || !has_blocks {
                let text = super::visible_text(&child);
                if text.is_empty() {
                    continue;
                }
                let link_text = link_chars(child);
                let lines = 1 + child
                    .descendants()
                    .filter(|d| matches!(d.value(), Node::Element(e) if matches!(e.name(), "br" | "li" | "p" | "div")))
                    .count();
                out.push(Block {
                    element: child,
                    text,
                    link_text,
                    lines,
                });
            } else {
                walk(child, is_dropped, out);
            }
        }
    }
    let mut out = Vec::new();
    walk(root, is_dropped, &mut out);
    out
}

/// Characters of text inside links (outermost `href` elements only; all of a block that is a
/// link itself).
fn link_chars(block: ElementRef<'_>) -> usize {
    if block.value().attr("href").is_some() {
        return super::visible_text(&block).chars().count();
    }
    fn walk(node: ElementRef<'_>) -> usize {
        node.children()
            .filter_map(ElementRef::wrap)
            .map(|c| {
                if c.value().attr("href").is_some() {
                    super::visible_text(&c).chars().count()
                } else {
                    walk(c)
                }
            })
            .sum()
    }
    walk(block)
}

impl Block<'_> {
    fn chars(&self) -> usize {
        self.text.chars().count()
    }

    fn link_density(&self) -> f64 {
        self.link_text as f64 / self.chars().max(1) as f64
    }

    fn is_heading(&self) -> bool {
        let name = self.element.value().name();
        matches!(name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
            || (self.chars() <= 60 && self.text.ends_with(':') && self.link_text == 0)
    }

    /// A list whose items are links ("Mehr zum Thema", "Weitere Informationen"), or a
    /// teaser card for another page (a short block led by its link).
    fn is_link_list(&self) -> bool {
        let list =
            matches!(self.element.value().name(), "ul" | "ol" | "dl") && self.link_density() >= 0.7;
        list || self.in_teaser_card()
    }

    /// Part of a card for another page: a small box (a few levels up) with a link elsewhere
    /// and words of its own beside the link (a description, a date). A link alone ("Zur
    /// Aufzeichnung") is the article's own.
    fn in_teaser_card(&self) -> bool {
        self.element
            .ancestors()
            .filter_map(ElementRef::wrap)
            .take(3)
            .filter(|a| matches!(a.value().name(), "div" | "article" | "section" | "li"))
            .any(|card| {
                let text = super::visible_text(&card).chars().count();
                let links = link_chars(card);
                text <= 400
                    && links * 4 >= text
                    && text.saturating_sub(links) >= 20
                    && links_elsewhere(&card)
            })
    }

    /// A press office's address block: several short lines with a mail address or a phone
    /// number, or an element that says it is contact data.
    fn is_contact(&self) -> bool {
        let words = class_words(&self.element);
        if self.element.value().name() == "address"
            || words.iter().any(|w| w == "contact" || w == "kontakt")
        {
            return true;
        }
        let mail = self.text.split_whitespace().any(|w| {
            w.split_once('@')
                .is_some_and(|(user, host)| !user.is_empty() && host.contains('.'))
        });
        let phone = self.text.contains("Tel")
            || self.text.contains("+49")
            || self
                .element
                .descendants()
                .filter_map(ElementRef::wrap)
                .any(|d| class_words(&d).iter().any(|w| w == "phone"));
        self.lines >= 3 && (mail || phone) && self.chars() / self.lines <= 70
    }
}

/// The run of blocks after the article's last paragraph of substance. When it holds a press
/// contact or a link list, those, their headings and whatever short lines follow them go.
fn trailing_run(blocks: &[Block<'_>]) -> Vec<NodeId> {
    let start = blocks
        .iter()
        .rposition(|b| b.chars() >= 100 && !b.is_contact() && !b.is_link_list())
        .map_or(0, |i| i + 1);
    let run = &blocks[start..];
    let Some(first) = run.iter().position(|b| b.is_contact() || b.is_link_list()) else {
        return Vec::new();
    };
    let mut from = first;
    while from > 0 && run[from - 1].is_heading() {
        from -= 1;
    }
    run[from..].iter().map(|b| b.element.id()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use scraper::{Html, Selector};

    fn dropped_texts(html: &str) -> Vec<String> {
        let doc = Html::parse_document(html);
        let main = doc
            .select(&Selector::parse("main").expect("sel"))
            .next()
            .expect("main");
        let ids = structural(&[main], &HashSet::new());
        let mut out: Vec<String> = main
            .descendants()
            .filter_map(ElementRef::wrap)
            .filter(|e| ids.contains(&e.id()))
            .filter(|e| !e.ancestors().any(|a| ids.contains(&a.id())))
            .map(|e| super::super::visible_text(&e))
            .collect();
        out.sort();
        out
    }

    const LONG: &str = "Dies ist ein langer Absatz des Artikels, der deutlich mehr als hundert Zeichen enthält und damit als Text zählt.";

    #[test]
    fn skip_links_gallery_headings_date_lines_and_numbered_classes() {
        let dropped = dropped_texts(&format!(
            r##"<main class="language-0"><p>{LONG}</p>
            <div class="video"><a href="#nach-video">Video überspringen</a><p>{LONG}</p></div>
            <h2>Bildergalerie</h2><div class="gallery"><img src="a.jpg" alt=""><img src="b.jpg" alt=""></div>
            <p>Berlin, 04.05.2021</p>
            <h2>Zahlen und Fakten</h2><p>{LONG}</p></main>"##
        ));
        assert_eq!(
            dropped,
            ["Berlin, 04.05.2021", "Bildergalerie", "Video überspringen"],
            "the wrapper's language-0 is no language switcher"
        );
    }

    #[test]
    fn text_that_looks_like_furniture_stays() {
        // Paragraph blocks alike, each with a link in its sentence: the article's text.
        let blocks = dropped_texts(&format!(
            r#"<main><p>{LONG}</p>
            <div class="text"><p>Der Antrag steht im <a href="/antrag.pdf">Formular</a> bereit und ist bis Ende März einzureichen.</p></div>
            <div class="text"><p>Die Richtlinie ist im <a href="/richtlinie.html">Bundesanzeiger</a> veröffentlicht worden.</p></div>
            <p>{LONG}</p></main>"#
        ));
        assert!(blocks.is_empty(), "{blocks:?}");
        // Details in the text ("Wann: … Wo: …") and a glossary stay.
        let details = dropped_texts(&format!(
            r#"<main><p>{LONG}</p><div class="details"><strong>Wann:</strong> 12. März 2022, 10 Uhr<br><strong>Wo:</strong> Rathaus, Saal 1</div>
            <dl><dt>Sperrfrist</dt><dd>Zeit, in der nicht gedüngt werden darf.</dd><dt>Nmin</dt><dd>Mineralischer Stickstoff im Boden.</dd></dl><p>{LONG}</p></main>"#
        ));
        assert!(details.is_empty(), "{details:?}");
        // The same box of data before the text begins is beside it.
        let before = dropped_texts(&format!(
            r#"<main><div class="box"><strong>Originalartikel:</strong><br><p>Muster, J. (2021): Titel. Heft 1.</p><strong>Online-Version</strong><br><p>21.01.2022</p></div><p>{LONG}</p></main>"#
        ));
        assert_eq!(before.len(), 1, "{before:?}");
    }

    #[test]
    fn class_words_split_bem_and_camel_case() {
        let doc = Html::parse_fragment(
            r#"<div id="addContent" class="c-link-list--languages sectionRelated"></div>"#,
        );
        let div = doc
            .select(&Selector::parse("div").expect("sel"))
            .next()
            .expect("div");
        let words = class_words(&div);
        for w in [
            "languages",
            "section",
            "related",
            "add",
            "content",
            "link",
            "list",
        ] {
            assert!(words.contains(&w.to_owned()), "{w} in {words:?}");
        }
    }

    #[test]
    fn teasers_to_other_pages_go_and_the_own_teaser_text_stays() {
        let html = format!(
            r#"<main><p>{LONG}</p>
            <pp-inline-teaser><pp-link href="/faq.html"><h3>FAQ zu einem anderen Thema</h3></pp-link><p>Antworten auf Ihre Fragen.</p></pp-inline-teaser>
            <div class="c-teaser-text"><p>Eigener Anreißer mit <a href="/x">Link</a>.</p></div>
            <div class="teaser"><p>Ohne Link bleibt es Text.</p></div></main>"#
        );
        assert_eq!(
            dropped_texts(&html),
            ["FAQ zu einem anderen ThemaAntworten auf Ihre Fragen."]
        );
    }

    #[test]
    fn photo_credits_by_class_and_by_their_first_word() {
        let html = format!(
            r#"<main><figure><img alt="Bild"><figcaption><span class="c-picture__source">Anna Muster</span>
            <span class="c-picture__caption">Die Ministerin in Berlin.</span><p class="bpa-license">Foto: Bildagentur</p></figcaption></figure>
            <p>{LONG}</p><p>© Bundesregierung/Muster</p><p>Quelle: Statistisches Bundesamt, Tabelle 3.</p></main>"#
        );
        assert_eq!(
            dropped_texts(&html),
            [
                "Anna Muster",
                "Foto: Bildagentur",
                "© Bundesregierung/Muster"
            ]
        );
    }

    #[test]
    fn a_glued_credit_is_cut_from_the_paragraph_end() {
        assert_eq!(
            without_glued_credit("Aufsicht der Kartellbehörden.Foto: photocase.de"),
            "Aufsicht der Kartellbehörden."
        );
        assert_eq!(
            without_glued_credit("Ein Satz. Foto: im Text erwähnt"),
            "Ein Satz. Foto: im Text erwähnt"
        );
        assert_eq!(without_glued_credit("Kein Nachweis."), "Kein Nachweis.");
    }

    #[test]
    fn the_trailing_press_contact_and_link_list_go_with_their_headings() {
        let html = format!(
            r#"<main><p>{LONG}</p><p>Den Bericht finden Sie unter:<br><a href="https://example.org/b">example.org/b</a></p>
            <h3>Pressekontakt:</h3>
            <p>Pressestelle des Amtes<br>Musterstraße 1<br>10115 Berlin<br>Tel.: 030 1234-0<br><a href="mailto:presse@amt.example">presse@amt.example</a></p>
            <p>Folgen Sie uns: @Amt</p>
            <h2>Mehr zum Thema:</h2><ul><li><a href="/a">Erster Link</a></li><li><a href="/b">Zweiter Link</a></li></ul></main>"#
        );
        let dropped = dropped_texts(&html);
        assert_eq!(dropped.len(), 5, "{dropped:?}");
        assert!(dropped.iter().any(|t| t.starts_with("Pressestelle")));
        assert!(dropped.contains(&"Mehr zum Thema:".to_owned()));
        assert!(!dropped.iter().any(|t| t.starts_with("Den Bericht")));
    }

    #[test]
    fn lists_of_links_inside_the_article_stay() {
        let html = format!(
            r#"<main><p>{LONG}</p><h2>Dokumente:</h2><ul><li><a href="/a">Erster Link</a></li></ul><p>{LONG}</p>
            <p><a href="/video">Zur Aufzeichnung</a></p></main>"#
        );
        assert!(dropped_texts(&html).is_empty());
    }
}
