//! Versions: what a feed or a page changed is kept, one edit is one version, and every
//! version is rebuilt as it was.

use super::*;
use crate::model::Changes;

fn page(html: &str, kind: Option<&str>) -> PageOutcome {
    page_outcome(html, kind, None)
}

fn at(minutes: i64) -> DateTime<Utc> {
    now() + chrono::Duration::minutes(minutes)
}

const FIRST: &str = "<p>Der Bund stellt 1,5 Milliarden Euro für den Katastrophenschutz bereit.</p><p>Die Länder begrüßen das.</p>";
const SECOND: &str = "<p>Der Bund stellt 2,1 Milliarden Euro für den Katastrophenschutz bereit.</p><p>Die Länder begrüßen das.</p>";
const THIRD: &str = "<p>Der Bund stellt 2,1 Milliarden Euro für den Bevölkerungsschutz bereit.</p><p>Die Länder begrüßen das.</p>";

#[test]
fn an_edited_release_keeps_every_version_and_one_edit_is_one_version() {
    let mut store = filled();
    let id = id_of(&store, "Fahrzeuge");
    assert_eq!(store.versions(id).expect("versions").len(), 1);
    // The first page is more text, not a change.
    store
        .store_page(id, &page(FIRST, Some("Pressemitteilung")), at(1))
        .expect("page");
    assert_eq!(store.versions(id).expect("versions").len(), 1);
    assert_eq!(
        store
            .article(id)
            .expect("read")
            .expect("there")
            .summary
            .changed_at,
        None
    );
    // The feed retitles it; the page, fetched again because of it minutes later, has a new
    // figure: one edit, one version more.
    let mut edited = article("b", "Neue Fahrzeuge für den Bevölkerungsschutz", 2, &[]);
    edited.summary = "Mehr Geld für Fahrzeuge".into();
    store
        .store_articles(BMI, &[edited], &Validators::default(), at(120))
        .expect("stored");
    store
        .store_page(id, &page(SECOND, Some("Pressemitteilung")), at(125))
        .expect("page");
    let versions = store.versions(id).expect("versions");
    assert_eq!(versions.len(), 2, "{versions:#?}");
    let (first, second) = (&versions[0], &versions[1]);
    assert_eq!(first.title, "Neue Fahrzeuge für den Katastrophenschutz");
    assert_eq!(second.title, "Neue Fahrzeuge für den Bevölkerungsschutz");
    assert!(first
        .text
        .as_deref()
        .is_some_and(|t| t.contains("1,5 Milliarden")));
    assert!(second
        .text
        .as_deref()
        .is_some_and(|t| t.contains("2,1 Milliarden")));
    assert_eq!(
        second.changes,
        Changes(Changes::TITLE | Changes::TEASER | Changes::TEXT)
    );
    assert_eq!((first.number, second.number), (1, 2));
    assert_eq!(second.seen_at, at(120));
    assert_eq!(first.seen_at, now());
    let summary = store.article(id).expect("read").expect("there").summary;
    assert_eq!(summary.changed_at, Some(at(120)));
    // Hours later another edit, and its type: a third version.
    store
        .store_page(id, &page(THIRD, Some("Meldung")), at(400))
        .expect("page");
    let versions = store.versions(id).expect("versions");
    assert_eq!(versions.len(), 3);
    assert_eq!(versions[2].changes, Changes(Changes::TEXT | Changes::KIND));
    assert_eq!(versions[1].kind.as_deref(), Some("Pressemitteilung"));
    assert_eq!(versions[2].kind.as_deref(), Some("Meldung"));
    for (version, figure, protection) in [
        (&versions[0], "1,5", "Katastrophenschutz"),
        (&versions[1], "2,1", "Katastrophenschutz"),
        (&versions[2], "2,1", "Bevölkerungsschutz"),
    ] {
        let text = version.text.as_deref().expect("rebuilt");
        assert!(text.contains(figure) && text.contains(protection), "{text}");
    }
    // The same page again changes nothing.
    store
        .store_page(id, &page(THIRD, Some("Meldung")), at(900))
        .expect("page");
    assert_eq!(store.versions(id).expect("versions").len(), 3);
}

#[test]
fn a_change_taken_back_within_the_edit_is_no_version_and_deltas_are_small() {
    let mut store = filled();
    let id = id_of(&store, "Fahrzeuge");
    store
        .store_page(id, &page(FIRST, None), at(1))
        .expect("page");
    store
        .store_page(id, &page(SECOND, None), at(200))
        .expect("page");
    store
        .store_page(id, &page(FIRST, None), at(210))
        .expect("page");
    assert_eq!(store.versions(id).expect("versions").len(), 1);
    assert_eq!(
        store
            .article(id)
            .expect("read")
            .expect("there")
            .summary
            .changed_at,
        None
    );
    // One figure changed costs about the figure, not the text.
    store
        .store_page(id, &page(SECOND, None), at(500))
        .expect("page");
    let delta: String = store
        .conn
        .query_row(
            "SELECT text_delta FROM article_versions WHERE article_id = ?1",
            [id.0],
            |r| r.get(0),
        )
        .expect("one version row");
    assert!(delta.len() < 20, "{delta}");
    let versions = store.versions(id).expect("versions");
    assert_eq!(versions.len(), 2);
    assert!(versions[0]
        .text
        .as_deref()
        .is_some_and(|t| t.contains("1,5")));
}

/// `geändert:` in the store's SQL and in the plain rule (`Cond::matches`) agree on every
/// range, open or closed, around articles changed on several days and never.
#[test]
fn changed_ranges_match_the_plain_rule() {
    let store = filled();
    let all = store.page_rows(&ArticleQuery::default()).expect("rows");
    // Changed at noon, late evening and just after midnight on 10..=14 December; one never.
    for (i, row) in all.iter().enumerate().skip(1) {
        let hour = [12, 23, 0][i % 3];
        let day = 9 + i as u32;
        let at = chrono::Local
            .with_ymd_and_hms(2021, 12, day, hour, 30, 0)
            .earliest()
            .expect("time");
        store
            .conn
            .execute(
                "UPDATE articles SET changed_at = ?2 WHERE id = ?1",
                params![row.id.0, at.timestamp()],
            )
            .expect("changed");
    }
    let rows = store.page_rows(&ArticleQuery::default()).expect("rows");
    let day = |d: u32| NaiveDate::from_ymd_opt(2021, 12, d);
    let bounds: Vec<Option<NaiveDate>> = vec![
        None,
        day(9),
        day(10),
        day(11),
        day(12),
        day(13),
        day(14),
        day(15),
    ];
    for from in &bounds {
        for to in &bounds {
            let cond = crate::filter::Cond::Changed {
                from: *from,
                to: *to,
            };
            let expected: Vec<i64> = rows
                .iter()
                .filter(|r| cond.matches(r))
                .map(|r| r.id.0)
                .collect();
            let mut filter = crate::filter::Filter::default();
            filter.conditions.push(cond.clone());
            let found: Vec<i64> = store
                .page_rows(&ArticleQuery::new(filter, &chrono::Local))
                .expect("rows")
                .iter()
                .map(|r| r.id.0)
                .collect();
            assert_eq!(found, expected, "{from:?}..{to:?}");
        }
    }
    // And through the query language.
    let today = NaiveDate::from_ymd_opt(2021, 12, 20).expect("day");
    let parsed =
        crate::filter::Filter::parse("geändert:11.12.2021..12.12.2021", today).expect("parses");
    assert_eq!(
        parsed.conditions,
        [crate::filter::Cond::Changed {
            from: day(11),
            to: day(12)
        }]
    );
    assert!(crate::filter::Filter::parse("changed:ja", today).is_ok());
    assert!(crate::filter::Filter::parse("geändert:2w", today).is_ok());
    assert!(crate::filter::Filter::parse("geändert:morgen", today).is_err());
}

/// An item taken out of its feed is marked with the day; one that only scrolled off the end
/// of the feed's window is not; one that comes back loses the mark.
#[test]
fn an_item_taken_out_of_its_feed_is_marked_and_one_scrolled_off_is_not() {
    let mut store = filled();
    let left = |store: &Store, part: &str| {
        store
            .article(id_of(store, part))
            .expect("read")
            .expect("there")
            .summary
            .left_feed_at
    };
    // BMI's feed was a (16th), c (10th), b (2nd): c taken out from between.
    let a = article(
        "a",
        "Zukunft der Verwaltungsdigitalisierung",
        16,
        &["Veranstaltung"],
    );
    let b = article("b", "Neue Fahrzeuge für den Katastrophenschutz", 2, &[]);
    let c = article("c", "Öffentliche Sicherheit in Städten", 10, &[]);
    store
        .store_articles(BMI, &[a.clone(), b.clone()], &Validators::default(), at(60))
        .expect("stored");
    assert_eq!(left(&store, "Sicherheit"), Some(at(60)));
    assert_eq!(left(&store, "Fahrzeuge"), None);
    // Later only the newest: b and c scrolled off the end, c's mark stays as it was.
    store
        .store_articles(
            BMI,
            std::slice::from_ref(&a),
            &Validators::default(),
            at(120),
        )
        .expect("stored");
    assert_eq!(left(&store, "Fahrzeuge"), None);
    assert_eq!(left(&store, "Sicherheit"), Some(at(60)));
    // Back in the feed: no longer marked.
    store
        .store_articles(BMI, &[a, c, b], &Validators::default(), at(180))
        .expect("stored");
    assert_eq!(left(&store, "Sicherheit"), None);
}

/// A page read before is checked again once a day while recent or starred; gone (404, 410,
/// an error page, a redirect elsewhere) is marked with the day and keeps the text; a page
/// that is there again loses the mark; a timeout is no verdict.
#[test]
fn a_page_that_is_gone_keeps_its_text_and_is_marked() {
    let mut store = filled();
    let id = id_of(&store, "Fahrzeuge");
    store
        .store_page(id, &page(FIRST, None), at(1))
        .expect("page");
    let feeds = vec![BMI.to_owned()];
    let rechecks = |store: &Store, when: DateTime<Utc>| -> Vec<ArticleId> {
        store
            .pages_due(&feeds, when, 10)
            .expect("due")
            .into_iter()
            .filter(|j| j.recheck)
            .map(|j| j.id)
            .collect()
    };
    // Not within the day; the next day only if recent (2 December is not, on the 21st) or
    // starred.
    assert!(rechecks(&store, at(60)).is_empty());
    assert!(rechecks(&store, at(60 * 25)).is_empty());
    store.set_starred(&[id], true).expect("star");
    assert_eq!(rechecks(&store, at(60 * 25)), [id]);
    let gone = |store: &Store| store.article(id).expect("read").expect("there");
    store
        .store_page(
            id,
            &PageOutcome::Failed(crate::model::Reason::Timeout { secs: 30 }),
            at(60 * 25),
        )
        .expect("timeout");
    assert_eq!(gone(&store).summary.gone_at, None);
    store
        .store_page(
            id,
            &PageOutcome::Failed(crate::model::Reason::Http {
                status: 404,
                retry_after: None,
            }),
            at(60 * 50),
        )
        .expect("404");
    let article = gone(&store);
    assert_eq!(article.summary.gone_at, Some(at(60 * 50)));
    assert!(article
        .page_html
        .as_deref()
        .is_some_and(|p| p.contains("1,5 Milliarden")));
    assert_eq!(article.page_status.as_deref(), Some("ok"));
    // Still gone a day later: the first day stays.
    store
        .store_page(
            id,
            &PageOutcome::Failed(crate::model::Reason::RedirectedElsewhere {
                to: "https://www.bmi.bund.de/".into(),
            }),
            at(60 * 75),
        )
        .expect("redirect");
    assert_eq!(gone(&store).summary.gone_at, Some(at(60 * 50)));
    store
        .store_page(id, &PageOutcome::NotModified, at(60 * 100))
        .expect("back");
    assert_eq!(gone(&store).summary.gone_at, None);
}

/// `drucksache:`, `plenarprotokoll:` and `vorgang:` find the articles that name the document,
/// in any form they wrote it, and only those.
#[test]
fn articles_are_found_by_the_parliamentary_documents_they_name() {
    let mut store = filled();
    let mut named = article("p", "Bundestag verabschiedet Gesetz", 18, &[]);
    named.summary =
        "Der Entwurf (BT-Drs. 21/0042) und BR-Drs. 123/26; Plenarprotokoll 21/45.".into();
    let mut linked = article("q", "Beschlussempfehlung liegt vor", 19, &[]);
    linked.content_html =
        Some("<p><a href=\"https://dip.bundestag.de/vorgang/gesetz/312345\">DIP</a></p>".into());
    store
        .store_articles(BMI, &[named, linked], &Validators::default(), now())
        .expect("stored");
    let today = NaiveDate::from_ymd_opt(2021, 12, 20).expect("day");
    let found = |query: &str| {
        let filter = crate::filter::Filter::parse(query, today).expect(query);
        store
            .page_rows(&ArticleQuery::new(filter, &chrono::Local))
            .expect("rows")
            .iter()
            .map(|r| r.title.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        found("drucksache:21/42"),
        ["Bundestag verabschiedet Gesetz"]
    );
    assert_eq!(
        found("drucksache:BT-21/0042"),
        ["Bundestag verabschiedet Gesetz"]
    );
    assert_eq!(
        found("drucksache:BR-123/26"),
        ["Bundestag verabschiedet Gesetz"]
    );
    assert!(found("drucksache:BT-123/26").is_empty());
    assert!(found("drucksache:21/43").is_empty());
    assert_eq!(
        found("plenarprotokoll:21/45"),
        ["Bundestag verabschiedet Gesetz"]
    );
    assert_eq!(found("vorgang:312345"), ["Beschlussempfehlung liegt vor"]);
    assert_eq!(found("-drucksache:21/42").len(), 5);
    assert!(crate::filter::Filter::parse("drucksache:Gesetz", today).is_err());
    assert!(crate::filter::Filter::parse("vorgang:21/4", today).is_err());
}
