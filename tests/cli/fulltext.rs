//! Full text: article pages fetched after the feed, extracted, searchable, shown.

use crate::server::Reply;
use crate::util::{closed_port, fixture, TestEnv};

const MEETUP: &str =
    "Video: BMI diskutiert mit Nachwuchsnetzwerk über die Zukunft der Verwaltungsdigitalisierung";

fn item(env: &TestEnv, title: &str, path: &str, date: Option<&str>) -> String {
    let date = date
        .map(|d| format!("<pubDate>{d}</pubDate>"))
        .unwrap_or_default();
    format!(
        "<item><title>{title}</title><link>{}</link><description>Kurzfassung: {title}</description>{date}</item>",
        env.server.url(path)
    )
}

/// A GSB-style feed whose items link to pages on the fixture server.
fn full_text_env(page_delay_ms: u64) -> TestEnv {
    let env = TestEnv::new();
    let s = &env.server;
    let items = [
        item(
            &env,
            MEETUP,
            "/SharedDocs/kurzmeldungen/DE/2021/12_meetup.html;jsessionid=A1B2C3",
            Some("Thu, 16 Dec 2021 10:30:00 +0100"),
        ),
        item(
            &env,
            "Kabinett beschließt Digitalstrategie",
            "/breg-de/aktuelles/digitalstrategie",
            Some("Wed, 15 Dec 2021 11:00:00 +0100"),
        ),
        item(
            &env,
            "Städtetag zum Katastrophenschutz",
            "/verband/presse.html",
            Some("Tue, 14 Dec 2021 09:00:00 +0100"),
        ),
        item(
            &env,
            "Außenministerin würdigt Völkerverständigung",
            "/aa/voelkerverstaendigung",
            Some("Sat, 11 Dec 2021 15:20:00 +0100"),
        ),
        item(
            &env,
            "Seite fehlt",
            "/fehlt.html",
            Some("Fri, 10 Dec 2021 08:00:00 +0100"),
        ),
        item(
            &env,
            "Riesige Seite",
            "/riesig.html",
            Some("Thu, 9 Dec 2021 08:00:00 +0100"),
        ),
        item(
            &env,
            "Jahresbericht als PDF",
            "/bericht.pdf",
            Some("Wed, 8 Dec 2021 08:00:00 +0100"),
        ),
        item(&env, "Meldung ohne Datum", "/undatiert.html", None),
    ];
    let feed = format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel><title>BMI</title>{}</channel></rss>", items.concat());
    s.route("/feed.xml", Reply::xml(feed));
    let html = |name: &str| {
        Reply::with_type(
            fixture(&format!("pages/{name}")),
            "text/html; charset=utf-8",
        )
    };
    s.route(
        "/SharedDocs/kurzmeldungen/DE/2021/12_meetup.html",
        html("gsb_ozg_meetup.html"),
    );
    s.route("/undatiert.html", html("gsb_ozg_meetup.html"));
    s.route(
        "/breg-de/aktuelles/digitalstrategie",
        html("bundesregierung_artikel.html"),
    );
    s.route("/verband/presse.html", html("unbekannt.html"));
    s.route(
        "/aa/voelkerverstaendigung",
        Reply::with_type(fixture("pages/aa_latin1.html"), "text/html"),
    );
    s.route("/fehlt.html", Reply::Status(404));
    s.route(
        "/riesig.html",
        Reply::with_type(
            format!(
                "<html><body><main><p>{}</p></main></body></html>",
                "Text ".repeat(10_000)
            ),
            "text/html",
        ),
    );
    s.route(
        "/bericht.pdf",
        Reply::with_type(b"%PDF-1.7 ...".to_vec(), "application/pdf"),
    );
    let globals = format!("full_text = true\npage_concurrency = 2\npage_delay_ms = {page_delay_ms}\nmax_page_bytes = 20000\n");
    env.write_config_with(&globals, &[("BMI Presse", "/feed.xml", Some("BMI"))]);
    // The feed's links point here (its pages are served here): here is BMI's own domain, or
    // `show` would note links that leave it.
    env.append_config("\n[[ministry]]\nname = \"BMI\"\ndomains = [\"127.0.0.1\"]\n");
    env
}

fn show(env: &TestEnv, title: &str) -> String {
    env.ok(&["show", &env.id_of(title).to_string()])
}

#[test]
fn page_topics_make_articles_findable_and_show_prints_clean_text() {
    let env = full_text_env(0);
    let run = env.run(&["fetch"]);
    assert_eq!(
        run.code, 0,
        "page failures do not fail the feed: {}",
        run.stderr
    );
    assert_eq!(run.stdout, "BMI Presse: 8 new, 0 updated\n");
    // The feed entry never says "Veranstaltung"; the page's Schwerpunktthema does.
    assert_eq!(
        env.titles(&["--topic", "Veranstaltung"]),
        ["Meldung ohne Datum", MEETUP]
    );
    let rows = env.list_json(&["--topic", "Veranstaltung", "--limit", "1"]);
    assert_eq!(rows[0]["kind"], "Meldung");
    assert_eq!(rows[0]["topics"], serde_json::json!(["Veranstaltung"]));
    // Words only in the page body are searchable too.
    assert_eq!(
        env.titles(&["--topic", "Nutzerfreundliche Verwaltungsleistungen"]),
        ["Meldung ohne Datum", MEETUP]
    );
    assert_eq!(
        env.titles(&["--topic", "Cell Broadcast"]),
        ["Städtetag zum Katastrophenschutz"]
    );

    let text = show(&env, MEETUP);
    assert!(text.contains("\nType:   Meldung\n"), "{text}");
    assert!(text.contains("\nTopics: Veranstaltung\n"), "{text}");
    assert!(!text.contains("Note:"), "{text}");
    assert!(
        text.contains("## Themen des Abends\n• Umsetzung des Onlinezugangsgesetzes (OZG)\n"),
        "{text}"
    );
    assert!(
        text.contains("[Bild: Teilnehmende des Meetups in einer Videokonferenz]"),
        "{text}"
    );
    assert!(text.contains("Zur Aufzeichnung des Meetups[2]"), "{text}");
    assert!(text.ends_with("Links:\n[1] http://127.0.0.1:PORT/Webs/OZG/DE/themen/ozg-infos/ozg-infos-node.html\n[2] https://www.youtube-nocookie.com/embed/ozg-meetup-2021\n".replace("PORT", &env.server.port.to_string()).as_str()), "{text}");
    for boilerplate in [
        "Springe",
        "Hauptmenü",
        "Startseite",
        "Facebook",
        "Drucken",
        "Cookies",
        "Impressum",
        "Typ:",
        "jsessionid",
    ] {
        assert!(!text.contains(boilerplate), "{boilerplate} in:\n{text}");
    }
    let latin1 = show(&env, "Außenministerin würdigt Völkerverständigung");
    assert!(
        latin1.contains("Type:   Pressemitteilung")
            && latin1.contains("Grüße gingen nach Düsseldorf und Mönchengladbach."),
        "{latin1}"
    );
    let breg = show(&env, "Kabinett beschließt Digitalstrategie");
    assert!(
        breg.contains("## Die wichtigsten Punkte\n1. Glasfaser für alle Haushalte\n"),
        "{breg}"
    );
}

#[test]
fn failed_pages_keep_the_teaser_and_say_why() {
    let env = full_text_env(0);
    env.run(&["fetch"]);
    let note = |title: &str| {
        show(&env, title)
            .lines()
            .find(|l| l.starts_with("Note:"))
            .map(str::to_owned)
            .unwrap_or_default()
    };
    assert_eq!(
        note("Seite fehlt"),
        "Note:   only the teaser is available: the article page could not be used: HTTP 404"
    );
    assert_eq!(note("Jahresbericht als PDF"), "Note:   only the teaser is available: the article page could not be used: not an HTML page (application/pdf)");
    assert_eq!(note("Riesige Seite"), "Note:   only the teaser is available: the article page could not be used: response larger than the 20000-byte limit (max_page_bytes)");
    assert!(
        show(&env, "Seite fehlt").contains("Kurzfassung: Seite fehlt"),
        "the teaser stays"
    );
    let json: serde_json::Value = serde_json::from_str(&env.ok(&[
        "show",
        &env.id_of("Seite fehlt").to_string(),
        "--format",
        "json",
    ]))
    .expect("json");
    assert_eq!(json["full_text"], false);
    // A full-text article: the reason is there as null, and paragraphs are not hard-wrapped.
    let full: serde_json::Value = serde_json::from_str(&env.ok(&[
        "show",
        &env.id_of(MEETUP).to_string(),
        "--format",
        "json",
    ]))
    .expect("json");
    assert_eq!(full["full_text"], true);
    assert!(
        full.as_object()
            .expect("object")
            .contains_key("teaser_only_reason")
            && full["teaser_only_reason"].is_null(),
        "{full}"
    );
    assert!(
        full["text"].as_str().expect("text").lines().any(|l| l
            == "Am 14. Dezember 2021 trafen sich rund 80 Nachwuchskräfte der öffentlichen Verwaltung digital mit Vertreterinnen und Vertretern des Bundesministeriums des Innern und für Heimat (BMI)."),
        "{}",
        full["text"]
    );
    assert_eq!(full["ministry"], "BMI");
    assert_eq!(
        json["teaser_only_reason"],
        "the article page could not be used: HTTP 404"
    );
    // A page date fills in for an item whose feed entry has none.
    let undated = env.list_json(&["--topic", "Meldung ohne Datum"]);
    assert_eq!(undated[0]["published"], "2021-12-16T12:00:00Z");
    // The next refresh neither fetches good pages again nor hammers failed ones.
    env.ok(&["fetch"]);
    assert_eq!(
        env.server
            .requests("/SharedDocs/kurzmeldungen/DE/2021/12_meetup.html")
            .len(),
        1
    );
    assert_eq!(env.server.requests("/fehlt.html").len(), 1);
}

#[test]
fn no_full_text_flag_and_per_feed_switch_skip_pages() {
    let env = full_text_env(0);
    env.ok(&["fetch", "--no-full-text"]);
    assert!(env.server.requests_under("/SharedDocs").is_empty());
    let note = show(&env, MEETUP);
    assert!(
        note.contains(
            "Note:   only the teaser is available: the article page has not been fetched yet"
        ),
        "{note}"
    );
    let config = std::fs::read_to_string(env.config_path()).expect("config");
    std::fs::write(
        env.config_path(),
        config.replace(
            "ministry = \"BMI\"",
            "ministry = \"BMI\"\nfull_text = false",
        ),
    )
    .expect("write");
    env.ok(&["fetch"]);
    assert!(
        env.server.requests_under("/SharedDocs").is_empty(),
        "per-feed full_text = false"
    );
    assert!(show(&env, MEETUP).contains("full text is off for this feed"));
}

#[test]
fn one_page_at_a_time_per_host_with_a_pause() {
    let env = full_text_env(150);
    env.ok(&["fetch"]);
    let pages: Vec<_> = env
        .server
        .requests_under("/")
        .into_iter()
        .filter(|r| r.path != "/feed.xml")
        .collect();
    assert_eq!(pages.len(), 8);
    for pair in pages.windows(2) {
        let gap = pair[1].at.duration_since(pair[0].at);
        assert!(
            gap.as_millis() >= 140,
            "{} then {} after {gap:?}",
            pair[0].path,
            pair[1].path
        );
    }
}

#[test]
fn retry_after_defers_the_rest_of_the_host() {
    let env = TestEnv::new();
    let items = [
        item(
            &env,
            "Erste",
            "/a.html",
            Some("Thu, 16 Dec 2021 10:00:00 +0100"),
        ),
        item(
            &env,
            "Zweite",
            "/b.html",
            Some("Wed, 15 Dec 2021 10:00:00 +0100"),
        ),
        item(
            &env,
            "Dritte",
            "/c.html",
            Some("Tue, 14 Dec 2021 10:00:00 +0100"),
        ),
    ];
    env.server.route(
        "/feed.xml",
        Reply::xml(format!(
            "<rss version=\"2.0\"><channel><title>T</title>{}</channel></rss>",
            items.concat()
        )),
    );
    env.server.route("/a.html", Reply::RetryAfter(429, 120));
    env.server.route(
        "/b.html",
        Reply::with_type(fixture("pages/unbekannt.html"), "text/html"),
    );
    env.write_config_with(
        "full_text = true\npage_delay_ms = 0\n",
        &[("Verband", "/feed.xml", None)],
    );
    env.ok(&["fetch"]);
    assert_eq!(env.server.requests("/a.html").len(), 1);
    assert!(
        env.server.requests("/b.html").is_empty() && env.server.requests("/c.html").is_empty(),
        "the host asked to wait"
    );
    assert!(show(&env, "Erste").contains("could not be used: HTTP 429 (retry after 120 s)"));
    // Next refresh: the deferred pages are fetched; the 429 one waits for its backoff.
    env.ok(&["fetch"]);
    assert_eq!(env.server.requests("/b.html").len(), 1);
    assert_eq!(env.server.requests("/a.html").len(), 1);
}

#[test]
fn an_unreachable_host_is_not_tried_page_by_page() {
    let env = TestEnv::new();
    let closed = closed_port();
    let items: String = (0..5)
        .map(|n| format!("<item><title>Meldung {n}</title><link>http://127.0.0.1:{closed}/{n}.html</link><guid>u{n}</guid></item>"))
        .collect();
    env.server.route(
        "/feed.xml",
        Reply::xml(format!(
            "<rss version=\"2.0\"><channel><title>T</title>{items}</channel></rss>"
        )),
    );
    env.write_config_with(
        "full_text = true\npage_delay_ms = 2000\n",
        &[("T", "/feed.xml", None)],
    );
    env.ok(&["fetch"]);
    let notes: Vec<String> = env
        .titles(&[])
        .iter()
        .map(|t| show(&env, t))
        .filter(|s| s.contains("could not be used"))
        .collect();
    assert_eq!(notes.len(), 1, "one attempt, the rest left for later");
}

#[test]
fn fetch_reports_failed_pages_and_show_says_what_the_page_lacked() {
    let env = TestEnv::new();
    let items = [
        item(
            &env,
            "Leere Seite",
            "/leer.html",
            Some("Mon, 3 Jan 2022 09:00:00 +0100"),
        ),
        item(
            &env,
            "Verschwundene Seite",
            "/weg.html",
            Some("Tue, 4 Jan 2022 09:00:00 +0100"),
        ),
    ];
    let feed = format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel><title>BMI</title>{}</channel></rss>", items.concat());
    env.server.route("/feed.xml", Reply::xml(feed));
    env.server.route(
        "/leer.html",
        Reply::with_type(
            "<html><body><nav><a href=\"/\">Start</a></nav></body></html>",
            "text/html",
        ),
    );
    env.server.route("/weg.html", Reply::Status(404));
    env.write_config_with(
        "full_text = true\npage_delay_ms = 0\n",
        &[("BMI Presse", "/feed.xml", None)],
    );
    // Not a terminal (as from cron): the page line is there because pages failed.
    let run = env.run(&["fetch"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, "BMI Presse: 2 new, 0 updated\n");
    assert_eq!(
        run.stderr,
        "full text: 0 pages fetched, 0 unchanged, 2 failed, 0 left for later; failed: 1, 2 (details: `amtsfeed show ID`)\n"
    );
    let shown = show(&env, "Leere Seite");
    assert!(
        shown.contains("the article page could not be used: no article text found on the page"),
        "{shown}"
    );
    assert!(show(&env, "Verschwundene Seite").contains("HTTP 404"));
}

#[test]
fn an_error_page_served_with_200_keeps_the_teaser_and_utf8_wins_over_latin1() {
    let env = TestEnv::new();
    let items = [
        item(
            &env,
            "Verschobene Pressemitteilung",
            "/verschoben.html",
            Some("Mon, 13 Mar 2023 09:00:00 +0100"),
        ),
        item(
            &env,
            "Bürgerdialog zur Straßenplanung",
            "/buergerdialog.html",
            Some("Tue, 14 Mar 2023 09:00:00 +0100"),
        ),
    ];
    // The feed, too, declares Latin-1 in its header and declaration and is UTF-8.
    let feed = format!("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss version=\"2.0\"><channel><title>Landesamt</title>{}</channel></rss>", items.concat());
    env.server.route(
        "/feed.xml",
        Reply::with_type(feed, "application/rss+xml; charset=ISO-8859-1"),
    );
    env.server.route(
        "/verschoben.html",
        Reply::with_type(fixture("pages/soft_404.html"), "text/html; charset=utf-8"),
    );
    env.server.route(
        "/buergerdialog.html",
        Reply::with_type(
            fixture("pages/utf8_declared_latin1.html"),
            "text/html; charset=ISO-8859-1",
        ),
    );
    env.write_config_with(
        "full_text = true\npage_delay_ms = 0\n",
        &[("Landesamt", "/feed.xml", None)],
    );
    let run = env.run(&["fetch"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stderr,
        "full text: 1 pages fetched, 0 unchanged, 1 failed, 0 left for later; failed: 1 (details: `amtsfeed show ID`)\n"
    );
    let id = env.id_of("Verschobene Pressemitteilung").to_string();
    let json: serde_json::Value =
        serde_json::from_str(&env.ok(&["show", &id, "--format", "json"])).expect("json");
    assert_eq!(json["full_text"], false);
    assert_eq!(
        json["teaser_only_reason"],
        "the article page could not be used: the page says it does not exist: \u{201c}Fehler 404 - Seite nicht gefunden - Bundesamt für Straßenwesen\u{201d}"
    );
    assert_eq!(
        json["text_plain"],
        "Kurzfassung: Verschobene Pressemitteilung"
    );
    // In German, the reason is German too.
    let german = env.ok_with_env(&[("LANG", "de_DE.UTF-8")], &["show", &id]);
    assert!(
        german.contains("die Seite meldet, dass es sie nicht gibt: \u{201e}Fehler 404"),
        "{german}"
    );

    let shown = show(&env, "Bürgerdialog zur Straßenplanung");
    assert!(
        shown.contains("Die Landesbehörde lädt Bürgerinnen und Bürger"),
        "{shown}"
    );
    assert!(!shown.contains('Ã'), "{shown}");
}
