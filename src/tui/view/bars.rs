//! The one-line bars: filter, status (counts, filter, refresh progress, last error), key hints.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Gauge, Paragraph};
use ratatui::Frame;

use crate::text::sanitize;
use crate::tui::app::{App, Mode};
use crate::tui::msg::QuickRange;
use crate::tui::theme::Theme;

pub fn filter(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let line = if app.mode == Mode::Filter {
        let mut spans = vec![
            Span::styled("/", theme.title),
            Span::raw(sanitize(&app.filter_input).into_owned()),
            Span::raw("▏"),
        ];
        match &app.filter_error {
            Some(error) => spans.push(Span::styled(format!("  {error}"), theme.error)),
            None => spans.push(Span::styled(format!("  {} matches", app.total), theme.meta)),
        }
        Line::from(spans)
    } else if app.mode == Mode::LinkNumber {
        Line::from(vec![
            Span::styled("Link no.: ", theme.title),
            Span::raw(app.link_number.clone()),
            Span::raw("▏ (Enter opens)"),
        ])
    } else if app.filter_text.is_empty() {
        Line::styled(
            "/ filter: keyword since:2w until:16.12.2021 feed:BMI unread",
            theme.hint,
        )
    } else {
        Line::from(vec![
            Span::styled("filter: ", theme.meta),
            Span::raw(sanitize(&app.filter_text).into_owned()),
        ])
    };
    frame.render_widget(Paragraph::new(line), area);
}

pub fn status(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    if let Some(progress) = app.refresh {
        let ratio = if progress.total == 0 {
            0.0
        } else {
            progress.done as f64 / progress.total as f64
        };
        let gauge = Gauge::default()
            .gauge_style(theme.status)
            .ratio(ratio.clamp(0.0, 1.0))
            .label(format!(
                "Refreshing {}/{} feeds",
                progress.done, progress.total
            ));
        frame.render_widget(gauge, area);
        return;
    }
    let unread = app.rows.iter().filter(|r| !r.read).count();
    let range = match app.quick {
        QuickRange::Today => " · today",
        QuickRange::Week => " · 7 days",
        QuickRange::Month => " · 30 days",
        QuickRange::All => "",
    };
    let mut spans = vec![Span::raw(format!(
        " {} articles · {unread} unread shown{range}",
        app.total
    ))];
    if let Some(error) = &app.last_error {
        spans.push(Span::styled(
            format!(" · error: {}", sanitize(error)),
            theme.error,
        ));
    } else if let Some(notice) = &app.notice {
        spans.push(Span::raw(format!(" · {}", sanitize(notice))));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)).style(theme.status), area);
}

pub fn hints(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let hints: &[&str] = match app.mode {
        Mode::Filter => &["Enter keep", "Esc clear"],
        Mode::Help | Mode::Log => &["Esc close"],
        Mode::LinkNumber => &["digits", "Enter open", "Esc cancel"],
        Mode::Normal => &[
            "? help",
            "/ filter",
            "Enter read",
            "o browser",
            "m read",
            "s star",
            "R refresh",
            "q quit",
        ],
    };
    // As many hints as fit; `?` (first) always leads to the rest.
    let mut line = String::new();
    for hint in hints {
        let next = if line.is_empty() {
            hint.to_string()
        } else {
            format!("{line} · {hint}")
        };
        if next.chars().count() > usize::from(area.width) {
            break;
        }
        line = next;
    }
    frame.render_widget(Paragraph::new(line).style(theme.hint), area);
}
