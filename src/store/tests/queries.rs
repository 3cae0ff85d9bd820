//! Lists, keywords, dates, pages, facets, timelines: the read side.

use super::*;

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
fn timeline_buckets_follow_the_span() {
    let store = filled();
    let today = NaiveDate::from_ymd_opt(2021, 12, 20).expect("date");
    let day = |d| NaiveDate::from_ymd_opt(2021, 12, d).expect("date");
    let q = ArticleQuery::new(
        Filter::parse("since:1.12.2021 until:20.12.2021", today).expect("valid"),
        &Utc,
    );
    let t = store
        .search(&q)
        .expect("search")
        .timeline(0)
        .expect("timeline");
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
    let t = store
        .search(&q)
        .expect("search")
        .timeline(0)
        .expect("timeline");
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
fn facets_after_a_keyword_page_count_the_hits_topics() {
    let store = filled();
    let today = NaiveDate::from_ymd_opt(2021, 12, 20).expect("date");
    let q = ArticleQuery::new(
        Filter::parse("digitalisierung", today).expect("valid"),
        &Utc,
    );
    // Facets first: a search answers in any order (the hits are found on first need).
    let search = store.search(&q).expect("search");
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

#[test]
fn the_query_language_runs_in_the_store() {
    let store = filled();
    let (zukunft, fahrzeuge, sicherheit, rente) = (
        "Zukunft der Verwaltungsdigitalisierung",
        "Neue Fahrzeuge für den Katastrophenschutz",
        "Öffentliche Sicherheit in Städten",
        "Rente: Digitalisierung der Antragsverfahren",
    );
    for (query, expected) in [
        ("verwaltung OR rente", vec![rente, zukunft]),
        ("digitalisierung -rente", vec![zukunft]),
        ("digitalisierung NOT rente", vec![zukunft]),
        ("-digitalisierung", vec![sicherheit, fahrzeuge]),
        ("NOT (digitalisierung OR sicherheit)", vec![fahrzeuge]),
        ("(sicherheit OR fahrzeuge) -katastrophe", vec![sicherheit]),
        ("titel:Rente", vec![rente]),
        ("titel:Veranstaltung", vec![]),
        ("thema:Veranstaltung OR feed:bmas", vec![rente, zukunft]),
        ("ministerium:BMAS OR sicherheit", vec![rente, sicherheit]),
        // Umlaut and ß folding, both ways.
        ("Oeffentliche", vec![sicherheit]),
        ("Staedten", vec![sicherheit]),
        ("fuer", vec![fahrzeuge]),
        ("titel:Oeffentliche OR titel:Stadten", vec![sicherheit]),
        // Short words (no trigrams) inside groups fall back to LIKE.
        ("KI OR rente", vec![rente]),
        ("-(in OR der)", vec![fahrzeuge]),
        // No kind is known yet: typ: matches none, its negation all.
        ("typ:Rede", vec![]),
        ("-typ:Rede", vec![rente, zukunft, sicherheit, fahrzeuge]),
        (
            "unread OR starred",
            vec![rente, zukunft, sicherheit, fahrzeuge],
        ),
    ] {
        assert_eq!(titles(&store, query), expected, "{query}");
        // The count, facets and timeline read the same hits.
        let today = NaiveDate::from_ymd_opt(2021, 12, 20).expect("date");
        let q = ArticleQuery::new(Filter::parse(query, today).expect("parses"), &Utc);
        assert_eq!(
            store.count(&q).expect("count"),
            expected.len() as u64,
            "{query}"
        );
    }
}

#[test]
fn one_release_in_several_feeds_is_listed_and_counted_once() {
    let mut store = Store::open_in_memory().expect("store");
    store.set_ministries(ministries());
    let breg = "https://www.bundesregierung.de/feed.xml";
    store
        .sync_feeds(&[
            feed("BMI Presse", "BMI", BMI),
            feed("BMAS Meldungen", "BMAS", BMAS),
            feed("Bundesregierung", "BReg", breg),
        ])
        .expect("sync");
    let teaser = "Die Bundesregierung hat heute im Kabinett den Aktionsplan gegen Sozialleistungsmissbrauch und Ausbeutung beschlossen.";
    let item =
        |key: &str, title: &str, day: u32, hour: u32, summary: &str, topics: &[&str]| NewArticle {
            published: Utc.with_ymd_and_hms(2021, 12, day, hour, 0, 0).single(),
            summary: summary.into(),
            ..article(key, title, day, topics)
        };
    let joint_bmi = item(
        "bmi-1",
        "Sozialstaat schützen und Missbrauch verhindern: Bundesregierung beschließt 10-Punkte-Plan",
        14,
        9,
        teaser,
        &["Soziales"],
    );
    let joint_bmas = item(
        "bmas-1",
        "Sozialstaat schützen und Missbrauch verhindern",
        14,
        9,
        &format!("{teaser} "),
        &["Soziales"],
    );
    // The same heading a day and a half later: another article.
    let later = item(
        "bmas-2",
        "Sozialstaat schützen und Missbrauch verhindern",
        15,
        22,
        teaser,
        &["Soziales"],
    );
    // A similar title from another ministry with another text: another article.
    let other = item(
        "breg-1",
        "Sozialstaat schützen und Missbrauch verhindern: Fragen und Antworten",
        14,
        10,
        "Was der Plan für Leistungsbeziehende bedeutet, was sich für Arbeitgeber ändert und wann die Regeln gelten.",
        &["Soziales"],
    );
    let v = Validators::default();
    store
        .store_articles(BMI, &[joint_bmi], &v, now())
        .expect("bmi");
    store
        .store_articles(BMAS, &[joint_bmas, later], &v, now())
        .expect("bmas");
    store
        .store_articles(breg, &[other], &v, now())
        .expect("breg");
    let rows = store.page_rows(&ArticleQuery::default()).expect("list");
    // Both copies link to bmi.bund.de (see `article`): BMI's copy leads, being on its own
    // domain, though BMAS's feed URL would sort first.
    let shown: Vec<(&str, &[String])> = rows
        .iter()
        .map(|r| (r.ministry.as_deref().unwrap_or(""), r.also_in.as_slice()))
        .collect();
    assert_eq!(
        shown,
        [
            ("BMAS", &[][..]),
            ("BReg", &[][..]),
            ("BMI", &["BMAS".to_string()][..]),
        ],
        "{rows:#?}"
    );
    // Counted once, in totals and facets.
    let all = ArticleQuery::default();
    assert_eq!(store.count(&all).expect("count"), 3);
    let facets = store.topic_counts(&all, 10).expect("facets");
    assert_eq!(facets[0].count, 3, "{facets:?}");
    // Every copy when asked, and a feed's own copy when its feed is asked for.
    let every = ArticleQuery {
        ungrouped: true,
        ..ArticleQuery::default()
    };
    assert_eq!(store.page_rows(&every).expect("list").len(), 4);
    assert_eq!(titles(&store, "feed:BMAS").len(), 2);
    // Read together: marking the one shown marks its copy.
    let shown_id = rows[2].id;
    store.set_read(&[shown_id], true).expect("read");
    let unread = ArticleQuery {
        ungrouped: true,
        ..ArticleQuery::new(
            Filter {
                unread: true,
                ..Filter::default()
            },
            &Utc,
        )
    };
    assert_eq!(store.page_rows(&unread).expect("list").len(), 2);
}

/// The spoofing probe of #26: a feed of no ministry copies a BMI release with an earlier
/// date and its own link; BMAS and BMZ publish different notes under one generic title.
#[test]
fn a_copy_from_no_ministry_never_leads_and_different_notes_stay_apart() {
    let bmz = "https://www.bmz.de/feed.xml";
    let fake = "https://evil.example/feed.xml";
    let teaser = "Das Bundesministerium des Innern stärkt den Schutz kritischer Infrastrukturen mit neuen Vorgaben für Betreiber.";
    let release = |key: &str, hour: u32, minute: u32, link: &str| NewArticle {
        published: Utc.with_ymd_and_hms(2021, 12, 14, hour, minute, 0).single(),
        link: Some(link.into()),
        summary: teaser.into(),
        ..article(
            key,
            "KRITIS-Dachgesetz: Kabinett beschließt besseren Schutz",
            14,
            &[],
        )
    };
    let note = |key: &str, teaser: &str| NewArticle {
        summary: teaser.into(),
        ..article(key, "Terminhinweis", 14, &[])
    };
    for fake_first in [true, false] {
        let mut store = Store::open_in_memory().expect("store");
        store.set_ministries(ministries());
        let mut no_ministry = feed("BMI", "x", fake);
        no_ministry.ministry = None;
        store
            .sync_feeds(&[
                feed("BMI Presse", "BMI", BMI),
                no_ministry,
                feed("BMAS Meldungen", "BMAS", BMAS),
                feed("BMZ Aktuelles", "BMZ", bmz),
            ])
            .expect("sync");
        let v = Validators::default();
        let real = [release("bmi", 9, 0, "https://www.bmi.bund.de/kritis.html")];
        let copy = [release("fake", 8, 55, "https://evil.example/kritis.html")];
        let order: [(&str, &[NewArticle]); 2] = if fake_first {
            [(fake, &copy), (BMI, &real)]
        } else {
            [(BMI, &real), (fake, &copy)]
        };
        for (url, items) in order {
            store.store_articles(url, items, &v, now()).expect("store");
        }
        store
            .store_articles(
                BMAS,
                &[note("bmas", "Ministerin besucht Hamburg.")],
                &v,
                now(),
            )
            .expect("bmas");
        store
            .store_articles(
                bmz,
                &[note("bmz", "Staatssekretär reist nach Brüssel.")],
                &v,
                now(),
            )
            .expect("bmz");
        let rows = store.page_rows(&ArticleQuery::default()).expect("list");
        let kritis: Vec<_> = rows
            .iter()
            .filter(|r| r.title.starts_with("KRITIS"))
            .collect();
        assert_eq!(kritis.len(), 1, "{rows:#?}");
        assert_eq!(
            kritis[0].link.as_deref(),
            Some("https://www.bmi.bund.de/kritis.html")
        );
        assert_eq!(kritis[0].ministry.as_deref(), Some("BMI"));
        let notes: Vec<_> = rows.iter().filter(|r| r.title == "Terminhinweis").collect();
        assert_eq!(
            notes.len(),
            2,
            "two ministries' notes are two rows: {notes:#?}"
        );
        assert!(notes.iter().all(|r| r.also_in.is_empty()));
    }
}

#[test]
fn the_largest_query_fits_the_search_expression() {
    // Every word at the limit, each with spellings: one FTS expression SQLite still takes.
    let store = filled();
    let words: Vec<String> = (0..crate::filter::MAX_KEYWORDS)
        .map(|i| format!("Grüße{i}Straße"))
        .collect();
    for query in [
        words.join(" "),
        words.join(" OR "),
        format!("x -({})", words[..63].join(" OR ")),
    ] {
        let today = NaiveDate::from_ymd_opt(2021, 12, 20).expect("date");
        let q = ArticleQuery::new(Filter::parse(&query, today).expect("parses"), &Utc);
        assert!(store.page_rows(&q).expect("runs").is_empty());
        assert_eq!(store.count(&q).expect("counts"), 0);
    }
}
