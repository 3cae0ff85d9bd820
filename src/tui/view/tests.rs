//! Snapshots of each view with `TestBackend` at 80×24 and 120×40, fixed date and time zone.

use chrono::{NaiveDate, TimeZone, Utc};
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;
use ratatui::Terminal;

use super::render;
use crate::i18n::Lang;
use crate::model::{Article, ArticleId, ArticleSummary, FeedStatus, TopicCount};
use crate::tui::app::App;
use crate::tui::keys::KeyMap;
use crate::tui::msg::Placement;
use crate::tui::msg::{ListMsg, Move, Msg, ReaderMsg, RefreshMsg, SidebarMsg};
use crate::tui::theme::Theme;

/// Dates are shown in the app's zone; every test injects CET (the fixtures are December
/// dates) instead of changing the environment of the whole test process.
fn fixed_zone() -> crate::model::Zone {
    crate::model::Zone::Fixed(chrono::FixedOffset::east_opt(3600).expect("CET"))
}

fn row(id: i64, day: u32, feed: &str, title: &str, read: bool) -> ArticleSummary {
    ArticleSummary {
        gone_at: None,
        left_feed_at: None,
        changed_at: None,
        time_unknown: false,
        id: ArticleId(id),
        feed: format!("{feed} Presse"),
        ministry: Some(feed.into()),
        title: title.into(),
        link: Some(format!(
            "https://www.{}.bund.de/{id}.html",
            feed.to_lowercase()
        )),
        published: Utc
            .with_ymd_and_hms(2021, 12, day, 9, 30, 0)
            .single()
            .expect("date"),
        topics: vec!["Veranstaltung".into(), "Digitalisierung".into()],
        summary: String::new(),
        read,
        starred: id == 2,
        kind: None,
        number: None,
        date_unknown: false,
        group: None,
        also_in: Vec::new(),
    }
}

fn app(width: u16, height: u16) -> App {
    let feeds = vec![
        ("BMI Presse".to_string(), Some("BMI".to_string())),
        ("BMAS Presse".to_string(), Some("BMAS".to_string())),
    ];
    let mut app = App::new(
        NaiveDate::from_ymd_opt(2021, 12, 20).expect("date"),
        Rect::new(0, 0, width, height),
        &feeds,
        true,
    )
    .with_zone(fixed_zone());
    app.start(false);
    let rows = vec![
        row(4, 18, "BMAS", "Rente: Digitalisierung der Antragsverfahren", false),
        row(3, 16, "BMI", "Video: BMI diskutiert mit Nachwuchsnetzwerk über die Zukunft der Verwaltungsdigitalisierung", false),
        row(2, 10, "BMI", "Öffentliche Sicherheit in Städten", true),
        row(1, 2, "BMI", "Neue Fahrzeuge für den Katastrophenschutz", true),
    ];
    app.update(Msg::List(ListMsg::ArticlesLoaded {
        generation: app.list().generation,
        rows,
        total: 4,
        placement: Placement::Replace,
    }));
    app.update(Msg::Sidebar(SidebarMsg::FeedsLoaded(
        vec![FeedStatus {
            name: "BMI Presse".into(),
            url: "https://www.bmi.bund.de/feed.xml".into(),
            ministry: Some("BMI".into()),
            articles: 3,
            unread: 1,
            last_fetch: None,
            last_error: None,
            moved_to: None,
        }],
        vec![],
    )));
    app.update(Msg::Sidebar(SidebarMsg::FacetsLoaded {
        generation: app.list().generation,
        topics: vec![
            TopicCount {
                topic: "Digitalisierung".into(),
                count: 2,
            },
            TopicCount {
                topic: "Veranstaltung".into(),
                count: 1,
            },
        ],
    }));
    app
}

fn open_article(app: &mut App) {
    open_article_with(app, "<p>Beim Meetup „Digitale Verwaltung“ sprachen Nachwuchskräfte aus Bund, Ländern und Kommunen über die nächsten Schritte der Verwaltungsdigitalisierung.</p><p>Die <a href=\"https://www.onlinezugangsgesetz.de/video.html\">Aufzeichnung</a> ist online.</p>");
}

/// Opens the second row with `summary_html` as its body.
fn open_article_with(app: &mut App, summary_html: &str) {
    app.update(Msg::Move(Move::Down));
    app.update(Msg::Activate);
    let summary = app.list().rows[1].clone();
    app.update_rendering(Msg::Reader(ReaderMsg::ArticleLoaded {
        id: summary.id,
        article: Some(Box::new(Article {
            processes: Vec::new(),
            references: Vec::new(),
            summary,
            summary_html: summary_html.into(),
            content_html: None,
            page_html: None,
            page_status: None,
            retrieved: chrono::DateTime::default(),
            copies: Vec::new(),
        })),
    }));
}

fn draw(app: &App) -> Terminal<TestBackend> {
    draw_with(app, &KeyMap::defaults(app.lang()))
}

/// `draw` with a key table of the test's own (`[keys]` overrides).
fn draw_with(app: &App, keys: &KeyMap) -> Terminal<TestBackend> {
    let mut terminal =
        Terminal::new(TestBackend::new(app.screen().width, app.screen().height)).expect("terminal");
    terminal
        .draw(|f| render(app, keys, &Theme::plain(), f))
        .expect("draw");
    terminal
}

#[test]
fn list_80x24() {
    insta::assert_snapshot!(draw(&app(80, 24)).backend());
}

/// The screen's rows as text.
fn screen_lines(terminal: &Terminal<TestBackend>) -> Vec<String> {
    let buffer = terminal.backend().buffer();
    let width = usize::from(buffer.area.width);
    buffer
        .content
        .chunks(width)
        .map(|row| row.iter().map(|c| c.symbol()).collect())
        .collect()
}

#[test]
fn an_undated_row_is_marked_and_the_dates_stay_aligned() {
    let mut app = app(100, 24);
    let mut rows = app.list().rows.clone();
    rows[2].date_unknown = true;
    app.update(Msg::List(ListMsg::ArticlesLoaded {
        generation: app.list().generation,
        rows,
        total: 4,
        placement: Placement::Replace,
    }));
    let lines = screen_lines(&draw(&app));
    let line_of = |title: &str| {
        lines
            .iter()
            .find(|l| l.contains(title))
            .unwrap_or_else(|| panic!("{title} not on screen:\n{}", lines.join("\n")))
            .clone()
    };
    assert!(line_of("Öffentliche Sicherheit").contains("10.12.2021? BMI"));
    assert!(line_of("Neue Fahrzeuge").contains("02.12.2021  BMI"));
    // Without undated rows, no room is kept for the mark.
    let lines = screen_lines(&draw(&super::tests::app(100, 24)));
    assert!(lines.iter().any(|l| l.contains("02.12.2021 BMI")));
}

#[test]
fn list_120x40() {
    insta::assert_snapshot!(draw(&app(120, 40)).backend());
}

#[test]
fn reader_80x24_shows_one_pane() {
    let mut app = app(80, 24);
    open_article(&mut app);
    insta::assert_snapshot!(draw(&app).backend());
}

#[test]
fn reader_120x40_side_by_side() {
    let mut app = app(120, 40);
    open_article(&mut app);
    insta::assert_snapshot!(draw(&app).backend());
}

#[test]
fn filter_bar_with_error_keeps_the_list() {
    let mut app = app(80, 24);
    app.update(Msg::StartFilter);
    for c in "digital since:99.99.2021".chars() {
        app.update(Msg::List(ListMsg::FilterChar(c)));
    }
    insta::assert_snapshot!(draw(&app).backend());
}

#[test]
fn a_filter_longer_than_the_bar_scrolls_with_the_cursor() {
    let mut app = app(60, 24);
    app.update(Msg::StartFilter);
    let typed =
        "digitalisierung OR katastrophenschutz OR verwaltungsmodernisierung seit:2w -corona";
    for c in typed.chars() {
        app.update(Msg::List(ListMsg::FilterChar(c)));
    }
    let line = |app: &App| screen_lines(&draw(app))[21].clone();
    let shown = line(&app);
    assert!(shown.starts_with("/…"), "cut in front: {shown}");
    assert!(
        shown.contains("seit:2w -corona▏"),
        "the end typed and the cursor: {shown}"
    );
    // Home: the start is in sight, the cut is behind the cursor.
    app.update(Msg::List(ListMsg::FilterEdit(
        crate::tui::line_input::Edit::Home,
    )));
    let shown = line(&app);
    assert!(shown.starts_with("/▏digitalisierung OR"), "{shown}");
    assert!(shown.trim_end().ends_with('…'), "{shown}");
}

/// The same app in German, with `[keys]` overrides: labels, dates and the help follow.
fn german_app(width: u16, height: u16) -> (App, KeyMap) {
    let (keymap, warnings) = KeyMap::with_overrides(
        Lang::De,
        &"quit = \"x\"\nhelp = \"F1\"".parse().expect("toml"),
    );
    assert!(warnings.is_empty(), "{warnings:?}");
    let german = app(width, height).with_language(Lang::De);
    (german, keymap)
}

#[test]
fn german_list_and_reader_120x40() {
    let (mut app, keys) = german_app(120, 40);
    let list = format!("{:?}", draw_with(&app, &keys).backend());
    // German dates, labels and key hints, the overridden keys included.
    for expected in [
        "18.12.2021 BMAS",
        "Alle",
        "Ungelesen",
        "Mit Stern ★",
        "Artikel (4)",
        "F1 Hilfe",
        "x beenden",
    ] {
        assert!(list.contains(expected), "{expected} missing:\n{list}");
    }
    open_article(&mut app);
    let reader = format!("{:?}", draw_with(&app, &keys).backend());
    for expected in ["BMI Presse · 16.12.2021 10:30", "Themen: Veranstaltung"] {
        assert!(reader.contains(expected), "{expected} missing:\n{reader}");
    }
    insta::assert_snapshot!(draw_with(&app, &keys).backend());
}

#[test]
fn german_help_shows_the_effective_keys() {
    let (mut app, keys) = german_app(80, 24);
    app.update(Msg::ToggleHelp);
    let screen = format!("{:?}", draw_with(&app, &keys).backend());
    assert!(screen.contains("Tasten (Esc schließt)"), "{screen}");
    assert!(
        screen.contains("x beenden") && !screen.contains("q/Strg"),
        "{screen}"
    );
    assert!(screen.contains("F1 diese Hilfe"), "{screen}");
}

#[test]
fn help_overlay_80x24() {
    let mut app = app(80, 24);
    app.update(Msg::ToggleHelp);
    insta::assert_snapshot!(draw(&app).backend());
}

#[test]
fn citation_without_a_clipboard_80x24() {
    let mut app = app(80, 24).with_clipboard(false).with_language(Lang::De);
    app.update(Msg::CitationReady(Ok(
        "Bundesministerium des Innern (BMI): „Video: BMI diskutiert mit Nachwuchsnetzwerk über die Zukunft der Verwaltungsdigitalisierung“. Veröffentlicht am 16.12.2021. https://www.onlinezugangsgesetz.de/SharedDocs/kurzmeldungen/Webs/OZG/DE/2021/12_meetup-digitale-verwaltung.html (abgerufen am 30.11.2026).".into(),
    )));
    insta::assert_snapshot!(draw(&app).backend());
}

#[test]
fn what_changed_80x24() {
    use crate::model::{Changes, Version};
    let mut app = app(80, 24).with_language(Lang::De);
    open_article(&mut app);
    let at = |day| {
        Utc.with_ymd_and_hms(2021, 12, day, 9, 0, 0)
            .single()
            .expect("time")
    };
    let version = |number, day, changes, figure: &str| {
        Version {
        number,
        seen_at: at(day),
        changes: Changes(changes),
        title: "Video: BMI diskutiert mit Nachwuchsnetzwerk".into(),
        summary: String::new(),
        text: Some(format!(
            "Der Bund stellt {figure} Euro für neue Fahrzeuge des Katastrophenschutzes bereit.\n\nDie Länder begrüßen das."
        )),
        kind: Some("Pressemitteilung".into()),
        published: at(16),
    }
    };
    let id = app.reader().expect("open").article.summary.id;
    app.update(Msg::Reader(ReaderMsg::VersionsLoaded {
        id,
        versions: vec![
            version(1, 16, 0, "1,5 Milliarden"),
            version(2, 17, Changes::TEXT, "2,1 Milliarden"),
        ],
    }));
    insta::assert_snapshot!(draw(&app).backend());
}

#[test]
fn processes_in_parliament_80x24() {
    use crate::model::reference::{Process, Step};
    let mut app = app(80, 24).with_language(Lang::De);
    app.update(Msg::ToggleProcesses);
    let process = Process {
        id: "312345".into(),
        title: "Gesetz zur Stärkung der Strafjustiz".into(),
        kind: Some("Gesetzgebung".into()),
        stage: Some("Beschlussempfehlung liegt vor".into()),
        initiative: vec!["Bundesregierung".into()],
        steps: vec![Step {
            name: "Beschlussempfehlung und Bericht".into(),
            date: "2026-11-11".into(),
            chamber: Some("BT".into()),
            document: Some("21/1399".into()),
        }],
    };
    app.update(Msg::ProcessesLoaded(vec![(process, 2)]));
    insta::assert_snapshot!(draw(&app).backend());
}

#[test]
fn source_catalogue_100x30() {
    let bmi = "https://www.bmi.bund.de/DE/service/rss-newsfeed/function/rssnewsfeed-pressemitteilungen.xml";
    let mut app = app(100, 30).with_configured_urls(vec![bmi.into()]);
    app.update(Msg::Catalogue(crate::tui::msg::CatalogueMsg::Open));
    app.update(Msg::Catalogue(crate::tui::msg::CatalogueMsg::Move(3)));
    insta::assert_snapshot!(draw(&app).backend());
}

#[test]
fn refresh_gauge_and_log() {
    let mut app = app(120, 40);
    app.update(Msg::Refresh(RefreshMsg::All));
    app.update(Msg::Refresh(RefreshMsg::FeedRefreshed(
        crate::model::FeedReport {
            moved_to: None,
            name: "BMAS Presse".into(),
            outcome: Err(crate::model::Reason::Http {
                status: 503,
                retry_after: Some(120),
            }),
        },
    )));
    let gauge = draw(&app);
    insta::assert_snapshot!("refresh_gauge", gauge.backend());
    app.update(Msg::ToggleLog);
    insta::assert_snapshot!("refresh_log", draw(&app).backend());
}

#[test]
fn tiny_terminals_do_not_panic() {
    for (w, h) in [(20, 5), (1, 1), (10, 3), (79, 24), (100, 10)] {
        let mut app = app(w, h);
        draw(&app);
        open_article(&mut app);
        draw(&app);
        app.update(Msg::ToggleHelp);
        draw(&app);
        app.update(Msg::ToggleHelp);
        app.update(Msg::ToggleLog);
        draw(&app);
    }
}

#[test]
fn escape_sequences_from_feeds_never_reach_the_buffer() {
    let mut app = app(120, 40);
    let mut hostile = app.list().rows[0].clone();
    hostile.title = "Titel\u{1b}]8;;https://evil\u{7}Klick\u{1b}[2J\u{9b}31m\u{202e}".into();
    hostile.feed = "Feed\u{1b}]52;c;ZXZpbA==\u{7}".into();
    hostile.ministry = None;
    app.update(Msg::List(ListMsg::ArticlesLoaded {
        generation: app.list().generation,
        rows: vec![hostile],
        total: 1,
        placement: Placement::Replace,
    }));
    let terminal = draw(&app);
    let buffer = terminal.backend().buffer();
    for cell in buffer.content() {
        assert!(
            !cell
                .symbol()
                .chars()
                .any(|c| c.is_control() || ('\u{202a}'..='\u{202e}').contains(&c)),
            "{:?}",
            cell.symbol()
        );
    }
}

#[test]
fn filter_keywords_are_highlighted_in_the_list() {
    let mut app = app(120, 40);
    app.update(Msg::StartFilter);
    for c in "digitalisierung".chars() {
        app.update(Msg::List(ListMsg::FilterChar(c)));
    }
    let terminal = draw(&app);
    let buffer = terminal.backend().buffer();
    // Row 1 of the list: "Rente: Digitalisierung der Antragsverfahren".
    let row: String = (0..120)
        .map(|x| buffer[(x, 1)].symbol().to_owned())
        .collect();
    let start = row.find("Digitalisierung").expect("title on screen");
    let column = row[..start].chars().count() as u16;
    let underlined = |x: u16| {
        buffer[(x, 1)]
            .modifier
            .contains(ratatui::style::Modifier::UNDERLINED)
    };
    assert!((column..column + 15).all(underlined), "{row}");
    assert!(!underlined(column - 2) && !underlined(column + 16));
}

#[test]
fn timeline_above_the_list_120x40() {
    use crate::model::{Bucket, Timeline};
    let mut app = app(120, 40);
    let day = |d| NaiveDate::from_ymd_opt(2021, 12, d).expect("date");
    // Four different heights: the snapshot shows their order and which one is selected.
    let bars = vec![(day(2), 1), (day(10), 3), (day(16), 2), (day(18), 4)];
    app.update(Msg::List(ListMsg::TimelineLoaded {
        generation: app.list().generation,
        timeline: Timeline {
            bucket: Bucket::Day,
            bars,
        },
    }));
    insta::assert_snapshot!(draw(&app).backend());
    // `z` on the selected bar: the status line says which dates the list now shows.
    app.update(Msg::List(ListMsg::ZoomIn));
    let screen = format!("{:?}", draw(&app).backend());
    assert!(
        screen.contains("18.12.2021 – 18.12.2021 (Z back)"),
        "{screen}"
    );
    app.update(Msg::List(ListMsg::ZoomOut));
    assert!(!format!("{:?}", draw(&app).backend()).contains("(Z back)"));
}

#[test]
fn hyperlinks_wrap_only_our_own_checked_urls() {
    let mut app = app(120, 40).with_hyperlinks(true);
    open_article(&mut app);
    let terminal = draw(&app);
    let buffer = terminal.backend().buffer();
    let mut linked: Vec<String> = Vec::new();
    for cell in buffer.content() {
        let symbol = cell.symbol();
        if !symbol.contains('\u{1b}') {
            continue;
        }
        // The only escape sequences: OSC 8 around one character, with a clean http(s) URL.
        let inner = symbol
            .strip_prefix("\u{1b}]8;;")
            .and_then(|s| s.strip_suffix("\u{1b}]8;;\u{1b}\\"))
            .expect("OSC 8 wrapper");
        let (target, text) = inner.split_once("\u{1b}\\").expect("terminator");
        assert!(target.starts_with("https://"), "{target}");
        assert!(
            target.bytes().all(|b| (0x21..0x7f).contains(&b)),
            "{target:?}"
        );
        assert_eq!(text.chars().count(), 1);
        if !linked.contains(&target.to_owned()) {
            linked.push(target.to_owned());
        }
    }
    assert_eq!(
        linked,
        [
            "https://www.bmi.bund.de/3.html",
            "https://www.onlinezugangsgesetz.de/video.html"
        ]
    );
    // Off by default: the snapshots above have no escapes at all.
    let plain = app.clone().with_hyperlinks(false);
    let terminal = draw(&plain);
    assert!(!terminal
        .backend()
        .buffer()
        .content()
        .iter()
        .any(|c| c.symbol().contains('\u{1b}')));
}

#[test]
fn sidebar_fits_its_content_keeps_counts_and_never_repeats_a_label() {
    let feeds = vec![
        (
            "Bundesregierung Aktuelles".to_string(),
            Some("BReg".to_string()),
        ),
        (
            "Bundesregierung Reden".to_string(),
            Some("BReg".to_string()),
        ),
        (
            "Bundesministerium des Innern und für Heimat – Pressemitteilungen".to_string(),
            Some("BMI".to_string()),
        ),
    ];
    let mut app = App::new(
        NaiveDate::from_ymd_opt(2021, 12, 20).expect("date"),
        Rect::new(0, 0, 200, 20),
        &feeds,
        true,
    )
    .with_zone(fixed_zone());
    app.start(false);
    let status = |name: &str, unread, articles| FeedStatus {
        name: name.into(),
        url: format!("https://example.org/{articles}.xml"),
        ministry: None,
        articles,
        unread,
        last_fetch: None,
        last_error: None,
        moved_to: None,
    };
    app.update(Msg::Sidebar(SidebarMsg::FeedsLoaded(
        vec![
            status("Bundesregierung Aktuelles", 12, 345),
            status("Bundesregierung Reden", 0, 7),
            status(
                "Bundesministerium des Innern und für Heimat – Pressemitteilungen",
                3,
                1204,
            ),
        ],
        vec![],
    )));
    let rows = app.sidebar().rows(app.text());
    let labels: Vec<&str> = rows.iter().map(|(l, _)| l.as_str()).collect();
    // Every feed by its own name, as `--feed` and `amtsfeed feeds` call it: not "BReg"
    // twice, and not "BMI" for one whose name does not start with it.
    assert_eq!(
        labels[3..],
        [
            "Bundesregierung Aktuelles",
            "Bundesregierung Reden",
            "Bundesministerium des Innern und für Heimat – Pressemitteilungen"
        ]
    );
    assert_eq!(rows[3].1, "12/345");
    // Sized to the content at 200 columns, up to its cap, not a fixed 26.
    assert_eq!(app.sidebar_width(), 44);
    let line = |app: &App, y: u16| -> String {
        let screen = draw(app);
        (0..app.sidebar_width())
            .map(|x| screen.backend().buffer()[(x, y)].symbol().to_string())
            .collect()
    };
    assert_eq!(
        line(&app, 4),
        "│Bundesregierung Aktuelles           12/345│"
    );
    assert_eq!(
        line(&app, 5),
        "│Bundesregierung Reden                  0/7│"
    );
    assert_eq!(
        line(&app, 6),
        "│Bundesministerium des Innern und f… 3/1204│"
    );
    // At most a third of the screen: the name gives way, the count does not.
    app.update(Msg::Resized(100, 20));
    assert_eq!(app.sidebar_width(), 33);
    assert_eq!(line(&app, 4), "│Bundesregierung Aktuell… 12/345│");
}

#[test]
fn reader_headings_are_shown_without_their_marks() {
    let mut app = app(120, 40);
    open_article_with(
        &mut app,
        "<p>Einleitung.</p><h2>Themen des Abends</h2><p>Text mit #Hashtag.</p>",
    );
    let screen = format!("{:?}", draw(&app).backend());
    assert!(screen.contains("Themen des Abends"), "{screen}");
    assert!(!screen.contains("## Themen"), "{screen}");
    assert!(screen.contains("#Hashtag"));
}

/// The words on a screen, rows joined.
fn screen_text(terminal: &Terminal<TestBackend>) -> String {
    let buffer = terminal.backend().buffer();
    let mut text = String::new();
    for y in 0..buffer.area.height {
        for x in 0..buffer.area.width {
            text.push_str(buffer[(x, y)].symbol());
        }
        text.push('\n');
    }
    text
}

/// Every screen the reader can show, in each language: none says a word of the other one.
/// The fixture's own German (titles, feeds, topics, the article's text) is data, not the
/// program's words, and is left out of the check.
#[test]
fn every_screen_speaks_one_language() {
    use crate::i18n::foreign::foreign;
    use crate::tui::msg::{CatalogueMsg, PromptKind, PromptMsg};
    let data: std::collections::HashSet<String> = [
        "Rente: Digitalisierung der Antragsverfahren",
        "Video: BMI diskutiert mit Nachwuchsnetzwerk über die Zukunft der Verwaltungsdigitalisierung",
        "Öffentliche Sicherheit in Städten",
        "Neue Fahrzeuge für den Katastrophenschutz",
        "Beim Meetup Digitale Verwaltung sprachen Nachwuchskräfte aus Bund, Ländern und Kommunen über die nächsten Schritte der Verwaltungsdigitalisierung. Die Aufzeichnung ist online.",
        "Veranstaltung Digitalisierung BMI Presse BMAS",
    ]
    .iter()
    .map(|t| t.to_string())
    // The catalogue's sources are named as their publishers name them.
    .chain(
        crate::config::catalogue::catalogue()
            .iter()
            .flat_map(|e| [e.id.clone(), e.name.clone(), e.group.clone()]),
    )
    .collect::<Vec<String>>()
    .iter()
    .flat_map(|t| {
        t.split(|c: char| !c.is_alphabetic())
            .map(str::to_lowercase)
            .collect::<Vec<_>>()
    })
    .collect();
    for lang in [Lang::De, Lang::En] {
        let german = lang == Lang::De;
        let fresh = || app(120, 40).with_language(lang).with_clipboard(false);
        let mut screens: Vec<(&str, App)> = vec![
            ("list", fresh()),
            ("list 80x24", app(80, 24).with_language(lang)),
        ];
        let mut reader = fresh();
        open_article(&mut reader);
        let mut changes = reader.clone();
        let id = changes.reader().expect("open").article.summary.id;
        let at = |day| {
            Utc.with_ymd_and_hms(2021, 12, day, 9, 0, 0)
                .single()
                .expect("time")
        };
        let version = |number, day, bits| crate::model::Version {
            number,
            seen_at: at(day),
            changes: crate::model::Changes(bits),
            title: format!("Zukunft {number}"),
            summary: String::new(),
            text: Some(format!("Online {number}")),
            kind: Some(format!("Meldung {number}")),
            published: at(day),
        };
        changes.update(Msg::Reader(ReaderMsg::VersionsLoaded {
            id,
            versions: vec![version(1, 16, 0), version(2, 17, 31)],
        }));
        screens.push(("reader", reader));
        screens.push(("changes", changes));
        let mut processes = fresh();
        processes.update(Msg::ToggleProcesses);
        processes.update(Msg::ProcessesLoaded(Vec::new()));
        screens.push(("processes", processes));
        let mut help = fresh();
        help.update(Msg::ToggleHelp);
        screens.push(("help", help));
        let mut log = fresh();
        log.update(Msg::Refresh(RefreshMsg::All));
        log.update(Msg::Refresh(RefreshMsg::FeedRefreshed(
            crate::model::FeedReport {
                moved_to: None,
                name: "BMAS Presse".into(),
                outcome: Err(crate::model::Reason::NoConnection {
                    host: "www.bmas.de".into(),
                    cause: crate::model::reason::NetCause::Unreachable,
                }),
            },
        )));
        screens.push(("refreshing", log.clone()));
        let mut failing = log.clone();
        failing.update(Msg::Refresh(RefreshMsg::Finished(Ok(
            crate::model::Summary {
                feeds: 2,
                failed: 1,
                ..Default::default()
            },
        ))));
        failing.update(Msg::FocusLeft);
        for _ in 0..4 {
            failing.update(Msg::Move(Move::Down));
        }
        failing.update(Msg::List(ListMsg::ArticlesLoaded {
            generation: failing.list().generation,
            rows: vec![],
            total: 0,
            placement: Placement::Replace,
        }));
        let text = screen_text(&draw(&failing));
        assert!(
            text.contains(match lang {
                Lang::De => "ließ sich zuletzt nicht laden",
                _ => "could not be fetched last time",
            }),
            "{text}"
        );
        screens.push(("a failing feed chosen", failing));
        log.update(Msg::ToggleLog);
        screens.push(("log", log));
        let mut catalogue = fresh();
        catalogue.update(Msg::Catalogue(CatalogueMsg::Open));
        screens.push(("catalogue", catalogue));
        let mut filter = fresh();
        filter.update(Msg::StartFilter);
        for c in "digital seit:99.99.2021".chars() {
            filter.update(Msg::List(ListMsg::FilterChar(c)));
        }
        screens.push(("filter error", filter));
        for kind in [PromptKind::AddFeed, PromptKind::SaveFilter] {
            let mut prompt = fresh();
            prompt.update(Msg::Prompt(PromptMsg::Start(kind)));
            screens.push(("prompt", prompt));
        }
        let mut copied = fresh();
        copied.update(Msg::CitationReady(Ok("BMI: Titel".into())));
        screens.push(("copied", copied));
        let mut link = fresh();
        open_article(&mut link);
        link.update(Msg::StartLinkNumber);
        screens.push(("link number", link));
        let mut empty = App::new(
            NaiveDate::from_ymd_opt(2021, 12, 20).expect("date"),
            Rect::new(0, 0, 120, 40),
            &[("BMI Presse".to_string(), Some("BMI".to_string()))],
            true,
        )
        .with_language(lang);
        empty.start(false);
        empty.update(Msg::List(ListMsg::ArticlesLoaded {
            generation: empty.list().generation,
            rows: vec![],
            total: 0,
            placement: Placement::Replace,
        }));
        screens.push(("first start", empty));
        for (label, app) in &screens {
            let text = screen_text(&draw(app));
            let words: Vec<String> = foreign(&text, german)
                .into_iter()
                .filter(|w| !data.contains(w))
                .collect();
            assert!(words.is_empty(), "{label} ({lang:?}): {words:?}\n{text}");
        }
    }
}

/// The README's screens are drawn here: each fenced block after a line
/// `<!-- screen: NAME -->` in README.md is what this test draws for NAME, so the mock-ups
/// cannot drift from the screen. `AMTSFEED_UPDATE_README=1 cargo test readme_screens`
/// writes them anew.
#[test]
fn readme_screens_are_the_screen() {
    let rows: Vec<ArticleSummary> = [
        (20, "BMUKN", "Hochwasserschutz: Bund und Länder vereinbaren Aktionsplan", false),
        (16, "BMI", "Video: BMI diskutiert mit Nachwuchsnetzwerk über die Zukunft der Verwaltungsdigitalisierung", false),
        (15, "BReg", "Kabinett beschließt Digitalstrategie", false),
        (14, "BReg", "Regierungspressekonferenz vom 14. Dezember", false),
        (13, "BMG", "Impfkampagne: Über 1 Million Auffrischungen an einem Tag", false),
        (11, "AA", "Außenministerin würdigt Völkerverständigung in Köln", true),
        (10, "BR", "Bundesrat billigt Gesetz zur Krankenhausfinanzierung", false),
        (8, "BMUKN", "Bundesumweltministerium startet Wettbewerb für Kreislaufwirtschaft", false),
        (1, "BMG", "Pflegebonus: Kabinett beschließt Eckpunkte", true),
    ]
    .into_iter()
    .enumerate()
    .map(|(i, (day, ministry, title, read))| {
        let mut row = row(20 - i as i64, day, ministry, title, read);
        row.starred = i == 3;
        let (feed, host, topics): (&str, &str, &[&str]) = match ministry {
            "BMI" => ("BMI Presse", "www.bmi.bund.de", &["Digitalisierung", "Verwaltung"]),
            "BMUKN" => ("BMUKN Meldungen", "www.bundesumweltministerium.de", &["Umwelt"]),
            "BReg" if day == 15 => ("Bundesregierung", "www.bundesregierung.de", &["Digitalisierung", "Kabinett"]),
            "BReg" => ("Bundesregierung", "www.bundesregierung.de", &["Kabinett"]),
            "BMG" => ("BMG Pressemitteilungen", "www.bundesgesundheitsministerium.de", &["Gesundheit"]),
            "AA" => ("AA Presse", "www.auswaertiges-amt.de", &["Außenpolitik"]),
            _ => ("Bundesrat", "www.bundesrat.de", &["Gesundheit"]),
        };
        row.feed = feed.into();
        row.link = Some(format!("https://{host}/DE/presse/{}.html", row.id.0));
        row.topics = topics.iter().map(|t| (*t).to_owned()).collect();
        row
    })
    .collect();
    let feeds: Vec<(String, Option<String>)> = [
        ("BMI Presse", "BMI"),
        ("BMUKN Meldungen", "BMUKN"),
        ("Bundesregierung", "BReg"),
        ("BMG Pressemitteilungen", "BMG"),
        ("AA Presse", "AA"),
        ("Bundesrat", "BR"),
        ("Kaputt", "BMJV"),
    ]
    .iter()
    .map(|(n, m)| ((*n).to_owned(), Some((*m).to_owned())))
    .collect();
    let base = || {
        let mut app = App::new(
            NaiveDate::from_ymd_opt(2021, 12, 20).expect("date"),
            Rect::new(0, 0, 100, 22),
            &feeds,
            true,
        )
        .with_zone(fixed_zone())
        .with_language(Lang::En);
        app.start(false);
        app.update(Msg::List(ListMsg::ArticlesLoaded {
            generation: app.list().generation,
            rows: rows.clone(),
            total: rows.len() as u64,
            placement: Placement::Replace,
        }));
        let status = |name: &str, articles, unread, error: bool| FeedStatus {
            name: name.into(),
            url: format!("https://example.org/{articles}.xml"),
            ministry: None,
            articles,
            unread,
            last_fetch: None,
            last_error: error.then_some(crate::model::Reason::Http {
                status: 404,
                retry_after: None,
            }),
            moved_to: None,
        };
        app.update(Msg::Sidebar(SidebarMsg::FeedsLoaded(
            vec![
                status("BMI Presse", 1, 1, false),
                status("BMUKN Meldungen", 2, 2, false),
                status("Bundesregierung", 2, 2, false),
                status("BMG Pressemitteilungen", 2, 1, false),
                status("AA Presse", 1, 0, false),
                status("Bundesrat", 1, 1, false),
                status("Kaputt", 0, 0, true),
            ],
            vec![],
        )));
        app.update(Msg::Sidebar(SidebarMsg::FacetsLoaded {
            generation: app.list().generation,
            topics: ["Digitalisierung", "Gesundheit", "Kabinett"]
                .iter()
                .map(|t| TopicCount {
                    topic: (*t).into(),
                    count: 2,
                })
                .collect(),
        }));
        app
    };
    let list = base();
    let mut reader = base();
    reader.update(Msg::Move(Move::Down));
    reader.update(Msg::Move(Move::Down));
    reader.update(Msg::Activate);
    let summary = reader.list().rows[2].clone();
    let id = summary.id;
    reader.update_rendering(Msg::Reader(ReaderMsg::ArticleLoaded {
        id,
        article: Some(Box::new(Article { processes: Vec::new(), references: Vec::new(),
            summary,
            summary_html: "<p>Das Bundeskabinett hat die Digitalstrategie beschlossen.</p>".into(),
            content_html: None,
            page_html: Some("<p>Das Bundeskabinett hat am Mittwoch die <a href=\"https://www.bundesregierung.de/digitalstrategie\">Digitalstrategie</a> beschlossen. Sie bündelt die Vorhaben der Ressorts bis 2025.</p><p>Die Bundesregierung berichtet dem Bundestag jährlich über den Stand der Umsetzung.</p>".into()),
            page_status: Some("ok".into()),
            retrieved: chrono::DateTime::default(),
            copies: Vec::new(),
        })),
    }));
    let mut filtering = base();
    filtering.update(Msg::StartFilter);
    for c in "digitalisierung since:1.12.2021".chars() {
        filtering.update(Msg::List(ListMsg::FilterChar(c)));
    }
    // What the store answers for it.
    let matches: Vec<ArticleSummary> = rows
        .iter()
        .filter(|r| r.topics.iter().any(|t| t == "Digitalisierung"))
        .cloned()
        .collect();
    filtering.update(Msg::List(ListMsg::ArticlesLoaded {
        generation: filtering.list().generation,
        total: matches.len() as u64,
        rows: matches,
        placement: Placement::Replace,
    }));
    let screens = [("list", list), ("reader", reader), ("filter", filtering)];
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md");
    let mut readme = std::fs::read_to_string(&path).expect("README.md");
    let mut stale = Vec::new();
    for (name, app) in &screens {
        let drawn: String = screen_text(&draw(app))
            .lines()
            .map(|l| format!("{}\n", l.trim_end()))
            .collect();
        let marker = format!("<!-- screen: {name} -->\n```\n");
        let start = readme
            .find(&marker)
            .unwrap_or_else(|| panic!("README.md has no {marker:?}"))
            + marker.len();
        let end = start + readme[start..].find("```").expect("the block ends");
        if readme[start..end] != drawn {
            stale.push(*name);
            readme.replace_range(start..end, &drawn);
        }
    }
    if stale.is_empty() {
        return;
    }
    if std::env::var_os("AMTSFEED_UPDATE_README").is_some() {
        std::fs::write(&path, readme).expect("write README.md");
    } else {
        panic!(
            "README.md's screens {stale:?} differ from the screen; \
             AMTSFEED_UPDATE_README=1 cargo test readme_screens writes them"
        );
    }
}

/// The log shows its newest entries at the bottom, however long the entries above them wrap.
#[test]
fn the_log_ends_with_the_newest_entry_even_when_entries_wrap() {
    let mut app = app(80, 24);
    for n in 0..30 {
        app.update(Msg::Refresh(RefreshMsg::FeedRefreshed(
            crate::model::FeedReport {
                moved_to: None,
                name: format!(
                    "Feed {n} mit einem sehr langen Namen, der in jedem Fall umbrochen wird"
                ),
                outcome: Err(crate::model::Reason::Http {
                    status: 500,
                    retry_after: None,
                }),
            },
        )));
    }
    app.update(Msg::ToggleLog);
    let text = screen_text(&draw(&app));
    // Inside the log's box (the status line below names the last error too).
    let boxed: Vec<&str> = text.lines().take(21).collect();
    let boxed = boxed.join("\n");
    assert!(boxed.contains("Feed 29 mit"), "{text}");
    assert!(!boxed.contains("Feed 3 mit"), "{text}");
}
