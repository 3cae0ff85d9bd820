//! Every federal source (#23): press listing pages as sources.

use crate::server::Reply;
use crate::util::{fixture, TestEnv};

fn listing_env() -> TestEnv {
    let env = TestEnv::new();
    let page = fixture("listings/typo3_category.html");
    env.server.route(
        "/presse/pressemitteilungen",
        Reply::Ok {
            body: page,
            content_type: "text/html; charset=utf-8".into(),
            etag: Some("\"liste-1\"".into()),
        },
    );
    env.server.route(
        "/ministerien",
        Reply::with_type(
            r#"<html><body><main><div class="tile"><a href="/ministerien/bmi">Bundesministerium des Innern</a></div>
            <div class="tile"><a href="/ministerien/aa">Auswärtiges Amt</a></div></main></body></html>"#,
            "text/html; charset=utf-8",
        ),
    );
    env.write_config(&[]);
    env
}

#[test]
fn a_press_listing_without_a_feed_is_added_and_read_as_one() {
    let env = listing_env();
    let url = env.server.url("/presse/pressemitteilungen");
    let run = env.run(&["add", &url, "--name", "Gesundheit Presse"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("added as a listing page (listing = true)"),
        "{}",
        run.stderr
    );
    assert!(run.stdout.contains("2 articles stored"), "{}", run.stdout);
    let config = std::fs::read_to_string(env.config_path()).expect("config");
    assert!(config.contains("listing = true"), "{config}");
    // Its teasers are items: headline, link, type, day, teaser text; the page's first first.
    let rows = env.list_json(&[]);
    let seen: Vec<(&str, &str, &str)> = rows
        .iter()
        .map(|r| {
            (
                r["title"].as_str().expect("title"),
                r["kind"].as_str().unwrap_or(""),
                &r["published"].as_str().expect("date")[..10],
            )
        })
        .collect();
    assert_eq!(
        seen,
        [
            (
                "Kabinett beschließt Pflegereform",
                "Pressemitteilung",
                "2026-09-30"
            ),
            (
                "Finanzentwicklung der GKV im 1. Halbjahr 2026",
                "Pressemitteilung",
                "2026-09-04"
            ),
        ]
    );
    assert_eq!(
        rows[0]["link"],
        env.server
            .url("/presse/pressemitteilungen/kabinett-beschliesst-pflegereform")
    );
    assert!(rows[0]["summary"]
        .as_str()
        .expect("teaser")
        .starts_with("Minister: „Gute Pflege"));
    assert_eq!(rows[0]["date_unknown"], false);
    // Fetched like a feed: conditional GET, one line.
    let run = env.run(&["fetch"]);
    assert_eq!(
        run.stdout.trim(),
        "Gesundheit Presse: not modified",
        "{}",
        run.stderr
    );
    assert_eq!(env.list_json(&[]).len(), 2);
}

#[test]
fn a_web_page_that_neither_announces_a_feed_nor_lists_dated_articles_is_refused() {
    let env = listing_env();
    let run = env.run(&["add", &env.server.url("/ministerien")]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains(
            "not added: this is a web page that announces no feed and lists no dated articles"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn the_catalogue_lists_every_federal_source_with_its_evidence() {
    let env = TestEnv::new();
    env.write_config(&[]);
    let out = env.ok(&["sources"]);
    for expected in [
        "Bundesministerien",
        "Parlament",
        "Gerichte und Gesetzblatt",
        "Bundesbehörden",
        "bundestag-hib",
        "bgbl-1",
        "bverfg",
        "bundespraesident",
        "BMAS Meldungen",
        "V 2026-10-02",
        "To add one: amtsfeed add ID",
    ] {
        assert!(out.contains(expected), "{expected} missing in:\n{out}");
    }
    // As JSON, with the evidence in words and where it was seen.
    let json: Vec<serde_json::Value> =
        serde_json::from_str(&env.ok(&["sources", "--group", "Parlament", "--format", "json"]))
            .expect("json");
    assert!(json.iter().all(|s| s["group"] == "Parlament"));
    let hib = json
        .iter()
        .find(|s| s["id"] == "bundestag-hib")
        .expect("hib");
    assert_eq!(hib["evidence"], "C");
    assert_eq!(hib["evidence_text"], "seen in code only");
    assert_eq!(hib["configured"], false);
    assert!(hib["via"].as_str().is_some_and(|v| !v.is_empty()));
}

#[test]
fn a_catalogue_source_is_added_by_its_id() {
    let env = TestEnv::new();
    env.write_config(&[]);
    let run = env.run(&["add", "bundestag-hib", "--no-check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("seen in code only"), "{}", run.stderr);
    let config = std::fs::read_to_string(env.config_path()).expect("config");
    assert!(
        config.contains("name = \"Bundestag: heute im bundestag\"")
            && config.contains("ministry = \"Bundestag\"")
            && config
                .contains("url = \"https://www.bundestag.de/static/appdata/includes/rss/hib.rss\""),
        "{config}"
    );
    // Now marked as configured; a listing source keeps its mark.
    assert!(env
        .ok(&["sources", "--group", "Parlament"])
        .contains("✓ bundestag-hib"));
    env.ok(&["add", "bmvg-presse", "--no-check"]);
    let config = std::fs::read_to_string(env.config_path()).expect("config");
    assert!(config.contains("listing = true"), "{config}");
}

#[test]
fn a_fresh_install_lists_every_federal_ministry() {
    let env = TestEnv::new();
    // No config at all (a home without one): the bundled one.
    let home = env.dir.path().join("home");
    let feeds = std::process::Command::new(env!("CARGO_BIN_EXE_amtsfeed"))
        .arg("--data-dir")
        .arg(env.data_dir())
        .arg("feeds")
        .env("HOME", &home)
        .env("XDG_CONFIG_HOME", home.join(".config"))
        .env("LANG", "C.UTF-8")
        .env_remove("AMTSFEED_CONFIG")
        .env_remove("AMTSFEED_DATA_DIR")
        .output()
        .expect("feeds");
    let out = String::from_utf8_lossy(&feeds.stdout).into_owned();
    for ministry in [
        "BMI",
        "AA",
        "BMF",
        "BMWE",
        "BMFTR",
        "BMJV",
        "BMBFSFJ",
        "BMAS",
        "BMDS",
        "BMV",
        "BMUKN",
        "BMG",
        "BMLEH",
        "BMVg",
        "BMZ",
        "BMWSB",
        "Bundesregierung",
        "Bundeskanzler",
        "BKM",
    ] {
        assert!(out.contains(ministry), "{ministry} missing in:\n{out}");
    }
}

/// The BMI fixture feed, and a config with it as "BMI Presse" at `path`.
fn env_with_bmi_at(path: &str) -> TestEnv {
    let env = TestEnv::new();
    env.server
        .route("/neu/bmi.xml", Reply::xml(fixture("feeds/gsb_bmi.xml")));
    env.write_config(&[("BMI Presse", path, Some("BMI"))]);
    env
}

#[test]
fn a_permanent_redirect_is_remembered_and_said_once() {
    let env = env_with_bmi_at("/alt/bmi.xml");
    env.server.route(
        "/alt/bmi.xml",
        Reply::Redirect(env.server.url("/neu/bmi.xml")),
    );
    let first = env.run(&["fetch"]);
    assert_eq!(first.stdout.trim(), "BMI Presse: 3 new, 0 updated");
    let moved = env.server.url("/neu/bmi.xml");
    // Said where people look (`feeds`, the log; at a terminal `fetch` too): stderr from
    // cron keeps to one line per failure.
    assert_eq!(first.stderr, "");
    let note = format!(
        "BMI Presse: moved permanently to {moved}; fetched from there from now on (`amtsfeed move 'BMI Presse' {moved}` writes it into the config)"
    );
    assert!(env.ok(&["feeds"]).contains(&note), "{}", env.ok(&["feeds"]));
    let log = std::fs::read_to_string(env.data_dir().join("amtsfeed.log")).unwrap_or_default();
    assert!(log.contains("feed moved permanently"), "{log}");
    // The next refresh asks the new address directly, and says nothing about it again.
    let second = env.run(&["fetch"]);
    assert_eq!(env.server.requests("/alt/bmi.xml").len(), 1);
    assert_eq!(env.server.requests("/neu/bmi.xml").len(), 2);
    assert!(!second.stderr.contains("moved"), "{}", second.stderr);
    // Adopted into the config with the one command: articles and read state stay.
    let id = env.id_of("Maßnahmenpaket gegen Cyberangriffe auf Kommunen beschlossen");
    env.ok(&["read", &id.to_string()]);
    let out = env.ok(&["move", "bmi presse", &moved]);
    assert!(
        out.starts_with(&format!("'BMI Presse' now reads {moved}")),
        "{out}"
    );
    let config = std::fs::read_to_string(env.config_path()).expect("config");
    assert!(config.contains(&format!("url = \"{moved}\"")), "{config}");
    env.run(&["fetch"]);
    let rows = env.list_json(&["--feed", "BMI Presse"]);
    assert_eq!(rows.len(), 3, "no article twice: {rows:#?}");
    assert!(rows.iter().any(|r| r["id"] == id && r["read"] == true));
    let doctor = env.ok(&["doctor"]);
    assert!(doctor.contains(", 1 feed, 3 articles"), "{doctor}");
    assert!(!doctor.contains("no longer configured"), "{doctor}");
}

#[test]
fn a_temporary_redirect_is_followed_but_not_remembered() {
    let env = env_with_bmi_at("/heute/bmi.xml");
    env.server.route(
        "/heute/bmi.xml",
        Reply::Found(env.server.url("/neu/bmi.xml")),
    );
    let run = env.run(&["fetch"]);
    assert_eq!(run.stdout.trim(), "BMI Presse: 3 new, 0 updated");
    assert!(!run.stderr.contains("moved"), "{}", run.stderr);
    env.run(&["fetch"]);
    assert_eq!(env.server.requests("/heute/bmi.xml").len(), 2);
}

#[test]
fn a_feed_whose_url_changes_in_the_config_keeps_its_articles() {
    let env = env_with_bmi_at("/neu/bmi.xml");
    env.server.route(
        "/noch-neuer/bmi.xml",
        Reply::xml(fixture("feeds/gsb_bmi.xml")),
    );
    env.run(&["fetch"]);
    let id = env.id_of("Maßnahmenpaket gegen Cyberangriffe auf Kommunen beschlossen");
    env.ok(&["star", &id.to_string()]);
    // The user edits the URL by hand.
    let config = std::fs::read_to_string(env.config_path()).expect("config");
    std::fs::write(
        env.config_path(),
        config.replace("/neu/bmi.xml", "/noch-neuer/bmi.xml"),
    )
    .expect("write");
    let run = env.run(&["fetch"]);
    assert_eq!(
        run.stdout.trim(),
        "BMI Presse: 0 new, 0 updated",
        "{}",
        run.stderr
    );
    let rows = env.list_json(&["--feed", "BMI Presse"]);
    assert_eq!(rows.len(), 3, "{rows:#?}");
    assert!(rows.iter().any(|r| r["id"] == id && r["starred"] == true));
    let feeds = env.ok(&["feeds"]);
    assert!(feeds.contains("3/3") || feeds.contains(" 3 "), "{feeds}");
    assert!(env.ok(&["doctor"]).contains(", 1 feed, 3 articles"));
}

#[test]
fn a_gone_feed_names_the_feed_its_site_announces_now() {
    let env = env_with_bmi_at("/weg/bmi.xml");
    // The site's home page announces the feed's new address; the old one answers 404.
    env.server.route(
        "/",
        Reply::with_type(
            r#"<html><head><link rel="alternate" type="application/rss+xml" href="/neu/bmi.xml" title="Pressemitteilungen"></head><body>Startseite</body></html>"#,
            "text/html; charset=utf-8",
        ),
    );
    let run = env.run(&["fetch"]);
    let moved = env.server.url("/neu/bmi.xml");
    let line = format!(
        "BMI Presse: error: HTTP 404; the feed may have moved to {moved}: amtsfeed move 'BMI Presse' {moved}"
    );
    assert!(run.stderr.contains(&line), "{}", run.stderr);
    assert!(env
        .ok(&["feeds"])
        .contains(&format!("may have moved to {moved}")));
    // A web page where the feed was, announcing the feed itself.
    env.server.route(
        "/weg/bmi.xml",
        Reply::with_type(
            r#"<html><head><link rel="alternate" type="application/atom+xml" href="/neu/bmi.xml"></head><body>Presse</body></html>"#,
            "text/html",
        ),
    );
    let run = env.run(&["fetch"]);
    assert!(
        run.stderr.contains(&format!(
            "(looks like an HTML page); the feed may have moved to {moved}"
        )),
        "{}",
        run.stderr
    );
    // Adopting it works.
    env.ok(&["move", "BMI Presse", &moved]);
    assert_eq!(
        env.run(&["fetch"]).stdout.trim(),
        "BMI Presse: 3 new, 0 updated"
    );
}

#[test]
fn a_feed_behind_a_cookie_and_a_redirect_is_read() {
    let env = TestEnv::new();
    env.server.route(
        "/rss/feeds/rss_bgbl-1.xml",
        Reply::CookieGate {
            cookie: "AL_LB-S=7c2a".into(),
            body: fixture("feeds/gsb_bmi.xml"),
        },
    );
    env.write_config(&[("BGBl I", "/rss/feeds/rss_bgbl-1.xml", None)]);
    let run = env.run(&["fetch"]);
    assert_eq!(
        run.stdout.trim(),
        "BGBl I: 3 new, 0 updated",
        "{}",
        run.stderr
    );
}
