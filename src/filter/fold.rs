//! Umlaut and ß folding for comparisons outside the search index (titles of one release,
//! document types): `Muenchen` and München are one. The search rules (`word`) add NFC.

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
}
