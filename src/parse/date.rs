//! Feed timestamps as real feeds write them. RFC 3339 and RFC 2822 first, then the variants
//! that German sites and their CMSs produce: zone names (MEZ, MESZ, MET, MEST, CET, CEST, UT,
//! GMT, Etc/GMT, Europe/Berlin, Z, and the US names with and without daylight time), offsets
//! with or without a colon, two-digit years, German month and day names, one-digit hours, no
//! seconds, `16.12.2021 09:00`; asctime and its relatives (`Sun Jan  4 16:29:06 2004`, Java's
//! `Tue Jun 01 10:00:00 CEST 2021`, Twitter's `Sun Jul 15 01:16:00 +0000 2012`), slashed
//! dates (`2006/09/15 08:19:53 EDT`) and partial or compact ISO dates (`2003-12`, `2003`,
//! `031231`, `03-12-31`, `20031231`). A time without a zone is German time (CET/CEST); a date
//! without a time is noon UTC, the same day everywhere in Europe. Impossible values
//! (`25:14:55`, `10:61:00`, the 31st of February) are refused, never moved to a possible
//! one: such an item is then undated, and marked so. Pure: no clock, no tz database.

use chrono::{
    DateTime, Datelike, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Timelike, Utc,
};

/// The instant `raw` names, or `None` when it is no date this reader knows.
pub fn parse_timestamp(raw: &str) -> Option<DateTime<Utc>> {
    let s = raw.trim();
    if s.is_empty() || s.len() > 80 {
        return None;
    }
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Some(t.to_utc());
    }
    if let Ok(t) = DateTime::parse_from_rfc2822(s) {
        return Some(t.to_utc());
    }
    iso_like(s).or_else(|| compact_iso(s)).or_else(|| words(s))
}

/// `2024-01-01T09:00:00+0100`, `2024-01-01 09:00`, `2024-01-01T09:00:00.123 MEZ`,
/// `2024-01-01`, `2024-01`, `2024`: ISO dates with a space, without seconds, with a compact
/// offset or a zone name, or cut short (then the first day of the month or year). A month of
/// three digits with a leading zero (`2003-012-31`, written by some generators) is a month.
fn iso_like(s: &str) -> Option<DateTime<Utc>> {
    let (year, rest) = digits(s, 4..=4)?;
    if rest.is_empty() {
        return Some(noon(NaiveDate::from_ymd_opt(year as i32, 1, 1)?));
    }
    let (month, rest) = digits(rest.strip_prefix('-')?, 1..=3)?;
    if rest.is_empty() {
        return Some(noon(NaiveDate::from_ymd_opt(year as i32, month, 1)?));
    }
    let (day, rest) = digits(rest.strip_prefix('-')?, 1..=2)?;
    let date = NaiveDate::from_ymd_opt(year as i32, month, day)?;
    let rest = rest.trim_start_matches(['T', 't', ' ']);
    if rest.is_empty() {
        return Some(noon(date));
    }
    let (clock, zone) = split_clock(rest);
    let time = clock_time(clock)?;
    at(date.and_time(time), zone)
}

/// The number the ASCII digits at the start of `s` write, if there are as many as `count`
/// allows, and what follows them.
fn digits(s: &str, count: std::ops::RangeInclusive<usize>) -> Option<(u32, &str)> {
    let end = s.bytes().take_while(u8::is_ascii_digit).count();
    if !count.contains(&end) {
        return None;
    }
    Some((s[..end].parse().ok()?, &s[end..]))
}

/// ISO 8601's compact and truncated dates: `20031231`, `031231`, `03-12-31` (two-digit years
/// as RFC 2822 reads them), and the year-and-month `-0312` / `-03-12`. Five digits are
/// refused: `22013` could be a year of five digits or a day of the year, and neither is sure.
fn compact_iso(s: &str) -> Option<DateTime<Utc>> {
    let two = |d: u32| full_year(&format!("{d:02}"));
    let date = if let Some(month) = s.strip_prefix('-') {
        let (year, month) = match month.split_once('-') {
            Some((y, m)) if y.len() == 2 && m.len() == 2 => (y, m),
            None if month.len() == 4 => month.split_at(2),
            _ => return None,
        };
        let (year, _) = digits(year, 2..=2).filter(|(_, rest)| rest.is_empty())?;
        let (month, _) = digits(month, 2..=2).filter(|(_, rest)| rest.is_empty())?;
        NaiveDate::from_ymd_opt(two(year)?, month, 1)?
    } else {
        let numbers: Vec<&str> = s.split('-').collect();
        let number = |t: &str| {
            digits(t, 2..=2)
                .filter(|(_, rest)| rest.is_empty())
                .map(|(n, _)| n)
        };
        match numbers.as_slice() {
            [whole] if whole.len() == 8 && whole.bytes().all(|b| b.is_ascii_digit()) => {
                NaiveDate::parse_from_str(whole, "%Y%m%d").ok()?
            }
            [whole] if whole.len() == 6 => {
                let (y, rest) = whole.split_at(2);
                let (m, d) = rest.split_at(2);
                NaiveDate::from_ymd_opt(two(number(y)?)?, number(m)?, number(d)?)?
            }
            [y, m, d] => NaiveDate::from_ymd_opt(two(number(y)?)?, number(m)?, number(d)?)?,
            _ => return None,
        }
    };
    Some(noon(date))
}

/// Splits `09:00:00.5+01:00` / `09:00 MEZ` into the clock and the zone part.
fn split_clock(rest: &str) -> (&str, &str) {
    let end = rest
        .char_indices()
        .find(|&(_, c)| !(c.is_ascii_digit() || c == ':' || c == '.' || c == ','))
        .map_or(rest.len(), |(i, _)| i);
    (&rest[..end], rest[end..].trim())
}

/// `H:MM`, `HH:MM:SS`, `HH:MM:SS.fff` (a `,` or `.` before the fraction). An hour past 23,
/// a minute past 59 or a second past 60 is no time: `None`, never the nearest possible one.
fn clock_time(clock: &str) -> Option<NaiveTime> {
    let (clock, fraction) = match clock.find(['.', ',']) {
        Some(at) => (&clock[..at], &clock[at + 1..]),
        None => (clock, "0"),
    };
    if fraction.is_empty() || !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut parts = clock.split(':');
    let mut field = || -> Option<Option<u32>> {
        match parts.next() {
            Some(p) => Some(Some(digits(p, 1..=2).filter(|(_, r)| r.is_empty())?.0)),
            None => Some(None),
        }
    };
    let hour = field()??;
    let minute = field()??;
    let second = field()?.unwrap_or(0);
    if field()?.is_some() {
        return None;
    }
    match (hour, minute, second) {
        // The end of a day (ISO 8601's 24:00) and a leap second: the last second before.
        (24, 0, 0) => NaiveTime::from_hms_opt(23, 59, 59),
        (h, m, 60) if h < 24 && m < 60 => NaiveTime::from_hms_opt(h, m, 59),
        (h, m, s) => NaiveTime::from_hms_opt(h, m, s),
    }
}

/// RFC 2822 as written by hand and by German CMSs: `Mon, 1 Jan 2024 9:00:00 MEZ`,
/// `Mo, 01 Jan 24 09:00 +01:00`, `1. Januar 2024 09:00 Uhr`, `16.12.2021 09:00`, `16.12.2021`.
fn words(s: &str) -> Option<DateTime<Utc>> {
    let tokens: Vec<&str> = s
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|t| !t.is_empty())
        .collect();
    let mut tokens = tokens.as_slice();
    // A weekday in any language ("mer," in a French feed) before a day number.
    let any_weekday = |t: &str| t.chars().all(char::is_alphabetic) && t.chars().count() <= 10;
    if let [first, second, ..] = tokens {
        if is_weekday(first)
            || (any_weekday(first) && second.starts_with(|c: char| c.is_ascii_digit()))
        {
            tokens = &tokens[1..];
        }
    }
    let (date, rest) = dotted_date(tokens)
        .or_else(|| slashed_date(tokens))
        .or_else(|| day_month_year(tokens))
        .or_else(|| month_day_year(tokens))
        .map(|(date, rest)| (date, rest.to_vec()))
        .or_else(|| asctime(tokens))?;
    let mut pm = None;
    let rest: Vec<&str> = rest
        .into_iter()
        .filter(|t| match t.to_ascii_lowercase().as_str() {
            "uhr" => false,
            "am" | "pm" => {
                pm = Some(t.eq_ignore_ascii_case("pm"));
                false
            }
            _ => true,
        })
        .collect();
    let twelve_hour = |time: NaiveTime| match pm {
        Some(pm) => {
            let hour = time.hour() % 12 + if pm { 12 } else { 0 };
            time.with_hour(hour)
        }
        None => Some(time),
    };
    let (clock, zone) = match rest.as_slice() {
        [] => return Some(noon(date)),
        [clock] => split_clock(clock),
        [clock, zone] => match split_clock(clock) {
            (clock, "") => (clock, *zone),
            _ => return None,
        },
        _ => return None,
    };
    at(date.and_time(twelve_hour(clock_time(clock)?)?), zone)
}

/// `Dec 16 2023` (American order).
fn month_day_year<'a, 'b>(tokens: &'b [&'a str]) -> Option<(NaiveDate, &'b [&'a str])> {
    let [month, day, year, rest @ ..] = tokens else {
        return None;
    };
    let month = month_number(month)?;
    let day: u32 = day.trim_end_matches('.').parse().ok()?;
    Some((NaiveDate::from_ymd_opt(full_year(year)?, month, day)?, rest))
}

/// `Sun Jan  4 16:29:06 2004` (C's asctime), `Tue Jun 01 10:00:00 CEST 2021` (Java's
/// `Date.toString()`), `Sun Jul 15 01:16:00 +0000 2012` (Twitter): the month, the day, the
/// clock, a zone or none, and the year last. The rest is the clock and the zone.
fn asctime<'a>(tokens: &[&'a str]) -> Option<(NaiveDate, Vec<&'a str>)> {
    let (month, day, clock, zone, year) = match tokens {
        [month, day, clock, year] => (month, day, clock, None, year),
        [month, day, clock, zone, year] => (month, day, clock, Some(*zone), year),
        _ => return None,
    };
    let month = month_number(month)?;
    let (day, _) = digits(day, 1..=2).filter(|(_, rest)| rest.is_empty())?;
    let year = full_year(year).filter(|_| year.len() == 4)?;
    let date = NaiveDate::from_ymd_opt(year, month, day)?;
    Some((date, std::iter::once(*clock).chain(zone).collect()))
}

/// `2006/09/15` (year first, as Perforce and some CMSs write it) as the first token.
fn slashed_date<'a, 'b>(tokens: &'b [&'a str]) -> Option<(NaiveDate, &'b [&'a str])> {
    let mut parts = tokens.first()?.split('/');
    let (year, _) = digits(parts.next()?, 4..=4).filter(|(_, r)| r.is_empty())?;
    let (month, _) = digits(parts.next()?, 1..=2).filter(|(_, r)| r.is_empty())?;
    let (day, _) = digits(parts.next()?, 1..=2).filter(|(_, r)| r.is_empty())?;
    if parts.next().is_some() {
        return None;
    }
    Some((
        NaiveDate::from_ymd_opt(year as i32, month, day)?,
        &tokens[1..],
    ))
}

/// `16.12.2021` (also `16.12.21`) as the first token.
fn dotted_date<'a, 'b>(tokens: &'b [&'a str]) -> Option<(NaiveDate, &'b [&'a str])> {
    let first = tokens.first()?.trim_end_matches('.');
    let mut parts = first.split('.');
    let day: u32 = parts.next()?.parse().ok()?;
    let month: u32 = parts.next()?.parse().ok()?;
    let year = full_year(parts.next()?)?;
    if parts.next().is_some() {
        return None;
    }
    Some((NaiveDate::from_ymd_opt(year, month, day)?, &tokens[1..]))
}

/// `1 Jan 2024`, `1. Januar 2024`, `01 Mrz 24`.
fn day_month_year<'a, 'b>(tokens: &'b [&'a str]) -> Option<(NaiveDate, &'b [&'a str])> {
    let [day, month, year, rest @ ..] = tokens else {
        return None;
    };
    let day: u32 = day.trim_end_matches('.').parse().ok()?;
    let month = month_number(month)?;
    let year = full_year(year)?;
    Some((NaiveDate::from_ymd_opt(year, month, day)?, rest))
}

/// Four digits as written; two digits as RFC 2822 reads them (00–49 → 20xx, 50–99 → 19xx).
fn full_year(token: &str) -> Option<i32> {
    if !token.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let year: i32 = token.parse().ok()?;
    match token.len() {
        4 => Some(year),
        2 if year < 50 => Some(2000 + year),
        2 => Some(1900 + year),
        _ => None,
    }
}

fn is_weekday(token: &str) -> bool {
    const DAYS: &[&str] = &[
        "mon",
        "tue",
        "wed",
        "thu",
        "fri",
        "sat",
        "sun",
        "mo",
        "di",
        "mi",
        "do",
        "fr",
        "sa",
        "so",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "montag",
        "dienstag",
        "mittwoch",
        "donnerstag",
        "freitag",
        "samstag",
        "sonnabend",
        "sonntag",
    ];
    let t = token.trim_end_matches('.').to_lowercase();
    DAYS.contains(&t.as_str())
}

/// English and German month names and their usual abbreviations.
pub fn month_number(token: &str) -> Option<u32> {
    let t = token.trim_end_matches('.').to_lowercase();
    let n = match t.as_str() {
        "jan" | "january" | "januar" | "jän" | "jänner" => 1,
        "feb" | "february" | "februar" => 2,
        "mar" | "march" | "mär" | "mrz" | "märz" => 3,
        "apr" | "april" => 4,
        "may" | "mai" => 5,
        "jun" | "june" | "juni" => 6,
        "jul" | "july" | "juli" => 7,
        "aug" | "august" => 8,
        "sep" | "sept" | "september" => 9,
        "oct" | "okt" | "october" | "oktober" => 10,
        "nov" | "november" => 11,
        "dec" | "dez" | "december" | "dezember" => 12,
        _ => return None,
    };
    Some(n)
}

/// A local time in `zone` (a name, `+0100`, `+01:00`, `+01`), or German time without one or
/// in a tz database name of a Central European city (`Europe/Berlin`, `Europe/Vienna`, …).
fn at(local: NaiveDateTime, zone: &str) -> Option<DateTime<Utc>> {
    let offset = if zone.is_empty() || is_central_european(zone) {
        berlin_offset(local)
    } else {
        zone_offset(zone)?
    };
    offset
        .from_local_datetime(&local)
        .single()
        .map(|t| t.to_utc())
}

/// Zone names seen in feeds, and numeric offsets.
fn zone_offset(zone: &str) -> Option<FixedOffset> {
    // RFC 2822's names (chrono reads those only in an otherwise strict date) and Europe's.
    const NAMES: &[(&str, i32)] = &[
        ("Z", 0),
        ("UT", 0),
        ("UTC", 0),
        ("GMT", 0),
        ("WET", 0),
        ("WEZ", 0),
        ("MEZ", 1),
        ("MET", 1),
        ("CET", 1),
        ("WEST", 1),
        ("WESZ", 1),
        ("BST", 1),
        ("MESZ", 2),
        ("MEST", 2),
        ("CEST", 2),
        ("EET", 2),
        ("OEZ", 2),
        ("EEST", 3),
        ("OESZ", 3),
        ("EST", -5),
        ("EDT", -4),
        ("CST", -6),
        ("CDT", -5),
        ("MST", -7),
        ("MDT", -6),
        ("PST", -8),
        ("PDT", -7),
        // The US zones without the daylight letter, as standard time (as other readers do).
        ("AT", -4),
        ("ET", -5),
        ("CT", -6),
        ("MT", -7),
        ("PT", -8),
    ];
    // tz database names: `Etc/GMT` and its relatives.
    if let Some(etc) = zone.strip_prefix("Etc/") {
        return etc_zone(etc);
    }

    if let Some((_, h)) = NAMES
        .iter()
        .find(|(name, _)| zone.eq_ignore_ascii_case(name))
    {
        return FixedOffset::east_opt(h * 3600);
    }
    let zone = zone
        .strip_prefix("GMT")
        .or_else(|| zone.strip_prefix("UTC"))
        .unwrap_or(zone);
    let sign = match zone.as_bytes().first()? {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let number = |d: &str| -> Option<i32> {
        (!d.is_empty() && d.len() <= 2 && d.bytes().all(|b| b.is_ascii_digit()))
            .then(|| d.parse().ok())
            .flatten()
    };
    let rest = &zone[1..];
    // "+01:00", "+0100", "+01", and the broken "+00:0" some generators write.
    let (h, m) = match rest.split_once(':') {
        Some((h, m)) => (number(h)?, number(m)?),
        None if rest.len() == 4 => (number(&rest[..2])?, number(&rest[2..])?),
        None => (number(rest)?, 0),
    };
    if h > 14 || m > 59 {
        return None;
    }
    FixedOffset::east_opt(sign * (h * 3600 + m * 60))
}

/// A tz database zone whose clocks have been Germany's since 1996 (CET, with summer time).
fn is_central_european(zone: &str) -> bool {
    const CITIES: &[&str] = &[
        "Berlin",
        "Busingen",
        "Vienna",
        "Zurich",
        "Amsterdam",
        "Brussels",
        "Luxembourg",
        "Paris",
        "Rome",
        "Madrid",
        "Prague",
        "Warsaw",
        "Copenhagen",
        "Stockholm",
        "Oslo",
        "Budapest",
        "Bratislava",
        "Ljubljana",
        "Zagreb",
        "Vaduz",
        "Monaco",
    ];
    zone.strip_prefix("Europe/")
        .is_some_and(|city| CITIES.iter().any(|c| city.eq_ignore_ascii_case(c)))
}

/// `Etc/GMT`, `Etc/UTC`, `Etc/UCT`, `Etc/Zulu`, and `Etc/GMT+5` / `Etc/GMT-1`, whose sign is
/// POSIX's: `Etc/GMT+5` is five hours *behind* UTC.
fn etc_zone(etc: &str) -> Option<FixedOffset> {
    if [
        "GMT",
        "UTC",
        "UCT",
        "Zulu",
        "Universal",
        "Greenwich",
        "GMT0",
    ]
    .iter()
    .any(|n| etc.eq_ignore_ascii_case(n))
    {
        return FixedOffset::east_opt(0);
    }
    let hours = etc.strip_prefix("GMT")?;
    let (sign, number) = match hours.as_bytes().first()? {
        b'+' => (-1, &hours[1..]),
        b'-' => (1, &hours[1..]),
        _ => return None,
    };
    let (h, _) = digits(number, 1..=2).filter(|(h, rest)| rest.is_empty() && *h <= 14)?;
    FixedOffset::east_opt(sign * h as i32 * 3600)
}

/// CET or CEST for a German wall-clock time: summer time from the last Sunday of March, 02:00,
/// to the last Sunday of October, 03:00 (EU rule since 1996; tzdata is not needed for this).
pub fn berlin_offset(local: NaiveDateTime) -> FixedOffset {
    let year = local.year();
    let summer_from = last_sunday(year, 3).and_hms_opt(2, 0, 0);
    let summer_until = last_sunday(year, 10).and_hms_opt(3, 0, 0);
    let summer = matches!((summer_from, summer_until), (Some(from), Some(until)) if local >= from && local < until);
    FixedOffset::east_opt(if summer { 7200 } else { 3600 }).expect("valid offset")
}

fn last_sunday(year: i32, month: u32) -> NaiveDate {
    let last = NaiveDate::from_ymd_opt(year, month + 1, 1)
        .and_then(|d| d.pred_opt())
        .unwrap_or_default();
    let back = last.weekday().num_days_from_sunday();
    last - chrono::Duration::days(i64::from(back))
}

/// A date without a time: noon UTC, so that it is the same calendar day in every European zone
/// (page dates are stored the same way).
fn noon(date: NaiveDate) -> DateTime<Utc> {
    date.and_hms_opt(12, 0, 0).expect("noon exists").and_utc()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).expect("test date").to_utc()
    }

    #[test]
    fn german_and_common_zone_names() {
        for (raw, want) in [
            ("Mon, 1 Jan 2024 9:00:00 MEZ", "2024-01-01T08:00:00Z"),
            ("Mon, 01 Jul 2024 09:00:00 MESZ", "2024-07-01T07:00:00Z"),
            ("Mon, 01 Jan 2024 09:00:00 CET", "2024-01-01T08:00:00Z"),
            ("Mon, 01 Jul 2024 09:00:00 CEST", "2024-07-01T07:00:00Z"),
            ("Mon, 01 Jan 2024 09:00:00 UT", "2024-01-01T09:00:00Z"),
            ("Mon, 01 Jan 2024 09:00:00 GMT", "2024-01-01T09:00:00Z"),
            ("Mon, 01 Jan 2024 09:00:00 Z", "2024-01-01T09:00:00Z"),
            ("Mon, 01 Jan 2024 09:00:00 +0100", "2024-01-01T08:00:00Z"),
            ("Mon, 01 Jan 2024 09:00:00 +01:00", "2024-01-01T08:00:00Z"),
            ("Mon, 01 Jan 24 09:00:00 +0100", "2024-01-01T08:00:00Z"),
            ("Mo, 01 Jan 24 09:00 +01", "2024-01-01T08:00:00Z"),
            ("Mi, 15 Dez 2021 14:30:00 MEZ", "2021-12-15T13:30:00Z"),
            (
                "Donnerstag, 16. Dezember 2021 09:00 Uhr",
                "2021-12-16T08:00:00Z",
            ),
            ("16.12.2021 09:00", "2021-12-16T08:00:00Z"),
            ("16.06.2021 09:00", "2021-06-16T07:00:00Z"),
            ("16.12.2021", "2021-12-16T12:00:00Z"),
            ("2024-01-01T09:00:00+0100", "2024-01-01T08:00:00Z"),
            ("2024-01-01 09:00:00", "2024-01-01T08:00:00Z"),
            ("2024-07-01T09:00", "2024-07-01T07:00:00Z"),
            ("2024-01-01T09:00:00.250 MEZ", "2024-01-01T08:00:00Z"),
            ("2024-01-01", "2024-01-01T12:00:00Z"),
            ("2024-01-01T09:00:00Z", "2024-01-01T09:00:00Z"),
            ("Mon, 01 Jan 2024 09:00:00 EST", "2024-01-01T14:00:00Z"),
            ("Mon, 01 Jan 2024 09:00:00 PDT", "2024-01-01T16:00:00Z"),
            ("mer, 08 nov 2023 10:00:00 +0100", "2023-11-08T09:00:00Z"),
            ("2017-06-13T03:18:00+00:0", "2017-06-13T03:18:00Z"),
            ("Sat, Dec 16 2023 02:02:33 PM", "2023-12-16T13:02:33Z"),
            ("Sat, Dec 16 2023 12:10:00 AM GMT", "2023-12-16T00:10:00Z"),
        ] {
            assert_eq!(parse_timestamp(raw), Some(utc(want)), "{raw}");
        }
    }

    #[test]
    fn what_is_no_date_stays_none() {
        for raw in [
            "",
            "gestern",
            "Mon, 32 Jan 2024 09:00:00 MEZ",
            "Mon, 01 Foo 2024 09:00:00 MEZ",
            "Mon, 01 Jan 2024 09:00:00 XYZ",
            "Mon, 01 Jan 2024 09:00:00 +2500",
            "31.02.2024",
            "2024-13-01",
            "1 Jan 2024 09:00 MEZ extra",
        ] {
            assert_eq!(parse_timestamp(raw), None, "{raw:?}");
        }
    }

    /// One case per form servers write (the forms of feedparser's date tests, with dates of
    /// my own). Dates without a time are noon UTC and times without a zone German time:
    /// amtsfeed's documented choices where feedparser takes midnight UTC.
    #[test]
    fn every_form_servers_write() {
        for (form, raw, want) in [
            (
                "MET",
                "Fri, 13 Mar 2020 10:30:00 MET",
                "2020-03-13T09:30:00Z",
            ),
            (
                "MEST",
                "Tue, 09 Jun 2020 10:30:00 MEST",
                "2020-06-09T08:30:00Z",
            ),
            (
                "year 100",
                "Fri, 01 Jan 0100 00:00:01 +0100",
                "0099-12-31T23:00:01Z",
            ),
            (
                "2-digit year",
                "Tue, 07 Feb 17 08:15:00 GMT",
                "2017-02-07T08:15:00Z",
            ),
            (
                "1-digit day",
                "Wed,  8 Mar 2017 08:15:00 GMT",
                "2017-03-08T08:15:00Z",
            ),
            (
                "Etc/GMT",
                "Thu, 11 May 2017 16:00:00 Etc/GMT",
                "2017-05-11T16:00:00Z",
            ),
            (
                "Etc/GMT-2",
                "Thu, 11 May 2017 16:00:00 Etc/GMT-2",
                "2017-05-11T14:00:00Z",
            ),
            (
                "GMT-hh:mm",
                "Sat, 15 Apr 2017 22:40:00 GMT-01:30",
                "2017-04-16T00:10:00Z",
            ),
            (
                "-hh:mm",
                "Sat, 15 Apr 2017 22:40:00 -01:30",
                "2017-04-16T00:10:00Z",
            ),
            (
                "extra comma",
                "Tue, 14 Mar, 2017 06:05:00 UTC",
                "2017-03-14T06:05:00Z",
            ),
            (
                "no seconds",
                "Mon, 02 Oct 2017 07:45 GMT",
                "2017-10-02T07:45:00Z",
            ),
            ("no time", "Mon, 02 Oct 2017", "2017-10-02T12:00:00Z"),
            (
                "AT",
                "Fri, 20 February 2015 11:00:00 AT",
                "2015-02-20T15:00:00Z",
            ),
            (
                "ET",
                "Fri, 20 February 2015 11:00:00 ET",
                "2015-02-20T16:00:00Z",
            ),
            (
                "CT",
                "Fri, 20 February 2015 11:00:00 CT",
                "2015-02-20T17:00:00Z",
            ),
            (
                "MT",
                "Fri, 20 February 2015 11:00:00 MT",
                "2015-02-20T18:00:00Z",
            ),
            (
                "PT",
                "Fri, 20 February 2015 17:00:00 PT",
                "2015-02-21T01:00:00Z",
            ),
            (
                "month first",
                "Wed Nov 22 2017 14:05:09 +0200",
                "2017-11-22T12:05:09Z",
            ),
            (
                "asctime",
                "Mon Feb  6 07:08:09 2012",
                "2012-02-06T06:08:09Z",
            ),
            (
                "Twitter",
                "Tue Mar 20 21:06:00 +0000 2018",
                "2018-03-20T21:06:00Z",
            ),
            (
                "Java",
                "Tue Jun 01 10:00:00 CEST 2021",
                "2021-06-01T08:00:00Z",
            ),
            (
                "Java, winter",
                "Wed Jan 05 10:00:00 CET 2022",
                "2022-01-05T09:00:00Z",
            ),
            (
                "slashed",
                "Sat, 2009/05/16 13:14:15 EDT",
                "2009-05-16T17:14:15Z",
            ),
            ("W3DTF", "2011-09-05T06:07:08Z", "2011-09-05T06:07:08Z"),
            (
                "W3DTF offset",
                "2011-09-05T06:07:08-07:00",
                "2011-09-05T13:07:08Z",
            ),
            (
                "fraction",
                "2011-09-05T06:07:08.9876+09:00",
                "2011-09-04T21:07:08.9876Z",
            ),
            (
                "month 012",
                "2011-012-05T06:07:08+00:00",
                "2011-12-05T06:07:08Z",
            ),
            ("year-month", "2011-09", "2011-09-01T12:00:00Z"),
            ("year", "2011", "2011-01-01T12:00:00Z"),
            ("YYMMDD", "110905", "2011-09-05T12:00:00Z"),
            ("YY-MM-DD", "11-09-05", "2011-09-05T12:00:00Z"),
            ("YYYYMMDD", "20110905", "2011-09-05T12:00:00Z"),
            ("-YYMM", "-1109", "2011-09-01T12:00:00Z"),
            ("-YY-MM", "-11-09", "2011-09-01T12:00:00Z"),
            (
                "leap day",
                "2012-02-28T20:00:00-08:00",
                "2012-02-29T04:00:00Z",
            ),
            (
                "no leap day",
                "2011-02-28T20:00:00-08:00",
                "2011-03-01T04:00:00Z",
            ),
            (
                "SQL offset",
                "2011-09-05 23:50:00 -00:20",
                "2011-09-06T00:10:00Z",
            ),
            ("SQL", "2011-09-05 23:50:00", "2011-09-05T21:50:00Z"),
            (
                "SQL fraction",
                "2011-09-05 23:50:00.0",
                "2011-09-05T21:50:00Z",
            ),
            (
                "Europe/Berlin",
                "2011-09-05 10:00 Europe/Berlin",
                "2011-09-05T08:00:00Z",
            ),
            ("end of day", "2011-09-05T24:00:00Z", "2011-09-05T23:59:59Z"),
            (
                "leap second",
                "2016-12-31 23:59:60 GMT",
                "2016-12-31T23:59:59Z",
            ),
        ] {
            assert_eq!(parse_timestamp(raw), Some(utc(want)), "{form}: {raw}");
        }
    }

    /// What is no date, or an impossible one, is refused (the item is then marked undated).
    #[test]
    fn impossible_and_malformed_dates_are_refused() {
        for (form, raw) in [
            ("25 hours", "2011-09-05T25:07:08Z"),
            ("61 minutes", "2011-09-05T06:61:08Z"),
            ("61 seconds", "2011-09-05T06:07:61Z"),
            ("24 hours and more", "2011-09-05T24:00:01Z"),
            ("25 hours, RFC 822", "Mon, 05 Sep 2011 25:07:08 GMT"),
            ("25 hours, German", "05.09.2011 25:00"),
            ("four clock parts", "Mon, 05 Sep 2011 1:2:3:4 GMT"),
            ("month name", "Mon, 05 Xyz 2011 06:07:08 GMT"),
            ("day", "Mon, Sep y 2011 06:07:08 GMT"),
            ("year", "Mon, 05 Sep yy 06:07:08 GMT"),
            ("zone hour", "Mon, 05 Sep 2011 06:07:08 +yy:00"),
            ("zone minute", "Mon, 05 Sep 2011 06:07:08 +00:yy"),
            ("day of month", "Mon, 45 Sep 2011 06:07:08 GMT"),
            ("offset", "9999-12-31T23:59:59-99:99"),
            ("year 10000", "Fri, 31 Dec 9999 23:59:59 -9999"),
            ("five digits", "11248"),
            ("three digits", "011"),
            ("too many parts", "2011-09-05-06"),
            ("text after zone", "2011-09-05T06:07:08-06:00Tmore"),
            ("month letters", "2011-xx-05"),
            ("minute letters", "2011-09-05T06:xx:08Z"),
            ("zone letters", "2011-09-05T06:07:08+00:xx"),
            ("February 30", "2011-02-30"),
            ("month 13", "-1113"),
            ("Etc out of range", "2011-09-05 10:00 Etc/GMT+15"),
            ("empty fraction", "2011-09-05T06:07:08.Z"),
        ] {
            assert_eq!(parse_timestamp(raw), None, "{form}: {raw:?}");
        }
    }

    /// Generated instants in every zone form and layout read back as the instant they name
    /// (the evaluator is chrono's own arithmetic on the same fields).
    #[test]
    fn generated_dates_read_back_as_written() {
        let mut state = 0x9e37_79b9_u32;
        let mut next = |n: u32| {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            state % n
        };
        const MONTHS: [&str; 12] = [
            "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
        ];
        let zones: [(&str, i32); 9] = [
            ("GMT", 0),
            ("MEZ", 60),
            ("MESZ", 120),
            ("MET", 60),
            ("EST", -300),
            ("PT", -480),
            ("+0530", 330),
            ("-03:30", -210),
            ("Etc/GMT+3", -180),
        ];
        for _ in 0..2_000 {
            let year = 1990 + next(60) as i32;
            let month = 1 + next(12);
            let day = 1 + next(28);
            let (h, m, sec) = (next(24), next(60), next(60));
            let (zone, minutes) = zones[next(zones.len() as u32) as usize];
            let local = NaiveDate::from_ymd_opt(year, month, day)
                .and_then(|d| d.and_hms_opt(h, m, sec))
                .expect("valid");
            let want = (local - chrono::Duration::minutes(i64::from(minutes))).and_utc();
            let name = MONTHS[month as usize - 1];
            let weekday = local.format("%a");
            for raw in [
                format!("{weekday}, {day:02} {name} {year} {h:02}:{m:02}:{sec:02} {zone}"),
                format!("{weekday} {name} {day:>2} {h:02}:{m:02}:{sec:02} {zone} {year}"),
                format!("{year}-{month:02}-{day:02} {h:02}:{m:02}:{sec:02} {zone}"),
                format!("{weekday}, {year}/{month:02}/{day:02} {h:02}:{m:02}:{sec:02} {zone}"),
            ] {
                assert_eq!(parse_timestamp(&raw), Some(want), "{raw}");
            }
            // One more hour than a day has is refused in every layout.
            let bad = format!(
                "{year}-{month:02}-{day:02} {}:{m:02}:{sec:02} {zone}",
                24 + h
            );
            assert_eq!(parse_timestamp(&bad), None, "{bad}");
        }
    }

    #[test]
    fn summer_time_switches_on_the_last_sundays_of_march_and_october() {
        let local = |s: &str| NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").expect("test");
        let hours = |s: &str| berlin_offset(local(s)).local_minus_utc() / 3600;
        assert_eq!(hours("2024-03-31 01:59"), 1);
        assert_eq!(hours("2024-03-31 02:00"), 2);
        assert_eq!(hours("2024-10-27 02:59"), 2);
        assert_eq!(hours("2024-10-27 03:00"), 1);
        assert_eq!(hours("2025-03-30 12:00"), 2);
        assert_eq!(hours("2025-03-29 12:00"), 1);
    }
}
