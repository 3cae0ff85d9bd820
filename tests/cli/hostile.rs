//! Untrusted feeds and broken servers: each feed fails alone with one line or is imported
//! with the dangerous parts removed; nothing hangs; nothing reaches the terminal raw.

use std::io::Write;

use crate::server::Reply;
use crate::util::TestEnv;

fn rss(items: &str) -> String {
    format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel><title>Feed</title><link>https://www.bmi.bund.de/</link>{items}</channel></rss>")
}

fn gzip_bomb() -> Vec<u8> {
    // 30 MB of spaces inside a valid feed start compress to about 30 KB.
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder
        .write_all(b"<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>")
        .expect("gzip");
    let spaces = vec![b' '; 1 << 20];
    for _ in 0..30 {
        encoder.write_all(&spaces).expect("gzip");
    }
    encoder.finish().expect("gzip")
}

/// The classic "billion laughs": nine levels of ten references each, so `&lol9;` would
/// expand to 10^9 × "lol" (3 GB) if any parser expanded it.
fn billion_laughs() -> String {
    let mut entities = String::from(" <!ENTITY lol \"lol\">\n");
    for level in 2..=9 {
        let previous = if level == 2 {
            "lol".to_owned()
        } else {
            format!("lol{}", level - 1)
        };
        entities.push_str(&format!(
            " <!ENTITY lol{level} \"{}\">\n",
            format!("&{previous};").repeat(10)
        ));
    }
    format!("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n{entities}]>\n<rss version=\"2.0\"><channel><title>Bombe</title><item><title>&lol9;</title><link>https://a.de/x</link></item></channel></rss>")
}

/// Every kind of broken server and feed, each its own feed.
fn hostile_env() -> TestEnv {
    let env = TestEnv::new();
    let s = &env.server;
    s.route("/bomb.xml", Reply::xml(billion_laughs()));
    s.route(
        "/gzip.xml",
        Reply::Raw {
            headers: vec![
                ("Content-Encoding".into(), "gzip".into()),
                ("Content-Type".into(), "application/rss+xml".into()),
            ],
            body: gzip_bomb(),
        },
    );
    s.route("/trickle.xml", Reply::Trickle(rss("").into_bytes()));
    s.route("/loop-a", Reply::Redirect(s.url("/loop-b")));
    s.route("/loop-b", Reply::Redirect(s.url("/loop-a")));
    s.route("/to-file", Reply::Redirect("file:///etc/passwd".into()));
    s.route(
        "/to-ftp",
        Reply::Redirect("ftp://ftp.example.org/feed.xml".into()),
    );
    s.route(
        "/html.xml",
        Reply::with_type(
            "<!DOCTYPE html><html><body><h1>RSS-Newsfeeds des BMI</h1></body></html>",
            "text/html",
        ),
    );
    s.route("/empty.xml", Reply::xml(""));
    s.route(
        "/as-html.xml",
        Reply::with_type(
            rss("<item><title>Falscher Typ</title><guid>t1</guid></item>"),
            "text/html",
        ),
    );
    s.route(
        "/no-type.xml",
        Reply::Raw {
            headers: vec![],
            body: rss("<item><title>Ohne Typ</title><guid>t2</guid></item>").into_bytes(),
        },
    );
    s.route("/dates.xml", Reply::xml(rss(
        "<item><title>Datum kaputt</title><guid>d1</guid><pubDate>Montag, 32. Dezember</pubDate></item>\
         <item><title>Aus der Zukunft</title><guid>d2</guid><pubDate>Fri, 1 Jan 2999 10:00:00 +0100</pubDate></item>\
         <item><title>Doppelt</title><guid>d3</guid></item><item><title>Doppelt zweimal</title><guid>d3</guid></item>",
    )));
    s.route(
        "/long.xml",
        Reply::xml(rss(&format!(
            "<item><title>{}</title><guid>l1</guid></item>",
            "Verwaltungsdigitalisierung ".repeat(4000)
        ))),
    );
    env.write_config_with(
        "full_text = false\nmax_feed_bytes = 400000\n",
        &[
            ("Bombe", "/bomb.xml", None),
            ("Gzip", "/gzip.xml", None),
            ("Tröpfeln", "/trickle.xml", None),
            ("Schleife", "/loop-a", None),
            ("Datei", "/to-file", None),
            ("Ftp", "/to-ftp", None),
            ("Hub", "/html.xml", None),
            ("Leer", "/empty.xml", None),
            ("Falscher Typ", "/as-html.xml", None),
            ("Ohne Typ", "/no-type.xml", None),
            ("Daten", "/dates.xml", None),
            ("Lang", "/long.xml", None),
        ],
    );
    env
}

fn error_line<'a>(stderr: &'a str, feed: &str) -> &'a str {
    let prefix = format!("{feed}: error: ");
    stderr
        .lines()
        .find(|l| l.starts_with(&prefix))
        .unwrap_or_else(|| panic!("no error line for {feed} in:\n{stderr}"))
}

#[test]
fn hostile_servers_and_feeds_fail_alone_in_one_line() {
    let env = hostile_env();
    // Nothing holds the refresh up: the command timeout of the test environment ends a hang.
    let run = env.run(&["fetch"]);
    assert_eq!(run.code, 1);
    assert!(error_line(&run.stderr, "Gzip")
        .ends_with("response larger than the 400000-byte limit (max_feed_bytes)"));
    assert_eq!(
        error_line(&run.stderr, "Tröpfeln"),
        "Tröpfeln: error: timed out after 2 s"
    );
    assert!(
        error_line(&run.stderr, "Schleife").contains("redirects"),
        "{}",
        run.stderr
    );
    assert!(
        error_line(&run.stderr, "Datei").contains("redirect to a non-http URL (file:)"),
        "{}",
        run.stderr
    );
    assert!(
        error_line(&run.stderr, "Ftp").contains("redirect to a non-http URL (ftp:)"),
        "{}",
        run.stderr
    );
    assert_eq!(
        error_line(&run.stderr, "Hub"),
        "Hub: error: not an RSS, Atom or JSON feed (looks like an HTML page)"
    );
    assert_eq!(
        error_line(&run.stderr, "Leer"),
        "Leer: error: empty response"
    );
    // The entity bomb is not expanded: its item is imported with the reference as text.
    assert!(
        run.stdout.lines().any(|l| l == "Bombe: 1 new, 0 updated"),
        "{}\n{}",
        run.stdout,
        run.stderr
    );
    for ok in [
        "Falscher Typ: 1 new, 0 updated",
        "Ohne Typ: 1 new, 0 updated",
        "Daten: 3 new, 0 updated",
        "Lang: 1 new, 0 updated",
    ] {
        assert!(
            run.stdout.lines().any(|l| l == ok),
            "{ok} missing in\n{}",
            run.stdout
        );
    }
    let lines = run.stdout.lines().count() + run.stderr.lines().count();
    assert_eq!(
        lines, 12,
        "one line per feed:\n{}\n{}",
        run.stdout, run.stderr
    );
    assert_eq!(env.titles(&["--feed", "Bombe"]), ["&lol9;"]);
    for row in env.list_json(&[]) {
        assert!(
            row["title"].as_str().expect("title").chars().count() <= 1001,
            "titles are capped"
        );
    }
    // A date far in the future is ignored (first seen instead); a broken one too.
    let future = env.list_json(&["--feed", "Daten"]);
    let dates: Vec<&str> = future
        .iter()
        .map(|r| r["published"].as_str().expect("date"))
        .collect();
    assert!(dates.iter().all(|d| !d.starts_with("2999")), "{dates:?}");
    assert_eq!(future.len(), 3, "duplicate guids are one article");
}

#[test]
fn rate_limited_feeds_are_left_alone_until_the_server_allows() {
    let env = TestEnv::new();
    env.server.route("/busy.xml", Reply::RetryAfter(429, 120));
    env.server.route("/down.xml", Reply::Status(503));
    env.write_config(&[("Busy", "/busy.xml", None), ("Down", "/down.xml", None)]);
    let first = env.run(&["fetch"]);
    assert_eq!(
        error_line(&first.stderr, "Busy"),
        "Busy: error: HTTP 429 (retry after 120 s)"
    );
    assert_eq!(error_line(&first.stderr, "Down"), "Down: error: HTTP 503");
    let second = env.run(&["fetch"]);
    assert_eq!(second.code, 1);
    assert!(
        error_line(&second.stderr, "Busy").contains("the server asked to wait"),
        "{}",
        second.stderr
    );
    assert!(
        error_line(&second.stderr, "Down").contains("the server asked to wait"),
        "{}",
        second.stderr
    );
    assert_eq!(
        env.server.requests("/busy.xml").len(),
        1,
        "no second request before Retry-After"
    );
    assert_eq!(
        env.server.requests("/down.xml").len(),
        1,
        "503 without Retry-After backs off too"
    );
}

const NASTY: &str = "\u{1b}[2J\u{1b}]8;;https://evil.example\u{7}klick\u{1b}]8;;\u{7}\u{1b}]52;c;cm0gLXJmIH4=\u{7}\u{1b}P1$r\u{1b}\\\u{9b}31m\u{85}\u{202e}\u{2066}\u{200e}\u{200b}\u{feff}";

#[test]
fn escape_sequences_in_every_field_never_reach_the_terminal() {
    let env = TestEnv::new();
    let item = format!(
        "<item><title>Titel{NASTY}</title><link>https://www.bmi.bund.de/a.html{NASTY}</link>\
         <description>Teaser{NASTY}</description><category>Thema{NASTY}</category><guid>g{NASTY}</guid>\
         <pubDate>Thu, 16 Dec 2021 10:30:00 +0100</pubDate></item>"
    );
    let feed = format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"><channel><title>Feed{NASTY}</title>{}</channel></rss>",
        item.replace("</description>", &format!("</description><content:encoded><![CDATA[<p>Inhalt{NASTY}<a href=\"https://a.de/{NASTY}\">Link{NASTY}</a></p>]]></content:encoded>")));
    env.server.route("/nasty.xml", Reply::xml(feed));
    env.write_config(&[("Nasty", "/nasty.xml", Some("BMI"))]);
    env.ok(&["fetch"]);
    let id = env.list_json(&[])[0]["id"]
        .as_i64()
        .expect("id")
        .to_string();
    for args in [
        vec!["list"],
        vec!["list", "--format", "json"],
        vec!["show", &id],
        vec!["show", &id, "--format", "json"],
        vec!["feeds"],
    ] {
        let out = env.cmd().args(&args).output().expect("run");
        // A crash prints nothing, and nothing has no control character: the command must
        // have run, said nothing on stderr, and printed the article or feed.
        assert!(out.status.success(), "{args:?} failed: {:?}", out.status);
        assert!(
            out.stderr.is_empty(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = String::from_utf8(out.stdout).expect("utf-8");
        assert!(
            text.contains("Nasty") || text.contains("Titelklick"),
            "{args:?}: {text}"
        );
        let bad = text.chars().find(|c| matches!(c, '\u{0}'..='\u{8}' | '\u{b}'..='\u{1f}' | '\u{7f}'..='\u{9f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200b}'..='\u{200f}' | '\u{061c}' | '\u{feff}'));
        assert_eq!(bad, None, "{args:?} printed a control character:\n{text:?}");
    }
    // The text around the sequences stays; the sequences (and what they carried) are gone.
    let row = &env.list_json(&[])[0];
    assert_eq!(row["title"], "Titelklick");
    assert_eq!(row["summary"], "Teaserklick");
    assert_eq!(row["topics"], serde_json::json!(["Themaklick"]));
    let shown = env.ok(&["show", &id]);
    assert!(shown.starts_with("Titelklick\n"), "{shown}");
    assert!(shown.contains("InhaltklickLinkklick[1]"), "{shown}");
}

#[cfg(unix)]
#[test]
fn local_feed_paths_are_only_regular_files_within_the_cap() {
    let env = TestEnv::new();
    let fifo = env.dir.path().join("feed.fifo");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo");
    assert!(made.success());
    let big = env.dir.path().join("gross.xml");
    std::fs::write(&big, rss(&"<item><title>x</title></item>".repeat(5_000))).expect("write");
    let good = env.dir.path().join("gut.xml");
    std::fs::write(
        &good,
        rss("<item><title>Lokale Meldung</title><guid>l1</guid></item>"),
    )
    .expect("write");
    let url = |p: &std::path::Path| format!("file://{}", p.display());
    env.write_config(&[
        ("Null", "file:///dev/zero", None),
        ("Rohr", &url(&fifo), None),
        ("Groß", &url(&big), None),
        ("Gut", &url(&good), None),
    ]);
    let run = env.run(&["fetch"]);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    assert_eq!(run.stdout, "Gut: 1 new, 0 updated\n");
    assert_eq!(
        error_line(&run.stderr, "Null"),
        "Null: error: cannot read /dev/zero: not a regular file"
    );
    assert_eq!(
        error_line(&run.stderr, "Rohr"),
        format!(
            "Rohr: error: cannot read {}: not a regular file",
            fifo.display()
        )
    );
    assert_eq!(
        error_line(&run.stderr, "Groß"),
        "Groß: error: response larger than the 40000-byte limit (max_feed_bytes)"
    );
}

#[test]
fn csv_cells_that_a_spreadsheet_would_run_are_defused() {
    let env = TestEnv::new();
    env.server.route(
        "/feed.xml",
        Reply::xml(rss(concat!(
            "<item><title>=HYPERLINK(\"http://evil.example\",\"Klick\")</title><guid>f1</guid>",
            "<category>+cmd|' /C calc'!A0</category><description>-2+3</description></item>",
            "<item><title>@SUM(A1)</title><guid>f2</guid><description>Gewöhnlicher Text</description></item>",
        ))),
    );
    env.write_config(&[("Formeln", "/feed.xml", None)]);
    env.ok(&["fetch"]);
    let text = env.ok(&["list", "--format", "csv"]);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("record")).collect();
    let cell = |title_start: &str, column: usize| {
        rows.iter()
            .find(|r| r[4].starts_with(title_start))
            .unwrap_or_else(|| panic!("no row {title_start} in {text}"))[column]
            .to_owned()
    };
    assert_eq!(
        cell("'=HYPERLINK", 4),
        "'=HYPERLINK(\"http://evil.example\",\"Klick\")"
    );
    assert_eq!(cell("'=HYPERLINK", 6), "'+cmd|' /C calc'!A0");
    assert_eq!(cell("'=HYPERLINK", 9), "'-2+3");
    assert_eq!(cell("'@SUM", 4), "'@SUM(A1)");
    assert_eq!(cell("'@SUM", 9), "Gewöhnlicher Text");
    let topics = env.ok(&["topics", "--format", "csv"]);
    assert!(topics.contains("'+cmd"), "{topics}");
}
