//! `App::update` as a state machine: message in, state and commands out.

use chrono::{TimeZone, Utc};

use super::*;
use crate::model::{Article, StoreCounts};
use crate::refresh::FeedChange;
use crate::refresh::{FeedReport, Summary};
use crate::tui::msg::{FeedAdded, PromptKind};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2021, 12, 20).expect("date")
}

fn row(id: i64, title: &str) -> ArticleSummary {
    ArticleSummary {
        id: ArticleId(id),
        feed: "BMI Presse".into(),
        ministry: Some("BMI".into()),
        title: title.into(),
        link: Some(format!("https://www.bmi.bund.de/{id}.html")),
        published: Utc
            .with_ymd_and_hms(2021, 12, 16, 9, 30, 0)
            .single()
            .expect("date"),
        topics: vec!["Veranstaltung".into()],
        summary: "Teaser".into(),
        read: false,
        starred: false,
        kind: None,
        date_unknown: false,
    }
}

fn article(id: i64) -> Box<Article> {
    Box::new(Article {
        summary: row(id, "Zukunft der Verwaltungsdigitalisierung"),
        summary_html: "<p>Siehe <a href=\"https://www.onlinezugangsgesetz.de/video\">die Aufzeichnung</a> und <a href=\"/termine.html\">Termine</a>.</p>".into(),
        content_html: None,
        page_html: None,
        page_status: None,
    })
}

fn feeds() -> Vec<(String, Option<String>)> {
    vec![
        ("BMI Presse".into(), Some("BMI".into())),
        ("BMAS".into(), Some("BMAS".into())),
    ]
}

/// An app with three rows loaded.
fn loaded() -> App {
    let mut app = App::new(today(), Rect::new(0, 0, 120, 40), &feeds(), true);
    app.start(false);
    let rows = vec![row(3, "Drei"), row(2, "Zwei"), row(1, "Eins")];
    app.update(Msg::ArticlesLoaded {
        generation: app.generation,
        rows,
        total: 3,
        append: false,
    });
    app
}

fn load_filter(cmds: &[Cmd]) -> Option<&Filter> {
    cmds.iter().find_map(|c| match c {
        Cmd::LoadArticles { query, .. } => Some(&query.filter),
        _ => None,
    })
}

#[test]
fn start_loads_feeds_and_first_page() {
    let mut app = App::new(today(), Rect::new(0, 0, 80, 24), &feeds(), true);
    let cmds = app.start(false);
    assert_eq!(cmds[1], Cmd::LoadFeeds, "the list is loaded first");
    assert!(
        matches!(&cmds[0], Cmd::LoadArticles { generation: 1, append: false, debounce: false, query } if query.limit == Some(PAGE))
    );
    assert!(app.loading);
    let with_refresh = App::new(today(), Rect::new(0, 0, 80, 24), &feeds(), true).start(true);
    assert_eq!(with_refresh.last(), Some(&Cmd::Refresh(None)));
}

#[test]
fn stale_list_replies_are_dropped() {
    let mut app = loaded();
    let old = app.generation;
    app.update(Msg::StartFilter);
    app.update(Msg::FilterChar('z'));
    assert_eq!(app.generation, old + 1);
    app.update(Msg::ArticlesLoaded {
        generation: old,
        rows: vec![row(9, "Alt")],
        total: 1,
        append: false,
    });
    assert_eq!(
        app.rows.len(),
        3,
        "a reply for the old filter must not replace the list"
    );
    app.update(Msg::ArticlesLoaded {
        generation: old + 1,
        rows: vec![row(2, "Zwei")],
        total: 1,
        append: false,
    });
    assert_eq!(
        app.rows
            .iter()
            .map(|r| r.title.as_str())
            .collect::<Vec<_>>(),
        ["Zwei"]
    );
}

#[test]
fn filter_typing_is_debounced_and_bad_dates_keep_the_list() {
    let mut app = loaded();
    app.update(Msg::StartFilter);
    assert_eq!(app.mode, Mode::Filter);
    let mut last = Vec::new();
    for c in "digital".chars() {
        last = app.update(Msg::FilterChar(c));
    }
    assert!(matches!(last[0], Cmd::LoadArticles { debounce: true, .. }));
    assert_eq!(
        load_filter(&last).map(|f| f.keywords.clone()),
        Some(vec!["digital".to_string()])
    );
    for c in " since:32.1.2021".chars() {
        app.update(Msg::FilterChar(c));
    }
    assert!(app
        .filter_error
        .as_deref()
        .is_some_and(|e| e.contains("invalid date")));
    assert_eq!(app.rows.len(), 3);
    assert!(app.update(Msg::FilterChar('x')).is_empty());
    app.update(Msg::FilterSubmit);
    assert_eq!(app.mode, Mode::Normal);
    let cleared = app
        .update(Msg::StartFilter)
        .into_iter()
        .chain(app.update(Msg::FilterCancel))
        .collect::<Vec<_>>();
    assert!(load_filter(&cleared).is_some_and(Filter::is_empty));
    assert!(app.filter_error.is_none() && app.filter_text.is_empty());
}

#[test]
fn opening_marks_read_and_stale_article_replies_are_dropped() {
    let mut app = loaded();
    app.update(Msg::MoveDown);
    let cmds = app.update(Msg::Activate);
    assert_eq!(
        cmds,
        vec![
            Cmd::LoadArticle(ArticleId(2)),
            Cmd::SetRead(vec![ArticleId(2)], true),
            Cmd::LoadFeeds
        ]
    );
    assert!(app.rows[1].read);
    assert_eq!(app.focus, Pane::Reader);
    // The user moved on: a reply for another article is ignored.
    app.update_rendering(Msg::ArticleLoaded {
        id: ArticleId(3),
        article: Some(article(3)),
    });
    assert!(app.reader.is_none());
    app.update_rendering(Msg::ArticleLoaded {
        id: ArticleId(2),
        article: Some(article(2)),
    });
    let reader = app.reader.as_ref().expect("reader open");
    assert_eq!(reader.lines[0], "Zukunft der Verwaltungsdigitalisierung");
    assert!(
        reader
            .lines
            .iter()
            .any(|l| l == "Siehe die Aufzeichnung[1] und Termine[2]."),
        "{:?}",
        reader.lines
    );
    assert!(reader
        .lines
        .iter()
        .any(|l| l == "[2] https://www.bmi.bund.de/termine.html"));
}

/// Whether the reader shows the body of `article(_)` (its link text).
fn body_shown(app: &App) -> bool {
    app.reader
        .as_ref()
        .is_some_and(|r| r.lines.iter().any(|l| l.contains("Aufzeichnung")))
}

#[test]
fn the_body_is_rendered_by_the_worker_and_stale_renderings_are_dropped() {
    let mut app = loaded();
    app.update(Msg::MoveDown);
    app.update(Msg::Activate);
    let cmds = app.update(Msg::ArticleLoaded {
        id: ArticleId(2),
        article: Some(article(2)),
    });
    // update itself renders nothing: the header is there, the body is asked for.
    let [Cmd::RenderArticle {
        id,
        width,
        html,
        base,
    }] = cmds.as_slice()
    else {
        panic!("expected one render command, got {cmds:?}");
    };
    assert_eq!(
        (*id, base.as_deref()),
        (ArticleId(2), Some("https://www.bmi.bund.de/2.html"))
    );
    let reader = app.reader.as_ref().expect("reader open");
    assert_eq!(reader.lines[0], "Zukunft der Verwaltungsdigitalisierung");
    assert!(!reader.lines.iter().any(|l| l.contains("Aufzeichnung")));
    // A rendering for another width (the terminal was resized since) is dropped …
    let stale = render_body(html, width + 7, base.as_deref());
    app.update(Msg::ArticleRendered {
        id: ArticleId(2),
        width: width + 7,
        rendered: stale,
    });
    assert!(!body_shown(&app));
    // … as is one for another article; the right one is shown.
    let fresh = render_body(html, *width, base.as_deref());
    app.update(Msg::ArticleRendered {
        id: ArticleId(3),
        width: *width,
        rendered: fresh.clone(),
    });
    assert!(!body_shown(&app));
    app.update(Msg::ArticleRendered {
        id: ArticleId(2),
        width: *width,
        rendered: fresh,
    });
    assert!(app
        .reader
        .as_ref()
        .expect("open")
        .lines
        .iter()
        .any(|l| l == "Siehe die Aufzeichnung[1] und Termine[2]."));
    // A resize asks for the body again at the new width.
    let cmds = app.update(Msg::Resized(60, 30));
    assert!(
        matches!(cmds.as_slice(), [Cmd::RenderArticle { .. }]),
        "{cmds:?}"
    );
}

#[test]
fn links_open_by_key_and_number() {
    let mut app = loaded();
    app.update(Msg::Activate);
    app.update_rendering(Msg::ArticleLoaded {
        id: ArticleId(3),
        article: Some(article(3)),
    });
    assert_eq!(
        app.update(Msg::OpenArticleLink),
        vec![Cmd::OpenLink("https://www.bmi.bund.de/3.html".into())]
    );
    app.update(Msg::Digit(2));
    assert_eq!(app.mode, Mode::LinkNumber);
    assert_eq!(
        app.update(Msg::Activate),
        vec![Cmd::OpenLink("https://www.bmi.bund.de/termine.html".into())]
    );
    app.update(Msg::StartLinkNumber);
    app.update(Msg::Digit(7));
    assert!(app.update(Msg::Activate).is_empty());
    assert_eq!(app.last_error(), Some("no link [7]"));
}

#[test]
fn full_text_on_demand() {
    let mut app = loaded();
    assert!(app.update(Msg::FetchFullText).is_empty(), "nothing open");
    app.update(Msg::Activate);
    app.update_rendering(Msg::ArticleLoaded {
        id: ArticleId(3),
        article: Some(article(3)),
    });
    let reader = app.reader.as_ref().expect("reader");
    assert!(
        reader
            .lines
            .iter()
            .any(|l| l.starts_with("Teaser only: the article page has not been fetched yet")),
        "{:?}",
        reader.lines
    );
    assert_eq!(
        app.update(Msg::FetchFullText),
        vec![Cmd::FetchPage(ArticleId(3))]
    );
    let done = app.update(Msg::PageFetched {
        id: ArticleId(3),
        result: Ok(()),
    });
    assert_eq!(done, vec![Cmd::LoadFeeds, Cmd::LoadArticle(ArticleId(3))]);
    app.update(Msg::PageFetched {
        id: ArticleId(3),
        result: Err("HTTP 404".into()),
    });
    assert_eq!(app.last_error(), Some("full text: HTTP 404"));
}

#[test]
fn state_keys_produce_store_commands() {
    let mut app = loaded();
    assert_eq!(
        app.update(Msg::ToggleStar),
        vec![Cmd::SetStarred(ArticleId(3), true)]
    );
    assert!(app.rows[0].starred);
    assert_eq!(
        app.update(Msg::ToggleRead),
        vec![Cmd::SetRead(vec![ArticleId(3)], true), Cmd::LoadFeeds]
    );
    // M: the whole list's query goes to the store (not only the loaded rows), which answers
    // with how many it marked.
    let cmds = app.update(Msg::MarkAllRead);
    assert!(
        matches!(&cmds[..], [Cmd::MarkListRead(q)] if q.limit.is_none() && q.filter == app.effective_filter()),
        "{cmds:?}"
    );
    assert!(app.rows.iter().all(|r| r.read));
    app.update(Msg::ListMarkedRead(1234));
    assert!(app.notice().is_some_and(|n| n.contains("1234")));
}

#[test]
fn the_list_shows_the_stored_state_even_when_a_load_crosses_a_toggle() {
    // Sidebar focused, `j` queues a list load, `m` marks the top row before that load
    // answers: the load brings the old state, the store's confirmation the new one.
    let mut app = loaded();
    app.update(Msg::FocusLeft);
    let cmds = app.update(Msg::MoveDown);
    assert!(
        load_filter(&cmds).is_some(),
        "the sidebar move reloads: {cmds:?}"
    );
    assert_eq!(
        app.update(Msg::ToggleRead),
        vec![Cmd::SetRead(vec![ArticleId(3)], true), Cmd::LoadFeeds]
    );
    app.update(Msg::ArticlesLoaded {
        generation: app.generation,
        rows: vec![row(3, "Drei"), row(2, "Zwei")],
        total: 2,
        append: false,
    });
    app.update(Msg::StateStored {
        ids: vec![ArticleId(3)],
        read: Some(true),
        starred: None,
    });
    assert!(app.rows[0].read, "the row shows what the cache holds");
    assert!(!app.rows[1].read);
    // So the next `m` is the toggle back, not a second "read".
    assert_eq!(
        app.update(Msg::ToggleRead),
        vec![Cmd::SetRead(vec![ArticleId(3)], false), Cmd::LoadFeeds]
    );
    app.update(Msg::StateStored {
        ids: vec![ArticleId(2)],
        read: None,
        starred: Some(true),
    });
    assert!(app.rows[1].starred && !app.rows[1].read);
}

#[test]
fn sidebar_selection_sets_the_filter() {
    let mut app = loaded();
    app.update(Msg::FocusLeft);
    assert_eq!(app.focus, Pane::Sidebar);
    let unread = app.update(Msg::MoveDown);
    assert!(load_filter(&unread).is_some_and(|f| f.unread));
    app.update(Msg::MoveDown);
    let feed = app.update(Msg::MoveDown);
    assert_eq!(
        load_filter(&feed).and_then(|f| f.feed.clone()),
        Some("BMI Presse".into())
    );
    let week = app.update(Msg::QuickRange(QuickRange::Week));
    assert_eq!(
        load_filter(&week).and_then(|f| f.since),
        NaiveDate::from_ymd_opt(2021, 12, 14)
    );
}

#[test]
fn topics_in_the_sidebar_filter_by_topic() {
    let mut app = loaded();
    let topics = vec![crate::model::TopicCount {
        topic: "Katastrophenschutz".into(),
        count: 7,
    }];
    app.update(Msg::FacetsLoaded {
        generation: app.generation,
        topics: topics.clone(),
    });
    assert_eq!(app.sidebar.len(), 6);
    app.update(Msg::FocusLeft);
    let cmds = app.update(Msg::Bottom);
    assert_eq!(
        load_filter(&cmds).map(|f| f.keywords.clone()),
        Some(vec!["Katastrophenschutz".to_string()])
    );
    // Facets for the new filter keep the chosen topic selected; stale facets are dropped.
    let stale = vec![crate::model::TopicCount {
        topic: "Alt".into(),
        count: 1,
    }];
    app.update(Msg::FacetsLoaded {
        generation: app.generation - 1,
        topics: stale,
    });
    assert!(!app
        .sidebar
        .iter()
        .any(|e| matches!(e, SidebarEntry::Topic { name, .. } if name == "Alt")));
    app.update(Msg::FacetsLoaded {
        generation: app.generation,
        topics: vec![
            crate::model::TopicCount {
                topic: "Digitales".into(),
                count: 9,
            },
            topics[0].clone(),
        ],
    });
    assert_eq!(
        app.sidebar[app.sidebar_selected],
        SidebarEntry::Topic {
            name: "Katastrophenschutz".into(),
            count: 7
        }
    );
}

#[test]
fn saved_filters_are_virtual_feeds_with_unread_counts() {
    let saved = vec![(
        "Digitales".to_string(),
        "digitalisierung since:30d".to_string(),
    )];
    let mut app =
        App::new(today(), Rect::new(0, 0, 120, 40), &feeds(), true).with_saved_filters(&saved);
    app.start(false);
    assert!(matches!(&app.sidebar[3], SidebarEntry::Saved { name, .. } if name == "Digitales"));
    app.update(Msg::FeedsLoaded(vec![], vec![("Digitales".into(), 4, 9)]));
    assert!(matches!(
        &app.sidebar[3],
        SidebarEntry::Saved { unread: 4, .. }
    ));
    app.update(Msg::FocusLeft);
    for _ in 0..3 {
        app.update(Msg::MoveDown);
    }
    let filter = app.effective_filter();
    assert_eq!(filter.keywords, ["digitalisierung"]);
    assert_eq!(filter.since, NaiveDate::from_ymd_opt(2021, 11, 20));
}

#[test]
fn timeline_bars_zoom_in_and_out() {
    use crate::model::{Bucket, Timeline};
    let mut app = loaded();
    let day = |d| NaiveDate::from_ymd_opt(2021, 12, d).expect("date");
    let timeline = Timeline {
        bucket: Bucket::Week,
        bars: vec![(day(6), 3), (day(13), 5)],
    };
    app.update(Msg::TimelineLoaded {
        generation: app.generation - 1,
        timeline: timeline.clone(),
    });
    assert!(app.timeline.is_none(), "stale timelines are dropped");
    app.update(Msg::TimelineLoaded {
        generation: app.generation,
        timeline,
    });
    assert_eq!(app.bar, 1, "the newest bar is selected");
    app.update(Msg::TimelineStep(-1));
    app.update(Msg::TimelineStep(-1));
    assert_eq!(app.bar, 0);
    let cmds = app.update(Msg::ZoomIn);
    let filter = load_filter(&cmds).expect("reload");
    assert_eq!((filter.since, filter.until), (Some(day(6)), Some(day(12))));
    let cmds = app.update(Msg::ZoomOut);
    let filter = load_filter(&cmds).expect("reload");
    assert_eq!((filter.since, filter.until), (None, None));
    assert!(app.update(Msg::ZoomOut).is_empty());
}

#[test]
fn refresh_progress_errors_and_reload_keep_selection() {
    let mut app = loaded();
    app.update(Msg::MoveDown);
    assert_eq!(app.update(Msg::RefreshAll), vec![Cmd::Refresh(None)]);
    assert_eq!(app.refresh, Some(Progress { done: 0, total: 2 }));
    assert!(
        app.update(Msg::RefreshAll).is_empty(),
        "one refresh at a time"
    );
    app.update(Msg::FeedRefreshed(FeedReport {
        name: "BMAS".into(),
        outcome: Err("HTTP 500".into()),
    }));
    assert_eq!(app.last_error(), Some("BMAS: HTTP 500"));
    assert!(
        matches!(&app.sidebar[4], SidebarEntry::Feed { error: Some(e), .. } if e == "HTTP 500")
    );
    let cmds = app.update(Msg::FeedRefreshed(FeedReport {
        name: "BMI Presse".into(),
        outcome: Ok(FeedChange::Stored(StoreCounts { new: 1, updated: 0 })),
    }));
    assert!(load_filter(&cmds).is_some());
    assert_eq!(app.refresh, Some(Progress { done: 2, total: 2 }));
    // New rows arrive above: the selected article stays selected.
    let rows = vec![
        row(4, "Vier"),
        row(3, "Drei"),
        row(2, "Zwei"),
        row(1, "Eins"),
    ];
    app.update(Msg::ArticlesLoaded {
        generation: app.generation,
        rows,
        total: 4,
        append: false,
    });
    assert_eq!(app.selected_row().map(|r| r.id), Some(ArticleId(2)));
    let done = app.update(Msg::RefreshFinished(Ok(Summary {
        feeds: 2,
        failed: 1,
        new: 1,
        updated: 0,
        pages: Default::default(),
        removed: 0,
    })));
    assert!(app.refresh.is_none());
    assert!(done.contains(&Cmd::LoadFeeds));
    assert_eq!(app.log.len(), 2);
}

#[test]
fn resize_rewraps_and_quit_quits() {
    let mut app = loaded();
    app.update(Msg::Activate);
    let mut long = article(3);
    long.summary_html = format!("<p>{}</p>", "Verwaltung ".repeat(40));
    app.update_rendering(Msg::ArticleLoaded {
        id: ArticleId(3),
        article: Some(long),
    });
    let wide = app.reader.as_ref().map(|r| r.lines.len()).expect("reader");
    app.update_rendering(Msg::Resized(40, 20));
    let narrow = app.reader.as_ref().map(|r| r.lines.len()).expect("reader");
    assert!(narrow > wide, "{narrow} <= {wide}");
    assert!(app
        .reader
        .as_ref()
        .is_some_and(|r| r.lines.iter().all(|l| l.chars().count() <= 36)));
    app.update(Msg::Quit);
    assert!(app.should_quit);
}

#[test]
fn paging_loads_more_near_the_end() {
    let mut app = App::new(today(), Rect::new(0, 0, 120, 40), &feeds(), true);
    app.start(false);
    let rows: Vec<_> = (0..PAGE as i64).map(|i| row(1000 - i, "Zeile")).collect();
    app.update(Msg::ArticlesLoaded {
        generation: app.generation,
        rows,
        total: 1000,
        append: false,
    });
    let cmds = app.update(Msg::Bottom);
    assert!(
        matches!(&cmds[..], [Cmd::LoadArticles { append: true, query, .. }] if query.offset == PAGE)
    );
    assert!(
        app.update(Msg::MoveUp).is_empty(),
        "no second page request while one is loading"
    );
}

#[test]
fn key_table_has_no_duplicate_keys() {
    use crate::tui::keys::BINDINGS;
    let all: Vec<_> = BINDINGS.iter().flat_map(|b| b.keys.iter()).collect();
    for (i, key) in all.iter().enumerate() {
        assert!(!all[i + 1..].contains(key), "{key:?} bound twice");
    }
}

#[test]
fn add_feed_prompt_sends_the_url_and_the_new_feed_joins_the_sidebar() {
    let mut app = loaded();
    assert!(app.update(Msg::StartPrompt(PromptKind::AddFeed)).is_empty());
    assert_eq!(app.mode, Mode::Prompt);
    for c in " https://www.bmbfsfj.bund.de/rss.xml\u{7}".chars() {
        app.update(Msg::PromptChar(c));
    }
    app.update(Msg::PromptChar('x'));
    app.update(Msg::PromptBackspace);
    let cmds = app.update(Msg::PromptSubmit);
    assert_eq!(
        cmds,
        vec![Cmd::AddFeed("https://www.bmbfsfj.bund.de/rss.xml".into())],
        "trimmed, control characters dropped"
    );
    assert_eq!(app.mode, Mode::Normal);
    let before = app.sidebar.len();
    let cmds = app.update(Msg::FeedAdded(Ok(FeedAdded {
        name: "BMBFSFJ Meldungen".into(),
        ministry: None,
        articles: 7,
    })));
    assert_eq!(app.sidebar.len(), before + 1);
    assert!(app
        .sidebar
        .iter()
        .any(|e| matches!(e, SidebarEntry::Feed { name, .. } if name == "BMBFSFJ Meldungen")));
    assert_eq!(app.feed_count, 3);
    assert!(cmds.contains(&Cmd::LoadFeeds));
    assert_eq!(
        app.notice(),
        Some(
            format!(
                "{} 'BMBFSFJ Meldungen': 7 {}",
                app.text().added_feed,
                app.text().articles
            )
            .as_str()
        )
    );
    // A failure is one line in the status, nothing else changes.
    app.update(Msg::FeedAdded(Err("not a feed".into())));
    assert_eq!(app.last_error(), Some("not a feed"));
    assert_eq!(app.sidebar.len(), before + 1);
    // Esc leaves a prompt without a command.
    app.update(Msg::StartPrompt(PromptKind::AddFeed));
    app.update(Msg::PromptChar('h'));
    assert!(app.update(Msg::PromptCancel).is_empty());
    assert_eq!((app.mode, app.prompt.is_none()), (Mode::Normal, true));
}

#[test]
fn saving_the_filter_needs_one_and_adds_a_saved_entry() {
    let mut app = loaded();
    assert!(app
        .update(Msg::StartPrompt(PromptKind::SaveFilter))
        .is_empty());
    assert_eq!(app.mode, Mode::Normal, "no filter, no prompt");
    assert_eq!(app.notice(), Some(app.text().nothing_to_save));
    app.update(Msg::StartFilter);
    for c in "digitalisierung seit:30d".chars() {
        app.update(Msg::FilterChar(c));
    }
    app.update(Msg::StartPrompt(PromptKind::SaveFilter));
    for c in "Digitales".chars() {
        app.update(Msg::PromptChar(c));
    }
    let cmds = app.update(Msg::PromptSubmit);
    assert_eq!(
        cmds,
        vec![Cmd::SaveFilter {
            name: "Digitales".into(),
            query: "digitalisierung seit:30d".into()
        }]
    );
    app.update(Msg::FilterSaved(Ok((
        "Digitales".into(),
        "digitalisierung seit:30d".into(),
    ))));
    let saved: Vec<_> = app
        .sidebar
        .iter()
        .filter(|e| matches!(e, SidebarEntry::Saved { .. }))
        .collect();
    assert_eq!(saved.len(), 1);
    // Saving again under the same name updates it instead of adding a second one.
    app.update(Msg::FilterSaved(Ok(("digitales".into(), "ki".into()))));
    let queries: Vec<_> = app
        .sidebar
        .iter()
        .filter_map(|e| match e {
            SidebarEntry::Saved { query, .. } => Some(query.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(queries, ["ki"]);
}

#[test]
fn config_warnings_reach_the_status_line_and_the_log() {
    let app =
        App::new(today(), Rect::new(0, 0, 80, 24), &feeds(), true).with_config_warnings(vec![
            "[keys] fly: no such action".into(),
            "[theme] x".into(),
        ]);
    assert!(app
        .notice()
        .is_some_and(|n| n.contains("fly") && n.contains("+1")));
    assert_eq!(app.log.len(), 2);
}

#[test]
fn the_total_arrives_after_the_rows_and_stale_totals_are_dropped() {
    let mut app = App::new(today(), Rect::new(0, 0, 120, 40), &feeds(), true);
    app.start(false);
    let generation = app.generation;
    let rows: Vec<ArticleSummary> = (0..PAGE as i64).map(|i| row(1000 - i, "Zeile")).collect();
    app.update(Msg::ArticlesLoaded {
        generation,
        rows,
        total: PAGE as u64,
        append: false,
    });
    assert_eq!(app.total, PAGE as u64, "provisional: what is shown so far");
    assert!(app.counting, "a full page: the count is still coming");
    assert!(app
        .update(Msg::TotalLoaded {
            generation: generation - 1,
            total: 9
        })
        .is_empty());
    assert_eq!(app.total, PAGE as u64);
    app.update(Msg::TotalLoaded {
        generation,
        total: 19_051,
    });
    assert_eq!(app.total, 19_051);
    assert!(!app.counting);
    // Near the end of the loaded rows, the next page is asked for now that more exist.
    app.selected = PAGE - 10;
    let cmds = app.update(Msg::MoveDown);
    assert!(
        cmds.iter()
            .any(|c| matches!(c, Cmd::LoadArticles { append: true, .. })),
        "{cmds:?}"
    );
    // The next page's provisional count (offset + rows) must not lower the known total.
    let more: Vec<ArticleSummary> = (0..PAGE as i64).map(|i| row(500 - i, "Mehr")).collect();
    app.update(Msg::ArticlesLoaded {
        generation,
        rows: more,
        total: 2 * PAGE as u64,
        append: true,
    });
    assert_eq!(app.rows.len(), 2 * PAGE);
    assert_eq!(app.total, 19_051, "paging goes on");
}

#[test]
fn the_mouse_opens_rows_and_numbered_links_and_the_wheel_scrolls() {
    let mut app = loaded();
    // A click on the second row of the list opens that article.
    let list = layout::areas(app.screen, app.focus, false, app.sidebar_width())
        .list
        .expect("a list pane");
    let cmds = app.update(Msg::Click(list.x + 3, list.y + 2));
    assert_eq!(app.selected, 1);
    assert_eq!(cmds.first(), Some(&Cmd::LoadArticle(ArticleId(2))));
    app.update_rendering(Msg::ArticleLoaded {
        id: ArticleId(2),
        article: Some(article(2)),
    });
    // A click on "[2]" in the reader opens the second link, resolved against the article.
    let reader = app.reader.as_ref().expect("reader open");
    let line = reader
        .lines
        .iter()
        .position(|l| l.contains("Termine[2]"))
        .expect("the link marker");
    let column = reader.lines[line].find("[2]").expect("marker") as u16;
    let area = layout::areas(app.screen, app.focus, true, app.sidebar_width())
        .reader
        .expect("a reader pane");
    let cmds = app.update(Msg::Click(area.x + 2 + column, area.y + 1 + line as u16));
    assert_eq!(
        cmds,
        vec![Cmd::OpenLink("https://www.bmi.bund.de/termine.html".into())]
    );
    // A click elsewhere in the text opens nothing.
    assert!(app.update(Msg::Click(area.x + 2, area.y + 1)).is_empty());
    // The wheel moves through the list.
    app.focus = Pane::List;
    app.update(Msg::ScrollDown);
    assert_eq!(app.selected, 2);
    app.update(Msg::ScrollUp);
    app.update(Msg::ScrollUp);
    assert_eq!(app.selected, 0);
}

#[test]
fn without_mark_read_on_open_opening_changes_no_state() {
    let mut app = App::new(today(), Rect::new(0, 0, 120, 40), &feeds(), false);
    app.start(false);
    app.update(Msg::ArticlesLoaded {
        generation: app.generation,
        rows: vec![row(3, "Drei"), row(2, "Zwei")],
        total: 2,
        append: false,
    });
    let cmds = app.update(Msg::Activate);
    assert_eq!(cmds, vec![Cmd::LoadArticle(ArticleId(3))]);
    assert!(!app.rows[0].read);
}

#[test]
fn the_filter_bar_edits_like_a_shell() {
    use crate::tui::line_input::Edit;
    let mut app = loaded();
    app.update(Msg::StartFilter);
    for c in "digital since:2w".chars() {
        app.update(Msg::FilterChar(c));
    }
    // Ctrl-W takes the last word; the list follows the text.
    let cmds = app.update(Msg::FilterEdit(Edit::KillWord));
    assert_eq!(app.filter_input, "digital ");
    assert!(load_filter(&cmds).is_some(), "{cmds:?}");
    // Home, then typing inserts at the start; moving the cursor loads nothing.
    assert!(app.update(Msg::FilterEdit(Edit::Home)).is_empty());
    app.update(Msg::FilterChar('#'));
    assert_eq!(app.filter_input, "#digital ");
    assert_eq!(app.filter_input.split(), ("#", "digital "));
    app.update(Msg::FilterEdit(Edit::End));
    app.update(Msg::FilterEdit(Edit::KillToStart));
    assert_eq!(app.filter_input, "");
}

#[test]
fn the_newest_status_message_wins_and_errors_reach_the_log() {
    let mut app = loaded();
    app.update(Msg::LinkOpened(Err("no link [7]".into())));
    assert_eq!(app.last_error(), Some("no link [7]"));
    // A later success replaces the error instead of hiding behind it.
    app.update(Msg::LinkOpened(Ok(())));
    assert_eq!(app.last_error(), None);
    assert_eq!(app.notice(), Some(app.text().opened_in_browser));
    // An error of `a` (add a feed) is in the log, in full.
    let long = format!(
        "https://www.example.org/{}: not added: not an RSS, Atom or JSON feed",
        "x".repeat(200)
    );
    app.update(Msg::FeedAdded(Err(long.clone())));
    assert_eq!(app.last_error(), Some(long.as_str()));
    assert_eq!(
        app.log.last().map(String::as_str),
        Some(format!("error: {long}").as_str())
    );
}

#[test]
fn n_goes_to_the_next_unread_article() {
    let mut app = loaded();
    app.rows[1].read = true;
    // From the first row, skipping the read one.
    app.update(Msg::NextUnread);
    assert_eq!(app.selected, 2);
    app.update(Msg::NextUnread);
    assert_eq!(app.selected, 2, "nothing unread below");
    assert_eq!(app.notice(), Some(app.text().no_more_unread));
    assert_eq!(
        app.keymap
            .msg_for(&ratatui::crossterm::event::KeyEvent::from(
                ratatui::crossterm::event::KeyCode::Char('n')
            )),
        Some(Msg::NextUnread)
    );
}

#[test]
fn after_midnight_relative_dates_mean_the_new_day() {
    let mut app = loaded();
    app.update(Msg::StartFilter);
    for c in "seit:heute".chars() {
        app.update(Msg::FilterChar(c));
    }
    app.update(Msg::FilterSubmit);
    assert_eq!(app.effective_filter().since, Some(today()));
    assert!(
        app.update(Msg::DayChanged(today())).is_empty(),
        "the same day: nothing to do"
    );
    let tomorrow = today().succ_opt().expect("date");
    let cmds = app.update(Msg::DayChanged(tomorrow));
    assert_eq!(load_filter(&cmds).and_then(|f| f.since), Some(tomorrow));
    assert!(cmds.contains(&Cmd::LoadFeeds), "saved-filter counts follow");
}

#[test]
fn the_list_query_is_complete_when_it_leaves_the_app() {
    let berlin_winter = chrono::FixedOffset::east_opt(3600).expect("offset");
    let mut app = App::new(today(), Rect::new(0, 0, 120, 40), &feeds(), true)
        .with_zone(crate::model::Zone::Fixed(berlin_winter));
    app.start(false);
    app.update(Msg::StartFilter);
    let mut cmds = Vec::new();
    for c in "seit:16.12.2021".chars() {
        cmds = app.update(Msg::FilterChar(c));
    }
    let query = cmds
        .iter()
        .find_map(|c| match c {
            Cmd::LoadArticles { query, .. } => Some(query),
            _ => None,
        })
        .expect("a load");
    // Midnight in the app's zone, not in whatever zone the worker thread runs.
    let midnight = Utc
        .with_ymd_and_hms(2021, 12, 15, 23, 0, 0)
        .single()
        .expect("date")
        .timestamp();
    assert_eq!(query.bounds, (Some(midnight), None));
}
