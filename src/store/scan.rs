//! The scan: an SQL function that applies the search rules (`filter::word`) to an article's
//! stored texts, for the words the index cannot answer (a part of a word under three
//! letters, or in too many index words). It keys each text as the index keys it, so a scan
//! finds what the index would: every case, every umlaut spelling, decomposed text.

use std::sync::Arc;

use rusqlite::functions::FunctionFlags;
use rusqlite::types::ValueRef;
use rusqlite::Connection;

use crate::filter::word::{self, Term};

/// The function's name in SQL: `amtsfeed_has(spec, title, topics, summary, body_html)`.
pub const FUNCTION: &str = "amtsfeed_has";

/// A term as the function's first argument: `w` (whole words) or `s` (parts of words), then
/// its pieces in key form, space-separated.
pub fn spec(term: &Term) -> String {
    format!(
        "{}{}",
        if term.whole { 'w' } else { 's' },
        term.pieces.join(" ")
    )
}

/// The term a spec names.
fn from_spec(spec: &str) -> Option<Term> {
    let whole = match spec.chars().next()? {
        'w' => true,
        's' => false,
        _ => return None,
    };
    let pieces: Vec<String> = spec[1..]
        .split(' ')
        .filter(|p| !p.is_empty())
        .map(str::to_owned)
        .collect();
    (!pieces.is_empty()).then_some(Term { pieces, whole })
}

/// Makes the function known to this connection.
pub fn register(conn: &Connection) -> rusqlite::Result<()> {
    conn.create_scalar_function(
        FUNCTION,
        5,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC,
        |ctx| {
            let term: Arc<Option<Term>> = ctx
                .get_or_create_aux(0, |spec| -> Result<_, rusqlite::Error> {
                    Ok(from_spec(spec.as_str()?))
                })?;
            let Some(term) = term.as_ref() else {
                return Ok(false);
            };
            let text_matches = |value: ValueRef<'_>, html: bool| -> rusqlite::Result<bool> {
                let text = match value {
                    ValueRef::Null => return Ok(false),
                    value => value.as_str()?,
                };
                if text.is_empty() {
                    return Ok(false);
                }
                let key = if html {
                    word::key(&crate::text::html_search_text(text))
                } else {
                    word::key(text)
                };
                let words: Vec<&str> = word::words(&key).collect();
                Ok(term.matches_words(&words))
            };
            for column in 1..=3 {
                if text_matches(ctx.get_raw(column), false)? {
                    return Ok(true);
                }
            }
            text_matches(ctx.get_raw(4), true)
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_function_applies_the_rules_to_every_text() {
        let conn = Connection::open_in_memory().expect("db");
        register(&conn).expect("register");
        let has = |typed: &str, title: &str, body: Option<&str>| -> bool {
            let term = Term::parse(typed).expect("term");
            conn.query_row(
                &format!("SELECT {FUNCTION}(?1, ?2, '', '', ?3)"),
                rusqlite::params![spec(&term), title, body],
                |r| r.get(0),
            )
            .expect("query")
        };
        assert!(has("ki", "Kinder und Kita", None));
        assert!(!has("KI", "Kinder und Kita", None));
        assert!(has("KI", "Die KI-Strategie", None));
        assert!(has("öl", "ÖLPREISE", None));
        assert!(has("Strasse", "", Some("<p>Die Stra&szlig;e</p>")));
        assert!(has("muenchen", "", Some("<p>Mu\u{308}nchen</p>")));
        // Inline markup does not split a word; blocks do; tags are no text.
        assert!(has("laermschutz", "", Some("<p><b>Lärm</b>schutz</p>")));
        assert!(!has(
            "\"laermschutz\"",
            "",
            Some("<p>Lärm</p><p>schutz</p>")
        ));
        assert!(!has("href", "", Some("<a href=\"/x\">Link</a>")));
        assert!(!has("ki", "", None));
    }
}
