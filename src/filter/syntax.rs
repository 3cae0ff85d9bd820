//! The filter language: words, `"phrases"`, `OR`, negation (`-wort`, `NOT wort`), parentheses
//! and field terms (`titel:`, `thema:`, `typ:`, `feed:`/`ministerium:`, `seit:`, `bis:`), in
//! German and English. Tokens, then a small recursive-descent parser into `Node`s.

use chrono::NaiveDate;

use super::{parse_date, Cond, Field, FilterError};

/// The fields the language knows, (German, English), in the order an error lists them.
/// `feed:` and `ministry:` are further names of `ministerium:`.
pub const FIELDS: &[(&str, &str)] = &[
    ("seit", "since"),
    ("bis", "until"),
    ("ministerium", "feed"),
    ("thema", "topic"),
    ("titel", "title"),
    ("typ", "type"),
    ("geändert", "changed"),
    ("drucksache", "drucksache"),
    ("plenarprotokoll", "plenarprotokoll"),
    ("vorgang", "vorgang"),
    ("beratungsstand", "stage"),
];

/// One parsed piece of a filter: a condition on articles, or a date bound (which applies to
/// the whole filter and is only allowed outside parentheses, OR and negation).
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Node {
    Cond(Cond),
    Since(NaiveDate),
    Until(NaiveDate),
    And(Vec<Node>),
    Or(Vec<Node>),
    Not(Box<Node>),
}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Open,
    Close,
    /// `-` right before a term or a group.
    Minus,
    Word {
        text: String,
        /// Quoted from its first character: never an operator, a flag or a field.
        literal: bool,
    },
}

/// Splits a query into words, `"quoted phrases"` (also inside a word: `feed:"BMI Presse"`),
/// parentheses and leading minus signs.
fn tokenize(query: &str) -> Result<Vec<Token>, FilterError> {
    let mut tokens = Vec::new();
    let mut current = String::new();
    let (mut in_quotes, mut started, mut literal) = (false, false, false);
    let mut chars = query.chars().peekable();
    let flush = |tokens: &mut Vec<Token>, current: &mut String, started: &mut bool, literal| {
        if *started && !current.is_empty() {
            tokens.push(Token::Word {
                text: std::mem::take(current),
                literal,
            });
        }
        current.clear();
        *started = false;
    };
    while let Some(c) = chars.next() {
        if in_quotes {
            match c {
                '"' => in_quotes = false,
                c => current.push(c),
            }
            continue;
        }
        match c {
            '"' => {
                if !started {
                    literal = true;
                }
                started = true;
                in_quotes = true;
            }
            c if c.is_whitespace() => flush(&mut tokens, &mut current, &mut started, literal),
            '(' if !started => tokens.push(Token::Open),
            ')' => {
                flush(&mut tokens, &mut current, &mut started, literal);
                tokens.push(Token::Close);
            }
            // A minus starts a negation only when a term or group follows at once.
            '-' if !started
                && chars
                    .peek()
                    .is_some_and(|n| !n.is_whitespace() && *n != ')') =>
            {
                tokens.push(Token::Minus);
            }
            c => {
                if !started {
                    literal = false;
                }
                started = true;
                current.push(c);
            }
        }
    }
    if in_quotes {
        return Err(FilterError::UnterminatedQuote);
    }
    flush(&mut tokens, &mut current, &mut started, literal);
    Ok(tokens)
}

/// Parses a whole query; `None` for an empty one.
pub(super) fn parse(query: &str, today: NaiveDate) -> Result<Option<Node>, FilterError> {
    let tokens = tokenize(query)?;
    let mut parser = Parser {
        tokens,
        at: 0,
        today,
        depth: 0,
    };
    if parser.tokens.is_empty() {
        return Ok(None);
    }
    let parsed = parser
        .conjunction()
        .and_then(|node| match parser.tokens.get(parser.at) {
            None => Ok(node),
            Some(_) => Err(FilterError::Syntax(SyntaxProblem::UnopenedParen)),
        });
    match parsed {
        Ok(node) => Ok(Some(node)),
        // Unbalanced parentheses next to a word with "(" in it (`NEAR(a b)`): that word is
        // the cause, not the ")" the parser stumbled on.
        Err(
            error
            @ FilterError::Syntax(SyntaxProblem::UnopenedParen | SyntaxProblem::UnclosedParen),
        ) => Err(paren_in_word(&parser.tokens).unwrap_or(error)),
        Err(other) => Err(other),
    }
}

/// The first unquoted word with a "(" inside, as the error that names it.
fn paren_in_word(tokens: &[Token]) -> Option<FilterError> {
    tokens.iter().find_map(|t| match t {
        Token::Word {
            text,
            literal: false,
        } if text.contains('(') => Some(FilterError::ParenInWord(text.clone())),
        _ => None,
    })
}

/// What is wrong with a query's structure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SyntaxProblem {
    /// `(` without `)`.
    UnclosedParen,
    /// `)` without `(`.
    UnopenedParen,
    /// `OR`, `NOT` or `-` with nothing after it, or `OR` with nothing before it.
    MissingOperand(&'static str),
    /// `()` with nothing inside.
    EmptyGroup,
    /// Parentheses nested too deep to be a query someone typed.
    TooDeep,
    /// `seit:`/`bis:` inside parentheses, OR or a negation.
    DateInGroup,
}

/// Parentheses deeper than this are refused (a hostile saved filter must not overflow the
/// stack).
const MAX_DEPTH: usize = 32;

struct Parser {
    tokens: Vec<Token>,
    at: usize,
    today: NaiveDate,
    depth: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.at)
    }

    /// The operator word at the current token, if it is one (`OR`/`ODER`, `AND`/`UND`,
    /// `NOT`/`NICHT`, written in capitals).
    fn operator(&self) -> Option<&'static str> {
        match self.peek() {
            Some(Token::Word {
                text,
                literal: false,
            }) => match text.as_str() {
                "OR" | "ODER" => Some("OR"),
                "AND" | "UND" => Some("AND"),
                "NOT" | "NICHT" => Some("NOT"),
                _ => None,
            },
            _ => None,
        }
    }

    /// Words side by side (or joined by `AND`): all must hold. The loosest binding, as in
    /// web search, so `digitalisierung OR KI seit:2w` is (digitalisierung OR KI), since 2w.
    fn conjunction(&mut self) -> Result<Node, FilterError> {
        let mut parts = Vec::new();
        loop {
            match (self.peek(), self.operator()) {
                (None | Some(Token::Close), _) => break,
                (_, Some("AND")) => self.at += 1,
                (_, Some("OR")) => {
                    return Err(FilterError::Syntax(SyntaxProblem::MissingOperand("OR")))
                }
                _ => parts.push(self.disjunction()?),
            }
        }
        Ok(match parts.len() {
            0 => return Err(FilterError::Syntax(SyntaxProblem::EmptyGroup)),
            1 => parts.remove(0),
            _ => Node::And(parts),
        })
    }

    /// `a OR b OR c`: binds tighter than words side by side (`a b OR c` is a, and b or c).
    fn disjunction(&mut self) -> Result<Node, FilterError> {
        let mut parts = vec![self.unary()?];
        while self.operator() == Some("OR") {
            self.at += 1;
            if matches!(self.peek(), None | Some(Token::Close))
                || matches!(self.operator(), Some("OR" | "AND"))
            {
                return Err(FilterError::Syntax(SyntaxProblem::MissingOperand("OR")));
            }
            parts.push(self.unary()?);
        }
        Ok(if parts.len() == 1 {
            parts.remove(0)
        } else {
            Node::Or(parts)
        })
    }

    fn unary(&mut self) -> Result<Node, FilterError> {
        let negation = match (self.peek(), self.operator()) {
            (Some(Token::Minus), _) => Some("-"),
            (_, Some("NOT")) => Some("NOT"),
            _ => None,
        };
        if negation.is_some() {
            // A run of negations (`-----a`, `NOT NOT a`) is read in a loop, not by recursion:
            // any number of them is fine, and an even number cancels out.
            let mut negations = 0usize;
            loop {
                let op = match (self.peek(), self.operator()) {
                    (Some(Token::Minus), _) => "-",
                    (_, Some("NOT")) => "NOT",
                    _ => break,
                };
                self.at += 1;
                negations += 1;
                if matches!(self.peek(), None | Some(Token::Close)) || self.operator() == Some("OR")
                {
                    return Err(FilterError::Syntax(SyntaxProblem::MissingOperand(op)));
                }
            }
            let inner = self.unary()?;
            return Ok(match negations % 2 {
                1 => Node::Not(Box::new(inner)),
                _ => inner,
            });
        }
        match self.peek().cloned() {
            Some(Token::Open) => {
                self.at += 1;
                self.depth += 1;
                if self.depth > MAX_DEPTH {
                    return Err(FilterError::Syntax(SyntaxProblem::TooDeep));
                }
                let inner = self.conjunction()?;
                self.depth -= 1;
                match self.peek() {
                    Some(Token::Close) => {
                        self.at += 1;
                        Ok(inner)
                    }
                    _ => Err(FilterError::Syntax(SyntaxProblem::UnclosedParen)),
                }
            }
            Some(Token::Word { text, literal }) => {
                self.at += 1;
                term(&text, literal, self.today)
            }
            Some(Token::Close) => Err(FilterError::Syntax(SyntaxProblem::UnopenedParen)),
            Some(Token::Minus) | None => {
                Err(FilterError::Syntax(SyntaxProblem::MissingOperand("-")))
            }
        }
    }
}

/// One word: a flag, a field term, or a word to search for.
fn term(text: &str, literal: bool, today: NaiveDate) -> Result<Node, FilterError> {
    if literal {
        // A single word in quotes keeps them: it matches whole words only (`word::Term`);
        // a phrase is its words side by side.
        let word = match text.contains(char::is_whitespace) {
            true => text.to_owned(),
            false => format!("\"{text}\""),
        };
        return Ok(Node::Cond(Cond::Text(Field::Any, word)));
    }
    match text.to_lowercase().as_str() {
        "unread" | "ungelesen" => return Ok(Node::Cond(Cond::Unread)),
        "starred" | "markiert" => return Ok(Node::Cond(Cond::Starred)),
        _ => {}
    }
    let Some((key, value)) = text.split_once(':') else {
        return Ok(Node::Cond(Cond::Text(Field::Any, text.to_owned())));
    };
    let lower = key.to_lowercase();
    let field = match lower.as_str() {
        "since" | "seit" => Some("since"),
        "until" | "bis" => Some("until"),
        "feed" | "ministerium" | "ministry" => Some("feed"),
        "topic" | "thema" => Some("topic"),
        "title" | "titel" => Some("title"),
        "type" | "typ" => Some("type"),
        "changed" | "geändert" | "geaendert" => Some("changed"),
        "drucksache" | "drs" | "plenarprotokoll" | "plpr" | "vorgang" | "dip" => Some("reference"),
        "beratungsstand" | "stage" => Some("stage"),
        _ => None,
    };
    let Some(field) = field else {
        // `10:30`, `https://…` and a trailing colon are words; `sicne:2w` is a typo.
        let looks_like_field = !key.is_empty()
            && key.chars().all(char::is_alphabetic)
            && !value.is_empty()
            && !value.starts_with("//");
        if looks_like_field {
            return Err(FilterError::UnknownField(key.to_owned()));
        }
        return Ok(Node::Cond(Cond::Text(Field::Any, text.to_owned())));
    };
    if value.trim().is_empty() {
        return Err(FilterError::EmptyValue(format!("{lower}:")));
    }
    let value = value.to_owned();
    Ok(match field {
        "since" => Node::Since(parse_date(&value, today)?),
        "until" => Node::Until(parse_date(&value, today)?),
        "feed" => Node::Cond(Cond::Feed(value)),
        "topic" => Node::Cond(Cond::Text(Field::Topic, value)),
        "title" => Node::Cond(Cond::Text(Field::Title, value)),
        "changed" => Node::Cond(changed(&value, today)?),
        "reference" => Node::Cond(reference(&lower, &value)?),
        "stage" => Node::Cond(Cond::Stage(value.trim().to_owned())),
        _ => Node::Cond(Cond::Kind(value)),
    })
}

/// `drucksache:21/1234` (a Bundestag or Bundesrat Drucksache; `BT-`/`BR-` before the
/// number says which), `plenarprotokoll:21/45`, `vorgang:312345`.
fn reference(field: &str, value: &str) -> Result<Cond, FilterError> {
    use crate::model::reference::RefKind;
    let value = value.trim();
    let (kind, number) = match field {
        "plenarprotokoll" | "plpr" => (Some(RefKind::Plenarprotokoll), value),
        "vorgang" | "dip" => (Some(RefKind::Vorgang), value),
        _ => match value.get(..3).map(str::to_ascii_lowercase).as_deref() {
            Some("bt-") => (Some(RefKind::BtDrucksache), &value[3..]),
            Some("br-") => (Some(RefKind::BrDrucksache), &value[3..]),
            _ => (None, value),
        },
    };
    let wellformed = match kind {
        Some(RefKind::Vorgang) => !number.is_empty() && number.chars().all(|c| c.is_ascii_digit()),
        _ => number.split_once('/').is_some_and(|(a, b)| {
            [a, b]
                .iter()
                .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
        }),
    };
    if !wellformed {
        return Err(FilterError::BadReference(value.to_owned()));
    }
    // Stored without leading zeros ("21/0042" is 21/42).
    let number = number
        .split('/')
        .map(|p| match p.trim_start_matches('0') {
            "" => "0",
            rest => rest,
        })
        .collect::<Vec<_>>()
        .join("/");
    Ok(Cond::Reference { kind, number })
}

/// `geändert:` and its value: any change (`ja`, `yes`, `*`), changed since a day (`2w`,
/// `14.3.2026`), or on the days of a range (`1.3.2026..14.3.2026`, open ends allowed).
fn changed(value: &str, today: NaiveDate) -> Result<Cond, FilterError> {
    let value = value.trim();
    if matches!(
        value.to_lowercase().as_str(),
        "ja" | "yes" | "*" | "any" | "alle"
    ) {
        return Ok(Cond::Changed {
            from: None,
            to: None,
        });
    }
    let day = |s: &str| -> Result<Option<NaiveDate>, FilterError> {
        match s.trim() {
            "" => Ok(None),
            s => parse_date(s, today).map(Some),
        }
    };
    let (from, to) = match value.split_once("..") {
        Some((a, b)) => (day(a)?, day(b)?),
        None => (day(value)?, None),
    };
    Ok(Cond::Changed { from, to })
}

/// The field name closest to a misspelt one (`sicne` → `since`), for the error.
pub fn closest_field(typed: &str) -> Option<&'static str> {
    let typed = typed.to_lowercase();
    FIELDS
        .iter()
        .flat_map(|(a, b)| [*a, *b])
        .chain(["ministry"])
        .map(|name| (strsim::damerau_levenshtein(&typed, name), name))
        .filter(|(distance, name)| *distance <= 2 && *distance < name.len())
        .min()
        .map(|(_, name)| name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(query: &str) -> Vec<Token> {
        tokenize(query).expect("tokenizes")
    }

    fn word(text: &str, literal: bool) -> Token {
        Token::Word {
            text: text.into(),
            literal,
        }
    }

    #[test]
    fn tokens_keep_phrases_parentheses_and_minus_apart() {
        assert_eq!(
            words(r#"-(a OR "b c") feed:"BMI Presse" E-Government"#),
            [
                Token::Minus,
                Token::Open,
                word("a", false),
                word("OR", false),
                word("b c", true),
                Token::Close,
                word("feed:BMI Presse", false),
                word("E-Government", false),
            ]
        );
        // A minus before a space or at the end is a word of its own.
        assert_eq!(
            words("a - b"),
            [word("a", false), word("-", false), word("b", false)]
        );
    }

    #[test]
    fn a_misspelt_field_is_found_again() {
        assert_eq!(closest_field("sicne"), Some("since"));
        assert_eq!(closest_field("fed"), Some("feed"));
        assert_eq!(closest_field("thmea"), Some("thema"));
        assert_eq!(closest_field("xyzzy"), None);
    }
}
