//! What a search word means: the matching rules, stated once and used by every path (the
//! index, the scan, alerts and highlighting).
//!
//! 1. Case is ignored for every letter, and umlauts and ß match either spelling both ways
//!    (ä/ae, ö/oe, ü/ue, ß/ss): text and search words are compared in their *key* form,
//!    Unicode NFC, lower case, umlauts and ß written out.
//! 2. A text's *words* are the runs of letters and digits of its key: "EU-Kommission" has
//!    the words `eu` and `kommission`.
//! 3. A word typed in capitals (two or more letters, digits allowed: EU, KI, BND, ÖL, CO2,
//!    COVID-19) is an abbreviation: it matches whole words only (EU-Kommission, not "neue").
//!    So does a single word in quotes (`"schutz"`). Any other word matches inside words
//!    (`schutz` in Katastrophenschutz), at any length.
//! 4. A search word of several pieces (`schutz-ges`, `COVID-19`) matches words side by side:
//!    whole, each piece a whole word; else the first piece may end a word and the last may
//!    begin one, the pieces between are whole words.

use std::borrow::Cow;

/// Text in key form: NFC, lower case, ä → ae, ö → oe, ü → ue, ß → ss. Two spellings of one
/// word (`Straße`, `STRASSE`, decomposed `Stra\u{73}\u{73}e`) have one key.
pub fn key(text: &str) -> String {
    let nfc = nfc(text);
    let mut out = String::with_capacity(nfc.len() + 4);
    for c in nfc.chars() {
        push_key(c, &mut out);
    }
    out
}

/// The key of one character, appended to `out`.
fn push_key(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    for lower in c.to_lowercase() {
        match lower {
            'ä' => out.push_str("ae"),
            'ö' => out.push_str("oe"),
            'ü' => out.push_str("ue"),
            'ß' => out.push_str("ss"),
            other => out.push(other),
        }
    }
}

pub use crate::text::nfc;

/// The words of a text in key form: its runs of letters and digits.
pub fn words(key_text: &str) -> impl Iterator<Item = &str> {
    key_text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

/// Whether a typed word is an abbreviation: two or more letters, every letter a capital,
/// nothing but letters, digits and hyphens (EU, KI, ÖL, CO2, COVID-19).
pub fn is_abbreviation(typed: &str) -> bool {
    let letters = typed.chars().filter(|c| c.is_alphabetic()).count();
    letters >= 2
        && typed.chars().all(|c| c.is_alphanumeric() || c == '-')
        && typed
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase)
}

/// A search word as the rules read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// Its pieces in key form: `COVID-19` is `covid`, `19`.
    pub pieces: Vec<String>,
    /// Whole words only (an abbreviation, or a single word in quotes).
    pub whole: bool,
}

impl Term {
    /// The term a typed word stands for; `None` when it has no letter or digit. A word in
    /// quotes (`"schutz"`: the filter language keeps the quotes of a single quoted word) is
    /// a whole word.
    pub fn parse(typed: &str) -> Option<Term> {
        let typed = typed.trim();
        let (text, quoted) = match typed
            .strip_prefix('"')
            .and_then(|rest| rest.strip_suffix('"'))
        {
            Some(inner) => (inner, true),
            None => (typed, false),
        };
        let pieces: Vec<String> = words(&key(text)).map(str::to_owned).collect();
        if pieces.is_empty() {
            return None;
        }
        Some(Term {
            pieces,
            whole: quoted || is_abbreviation(text),
        })
    }

    /// Whether the term occurs in a text given as its words in key form.
    pub fn matches_words(&self, words: &[&str]) -> bool {
        self.positions(words).next().is_some()
    }

    /// Whether the term occurs in `text` (any form: it is keyed here).
    pub fn matches(&self, text: &str) -> bool {
        let key = key(text);
        let words: Vec<&str> = words(&key).collect();
        self.matches_words(&words)
    }

    /// The indexes of the words where a match starts.
    fn positions<'a>(&'a self, words: &'a [&'a str]) -> impl Iterator<Item = usize> + 'a {
        let n = self.pieces.len();
        (0..words.len().saturating_sub(n - 1))
            .filter(move |&at| self.matches_at(&words[at..at + n]))
    }

    /// Whether the term matches these words, as many as it has pieces.
    fn matches_at(&self, words: &[&str]) -> bool {
        let last = self.pieces.len() - 1;
        self.pieces
            .iter()
            .zip(words)
            .enumerate()
            .all(|(i, (piece, word))| {
                if self.whole {
                    return piece == word;
                }
                match (i == 0, i == last) {
                    (true, true) => word.contains(piece.as_str()),
                    (true, false) => word.ends_with(piece.as_str()),
                    (false, true) => word.starts_with(piece.as_str()),
                    (false, false) => piece == word,
                }
            })
    }
}

/// Byte ranges of `text` where any of `terms` matches, sorted and merged: for highlighting
/// what a filter found, by the same rules (an abbreviation only where it is a whole word,
/// `Foerderung` on "Förderung").
pub fn match_ranges(text: &str, terms: &[Term]) -> Vec<(usize, usize)> {
    // The key of the text, each key byte mapped back to the byte range of its character.
    let nfc = nfc(text);
    if !matches!(nfc, Cow::Borrowed(_)) {
        // Offsets into a normalized copy would not fit `text`: highlight nothing rather
        // than the wrong letters (stored text is NFC, so this is rare).
        return Vec::new();
    }
    let mut key_text = String::with_capacity(text.len() + 8);
    let mut origin: Vec<(usize, usize)> = Vec::with_capacity(text.len() + 8);
    for (at, c) in text.char_indices() {
        let before = key_text.len();
        push_key(c, &mut key_text);
        origin.extend(std::iter::repeat_n(
            (at, at + c.len_utf8()),
            key_text.len() - before,
        ));
    }
    // The words of the key with their byte spans in it.
    let mut spans: Vec<(usize, usize)> = Vec::new();
    let mut start = None;
    for (at, c) in key_text.char_indices() {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(at),
            (false, Some(s)) => {
                spans.push((s, at));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        spans.push((s, key_text.len()));
    }
    let words: Vec<&str> = spans.iter().map(|&(s, e)| &key_text[s..e]).collect();
    let mut ranges: Vec<(usize, usize)> = Vec::new();
    for term in terms {
        for at in term.positions(&words) {
            let last = at + term.pieces.len() - 1;
            // Where the match begins and ends in the key.
            let (mut from, mut to) = (spans[at].0, spans[last].1);
            if !term.whole {
                let first_word = words[at];
                let first_piece = &term.pieces[0];
                if term.pieces.len() == 1 {
                    // Every occurrence inside the word.
                    for (offset, _) in first_word.match_indices(first_piece.as_str()) {
                        let s = spans[at].0 + offset;
                        ranges.push(to_text(&origin, s, s + first_piece.len()));
                    }
                    continue;
                }
                from = spans[at].1 - first_piece.len();
                to = spans[last].0 + term.pieces[term.pieces.len() - 1].len();
            }
            ranges.push(to_text(&origin, from, to));
        }
    }
    ranges.sort_unstable();
    let mut merged: Vec<(usize, usize)> = Vec::new();
    for (start, end) in ranges {
        match merged.last_mut() {
            Some(last) if start <= last.1 => last.1 = last.1.max(end),
            _ => merged.push((start, end)),
        }
    }
    merged
}

/// A byte range of the key as the range of whole characters of the text it came from.
fn to_text(origin: &[(usize, usize)], from: usize, to: usize) -> (usize, usize) {
    (origin[from].0, origin[to - 1].1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn term(typed: &str) -> Term {
        Term::parse(typed).expect(typed)
    }

    #[test]
    fn keys_fold_case_umlauts_and_decomposed_letters() {
        assert_eq!(key("Straße"), "strasse");
        assert_eq!(key("MÜNCHEN"), "muenchen");
        assert_eq!(key("Mu\u{308}nchen"), "muenchen", "NFD");
        assert_eq!(key("ÖL"), "oel");
        assert_eq!(key("ẞ"), "ss");
        assert_eq!(key("Éclair"), "éclair");
    }

    #[test]
    fn abbreviations_are_capitals_of_two_or_more_letters() {
        for word in ["EU", "KI", "BND", "ÖL", "CO2", "COVID-19", "NATO"] {
            assert!(is_abbreviation(word), "{word}");
        }
        for word in ["Eu", "ki", "A", "G7", "E-Government", "EU.", "Öl", "12"] {
            assert!(!is_abbreviation(word), "{word}");
        }
    }

    #[test]
    fn the_rules_on_words() {
        let text = "Die EU-Kommission fördert neue KI-Projekte in München; Katastrophenschutz";
        assert!(term("EU").matches(text));
        assert!(!term("EU").matches("Neue Euro-Preise, teuer"));
        assert!(term("eu").matches("Neue Euro-Preise, teuer"));
        assert!(term("KI").matches(text));
        assert!(!term("KI").matches("Kinder in der Kita"));
        assert!(term("\"schutz\"").matches("Der Schutz der Daten"));
        assert!(!term("\"schutz\"").matches(text));
        assert!(term("schutz").matches(text));
        assert!(term("Muenchen").matches(text));
        assert!(term("foerdert").matches(text));
        assert!(term("ÖL").matches("Preise für Öl steigen"));
        assert!(!term("ÖL").matches("Ölpreise steigen"));
        assert!(term("öl").matches("Ölpreise steigen"));
        assert!(term("kommission-foe").matches(text));
        assert!(term("eu-kommission").matches(text));
        assert!(!term("eu-kommission").matches("EU und Kommission"));
        assert_eq!(Term::parse("--"), None);
    }

    #[test]
    fn highlights_follow_the_rules() {
        let text = "Neue EU-Regeln für Förderung in Zürich";
        let shown = |typed: &str| -> Vec<&str> {
            match_ranges(text, &[term(typed)])
                .into_iter()
                .map(|(s, e)| &text[s..e])
                .collect()
        };
        assert_eq!(shown("EU"), ["EU"]);
        assert_eq!(shown("eu"), ["eu", "EU"]);
        assert_eq!(shown("Foerderung"), ["Förderung"]);
        assert_eq!(shown("ue"), ["ue", "ü", "ü"]);
        assert_eq!(shown("eu-reg"), ["EU-Reg"]);
    }
}
