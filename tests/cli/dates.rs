//! Dates as real feeds and pages give them: zone names, German dates, a page date for an
//! undated item, and an item nobody dated, which is marked instead of passing as today's news.

use crate::server::Reply;
use crate::util::{fixture, TestEnv};

fn env_with_zone_feed() -> TestEnv {
    let env = TestEnv::new();
    let s = &env.server;
    s.route(
        "/presse/feed.xml",
        Reply::xml(String::from_utf8(fixture("feeds/zonen_undatiert.xml")).expect("utf-8")),
    );
    let html = |name: &str| {
        Reply::with_type(
            fixture(&format!("pages/{name}")),
            "text/html; charset=utf-8",
        )
    };
    s.route(
        "/presse/seite-mit-datum.html",
        html("gsb_pressemitteilung_docdata.html"),
    );
    s.route(
        "/presse/seite-ohne-datum.html",
        Reply::with_type(
            "<html><body><main><p>Ein Text ohne jedes Datum, der lang genug ist, um als Artikel zu gelten, und nichts über seinen Tag verrät.</p></main></body></html>",
            "text/html; charset=utf-8",
        ),
    );
    for page in [
        "mez",
        "mesz",
        "cet",
        "cest",
        "doppelpunkt",
        "ohne-zone",
        "java",
        "asctime",
        "schraeg",
        "met",
        "unmoeglich",
    ] {
        s.route(&format!("/presse/{page}.html"), Reply::Status(404));
    }
    env.write_config_with(
        "full_text = true\npage_delay_ms = 0\n",
        &[("Bundesamt", "/presse/feed.xml", None)],
    );
    env
}

#[test]
fn zone_names_german_dates_page_dates_and_unknown_dates() {
    let env = env_with_zone_feed();
    let run = env.run(&["fetch"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let rows = env.list_json(&["--limit", "100"]);
    let row = |title: &str| {
        rows.iter()
            .find(|r| r["title"] == title)
            .unwrap_or_else(|| panic!("{title} not listed: {rows:?}"))
            .clone()
    };
    for (title, published) in [
        ("Winterzeit mit MEZ", "2024-01-01T08:00:00Z"),
        ("Sommerzeit mit MESZ", "2024-07-01T07:00:00Z"),
        (
            "Englische Abkürzung CET und zweistelliges Jahr",
            "2024-01-02T09:00:00Z",
        ),
        ("Sommerzeit als CEST", "2024-07-02T08:00:00Z"),
        ("Versatz mit Doppelpunkt", "2024-01-03T10:00:00Z"),
        ("Deutsches Datum ohne Zone", "2021-12-16T08:00:00Z"),
        ("Java-Zeitstempel", "2021-06-01T08:00:00Z"),
        // No zone: German time, as for every zone-less time.
        ("Zeitstempel wie asctime", "2004-01-04T15:29:06Z"),
        ("Datum mit Schrägstrichen", "2006-09-15T12:19:53Z"),
        ("Mitteleuropäische Zeit als MET", "2015-04-30T06:57:00Z"),
        // The feed has no date; the page's docData has (noon UTC: the same day everywhere).
        ("Ohne Datum, die Seite nennt es", "2024-03-05T12:00:00Z"),
    ] {
        let r = row(title);
        assert_eq!(r["published"], published, "{title}");
        assert_eq!(r["date_unknown"], false, "{title}");
    }
    assert_eq!(
        row("Ohne Datum, die Seite nennt es")["kind"],
        "Pressemitteilung"
    );
    // An impossible time is refused, not moved to a possible one: the item is undated.
    assert_eq!(row("Unmögliche Uhrzeit")["date_unknown"], true);
    let unknown = row("Ohne Datum, auch die Seite schweigt");
    assert_eq!(unknown["date_unknown"], true);
    let id = unknown["id"].as_i64().expect("id").to_string();
    let shown = env.ok_with_env(&[("LANG", "de_DE.UTF-8")], &["show", &id]);
    let date_line = shown
        .lines()
        .find(|l| l.starts_with("Datum:"))
        .unwrap_or_else(|| panic!("no date line in:\n{shown}"));
    assert!(
        date_line.contains("unbekannt, zuerst gesehen"),
        "an undated item is not presented as dated: {date_line}"
    );
    let shown = env.ok_with_env(&[("LANG", "en_US.UTF-8")], &["show", &id]);
    assert!(shown.contains("unknown, first seen"), "{shown}");
    // A later fetch keeps the page date and the mark.
    env.ok(&["fetch"]);
    let again = env.list_json(&["--limit", "100"]);
    let dated = again
        .iter()
        .find(|r| r["title"] == "Ohne Datum, die Seite nennt es")
        .expect("row");
    assert_eq!(dated["published"], "2024-03-05T12:00:00Z");
    let still = again
        .iter()
        .find(|r| r["title"] == "Ohne Datum, auch die Seite schweigt")
        .expect("row");
    assert_eq!(still["date_unknown"], true);

    // Wherever a date is shown, the undated items' are marked as the day first seen.
    let undated_ids: Vec<String> = again
        .iter()
        .filter(|r| r["date_unknown"] == true)
        .map(|r| r["id"].to_string())
        .collect();
    assert_eq!(undated_ids.len(), 2, "{again:?}");
    let table = env.ok_with_env(&[("LANG", "de_DE.UTF-8")], &["list", "--limit", "100"]);
    let date_of = |line: &str| {
        let rest = line.trim_start().split_once("  ").expect("id column").1;
        rest.chars().take("16.12.2021?".len()).collect::<String>()
    };
    for line in table.lines() {
        let undated = undated_ids
            .iter()
            .any(|id| line.trim_start().starts_with(&format!("{id} ")));
        let date = date_of(line);
        assert_eq!(date.ends_with('?'), undated, "{line}");
        // Dated rows keep the mark's place, so the columns stay aligned.
        assert!(undated || date.ends_with(' '), "{line}");
    }
    let csv = env.ok(&["list", "--limit", "100", "--format", "csv"]);
    let mut lines = csv.lines();
    assert!(lines
        .next()
        .expect("header")
        .ends_with(",summary,date_unknown"));
    let undated_rows: Vec<&str> = lines.filter(|l| l.ends_with(",true")).collect();
    assert_eq!(undated_rows.len(), 2, "{csv}");
    for row in undated_rows {
        assert!(
            undated_ids
                .iter()
                .any(|id| row.starts_with(&format!("{id},"))),
            "{csv}"
        );
    }
    let markdown = env.ok_with_env(
        &[("LANG", "de_DE.UTF-8")],
        &["list", "--limit", "100", "--format", "markdown"],
    );
    let row = markdown
        .lines()
        .find(|l| l.contains("Ohne Datum, auch die Seite schweigt"))
        .expect("markdown row");
    assert!(row.starts_with("| unbekannt, zuerst gesehen "), "{row}");
}
