//! Markup built to exhaust the parsers: pages and teasers nested thousands deep, millions of
//! unclosed tags. Each is flattened to a bounded depth and read; nothing aborts, and every
//! other article still arrives.

use crate::server::Reply;
use crate::util::TestEnv;

fn item(env: &TestEnv, title: &str, path: &str, description: &str) -> String {
    format!(
        "<item><title>{title}</title><link>{}</link><guid>{path}</guid><description>{}</description><pubDate>Mon, 16 Nov 2026 10:00:00 +0100</pubDate></item>",
        env.server.url(path),
        description.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;"),
    )
}

fn feed(items: &[String]) -> String {
    format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel><title>BSI</title>{}</channel></rss>", items.concat())
}

fn page(body: &str) -> Reply {
    Reply::with_type(
        format!("<!DOCTYPE html><html><head><title>Seite</title></head><body><main>{body}</main></body></html>"),
        "text/html; charset=utf-8",
    )
}

fn show(env: &TestEnv, title: &str) -> String {
    env.ok(&["show", &env.id_of(title).to_string()])
}

/// 10,000 nested `<div>`s overflowed the stack of the page fetcher (exit 134 on every fetch,
/// so no page after it was ever stored).
#[test]
fn a_page_nested_ten_thousand_deep_is_read_and_the_other_pages_still_come() {
    let env = TestEnv::new();
    let nested = format!(
        "{}<p>Kern der Meldung über Cybersicherheit.</p>{}",
        "<div>".repeat(10_000),
        "</div>".repeat(10_000)
    );
    env.server.route("/nested.html", page(&nested));
    env.server.route(
        "/normal.html",
        page("<p>Das BSI warnt vor einer Schwachstelle in Routern für Privathaushalte.</p>"),
    );
    env.server.route(
        "/feed.xml",
        Reply::xml(feed(&[
            item(&env, "Verschachtelte Seite", "/nested.html", "Kurz"),
            item(&env, "Warnung vor Schwachstelle", "/normal.html", "Kurz"),
        ])),
    );
    env.write_config_with(
        "full_text = true\npage_delay_ms = 0\nmax_page_bytes = 500000\n",
        &[("BSI", "/feed.xml", None)],
    );
    for _ in 0..2 {
        let run = env.run(&["fetch"]);
        assert_eq!(run.code, 0, "{}", run.stderr);
    }
    let normal = show(&env, "Warnung vor Schwachstelle");
    assert!(
        normal.contains("Das BSI warnt vor einer Schwachstelle in Routern"),
        "{normal}"
    );
    let nested = show(&env, "Verschachtelte Seite");
    assert!(
        nested.contains("Kern der Meldung über Cybersicherheit."),
        "{nested}"
    );
    assert!(!nested.contains("Note:"), "the page was used: {nested}");
}

/// Escaped `<ul><li>` nested 30,000 deep in a description took 20 s per fetch and 89 s per
/// `show`; the depth bound makes it as quick as any teaser (the command timeout of the test
/// environment is far below what the unbounded parse needed).
#[test]
fn a_teaser_of_deeply_nested_lists_and_unclosed_tags_is_read_quickly() {
    let env = TestEnv::new();
    let lists = format!(
        "{}Tiefster Punkt{}",
        "<ul><li>Ebene ".repeat(30_000),
        "</li></ul>".repeat(30_000)
    );
    let bold = format!("{}Fettdruck ohne Ende", "<b>".repeat(300_000));
    env.server.route(
        "/feed.xml",
        Reply::xml(feed(&[
            item(&env, "Listen", "/l.html", &lists),
            item(&env, "Fett", "/f.html", &bold),
            item(
                &env,
                "Gewöhnlich",
                "/g.html",
                "<p>Ein <b>gewöhnlicher</b> Anreißer.</p>",
            ),
        ])),
    );
    env.write_config_with(
        "full_text = false\nmax_feed_bytes = 5000000\n",
        &[("BSI", "/feed.xml", None)],
    );
    env.ok(&["fetch"]);
    env.ok(&["fetch"]);
    let lists = show(&env, "Listen");
    assert!(lists.contains("Tiefster Punkt"), "{lists}");
    assert!(show(&env, "Fett").contains("Fettdruck ohne Ende"));
    assert!(show(&env, "Gewöhnlich").contains("Ein gewöhnlicher Anreißer."));
    let found = env.titles(&["--topic", "Tiefster Punkt"]);
    assert_eq!(found, ["Listen"]);
}
