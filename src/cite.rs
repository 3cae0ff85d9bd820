//! Citations of an article as German journalists and researchers write them, and as CSL-JSON
//! for reference managers (Zotero, Pandoc). Pure: the ministry table and the zone are given.

use chrono::{DateTime, Datelike, NaiveDate, Utc};

use crate::i18n::Lang;
use crate::model::{Article, Ministries, Zone};
use crate::text::clean_inline;

/// Who published it: the ministry's full name with its short one, else the short name, else
/// the feed's name.
fn publisher(article: &Article, ministries: &Ministries) -> (String, String) {
    let summary = &article.summary;
    let short = summary
        .ministry
        .clone()
        .unwrap_or_else(|| summary.feed.clone());
    let full = ministries
        .find(&short)
        .and_then(|m| m.title.as_ref())
        .map_or_else(|| short.clone(), |title| format!("{title} ({short})"));
    (clean_inline(&full), clean_inline(&short))
}

fn day_in(at: DateTime<Utc>, zone: Zone) -> NaiveDate {
    match zone {
        Zone::Local => at.with_timezone(&chrono::Local).date_naive(),
        Zone::Fixed(offset) => at.with_timezone(&offset).date_naive(),
    }
}

/// One line in `lang`'s form. German, as German writers give it: `Bundesministerium des
/// Innern (BMI): „Titel“. Pressemitteilung vom 16.12.2021. https://… (abgerufen am
/// 30.11.2026).` English: `Bundesministerium des Innern (BMI): "Title". Pressemitteilung,
/// 16 December 2021. https://… (accessed 30 November 2026).` The publisher and the document
/// type stay the ministry's own words in both.
pub fn citation(article: &Article, ministries: &Ministries, zone: Zone, lang: Lang) -> String {
    let summary = &article.summary;
    let (publisher, _) = publisher(article, ministries);
    let german = lang.is_german();
    let day = |day: NaiveDate| match german {
        true => Lang::De.date(day),
        false => english_date(day),
    };
    let date = (!summary.date_unknown).then(|| day(day_in(summary.published, zone)));
    let kind = summary.kind_with_number().map(|k| clean_inline(&k));
    let undated = if german { "o. D." } else { "n.d." };
    let when = match (kind, date, german) {
        (Some(kind), Some(date), true) => format!("{kind} vom {date}"),
        (Some(kind), Some(date), false) => format!("{kind}, {date}"),
        (Some(kind), None, _) => format!("{kind}, {undated}"),
        (None, Some(date), true) => format!("Veröffentlicht am {date}"),
        (None, Some(date), false) => format!("Published {date}"),
        (None, None, _) => undated.to_owned(),
    };
    let retrieved = day(day_in(article.retrieved, zone));
    let stop = if when.ends_with('.') { "" } else { "." };
    let title = clean_inline(&summary.title);
    let mut line = match german {
        true => format!("{publisher}: „{title}“. {when}{stop}"),
        false => format!("{publisher}: \"{title}\". {when}{stop}"),
    };
    // Only a web address is cited: a `javascript:` or `data:` link of a feed is not.
    let link = summary.link.as_deref().and_then(crate::text::http_url);
    // A page that is gone is cited as what it was, and said to be gone.
    let gone = summary.gone_at.map(|at| {
        let texts = if german { Lang::De } else { Lang::En }.texts();
        format!(
            "; {}",
            crate::i18n::fill(texts.gone_cite, &[("date", &day(day_in(at, zone)))])
        )
    });
    let gone = gone.unwrap_or_default();
    line.push_str(&match (link, german) {
        (Some(link), true) => format!(" {link} (abgerufen am {retrieved}{gone})."),
        (Some(link), false) => format!(" {link} (accessed {retrieved}{gone})."),
        (None, true) => format!(" Abgerufen am {retrieved}."),
        (None, false) => format!(" Accessed {retrieved}."),
    });
    line
}

/// `16 December 2021`, the long form English style guides cite with.
fn english_date(day: NaiveDate) -> String {
    day.format("%-d %B %Y").to_string()
}

fn date_parts(day: NaiveDate) -> serde_json::Value {
    serde_json::json!({ "date-parts": [[day.year(), day.month(), day.day()]] })
}

/// The article as a CSL-JSON item (a web page by an institution), in a one-item array as
/// Zotero and Pandoc read it.
pub fn csl_json(article: &Article, ministries: &Ministries, zone: Zone) -> serde_json::Value {
    let summary = &article.summary;
    let (full, short) = publisher(article, ministries);
    let author = ministries
        .find(&short)
        .and_then(|m| m.title.clone())
        .unwrap_or_else(|| full.clone());
    let mut item = serde_json::json!({
        "id": format!("amtsfeed-{}", summary.id.0),
        "type": "webpage",
        "title": clean_inline(&summary.title),
        "author": [{ "literal": clean_inline(&author) }],
        "publisher": full,
        "accessed": date_parts(day_in(article.retrieved, zone)),
        "language": "de",
    });
    if !summary.date_unknown {
        item["issued"] = date_parts(day_in(summary.published, zone));
    }
    if let Some(kind) = &summary.kind {
        item["genre"] = clean_inline(kind).into();
    }
    if let Some(number) = &summary.number {
        item["number"] = clean_inline(number).into();
    }
    if let Some(link) = summary.link.as_deref().and_then(crate::text::http_url) {
        item["URL"] = link.to_string().into();
    }
    if !summary.summary.is_empty() {
        item["abstract"] = clean_inline(&summary.summary).into();
    }
    serde_json::json!([item])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ArticleId, ArticleSummary, Ministry};
    use chrono::TimeZone;

    fn article(kind: Option<&str>, date_unknown: bool, link: Option<&str>) -> Article {
        let at = |d, h| {
            Utc.with_ymd_and_hms(2021, 12, d, h, 30, 0)
                .single()
                .expect("date")
        };
        Article {
            processes: Vec::new(),
            references: Vec::new(),
            summary: ArticleSummary {
                gone_at: None,
                left_feed_at: None,
                changed_at: None,
                time_unknown: false,
                id: ArticleId(42),
                feed: "BMI Pressemitteilungen".into(),
                ministry: Some("BMI".into()),
                title: "Video: BMI diskutiert über die \u{1b}[31mZukunft\n der Verwaltung".into(),
                link: link.map(str::to_owned),
                // 23:30 UTC is the next day in Berlin.
                published: at(15, 23),
                topics: vec![],
                summary: "Ein Austausch mit Nachwuchskräften.".into(),
                read: false,
                starred: false,
                kind: kind.map(str::to_owned),
                number: None,
                date_unknown,
                group: None,
                also_in: Vec::new(),
            },
            summary_html: String::new(),
            content_html: None,
            page_html: None,
            page_status: None,
            retrieved: Utc
                .with_ymd_and_hms(2026, 11, 30, 8, 0, 0)
                .single()
                .expect("date"),
            copies: Vec::new(),
        }
    }

    fn ministries() -> Ministries {
        Ministries(vec![Ministry {
            name: "BMI".into(),
            title: Some("Bundesministerium des Innern".into()),
            ..Default::default()
        }])
    }

    fn berlin() -> Zone {
        Zone::Fixed(chrono::FixedOffset::east_opt(3600).expect("offset"))
    }

    #[test]
    fn a_citation_as_german_writers_give_it() {
        let link = Some("https://www.bmi.bund.de/SharedDocs/kurzmeldungen/DE/2021/12/meetup.html");
        assert_eq!(
            citation(&article(Some("Meldung"), false, link), &ministries(), berlin(), Lang::De),
            "Bundesministerium des Innern (BMI): „Video: BMI diskutiert über die Zukunft der Verwaltung“. Meldung vom 16.12.2021. https://www.bmi.bund.de/SharedDocs/kurzmeldungen/DE/2021/12/meetup.html (abgerufen am 30.11.2026)."
        );
        assert_eq!(
            citation(&article(None, true, None), &Ministries::default(), berlin(), Lang::De),
            "BMI: „Video: BMI diskutiert über die Zukunft der Verwaltung“. o. D. Abgerufen am 30.11.2026."
        );
        assert!(citation(
            &article(None, false, None),
            &ministries(),
            berlin(),
            Lang::De
        )
        .contains("“. Veröffentlicht am 16.12.2021."));
        assert!(citation(
            &article(Some("Rede"), true, None),
            &ministries(),
            berlin(),
            Lang::De
        )
        .contains("“. Rede, o. D."));
    }

    #[test]
    fn a_citation_in_english_keeps_the_ministrys_own_words() {
        let link = Some("https://www.bmi.bund.de/SharedDocs/kurzmeldungen/DE/2021/12/meetup.html");
        assert_eq!(
            citation(&article(Some("Meldung"), false, link), &ministries(), berlin(), Lang::En),
            "Bundesministerium des Innern (BMI): \"Video: BMI diskutiert über die Zukunft der Verwaltung\". Meldung, 16 December 2021. https://www.bmi.bund.de/SharedDocs/kurzmeldungen/DE/2021/12/meetup.html (accessed 30 November 2026)."
        );
        assert_eq!(
            citation(&article(None, true, None), &Ministries::default(), berlin(), Lang::En),
            "BMI: \"Video: BMI diskutiert über die Zukunft der Verwaltung\". n.d. Accessed 30 November 2026."
        );
        assert!(citation(
            &article(None, false, None),
            &ministries(),
            berlin(),
            Lang::Neutral
        )
        .contains("\". Published 16 December 2021."));
    }

    #[test]
    fn csl_json_for_reference_managers() {
        let link = Some("https://www.bmi.bund.de/x.html");
        let json = csl_json(
            &article(Some("Meldung"), false, link),
            &ministries(),
            berlin(),
        );
        assert_eq!(
            json,
            serde_json::json!([{
                "id": "amtsfeed-42",
                "type": "webpage",
                "title": "Video: BMI diskutiert über die Zukunft der Verwaltung",
                "author": [{ "literal": "Bundesministerium des Innern" }],
                "publisher": "Bundesministerium des Innern (BMI)",
                "issued": { "date-parts": [[2021, 12, 16]] },
                "accessed": { "date-parts": [[2026, 11, 30]] },
                "genre": "Meldung",
                "URL": "https://www.bmi.bund.de/x.html",
                "abstract": "Ein Austausch mit Nachwuchskräften.",
                "language": "de",
            }])
        );
        let undated = csl_json(&article(None, true, None), &ministries(), berlin());
        assert!(undated[0].get("issued").is_none() && undated[0].get("URL").is_none());
    }
}
