//! Parliament linked: the Drucksachen and Plenarprotokolle a release names, from its teaser,
//! its page and its links, shown with where to read them.

use crate::server::Reply;
use crate::util::TestEnv;

#[test]
fn a_release_naming_drucksachen_links_them_in_show_and_json() {
    let env = TestEnv::new();
    env.write_config_with(
        "full_text = true\npage_delay_ms = 0\n",
        &[("BMJV Presse", "/bmjv.xml", Some("BMJV"))],
    );
    let feed = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>BMJV</title>\
         <item><title>Bundestag verabschiedet Gesetz zur Stärkung der Strafjustiz</title>\
         <link>{}</link><guid>pm-7</guid>\
         <description>Der Bundestag hat den Gesetzentwurf der Bundesregierung (BT-Drs. 21/1234) \
         in der Fassung der Beschlussempfehlung angenommen.</description>\
         <pubDate>Fri, 13 Nov 2026 14:00:00 +0100</pubDate></item>\
         <item><title>Terminhinweis</title><link>{}</link><guid>pm-8</guid>\
         <description>Die Ministerin spricht am 21/11 um 10 Uhr.</description>\
         <pubDate>Thu, 12 Nov 2026 09:00:00 +0100</pubDate></item></channel></rss>",
        env.server.url("/pm-7.html"),
        env.server.url("/pm-8.html"),
    );
    env.server.route("/bmjv.xml", Reply::xml(feed.into_bytes()));
    let page = "<!DOCTYPE html><html lang=\"de\"><head><title>BMJV</title></head><body><main><article>\
        <h1>Bundestag verabschiedet Gesetz zur Stärkung der Strafjustiz</h1>\
        <p>Der Bundesrat hatte zum Entwurf Stellung genommen (Drucksache 512/25 (Bundesrat)). \
        Die Beratung ist im Plenarprotokoll 21/45 nachzulesen.</p>\
        <p>Zum <a href=\"https://dip.bundestag.de/vorgang/gesetz-zur-st%C3%A4rkung-der-strafjustiz/312345\">Vorgang im DIP</a> \
        und zur <a href=\"https://dserver.bundestag.de/btd/21/013/2101399.pdf\">Beschlussempfehlung</a>.</p>\
        </article></main></body></html>";
    for path in ["/pm-7.html", "/pm-8.html"] {
        env.server.route(
            path,
            Reply::with_type(page.as_bytes().to_vec(), "text/html; charset=utf-8"),
        );
    }
    assert_eq!(env.run(&["fetch"]).code, 0);
    let id = env
        .id_of("Bundestag verabschiedet Gesetz zur Stärkung der Strafjustiz")
        .to_string();
    let show = env.ok(&["show", &id]);
    for expected in [
        "DIP:      BT-Drucksache 21/1234 https://dserver.bundestag.de/btd/21/012/2101234.pdf",
        "DIP:      BT-Drucksache 21/1399 https://dserver.bundestag.de/btd/21/013/2101399.pdf",
        "DIP:      BR-Drucksache 512/25 https://dserver.bundestag.de/brd/2025/0512-25.pdf",
        "DIP:      Plenarprotokoll 21/45 https://dserver.bundestag.de/btp/21/21045.pdf",
        "DIP:      DIP-Vorgang 312345 https://dip.bundestag.de/vorgang/-/312345",
    ] {
        assert!(
            show.lines()
                .any(|l| l.starts_with(&expected[..8]) && l.ends_with(&expected[10..])),
            "{expected}\n{show}"
        );
    }
    let json: serde_json::Value =
        serde_json::from_str(&env.ok(&["show", &id, "--format", "json"])).expect("json");
    let refs = json["references"].as_array().expect("references");
    assert_eq!(refs.len(), 5, "{refs:?}");
    assert_eq!(refs[0]["kind"], "bt_drucksache");
    assert_eq!(refs[0]["number"], "21/1234");
    // "am 21/11" is a date, not a Drucksache: the other release names none (its page is the
    // same here, so only its own teaser is compared: it is found from the page).
    let other = env.id_of("Terminhinweis").to_string();
    let other_json: serde_json::Value =
        serde_json::from_str(&env.ok(&["show", &other, "--format", "json"])).expect("json");
    let other_refs = other_json["references"].as_array().expect("references");
    assert!(
        !other_refs.iter().any(|r| r["number"] == "21/11"),
        "{other_refs:?}"
    );
}
