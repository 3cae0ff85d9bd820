//! One language per run: every command's failure paths, run in German and in English, say
//! nothing in the other language. A word that only the other language has (from a list of
//! each language's common words) fails the test, with the command and the line.
//!
//! Exempt, because they are not the program's words: text in quotes (what the user typed, a
//! feed's name or title), web addresses and paths; and the scripting contract, which is
//! English in every language: the `fetch` lines on stdout and JSON.

use amtsfeed::i18n::foreign::foreign;

use crate::server::Reply;
use crate::util::{closed_port, TestEnv};

const GERMAN: [(&str, &str); 2] = [("LANG", "de_DE.UTF-8"), ("LC_ALL", "de_DE.UTF-8")];
const ENGLISH: [(&str, &str); 2] = [("LANG", "en_US.UTF-8"), ("LC_ALL", "en_US.UTF-8")];

/// What one run said that a reader of `german_run`'s language must understand: stderr, and
/// stdout unless it is the scripting contract.
fn check(label: &str, german_run: bool, stdout: &str, stderr: &str, contract_stdout: bool) {
    let mut said: Vec<&str> = stderr.lines().collect();
    if !contract_stdout {
        said.extend(stdout.lines());
    }
    for line in said {
        let words = foreign(line, german_run);
        assert!(
            words.is_empty(),
            "{label} ({}): {words:?} in {line:?}",
            if german_run { "German" } else { "English" }
        );
    }
}

const FEED: &str = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\
<rss version=\"2.0\"><channel><title>Alpha</title><link>https://www.bmi.bund.de/</link>\
<item><title>Alpha Beta</title><link>https://www.bmi.bund.de/ab.html</link>\
<guid>ab</guid><pubDate>Mon, 13 Dec 2021 10:00:00 +0100</pubDate>\
<description>Gamma</description></item></channel></rss>";

const PAGE: &str = "<!DOCTYPE html><html><head><title>Alpha</title></head>\
<body><p>Gamma</p></body></html>";

/// A test environment with one working feed and four that fail differently.
fn env_with_failing_feeds() -> TestEnv {
    let env = TestEnv::new();
    env.server.route("/ok.xml", Reply::xml(FEED.as_bytes()));
    env.server.route(
        "/page.html",
        Reply::with_type(PAGE.as_bytes(), "text/html; charset=utf-8"),
    );
    env.server.route(
        "/broken.xml",
        Reply::xml(&b"<rss><channel><item><title>x"[..]),
    );
    let closed = format!("http://127.0.0.1:{}/x.xml", closed_port());
    env.write_config(&[
        // No ministry: its full name is German in every language (a name, not words).
        ("Eins", "/ok.xml", None),
        ("Zwei", "/missing.xml", None),
        ("Drei", closed.as_str(), None),
        ("Vier", "/page.html", None),
        ("Fuenf", "/broken.xml", None),
    ]);
    env.append_config("\n[[filter]]\nname = \"Alpha\"\nquery = \"alpha\"\nnotify = true\n");
    env
}

#[test]
fn every_commands_failures_speak_the_runs_language() {
    let env = env_with_failing_feeds();
    let dir = env.dir.path();
    let closed = format!("http://127.0.0.1:{}/x.xml", closed_port());
    let page = env.server.url("/page.html");
    let missing = env.server.url("/missing.xml");
    let nowhere = dir.join("nirgends").join("x.opml").display().to_string();
    let opml = dir.join("import.opml");
    std::fs::write(
        &opml,
        format!(
            "<?xml version=\"1.0\"?><opml version=\"2.0\"><body>\
             <outline text=\"Lokal\" xmlUrl=\"file:///etc/passwd\"/>\
             <outline text=\"Eins\" xmlUrl=\"{}\"/>\
             <outline text=\"Ohne\"/></body></opml>",
            env.server.url("/ok.xml")
        ),
    )
    .expect("opml");
    let opml = opml.display().to_string();
    let broken_opml = dir.join("kaputt.opml");
    std::fs::write(
        &broken_opml,
        "<opml version=\"2.0\"><body><outline text=\"A\">",
    )
    .expect("opml");
    let broken_opml = broken_opml.display().to_string();
    let config_file = env.config_path().display().to_string();

    for (german, vars) in [(true, GERMAN), (false, ENGLISH)] {
        // Before anything is fetched: the empty cache.
        let empty = env.run_with_env(&vars, &["list"]);
        check(
            "list on an empty cache",
            german,
            &empty.stdout,
            &empty.stderr,
            false,
        );
        // The refresh: stdout is the contract, stderr speaks.
        let fetch = env.run_with_env(&vars, &["fetch"]);
        assert_eq!(fetch.code, 1, "some feeds fail: {}", fetch.stderr);
        assert!(fetch.stderr.lines().count() >= 4, "{}", fetch.stderr);
        check("fetch", german, &fetch.stdout, &fetch.stderr, true);
        let id = env
            .list_json(&[])
            .first()
            .and_then(|a| a["id"].as_i64())
            .expect("one article")
            .to_string();
        let runs: Vec<(&str, Vec<&str>)> = vec![
            ("feeds", vec!["feeds"]),
            ("log", vec!["log"]),
            ("filters", vec!["filters"]),
            ("list --since", vec!["list", "--since", "morgen"]),
            ("list --until", vec!["list", "--until", "32.13.2021"]),
            ("list --feed", vec!["list", "--feed", "Nirgends"]),
            ("list --saved", vec!["list", "--saved", "Nirgends"]),
            ("list --query syntax", vec!["list", "--query", "seit:("]),
            ("list --query field", vec!["list", "--query", "farbe:rot"]),
            ("list nothing found", vec!["list", "--query", "Zeta"]),
            ("list --format", vec!["list", "--format", "xml"]),
            ("list --limit", vec!["list", "--limit", "abc"]),
            ("list --new", vec!["list", "--new"]),
            ("topics --since", vec!["topics", "--since", "morgen"]),
            ("show unknown", vec!["show", "999999"]),
            ("show no id", vec!["show"]),
            ("show --diff range", vec!["show", &id, "--diff", "1..9"]),
            ("processes --since", vec!["processes", "--since", "morgen"]),
            (
                "list drucksache:",
                vec!["list", "--query", "drucksache:Gesetz"],
            ),
            (
                "show --versions unknown",
                vec!["show", "999999", "--versions"],
            ),
            ("open unknown", vec!["open", "999999"]),
            ("open --link", vec!["open", &id, "--link", "99"]),
            ("read unknown", vec!["read", "999999"]),
            ("remove", vec!["remove", "Nirgends"]),
            ("move", vec!["move", "Nirgends", &closed]),
            ("move not http", vec!["move", "Eins", "ftp://example.org/x"]),
            ("add scheme", vec!["add", "ftp://example.org/x"]),
            ("add offline", vec!["add", &closed]),
            ("add page", vec!["add", &page]),
            ("add 404", vec!["add", &missing]),
            (
                "add twice",
                vec!["add", "--no-check", "--name", "Eins", &missing],
            ),
            ("import-opml", vec!["import-opml", &opml]),
            ("import-opml missing", vec!["import-opml", &nowhere]),
            ("export-opml", vec!["export-opml", "--output", &nowhere]),
            ("import-opml broken", vec!["import-opml", &broken_opml]),
            ("import-opml not opml", vec!["import-opml", &config_file]),
            ("completions", vec!["completions", "tcsh"]),
            ("show cite", vec!["show", &id, "--format", "cite"]),
            ("show", vec!["show", &id]),
            ("doctor", vec!["doctor"]),
            ("sources --group", vec!["sources", "--group", "Nirgends"]),
            ("unknown command", vec!["lsit"]),
            ("unknown flag", vec!["list", "--farbe"]),
        ];
        for (label, args) in &runs {
            let run = env.run_with_env(&vars, args);
            check(label, german, &run.stdout, &run.stderr, false);
        }
    }
}

/// What commands say when they work: confirmations, summaries, tables.
#[test]
fn every_commands_confirmations_speak_the_runs_language() {
    for (german, vars) in [(true, GERMAN), (false, ENGLISH)] {
        let env = TestEnv::new();
        env.server.route("/ok.xml", Reply::xml(FEED.as_bytes()));
        env.server.route(
            "/zwei.xml",
            Reply::xml(
                FEED.replace("ab", "cd")
                    .replace("Alpha Beta", "Delta")
                    .as_bytes(),
            ),
        );
        env.write_config(&[("Eins", "/ok.xml", None)]);
        let dir = env.dir.path();
        let exported = dir.join("feeds.opml").display().to_string();
        let opml = dir.join("import.opml");
        std::fs::write(
            &opml,
            format!(
                "<?xml version=\"1.0\"?><opml version=\"2.0\"><body>\
                 <outline text=\"Drei\" xmlUrl=\"{}\"/></body></opml>",
                env.server.url("/drei.xml")
            ),
        )
        .expect("opml");
        let opml = opml.display().to_string();
        let zwei = env.server.url("/zwei.xml");
        let moved = env.server.url("/neu.xml");
        let fetch = env.run_with_env(&vars, &["fetch"]);
        check("fetch", german, &fetch.stdout, &fetch.stderr, true);
        let checked = env.run_with_env(&vars, &["fetch", "--check-pages"]);
        check(
            "fetch --check-pages",
            german,
            &checked.stdout,
            &checked.stderr,
            true,
        );
        let id = env.id_of("Alpha Beta").to_string();
        let runs: Vec<(&str, Vec<&str>)> = vec![
            ("list", vec!["list"]),
            ("list markdown", vec!["list", "--format", "markdown"]),
            ("topics", vec!["topics"]),
            ("show", vec!["show", &id]),
            ("show markdown", vec!["show", &id, "--format", "markdown"]),
            ("show --versions", vec!["show", &id, "--versions"]),
            ("processes", vec!["processes"]),
            ("processes --since", vec!["processes", "--since", "2w"]),
            ("show --diff", vec!["show", &id, "--diff"]),
            ("read", vec!["read", &id]),
            ("unread", vec!["unread", &id]),
            ("star", vec!["star", &id]),
            ("unstar", vec!["unstar", &id]),
            ("feeds", vec!["feeds"]),
            ("filters", vec!["filters"]),
            ("doctor", vec!["doctor"]),
            ("vacuum", vec!["vacuum"]),
            ("config", vec!["config"]),
            ("add", vec!["add", "--name", "Zwei", &zwei]),
            ("import-opml", vec!["import-opml", &opml]),
            ("export-opml", vec!["export-opml", "--output", &exported]),
            ("move", vec!["move", "Zwei", &moved]),
            ("remove", vec!["remove", "Drei"]),
            ("remove --purge", vec!["remove", "--purge", "Zwei"]),
        ];
        for (label, args) in &runs {
            let run = env.run_with_env(&vars, args);
            assert_eq!(run.code, 0, "{label}: {}", run.stderr);
            check(label, german, &run.stdout, &run.stderr, false);
        }
    }
}

#[test]
fn config_failures_speak_the_runs_language() {
    let env = TestEnv::new();
    let dir = env.dir.path();
    let cases = [
        ("unknown key", "farbe = 1\n"),
        ("out of range", "timeout_secs = 0\n"),
        ("not TOML", "timeout_secs = = 3\n"),
        ("feed without url", "[[feed]]\nname = \"Eins\"\n"),
        ("wrong type", "full_text = \"ja\"\n"),
        (
            "bad filter",
            "[[filter]]\nname = \"Alpha\"\nquery = \"seit:(\"\n",
        ),
        ("bad key binding", "[keys]\nquit = \"ctrl-\"\n"),
        ("bad colour", "[theme]\naccent = \"blassrosa\"\n"),
    ];
    for (german, vars) in [(true, GERMAN), (false, ENGLISH)] {
        for (label, text) in &cases {
            let path = dir.join("config.toml");
            std::fs::write(&path, text).expect("config");
            let output = env
                .command_with(&path, &env.data_dir())
                .envs(vars)
                .args(["list"])
                .output()
                .expect("runs");
            let stderr = String::from_utf8_lossy(&output.stderr);
            let stdout = String::from_utf8_lossy(&output.stdout);
            check(label, german, &stdout, &stderr, false);
        }
        let missing = dir.join("fehlt.toml");
        let output = env
            .command_with(&missing, &env.data_dir())
            .envs(vars)
            .args(["list"])
            .output()
            .expect("runs");
        check(
            "missing config",
            german,
            "",
            &String::from_utf8_lossy(&output.stderr),
            false,
        );
    }
}

#[test]
fn a_broken_cache_is_reported_in_the_runs_language() {
    let env = TestEnv::new();
    env.write_config(&[("Eins", "/ok.xml", None)]);
    std::fs::create_dir_all(env.data_dir()).expect("dir");
    std::fs::write(
        env.data_dir().join("amtsfeed.db"),
        b"kein SQLite, sondern Text ".repeat(400),
    )
    .expect("garbage");
    for (german, vars) in [(true, GERMAN), (false, ENGLISH)] {
        for args in [&["list"][..], &["doctor"][..]] {
            let run = env.run_with_env(&vars, args);
            assert_ne!(
                format!("{}{}", run.stdout, run.stderr).trim(),
                "",
                "{args:?} says what is wrong"
            );
            check(
                &format!("{args:?} broken cache"),
                german,
                &run.stdout,
                &run.stderr,
                false,
            );
        }
    }
}
