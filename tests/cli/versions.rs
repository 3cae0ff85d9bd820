//! Every version kept: a fixture server edits and retitles a release between fetches; `show
//! --versions`, `show --diff` and the JSON say what changed, and lists mark it.

use crate::server::Reply;
use crate::util::TestEnv;

fn feed(env: &TestEnv, title: &str, teaser: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>BMI</title>\
         <item><title>{title}</title><link>{}</link><guid>pm-42</guid>\
         <description>{teaser}</description>\
         <pubDate>Thu, 16 Dec 2021 10:30:00 +0100</pubDate></item>\
         <item><title>Unverändert</title><link>{}</link><guid>pm-41</guid>\
         <description>Bleibt, wie es ist.</description>\
         <pubDate>Wed, 15 Dec 2021 10:30:00 +0100</pubDate></item></channel></rss>",
        env.server.url("/pm-42.html"),
        env.server.url("/pm-41.html"),
    )
}

fn page(amount: &str) -> String {
    format!(
        "<!DOCTYPE html><html lang=\"de\"><head><title>BMI</title></head><body><main><article>\
         <h1>Mehr Geld für den Katastrophenschutz</h1>\
         <p>Der Bund stellt {amount} Euro für neue Fahrzeuge des Katastrophenschutzes bereit. \
         Die Länder erhalten die Mittel nach dem Königsteiner Schlüssel.</p>\
         <p>Die Bundesinnenministerin sagte, der Schutz der Bevölkerung habe Vorrang.</p>\
         </article></main></body></html>"
    )
}

fn serve(env: &TestEnv, title: &str, teaser: &str, amount: &str) {
    env.server.route(
        "/bmi.xml",
        Reply::xml(feed(env, title, teaser).into_bytes()),
    );
    env.server.route(
        "/pm-42.html",
        Reply::with_type(page(amount).into_bytes(), "text/html; charset=utf-8"),
    );
    env.server.route(
        "/pm-41.html",
        Reply::with_type(page("1 Million").into_bytes(), "text/html; charset=utf-8"),
    );
}

#[test]
fn an_edited_release_shows_every_version_and_what_changed() {
    let env = TestEnv::new();
    env.write_config_with(
        "full_text = true\npage_delay_ms = 0\n",
        &[("BMI Presse", "/bmi.xml", Some("BMI"))],
    );
    env.append_config(
        "\n[[filter]]\nname = \"Schutz\"\nquery = \"Katastrophenschutz\"\nnotify_changes = true\n\
         \n[[filter]]\nname = \"Still\"\nquery = \"Katastrophenschutz\"\n",
    );
    serve(
        &env,
        "Mehr Geld für den Katastrophenschutz",
        "Der Bund hilft.",
        "1,5 Milliarden",
    );
    let first = env.run(&["fetch"]);
    assert_eq!(first.code, 0, "{}", first.stderr);
    let id = env
        .id_of("Mehr Geld für den Katastrophenschutz")
        .to_string();
    let never = env.ok_with_env(&[("LANG", "de_DE.UTF-8")], &["show", &id, "--diff"]);
    assert_eq!(
        never.trim(),
        format!("Nr. {id} wurde nie geändert: es gibt eine Fassung.")
    );
    // The ministry corrects the figure and retitles the release.
    serve(
        &env,
        "Noch mehr Geld für den Katastrophenschutz",
        "Der Bund hilft mehr.",
        "2,1 Milliarden",
    );
    let second = env.run(&["fetch"]);
    assert_eq!(second.code, 0, "{}", second.stderr);
    assert!(
        second.stdout.contains("BMI Presse: 0 new, 1 updated"),
        "{}",
        second.stdout
    );
    // The filter that asked for changes announces this one; the other says nothing.
    assert!(
        second.stdout.ends_with("Schutz: 1 changed match\n"),
        "{}",
        second.stdout
    );
    assert!(!second.stdout.contains("Still"), "{}", second.stdout);
    let versions = env.ok(&["show", &id, "--versions"]);
    let lines: Vec<&str> = versions.lines().collect();
    assert_eq!(lines.len(), 3, "{versions}");
    assert!(
        lines[1].contains("first version") && lines[1].contains("Mehr Geld"),
        "{versions}"
    );
    assert!(
        lines[2].contains("changed: title, teaser, text (current)"),
        "{versions}"
    );
    let diff = env.ok(&["show", &id, "--diff"]);
    assert!(diff.contains("[-1,5-]{+2,1+} Milliarden"), "{diff}");
    assert!(
        diff.contains("title: {+Noch +}mehr") || diff.contains("title: [-Mehr-]{+Noch mehr+}"),
        "{diff}"
    );
    assert!(!diff.contains('\x1b'), "no colour into a pipe: {diff:?}");
    assert_eq!(env.ok(&["show", &id, "--diff", "1..2"]), diff);
    // German, and a range the article does not have.
    let german = env.ok_with_env(&[("LANG", "de_DE.UTF-8")], &["show", &id, "--diff", "1"]);
    assert!(german.starts_with("Fassung 1 ("), "{german}");
    assert!(german.contains("\nText:\n"), "{german}");
    let bad = env.run(&["show", &id, "--diff", "1..5"]);
    assert_eq!(bad.code, 1);
    assert!(bad.stderr.contains("versions 1 to 2"), "{}", bad.stderr);
    // JSON: the list says when it changed; show lists the versions.
    let rows = env.list_json(&[]);
    let changed = rows
        .iter()
        .find(|r| r["id"].as_i64().map(|i| i.to_string()).as_deref() == Some(id.as_str()))
        .expect("row");
    assert!(changed["changed_at"].is_string(), "{changed}");
    let unchanged = rows
        .iter()
        .find(|r| r["title"] == "Unverändert")
        .expect("row");
    assert!(unchanged["changed_at"].is_null());
    let show: serde_json::Value =
        serde_json::from_str(&env.ok(&["show", &id, "--format", "json"])).expect("json");
    let versions = show["versions"].as_array().expect("versions");
    assert_eq!(versions.len(), 2);
    assert_eq!(versions[0]["changed"], serde_json::json!([]));
    assert_eq!(
        versions[1]["changed"],
        serde_json::json!(["title", "teaser", "text"])
    );
    assert_eq!(versions[0]["title"], "Mehr Geld für den Katastrophenschutz");
    // The same content again: nothing new.
    let third = env.run(&["fetch"]);
    assert_eq!(third.code, 0);
    assert_eq!(env.ok(&["show", &id, "--versions"]).lines().count(), 3);
}

fn three_items(env: &TestEnv, keep_middle: bool) -> String {
    let item = |guid: &str, title: &str, day: u32| {
        format!(
            "<item><title>{title}</title><link>{}</link><guid>{guid}</guid>\
             <description>Kurz: {title}</description>\
             <pubDate>{day} Dec 2021 10:30:00 +0100</pubDate></item>",
            env.server.url(&format!("/{guid}.html"))
        )
    };
    let middle = if keep_middle {
        item("pm-41", "Wird zurückgezogen", 15)
    } else {
        String::new()
    };
    format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>BMI</title>{}{middle}{}</channel></rss>",
        item("pm-42", "Bleibt im Feed, Seite geht", 16),
        item("pm-40", "Ältere Meldung", 14),
    )
}

#[test]
fn a_release_taken_out_of_its_feed_and_a_page_taken_down_are_marked_and_stay_readable() {
    let env = TestEnv::new();
    env.write_config_with(
        "full_text = true\npage_delay_ms = 0\n",
        &[("BMI Presse", "/bmi.xml", Some("BMI"))],
    );
    env.server
        .route("/bmi.xml", Reply::xml(three_items(&env, true).into_bytes()));
    for guid in ["pm-42", "pm-41", "pm-40"] {
        env.server.route(
            &format!("/{guid}.html"),
            Reply::with_type(page("3 Millionen").into_bytes(), "text/html; charset=utf-8"),
        );
    }
    assert_eq!(env.run(&["fetch"]).code, 0);
    let taken_out = env.id_of("Wird zurückgezogen").to_string();
    let taken_down = env.id_of("Bleibt im Feed, Seite geht").to_string();
    // The ministry takes one release out of its feed and another page down.
    env.server.route(
        "/bmi.xml",
        Reply::xml(three_items(&env, false).into_bytes()),
    );
    env.server.route("/pm-42.html", Reply::Status(404));
    // Pages are checked again once a day, for recent or starred articles: starred here
    // (the fixture's dates are old), and checked now.
    env.ok(&["star", &taken_down]);
    let run = env.run(&["fetch", "--check-pages"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // A starred article that changed is announced.
    assert!(
        run.stdout.ends_with("Starred: 1 changed\n"),
        "{}",
        run.stdout
    );
    let rows = env.list_json(&[]);
    let row = |id: &str| {
        rows.iter()
            .find(|r| r["id"].as_i64().map(|i| i.to_string()).as_deref() == Some(id))
            .expect("row")
            .clone()
    };
    assert!(row(&taken_out)["left_feed_at"].is_string());
    assert!(row(&taken_out)["gone_at"].is_null());
    assert!(row(&taken_down)["gone_at"].is_string());
    assert!(row(&taken_down)["left_feed_at"].is_null());
    // The text stays readable, said to be gone, with an archive link offered.
    let show = env.ok_with_env(&[("LANG", "de_DE.UTF-8")], &["show", &taken_down]);
    assert!(show.contains("nicht mehr online seit"), "{show}");
    assert!(show.contains("https://web.archive.org/web/*/"), "{show}");
    assert!(show.contains("3 Millionen Euro"), "{show}");
    let out = env.ok_with_env(&[("LANG", "de_DE.UTF-8")], &["show", &taken_out]);
    assert!(out.contains("nicht mehr im Feed seit"), "{out}");
    let cite = env.ok(&["show", &taken_down, "--format", "cite-de"]);
    assert!(cite.contains("; nicht mehr online seit "), "{cite}");
    let table = env.ok_with_env(&[("LANG", "de_DE.UTF-8")], &["list"]);
    assert!(table.contains("Seite geht · nicht mehr online"), "{table}");
    // Nothing was asked of the page the archive has: amtsfeed never fetches it.
    assert!(env.server.requests_under("/web").is_empty());
}
