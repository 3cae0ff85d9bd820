//! Exports for scripts and reports: NDJSON, CSV and Markdown lists, and an article as
//! Markdown. Every string from a feed is sanitized here too; Markdown and CSV quoting is
//! done so a title can never break out of its cell.

use std::io::Write;

use anyhow::Result;
use chrono::SecondsFormat;

use super::output::{self, JsonArticle};
use crate::i18n::Lang;
use crate::model::{Article, ArticleSummary, Ministries, TopicCount};
use crate::text::sanitize;

/// One compact JSON object per line (same fields as `--format json`).
pub fn ndjson(
    rows: &[ArticleSummary],
    ministries: &Ministries,
    out: &mut impl Write,
) -> Result<()> {
    for row in rows {
        serde_json::to_writer(&mut *out, &JsonArticle::new(row, ministries))?;
        writeln!(out)?;
    }
    Ok(())
}

/// CSV with a header; topics joined with "; ".
pub fn csv(rows: &[ArticleSummary], out: &mut impl Write) -> Result<()> {
    let mut writer = ::csv::Writer::from_writer(&mut *out);
    writer.write_record([
        "id",
        "published",
        "feed",
        "ministry",
        "title",
        "link",
        "topics",
        "read",
        "starred",
        "summary",
        // Added last, so readers of the older columns by position read on unchanged.
        "date_unknown",
    ])?;
    for a in rows {
        let clean = |s: &str| csv_cell(&sanitize(s));
        writer.write_record([
            a.id.0.to_string(),
            a.published.to_rfc3339_opts(SecondsFormat::Secs, true),
            clean(&a.feed),
            a.ministry.as_deref().map(clean).unwrap_or_default(),
            clean(&a.title),
            a.link.as_deref().map(clean).unwrap_or_default(),
            clean(&a.topics.join("; ")),
            a.read.to_string(),
            a.starred.to_string(),
            clean(&a.summary),
            a.date_unknown.to_string(),
        ])?;
    }
    writer.flush()?;
    Ok(())
}

/// A cell a spreadsheet will not run: text starting with `=`, `+`, `-`, `@`, a tab or a
/// carriage return gets a leading `'` (OWASP's advice against CSV formula injection).
fn csv_cell(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_owned()
    }
}

/// Characters that start Markdown markup: HTML (`<`, entities with `&`), links and images
/// (`[`, `]`, `!`, `(`, `)`), emphasis, code, headings, tables. Escaped with a backslash,
/// which CommonMark allows before any ASCII punctuation, they stay text.
fn is_markup(c: char) -> bool {
    matches!(
        c,
        '\\' | '|' | '[' | ']' | '*' | '_' | '`' | '<' | '>' | '#' | '!' | '(' | ')' | '&' | '~'
    )
}

/// Text for a Markdown table cell or link label: one line, with the characters that would
/// end the cell or start markup escaped.
fn md_inline(text: &str) -> String {
    let one_line = sanitize(text).replace(['\n', '\r'], " ");
    let mut out = String::with_capacity(one_line.len());
    for c in one_line.chars() {
        if is_markup(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// An article's text for Markdown: every character that could start markup is escaped, so
/// no HTML, link, image or link definition of a feed survives; only the link markers the
/// renderer put after a link's text (`Digitalstrategie[1]`, numbers up to `links`) stay
/// markers, to be links through the definitions amtsfeed writes. A marker is never at the
/// start of a line (where `[1]: …` would define a link) and what follows it is escaped (so
/// `[1](…)` cannot become an inline link).
fn md_text(text: &str, links: usize) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '[' {
            if let Some(len) = link_marker(&chars[i..], links) {
                let after_text = i > 0 && !chars[i - 1].is_whitespace();
                if after_text {
                    out.extend(&chars[i..i + len]);
                    i += len;
                    continue;
                }
            }
        }
        if is_markup(c) {
            out.push('\\');
        }
        out.push(c);
        i += 1;
    }
    out
}

/// The length of a link marker `[N]` at the start of `chars`, N from 1 to `links`.
fn link_marker(chars: &[char], links: usize) -> Option<usize> {
    let digits = chars[1..].iter().take_while(|c| c.is_ascii_digit()).count();
    if digits == 0 || chars.get(1 + digits) != Some(&']') {
        return None;
    }
    let n: usize = chars[1..=digits].iter().collect::<String>().parse().ok()?;
    (1..=links).contains(&n).then_some(digits + 2)
}

/// A link target in angle brackets (parentheses in ministry URLs stay intact); only http(s).
fn md_url(link: &str) -> Option<String> {
    crate::text::http_url(link).map(|url| format!("<{url}>"))
}

/// `| Date | Feed | Title |` with linked titles.
pub fn markdown_table(rows: &[ArticleSummary], lang: Lang, out: &mut impl Write) -> Result<()> {
    let (date, feed, title) = match lang {
        Lang::De => ("Datum", "Feed", "Titel"),
        Lang::En | Lang::Neutral => ("Date", "Feed", "Title"),
    };
    writeln!(out, "| {date} | {feed} | {title} |")?;
    writeln!(out, "|---|---|---|")?;
    for a in rows {
        let label = md_inline(&a.title);
        let linked = match a.link.as_deref().and_then(md_url) {
            Some(url) => format!("[{label}]({url})"),
            None => label,
        };
        let day = output::date(&a.published, lang);
        // In a report, a day nobody gave is said in words, as `show` says it.
        let day = if a.date_unknown {
            format!("{} {day}", lang.texts().date_unknown_first_seen)
        } else {
            day
        };
        writeln!(
            out,
            "| {day} | {} | {linked} |",
            md_inline(a.ministry.as_deref().unwrap_or(&a.feed)),
        )?;
    }
    Ok(())
}

/// One topic count as JSON (`topics --format json|ndjson`).
pub fn topic_json(t: &TopicCount) -> serde_json::Value {
    serde_json::json!({ "topic": sanitize(&t.topic), "count": t.count })
}

/// One topic count per line.
pub fn ndjson_topics(counts: &[TopicCount], out: &mut impl Write) -> Result<()> {
    for t in counts {
        writeln!(out, "{}", topic_json(t))?;
    }
    Ok(())
}

/// `topic,count` with a header.
pub fn csv_topics(counts: &[TopicCount], out: &mut impl Write) -> Result<()> {
    let mut writer = ::csv::Writer::from_writer(&mut *out);
    writer.write_record(["topic", "count"])?;
    for t in counts {
        writer.write_record([csv_cell(&sanitize(&t.topic)), t.count.to_string()])?;
    }
    writer.flush()?;
    Ok(())
}

/// `| Topic | Articles |`.
pub fn markdown_topics(counts: &[TopicCount], lang: Lang, out: &mut impl Write) -> Result<()> {
    let (topic, articles) = match lang {
        Lang::De => ("Thema", "Artikel"),
        Lang::En | Lang::Neutral => ("Topic", "Articles"),
    };
    writeln!(out, "| {topic} | {articles} |")?;
    writeln!(out, "|---|---:|")?;
    for t in counts {
        writeln!(out, "| {} | {} |", md_inline(&t.topic), t.count)?;
    }
    Ok(())
}

/// The article as Markdown: heading, details, the text, and its numbered links as reference
/// definitions, so the `[1]` markers in the text become links.
pub fn article_markdown(
    article: &Article,
    width: usize,
    lang: Lang,
    out: &mut impl Write,
) -> Result<()> {
    let a = &article.summary;
    let t = lang.texts();
    writeln!(out, "# {}", md_inline(&a.title))?;
    writeln!(out)?;
    writeln!(out, "- **{}:** {}", t.show_feed, md_inline(&a.feed))?;
    writeln!(
        out,
        "- **{}:** {}",
        t.show_date,
        lang.date_time(a.published)
    )?;
    if let Some(kind) = a.kind_with_number() {
        writeln!(out, "- **{}:** {}", t.show_type, md_inline(&kind))?;
    }
    if !a.topics.is_empty() {
        writeln!(
            out,
            "- **{}:** {}",
            t.show_topics,
            md_inline(&a.topics.join(", "))
        )?;
    }
    if let Some(url) = a.link.as_deref().and_then(md_url) {
        writeln!(out, "- **{}:** {url}", t.show_link)?;
    }
    writeln!(out)?;
    let rendered = output::render_body(article, width);
    let body = sanitize(rendered.text.trim_end());
    writeln!(out, "{}", md_text(&body, rendered.links.len()))?;
    if !rendered.links.is_empty() {
        writeln!(out)?;
        for (i, link) in rendered.links.iter().enumerate() {
            if let Some(url) = md_url(link) {
                writeln!(out, "[{}]: {url}", i + 1)?;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_cells_that_start_a_formula_get_a_quote() {
        for formula in ["=1+2", "+cmd", "-2+3", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(csv_cell(formula), format!("'{formula}"));
        }
        assert_eq!(csv_cell("Förderung = Zukunft"), "Förderung = Zukunft");
        assert_eq!(csv_cell(""), "");
    }

    #[test]
    fn markdown_cells_cannot_break_out() {
        assert_eq!(
            md_inline("A | B [x](y) *z*"),
            "A \\| B \\[x\\]\\(y\\) \\*z\\*"
        );
        assert_eq!(md_inline("Zeile\neins"), "Zeile eins");
        assert_eq!(md_inline("\u{1b}[31mrot"), "rot");
        assert_eq!(
            md_url("https://www.bmi.bund.de/a_(b).html").as_deref(),
            Some("<https://www.bmi.bund.de/a_(b).html>")
        );
        assert_eq!(md_url("javascript:alert(1)"), None);
    }

    #[test]
    fn only_the_renderers_link_markers_stay_markers() {
        // After a link's text and within the link count: a marker.
        assert_eq!(
            md_text("Die Strategie[1] und[2].", 2),
            "Die Strategie[1] und[2]."
        );
        // Beyond the count, at a line's start (a definition), after a space: text.
        assert_eq!(md_text("Fußnote[3]", 2), "Fußnote\\[3\\]");
        assert_eq!(
            md_text("[1]: https://evil.example/", 2),
            "\\[1\\]: https://evil.example/"
        );
        assert_eq!(md_text("Text\n[1]: x", 2), "Text\n\\[1\\]: x");
        assert_eq!(md_text("siehe [1]", 2), "siehe \\[1\\]");
        // What follows a marker is escaped: no inline link.
        assert_eq!(
            md_text("Hier[1](https://evil.example)", 1),
            "Hier[1]\\(https://evil.example\\)"
        );
        // HTML, images and entities stay text.
        assert_eq!(
            md_text("<b>&amp;</b> ![x](y)", 0),
            "\\<b\\>\\&amp;\\</b\\> \\!\\[x\\]\\(y\\)"
        );
        assert_eq!(md_text("[", 1), "\\[");
        assert_eq!(md_text("a[]", 1), "a\\[\\]");
    }
}
