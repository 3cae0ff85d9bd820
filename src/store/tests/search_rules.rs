//! The search rules (README, "Filter syntax") as a property: on generated German text, what
//! the store finds for a query is what a plain evaluator of the rules finds. The evaluator
//! below is written from the rules alone, independently of `filter::word`.
//!
//! Size and seed: `AMTSFEED_SEARCH_SEED` (default 1, a fixed seed so a run is repeatable)
//! and `AMTSFEED_SEARCH_ROUNDS` (default 2) rounds, each with its own seed (seed, seed+1, …)
//! of 260 articles and 150 queries. A failure names its seed, round and query.

use super::*;

/// xorshift32: small, seeded, enough for test data.
struct Rng(u32);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 17;
        self.0 ^= self.0 << 5;
        self.0 as usize % n.max(1)
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

/// Words of official German: umlauts, ß, compounds, and the letters of abbreviations inside
/// longer words (neue/Euro, Kinder/Kita, Mittel, Bundesnetz).
const WORDS: &[&str] = &[
    "Förderung",
    "Maßnahmen",
    "Straße",
    "München",
    "Bürgerinnen",
    "Öl",
    "Ölpreis",
    "Kinder",
    "Kita",
    "Europa",
    "Euro",
    "neue",
    "teuer",
    "Schutz",
    "Katastrophenschutz",
    "Datenschutz",
    "Übergang",
    "Grüße",
    "Fußgänger",
    "Mittel",
    "Gesetz",
    "Bundesnetzagentur",
    "Digitalisierung",
    "Außenministerin",
    "Gemeinnützigkeit",
    "Düngeverordnung",
    "Kommission",
    "Strategie",
    "Sicherheit",
    "Preise",
    "Wärmeplanung",
    "Flüchtlinge",
    "Zuständigkeit",
    "Rüstung",
    "Kühe",
    "Abschluss",
    "Geschäftsbereich",
    "Unternehmen",
    "Leitung",
    "Kitas",
    "itemisiert",
];

/// Abbreviations as ministries write them, alone and in hyphenated compounds.
const ABBREVIATIONS: &[&str] = &["EU", "KI", "IT", "UN", "BND", "CO2", "ÖL", "NATO", "DSGVO"];

const SYLLABLES: &[&str] = &[
    "be", "ver", "an", "schutz", "ge", "ung", "keit", "heit", "lich", "bund", "es", "stra", "ße",
    "mü", "nch", "en", "ö", "ko", "kä", "fer", "tag", "land", "rat", "eu", "ki", "it", "ro",
];

/// A word made of syllables; long enough for a compound past 64 letters now and then.
fn compound(rng: &mut Rng) -> String {
    let n = if rng.chance(10) {
        14 + rng.below(10)
    } else {
        2 + rng.below(4)
    };
    let mut word: String = (0..n).map(|_| rng.pick(SYLLABLES)).collect();
    if rng.chance(50) {
        word = capitalized(&word);
    }
    word
}

fn capitalized(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// One of the spellings of a word a text or a query may use: umlauts written out or not,
/// ß or ss, upper, lower or as written, umlauts decomposed (NFD).
fn respell(rng: &mut Rng, word: &str) -> String {
    let mut out = String::new();
    let write_out = rng.chance(30);
    let decompose = rng.chance(20);
    for c in word.chars() {
        match c {
            'ä' | 'ö' | 'ü' | 'Ä' | 'Ö' | 'Ü' if write_out => out.push_str(match c {
                'ä' => "ae",
                'ö' => "oe",
                'ü' => "ue",
                'Ä' => "Ae",
                'Ö' => "Oe",
                _ => "Ue",
            }),
            'ä' | 'ö' | 'ü' | 'Ä' | 'Ö' | 'Ü' if decompose => {
                let base = match c {
                    'ä' => 'a',
                    'ö' => 'o',
                    'ü' => 'u',
                    'Ä' => 'A',
                    'Ö' => 'O',
                    _ => 'U',
                };
                out.push(base);
                out.push('\u{308}');
            }
            'ß' if write_out => out.push_str("ss"),
            c => out.push(c),
        }
    }
    match rng.below(10) {
        0 => out.to_uppercase(),
        1 => out.to_lowercase(),
        _ => out,
    }
}

/// A word of a generated text.
fn text_word(rng: &mut Rng) -> String {
    match rng.below(20) {
        0 => rng.pick(ABBREVIATIONS).to_owned(),
        1 => format!("{}-{}", rng.pick(ABBREVIATIONS), rng.pick(WORDS)),
        2 | 3 => compound(rng),
        // Many different words around one part: more than the index looks up
        // (MAX_TERMS_PER_WORD), so that the scan is tested too.
        4..=7 => format!(
            "{}{}schutz{}{}",
            rng.pick(SYLLABLES),
            rng.pick(SYLLABLES),
            rng.pick(SYLLABLES),
            rng.pick(SYLLABLES)
        ),
        _ => {
            let word = rng.pick(WORDS);
            respell(rng, word)
        }
    }
}

fn sentence(rng: &mut Rng, words: usize) -> String {
    (0..words)
        .map(|_| text_word(rng))
        .collect::<Vec<_>>()
        .join(" ")
}

/// A generated article: its texts as the evaluator reads them, and as the store gets them.
struct Generated {
    title: String,
    topics: Vec<String>,
    summary: String,
    /// The body's paragraphs (the store gets them as `<p>` HTML).
    body: Vec<String>,
}

fn generate(rng: &mut Rng) -> Generated {
    let title_words = 2 + rng.below(5);
    let title = sentence(rng, title_words);
    let topics = (0..rng.below(3)).map(|_| text_word(rng)).collect();
    let summary_words = 3 + rng.below(8);
    let summary = sentence(rng, summary_words);
    let paragraphs = rng.below(3);
    let body = (0..paragraphs)
        .map(|_| {
            let words = 4 + rng.below(9);
            sentence(rng, words)
        })
        .collect();
    Generated {
        title,
        topics,
        summary,
        body,
    }
}

/// A word as a user types it: a piece of a word of the texts, whole or cut, respelled;
/// an abbreviation; a word in quotes; a word with a hyphen.
fn query_word(rng: &mut Rng, corpus: &[String]) -> String {
    let source = &corpus[rng.below(corpus.len())];
    let words: Vec<&str> = source
        .split(|c: char| c.is_whitespace())
        .filter(|w| !w.is_empty())
        .collect();
    let word = words[rng.below(words.len())];
    let word = word.trim_matches(|c: char| !c.is_alphanumeric());
    let chars: Vec<char> = word.chars().collect();
    let typed = match rng.below(9) {
        // A part in more words than the index looks up, and parts of one or two letters.
        8 => rng
            .pick(&["schutz", "Schutz", "SCHUTZ", "e", "en", "ß", "Ö", "q"])
            .to_owned(),
        0 => rng.pick(ABBREVIATIONS).to_owned(),
        1 => rng.pick(ABBREVIATIONS).to_lowercase(),
        2 => format!("\"{}\"", respell(rng, word)),
        3 if !chars.is_empty() => {
            // A cut: any part of the word, from one letter on.
            let start = rng.below(chars.len());
            let len = 1 + rng.below(chars.len() - start);
            let cut: String = chars[start..start + len].iter().collect();
            respell(rng, &cut)
        }
        _ => respell(rng, word),
    };
    // A leading minus would be a negation, and a quote at one end only a phrase.
    let typed = typed.trim_matches('-');
    match typed.is_empty() || typed.matches('"').count() == 1 {
        true => rng.pick(WORDS).to_owned(),
        false => typed.to_owned(),
    }
}

// ---- The plain evaluator: the rules, written out on their own. ----

/// Lower case, umlauts and ß written out; decomposed umlauts composed first.
fn plain_key(text: &str) -> String {
    let composed = text
        .replace("a\u{308}", "ä")
        .replace("o\u{308}", "ö")
        .replace("u\u{308}", "ü")
        .replace("A\u{308}", "Ä")
        .replace("O\u{308}", "Ö")
        .replace("U\u{308}", "Ü");
    composed
        .to_lowercase()
        .replace('ä', "ae")
        .replace('ö', "oe")
        .replace('ü', "ue")
        .replace('ß', "ss")
}

fn plain_words(text: &str) -> Vec<String> {
    plain_key(text)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Whether the typed word (as the query has it) occurs in the text, by the rules.
fn plain_match(typed: &str, text: &str) -> bool {
    let (inner, quoted) = match typed.strip_prefix('"').and_then(|t| t.strip_suffix('"')) {
        Some(inner) => (inner, true),
        None => (typed, false),
    };
    let letters: Vec<char> = inner.chars().filter(|c| c.is_alphabetic()).collect();
    let abbreviation = letters.len() >= 2
        && letters.iter().all(|c| c.is_uppercase())
        && inner.chars().all(|c| c.is_alphanumeric() || c == '-');
    let whole = quoted || abbreviation;
    let pieces = plain_words(inner);
    let words = plain_words(text);
    if pieces.is_empty() {
        return true;
    }
    (0..words.len()).any(|at| {
        if at + pieces.len() > words.len() {
            return false;
        }
        pieces.iter().enumerate().all(|(i, piece)| {
            let word = &words[at + i];
            let last = pieces.len() - 1;
            if whole {
                word == piece
            } else if pieces.len() == 1 {
                word.contains(piece.as_str())
            } else if i == 0 {
                word.ends_with(piece.as_str())
            } else if i == last {
                word.starts_with(piece.as_str())
            } else {
                word == piece
            }
        })
    })
}

/// The texts a word is searched in: title, topics, teaser, body. Words side by side count
/// within one of them, whatever separates them (the topics are one text, as the body's
/// paragraphs are).
fn plain_article_match(typed: &str, a: &Generated) -> bool {
    [
        a.title.clone(),
        a.topics.join("\n"),
        a.summary.clone(),
        a.body.join("\n"),
    ]
    .iter()
    .any(|text| plain_match(typed, text))
}

/// A query of one to three words: all must match, or either (OR), or one without the other.
enum Query {
    All(Vec<String>),
    Either(String, String),
    Without(String, String),
}

impl Query {
    fn text(&self) -> String {
        match self {
            Query::All(words) => words.join(" "),
            Query::Either(a, b) => format!("{a} OR {b}"),
            Query::Without(a, b) => format!("{a} -{b}"),
        }
    }

    fn plain(&self, a: &Generated) -> bool {
        match self {
            Query::All(words) => words.iter().all(|w| plain_article_match(w, a)),
            Query::Either(x, y) => plain_article_match(x, a) || plain_article_match(y, a),
            Query::Without(x, y) => plain_article_match(x, a) && !plain_article_match(y, a),
        }
    }
}

fn env_number(name: &str, default: u32) -> u32 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

#[test]
fn the_store_finds_what_the_rules_say_on_generated_text() {
    let seed = env_number("AMTSFEED_SEARCH_SEED", 1);
    let rounds = env_number("AMTSFEED_SEARCH_ROUNDS", 2);
    for round in 0..rounds {
        check_round(seed.wrapping_add(round).max(1), round);
    }
}

fn check_round(seed: u32, round: u32) {
    let mut rng = Rng(seed.wrapping_mul(2_654_435_761).max(1));
    let mut store = Store::open_in_memory().expect("store");
    store
        .sync_feeds(&[feed("BMI Presse", "BMI", BMI)])
        .expect("sync");
    let generated: Vec<Generated> = (0..260).map(|_| generate(&mut rng)).collect();
    let articles: Vec<NewArticle> = generated
        .iter()
        .enumerate()
        .map(|(i, g)| {
            let html: String = g.body.iter().map(|p| format!("<p>{p}</p>")).collect();
            NewArticle {
                day_only: false,
                key: format!("k{i}"),
                title: g.title.clone(),
                link: Some(format!("https://www.bmi.bund.de/{i}.html")),
                published: Utc
                    .with_ymd_and_hms(2021, 1 + (i % 12) as u32, 1 + (i % 28) as u32, 10, 0, 0)
                    .single(),
                topics: g.topics.clone(),
                summary_html: format!("<p>{}</p>", g.summary),
                summary: g.summary.clone(),
                content_text: crate::text::html_to_plain(&html),
                content_html: (!g.body.is_empty()).then_some(html),
                kind: None,
            }
        })
        .collect();
    store
        .store_articles(BMI, &articles, &Validators::default(), now())
        .expect("store");
    let corpus: Vec<String> = generated
        .iter()
        .flat_map(|g| {
            std::iter::once(g.title.clone())
                .chain(g.topics.iter().cloned())
                .chain(std::iter::once(g.summary.clone()))
        })
        .collect();
    // The scan (a part in more index words than an expression takes) is part of the test.
    let words_with_schutz: std::collections::HashSet<String> = generated
        .iter()
        .flat_map(|g| {
            std::iter::once(&g.title)
                .chain(&g.topics)
                .chain(std::iter::once(&g.summary))
                .chain(&g.body)
                .flat_map(|t| plain_words(t))
                .collect::<Vec<_>>()
        })
        .filter(|w| w.contains("schutz"))
        .collect();
    assert!(
        words_with_schutz.len() > crate::store::matching::MAX_TERMS_PER_WORD,
        "only {} words with 'schutz': the scan would go untested",
        words_with_schutz.len()
    );
    for n in 0..150 {
        let query = match rng.below(6) {
            0 => Query::Either(query_word(&mut rng, &corpus), query_word(&mut rng, &corpus)),
            1 => Query::Without(query_word(&mut rng, &corpus), query_word(&mut rng, &corpus)),
            2 => Query::All(vec![
                query_word(&mut rng, &corpus),
                query_word(&mut rng, &corpus),
            ]),
            _ => Query::All(vec![query_word(&mut rng, &corpus)]),
        };
        let text = query.text();
        let Ok(filter) = crate::filter::Filter::parse(&text, NaiveDate::default()) else {
            panic!("seed {seed} (round {round}), query {n}: {text:?} does not parse");
        };
        let mut q = ArticleQuery::new(filter, &Utc);
        q.ungrouped = true;
        let mut found: Vec<usize> = store
            .page_rows(&q)
            .expect("query")
            .iter()
            .map(|row| {
                // Each article's link names its number.
                let link = row.link.as_deref().expect("a link");
                link.trim_start_matches("https://www.bmi.bund.de/")
                    .trim_end_matches(".html")
                    .parse::<usize>()
                    .expect("a generated link")
            })
            .collect();
        found.sort_unstable();
        found.dedup();
        let expected: Vec<usize> = (0..generated.len())
            .filter(|&i| query.plain(&generated[i]))
            .collect();
        assert_eq!(
            found, expected,
            "seed {seed} (round {round}), query {n}: {text:?}"
        );
    }
}
