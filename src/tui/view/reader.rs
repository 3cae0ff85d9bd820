//! The reader: header, text wrapped to the pane, numbered links.

use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use super::{focused, highlighted, inner, pane_block};
use crate::text::sanitize;
use crate::tui::app::App;
use crate::tui::hyperlink;
use crate::tui::layout::Pane;
use crate::tui::theme::Theme;

pub fn render(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let Some(reader) = app.reader() else { return };
    // Its place in the list, and its id: what `amtsfeed show ID` and `open ID` take.
    let position = format!(
        "{} {}/{} · {}",
        app.text().article_position,
        app.list().position() + 1,
        app.list().total,
        crate::i18n::fill(
            app.text().article_id,
            &[("id", &reader.article.summary.id.0)]
        )
    );
    frame.render_widget(
        pane_block(position, focused(app, Pane::Reader), theme),
        area,
    );
    let body = inner(area);
    let text = Rect {
        x: body.x + 1,
        width: body.width.saturating_sub(2),
        ..body
    };
    if let Some(changes) = &reader.changes {
        render_changes(changes, reader.scroll, theme, frame, text);
        return;
    }
    let terms = app.highlight_terms();
    let header_len = reader.lines.iter().position(String::is_empty).unwrap_or(0);
    let lines: Vec<Line> = reader
        .lines
        .iter()
        .enumerate()
        .skip(reader.scroll)
        .take(usize::from(text.height))
        .map(|(i, line)| {
            // Headings of the text come as "## …" (as `show` prints them): here they are bold,
            // without the marks.
            let heading = (i > header_len).then(|| heading_text(line)).flatten();
            let (line, style) = match (i, heading) {
                (0, _) => (line.as_str(), theme.title),
                (i, _) if i < header_len => (line.as_str(), theme.meta),
                (_, Some(text)) => (text, theme.title),
                _ => (line.as_str(), ratatui::style::Style::new()),
            };
            Line::from(highlighted(
                sanitize(line).into_owned(),
                terms,
                style,
                theme.highlight,
            ))
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), text);
    if app.hyperlinks() {
        let visible = reader
            .urls
            .iter()
            .skip(reader.scroll)
            .take(usize::from(text.height));
        for (row, url) in (0u16..).zip(visible) {
            if let Some(target) = url.as_deref().and_then(hyperlink::safe_target) {
                let line = Rect {
                    y: text.y + row,
                    height: 1,
                    ..text
                };
                hyperlink::link_row(frame.buffer_mut(), line, &target);
            }
        }
    }
}

/// What changed (`v`): removed words struck through in the error colour, added ones
/// underlined in the highlight colour, each also between its markers.
fn render_changes(
    changes: &crate::tui::app::changes::ChangesView,
    scroll: usize,
    theme: &Theme,
    frame: &mut Frame,
    area: Rect,
) {
    use crate::tui::app::changes::Mark;
    use ratatui::style::{Modifier, Style};
    use ratatui::text::Span;
    let lines: Vec<Line> = changes
        .lines
        .iter()
        .skip(scroll)
        .take(usize::from(area.height))
        .map(|runs| {
            Line::from(
                runs.iter()
                    .map(|(mark, text)| {
                        let style = match mark {
                            Mark::Same => Style::new(),
                            Mark::Removed => theme.error.add_modifier(Modifier::CROSSED_OUT),
                            Mark::Added => theme.highlight.add_modifier(Modifier::UNDERLINED),
                            Mark::Label => theme.title,
                            Mark::Meta => theme.meta,
                        };
                        Span::styled(text.clone(), style)
                    })
                    .collect::<Vec<_>>(),
            )
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), area);
}

/// The text of a heading line ("## Themen" → "Themen"): one to six `#` and a space.
fn heading_text(line: &str) -> Option<&str> {
    let marks = line.len() - line.trim_start_matches('#').len();
    (1..=6)
        .contains(&marks)
        .then(|| line[marks..].strip_prefix(' '))
        .flatten()
        .filter(|rest| !rest.trim().is_empty())
}

#[cfg(test)]
mod tests {
    use super::heading_text;

    #[test]
    fn heading_marks_go_hashtags_stay() {
        assert_eq!(
            heading_text("## Themen des Abends"),
            Some("Themen des Abends")
        );
        assert_eq!(heading_text("# Titel"), Some("Titel"));
        assert_eq!(heading_text("#DeutschlandDigitalSicherBSI"), None);
        assert_eq!(heading_text("####### zu tief"), None);
        assert_eq!(heading_text("Text mit ## in der Mitte"), None);
    }
}
