//! Opening links, the TUI placeholder, config errors, OPML.

use crate::fetch::scenario;
use crate::server::Reply;
use crate::util::{closed_port, fixture, TestEnv};

#[test]
fn open_passes_the_url_as_one_argument_to_browser() {
    let env = scenario();
    env.run(&["fetch"]);
    let (script, record) = env.recording_browser();
    let id = env
        .id_of("Kabinett beschließt Digitalstrategie")
        .to_string();
    let out = env.run_with_browser(&script, &["open", &id]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let recorded = std::fs::read_to_string(&record).expect("browser ran");
    assert_eq!(
        recorded,
        format!(
            "1\n{}\n",
            env.server.url("/breg-de/aktuelles/digitalstrategie-2021")
        )
    );
    // A numbered link from the article text.
    std::fs::remove_file(&record).expect("rm");
    let out = env.run_with_browser(&script, &["open", &id, "--link", "1"]);
    assert!(out.status.success());
    assert_eq!(
        std::fs::read_to_string(&record).expect("ran"),
        "1\nhttps://www.bundesregierung.de/digitalstrategie\n"
    );
}

#[test]
fn no_subcommand_without_a_terminal_says_so() {
    let env = TestEnv::new();
    env.write_config(&[]);
    let run = env.run(&[]);
    assert_eq!(run.code, 2);
    assert_eq!(run.stderr.trim(), "amtsfeed: the reader needs a terminal; for scripts use `amtsfeed list`, `show` and `fetch`");
}

#[test]
fn config_errors_name_file_and_line() {
    let env = TestEnv::new();
    std::fs::write(
        env.config_path(),
        "concurrency = 4\n\n[[feed]]\nname = \"X\"\nurl = \"https://x.de/feed\"\nfarbe = \"rot\"\n",
    )
    .expect("write");
    let run = env.run(&["list"]);
    assert_eq!(run.code, 1);
    let expected = format!(
        "amtsfeed: error: {}:6: unknown key `farbe`",
        env.config_path().display()
    );
    assert!(run.stderr.starts_with(&expected), "{}", run.stderr);
    let german = env.run_with_env(&[("LANG", "de_DE.UTF-8")], &["list"]);
    let expected = format!(
        "amtsfeed: Fehler: {}:6: unbekannter Schlüssel `farbe`",
        env.config_path().display()
    );
    assert!(german.stderr.starts_with(&expected), "{}", german.stderr);
    let missing = env
        .cmd()
        .args(["list"])
        .arg("--config")
        .arg(env.dir.path().join("nope.toml"))
        .output()
        .expect("run");
    assert_eq!(missing.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("nope.toml: cannot read"));
}

#[test]
fn env_variables_select_config_and_data_dir() {
    let env = scenario();
    let out = assert_cmd::Command::cargo_bin("amtsfeed")
        .expect("bin")
        .arg("fetch")
        .env("AMTSFEED_CONFIG", env.config_path())
        .env("AMTSFEED_DATA_DIR", env.data_dir())
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .expect("run");
    assert!(String::from_utf8_lossy(&out.stdout).contains("BMI Presse: 3 new"));
    assert!(env.data_dir().join("amtsfeed.db").exists());
}

#[test]
fn opml_export_and_import_round_trip() {
    let env = scenario();
    let opml = env.ok(&["export-opml"]);
    assert!(
        opml.contains("<opml version=\"2.0\">") && opml.contains("text=\"BMI Presse\""),
        "{opml}"
    );
    let other = TestEnv::new();
    let same_url = env.server.url("/bmi.xml");
    other.write_config(&[("Schon da", &same_url, None)]);
    let file = other.dir.path().join("feeds.opml");
    std::fs::write(&file, opml).expect("write");
    let out = other.ok(&["import-opml", file.to_str().expect("path")]);
    assert!(out.starts_with("imported 10 feeds into"), "{out}");
    assert!(
        out.contains("skipped BMI Presse: already configured"),
        "{out}"
    );
    let feeds = other.ok(&["feeds"]);
    assert!(
        feeds.contains("Bundesrat") && feeds.contains("Schon da"),
        "{feeds}"
    );
}

#[test]
fn two_processes_share_the_cache() {
    let env = scenario();
    // Both start on an empty data dir: migrations and feed writes must not collide.
    let mut children: Vec<_> = (0..2).map(|_| env.spawn(&["fetch"])).collect();
    for child in children.drain(..) {
        let out = child.wait_with_output().expect("wait");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            !stderr.contains("locked") && !stderr.contains("amtsfeed: error"),
            "{stderr}"
        );
        assert_eq!(
            stderr.lines().count(),
            5,
            "only the five broken feeds fail:\n{stderr}"
        );
    }
    assert_eq!(env.list_json(&[]).len(), 12, "no duplicates, nothing lost");
}

#[test]
fn hostile_links_reach_the_browser_as_one_argument_and_never_a_shell() {
    let env = TestEnv::new();
    let canary = env.dir.path().join("pwned");
    let link = format!(
        "https://www.bmi.bund.de/a;b$(touch {c})`touch {c}`\"'x y.html",
        c = canary.display()
    );
    let feed = format!(
        "<rss version=\"2.0\"><channel><title>T</title><item><title>Gefährlicher Link</title><guid>x</guid><link>{}</link>\
         <description>&lt;a href=\"javascript:alert(1)\"&gt;JS&lt;/a&gt; &lt;a href=\"file:///etc/passwd\"&gt;Datei&lt;/a&gt;</description></item></channel></rss>",
        link.replace('&', "&amp;").replace('<', "&lt;").replace('"', "&quot;")
    );
    env.server.route("/f.xml", crate::server::Reply::xml(feed));
    env.write_config(&[("T", "/f.xml", None)]);
    env.ok(&["fetch"]);
    let (script, record) = env.recording_browser();
    let id = env.id_of("Gefährlicher Link").to_string();
    let stored = env.list_json(&[])[0]["link"]
        .as_str()
        .expect("link")
        .to_owned();
    let out = env.run_with_browser(&script, &["open", &id]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        std::fs::read_to_string(&record).expect("browser ran"),
        format!("1\n{stored}\n"),
        "exactly one argument"
    );
    assert!(!canary.exists(), "a shell ran the link");
    // Numbered links that are not http(s) are refused; the browser does not run.
    std::fs::remove_file(&record).expect("rm");
    for n in ["1", "2"] {
        let out = env.run_with_browser(&script, &["open", &id, "--link", n]);
        assert_eq!(out.status.code(), Some(1));
        assert!(
            String::from_utf8_lossy(&out.stderr).contains("only http and https links are opened"),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    assert!(!record.exists());
}

#[test]
fn credentials_in_feed_urls_never_appear_in_output() {
    let env = TestEnv::new();
    let url = format!(
        "http://leser:geheim@127.0.0.1:{}/fehlt.xml",
        env.server.port
    );
    env.write_config(&[("Geschützt", &url, None)]);
    let run = env.run(&["fetch"]);
    assert!(
        run.stderr.starts_with("Geschützt: error: HTTP 404"),
        "{}",
        run.stderr
    );
    let feeds = env.ok(&["feeds"]);
    let opml = env.ok(&["export-opml"]);
    // Nor in the log, where every feed failure is written with its URL.
    let log = std::fs::read_to_string(env.data_dir().join("amtsfeed.log")).expect("log");
    assert!(
        log.contains("feed=Geschützt"),
        "the failure is logged: {log}"
    );
    assert!(log.contains("url=http://127.0.0.1:"), "{log}");
    for text in [&run.stdout, &run.stderr, &feeds, &log] {
        assert!(!text.contains("geheim"), "{text}");
    }
    assert!(feeds.contains("http://127.0.0.1:"), "{feeds}");
    // The user's own export keeps what the user configured.
    assert!(opml.contains("leser:geheim@"), "{opml}");
}

#[test]
fn completions_and_man_page() {
    let env = TestEnv::new();
    for shell in ["bash", "zsh", "fish"] {
        let script = env.ok(&["completions", shell]);
        assert!(
            script.contains("import-opml") && script.contains("no-full-text"),
            "{shell}: {script}"
        );
    }
    let man = env.ok(&["man"]);
    assert!(
        man.starts_with(".ie \\n(.g .ds Aq") || man.contains(".TH amtsfeed"),
        "{man}"
    );
    assert!(
        man.contains("fetch") && man.contains("AMTSFEED_CONFIG"),
        "{man}"
    );
}

#[test]
fn the_log_goes_to_a_file_never_to_the_terminal() {
    let env = scenario();
    let log_path = env.ok(&["log"]);
    assert_eq!(
        log_path.trim_end(),
        env.data_dir().join("amtsfeed.log").display().to_string()
    );
    let run = env.run(&["--log-level", "debug", "fetch"]);
    assert_eq!(run.code, 1, "the scenario has failing feeds");
    // stderr keeps its one-line-per-failure contract; the details are in the log.
    for line in run.stderr.lines() {
        assert!(line.contains(": error: "), "{line}");
    }
    let log = std::fs::read_to_string(log_path.trim_end()).expect("log written");
    assert!(
        log.contains("feed stored") && log.contains("feed=BMI Presse"),
        "{log}"
    );
    assert!(
        log.contains("WARN") && log.contains("feed failed") && log.contains("feed=Kaputt"),
        "{log}"
    );
    assert!(
        log.lines().any(|l| l.contains(" DEBUG ")
            && l.contains(concat!("start version=\"", env!("CARGO_PKG_VERSION"), "\""))),
        "{log}"
    );
    // Off means no new lines; a bad level is a clear error.
    let before = log.len();
    let out = env
        .cmd()
        .env("AMTSFEED_LOG", "off")
        .args(["fetch"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
    let after = std::fs::read_to_string(log_path.trim_end()).expect("log");
    assert_eq!(after.len(), before);
    let bad = env.run(&["--log-level", "loud", "feeds"]);
    assert_eq!(bad.code, 2);
    assert!(
        bad.stderr.contains("'loud' is not a log level"),
        "{}",
        bad.stderr
    );
}

/// `--config` beats `AMTSFEED_CONFIG`, which beats the user's config file in the platform
/// config dir (`$XDG_CONFIG_HOME/amtsfeed/config.toml`), which beats the bundled list.
#[test]
fn the_config_is_looked_up_flag_then_env_then_user_file_then_bundled() {
    let env = TestEnv::new();
    let home = env.dir.path().join("home");
    let xdg = env.dir.path().join("xdg");
    std::fs::create_dir_all(xdg.join("amtsfeed")).expect("dirs");
    std::fs::create_dir_all(&home).expect("home");
    let file = |name: &str, feed: &str| {
        let path = env.dir.path().join(name);
        std::fs::write(
            &path,
            format!("[[feed]]\nname = \"{feed}\"\nurl = \"https://{feed}.example/rss.xml\"\n"),
        )
        .expect("write");
        path
    };
    let flag = file("flag.toml", "Flagge");
    let from_env = file("env.toml", "Umgebung");
    std::fs::copy(
        file("user.toml", "Nutzer"),
        xdg.join("amtsfeed/config.toml"),
    )
    .expect("copy");
    let feeds = |args: &[&std::ffi::OsStr], config_env: Option<&std::path::Path>| {
        let mut cmd = assert_cmd::Command::cargo_bin("amtsfeed").expect("bin");
        cmd.env_clear()
            .env("HOME", &home)
            .env("XDG_CONFIG_HOME", &xdg)
            .env("LANG", "C.UTF-8")
            .arg("--data-dir")
            .arg(env.data_dir())
            .args(args)
            .arg("feeds");
        if let Some(path) = config_env {
            cmd.env("AMTSFEED_CONFIG", path);
        }
        let out = cmd.output().expect("run");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).expect("utf-8")
    };
    let first_feed = |listing: String| {
        listing
            .lines()
            .nth(1)
            .and_then(|l| l.split_whitespace().next())
            .map(str::to_owned)
    };
    let flag_args = [std::ffi::OsStr::new("--config"), flag.as_os_str()];
    assert_eq!(
        first_feed(feeds(&flag_args, Some(&from_env))).as_deref(),
        Some("Flagge")
    );
    assert_eq!(
        first_feed(feeds(&[], Some(&from_env))).as_deref(),
        Some("Umgebung")
    );
    assert_eq!(first_feed(feeds(&[], None)).as_deref(), Some("Nutzer"));
    std::fs::remove_file(xdg.join("amtsfeed/config.toml")).expect("remove");
    let bundled = feeds(&[], None);
    assert!(bundled.contains("www.bmi.bund.de"), "{bundled}");
}

/// Runs amtsfeed with stdout and stderr on a pipe whose reading end is already closed, as after
/// `| head` has read its lines: every write fails with EPIPE.
fn run_into_closed_pipe(env: &TestEnv, args: &[&str]) -> std::process::ExitStatus {
    let (reader, writer) = std::io::pipe().expect("pipe");
    drop(reader);
    env.command_with(&env.config_path(), &env.data_dir())
        .args(args)
        .stdout(writer.try_clone().expect("clone"))
        .stderr(writer)
        .status()
        .expect("run amtsfeed")
}

#[test]
fn a_closed_pipe_ends_every_command_quietly() {
    let env = TestEnv::new();
    env.server
        .route("/gut.xml", Reply::xml(fixture("feeds/gsb_bmi.xml")));
    env.server.route("/kaputt.xml", Reply::Status(500));
    env.write_config(&[("Gut", "/gut.xml", None), ("Kaputt", "/kaputt.xml", None)]);
    for args in [
        vec!["fetch"],
        vec!["completions", "bash"],
        vec!["man"],
        vec!["list"],
        vec!["feeds"],
        vec!["doctor"],
    ] {
        let status = run_into_closed_pipe(&env, &args);
        // 101 is a panic, 134 an abort (a panic while printing the panic).
        assert!(
            matches!(status.code(), Some(0 | 1)),
            "amtsfeed {args:?} ended with {status:?}"
        );
    }
}

/// Every output format ends quietly when the reader of its output goes away after the first
/// line (`| head -1`): exit 0, nothing on stderr. The output is larger than the writers'
/// buffers, so the pipe closes between two writes, as it does in use.
#[test]
fn every_output_format_ends_quietly_on_a_closed_pipe() {
    use std::io::BufRead;
    let env = TestEnv::new();
    let items: String = (0..400)
        .map(|i| {
            format!(
                "<item><title>Meldung {i}: Förderung für Kommunen</title><link>https://www.bmi.bund.de/m{i}.html</link><category>Inneres</category><description>{}</description><pubDate>Tue, 14 Dec 2021 09:00:00 +0100</pubDate></item>",
                "Der Bund unterstützt Kommunen beim Schutz ihrer IT und ihrer Daten. ".repeat(4)
            )
        })
        .collect();
    let feed = format!("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Gut</title>{items}</channel></rss>");
    env.server.route("/gut.xml", Reply::xml(feed));
    env.write_config_with(
        "full_text = false\nmax_feed_bytes = 4000000\n",
        &[("Gut", "/gut.xml", Some("BMI"))],
    );
    env.run(&["fetch"]);
    let id = env.id_of("Meldung 7: Förderung für Kommunen").to_string();
    let mut runs: Vec<Vec<&str>> = Vec::new();
    for format in ["table", "json", "ndjson", "csv", "markdown"] {
        runs.push(vec!["list", "--limit", "400", "--format", format]);
    }
    for format in ["text", "json", "markdown", "cite", "csl-json"] {
        runs.push(vec!["show", &id, "--format", format]);
    }
    for args in runs {
        let mut child = env
            .command_with(&env.config_path(), &env.data_dir())
            .args(&args)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("run amtsfeed");
        let mut first = String::new();
        std::io::BufReader::new(child.stdout.take().expect("stdout"))
            .read_line(&mut first)
            .expect("a first line");
        // The reader goes away here, as `head -1` does.
        let out = child.wait_with_output().expect("ends");
        assert_eq!(
            (
                out.status.code(),
                String::from_utf8_lossy(&out.stderr).as_ref()
            ),
            (Some(0), ""),
            "amtsfeed {args:?}"
        );
    }
}

#[test]
fn empty_variables_count_as_unset_and_a_bad_log_level_is_a_warning() {
    let env = TestEnv::new();
    env.server
        .route("/gut.xml", Reply::xml(fixture("feeds/gsb_bmi.xml")));
    env.write_config(&[("Gut", "/gut.xml", None)]);
    let mut cmd = env.cmd();
    cmd.env("AMTSFEED_CONFIG", "")
        .env("AMTSFEED_DATA_DIR", "")
        .env("AMTSFEED_LOG", "")
        .arg("feeds");
    let out = cmd.output().expect("run");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("Gut"));
    let mut cmd = env.cmd();
    cmd.env("AMTSFEED_LOG", "verbose").arg("feeds");
    let out = cmd.output().expect("run");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains("AMTSFEED_LOG=verbose is no log level"),
        "{stderr}"
    );
    // The flag itself stays strict: it was typed for this run.
    assert_eq!(env.run(&["--log-level", "verbose", "feeds"]).code, 2);
}

#[test]
fn unknown_feeds_are_errors_and_an_empty_table_says_so() {
    let env = TestEnv::new();
    env.server
        .route("/gut.xml", Reply::xml(fixture("feeds/gsb_bmi.xml")));
    env.write_config(&[("Gut", "/gut.xml", Some("BMI"))]);
    // A fresh cache: nothing listed, and a hint where the articles come from.
    let run = env.run(&["list"]);
    assert_eq!((run.code, run.stdout.as_str()), (0, ""));
    assert!(run.stderr.contains("amtsfeed fetch"), "{}", run.stderr);
    env.ok(&["fetch"]);
    for args in [&["list", "--feed", "BMX"][..], &["list", "-q", "feed:BMX"]] {
        let run = env.run(args);
        assert_eq!(run.code, 1, "{args:?}");
        assert!(run.stderr.contains("no feed named 'BMX'"), "{}", run.stderr);
    }
    // Name and ministry are both feed names here, in any case.
    assert!(!env.ok(&["list", "--feed", "bmi"]).is_empty());
    assert!(!env.ok(&["list", "--feed", "GUT"]).is_empty());
    let run = env.run(&["list", "--topic", "Wort, das nirgends vorkommt"]);
    assert_eq!((run.code, run.stdout.as_str()), (0, ""));
    assert_eq!(run.stderr.trim(), "no articles");
    // Programs get their empty document and no chatter.
    let run = env.run(&[
        "list",
        "--topic",
        "Wort, das nirgends vorkommt",
        "--format",
        "json",
    ]);
    assert_eq!((run.stdout.trim(), run.stderr.as_str()), ("[]", ""));
}

#[test]
fn small_frictions_of_a_new_user() {
    let env = TestEnv::new();
    env.server
        .route("/bmas.xml", Reply::xml(fixture("feeds/gsb_bmi.xml")));
    env.write_config(&[("BMAS", "/bmas.xml", Some("BMAS"))]);
    env.ok(&["fetch"]);
    // doctor names the config file this run reads.
    let doctor = env.ok(&["doctor"]);
    assert_eq!(
        doctor.lines().next(),
        Some(format!("config: {}", env.config_path().display()).as_str())
    );
    // A ministry that is the feed's name is not said twice.
    let id = env.list_json(&["--limit", "1"])[0]["id"].to_string();
    let shown = env.ok(&["show", &id]);
    let feed_line = shown
        .lines()
        .find(|l| l.starts_with("Feed:"))
        .expect("feed line");
    assert_eq!(
        feed_line.split_whitespace().collect::<Vec<_>>(),
        ["Feed:", "BMAS"]
    );
    // Help of the commands that take dates explains them; topics' --limit counts topics.
    assert!(env
        .ok(&["list", "--help"])
        .contains("Dates: YYYY-MM-DD, DD.MM.YYYY"));
    let topics_help = env.ok(&["topics", "--help"]);
    assert!(
        topics_help.contains("Dates: YYYY-MM-DD") && topics_help.contains("for `topics`, topics")
    );
    // remove takes the name in any case, as --feed does.
    assert_eq!(env.run(&["remove", "bmas"]).code, 0);
    assert!(!std::fs::read_to_string(env.config_path())
        .expect("config")
        .contains("/bmas.xml"));
}

#[test]
fn errors_say_each_cause_once_and_in_words() {
    let env = TestEnv::new();
    let port = closed_port();
    std::fs::write(
        env.config_path(),
        format!("[[feed]]\nname = \"Weg\"\nurl = \"http://127.0.0.1:{port}/feed.xml\"\n"),
    )
    .expect("config");
    let run = env.run(&["fetch"]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr,
        "Weg: error: no connection to 127.0.0.1: connection refused\n"
    );
    // A data dir that is a file: the OS error once.
    let file = env.data_dir().with_file_name("eine-datei");
    std::fs::write(&file, "x").expect("file");
    let out = env
        .command_with(&env.config_path(), &file)
        .arg("list")
        .output()
        .expect("run");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stderr.matches("File exists").count(), 1, "{stderr}");
}

#[test]
fn a_german_run_speaks_german() {
    let env = TestEnv::new();
    env.server
        .route("/gut.xml", Reply::xml(fixture("feeds/gsb_bmi.xml")));
    env.server.route("/kaputt.xml", Reply::Status(500));
    env.write_config(&[
        ("Gut", "/gut.xml", Some("BMI")),
        ("Kaputt", "/kaputt.xml", None),
    ]);
    let de = [("LANG", "de_DE.UTF-8")];
    let run_de = |args: &[&str]| {
        let mut cmd = env.cmd();
        cmd.env("LANG", "de_DE.UTF-8").args(args);
        let out = cmd.output().expect("run");
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let _ = run_de(&["fetch"]);
    let feeds = env.ok_with_env(&de, &["feeds"]);
    assert!(feeds.starts_with("NAME"), "{feeds}");
    assert!(
        feeds.contains("MINISTERIUM") && feeds.contains("UNGELESEN"),
        "{feeds}"
    );
    assert!(feeds.contains("Fehler: HTTP 500"), "{feeds}");
    let doctor = env.ok_with_env(&de, &["doctor"]);
    assert!(doctor.contains("Integrität: in Ordnung"), "{doctor}");
    let help = env.ok_with_env(&de, &["--help"]);
    assert!(
        help.contains("Aufruf: amtsfeed") && help.contains("Alle Feeds (oder einen) laden"),
        "{help}"
    );
    assert!(!help.contains("Download all feeds"), "{help}");
    let (code, _, stderr) = run_de(&["show", "4242"]);
    assert_eq!(
        (code, stderr.trim()),
        (
            Some(1),
            "amtsfeed: Fehler: kein Artikel mit der Nummer 4242"
        )
    );
    let (code, _, stderr) = run_de(&["list", "--feed", "BMX"]);
    assert_eq!(
        (code, stderr.trim()),
        (
            Some(1),
            "amtsfeed: Fehler: kein Feed heißt 'BMX' (siehe `amtsfeed feeds`)"
        )
    );
    let (code, _, stderr) = run_de(&["list", "--since", "morgen"]);
    assert_eq!(code, Some(1));
    assert_eq!(
        stderr.trim(),
        "amtsfeed: Fehler: --since: ungültiges Datum 'morgen': JJJJ-MM-TT, TT.MM.JJJJ, Nt/Nw/Nm/Nj (vor N Tagen, Wochen, Monaten, Jahren), heute oder gestern"
    );
}

#[test]
fn the_default_config_is_printed_even_when_the_users_is_broken() {
    let env = TestEnv::new();
    std::fs::write(env.config_path(), "concurrency = \"viele\"\n").expect("write");
    let default = env.run(&["config", "--default"]);
    assert_eq!(default.code, 0, "{}", default.stderr);
    assert!(default.stdout.contains("[[feed]]"), "{}", default.stdout);
    // It is a valid config itself.
    let fresh = env.dir.path().join("fresh.toml");
    std::fs::write(&fresh, &default.stdout).expect("write");
    let path = env
        .cmd()
        .args(["config", "--config"])
        .arg(&fresh)
        .output()
        .expect("run");
    assert_eq!(path.status.code(), Some(0));
    assert_eq!(
        String::from_utf8_lossy(&path.stdout).trim(),
        fresh.display().to_string()
    );
}
