//! The article filter: one `Filter` built from the CLI flags or parsed from the filter-bar
//! query (`digitalisierung since:1.11.2021 feed:BMI unread`, `(KI OR "künstliche
//! Intelligenz") -corona typ:Pressemitteilung`). Pure: today's date is passed in.

pub mod fold;
pub mod syntax;
pub mod word;

use chrono::{Datelike, Days, Months, NaiveDate, TimeZone};

use crate::model::{ArticleSummary, Ministries};

/// Which articles to show. Empty means everything.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// All must match (case-insensitive substring of topics, title, summary or text).
    pub keywords: Vec<String>,
    /// First day included (local time).
    pub since: Option<NaiveDate>,
    /// Last day included (local time).
    pub until: Option<NaiveDate>,
    /// Feed name (or ministry short name), case-insensitive.
    pub feed: Option<String>,
    pub unread: bool,
    pub starred: bool,
    /// Everything beyond "all of these words": OR groups, negations and field terms, each
    /// of which must hold.
    pub conditions: Vec<Cond>,
}

/// Where a search word must occur.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// Title, topics, teaser or text.
    Any,
    Title,
    Topic,
}

/// One condition of the filter language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cond {
    /// A word or phrase (substring, case and umlaut spelling ignored) in a field.
    Text(Field, String),
    /// The page's kind (`typ:Pressemitteilung`): a substring of it, case ignored.
    Kind(String),
    /// A feed by name or ministry.
    Feed(String),
    /// The feeds of a ministry (by its current short name): what a feed term naming a known
    /// ministry becomes (`ministerium:BMI`, `feed:Inneres`). Only the ministry a feed
    /// belongs to counts, never its name: a feed named "BMI" of another site is not BMI's.
    Ministry(String),
    Unread,
    Starred,
    /// Names a parliamentary document (`drucksache:21/1234`, `plenarprotokoll:21/45`,
    /// `vorgang:312345`): of this kind when given, by its number.
    Reference {
        kind: Option<crate::model::reference::RefKind>,
        number: String,
    },
    /// Refers to a process in parliament at this stage (`beratungsstand:Beschlussempfehlung`,
    /// part of DIP's "Beratungsstand", case ignored; with a DIP key).
    Stage(String),
    /// Changed since first stored (`geändert:`), on these days (inclusive, local time; open
    /// ends for either).
    Changed {
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
    },
    And(Vec<Cond>),
    Or(Vec<Cond>),
    Not(Box<Cond>),
}

impl Cond {
    /// How many words and phrases it searches for.
    fn text_terms(&self) -> usize {
        match self {
            Cond::Text(..) => 1,
            Cond::And(parts) | Cond::Or(parts) => parts.iter().map(Cond::text_terms).sum(),
            Cond::Not(inner) => inner.text_terms(),
            _ => 0,
        }
    }

    /// The words it searches for that a match shows (not the negated ones).
    fn positive_words<'a>(&'a self, out: &mut Vec<&'a str>) {
        match self {
            Cond::Text(_, word) => out.push(word),
            Cond::And(parts) | Cond::Or(parts) => {
                for part in parts {
                    part.positive_words(out);
                }
            }
            _ => {}
        }
    }

    /// The plain rule: whether `article` meets the condition (what the store's SQL must agree with).
    pub(crate) fn matches(&self, article: &ArticleSummary) -> bool {
        match self {
            Cond::Text(field, word) => {
                // A word without a letter or digit asks for nothing.
                let Some(term) = word::Term::parse(word) else {
                    return true;
                };
                let title = || term.matches(&article.title);
                let topic = || article.topics.iter().any(|t| term.matches(t));
                match field {
                    Field::Title => title(),
                    Field::Topic => topic(),
                    Field::Any => title() || topic() || term.matches(&article.summary),
                }
            }
            Cond::Kind(kind) => article
                .kind
                .as_ref()
                .is_some_and(|k| fold::contains(k, kind)),
            Cond::Feed(feed) => feed_matches(article, feed),
            Cond::Ministry(ministry) => article
                .ministry
                .as_ref()
                .is_some_and(|m| m.eq_ignore_ascii_case(ministry)),
            Cond::Unread => !article.read,
            Cond::Starred => article.starred,
            // Rows in memory carry no references: the store decides this one (its SQL is
            // what every list runs).
            Cond::Reference { .. } | Cond::Stage(_) => false,
            Cond::Changed { from, to } => article.changed_at.is_some_and(|at| {
                let day = at.with_timezone(&chrono::Local).date_naive();
                from.is_none_or(|f| day >= f) && to.is_none_or(|t| day <= t)
            }),
            Cond::And(parts) => parts.iter().all(|p| p.matches(article)),
            Cond::Or(parts) => parts.iter().any(|p| p.matches(article)),
            Cond::Not(inner) => !inner.matches(article),
        }
    }
}

fn feed_matches(article: &ArticleSummary, feed: &str) -> bool {
    article.feed.eq_ignore_ascii_case(feed)
        || article
            .ministry
            .as_ref()
            .is_some_and(|m| m.eq_ignore_ascii_case(feed))
}

/// A query or date that could not be understood, as data; worded by `words`
/// (`FilterError::in_language`; `Display` is English).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FilterError {
    BadDate(String),
    /// A field without its value (`seit:`).
    EmptyValue(String),
    EmptyRange {
        since: NaiveDate,
        until: NaiveDate,
    },
    UnterminatedQuote,
    TooManyKeywords(usize),
    UnknownField(String),
    Syntax(syntax::SyntaxProblem),
    /// A "(" inside a word (`NEAR(a b)`).
    ParenInWord(String),
    /// `drucksache:` with no document number (`21/1234`, `BR-123/26`; `vorgang:` an id).
    BadReference(String),
}

impl std::error::Error for FilterError {}

/// A filter with its day bounds resolved in a time zone, plus paging.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ArticleQuery {
    pub filter: Filter,
    /// UTC seconds: `[from, to)`.
    pub bounds: (Option<i64>, Option<i64>),
    pub limit: Option<usize>,
    pub offset: usize,
    /// Only articles stored after the one with this id (new since a refresh or since a
    /// saved filter was last looked at).
    pub after_id: Option<i64>,
    /// Only these articles (the few a refresh changed, for change alerts).
    pub only_ids: Option<Vec<i64>>,
    /// Every copy of a release published in several feeds (`--no-group`), instead of one.
    pub ungrouped: bool,
    /// The index's words that contain the filter's words: looked up by the store before the
    /// query runs (the index is by whole words, a search word is a substring).
    pub terms: IndexTerms,
}

/// The words of the search index that contain a piece of a search word (`schutz`:
/// katastrophenschutz, schutzschirm, …), keyed by the piece, lower-cased. `None`: so many
/// words contain it that the search scans the text instead.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct IndexTerms(pub std::collections::BTreeMap<String, Option<Vec<String>>>);

impl ArticleQuery {
    /// The query complete: the filter's whole days resolved in `zone`, built once where the
    /// filter is (the worker and the store use it as it is).
    pub fn in_zone(filter: Filter, zone: crate::model::Zone) -> Self {
        match zone {
            crate::model::Zone::Local => Self::new(filter, &chrono::Local),
            crate::model::Zone::Fixed(offset) => Self::new(filter, &offset),
        }
    }

    /// Resolves the filter's whole days in `tz` (the user's local zone in the program).
    pub fn new<Tz: TimeZone>(filter: Filter, tz: &Tz) -> Self {
        let bounds = filter.time_bounds(tz);
        Self {
            filter,
            bounds,
            limit: None,
            offset: 0,
            after_id: None,
            only_ids: None,
            ungrouped: false,
            terms: IndexTerms::default(),
        }
    }

    pub fn limit(mut self, limit: Option<usize>) -> Self {
        self.limit = limit;
        self
    }
}

/// Most keywords in one filter: each one is a term of the search expression, and SQLite's
/// full-text search refuses very large expressions ("Expression tree is too large").
pub const MAX_KEYWORDS: usize = 64;

impl Filter {
    /// Parses the filter-bar syntax. Bare words are keywords; `"two words"` is one keyword;
    /// `OR`/`ODER`, `-word`/`NOT word` and parentheses combine them; `since:`/`seit:`,
    /// `until:`/`bis:`, `feed:`/`ministerium:`, `topic:`/`thema:`, `title:`/`titel:` and
    /// `type:`/`typ:` take a value; `unread`/`ungelesen` and `starred`/`markiert` are flags.
    pub fn parse(query: &str, today: NaiveDate) -> Result<Self, FilterError> {
        let mut filter = Filter::default();
        if let Some(node) = syntax::parse(query, today)? {
            filter.apply(node)?;
        }
        filter.check()?;
        Ok(filter)
    }

    /// Takes a parsed query apart: the words, dates, feed and flags that must all hold go
    /// into their own fields (the store's fast paths), anything else into `conditions`.
    fn apply(&mut self, node: syntax::Node) -> Result<(), FilterError> {
        use syntax::Node;
        match node {
            Node::And(parts) => {
                for part in parts {
                    self.apply(part)?;
                }
            }
            Node::Since(day) => self.since = Some(day),
            Node::Until(day) => self.until = Some(day),
            Node::Cond(Cond::Text(Field::Any, word)) => self.keywords.push(word),
            Node::Cond(Cond::Feed(feed)) if self.feed.is_none() => self.feed = Some(feed),
            Node::Cond(Cond::Unread) => self.unread = true,
            Node::Cond(Cond::Starred) => self.starred = true,
            other => self.conditions.push(condition(other)?),
        }
        Ok(())
    }

    /// Feed terms that name a ministry, by its short name, an earlier one or a word
    /// (`ministerium:BMWK`, `feed:Wirtschaft`), become the feeds of that ministry under its
    /// current name, which the feeds are stored under ([`Cond::Ministry`]); other feed terms
    /// stay names of feeds.
    pub fn resolve_ministries(&mut self, ministries: &Ministries) {
        fn resolve(cond: &mut Cond, ministries: &Ministries) {
            match cond {
                Cond::Feed(feed) => {
                    if let Some(ministry) = ministries.find(feed) {
                        *cond = Cond::Ministry(ministry.name.clone());
                    }
                }
                Cond::And(parts) | Cond::Or(parts) => {
                    parts.iter_mut().for_each(|p| resolve(p, ministries));
                }
                Cond::Not(inner) => resolve(inner, ministries),
                _ => {}
            }
        }
        if let Some(ministry) = self.feed.as_deref().and_then(|f| ministries.find(f)) {
            self.conditions.push(Cond::Ministry(ministry.name.clone()));
            self.feed = None;
        }
        for cond in &mut self.conditions {
            resolve(cond, ministries);
        }
    }

    /// The words a match shows, to highlight (by the same rules, `word::match_ranges`):
    /// keywords and the words of OR groups and field terms, never the negated ones.
    pub fn highlight_terms(&self) -> Vec<word::Term> {
        let mut words: Vec<&str> = self.keywords.iter().map(String::as_str).collect();
        for cond in &self.conditions {
            cond.positive_words(&mut words);
        }
        let mut terms: Vec<word::Term> = Vec::new();
        for term in words.into_iter().filter_map(word::Term::parse) {
            if !terms.contains(&term) {
                terms.push(term);
            }
        }
        terms
    }

    /// Adds `other`'s conditions to this one (keywords add up, set dates and feed win).
    pub fn merge(&mut self, other: Filter) {
        self.keywords.extend(other.keywords);
        self.conditions.extend(other.conditions);
        self.since = other.since.or(self.since);
        self.until = other.until.or(self.until);
        self.feed = other.feed.or(self.feed.take());
        self.unread |= other.unread;
        self.starred |= other.starred;
    }

    /// Rejects `since` after `until`, which could only ever match nothing, and more keywords
    /// than a search can take. For filters built by parts (CLI flags plus a saved filter).
    pub fn check(&self) -> Result<(), FilterError> {
        let words =
            self.keywords.len() + self.conditions.iter().map(Cond::text_terms).sum::<usize>();
        if words > MAX_KEYWORDS {
            return Err(FilterError::TooManyKeywords(words));
        }
        match (self.since, self.until) {
            (Some(since), Some(until)) if since > until => {
                Err(FilterError::EmptyRange { since, until })
            }
            _ => Ok(()),
        }
    }

    /// True when nothing is filtered.
    pub fn is_empty(&self) -> bool {
        *self == Filter::default()
    }

    /// The date bounds as UTC seconds in `tz`: `[start of since, start of the day after until)`.
    pub fn time_bounds<Tz: TimeZone>(&self, tz: &Tz) -> (Option<i64>, Option<i64>) {
        let start = |d: NaiveDate| {
            let midnight = d.and_hms_opt(0, 0, 0).unwrap_or_default();
            tz.from_local_datetime(&midnight)
                .earliest()
                .map_or_else(|| midnight.and_utc().timestamp(), |t| t.timestamp())
        };
        let end = self
            .until
            .map(|d| start(d.checked_add_days(Days::new(1)).unwrap_or(d)));
        (self.since.map(start), end)
    }

    /// Whether an article matches, for code that holds rows in memory. `published` is
    /// compared in `tz`; words are matched against title, topics and summary.
    pub fn matches<Tz: TimeZone>(&self, article: &ArticleSummary, tz: &Tz) -> bool {
        let (from, to) = self.time_bounds(tz);
        let ts = article.published.timestamp();
        from.is_none_or(|f| ts >= f)
            && to.is_none_or(|t| ts < t)
            && (!self.unread || !article.read)
            && (!self.starred || article.starred)
            && self.feed.as_ref().is_none_or(|f| feed_matches(article, f))
            && self
                .keywords
                .iter()
                .all(|k| Cond::Text(Field::Any, k.clone()).matches(article))
            && self.conditions.iter().all(|c| c.matches(article))
    }
}

/// A parsed piece inside a group, where dates are not allowed.
fn condition(node: syntax::Node) -> Result<Cond, FilterError> {
    use syntax::Node;
    let all = |parts: Vec<Node>| parts.into_iter().map(condition).collect::<Result<_, _>>();
    Ok(match node {
        Node::Cond(cond) => cond,
        Node::And(parts) => Cond::And(all(parts)?),
        Node::Or(parts) => Cond::Or(all(parts)?),
        Node::Not(inner) => Cond::Not(Box::new(condition(*inner)?)),
        Node::Since(_) | Node::Until(_) => {
            return Err(FilterError::Syntax(syntax::SyntaxProblem::DateInGroup))
        }
    })
}

/// Parses one date: `2021-12-16`, `16.12.2021`, `7d`, `2w`, `3m`, `1y`, `today`/`heute`,
/// `yesterday`/`gestern`. Relative forms count back from `today`.
pub fn parse_date(input: &str, today: NaiveDate) -> Result<NaiveDate, FilterError> {
    let s = input.trim().to_lowercase();
    let bad = || FilterError::BadDate(input.to_owned());
    match s.as_str() {
        "today" | "heute" => return Ok(today),
        "yesterday" | "gestern" => return today.checked_sub_days(Days::new(1)).ok_or_else(bad),
        _ => {}
    }
    if let Ok(d) = NaiveDate::parse_from_str(&s, "%Y-%m-%d") {
        return Ok(d);
    }
    if let Some(d) = german_date(&s, today) {
        return Ok(d);
    }
    relative_date(&s, today).ok_or_else(bad)
}

/// `16.12.2021`, `1.10.26` for 2026 (a two-digit year is always this century's), and a day
/// without its year, `25.9.`: the last 25 September up to today (this year's, or last year's
/// while this year's is still to come; news has no future dates).
fn german_date(s: &str, today: NaiveDate) -> Option<NaiveDate> {
    let mut parts = s.split('.');
    // The year may be left out, not the dot before it: `25.9.`, never `25.9`.
    let (day, month, year) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    let (day, month): (u32, u32) = (day.parse().ok()?, month.parse().ok()?);
    if year.is_empty() {
        // The last year that has the day on or before today (29.2. looks back to a leap year).
        return (0..8).find_map(|back| {
            NaiveDate::from_ymd_opt(today.year() - back, month, day).filter(|d| *d <= today)
        });
    }
    if ![2, 4].contains(&year.len()) {
        return None;
    }
    let year: i32 = year.parse().ok()?;
    let year = if year < 100 { 2000 + year } else { year };
    NaiveDate::from_ymd_opt(year, month, day)
}

fn relative_date(s: &str, today: NaiveDate) -> Option<NaiveDate> {
    let unit = s.chars().last()?;
    let n: u32 = s[..s.len() - unit.len_utf8()].parse().ok()?;
    match unit {
        'd' | 't' => today.checked_sub_days(Days::new(n.into())),
        'w' => today.checked_sub_days(Days::new(u64::from(n) * 7)),
        'm' => today.checked_sub_months(Months::new(n)),
        'y' | 'j' => today.checked_sub_months(Months::new(n.checked_mul(12)?)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use crate::model::ArticleId;
    use chrono::{FixedOffset, Utc};

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid test date")
    }

    #[test]
    fn german_and_english_filter_words() {
        let today = day(2021, 12, 20);
        let german = Filter::parse(
            "ungelesen markiert thema:Katastrophenschutz seit:1.12.2021 bis:gestern",
            today,
        )
        .expect("parses");
        let english = Filter::parse(
            "unread starred topic:Katastrophenschutz since:2021-12-01 until:yesterday",
            today,
        )
        .expect("parses");
        assert_eq!(german, english);
        assert!(german.unread && german.starred);
        // thema: is the topic alone (#13), not a word anywhere.
        assert!(german.keywords.is_empty());
        assert_eq!(
            german.conditions,
            [Cond::Text(Field::Topic, "Katastrophenschutz".into())]
        );
        assert_eq!(
            (german.since, german.until),
            (Some(day(2021, 12, 1)), Some(day(2021, 12, 19)))
        );
        // The flags are words of their own, not prefixes of keywords.
        let word = Filter::parse("ungelesene", today).expect("parses");
        assert!(!word.unread);
        assert_eq!(word.keywords, ["ungelesene"]);
    }

    #[test]
    fn a_query_of_thousands_of_words_is_a_clear_error() {
        let today = day(2021, 12, 20);
        let words = vec!["a"; 5_000].join(" ");
        assert_eq!(
            Filter::parse(&words, today),
            Err(FilterError::TooManyKeywords(5_000))
        );
        let most = vec!["wort"; MAX_KEYWORDS].join(" ");
        assert_eq!(
            Filter::parse(&most, today).map(|f| f.keywords.len()),
            Ok(MAX_KEYWORDS)
        );
        let mut merged = Filter::parse(&most, today).expect("fits");
        merged.merge(Filter::parse("noch", today).expect("fits"));
        assert_eq!(
            merged.check(),
            Err(FilterError::TooManyKeywords(MAX_KEYWORDS + 1))
        );
    }

    #[test]
    fn parses_every_date_form() {
        let today = day(2021, 12, 20);
        assert_eq!(parse_date("2021-12-16", today), Ok(day(2021, 12, 16)));
        assert_eq!(parse_date("16.12.2021", today), Ok(day(2021, 12, 16)));
        assert_eq!(parse_date("7d", today), Ok(day(2021, 12, 13)));
        assert_eq!(parse_date("2w", today), Ok(day(2021, 12, 6)));
        assert_eq!(parse_date("3m", today), Ok(day(2021, 9, 20)));
        assert_eq!(parse_date("1y", today), Ok(day(2020, 12, 20)));
        assert_eq!(parse_date("Heute", today), Ok(today));
        assert_eq!(parse_date("today", today), Ok(today));
        assert_eq!(parse_date("gestern", today), Ok(day(2021, 12, 19)));
        assert_eq!(parse_date("yesterday", today), Ok(day(2021, 12, 19)));
        // A day without its year: the last one up to today.
        assert_eq!(parse_date("25.9.", today), Ok(day(2021, 9, 25)));
        assert_eq!(parse_date("24.12.", today), Ok(day(2020, 12, 24)));
        assert_eq!(parse_date("20.12.", today), Ok(today));
        assert_eq!(parse_date("29.2.", today), Ok(day(2020, 2, 29)));
        assert!(parse_date("31.9.", today).is_err());
    }

    /// Every date form on generated days, against the rules written out: the form's own
    /// fields, two-digit years in this century, a missing year the last one up to today.
    #[test]
    fn generated_dates_in_every_form_mean_their_day() {
        let mut state = 0x1234_5678_u32;
        let mut next = |n: u32| {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            state % n
        };
        for _ in 0..3_000 {
            let today = day(2004 + next(25) as i32, 1 + next(12), 1 + next(28));
            let days_back = u64::from(next(900));
            let target = today - Days::new(days_back);
            let (y, m, d) = (target.year(), target.month(), target.day());
            let year_less = |m: u32, d: u32| {
                // The evaluator: this year's day if it is not after today, else last year's.
                (0..8)
                    .map(|back| today.year() - back)
                    .find_map(|year| NaiveDate::from_ymd_opt(year, m, d).filter(|x| *x <= today))
            };
            for (text, want) in [
                (format!("{y:04}-{m:02}-{d:02}"), Some(target)),
                (format!("{d:02}.{m:02}.{y:04}"), Some(target)),
                (format!("{d}.{m}.{:02}", y % 100), Some(target)),
                (format!("{d}.{m}."), year_less(m, d)),
                (format!("{days_back}d"), Some(target)),
                (format!("{days_back}t"), Some(target)),
            ] {
                assert_eq!(parse_date(&text, today).ok(), want, "{text} on {today}");
            }
            let weeks = u64::from(next(50));
            assert_eq!(
                parse_date(&format!("{weeks}w"), today).ok(),
                today.checked_sub_days(Days::new(weeks * 7)),
                "{weeks}w"
            );
            let months = next(40);
            assert_eq!(
                parse_date(&format!("{months}m"), today).ok(),
                today.checked_sub_months(Months::new(months)),
                "{months}m on {today}"
            );
        }
    }

    #[test]
    fn bad_date_lists_accepted_forms() {
        let err = parse_date("32.13.2021", day(2021, 1, 1)).expect_err("must fail");
        let msg = err.to_string();
        assert!(
            msg.contains("'32.13.2021'") && msg.contains("DD.MM.YYYY") && msg.contains("heute"),
            "{msg}"
        );
        assert!(parse_date("7x", day(2021, 1, 1)).is_err());
        assert!(parse_date("d", day(2021, 1, 1)).is_err());
    }

    #[test]
    fn parses_a_full_query() {
        let f = Filter::parse(
            r#"digitalisierung since:1.11.2021 bis:31.12.2021 feed:"BMI Presse" unread "digitale Verwaltung""#,
            day(2021, 12, 20),
        )
        .expect("valid query");
        assert_eq!(f.keywords, vec!["digitalisierung", "digitale Verwaltung"]);
        assert_eq!(f.since, Some(day(2021, 11, 1)));
        assert_eq!(f.until, Some(day(2021, 12, 31)));
        assert_eq!(f.feed.as_deref(), Some("BMI Presse"));
        assert!(f.unread && !f.starred);
    }

    #[test]
    fn query_errors() {
        let today = day(2021, 12, 20);
        assert!(matches!(
            Filter::parse("since:morgen", today),
            Err(FilterError::BadDate(_))
        ));
        assert_eq!(
            Filter::parse("feed:", today),
            Err(FilterError::EmptyValue("feed:".into()))
        );
        assert_eq!(
            Filter::parse("\"offen", today),
            Err(FilterError::UnterminatedQuote)
        );
        assert!(matches!(
            Filter::parse("since:2w until:3w", today),
            Err(FilterError::EmptyRange { .. })
        ));
        assert!(Filter::parse("  ", today)
            .expect("empty is fine")
            .is_empty());
    }

    fn parsed(query: &str) -> Filter {
        Filter::parse(query, day(2026, 11, 30)).expect(query)
    }

    fn text(word: &str) -> Cond {
        Cond::Text(Field::Any, word.into())
    }

    #[test]
    fn or_not_and_parentheses() {
        let f = parsed(r#"digitalisierung OR "künstliche intelligenz""#);
        assert!(f.keywords.is_empty());
        assert_eq!(
            f.conditions,
            [Cond::Or(vec![
                text("digitalisierung"),
                text("künstliche intelligenz")
            ])]
        );
        // Both negations, German operators, AND written out or not.
        for query in [
            "energie -corona",
            "energie NOT corona",
            "energie UND NICHT corona",
        ] {
            let f = parsed(query);
            assert_eq!(f.keywords, ["energie"], "{query}");
            assert_eq!(
                f.conditions,
                [Cond::Not(Box::new(text("corona")))],
                "{query}"
            );
        }
        // OR binds tighter than words side by side (as in web search), so dates can follow
        // an OR; explicit AND is the same as a space; parentheses group.
        let f = parsed("a b OR c");
        assert_eq!(f.keywords, ["a"]);
        assert_eq!(f.conditions, [Cond::Or(vec![text("b"), text("c")])]);
        assert_eq!(parsed("a AND b OR c"), f);
        let f = parsed("digitalisierung OR KI seit:2w");
        assert_eq!(f.since, Some(day(2026, 11, 16)));
        assert_eq!(
            f.conditions,
            [Cond::Or(vec![text("digitalisierung"), text("KI")])]
        );
        assert_eq!(
            parsed("(a b) OR c").conditions,
            [Cond::Or(vec![
                Cond::And(vec![text("a"), text("b")]),
                text("c")
            ])]
        );
        let f = parsed("(a ODER b) c -(d OR e)");
        assert_eq!(f.keywords, ["c"]);
        assert_eq!(
            f.conditions,
            [
                Cond::Or(vec![text("a"), text("b")]),
                Cond::Not(Box::new(Cond::Or(vec![text("d"), text("e")]))),
            ]
        );
        // Lower-case "or" and a quoted "OR" are words (a single quoted word keeps its
        // quotes: it matches whole words only).
        assert_eq!(parsed("this or that").keywords, ["this", "or", "that"]);
        assert_eq!(parsed(r#"a "OR" b"#).keywords, ["a", "\"OR\"", "b"]);
        assert_eq!(
            parsed(r#""zwei Wörter""#).keywords,
            ["zwei Wörter"],
            "a phrase"
        );
        // Hyphenated words and a lone minus are words, not negations.
        assert_eq!(
            parsed("E-Government - x").keywords,
            ["E-Government", "-", "x"]
        );
    }

    #[test]
    fn field_terms_in_german_and_english() {
        let f = parsed(r#"titel:Haushalt thema:Klima typ:Pressemitteilung ministerium:BMI"#);
        let g = parsed(r#"title:Haushalt topic:Klima type:Pressemitteilung feed:BMI"#);
        assert_eq!(f, g);
        assert_eq!(f.feed.as_deref(), Some("BMI"));
        assert_eq!(
            f.conditions,
            [
                Cond::Text(Field::Title, "Haushalt".into()),
                Cond::Text(Field::Topic, "Klima".into()),
                Cond::Kind("Pressemitteilung".into()),
            ]
        );
        assert_eq!(parsed("ministry:BMWK").feed.as_deref(), Some("BMWK"));
        // Fields inside groups, a second feed as a condition.
        let f = parsed("feed:BMI OR feed:BMAS");
        assert_eq!(
            f.conditions,
            [Cond::Or(vec![
                Cond::Feed("BMI".into()),
                Cond::Feed("BMAS".into())
            ])]
        );
        // Words with colons that are no field stay words.
        assert_eq!(
            parsed("10:30 https://www.bmi.bund.de Hinweis:").keywords,
            ["10:30", "https://www.bmi.bund.de", "Hinweis:"]
        );
        assert_eq!(parsed(r#""sicne:2w""#).keywords, ["\"sicne:2w\""]);
    }

    #[test]
    fn a_misspelt_field_is_an_error_that_names_the_fields() {
        let today = day(2026, 11, 30);
        let err = Filter::parse("sicne:2w", today).expect_err("a typo");
        assert_eq!(err, FilterError::UnknownField("sicne".into()));
        let english = err.to_string();
        assert!(english.contains("did you mean since:?"), "{english}");
        assert!(
            english.contains("since: until: feed: topic: title: type:"),
            "{english}"
        );
        let german = err.in_language(Lang::De);
        assert!(german.contains("gemeint: since:?"), "{german}");
        assert!(
            german.contains("seit: bis: ministerium: thema: titel: typ:"),
            "{german}"
        );
        let fed = Filter::parse("fed:BMI", today).expect_err("a typo");
        assert!(fed.to_string().contains("did you mean feed:?"), "{fed}");
    }

    #[test]
    fn structure_errors() {
        use syntax::SyntaxProblem as P;
        let today = day(2026, 11, 30);
        let problem = |q: &str| match Filter::parse(q, today) {
            Err(FilterError::Syntax(p)) => p,
            other => panic!("{q}: {other:?}"),
        };
        assert_eq!(problem("(a OR b"), P::UnclosedParen);
        assert_eq!(problem("a OR b)"), P::UnopenedParen);
        assert_eq!(problem("OR a"), P::MissingOperand("OR"));
        assert_eq!(problem("a OR"), P::MissingOperand("OR"));
        assert_eq!(problem("a NOT"), P::MissingOperand("NOT"));
        assert_eq!(problem("a -()"), P::EmptyGroup);
        assert_eq!(problem("(seit:2w OR b)"), P::DateInGroup);
        assert_eq!(problem("-bis:gestern"), P::DateInGroup);
        assert_eq!(
            problem(&format!("{}a{}", "(".repeat(40), ")".repeat(40))),
            P::TooDeep
        );
        // Deep but allowed nesting parses; a hostile depth never overflows the stack.
        assert_eq!(
            parsed(&format!("{}a{}", "(".repeat(30), ")".repeat(30))).keywords,
            ["a"]
        );
        assert!(Filter::parse(&"(".repeat(100_000), today).is_err());
        // Negations are no nesting: any run of them reads, an even number cancels out.
        assert_eq!(parsed(&format!("{}a", "-".repeat(100_000))).keywords, ["a"]);
        assert_eq!(
            parsed(&format!("{}a", "NOT ".repeat(100_001))).conditions,
            [Cond::Not(Box::new(text("a")))]
        );
        assert_eq!(
            parsed("--a").keywords,
            ["a"],
            "a double negation is the word"
        );
        assert_eq!(parsed("NOT NOT NOT a b").conditions.len(), 1);
        // A "(" inside a word is named as the cause, not the ")" after it.
        for query in ["NEAR(a b)", "x NEAR(a b)", "Covid(19)"] {
            let error = Filter::parse(query, today).expect_err(query);
            assert!(
                matches!(error, FilterError::ParenInWord(_)),
                "{query}: {error:?}"
            );
            assert!(error.to_string().contains("inside the word"), "{error}");
        }
        assert!(FilterError::ParenInWord("NEAR(a".into())
            .in_language(Lang::De)
            .contains("mitten im Wort 'NEAR(a'"));
        assert!(FilterError::Syntax(P::UnclosedParen)
            .in_language(Lang::De)
            .contains("nicht geschlossen"));
        // Every word counts toward the limit, inside groups too.
        let many = vec!["a"; MAX_KEYWORDS + 1].join(" OR ");
        assert!(matches!(
            Filter::parse(&many, today),
            Err(FilterError::TooManyKeywords(n)) if n == MAX_KEYWORDS + 1
        ));
    }

    #[test]
    fn earlier_ministry_names_mean_the_current_one() {
        let ministries = Ministries(vec![crate::model::Ministry {
            name: "BMWE".into(),
            aliases: vec!["BMWK".into(), "BMWi".into(), "Wirtschaft".into()],
            ..Default::default()
        }]);
        let mut f = parsed("ministerium:bmwk (feed:Wirtschaft OR feed:BMI) -ministry:BMWi");
        f.resolve_ministries(&ministries);
        // Terms naming a known ministry mean its feeds; others stay feed names.
        assert_eq!(f.feed, None);
        assert_eq!(
            f.conditions,
            [
                Cond::Or(vec![
                    Cond::Ministry("BMWE".into()),
                    Cond::Feed("BMI".into())
                ]),
                Cond::Not(Box::new(Cond::Ministry("BMWE".into()))),
                Cond::Ministry("BMWE".into()),
            ]
        );
        let mut named = parsed("feed:Mein-Feed");
        named.resolve_ministries(&ministries);
        assert_eq!(named.feed.as_deref(), Some("Mein-Feed"));
    }

    #[test]
    fn a_ministry_term_means_the_ministry_a_feed_belongs_to_not_its_name() {
        let ministries = Ministries(vec![crate::model::Ministry {
            name: "BMI".into(),
            aliases: vec!["Inneres".into()],
            ..Default::default()
        }]);
        let row = |feed: &str, ministry: Option<&str>| ArticleSummary {
            gone_at: None,
            left_feed_at: None,
            changed_at: None,
            time_unknown: false,
            id: ArticleId(1),
            feed: feed.into(),
            ministry: ministry.map(str::to_owned),
            title: "Meldung".into(),
            link: None,
            published: Utc::now(),
            topics: vec![],
            summary: String::new(),
            read: false,
            starred: false,
            kind: None,
            number: None,
            date_unknown: false,
            group: None,
            also_in: Vec::new(),
        };
        let today = day(2021, 12, 20);
        for query in ["ministerium:BMI", "feed:bmi", "ministry:Inneres"] {
            let mut f = Filter::parse(query, today).expect("parses");
            f.resolve_ministries(&ministries);
            assert!(
                f.matches(&row("BMI Pressemitteilungen", Some("BMI")), &Utc),
                "{query}"
            );
            // A feed named after the ministry that is not one of its feeds.
            assert!(!f.matches(&row("BMI", None), &Utc), "{query}");
            assert!(!f.matches(&row("BMI", Some("BMAS")), &Utc), "{query}");
        }
    }

    #[test]
    fn two_digit_years_are_this_century() {
        let today = day(2026, 11, 30);
        assert_eq!(parse_date("1.10.26", today), Ok(day(2026, 10, 1)));
        assert_eq!(parse_date("16.12.99", today), Ok(day(2099, 12, 16)));
        assert_eq!(parse_date("01.01.2021", today), Ok(day(2021, 1, 1)));
        assert!(parse_date("1.10.126", today).is_err());
        assert!(parse_date("1.10", today).is_err());
    }

    #[test]
    fn conditions_match_in_memory_and_highlight_every_spelling() {
        let article = ArticleSummary {
            gone_at: None,
            left_feed_at: None,
            changed_at: None,
            time_unknown: false,
            id: ArticleId(1),
            feed: "BMI Presse".into(),
            ministry: Some("BMI".into()),
            title: "Förderung für München".into(),
            link: None,
            published: Utc
                .with_ymd_and_hms(2026, 11, 20, 9, 0, 0)
                .single()
                .expect("date"),
            topics: vec!["Straßenbau".into()],
            summary: "Maßnahmen".into(),
            read: false,
            starred: false,
            kind: Some("Pressemitteilung".into()),
            number: None,
            date_unknown: false,
            group: None,
            also_in: Vec::new(),
        };
        let utc = FixedOffset::east_opt(0).expect("utc");
        for (query, expected) in [
            ("Foerderung Muenchen", true),
            ("thema:Strasse", true),
            ("titel:Strasse", false),
            ("titel:foerderung typ:presse", true),
            ("typ:Rede", false),
            ("Massnahmen -corona", true),
            ("Massnahmen -muenchen", false),
            ("corona OR ministerium:bmi", true),
            ("(corona OR bmas) OR markiert", false),
        ] {
            assert_eq!(parsed(query).matches(&article, &utc), expected, "{query}");
        }
        let terms = parsed("Muenchen OR x -corona").highlight_terms();
        let pieces: Vec<&str> = terms.iter().map(|t| t.pieces[0].as_str()).collect();
        assert_eq!(pieces, ["muenchen", "x"]);
    }

    #[test]
    fn time_bounds_cover_whole_local_days() {
        let f = Filter {
            since: Some(day(2021, 12, 16)),
            until: Some(day(2021, 12, 16)),
            ..Filter::default()
        };
        let berlin = FixedOffset::east_opt(3600).expect("offset");
        let (from, to) = f.time_bounds(&berlin);
        assert_eq!(from, Some(1_639_609_200)); // 2021-12-15T23:00:00Z
        assert_eq!(to, Some(1_639_695_600)); // 2021-12-16T23:00:00Z
    }

    #[test]
    fn matches_in_memory() {
        let article = ArticleSummary {
            gone_at: None,
            left_feed_at: None,
            changed_at: None,
            time_unknown: false,
            id: ArticleId(1),
            feed: "BMI Pressemitteilungen".into(),
            ministry: Some("BMI".into()),
            title: "Zukunft der Verwaltungsdigitalisierung".into(),
            link: None,
            published: Utc
                .with_ymd_and_hms(2021, 12, 16, 9, 0, 0)
                .single()
                .expect("date"),
            topics: vec!["Veranstaltung".into()],
            summary: String::new(),
            read: false,
            starred: false,
            kind: None,
            number: None,
            date_unknown: false,
            group: None,
            also_in: Vec::new(),
        };
        let today = day(2021, 12, 20);
        let q = |s: &str| Filter::parse(s, today).expect("valid");
        assert!(q("digitalisierung feed:bmi unread since:16.12.2021").matches(&article, &Utc));
        assert!(q("VERANSTALTUNG").matches(&article, &Utc));
        assert!(!q("starred").matches(&article, &Utc));
        assert!(!q("since:17.12.2021").matches(&article, &Utc));
        assert!(!q("katastrophenschutz").matches(&article, &Utc));
    }
}
