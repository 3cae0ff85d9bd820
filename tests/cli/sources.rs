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
    assert!(run.stdout.contains("2 article(s) stored"), "{}", run.stdout);
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
