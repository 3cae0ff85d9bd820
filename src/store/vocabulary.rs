//! The index's words, for substring search on a word index. The article index is by whole
//! words (a seventh of the entries a trigram index of the text has, and a seventh of the
//! time to write); a search word is a substring, so the store first asks which words of the
//! index contain it (`schutz`: Katastrophenschutz, Schutzschirm, …) from a trigram index of
//! the distinct words, which is small, and searches for those.

use std::collections::HashSet;

use rusqlite::{params, Connection, Transaction};

use super::matching::{piece_to_look_up, MAX_TERMS_PER_WORD, MIN_PIECE_CHARS};
use super::StoreError;
use crate::filter::{Cond, Filter, IndexTerms};

/// Longer words (run-together garbage, encoded data) stay in the article index but not in
/// the list of words. No German compound comes near it: parts of compounds of any length a
/// language has are found.
const MAX_TERM_CHARS: usize = 1_000;

/// The distinct words of a batch of texts in key form (`filter::word::key`: lower case,
/// umlauts written out), as the list keeps them.
#[derive(Default)]
pub struct NewTerms {
    terms: HashSet<String, std::hash::BuildHasherDefault<Fnv>>,
}

/// FNV-1a (`model::Fnv1a`) as a `Hasher`: words are short, and std's SipHash (made to
/// resist chosen keys) took most of the time of collecting them; a feed's words are no
/// attack on a local set.
#[derive(Default)]
pub struct Fnv(crate::model::Fnv1a);

impl std::hash::Hasher for Fnv {
    fn write(&mut self, bytes: &[u8]) {
        self.0.write_bytes(bytes);
    }

    fn finish(&self) -> u64 {
        self.0.finish()
    }
}

impl NewTerms {
    /// Adds the words of `text` (any form: it is keyed here).
    pub fn add(&mut self, text: &str) {
        self.add_key(&crate::filter::word::key(text));
    }

    /// Adds the words of a text already in key form.
    pub fn add_key(&mut self, key: &str) {
        for word in crate::filter::word::words(key) {
            // Words of any length (a part of one letter must find two-letter words too);
            // byte length bounds the count of characters, so most are decided at once.
            let too_long = word.len() > MAX_TERM_CHARS && word.chars().count() > MAX_TERM_CHARS;
            if !too_long && !self.terms.contains(word) {
                self.terms.insert(word.to_owned());
            }
        }
    }

    /// The words, for another batch to take over (`extend`).
    pub fn into_vec(self) -> Vec<String> {
        self.terms.into_iter().collect()
    }

    /// Adds words already lower-cased and bounded (another batch's `into_vec`).
    pub fn extend(&mut self, terms: &[String]) {
        for term in terms {
            if !self.terms.contains(term.as_str()) {
                self.terms.insert(term.clone());
            }
        }
    }

    /// Stores the words the list does not have yet, with their trigrams, letters and pairs.
    pub fn record(self, tx: &Transaction) -> Result<(), StoreError> {
        let mut known = tx.prepare_cached(
            "INSERT INTO search_terms (term) VALUES (?1) ON CONFLICT (term) DO NOTHING",
        )?;
        let mut grams =
            tx.prepare_cached("INSERT INTO search_term_grams (rowid, term) VALUES (?1, ?2)")?;
        let mut pairs =
            tx.prepare_cached("INSERT INTO search_term_pairs (rowid, pairs) VALUES (?1, ?2)")?;
        for term in &self.terms {
            if known.execute([term])? == 1 {
                let id = tx.last_insert_rowid();
                if term.chars().nth(MIN_PIECE_CHARS - 1).is_some() {
                    grams.execute(params![id, term])?;
                }
                pairs.execute(params![id, letters_and_pairs(term)])?;
            }
        }
        Ok(())
    }
}

/// A word's distinct letters and pairs of neighbouring letters, space-separated: `kita` is
/// `k i t a ki it ta`. What a search for a part of one or two letters looks up.
fn letters_and_pairs(term: &str) -> String {
    let chars: Vec<char> = term.chars().collect();
    let mut seen: Vec<String> = Vec::new();
    let singles = chars.iter().map(|c| c.to_string());
    let pairs = chars.windows(2).map(|w| w.iter().collect::<String>());
    for piece in singles.chain(pairs) {
        if !seen.contains(&piece) {
            seen.push(piece);
        }
    }
    seen.join(" ")
}

/// The index words containing each piece of the filter's words that needs looking up.
pub fn look_up(conn: &Connection, filter: &Filter) -> Result<IndexTerms, StoreError> {
    let mut words: Vec<&str> = filter.keywords.iter().map(String::as_str).collect();
    for cond in &filter.conditions {
        text_words(cond, &mut words);
    }
    let mut found = IndexTerms::default();
    let mut containing = conn.prepare_cached(
        "SELECT t.term FROM search_term_grams g JOIN search_terms t ON t.id = g.rowid
         WHERE search_term_grams MATCH ?1 LIMIT ?2",
    )?;
    let mut containing_short = conn.prepare_cached(
        "SELECT t.term FROM search_term_pairs p JOIN search_terms t ON t.id = p.rowid
         WHERE search_term_pairs MATCH ?1 LIMIT ?2",
    )?;
    for piece in words.iter().filter_map(|w| piece_to_look_up(w)) {
        if found.0.contains_key(&piece) {
            continue;
        }
        let phrase = format!("\"{}\"", piece.replace('"', "\"\""));
        // Parts of three letters and more by their trigrams; shorter ones by the words'
        // letters and pairs.
        let statement = match piece.chars().count() >= MIN_PIECE_CHARS {
            true => &mut containing,
            false => &mut containing_short,
        };
        let terms: Vec<String> = statement
            .query_map(params![phrase, MAX_TERMS_PER_WORD as i64 + 1], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        let terms = (terms.len() <= MAX_TERMS_PER_WORD).then_some(terms);
        found.0.insert(piece, terms);
    }
    Ok(found)
}

fn text_words<'a>(cond: &'a Cond, out: &mut Vec<&'a str>) {
    match cond {
        Cond::Text(_, word) => out.push(word),
        Cond::And(parts) | Cond::Or(parts) => parts.iter().for_each(|p| text_words(p, out)),
        Cond::Not(inner) => text_words(inner, out),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_words_of_a_text_are_kept_in_key_form_once_within_bounds() {
        let mut terms = NewTerms::default();
        terms.add("Der BUND fördert Straßenbau: ÖFFENTLICHE Mittel, der Bund, KI, COVID-19");
        terms.add(&format!("{} kurz", "x".repeat(MAX_TERM_CHARS + 1)));
        terms.add("Mu\u{308}nchen");
        let mut words = terms.into_vec();
        words.sort();
        // Every length up to the bound (KI, 19 too), keyed once.
        assert_eq!(
            words,
            [
                "19",
                "bund",
                "covid",
                "der",
                "foerdert",
                "ki",
                "kurz",
                "mittel",
                "muenchen",
                "oeffentliche",
                "strassenbau",
            ]
        );
        assert_eq!(letters_and_pairs("kita"), "k i t a ki it ta");
        assert_eq!(letters_and_pairs("oo"), "o oo");
    }
}
