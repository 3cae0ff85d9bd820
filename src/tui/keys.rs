//! Key events → messages, from one table that the help overlay is generated from too. Pure.

use crate::tui::line_input::Edit;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::msg::PromptKind;
use super::msg::{CatalogueMsg, ListMsg, Move, Msg, PromptMsg, QuickRange, ReaderMsg, RefreshMsg};
use crate::i18n::Lang;
use crate::model::reason::{KeyProblem, SettingWarning};

/// A key as written in the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Char(char),
    Ctrl(char),
    Code(KeyCode),
}

/// One row of the key table: the action's name (for `[keys]` in the config), its default
/// keys, the help text in English and German, and the message it sends.
pub struct Binding {
    pub action: &'static str,
    pub keys: &'static [Key],
    pub help: [&'static str; 2],
    pub msg: Msg,
}

use Key::{Char, Code, Ctrl};

/// The default normal-mode key table.
pub const BINDINGS: &[Binding] = &[
    Binding {
        action: "down",
        keys: &[Char('j'), Code(KeyCode::Down)],
        help: ["move down / scroll", "nach unten / blättern"],
        msg: Msg::Move(Move::Down),
    },
    Binding {
        action: "up",
        keys: &[Char('k'), Code(KeyCode::Up)],
        help: ["move up / scroll", "nach oben / blättern"],
        msg: Msg::Move(Move::Up),
    },
    Binding {
        action: "page_down",
        keys: &[Char(' '), Code(KeyCode::PageDown)],
        help: ["page down", "Seite vor"],
        msg: Msg::Move(Move::PageDown),
    },
    Binding {
        action: "page_up",
        keys: &[Code(KeyCode::PageUp), Char('b')],
        help: ["page up", "Seite zurück"],
        msg: Msg::Move(Move::PageUp),
    },
    Binding {
        action: "top",
        keys: &[Char('g'), Code(KeyCode::Home)],
        help: ["to the top", "zum Anfang"],
        msg: Msg::Move(Move::Top),
    },
    Binding {
        action: "bottom",
        keys: &[Char('G'), Code(KeyCode::End)],
        help: ["to the end", "zum Ende"],
        msg: Msg::Move(Move::Bottom),
    },
    Binding {
        action: "open",
        keys: &[Code(KeyCode::Enter)],
        help: ["open article / choose entry", "Artikel öffnen / wählen"],
        msg: Msg::Activate,
    },
    Binding {
        action: "back",
        keys: &[Code(KeyCode::Esc)],
        help: [
            "back / close / clear filter",
            "zurück / schließen / Filter leeren",
        ],
        msg: Msg::Back,
    },
    Binding {
        action: "next_pane",
        keys: &[Code(KeyCode::Tab)],
        help: ["next pane", "nächster Bereich"],
        msg: Msg::FocusNext,
    },
    Binding {
        action: "previous_pane",
        keys: &[Code(KeyCode::BackTab)],
        help: ["previous pane", "voriger Bereich"],
        msg: Msg::FocusPrev,
    },
    Binding {
        action: "pane_left",
        keys: &[Char('h'), Code(KeyCode::Left)],
        help: ["pane to the left", "Bereich links"],
        msg: Msg::FocusLeft,
    },
    Binding {
        action: "pane_right",
        keys: &[Char('l'), Code(KeyCode::Right)],
        help: ["pane to the right", "Bereich rechts"],
        msg: Msg::FocusRight,
    },
    Binding {
        action: "next_unread",
        keys: &[Char('n')],
        help: ["next unread article", "nächster ungelesener Artikel"],
        msg: Msg::NextUnread,
    },
    Binding {
        action: "next_article",
        keys: &[Char('J')],
        help: ["next article", "nächster Artikel"],
        msg: Msg::NextArticle,
    },
    Binding {
        action: "previous_article",
        keys: &[Char('p'), Char('K')],
        help: ["previous article", "voriger Artikel"],
        msg: Msg::PrevArticle,
    },
    Binding {
        action: "browser",
        keys: &[Char('o')],
        help: ["open article in browser", "im Browser öffnen"],
        msg: Msg::OpenArticleLink,
    },
    Binding {
        action: "copy_citation",
        keys: &[Char('y')],
        help: ["copy the citation", "Zitat kopieren"],
        msg: Msg::CopyCitation,
    },
    Binding {
        action: "copy_link",
        keys: &[Char('Y')],
        help: ["copy the link", "Link kopieren"],
        msg: Msg::CopyLink,
    },
    Binding {
        action: "link",
        keys: &[Char('f')],
        help: ["open link N (or N Enter)", "Link N öffnen (N Enter)"],
        msg: Msg::StartLinkNumber,
    },
    Binding {
        action: "full_text",
        keys: &[Char('F')],
        help: ["fetch the full text now", "vollen Text jetzt laden"],
        msg: Msg::Reader(ReaderMsg::FetchFullText),
    },
    Binding {
        action: "changes",
        keys: &[Char('v')],
        help: ["changes (again: older ones)", "Änderungen (erneut: ältere)"],
        msg: Msg::Reader(ReaderMsg::ShowChanges),
    },
    Binding {
        action: "all_changes",
        keys: &[Char('V')],
        help: ["changes since the first", "Änderungen seit der ersten"],
        msg: Msg::Reader(ReaderMsg::ShowAllChanges),
    },
    Binding {
        action: "toggle_read",
        keys: &[Char('m')],
        help: ["toggle read", "gelesen umschalten"],
        msg: Msg::List(ListMsg::ToggleRead),
    },
    Binding {
        action: "toggle_star",
        keys: &[Char('s')],
        help: ["toggle star", "Stern umschalten"],
        msg: Msg::List(ListMsg::ToggleStar),
    },
    Binding {
        action: "mark_all_read",
        keys: &[Char('M')],
        help: ["mark the list read", "Liste als gelesen markieren"],
        msg: Msg::List(ListMsg::MarkAllRead),
    },
    Binding {
        action: "filter",
        keys: &[Char('/')],
        help: ["filter: a OR b -c since:2w", "Filter: a ODER b -c seit:2w"],
        msg: Msg::StartFilter,
    },
    Binding {
        action: "today",
        keys: &[Char('t')],
        help: ["only today", "nur heute"],
        msg: Msg::List(ListMsg::QuickRange(QuickRange::Today)),
    },
    Binding {
        action: "week",
        keys: &[Char('w')],
        help: ["last 7 days", "letzte 7 Tage"],
        msg: Msg::List(ListMsg::QuickRange(QuickRange::Week)),
    },
    Binding {
        action: "month",
        keys: &[Char('c')],
        help: ["last 30 days", "letzte 30 Tage"],
        msg: Msg::List(ListMsg::QuickRange(QuickRange::Month)),
    },
    Binding {
        action: "all_dates",
        keys: &[Char('A')],
        help: ["all dates", "alle Daten"],
        msg: Msg::List(ListMsg::QuickRange(QuickRange::All)),
    },
    Binding {
        action: "bar_previous",
        keys: &[Char('[')],
        help: ["timeline: previous bar", "Zeitleiste: voriger Balken"],
        msg: Msg::List(ListMsg::TimelineStep(-1)),
    },
    Binding {
        action: "bar_next",
        keys: &[Char(']')],
        help: ["timeline: next bar", "Zeitleiste: nächster Balken"],
        msg: Msg::List(ListMsg::TimelineStep(1)),
    },
    Binding {
        action: "zoom_in",
        keys: &[Char('z')],
        help: ["zoom into the selected bar", "in den Balken zoomen"],
        msg: Msg::List(ListMsg::ZoomIn),
    },
    Binding {
        action: "zoom_out",
        keys: &[Char('Z')],
        help: ["zoom back out", "wieder herauszoomen"],
        msg: Msg::List(ListMsg::ZoomOut),
    },
    Binding {
        action: "save_filter",
        keys: &[Char('S')],
        help: [
            "save the filter (Ctrl-S in /)",
            "Filter speichern (Strg-S in /)",
        ],
        msg: Msg::Prompt(PromptMsg::Start(PromptKind::SaveFilter)),
    },
    Binding {
        action: "add_feed",
        keys: &[Char('a')],
        help: ["add a feed by URL", "Feed per URL hinzufügen"],
        msg: Msg::Prompt(PromptMsg::Start(PromptKind::AddFeed)),
    },
    Binding {
        action: "catalogue",
        keys: &[Char('C')],
        help: ["federal source catalogue", "Katalog der Bundesquellen"],
        msg: Msg::Catalogue(CatalogueMsg::Open),
    },
    Binding {
        action: "refresh",
        keys: &[Char('r')],
        help: ["refresh selected feed", "gewählten Feed aktualisieren"],
        msg: Msg::Refresh(RefreshMsg::Selected),
    },
    Binding {
        action: "refresh_all",
        keys: &[Char('R')],
        help: ["refresh all feeds", "alle Feeds aktualisieren"],
        msg: Msg::Refresh(RefreshMsg::All),
    },
    Binding {
        action: "processes",
        keys: &[Char('P')],
        help: ["processes in parliament", "Vorgänge im Parlament"],
        msg: Msg::ToggleProcesses,
    },
    Binding {
        action: "log",
        keys: &[Char('L')],
        help: ["log (refresh and config)", "Protokoll"],
        msg: Msg::ToggleLog,
    },
    Binding {
        action: "help",
        keys: &[Char('?')],
        help: ["this help", "diese Hilfe"],
        msg: Msg::ToggleHelp,
    },
    Binding {
        action: "quit",
        keys: &[Char('q'), Ctrl('c')],
        help: ["quit", "beenden"],
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

/// The named keys a `[keys]` entry may use, with their help labels.
const NAMED: &[(&str, KeyCode, &str)] = &[
    ("enter", KeyCode::Enter, "Enter"),
    ("esc", KeyCode::Esc, "Esc"),
    ("tab", KeyCode::Tab, "Tab"),
    ("backtab", KeyCode::BackTab, "Shift-Tab"),
    ("shift-tab", KeyCode::BackTab, "Shift-Tab"),
    ("backspace", KeyCode::Backspace, "Backspace"),
    ("delete", KeyCode::Delete, "Del"),
    ("insert", KeyCode::Insert, "Ins"),
    ("up", KeyCode::Up, "↑"),
    ("down", KeyCode::Down, "↓"),
    ("left", KeyCode::Left, "←"),
    ("right", KeyCode::Right, "→"),
    ("pageup", KeyCode::PageUp, "PgUp"),
    ("pagedown", KeyCode::PageDown, "PgDn"),
    ("home", KeyCode::Home, "Home"),
    ("end", KeyCode::End, "End"),
];

/// Parses a key as written in `[keys]`: one character (`j`, `J`, `/`), `space`, a named key
/// (`enter`, `pagedown`, `f5`, …) or `ctrl-x`. Case matters for characters only.
pub fn parse_key(text: &str) -> Result<Key, KeyProblem> {
    let mut chars = text.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        if c.is_control() {
            return Err(KeyProblem::ControlCharacter);
        }
        return Ok(Char(c));
    }
    let lower = text.trim().to_ascii_lowercase();
    if lower == "space" {
        return Ok(Char(' '));
    }
    for prefix in ["ctrl-", "ctrl+", "c-"] {
        if let Some(rest) = lower.strip_prefix(prefix) {
            let mut rest_chars = rest.chars();
            return match (rest_chars.next(), rest_chars.next()) {
                (Some(c), None) if c.is_ascii_alphabetic() => Ok(Ctrl(c)),
                _ => Err(KeyProblem::CtrlTakesOneLetter {
                    text: text.to_owned(),
                }),
            };
        }
    }
    if let Some((_, code, _)) = NAMED.iter().find(|(name, _, _)| *name == lower) {
        return Ok(Code(*code));
    }
    if let Some(n) = lower.strip_prefix('f').and_then(|n| n.parse::<u8>().ok()) {
        if (1..=12).contains(&n) {
            return Ok(Code(KeyCode::F(n)));
        }
    }
    Err(KeyProblem::NotAKey {
        text: text.to_owned(),
    })
}

/// How a key is shown in the help and the hints.
pub fn key_label(key: Key) -> String {
    key_label_in(key, Lang::En)
}

/// A key as printed on keyboards of the UI language (German: Strg, Leertaste, Bild↓, …).
pub fn key_label_in(key: Key, lang: Lang) -> String {
    if lang.is_german() {
        let german = match key {
            Char(' ') => Some("Leertaste".to_owned()),
            Ctrl(c) => Some(format!("Strg-{}", c.to_ascii_uppercase())),
            Code(KeyCode::BackTab) => Some("Umschalt-Tab".to_owned()),
            Code(KeyCode::PageUp) => Some("Bild↑".to_owned()),
            Code(KeyCode::PageDown) => Some("Bild↓".to_owned()),
            Code(KeyCode::Home) => Some("Pos1".to_owned()),
            Code(KeyCode::End) => Some("Ende".to_owned()),
            Code(KeyCode::Delete) => Some("Entf".to_owned()),
            Code(KeyCode::Insert) => Some("Einfg".to_owned()),
            Code(KeyCode::Backspace) => Some("Rücktaste".to_owned()),
            _ => None,
        };
        if let Some(label) = german {
            return label;
        }
    }
    match key {
        Char(' ') => "Space".into(),
        Char(c) => c.to_string(),
        Ctrl(c) => format!("Ctrl-{}", c.to_ascii_uppercase()),
        Code(KeyCode::F(n)) => format!("F{n}"),
        Code(code) => NAMED
            .iter()
            .find(|(_, named, _)| *named == code)
            .map_or_else(|| format!("{code:?}"), |(_, _, label)| (*label).to_owned()),
    }
}

/// One action with its effective keys and its help text in the UI language.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub action: &'static str,
    pub keys: Vec<Key>,
    pub help: &'static str,
    pub msg: Msg,
}

impl Entry {
    /// The keys as shown in `lang`: `j/↓`, `Leertaste/Bild↓`.
    pub fn label(&self, lang: Lang) -> String {
        let labels: Vec<String> = self.keys.iter().map(|k| key_label_in(*k, lang)).collect();
        if labels.is_empty() {
            "—".into()
        } else {
            labels.join("/")
        }
    }
}

/// The effective key table: the defaults with the `[keys]` overrides applied.
#[derive(Debug, Clone, PartialEq)]
pub struct KeyMap {
    pub entries: Vec<Entry>,
    /// The language the help texts and key names are in.
    pub lang: Lang,
}

impl KeyMap {
    /// The defaults, with help texts in `lang`.
    pub fn defaults(lang: Lang) -> Self {
        let column = usize::from(lang.is_german());
        Self {
            lang,
            entries: BINDINGS
                .iter()
                .map(|b| Entry {
                    action: b.action,
                    keys: b.keys.to_vec(),
                    help: b.help[column],
                    msg: b.msg.clone(),
                })
                .collect(),
        }
    }

    /// The defaults with `[keys]` applied: `action = "x"` or `action = ["x", "ctrl-x"]`
    /// replaces that action's keys, and a key taken over this way leaves the action it had.
    /// Bad entries are returned as one-line warnings and ignored.
    pub fn with_overrides(lang: Lang, table: &toml::Table) -> (Self, Vec<SettingWarning>) {
        let mut map = Self::defaults(lang);
        let mut warnings = Vec::new();
        let mut claimed: Vec<(Key, &str)> = Vec::new();
        for (action, value) in table {
            let Some(index) = map.entries.iter().position(|e| e.action == action) else {
                warnings.push(SettingWarning::NoSuchAction {
                    action: action.clone(),
                });
                continue;
            };
            let texts: Vec<&str> = match value {
                toml::Value::String(one) => vec![one.as_str()],
                toml::Value::Array(many) => match many.iter().map(toml::Value::as_str).collect() {
                    Some(all) => all,
                    None => {
                        warnings.push(SettingWarning::NotAKeyOrList {
                            action: action.clone(),
                        });
                        continue;
                    }
                },
                _ => {
                    warnings.push(SettingWarning::NotAKeyOrList {
                        action: action.clone(),
                    });
                    continue;
                }
            };
            let mut keys = Vec::new();
            for text in texts {
                match parse_key(text) {
                    Ok(Ctrl('c')) => warnings.push(SettingWarning::CtrlCQuits {
                        action: action.clone(),
                    }),
                    Ok(key) => match claimed.iter().find(|(k, _)| *k == key) {
                        Some((_, other)) => warnings.push(SettingWarning::KeyTaken {
                            action: action.clone(),
                            key: key_label_in(key, lang),
                            other: (*other).to_owned(),
                        }),
                        None => keys.push(key),
                    },
                    Err(problem) => warnings.push(SettingWarning::BadKey {
                        action: action.clone(),
                        problem,
                    }),
                }
            }
            if keys.is_empty() {
                continue;
            }
            for key in &keys {
                claimed.push((*key, map.entries[index].action));
                for entry in &mut map.entries {
                    entry.keys.retain(|k| k != key);
                }
            }
            map.entries[index].keys = keys;
        }
        (map, warnings)
    }

    /// The message for a key in normal mode.
    pub fn msg_for(&self, event: &KeyEvent) -> Option<Msg> {
        self.entries
            .iter()
            .find(|e| e.keys.iter().any(|k| matches(*k, event)))
            .map(|e| e.msg.clone())
    }

    /// The first key of an action, for hints ("? help").
    pub fn first_key(&self, action: &str) -> Option<String> {
        self.entries
            .iter()
            .find(|e| e.action == action)
            .and_then(|e| e.keys.first())
            .map(|k| key_label_in(*k, self.lang))
    }
}

/// What the keyboard is talking to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Normal,
    Filter,
    Help,
    Log,
    /// The processes in parliament that recent articles refer to.
    Processes,
    /// Text that could not go to the clipboard, shown whole to be selected by hand.
    Copied,
    /// The source catalogue has the keyboard.
    Catalogue,
    LinkNumber,
    /// A one-line prompt (`App::prompt`) has the keyboard.
    Prompt,
}

/// The message for a key press: in `mode`, with the reader open or not, by `keymap`.
pub fn key_to_msg(mode: Mode, reader_open: bool, keymap: &KeyMap, event: KeyEvent) -> Option<Msg> {
    if event.kind == KeyEventKind::Release {
        return None;
    }
    if matches(Ctrl('c'), &event) {
        return Some(Msg::Quit);
    }
    match mode {
        Mode::Filter => filter_key(event),
        Mode::Prompt => prompt_key(event),
        // The processes can be more than a screen: they scroll.
        Mode::Processes => match event.code {
            KeyCode::Down | KeyCode::Char('j') => Some(Msg::Move(Move::Down)),
            KeyCode::Up | KeyCode::Char('k') => Some(Msg::Move(Move::Up)),
            KeyCode::PageDown | KeyCode::Char(' ') => Some(Msg::Move(Move::PageDown)),
            KeyCode::PageUp | KeyCode::Char('b') => Some(Msg::Move(Move::PageUp)),
            KeyCode::Esc | KeyCode::Char('q') | KeyCode::Char('P') | KeyCode::Enter => {
                Some(Msg::Back)
            }
            _ => None,
        },
        Mode::Help | Mode::Log | Mode::Copied => match event.code {
            KeyCode::Esc
            | KeyCode::Char('q')
            | KeyCode::Char('?')
            | KeyCode::Char('L')
            | KeyCode::Enter => Some(Msg::Back),
            _ => None,
        },
        Mode::Catalogue => match event.code {
            KeyCode::Down | KeyCode::Char('j') => Some(Msg::Catalogue(CatalogueMsg::Move(1))),
            KeyCode::Up | KeyCode::Char('k') => Some(Msg::Catalogue(CatalogueMsg::Move(-1))),
            KeyCode::PageDown | KeyCode::Char(' ') => Some(Msg::Catalogue(CatalogueMsg::Move(10))),
            KeyCode::PageUp | KeyCode::Char('b') => Some(Msg::Catalogue(CatalogueMsg::Move(-10))),
            KeyCode::Enter => Some(Msg::Catalogue(CatalogueMsg::Add)),
            KeyCode::Esc | KeyCode::Char('q') | KeyCode::Char('C') => Some(Msg::Back),
            _ => None,
        },
        Mode::LinkNumber => match event.code {
            KeyCode::Char(c) if c.is_ascii_digit() => Some(Msg::Digit(c as u8 - b'0')),
            KeyCode::Enter => Some(Msg::Activate),
            _ => Some(Msg::Back),
        },
        Mode::Normal => match event.code {
            // Digits start "number, then Enter" link opening while an article is open.
            KeyCode::Char(c) if c.is_ascii_digit() && reader_open => {
                Some(Msg::Digit(c as u8 - b'0'))
            }
            _ => keymap.msg_for(&event),
        },
    }
}

/// The editing keys of a one-line input, as in a shell (readline's defaults).
fn line_edit(event: &KeyEvent) -> Option<Edit> {
    let control = event.modifiers.contains(KeyModifiers::CONTROL);
    Some(match event.code {
        KeyCode::Left => Edit::Left,
        KeyCode::Right => Edit::Right,
        KeyCode::Home => Edit::Home,
        KeyCode::End => Edit::End,
        KeyCode::Delete => Edit::Delete,
        KeyCode::Char('a') if control => Edit::Home,
        KeyCode::Char('e') if control => Edit::End,
        KeyCode::Char('b') if control => Edit::Left,
        KeyCode::Char('f') if control => Edit::Right,
        KeyCode::Char('d') if control => Edit::Delete,
        KeyCode::Char('u') if control => Edit::KillToStart,
        KeyCode::Char('k') if control => Edit::KillToEnd,
        KeyCode::Char('w') if control => Edit::KillWord,
        KeyCode::Char('h') if control => Edit::Backspace,
        _ => return None,
    })
}

fn filter_key(event: KeyEvent) -> Option<Msg> {
    if let Some(edit) = line_edit(&event) {
        return Some(Msg::List(ListMsg::FilterEdit(edit)));
    }
    match event.code {
        KeyCode::Esc => Some(Msg::FilterCancel),
        KeyCode::Enter => Some(Msg::FilterSubmit),
        KeyCode::Backspace => Some(Msg::List(ListMsg::FilterBackspace)),
        KeyCode::Char('s') if event.modifiers.contains(KeyModifiers::CONTROL) => {
            Some(Msg::Prompt(PromptMsg::Start(PromptKind::SaveFilter)))
        }
        KeyCode::Char(c) if !event.modifiers.contains(KeyModifiers::CONTROL) => {
            Some(Msg::List(ListMsg::FilterChar(c)))
        }
        _ => None,
    }
}

fn prompt_key(event: KeyEvent) -> Option<Msg> {
    if let Some(edit) = line_edit(&event) {
        return Some(Msg::Prompt(PromptMsg::Edit(edit)));
    }
    match event.code {
        KeyCode::Esc => Some(Msg::Prompt(PromptMsg::Cancel)),
        KeyCode::Enter => Some(Msg::Prompt(PromptMsg::Submit)),
        KeyCode::Backspace => Some(Msg::Prompt(PromptMsg::Backspace)),
        KeyCode::Char(c) if !event.modifiers.contains(KeyModifiers::CONTROL) => {
            Some(Msg::Prompt(PromptMsg::Char(c)))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(text: &str) -> toml::Table {
        text.parse().expect("toml")
    }

    #[test]
    fn keys_parse_and_label() {
        assert_eq!(parse_key("j"), Ok(Char('j')));
        assert_eq!(parse_key("Ö"), Ok(Char('Ö')));
        assert_eq!(parse_key("space"), Ok(Char(' ')));
        assert_eq!(parse_key("Ctrl-R"), Ok(Ctrl('r')));
        assert_eq!(parse_key("pagedown"), Ok(Code(KeyCode::PageDown)));
        assert_eq!(parse_key("F5"), Ok(Code(KeyCode::F(5))));
        assert!(parse_key("\u{1b}").is_err(), "escape cannot be bound");
        assert!(parse_key("hyper-x").is_err());
        assert!(parse_key("ctrl-12").is_err());
        assert_eq!(key_label(Ctrl('r')), "Ctrl-R");
        assert_eq!(key_label(Code(KeyCode::Down)), "↓");
    }

    #[test]
    fn overrides_replace_keys_and_take_them_from_other_actions() {
        let (map, warnings) = KeyMap::with_overrides(
            Lang::En,
            &table("quit = [\"x\", \"ctrl-q\"]\ndown = \"q\"\n"),
        );
        let warnings: Vec<String> = warnings
            .iter()
            .map(|w| crate::i18n::Lang::En.setting_warning(w))
            .collect();
        assert!(warnings.is_empty(), "{warnings:?}");
        let quit = map
            .entries
            .iter()
            .find(|e| e.action == "quit")
            .expect("quit");
        assert_eq!(quit.keys, [Char('x'), Ctrl('q')]);
        assert_eq!(quit.label(Lang::En), "x/Ctrl-Q");
        assert_eq!(quit.label(Lang::De), "x/Strg-Q");
        assert_eq!(key_label_in(Char(' '), Lang::De), "Leertaste");
        assert_eq!(key_label_in(Code(KeyCode::PageDown), Lang::Neutral), "PgDn");
        let down = map
            .entries
            .iter()
            .find(|e| e.action == "down")
            .expect("down");
        assert_eq!(down.keys, [Char('q')]);
        let q = KeyEvent::new(KeyCode::Char('q'), KeyModifiers::NONE);
        assert_eq!(map.msg_for(&q), Some(Msg::Move(Move::Down)));
    }

    #[test]
    fn bad_entries_are_reported_and_ignored() {
        let (map, warnings) = KeyMap::with_overrides(
            Lang::De,
            &table("fly = \"y\"\nquit = \"hyper-q\"\nhelp = 3\nrefresh = \"ctrl-c\"\ntop = [\"x\"]\nbottom = \"x\"\n"),
        );
        let warnings: Vec<String> = warnings
            .iter()
            .map(|w| crate::i18n::Lang::En.setting_warning(w))
            .collect();
        assert_eq!(warnings.len(), 5, "{warnings:?}");
        assert!(
            warnings.iter().any(|w| w.contains("fly: no such action")),
            "{warnings:?}"
        );
        assert!(
            warnings
                .iter()
                .any(|w| w.contains("'x' is already given to")),
            "{warnings:?}"
        );
        assert!(
            warnings
                .iter()
                .any(|w| w.contains("'hyper-q' is not a key")),
            "{warnings:?}"
        );
        assert!(
            warnings.iter().any(|w| w.contains("ctrl-c always quits")),
            "{warnings:?}"
        );
        // The ignored entries leave the defaults in place.
        assert_eq!(map.first_key("quit").as_deref(), Some("q"));
        assert_eq!(map.first_key("help").as_deref(), Some("?"));
        let help = map
            .entries
            .iter()
            .find(|e| e.action == "help")
            .expect("help");
        assert_eq!(help.help, "diese Hilfe");
    }

    #[test]
    fn default_keys_are_unique() {
        let map = KeyMap::defaults(Lang::En);
        let mut seen: Vec<Key> = Vec::new();
        for entry in &map.entries {
            for key in &entry.keys {
                assert!(!seen.contains(key), "{key:?} is bound twice");
                seen.push(*key);
            }
        }
    }

    #[test]
    fn editing_keys_in_the_filter_bar_and_prompts() {
        let ctrl = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL);
        let plain = |code| KeyEvent::new(code, KeyModifiers::NONE);
        for (event, edit) in [
            (ctrl('u'), Edit::KillToStart),
            (ctrl('w'), Edit::KillWord),
            (ctrl('a'), Edit::Home),
            (ctrl('e'), Edit::End),
            (plain(KeyCode::Home), Edit::Home),
            (plain(KeyCode::End), Edit::End),
            (plain(KeyCode::Left), Edit::Left),
            (plain(KeyCode::Right), Edit::Right),
        ] {
            assert_eq!(
                filter_key(event),
                Some(Msg::List(ListMsg::FilterEdit(edit))),
                "{event:?}"
            );
            assert_eq!(
                prompt_key(event),
                Some(Msg::Prompt(PromptMsg::Edit(edit))),
                "{event:?}"
            );
        }
        assert_eq!(
            filter_key(plain(KeyCode::Char('a'))),
            Some(Msg::List(ListMsg::FilterChar('a')))
        );
    }
}
