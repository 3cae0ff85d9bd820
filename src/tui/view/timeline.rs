//! The timeline above the list: articles per day, week or month, the selected bar marked.

use chrono::Datelike;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Bar, BarChart, BarGroup};
use ratatui::Frame;

use super::pane_block;
use crate::i18n::Lang;
use crate::model::Bucket;
use crate::tui::app::App;
use crate::tui::theme::Theme;

pub fn render(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let Some(timeline) = &app.list().timeline else {
        return;
    };
    let inner_width = usize::from(area.width.saturating_sub(2));
    // Wide bars when few, one column each when many; the newest that fit, the selected one
    // always among them.
    let bar_width = (inner_width / timeline.bars.len().max(1)).clamp(1, 4);
    let slots = inner_width / bar_width;
    let first = timeline
        .bars
        .len()
        .saturating_sub(slots)
        .min(app.list().bar);
    let shown = &timeline.bars[first..timeline.bars.len().min(first + slots)];
    let bars: Vec<Bar> = shown
        .iter()
        .enumerate()
        .map(|(i, (_, count))| {
            let style = if first + i == app.list().bar {
                theme.highlight
            } else {
                theme.date
            };
            Bar::default()
                .value(*count)
                .text_value(String::new())
                .style(style)
        })
        .collect();
    let title = match timeline.bars.get(app.list().bar) {
        Some((day, count)) => crate::i18n::fill(
            app.text().timeline_title,
            &[
                ("label", &bucket_label(app.lang(), timeline.bucket, *day)),
                ("n", count),
            ],
        ),
        None => String::new(),
    };
    // The axis: the first bar's date at its left, the last bar's ending under it.
    let mut block = pane_block(title, false, theme);
    if let (Some((first_day, _)), Some((last_day, _))) = (shown.first(), shown.last()) {
        let first = bucket_label(app.lang(), timeline.bucket, *first_day);
        let axis = if shown.len() == 1 {
            first
        } else {
            let last = bucket_label(app.lang(), timeline.bucket, *last_day);
            let bars_width = shown.len() * bar_width;
            let gap = bars_width
                .saturating_sub(first.chars().count() + last.chars().count())
                .max(1);
            format!("{first}{}{last}", "─".repeat(gap))
        };
        block = block.title_bottom(Line::from(axis));
    }
    let chart = BarChart::default()
        .block(block)
        .data(BarGroup::default().bars(&bars))
        .bar_width(u16::try_from(bar_width).unwrap_or(1))
        .bar_gap(0);
    frame.render_widget(chart, area);
}

/// "16.12.2021", "KW 50/2021", "12/2021" (German); "2021-12-16", "week 50/2021", "2021-12"
/// (English).
fn bucket_label(lang: Lang, bucket: Bucket, day: chrono::NaiveDate) -> String {
    let week = day.iso_week();
    match (bucket, lang) {
        (Bucket::Day, _) => lang.date(day),
        (Bucket::Week, Lang::De) => format!("KW {}/{}", week.week(), week.year()),
        (Bucket::Week, _) => format!("week {}/{}", week.week(), week.year()),
        (Bucket::Month, Lang::En) => day.format("%Y-%m").to_string(),
        (Bucket::Month, _) => day.format("%m/%Y").to_string(),
    }
}
