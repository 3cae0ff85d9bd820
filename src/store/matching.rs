//! A filter's words and conditions as search: what the trigram index can answer as one FTS5
//! expression (words in every umlaut spelling, OR, NOT beside a positive part, one column),
//! and the rest as SQL over the articles.

use rusqlite::types::Value;

use crate::filter::fold;
use crate::filter::{Cond, Field, Filter};

/// How a filter's words and conditions are searched.
#[derive(Debug, Default)]
pub(super) struct Plan<'a> {
    /// The FTS5 expression the index answers, if any part of the filter is one.
    pub fts: Option<String>,
    /// Keywords under three characters (the trigram index cannot find them).
    pub short: Vec<&'a str>,
    /// Conditions checked on the articles themselves.
    pub rest: Vec<&'a Cond>,
    /// Negations the index can answer when nothing positive is searched (`-corona` alone):
    /// FTS5 cannot start from a NOT, so they are SQL, asked for the query's days only
    /// (`negation_sql`). Beside a positive part they are in `fts`.
    pub negated: Vec<String>,
}

/// Trigrams need three characters.
fn indexable(word: &str) -> bool {
    word.trim().chars().count() >= 3
}

/// Splits the filter: the words and conditions that all must hold and that the index can
/// answer become one expression, with the negations it can answer; the rest stays SQL.
pub(super) fn plan(filter: &Filter) -> Plan<'_> {
    let mut plan = Plan::default();
    let mut positive: Vec<String> = Vec::new();
    for word in &filter.keywords {
        if indexable(word) {
            positive.push(fts_word(Field::Any, word));
        } else if !word.trim().is_empty() {
            plan.short.push(word);
        }
    }
    for cond in &filter.conditions {
        match cond {
            Cond::Not(inner) => match fts(inner) {
                Some(expr) => plan.negated.push(expr),
                None => plan.rest.push(cond),
            },
            _ => match fts(cond) {
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

/// One word as FTS5 phrases, in every spelling (`"muenchen" OR "münchen"`), in one column
/// when the field asks for it.
fn fts_word(field: Field, word: &str) -> String {
    let column = match field {
        Field::Any => "",
        Field::Title => "title : ",
        Field::Topic => "topics : ",
    };
    let phrases: Vec<String> = fold::spellings(word.trim())
        .iter()
        .map(|s| format!("{column}\"{}\"", s.replace('"', "\"\"")))
        .collect();
    match phrases.as_slice() {
        [one] => one.clone(),
        _ => format!("({})", phrases.join(" OR ")),
    }
}

/// The FTS5 expression for a condition, if the index can answer it alone.
fn fts(cond: &Cond) -> Option<String> {
    match cond {
        Cond::Text(field, word) if indexable(word) => Some(fts_word(*field, word)),
        Cond::And(parts) => {
            let (mut positive, mut negative) = (Vec::new(), Vec::new());
            for part in parts {
                match part {
                    Cond::Not(inner) => negative.push(fts(inner)?),
                    part => positive.push(fts(part)?),
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
                    part => fts(part),
                })
                .collect::<Option<Vec<_>>>()?;
            Some(format!("({})", alternatives.join(" OR ")))
        }
        _ => None,
    }
}

/// A condition as an SQL expression over `articles a`, its parameters added to `args`.
pub(super) fn sql(cond: &Cond, args: &mut Vec<Value>) -> String {
    match cond {
        Cond::Text(field, word) if indexable(word) => {
            args.push(Value::Text(fts_word(*field, word)));
            "a.search_key IN (SELECT rowid FROM article_search WHERE article_search MATCH ?)"
                .to_owned()
        }
        Cond::Text(field, word) => {
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
            if *field == Field::Any {
                args.push(Value::Text(pattern));
                parts.push(
                    "a.id IN (SELECT article_id FROM article_bodies WHERE content_html LIKE ? ESCAPE '\\')"
                        .to_owned(),
                );
            }
            format!("({})", parts.join(" OR "))
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
        Cond::Unread => "a.read = 0".to_owned(),
        Cond::Starred => "a.starred = 1".to_owned(),
        Cond::And(parts) | Cond::Or(parts) => {
            let joiner = if matches!(cond, Cond::And(_)) {
                " AND "
            } else {
                " OR "
            };
            let parts: Vec<String> = parts.iter().map(|p| sql(p, args)).collect();
            format!("({})", parts.join(joiner))
        }
        Cond::Not(inner) => format!("NOT {}", sql(inner, args)),
    }
}

/// `%word%` for LIKE, its own `%`, `_` and `\` escaped.
pub(super) fn like_pattern(word: &str) -> String {
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

    #[test]
    fn the_index_answers_what_it_can() {
        let f = filter(r#"energie (KI OR "künstliche intelligenz") -corona"#);
        let plan = super::plan(&f);
        // "KI" is too short for trigrams: the OR group is SQL; "energie" the index, and the
        // negation beside it the index too.
        assert_eq!(plan.fts.as_deref(), Some(r#"("energie") NOT ("corona")"#));
        assert!(plan.negated.is_empty());
        assert_eq!(plan.rest.len(), 1);
        // Only negations: nothing for the index to start from.
        let f = filter("-corona -masken");
        let plan = super::plan(&f);
        assert!(plan.fts.is_none());
        assert_eq!(plan.negated.len(), 2);
        // A negation the index cannot answer is SQL.
        assert_eq!(super::plan(&filter("a -typ:Rede")).rest.len(), 1);
        // Spellings and columns.
        let f = filter("titel:Muenchen OR thema:Strasse");
        assert_eq!(
            super::plan(&f).fts.as_deref(),
            Some(
                r#"((title : "muenchen" OR title : "münchen") OR (topics : "strasse" OR topics : "straße"))"#
            )
        );
    }
}
