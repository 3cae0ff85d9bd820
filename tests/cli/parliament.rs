//! Parliament linked: the Drucksachen and Plenarprotokolle a release names, from its teaser,
//! its page and its links, shown with where to read them.

use crate::server::Reply;
use crate::util::TestEnv;

#[test]
fn a_release_naming_drucksachen_links_them_in_show_and_json() {
    let env = TestEnv::new();
    env.write_config_with(
        "full_text = true\npage_delay_ms = 0\n",
        &[("BMJV Presse", "/bmjv.xml", Some("BMJV"))],
    );
    let feed = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>BMJV</title>\
         <item><title>Bundestag verabschiedet Gesetz zur Stärkung der Strafjustiz</title>\
         <link>{}</link><guid>pm-7</guid>\
         <description>Der Bundestag hat den Gesetzentwurf der Bundesregierung (BT-Drs. 21/1234) \
         in der Fassung der Beschlussempfehlung angenommen.</description>\
         <pubDate>Fri, 13 Nov 2026 14:00:00 +0100</pubDate></item>\
         <item><title>Terminhinweis</title><link>{}</link><guid>pm-8</guid>\
         <description>Die Ministerin spricht am 21/11 um 10 Uhr.</description>\
         <pubDate>Thu, 12 Nov 2026 09:00:00 +0100</pubDate></item></channel></rss>",
        env.server.url("/pm-7.html"),
        env.server.url("/pm-8.html"),
    );
    env.server.route("/bmjv.xml", Reply::xml(feed.into_bytes()));
    let page = "<!DOCTYPE html><html lang=\"de\"><head><title>BMJV</title></head><body><main><article>\
        <h1>Bundestag verabschiedet Gesetz zur Stärkung der Strafjustiz</h1>\
        <p>Der Bundesrat hatte zum Entwurf Stellung genommen (Drucksache 512/25 (Bundesrat)). \
        Die Beratung ist im Plenarprotokoll 21/45 nachzulesen.</p>\
        <p>Zum <a href=\"https://dip.bundestag.de/vorgang/gesetz-zur-st%C3%A4rkung-der-strafjustiz/312345\">Vorgang im DIP</a> \
        und zur <a href=\"https://dserver.bundestag.de/btd/21/013/2101399.pdf\">Beschlussempfehlung</a>.</p>\
        </article></main></body></html>";
    for path in ["/pm-7.html", "/pm-8.html"] {
        env.server.route(
            path,
            Reply::with_type(page.as_bytes().to_vec(), "text/html; charset=utf-8"),
        );
    }
    assert_eq!(env.run(&["fetch"]).code, 0);
    let id = env
        .id_of("Bundestag verabschiedet Gesetz zur Stärkung der Strafjustiz")
        .to_string();
    let show = env.ok(&["show", &id]);
    for expected in [
        "DIP:      BT-Drucksache 21/1234 https://dserver.bundestag.de/btd/21/012/2101234.pdf",
        "DIP:      BT-Drucksache 21/1399 https://dserver.bundestag.de/btd/21/013/2101399.pdf",
        "DIP:      BR-Drucksache 512/25 https://dserver.bundestag.de/brd/2025/0512-25.pdf",
        "DIP:      Plenarprotokoll 21/45 https://dserver.bundestag.de/btp/21/21045.pdf",
        "DIP:      DIP-Vorgang 312345 https://dip.bundestag.de/vorgang/-/312345",
    ] {
        assert!(
            show.lines()
                .any(|l| l.starts_with(&expected[..8]) && l.ends_with(&expected[10..])),
            "{expected}\n{show}"
        );
    }
    let json: serde_json::Value =
        serde_json::from_str(&env.ok(&["show", &id, "--format", "json"])).expect("json");
    let refs = json["references"].as_array().expect("references");
    assert_eq!(refs.len(), 5, "{refs:?}");
    assert_eq!(refs[0]["kind"], "bt_drucksache");
    assert_eq!(refs[0]["number"], "21/1234");
    // "am 21/11" is a date, not a Drucksache: the other release names none (its page is the
    // same here, so only its own teaser is compared: it is found from the page).
    let other = env.id_of("Terminhinweis").to_string();
    let other_json: serde_json::Value =
        serde_json::from_str(&env.ok(&["show", &other, "--format", "json"])).expect("json");
    let other_refs = other_json["references"].as_array().expect("references");
    assert!(
        !other_refs.iter().any(|r| r["number"] == "21/11"),
        "{other_refs:?}"
    );
}

/// A DIP answering as the documented API does (our own JSON in its shapes), on the fixture
/// server: the Drucksache, its Vorgang, and the Vorgang's steps over two cursor pages.
fn serve_dip(env: &TestEnv) {
    let json =
        |v: serde_json::Value| Reply::with_type(v.to_string().into_bytes(), "application/json");
    let s = &env.server;
    s.route(
        "/api/v1/drucksache?f.dokumentnummer=21%2F1234",
        json(serde_json::json!({"numFound": 2, "cursor": "d1", "documents": [
            {"id": "290002", "dokumentnummer": "21/1234", "herausgeber": "BR", "titel": "Anderes"},
            {"id": "290001", "dokumentnummer": "21/1234", "herausgeber": "BT", "drucksachetyp": "Gesetzentwurf",
             "datum": "2026-10-02", "titel": "Entwurf eines Gesetzes zur Stärkung der Strafjustiz",
             "ressort": [{"titel": "Bundesministerium der Justiz und für Verbraucherschutz", "federfuehrend": true}],
             "vorgangsbezug": [{"id": "312345", "titel": "Gesetz zur Stärkung der Strafjustiz", "vorgangstyp": "Gesetzgebung"}]}
        ]})),
    );
    s.route(
        "/api/v1/drucksache?f.dokumentnummer=21%2F1234&cursor=d1",
        json(serde_json::json!({"numFound": 2, "cursor": "d1", "documents": []})),
    );
    s.route(
        "/api/v1/vorgang?f.id=312345",
        json(serde_json::json!({"numFound": 1, "cursor": "v1", "documents": [
            {"id": "312345", "titel": "Gesetz zur Stärkung der Strafjustiz", "vorgangstyp": "Gesetzgebung",
             "beratungsstand": "Beschlussempfehlung liegt vor", "initiative": ["Bundesregierung"]}
        ]})),
    );
    s.route(
        "/api/v1/vorgang?f.id=312345&cursor=v1",
        json(serde_json::json!({"numFound": 1, "cursor": "v1", "documents": []})),
    );
    s.route(
        "/api/v1/vorgangsposition?f.vorgang=312345",
        json(serde_json::json!({"numFound": 3, "cursor": "p1", "documents": [
            {"vorgangsposition": "Gesetzentwurf", "datum": "2026-10-02", "zuordnung": "BT", "fundstelle": {"dokumentnummer": "21/1234"}},
            {"vorgangsposition": "1. Beratung", "datum": "2026-10-16", "zuordnung": "BT", "fundstelle": {"dokumentnummer": "21/45"}}
        ]})),
    );
    s.route(
        "/api/v1/vorgangsposition?f.vorgang=312345&cursor=p1",
        json(serde_json::json!({"numFound": 3, "cursor": "p2", "documents": [
            {"vorgangsposition": "Beschlussempfehlung und Bericht", "datum": "2026-11-11", "zuordnung": "BT", "fundstelle": {"dokumentnummer": "21/1399"}}
        ]})),
    );
    s.route(
        "/api/v1/vorgangsposition?f.vorgang=312345&cursor=p2",
        json(serde_json::json!({"numFound": 3, "cursor": "p2", "documents": []})),
    );
}

fn env_with_dip(key: &str) -> TestEnv {
    let env = TestEnv::new();
    let dip = env.server.url("/api/v1");
    env.write_config_with(
        &format!("full_text = false\ndip_api_key = \"{key}\"\ndip_api_url = \"{dip}\"\n"),
        &[("BMJV Presse", "/bmjv.xml", Some("BMJV"))],
    );
    let feed = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>BMJV</title>\
         <item><title>Strafjustiz: Beschlussempfehlung liegt vor</title><link>{}</link><guid>pm-9</guid>\
         <description>Zum Gesetzentwurf der Bundesregierung (BT-Drs. 21/1234) liegt die Beschlussempfehlung vor.</description>\
         <pubDate>{}</pubDate></item></channel></rss>",
        env.server.url("/pm-9.html"),
        chrono::Utc::now().format("%a, %d %b %Y %H:%M:%S +0000"),
    );
    env.server.route("/bmjv.xml", Reply::xml(feed.into_bytes()));
    env
}

#[test]
fn with_a_dip_key_a_release_shows_its_process_and_stage() {
    let env = env_with_dip("geheim");
    serve_dip(&env);
    let run = env.run(&["fetch"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stderr, "", "nothing to say from cron");
    let asked = env.server.requests_under("/api/v1");
    // The Drucksache, its Vorgang, its steps (two cursor pages, then all are read): one at a
    // time, with the key.
    assert_eq!(
        asked.len(),
        4,
        "{:?}",
        asked.iter().map(|s| &s.path).collect::<Vec<_>>()
    );
    assert!(asked
        .iter()
        .all(|s| s.headers.get("authorization").map(String::as_str) == Some("ApiKey geheim")));
    let id = env
        .id_of("Strafjustiz: Beschlussempfehlung liegt vor")
        .to_string();
    let show = env.ok_with_env(&[("LANG", "de_DE.UTF-8")], &["show", &id]);
    assert!(
        show.contains("Vorgang „Gesetz zur Stärkung der Strafjustiz“: Beschlussempfehlung liegt vor · zuletzt Beschlussempfehlung und Bericht (2026-11-11) https://dip.bundestag.de/vorgang/-/312345"),
        "{show}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&env.ok(&["show", &id, "--format", "json"])).expect("json");
    let process = &json["processes"][0];
    assert_eq!(process["stage"], "Beschlussempfehlung liegt vor");
    assert_eq!(process["steps"].as_array().map(Vec::len), Some(3));
    assert_eq!(process["initiative"][0], "Bundesregierung");
    // A refresh right after asks DIP nothing: what it said stands for the interval.
    env.run(&["fetch"]);
    assert_eq!(env.server.requests_under("/api/v1").len(), 4);
}

#[test]
fn a_refused_key_or_a_request_to_wait_is_one_line_and_no_failed_fetch() {
    let env = env_with_dip("falsch");
    env.server.route(
        "/api/v1/drucksache?f.dokumentnummer=21%2F1234",
        Reply::Status(401),
    );
    let run = env.run_with_env(&[("LANG", "de_DE.UTF-8")], &["fetch"]);
    assert_eq!(run.code, 0, "the feeds were fetched: {}", run.stderr);
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("DIP lehnt den Schlüssel ab (HTTP 401)"),
        "{}",
        run.stderr
    );
    // Without an answer, the reference is still a link.
    let id = env
        .id_of("Strafjustiz: Beschlussempfehlung liegt vor")
        .to_string();
    assert!(env
        .ok(&["show", &id])
        .contains("BT-Drucksache 21/1234 https://dserver.bundestag.de/btd/21/012/2101234.pdf"));
    // DIP asks to wait: said once, the lookups stop, nothing else is asked.
    env.server.route(
        "/api/v1/drucksache?f.dokumentnummer=21%2F1234",
        Reply::RetryAfter(429, 120),
    );
    let before = env.server.requests_under("/api/v1").len();
    let run = env.run(&["fetch"]);
    assert_eq!(run.code, 0);
    assert!(
        run.stderr.contains("DIP asks to wait (120 s)"),
        "{}",
        run.stderr
    );
    assert_eq!(env.server.requests_under("/api/v1").len(), before + 1);
}

/// The number of DIP requests for 100 referenced Drucksachen of 100 processes: one per
/// Drucksache, one per 50 processes, one per process's steps.
#[test]
fn a_hundred_drucksachen_take_two_hundred_and_two_requests() {
    let env = TestEnv::new();
    let dip = env.server.url("/api/v1");
    env.write_config_with(
        &format!("full_text = false\ndip_api_key = \"k\"\ndip_api_url = \"{dip}\"\n"),
        &[("BMJV Presse", "/bmjv.xml", Some("BMJV"))],
    );
    let now = chrono::Utc::now();
    let mut items = String::new();
    for n in 1..=100 {
        items.push_str(&format!(
            "<item><title>Meldung {n}</title><link>https://www.bmjv.de/{n}.html</link><guid>m{n}</guid>\
             <description>Siehe Drucksache 21/{n}.</description><pubDate>{}</pubDate></item>",
            (now - chrono::Duration::minutes(n)).format("%a, %d %b %Y %H:%M:%S +0000")
        ));
    }
    env.server.route(
        "/bmjv.xml",
        Reply::xml(
            format!("<rss version=\"2.0\"><channel><title>BMJV</title>{items}</channel></rss>")
                .into_bytes(),
        ),
    );
    let json =
        |v: serde_json::Value| Reply::with_type(v.to_string().into_bytes(), "application/json");
    for n in 1..=100 {
        env.server.route(
            &format!("/api/v1/drucksache?f.dokumentnummer=21%2F{n}"),
            json(serde_json::json!({"numFound": 1, "cursor": "x", "documents": [
                {"id": n, "dokumentnummer": format!("21/{n}"), "herausgeber": "BT", "titel": format!("Drucksache {n}"),
                 "vorgangsbezug": [{"id": format!("{}", 400_000 + n)}]}]})),
        );
        env.server.route(
            &format!("/api/v1/vorgangsposition?f.vorgang={}", 400_000 + n),
            json(
                serde_json::json!({"numFound": 1, "cursor": "y", "documents": [
                {"vorgangsposition": "Gesetzentwurf", "datum": "2026-10-02"}]}),
            ),
        );
    }
    for chunk in (1..=100).collect::<Vec<u32>>().chunks(50) {
        let ids: Vec<String> = chunk.iter().map(|n| format!("{}", 400_000 + n)).collect();
        let query: Vec<String> = ids.iter().map(|id| format!("f.id={id}")).collect();
        let documents: Vec<serde_json::Value> = ids
            .iter()
            .map(|id| serde_json::json!({"id": id, "titel": format!("Vorgang {id}"), "beratungsstand": "Noch nicht beraten"}))
            .collect();
        env.server.route(
            &format!("/api/v1/vorgang?{}", query.join("&")),
            json(serde_json::json!({"numFound": 50, "cursor": "z", "documents": documents})),
        );
    }
    let run = env.run(&["fetch"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stderr, "");
    assert_eq!(env.server.requests_under("/api/v1").len(), 202);
    let id = env.id_of("Meldung 42").to_string();
    assert!(env
        .ok(&["show", &id])
        .contains("process \"Vorgang 400042\": Noch nicht beraten"));
}

/// The process list, `beratungsstand:`, and an alert when a process moves on.
#[test]
fn processes_are_listed_found_by_stage_and_announced_when_they_move_on() {
    let env = env_with_dip("geheim");
    env.append_config(
        "\n[[filter]]\nname = \"Justiz\"\nquery = \"Strafjustiz\"\nnotify_changes = true\n",
    );
    serve_dip(&env);
    assert_eq!(env.run(&["fetch"]).code, 0);
    let list = env.ok_with_env(&[("LANG", "de_DE.UTF-8")], &["processes"]);
    assert!(
        list.starts_with("Vorgang „Gesetz zur Stärkung der Strafjustiz“: Beschlussempfehlung liegt vor · zuletzt Beschlussempfehlung und Bericht (2026-11-11)  (1 Artikel)\n    https://dip.bundestag.de/vorgang/-/312345"),
        "{list}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&env.ok(&["processes", "--format", "json"])).expect("json");
    assert_eq!(json[0]["articles"], 1);
    assert_eq!(
        env.titles(&["-q", "beratungsstand:beschlussempfehlung"]),
        ["Strafjustiz: Beschlussempfehlung liegt vor"]
    );
    assert!(env.titles(&["-q", "beratungsstand:verkündet"]).is_empty());
    // The Bundestag adopts the bill: once the interval has passed (here: an interval of one
    // minute, and the check made to look older), the process is asked about again.
    let config = std::fs::read_to_string(env.config_path()).expect("config");
    std::fs::write(
        env.config_path(),
        format!("refresh_interval_minutes = 1\n{config}"),
    )
    .expect("config");
    let db = env.data_dir().join("amtsfeed.db");
    let conn = rusqlite::Connection::open(&db).expect("db");
    conn.execute("UPDATE dip_processes SET checked_at = checked_at - 600", [])
        .expect("older");
    drop(conn);
    let json =
        |v: serde_json::Value| Reply::with_type(v.to_string().into_bytes(), "application/json");
    let since = env.server.requests_under("/api/v1/vorgang?").len();
    assert_eq!(since, 1);
    // Only changed processes come back for f.aktualisiert.start; the route takes any start.
    let answer = json(
        serde_json::json!({"numFound": 1, "cursor": "v2", "documents": [
        {"id": "312345", "titel": "Gesetz zur Stärkung der Strafjustiz", "vorgangstyp": "Gesetzgebung",
         "beratungsstand": "Verabschiedet", "initiative": ["Bundesregierung"]}]}),
    );
    env.server
        .route_prefix("/api/v1/vorgang?f.id=312345&f.aktualisiert.start=", answer);
    let run = env.run(&["fetch"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .ends_with("Justiz: 1 match with a new stage in parliament\n"),
        "{}",
        run.stdout
    );
    assert_eq!(
        env.titles(&["-q", "beratungsstand:verabschiedet"]),
        ["Strafjustiz: Beschlussempfehlung liegt vor"]
    );
}
