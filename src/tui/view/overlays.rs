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
        .map(|e| (e.label(app.lang()), e.help))
        .collect();
    // As few columns as let every key show (a key that does not fit would be a key nobody
    // learns): one, two, then three on short screens.
    let available = usize::from(screen.height.saturating_sub(3)).max(1);
    let columns = (1..=4)
        .find(|c| rows_of.len().div_ceil(*c) <= available)
        .unwrap_or(4);
    let rows = rows_of.len().div_ceil(columns);
    // The keys, then one line that explains the marks of the article list.
    let width = match columns {
        1 => 72,
        2 => 130,
        _ => 180,
    };
    let area = centered(screen, width, rows as u16 + 3);
    frame.render_widget(Clear, area);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border_focus)
        .title(app.text().keys_title);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [keys_area, legend_area] =
        Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(inner);
    let texts = app.text();
    let example_day = chrono::NaiveDate::from_ymd_opt(2021, 12, 16).unwrap_or_default();
    let legend = Line::from(vec![
        Span::styled("● ★ ", theme.title),
        Span::raw(format!("{}   ", texts.legend_marks)),
        Span::styled(
            format!("{} ", app.lang().column_date(example_day, true, true)),
            theme.title,
        ),
        Span::raw(texts.legend_undated),
    ]);
    frame.render_widget(Paragraph::new(legend), legend_area);
    let parts =
        Layout::horizontal(vec![Constraint::Ratio(1, columns as u32); columns]).split(keys_area);
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
        // A description longer than its column ends in "…" a space before the next column.
        let room = usize::from(part.width).saturating_sub(width + 2).max(1);
        let lines: Vec<Line> = chunk
            .iter()
            .map(|(label, help)| {
                Line::from(vec![
                    Span::styled(format!("{label:>width$} "), theme.title),
                    Span::raw(crate::text::fit(help, room)),
                ])
            })
            .collect();
        frame.render_widget(Paragraph::new(lines), *part);
    }
}

/// The source catalogue: by group, each source with its evidence and a ✓ when configured;
/// the selected one's note, where its evidence comes from and its address below.
pub fn catalogue(app: &App, theme: &Theme, frame: &mut Frame, screen: Rect) {
    let area = centered(
        screen,
        screen.width.saturating_sub(4).min(110),
        screen.height.saturating_sub(2),
    );
    frame.render_widget(Clear, area);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border_focus)
        .title(app.text().catalogue_title);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [list_area, detail_area] =
        Layout::vertical([Constraint::Min(1), Constraint::Length(4)]).areas(inner);
    let catalogue = app.catalogue();
    let entries = catalogue.entries();
    let width = usize::from(list_area.width);
    // Lines: a group's heading before its first entry; the selected entry's line index.
    let mut lines: Vec<Line> = Vec::new();
    let mut selected_line = 0;
    let mut group = "";
    for (i, e) in entries.iter().enumerate() {
        if e.group != group {
            group = &e.group;
            lines.push(Line::styled(group.to_owned(), theme.title));
        }
        let mark = if catalogue.is_configured(e) {
            "✓"
        } else {
            " "
        };
        let kind = match (e.listing, app.lang()) {
            (false, _) => "",
            (true, crate::i18n::Lang::De) => " [Liste]",
            (true, _) => " [listing]",
        };
        // The selection shows without colours too.
        let (pointer, style) = if i == catalogue.selected {
            selected_line = lines.len();
            ("›", theme.selected)
        } else {
            (" ", ratatui::style::Style::new())
        };
        let text = format!(
            "{pointer}{mark} {:<26} {:<13} {}{kind}",
            e.id,
            e.evidence_mark(),
            e.name
        );
        lines.push(Line::styled(crate::text::fit(&text, width), style));
    }
    // The selected line stays in view.
    let height = usize::from(list_area.height);
    let first = selected_line.saturating_sub(height.saturating_sub(1) / 2);
    let first = first.min(lines.len().saturating_sub(height));
    let shown: Vec<Line> = lines.into_iter().skip(first).take(height).collect();
    frame.render_widget(Paragraph::new(shown), list_area);
    if let Some(e) = catalogue.selected_entry() {
        let listing = if e.listing {
            match app.lang() {
                crate::i18n::Lang::De => " · Presseseite ohne Feed",
                _ => " · press listing page without a feed",
            }
        } else {
            ""
        };
        let detail = vec![
            Line::from(format!(
                "{} ({}, {}){listing}",
                e.evidence.describe(app.lang()),
                e.seen,
                e.via_in(app.lang())
            )),
            Line::from(e.note_in(app.lang()).unwrap_or_default().to_owned()),
            Line::styled(e.url.to_string(), theme.meta),
        ];
        frame.render_widget(
            Paragraph::new(detail).wrap(Wrap { trim: true }),
            detail_area,
        );
    }
}

pub fn log(app: &App, theme: &Theme, frame: &mut Frame, screen: Rect) {
    let area = centered(
        screen,
        screen.width.saturating_sub(4),
        screen.height.saturating_sub(4),
    );
    let height = usize::from(area.height.saturating_sub(2));
    let width = usize::from(area.width.saturating_sub(2)).max(20);
    // Each entry wrapped here, after its time, so that the newest lines are the ones shown
    // at the bottom however long the entries above them are.
    let mut lines: Vec<Line> = Vec::new();
    for entry in app.status().log.iter().rev() {
        if lines.len() >= height {
            break;
        }
        let style = if entry.error {
            theme.error
        } else {
            ratatui::style::Style::new()
        };
        // When, to the second: a log is read to see what happened in which order.
        let at = app.zone().local(entry.at).format("%H:%M:%S").to_string();
        let indent = " ".repeat(at.len() + 2);
        let wrapped = crate::text::wrap(&sanitize(&entry.text), width.saturating_sub(at.len() + 2));
        let mut entry_lines: Vec<Line> = wrapped
            .into_iter()
            .enumerate()
            .map(|(i, text)| {
                let lead = if i == 0 {
                    format!("{at}  ")
                } else {
                    indent.clone()
                };
                Line::from(vec![
                    Span::styled(lead, theme.meta),
                    Span::styled(text, style),
                ])
            })
            .collect();
        entry_lines.reverse();
        lines.extend(entry_lines);
    }
    lines.truncate(height);
    lines.reverse();
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
    frame.render_widget(Paragraph::new(body).block(block), area);
}

/// What `y`/`Y` copied when the clipboard is off: the whole text, wrapped, to select by hand,
/// and why it is not on the clipboard.
pub fn copied(app: &App, theme: &Theme, frame: &mut Frame, screen: Rect) {
    let Some((what, text)) = app.copied() else {
        return;
    };
    let width = screen.width.saturating_sub(4).min(100);
    let inner_width = usize::from(width.saturating_sub(2)).max(10);
    let mut lines: Vec<Line> = crate::text::wrap(&sanitize(text), inner_width)
        .into_iter()
        .map(Line::from)
        .collect();
    lines.push(Line::from(""));
    lines.extend(
        crate::text::wrap(app.text().clipboard_off, inner_width)
            .into_iter()
            .map(|l| Line::styled(l, theme.meta)),
    );
    let height = (lines.len() as u16 + 2).min(screen.height.saturating_sub(2));
    let area = centered(screen, width, height);
    frame.render_widget(Clear, area);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border_focus)
        .title(sanitize(what).into_owned());
    frame.render_widget(Paragraph::new(lines).block(block), area);
}

/// The processes in parliament of recent articles (`P`): stage, last step, how many articles
/// name it, and where DIP shows it; newest activity first.
pub fn processes(app: &App, theme: &Theme, frame: &mut Frame, screen: Rect) {
    let area = centered(
        screen,
        screen.width.saturating_sub(4),
        screen.height.saturating_sub(4),
    );
    let width = usize::from(area.width.saturating_sub(2)).max(10);
    let t = app.text();
    let mut lines: Vec<Line> = Vec::new();
    match app.processes() {
        None => lines.push(Line::styled(t.loading, theme.meta)),
        Some([]) => {
            for line in crate::text::wrap(t.no_processes_here, width) {
                lines.push(Line::from(line));
            }
        }
        Some(found) => {
            for (process, articles) in found.iter().skip(app.processes_scroll()) {
                let head = app.lang().process(process);
                let count = crate::i18n::fill(t.articles, &[("n", articles)]);
                for line in crate::text::wrap(&sanitize(&format!("{head} ({count})")), width) {
                    lines.push(Line::from(line));
                }
                lines.push(Line::styled(format!("  {}", process.url()), theme.meta));
            }
        }
    }
    frame.render_widget(Clear, area);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border_focus)
        .title(t.processes_title);
    frame.render_widget(Paragraph::new(lines).block(block), area);
}
