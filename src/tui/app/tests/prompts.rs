//! Prompts and the status line: adding a feed, saving a filter, warnings, messages.

use super::*;
use crate::tui::msg::{ListMsg, PromptMsg};

#[test]
fn add_feed_prompt_sends_the_url_and_the_new_feed_joins_the_sidebar() {
    let mut app = loaded();
    assert!(app
        .update(Msg::Prompt(PromptMsg::Start(PromptKind::AddFeed)))
        .is_empty());
    assert_eq!(app.mode, Mode::Prompt);
    for c in " https://www.bmbfsfj.bund.de/rss.xml\u{7}".chars() {
        app.update(Msg::Prompt(PromptMsg::Char(c)));
    }
    app.update(Msg::Prompt(PromptMsg::Char('x')));
    app.update(Msg::Prompt(PromptMsg::Backspace));
    let cmds = app.update(Msg::Prompt(PromptMsg::Submit));
    assert_eq!(
        cmds,
        vec![Cmd::AddFeed("https://www.bmbfsfj.bund.de/rss.xml".into())],
        "trimmed, control characters dropped"
    );
    assert_eq!(app.mode, Mode::Normal);
    let before = app.sidebar.entries.len();
    let cmds = app.update(Msg::Prompt(PromptMsg::FeedAdded(Ok(FeedAdded {
        renamed: None,
        url: "https://www.bmbfsfj.bund.de/feed.xml".into(),
        name: "BMBFSFJ Meldungen".into(),
        ministry: None,
        articles: 7,
    }))));
    assert_eq!(app.sidebar.entries.len(), before + 1);
    assert!(app
        .sidebar
        .entries
        .iter()
        .any(|e| matches!(e, SidebarEntry::Feed { name, .. } if name == "BMBFSFJ Meldungen")));
    assert_eq!(app.sidebar.feed_count(), 3);
    assert!(cmds.contains(&Cmd::LoadFeeds));
    assert_eq!(
        app.status.notice(),
        Some(format!("{} 'BMBFSFJ Meldungen': 7 articles", app.text().added_feed,).as_str())
    );
    // A failure is one line in the status, nothing else changes.
    app.update(Msg::Prompt(PromptMsg::FeedAdded(Err("not a feed".into()))));
    assert_eq!(app.status.last_error(), Some("not a feed"));
    assert_eq!(app.sidebar.entries.len(), before + 1);
    // Esc leaves a prompt without a command.
    app.update(Msg::Prompt(PromptMsg::Start(PromptKind::AddFeed)));
    app.update(Msg::Prompt(PromptMsg::Char('h')));
    assert!(app.update(Msg::Prompt(PromptMsg::Cancel)).is_empty());
    assert_eq!((app.mode, app.prompt.is_none()), (Mode::Normal, true));
}

#[test]
fn saving_the_filter_needs_one_and_adds_a_saved_entry() {
    let mut app = loaded();
    assert!(app
        .update(Msg::Prompt(PromptMsg::Start(PromptKind::SaveFilter)))
        .is_empty());
    assert_eq!(app.mode, Mode::Normal, "no filter, no prompt");
    assert_eq!(app.status.notice(), Some(app.text().nothing_to_save));
    app.update(Msg::StartFilter);
    for c in "digitalisierung seit:30d".chars() {
        app.update(Msg::List(ListMsg::FilterChar(c)));
    }
    app.update(Msg::Prompt(PromptMsg::Start(PromptKind::SaveFilter)));
    for c in "Digitales".chars() {
        app.update(Msg::Prompt(PromptMsg::Char(c)));
    }
    let cmds = app.update(Msg::Prompt(PromptMsg::Submit));
    assert_eq!(
        cmds,
        vec![Cmd::SaveFilter {
            name: "Digitales".into(),
            query: "digitalisierung seit:30d".into()
        }]
    );
    app.update(Msg::Prompt(PromptMsg::FilterSaved(Ok((
        "Digitales".into(),
        "digitalisierung seit:30d".into(),
    )))));
    let saved: Vec<_> = app
        .sidebar
        .entries
        .iter()
        .filter(|e| matches!(e, SidebarEntry::Saved { .. }))
        .collect();
    assert_eq!(saved.len(), 1);
    // Saving again under the same name updates it instead of adding a second one.
    app.update(Msg::Prompt(PromptMsg::FilterSaved(Ok((
        "digitales".into(),
        "ki".into(),
    )))));
    let queries: Vec<_> = app
        .sidebar
        .entries
        .iter()
        .filter_map(|e| match e {
            SidebarEntry::Saved { query, .. } => Some(query.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(queries, ["ki"]);
}

#[test]
fn saving_under_an_existing_name_asks_before_replacing() {
    let mut app = loaded();
    app.update(Msg::Prompt(PromptMsg::FilterSaved(Ok((
        "Digitales".into(),
        "digitalisierung".into(),
    )))));
    app.update(Msg::StartFilter);
    for c in "ki seit:7d".chars() {
        app.update(Msg::List(ListMsg::FilterChar(c)));
    }
    let save_as = |app: &mut App, name: &str, answer: Option<&str>| {
        app.update(Msg::Prompt(PromptMsg::Start(PromptKind::SaveFilter)));
        for c in name.chars() {
            app.update(Msg::Prompt(PromptMsg::Char(c)));
        }
        let mut cmds = app.update(Msg::Prompt(PromptMsg::Submit));
        if let Some(answer) = answer {
            assert!(cmds.is_empty(), "nothing saved before the answer");
            let prompt = app.prompt.as_ref().expect("a question");
            assert_eq!(prompt.kind, PromptKind::ReplaceFilter);
            for c in answer.chars() {
                app.update(Msg::Prompt(PromptMsg::Char(c)));
            }
            cmds = app.update(Msg::Prompt(PromptMsg::Submit));
        }
        cmds
    };
    // "n", nothing, or anything but yes: kept, and said so.
    for answer in ["n", "", "nein"] {
        assert!(save_as(&mut app, "digitales", Some(answer)).is_empty());
        assert_eq!(
            app.status.notice(),
            Some("filter 'Digitales' kept as it was")
        );
    }
    // "j" or "y": replaced, under the name as saved.
    let replace = Cmd::SaveFilter {
        name: "Digitales".into(),
        query: "ki seit:7d".into(),
    };
    assert_eq!(
        save_as(&mut app, "DIGITALES", Some("J")),
        vec![replace.clone()]
    );
    assert_eq!(save_as(&mut app, "Digitales", Some("y")), vec![replace]);
    // A new name, or the same query again, asks nothing.
    assert_eq!(save_as(&mut app, "KI", None).len(), 1);
    app.update(Msg::Prompt(PromptMsg::FilterSaved(Ok((
        "Digitales".into(),
        "ki seit:7d".into(),
    )))));
    assert_eq!(save_as(&mut app, "Digitales", None).len(), 1);
}

#[test]
fn config_warnings_reach_the_status_line_and_the_log() {
    let app =
        App::new(today(), Rect::new(0, 0, 80, 24), &feeds(), true).with_config_warnings(vec![
            "[keys] fly: no such action".into(),
            "[theme] x".into(),
        ]);
    assert!(app
        .status
        .notice()
        .is_some_and(|n| n.contains("fly") && n.contains("+1")));
    assert_eq!(app.status.log.len(), 2);
}

#[test]
fn the_newest_status_message_wins_and_errors_reach_the_log() {
    let mut app = loaded();
    app.update(Msg::LinkOpened(Err("no link [7]".into())));
    assert_eq!(app.status.last_error(), Some("no link [7]"));
    // A later success replaces the error instead of hiding behind it.
    app.update(Msg::LinkOpened(Ok(())));
    assert_eq!(app.status.last_error(), None);
    assert_eq!(app.status.notice(), Some(app.text().opened_in_browser));
    // An error of `a` (add a feed) is in the log, in full.
    let long = format!(
        "https://www.example.org/{}: not added: not an RSS, Atom or JSON feed",
        "x".repeat(200)
    );
    app.update(Msg::Prompt(PromptMsg::FeedAdded(Err(long.clone()))));
    assert_eq!(app.status.last_error(), Some(long.as_str()));
    assert_eq!(
        app.status.log_texts().last().copied(),
        Some(format!("error: {long}").as_str())
    );
}

#[test]
fn the_catalogue_adds_the_chosen_source_by_its_id_once() {
    use crate::tui::msg::CatalogueMsg;
    let bmi = crate::config::catalogue::find("bmi").expect("bmi");
    let mut app = loaded().with_configured_urls(vec![bmi.url.to_string()]);
    app.update(Msg::Catalogue(CatalogueMsg::Open));
    assert_eq!(app.mode, Mode::Catalogue);
    // The first source is configured: nothing to add, and it says so.
    assert!(app.update(Msg::Catalogue(CatalogueMsg::Add)).is_empty());
    assert_eq!(
        app.status.notice(),
        Some("'BMI Pressemitteilungen' is configured already")
    );
    assert_eq!(app.mode, Mode::Catalogue);
    // The next one is added by its id, and the catalogue closes.
    app.update(Msg::Catalogue(CatalogueMsg::Move(1)));
    let next = app.catalogue.selected_entry().expect("an entry");
    assert_eq!(
        app.update(Msg::Catalogue(CatalogueMsg::Add)),
        vec![Cmd::AddFeed(next.id.clone())]
    );
    assert_eq!(app.mode, Mode::Normal);
    // The selection stays within the list; Esc closes it.
    app.update(Msg::Catalogue(CatalogueMsg::Open));
    app.update(Msg::Catalogue(CatalogueMsg::Move(-100)));
    assert_eq!(app.catalogue.selected, 0);
    app.update(Msg::Catalogue(CatalogueMsg::Move(10_000)));
    assert_eq!(app.catalogue.selected, app.catalogue.entries().len() - 1);
    app.update(Msg::Back);
    assert_eq!(app.mode, Mode::Normal);
    // A source added (from here or by `a`) is marked configured.
    app.update(Msg::Prompt(PromptMsg::FeedAdded(Ok(FeedAdded {
        renamed: None,
        url: next.url.to_string(),
        name: next.name.clone(),
        ministry: next.ministry.clone(),
        articles: 0,
    }))));
    assert!(app.catalogue.is_configured(next));
}
