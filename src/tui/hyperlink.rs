//! OSC 8 terminal hyperlinks for the URLs the reader shows. amtsfeed writes these sequences
//! itself, around URLs it has parsed and checked; nothing from a feed is passed through (all
//! feed text is sanitized before it reaches the buffer).

use std::num::NonZeroU16;

use ratatui::buffer::{Buffer, CellDiffOption};
use ratatui::layout::Rect;

use super::terminal;
use crate::config::Hyperlinks;

/// Whether to write hyperlinks: `on`/`off` as configured; `auto` only in terminals known to
/// support OSC 8 (and not inside tmux or screen, which may drop or garble them).
pub fn enabled(setting: Hyperlinks, var: impl Fn(&str) -> Option<String>) -> bool {
    match setting {
        Hyperlinks::On => true,
        Hyperlinks::Off => false,
        Hyperlinks::Auto => {
            let vte = var("VTE_VERSION")
                .and_then(|v| v.parse::<u32>().ok())
                .is_some_and(|v| v >= 5000);
            !terminal::multiplexed_or_dumb(&var)
                && (vte
                    || terminal::is_one_of(
                        &var,
                        &terminal::Known {
                            vars: &["WT_SESSION", "KONSOLE_VERSION", "KITTY_WINDOW_ID"],
                            programs: &[
                                "iTerm.app",
                                "WezTerm",
                                "vscode",
                                "ghostty",
                                "Hyper",
                                "rio",
                            ],
                            terms: &["xterm-kitty", "alacritty", "foot", "xterm-ghostty"],
                        },
                    ))
        }
    }
}

/// The URL as it may go into an OSC 8 sequence: an absolute http(s) URL, re-serialized by the
/// `url` crate (which percent-encodes controls and spaces), and nothing that could end the
/// sequence early.
pub fn safe_target(link: &str) -> Option<String> {
    let text = crate::text::http_url(link)?.to_string();
    (text.len() <= 2000 && text.bytes().all(|b| (0x21..0x7f).contains(&b))).then_some(text)
}

/// Turns the cells of `row` into a hyperlink to `target`, keeping their text and style.
///
/// Each cell's character is wrapped in the OSC 8 start and end sequences; ratatui would take
/// the sequence's length for the cell's width, so the width is forced to one column. Cells
/// that do not hold one ASCII character (wide characters, blanks after the text) stay plain.
pub fn link_row(buf: &mut Buffer, row: Rect, target: &str) {
    let y = row.y;
    let end = row.right().min(buf.area.right());
    let mut last = row.x;
    for x in row.x..end {
        if buf[(x, y)].symbol() != " " {
            last = x + 1;
        }
    }
    for x in row.x..last {
        let cell = &mut buf[(x, y)];
        let symbol = cell.symbol();
        if symbol.len() != 1 || !symbol.is_ascii() {
            continue;
        }
        let linked = format!("\x1b]8;;{target}\x1b\\{symbol}\x1b]8;;\x1b\\");
        cell.set_symbol(&linked);
        cell.set_diff_option(CellDiffOption::ForcedWidth(ONE));
    }
}

const ONE: NonZeroU16 = NonZeroU16::MIN;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::test_env as vars;

    #[test]
    fn auto_only_in_known_terminals_and_never_in_tmux() {
        assert!(enabled(Hyperlinks::Auto, vars(&[("TERM", "xterm-kitty")])));
        assert!(enabled(
            Hyperlinks::Auto,
            vars(&[("VTE_VERSION", "7200"), ("TERM", "xterm-256color")])
        ));
        assert!(!enabled(
            Hyperlinks::Auto,
            vars(&[("TERM", "xterm-256color")])
        ));
        assert!(!enabled(
            Hyperlinks::Auto,
            vars(&[("TERM", "xterm-kitty"), ("TMUX", "/tmp/tmux-0/default,1,0")])
        ));
        assert!(enabled(Hyperlinks::On, vars(&[("TMUX", "x")])));
        assert!(!enabled(Hyperlinks::Off, vars(&[("TERM", "xterm-kitty")])));
    }

    #[test]
    fn only_clean_http_targets() {
        assert_eq!(
            safe_target("https://www.bmi.bund.de/a b.html").as_deref(),
            Some("https://www.bmi.bund.de/a%20b.html")
        );
        assert_eq!(safe_target("javascript:alert(1)"), None);
        assert_eq!(safe_target("file:///etc/passwd"), None);
        // The url crate encodes what could end the sequence.
        let odd = safe_target("https://example.org/\u{1b}]8;;evil\u{7}").expect("encoded");
        assert!(!odd.contains('\u{1b}') && !odd.contains('\u{7}'), "{odd}");
    }

    #[test]
    fn rows_become_links_cell_by_cell() {
        let area = Rect::new(0, 0, 12, 1);
        let mut buf = Buffer::empty(area);
        buf.set_string(0, 0, "[1] https:ü", ratatui::style::Style::new());
        link_row(&mut buf, area, "https://x.example/");
        assert_eq!(
            buf[(0, 0)].symbol(),
            "\x1b]8;;https://x.example/\x1b\\[\x1b]8;;\x1b\\"
        );
        assert_eq!(buf[(0, 0)].diff_option, CellDiffOption::ForcedWidth(ONE));
        assert_eq!(
            buf[(3, 0)].symbol(),
            "\x1b]8;;https://x.example/\x1b\\ \x1b]8;;\x1b\\",
            "inner blanks link too"
        );
        assert_eq!(buf[(10, 0)].symbol(), "ü", "non-ASCII stays plain");
        assert_eq!(buf[(11, 0)].symbol(), " ", "trailing blanks stay plain");
    }
}
