//! Colours and styles in one place. `[theme]` in the config picks a preset (`dark`, `light`)
//! and may restyle single elements (`selected = "white on #1f4e79 bold"`); colours are reduced
//! to what the terminal shows (truecolor, 256 or the 16 ANSI colours); `NO_COLOR` wins over
//! everything and leaves only bold, underline and reverse.

use std::str::FromStr;

use ratatui::style::{Color, Modifier, Style};

use crate::model::reason::{SettingWarning, StyleProblem};

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

/// How many colours the terminal shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColorDepth {
    Ansi16,
    Ansi256,
    TrueColor,
}

/// What the environment says about colour: `NO_COLOR`, `COLORTERM`, `TERM`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ColorEnv {
    pub no_color: bool,
    pub depth: ColorDepth,
}

impl ColorEnv {
    pub fn detect() -> Self {
        let var = |name: &str| std::env::var(name).unwrap_or_default();
        Self::from_vars(&var("NO_COLOR"), &var("COLORTERM"), &var("TERM"))
    }

    pub fn from_vars(no_color: &str, colorterm: &str, term: &str) -> Self {
        let depth = if matches!(colorterm, "truecolor" | "24bit") {
            ColorDepth::TrueColor
        } else if term.contains("256color") {
            ColorDepth::Ansi256
        } else {
            ColorDepth::Ansi16
        };
        Self {
            no_color: !no_color.is_empty(),
            depth,
        }
    }
}

/// The element names `[theme]` may restyle, in `Theme` order.
const ELEMENTS: [&str; 14] = [
    "border",
    "border_focus",
    "selected",
    "unread",
    "read",
    "star",
    "date",
    "feed",
    "title",
    "meta",
    "error",
    "hint",
    "status",
    "highlight",
];

impl Theme {
    /// The dark preset (the default).
    pub fn dark() -> Self {
        let rgb = |hex: u32| Color::from_u32(hex);
        Self {
            border: Style::new().fg(rgb(0x5f6b7a)),
            border_focus: Style::new().fg(rgb(0x4fb3d9)),
            selected: Style::new().bg(rgb(0x1f4e79)).fg(rgb(0xffffff)),
            unread: Style::new().add_modifier(Modifier::BOLD),
            read: Style::new().fg(rgb(0xa0a0a0)),
            star: Style::new().fg(rgb(0xe5c07b)),
            date: Style::new().fg(rgb(0x56b6c2)),
            feed: Style::new().fg(rgb(0x98c379)),
            title: Style::new().add_modifier(Modifier::BOLD).fg(rgb(0xffffff)),
            meta: Style::new().fg(rgb(0xa0a0a0)),
            error: Style::new().fg(rgb(0xe06c75)),
            hint: Style::new().fg(rgb(0x6c7680)),
            status: Style::new().bg(rgb(0x3a3f4b)).fg(rgb(0xffffff)),
            highlight: Style::new().fg(rgb(0x000000)).bg(rgb(0xe5c07b)),
        }
    }

    /// The light preset, for light terminal backgrounds.
    pub fn light() -> Self {
        let rgb = |hex: u32| Color::from_u32(hex);
        Self {
            border: Style::new().fg(rgb(0x9aa5b1)),
            border_focus: Style::new().fg(rgb(0x005f87)),
            selected: Style::new().bg(rgb(0x005f87)).fg(rgb(0xffffff)),
            unread: Style::new().add_modifier(Modifier::BOLD),
            read: Style::new().fg(rgb(0x5c5c5c)),
            star: Style::new().fg(rgb(0xb58900)),
            date: Style::new().fg(rgb(0x005f87)),
            feed: Style::new().fg(rgb(0x2e7d32)),
            title: Style::new().add_modifier(Modifier::BOLD).fg(rgb(0x000000)),
            meta: Style::new().fg(rgb(0x5c5c5c)),
            error: Style::new().fg(rgb(0xc62828)),
            hint: Style::new().fg(rgb(0x7a7a7a)),
            status: Style::new().bg(rgb(0xd0d7de)).fg(rgb(0x000000)),
            highlight: Style::new().fg(rgb(0x000000)).bg(rgb(0xffd54f)),
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

    /// The theme from `[theme]` and the environment; bad entries become one-line warnings
    /// and keep the preset's style.
    pub fn from_config(table: &toml::Table, env: &ColorEnv) -> (Self, Vec<SettingWarning>) {
        let mut warnings = Vec::new();
        let mut theme = match table.get("preset").map(|v| v.as_str()) {
            None | Some(Some("dark")) => Self::dark(),
            Some(Some("light")) => Self::light(),
            Some(other) => {
                warnings.push(SettingWarning::BadPreset {
                    value: other.map(str::to_owned),
                });
                Self::dark()
            }
        };
        let mut depth = env.depth;
        for (key, value) in table {
            if key == "preset" {
                continue;
            }
            if key == "colors" {
                match value.as_str() {
                    Some("auto") => {}
                    Some("16") => depth = ColorDepth::Ansi16,
                    Some("256") => depth = ColorDepth::Ansi256,
                    Some("truecolor") => depth = ColorDepth::TrueColor,
                    _ => warnings.push(SettingWarning::BadColors),
                }
                continue;
            }
            let Some(slot) = theme.slot(key) else {
                warnings.push(SettingWarning::NoSuchElement {
                    key: key.clone(),
                    elements: ELEMENTS.iter().map(|e| (*e).to_owned()).collect(),
                });
                continue;
            };
            match value.as_str().map(parse_style) {
                Some(Ok(style)) => *slot = style,
                Some(Err(problem)) => warnings.push(SettingWarning::BadStyle {
                    key: key.clone(),
                    problem,
                }),
                None => warnings.push(SettingWarning::NotAStyle { key: key.clone() }),
            }
        }
        if env.no_color {
            return (Self::plain(), warnings);
        }
        (theme.reduced(depth), warnings)
    }

    fn slot(&mut self, name: &str) -> Option<&mut Style> {
        Some(match name {
            "border" => &mut self.border,
            "border_focus" => &mut self.border_focus,
            "selected" => &mut self.selected,
            "unread" => &mut self.unread,
            "read" => &mut self.read,
            "star" => &mut self.star,
            "date" => &mut self.date,
            "feed" => &mut self.feed,
            "title" => &mut self.title,
            "meta" => &mut self.meta,
            "error" => &mut self.error,
            "hint" => &mut self.hint,
            "status" => &mut self.status,
            "highlight" => &mut self.highlight,
            _ => return None,
        })
    }

    /// Every colour reduced to what `depth` can show.
    pub fn reduced(mut self, depth: ColorDepth) -> Self {
        for name in ELEMENTS {
            if let Some(style) = self.slot(name) {
                style.fg = style.fg.map(|c| reduce(c, depth));
                style.bg = style.bg.map(|c| reduce(c, depth));
            }
        }
        self
    }
}

/// `fg [on bg] [bold|dim|italic|underlined|reversed]…`; colours as ratatui reads them
/// (`red`, `lightblue`, `#1f4e79`, `208`).
pub fn parse_style(text: &str) -> Result<Style, StyleProblem> {
    let mut style = Style::new();
    let mut words = text.split_whitespace().peekable();
    let color = |word: &str| {
        Color::from_str(word).map_err(|_| StyleProblem::NotAColour {
            word: word.to_owned(),
        })
    };
    while let Some(word) = words.next() {
        let lower = word.to_ascii_lowercase();
        let modifier = match lower.as_str() {
            "bold" => Some(Modifier::BOLD),
            "dim" => Some(Modifier::DIM),
            "italic" => Some(Modifier::ITALIC),
            "underlined" | "underline" => Some(Modifier::UNDERLINED),
            "reversed" | "reverse" => Some(Modifier::REVERSED),
            _ => None,
        };
        if let Some(m) = modifier {
            style = style.add_modifier(m);
        } else if lower == "on" {
            let bg = words.next().ok_or(StyleProblem::OnNeedsColour)?;
            style = style.bg(color(bg)?);
        } else {
            style = style.fg(color(word)?);
        }
    }
    Ok(style)
}

/// An RGB colour as the nearest one `depth` has; named and indexed colours stay.
pub fn reduce(color: Color, depth: ColorDepth) -> Color {
    let Color::Rgb(r, g, b) = color else {
        return color;
    };
    match depth {
        ColorDepth::TrueColor => color,
        ColorDepth::Ansi256 => Color::Indexed(xterm256(r, g, b)),
        ColorDepth::Ansi16 => ansi16(r, g, b),
    }
}

/// The ANSI colour of the same hue (greys by lightness), light or normal by lightness:
/// nearest-RGB matching would turn muted colours grey.
fn ansi16(r: u8, g: u8, b: u8) -> Color {
    let (rf, gf, bf) = (
        f32::from(r) / 255.0,
        f32::from(g) / 255.0,
        f32::from(b) / 255.0,
    );
    let max = rf.max(gf).max(bf);
    let min = rf.min(gf).min(bf);
    let lightness = (max + min) / 2.0;
    let delta = max - min;
    let saturation = if delta == 0.0 {
        0.0
    } else {
        delta / (1.0 - (2.0 * lightness - 1.0).abs())
    };
    if saturation < 0.2 || delta < 0.08 {
        return match lightness {
            l if l < 0.15 => Color::Black,
            l if l < 0.45 => Color::DarkGray,
            l if l < 0.8 => Color::Gray,
            _ => Color::White,
        };
    }
    let hue = if max == rf {
        60.0 * ((gf - bf) / delta).rem_euclid(6.0)
    } else if max == gf {
        60.0 * ((bf - rf) / delta + 2.0)
    } else {
        60.0 * ((rf - gf) / delta + 4.0)
    };
    let light = lightness > 0.6;
    // Hue ranges as people name colours (blue reaches further than a 60° split gives it).
    let sector = match hue {
        h if !(20.0..330.0).contains(&h) => 0,
        h if h < 70.0 => 1,
        h if h < 160.0 => 2,
        h if h < 200.0 => 3,
        h if h < 270.0 => 4,
        _ => 5,
    };
    match (sector, light) {
        (0, false) => Color::Red,
        (0, true) => Color::LightRed,
        (1, false) => Color::Yellow,
        (1, true) => Color::LightYellow,
        (2, false) => Color::Green,
        (2, true) => Color::LightGreen,
        (3, false) => Color::Cyan,
        (3, true) => Color::LightCyan,
        (4, false) => Color::Blue,
        (4, true) => Color::LightBlue,
        (_, false) => Color::Magenta,
        (_, true) => Color::LightMagenta,
    }
}

/// The nearest colour of xterm's 6×6×6 cube or its grey ramp.
fn xterm256(r: u8, g: u8, b: u8) -> u8 {
    let level = |v: u8| -> u8 {
        if v < 48 {
            0
        } else if v < 115 {
            1
        } else {
            (v - 35) / 40
        }
    };
    let (lr, lg, lb) = (level(r), level(g), level(b));
    let cube = 16 + 36 * lr + 6 * lg + lb;
    let value = |l: u8| if l == 0 { 0 } else { 55 + 40 * l };
    let cube_rgb = (value(lr), value(lg), value(lb));
    let average = (u16::from(r) + u16::from(g) + u16::from(b)) / 3;
    let grey_index = if average > 238 {
        23
    } else {
        average.saturating_sub(3) / 10
    };
    let grey_value = 8 + 10 * grey_index;
    let d = |a: u8, b: u16| (i32::from(a) - i32::from(b)).pow(2);
    let cube_distance = d(r, cube_rgb.0.into()) + d(g, cube_rgb.1.into()) + d(b, cube_rgb.2.into());
    let grey_distance = d(r, grey_value) + d(g, grey_value) + d(b, grey_value);
    if grey_distance < cube_distance {
        232 + u8::try_from(grey_index).unwrap_or(23)
    } else {
        cube
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(text: &str) -> toml::Table {
        text.parse().expect("toml")
    }

    const TRUE: ColorEnv = ColorEnv {
        no_color: false,
        depth: ColorDepth::TrueColor,
    };

    #[test]
    fn environment_decides_depth_and_no_color() {
        assert_eq!(
            ColorEnv::from_vars("", "truecolor", "xterm").depth,
            ColorDepth::TrueColor
        );
        assert_eq!(
            ColorEnv::from_vars("", "", "xterm-256color").depth,
            ColorDepth::Ansi256
        );
        assert_eq!(
            ColorEnv::from_vars("", "", "xterm").depth,
            ColorDepth::Ansi16
        );
        assert!(ColorEnv::from_vars("1", "truecolor", "xterm").no_color);
        let (theme, _) = Theme::from_config(
            &table("preset = \"light\""),
            &ColorEnv::from_vars("1", "truecolor", "xterm"),
        );
        assert_eq!(theme, Theme::plain());
    }

    #[test]
    fn presets_and_overrides() {
        let (dark, warnings) = Theme::from_config(&table(""), &TRUE);
        let warnings: Vec<String> = warnings
            .iter()
            .map(|w| crate::i18n::Lang::En.setting_warning(w))
            .collect();
        assert!(warnings.is_empty());
        assert_eq!(dark, Theme::dark());
        let (light, _) = Theme::from_config(&table("preset = \"light\""), &TRUE);
        assert_eq!(light, Theme::light());
        assert_ne!(dark.selected, light.selected);
        let (custom, warnings) = Theme::from_config(
            &table("selected = \"white on #1f4e79 bold\"\nerror = \"lightred\""),
            &TRUE,
        );
        let warnings: Vec<String> = warnings
            .iter()
            .map(|w| crate::i18n::Lang::En.setting_warning(w))
            .collect();
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(
            custom.selected,
            Style::new()
                .fg(Color::White)
                .bg(Color::Rgb(0x1f, 0x4e, 0x79))
                .add_modifier(Modifier::BOLD)
        );
        assert_eq!(custom.error, Style::new().fg(Color::LightRed));
    }

    #[test]
    fn sixteen_colours_only_use_the_ansi_names() {
        let (theme, _) = Theme::from_config(&table("colors = \"16\""), &TRUE);
        for name in ELEMENTS {
            let mut copy = theme;
            let style = *copy.slot(name).expect("element");
            for color in [style.fg, style.bg].into_iter().flatten() {
                assert!(
                    !matches!(color, Color::Rgb(..) | Color::Indexed(_)),
                    "{name}: {color:?}"
                );
            }
        }
        for (rgb, ansi) in [
            (0xe06c75, Color::LightRed),
            (0x98c379, Color::LightGreen),
            (0x2e7d32, Color::Green),
            (0x1f4e79, Color::Blue),
            (0x3a3f4b, Color::DarkGray),
            (0xffffff, Color::White),
        ] {
            assert_eq!(
                reduce(Color::from_u32(rgb), ColorDepth::Ansi16),
                ansi,
                "{rgb:06x}"
            );
        }
        assert_eq!(
            reduce(Color::Rgb(0, 0, 0), ColorDepth::Ansi256),
            Color::Indexed(16)
        );
        assert_eq!(
            reduce(Color::Rgb(255, 255, 255), ColorDepth::Ansi256),
            Color::Indexed(231)
        );
        assert_eq!(
            reduce(Color::Rgb(128, 128, 128), ColorDepth::Ansi256),
            Color::Indexed(244)
        );
    }

    #[test]
    fn bad_entries_are_reported_and_ignored() {
        let (theme, warnings) = Theme::from_config(
            &table("preset = \"neon\"\ncolors = 7\nborder = \"purpleish\"\nsparkle = \"red\"\ntitle = 3\ndate = \"red on\""),
            &TRUE,
        );
        let warnings: Vec<String> = warnings
            .iter()
            .map(|w| crate::i18n::Lang::En.setting_warning(w))
            .collect();
        assert_eq!(warnings.len(), 6, "{warnings:?}");
        assert!(warnings
            .iter()
            .any(|w| w.contains("'purpleish' is not a colour")));
        assert!(warnings
            .iter()
            .any(|w| w.contains("sparkle: no such element")));
        assert_eq!(theme, Theme::dark(), "everything bad keeps the preset");
    }
}
