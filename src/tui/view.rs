//! Drawing: `render(&App, &Theme, &mut Frame)` lays out the panes and calls one function per
//! pane. Views only borrow the state.

use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::{Block, Borders};
use ratatui::Frame;

use super::app::App;
use super::keys::KeyMap;
use super::keys::Mode;
use super::layout::{self, Pane};
use super::theme::Theme;

mod articles;
mod bars;
mod overlays;
mod reader;
mod sidebar;
mod timeline;

/// Draws the whole screen; `keys` is the effective key table (the hints and the help show it).
pub fn render(app: &App, keys: &KeyMap, theme: &Theme, frame: &mut Frame) {
    let screen = frame.area();
    // The sidebar's labels once a frame: they size the sidebar and fill it.
    let sidebar_rows = app.sidebar().rows(app.text());
    let sidebar_width = crate::tui::app::sidebar_width_for(&sidebar_rows, screen.width);
    let areas = layout::areas(screen, app.focus(), app.reader().is_some(), sidebar_width);
    if let Some(area) = areas.sidebar {
        sidebar::render(app, &sidebar_rows, theme, frame, area);
    }
    if let Some(area) = areas.list {
        let (chart, list) = if app.has_timeline() {
            layout::split_timeline(area)
        } else {
            (None, area)
        };
        if let Some(chart) = chart {
            timeline::render(app, theme, frame, chart);
        }
        articles::render(app, theme, frame, list);
    }
    if let Some(area) = areas.reader {
        reader::render(app, theme, frame, area);
    }
    bars::filter(app, theme, frame, areas.filter);
    bars::status(app, theme, frame, areas.status);
    bars::hints(app, keys, theme, frame, areas.hints);
    match app.mode() {
        Mode::Help => overlays::help(app, keys, theme, frame, screen),
        Mode::Log => overlays::log(app, theme, frame, screen),
        Mode::Processes => overlays::processes(app, theme, frame, screen),
        Mode::Copied => overlays::copied(app, theme, frame, screen),
        Mode::Catalogue => overlays::catalogue(app, theme, frame, screen),
        _ => {}
    }
}

/// A bordered block, highlighted when its pane has the focus.
fn pane_block<'a>(title: String, focused: bool, theme: &Theme) -> Block<'a> {
    let style: Style = if focused {
        theme.border_focus
    } else {
        theme.border
    };
    Block::default()
        .borders(Borders::ALL)
        .border_style(style)
        .title(title)
}

/// Whether `pane` has the focus.
fn focused(app: &App, pane: Pane) -> bool {
    app.focus() == pane && app.mode() == Mode::Normal
}

/// `text` as spans in `base`, with what the filter's keywords match in `highlight`.
fn highlighted(
    text: String,
    keywords: &[crate::filter::word::Term],
    base: Style,
    highlight: Style,
) -> Vec<ratatui::text::Span<'static>> {
    use ratatui::text::Span;
    let ranges = crate::filter::word::match_ranges(&text, keywords);
    if ranges.is_empty() {
        return vec![Span::styled(text, base)];
    }
    let mut spans = Vec::with_capacity(ranges.len() * 2 + 1);
    let mut at = 0;
    for (start, end) in ranges {
        if start > at {
            spans.push(Span::styled(text[at..start].to_owned(), base));
        }
        spans.push(Span::styled(
            text[start..end].to_owned(),
            base.patch(highlight),
        ));
        at = end;
    }
    if at < text.len() {
        spans.push(Span::styled(text[at..].to_owned(), base));
    }
    spans
}

/// The area inside a one-cell border.
fn inner(area: Rect) -> Rect {
    Block::default().borders(Borders::ALL).inner(area)
}

#[cfg(test)]
mod tests;
