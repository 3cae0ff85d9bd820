//! Colours and styles in one place; plain (no colour) when `NO_COLOR` is set.

use ratatui::style::{Color, Modifier, Style};

/// The styles the views use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub border: Style,
    pub border_focus: Style,
    pub selected: Style,
    pub unread: Style,
    pub read: Style,
    pub star: Style,
    pub date: Style,
    pub feed: Style,
    pub title: Style,
    pub meta: Style,
    pub error: Style,
    pub hint: Style,
    pub status: Style,
    /// Words the current filter matched.
    pub highlight: Style,
}

impl Theme {
    /// The colour theme, or the plain one when `no_color` (from `NO_COLOR`).
    pub fn new(no_color: bool) -> Self {
        if no_color {
            return Self::plain();
        }
        Self {
            border: Style::new().fg(Color::DarkGray),
            border_focus: Style::new().fg(Color::Cyan),
            selected: Style::new().bg(Color::Blue).fg(Color::White),
            unread: Style::new().add_modifier(Modifier::BOLD),
            read: Style::new().fg(Color::Gray),
            star: Style::new().fg(Color::Yellow),
            date: Style::new().fg(Color::Cyan),
            feed: Style::new().fg(Color::Green),
            title: Style::new().add_modifier(Modifier::BOLD).fg(Color::White),
            meta: Style::new().fg(Color::Gray),
            error: Style::new().fg(Color::Red),
            hint: Style::new().fg(Color::DarkGray),
            status: Style::new().bg(Color::DarkGray).fg(Color::White),
            highlight: Style::new().fg(Color::Black).bg(Color::Yellow),
        }
    }

    /// No colours: only bold and reverse, for `NO_COLOR` and monochrome terminals.
    pub fn plain() -> Self {
        let none = Style::new();
        Self {
            border: none,
            border_focus: Style::new().add_modifier(Modifier::BOLD),
            selected: Style::new().add_modifier(Modifier::REVERSED),
            unread: Style::new().add_modifier(Modifier::BOLD),
            read: none,
            star: none,
            date: none,
            feed: none,
            title: Style::new().add_modifier(Modifier::BOLD),
            meta: none,
            error: Style::new().add_modifier(Modifier::BOLD),
            hint: none,
            status: Style::new().add_modifier(Modifier::REVERSED),
            highlight: Style::new().add_modifier(Modifier::UNDERLINED | Modifier::BOLD),
        }
    }

    /// From the environment: `NO_COLOR` set to anything non-empty means no colour.
    pub fn from_env() -> Self {
        Self::new(std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()))
    }
}
