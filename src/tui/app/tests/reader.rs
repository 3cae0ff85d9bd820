//! The reader: opening, rendering, links, full text, the mouse, moving between articles.

use super::*;
use crate::tui::msg::Placement;
use crate::tui::msg::{ListMsg, Move, ReaderMsg};

#[test]
fn opening_marks_read_and_stale_article_replies_are_dropped() {
    let mut app = loaded();
    app.update(Msg::Move(Move::Down));
    let cmds = app.update(Msg::Activate);
    assert_eq!(
        cmds,
        vec![
            Cmd::LoadArticle(ArticleId(2)),
            Cmd::SetRead(vec![ArticleId(2)], true),
            Cmd::LoadFeeds
        ]
    );
    assert!(app.list.rows[1].read);
    assert_eq!(app.focus, Pane::Reader);
    // The user moved on: a reply for another article is ignored.
    app.update_rendering(Msg::Reader(ReaderMsg::ArticleLoaded {
        id: ArticleId(3),
        article: Some(article(3)),
    }));
    assert!(app.reader.is_none());
    app.update_rendering(Msg::Reader(ReaderMsg::ArticleLoaded {
        id: ArticleId(2),
        article: Some(article(2)),
    }));
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
    app.update(Msg::Move(Move::Down));
    app.update(Msg::Activate);
    let cmds = app.update(Msg::Reader(ReaderMsg::ArticleLoaded {
        id: ArticleId(2),
        article: Some(article(2)),
    }));
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
    app.update(Msg::Reader(ReaderMsg::ArticleRendered {
        id: ArticleId(2),
        width: width + 7,
        rendered: stale,
    }));
    assert!(!body_shown(&app));
    // … as is one for another article; the right one is shown.
    let fresh = render_body(html, *width, base.as_deref());
    app.update(Msg::Reader(ReaderMsg::ArticleRendered {
        id: ArticleId(3),
        width: *width,
        rendered: fresh.clone(),
    }));
    assert!(!body_shown(&app));
    app.update(Msg::Reader(ReaderMsg::ArticleRendered {
        id: ArticleId(2),
        width: *width,
        rendered: fresh,
    }));
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
    app.update_rendering(Msg::Reader(ReaderMsg::ArticleLoaded {
        id: ArticleId(3),
        article: Some(article(3)),
    }));
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
    assert_eq!(app.status.last_error(), Some("no link [7]"));
    // Five digits are five digits: 12345 is not [1234] (nor [1]).
    fn typed(app: &mut App, digits: &str) -> Vec<Cmd> {
        app.update(Msg::StartLinkNumber);
        for d in digits.bytes() {
            app.update(Msg::Digit(d - b'0'));
        }
        app.update(Msg::Activate)
    }
    assert!(typed(&mut app, "12345").is_empty());
    assert_eq!(app.status.last_error(), Some("no link [12345]"));
    assert_eq!(typed(&mut app, "00002").len(), 1, "leading zeros");
    assert!(typed(&mut app, "0").is_empty());
    assert!(typed(&mut app, &"9".repeat(60)).is_empty());
    assert_eq!(
        app.status.last_error(),
        Some(format!("no link [{}…]", "9".repeat(40)).as_str())
    );
}

#[test]
fn full_text_on_demand() {
    let mut app = loaded();
    assert!(
        app.update(Msg::Reader(ReaderMsg::FetchFullText)).is_empty(),
        "nothing open"
    );
    app.update(Msg::Activate);
    app.update_rendering(Msg::Reader(ReaderMsg::ArticleLoaded {
        id: ArticleId(3),
        article: Some(article(3)),
    }));
    let reader = app.reader.as_ref().expect("reader");
    assert!(
        reader
            .lines
            .iter()
            .any(|l| l.starts_with("Teaser only: the article page has not been fetched yet")),
        "{:?}",
        reader.lines
    );
    // A feed whose full text is off says that, as `show` does, not "not fetched yet".
    let mut off = loaded().with_full_text_off(["BMI Presse".to_owned()]);
    off.update(Msg::Activate);
    off.update_rendering(Msg::Reader(ReaderMsg::ArticleLoaded {
        id: ArticleId(3),
        article: Some(article(3)),
    }));
    let lines = &off.reader.as_ref().expect("reader").lines;
    let note = off.text().teaser_reasons[1];
    assert!(
        lines.iter().any(|l| l.contains(&note[..20])),
        "{note}: {lines:?}"
    );
    assert!(
        !lines.iter().any(|l| l.contains("not been fetched")),
        "{lines:?}"
    );
    assert_eq!(
        app.update(Msg::Reader(ReaderMsg::FetchFullText)),
        vec![Cmd::FetchPage(ArticleId(3))]
    );
    let done = app.update(Msg::Reader(ReaderMsg::PageFetched {
        id: ArticleId(3),
        result: Ok(()),
    }));
    assert_eq!(done, vec![Cmd::LoadFeeds, Cmd::LoadArticle(ArticleId(3))]);
    app.update(Msg::Reader(ReaderMsg::PageFetched {
        id: ArticleId(3),
        result: Err(crate::model::Reason::Http {
            status: 404,
            retry_after: None,
        }),
    }));
    assert_eq!(app.status.last_error(), Some("full text: HTTP 404"));
}

#[test]
fn resize_rewraps_and_quit_quits() {
    let mut app = loaded();
    app.update(Msg::Activate);
    let mut long = article(3);
    long.summary_html = format!("<p>{}</p>", "Verwaltung ".repeat(40));
    app.update_rendering(Msg::Reader(ReaderMsg::ArticleLoaded {
        id: ArticleId(3),
        article: Some(long),
    }));
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
fn the_mouse_opens_rows_and_numbered_links_and_the_wheel_scrolls() {
    let mut app = loaded();
    // A click on the second row of the list opens that article.
    let list = layout::areas(app.screen, app.focus, false, app.sidebar_width())
        .list
        .expect("a list pane");
    let cmds = app.update(Msg::Click(list.x + 3, list.y + 2));
    assert_eq!(app.list.selected, 1);
    assert_eq!(cmds.first(), Some(&Cmd::LoadArticle(ArticleId(2))));
    app.update_rendering(Msg::Reader(ReaderMsg::ArticleLoaded {
        id: ArticleId(2),
        article: Some(article(2)),
    }));
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
    app.update(Msg::Move(Move::ScrollDown));
    assert_eq!(app.list.selected, 2);
    app.update(Msg::Move(Move::ScrollUp));
    app.update(Msg::Move(Move::ScrollUp));
    assert_eq!(app.list.selected, 0);
}

#[test]
fn without_mark_read_on_open_opening_changes_no_state() {
    let mut app = App::new(today(), Rect::new(0, 0, 120, 40), &feeds(), false);
    app.start(false);
    app.update(Msg::List(ListMsg::ArticlesLoaded {
        generation: app.list.generation,
        rows: vec![row(3, "Drei"), row(2, "Zwei")],
        total: 2,
        placement: Placement::Replace,
    }));
    let cmds = app.update(Msg::Activate);
    assert_eq!(cmds, vec![Cmd::LoadArticle(ArticleId(3))]);
    assert!(!app.list.rows[0].read);
}

#[test]
fn n_goes_to_the_next_unread_article() {
    let mut app = loaded();
    app.list.rows[1].read = true;
    // From the first row, skipping the read one.
    app.update(Msg::NextUnread);
    assert_eq!(app.list.selected, 2);
    app.update(Msg::NextUnread);
    assert_eq!(app.list.selected, 2, "nothing unread below");
    assert_eq!(app.status.notice(), Some(app.text().no_more_unread));
    assert_eq!(
        crate::tui::keys::KeyMap::defaults(app.lang).msg_for(
            &ratatui::crossterm::event::KeyEvent::from(ratatui::crossterm::event::KeyCode::Char(
                'n'
            ))
        ),
        Some(Msg::NextUnread)
    );
}

#[test]
fn y_copies_the_citation_and_capital_y_the_link() {
    let mut app = loaded();
    let first = app.list.rows[0].clone();
    // The worker writes the citation of the selected article.
    assert_eq!(app.update(Msg::CopyCitation), vec![Cmd::Cite(first.id)]);
    // A terminal that takes OSC 52: copied, and said so.
    let mut copying = loaded().with_clipboard(true);
    let cmds = copying.update(Msg::CitationReady(Ok("BMI: „Titel“.".into())));
    assert_eq!(cmds, vec![Cmd::Copy("BMI: „Titel“.".into())]);
    assert_eq!(
        copying.status.notice(),
        Some("citation copied: BMI: „Titel“.")
    );
    // One that does not: nothing is written; the status line says the clipboard is off,
    // the whole text is shown in a box to select by hand, and the log keeps it.
    let long = format!("BMI: „{}“.", "Titel ".repeat(40));
    let cmds = app.update(Msg::CitationReady(Ok(long.clone())));
    assert!(cmds.is_empty());
    assert_eq!(app.status.notice(), Some(app.text().clipboard_off_short));
    assert_eq!(app.mode, crate::tui::keys::Mode::Copied);
    assert_eq!(app.copied(), Some(("citation", long.as_str())));
    assert_eq!(
        app.status.log_texts().last().copied(),
        Some(format!("citation: {long}").as_str())
    );
    app.update(Msg::Back);
    assert_eq!(app.mode, crate::tui::keys::Mode::Normal);
    let link = first.link.clone().expect("a link");
    assert_eq!(copying.update(Msg::CopyLink), vec![Cmd::Copy(link)]);
    let keys = crate::tui::keys::KeyMap::defaults(app.lang);
    let key =
        |c| ratatui::crossterm::event::KeyEvent::from(ratatui::crossterm::event::KeyCode::Char(c));
    assert_eq!(keys.msg_for(&key('y')), Some(Msg::CopyCitation));
    assert_eq!(keys.msg_for(&key('Y')), Some(Msg::CopyLink));
}

#[test]
fn the_reader_names_and_opens_the_other_sources_of_a_release() {
    let mut app = loaded();
    app.update(Msg::Activate);
    let id = app.list.rows[0].id;
    let mut joint = article(id.0);
    joint.summary.also_in = vec!["BMAS".into()];
    joint.copies = vec![(
        "BMAS".into(),
        "https://www.bmas.de/DE/Presse/sozialstaat.html".into(),
    )];
    app.update_rendering(Msg::Reader(ReaderMsg::ArticleLoaded {
        id,
        article: Some(joint),
    }));
    let reader = app.reader.as_ref().expect("reader open");
    // The body has two links; the copy is the third.
    assert!(
        reader.lines.iter().any(|l| l == "also: BMAS [3]"),
        "{:?}",
        reader.lines
    );
    assert!(
        reader
            .lines
            .iter()
            .any(|l| l == "[3] https://www.bmas.de/DE/Presse/sozialstaat.html"),
        "{:?}",
        reader.lines
    );
    app.update(Msg::StartLinkNumber);
    app.update(Msg::Digit(3));
    assert_eq!(
        app.update(Msg::Activate),
        vec![Cmd::OpenLink(
            "https://www.bmas.de/DE/Presse/sozialstaat.html".into()
        )]
    );
}

#[test]
fn v_shows_each_edit_then_the_text_again() {
    use crate::model::{Changes, Version};
    let mut app = loaded();
    app.update(Msg::Activate);
    let mut edited = article(3);
    edited.summary.changed_at = chrono::Utc.with_ymd_and_hms(2021, 12, 18, 9, 0, 0).single();
    app.update_rendering(Msg::Reader(ReaderMsg::ArticleLoaded {
        id: ArticleId(3),
        article: Some(edited),
    }));
    let reader = app.reader.as_ref().expect("open");
    assert!(
        reader
            .lines
            .iter()
            .any(|l| l.contains("v shows what changed")),
        "{:?}",
        reader.lines
    );
    assert_eq!(
        app.update(Msg::Reader(ReaderMsg::ShowChanges)),
        vec![Cmd::LoadVersions(ArticleId(3))]
    );
    let at = |day| {
        chrono::Utc
            .with_ymd_and_hms(2021, 12, day, 9, 0, 0)
            .single()
            .expect("time")
    };
    let version = |number, day, changes, figure: &str, title: &str| Version {
        number,
        seen_at: at(day),
        changes: Changes(changes),
        title: title.into(),
        summary: "Anreißer".into(),
        text: Some(format!("Der Bund stellt {figure} Euro bereit.")),
        kind: None,
        published: at(16),
    };
    let versions = vec![
        version(1, 16, 0, "1,5 Mrd.", "Zukunft"),
        version(2, 17, Changes::TEXT, "2,1 Mrd.", "Zukunft"),
        version(3, 18, Changes::TITLE, "2,1 Mrd.", "Zukunft der Verwaltung"),
    ];
    app.update(Msg::Reader(ReaderMsg::VersionsLoaded {
        id: ArticleId(3),
        versions,
    }));
    let text = |app: &App| -> String {
        app.reader
            .as_ref()
            .and_then(|r| r.changes.as_ref())
            .map(|c| {
                c.lines
                    .iter()
                    .map(|l| l.iter().map(|(_, s)| s.as_str()).collect::<String>())
                    .collect::<Vec<_>>()
                    .join("\n")
            })
            .unwrap_or_default()
    };
    // The last edit: the title.
    let last = text(&app);
    assert!(last.starts_with("Version 2 ("), "{last}");
    assert!(last.contains("title: Zukunft{+ der Verwaltung+}"), "{last}");
    assert!(!last.contains("text:"), "{last}");
    // `v` again: the edit before it, the figure.
    assert!(app.update(Msg::Reader(ReaderMsg::ShowChanges)).is_empty());
    let before = text(&app);
    assert!(before.contains("[-1,5-]{+2,1+} Mrd."), "{before}");
    assert!(before.contains("v shows the text again"), "{before}");
    // And once more: the text.
    app.update(Msg::Reader(ReaderMsg::ShowChanges));
    assert!(app.reader.as_ref().expect("open").changes.is_none());
    // `V`: everything from the first version to the current one, with every version named.
    assert_eq!(
        app.update(Msg::Reader(ReaderMsg::ShowAllChanges)),
        vec![Cmd::LoadVersions(ArticleId(3))]
    );
    app.update(Msg::Reader(ReaderMsg::VersionsLoaded {
        id: ArticleId(3),
        versions: vec![
            version(1, 16, 0, "1,5 Mrd.", "Zukunft"),
            version(2, 17, Changes::TEXT, "2,1 Mrd.", "Zukunft"),
            version(3, 18, Changes::TITLE, "2,1 Mrd.", "Zukunft der Verwaltung"),
        ],
    }));
    let all = text(&app);
    assert!(all.starts_with("Version 1 ("), "{all}");
    assert!(
        all.contains("Versions: 1 (16.12.2021), 2 (17.12.2021), 3 (18.12.2021)"),
        "{all}"
    );
    assert!(all.contains("title: Zukunft{+ der Verwaltung+}"), "{all}");
    assert!(all.contains("[-1,5-]{+2,1+}"), "{all}");
    app.update(Msg::Reader(ReaderMsg::ShowAllChanges));
    assert!(app.reader.as_ref().expect("open").changes.is_none());
    // An article never changed says so and loads nothing.
    let mut plain = loaded();
    plain.update(Msg::Activate);
    plain.update_rendering(Msg::Reader(ReaderMsg::ArticleLoaded {
        id: ArticleId(3),
        article: Some(article(3)),
    }));
    assert!(plain.update(Msg::Reader(ReaderMsg::ShowChanges)).is_empty());
    assert_eq!(
        plain.status.notice(),
        Some("id 3 never changed: it has one version.")
    );
}

#[test]
fn the_reader_says_when_an_article_left_its_feed_or_its_page_went() {
    let mut app = loaded();
    app.update(Msg::Activate);
    let mut gone = article(3);
    let at = chrono::Utc.with_ymd_and_hms(2021, 12, 19, 9, 0, 0).single();
    gone.summary.left_feed_at = at;
    gone.summary.gone_at = at;
    app.update_rendering(Msg::Reader(ReaderMsg::ArticleLoaded {
        id: ArticleId(3),
        article: Some(gone),
    }));
    let lines = app.reader.as_ref().expect("open").lines.join("\n");
    assert!(
        lines.contains("no longer in its feed since 19.12.2021"),
        "{lines}"
    );
    assert!(
        lines.contains("no longer online since 19.12.2021"),
        "{lines}"
    );
    assert!(
        lines.contains("https://web.archive.org/web/*/https://www.bmi.bund.de/"),
        "{lines}"
    );
}

#[test]
fn p_opens_the_processes_of_recent_articles_and_loads_them() {
    use crate::model::reference::{Process, Step};
    let mut app = loaded();
    assert_eq!(app.update(Msg::ToggleProcesses), vec![Cmd::LoadProcesses]);
    assert_eq!(app.mode, crate::tui::keys::Mode::Processes);
    assert!(app.processes().is_none(), "loading");
    let process = Process {
        id: "312345".into(),
        title: "Gesetz zur Stärkung der Strafjustiz".into(),
        kind: Some("Gesetzgebung".into()),
        stage: Some("Verabschiedet".into()),
        initiative: vec!["Bundesregierung".into()],
        steps: vec![Step {
            name: "2. Beratung".into(),
            date: "2026-11-13".into(),
            chamber: Some("BT".into()),
            document: None,
        }],
    };
    app.update(Msg::ProcessesLoaded(vec![
        (process.clone(), 2),
        (process.clone(), 1),
        (process, 1),
    ]));
    assert_eq!(app.processes().map(<[_]>::len), Some(3));
    // More than a screen scrolls, within the list.
    for _ in 0..5 {
        app.update(Msg::Move(Move::Down));
    }
    assert_eq!(app.processes_scroll(), 2);
    app.update(Msg::Move(Move::Up));
    assert_eq!(app.processes_scroll(), 1);
    let keys = crate::tui::keys::KeyMap::defaults(app.lang);
    let key = |c| {
        crate::tui::keys::key_to_msg(
            crate::tui::keys::Mode::Processes,
            false,
            &keys,
            ratatui::crossterm::event::KeyEvent::from(ratatui::crossterm::event::KeyCode::Char(c)),
        )
    };
    assert_eq!(key('j'), Some(Msg::Move(Move::Down)));
    assert_eq!(key('P'), Some(Msg::Back));
    // Closed again, the same key or Esc.
    assert!(app.update(Msg::Back).is_empty());
    assert_eq!(app.mode, crate::tui::keys::Mode::Normal);
}

#[test]
fn the_reader_shows_the_parliamentary_documents_and_processes_an_article_names() {
    use crate::model::reference::{Process, RefKind, Reference, Step};
    let mut app = loaded().with_language(crate::i18n::Lang::De);
    app.update(Msg::Activate);
    let mut named = article(3);
    named.references = vec![Reference {
        kind: RefKind::BtDrucksache,
        number: "21/1234".into(),
    }];
    named.processes = vec![Process {
        id: "312345".into(),
        title: "Gesetz zur Stärkung der Strafjustiz".into(),
        kind: None,
        stage: Some("Beschlussempfehlung liegt vor".into()),
        initiative: vec![],
        steps: vec![
            Step {
                name: "Gesetzentwurf".into(),
                date: "2026-10-02".into(),
                chamber: None,
                document: None,
            },
            Step {
                name: "1. Beratung".into(),
                date: "2026-10-16".into(),
                chamber: None,
                document: None,
            },
        ],
    }];
    app.update_rendering(Msg::Reader(ReaderMsg::ArticleLoaded {
        id: ArticleId(3),
        article: Some(named),
    }));
    let lines = app.reader.as_ref().expect("open").lines.join(" ");
    assert!(
        lines.contains(
            "DIP: BT-Drucksache 21/1234 · https://dserver.bundestag.de/btd/21/012/2101234.pdf"
        ),
        "{lines}"
    );
    assert!(
        lines.contains("Beschlussempfehlung liegt vor · zuletzt 1. Beratung (2026-10-16)"),
        "{lines}"
    );
    assert!(
        lines.contains("2026-10-02 Gesetzentwurf → 2026-10-16 1. Beratung"),
        "{lines}"
    );
}
