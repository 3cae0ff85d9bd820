//! A filter's words and conditions as search: what the word index can answer as one FTS5
//! expression (words in every umlaut spelling, each as the index words containing it, OR,
//! NOT beside a positive part, one column), and the rest as SQL over the articles.

use rusqlite::types::Value;

use crate::filter::fold;
use crate::filter::{Cond, Field, Filter, IndexTerms};

/// How a filter's words and conditions are searched.
#[derive(Debug, Default)]
pub(super) struct Plan<'a> {
    /// The FTS5 expression the index answers, if any part of the filter is one.
    pub fts: Option<String>,
    /// Keywords the index cannot answer (too short, or in too many words): scanned for.
    pub short: Vec<&'a str>,
    /// Conditions checked on the articles themselves.
    pub rest: Vec<&'a Cond>,
    /// Negations the index can answer when nothing positive is searched (`-corona` alone):
    /// FTS5 cannot start from a NOT, so they are SQL, asked for the query's days only
    /// (`negation_sql`). Beside a positive part they are in `fts`.
    pub negated: Vec<String>,
}

/// A piece of a search word shorter than this is searched by scanning the text: the index
/// of the index's words (trigrams) cannot find it, and it is in too many words anyway.
pub(super) const MIN_PIECE_CHARS: usize = 3;

/// Most index words one search word may stand for in an expression; a word in more is
/// searched by scanning the text (`in` finds most words of a language).
pub(super) const MAX_TERMS_PER_WORD: usize = 200;

/// A search word's pieces as the index splits words (letters and digits), lower-cased:
/// `COVID-19` is `covid`, `19`.
pub(super) fn pieces(spelling: &str) -> Vec<String> {
    crate::text::index_words(spelling)
        .map(str::to_lowercase)
        .collect()
}

/// The pieces of a word whose index words must be looked up: a single piece, or the first
/// of several (it may end a longer word: `schutz-gesetz` in `Katastrophenschutz-Gesetz`).
pub(super) fn pieces_to_look_up(word: &str) -> Vec<String> {
    fold::spellings(word.trim())
        .iter()
        .filter_map(|s| pieces(s).into_iter().next())
        .filter(|p| p.chars().count() >= MIN_PIECE_CHARS)
        .collect()
}

/// Splits the filter: the words and conditions that all must hold and that the index can
/// answer become one expression, with the negations it can answer; the rest stays SQL.
pub(super) fn plan<'a>(filter: &'a Filter, terms: &IndexTerms) -> Plan<'a> {
    let mut plan = Plan::default();
    let mut positive: Vec<String> = Vec::new();
    for word in &filter.keywords {
        match fts_word(Field::Any, word, terms) {
            Some(expr) => positive.push(expr),
            None if !word.trim().is_empty() => plan.short.push(word),
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

/// One word as an FTS5 expression over the index's words: every spelling (`muenchen`,
/// `münchen`), each standing for the index words that contain it (`schutz`:
/// `katastrophenschutz OR schutzschirm …`); a word of several pieces is a phrase whose first
/// piece may end a word and whose last may begin one. In one column when the field asks.
/// `None` when the index cannot answer it: a piece too short to look up, or in too many
/// words; the text is scanned for it then.
fn fts_word(field: Field, word: &str, terms: &IndexTerms) -> Option<String> {
    let column = match field {
        Field::Any => "",
        Field::Title => "title : ",
        Field::Topic => "topics : ",
    };
    let mut alternatives = std::collections::BTreeSet::new();
    for spelling in fold::spellings(word.trim()) {
        let pieces = pieces(&spelling);
        let (first, rest) = pieces.split_first()?;
        if rest.is_empty() && first.chars().count() < MIN_PIECE_CHARS {
            return None;
        }
        let known = match terms.0.get(first) {
            Some(None) => return None,
            Some(Some(words)) => words.as_slice(),
            // Not looked up (too short to be): the piece as a whole word.
            None => &[],
        };
        if rest.is_empty() {
            alternatives.insert(quoted(first));
            alternatives.extend(known.iter().map(|w| quoted(w)));
        } else {
            let tail = rest.join(" ");
            let firsts =
                std::iter::once(first).chain(known.iter().filter(|w| w.ends_with(first.as_str())));
            alternatives.extend(firsts.map(|f| format!("{} *", quoted(&format!("{f} {tail}")))));
        }
    }
    if alternatives.is_empty() || alternatives.len() > MAX_TERMS_PER_WORD {
        return None;
    }
    let alternatives: Vec<String> = alternatives.into_iter().collect();
    Some(match alternatives.as_slice() {
        [one] => format!("{column}{one}"),
        _ => format!("{column}({})", alternatives.join(" OR ")),
    })
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

/// A word the index cannot answer, scanned for in the field's text. Bodies are kept as
/// HTML (and as text in caches before schema 5), so a scan for a body word reads those.
pub(super) fn scan_sql(field: Field, word: &str, args: &mut Vec<Value>) -> String {
    let columns: &[&str] = match field {
        Field::Any => &["a.title", "a.topics", "a.summary"],
        Field::Title => &["a.title"],
        Field::Topic => &["a.topics"],
    };
    let pattern = like_pattern(word);
    let mut parts: Vec<String> = columns
        .iter()
        .map(|c| {
            args.push(Value::Text(pattern.clone()));
            format!("{c} LIKE ? ESCAPE '\\'")
        })
        .collect();
    if field == Field::Any {
        args.extend(std::iter::repeat_n(Value::Text(pattern), 3));
        parts.push(
            "a.id IN (SELECT article_id FROM article_bodies WHERE text LIKE ? ESCAPE '\\'
               OR content_html LIKE ? ESCAPE '\\' OR page_html LIKE ? ESCAPE '\\')"
                .to_owned(),
        );
    }
    format!("({})", parts.join(" OR "))
}

/// `%word%` for LIKE, its own `%`, `_` and `\` escaped.
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
        // "KI" is too short to look up: the OR group is SQL; "energie" the index, and the
        // negation beside it the index too.
        assert_eq!(plan.fts.as_deref(), Some(r#"("energie") NOT ("corona")"#));
        assert!(plan.negated.is_empty());
        assert_eq!(plan.rest.len(), 1);
        // Only negations: nothing for the index to start from.
        let f = filter("-corona -masken");
        let plan = super::plan(&f, &none);
        assert!(plan.fts.is_none());
        assert_eq!(plan.negated.len(), 2);
        // A negation the index cannot answer is SQL.
        assert_eq!(super::plan(&filter("a -typ:Rede"), &none).rest.len(), 1);
        // Spellings and columns.
        let f = filter("titel:Muenchen OR thema:Strasse");
        assert_eq!(
            super::plan(&f, &none).fts.as_deref(),
            Some(r#"(title : ("muenchen" OR "münchen") OR topics : ("strasse" OR "straße"))"#)
        );
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
