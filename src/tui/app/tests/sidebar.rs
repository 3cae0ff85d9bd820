//! The sidebar: entries as filters, topics, saved filters, refresh progress.

use super::*;
use crate::model::SavedCount;
use crate::tui::msg::Placement;
use crate::tui::msg::{ListMsg, Move, RefreshMsg, SidebarMsg};

#[test]
fn sidebar_selection_sets_the_filter() {
    let mut app = loaded();
    app.update(Msg::FocusLeft);
    assert_eq!(app.focus, Pane::Sidebar);
    let unread = app.update(Msg::Move(Move::Down));
    assert!(load_filter(&unread).is_some_and(|f| f.unread));
    app.update(Msg::Move(Move::Down));
    let feed = app.update(Msg::Move(Move::Down));
    assert_eq!(
        load_filter(&feed).and_then(|f| f.feed.clone()),
        Some("BMI Presse".into())
    );
    let week = app.update(Msg::List(ListMsg::QuickRange(QuickRange::Week)));
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
    app.update(Msg::Sidebar(SidebarMsg::FacetsLoaded {
        generation: app.list.generation,
        topics: topics.clone(),
    }));
    assert_eq!(app.sidebar.entries.len(), 6);
    app.update(Msg::FocusLeft);
    let cmds = app.update(Msg::Move(Move::Bottom));
    assert_eq!(
        load_filter(&cmds).map(|f| f.keywords.clone()),
        Some(vec!["Katastrophenschutz".to_string()])
    );
    // Facets for the new filter keep the chosen topic selected; stale facets are dropped.
    let stale = vec![crate::model::TopicCount {
        topic: "Alt".into(),
        count: 1,
    }];
    app.update(Msg::Sidebar(SidebarMsg::FacetsLoaded {
        generation: app.list.generation - 1,
        topics: stale,
    }));
    assert!(!app
        .sidebar
        .entries
        .iter()
        .any(|e| matches!(e, SidebarEntry::Topic { name, .. } if name == "Alt")));
    app.update(Msg::Sidebar(SidebarMsg::FacetsLoaded {
        generation: app.list.generation,
        topics: vec![
            crate::model::TopicCount {
                topic: "Digitales".into(),
                count: 9,
            },
            topics[0].clone(),
        ],
    }));
    assert_eq!(
        app.sidebar.entries[app.sidebar.selected],
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
    assert!(
        matches!(&app.sidebar.entries[3], SidebarEntry::Saved { name, .. } if name == "Digitales")
    );
    app.update(Msg::Sidebar(SidebarMsg::FeedsLoaded(
        vec![],
        vec![SavedCount {
            name: "Digitales".into(),
            unread: 4,
            total: 9,
            new: 2,
        }],
    )));
    assert!(matches!(
        &app.sidebar.entries[3],
        SidebarEntry::Saved {
            unread: 4,
            new: 2,
            ..
        }
    ));
    // New matches show before the counts.
    assert_eq!(app.sidebar.rows(app.text())[3].1, "+2 4/9");
    app.update(Msg::FocusLeft);
    let mut cmds = Vec::new();
    for _ in 0..3 {
        cmds = app.update(Msg::Move(Move::Down));
    }
    // Choosing it is looking at it: its matches are no longer new.
    assert!(
        cmds.contains(&Cmd::MarkFilterSeen("Digitales".into())),
        "{cmds:?}"
    );
    // An alert after a refresh: in the status line and the log, and the counts reload.
    let alerts = vec![crate::model::Alert {
        kind: crate::model::AlertKind::New,
        filter: "Digitales".into(),
        count: 3,
    }];
    assert_eq!(app.update(Msg::Alerts(alerts)), vec![Cmd::LoadFeeds]);
    assert_eq!(app.status.notice(), Some("Digitales: 3 new matches"));
    let filter = app.effective_filter();
    assert_eq!(filter.keywords, ["digitalisierung"]);
    assert_eq!(filter.since, NaiveDate::from_ymd_opt(2021, 11, 20));
}

#[test]
fn refresh_progress_errors_and_reload_keep_selection() {
    let mut app = loaded();
    app.update(Msg::Move(Move::Down));
    assert_eq!(
        app.update(Msg::Refresh(RefreshMsg::All)),
        vec![Cmd::Refresh(None)]
    );
    assert_eq!(app.refresh, Some(Progress { done: 0, total: 2 }));
    assert!(
        app.update(Msg::Refresh(RefreshMsg::All)).is_empty(),
        "one refresh at a time"
    );
    app.update(Msg::Refresh(RefreshMsg::FeedRefreshed(FeedReport {
        moved_to: None,
        name: "BMAS".into(),
        outcome: Err(crate::model::Reason::Http {
            status: 500,
            retry_after: None,
        }),
    })));
    assert_eq!(app.status.last_error(), Some("BMAS: HTTP 500"));
    assert!(
        matches!(&app.sidebar.entries[4], SidebarEntry::Feed { error: Some(e), .. } if e.to_string() == "HTTP 500")
    );
    let cmds = app.update(Msg::Refresh(RefreshMsg::FeedRefreshed(FeedReport {
        moved_to: None,
        name: "BMI Presse".into(),
        outcome: Ok(FeedChange::Stored(StoreCounts { new: 1, updated: 0 })),
    })));
    assert!(load_filter(&cmds).is_some());
    assert_eq!(app.refresh, Some(Progress { done: 2, total: 2 }));
    // New rows arrive above: the selected article stays selected.
    let rows = vec![
        row(4, "Vier"),
        row(3, "Drei"),
        row(2, "Zwei"),
        row(1, "Eins"),
    ];
    app.update(Msg::List(ListMsg::ArticlesLoaded {
        generation: app.list.generation,
        rows,
        total: 4,
        placement: Placement::Replace,
    }));
    assert_eq!(app.selected_row().map(|r| r.id), Some(ArticleId(2)));
    let done = app.update(Msg::Refresh(RefreshMsg::Finished(Ok(Summary {
        feeds: 2,
        failed: 1,
        new: 1,
        updated: 0,
        pages: Default::default(),
        removed: 0,
        new_after: 0,
        started_at: chrono::DateTime::default(),
        dip: None,
    }))));
    assert!(app.refresh.is_none());
    assert!(done.contains(&Cmd::LoadFeeds));
    assert_eq!(app.status.log.len(), 2);
    assert_eq!(
        app.status.notice(),
        Some("1 new, 0 updated, 1 failed (L shows why)")
    );
    // Every feed failed: offline, most likely, and the cache is still there.
    app.update(Msg::Refresh(RefreshMsg::All));
    app.update(Msg::Refresh(RefreshMsg::Finished(Ok(Summary {
        feeds: 2,
        failed: 2,
        ..Summary::default()
    }))));
    assert_eq!(
        app.status.notice(),
        Some("0 new, 0 updated, 2 failed (L shows why) – none reachable: offline? The cache stays readable")
    );
    // What retention removed is said, never silent.
    app.update(Msg::Refresh(RefreshMsg::All));
    app.update(Msg::Refresh(RefreshMsg::Finished(Ok(Summary {
        removed: 3,
        ..Summary::default()
    }))));
    assert_eq!(
        app.status.notice(),
        Some("0 new, 0 updated, 0 failed, 3 removed by retention")
    );
}

#[test]
fn status_messages_leave_after_their_time_and_the_log_keeps_them_with_it() {
    use chrono::{TimeZone, Utc};
    let mut app = loaded();
    let at = |seconds| {
        Utc.with_ymd_and_hms(2021, 12, 20, 9, 0, seconds)
            .single()
            .expect("time")
    };
    app.set_clock(at(0));
    app.update(Msg::Refresh(RefreshMsg::FeedRefreshed(FeedReport {
        moved_to: None,
        name: "BMAS".into(),
        outcome: Err(crate::model::Reason::Http {
            status: 500,
            retry_after: None,
        }),
    })));
    assert_eq!(app.status.last_error(), Some("BMAS: HTTP 500"));
    let entry = app.status.log.last().expect("logged").clone();
    assert_eq!((entry.at, entry.error), (at(0), true));
    app.take_dirty();
    // An error stays a while; a key pressed in between does not shorten it.
    app.set_clock(at(19));
    assert!(app.status.last_error().is_some());
    assert!(!app.take_dirty(), "nothing changed on screen");
    app.set_clock(at(20));
    assert_eq!(app.status.message, None);
    assert!(app.take_dirty(), "the status line needs drawing without it");
    // A notice leaves sooner.
    app.update(Msg::Refresh(RefreshMsg::Finished(Ok(Summary::default()))));
    assert!(app.status.notice().is_some());
    app.set_clock(at(27));
    assert!(app.status.notice().is_some());
    app.set_clock(at(28));
    assert_eq!(app.status.message, None);
    assert_eq!(app.status.log.len(), 1, "the log keeps what was said");
}

#[test]
fn an_empty_list_says_why_it_is_empty() {
    let mut app = App::new(today(), Rect::new(0, 0, 120, 40), &feeds(), true);
    app.start(false);
    // A first start: nothing stored anywhere.
    assert!(app
        .empty_list_text()
        .starts_with("Nothing fetched yet: R fetches the feeds"));
    let status = |name: &str, articles, error| crate::model::FeedStatus {
        name: name.into(),
        url: format!("https://example.org/{name}.xml"),
        ministry: None,
        articles,
        unread: 0,
        last_fetch: None,
        last_error: error,
        moved_to: None,
    };
    let offline = crate::model::Reason::NoConnection {
        host: "www.bmas.de".into(),
        cause: crate::model::reason::NetCause::Unreachable,
    };
    app.update(Msg::Sidebar(SidebarMsg::FeedsLoaded(
        vec![
            status("BMI Presse", 3, None),
            status("BMAS", 0, Some(offline.clone())),
        ],
        vec![],
    )));
    assert!(app.empty_list_text().starts_with("No articles."));
    // The failing feed chosen: its error, worded, and what to do.
    let bmas = app
        .sidebar
        .entries
        .iter()
        .position(|e| matches!(e, SidebarEntry::Feed { name, .. } if name == "BMAS"))
        .expect("BMAS");
    app.update(Msg::FocusLeft);
    while app.sidebar.selected < bmas {
        app.update(Msg::Move(Move::Down));
    }
    assert_eq!(
        app.empty_list_text(),
        format!(
            "BMAS could not be fetched last time: {}. R tries again, L shows the log.",
            app.lang.reason(&offline)
        )
    );
    // Another narrowing with nothing in it.
    app.update(Msg::Move(Move::Up));
    assert!(app.empty_list_text().starts_with("Nothing matches."));
    let german = app.clone().with_language(crate::i18n::Lang::De);
    assert!(german.empty_list_text().starts_with("Nichts passt."));
}

#[test]
fn a_refused_dip_key_is_said_after_a_refresh_and_kept_in_the_log() {
    let mut app = loaded();
    app.update(Msg::Refresh(RefreshMsg::All));
    app.update(Msg::Refresh(RefreshMsg::Finished(Ok(Summary {
        feeds: 1,
        dip: Some(crate::model::reference::DipSummary {
            stopped: Some(crate::model::reference::DipError::KeyRefused { status: 401 }),
            ..Default::default()
        }),
        ..Summary::default()
    }))));
    let notice = app.status.notice().expect("a notice");
    assert!(
        notice.contains("DIP refused the key (HTTP 401)"),
        "{notice}"
    );
    assert!(app
        .status
        .log_texts()
        .iter()
        .any(|l| l.contains("dip_api_key")));
}
