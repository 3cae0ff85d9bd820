use super::*;
use chrono::NaiveDate;

fn feed(name: &str, ministry: &str, url: &str) -> FeedConfig {
    FeedConfig {
        name: name.into(),
        url: url::Url::parse(url).expect("url"),
        ministry: Some(ministry.into()),
        topics: vec![],
        full_text: None,
        listing: false,
    }
}

fn article(key: &str, title: &str, day: u32, topics: &[&str]) -> NewArticle {
    NewArticle {
        day_only: false,
        key: key.into(),
        title: title.into(),
        link: Some(format!("https://www.bmi.bund.de/{key}.html")),
        published: Utc.with_ymd_and_hms(2021, 12, day, 10, 0, 0).single(),
        topics: topics.iter().map(|t| t.to_string()).collect(),
        summary_html: format!("<p>{title}</p>"),
        summary: title.into(),
        content_html: None,
        content_text: String::new(),
        kind: None,
    }
}

/// BMI, BMAS and BReg with their domains, as the bundled table has them.
fn ministries() -> crate::model::Ministries {
    let ministry = |name: &str, domain: &str| crate::model::Ministry {
        name: name.into(),
        domains: vec![domain.into()],
        ..Default::default()
    };
    crate::model::Ministries(vec![
        ministry("BMI", "bmi.bund.de"),
        ministry("BMAS", "bmas.de"),
        ministry("BReg", "bundesregierung.de"),
    ])
}

const BMI: &str = "https://www.bmi.bund.de/feed.xml";
const BMAS: &str = "https://www.bmas.de/feed.xml";

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2021, 12, 20, 12, 0, 0)
        .single()
        .expect("date")
}

fn filled() -> Store {
    let mut store = Store::open_in_memory().expect("in-memory store");
    store
        .sync_feeds(&[
            feed("BMI Presse", "BMI", BMI),
            feed("BMAS Meldungen", "BMAS", BMAS),
        ])
        .expect("sync");
    let bmi = [
        article(
            "a",
            "Zukunft der Verwaltungsdigitalisierung",
            16,
            &["Veranstaltung"],
        ),
        article("b", "Neue Fahrzeuge für den Katastrophenschutz", 2, &[]),
        article("c", "Öffentliche Sicherheit in Städten", 10, &[]),
    ];
    let bmas = [article(
        "d",
        "Rente: Digitalisierung der Antragsverfahren",
        18,
        &["Rente"],
    )];
    store
        .store_articles(BMI, &bmi, &Validators::default(), now())
        .expect("store bmi");
    store
        .store_articles(BMAS, &bmas, &Validators::default(), now())
        .expect("store bmas");
    store
}

/// A page fetched and extracted: its HTML, the type and the date it states.
fn page_outcome(html: &str, kind: Option<&str>, date: Option<NaiveDate>) -> PageOutcome {
    PageOutcome::Extracted {
        extracted: Box::new(crate::extract::Extracted {
            rule: "generic",
            title: None,
            kind: kind.map(str::to_owned),
            number: None,
            topics: vec![],
            date,
            content_html: html.into(),
            not_found: None,
        }),
        text: crate::text::html_to_plain(html),
        validators: Validators::default(),
    }
}

fn titles(store: &Store, query: &str) -> Vec<String> {
    let today = NaiveDate::from_ymd_opt(2021, 12, 20).expect("date");
    let filter = Filter::parse(query, today).expect("valid query");
    store
        .page_rows(&ArticleQuery::new(filter, &Utc))
        .expect("list")
        .into_iter()
        .map(|a| a.title)
        .collect()
}

use crate::filter::Filter;

/// The id of the listed article whose title contains `part`.
fn id_of(store: &Store, part: &str) -> ArticleId {
    store
        .page_rows(&ArticleQuery::default())
        .expect("list")
        .into_iter()
        .find(|a| a.title.contains(part))
        .expect("article")
        .id
}

/// Titles for a query with paging, in list order.
fn page_titles(store: &Store, query: &str, limit: usize, offset: usize) -> Vec<String> {
    let today = NaiveDate::from_ymd_opt(2021, 12, 20).expect("date");
    let filter = Filter::parse(query, today).expect("valid query");
    let mut q = ArticleQuery::new(filter, &Utc).limit(Some(limit));
    q.offset = offset;
    store
        .page_rows(&q)
        .expect("list")
        .into_iter()
        .map(|a| a.title)
        .collect()
}

mod files;
mod queries;
mod search_rules;
mod versions;
mod writes;
