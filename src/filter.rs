//! The article filter: one `Filter` built from the CLI flags or parsed from the filter-bar
//! query (`digitalisierung since:1.11.2021 feed:BMI unread`). Pure: today's date is passed in.

use chrono::{Days, Months, NaiveDate, TimeZone};

use crate::i18n::Lang;
use crate::model::ArticleSummary;

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
}

/// A query or date that could not be understood; shown as one line to the user.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FilterError {
    #[error("invalid date '{0}': use YYYY-MM-DD, DD.MM.YYYY, Nd/Nw/Nm/Ny (days/weeks/months/years ago), today/heute or yesterday/gestern")]
    BadDate(String),
    #[error("'{0}' is empty: write it as {0}VALUE")]
    EmptyValue(String),
    #[error("since ({since}) is after until ({until})")]
    EmptyRange { since: NaiveDate, until: NaiveDate },
    #[error("unterminated quote in filter")]
    UnterminatedQuote,
    #[error("too many search words ({0}); a filter takes at most {MAX_KEYWORDS}")]
    TooManyKeywords(usize),
}

impl FilterError {
    /// The error in `lang` (the filter bar, `list`); English is its `Display`.
    pub fn in_language(&self, lang: Lang) -> String {
        let german = lang == Lang::De;
        match self {
            FilterError::BadDate(date) if german => format!(
                "ungültiges Datum '{date}': JJJJ-MM-TT, TT.MM.JJJJ, Nt/Nw/Nm/Nj (vor N Tagen, Wochen, Monaten, Jahren), heute oder gestern"
            ),
            FilterError::EmptyValue(prefix) if german => {
                format!("'{prefix}' ist leer: {prefix}WERT")
            }
            FilterError::EmptyRange { since, until } if german => format!(
                "seit ({}) liegt nach bis ({})",
                lang.date(*since),
                lang.date(*until)
            ),
            FilterError::UnterminatedQuote if german => {
                "ein Anführungszeichen im Filter ist nicht geschlossen".to_owned()
            }
            FilterError::TooManyKeywords(n) if german => format!(
                "zu viele Suchwörter ({n}); ein Filter nimmt höchstens {MAX_KEYWORDS}"
            ),
            other => other.to_string(),
        }
    }
}

/// A filter with its day bounds resolved in a time zone, plus paging.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ArticleQuery {
    pub filter: Filter,
    /// UTC seconds: `[from, to)`.
    pub bounds: (Option<i64>, Option<i64>),
    pub limit: Option<usize>,
    pub offset: usize,
}

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
    /// `since:`/`seit:`, `until:`/`bis:`, `feed:`, `topic:`/`thema:` take a value;
    /// `unread`/`ungelesen` and `starred`/`markiert` are flags.
    pub fn parse(query: &str, today: NaiveDate) -> Result<Self, FilterError> {
        let mut filter = Filter::default();
        for token in tokenize(query)? {
            filter.apply_token(&token, today)?;
        }
        filter.check()?;
        Ok(filter)
    }

    fn apply_token(&mut self, token: &str, today: NaiveDate) -> Result<(), FilterError> {
        let lower = token.to_lowercase();
        if let Some((key, value)) = token.split_once(':') {
            let key = key.to_lowercase();
            let prefix = format!("{key}:");
            let known = ["since", "seit", "until", "bis", "feed", "topic", "thema"];
            if known.contains(&key.as_str()) && value.is_empty() {
                return Err(FilterError::EmptyValue(prefix));
            }
            let handled = match key.as_str() {
                "since" | "seit" => {
                    self.since = Some(parse_date(value, today)?);
                    true
                }
                "until" | "bis" => {
                    self.until = Some(parse_date(value, today)?);
                    true
                }
                "feed" => {
                    self.feed = Some(value.to_owned());
                    true
                }
                "topic" | "thema" => {
                    self.keywords.push(value.to_owned());
                    true
                }
                _ => false,
            };
            if handled {
                return Ok(());
            }
        }
        match lower.as_str() {
            "unread" | "ungelesen" => self.unread = true,
            "starred" | "markiert" => self.starred = true,
            _ => self.keywords.push(token.to_owned()),
        }
        Ok(())
    }

    /// Adds `other`'s conditions to this one (keywords add up, set dates and feed win).
    pub fn merge(&mut self, other: Filter) {
        self.keywords.extend(other.keywords);
        self.since = other.since.or(self.since);
        self.until = other.until.or(self.until);
        self.feed = other.feed.or(self.feed.take());
        self.unread |= other.unread;
        self.starred |= other.starred;
    }

    /// Rejects `since` after `until`, which could only ever match nothing, and more keywords
    /// than a search can take. For filters built by parts (CLI flags plus a saved filter).
    pub fn check(&self) -> Result<(), FilterError> {
        if self.keywords.len() > MAX_KEYWORDS {
            return Err(FilterError::TooManyKeywords(self.keywords.len()));
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
    /// compared in `tz`; keywords are matched against title, topics and summary.
    pub fn matches<Tz: TimeZone>(&self, article: &ArticleSummary, tz: &Tz) -> bool {
        let (from, to) = self.time_bounds(tz);
        let ts = article.published.timestamp();
        let haystack = format!(
            "{}\n{}\n{}",
            article.title,
            article.topics.join("\n"),
            article.summary
        )
        .to_lowercase();
        from.is_none_or(|f| ts >= f)
            && to.is_none_or(|t| ts < t)
            && (!self.unread || !article.read)
            && (!self.starred || article.starred)
            && self.feed.as_ref().is_none_or(|f| {
                article.feed.eq_ignore_ascii_case(f)
                    || article
                        .ministry
                        .as_ref()
                        .is_some_and(|m| m.eq_ignore_ascii_case(f))
            })
            && self
                .keywords
                .iter()
                .all(|k| haystack.contains(&k.to_lowercase()))
    }
}

/// Splits a query on whitespace, keeping `"quoted phrases"` (also as `feed:"BMI Presse"`).
fn tokenize(query: &str) -> Result<Vec<String>, FilterError> {
    let mut tokens = Vec::new();
    let mut current = String::new();
    let mut in_quotes = false;
    for c in query.chars() {
        match c {
            '"' => in_quotes = !in_quotes,
            c if c.is_whitespace() && !in_quotes => {
                if !current.is_empty() {
                    tokens.push(std::mem::take(&mut current));
                }
            }
            c => current.push(c),
        }
    }
    if in_quotes {
        return Err(FilterError::UnterminatedQuote);
    }
    if !current.is_empty() {
        tokens.push(current);
    }
    Ok(tokens)
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
    if let Ok(d) = NaiveDate::parse_from_str(&s, "%d.%m.%Y") {
        return Ok(d);
    }
    relative_date(&s, today).ok_or_else(bad)
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
        assert_eq!(german.keywords, ["Katastrophenschutz"]);
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
            date_unknown: false,
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
