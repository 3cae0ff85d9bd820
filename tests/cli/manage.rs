//! Feed management: `add` (checked, named, stored), `remove` (with and without --purge),
//! `export-opml --output`; all edits keep the user's comments.

use crate::server::Reply;
use crate::util::{fixture, TestEnv};

fn env_with_one_feed() -> TestEnv {
    let env = TestEnv::new();
    env.server
        .route("/bmi.xml", Reply::xml(fixture("feeds/gsb_bmi.xml")));
    env.server
        .route("/bmukn.rss", Reply::xml(fixture("feeds/typo3_bmukn.xml")));
    env.server.route(
        "/seite.html",
        Reply::with_type(
            "<html><body><p>Keine Feed-Datei</p></body></html>",
            "text/html",
        ),
    );
    env.write_config_with(
        "# Meine Einstellungen\nfull_text = false\n",
        &[("BMI Presse", "/bmi.xml", Some("BMI"))],
    );
    env
}

#[test]
fn add_checks_the_feed_names_it_by_its_title_and_stores_its_articles() {
    let env = env_with_one_feed();
    let url = env.server.url("/bmukn.rss");
    // Served here, not on its ministry's domain: the user says whose feed it is.
    let out = env.ok(&["add", &url, "--topic", "Umwelt", "--ministry", "BMUKN"]);
    assert!(
        out.starts_with("added 'BMUKN Meldungen Allgemein' to ")
            && out.contains("2 articles stored"),
        "{out}"
    );
    // Readable at once, with the configured topic, without a fetch.
    let titles = env.titles(&["--feed", "BMUKN Meldungen Allgemein", "--topic", "Umwelt"]);
    assert!(
        titles.iter().any(|t| t.starts_with("Hochwasserschutz")),
        "{titles:?}"
    );
    let config = std::fs::read_to_string(env.config_path()).expect("config");
    assert!(config.starts_with("# Meine Einstellungen\n"), "{config}");
    assert!(config.contains("topics = [\"Umwelt\"]"), "{config}");
    // The same URL again is refused, naming the feed that has it; the config is unchanged.
    let again = env.run(&["add", &url]);
    assert_eq!(again.code, 1);
    assert!(
        again
            .stderr
            .contains("already configured as 'BMUKN Meldungen Allgemein'"),
        "{}",
        again.stderr
    );
    assert_eq!(
        std::fs::read_to_string(env.config_path()).expect("config"),
        config
    );
}

#[test]
fn add_refuses_what_is_not_a_feed_unless_unchecked() {
    let env = env_with_one_feed();
    let before = std::fs::read_to_string(env.config_path()).expect("config");
    let page = env.server.url("/seite.html");
    let run = env.run(&["add", &page]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("not added: this is a web page that announces no feed"),
        "{}",
        run.stderr
    );
    assert_eq!(run.stderr.trim().lines().count(), 1, "{}", run.stderr);
    // A local file is checked like any feed: this one is none.
    let run = env.run(&["add", "file:///etc/passwd"]);
    assert!(
        run.stderr
            .contains("not added: not an RSS, Atom or JSON feed"),
        "{}",
        run.stderr
    );
    let run = env.run(&["add", "ftp://ftp.example.org/feed.xml"]);
    assert!(
        run.stderr
            .contains("only http(s) feed URLs and existing local files"),
        "{}",
        run.stderr
    );
    assert_eq!(
        std::fs::read_to_string(env.config_path()).expect("config"),
        before
    );
    let out = env.ok(&[
        "add",
        &env.server.url("/spaeter.xml"),
        "--no-check",
        "--name",
        "Später",
    ]);
    assert!(
        out.contains("added 'Später'") && out.contains("not checked"),
        "{out}"
    );
    assert!(env.ok(&["feeds"]).contains("Später"));
}

#[test]
fn remove_keeps_articles_unless_purged() {
    let env = env_with_one_feed();
    let url = env.server.url("/bmukn.rss");
    env.ok(&["add", &url, "--name", "Umwelt"]);
    env.ok(&["fetch"]);
    let bmi_titles = env.titles(&["--feed", "BMI"]);
    assert!(!bmi_titles.is_empty());
    let out = env.ok(&["remove", "bmi presse"]);
    assert!(
        out.contains("removed 'BMI Presse'") && out.contains("stay in the cache"),
        "{out}"
    );
    assert!(!env.ok(&["feeds"]).contains("BMI Presse"));
    let all = env.titles(&[]);
    assert!(bmi_titles.iter().all(|t| all.contains(t)), "{all:?}");
    let out = env.ok(&["remove", "Umwelt", "--purge"]);
    assert!(out.contains("deleted its 2 articles"), "{out}");
    assert!(env.titles(&["--topic", "Hochwasserschutz"]).is_empty());
    let run = env.run(&["remove", "Umwelt"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("no feed named 'Umwelt'"),
        "{}",
        run.stderr
    );
    let config = std::fs::read_to_string(env.config_path()).expect("config");
    assert!(
        config.starts_with("# Meine Einstellungen\n") && !config.contains("[[feed]]"),
        "{config}"
    );
}

#[test]
fn export_opml_writes_a_file_that_imports_back() {
    let env = env_with_one_feed();
    let file = env.dir.path().join("out.opml");
    let run = env.run(&["export-opml", "--output", file.to_str().expect("path")]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.is_empty());
    let xml = std::fs::read_to_string(&file).expect("written");
    assert!(
        xml.contains("xmlUrl=\"") && xml.contains("BMI Presse"),
        "{xml}"
    );
    let other = TestEnv::new();
    other.write_config(&[]);
    let out = other.ok(&["import-opml", file.to_str().expect("path")]);
    assert!(out.starts_with("imported 1 feed into"), "{out}");
}

#[test]
fn add_and_import_create_a_config_named_by_flag_from_the_bundled_list() {
    let env = TestEnv::new();
    let fresh = env.data_dir().with_file_name("neu.toml");
    let base = |args: &[&str]| env.run_with_config(&fresh, args);
    // Reading commands still say that the named file is missing.
    let run = base(&["feeds"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("cannot read"), "{}", run.stderr);
    let run = base(&[
        "add",
        "https://www.bmi.bund.de/neu.xml",
        "--no-check",
        "--name",
        "Neu",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = std::fs::read_to_string(&fresh).expect("created");
    assert!(
        text.starts_with("# amtsfeed: bundled default configuration."),
        "{text}"
    );
    assert!(text.contains("https://www.bmi.bund.de/neu.xml"));
    std::fs::remove_file(&fresh).expect("remove");
    let opml = env.data_dir().with_file_name("liste.opml");
    std::fs::write(&opml, fixture("opml/newsboat-2.21-export.opml")).expect("opml");
    let run = base(&["import-opml", opml.to_str().expect("utf-8")]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(fresh.exists());
    let run = base(&["feeds"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[test]
fn add_takes_what_people_type_paths_hosts_without_scheme_and_article_pages() {
    let env = env_with_one_feed();
    env.server.route(
        "/artikel.html",
        Reply::with_type(
            "<html><head><title>Artikel</title><link rel=\"alternate\" type=\"application/rss+xml\" title=\"Umwelt\" href=\"/bmukn.rss\"></head><body><p>Text</p></body></html>",
            "text/html; charset=utf-8",
        ),
    );
    // A host without a scheme: a suggestion, nothing added.
    let run = env.run(&["add", "www.bmi.bund.de/DE/feed.xml"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("has no scheme; did you mean https://www.bmi.bund.de/DE/feed.xml ?"),
        "{}",
        run.stderr
    );
    // An article page that announces its feed: the feed is added.
    let page = env.server.url("/artikel.html");
    let run = env.run(&["add", &page, "--name", "Umwelt"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("adding the feed it announces"),
        "{}",
        run.stderr
    );
    let config = std::fs::read_to_string(env.config_path()).expect("config");
    assert!(config.contains(&env.server.url("/bmukn.rss")), "{config}");
    assert!(!config.contains("/artikel.html"), "{config}");
    // A local file, as the config itself allows, by a relative path.
    let dir = env.config_path().with_file_name("feeds");
    std::fs::create_dir_all(&dir).expect("dir");
    std::fs::write(dir.join("lokal.xml"), fixture("feeds/atom.xml")).expect("feed");
    let out = env
        .command_with(&env.config_path(), &env.data_dir())
        .current_dir(&dir)
        .args(["add", "./lokal.xml", "--name", "Lokal"])
        .output()
        .expect("run");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let config = std::fs::read_to_string(env.config_path()).expect("config");
    let absolute =
        url::Url::from_file_path(dir.join("lokal.xml").canonicalize().expect("path")).expect("url");
    assert!(config.contains(absolute.as_str()), "{config}");
}

#[test]
fn remove_takes_several_names_and_a_typo_removes_nothing() {
    let env = env_with_one_feed();
    for (name, path) in [("Umwelt", "/bmukn.rss"), ("Zweite", "/zwei.rss")] {
        let url = env.server.url(path);
        env.ok(&["add", "--no-check", &url, "--name", name]);
    }
    let before = std::fs::read_to_string(env.config_path()).expect("config");
    let run = env.run(&["remove", "Umwelt", "Zwiete"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("no feed named 'Zwiete'"),
        "{}",
        run.stderr
    );
    assert_eq!(
        std::fs::read_to_string(env.config_path()).expect("config"),
        before,
        "nothing removed"
    );
    let out = env.ok(&["remove", "umwelt", "ZWEITE", "Umwelt"]);
    assert_eq!(out.lines().count(), 2, "each feed once: {out}");
    let feeds = env.ok(&["feeds"]);
    assert!(
        !feeds.contains("Umwelt") && !feeds.contains("Zweite"),
        "{feeds}"
    );
    assert!(feeds.contains("BMI Presse"), "{feeds}");
}
