//! Read and star state, and the key table.

use super::*;
use crate::tui::msg::Placement;
use crate::tui::msg::{ListMsg, Move};

#[test]
fn state_keys_produce_store_commands() {
    let mut app = loaded();
    assert_eq!(
        app.update(Msg::List(ListMsg::ToggleStar)),
        vec![Cmd::SetStarred(ArticleId(3), true)]
    );
    assert!(app.list.rows[0].starred);
    assert_eq!(
        app.update(Msg::List(ListMsg::ToggleRead)),
        vec![Cmd::SetRead(vec![ArticleId(3)], true), Cmd::LoadFeeds]
    );
    // M: the whole list's query goes to the store (not only the loaded rows), which answers
    // with how many it marked.
    let cmds = app.update(Msg::List(ListMsg::MarkAllRead));
    assert!(
        matches!(&cmds[..], [Cmd::MarkListRead(q)] if q.limit.is_none() && q.filter == app.effective_filter()),
        "{cmds:?}"
    );
    assert!(app.list.rows.iter().all(|r| r.read));
    app.update(Msg::ListMarkedRead(1234));
    assert!(app.status.notice().is_some_and(|n| n.contains("1234")));
}

#[test]
fn the_list_shows_the_stored_state_even_when_a_load_crosses_a_toggle() {
    // Sidebar focused, `j` queues a list load, `m` marks the top row before that load
    // answers: the load brings the old state, the store's confirmation the new one.
    let mut app = loaded();
    app.update(Msg::FocusLeft);
    let cmds = app.update(Msg::Move(Move::Down));
    assert!(
        load_filter(&cmds).is_some(),
        "the sidebar move reloads: {cmds:?}"
    );
    assert_eq!(
        app.update(Msg::List(ListMsg::ToggleRead)),
        vec![Cmd::SetRead(vec![ArticleId(3)], true), Cmd::LoadFeeds]
    );
    app.update(Msg::List(ListMsg::ArticlesLoaded {
        generation: app.list.generation,
        rows: vec![row(3, "Drei"), row(2, "Zwei")],
        total: 2,
        placement: Placement::Replace,
    }));
    app.update(Msg::StateStored {
        ids: vec![ArticleId(3)],
        read: Some(true),
        starred: None,
    });
    assert!(app.list.rows[0].read, "the row shows what the cache holds");
    assert!(!app.list.rows[1].read);
    // So the next `m` is the toggle back, not a second "read".
    assert_eq!(
        app.update(Msg::List(ListMsg::ToggleRead)),
        vec![Cmd::SetRead(vec![ArticleId(3)], false), Cmd::LoadFeeds]
    );
    app.update(Msg::StateStored {
        ids: vec![ArticleId(2)],
        read: None,
        starred: Some(true),
    });
    assert!(app.list.rows[1].starred && !app.list.rows[1].read);
}

#[test]
fn key_table_has_no_duplicate_keys() {
    use crate::tui::keys::BINDINGS;
    let all: Vec<_> = BINDINGS.iter().flat_map(|b| b.keys.iter()).collect();
    for (i, key) in all.iter().enumerate() {
        assert!(!all[i + 1..].contains(key), "{key:?} bound twice");
    }
}
