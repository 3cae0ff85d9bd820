//! Umlaut and ß folding: `Muenchen` finds München, `Strasse` Straße, `Massnahmen` Maßnahmen,
//! and the other way round. Done on the query side: a search word becomes its spellings, so
//! the index stores the text as written and needs no rebuild.

/// The word in one spelling without umlauts or ß, lower-cased: ä → ae, ö → oe, ü → ue,
/// ß → ss. Two spellings of one word fold to the same string.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 4);
    for c in text.chars().flat_map(char::to_lowercase) {
        match c {
            'ä' => out.push_str("ae"),
            'ö' => out.push_str("oe"),
            'ü' => out.push_str("ue"),
            'ß' => out.push_str("ss"),
            c => out.push(c),
        }
    }
    out
}

/// Whether `needle` occurs in `haystack`, whatever the spelling of umlauts, ß and case.
pub fn contains(haystack: &str, needle: &str) -> bool {
    fold(haystack).contains(&fold(needle))
}

/// Most spellings one word expands to: each ae/oe/ue/ss doubles them, and a search
/// expression has a size limit. Words with more such pairs keep the first ones' variants.
const MAX_SPELLINGS: usize = 8;

/// The spellings of a search word a text may use, lower-cased: `muenchen` and `münchen` for
/// either of them. The folded spelling comes first; at most `MAX_SPELLINGS`.
pub fn spellings(word: &str) -> Vec<String> {
    let folded: Vec<char> = fold(word).chars().collect();
    let mut out = vec![String::new()];
    let mut i = 0;
    while i < folded.len() {
        let pair = folded.get(i..i + 2).map(|p| (p[0], p[1]));
        let umlaut = match pair {
            Some(('a', 'e')) => Some('ä'),
            Some(('o', 'e')) => Some('ö'),
            Some(('u', 'e')) => Some('ü'),
            Some(('s', 's')) => Some('ß'),
            _ => None,
        };
        match umlaut {
            // Doubling stays within the bound (written so: `len * 2 <= MAX` and `len + 2 <=
            // MAX` agree for every power of two up to 8, so a slip between them went unseen).
            Some(u) if out.len() <= MAX_SPELLINGS / 2 => {
                let with_umlaut: Vec<String> = out.iter().map(|s| format!("{s}{u}")).collect();
                for s in &mut out {
                    s.push(folded[i]);
                    s.push(folded[i + 1]);
                }
                out.extend(with_umlaut);
                i += 2;
            }
            _ => {
                for s in &mut out {
                    s.push(folded[i]);
                }
                i += 1;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_spellings_fold_to_one() {
        assert_eq!(fold("München"), fold("Muenchen"));
        assert_eq!(fold("Straße"), fold("Strasse"));
        assert_eq!(fold("Maßnahmen"), fold("MASSNAHMEN"));
        assert_eq!(fold("Förderung"), "foerderung");
        assert!(contains("Neue Förderung für Kommunen", "Foerderung"));
        assert!(contains("Foerderprogramm", "förder"));
        assert!(!contains("Forderung", "Förderung"));
    }

    #[test]
    fn a_word_expands_to_the_spellings_a_text_may_use() {
        assert_eq!(spellings("Muenchen"), ["muenchen", "münchen"]);
        assert_eq!(spellings("München"), ["muenchen", "münchen"]);
        assert_eq!(spellings("Strasse"), ["strasse", "straße"]);
        assert_eq!(
            spellings("Fußgängerübergänge").len(),
            MAX_SPELLINGS,
            "capped"
        );
        assert_eq!(spellings("Digitalisierung"), ["digitalisierung"]);
        // Each pair doubles them up to the cap: 1, 2, 4, 8, 8.
        for (word, n) in [
            ("Rat", 1),
            ("Räte", 2),
            ("Grüße", 4),
            ("Füße säen", 8),
            ("Füße säen öfter", 8),
        ] {
            assert_eq!(spellings(word).len(), n, "{word}");
        }
        // Both spellings of every pair appear together.
        let both = spellings("Grüße");
        for expected in ["gruesse", "grüße", "grüsse", "grueße"] {
            assert!(both.contains(&expected.to_owned()), "{both:?}");
        }
    }
}
