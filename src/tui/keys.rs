//! Key events → messages, from one table that the help overlay is generated from too. Pure.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::app::{App, Mode};
use super::msg::{Msg, QuickRange};

/// A key as written in the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Char(char),
    Ctrl(char),
    Code(KeyCode),
}

/// One row of the key table: keys, what they do, and the help text.
pub struct Binding {
    pub keys: &'static [Key],
    pub label: &'static str,
    pub help: &'static str,
    pub msg: Msg,
}

use Key::{Char, Code, Ctrl};

/// The normal-mode key table.
pub const BINDINGS: &[Binding] = &[
    Binding {
        keys: &[Char('j'), Code(KeyCode::Down)],
        label: "j/↓",
        help: "move down / scroll",
        msg: Msg::MoveDown,
    },
    Binding {
        keys: &[Char('k'), Code(KeyCode::Up)],
        label: "k/↑",
        help: "move up / scroll",
        msg: Msg::MoveUp,
    },
    Binding {
        keys: &[Char(' '), Code(KeyCode::PageDown)],
        label: "Space/PgDn",
        help: "page down",
        msg: Msg::PageDown,
    },
    Binding {
        keys: &[Code(KeyCode::PageUp), Char('b')],
        label: "PgUp/b",
        help: "page up",
        msg: Msg::PageUp,
    },
    Binding {
        keys: &[Char('g'), Code(KeyCode::Home)],
        label: "g/Home",
        help: "to the top",
        msg: Msg::Top,
    },
    Binding {
        keys: &[Char('G'), Code(KeyCode::End)],
        label: "G/End",
        help: "to the end",
        msg: Msg::Bottom,
    },
    Binding {
        keys: &[Code(KeyCode::Enter)],
        label: "Enter",
        help: "open article / choose entry",
        msg: Msg::Activate,
    },
    Binding {
        keys: &[Code(KeyCode::Esc)],
        label: "Esc",
        help: "back / close",
        msg: Msg::Back,
    },
    Binding {
        keys: &[Code(KeyCode::Tab)],
        label: "Tab",
        help: "next pane",
        msg: Msg::FocusNext,
    },
    Binding {
        keys: &[Code(KeyCode::BackTab)],
        label: "Shift-Tab",
        help: "previous pane",
        msg: Msg::FocusPrev,
    },
    Binding {
        keys: &[Char('h'), Code(KeyCode::Left)],
        label: "h/←",
        help: "pane to the left",
        msg: Msg::FocusLeft,
    },
    Binding {
        keys: &[Char('l'), Code(KeyCode::Right)],
        label: "l/→",
        help: "pane to the right",
        msg: Msg::FocusRight,
    },
    Binding {
        keys: &[Char('n')],
        label: "n",
        help: "next article",
        msg: Msg::NextArticle,
    },
    Binding {
        keys: &[Char('p')],
        label: "p",
        help: "previous article",
        msg: Msg::PrevArticle,
    },
    Binding {
        keys: &[Char('o')],
        label: "o",
        help: "open article in browser",
        msg: Msg::OpenArticleLink,
    },
    Binding {
        keys: &[Char('f')],
        label: "f N Enter",
        help: "open link N (or N Enter)",
        msg: Msg::StartLinkNumber,
    },
    Binding {
        keys: &[Char('F')],
        label: "F",
        help: "fetch the full text now",
        msg: Msg::FetchFullText,
    },
    Binding {
        keys: &[Char('m')],
        label: "m",
        help: "toggle read",
        msg: Msg::ToggleRead,
    },
    Binding {
        keys: &[Char('s')],
        label: "s",
        help: "toggle star",
        msg: Msg::ToggleStar,
    },
    Binding {
        keys: &[Char('M')],
        label: "M",
        help: "mark the list read",
        msg: Msg::MarkAllRead,
    },
    Binding {
        keys: &[Char('/')],
        label: "/",
        help: "filter: word since:2w feed:X",
        msg: Msg::StartFilter,
    },
    Binding {
        keys: &[Char('t')],
        label: "t",
        help: "only today",
        msg: Msg::QuickRange(QuickRange::Today),
    },
    Binding {
        keys: &[Char('w')],
        label: "w",
        help: "last 7 days",
        msg: Msg::QuickRange(QuickRange::Week),
    },
    Binding {
        keys: &[Char('c')],
        label: "c",
        help: "last 30 days",
        msg: Msg::QuickRange(QuickRange::Month),
    },
    Binding {
        keys: &[Char('a')],
        label: "a",
        help: "all dates",
        msg: Msg::QuickRange(QuickRange::All),
    },
    Binding {
        keys: &[Char('[')],
        label: "[",
        help: "timeline: previous bar",
        msg: Msg::TimelineStep(-1),
    },
    Binding {
        keys: &[Char(']')],
        label: "]",
        help: "timeline: next bar",
        msg: Msg::TimelineStep(1),
    },
    Binding {
        keys: &[Char('z')],
        label: "z",
        help: "zoom into the selected bar",
        msg: Msg::ZoomIn,
    },
    Binding {
        keys: &[Char('Z')],
        label: "Z",
        help: "zoom back out",
        msg: Msg::ZoomOut,
    },
    Binding {
        keys: &[Char('r')],
        label: "r",
        help: "refresh selected feed",
        msg: Msg::RefreshSelected,
    },
    Binding {
        keys: &[Char('R')],
        label: "R",
        help: "refresh all feeds",
        msg: Msg::RefreshAll,
    },
    Binding {
        keys: &[Char('L')],
        label: "L",
        help: "refresh log",
        msg: Msg::ToggleLog,
    },
    Binding {
        keys: &[Char('?')],
        label: "?",
        help: "this help",
        msg: Msg::ToggleHelp,
    },
    Binding {
        keys: &[Char('q'), Ctrl('c')],
        label: "q/Ctrl-C",
        help: "quit",
        msg: Msg::Quit,
    },
];

fn matches(key: Key, event: &KeyEvent) -> bool {
    let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
    match (key, event.code) {
        (Ctrl(c), KeyCode::Char(e)) => ctrl && e.eq_ignore_ascii_case(&c),
        (Char(c), KeyCode::Char(e)) => !ctrl && c == e,
        (Code(code), e) => code == e,
        _ => false,
    }
}

/// The message for a key press in the app's current mode.
pub fn key_to_msg(app: &App, event: KeyEvent) -> Option<Msg> {
    if event.kind == KeyEventKind::Release {
        return None;
    }
    if matches(Ctrl('c'), &event) {
        return Some(Msg::Quit);
    }
    match app.mode {
        Mode::Filter => filter_key(event),
        Mode::Help | Mode::Log => match event.code {
            KeyCode::Esc
            | KeyCode::Char('q')
            | KeyCode::Char('?')
            | KeyCode::Char('L')
            | KeyCode::Enter => Some(Msg::Back),
            _ => None,
        },
        Mode::LinkNumber => match event.code {
            KeyCode::Char(c) if c.is_ascii_digit() => Some(Msg::Digit(c as u8 - b'0')),
            KeyCode::Enter => Some(Msg::Activate),
            _ => Some(Msg::Back),
        },
        Mode::Normal => match event.code {
            // Digits start "number, then Enter" link opening while an article is open.
            KeyCode::Char(c) if c.is_ascii_digit() && app.reader.is_some() => {
                Some(Msg::Digit(c as u8 - b'0'))
            }
            _ => BINDINGS
                .iter()
                .find(|b| b.keys.iter().any(|k| matches(*k, &event)))
                .map(|b| b.msg.clone()),
        },
    }
}

fn filter_key(event: KeyEvent) -> Option<Msg> {
    match event.code {
        KeyCode::Esc => Some(Msg::FilterCancel),
        KeyCode::Enter => Some(Msg::FilterSubmit),
        KeyCode::Backspace => Some(Msg::FilterBackspace),
        KeyCode::Char(c) if !event.modifiers.contains(KeyModifiers::CONTROL) => {
            Some(Msg::FilterChar(c))
        }
        _ => None,
    }
}
