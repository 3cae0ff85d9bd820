//! Word-level differences between two versions of a text: what the reader and `show --diff`
//! show, and the compact deltas the store keeps earlier versions as. Pure.
//!
//! A text is cut into tokens that join back to it exactly: words (letters and digits, umlauts
//! and ß included, with inner hyphens, dots and commas of numbers: "Corona-Hilfen", "1.000,50"),
//! runs of white space, and single other characters (punctuation, quotes, dashes). A changed
//! figure or word is then one token, not a run of characters.

use similar::{capture_diff_deadline, Algorithm, DiffOp};

/// How long one diff may search for the shortest edit before it settles for a longer one
/// (the result is still exact, only less minimal): pathological texts cannot stall a refresh.
const DEADLINE: std::time::Duration = std::time::Duration::from_millis(200);

/// One run of a word diff.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    Same(String),
    Removed(String),
    Added(String),
}

/// The tokens of `text`, which join back to it.
pub fn tokens(text: &str) -> Vec<&str> {
    #[derive(PartialEq, Clone, Copy)]
    enum Class {
        Word,
        Space,
        Other,
    }
    let class = |c: char| {
        if c.is_alphanumeric() {
            Class::Word
        } else if c.is_whitespace() {
            Class::Space
        } else {
            Class::Other
        }
    };
    let mut out = Vec::new();
    let mut start = 0;
    let mut current: Option<Class> = None;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (i, &(at, c)) in chars.iter().enumerate() {
        let mut this = class(c);
        // A hyphen, dot or comma between two word characters belongs to the word.
        if this == Class::Other
            && current == Some(Class::Word)
            && matches!(c, '-' | '.' | ',')
            && chars
                .get(i + 1)
                .is_some_and(|&(_, n)| class(n) == Class::Word)
        {
            this = Class::Word;
        }
        let joins = current == Some(this) && this != Class::Other;
        if !joins {
            if at > start {
                out.push(&text[start..at]);
            }
            start = at;
        }
        current = Some(this);
    }
    if start < text.len() {
        out.push(&text[start..]);
    }
    out
}

fn ops(old: &[&str], new: &[&str]) -> Vec<DiffOp> {
    let deadline = std::time::Instant::now() + DEADLINE;
    capture_diff_deadline(
        Algorithm::Myers,
        old,
        0..old.len(),
        new,
        0..new.len(),
        Some(deadline),
    )
}

/// The word diff from `old` to `new`, adjacent runs of a kind joined.
pub fn words(old: &str, new: &str) -> Vec<Segment> {
    let (a, b) = (tokens(old), tokens(new));
    let mut out: Vec<Segment> = Vec::new();
    let mut push = |segment: Segment| match (out.last_mut(), &segment) {
        (Some(Segment::Same(s)), Segment::Same(t))
        | (Some(Segment::Removed(s)), Segment::Removed(t))
        | (Some(Segment::Added(s)), Segment::Added(t)) => s.push_str(t),
        _ => out.push(segment),
    };
    for op in ops(&a, &b) {
        match op {
            DiffOp::Equal { old_index, len, .. } => {
                push(Segment::Same(a[old_index..old_index + len].concat()))
            }
            DiffOp::Delete {
                old_index, old_len, ..
            } => push(Segment::Removed(a[old_index..old_index + old_len].concat())),
            DiffOp::Insert {
                new_index, new_len, ..
            } => push(Segment::Added(b[new_index..new_index + new_len].concat())),
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => {
                push(Segment::Removed(a[old_index..old_index + old_len].concat()));
                push(Segment::Added(b[new_index..new_index + new_len].concat()));
            }
        }
    }
    // A word replaced inside unchanged space reads better as "-old +new" than interleaved.
    out
}

/// How to make `older` from `newer`, compactly: `=N` keeps N tokens of `newer`, `-N` drops N,
/// `+N:text` inserts N characters. Unchanged texts cost `=N`; a changed word costs about
/// itself. [`apply`] undoes it.
pub fn delta(newer: &str, older: &str) -> String {
    let (new, old) = (tokens(newer), tokens(older));
    let mut out = String::new();
    for op in ops(&new, &old) {
        match op {
            DiffOp::Equal { len, .. } => out.push_str(&format!("={len}")),
            DiffOp::Delete { old_len, .. } => out.push_str(&format!("-{old_len}")),
            DiffOp::Insert {
                new_index, new_len, ..
            } => insert(&mut out, &old[new_index..new_index + new_len].concat()),
            DiffOp::Replace {
                old_len,
                new_index,
                new_len,
                ..
            } => {
                out.push_str(&format!("-{old_len}"));
                insert(&mut out, &old[new_index..new_index + new_len].concat());
            }
        }
    }
    out
}

fn insert(out: &mut String, text: &str) {
    out.push_str(&format!("+{}:{text}", text.chars().count()));
}

/// `older` again from `newer` and the [`delta`] between them; `None` when the delta does not
/// fit the text (it was made from another one).
pub fn apply(newer: &str, delta: &str) -> Option<String> {
    let tokens = tokens(newer);
    let mut at = 0;
    let mut out = String::with_capacity(newer.len());
    let mut rest = delta;
    while let Some(op) = rest.chars().next() {
        rest = &rest[1..];
        let digits = rest
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(rest.len());
        let n: usize = rest[..digits].parse().ok()?;
        rest = &rest[digits..];
        match op {
            '=' => {
                out.push_str(&tokens.get(at..at + n)?.concat());
                at += n;
            }
            '-' => {
                tokens.get(at..at + n)?;
                at += n;
            }
            '+' => {
                rest = rest.strip_prefix(':')?;
                let end = rest.char_indices().nth(n).map_or(rest.len(), |(i, _)| i);
                if rest[..end].chars().count() != n {
                    return None;
                }
                out.push_str(&rest[..end]);
                rest = &rest[end..];
            }
            _ => return None,
        }
    }
    (at == tokens.len()).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_words_spaces_and_marks_and_join_back() {
        let text = "Die Corona-Hilfen: 1.000,50 € für Städte – „jetzt“.";
        let t = tokens(text);
        assert_eq!(t.concat(), text);
        assert!(t.contains(&"Corona-Hilfen"));
        assert!(t.contains(&"1.000,50"));
        assert!(t.contains(&"Städte"));
        assert!(t.contains(&"„"));
        assert_eq!(tokens(""), Vec::<&str>::new());
    }

    #[test]
    fn a_changed_figure_is_one_word_removed_and_one_added() {
        let old = "Der Bund stellt 1,5 Milliarden Euro bereit.";
        let new = "Der Bund stellt 2,1 Milliarden Euro bereit.";
        assert_eq!(
            words(old, new),
            [
                Segment::Same("Der Bund stellt ".into()),
                Segment::Removed("1,5".into()),
                Segment::Added("2,1".into()),
                Segment::Same(" Milliarden Euro bereit.".into()),
            ]
        );
        let d = delta(new, old);
        assert_eq!(d, "=6-1+3:1,5=7");
        assert_eq!(apply(new, &d).as_deref(), Some(old));
        // A delta made from another text does not fit.
        assert_eq!(apply("Ganz anders.", &d), None);
        assert_eq!(apply(new, "=999"), None);
        assert_eq!(apply(new, "x1"), None);
    }

    /// A small generator: texts of German words, figures, punctuation and spaces, and edits
    /// of them (words replaced, removed, inserted, sentences moved).
    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }
        fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
            from[(self.next() % from.len() as u64) as usize]
        }
    }
    const WORDS: &[&str] = &[
        "Bund",
        "Länder",
        "Straße",
        "1.000",
        "2,5",
        "Mio.",
        "„Zitat“",
        "–",
        "der",
        "die",
        "Katastrophenschutz",
        "Corona-Hilfen",
        ",",
        ".",
        ":",
        "\n\n",
        " ",
        "  ",
        "ÖPNV",
        "ß",
    ];

    fn text(rng: &mut Rng, len: usize) -> String {
        (0..len).map(|_| format!("{} ", rng.pick(WORDS))).collect()
    }

    #[test]
    fn every_delta_gives_the_older_text_back_and_every_diff_both_texts() {
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
        for round in 0..500 {
            let len = (rng.next() % 60) as usize;
            let older = text(&mut rng, len);
            let mut words: Vec<&str> = tokens(&older);
            let edits = rng.next() % 5;
            let mut owned: Vec<String> = words.drain(..).map(str::to_owned).collect();
            for _ in 0..edits {
                let at = (rng.next() as usize) % (owned.len() + 1);
                match rng.next() % 3 {
                    0 => owned.insert(at, rng.pick(WORDS).to_owned()),
                    1 if at < owned.len() => {
                        owned.remove(at);
                    }
                    _ if at < owned.len() => owned[at] = rng.pick(WORDS).to_owned(),
                    _ => {}
                }
            }
            let newer = owned.concat();
            let d = delta(&newer, &older);
            assert_eq!(
                apply(&newer, &d).as_deref(),
                Some(older.as_str()),
                "round {round}"
            );
            let segments = words_of(&older, &newer);
            assert_eq!(segments.0, older, "round {round}");
            assert_eq!(segments.1, newer, "round {round}");
        }
    }

    /// The old and the new text as a diff's segments give them.
    fn words_of(old: &str, new: &str) -> (String, String) {
        let (mut a, mut b) = (String::new(), String::new());
        for segment in words(old, new) {
            match segment {
                Segment::Same(s) => {
                    a.push_str(&s);
                    b.push_str(&s);
                }
                Segment::Removed(s) => a.push_str(&s),
                Segment::Added(s) => b.push_str(&s),
            }
        }
        (a, b)
    }
}
