//! The one-line bars: filter, status (counts, filter, refresh progress, last error), key hints.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Gauge, Paragraph};
use ratatui::Frame;
use unicode_width::UnicodeWidthStr;

use crate::text::sanitize;
use crate::tui::app::App;
use crate::tui::keys::KeyMap;
use crate::tui::keys::Mode;
use crate::tui::msg::PromptKind;
use crate::tui::msg::QuickRange;
use crate::tui::theme::Theme;

pub fn filter(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    use unicode_width::UnicodeWidthStr;
    let line = if app.mode() == Mode::Filter {
        let (before, after) = app.list().filter_input.split();
        let (before, after) = (sanitize(before), sanitize(after));
        let width = usize::from(area.width);
        // The count of the list shown, after the text when there is room; a filter that does
        // not parse says why on the status line below, where it has the whole width.
        let count = format!(
            "  {}{} {}",
            app.list().total,
            if app.list().counting { "+" } else { "" },
            app.text().matches
        );
        let text_width = 1 + before.width() + 1 + after.width();
        let with_count = app.list().filter_error.is_none() && text_width + count.width() <= width;
        // The text scrolls with the cursor: the cursor and what is typed stay in sight.
        let (before, after) =
            crate::tui::line_input::window(&before, &after, width.saturating_sub(1));
        let mut spans = vec![
            Span::styled("/", theme.title),
            Span::raw(before),
            Span::raw("▏"),
            Span::raw(after),
        ];
        if with_count {
            spans.push(Span::styled(count, theme.meta));
        }
        Line::from(spans)
    } else if let (Mode::Prompt, Some(prompt)) = (app.mode(), app.prompt()) {
        let label = match (prompt.kind, &prompt.replacing) {
            (PromptKind::ReplaceFilter, Some(r)) => crate::i18n::fill(
                app.text().replace_filter_prompt,
                &[("name", &sanitize(&r.name)), ("query", &sanitize(&r.old))],
            ),
            (PromptKind::AddFeed, _) => app.text().add_feed_prompt.to_owned(),
            (PromptKind::SaveFilter | PromptKind::ReplaceFilter, _) => {
                app.text().save_filter_prompt.to_owned()
            }
        };
        let (before, after) = prompt.input.split();
        Line::from(vec![
            Span::styled(label, theme.title),
            Span::raw(sanitize(before).into_owned()),
            Span::raw("▏"),
            Span::raw(sanitize(after).into_owned()),
        ])
    } else if app.mode() == Mode::LinkNumber {
        Line::from(vec![
            Span::styled(app.text().link_no, theme.title),
            Span::raw(app.link_number().to_owned()),
            Span::raw(app.text().enter_opens),
        ])
    } else {
        let narrowing = app.narrowing();
        if narrowing.is_empty() {
            let example = chrono::NaiveDate::from_ymd_opt(2021, 12, 16).unwrap_or_default();
            // An example that does not fit ends at a word, with an ellipsis.
            let hint = app
                .text()
                .filter_hint
                .replace("{date}", &app.lang().date(example));
            Line::styled(
                crate::text::fit_words(&hint, usize::from(area.width)),
                theme.hint,
            )
        } else {
            // Everything that narrows the list, the sidebar's choice and the zoom included.
            let parts: Vec<String> = narrowing.iter().map(|p| sanitize(p).into_owned()).collect();
            Line::from(vec![
                Span::styled(app.text().filter_label, theme.meta),
                Span::raw(parts.join(" · ")),
                Span::styled(format!("  {}", app.text().narrowed_clear), theme.hint),
            ])
        }
    };
    frame.render_widget(Paragraph::new(line), area);
}

pub fn status(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    if let Some(progress) = app.refresh() {
        let ratio = if progress.total == 0 {
            0.0
        } else {
            progress.done as f64 / progress.total as f64
        };
        let gauge = Gauge::default()
            .gauge_style(theme.status)
            .ratio(ratio.clamp(0.0, 1.0))
            .label(format!(
                "{} {}/{} {}",
                app.text().refreshing,
                progress.done,
                progress.total,
                app.text().feeds_word
            ));
        frame.render_widget(gauge, area);
        return;
    }
    if let (Mode::Filter, Some(error)) = (app.mode(), &app.list().filter_error) {
        // Why the typed filter does not parse, with the whole line to say it.
        let error = crate::text::fit_words(&sanitize(error), usize::from(area.width));
        frame.render_widget(Paragraph::new(error).style(theme.error), area);
        return;
    }
    let unread = app.list().rows.iter().filter(|r| !r.read).count();
    let range = match app.list().quick {
        QuickRange::Today => format!(" · {}", app.text().today),
        QuickRange::Week => format!(" · {}", app.text().days7),
        QuickRange::Month => format!(" · {}", app.text().days30),
        QuickRange::All => String::new(),
    };
    // A zoom from the timeline narrows the dates further: say to which.
    let range = match app.list().zoom.last() {
        Some((from, to)) => format!(
            "{range} · {}",
            crate::i18n::fill(
                app.text().zoomed_range,
                &[
                    ("from", &app.lang().date(*from)),
                    ("to", &app.lang().date(*to))
                ]
            )
        ),
        None => range,
    };
    let counts = format!(
        " {} · {unread} {}{range}",
        crate::i18n::fill(app.text().articles, &[("n", &app.list().total)]),
        app.text().unread_shown
    );
    // The message after the counts, cut with an ellipsis at the edge (the log, L, has it
    // whole).
    let room = usize::from(area.width).saturating_sub(counts.width());
    let mut spans = vec![Span::raw(counts)];
    match &app.status().message {
        Some(status) if status.error => spans.push(Span::styled(
            crate::text::fit(
                &format!(" · {}: {}", app.text().error, sanitize(&status.text)),
                room,
            ),
            theme.error,
        )),
        Some(status) => spans.push(Span::raw(crate::text::fit(
            &format!(" · {}", sanitize(&status.text)),
            room,
        ))),
        None => {}
    }
    frame.render_widget(Paragraph::new(Line::from(spans)).style(theme.status), area);
}

/// The key hints: in normal mode from the effective key table, so `[keys]` shows here too.
pub fn hints(app: &App, keys: &KeyMap, theme: &Theme, frame: &mut Frame, area: Rect) {
    let owned: Vec<String>;
    let hints: Vec<&str> = match app.mode() {
        Mode::Filter => app.text().hints_filter.to_vec(),
        Mode::Help | Mode::Log | Mode::Copied | Mode::Processes => {
            app.text().hints_overlay.to_vec()
        }
        Mode::Catalogue => app.text().hints_catalogue.to_vec(),
        Mode::LinkNumber => app.text().hints_link.to_vec(),
        Mode::Prompt => app.text().hints_prompt.to_vec(),
        Mode::Normal => {
            let de = app.lang().is_german();
            let wanted: [(&str, &str, &str); 8] = [
                ("help", "help", "Hilfe"),
                ("filter", "filter", "Filter"),
                ("open", "read", "lesen"),
                ("browser", "browser", "Browser"),
                ("toggle_read", "read", "gelesen"),
                ("toggle_star", "star", "Stern"),
                ("refresh_all", "refresh", "aktualisieren"),
                ("quit", "quit", "beenden"),
            ];
            owned = wanted
                .iter()
                .filter_map(|(action, en, de_word)| {
                    let key = keys.first_key(action)?;
                    Some(format!("{key} {}", if de { de_word } else { en }))
                })
                .collect();
            owned.iter().map(String::as_str).collect()
        }
    };
    frame.render_widget(
        Paragraph::new(fit_hints(&hints, usize::from(area.width))).style(theme.hint),
        area,
    );
}

/// As many hints as fit, in order; `?` (the first) leads to the rest, and in the normal mode
/// the last one (how to quit) stays whatever gives way before it.
fn fit_hints(hints: &[&str], width: usize) -> String {
    let joined = |parts: &[&str]| parts.join(" · ");
    let (keep_last, middle) = match hints.split_last() {
        Some((last, rest)) if hints.len() > 2 => (Some(*last), rest),
        _ => (None, hints),
    };
    let mut chosen: Vec<&str> = Vec::new();
    for hint in middle {
        let mut trial = chosen.clone();
        trial.push(hint);
        trial.extend(keep_last);
        if joined(&trial).width() > width {
            break;
        }
        chosen.push(hint);
    }
    chosen.extend(keep_last);
    if joined(&chosen).width() > width {
        // Not even the first and the last: the first alone, cut.
        let first = crate::text::fit(hints.first().copied().unwrap_or(""), width);
        return if first.width() <= width {
            first
        } else {
            String::new()
        };
    }
    joined(&chosen)
}

#[cfg(test)]
mod tests {
    use super::fit_hints;
    use unicode_width::UnicodeWidthStr;

    #[test]
    fn quitting_stays_in_the_key_line_when_hints_give_way() {
        let hints = [
            "? Hilfe",
            "/ Filter",
            "Enter lesen",
            "o Browser",
            "m gelesen",
            "s Stern",
            "R aktualisieren",
            "q beenden",
        ];
        assert_eq!(
            fit_hints(&hints, 80),
            "? Hilfe · / Filter · Enter lesen · o Browser · m gelesen · s Stern · q beenden"
        );
        assert_eq!(fit_hints(&hints, 30), "? Hilfe · / Filter · q beenden");
        assert_eq!(fit_hints(&hints, 200), hints.join(" · "));
        for width in 0..120 {
            let line = fit_hints(&hints, width);
            assert!(line.width() <= width, "{width}: {line}");
            if width >= "? Hilfe · q beenden".len() {
                assert!(
                    line.starts_with("? Hilfe") && line.ends_with("q beenden"),
                    "{line}"
                );
            }
        }
    }
}
