//! The sidebar: All, Unread, Starred, then each feed with its unread count.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{List, ListItem, ListState};
use ratatui::Frame;

use super::{focused, pane_block};
use crate::text::sanitize;
use crate::tui::app::{App, SidebarEntry};
use crate::tui::layout::Pane;
use crate::tui::theme::Theme;

pub fn render(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let items: Vec<ListItem> = app
        .sidebar
        .iter()
        .map(|entry| {
            let line = match entry {
                SidebarEntry::All => Line::from(app.text().all),
                SidebarEntry::Unread => Line::from(app.text().unread),
                SidebarEntry::Starred => Line::from(app.text().starred),
                SidebarEntry::Saved { name, unread, .. } => {
                    let mut spans = vec![
                        Span::styled("» ", theme.meta),
                        Span::raw(sanitize(name).into_owned()),
                    ];
                    if *unread > 0 {
                        spans.push(Span::styled(format!(" ({unread})"), theme.unread));
                    }
                    Line::from(spans)
                }
                SidebarEntry::Topic { name, count } => Line::from(vec![
                    Span::styled("# ", theme.meta),
                    Span::raw(sanitize(name).into_owned()),
                    Span::styled(format!(" ({count})"), theme.meta),
                ]),
                SidebarEntry::Feed {
                    name,
                    ministry,
                    unread,
                    error,
                } => {
                    let label = sanitize(ministry.as_deref().map_or(name.as_str(), |m| {
                        if name.starts_with(m) {
                            name
                        } else {
                            m
                        }
                    }))
                    .into_owned();
                    let mut spans = vec![Span::raw(label)];
                    if *unread > 0 {
                        spans.push(Span::styled(format!(" ({unread})"), theme.unread));
                    }
                    if error.is_some() {
                        spans.push(Span::styled(" ⚠", theme.error));
                    }
                    Line::from(spans)
                }
            };
            ListItem::new(line)
        })
        .collect();
    let list = List::new(items)
        .block(pane_block(
            app.text().feeds_pane.into(),
            focused(app, Pane::Sidebar),
            theme,
        ))
        .highlight_style(theme.selected);
    let mut state = ListState::default().with_selected(Some(app.sidebar_selected));
    frame.render_stateful_widget(list, area, &mut state);
}
