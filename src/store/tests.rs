use super::*;
use chrono::NaiveDate;

fn feed(name: &str, ministry: &str, url: &str) -> FeedConfig {
    FeedConfig {
        name: name.into(),
        url: url::Url::parse(url).expect("url"),
        ministry: Some(ministry.into()),
        topics: vec![],
        full_text: None,
    }
}

fn article(key: &str, title: &str, day: u32, topics: &[&str]) -> NewArticle {
    NewArticle {
        key: key.into(),
        title: title.into(),
        link: Some(format!("https://www.bmi.bund.de/{key}.html")),
        published: Utc.with_ymd_and_hms(2021, 12, day, 10, 0, 0).single(),
        topics: topics.iter().map(|t| t.to_string()).collect(),
        summary_html: format!("<p>{title}</p>"),
        summary: title.into(),
        content_html: None,
    }
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

#[test]
fn lists_newest_first() {
    let store = filled();
    assert_eq!(
        titles(&store, ""),
        [
            "Rente: Digitalisierung der Antragsverfahren",
            "Zukunft der Verwaltungsdigitalisierung",
            "Öffentliche Sicherheit in Städten",
            "Neue Fahrzeuge für den Katastrophenschutz",
        ]
    );
}

#[test]
fn keyword_is_case_insensitive_substring_over_title_and_topics() {
    let store = filled();
    assert_eq!(
        titles(&store, "Digitalisierung"),
        [
            "Rente: Digitalisierung der Antragsverfahren",
            "Zukunft der Verwaltungsdigitalisierung",
        ]
    );
    assert_eq!(
        titles(&store, "VERANSTALTUNG"),
        ["Zukunft der Verwaltungsdigitalisierung"]
    );
    assert_eq!(
        titles(&store, "öffentlich"),
        ["Öffentliche Sicherheit in Städten"]
    );
    assert_eq!(
        titles(&store, "digitalisierung rente"),
        ["Rente: Digitalisierung der Antragsverfahren"]
    );
    // Two characters: LIKE fallback.
    assert_eq!(
        titles(&store, "fü"),
        ["Neue Fahrzeuge für den Katastrophenschutz"]
    );
    assert!(titles(&store, "Hochwasser").is_empty());
}

#[test]
fn dates_feed_and_flags() {
    let mut store = filled();
    assert_eq!(
        titles(&store, "since:10.12.2021 until:16.12.2021"),
        [
            "Zukunft der Verwaltungsdigitalisierung",
            "Öffentliche Sicherheit in Städten",
        ]
    );
    assert_eq!(
        titles(&store, "feed:bmas"),
        ["Rente: Digitalisierung der Antragsverfahren"]
    );
    assert_eq!(titles(&store, "feed:\"BMI Presse\" since:3d").len(), 0);
    let first = store.page_rows(&ArticleQuery::default()).expect("list")[0].id;
    assert_eq!(
        store
            .set_read(&[first, ArticleId(999), first], true)
            .expect("read"),
        crate::store::FlagChange {
            changed: 1,
            missing: vec![ArticleId(999)]
        }
    );
    // Already read: found, but nothing changed.
    assert_eq!(store.set_read(&[first], true).expect("read").changed, 0);
    assert_eq!(titles(&store, "unread").len(), 3);
    store.set_starred(&[first], true).expect("star");
    assert_eq!(
        titles(&store, "starred"),
        ["Rente: Digitalisierung der Antragsverfahren"]
    );
    let count = store
        .count(&ArticleQuery::new(
            Filter {
                unread: true,
                ..Filter::default()
            },
            &Utc,
        ))
        .expect("count");
    assert_eq!(count, 3);
}

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
fn page_returns_rows_and_the_total_in_one_query() {
    let store = filled();
    let today = NaiveDate::from_ymd_opt(2021, 12, 20).expect("date");
    let filter = Filter::parse("digitalisierung", today).expect("valid");
    let query = ArticleQuery::new(filter, &Utc).limit(Some(1));
    let (rows, total) = store.page(&query).expect("page");
    assert_eq!((rows.len(), total), (1, 2));
    assert_eq!(rows[0].title, "Rente: Digitalisierung der Antragsverfahren");
    let beyond = ArticleQuery { offset: 5, ..query };
    assert_eq!(
        store.page(&beyond).expect("page").1,
        2,
        "an empty page still knows the total"
    );
    assert_eq!(store.count(&ArticleQuery::default()).expect("count"), 4);
}

#[test]
fn topic_counts_follow_the_filter_and_updates() {
    let mut store = filled();
    let all = store
        .topic_counts(&ArticleQuery::default(), 10)
        .expect("counts");
    let pairs: Vec<(String, u64)> = all.into_iter().map(|t| (t.topic, t.count)).collect();
    assert_eq!(
        pairs,
        [("Rente".to_string(), 1), ("Veranstaltung".to_string(), 1)]
    );
    let today = NaiveDate::from_ymd_opt(2021, 12, 20).expect("date");
    let bmi = ArticleQuery::new(Filter::parse("feed:BMI", today).expect("valid"), &Utc);
    let pairs: Vec<String> = store
        .topic_counts(&bmi, 10)
        .expect("counts")
        .into_iter()
        .map(|t| t.topic)
        .collect();
    assert_eq!(pairs, ["Veranstaltung"]);
    let changed = [article(
        "a",
        "Zukunft der Verwaltungsdigitalisierung",
        16,
        &["Digitales", "Veranstaltung"],
    )];
    store
        .store_articles(BMI, &changed, &Validators::default(), now())
        .expect("store");
    let topics: Vec<String> = store
        .topic_counts(&bmi, 10)
        .expect("counts")
        .into_iter()
        .map(|t| t.topic)
        .collect();
    assert_eq!(topics, ["Digitales", "Veranstaltung"]);
}

#[test]
fn retention_drops_old_and_surplus_articles_but_never_starred_ones() {
    let mut store = filled();
    let starred = id_of(&store, "Neue Fahrzeuge");
    store.set_starred(&[starred], true).expect("star");
    // 2 Dec is older than 10 days before 20 Dec, but starred; 10 Dec goes.
    let removed = store
        .apply_retention(Some(9), None, now())
        .expect("retention");
    assert_eq!(removed, 1);
    assert!(
        titles(&store, "Öffentliche").is_empty(),
        "its index row is gone too"
    );
    assert_eq!(titles(&store, "Fahrzeuge").len(), 1);
    // One per feed: BMI keeps its newest unstarred one (and the starred one).
    let removed = store
        .apply_retention(None, Some(1), now())
        .expect("retention");
    assert_eq!(removed, 0);
    let more = [article("x", "Noch eine Meldung", 19, &[])];
    store
        .store_articles(BMI, &more, &Validators::default(), now())
        .expect("store");
    assert_eq!(
        store
            .apply_retention(None, Some(1), now())
            .expect("retention"),
        1
    );
    assert_eq!(titles(&store, "feed:BMI").len(), 2);
    assert!(store.integrity_check().expect("check").is_ok());
    store.vacuum().expect("vacuum");
}

#[test]
fn timeline_buckets_follow_the_span() {
    let store = filled();
    let today = NaiveDate::from_ymd_opt(2021, 12, 20).expect("date");
    let day = |d| NaiveDate::from_ymd_opt(2021, 12, d).expect("date");
    let q = ArticleQuery::new(
        Filter::parse("since:1.12.2021 until:20.12.2021", today).expect("valid"),
        &Utc,
    );
    let t = store.search(&q).timeline(0).expect("timeline");
    assert_eq!(t.bucket, crate::model::Bucket::Day);
    assert_eq!(t.bars.len(), 17, "2 to 18 December, gaps filled with zeros");
    assert_eq!(
        (t.bars[0], t.bars[1], t.bars[8], t.bars[16]),
        ((day(2), 1), (day(3), 0), (day(10), 1), (day(18), 1))
    );
    let q = ArticleQuery::new(
        Filter::parse("digitalisierung since:1.9.2021 until:31.12.2021", today).expect("valid"),
        &Utc,
    );
    let t = store.search(&q).timeline(0).expect("timeline");
    assert_eq!(t.bucket, crate::model::Bucket::Week);
    // Mondays of the weeks of 16 and 18 December.
    assert_eq!(t.bars, [(day(13), 2)]);
    assert_eq!(crate::model::Bucket::Month.range(day(1)), (day(1), day(31)));
    assert_eq!(
        crate::model::Bucket::Week.range(day(13)),
        (day(13), day(19))
    );
}

#[test]
fn feed_statuses_and_errors() {
    let mut store = filled();
    store
        .record_error(BMAS, "HTTP 500", now(), None)
        .expect("record");
    let statuses = store.feed_statuses().expect("statuses");
    assert_eq!(statuses.len(), 2);
    assert_eq!((statuses[0].articles, statuses[0].unread), (3, 3));
    assert_eq!(statuses[1].last_error.as_deref(), Some("HTTP 500"));
    assert!(store.integrity_check().expect("check").is_ok());
}

#[test]
fn open_on_disk_creates_private_files_and_rejects_garbage() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    drop(Store::open(&data).expect("open"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &Path| std::fs::metadata(p).expect("meta").permissions().mode() & 0o777;
        assert_eq!(mode(&data), 0o700);
        assert_eq!(mode(&data.join(DB_FILE)), 0o600);
    }
    let junk = dir.path().join("junk");
    std::fs::create_dir(&junk).expect("dir");
    std::fs::write(junk.join(DB_FILE), vec![0x42u8; 8192]).expect("write junk");
    let err = Store::open(&junk).err().expect("garbage must fail");
    assert!(err.to_string().contains("damaged"), "{err}");
}

#[test]
fn facets_after_a_keyword_page_count_the_hits_topics() {
    let store = filled();
    let today = NaiveDate::from_ymd_opt(2021, 12, 20).expect("date");
    let q = ArticleQuery::new(
        Filter::parse("digitalisierung", today).expect("valid"),
        &Utc,
    );
    // Facets first: a search answers in any order (the hits are found on first need).
    let search = store.search(&q);
    let facets: Vec<(String, u64)> = search
        .facets(10)
        .expect("facets")
        .into_iter()
        .map(|t| (t.topic, t.count))
        .collect();
    assert_eq!(
        facets,
        [("Rente".to_string(), 1), ("Veranstaltung".to_string(), 1)]
    );
    assert_eq!(
        store.topic_counts(&q, 10).expect("counts").len(),
        2,
        "the same without the hits table"
    );
    // Then the timeline, the total and the page: the same matches, in this order too.
    let bars: u64 = search
        .timeline(0)
        .expect("timeline")
        .bars
        .iter()
        .map(|(_, n)| n)
        .sum();
    assert_eq!(bars, 2);
    assert_eq!(search.total().expect("total"), 2);
    assert_eq!(search.page().expect("page").len(), 2);
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

#[test]
fn keyword_lists_come_newest_first_from_the_index_like_any_list() {
    let mut store = Store::open_in_memory().expect("store");
    store
        .sync_feeds(&[feed("BMI Presse", "BMI", BMI), feed("BMAS", "BMAS", BMAS)])
        .expect("sync");
    let same_time = |key: &str, title: &str| article(key, title, 10, &[]);
    let bmi = [
        article("a", "Sicherheit eins", 3, &[]),
        same_time("b", "Sicherheit zwei"),
        same_time("c", "Sicherheit drei"),
        article("d", "Sicherheit vier", 15, &[]),
        article("e", "Anderes Thema", 16, &[]),
    ];
    let bmas = [article("f", "Arbeitssicherheit", 12, &[])];
    store
        .store_articles(BMI, &bmi, &Validators::default(), now())
        .expect("store");
    store
        .store_articles(BMAS, &bmas, &Validators::default(), now())
        .expect("store");
    // Same order as a list without keywords: date, then the later id first.
    let all = titles(&store, "");
    let expected: Vec<String> = all
        .into_iter()
        .filter(|t| t.to_lowercase().contains("sicherheit"))
        .collect();
    assert_eq!(
        expected,
        [
            "Sicherheit vier",
            "Arbeitssicherheit",
            "Sicherheit drei",
            "Sicherheit zwei",
            "Sicherheit eins"
        ]
    );
    assert_eq!(titles(&store, "sicherheit"), expected);
    assert_eq!(page_titles(&store, "sicherheit", 2, 1), expected[1..3]);
    assert_eq!(
        titles(&store, "sicherheit since:10.12.2021 until:12.12.2021"),
        ["Arbeitssicherheit", "Sicherheit drei", "Sicherheit zwei"]
    );
    assert_eq!(
        titles(&store, "sicherheit feed:BMAS"),
        ["Arbeitssicherheit"]
    );
    // A new date moves the article in the index too.
    let moved = [article("a", "Sicherheit eins, neu datiert", 18, &[])];
    store
        .store_articles(BMI, &moved, &Validators::default(), now())
        .expect("update");
    assert_eq!(
        page_titles(&store, "sicherheit", 1, 0),
        ["Sicherheit eins, neu datiert"]
    );
    assert_eq!(titles(&store, "sicherheit").len(), 5, "no stale index row");
    assert!(store.integrity_check().expect("check").is_ok());
}

#[test]
fn migration_2_moves_an_existing_index_to_search_keys() {
    let mut conn = rusqlite::Connection::open_in_memory().expect("conn");
    conn.execute_batch(schema::MIGRATIONS[0]).expect("v1");
    conn.pragma_update(None, "user_version", 1)
        .expect("version");
    conn.execute_batch(
        "INSERT INTO feeds (id, url, name) VALUES (1, 'https://www.bmi.bund.de/feed.xml', 'BMI');
         INSERT INTO articles (id, feed_id, key, title, published, first_seen, summary, content_hash)
             VALUES (7, 1, 'k', 'Katastrophenschutz stärken', 1639648800, 1639648800, 'Teaser', 1);
         INSERT INTO article_bodies (article_id, text) VALUES (7, 'Volltext über Warnsysteme');
         INSERT INTO article_search (rowid, title, topics, summary, body)
             VALUES (7, 'Katastrophenschutz stärken', '', 'Teaser', 'Volltext über Warnsysteme');",
    )
    .expect("v1 data");
    schema::migrate(&mut conn).expect("migrate");
    schema::create_temp_tables(&conn).expect("temp");
    let store = Store { conn };
    assert_eq!(titles(&store, "warnsystem"), ["Katastrophenschutz stärken"]);
    assert_eq!(
        titles(&store, "schutz since:16.12.2021"),
        ["Katastrophenschutz stärken"]
    );
    let key: i64 = store
        .conn
        .query_row("SELECT search_key FROM articles WHERE id = 7", [], |r| {
            r.get(0)
        })
        .expect("key");
    assert_eq!(key, schema::search_key(1_639_648_800, 7));
}

#[test]
fn an_old_cache_with_articles_announces_its_index_rebuild_once() {
    let dir = tempfile::tempdir().expect("dir");
    assert_eq!(
        Store::slow_upgrade_pending(dir.path()),
        None,
        "no cache yet"
    );
    {
        let conn = rusqlite::Connection::open(dir.path().join(DB_FILE)).expect("conn");
        conn.execute_batch(schema::MIGRATIONS[0]).expect("v1");
        conn.pragma_update(None, "user_version", 1)
            .expect("version");
        conn.execute_batch(
            "INSERT INTO feeds (id, url, name) VALUES (1, 'https://x.example/feed', 'X');
             INSERT INTO articles (id, feed_id, key, title, published, first_seen, content_hash)
                 VALUES (1, 1, 'k', 'Titel', 0, 0, 1);",
        )
        .expect("data");
    }
    assert_eq!(Store::slow_upgrade_pending(dir.path()), Some(1));
    let store = Store::open(dir.path()).expect("migrates");
    assert_eq!(titles(&store, "titel"), ["Titel"]);
    drop(store);
    assert_eq!(Store::slow_upgrade_pending(dir.path()), None, "done");
}

#[test]
fn keyword_pages_are_exact_within_a_day_and_across_day_boundaries() {
    let mut store = Store::open_in_memory().expect("store");
    store
        .sync_feeds(&[feed("BMI Presse", "BMI", BMI)])
        .expect("sync");
    let at = |key: &str, day: u32, hour: u32| NewArticle {
        published: Utc.with_ymd_and_hms(2021, 12, day, hour, 0, 0).single(),
        ..article(key, &format!("Sicherheit {day}. um {hour} Uhr"), day, &[])
    };
    // Stored in an order where ids do not follow the time of day.
    let items = [
        at("a", 10, 18),
        at("b", 11, 9),
        at("c", 10, 7),
        at("d", 10, 12),
        at("e", 9, 23),
    ];
    for item in &items {
        store
            .store_articles(
                BMI,
                std::slice::from_ref(item),
                &Validators::default(),
                now(),
            )
            .expect("store");
    }
    let expected = [
        "Sicherheit 11. um 9 Uhr",
        "Sicherheit 10. um 18 Uhr",
        "Sicherheit 10. um 12 Uhr",
        "Sicherheit 10. um 7 Uhr",
        "Sicherheit 9. um 23 Uhr",
    ];
    assert_eq!(titles(&store, "sicherheit"), expected);
    for limit in 1..=5 {
        for offset in 0..5 {
            let end = (offset + limit).min(5);
            assert_eq!(
                page_titles(&store, "sicherheit", limit, offset),
                expected[offset.min(5)..end],
                "limit {limit} offset {offset}"
            );
        }
    }
    // Day bounds with hours: the index narrows to whole days, the articles decide exactly.
    let today = NaiveDate::from_ymd_opt(2021, 12, 20).expect("date");
    let mut q = ArticleQuery::new(
        Filter::parse("sicherheit since:10.12.2021 until:10.12.2021", today).expect("query"),
        &Utc,
    );
    q.bounds = (
        Some(
            Utc.with_ymd_and_hms(2021, 12, 10, 10, 0, 0)
                .single()
                .expect("t")
                .timestamp(),
        ),
        Some(
            Utc.with_ymd_and_hms(2021, 12, 11, 10, 0, 0)
                .single()
                .expect("t")
                .timestamp(),
        ),
    );
    let bounded: Vec<String> = store
        .page_rows(&q.limit(Some(10)))
        .expect("list")
        .into_iter()
        .map(|a| a.title)
        .collect();
    assert_eq!(
        bounded,
        [
            "Sicherheit 11. um 9 Uhr",
            "Sicherheit 10. um 18 Uhr",
            "Sicherheit 10. um 12 Uhr"
        ]
    );
}

#[cfg(unix)]
#[test]
fn read_only_side_files_of_a_writable_cache_are_made_writable_again() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("dir");
    drop(Store::open(dir.path()).expect("open"));
    let db = dir.path().join(DB_FILE);
    let shm = dir.path().join(format!("{DB_FILE}-shm"));
    let mode =
        |p: &std::path::Path| std::fs::metadata(p).expect("meta").permissions().mode() & 0o777;
    std::fs::write(&shm, b"").expect("shm");
    std::fs::set_permissions(&shm, std::fs::Permissions::from_mode(0o400)).expect("chmod");
    // While the cache itself is read-only, its side files are left as they are.
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o400)).expect("chmod");
    super::repair_side_file_modes(&db);
    assert_eq!(mode(&shm), 0o400);
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o600)).expect("chmod");
    super::repair_side_file_modes(&db);
    assert_eq!(mode(&shm), 0o600);
    // A side file that is writable already is left as it is.
    std::fs::set_permissions(&shm, std::fs::Permissions::from_mode(0o640)).expect("chmod");
    super::repair_side_file_modes(&db);
    assert_eq!(mode(&shm), 0o640);
}

#[test]
fn only_damage_counts_as_damage() {
    let busy = StoreError::Busy { path: "x".into() };
    assert!(!busy.is_damage());
    let locked = StoreError::Sqlite {
        source: rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_BUSY),
            None,
        ),
    };
    assert!(!locked.is_damage());
    assert!(
        locked.to_string().contains("another amtsfeed is writing"),
        "{locked}"
    );
    let corrupt = StoreError::Sqlite {
        source: rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_CORRUPT),
            None,
        ),
    };
    assert!(corrupt.is_damage());
    let opened_corrupt = StoreError::Corrupt {
        path: "x".into(),
        source: rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_NOTADB),
            None,
        ),
    };
    assert!(opened_corrupt.is_damage());
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
            .store_page(id, &PageOutcome::Failed("HTTP 503".into()), failed_at)
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
            .store_page(id, &PageOutcome::Failed("HTTP 503".into()), failed_at)
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
