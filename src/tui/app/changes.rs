//! What changed in the open article (`v`): the last edit as a word diff in place of the text,
//! then, at each `v`, the edit before it, until the article's own text is back; `V`: all
//! that changed from the first version to the current one.

use super::App;
use crate::diff::Segment;
use crate::i18n::{fill, Lang};
use crate::model::{ArticleId, Version, Zone};
use crate::text::sanitize;
use crate::tui::layout;
use crate::tui::msg::Cmd;
use unicode_width::UnicodeWidthStr;

/// How a run of the diff is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    Same,
    Removed,
    Added,
    /// A part's name ("Titel:").
    Label,
    /// The heading and the legend.
    Meta,
}

/// One line of the changes view: runs of text with how each is shown.
pub type MarkedLine = Vec<(Mark, String)>;

/// The versions of the open article and the two compared: `older` and `newer`, 0-based
/// indices into `versions`.
#[derive(Debug, Clone, PartialEq)]
pub struct ChangesView {
    pub versions: Vec<Version>,
    pub older: usize,
    pub newer: usize,
    pub lines: Vec<MarkedLine>,
}

impl ChangesView {
    /// Lays the comparison out at `width`.
    pub fn relayout(&mut self, width: usize, lang: Lang, zone: Zone) {
        self.lines = lines(&self.versions, self.older, self.newer, width, lang, zone);
    }
}

impl App {
    /// `v`: the versions are read first; then each `v` shows the edit before, and after the
    /// first one the article's text again.
    pub(super) fn show_changes(&mut self, all: bool) -> Vec<Cmd> {
        let Some(reader) = self.reader.as_mut() else {
            return vec![];
        };
        match reader.changes.as_mut() {
            None => {
                if reader.article.summary.changed_at.is_none() {
                    let id = reader.article.summary.id.0;
                    self.notify(fill(self.text().never_changed, &[("id", &id)]));
                    return vec![];
                }
                reader.want_all_changes = all;
                vec![Cmd::LoadVersions(reader.article.summary.id)]
            }
            // `V` on any comparison: the text again.
            Some(_) if all => {
                reader.changes = None;
                reader.scroll = 0;
                vec![]
            }
            Some(view) if view.older > 0 && view.newer == view.older + 1 => {
                view.newer -= 1;
                view.older -= 1;
                reader.scroll = 0;
                let width = layout::reader_text_width(self.screen, self.sidebar_width());
                let (lang, zone) = (self.lang, self.zone);
                if let Some(view) = self.reader.as_mut().and_then(|r| r.changes.as_mut()) {
                    view.relayout(width, lang, zone);
                }
                vec![]
            }
            Some(_) => {
                reader.changes = None;
                reader.scroll = 0;
                vec![]
            }
        }
    }

    /// The versions arrived: the last edit is shown, if the article is still open.
    pub(super) fn versions_loaded(&mut self, id: ArticleId, versions: Vec<Version>) -> Vec<Cmd> {
        let width = layout::reader_text_width(self.screen, self.sidebar_width());
        let (lang, zone) = (self.lang, self.zone);
        let Some(reader) = self.reader.as_mut().filter(|r| r.article.summary.id == id) else {
            return vec![];
        };
        if versions.len() < 2 {
            self.notify(fill(self.text().never_changed, &[("id", &id.0)]));
            return vec![];
        }
        let newer = versions.len() - 1;
        let older = if reader.want_all_changes {
            0
        } else {
            newer - 1
        };
        let mut view = ChangesView {
            versions,
            older,
            newer,
            lines: Vec::new(),
        };
        view.relayout(width, lang, zone);
        reader.changes = Some(view);
        reader.scroll = 0;
        vec![]
    }
}

/// The edit from version `newer - 1` to `newer` as lines of `width`: a heading, the legend,
/// then each part that changed.
fn lines(
    versions: &[Version],
    older: usize,
    newer: usize,
    width: usize,
    lang: Lang,
    zone: Zone,
) -> Vec<MarkedLine> {
    let t = lang.texts();
    let (old, new) = (&versions[older], &versions[newer]);
    let seen = |v: &Version| lang.date_time_in(v.seen_at, zone);
    let mut out: Vec<MarkedLine> = Vec::new();
    let heading = fill(
        t.diff_heading,
        &[
            ("a", &old.number),
            ("a_seen", &seen(old)),
            ("b", &new.number),
            ("b_seen", &seen(new)),
        ],
    );
    let more = if older > 0 && newer == older + 1 {
        t.changes_more
    } else {
        t.changes_last
    };
    let all: Vec<String> = versions
        .iter()
        .map(|v| format!("{} ({})", v.number, lang.date(zone.local(v.seen_at).date())))
        .collect();
    let list = format!(
        "{}: {} · {}",
        t.versions_label,
        all.join(", "),
        t.changes_all
    );
    for text in [heading, list, format!("{} · {more}", t.diff_legend)] {
        out.extend(wrap(&[(Mark::Meta, text)], width));
    }
    let [title, teaser, text, date, kind] = t.change_names;
    let day = |v: &Version| lang.date(zone.local(v.published).date());
    // Each part that differs between the two, whichever edits lay between them.
    let parts: [(&str, String, String); 4] = [
        (title, old.title.clone(), new.title.clone()),
        (teaser, old.summary.clone(), new.summary.clone()),
        (date, day(old), day(new)),
        (
            kind,
            old.kind.clone().unwrap_or_else(|| "-".into()),
            new.kind.clone().unwrap_or_else(|| "-".into()),
        ),
    ];
    for (name, a, b) in parts {
        if a != b {
            out.push(Vec::new());
            let mut runs = vec![(Mark::Label, format!("{name}: "))];
            runs.extend(marked(&crate::diff::words(&a, &b)));
            out.extend(wrap(&runs, width));
        }
    }
    match (&old.text, &new.text) {
        (Some(a), Some(b)) if a == b => {}
        (Some(a), Some(b)) => {
            out.push(Vec::new());
            out.push(vec![(Mark::Label, format!("{text}:"))]);
            out.extend(wrap(&marked(&crate::diff::words(a, b)), width));
        }
        _ => {
            out.push(Vec::new());
            out.push(vec![(Mark::Label, format!("{text}:"))]);
            out.extend(wrap(&[(Mark::Meta, t.text_unavailable.to_owned())], width));
        }
    }
    out
}

/// The diff's runs with their markers, `[-so-]` and `{+so+}`, so they read without colour.
fn marked(segments: &[Segment]) -> Vec<(Mark, String)> {
    segments
        .iter()
        .filter_map(|segment| {
            let run = match segment {
                Segment::Same(s) => (Mark::Same, sanitize(s).into_owned()),
                Segment::Removed(s) => (Mark::Removed, format!("[-{}-]", sanitize(s))),
                Segment::Added(s) => (Mark::Added, format!("{{+{}+}}", sanitize(s))),
            };
            (!run.1.is_empty()).then_some(run)
        })
        .collect()
}

/// Runs laid out in lines of at most `width` columns, broken only between words (a word
/// may span runs, as "[-1,5-]{+2,1+}" does; one longer than a line is cut); a line break in
/// the text starts a new line, a blank line stays one.
fn wrap(runs: &[(Mark, String)], width: usize) -> Vec<MarkedLine> {
    let width = width.max(10);
    let mut lines: Vec<MarkedLine> = vec![Vec::new()];
    let mut used = 0;
    // The word being gathered, and the space before it.
    let mut word: Vec<(Mark, String)> = Vec::new();
    let mut space: Option<(Mark, String)> = None;
    fn push(line: &mut MarkedLine, mark: Mark, piece: &str) {
        match line.last_mut() {
            Some((m, text)) if *m == mark => text.push_str(piece),
            _ => line.push((mark, piece.to_owned())),
        }
    }
    let flush = |lines: &mut Vec<MarkedLine>,
                 used: &mut usize,
                 word: &mut Vec<(Mark, String)>,
                 space: &mut Option<(Mark, String)>| {
        let word_width: usize = word.iter().map(|(_, s)| s.width()).sum();
        if word_width == 0 {
            return;
        }
        let space_width = space.as_ref().map_or(0, |(_, s)| s.width());
        if *used > 0 && *used + space_width + word_width > width {
            lines.push(Vec::new());
            *used = 0;
        }
        if *used > 0 {
            if let Some((mark, s)) = space.take() {
                push(lines.last_mut().expect("a line"), mark, &s);
                *used += space_width;
            }
        }
        for (mark, piece) in word.drain(..) {
            for c in piece.chars() {
                let w = c.to_string().width();
                if *used + w > width {
                    lines.push(Vec::new());
                    *used = 0;
                }
                push(lines.last_mut().expect("a line"), mark, &c.to_string());
                *used += w;
            }
        }
        *space = None;
    };
    for (mark, text) in runs {
        for token in crate::diff::tokens(text) {
            if !token.trim().is_empty() {
                word.push((*mark, token.to_owned()));
                continue;
            }
            flush(&mut lines, &mut used, &mut word, &mut space);
            if token.contains('\n') {
                // A paragraph break stays one: a blank line between paragraphs.
                for _ in 0..token.matches('\n').count().min(2) {
                    lines.push(Vec::new());
                }
                used = 0;
                space = None;
            } else {
                space = Some((*mark, token.to_owned()));
            }
        }
    }
    flush(&mut lines, &mut used, &mut word, &mut space);
    while lines.last().is_some_and(Vec::is_empty) {
        lines.pop();
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_of(line: &MarkedLine) -> String {
        line.iter().map(|(_, s)| s.as_str()).collect()
    }

    #[test]
    fn runs_wrap_between_words_keep_their_marks_and_fit() {
        let runs = vec![
            (Mark::Same, "Der Bund stellt ".to_owned()),
            (Mark::Removed, "[-1,5-]".to_owned()),
            (Mark::Added, "{+2,1+}".to_owned()),
            (
                Mark::Same,
                " Milliarden Euro für neue Fahrzeuge bereit.\n\nDie Länder begrüßen das."
                    .to_owned(),
            ),
        ];
        for width in 10..60 {
            let lines = wrap(&runs, width);
            for line in &lines {
                assert!(text_of(line).width() <= width, "{width}: {line:?}");
            }
            // Nothing lost or added but the spaces where lines break.
            let all: String = lines.iter().map(text_of).collect::<Vec<_>>().join(" ");
            let letters = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
            let expected: String = runs.iter().map(|(_, s)| s.as_str()).collect();
            assert_eq!(letters(&all), letters(&expected), "{width}");
            // A word that fits a line is never broken.
            if width >= 14 {
                assert!(
                    lines.iter().any(|l| text_of(l).contains("[-1,5-]{+2,1+}")),
                    "{width}: {lines:?}"
                );
            }
        }
        let lines = wrap(&runs, 40);
        assert!(lines
            .iter()
            .flatten()
            .any(|(m, s)| *m == Mark::Removed && s == "[-1,5-]"));
        assert!(lines.iter().any(Vec::is_empty), "the paragraph break stays");
    }
}
