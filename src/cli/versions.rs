//! `show --versions` and `show --diff`: an article's versions and what changed, word by word.
//! Removed words are written `[-so-]`, added ones `{+so+}` (as `git diff --word-diff`), so the
//! difference reads without colour; at a terminal without `NO_COLOR` they are coloured too.

use std::io::{IsTerminal, Write};

use anyhow::Result;

use super::problem::Problem;
use crate::diff::Segment;
use crate::i18n::{fill, Lang};
use crate::model::{ArticleId, Changes, Version};
use crate::settings::{Exit, Settings};
use crate::text::sanitize;

/// The versions of an article, or why there are none.
fn versions_of(settings: &Settings, id: ArticleId) -> Result<Vec<Version>> {
    let versions = settings.open_store()?.versions(id)?;
    if versions.is_empty() {
        return Err(Problem::NoArticle(id.0).into());
    }
    Ok(versions)
}

/// "Titel, Text" for what changed.
fn change_words(changes: Changes, lang: Lang) -> String {
    let names = lang.texts().change_names;
    [
        Changes::TITLE,
        Changes::TEASER,
        Changes::TEXT,
        Changes::DATE,
        Changes::KIND,
    ]
    .iter()
    .zip(names)
    .filter(|(bit, _)| changes.has(**bit))
    .map(|(_, name)| name)
    .collect::<Vec<_>>()
    .join(", ")
}

/// `show ID --versions`.
pub fn list(settings: &Settings, id: ArticleId, out: &mut impl Write) -> Result<Exit> {
    let versions = versions_of(settings, id)?;
    let lang = settings.lang;
    let t = lang.texts();
    writeln!(
        out,
        "{}",
        fill(t.versions_heading, &[("id", &id.0), ("n", &versions.len())])
    )?;
    let last = versions.len();
    for v in &versions {
        let what = if v.number == 1 {
            t.version_first.to_owned()
        } else {
            format!("{}: {}", t.version_changed, change_words(v.changes, lang))
        };
        let current = if v.number == last {
            format!(" ({})", t.version_current)
        } else {
            String::new()
        };
        writeln!(
            out,
            "{:>3}  {}  {what}{current}  {}",
            v.number,
            lang.date_time(v.seen_at),
            sanitize(&v.title)
        )?;
    }
    Ok(Exit::Success)
}

/// Which two versions `A..B`, `A` or nothing (the one before and the current one) mean.
fn range(asked: &str, have: usize) -> Option<(usize, usize)> {
    let number = |s: &str| {
        s.trim()
            .parse::<usize>()
            .ok()
            .filter(|n| (1..=have).contains(n))
    };
    let (a, b) = match asked.trim() {
        "" => (have.saturating_sub(1).max(1), have),
        text => match text.split_once("..") {
            Some((a, "")) => (number(a)?, have),
            Some((a, b)) => (number(a)?, number(b)?),
            None => (number(text)?, have),
        },
    };
    Some((a, b))
}

/// A diff in words with the markers, coloured when `colour`.
fn marked(segments: &[Segment], colour: bool) -> String {
    let mut out = String::new();
    for segment in segments {
        // Nothing of a feed's reaches the terminal raw; a run that was only control
        // characters is not marked at all.
        let (Segment::Same(s) | Segment::Removed(s) | Segment::Added(s)) = segment;
        if sanitize(s).is_empty() {
            continue;
        }
        match segment {
            Segment::Same(s) => out.push_str(&sanitize(s)),
            Segment::Removed(s) if colour => {
                out.push_str(&format!("\x1b[31;9m[-{}-]\x1b[0m", sanitize(s)))
            }
            Segment::Removed(s) => out.push_str(&format!("[-{}-]", sanitize(s))),
            Segment::Added(s) if colour => {
                out.push_str(&format!("\x1b[32;4m{{+{}+}}\x1b[0m", sanitize(s)))
            }
            Segment::Added(s) => out.push_str(&format!("{{+{}+}}", sanitize(s))),
        }
    }
    out
}

/// `show ID --diff [A..B]`.
pub fn diff(settings: &Settings, id: ArticleId, asked: &str, out: &mut impl Write) -> Result<Exit> {
    let versions = versions_of(settings, id)?;
    let lang = settings.lang;
    let t = lang.texts();
    if versions.len() == 1 && asked.trim().is_empty() {
        writeln!(out, "{}", fill(t.never_changed, &[("id", &id.0)]))?;
        return Ok(Exit::Success);
    }
    let (a, b) = range(asked, versions.len()).ok_or_else(|| Problem::NoSuchVersion {
        have: versions.len(),
        asked: sanitize(asked).into_owned(),
    })?;
    let (old, new) = (&versions[a - 1], &versions[b - 1]);
    let colour = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    writeln!(
        out,
        "{}",
        fill(
            t.diff_heading,
            &[
                ("a", &a),
                ("a_seen", &lang.date_time(old.seen_at)),
                ("b", &b),
                ("b_seen", &lang.date_time(new.seen_at)),
            ]
        )
    )?;
    writeln!(out, "{}", t.diff_legend)?;
    let [title, teaser, text, date, kind] = t.change_names;
    let part = |name: &str, old: &str, new: &str, out: &mut dyn Write| -> Result<()> {
        if old != new {
            let segments = crate::diff::words(old, new);
            writeln!(out, "\n{name}: {}", marked(&segments, colour))?;
        }
        Ok(())
    };
    part(title, &old.title, &new.title, out)?;
    part(teaser, &old.summary, &new.summary, out)?;
    let day = |v: &Version| lang.date(crate::model::Zone::Local.local(v.published).date());
    part(date, &day(old), &day(new), out)?;
    part(
        kind,
        old.kind.as_deref().unwrap_or("-"),
        new.kind.as_deref().unwrap_or("-"),
        out,
    )?;
    match (&old.text, &new.text) {
        (Some(o), Some(n)) if o != n => writeln!(
            out,
            "\n{text}:\n{}",
            marked(&crate::diff::words(o, n), colour)
        )?,
        (Some(o), Some(n)) if o == n => {}
        _ => writeln!(out, "\n{text}: {}", t.text_unavailable)?,
    }
    Ok(Exit::Success)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_name_two_versions_that_exist() {
        assert_eq!(range("", 3), Some((2, 3)));
        assert_eq!(range("", 1), Some((1, 1)));
        assert_eq!(range("1..3", 3), Some((1, 3)));
        assert_eq!(range("1", 3), Some((1, 3)));
        assert_eq!(range("2..", 3), Some((2, 3)));
        assert_eq!(range("3..1", 3), Some((3, 1)));
        assert_eq!(range("0..2", 3), None);
        assert_eq!(range("1..4", 3), None);
        assert_eq!(range("zwei", 3), None);
    }

    #[test]
    fn removed_and_added_words_are_marked_without_colour_and_stay_text() {
        let segments = crate::diff::words("1,5 Mrd. Euro", "2,1 Mrd. Euro\x1b[2J");
        assert_eq!(marked(&segments, false), "[-1,5-]{+2,1+} Mrd. Euro");
        let coloured = marked(&segments, true);
        assert!(coloured.contains("\x1b[31;9m[-1,5-]\x1b[0m"));
        assert!(!coloured.contains("[2J"), "{coloured:?}");
    }
}
