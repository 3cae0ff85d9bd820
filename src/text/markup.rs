//! Bounds the shape of untrusted HTML before any parser sees it. HTML parsers and renderers
//! (html5ever's scope checks, html2text's layout, our own tree walks) take time, memory or
//! stack in proportion to the nesting depth, so a page of 10,000 nested `<div>`s overflowed
//! the stack and 30,000 nested list items took 20 s. Here one linear pass keeps at most
//! [`MAX_DEPTH`] elements open and at most [`MAX_TAGS`] tags in all; tags beyond either bound
//! are dropped and their text is kept, so the content is flattened, never lost.

use std::borrow::Cow;

/// Deepest nesting kept for parsing a whole page. Real ministry pages nest about 30 deep;
/// parsers stay fast and shallow on the stack well past this.
pub const MAX_DEPTH: usize = 64;

/// Deepest nesting kept for rendering an article as text: each list or quote level indents,
/// and past this the text would be squeezed into a sliver of the screen.
pub const MAX_RENDER_DEPTH: usize = 40;

/// Most tags kept in one document. A long real article page has a few thousand; beyond the
/// bound, the parsed tree (and its memory) would grow with the markup, not with the text.
pub const MAX_TAGS: usize = 50_000;

/// Elements that never have content.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "keygen", "link", "meta", "param",
    "source", "track", "wbr",
];

/// Elements whose content is raw text up to their end tag (no tags inside).
const RAW_TEXT: &[&str] = &[
    "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes",
];

/// `html` with its nesting bounded by `max_depth` and its tag count by `max_tags`. Borrows
/// when nothing needs to change (the usual case, checked cheaply first).
pub fn bound(html: &str, max_depth: usize, max_tags: usize) -> Cow<'_, str> {
    // Fewer tags than either bound cannot exceed it.
    let tags = html.bytes().filter(|&b| b == b'<').count();
    if tags <= max_depth.min(max_tags) {
        return Cow::Borrowed(html);
    }
    let mut bounder = Bounder::new(html, max_depth, max_tags);
    bounder.run();
    if bounder.changed {
        Cow::Owned(bounder.out)
    } else {
        Cow::Borrowed(html)
    }
}

/// [`bound`] with the limits for parsing a page.
pub fn bound_default(html: &str) -> Cow<'_, str> {
    bound(html, MAX_DEPTH, MAX_TAGS)
}

/// [`bound`] with the limits for rendering text.
pub fn bound_for_render(html: &str) -> Cow<'_, str> {
    bound(html, MAX_RENDER_DEPTH, MAX_TAGS)
}

struct Bounder<'a> {
    html: &'a str,
    bytes: &'a [u8],
    out: String,
    /// Names of the open elements that were kept (lower case).
    open: Vec<String>,
    /// Start tags dropped for depth, by name, so their end tags are dropped too. Few names
    /// are tracked; the rest share one count so the map cannot grow with the markup.
    dropped_open: Vec<(String, usize)>,
    tags_kept: usize,
    max_depth: usize,
    max_tags: usize,
    changed: bool,
}

/// Distinct tag names tracked in `dropped_open`; more share the last slot.
const DROPPED_NAMES: usize = 32;
const OTHER: &str = "";

/// One tag as found in the input.
struct Tag {
    name: String,
    end: bool,
    self_closing: bool,
    /// Byte range of the whole tag in the input.
    start: usize,
    stop: usize,
}

impl<'a> Bounder<'a> {
    fn new(html: &'a str, max_depth: usize, max_tags: usize) -> Self {
        Self {
            html,
            bytes: html.as_bytes(),
            out: String::with_capacity(html.len()),
            open: Vec::new(),
            dropped_open: Vec::new(),
            tags_kept: 0,
            max_depth,
            max_tags,
            changed: false,
        }
    }

    fn run(&mut self) {
        let mut at = 0;
        while let Some(offset) = self.html[at..].find('<') {
            let lt = at + offset;
            self.out.push_str(&self.html[at..lt]);
            at = self.markup_at(lt);
        }
        self.out.push_str(&self.html[at..]);
    }

    /// Handles what starts with `<` at `lt`; returns where the input goes on.
    fn markup_at(&mut self, lt: usize) -> usize {
        let rest = &self.bytes[lt..];
        if rest.starts_with(b"<!--") {
            let stop = find(self.html, lt + 4, "-->").map_or(self.html.len(), |i| i + 3);
            self.out.push_str(&self.html[lt..stop]);
            return stop;
        }
        if rest.starts_with(b"<!") || rest.starts_with(b"<?") {
            let stop = find(self.html, lt, ">").map_or(self.html.len(), |i| i + 1);
            self.out.push_str(&self.html[lt..stop]);
            return stop;
        }
        let Some(tag) = self.tag_at(lt) else {
            // A `<` that starts no tag is text.
            self.out.push('<');
            return lt + 1;
        };
        let stop = tag.stop;
        if tag.end {
            self.end_tag(&tag);
            stop
        } else {
            self.start_tag(&tag);
            self.raw_text_after(&tag)
        }
    }

    /// Parses a start or end tag at `lt`: its name, and its end past quoted attributes.
    fn tag_at(&self, lt: usize) -> Option<Tag> {
        let bytes = self.bytes;
        let end = bytes.get(lt + 1) == Some(&b'/');
        let name_start = lt + 1 + usize::from(end);
        if !bytes.get(name_start)?.is_ascii_alphabetic() {
            return None;
        }
        let mut i = name_start;
        while i < bytes.len()
            && !matches!(
                bytes[i],
                b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'/' | b'>'
            )
        {
            i += 1;
        }
        let name = self.html[name_start..i].to_ascii_lowercase();
        let mut quote = None;
        while i < bytes.len() {
            match (quote, bytes[i]) {
                (None, b'"' | b'\'') => quote = Some(bytes[i]),
                (Some(q), b) if b == q => quote = None,
                (None, b'>') => break,
                _ => {}
            }
            i += 1;
        }
        let stop = (i + 1).min(bytes.len());
        let self_closing = i > 0 && i < bytes.len() && bytes[i - 1] == b'/';
        Some(Tag {
            name,
            end,
            self_closing,
            start: lt,
            stop,
        })
    }

    fn keep(&mut self, tag: &Tag) {
        self.out.push_str(&self.html[tag.start..tag.stop]);
    }

    fn drop_tag(&mut self) {
        self.changed = true;
        // A space keeps words on either side of the dropped tag apart.
        self.out.push(' ');
    }

    fn start_tag(&mut self, tag: &Tag) {
        if self.tags_kept >= self.max_tags {
            return self.drop_tag();
        }
        if VOID.contains(&tag.name.as_str()) || tag.self_closing {
            self.tags_kept += 1;
            return self.keep(tag);
        }
        self.close_implied(&tag.name);
        if self.open.len() >= self.max_depth {
            self.count_dropped(&tag.name);
            return self.drop_tag();
        }
        self.tags_kept += 1;
        self.open.push(tag.name.clone());
        self.keep(tag);
    }

    fn end_tag(&mut self, tag: &Tag) {
        if self.take_dropped(&tag.name) {
            return self.drop_tag();
        }
        match self.open.iter().rposition(|n| *n == tag.name) {
            // Closing a kept element is always kept, so kept elements stay balanced.
            Some(pos) => {
                self.open.truncate(pos);
                self.keep(tag);
            }
            // A stray end tag: parsers ignore most, but make elements of some (`</p>`,
            // `</br>`), so it counts as a tag.
            None if self.tags_kept >= self.max_tags => self.drop_tag(),
            None => {
                self.tags_kept += 1;
                self.keep(tag);
            }
        }
    }

    /// Elements that the start of `name` closes when they are the innermost open one, as an
    /// HTML parser does (`<li>a<li>b` are siblings): without this, long lists of unclosed
    /// items would count as deep nesting.
    fn close_implied(&mut self, name: &str) {
        let closes: &[&str] = match name {
            "li" => &["li", "p"],
            "dt" | "dd" => &["dt", "dd", "p"],
            "option" => &["option"],
            "tr" => &["td", "th", "tr"],
            "td" | "th" => &["td", "th"],
            "thead" | "tbody" | "tfoot" => &["td", "th", "tr", "thead", "tbody", "tfoot"],
            "p" | "div" | "ul" | "ol" | "dl" | "table" | "h1" | "h2" | "h3" | "h4" | "h5"
            | "h6" | "section" | "article" | "aside" | "blockquote" | "pre" | "figure"
            | "header" | "footer" | "nav" | "form" | "address" | "details" | "main" => &["p"],
            _ => &[],
        };
        while self
            .open
            .last()
            .is_some_and(|top| closes.contains(&top.as_str()))
        {
            self.open.pop();
        }
    }

    fn count_dropped(&mut self, name: &str) {
        let key = if self.dropped_open.len() < DROPPED_NAMES
            || self.dropped_open.iter().any(|(n, _)| n == name)
        {
            name
        } else {
            OTHER
        };
        match self.dropped_open.iter_mut().find(|(n, _)| n == key) {
            Some((_, count)) => *count += 1,
            None => self.dropped_open.push((key.to_owned(), 1)),
        }
    }

    /// Whether an end tag belongs to a dropped start tag (and so is dropped too). A name
    /// without a count of its own goes to the shared count only when no kept element of
    /// that name is open, so that the shared count never swallows a kept element's end.
    fn take_dropped(&mut self, name: &str) -> bool {
        let tracked = self.dropped_open.iter().any(|(n, _)| n == name);
        if !tracked && self.open.iter().any(|n| n == name) {
            return false;
        }
        let key = if tracked { name } else { OTHER };
        match self
            .dropped_open
            .iter_mut()
            .find(|(n, c)| *c > 0 && n == key)
        {
            Some((_, count)) => {
                *count -= 1;
                true
            }
            None => false,
        }
    }

    /// After a kept or dropped start tag of a raw-text element, copies its content verbatim
    /// up to its end tag (which the next step handles), so `<` inside a script is not a tag.
    fn raw_text_after(&mut self, tag: &Tag) -> usize {
        if !RAW_TEXT.contains(&tag.name.as_str()) || tag.self_closing {
            return tag.stop;
        }
        let close = format!("</{}", tag.name);
        let stop = find_ascii_ci(self.html, tag.stop, &close).unwrap_or(self.html.len());
        self.out.push_str(&self.html[tag.stop..stop]);
        stop
    }
}

fn find(haystack: &str, from: usize, needle: &str) -> Option<usize> {
    haystack[from..].find(needle).map(|i| from + i)
}

/// Finds an ASCII `needle` case-insensitively from byte `from`.
fn find_ascii_ci(haystack: &str, from: usize, needle: &str) -> Option<usize> {
    let hay = haystack.as_bytes();
    let needle = needle.as_bytes();
    (from..hay.len().saturating_sub(needle.len() - 1))
        .find(|&i| hay[i..i + needle.len()].eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn depth_of(html: &str) -> usize {
        let (mut depth, mut max) = (0usize, 0usize);
        let mut rest = html;
        while let Some(i) = rest.find('<') {
            rest = &rest[i + 1..];
            if rest.starts_with('/') {
                depth = depth.saturating_sub(1);
            } else {
                depth += 1;
                max = max.max(depth);
            }
        }
        max
    }

    #[test]
    fn ordinary_markup_is_borrowed_unchanged() {
        let html =
            "<div><p>Die <b>Bundesregierung</b> &amp; die Länder</p><ul><li>a<li>b</ul></div>";
        assert!(matches!(bound(html, 4, 100), Cow::Borrowed(_)));
    }

    #[test]
    fn deep_nesting_is_flattened_keeping_all_text() {
        let html = format!("{}Kern{}", "<div>x".repeat(10_000), "</div>".repeat(10_000));
        let bounded = bound(&html, 100, MAX_TAGS);
        assert_eq!(depth_of(&bounded), 100);
        assert_eq!(bounded.matches('x').count(), 10_000);
        assert!(bounded.contains("Kern"));
        // Every kept element is closed again.
        assert_eq!(
            bounded.matches("<div>").count(),
            bounded.matches("</div>").count()
        );
    }

    #[test]
    fn unclosed_formatting_tags_are_bounded() {
        let html = "<b>".repeat(100_000) + "Text";
        let bounded = bound(&html, 100, MAX_TAGS);
        assert_eq!(bounded.matches("<b>").count(), 100);
        assert!(bounded.ends_with("Text"));
    }

    #[test]
    fn long_lists_of_unclosed_items_are_siblings_not_depth() {
        let html = format!("<ul>{}</ul>", "<li>Punkt".repeat(500));
        assert!(matches!(bound(&html, 10, MAX_TAGS), Cow::Borrowed(_)));
    }

    #[test]
    fn the_tag_count_is_bounded() {
        let html = "<i>a</i>".repeat(1_000);
        let bounded = bound(&html, 100, 300);
        assert_eq!(bounded.matches("<i>").count(), 300);
        assert_eq!(bounded.matches('a').count(), 1_000);
    }

    #[test]
    fn script_content_and_quoted_attributes_are_not_tags() {
        let html = format!(
            "<a title=\"<div><div>\">Link</a><script>{}</script>{}",
            "<div>".repeat(50),
            "<p>".repeat(5)
        );
        let bounded = bound(&html, 3, MAX_TAGS);
        assert!(bounded.contains("<a title=\"<div><div>\">Link</a>"));
        assert!(bounded.contains(&"<div>".repeat(50)));
    }

    #[test]
    fn quoted_attribute_values_do_not_end_a_tag_or_open_elements() {
        let html = format!(
            "<a title=\"<b><b><b><b>\" data-x='<i>'>Link</a>{}T",
            "<i>".repeat(4)
        );
        assert_eq!(
            bound(&html, 3, MAX_TAGS),
            format!(
                "<a title=\"<b><b><b><b>\" data-x='<i>'>Link</a>{} T",
                "<i>".repeat(3)
            )
        );
    }

    #[test]
    fn self_closing_tags_open_nothing() {
        let html = "<x/>".repeat(10) + "<p>T</p>";
        assert!(matches!(bound(&html, 3, MAX_TAGS), Cow::Borrowed(_)));
        let html = "<x />".repeat(3) + &"<y>".repeat(4) + "T";
        assert_eq!(
            bound(&html, 3, MAX_TAGS),
            "<x />".repeat(3) + &"<y>".repeat(3) + " T"
        );
    }

    #[test]
    fn many_distinct_dropped_names_never_swallow_a_kept_end_tag() {
        let names: String = (0..40).map(|i| format!("<n{i}>")).collect();
        let ends: String = (0..40).rev().map(|i| format!("</n{i}>")).collect();
        let spaces = " ".repeat(40);
        // Their own end tags are dropped with them (32 names counted one by one, the rest
        // together) …
        let html = format!("<k>{names}T{ends}</k><z>Z</z>");
        assert_eq!(
            bound(&html, 1, MAX_TAGS),
            format!("<k>{spaces}T{spaces}</k><z>Z</z>")
        );
        // … and without them, the kept element's end tag still closes it.
        let html = format!("<k>{names}T</k><z>Z</z>");
        assert_eq!(
            bound(&html, 1, MAX_TAGS),
            format!("<k>{spaces}T</k><z>Z</z>")
        );
    }

    #[test]
    fn the_names_counted_one_by_one_are_bounded() {
        let html: String = (0..100).map(|i| format!("<n{i}>")).collect();
        let mut bounder = Bounder::new(&html, 1, MAX_TAGS);
        bounder.run();
        assert_eq!(
            bounder.dropped_open.len(),
            DROPPED_NAMES + 1,
            "32 names and the shared count"
        );
    }

    #[test]
    fn end_tags_close_the_dropped_elements_first() {
        let html = "<div>x".repeat(5) + "T" + &"</div>".repeat(5);
        assert_eq!(
            bound(&html, 2, MAX_TAGS),
            "<div>x<div>x x x xT   </div></div>"
        );
    }

    #[test]
    fn void_and_stray_end_tags_count_toward_the_tag_bound() {
        let html = "a<br>".repeat(500);
        let bounded = bound(&html, 10, 300);
        assert_eq!(bounded.matches("<br>").count(), 300);
        assert_eq!(bounded.matches('a').count(), 500);
        let html = "b</p>".repeat(500);
        assert_eq!(bound(&html, 10, 300).matches("</p>").count(), 300);
    }

    #[test]
    fn implied_closes_keep_unclosed_siblings_flat() {
        for html in [
            format!("<dl>{}</dl>", "<dt>Begriff<dd>Erklärung".repeat(100)),
            format!("<select>{}</select>", "<option>Wahl".repeat(100)),
            format!("<table>{}</table>", "<tr><td>a<td>b<th>c".repeat(100)),
            format!("<table><tr>{}</table>", "<td>Zelle".repeat(100)),
            format!(
                "<table>{}</table>",
                "<thead><tr><td>a<tbody><tr><td>b".repeat(100)
            ),
            format!("<div>{}</div>", "<p>Absatz<div>Block</div>".repeat(100)),
            format!(
                "<main>{}</main>",
                "<p>Absatz<h2>Titel</h2><p>mehr<ul><li>x</ul>".repeat(100)
            ),
        ] {
            assert!(
                matches!(bound(&html, 6, MAX_TAGS), Cow::Borrowed(_)),
                "{}",
                &html[..40]
            );
        }
    }

    #[test]
    fn input_that_ends_inside_a_tag_is_handled() {
        for tail in [
            "<unterminated",
            "</b",
            "<a href=\"x",
            "<!-- offen",
            "<script>offen",
        ] {
            let html = "<b>".repeat(10) + "Text " + tail;
            let bounded = bound(&html, 3, MAX_TAGS);
            assert!(bounded.contains("Text"), "{tail}: {bounded}");
            assert_eq!(bounded.matches("<b>").count(), 3, "{tail}");
        }
    }

    #[test]
    fn stray_angle_brackets_stay_text() {
        let html = "a < b und c <3 ".repeat(200);
        assert_eq!(bound(&html, 3, 10), html);
    }
}
