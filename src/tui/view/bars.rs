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
            None => spans.push(Span::styled(format!("  {} Treffer", app.total), theme.meta)),
        }
        Line::from(spans)
    } else if app.mode == Mode::LinkNumber {
        Line::from(vec![
            Span::styled("Link Nr.: ", theme.title),
            Span::raw(app.link_number.clone()),
            Span::raw("▏ (Enter öffnet)"),
        ])
    } else if app.filter_text.is_empty() {
        Line::styled(
            "/ Filter: Stichwort since:2w until:16.12.2021 feed:BMI unread",
            theme.hint,
        )
    } else {
        Line::from(vec![
            Span::styled("Filter: ", theme.meta),
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
                "Aktualisiere {}/{} Feeds",
                progress.done, progress.total
            ));
        frame.render_widget(gauge, area);
        return;
    }
    let unread = app.rows.iter().filter(|r| !r.read).count();
    let range = match app.quick {
        QuickRange::Today => " · heute",
        QuickRange::Week => " · 7 Tage",
        QuickRange::Month => " · 30 Tage",
        QuickRange::All => "",
    };
    let mut spans = vec![Span::raw(format!(
        " {} Artikel · {unread} ungelesen (geladen){range}",
        app.total
    ))];
    if let Some(error) = &app.last_error {
        spans.push(Span::styled(
            format!(" · Fehler: {}", sanitize(error)),
            theme.error,
        ));
    } else if let Some(notice) = &app.notice {
        spans.push(Span::raw(format!(" · {}", sanitize(notice))));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)).style(theme.status), area);
}

pub fn hints(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let text = match app.mode {
        Mode::Filter => "Enter übernehmen · Esc löschen",
        Mode::Help | Mode::Log => "Esc schließen",
        Mode::LinkNumber => "Ziffern · Enter öffnen · Esc abbrechen",
        Mode::Normal => "? Hilfe · / Filter · Enter lesen · o Browser · m gelesen · s Stern · R aktualisieren · q Ende",
    };
    frame.render_widget(Paragraph::new(text).style(theme.hint), area);
}
