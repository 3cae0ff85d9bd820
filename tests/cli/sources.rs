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
