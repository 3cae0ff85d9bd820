//! Feed timestamps as real feeds write them. RFC 3339 and RFC 2822 first, then the variants
//! that German sites and their CMSs produce: zone names (MEZ, MESZ, CET, CEST, UT, GMT, Z),
//! offsets with or without a colon, two-digit years, German month and day names, one-digit
//! hours, no seconds, `16.12.2021 09:00`. A time without a zone is German time (CET/CEST).
//! Pure: no clock, no tz database.

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
    iso_like(s).or_else(|| words(s))
}

/// `2024-01-01T09:00:00+0100`, `2024-01-01 09:00`, `2024-01-01T09:00:00.123 MEZ`,
/// `2024-01-01`: ISO dates with a space, without seconds, with a compact offset or a zone name.
fn iso_like(s: &str) -> Option<DateTime<Utc>> {
    let date = NaiveDate::parse_from_str(s.get(..10)?, "%Y-%m-%d").ok()?;
    let rest = s[10..].trim_start_matches(['T', 't', ' ']);
    if rest.is_empty() {
        return Some(noon(date));
    }
    let (clock, zone) = split_clock(rest);
    let time = clock_time(clock)?;
    at(date.and_time(time), zone)
}

/// Splits `09:00:00.5+01:00` / `09:00 MEZ` into the clock and the zone part.
fn split_clock(rest: &str) -> (&str, &str) {
    let end = rest
        .char_indices()
        .find(|&(_, c)| !(c.is_ascii_digit() || c == ':' || c == '.' || c == ','))
        .map_or(rest.len(), |(i, _)| i);
    (&rest[..end], rest[end..].trim())
}

/// `H:MM`, `HH:MM:SS`, `HH:MM:SS.fff` (a `,` or `.` before the fraction).
fn clock_time(clock: &str) -> Option<NaiveTime> {
    let clock = clock.split(['.', ',']).next()?;
    let mut parts = clock.split(':');
    let hour: u32 = parts.next()?.parse().ok()?;
    let minute: u32 = parts.next()?.parse().ok()?;
    let second: u32 = match parts.next() {
        Some(s) => s.parse().ok()?,
        None => 0,
    };
    if parts.next().is_some() {
        return None;
    }
    // 24:00 and leap seconds are not worth a failure: the minute before.
    NaiveTime::from_hms_opt(hour.min(23), minute.min(59), second.min(59))
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
        .or_else(|| day_month_year(tokens))
        .or_else(|| month_day_year(tokens))?;
    let mut pm = None;
    let rest: Vec<&str> = rest
        .iter()
        .copied()
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

/// A local time in `zone` (a name, `+0100`, `+01:00`, `+01`), or German time without one.
fn at(local: NaiveDateTime, zone: &str) -> Option<DateTime<Utc>> {
    let offset = if zone.is_empty() {
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
        ("CET", 1),
        ("WEST", 1),
        ("WESZ", 1),
        ("BST", 1),
        ("MESZ", 2),
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
    ];
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
