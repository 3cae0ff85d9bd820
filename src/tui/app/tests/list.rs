//! The list: loading, stale replies, the filter bar, paging, the total, the timeline, the day.

use super::*;
use crate::tui::msg::Placement;
use crate::tui::msg::{ListMsg, Move};

#[test]
fn start_loads_feeds_and_first_page() {
    let mut app = App::new(today(), Rect::new(0, 0, 80, 24), &feeds(), true);
    let cmds = app.start(false);
    assert_eq!(cmds[1], Cmd::LoadFeeds, "the list is loaded first");
    assert!(
        matches!(&cmds[0], Cmd::LoadArticles { generation: 1, placement: Placement::Replace, query } if query.limit == Some(PAGE))
    );
    assert!(app.list.loading);
    let with_refresh = App::new(today(), Rect::new(0, 0, 80, 24), &feeds(), true).start(true);
    assert_eq!(with_refresh.last(), Some(&Cmd::Refresh(None)));
}

#[test]
fn stale_list_replies_are_dropped() {
    let mut app = loaded();
    let old = app.list.generation;
    app.update(Msg::StartFilter);
    app.update(Msg::List(ListMsg::FilterChar('z')));
    assert_eq!(app.list.generation, old + 1);
    app.update(Msg::List(ListMsg::ArticlesLoaded {
        generation: old,
        rows: vec![row(9, "Alt")],
        total: 1,
        placement: Placement::Replace,
    }));
    assert_eq!(
        app.list.rows.len(),
        3,
        "a reply for the old filter must not replace the list"
    );
    app.update(Msg::List(ListMsg::ArticlesLoaded {
        generation: old + 1,
        rows: vec![row(2, "Zwei")],
        total: 1,
        placement: Placement::Replace,
    }));
    assert_eq!(
        app.list
            .rows
            .iter()
            .map(|r| r.title.as_str())
            .collect::<Vec<_>>(),
        ["Zwei"]
    );
}

#[test]
fn every_keystroke_loads_at_once_and_bad_dates_keep_the_list() {
    let mut app = loaded();
    app.update(Msg::StartFilter);
    assert_eq!(app.mode, Mode::Filter);
    let mut last = Vec::new();
    for c in "digital".chars() {
        last = app.update(Msg::List(ListMsg::FilterChar(c)));
        // No pause: the query starts with the keystroke (the worker drops stale ones).
        assert!(
            matches!(
                &last[..],
                [Cmd::LoadArticles {
                    placement: Placement::Replace,
                    ..
                }]
            ),
            "{last:?}"
        );
    }
    assert_eq!(
        load_filter(&last).map(|f| f.keywords.clone()),
        Some(vec!["digital".to_string()])
    );
    for c in " since:32.1.2021".chars() {
        app.update(Msg::List(ListMsg::FilterChar(c)));
    }
    assert!(app
        .list
        .filter_error
        .as_deref()
        .is_some_and(|e| e.contains("invalid date")));
    assert_eq!(app.list.rows.len(), 3);
    assert!(app.update(Msg::List(ListMsg::FilterChar('x'))).is_empty());
    app.update(Msg::FilterSubmit);
    assert_eq!(app.mode, Mode::Normal);
    let cleared = app
        .update(Msg::StartFilter)
        .into_iter()
        .chain(app.update(Msg::FilterCancel))
        .collect::<Vec<_>>();
    assert!(load_filter(&cleared).is_some_and(Filter::is_empty));
    assert!(app.list.filter_error.is_none() && app.list.filter_text.is_empty());
}

#[test]
fn a_misspelt_field_shows_inline_and_or_queries_highlight_every_spelling() {
    let mut app = loaded();
    app.update(Msg::StartFilter);
    for c in "sicne:2w".chars() {
        app.update(Msg::List(ListMsg::FilterChar(c)));
    }
    let error = app.list.filter_error.clone().unwrap_or_default();
    assert!(
        error.contains("'sicne:'") && error.contains("since:"),
        "{error}"
    );
    assert_eq!(app.list.rows.len(), 3, "the last good list stays");
    // Cleared and typed anew: OR and a negation load, the positive words highlight in
    // both spellings.
    app.update(Msg::FilterCancel);
    app.update(Msg::StartFilter);
    let mut last = Vec::new();
    for c in "Muenchen OR THW -corona".chars() {
        last = app.update(Msg::List(ListMsg::FilterChar(c)));
    }
    assert!(app.list.filter_error.is_none());
    let filter = load_filter(&last).expect("a load").clone();
    assert_eq!(filter.conditions.len(), 2, "{filter:?}");
    let highlight: Vec<(&str, bool)> = app
        .list
        .highlight
        .iter()
        .map(|t| (t.pieces[0].as_str(), t.whole))
        .collect();
    // One key stands for both spellings; THW is an abbreviation: whole words only.
    assert_eq!(highlight, [("muenchen", false), ("thw", true)]);
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
    app.update(Msg::List(ListMsg::TimelineLoaded {
        generation: app.list.generation - 1,
        timeline: timeline.clone(),
    }));
    assert!(app.list.timeline.is_none(), "stale timelines are dropped");
    app.update(Msg::List(ListMsg::TimelineLoaded {
        generation: app.list.generation,
        timeline,
    }));
    assert_eq!(app.list.bar, 1, "the newest bar is selected");
    app.update(Msg::List(ListMsg::TimelineStep(-1)));
    app.update(Msg::List(ListMsg::TimelineStep(-1)));
    assert_eq!(app.list.bar, 0);
    let cmds = app.update(Msg::List(ListMsg::ZoomIn));
    let filter = load_filter(&cmds).expect("reload");
    assert_eq!((filter.since, filter.until), (Some(day(6)), Some(day(12))));
    let cmds = app.update(Msg::List(ListMsg::ZoomOut));
    let filter = load_filter(&cmds).expect("reload");
    assert_eq!((filter.since, filter.until), (None, None));
    assert!(app.update(Msg::List(ListMsg::ZoomOut)).is_empty());
}

#[test]
fn paging_loads_more_near_the_end() {
    let mut app = App::new(today(), Rect::new(0, 0, 120, 40), &feeds(), true);
    app.start(false);
    let rows: Vec<_> = (0..PAGE as i64).map(|i| row(1000 - i, "Zeile")).collect();
    app.update(Msg::List(ListMsg::ArticlesLoaded {
        generation: app.list.generation,
        rows,
        total: 1000,
        placement: Placement::Replace,
    }));
    let mut cmds = Vec::new();
    while cmds.is_empty() && app.list.selected + 1 < PAGE {
        cmds = app.update(Msg::Move(Move::PageDown));
    }
    assert!(
        matches!(&cmds[..], [Cmd::LoadArticles { placement: Placement::Append, query, .. }] if query.offset == PAGE)
    );
    assert!(
        app.update(Msg::Move(Move::Down)).is_empty(),
        "no second page request while one is loading"
    );
}

#[test]
fn the_ends_of_a_long_list_are_one_key_away() {
    let mut app = App::new(today(), Rect::new(0, 0, 120, 40), &feeds(), true);
    app.start(false);
    let generation = app.list.generation;
    let page = |from: i64, count: usize| -> Vec<ArticleSummary> {
        (0..count as i64)
            .map(|i| row(100_000 - from - i, "Zeile"))
            .collect()
    };
    app.update(Msg::List(ListMsg::ArticlesLoaded {
        generation,
        rows: page(0, PAGE),
        total: PAGE as u64,
        placement: Placement::Replace,
    }));
    // G while the total is still being counted: the end is loaded once it is known.
    assert!(app.update(Msg::Move(Move::Bottom)).is_empty());
    let cmds = app.update(Msg::List(ListMsg::TotalLoaded {
        generation,
        total: 10_000,
    }));
    let [Cmd::LoadArticles {
        placement: Placement::Window,
        query,
        ..
    }] = &cmds[..]
    else {
        panic!("the last page: {cmds:?}");
    };
    assert_eq!((query.offset, query.limit), (10_000 - PAGE, Some(PAGE)));
    app.update(Msg::List(ListMsg::ArticlesLoaded {
        generation,
        rows: page(10_000 - PAGE as i64, PAGE),
        total: 10_000,
        placement: Placement::Window,
    }));
    assert_eq!(app.list.position(), 9_999, "the last article of all");
    assert_eq!(
        app.list.rows.len(),
        PAGE,
        "one page held, not ten thousand rows"
    );
    // Going back up loads the page before the window.
    let mut cmds = Vec::new();
    while cmds.is_empty() && app.list.selected > 0 {
        cmds = app.update(Msg::Move(Move::PageUp));
    }
    let [Cmd::LoadArticles {
        placement: Placement::Prepend,
        query,
        ..
    }] = &cmds[..]
    else {
        panic!("the page before: {cmds:?}");
    };
    assert_eq!((query.offset, query.limit), (10_000 - 2 * PAGE, Some(PAGE)));
    let at = app.list.position();
    app.update(Msg::List(ListMsg::ArticlesLoaded {
        generation,
        rows: page(10_000 - 2 * PAGE as i64, PAGE),
        total: 10_000,
        placement: Placement::Prepend,
    }));
    assert_eq!(app.list.position(), at, "the same article stays selected");
    assert_eq!(app.list.base, 10_000 - 2 * PAGE);
    // g: the start of the list again, as a new list.
    let cmds = app.update(Msg::Move(Move::Top));
    assert!(
        matches!(&cmds[..], [Cmd::LoadArticles { placement: Placement::Replace, query, .. }] if query.offset == 0),
        "{cmds:?}"
    );
}

#[test]
fn the_total_arrives_after_the_rows_and_stale_totals_are_dropped() {
    let mut app = App::new(today(), Rect::new(0, 0, 120, 40), &feeds(), true);
    app.start(false);
    let generation = app.list.generation;
    let rows: Vec<ArticleSummary> = (0..PAGE as i64).map(|i| row(1000 - i, "Zeile")).collect();
    app.update(Msg::List(ListMsg::ArticlesLoaded {
        generation,
        rows,
        total: PAGE as u64,
        placement: Placement::Replace,
    }));
    assert_eq!(
        app.list.total, PAGE as u64,
        "provisional: what is shown so far"
    );
    assert!(app.list.counting, "a full page: the count is still coming");
    assert!(app
        .update(Msg::List(ListMsg::TotalLoaded {
            generation: generation - 1,
            total: 9
        }))
        .is_empty());
    assert_eq!(app.list.total, PAGE as u64);
    app.update(Msg::List(ListMsg::TotalLoaded {
        generation,
        total: 19_051,
    }));
    assert_eq!(app.list.total, 19_051);
    assert!(!app.list.counting);
    // Near the end of the loaded rows, the next page is asked for now that more exist.
    app.list.selected = PAGE - 10;
    let cmds = app.update(Msg::Move(Move::Down));
    assert!(
        cmds.iter().any(|c| matches!(
            c,
            Cmd::LoadArticles {
                placement: Placement::Append,
                ..
            }
        )),
        "{cmds:?}"
    );
    // The next page's provisional count (offset + rows) must not lower the known total.
    let more: Vec<ArticleSummary> = (0..PAGE as i64).map(|i| row(500 - i, "Mehr")).collect();
    app.update(Msg::List(ListMsg::ArticlesLoaded {
        generation,
        rows: more,
        total: 2 * PAGE as u64,
        placement: Placement::Append,
    }));
    assert_eq!(app.list.rows.len(), 2 * PAGE);
    assert_eq!(app.list.total, 19_051, "paging goes on");
}

#[test]
fn the_filter_bar_edits_like_a_shell() {
    use crate::tui::line_input::Edit;
    let mut app = loaded();
    app.update(Msg::StartFilter);
    for c in "digital since:2w".chars() {
        app.update(Msg::List(ListMsg::FilterChar(c)));
    }
    // Ctrl-W takes the last word; the list follows the text.
    let cmds = app.update(Msg::List(ListMsg::FilterEdit(Edit::KillWord)));
    assert_eq!(app.list.filter_input, "digital ");
    assert!(load_filter(&cmds).is_some(), "{cmds:?}");
    // Home, then typing inserts at the start; moving the cursor loads nothing.
    assert!(app
        .update(Msg::List(ListMsg::FilterEdit(Edit::Home)))
        .is_empty());
    app.update(Msg::List(ListMsg::FilterChar('#')));
    assert_eq!(app.list.filter_input, "#digital ");
    assert_eq!(app.list.filter_input.split(), ("#", "digital "));
    app.update(Msg::List(ListMsg::FilterEdit(Edit::End)));
    app.update(Msg::List(ListMsg::FilterEdit(Edit::KillToStart)));
    assert_eq!(app.list.filter_input, "");
}

#[test]
fn after_midnight_relative_dates_mean_the_new_day() {
    let mut app = loaded();
    app.update(Msg::StartFilter);
    for c in "seit:heute".chars() {
        app.update(Msg::List(ListMsg::FilterChar(c)));
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
        cmds = app.update(Msg::List(ListMsg::FilterChar(c)));
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

#[test]
fn the_article_list_builds_its_query_from_its_own_state_and_a_context() {
    // The room alone, no App: its filter, the sidebar's choice and the zone come together.
    let mut list = ArticleList::new();
    list.filter_text = "digitalisierung".into();
    list.filter = crate::filter::Filter::parse(&list.filter_text, today()).expect("parses");
    list.quick = QuickRange::Week;
    let feed = SidebarEntry::Feed {
        name: "BMI Presse".into(),
        ministry: Some("BMI".into()),
        unread: 0,
        total: 0,
        error: None,
    };
    let ctx = ListCtx {
        today: today(),
        lang: Lang::Neutral,
        zone: crate::model::Zone::Fixed(chrono::FixedOffset::east_opt(0).expect("utc")),
        sidebar: Some(&feed),
        ministries: &crate::model::Ministries::default(),
    };
    let filter = list.effective_filter(&ctx);
    assert_eq!(filter.keywords, ["digitalisierung"]);
    assert_eq!(filter.feed.as_deref(), Some("BMI Presse"));
    assert_eq!(filter.since, today().checked_sub_days(chrono::Days::new(6)));
    let Cmd::LoadArticles {
        generation, query, ..
    } = list.reload(&ctx)
    else {
        panic!("a load");
    };
    assert_eq!((generation, list.generation, list.loading), (1, 1, true));
    assert_eq!(query.filter, filter);
    assert!(query.bounds.0.is_some(), "complete with its day bounds");
    assert_eq!(list.highlight[0].pieces, ["digitalisierung"]);
    // Nothing more to load while a load runs.
    assert!(list.load_more(&ctx).is_none());
}

#[test]
fn the_article_list_answers_its_own_messages_and_knows_stale_replies() {
    use crate::model::{Bucket, Timeline};
    let mut list = ArticleList::new();
    let ctx = ListCtx {
        today: today(),
        lang: Lang::Neutral,
        zone: crate::model::Zone::Local,
        sidebar: None,
        ministries: &crate::model::Ministries::default(),
    };
    list.reload(&ctx);
    let day = |d| NaiveDate::from_ymd_opt(2021, 12, d).expect("date");
    let timeline = Timeline {
        bucket: Bucket::Day,
        bars: vec![(day(10), 2), (day(16), 1)],
    };
    // A stale timeline is dropped; the current one selects its newest bar.
    let stale = ListMsg::TimelineLoaded {
        generation: 0,
        timeline: timeline.clone(),
    };
    assert!(list.is_stale(&stale));
    assert!(list.timeline.is_none());
    let current = ListMsg::TimelineLoaded {
        generation: list.generation,
        timeline,
    };
    assert!(!list.is_stale(&current));
    list.update(current, &ctx);
    assert_eq!(list.bar, 1);
    list.update(ListMsg::TimelineStep(-5), &ctx);
    assert_eq!(list.bar, 0, "clamped to the first bar");
    let cmds = list.update(ListMsg::ZoomIn, &ctx);
    assert!(
        matches!(&cmds[..], [Cmd::LoadArticles { query, .. }] if query.filter.since == Some(day(10)) && query.filter.until == Some(day(10)))
    );
}

#[test]
fn the_article_list_edits_its_filter_and_words_errors_in_the_ui_language() {
    let mut list = ArticleList::new();
    let ctx = ListCtx {
        today: today(),
        lang: Lang::De,
        zone: crate::model::Zone::Local,
        sidebar: None,
        ministries: &crate::model::Ministries::default(),
    };
    for c in "seit:morgen".chars() {
        list.update(ListMsg::FilterChar(c), &ctx);
    }
    // The last text that parsed ("seit", a keyword) stays in effect.
    assert_eq!(list.filter_text, "seit");
    assert!(list
        .filter_error
        .as_deref()
        .is_some_and(|e| e.starts_with("ungültiges Datum 'morgen'")));
    for _ in 0.."morgen".len() {
        list.update(ListMsg::FilterBackspace, &ctx);
    }
    let cmds = list.update(
        ListMsg::FilterEdit(crate::tui::line_input::Edit::KillToStart),
        &ctx,
    );
    assert!(matches!(&cmds[..], [Cmd::LoadArticles { .. }]));
    assert_eq!(
        (list.filter_text.as_str(), list.filter_error.as_deref()),
        ("", None)
    );
}

#[test]
fn the_bar_names_what_narrows_the_list_and_esc_clears_it() {
    let mut app = loaded();
    assert!(app.narrowing().is_empty());
    // A topic from the sidebar and a quick range: the filter bar says so.
    app.update(Msg::Sidebar(SidebarMsg::FacetsLoaded {
        generation: app.list.generation,
        topics: vec![crate::model::TopicCount {
            topic: "Katastrophenschutz".into(),
            count: 2,
        }],
    }));
    let topic = app
        .sidebar
        .entries
        .iter()
        .position(|e| matches!(e, SidebarEntry::Topic { .. }))
        .expect("a topic entry");
    app.sidebar.select(topic);
    app.update(Msg::List(ListMsg::QuickRange(QuickRange::Week)));
    assert_eq!(app.narrowing(), ["topic: Katastrophenschutz", "7 days"]);
    // Esc in the list takes it all away and loads the whole list.
    app.focus = Pane::List;
    let cmds = app.update(Msg::Back);
    let filter = load_filter(&cmds).expect("a reload");
    assert!(
        filter.keywords.is_empty() && filter.since.is_none(),
        "{filter:?}"
    );
    assert!(app.narrowing().is_empty());
    assert_eq!(app.focus, Pane::List);
    // With nothing to take away, Esc goes on to the sidebar as before.
    assert!(app.update(Msg::Back).is_empty());
    assert_eq!(app.focus, Pane::Sidebar);
}
