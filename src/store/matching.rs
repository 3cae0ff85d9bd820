//! A filter's words and conditions as search: what the word index can answer as one FTS5
//! expression (a word as the index words containing it, a whole word as itself, OR, NOT
//! beside a positive part, one column), and the rest as SQL over the articles. The index
//! holds every text in key form (`filter::word::key`), so one spelling of a word is all a
//! search needs; what it cannot answer is scanned by the same rules (`scan`).

use rusqlite::types::Value;

use crate::filter::word::Term;
use crate::filter::{Cond, Field, Filter, IndexTerms};

/// How a filter's words and conditions are searched.
#[derive(Debug, Default)]
pub(super) struct Plan<'a> {
    /// The FTS5 expression the index answers, if any part of the filter is one.
    pub fts: Option<String>,
    /// Keywords the index cannot answer (a part of a word too short to look up, or in too
    /// many words): scanned for.
    pub short: Vec<&'a str>,
    /// Conditions checked on the articles themselves.
    pub rest: Vec<&'a Cond>,
    /// Negations the index can answer when nothing positive is searched (`-corona` alone):
    /// FTS5 cannot start from a NOT, so they are SQL, asked for the query's days only
    /// (`negation_sql`). Beside a positive part they are in `fts`.
    pub negated: Vec<String>,
}

/// A part of a word shorter than this is looked up by the index words' letters and pairs;
/// longer ones by their trigrams.
pub(super) const MIN_PIECE_CHARS: usize = 3;

/// Most index words one search word may stand for in an expression; a word in more is
/// scanned for (`ung` is in most words of a language, and in most articles: the scan of
/// the newest rows fills a page at once).
pub(super) const MAX_TERMS_PER_WORD: usize = 1_000;

/// The piece of a word whose index words must be looked up: a part of a word (not a whole
/// word), its first piece (it may end a longer word: `schutz-gesetz` in
/// `Katastrophenschutz-Gesetz`).
pub(super) fn piece_to_look_up(word: &str) -> Option<String> {
    let term = Term::parse(word)?;
    let first = term.pieces.into_iter().next()?;
    (!term.whole).then_some(first)
}

/// Splits the filter: the words and conditions that all must hold and that the index can
/// answer become one expression, with the negations it can answer; the rest stays SQL.
pub(super) fn plan<'a>(filter: &'a Filter, terms: &IndexTerms) -> Plan<'a> {
    let mut plan = Plan::default();
    let mut positive: Vec<String> = Vec::new();
    for word in &filter.keywords {
        match fts_word(Field::Any, word, terms) {
            Some(expr) => positive.push(expr),
            None if asks_for_something(word) => plan.short.push(word),
            None => {}
        }
    }
    for cond in &filter.conditions {
        match cond {
            Cond::Not(inner) => match fts(inner, terms) {
                Some(expr) => plan.negated.push(expr),
                None => plan.rest.push(cond),
            },
            _ => match fts(cond, terms) {
                Some(expr) => positive.push(expr),
                None => plan.rest.push(cond),
            },
        }
    }
    if positive.is_empty() {
        return plan;
    }
    // Beside a positive part the index subtracts the negations itself (FTS5's NOT is binary):
    // it walks the positive matches and skips the negated ones.
    let mut expr = positive.join(" AND ");
    if !plan.negated.is_empty() {
        expr = format!("({expr}) NOT ({})", plan.negated.join(" OR "));
        plan.negated.clear();
    }
    plan.fts = Some(expr);
    plan
}

/// A negated index expression as SQL, its parameters added to `args`. The index is asked
/// only about the days the query covers (`first_key`, `end_key`: search keys), so a page of
/// the newest rows reads a common word's matches of those days, not of all time.
pub(super) fn negation_sql(
    expr: &str,
    first_key: Option<i64>,
    end_key: Option<i64>,
    args: &mut Vec<Value>,
) -> String {
    args.push(Value::Text(expr.to_owned()));
    let mut sql = String::from(
        "a.search_key NOT IN (SELECT rowid FROM article_search WHERE article_search MATCH ?",
    );
    if let Some(key) = first_key {
        sql.push_str(" AND rowid >= ?");
        args.push(Value::Integer(key));
    }
    if let Some(key) = end_key {
        sql.push_str(" AND rowid < ?");
        args.push(Value::Integer(key));
    }
    sql.push(')');
    sql
}

/// One word as an FTS5 expression over the index's words (see `filter::word` for the
/// rules): a whole word, or words of several pieces side by side, as a phrase of exact
/// words; a part of a word as the index words that contain it (`schutz`:
/// `katastrophenschutz OR schutzschirm …`); several pieces as a phrase whose first piece may
/// end a word and whose last may begin one. In one column when the field asks. `None` when
/// the index cannot answer it (a part too short to look up, or in too many words: scanned
/// for then), or when the word has no letter or digit (it asks for nothing).
fn fts_word(field: Field, word: &str, terms: &IndexTerms) -> Option<String> {
    let column = match field {
        Field::Any => "",
        Field::Title => "title : ",
        Field::Topic => "topics : ",
    };
    let term = Term::parse(word)?;
    let (first, rest) = term.pieces.split_first()?;
    if term.whole {
        return Some(format!("{column}{}", quoted(&term.pieces.join(" "))));
    }
    let known = match terms.0.get(first) {
        Some(None) => return None,
        Some(Some(words)) => words.as_slice(),
        // Not looked up: the piece as a whole word.
        None => &[],
    };
    let mut alternatives = std::collections::BTreeSet::new();
    if rest.is_empty() {
        alternatives.insert(quoted(first));
        alternatives.extend(known.iter().map(|w| quoted(w)));
    } else {
        let tail = rest.join(" ");
        let firsts =
            std::iter::once(first).chain(known.iter().filter(|w| w.ends_with(first.as_str())));
        alternatives.extend(firsts.map(|f| format!("{} *", quoted(&format!("{f} {tail}")))));
    }
    if alternatives.len() > MAX_TERMS_PER_WORD {
        return None;
    }
    let alternatives: Vec<String> = alternatives.into_iter().collect();
    Some(match alternatives.as_slice() {
        [one] => format!("{column}{one}"),
        _ => format!("{column}({})", alternatives.join(" OR ")),
    })
}

/// Whether a word asks for anything: one without a letter or digit (`-`, `…`) does not.
fn asks_for_something(word: &str) -> bool {
    Term::parse(word).is_some()
}

/// An FTS5 string: the words' own quotes doubled.
fn quoted(text: &str) -> String {
    format!("\"{}\"", text.replace('"', "\"\""))
}

/// The FTS5 expression for a condition, if the index can answer it alone.
fn fts(cond: &Cond, terms: &IndexTerms) -> Option<String> {
    match cond {
        Cond::Text(field, word) => fts_word(*field, word, terms),
        Cond::And(parts) => {
            let (mut positive, mut negative) = (Vec::new(), Vec::new());
            for part in parts {
                match part {
                    Cond::Not(inner) => negative.push(fts(inner, terms)?),
                    part => positive.push(fts(part, terms)?),
                }
            }
            if positive.is_empty() {
                return None;
            }
            let all = format!("({})", positive.join(" AND "));
            Some(match negative.is_empty() {
                true => all,
                false => format!("({all} NOT ({}))", negative.join(" OR ")),
            })
        }
        Cond::Or(parts) => {
            let alternatives = parts
                .iter()
                .map(|part| match part {
                    Cond::Not(_) => None,
                    part => fts(part, terms),
                })
                .collect::<Option<Vec<_>>>()?;
            Some(format!("({})", alternatives.join(" OR ")))
        }
        _ => None,
    }
}

/// A condition as an SQL expression over `articles a`, its parameters added to `args`.
pub(super) fn sql(cond: &Cond, terms: &IndexTerms, args: &mut Vec<Value>) -> String {
    match cond {
        Cond::Text(field, word) => {
            if let Some(expr) = fts_word(*field, word, terms) {
                args.push(Value::Text(expr));
                return "a.search_key IN (SELECT rowid FROM article_search WHERE article_search MATCH ?)"
                    .to_owned();
            }
            scan_sql(*field, word, args)
        }
        Cond::Kind(kind) => {
            // No kind is no match, and `-typ:Rede` keeps the articles of unknown kind.
            args.push(Value::Text(like_pattern(kind)));
            "COALESCE(a.kind, '') LIKE ? ESCAPE '\\'".to_owned()
        }
        Cond::Feed(feed) => {
            args.push(Value::Text(feed.clone()));
            args.push(Value::Text(feed.clone()));
            "a.feed_id IN (SELECT id FROM feeds WHERE name = ? COLLATE NOCASE OR ministry = ? COLLATE NOCASE)"
                .to_owned()
        }
        Cond::Ministry(ministry) => {
            args.push(Value::Text(ministry.clone()));
            "a.feed_id IN (SELECT id FROM feeds WHERE ministry = ? COLLATE NOCASE)".to_owned()
        }
        Cond::Unread => "a.read = 0".to_owned(),
        Cond::Starred => "a.starred = 1".to_owned(),
        Cond::Reference { kind, number } => {
            args.push(Value::Text(number.clone()));
            match kind {
                Some(kind) => {
                    args.push(Value::Text(kind.code().to_owned()));
                    "a.id IN (SELECT article_id FROM article_refs WHERE number = ? AND kind = ?)"
                        .to_owned()
                }
                None => "a.id IN (SELECT article_id FROM article_refs WHERE number = ?)".to_owned(),
            }
        }
        Cond::Stage(stage) => {
            let pattern = like_pattern(stage);
            args.push(Value::Text(pattern.clone()));
            args.push(Value::Text(pattern));
            "a.id IN (SELECT r.article_id FROM article_refs r
                 JOIN dip_documents d ON d.kind = r.kind AND d.number = r.number
                 JOIN dip_processes p ON instr(',' || d.processes || ',', ',' || p.id || ',') > 0
                 WHERE p.stage LIKE ? ESCAPE '\\'
               UNION SELECT r.article_id FROM article_refs r
                 JOIN dip_processes p ON r.kind = 'vorgang' AND p.id = r.number
                 WHERE p.stage LIKE ? ESCAPE '\\')"
                .to_owned()
        }
        Cond::Changed { from, to } => {
            // Whole local days, as `seit:`/`bis:` are.
            let start = |day: &chrono::NaiveDate| {
                day.and_hms_opt(0, 0, 0)
                    .and_then(|t| t.and_local_timezone(chrono::Local).earliest())
                    .map_or(0, |t| t.timestamp())
            };
            let mut sql = "a.changed_at IS NOT NULL".to_owned();
            if let Some(from) = from {
                args.push(Value::Integer(start(from)));
                sql.push_str(" AND a.changed_at >= ?");
            }
            if let Some(to) = to.and_then(|t| t.succ_opt()) {
                args.push(Value::Integer(start(&to)));
                sql.push_str(" AND a.changed_at < ?");
            }
            format!("({sql})")
        }
        Cond::And(parts) | Cond::Or(parts) => {
            let joiner = if matches!(cond, Cond::And(_)) {
                " AND "
            } else {
                " OR "
            };
            let parts: Vec<String> = parts.iter().map(|p| sql(p, terms, args)).collect();
            format!("({})", parts.join(joiner))
        }
        Cond::Not(inner) => format!("NOT {}", sql(inner, terms, args)),
    }
}

/// A word the index cannot answer, scanned for in the field's text by the same rules
/// (`scan::FUNCTION` keys each text and matches its words). The body is what the index
/// holds: the page's text when there is a page, else the feed's content; both kept as
/// HTML (and as text in caches before schema 5). A word that asks for nothing matches all.
pub(super) fn scan_sql(field: Field, word: &str, args: &mut Vec<Value>) -> String {
    let Some(term) = Term::parse(word) else {
        return "1".to_owned();
    };
    args.push(Value::Text(super::scan::spec(&term)));
    let function = super::scan::FUNCTION;
    match field {
        Field::Title => format!("{function}(?, a.title, '', '', NULL)"),
        Field::Topic => format!("{function}(?, '', a.topics, '', NULL)"),
        Field::Any => format!(
            "{function}(?, a.title, a.topics, a.summary,
               (SELECT COALESCE(b.page_html, NULLIF(b.text, ''), b.content_html)
                FROM article_bodies b WHERE b.article_id = a.id))"
        ),
    }
}

/// `%word%` for LIKE, its own `%`, `_` and `\\` escaped.
fn like_pattern(word: &str) -> String {
    format!(
        "%{}%",
        word.trim()
            .replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_")
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn filter(query: &str) -> Filter {
        Filter::parse(query, NaiveDate::from_ymd_opt(2026, 11, 30).expect("date")).expect(query)
    }

    fn terms(entries: &[(&str, Option<&[&str]>)]) -> IndexTerms {
        IndexTerms(
            entries
                .iter()
                .map(|(piece, words)| {
                    let words = words.map(|w| w.iter().map(|w| w.to_string()).collect());
                    (piece.to_string(), words)
                })
                .collect(),
        )
    }

    #[test]
    fn the_index_answers_what_it_can() {
        let none = IndexTerms::default();
        let f = filter(r#"energie (KI OR "künstliche intelligenz") -corona"#);
        let plan = super::plan(&f, &none);
        // "KI" is an abbreviation: the whole word, which the index answers like the others;
        // the negation beside a positive part is the index's too.
        assert_eq!(
            plan.fts.as_deref(),
            Some(r#"("energie" AND ("ki" OR "kuenstliche intelligenz" *)) NOT ("corona")"#)
        );
        assert!(plan.negated.is_empty() && plan.rest.is_empty());
        // A part of a word in too many index words is scanned for.
        let f = filter("ki energie");
        let plan = super::plan(&f, &terms(&[("ki", None)]));
        assert_eq!(plan.short, ["ki"]);
        // Only negations: nothing for the index to start from.
        let f = filter("-corona -masken");
        let plan = super::plan(&f, &none);
        assert!(plan.fts.is_none());
        assert_eq!(plan.negated.len(), 2);
        // A negation the index cannot answer is SQL.
        assert_eq!(super::plan(&filter("a -typ:Rede"), &none).rest.len(), 1);
        // One spelling in key form, in a column.
        let f = filter("titel:München OR thema:STRASSE");
        assert_eq!(
            super::plan(&f, &none).fts.as_deref(),
            Some(r#"(title : "muenchen" OR topics : "strasse")"#)
        );
        // A word without a letter or digit asks for nothing.
        let f = filter("- …");
        assert!(super::plan(&f, &none).short.is_empty());
    }

    #[test]
    fn a_word_stands_for_the_index_words_that_contain_it() {
        let known = terms(&[
            (
                "schutz",
                Some(&["datenschutz", "katastrophenschutz", "schutz"]),
            ),
            ("corona", Some(&["corona", "coronahilfen"])),
            ("ung", None),
        ]);
        let f = filter("Schutz");
        let plan = super::plan(&f, &known);
        assert_eq!(
            plan.fts.as_deref(),
            Some(r#"("datenschutz" OR "katastrophenschutz" OR "schutz")"#)
        );
        // Several pieces: a phrase whose first piece may end a word, the last begin one.
        let f = filter("schutz-ges");
        let plan = super::plan(&f, &known);
        assert_eq!(
            plan.fts.as_deref(),
            Some(r#"("datenschutz ges" * OR "katastrophenschutz ges" * OR "schutz ges" *)"#)
        );
        // In too many words: scanned for, as a word too short to look up is.
        let f = filter("ung corona");
        let plan = super::plan(&f, &known);
        assert_eq!(plan.short, vec!["ung"]);
        assert_eq!(plan.fts.as_deref(), Some(r#"("corona" OR "coronahilfen")"#));
        // A word in no index word searches for itself (and finds nothing).
        let f = filter("xyzzy");
        let plan = super::plan(&f, &terms(&[("xyzzy", Some(&[]))]));
        assert_eq!(plan.fts.as_deref(), Some(r#""xyzzy""#));
    }
}
