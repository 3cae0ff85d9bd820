//! Builders for tests of the store and of the modules above it (alerts, the reader's store
//! executor): one ministry feed, releases of it, an in-memory store holding them.

use chrono::{TimeZone, Utc};

use super::Store;
use crate::model::{FeedConfig, NewArticle, Validators};

/// The feed every release here belongs to (BMI Presse).
pub const FEED: &str = "https://www.bmi.bund.de/feed.xml";

/// A release of [`FEED`] published on `day` December 2021, 10:00 UTC.
pub fn release(key: &str, title: &str, day: u32, topics: &[&str]) -> NewArticle {
    NewArticle {
        day_only: false,
        key: key.into(),
        title: title.into(),
        link: Some(format!("https://www.bmi.bund.de/{key}.html")),
        published: Utc.with_ymd_and_hms(2021, 12, day, 10, 0, 0).single(),
        topics: topics.iter().map(|t| (*t).to_owned()).collect(),
        summary_html: String::new(),
        summary: title.into(),
        content_html: None,
        content_text: String::new(),
        kind: None,
    }
}

/// An in-memory store with [`FEED`] configured and `releases` stored.
pub fn store_with(releases: &[NewArticle]) -> Store {
    let mut store = Store::open_in_memory().expect("store");
    let feed = FeedConfig {
        name: "BMI Presse".into(),
        url: url::Url::parse(FEED).expect("url"),
        ministry: Some("BMI".into()),
        topics: vec![],
        full_text: None,
        listing: false,
    };
    store.sync_feeds(&[feed]).expect("sync");
    add(&mut store, releases);
    store
}

/// Stores `releases` as a refresh on 20 December 2021 would.
pub fn add(store: &mut Store, releases: &[NewArticle]) {
    let now = Utc
        .with_ymd_and_hms(2021, 12, 20, 12, 0, 0)
        .single()
        .expect("now");
    store
        .store_articles(FEED, releases, &Validators::default(), now)
        .expect("stored");
}
