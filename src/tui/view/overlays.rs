//! Overlays: the help (generated from the key table) and the refresh log.

use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};
use ratatui::Frame;

use crate::text::sanitize;
use crate::tui::app::App;
use crate::tui::keys::KeyMap;
use crate::tui::theme::Theme;

fn centered(screen: Rect, width: u16, height: u16) -> Rect {
    let [row] = Layout::vertical([Constraint::Length(height.min(screen.height))])
        .flex(Flex::Center)
        .areas(screen);
    let [area] = Layout::horizontal([Constraint::Length(width.min(screen.width))])
        .flex(Flex::Center)
        .areas(row);
    area
}

/// The help: every action with its effective keys (after `[keys]`) in the UI language.
pub fn help(app: &App, keys: &KeyMap, theme: &Theme, frame: &mut Frame, screen: Rect) {
    let rows_of: Vec<(String, &str)> = keys
        .entries
        .iter()
        .map(|e| (e.label(app.lang), e.help))
        .collect();
    // Two columns when one does not fit the screen's height.
    let columns = if rows_of.len() + 2 > usize::from(screen.height) {
        2
    } else {
        1
    };
    let rows = rows_of.len().div_ceil(columns);
    let area = centered(screen, if columns == 1 { 72 } else { 130 }, rows as u16 + 2);
    frame.render_widget(Clear, area);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border_focus)
        .title(app.text().keys_title);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let parts =
        Layout::horizontal(vec![Constraint::Ratio(1, columns as u32); columns]).split(inner);
    for (column, chunk) in rows_of.chunks(rows).enumerate() {
        let Some(part) = parts.get(column) else {
            continue;
        };
        // Each column's keys as wide as its widest label (German key names are longer).
        let width = chunk
            .iter()
            .map(|(label, _)| label.chars().count())
            .max()
            .unwrap_or(1);
        let lines: Vec<Line> = chunk
            .iter()
            .map(|(label, help)| {
                Line::from(vec![
                    Span::styled(format!("{label:>width$} "), theme.title),
                    Span::raw(*help),
                ])
            })
            .collect();
        frame.render_widget(Paragraph::new(lines), *part);
    }
}

pub fn log(app: &App, theme: &Theme, frame: &mut Frame, screen: Rect) {
    let area = centered(
        screen,
        screen.width.saturating_sub(4),
        screen.height.saturating_sub(4),
    );
    let height = usize::from(area.height.saturating_sub(2));
    let lines: Vec<Line> = app
        .status
        .log
        .iter()
        .rev()
        .take(height)
        .rev()
        .map(|l| {
            let style = if l.contains("error") {
                theme.error
            } else {
                ratatui::style::Style::new()
            };
            Line::styled(sanitize(l).into_owned(), style)
        })
        .collect();
    frame.render_widget(Clear, area);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border_focus)
        .title(app.text().log_title);
    let body = if lines.is_empty() {
        vec![Line::from(app.text().no_refresh_yet)]
    } else {
        lines
    };
    frame.render_widget(
        Paragraph::new(body).block(block).wrap(Wrap { trim: false }),
        area,
    );
}
