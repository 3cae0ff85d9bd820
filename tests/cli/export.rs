//! Exports (`list --format ndjson|csv|markdown`, `show --format markdown`) and the UI
//! language in CLI output.

use crate::fetch::scenario;

#[test]
fn list_exports_carry_the_same_rows() {
    let env = scenario();
    env.run(&["fetch"]);
    let json = env.list_json(&[]);
    assert!(json.len() > 5);

    let ndjson = env.ok(&["list", "--format", "ndjson"]);
    let lines: Vec<serde_json::Value> = ndjson
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is one JSON object"))
        .collect();
    assert_eq!(lines, json);

    let csv_text = env.ok(&["list", "--format", "csv"]);
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let headers = reader.headers().expect("header").clone();
    assert_eq!(&headers[0], "id");
    assert_eq!(&headers[4], "title");
    let records: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("record")).collect();
    assert_eq!(records.len(), json.len());
    for (record, item) in records.iter().zip(&json) {
        assert_eq!(record[0], item["id"].to_string());
        assert_eq!(&record[4], item["title"].as_str().expect("title"));
        assert_eq!(&record[1], item["published"].as_str().expect("date"));
    }

    let markdown = env.ok(&[
        "list",
        "--format",
        "markdown",
        "--topic",
        "Digitalstrategie",
    ]);
    let mut lines = markdown.lines();
    assert_eq!(lines.next(), Some("| Date | Feed | Title |"));
    assert_eq!(lines.next(), Some("|---|---|---|"));
    let row = lines.next().expect("one article");
    // Published 2021-12-15T11:00:00+01:00: the 15th in Berlin, whatever zone runs the test.
    assert!(row.starts_with("| 15.12.2021 | "), "{row}");
    assert!(
        row.contains("[Kabinett beschließt Digitalstrategie](<http"),
        "{row}"
    );
}

#[test]
fn show_as_markdown_turns_link_numbers_into_references() {
    let env = scenario();
    env.run(&["fetch"]);
    let id = env
        .id_of("Kabinett beschließt Digitalstrategie")
        .to_string();
    let md = env.ok(&["show", &id, "--format", "markdown"]);
    assert!(
        md.starts_with("# Kabinett beschließt Digitalstrategie\n\n- **Feed:** "),
        "{md}"
    );
    assert!(md.contains("- **Date:** "), "{md}");
    assert!(md.contains("Digitalstrategie[1]"), "{md}");
    assert!(
        md.trim_end()
            .ends_with("[1]: <https://www.bundesregierung.de/digitalstrategie>"),
        "{md}"
    );
    assert!(!md.contains("track()"), "scripts stay out: {md}");
}

#[test]
fn language_follows_config_then_locale() {
    let env = scenario();
    env.run(&["fetch"]);
    let id = env
        .id_of("Kabinett beschließt Digitalstrategie")
        .to_string();
    // C locale: English words, the core contract's dd.mm.yyyy dates.
    let neutral = env.ok(&["show", &id]);
    assert!(
        neutral.contains("\nDate:   1") && neutral.contains(".12.2021"),
        "{neutral}"
    );
    let german = env.ok_with_env(&[("LANG", "de_DE.UTF-8")], &["show", &id]);
    assert!(
        german.contains("\nDatum:") && german.contains("\nThemen:"),
        "{german}"
    );
    let german_md = env.ok_with_env(
        &[("LANG", "de_DE.UTF-8")],
        &[
            "list",
            "--format",
            "markdown",
            "--topic",
            "Digitalstrategie",
        ],
    );
    assert!(german_md.starts_with("| Datum | Feed | Titel |"));
    let english = env.ok_with_env(
        &[("LANG", "en_GB.UTF-8")],
        &["list", "--topic", "Digitalstrategie"],
    );
    assert!(
        english.contains("  2021-12-1"),
        "ISO dates in English: {english}"
    );
    let english_show = env.ok_with_env(&[("LC_ALL", "en_US.UTF-8")], &["show", &id]);
    assert!(
        english_show.contains("\nDate:") && english_show.contains("\nTopics:"),
        "{english_show}"
    );
    // State changes speak the language too; the C locale keeps the English words.
    let german_read = env.ok_with_env(&[("LANG", "de_DE.UTF-8")], &["star", &id]);
    assert_eq!(german_read, "1 Artikel: mit Stern\n");
    assert_eq!(env.ok(&["unstar", &id]), "1 article marked unstarred\n");
    // The config wins over the locale.
    let config = std::fs::read_to_string(env.config_path()).expect("config");
    std::fs::write(env.config_path(), format!("language = \"de\"\n{config}")).expect("write");
    let forced = env.ok_with_env(
        &[("LANG", "en_GB.UTF-8")],
        &["list", "--topic", "Digitalstrategie"],
    );
    assert!(forced.contains(".12.2021"), "{forced}");
    // The scripting contract is the same in both languages.
    let json_en = env.ok_with_env(&[("LANG", "en_GB.UTF-8")], &["list", "--format", "json"]);
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&json_en).expect("json"),
        serde_json::Value::Array(env.list_json(&[]))
    );
}

#[test]
fn topic_counts_export_alike_in_every_format() {
    let env = scenario();
    env.run(&["fetch"]);
    let json: Vec<serde_json::Value> =
        serde_json::from_str(&env.ok(&["topics", "--format", "json"])).expect("json");
    assert!(!json.is_empty());
    let ndjson: Vec<serde_json::Value> = env
        .ok(&["topics", "--format", "ndjson"])
        .lines()
        .map(|l| serde_json::from_str(l).expect("line"))
        .collect();
    assert_eq!(ndjson, json);
    let csv_text = env.ok(&["topics", "--format", "csv"]);
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let rows: Vec<(String, u64)> = reader
        .records()
        .map(|r| {
            let r = r.expect("record");
            (r[0].to_owned(), r[1].parse().expect("count"))
        })
        .collect();
    let from_json: Vec<(String, u64)> = json
        .iter()
        .map(|v| {
            (
                v["topic"].as_str().expect("topic").to_owned(),
                v["count"].as_u64().expect("count"),
            )
        })
        .collect();
    assert_eq!(rows, from_json);
    let markdown = env.ok(&["topics", "--format", "markdown"]);
    assert!(
        markdown.starts_with("| Topic | Articles |\n|---|---:|\n"),
        "{markdown}"
    );
    assert_eq!(markdown.lines().count(), json.len() + 2);
}

#[test]
fn show_cites_an_article_as_text_and_as_csl_json() {
    let env = scenario();
    env.run(&["fetch"]);
    let title = "Video: BMI diskutiert mit Nachwuchsnetzwerk über die Zukunft der Verwaltungsdigitalisierung";
    let id = env.id_of(title).to_string();
    let cite = env.ok_with_env(
        &[("LANG", "de_DE.UTF-8")],
        &["show", &id, "--format", "cite"],
    );
    let (cited, retrieved) = cite.split_once(" (abgerufen am ").expect("abgerufen am");
    assert_eq!(
        cited,
        format!(
            "Bundesministerium des Innern (BMI): „{title}“. Veröffentlicht am 16.12.2021. \
             https://www.onlinezugangsgesetz.de/SharedDocs/kurzmeldungen/Webs/OZG/DE/2021/12_meetup-digitale-verwaltung.html"
        )
    );
    // Retrieved today in the test's zone (which may be a day off UTC around midnight).
    let retrieved = retrieved.strip_suffix(").\n").expect("one line");
    let day = chrono::NaiveDate::parse_from_str(retrieved, "%d.%m.%Y").expect("a German date");
    let utc_today = chrono::Utc::now().date_naive();
    assert!((day - utc_today).num_days().abs() <= 1, "{retrieved}");
    // The citation follows the UI language; each form can be asked for in any language.
    let english = env.ok_with_env(
        &[("LANG", "en_GB.UTF-8")],
        &["show", &id, "--format", "cite"],
    );
    assert!(
        english.starts_with(&format!(
            "Bundesministerium des Innern (BMI): \"{title}\". Published 16 December 2021. https://"
        )),
        "{english}"
    );
    assert!(english.contains(" (accessed "), "{english}");
    assert_eq!(
        env.ok_with_env(
            &[("LANG", "en_GB.UTF-8")],
            &["show", &id, "--format", "cite-de"]
        ),
        cite
    );
    assert_eq!(env.ok(&["show", &id, "--format", "cite-en"]), english);
    let json: serde_json::Value =
        serde_json::from_str(&env.ok(&["show", &id, "--format", "csl-json"])).expect("json");
    let item = &json[0];
    assert_eq!(item["type"], "webpage");
    assert_eq!(item["title"], title);
    assert_eq!(item["author"][0]["literal"], "Bundesministerium des Innern");
    assert_eq!(
        item["issued"]["date-parts"][0],
        serde_json::json!([2021, 12, 16])
    );
    assert!(item["URL"]
        .as_str()
        .is_some_and(|u| u.starts_with("https://www.onlinezugangsgesetz.de/")));
    assert!(item["accessed"]["date-parts"][0][0]
        .as_i64()
        .is_some_and(|y| y >= 2026));
}
