//! The sidebar: All, Unread, Starred, saved filters, then each feed with "unread/total", and
//! the list's topics. Labels are cut to fit; counts never are.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{List, ListItem, ListState};
use ratatui::Frame;
use unicode_width::UnicodeWidthStr;

use super::{focused, pane_block};
use crate::text::{fit, sanitize};
use crate::tui::app::{App, SidebarEntry};
use crate::tui::layout::Pane;
use crate::tui::theme::Theme;

pub fn render(app: &App, rows: &[(String, String)], theme: &Theme, frame: &mut Frame, area: Rect) {
    let inner = usize::from(area.width.saturating_sub(2));
    let items: Vec<ListItem> = app
        .sidebar()
        .entries
        .iter()
        .zip(rows)
        .map(|(entry, (label, count))| {
            let label = sanitize(label).into_owned();
            let room = inner.saturating_sub(count.width() + usize::from(!count.is_empty()));
            let label = fit(&label, room.max(1));
            let gap = inner.saturating_sub(label.width() + count.width());
            let count_style = match entry {
                SidebarEntry::Feed { error: Some(_), .. } => theme.error,
                SidebarEntry::Feed { unread, .. } | SidebarEntry::Saved { unread, .. }
                    if *unread > 0 =>
                {
                    theme.unread
                }
                _ => theme.meta,
            };
            ListItem::new(Line::from(vec![
                Span::raw(label),
                Span::raw(" ".repeat(gap)),
                Span::styled(count, count_style),
            ]))
        })
        .collect();
    let list = List::new(items)
        .block(pane_block(
            app.text().feeds_pane.into(),
            focused(app, Pane::Sidebar),
            theme,
        ))
        .highlight_style(theme.selected);
    let mut state = ListState::default().with_selected(Some(app.sidebar().selected));
    frame.render_stateful_widget(list, area, &mut state);
}
