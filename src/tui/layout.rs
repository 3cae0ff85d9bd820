//! Screen geometry shared by `view` (to draw) and `app` (to wrap text and map clicks). Pure.

use ratatui::layout::{Constraint, Layout, Rect};

/// At least this many columns show sidebar, list and reader side by side.
pub const WIDE: u16 = 100;
/// At least this many columns keep the sidebar next to list and reader.
pub const ROOMY: u16 = 140;

/// Where each part of the screen is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Areas {
    pub sidebar: Option<Rect>,
    pub list: Option<Rect>,
    pub reader: Option<Rect>,
    /// The filter bar / status line / key hints, one row each.
    pub filter: Rect,
    pub status: Rect,
    pub hints: Rect,
}

/// Which pane is shown when only one fits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    Sidebar,
    List,
    Reader,
}

/// Splits the screen; narrow screens show only `focus`. `sidebar_width` is what the sidebar's
/// content asks for in wide mode (`App::sidebar_width`).
pub fn areas(screen: Rect, focus: Pane, reader_open: bool, sidebar_width: u16) -> Areas {
    let [main, filter, status, hints] = Layout::vertical([
        Constraint::Min(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(screen);
    let mut areas = Areas {
        filter,
        status,
        hints,
        ..Areas::default()
    };
    if screen.width >= WIDE {
        // With the reader open, the sidebar steps aside unless there is room for all three.
        let sidebar = !reader_open || screen.width >= ROOMY || focus == Pane::Sidebar;
        let rest = if sidebar {
            let [side, rest] =
                Layout::horizontal([Constraint::Length(sidebar_width), Constraint::Min(1)])
                    .areas(main);
            areas.sidebar = Some(side);
            rest
        } else {
            main
        };
        if reader_open {
            let [list, reader] =
                Layout::horizontal([Constraint::Percentage(42), Constraint::Percentage(58)])
                    .areas(rest);
            areas.list = Some(list);
            areas.reader = Some(reader);
        } else {
            areas.list = Some(rest);
        }
    } else {
        match focus {
            Pane::Sidebar => areas.sidebar = Some(main),
            Pane::Reader if reader_open => areas.reader = Some(main),
            _ => areas.list = Some(main),
        }
    }
    areas
}

/// Most rows of the timeline chart above the list (borders included).
const TIMELINE_ROWS: u16 = 6;

/// Rows the list keeps before the chart takes any.
const LIST_ROWS_FIRST: u16 = 12;

/// Splits the list area into the timeline chart and the list, when there is room. The chart
/// grows with the height (3 to 6 rows, one more for every 4 the list can spare): on a classic
/// 80×24 terminal it is one row of bars, and the list keeps its 17.
pub fn split_timeline(list: Rect) -> (Option<Rect>, Rect) {
    let spare = list.height.saturating_sub(LIST_ROWS_FIRST);
    if spare < 3 {
        return (None, list);
    }
    let rows = (3 + spare.saturating_sub(9) / 4).min(TIMELINE_ROWS);
    let [chart, rest] =
        Layout::vertical([Constraint::Length(rows), Constraint::Min(1)]).areas(list);
    (Some(chart), rest)
}

/// Text columns inside the reader pane (borders and a margin off).
pub fn reader_text_width(screen: Rect, sidebar_width: u16) -> usize {
    let reader = areas(screen, Pane::Reader, true, sidebar_width)
        .reader
        .unwrap_or(screen);
    usize::from(reader.width.saturating_sub(4)).max(10)
}

/// Rows of the list pane's content area.
pub fn list_rows(screen: Rect) -> usize {
    // The sidebar's width does not change the list's height.
    let list = areas(screen, Pane::List, false, 0).list.unwrap_or(screen);
    usize::from(list.height.saturating_sub(2)).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_timeline_grows_with_the_height_and_leaves_the_list_its_rows() {
        let chart_rows = |height| {
            split_timeline(Rect::new(0, 0, 80, height))
                .0
                .map(|r| r.height)
        };
        // 80×24: the list area is 21 rows; one row of bars.
        assert_eq!(chart_rows(21), Some(3));
        assert_eq!(chart_rows(14), None);
        assert_eq!(chart_rows(15), Some(3));
        assert_eq!(chart_rows(27), Some(4));
        assert_eq!(chart_rows(33), Some(6));
        assert_eq!(chart_rows(60), Some(6));
        for height in 0..80 {
            let (chart, list) = split_timeline(Rect::new(0, 0, 80, height));
            let taken = chart.map_or(0, |c| c.height);
            assert!(list.height >= height.min(LIST_ROWS_FIRST), "{height}");
            assert_eq!(taken + list.height, height);
        }
    }
}
