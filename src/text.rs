//! Text from untrusted feeds made safe and readable: `sanitize` (no control characters or
//! escape sequences), inline cleaning for titles, and HTML → plain text with numbered links.

use std::borrow::Cow;
use std::cell::RefCell;
use std::rc::Rc;

use html2text::render::{TaggedLine, TextDecorator};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};
use url::Url;

mod inline_html;
mod markup;

pub use inline_html::adds_nothing as markup_adds_nothing;
pub use markup::bound_default as bound_markup_default;

/// The words of a text as the search index splits it: runs of letters and digits (SQLite's
/// `unicode61` tokenizer keeps letters, digits and private-use characters together), so
/// `COVID-19-Pandemie` is `COVID`, `19`, `Pandemie`. Case is left as written.
pub fn index_words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

/// Removes everything that could drive a terminal: C0 controls except `\n` and `\t`, DEL,
/// C1 controls, whole ESC sequences (CSI, OSC, DCS, SOS/PM/APC and two-byte escapes) and
/// bidi override/isolate characters. Applied at ingest and again by every printer.
pub fn sanitize(input: &str) -> Cow<'_, str> {
    if !input.chars().any(needs_sanitizing) {
        return Cow::Borrowed(input);
    }
    let mut out = String::with_capacity(input.len());
    let mut chars = input.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\u{1b}' => skip_escape(&mut chars),
            // 8-bit forms of CSI, OSC, DCS, SOS, PM and APC: drop the whole sequence too.
            '\u{9b}' => skip_csi(&mut chars),
            '\u{9d}' | '\u{90}' | '\u{98}' | '\u{9e}' | '\u{9f}' => skip_string(&mut chars),
            JOINER | NON_JOINER => {
                // Kept where a script needs them (between letters: Persian, Indic scripts);
                // elsewhere they glue emoji into sequences whose width terminals disagree
                // on, which leaves stray fragments on the screen.
                if joins_script(out.chars().next_back()) && joins_script(chars.peek().copied()) {
                    out.push(c);
                }
            }
            c if needs_sanitizing(c) => {}
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// A letter, or a sign of the scripts that shape with joiners (Indic viramas and vowel
/// signs, Myanmar, Khmer), which are marks rather than letters.
fn joins_script(c: Option<char>) -> bool {
    c.is_some_and(|c| {
        c.is_alphabetic()
            || ('\u{0900}'..='\u{0dff}').contains(&c)
            || ('\u{1000}'..='\u{109f}').contains(&c)
            || ('\u{1780}'..='\u{17ff}').contains(&c)
    })
}

const JOINER: char = '\u{200d}';
const NON_JOINER: char = '\u{200c}';

/// Controls, bidi overrides and isolates, and invisible characters that can hide or reorder
/// text in a title (bidi marks U+200E/U+200F/U+061C, zero-width space, word joiner and the
/// invisible operators, BOM, Mongolian vowel separator); joiners are looked at one by one.
fn needs_sanitizing(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{8}' | '\u{b}'..='\u{1f}' | '\u{7f}'..='\u{9f}'
        | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
        | '\u{200b}'..='\u{200f}' | '\u{061c}' | '\u{2060}'..='\u{2064}' | '\u{feff}'
        | '\u{180e}')
}

type Chars<'a> = std::iter::Peekable<std::str::Chars<'a>>;

/// Skips what follows an ESC: a CSI, a string command (OSC, DCS, …) or one final character.
fn skip_escape(chars: &mut Chars) {
    match chars.next() {
        Some('[') => skip_csi(chars),
        Some(']' | 'P' | 'X' | '^' | '_') => skip_string(chars),
        // nF sequences: intermediates 0x20–0x2F, then one final byte.
        Some(' '..='/') => {
            while let Some(' '..='/') = chars.peek() {
                chars.next();
            }
            chars.next();
        }
        _ => {}
    }
}

/// CSI: parameter and intermediate bytes up to a final byte in 0x40–0x7E.
fn skip_csi(chars: &mut Chars) {
    for c in chars.by_ref() {
        if ('\u{40}'..='\u{7e}').contains(&c) || !(' '..='\u{7e}').contains(&c) {
            break;
        }
    }
}

/// String commands end at BEL, ST (ESC \ or U+009C). Unterminated ones swallow the rest,
/// which is what a terminal would do with them too.
fn skip_string(chars: &mut Chars) {
    while let Some(c) = chars.next() {
        match c {
            '\u{7}' | '\u{9c}' => break,
            '\u{1b}' => {
                if chars.peek() == Some(&'\\') {
                    chars.next();
                }
                break;
            }
            _ => {}
        }
    }
}

/// Cuts `s` to `width` display columns, ending in `…` when cut.
pub fn fit(s: &str, width: usize) -> String {
    if UnicodeWidthStr::width(s) <= width {
        return s.to_owned();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        used += w;
        out.push(c);
    }
    out.push('…');
    out
}

/// Cuts `s` to `width` display columns at a word boundary, ending in `…` when cut (a single
/// word too long for the line is cut inside it, as [`fit`] does).
pub fn fit_words(s: &str, width: usize) -> String {
    if UnicodeWidthStr::width(s) <= width {
        return s.to_owned();
    }
    let cut = fit(s, width);
    let head = cut.trim_end_matches('…');
    match head.rfind(' ') {
        Some(space) if space > 0 => format!("{}…", head[..space].trim_end_matches([',', ':', ';'])),
        _ => cut,
    }
}

/// Greedy word wrap to `width` display columns; words longer than a line are split.
pub fn wrap(s: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut used = 0;
    for word in s.split_whitespace() {
        let w = UnicodeWidthStr::width(word);
        if used > 0 && used + 1 + w > width {
            lines.push(std::mem::take(&mut line));
            used = 0;
        }
        if used > 0 {
            line.push(' ');
            used += 1;
        }
        for c in word.chars() {
            let cw = UnicodeWidthChar::width(c).unwrap_or(0);
            if used + cw > width && used > 0 {
                lines.push(std::mem::take(&mut line));
                used = 0;
            }
            line.push(c);
            used += cw;
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// One-line text for titles, topics and feed names: sanitized, HTML entities decoded (also
/// the double-escaped `M&amp;#252;nchen` of GSB feeds), soft hyphens removed, whitespace
/// collapsed.
pub fn clean_inline(input: &str) -> String {
    let decoded = html_escape::decode_html_entities(input);
    let safe = sanitize(&decoded);
    collapse_whitespace(&safe)
}

/// Text in Unicode NFC: "u" with a combining diaeresis becomes "ü", as search and the
/// screen expect. Borrowed when it is already (ASCII always is). Applied to feeds and pages
/// as they are decoded, so everything stored is NFC.
pub fn nfc(text: &str) -> Cow<'_, str> {
    if text.is_ascii() {
        return Cow::Borrowed(text);
    }
    icu_normalizer::ComposingNormalizerBorrowed::new_nfc().normalize(text)
}

/// `text` in NFC, owned or borrowed as it came.
pub fn into_nfc(text: Cow<'_, str>) -> Cow<'_, str> {
    match nfc(&text) {
        Cow::Borrowed(_) => text,
        Cow::Owned(normalized) => Cow::Owned(normalized),
    }
}

/// Joins all runs of whitespace into one space and drops soft hyphens.
pub fn collapse_whitespace(input: &str) -> String {
    let mut out = String::with_capacity(input.len());
    for word in input.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().filter(|&c| c != '\u{ad}'));
    }
    out
}

/// HTML teaser → one line of plain text without link markers or images, for lists and search.
pub fn html_to_plain(html: &str) -> String {
    if !html.contains(['<', '&']) {
        return collapse_whitespace(&sanitize(html));
    }
    if let Some(text) = inline_html::simple_text(html) {
        return collapse_whitespace(&sanitize(&text));
    }
    full_html_to_plain(html)
}

/// Elements that do not break a word in the rendered text: `<b>Lärm</b>schutz` is one word.
const INLINE_ELEMENTS: &[&str] = &[
    "a", "abbr", "acronym", "b", "bdi", "bdo", "big", "cite", "code", "data", "del", "dfn", "em",
    "font", "i", "img", "ins", "kbd", "label", "mark", "s", "samp", "small", "span", "strike",
    "strong", "sub", "sup", "time", "tt", "u", "var", "wbr",
];

/// The words `html_to_plain` gives of an HTML body, cheaply, for scanning stored bodies by
/// the search rules: tags out (a block's tag separates words, an inline one does not),
/// comments, scripts and styles out, entities decoded, soft hyphens dropped. Not for
/// showing: no layout.
pub fn html_search_text(html: &str) -> String {
    if !html.contains(['<', '&']) {
        return html.replace('\u{ad}', "");
    }
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        if let Some(comment) = after.strip_prefix("!--") {
            rest = comment.find("-->").map_or("", |end| &comment[end + 3..]);
            out.push(' ');
            continue;
        }
        let is_tag = after.starts_with(|c: char| c.is_ascii_alphabetic() || c == '/' || c == '!');
        let Some(close) = after.find('>').filter(|_| is_tag) else {
            // A "<" that starts no tag is text.
            out.push('<');
            rest = after;
            continue;
        };
        let tag = &after[..close];
        let name = tag
            .trim_start_matches('/')
            .split(|c: char| c.is_whitespace() || c == '/')
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        rest = &after[close + 1..];
        if !tag.starts_with('/') && matches!(name.as_str(), "script" | "style" | "template") {
            let end = format!("</{name}");
            rest = rest
                .to_ascii_lowercase()
                .find(&end)
                .and_then(|at| rest[at..].find('>').map(|gt| &rest[at + gt + 1..]))
                .unwrap_or("");
        }
        if !INLINE_ELEMENTS.contains(&name.as_str()) {
            out.push(' ');
        }
    }
    out.push_str(rest);
    html_escape::decode_html_entities(&out).replace('\u{ad}', "")
}

/// `html_to_plain` through the HTML parser and renderer, whatever the markup.
fn full_html_to_plain(html: &str) -> String {
    let html = &*markup::bound_for_render(html);
    let decorator = ReaderDecorator::new(false);
    let text = guarded(|| {
        html2text::config::with_decorator(decorator).string_from_read(html.as_bytes(), 10_000)
    })
    .unwrap_or_else(|| strip_tags(html));
    collapse_whitespace(&sanitize(&text))
}

/// An HTML body rendered for reading: wrapped text with `[n]` after each link, and the links.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Rendered {
    pub text: String,
    /// Link targets in the order of their numbers (`links[0]` is `[1]`), resolved and cleaned.
    pub links: Vec<String>,
}

impl Rendered {
    /// The text followed by the numbered link list (`[1] https://…`), as `show` prints it.
    pub fn with_link_list(&self) -> String {
        let mut out = self.text.trim_end().to_owned();
        if !self.links.is_empty() {
            out.push_str("\n\nLinks:\n");
            for (i, link) in self.links.iter().enumerate() {
                out.push_str(&format!("[{}] {}\n", i + 1, link));
            }
        }
        out
    }
}

/// Narrowest column text is wrapped to, however deep it is indented.
const MIN_READABLE_WIDTH: usize = 24;

/// Renders HTML to text at `width` columns. `<script>` and `<style>` are dropped; each link
/// gets a number; relative links are resolved against `base`.
pub fn render(html: &str, width: usize, base: Option<&Url>) -> Rendered {
    let (text, urls) = render_with(html, width, true);
    let links = urls
        .iter()
        .map(|u| clean_link(u, base).unwrap_or_else(|| sanitize(u).into_owned()))
        .collect();
    Rendered { text, links }
}

/// The text [`render`] gives without the `[n]` after each link: the same lines and words,
/// for programs that quote or search it ("Lärm-Karte", not "Lärm[3]-Karte").
pub fn render_unmarked(html: &str, width: usize) -> String {
    render_with(html, width, false).0
}

/// The rendered text and, with `footnotes`, the link targets its numbers point to.
fn render_with(html: &str, width: usize, footnotes: bool) -> (String, Vec<String>) {
    let html = &*markup::bound_for_render(html);
    let decorator = ReaderDecorator::new(true);
    let urls = Rc::clone(&decorator.urls);
    let width = width.max(12);
    let text = guarded(|| {
        html2text::config::with_decorator(decorator)
            .link_footnotes(footnotes)
            // Deeply indented text keeps a readable width instead of one letter a line.
            .min_wrap_width(MIN_READABLE_WIDTH)
            .allow_width_overflow()
            .string_from_read(html.as_bytes(), width)
    })
    .unwrap_or_else(|| strip_tags(html));
    let urls = urls.take();
    // Soft hyphens (GSB pages use &shy; in long words) would show as stray characters.
    (tidy_lines(&sanitize(&text).replace('\u{ad}', "")), urls)
}

/// Runs html2text, turning its errors and panics (arithmetic overflows on odd nesting, found
/// by fuzzing) into `None`, so that a hostile page degrades to plain text.
fn guarded(render: impl FnOnce() -> Result<String, html2text::Error>) -> Option<String> {
    catch_panic(render)?.ok()
}

thread_local! {
    static IN_GUARD: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Runs third-party parsing code on hostile input; a panic in it becomes `None`. Panic hooks
/// ask [`panic_is_guarded`] and stay quiet for these, so the terminal is not disturbed.
pub fn catch_panic<T>(work: impl FnOnce() -> T) -> Option<T> {
    let was = IN_GUARD.with(|g| g.replace(true));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(work)).ok();
    IN_GUARD.with(|g| g.set(was));
    result
}

/// Whether the panic now being reported happens inside [`catch_panic`] and will be handled.
pub fn panic_is_guarded() -> bool {
    IN_GUARD.with(std::cell::Cell::get)
}

/// Last resort when HTML cannot be rendered: the text between the tags, entities decoded.
fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    collapse_whitespace(&sanitize(&html_escape::decode_html_entities(&out)))
}

/// Trims trailing spaces and squeezes runs of blank lines to one.
fn tidy_lines(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank = 0;
    for line in text.lines() {
        let line = line.trim_end();
        if line.is_empty() {
            blank += 1;
            if blank > 1 {
                continue;
            }
        } else {
            blank = 0;
        }
        out.push_str(line);
        out.push('\n');
    }
    out.trim_matches('\n').to_owned()
}

/// An absolute http(s) URL, or `None`: the one check for links that are opened, linked in
/// exports or written as terminal hyperlinks.
pub fn http_url(raw: &str) -> Option<Url> {
    Url::parse(raw.trim())
        .ok()
        .filter(|url| matches!(url.scheme(), "http" | "https"))
}

/// A link as stored and opened: trimmed, resolved against `base`, `;jsessionid=…` removed,
/// sanitized. `None` when it is not a valid absolute URL even after resolving.
pub fn clean_link(raw: &str, base: Option<&Url>) -> Option<String> {
    let trimmed: String = sanitize(raw.trim())
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    if trimmed.is_empty() {
        return None;
    }
    let url = match Url::parse(&trimmed) {
        Ok(url) => url,
        Err(url::ParseError::RelativeUrlWithoutBase) => base?.join(&trimmed).ok()?,
        Err(_) => return None,
    };
    Some(strip_jsessionid(url.as_str()))
}

/// Removes the `;jsessionid=…` path parameter that GSB sites append to links.
pub fn strip_jsessionid(url: &str) -> String {
    let lower = url.to_ascii_lowercase();
    let Some(start) = lower.find(";jsessionid=") else {
        return url.to_owned();
    };
    let end = url[start..]
        .find(['?', '#'])
        .map_or(url.len(), |offset| start + offset);
    format!("{}{}", &url[..start], &url[end..])
}

/// html2text decorator: links become `text[n]` (or plain text), images `[Bild: alt]`.
#[derive(Clone)]
struct ReaderDecorator {
    numbered_links: bool,
    urls: Rc<RefCell<Vec<String>>>,
}

impl ReaderDecorator {
    fn new(numbered_links: bool) -> Self {
        Self {
            numbered_links,
            urls: Rc::default(),
        }
    }
}

impl TextDecorator for ReaderDecorator {
    type Annotation = ();

    fn decorate_link_start(&mut self, _url: &str) -> (String, ()) {
        (String::new(), ())
    }
    fn decorate_link_end(&mut self) -> String {
        String::new()
    }
    fn decorate_em_start(&self) -> (String, ()) {
        (String::new(), ())
    }
    fn decorate_em_end(&self) -> String {
        String::new()
    }
    fn decorate_strong_start(&self) -> (String, ()) {
        (String::new(), ())
    }
    fn decorate_strong_end(&self) -> String {
        String::new()
    }
    fn decorate_strikeout_start(&self) -> (String, ()) {
        (String::new(), ())
    }
    fn decorate_strikeout_end(&self) -> String {
        String::new()
    }
    fn decorate_code_start(&self) -> (String, ()) {
        (String::new(), ())
    }
    fn decorate_code_end(&self) -> String {
        String::new()
    }
    fn decorate_preformat_first(&self) {}
    fn decorate_preformat_cont(&self) {}
    fn decorate_image(&mut self, _src: &str, title: &str) -> (String, ()) {
        let alt = collapse_whitespace(title);
        if alt.is_empty() || !self.numbered_links {
            (String::new(), ())
        } else {
            (format!("[Bild: {alt}]"), ())
        }
    }
    fn header_prefix(&self, level: usize) -> String {
        "#".repeat(level) + " "
    }
    fn quote_prefix(&self) -> String {
        "> ".to_owned()
    }
    fn unordered_item_prefix(&self) -> String {
        "• ".to_owned()
    }
    fn ordered_item_prefix(&self, i: i64) -> String {
        format!("{i}. ")
    }
    fn make_subblock_decorator(&self) -> Self {
        self.clone()
    }
    fn decorate_superscript_start(&self) -> (String, ()) {
        (String::new(), ())
    }
    fn decorate_superscript_end(&self) -> String {
        String::new()
    }
    fn finalise(&mut self, urls: Vec<String>) -> Vec<TaggedLine<()>> {
        // The footnote numbers html2text wrote inline index into this list.
        *self.urls.borrow_mut() = urls;
        Vec::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Teasers as ministries write them, and the edges of simple markup.
    const SIMPLE_TEASERS: &[&str] = &[
        "<p><strong>Die Stadtverwaltung kritisiert künstliche Intelligenz</strong> – Für Rückfragen steht das Büro zur Verfügung.</p><p><a href=\"https://www.bmi.bund.de/x.html\">Weiterlesen&nbsp;»</a></p>",
        "Bundesminister Dobrindt: &bdquo;Wir sch&uuml;tzen die Demokratie&ldquo; &ndash; mehr Mittel f&#252;r den Katastrophenschutz&#x2026;",
        "<P CLASS=\"teaser\">Gro&szlig;e <EM>Mehrheit</EM><BR/>f&uuml;r die Reform</P>",
        "Zeile eins<br>Zeile zwei<br />Zeile drei<div>Block</div>Ende",
        "Wort<span lang=\"en\">Teil</span>Wort, <a title='a > b' href=\"/x\">Link</a> &amp; mehr",
        "AT&amp;T &lt;tag&gt; &quot;zitiert&quot; &#39;einfach&#39; R&uuml;ckschau & Ausblick",
        "Das <abbr title=\"Bundesministerium\">BMI</abbr> am <time datetime=\"2026-01-01\">1.1.</time>",
        "  viel   Raum\n\tund\r\nUmbrüche  <b> fett </b> <i>kursiv</i> <u>unter</u> <small>klein</small> ",
        "Ende mit &",
    ];

    /// Markup the fast path leaves to the full conversion.
    const OTHER_MARKUP: &[&str] = &[
        "<ul><li>eins</li><li>zwei</li></ul>",
        "<p>Bild <img src=\"a.png\" alt=\"Minister\"></p>",
        "<h2>Überschrift</h2>Text",
        "Text <!-- Kommentar --> mehr",
        "Legacy &auml ohne Semikolon",
        "Unbekannt &foo; Entität",
        "Windows &#150; Strich",
        "Kaputt <a href=\"x",
        "a < b und c > d",
        "<script>alert(1)</script>Text",
        "m<sup>2</sup> und H<sub>2</sub>O",
    ];

    #[test]
    fn simple_markup_takes_the_short_way_to_the_same_text() {
        for html in SIMPLE_TEASERS {
            let fast = inline_html::simple_text(html)
                .unwrap_or_else(|| panic!("not taken as simple: {html}"));
            assert_eq!(
                collapse_whitespace(&sanitize(&fast)),
                full_html_to_plain(html),
                "{html}"
            );
        }
        for html in OTHER_MARKUP {
            assert_eq!(inline_html::simple_text(html), None, "{html}");
            // And the whole conversion still gives the full one's text.
            assert_eq!(html_to_plain(html), full_html_to_plain(html));
        }
    }

    #[test]
    fn a_teaser_is_kept_as_text_alone_only_when_its_markup_adds_nothing() {
        let own = Some("https://www.bmi.bund.de/SharedDocs/kurzmeldungen/DE/2026/11/x.html");
        // Bold text and a link to the article itself: the text says it all.
        assert!(markup_adds_nothing(
            "<p><strong>Titel</strong> – Text.</p><p><a href=\"https://www.bmi.bund.de/SharedDocs/kurzmeldungen/DE/2026/11/x.html\">Weiterlesen&nbsp;»</a></p>",
            own
        ));
        // The same link written relative, with a session id, in single quotes.
        assert!(markup_adds_nothing(
            "Text <A HREF='/SharedDocs/kurzmeldungen/DE/2026/11/x.html;jsessionid=ABC'>mehr</A>",
            own
        ));
        assert!(markup_adds_nothing("Nur Text &amp; Entitäten", None));
        // A link elsewhere, a link without an article link, lists and images keep the HTML.
        assert!(!markup_adds_nothing(
            "Siehe <a href=\"https://www.bmas.de/anderes.html\">BMAS</a>",
            own
        ));
        assert!(!markup_adds_nothing(
            "<a href=\"https://a.de/\">a</a>",
            None
        ));
        assert!(!markup_adds_nothing("<ul><li>eins</li></ul>", own));
        assert!(!markup_adds_nothing(
            "<img src=\"x.png\" alt=\"Bild\">",
            own
        ));
    }

    #[test]
    fn fit_words_cuts_between_words() {
        assert_eq!(
            fit_words("use YYYY-MM-DD, DD.MM.YYYY or 7d", 40),
            "use YYYY-MM-DD, DD.MM.YYYY or 7d"
        );
        assert_eq!(
            fit_words("use YYYY-MM-DD, DD.MM.YYYY or 7d", 25),
            "use YYYY-MM-DD…"
        );
        assert_eq!(fit_words("Verwaltungsdigitalisierung", 10), "Verwaltun…");
    }

    #[test]
    fn invisible_characters_go_and_joiners_stay_only_between_letters() {
        // Bidi marks and zero-width characters that hide or reorder text in a title.
        assert_eq!(sanitize("Bund\u{200e}es\u{200f}amt\u{061c}"), "Bundesamt");
        assert_eq!(sanitize("Zero\u{200b}width\u{2060}\u{feff}"), "Zerowidth");
        // A ZWJ emoji sequence falls apart into its emoji, which every terminal draws alike.
        assert_eq!(
            sanitize("Familie \u{1f468}\u{200d}\u{1f469}\u{200d}\u{1f467}!"),
            "Familie \u{1f468}\u{1f469}\u{1f467}!"
        );
        // Persian needs its non-joiner between letters; Devanagari its joiner.
        assert_eq!(sanitize("می\u{200c}خواهم"), "می\u{200c}خواهم");
        assert_eq!(sanitize("क्\u{200d}ष"), "क्\u{200d}ष");
        assert_eq!(
            sanitize("\u{200d}Anfang und Ende\u{200c}"),
            "Anfang und Ende"
        );
        // Viramas are marks, not letters: Myanmar and Khmer keep their joiners after them.
        assert_eq!(sanitize("က\u{1039}\u{200d}က"), "က\u{1039}\u{200d}က");
        assert_eq!(sanitize("ក\u{17d2}\u{200d}ក"), "ក\u{17d2}\u{200d}ក");
        assert_eq!(
            sanitize("A\u{1b}(BZ"),
            "AZ",
            "an nF escape with its final byte"
        );
    }

    #[test]
    fn sanitize_removes_escape_sequences_and_controls() {
        let hostile = "A\u{1b}[31mrot\u{1b}[0m B\u{1b}]8;;http://evil\u{7}link\u{1b}]8;;\u{1b}\\ C\u{1b}]52;c;ZXZpbA==\u{7}D\u{1b}Pq#0\u{1b}\\E\u{0}\u{7}\u{8}\u{85}\u{9b}2J\u{202e}F\u{2066}";
        assert_eq!(sanitize(hostile), "Arot Blink CDEF");
        assert_eq!(
            sanitize("Zeile 1\n\tZeile 2 äöü ß"),
            "Zeile 1\n\tZeile 2 äöü ß"
        );
    }

    #[test]
    fn sanitize_swallows_unterminated_osc() {
        assert_eq!(sanitize("ok\u{1b}]0;title never ends"), "ok");
        assert_eq!(sanitize("trailing esc\u{1b}"), "trailing esc");
    }

    #[test]
    fn clean_inline_decodes_double_escaped_entities_and_soft_hyphens() {
        assert_eq!(
            clean_inline("nach M&#252;nchen &amp; Berlin"),
            "nach München & Berlin"
        );
        assert_eq!(
            clean_inline("Wohnungs\u{ad}losigkeit  \n überwinden"),
            "Wohnungslosigkeit überwinden"
        );
        assert_eq!(clean_inline("Ma&szlig;nahmen &uuml;ber"), "Maßnahmen über");
    }

    #[test]
    fn html_to_plain_drops_images_links_and_whitespace() {
        let html = r#"<p>
            <a href="https://www.bmas.de/x.html"><img align="left" src="a.jpg" alt="" /></a>
            Am 30. September 2026 hat das BMAS   den Preis vergeben.
        </p><br clear="all"/>"#;
        assert_eq!(
            html_to_plain(html),
            "Am 30. September 2026 hat das BMAS den Preis vergeben."
        );
        assert_eq!(html_to_plain("Ma&#223;nahmen f&#252;r"), "Maßnahmen für");
    }

    #[test]
    fn render_numbers_links_and_drops_scripts() {
        let html = r#"<h2>Termine</h2><p>Siehe <a href="/DE/termine.html;jsessionid=ABC123?nn=1">Termine</a> und
            <a href="https://example.org/b">B</a>.</p><script>alert(1)</script><style>p{}</style>
            <p><img src="x.png" alt="Ministerin am Pult"></p>"#;
        let base = Url::parse("https://www.bmi.bund.de/DE/start.html").ok();
        let r = render(html, 80, base.as_ref());
        assert_eq!(
            r.text,
            "## Termine\n\nSiehe Termine[1] und B[2].\n\n[Bild: Ministerin am Pult]"
        );
        assert_eq!(
            r.links,
            vec![
                "https://www.bmi.bund.de/DE/termine.html?nn=1",
                "https://example.org/b"
            ]
        );
        assert!(r.with_link_list().ends_with(
            "[1] https://www.bmi.bund.de/DE/termine.html?nn=1\n[2] https://example.org/b\n"
        ));
    }

    /// `text` without its `[n]` markers, the plain evaluator of what `render_unmarked` gives.
    fn without_markers(text: &str) -> String {
        let mut out = String::new();
        let mut rest = text;
        while let Some(open) = rest.find('[') {
            out.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            match after.find(']') {
                Some(close) if close > 0 && after[..close].bytes().all(|b| b.is_ascii_digit()) => {
                    rest = &after[close + 1..];
                }
                _ => {
                    out.push('[');
                    rest = after;
                }
            }
        }
        out.push_str(rest);
        out
    }

    #[test]
    fn unmarked_text_is_the_text_without_link_numbers() {
        let html = r#"<p>Die <a href="/laerm">Lärm</a>-Karte und <a href="/b">§ 5</a>.</p>"#;
        assert_eq!(
            render(html, 10_000, None).text,
            "Die Lärm[1]-Karte und § 5[2]."
        );
        assert_eq!(render_unmarked(html, 10_000), "Die Lärm-Karte und § 5.");

        // Generated bodies: paragraphs, lists and headings of words, some linked inside a
        // word, some with images; unwrapped, the unmarked text is the text minus its markers.
        let words = [
            "Bürger", "Lärm", "Straße", "-Karte", "&amp;", "(BMI)", "2026", "Öl",
        ];
        let mut state = 0x2545_f491_u32;
        let mut next = |n: usize| {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            state as usize % n
        };
        for _ in 0..300 {
            let mut html = String::new();
            for _ in 0..1 + next(4) {
                let (open, close) = match next(4) {
                    0 => ("<h2>", "</h2>"),
                    1 => ("<ul><li>", "</li></ul>"),
                    _ => ("<p>", "</p>"),
                };
                html.push_str(open);
                for _ in 0..1 + next(8) {
                    let word = words[next(words.len())];
                    match next(5) {
                        0 => html.push_str(&format!("<a href=\"/{}\">{word}</a>", next(9))),
                        1 => html.push_str(&format!("<img src=\"x.png\" alt=\"{word}\"> ")),
                        2 => html.push_str(word),
                        _ => html.push_str(&format!("{word} ")),
                    }
                }
                html.push_str(close);
            }
            let marked = render(&html, 10_000, None).text;
            assert_eq!(
                render_unmarked(&html, 10_000),
                without_markers(&marked),
                "{html}"
            );
        }
    }

    #[test]
    fn render_wraps_to_width_and_survives_tiny_widths() {
        let html = "<p>Bundesministerium des Innern und für Heimat informiert über Verwaltungsdigitalisierung</p>";
        let r = render(html, 30, None);
        assert!(
            r.text.lines().all(|l| l.chars().count() <= 30),
            "{}",
            r.text
        );
        assert!(r.text.contains("Verwaltungsdigitalisierung"));
        assert!(!render(html, 1, None).text.is_empty());
    }

    #[test]
    fn wrap_breaks_words_and_long_urls() {
        assert_eq!(
            wrap("Zukunft der Verwaltungsdigitalisierung", 12),
            ["Zukunft der", "Verwaltungsd", "igitalisieru", "ng"]
        );
        assert_eq!(wrap("ein kurzer Satz", 40), ["ein kurzer Satz"]);
        assert_eq!(wrap("", 5), [""]);
    }

    #[test]
    fn fuzz_regression_list_width_overflow_renders_something() {
        let path = format!(
            "{}/tests/fixtures/fuzz/html-list-width-overflow.html",
            env!("CARGO_MANIFEST_DIR")
        );
        let html = String::from_utf8_lossy(&std::fs::read(path).expect("fixture")).into_owned();
        let r = render(&html, 60, None);
        assert!(r.text.contains("Verwaltungsdigitalisierung"), "{}", r.text);
        assert!(!html_to_plain(&html).is_empty());
    }

    #[test]
    fn strip_jsessionid_keeps_query_and_fragment() {
        assert_eq!(
            strip_jsessionid("https://a.de/x.html;jsessionid=9F0?nn=2#top"),
            "https://a.de/x.html?nn=2#top"
        );
        assert_eq!(
            strip_jsessionid("https://a.de/x.html;JSESSIONID=9F0"),
            "https://a.de/x.html"
        );
        assert_eq!(
            strip_jsessionid("https://a.de/x.html"),
            "https://a.de/x.html"
        );
    }

    #[test]
    fn clean_link_trims_and_resolves() {
        let base = Url::parse("https://www.bmz.de/de/feed.rss").ok();
        assert_eq!(
            clean_link("\n   /de/aktuelles  \n", base.as_ref()).as_deref(),
            Some("https://www.bmz.de/de/aktuelles")
        );
        assert_eq!(clean_link("relative", None), None);
        assert_eq!(clean_link("", base.as_ref()), None);
    }
}
