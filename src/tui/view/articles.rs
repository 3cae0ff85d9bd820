//! The article list: date, ministry/feed, markers and title, one row per article.

use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;
use unicode_width::UnicodeWidthStr;

use super::{focused, highlighted, inner, pane_block};
use crate::text::{fit, sanitize};
use crate::tui::app::{first_visible, App};
use crate::tui::layout::Pane;
use crate::tui::theme::Theme;

pub fn render(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let title = if app.list().loading && app.list().rows.is_empty() {
        format!("{} ({})", app.text().articles_pane, app.text().loading)
    } else if app.list().counting {
        format!("{} ({}+)", app.text().articles_pane, app.list().total)
    } else {
        format!("{} ({})", app.text().articles_pane, app.list().total)
    };
    frame.render_widget(pane_block(title, focused(app, Pane::List), theme), area);
    let body = inner(area);
    if body.height == 0 || body.width == 0 {
        return;
    }
    if app.list().rows.is_empty() && !app.list().loading {
        let empty = sanitize(&app.empty_list_text()).into_owned();
        frame.render_widget(
            Paragraph::new(empty)
                .style(theme.meta)
                .wrap(ratatui::widgets::Wrap { trim: true }),
            body,
        );
        return;
    }
    let height = usize::from(body.height);
    let first = first_visible(app.list().selected, height);
    let width = usize::from(body.width);
    let terms = app.highlight_terms();
    // A `?` after the date of items nobody dated (the day is when they were first seen).
    let marks = app.list().rows.iter().any(|r| r.date_unknown);
    // The feed column grows with the screen (a tenth of it) up to its longest label, so wide
    // terminals show "BMAS Meldungen" whole; never below 6, the width of "BMUKN ".
    let label = |row: &crate::model::ArticleSummary| {
        sanitize(row.ministry.as_deref().unwrap_or(&row.feed)).width()
    };
    let longest = app.list().rows.iter().map(label).max().unwrap_or(0);
    let feed_width = longest.min(width / 10).max(6);
    let lines: Vec<Line> = app
        .list()
        .rows
        .iter()
        .enumerate()
        .skip(first)
        .take(height)
        .map(|(i, row)| {
            let date = app.lang().column_date(
                app.zone().local(row.published).date(),
                row.date_unknown,
                marks,
            );
            let feed = fit(
                &sanitize(row.ministry.as_deref().unwrap_or(&row.feed)),
                feed_width,
            );
            let marker = if row.read { " " } else { "●" };
            let star = if row.starred { "★" } else { " " };
            let prefix_width = date.width() + 1 + feed_width + 1 + 2 + 1;
            // One release in several feeds: the others after the title ("auch: BMAS"); an
            // edited one says when it changed ("geändert 14.03.").
            let mut also = if row.also_in.is_empty() {
                String::new()
            } else {
                format!(
                    " · {}: {}",
                    app.text().also_in,
                    sanitize(&row.also_in.join(", "))
                )
            };
            if let Some(at) = row.changed_at {
                let day = app.zone().local(at).date();
                also.push_str(&format!(" · {}", app.lang().changed_on(day)));
            }
            if row.gone_at.is_some() {
                also.push_str(&format!(" · {}", app.text().gone_mark));
            }
            let room = width.saturating_sub(prefix_width).max(1);
            let also = fit(&also, room / 2);
            let title = fit(
                &sanitize(&row.title),
                room.saturating_sub(also.width()).max(1),
            );
            let title_style = if row.read { theme.read } else { theme.unread };
            let mut spans = vec![
                // A first-seen time stands in for a date nobody gave: shown, but not as a fact.
                Span::styled(
                    date,
                    if row.date_unknown {
                        theme.date.add_modifier(Modifier::DIM | Modifier::ITALIC)
                    } else {
                        theme.date
                    },
                ),
                Span::raw(" "),
                Span::styled(format!("{feed:<feed_width$}"), theme.feed),
                Span::raw(" "),
                Span::styled(marker, theme.unread),
                Span::styled(star, theme.star),
                Span::raw(" "),
            ];
            spans.extend(highlighted(title, terms, title_style, theme.highlight));
            if !also.is_empty() {
                spans.push(Span::styled(also, theme.meta));
            }
            let mut line = Line::from(spans);
            if i == app.list().selected {
                line = line.style(theme.selected);
            }
            line
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), body);
}
