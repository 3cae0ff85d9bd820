//! What the reader shows is what the ministry published (#26): a hostile feed that names
//! itself after a ministry and copies its release neither leads the release nor shows under
//! the ministry's name.

use crate::server::Reply;
use crate::util::{fixture, TestEnv};

fn env_with_bmi_and_a_copycat() -> TestEnv {
    let env = TestEnv::new();
    env.server
        .route("/bmi.xml", Reply::xml(fixture("feeds/gsb_bmi.xml")));
    env.server
        .route("/copy.xml", Reply::xml(fixture("feeds/spoof_bmi_copy.xml")));
    env.server.route(
        "/copy2.xml",
        Reply::xml(fixture("feeds/spoof_bmi_copy.xml")),
    );
    env.write_config_with(
        "full_text = false\n",
        &[("BMI Presse", "/bmi.xml", Some("BMI"))],
    );
    env
}

#[test]
fn a_copycat_feed_neither_leads_a_release_nor_claims_the_ministry() {
    let env = env_with_bmi_and_a_copycat();
    // Its title "BMI" does not become its name: renamed after its host, with the reason.
    let url = env.server.url("/copy.xml");
    let run = env.run(&["add", &url]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("renamed: 'BMI' names the ministry BMI (Bundesministerium des Innern)"),
        "{}",
        run.stderr
    );
    let config = std::fs::read_to_string(env.config_path()).expect("config");
    assert!(config.contains("name = \"BMI (127.0.0.1)\""), "{config}");
    // Asked for by name, it is refused.
    let run = env.run(&["add", &env.server.url("/copy2.xml"), "--name", "BMI"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("not added: 'BMI' names the ministry BMI"),
        "{}",
        run.stderr
    );

    // Whichever feed is stored first (they are fetched at once), BMI's copy leads.
    env.run(&["fetch"]);
    let rows = env.list_json(&[]);
    let cyber: Vec<_> = rows
        .iter()
        .filter(|r| r["title"] == "Maßnahmenpaket gegen Cyberangriffe auf Kommunen beschlossen")
        .collect();
    assert_eq!(cyber.len(), 1, "{rows:#?}");
    assert_eq!(cyber[0]["feed"], "BMI Presse");
    assert_eq!(
        cyber[0]["link"],
        "https://www.bmi.bund.de/SharedDocs/pressemitteilungen/DE/2021/10/cybersicherheit-kommunen.html"
    );
    assert_eq!(cyber[0]["also_in"], serde_json::json!(["BMI (127.0.0.1)"]));
    assert_eq!(cyber[0]["link_elsewhere"], false);
    // The ministry's name means the ministry's feeds, not a feed that is called so.
    for query in ["ministerium:BMI", "feed:BMI", "ministry:Innenministerium"] {
        let feeds: Vec<_> = env
            .list_json(&["-q", query, "--no-group"])
            .iter()
            .map(|r| r["feed"].as_str().expect("feed").to_owned())
            .collect();
        assert!(!feeds.is_empty(), "{query}");
        assert!(
            feeds.iter().all(|f| f == "BMI Presse"),
            "{query}: {feeds:?}"
        );
    }
    // Its own feed name still finds it.
    let own = env.titles(&["--feed", "BMI (127.0.0.1)", "--no-group"]);
    assert!(
        own.contains(&"Wichtiger Hinweis zur Sicherheit Ihres Kontos".to_owned()),
        "{own:?}"
    );
}

#[test]
fn a_feed_that_claims_a_ministry_by_config_and_links_elsewhere_is_marked() {
    let env = TestEnv::new();
    env.server
        .route("/copy.xml", Reply::xml(fixture("feeds/spoof_bmi_copy.xml")));
    // The user said it is BMI's; its links are not on BMI's domains.
    env.write_config_with(
        "full_text = false\n",
        &[("Presse", "/copy.xml", Some("BMI"))],
    );
    env.run(&["fetch"]);
    let rows = env.list_json(&[]);
    assert!(!rows.is_empty());
    assert!(
        rows.iter().all(|r| r["link_elsewhere"] == true),
        "{rows:#?}"
    );
    let id = rows[0]["id"].to_string();
    let shown = env.ok(&["show", &id]);
    assert!(
        shown.contains("the link is not on a domain of BMI"),
        "{shown}"
    );
}

#[test]
fn an_imported_feed_named_after_a_ministry_is_renamed_with_the_reason() {
    let env = env_with_bmi_and_a_copycat();
    let opml = env.data_dir().with_file_name("import.opml");
    std::fs::write(
        &opml,
        format!(
            r#"<?xml version="1.0"?><opml version="2.0"><head><title>x</title></head><body>
<outline text="BMI" type="rss" xmlUrl="{}"/>
<outline text="Lokale Nachrichten" type="rss" xmlUrl="{}"/>
</body></opml>"#,
            env.server.url("/copy.xml"),
            env.server.url("/copy2.xml")
        ),
    )
    .expect("opml");
    let out = env.ok(&["import-opml", opml.to_str().expect("utf-8")]);
    assert!(out.contains("imported 2 feeds"), "{out}");
    assert!(
        out.contains("renamed: 'BMI' names the ministry BMI") && out.contains("'BMI (127.0.0.1)'"),
        "{out}"
    );
    let config = std::fs::read_to_string(env.config_path()).expect("config");
    assert!(config.contains("name = \"BMI (127.0.0.1)\""), "{config}");
    assert!(config.contains("name = \"Lokale Nachrichten\""), "{config}");
}

/// A feed whose teasers carry HTML, a link definition, an image and a `javascript:` link.
fn hostile_markup_env() -> TestEnv {
    let env = TestEnv::new();
    let feed = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Presse</title><link>https://www.bmi.bund.de/</link>
<item>
  <title>Förderaufruf &lt;b&gt;Digitale&lt;/b&gt; Kommunen [2]</title>
  <link>https://www.bmi.bund.de/foerderaufruf.html</link>
  <description><![CDATA[<p>Die <a href="https://www.bmi.bund.de/programm.html">Förderung</a> startet &lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=alert(2)&gt;</p>
<p>[1]: https://evil.example/</p>
<p>![bild](https://evil.example/x.png) und [hier](https://evil.example/klick) &amp; &lt;a href="https://evil.example/"&gt;mehr&lt;/a&gt;</p>]]></description>
  <pubDate>Tue, 14 Dec 2021 09:00:00 +0100</pubDate>
</item>
<item>
  <title>Skript statt Link</title>
  <link>javascript:alert(document.cookie)</link>
  <description>Ein Eintrag mit einem Skript als Link.</description>
  <pubDate>Tue, 14 Dec 2021 08:00:00 +0100</pubDate>
</item>
</channel></rss>"#;
    env.server.route("/feed.xml", Reply::xml(feed));
    env.write_config(&[("Presse", "/feed.xml", Some("BMI"))]);
    env.run(&["fetch"]);
    env
}

#[test]
fn markdown_output_stays_text_and_links_only_what_amtsfeed_writes() {
    use pulldown_cmark::{Event, Parser, Tag};
    let env = hostile_markup_env();
    let id = env.id_of("Förderaufruf Digitale Kommunen [2]").to_string();
    let markdown = env.ok(&["show", &id, "--format", "markdown"]);
    let mut links = Vec::new();
    let mut text = String::new();
    for event in Parser::new(&markdown) {
        match event {
            Event::Html(html) | Event::InlineHtml(html) => {
                panic!("raw HTML survived: {html:?} in\n{markdown}")
            }
            Event::Start(Tag::Image { dest_url, .. }) => {
                panic!("an image: {dest_url} in\n{markdown}")
            }
            Event::Start(Tag::Link { dest_url, .. }) => links.push(dest_url.to_string()),
            Event::Text(t) => text.push_str(&t),
            _ => {}
        }
    }
    // The article's own link, and the body's one real link as marker [1] with the
    // definition amtsfeed wrote: nothing from the text.
    assert_eq!(
        links,
        [
            "https://www.bmi.bund.de/foerderaufruf.html",
            "https://www.bmi.bund.de/programm.html"
        ],
        "{markdown}"
    );
    assert!(
        markdown.contains("\n[1]: <https://www.bmi.bund.de/programm.html>"),
        "{markdown}"
    );
    assert!(
        markdown.contains("<https://www.bmi.bund.de/foerderaufruf.html>"),
        "{markdown}"
    );
    // What the feed wrote is still there to read, as text.
    for visible in [
        "<script>alert(1)</script>",
        "[1]: https://evil.example/",
        "![bild](https://evil.example/x.png)",
        "Kommunen [2]",
    ] {
        assert!(
            text.contains(visible),
            "{visible} not in the text:\n{text}\n{markdown}"
        );
    }
    // The list as Markdown: titles stay text too.
    let table = env.ok(&["list", "--format", "markdown"]);
    for event in Parser::new(&table) {
        assert!(
            !matches!(event, Event::Html(_) | Event::InlineHtml(_)),
            "{table}"
        );
        if let Event::Start(Tag::Link { dest_url, .. }) = event {
            assert!(dest_url.starts_with("https://www.bmi.bund.de/"), "{table}");
        }
    }
}

#[test]
fn citations_carry_only_web_addresses() {
    let env = hostile_markup_env();
    let id = env.id_of("Skript statt Link").to_string();
    let cite = env.ok(&["show", &id, "--format", "cite-de"]);
    assert!(!cite.contains("javascript"), "{cite}");
    assert!(cite.contains("Abgerufen am"), "{cite}");
    let cite = env.ok(&["show", &id, "--format", "cite-en"]);
    assert!(!cite.contains("javascript"), "{cite}");
    assert!(cite.contains("Accessed"), "{cite}");
    let csl = env.ok(&["show", &id, "--format", "csl-json"]);
    assert!(!csl.contains("javascript"), "{csl}");
    let markdown = env.ok(&["show", &id, "--format", "markdown"]);
    assert!(!markdown.contains("javascript:"), "{markdown}");
}

#[test]
fn topics_added_to_a_feed_in_the_config_reach_its_cached_articles() {
    let env = TestEnv::new();
    env.server
        .route("/bmi.xml", Reply::xml(fixture("feeds/gsb_bmi.xml")));
    env.write_config(&[("BMI Presse", "/bmi.xml", Some("BMI"))]);
    env.run(&["fetch"]);
    assert!(env.titles(&["-q", "thema:Bauen"]).is_empty());
    // The user edits the config by hand; the feed's answer is unchanged (304 or the same).
    let config = std::fs::read_to_string(env.config_path()).expect("config");
    std::fs::write(
        env.config_path(),
        format!("{config}topics = [\"Bauen\", \"Katastrophenschutz\"]\n"),
    )
    .expect("write");
    // Every cached article has them at once, for `list` as for a refresh.
    assert_eq!(env.titles(&["-q", "thema:Bauen"]).len(), 3);
    env.run(&["fetch"]);
    assert_eq!(env.titles(&["-q", "thema:Bauen"]).len(), 3);
    let rows = env.list_json(&["-q", "thema:Katastrophenschutz"]);
    assert_eq!(rows.len(), 3);
    // Taken out again: gone from them.
    std::fs::write(env.config_path(), &config).expect("write");
    assert!(env.titles(&["-q", "thema:Bauen"]).is_empty());
}
