use super::*;
use crate::model::Reason;

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/fixtures/feeds/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn parse(name: &str, url: &str, content_type: Option<&str>) -> ParsedFeed {
    let url = Url::parse(url).expect("test url");
    let topics = vec!["Inneres".to_owned()];
    let source = Source {
        url: Some(&url),
        content_type,
        topics: &topics,
    };
    parse_feed(&fixture(name), source).unwrap_or_else(|e| panic!("{name}: {e}"))
}

#[test]
fn gsb_feed_titles_links_teasers_and_keys() {
    let feed = parse(
        "gsb_bmi.xml",
        "https://www.bmi.bund.de/feed.xml",
        Some("text/xml;charset=utf-8"),
    );
    assert_eq!(
        feed.title.as_deref(),
        Some("BMI - RSS-Newsfeed für Pressemitteilungen")
    );
    let titles: Vec<_> = feed.articles.iter().map(|a| a.title.as_str()).collect();
    assert_eq!(titles, [
        "Video: BMI diskutiert mit Nachwuchsnetzwerk über die Zukunft der Verwaltungsdigitalisierung",
        "Bundesinnenministerin stärkt den Katastrophenschutz: 100 neue Fahrzeuge für das THW",
        "Maßnahmenpaket gegen Cyberangriffe auf Kommunen beschlossen",
    ]);
    let first = &feed.articles[0];
    assert_eq!(first.link.as_deref(), Some("https://www.onlinezugangsgesetz.de/SharedDocs/kurzmeldungen/Webs/OZG/DE/2021/12_meetup-digitale-verwaltung.html"));
    assert_eq!(first.key, "https://www.onlinezugangsgesetz.de/SharedDocs/kurzmeldungen/Webs/OZG/DE/2021/12_meetup-digitale-verwaltung.html#7f3c2a10-5b1e-4c55-9d2a-0e8f4b6a1c21");
    assert_eq!(first.summary, "Beim Meetup „Digitale Verwaltung“ sprachen Nachwuchskräfte aus Bund, Ländern und Kommunen über die nächsten Schritte.");
    assert_eq!(
        first.published.map(|d| d.to_rfc3339()).as_deref(),
        Some("2021-12-16T09:30:00+00:00")
    );
    assert_eq!(first.topics, ["Inneres"]);
    // No guid: the link without jsessionid is the key.
    assert_eq!(
        feed.articles[1].key,
        "https://www.bmi.bund.de/SharedDocs/pressemitteilungen/DE/2021/11/thw-fahrzeuge.html"
    );
    assert_eq!(feed.articles[1].summary, "Das Technische Hilfswerk erhält 100 neue Einsatzfahrzeuge für den Bevölkerungsschutz in München, Berlin und Dresden.");
    assert_eq!(
        feed.articles[2].summary,
        "Der Bund unterstützt Kommunen beim Schutz ihrer IT & ihrer Daten."
    );
}

#[test]
fn typo3_feed_trims_links_and_reads_categories_and_content() {
    let feed = parse(
        "typo3_bmukn.xml",
        "https://www.bundesumweltministerium.de/umwelt.rss",
        None,
    );
    let a = &feed.articles[0];
    assert_eq!(a.key, "presse-11926");
    assert_eq!(a.link.as_deref(), Some("https://www.bundesumweltministerium.de/pressemitteilung/wettbewerb-kreislaufwirtschaft"));
    assert_eq!(
        a.topics,
        ["Kreislaufwirtschaft", "Digitalisierung", "Inneres"]
    );
    let content = a.content_html.as_deref().expect("content:encoded");
    assert!(content.contains("<h2>Ablauf</h2>"));
    assert_eq!(
        a.summary,
        "Teams entwickeln mit Mikroorganismen neue Wege, Abfälle biologisch abzubauen."
    );
}

#[test]
fn latin1_by_declaration_and_by_http_header() {
    for (name, ct) in [
        ("latin1.xml", None),
        (
            "latin1_nodecl.xml",
            Some("application/rss+xml; charset=ISO-8859-1"),
        ),
    ] {
        let feed = parse(name, "https://www.auswaertiges-amt.de/rss.xml", ct);
        assert_eq!(
            feed.title.as_deref(),
            Some("Auswärtiges Amt - Reisehinweise"),
            "{name}"
        );
        let a = &feed.articles[0];
        assert_eq!(
            a.title,
            "Außenministerin würdigt Völkerverständigung in Köln"
        );
        assert_eq!(
            a.summary,
            "Grüße aus Düsseldorf & Mönchengladbach: Maßnahmen für Begegnungen."
        );
        assert_eq!(a.topics, ["Außenpolitik", "Inneres"]);
    }
}

#[test]
fn http_charset_wins_over_declaration() {
    let body = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss version=\"2.0\"><channel><title>Gr\u{fc}\u{df}e</title></channel></rss>";
    let decoded = decode_to_utf8(body.as_bytes(), Some("text/xml; charset=utf-8"));
    assert!(decoded.contains("Grüße"));
    assert!(
        decoded.starts_with("<rss"),
        "the declaration is dropped: {decoded}"
    );
}

#[test]
fn atom_html_and_xhtml_content() {
    let feed = parse("atom.xml", "https://www.bundesregierung.de/feed.atom", None);
    let a = &feed.articles[0];
    assert_eq!(a.title, "Kabinett beschließt Digitalstrategie");
    assert_eq!(
        a.link.as_deref(),
        Some("https://www.bundesregierung.de/breg-de/aktuelles/digitalstrategie-2021")
    );
    assert_eq!(a.key, "tag:bundesregierung.de,2021:digitalstrategie");
    assert_eq!(a.topics, ["Digitales", "Kabinett", "Inneres"]);
    assert_eq!(
        a.published.map(|d| d.to_rfc3339()).as_deref(),
        Some("2021-12-15T10:00:00+00:00")
    );
    assert!(a
        .content_html
        .as_deref()
        .is_some_and(|c| c.contains("Digitalstrategie")));
    let b = &feed.articles[1];
    // Only <updated>: it becomes the date.
    assert_eq!(
        b.published.map(|d| d.to_rfc3339()).as_deref(),
        Some("2021-12-14T12:45:00+00:00")
    );
    assert_eq!(b.summary, "Themen: Corona-Lage und Katastrophenschutz.");
}

#[test]
fn saved_feeds_resolve_links_against_their_site_not_the_file() {
    let file = Url::parse("file:///home/leser/feeds/breg.atom").expect("url");
    let bytes = fixture("atom.xml");
    let feed = parse_feed(
        &bytes,
        Source {
            url: Some(&file),
            ..Source::default()
        },
    )
    .expect("valid");
    assert_eq!(
        feed.articles[0].link.as_deref(),
        Some("https://www.bundesregierung.de/breg-de/aktuelles/digitalstrategie-2021")
    );
}

#[test]
fn rss1_reads_dc_subject_and_dc_date() {
    let feed = parse("rss1.xml", "https://www.bundesrat.de/rss", None);
    assert_eq!(feed.articles.len(), 2);
    assert_eq!(
        feed.articles[0].topics,
        ["Gesundheit", "Finanzen & Haushalt", "Inneres"]
    );
    assert_eq!(
        feed.articles[1].title,
        "Digitalisierung der Justiz: Bundesrat fordert mehr Tempo"
    );
    assert_eq!(
        feed.articles[1]
            .published
            .map(|d| d.to_rfc3339())
            .as_deref(),
        Some("2021-11-26T10:00:00+00:00")
    );
}

#[test]
fn json_feed() {
    let feed = parse(
        "feed.json",
        "https://www.bundesgesundheitsministerium.de/meldungen.json",
        None,
    );
    assert_eq!(
        feed.title.as_deref(),
        Some("Bundesministerium für Gesundheit")
    );
    let a = &feed.articles[0];
    assert_eq!(
        a.title,
        "Impfkampagne: Über 1 Million Auffrischungen an einem Tag"
    );
    assert_eq!(a.key, "bmg-2021-12-13-impfkampagne");
    assert_eq!(a.topics, ["Corona", "Impfen", "Inneres"]);
    assert_eq!(a.summary, "Rekord bei den Auffrischungsimpfungen.");
    assert_eq!(
        feed.articles[1].summary,
        "Pflegekräfte sollen einen Bonus erhalten."
    );
}

#[test]
fn fuzz_regressions_do_not_panic() {
    // Invalid UTF-8 in a UTF-8 feed once made quick-xml panic when feed-rs switched encodings.
    let crash = std::fs::read(format!(
        "{}/tests/fixtures/fuzz/feed-quickxml-encoding-panic.xml",
        env!("CARGO_MANIFEST_DIR")
    ))
    .expect("fixture");
    let feed = parse_feed(&crash, Source::default());
    assert!(
        feed.is_ok() || matches!(feed, Err(Reason::Malformed { .. })),
        "{feed:?}"
    );
}

#[test]
fn broken_inputs_fail_with_one_line() {
    let none = Source::default();
    let err = parse_feed(&fixture("malformed.xml"), none).expect_err("truncated XML");
    assert!(matches!(err, Reason::Malformed { .. }), "{err}");
    assert!(!err.to_string().contains('\n'));
    assert_eq!(parse_feed(b"  \n", none), Err(Reason::EmptyResponse));
    let html =
        b"<!DOCTYPE html><html><head><title>RSS-Newsfeeds</title></head><body>Hub</body></html>";
    assert_eq!(
        parse_feed(html, none),
        Err(Reason::NotAFeed {
            looks_like: crate::model::reason::LooksLike::HtmlPage
        })
    );
}

#[test]
fn missing_guid_and_link_hashes_title_and_date() {
    let xml = r#"<rss version="2.0"><channel><title>T</title>
        <item><title>Ohne Link</title><pubDate>Mon, 6 Dec 2021 10:00:00 +0100</pubDate></item>
        <item><title>Ohne Link</title><pubDate>Mon, 6 Dec 2021 10:00:00 +0100</pubDate></item>
        <item><title>Anderer Titel</title></item></channel></rss>"#;
    let feed = parse_feed(xml.as_bytes(), Source::default()).expect("valid");
    assert!(feed.articles[0].key.starts_with("hash:"));
    assert_eq!(feed.articles[0].key, feed.articles[1].key);
    assert_ne!(feed.articles[0].key, feed.articles[2].key);
    assert_eq!(feed.articles[2].published, None);
}

#[test]
fn escapes_in_fields_never_survive() {
    let xml = "<rss version=\"2.0\"><channel><title>Feed\u{1b}]0;pwned\u{7}</title><item>\
        <title>Titel\u{1b}[2J mit \u{202e}Bidi</title><link>https://a.de/x\u{1b}[31m</link>\
        <description>Text\u{9b}31m \u{1b}]52;c;ZXZpbA==\u{7}ok</description><category>Thema\u{1b}P1$r\u{1b}\\</category>\
        </item></channel></rss>";
    let feed = parse_feed(xml.as_bytes(), Source::default()).expect("valid");
    let a = &feed.articles[0];
    assert_eq!(feed.title.as_deref(), Some("Feed"));
    assert_eq!(a.title, "Titel mit Bidi");
    assert_eq!(a.summary, "Text ok");
    assert_eq!(a.topics, ["Thema"]);
    // feed-rs percent-encodes the ESC in the URL, which makes it inert.
    assert!(a
        .link
        .as_deref()
        .is_some_and(|l| l.starts_with("https://a.de/x") && !l.contains('\u{1b}')));
    assert!(!a.summary_html.contains('\u{1b}'));
}

#[test]
fn a_late_xml_declaration_is_ignored_not_fatal() {
    // Found by fuzzing: quick-xml panicked switching encodings at a second declaration.
    let late = "<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>A</title>\
        <?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><?xml-stylesheet href=\"s.css\"?><item><title>B</title></item></channel></rss>";
    let feed = parse_feed(late.as_bytes(), Source::default()).expect("parses");
    assert_eq!(feed.articles.len(), 1);
    assert_eq!(feed.articles[0].title, "B");
    let crash = std::fs::read(format!(
        "{}/tests/fixtures/fuzz/feed-late-declaration.xml",
        env!("CARGO_MANIFEST_DIR")
    ))
    .expect("fixture");
    assert!(
        !matches!(parse_feed(&crash, Source::default()), Err(Reason::Malformed { detail }) if detail.contains("gave up"))
    );
}
