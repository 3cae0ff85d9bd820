//! fetch → list → show → state → fetch again, with every kind of feed and failure.

use crate::server::Reply;
use crate::util::{fixture, TestEnv};

const VIDEO: &str =
    "Video: BMI diskutiert mit Nachwuchsnetzwerk über die Zukunft der Verwaltungsdigitalisierung";

/// The feeds of the main scenario: six good ones in five formats, five broken ones.
pub fn scenario() -> TestEnv {
    let env = TestEnv::new();
    let s = &env.server;
    s.route(
        "/bmi.xml",
        Reply::with_etag(fixture("feeds/gsb_bmi.xml"), "\"v1\""),
    );
    s.route("/bmukn.rss", Reply::xml(fixture("feeds/typo3_bmukn.xml")));
    s.route("/moved", Reply::Redirect(s.url("/breg.atom")));
    s.route(
        "/breg.atom",
        Reply::with_type(fixture("feeds/atom.xml"), "application/atom+xml"),
    );
    s.route("/bundesrat.rdf", Reply::xml(fixture("feeds/rss1.xml")));
    s.route(
        "/bmg.json",
        Reply::with_type(fixture("feeds/feed.json"), "application/feed+json"),
    );
    s.route(
        "/aa.xml",
        Reply::with_type(
            fixture("feeds/latin1_nodecl.xml"),
            "text/xml; charset=ISO-8859-1",
        ),
    );
    s.route("/broken.xml", Reply::xml(fixture("feeds/malformed.xml")));
    s.route("/error.xml", Reply::Status(500));
    s.route("/slow.xml", Reply::Stall);
    let mut huge =
        String::from("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Riesig</title>");
    while huge.len() < 60_000 {
        huge.push_str("<item><title>Füllmaterial</title><description>Sehr viel Text über Haushalt und Finanzen.</description></item>");
    }
    huge.push_str("</channel></rss>");
    s.route(
        "/huge.xml",
        Reply::Unsized {
            body: huge.into_bytes(),
        },
    );
    env.write_config(&[
        ("BMI Presse", "/bmi.xml", Some("BMI")),
        ("BMUKN Meldungen", "/bmukn.rss", Some("BMUKN")),
        ("Bundesregierung", "/moved", Some("BReg")),
        ("Bundesrat", "/bundesrat.rdf", None),
        ("BMG", "/bmg.json", Some("BMG")),
        ("AA Latin-1", "/aa.xml", Some("AA")),
        ("Kaputt", "/broken.xml", None),
        ("Fehlt", "/gibt-es-nicht.xml", None),
        ("Serverfehler", "/error.xml", None),
        ("Langsam", "/slow.xml", None),
        ("Riesig", "/huge.xml", None),
    ]);
    env
}

fn sorted_lines(s: &str) -> Vec<&str> {
    let mut lines: Vec<&str> = s.lines().collect();
    lines.sort_unstable();
    lines
}

#[test]
fn first_fetch_stores_good_feeds_and_reports_each_failure_on_one_line() {
    let env = scenario();
    let run = env.run(&["fetch"]);
    assert_eq!(run.code, 1, "a failed feed makes exit 1\n{}", run.stderr);
    assert_eq!(
        sorted_lines(&run.stdout),
        [
            "AA Latin-1: 1 new, 0 updated",
            "BMG: 2 new, 0 updated",
            "BMI Presse: 3 new, 0 updated",
            "BMUKN Meldungen: 2 new, 0 updated",
            "Bundesrat: 2 new, 0 updated",
            "Bundesregierung: 2 new, 0 updated",
        ]
    );
    let errors = sorted_lines(&run.stderr);
    assert_eq!(errors.len(), 5, "{}", run.stderr);
    assert!(
        errors[0].starts_with("Fehlt: error: HTTP 404"),
        "{}",
        errors[0]
    );
    assert!(
        errors[1].starts_with("Kaputt: error: malformed feed"),
        "{}",
        errors[1]
    );
    assert_eq!(errors[2], "Langsam: error: timed out after 2 s");
    assert_eq!(
        errors[3],
        "Riesig: error: response larger than the 40000-byte limit (max_feed_bytes)"
    );
    assert_eq!(errors[4], "Serverfehler: error: HTTP 500");
    // A descriptive User-Agent with the version.
    let seen = env.server.requests("/bmi.xml");
    assert!(seen[0].headers["user-agent"]
        .starts_with(&format!("amtsfeed/{}", env!("CARGO_PKG_VERSION"))));
    // `feeds` shows the failure next to the feed.
    let feeds = env.ok(&["feeds"]);
    assert!(
        feeds
            .lines()
            .any(|l| l.starts_with("Serverfehler") && l.ends_with("error: HTTP 500")),
        "{feeds}"
    );
    assert!(
        feeds
            .lines()
            .any(|l| l.starts_with("BMI Presse") && l.contains(" 3 ") && l.ends_with("ok")),
        "{feeds}"
    );
}

#[test]
fn articles_have_exact_titles_dates_topics_and_links() {
    let env = scenario();
    env.run(&["fetch"]);
    let rows = env.list_json(&[]);
    assert_eq!(rows.len(), 12);
    let dates: Vec<&str> = rows
        .iter()
        .map(|r| r["published"].as_str().expect("date"))
        .collect();
    let mut sorted = dates.clone();
    sorted.sort_unstable_by(|a, b| b.cmp(a));
    assert_eq!(dates, sorted, "newest first");
    let video = rows
        .iter()
        .find(|r| r["title"] == VIDEO)
        .expect("GSB article");
    assert_eq!(video["feed"], "BMI Presse");
    assert_eq!(video["published"], "2021-12-16T09:30:00Z");
    assert_eq!(video["link"], "https://www.onlinezugangsgesetz.de/SharedDocs/kurzmeldungen/Webs/OZG/DE/2021/12_meetup-digitale-verwaltung.html");
    assert_eq!(video["summary"], "Beim Meetup „Digitale Verwaltung“ sprachen Nachwuchskräfte aus Bund, Ländern und Kommunen über die nächsten Schritte.");
    assert_eq!(video["read"], false);
    let titles: Vec<&str> = rows
        .iter()
        .map(|r| r["title"].as_str().expect("title"))
        .collect();
    for expected in [
        "Bundesinnenministerin stärkt den Katastrophenschutz: 100 neue Fahrzeuge für das THW",
        "Außenministerin würdigt Völkerverständigung in Köln",
        "Kabinett beschließt Digitalstrategie",
        "Impfkampagne: Über 1 Million Auffrischungen an einem Tag",
        "Bundesrat billigt Gesetz zur Krankenhausfinanzierung",
    ] {
        assert!(titles.contains(&expected), "missing {expected}: {titles:?}");
    }
    let breg = rows
        .iter()
        .find(|r| r["title"] == "Kabinett beschließt Digitalstrategie")
        .expect("atom");
    // Relative Atom link resolved against the URL after the redirect.
    assert_eq!(
        breg["link"],
        env.server.url("/breg-de/aktuelles/digitalstrategie-2021")
    );
    assert_eq!(breg["topics"], serde_json::json!(["Digitales", "Kabinett"]));
    let rat = rows
        .iter()
        .find(|r| r["title"] == "Bundesrat billigt Gesetz zur Krankenhausfinanzierung")
        .expect("rss1");
    assert_eq!(
        rat["topics"],
        serde_json::json!(["Gesundheit", "Finanzen & Haushalt"])
    );
}

#[test]
fn show_prints_header_body_and_numbered_links() {
    let env = scenario();
    env.run(&["fetch"]);
    let id = env.id_of("Bundesumweltministerium startet Wettbewerb für Kreislaufwirtschaft");
    let text = env.ok(&["show", &id.to_string()]);
    let expected_head = "Bundesumweltministerium startet Wettbewerb für Kreislaufwirtschaft\n\
        Feed:   BMUKN Meldungen (BMUKN)\n\
        Date:   08.12.2021 12:00\n\
        Topics: Kreislaufwirtschaft, Digitalisierung\n\
        Link:   https://www.bundesumweltministerium.de/pressemitteilung/wettbewerb-kreislaufwirtschaft\n\
        State:  unread\n\n";
    assert!(text.starts_with(expected_head), "{text}");
    let body = &text[expected_head.len()..];
    assert_eq!(
        body,
        "Das Bundesumweltministerium und die Agentur für Sprunginnovationen suchen Teams.\n\n\
         ## Ablauf\n\
         • Bewerbung bis 31.01.2022\n\
         • Auswahl im Frühjahr\n\n\
         Mehr unter Kreislaufwirtschaft[1].\n\n\
         Links:\n\
         [1] https://www.bundesumweltministerium.de/themen/kreislaufwirtschaft\n"
    );
    let json: serde_json::Value =
        serde_json::from_str(&env.ok(&["show", &id.to_string(), "--format", "json"]))
            .expect("json");
    assert_eq!(json["id"], id);
    assert!(json["text"]
        .as_str()
        .expect("text")
        .contains("• Auswahl im Frühjahr"));
    assert_eq!(
        json["links"][0],
        "https://www.bundesumweltministerium.de/themen/kreislaufwirtschaft"
    );
    // The same text for programs, without the link numbers.
    assert_eq!(
        json["text_plain"],
        "Das Bundesumweltministerium und die Agentur für Sprunginnovationen suchen Teams.\n\n\
         ## Ablauf\n\
         • Bewerbung bis 31.01.2022\n\
         • Auswahl im Frühjahr\n\n\
         Mehr unter Kreislaufwirtschaft."
    );
    let missing = env.run(&["show", "99999"]);
    assert_eq!(missing.code, 1);
    assert_eq!(
        missing.stderr.trim(),
        "amtsfeed: error: no article with id 99999"
    );
}

#[test]
fn state_survives_refetch_changed_articles_update_and_304_changes_nothing() {
    let env = scenario();
    env.run(&["fetch"]);
    let id = env.id_of(VIDEO).to_string();
    assert_eq!(env.ok(&["read", &id]).trim(), "1 article marked read");
    env.ok(&["star", &id]);
    assert!(!env.titles(&["--unread"]).contains(&VIDEO.to_owned()));
    assert_eq!(env.titles(&["--starred"]), [VIDEO]);

    // Second fetch: BMI answers 304 to the stored ETag; the rest are re-read unchanged.
    let run = env.run(&["fetch"]);
    assert!(
        run.stdout.lines().any(|l| l == "BMI Presse: not modified"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.lines().any(|l| l == "BMG: 0 new, 0 updated"),
        "{}",
        run.stdout
    );
    let conditional = env.server.requests("/bmi.xml");
    assert_eq!(
        conditional[1]
            .headers
            .get("if-none-match")
            .map(String::as_str),
        Some("\"v1\"")
    );

    // The feed changes: one title edited, one item new, one dropped.
    let v2 = String::from_utf8(fixture("feeds/gsb_bmi.xml"))
        .expect("utf-8")
        .replace(
            "Zukunft der Verwaltungsdigitalisierung",
            "Zukunft der digitalen Verwaltung",
        )
        .replace(
            "Ma&#223;nahmenpaket gegen Cyberangriffe auf Kommunen beschlossen",
            "Neues Lagebild Cybersicherheit vorgestellt",
        )
        .replace("cybersicherheit-kommunen.html", "lagebild-cyber.html");
    env.server.route("/bmi.xml", Reply::with_etag(v2, "\"v2\""));
    let run = env.run(&["fetch", "--feed", "BMI"]);
    // The starred article was retitled: after the feed lines, that is announced.
    assert_eq!(
        run.stdout,
        "BMI Presse: 1 new, 1 updated\nStarred: 1 changed\n"
    );
    assert_eq!(run.code, 0);
    let renamed =
        "Video: BMI diskutiert mit Nachwuchsnetzwerk über die Zukunft der digitalen Verwaltung";
    assert_eq!(env.id_of(renamed).to_string(), id, "same article, same id");
    assert_eq!(env.titles(&["--starred"]), [renamed]);
    assert!(
        env.titles(&[])
            .contains(&"Maßnahmenpaket gegen Cyberangriffe auf Kommunen beschlossen".to_owned()),
        "dropped items stay cached"
    );
    assert_eq!(env.list_json(&[]).len(), 13);

    env.ok(&["unstar", &id]);
    env.ok(&["unread", &id]);
    assert!(env.titles(&["--starred"]).is_empty());
    assert!(env.titles(&["--unread"]).contains(&renamed.to_owned()));
    let bad = env.run(&["read", &id, "424242"]);
    assert_eq!(bad.code, 1);
    assert_eq!(bad.stdout.trim(), "1 article marked read");
    assert!(
        bad.stderr.contains("not in the cache: article 424242"),
        "{}",
        bad.stderr
    );
    // Counted once, and only what changed.
    assert_eq!(
        env.ok(&["unread", &id, &id, &id]).trim(),
        "1 article marked unread"
    );
    assert_eq!(
        env.ok(&["unstar", &id]).trim(),
        "0 articles marked unstarred"
    );
}

/// `per_host_concurrency` is the most requests in flight to one host, whatever `concurrency`.
#[test]
fn per_host_concurrency_bounds_the_requests_in_flight_to_one_host() {
    for per_host in [1, 3] {
        let env = TestEnv::new();
        let mut feeds = Vec::new();
        for f in 0..6 {
            let path = format!("/langsam-{f}.xml");
            let body = format!("<rss version=\"2.0\"><channel><title>L{f}</title><item><title>Meldung {f}</title><guid>l{f}</guid></item></channel></rss>");
            env.server.route(
                &path,
                Reply::Delayed(
                    std::time::Duration::from_millis(300),
                    Box::new(Reply::xml(body)),
                ),
            );
            feeds.push((format!("Langsam {f}"), path));
        }
        let feeds: Vec<(&str, &str, Option<&str>)> = feeds
            .iter()
            .map(|(n, p)| (n.as_str(), p.as_str(), None))
            .collect();
        env.write_config_with(
            &format!("full_text = false\nconcurrency = 8\nper_host_concurrency = {per_host}\n"),
            &feeds,
        );
        env.ok(&["fetch"]);
        assert_eq!(env.server.requests_under("/langsam-").len(), 6);
        assert_eq!(
            env.server.max_in_flight(),
            per_host,
            "per_host_concurrency = {per_host}"
        );
    }
}
