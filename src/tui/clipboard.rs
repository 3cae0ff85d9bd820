//! Copying to the terminal's clipboard with OSC 52: amtsfeed writes the sequence itself, with
//! the text base64-encoded, so nothing in it can end the sequence or reach the terminal raw.

use base64::Engine as _;

use super::terminal;
use crate::config::Clipboard;

/// Whether to write OSC 52: `on`/`off` as configured; `auto` only in terminals known to
/// accept it from programs (xterm asks for `allowWindowOps`, tmux for `set-clipboard on`,
/// so neither is assumed).
pub fn enabled(setting: Clipboard, var: impl Fn(&str) -> Option<String>) -> bool {
    match setting {
        Clipboard::On => true,
        Clipboard::Off => false,
        Clipboard::Auto => {
            !terminal::multiplexed_or_dumb(&var)
                && terminal::is_one_of(
                    &var,
                    &terminal::Known {
                        vars: &["WT_SESSION", "KITTY_WINDOW_ID"],
                        programs: &["iTerm.app", "WezTerm", "ghostty", "rio", "contour"],
                        terms: &["xterm-kitty", "alacritty", "foot", "xterm-ghostty"],
                    },
                )
        }
    }
}

/// The OSC 52 sequence that puts `text` on the clipboard.
pub fn osc52(text: &str) -> String {
    let encoded = base64::engine::general_purpose::STANDARD.encode(text.as_bytes());
    format!("\x1b]52;c;{encoded}\x07")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sequence_carries_the_text_encoded() {
        assert_eq!(osc52("Straße"), "\x1b]52;c;U3RyYcOfZQ==\x07");
        // Whatever the text holds, the payload is base64 alone.
        let hostile = osc52("a\x07b\x1b]52;c;evil\x1b\\");
        let payload = &hostile["\x1b]52;c;".len()..hostile.len() - 1];
        assert!(payload
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"+/=".contains(&b)));
    }

    #[test]
    fn auto_means_known_terminals_outside_multiplexers() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                pairs
                    .iter()
                    .find(|(n, _)| *n == name)
                    .map(|(_, v)| (*v).to_owned())
            }
        };
        assert!(enabled(Clipboard::Auto, env(&[("TERM", "xterm-kitty")])));
        assert!(enabled(
            Clipboard::Auto,
            env(&[("TERM_PROGRAM", "WezTerm")])
        ));
        assert!(!enabled(
            Clipboard::Auto,
            env(&[("TERM", "xterm-256color")])
        ));
        assert!(!enabled(
            Clipboard::Auto,
            env(&[("TERM", "alacritty"), ("TMUX", "/tmp/tmux-0/default,1,0")])
        ));
        assert!(enabled(Clipboard::On, env(&[("TERM", "dumb")])));
        assert!(!enabled(Clipboard::Off, env(&[("TERM", "xterm-kitty")])));
    }
}
