//! Storing feeds, state, retention, purge, pages: the write side.

use super::*;
use crate::store::PreparedFeed;

#[test]
fn refresh_keeps_state_and_updates_changed_text_and_index() {
    let mut store = filled();
    let id = id_of(&store, "Verwaltungs");
    store.set_read(&[id], true).expect("read");
    store.set_starred(&[id], true).expect("star");
    let again = [
        article(
            "a",
            "Zukunft der Verwaltungsmodernisierung",
            16,
            &["Veranstaltung"],
        ),
        article("b", "Neue Fahrzeuge für den Katastrophenschutz", 2, &[]),
        article("e", "Hochwasserschutz gestärkt", 19, &[]),
        article("e", "Hochwasserschutz gestärkt", 19, &[]),
    ];
    let counts = store
        .store_articles(
            BMI,
            &again,
            &Validators {
                etag: Some("\"v2\"".into()),
                last_modified: None,
            },
            now(),
        )
        .expect("store");
    assert_eq!(counts, StoreCounts { new: 1, updated: 1 });
    let a = store.article(id).expect("query").expect("still there");
    assert_eq!(a.summary.title, "Zukunft der Verwaltungsmodernisierung");
    assert!(a.summary.read && a.summary.starred);
    assert!(
        titles(&store, "Verwaltungsdigitalisierung").is_empty(),
        "old text left in the index"
    );
    assert_eq!(
        titles(&store, "modernisierung"),
        ["Zukunft der Verwaltungsmodernisierung"]
    );
    // Articles missing from the new feed response stay cached.
    assert_eq!(titles(&store, "Öffentliche").len(), 1);
    assert_eq!(
        store.validators(BMI).expect("validators").etag.as_deref(),
        Some("\"v2\"")
    );
}

#[test]
fn retention_drops_old_and_surplus_articles_but_never_starred_ones() {
    let mut store = filled();
    let starred = id_of(&store, "Neue Fahrzeuge");
    store.set_starred(&[starred], true).expect("star");
    // 2 Dec is older than 10 days before 20 Dec, but starred; 10 Dec goes.
    store.set_retention(Retention::new(Some(9), None));
    let removed = store.apply_retention(now()).expect("retention");
    assert_eq!(removed, 1);
    assert!(
        titles(&store, "Öffentliche").is_empty(),
        "its index row is gone too"
    );
    assert_eq!(titles(&store, "Fahrzeuge").len(), 1);
    // One per feed: BMI keeps its newest unstarred one (and the starred one).
    store.set_retention(Retention::new(None, Some(1)));
    let removed = store.apply_retention(now()).expect("retention");
    assert_eq!(removed, 0);
    let more = [article("x", "Noch eine Meldung", 19, &[])];
    store
        .store_articles(BMI, &more, &Validators::default(), now())
        .expect("store");
    assert_eq!(store.apply_retention(now()).expect("retention"), 1);
    assert_eq!(titles(&store, "feed:BMI").len(), 2);
    assert!(store.integrity_check().expect("check").is_ok());
    store.vacuum().expect("vacuum");
}

#[test]
fn retention_of_zero_keeps_everything() {
    let mut store = filled();
    for (days, max) in [(Some(0), None), (None, Some(0)), (Some(0), Some(0))] {
        store.set_retention(Retention::new(days, max));
        assert_eq!(store.apply_retention(now()).expect("retention"), 0);
    }
    assert_eq!(titles(&store, "").len(), 4);
}

#[test]
fn retention_never_removes_what_the_next_refresh_stores_again() {
    let mut store = filled();
    // 2 and 10 December are older than 9 days before 20 December: not stored.
    store.set_retention(Retention::new(Some(9), None));
    let old = [
        article("x", "Alte Meldung vom Zweiten", 2, &[]),
        article("y", "Alte Meldung vom Zehnten", 10, &[]),
        article("z", "Neue Meldung", 19, &[]),
    ];
    let feed = |articles: &[NewArticle]| {
        let mut changed = articles.to_vec();
        changed[2].title.push_str(" (aktualisiert)");
        changed
    };
    let counts = store
        .store_articles(BMAS, &old, &Validators::default(), now())
        .expect("store");
    assert_eq!(counts, StoreCounts { new: 1, updated: 0 });
    // What was stored before the window stays until retention runs, then goes for good.
    assert_eq!(store.apply_retention(now()).expect("retention"), 2);
    let again = store
        .store_articles(BMAS, &feed(&old), &Validators::default(), now())
        .expect("store");
    assert_eq!(again, StoreCounts { new: 0, updated: 1 });
    assert_eq!(store.apply_retention(now()).expect("retention"), 0);

    // By count: each feed keeps its newest; its older items are not stored again.
    store.set_retention(Retention::new(None, Some(1)));
    let removed = store.apply_retention(now()).expect("retention");
    assert_eq!(removed, 1, "BMI keeps its newest of two");
    let bmi = [
        article("a", "Zukunft der Verwaltungsdigitalisierung", 16, &[]),
        article("c", "Öffentliche Sicherheit in Städten (neu)", 10, &[]),
    ];
    let counts = store
        .store_articles(BMI, &bmi, &Validators::default(), now())
        .expect("store");
    assert_eq!(counts.new, 0, "the removed article came back");
    assert_eq!(store.apply_retention(now()).expect("retention"), 0);
    // A newer item than the kept one is stored, and then the kept one gives way.
    let newer = [article("n", "Ganz neue Meldung", 20, &[])];
    let counts = store
        .store_articles(BMI, &newer, &Validators::default(), now())
        .expect("store");
    assert_eq!(counts.new, 1);
    assert_eq!(store.apply_retention(now()).expect("retention"), 1);
}

#[test]
fn topics_added_to_the_config_later_reach_the_stored_articles() {
    let mut store = filled();
    let mut bmi = feed("BMI Presse", "BMI", BMI);
    // Topics given to the feed after its articles were stored.
    bmi.topics = vec![" Bauen ".into(), "bauen".into(), "Sicherheit".into()];
    store.sync_feeds(std::slice::from_ref(&bmi)).expect("sync");
    assert_eq!(titles(&store, "thema:Bauen").len(), 3);
    // As a word of the index too (also a part of one), and among the topic counts.
    assert_eq!(titles(&store, "bauen").len(), 3);
    let counts = store
        .topic_counts(&ArticleQuery::default(), 10)
        .expect("counts");
    assert!(
        counts.iter().any(|c| c.topic == "Bauen" && c.count == 3),
        "{counts:?}"
    );
    // Taken out of the config: taken from the articles; the items' own topics stay.
    bmi.topics = vec!["Sicherheit".into()];
    store.sync_feeds(std::slice::from_ref(&bmi)).expect("sync");
    assert!(titles(&store, "thema:Bauen").is_empty());
    assert!(titles(&store, "bauen").is_empty());
    assert_eq!(titles(&store, "thema:Veranstaltung").len(), 1);
    assert_eq!(titles(&store, "thema:Sicherheit").len(), 3);
    // Other feeds keep theirs; a sync without change changes nothing.
    assert_eq!(titles(&store, "thema:Rente").len(), 1);
    store.sync_feeds(std::slice::from_ref(&bmi)).expect("sync");
    assert_eq!(titles(&store, "thema:Sicherheit").len(), 3);
    assert!(store.integrity_check().expect("check").is_ok());
}

#[test]
fn two_rows_left_for_one_configured_feed_are_merged_into_one() {
    // An earlier version kept a second row when the feed's URL changed in the config.
    let mut store = Store::open_in_memory().expect("store");
    let old_url = "https://www.bmi.bund.de/alt.xml";
    store
        .sync_feeds(&[feed("BMI Presse", "BMI", old_url)])
        .expect("sync");
    let v = Validators::default();
    store
        .store_articles(
            old_url,
            &[
                article("a", "Alte Meldung", 10, &[]),
                article("b", "Beide", 12, &[]),
            ],
            &v,
            now(),
        )
        .expect("old");
    let read = id_of(&store, "Beide");
    store.set_read(&[read], true).expect("read");
    store
        .conn
        .execute(
            "INSERT INTO feeds (url, name, ministry, topics) VALUES (?1, 'BMI Presse', 'BMI', '')",
            [BMI],
        )
        .expect("second row");
    store
        .store_articles(
            BMI,
            &[
                article("b", "Beide", 12, &[]),
                article("c", "Neue Meldung", 14, &[]),
            ],
            &v,
            now(),
        )
        .expect("new");
    assert_eq!(store.feed_statuses().expect("statuses").len(), 2);
    // Opening with the config repairs it: one row, every article once, read state kept.
    store
        .sync_feeds(&[feed("BMI Presse", "BMI", BMI)])
        .expect("sync");
    let statuses = store.feed_statuses().expect("statuses");
    assert_eq!(statuses.len(), 1, "{statuses:?}");
    assert_eq!(
        (
            statuses[0].url.as_str(),
            statuses[0].articles,
            statuses[0].unread
        ),
        (BMI, 3, 2)
    );
    assert_eq!(titles(&store, "").len(), 3);
    assert!(titles(&store, "unread").iter().all(|t| t != "Beide"));
    assert_eq!(titles(&store, "alte").len(), 1, "its index rows stay");
    assert!(store.integrity_check().expect("check").is_ok());
}

#[test]
fn feed_statuses_and_errors() {
    let mut store = filled();
    store
        .record_error(
            BMAS,
            &crate::model::Reason::Http {
                status: 500,
                retry_after: None,
            },
            now(),
            None,
        )
        .expect("record");
    let statuses = store.feed_statuses().expect("statuses");
    assert_eq!(statuses.len(), 2);
    assert_eq!((statuses[0].articles, statuses[0].unread), (3, 3));
    assert_eq!(
        statuses[1]
            .last_error
            .as_ref()
            .map(ToString::to_string)
            .as_deref(),
        Some("HTTP 500")
    );
    assert!(store.integrity_check().expect("check").is_ok());
}

#[test]
fn purge_deletes_one_feed_with_its_starred_articles_and_index_rows() {
    let mut store = filled();
    let starred = titles(&store, "Fahrzeuge");
    assert_eq!(starred.len(), 1);
    let id = id_of(&store, "Neue Fahrzeuge");
    store.set_starred(&[id], true).expect("star");
    assert_eq!(store.purge_feed(BMI).expect("purge"), 3);
    assert!(titles(&store, "Fahrzeuge").is_empty());
    assert!(titles(&store, "Verwaltungsdigitalisierung").is_empty());
    assert_eq!(titles(&store, "Digitalisierung").len(), 1, "BMAS stays");
    assert_eq!(store.purge_feed(BMI).expect("again"), 0);
    assert!(store.integrity_check().expect("check").is_ok());
}

#[test]
fn several_feeds_in_one_transaction_count_per_feed() {
    let mut store = Store::open_in_memory().expect("store");
    store
        .sync_feeds(&[feed("BMI Presse", "BMI", BMI), feed("BMAS", "BMAS", BMAS)])
        .expect("sync");
    let bmi = [
        article("a", "Erste Meldung", 1, &[]),
        article("b", "Zweite Meldung", 2, &[]),
        article("a", "Doppelt im Feed", 3, &[]),
    ];
    let bmas = [article("c", "Rente", 4, &["Rente"])];
    let (bmi, bmas) = (
        PreparedFeed::new(bmi.to_vec()),
        PreparedFeed::new(bmas.to_vec()),
    );
    let validators = Validators {
        etag: Some("\"v1\"".into()),
        last_modified: None,
    };
    let counts = store
        .store_feeds(
            &[
                (BMI, &bmi, &validators),
                (BMAS, &bmas, &Validators::default()),
            ],
            now(),
        )
        .expect("store");
    assert_eq!(counts.iter().map(|c| c.new).collect::<Vec<_>>(), [2, 1]);
    assert_eq!(store.validators(BMI).expect("validators"), validators);
    let again = store
        .store_feeds(&[(BMAS, &bmas, &Validators::default())], now())
        .expect("store");
    assert_eq!((again[0].new, again[0].updated), (0, 0));
    assert_eq!(titles(&store, "Meldung").len(), 2);
}

/// A failed page is tried again after 1 h, then 2 h, 4 h, … (never in a loop), up to about
/// five days.
#[test]
fn failed_pages_are_retried_after_growing_pauses() {
    let mut store = filled();
    let feeds = [BMAS.to_owned()];
    let due_at =
        |store: &Store, at: DateTime<Utc>| store.pages_due(&feeds, at, 10).expect("due").len();
    let job = store.pages_due(&feeds, now(), 10).expect("due");
    assert_eq!(job.len(), 1, "a new article's page is due at once");
    let id = job[0].id;
    let mut failed_at = now();
    for (attempt, pause_hours) in [(1, 1), (2, 2), (3, 4), (4, 8)] {
        store
            .store_page(
                id,
                &PageOutcome::Failed(crate::model::Reason::Http {
                    status: 503,
                    retry_after: None,
                }),
                failed_at,
            )
            .expect("store");
        let pause = chrono::Duration::hours(pause_hours);
        assert_eq!(
            due_at(&store, failed_at + pause - chrono::Duration::minutes(1)),
            0,
            "attempt {attempt}"
        );
        assert_eq!(due_at(&store, failed_at + pause), 1, "attempt {attempt}");
        failed_at += pause;
    }
    // The pause stops growing at 2^7 hours (about five days).
    for _ in 0..10 {
        store
            .store_page(
                id,
                &PageOutcome::Failed(crate::model::Reason::Http {
                    status: 503,
                    retry_after: None,
                }),
                failed_at,
            )
            .expect("store");
    }
    assert_eq!(due_at(&store, failed_at + chrono::Duration::hours(127)), 0);
    assert_eq!(due_at(&store, failed_at + chrono::Duration::hours(128)), 1);
}

#[test]
fn marking_a_filtered_list_read_marks_every_match_and_nothing_else() {
    let mut store = filled();
    let today = NaiveDate::from_ymd_opt(2021, 12, 20).expect("date");
    let query = |q: &str| ArticleQuery::new(Filter::parse(q, today).expect("valid"), &Utc);
    let all_unread = titles(&store, "unread").len();
    let bmi = titles(&store, "feed:\"BMI Presse\"").len();
    assert!(
        bmi >= 2 && all_unread > bmi,
        "the fixture has other feeds too"
    );
    // A page of one row loaded does not matter: the whole query is marked.
    let changed = store
        .mark_matching_read(&query("feed:\"BMI Presse\""))
        .expect("mark");
    assert_eq!(changed.len(), bmi);
    assert!(titles(&store, "feed:\"BMI Presse\" unread").is_empty());
    assert_eq!(titles(&store, "unread").len(), all_unread - bmi);
    // Again: nothing left to change.
    assert!(store
        .mark_matching_read(&query("feed:\"BMI Presse\""))
        .expect("mark")
        .is_empty());
    // Keywords go through the search index.
    let rente = titles(&store, "rente unread").len();
    assert_eq!(
        store
            .mark_matching_read(&query("rente"))
            .expect("mark")
            .len(),
        rente
    );
}

/// The word index finds parts of compounds that came later: with a page's full text, with a
/// changed teaser; and a word in more index words than an expression takes is scanned for.
#[test]
fn parts_of_words_from_pages_and_changed_teasers_are_found() {
    let mut store = filled();
    assert!(titles(&store, "wasserschutz").is_empty());
    let id = id_of(&store, "Fahrzeuge");
    let page = crate::extract::Extracted {
        rule: "generic",
        title: None,
        kind: Some("Pressemitteilung".into()),
        number: Some("6/2022".into()),
        topics: vec![],
        date: None,
        content_html: "<p>Das Hochwasserschutzkonzept des Bundes</p>".into(),
        not_found: None,
    };
    let outcome = PageOutcome::Extracted {
        extracted: Box::new(page),
        text: "Das Hochwasserschutzkonzept des Bundes".into(),
        validators: Validators::default(),
    };
    store.store_page(id, &outcome, now()).expect("page");
    let found = titles(&store, "wasserschutz");
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].contains("Fahrzeuge"));
    // Stored with its teaser's text alone (no body row), the article now has its page.
    let read = store.article(id).expect("article").expect("there");
    // The type and its number apart: `typ:` and facets see one type.
    assert_eq!(
        (read.summary.kind.as_deref(), read.summary.number.as_deref()),
        (Some("Pressemitteilung"), Some("6/2022"))
    );
    assert_eq!(titles(&store, "typ:Pressemitteilung").len(), 1);
    assert!(read
        .page_html
        .as_deref()
        .is_some_and(|p| p.contains("Hochwasserschutzkonzept")));
    // An article whose teaser markup added nothing shows the teaser's text.
    let other = store
        .article(id_of(&store, "Verwaltungs"))
        .expect("article")
        .expect("there");
    assert!(other.page_html.is_none());
    assert!(!other.summary_html.is_empty());
    assert!(other.summary_html.contains(other.summary.summary.as_str()));
    // A changed teaser brings its words too, and the page's stay (the cache keeps the
    // page as HTML only: its text is made again for the index).
    let mut changed = article("b", "Neue Fahrzeuge für den Katastrophenschutz", 2, &[]);
    changed.summary = "Mit Löschgruppenfahrzeugen für die Feuerwehren".into();
    changed.summary_html = format!("<p>{}</p>", changed.summary);
    store
        .store_articles(BMI, &[changed], &Validators::default(), now())
        .expect("store");
    assert_eq!(titles(&store, "gruppenfahr").len(), 1);
    assert_eq!(titles(&store, "wasserschutz").len(), 1);
    assert_eq!(titles(&store, "Fahrzeuge").len(), 1, "updated, not added");
    // More index words containing a piece than one expression takes: the text is scanned.
    let many: Vec<NewArticle> = (0..=crate::store::matching::MAX_TERMS_PER_WORD)
        .map(|i| {
            let mut a = article(&format!("m{i}"), &format!("Meldung Nummer {i}"), 3, &[]);
            a.summary = format!("Zusatzwort Schutzvariante{i}x");
            a.summary_html = a.summary.clone();
            a
        })
        .collect();
    store
        .store_articles(BMAS, &many, &Validators::default(), now())
        .expect("store");
    assert_eq!(titles(&store, "schutzvariante").len(), many.len());
}

/// A day without a time (a listing's teaser, a page's date) is stored as a day: its noon is
/// a stand-in that nothing shows; a feed's time is a time.
#[test]
fn a_date_without_a_time_is_known_as_one() {
    let mut store = filled();
    let timed = store
        .article(id_of(&store, "Fahrzeuge"))
        .expect("article")
        .expect("there");
    assert!(!timed.summary.time_unknown && !timed.summary.date_unknown);
    let mut listed = article("l", "Terminhinweis Wasserstoffgipfel", 14, &[]);
    listed.day_only = true;
    let mut undated = article("u", "Ohne Datum im Feed", 1, &[]);
    undated.published = None;
    store
        .store_articles(BMI, &[listed, undated], &Validators::default(), now())
        .expect("stored");
    let listed = store
        .article(id_of(&store, "Wasserstoffgipfel"))
        .expect("article")
        .expect("there");
    assert!(listed.summary.time_unknown && !listed.summary.date_unknown);
    // The page of an undated item gives its day: a day, not noon.
    let id = id_of(&store, "Ohne Datum");
    let outcome = page_outcome(
        "<p>Text der Seite</p>",
        None,
        NaiveDate::from_ymd_opt(2021, 12, 3),
    );
    store.store_page(id, &outcome, now()).expect("page");
    let paged = store.article(id).expect("article").expect("there").summary;
    assert!(paged.time_unknown && !paged.date_unknown);
    let berlin = crate::model::Zone::Fixed(chrono::FixedOffset::east_opt(3600).expect("zone"));
    assert_eq!(
        crate::i18n::Lang::De.published_in(paged.published, paged.time_unknown, berlin),
        "03.12.2021"
    );
    assert_eq!(
        crate::i18n::Lang::De.published_in(timed.summary.published, false, berlin),
        "02.12.2021 11:00"
    );
}
