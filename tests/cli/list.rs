//! Filters from the command line: topic substrings, every date form, combinations.

use chrono::{Days, TimeZone, Utc};

use crate::fetch::scenario;
use crate::server::Reply;
use crate::util::TestEnv;

#[test]
fn topic_keywords_are_case_insensitive_substrings_of_title_topics_and_text() {
    let env = scenario();
    env.run(&["fetch"]);
    let mut found = env.titles(&["--topic", "digitalisierung"]);
    found.sort();
    assert_eq!(found, [
        "Bundesumweltministerium startet Wettbewerb für Kreislaufwirtschaft", // category
        "Digitalisierung der Justiz: Bundesrat fordert mehr Tempo",          // title
        "Video: BMI diskutiert mit Nachwuchsnetzwerk über die Zukunft der Verwaltungsdigitalisierung", // inside a word
    ]);
    assert_eq!(
        env.titles(&["--topic", "KATASTROPHENSCHUTZ", "--since", "1.12.2021"]),
        [
            "Hochwasserschutz: Bund und Länder vereinbaren Aktionsplan", // teaser text
            "Regierungspressekonferenz vom 14. Dezember",                // Atom xhtml content
        ]
    );
    assert_eq!(
        env.titles(&["--topic", "münchen"]),
        ["Bundesinnenministerin stärkt den Katastrophenschutz: 100 neue Fahrzeuge für das THW"]
    );
    assert_eq!(
        env.titles(&["-t", "justiz", "-t", "tempo"]),
        ["Digitalisierung der Justiz: Bundesrat fordert mehr Tempo"]
    );
    assert!(env.titles(&["-t", "justiz", "-t", "hochwasser"]).is_empty());
}

#[test]
fn absolute_dates_feed_and_limit() {
    let env = scenario();
    env.run(&["fetch"]);
    assert_eq!(env.titles(&["--since", "16.12.2021", "--until", "16.12.2021"]), [
        "Video: BMI diskutiert mit Nachwuchsnetzwerk über die Zukunft der Verwaltungsdigitalisierung",
    ]);
    assert_eq!(
        env.titles(&["--since", "2021-12-14", "--until", "2021-12-15"]),
        [
            "Kabinett beschließt Digitalstrategie",
            "Regierungspressekonferenz vom 14. Dezember",
        ]
    );
    assert_eq!(
        env.titles(&["--feed", "bmi", "--until", "2.11.2021"]),
        [
            "Bundesinnenministerin stärkt den Katastrophenschutz: 100 neue Fahrzeuge für das THW",
            "Maßnahmenpaket gegen Cyberangriffe auf Kommunen beschlossen",
        ]
    );
    assert_eq!(
        env.titles(&["--feed", "BMUKN Meldungen", "--limit", "1"]),
        ["Hochwasserschutz: Bund und Länder vereinbaren Aktionsplan",]
    );
    assert_eq!(
        env.titles(&["--query", "digitalisierung feed:BMI since:1.12.2021"])
            .len(),
        1
    );
    let bad = env.run(&["list", "--since", "31.02.2021"]);
    assert_eq!(bad.code, 1);
    assert!(
        bad.stderr.contains("invalid date '31.02.2021'") && bad.stderr.contains("DD.MM.YYYY"),
        "{}",
        bad.stderr
    );
    assert_eq!(bad.stderr.lines().count(), 1);
}

#[test]
fn table_fits_the_terminal_width() {
    let env = scenario();
    env.run(&["fetch"]);
    let out = env
        .cmd()
        .args(["list", "--feed", "BMI"])
        .env("COLUMNS", "60")
        .output()
        .expect("run");
    let text = String::from_utf8(out.stdout).expect("utf-8");
    assert_eq!(text.lines().count(), 3);
    for line in text.lines() {
        assert!(unicode_width(line) <= 60, "too wide: {line}");
        assert!(line.contains("BMI"), "{line}");
    }
    assert!(text.lines().next().expect("line").contains("16.12.2021"));
    assert!(text.lines().next().expect("line").ends_with('…'));
}

fn unicode_width(s: &str) -> usize {
    s.chars().count()
}

/// Items dated relative to today, so every relative date form has something to find.
/// The test and the binary agree on the zone (UTC), so on "today" too, at any hour.
fn relative_feed(env: &TestEnv) {
    env.set_zone("UTC0");
    let today = Utc::now().date_naive();
    let item = |title: &str, days_ago: u64| {
        let day = today.checked_sub_days(Days::new(days_ago)).expect("date");
        let noon = Utc
            .from_local_datetime(&day.and_hms_opt(12, 0, 0).expect("noon"))
            .earliest()
            .expect("utc");
        format!(
            "<item><title>{title}</title><guid>{title}</guid><pubDate>{}</pubDate></item>",
            noon.to_rfc2822()
        )
    };
    let body = format!(
        "<rss version=\"2.0\"><channel><title>Relativ</title>{}{}{}{}{}</channel></rss>",
        item("Heute", 0),
        item("Gestern", 1),
        item("Vor fünf Tagen", 5),
        item("Vor zehn Tagen", 10),
        item("Vor sechzig Tagen", 60)
    );
    env.server.route("/rel.xml", Reply::xml(body));
    env.write_config(&[("Relativ", "/rel.xml", None)]);
}

#[test]
fn relative_date_forms() {
    let env = TestEnv::new();
    relative_feed(&env);
    env.ok(&["fetch"]);
    assert_eq!(env.titles(&["--since", "today"]), ["Heute"]);
    assert_eq!(env.titles(&["--since", "heute"]), ["Heute"]);
    assert_eq!(
        env.titles(&["--since", "gestern", "--until", "yesterday"]),
        ["Gestern"]
    );
    assert_eq!(
        env.titles(&["--since", "7d"]),
        ["Heute", "Gestern", "Vor fünf Tagen"]
    );
    assert_eq!(env.titles(&["--since", "2w"]).len(), 4);
    assert_eq!(env.titles(&["--since", "3m"]).len(), 5);
    assert_eq!(
        env.titles(&["--until", "1w"]),
        ["Vor zehn Tagen", "Vor sechzig Tagen"]
    );
    assert_eq!(
        env.titles(&["--query", "seit:1w bis:gestern"]),
        ["Gestern", "Vor fünf Tagen"]
    );
}

#[test]
fn saved_filters_and_topic_counts() {
    let env = scenario();
    let config = std::fs::read_to_string(env.config_path()).expect("config");
    std::fs::write(env.config_path(), format!("{config}\n[[filter]]\nname = \"Digitales\"\nquery = \"digitalisierung since:1.12.2021\"\n")).expect("write");
    env.run(&["fetch"]);
    assert_eq!(env.titles(&["--saved", "digitales"]), [
        "Video: BMI diskutiert mit Nachwuchsnetzwerk über die Zukunft der Verwaltungsdigitalisierung",
        "Bundesumweltministerium startet Wettbewerb für Kreislaufwirtschaft",
    ]);
    // Flags narrow a saved filter further.
    assert_eq!(
        env.titles(&["--saved", "Digitales", "--feed", "BMUKN"])
            .len(),
        1
    );
    let missing = env.run(&["list", "--saved", "Gibt es nicht"]);
    assert_eq!(missing.code, 1);
    assert!(
        missing
            .stderr
            .contains("no saved filter named 'Gibt es nicht'"),
        "{}",
        missing.stderr
    );

    let table = env.ok(&["topics", "--feed", "BMUKN"]);
    assert_eq!(
        table,
        "1  Digitalisierung\n1  Klimaanpassung\n1  Kreislaufwirtschaft\n"
    );
    let json: serde_json::Value =
        serde_json::from_str(&env.ok(&["topics", "--format", "json", "--limit", "2"]))
            .expect("json");
    assert_eq!(json.as_array().map(Vec::len), Some(2));
    let count = |i: usize| json[i]["count"].as_u64().expect("a count");
    assert!(count(0) >= count(1) && count(1) > 0, "{json}");
    // The two are the first two of the whole list, most frequent first.
    let all: serde_json::Value =
        serde_json::from_str(&env.ok(&["topics", "--format", "json"])).expect("json");
    assert_eq!(json[0], all[0]);
    assert_eq!(json[1], all[1]);
    let max = all
        .as_array()
        .expect("array")
        .iter()
        .filter_map(|t| t["count"].as_u64())
        .max();
    assert_eq!(Some(count(0)), max);

    std::fs::write(
        env.config_path(),
        format!("{config}\n[[filter]]\nname = \"Kaputt\"\nquery = \"since:31.02.2021\"\n"),
    )
    .expect("write");
    let bad = env.run(&["list"]);
    assert_eq!(bad.code, 1);
    assert!(
        bad.stderr
            .contains("filter 'Kaputt': invalid date '31.02.2021'"),
        "{}",
        bad.stderr
    );
}

#[test]
fn the_query_language_from_the_command_line() {
    let env = scenario();
    env.run(&["fetch"]);
    let thw = "Bundesinnenministerin stärkt den Katastrophenschutz: 100 neue Fahrzeuge für das THW";
    let cyber = "Maßnahmenpaket gegen Cyberangriffe auf Kommunen beschlossen";
    let justiz = "Digitalisierung der Justiz: Bundesrat fordert mehr Tempo";
    let q = |query: &str| env.titles(&["--query", query]);
    assert_eq!(q("justiz OR cyberangriffe"), [justiz, cyber]);
    assert_eq!(q("titel:Massnahmenpaket"), [cyber], "ß folded");
    assert_eq!(q("feed:BMI -katastrophenschutz -video"), [cyber]);
    assert_eq!(q("(THW OR cyber) NICHT kommunen"), [thw]);
    assert_eq!(q("ministerium:BMI titel:Fahrzeuge"), [thw]);
    // A query may start with a negation (-q takes it as the query, not as a flag).
    let video = "Video: BMI diskutiert mit Nachwuchsnetzwerk über die Zukunft der Verwaltungsdigitalisierung";
    let all_but = env.titles(&["-q", "-katastrophenschutz Kommunen"]);
    assert_eq!(all_but, [video, cyber]);
    assert_eq!(env.titles(&["-q", "-THW Fahrzeuge"]), Vec::<String>::new());
    // Abbreviations are whole words: THW, not "thw" inside another word.
    assert_eq!(q("THW"), [thw]);
    // A saved `a OR b` keeps its meaning when a query narrows it.
    let config = std::fs::read_to_string(env.config_path()).expect("config");
    std::fs::write(
        env.config_path(),
        format!("{config}\n[[filter]]\nname = \"Sicherheit\"\nquery = \"THW OR cyberangriffe\"\n"),
    )
    .expect("write");
    assert_eq!(
        env.titles(&["--saved", "Sicherheit", "--query", "kommunen"]),
        [cyber]
    );
    // A misspelt field is one clear line and exit 1, in the run's language.
    let bad = env.run_with_env(&[("LANG", "en_US.UTF-8")], &["list", "--query", "sicne:2w"]);
    assert_eq!(bad.code, 1);
    assert!(
        bad.stderr
            .contains("unknown field 'sicne:' (did you mean since:?)"),
        "{}",
        bad.stderr
    );
    assert_eq!(bad.stderr.lines().count(), 1, "{}", bad.stderr);
    let german = env.run_with_env(&[("LANG", "de_DE.UTF-8")], &["list", "--query", "fed:BMI"]);
    assert!(
        german
            .stderr
            .contains("unbekanntes Feld 'fed:' (gemeint: feed:?)"),
        "{}",
        german.stderr
    );
    // clap's own errors are German in a German run, with the tip and the usage.
    let german = env.run_with_env(&[("LANG", "de_DE.UTF-8")], &["list", "--limt", "5"]);
    assert_eq!(german.code, 2);
    assert!(
        german
            .stderr
            .starts_with("amtsfeed: Fehler: unerwartetes Argument '--limt'")
            && german.stderr.contains("gemeint ist wohl '--limit'")
            && german.stderr.contains("Aufruf: amtsfeed list"),
        "{}",
        german.stderr
    );
    let english = env.run_with_env(&[("LANG", "en_US.UTF-8")], &["list", "--limt", "5"]);
    assert!(
        english.stderr.contains("unexpected argument '--limt'"),
        "{}",
        english.stderr
    );
}

#[test]
fn ministries_keep_their_articles_across_renames() {
    let env = TestEnv::new();
    env.server.route(
        "/wirtschaft.xml",
        Reply::xml(crate::util::fixture("feeds/gsb_bmi.xml")),
    );
    // A cache written under a name the table does not know.
    env.write_config(&[("Wirtschaft alt", "/wirtschaft.xml", Some("Wimi"))]);
    env.run(&["fetch"]);
    let ministry_of_first = |args: &[&str]| -> Option<String> {
        let mut all = vec!["list", "--format", "json"];
        all.extend_from_slice(args);
        let json: serde_json::Value = serde_json::from_str(&env.ok(&all)).expect("json");
        json[0]["ministry"].as_str().map(str::to_owned)
    };
    assert_eq!(ministry_of_first(&[]).as_deref(), Some("Wimi"));
    // Then the user's table says Wimi was an earlier name of the BMWE, and the feed is gone
    // from the config: its articles are the BMWE's under every name of it.
    std::fs::write(
        env.config_path(),
        "full_text = false\n[[ministry]]\nname = \"BMWE\"\naliases = [\"Wimi\"]\n",
    )
    .expect("write");
    for query in [
        "ministerium:BMWK",
        "feed:Wirtschaft",
        "ministry:bmwi",
        "feed:Wimi",
    ] {
        assert_eq!(env.titles(&["--query", query]).len(), 3, "{query}");
    }
    assert_eq!(env.titles(&["--feed", "BMWK"]).len(), 3);
    let other = env.run(&["list", "--query", "ministerium:BMI"]);
    assert!(
        other.stderr.contains("no feed named 'BMI'"),
        "{}",
        other.stderr
    );
    assert_eq!(ministry_of_first(&[]).as_deref(), Some("BMWE"));
}

#[test]
fn saved_filters_announce_new_matches_after_fetch() {
    let env = TestEnv::new();
    env.server.route(
        "/bmi.xml",
        Reply::xml(crate::util::fixture("feeds/gsb_bmi.xml")),
    );
    let record = env.dir.path().join("notified.txt");
    let script = env.dir.path().join("notify.sh");
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\nprintf '%s|%s\\n' \"$1\" \"$2\" >> '{}'\n",
            record.display()
        ),
    )
    .expect("script");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    }
    env.write_config_with(
        &format!(
            "full_text = false\nnotify_command = [\"{}\", \"amtsfeed\", \"%s\"]\n",
            script.display()
        ),
        &[("BMI Presse", "/bmi.xml", Some("BMI"))],
    );
    let config = std::fs::read_to_string(env.config_path()).expect("config");
    std::fs::write(
        env.config_path(),
        format!(
            "{config}\n[[filter]]\nname = \"Sicherheit\"\nquery = \"Katastrophenschutz OR Cyberangriffe\"\nnotify = true\n\
             \n[[filter]]\nname = \"Still\"\nquery = \"THW\"\n"
        ),
    )
    .expect("write");
    let english = [("LANG", "en_US.UTF-8")];
    let first = env.run_with_env(&english, &["fetch"]);
    assert_eq!(first.code, 0, "{}", first.stderr);
    // The feed line as always, then the alert; a filter without notify says nothing.
    let lines: Vec<&str> = first.stdout.lines().collect();
    assert_eq!(
        lines,
        ["BMI Presse: 3 new, 0 updated", "Sicherheit: 2 new matches"]
    );
    // `filters` counts as the sidebar does (never looked at: every match is new), and
    // counting is not looking.
    let new_of = |env: &TestEnv| {
        let out = env.run(&["filters", "--format", "json"]);
        assert_eq!(out.code, 0, "{}", out.stderr);
        let filters: serde_json::Value = serde_json::from_str(&out.stdout).expect("json");
        (filters[0]["new"].clone(), filters[0]["total"].clone())
    };
    assert_eq!(new_of(&env), (2.into(), 2.into()));
    assert_eq!(new_of(&env), (2.into(), 2.into()));
    // Never looked at: everything is new; looking at it makes it old.
    assert_eq!(env.titles(&["--saved", "Sicherheit", "--new"]).len(), 2);
    assert!(env.titles(&["--saved", "Sicherheit", "--new"]).is_empty());
    assert_eq!(new_of(&env), (0.into(), 2.into()));
    // One more release: one new match, announced in German by default.
    env.server.route(
        "/bmi.xml",
        Reply::xml(
            "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>BMI</title>\
             <item><title>Neue Sirenen für den Katastrophenschutz</title>\
             <link>https://www.bmi.bund.de/sirenen.html</link>\
             <pubDate>Mon, 20 Dec 2021 10:00:00 +0100</pubDate></item></channel></rss>"
                .as_bytes()
                .to_vec(),
        ),
    );
    let second = env.run_with_env(&[("LANG", "de_DE.UTF-8")], &["fetch"]);
    assert!(
        second.stdout.ends_with("Sicherheit: 1 neuer Treffer\n"),
        "{}",
        second.stdout
    );
    assert_eq!(
        env.titles(&["--saved", "Sicherheit", "--new"]),
        ["Neue Sirenen für den Katastrophenschutz"]
    );
    // The command ran once per alert, without a shell, the message one argument.
    let mut notified = String::new();
    for _ in 0..100 {
        notified = std::fs::read_to_string(&record).unwrap_or_default();
        if notified.lines().count() == 2 {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert_eq!(
        notified,
        "amtsfeed|Sicherheit: 2 new matches\namtsfeed|Sicherheit: 1 neuer Treffer\n"
    );
    // --new needs --saved.
    assert_ne!(env.run(&["list", "--new"]).code, 0);
}

#[test]
fn a_release_in_two_feeds_is_listed_once_with_also_in() {
    let env = TestEnv::new();
    let rss1 = crate::util::fixture("feeds/rss1.xml");
    env.server.route("/bundesrat.rdf", Reply::xml(rss1.clone()));
    env.server.route("/plenum.rdf", Reply::xml(rss1));
    env.write_config(&[
        ("Bundesrat", "/bundesrat.rdf", None),
        ("Plenum", "/plenum.rdf", None),
    ]);
    env.run(&["fetch"]);
    let rows = env.list_json(&[]);
    assert_eq!(rows.len(), 2, "{rows:?}");
    // Under the feed stored first (the two are fetched side by side), the other in also_in.
    let first = rows[0]["feed"].as_str().expect("feed").to_owned();
    let other = if first == "Bundesrat" {
        "Plenum"
    } else {
        "Bundesrat"
    };
    for row in &rows {
        assert_eq!(row["feed"], first.as_str());
        assert_eq!(row["also_in"], serde_json::json!([other]));
    }
    assert_eq!(env.list_json(&["--no-group"]).len(), 4);
    assert_eq!(env.list_json(&["--feed", "Plenum"]).len(), 2);
    // show names the other source with its link.
    let id = rows[0]["id"].as_i64().expect("id").to_string();
    let shown = env.ok_with_env(&[("LANG", "en_US.UTF-8")], &["show", &id]);
    assert!(
        shown
            .lines()
            .any(|l| l.starts_with("also:") && l.contains(&format!("{other} http"))),
        "{shown}"
    );
    // Read once, read everywhere.
    env.ok(&["read", &id]);
    assert_eq!(env.list_json(&["--no-group", "--unread"]).len(), 2);
}
