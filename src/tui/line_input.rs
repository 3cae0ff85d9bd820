//! A one-line text input with a cursor that edits as a shell does: Left/Right, Home/Ctrl-A,
//! End/Ctrl-E, Delete, Ctrl-U (to the start), Ctrl-K (to the end), Ctrl-W (the word before).
//! Pure: the filter bar and the prompts keep one each.

use std::ops::Deref;

/// One editing step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edit {
    Insert(char),
    Backspace,
    Delete,
    Left,
    Right,
    Home,
    End,
    /// Ctrl-U: everything before the cursor.
    KillToStart,
    /// Ctrl-K: everything from the cursor on.
    KillToEnd,
    /// Ctrl-W: the word before the cursor (and the spaces after it).
    KillWord,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineInput {
    text: String,
    /// A byte offset on a char boundary.
    cursor: usize,
    /// The most bytes the text may have (long URLs fit; pasted novels do not).
    max_len: usize,
}

impl LineInput {
    pub fn new(max_len: usize) -> Self {
        Self {
            max_len,
            ..Self::default()
        }
    }

    /// Replaces the text; the cursor goes to its end.
    pub fn set(&mut self, text: &str) {
        self.text = text.chars().filter(|c| !c.is_control()).collect();
        self.text
            .truncate(self.floor(self.max_len.min(self.text.len())));
        self.cursor = self.text.len();
    }

    pub fn clear(&mut self) {
        self.text.clear();
        self.cursor = 0;
    }

    /// The text before and after the cursor, for drawing it.
    pub fn split(&self) -> (&str, &str) {
        self.text.split_at(self.cursor)
    }

    /// Applies `edit`; returns whether the text changed (the cursor alone moving is no change).
    pub fn apply(&mut self, edit: Edit) -> bool {
        let before = self.text.len();
        match edit {
            Edit::Insert(c) => {
                if c.is_control() || self.text.len() + c.len_utf8() > self.max_len {
                    return false;
                }
                self.text.insert(self.cursor, c);
                self.cursor += c.len_utf8();
                return true;
            }
            Edit::Backspace => {
                if let Some(c) = self.text[..self.cursor].chars().next_back() {
                    self.cursor -= c.len_utf8();
                    self.text.remove(self.cursor);
                }
            }
            Edit::Delete => {
                if self.cursor < self.text.len() {
                    self.text.remove(self.cursor);
                }
            }
            Edit::Left => {
                if let Some(c) = self.text[..self.cursor].chars().next_back() {
                    self.cursor -= c.len_utf8();
                }
            }
            Edit::Right => {
                if let Some(c) = self.text[self.cursor..].chars().next() {
                    self.cursor += c.len_utf8();
                }
            }
            Edit::Home => self.cursor = 0,
            Edit::End => self.cursor = self.text.len(),
            Edit::KillToStart => {
                self.text.replace_range(..self.cursor, "");
                self.cursor = 0;
            }
            Edit::KillToEnd => self.text.truncate(self.cursor),
            Edit::KillWord => {
                let head = &self.text[..self.cursor];
                let word_end = head.trim_end().len();
                let start = head[..word_end].rfind(char::is_whitespace).map_or(0, |i| {
                    i + head[i..].chars().next().map_or(1, char::len_utf8)
                });
                self.text.replace_range(start..self.cursor, "");
                self.cursor = start;
            }
        }
        self.text.len() != before
    }

    /// The largest char boundary at or below `at`.
    fn floor(&self, mut at: usize) -> usize {
        while !self.text.is_char_boundary(at) {
            at -= 1;
        }
        at
    }
}

/// What of a line's text is shown in `width` columns with the cursor (one column) between
/// `before` and `after`: all of it when it fits, else the text right before the cursor and
/// some after it, a cut side marked with `…`. So the cursor and what is typed are always in
/// sight, however long the line.
pub fn window(before: &str, after: &str, width: usize) -> (String, String) {
    use unicode_width::UnicodeWidthStr;
    let room = width.saturating_sub(1);
    if before.width() + after.width() <= room {
        return (before.to_owned(), after.to_owned());
    }
    // Some of what follows the cursor stays in sight too: a third of the line at most.
    let after_room = after.width().min(room / 3);
    let before_room = room - after_room;
    let before = tail(before, before_room);
    let after_room = room.saturating_sub(before.width());
    (before, head(after, after_room))
}

/// The end of `text` in at most `room` columns, `…` in front when cut.
fn tail(text: &str, room: usize) -> String {
    use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};
    if text.width() <= room {
        return text.to_owned();
    }
    let mut kept: Vec<char> = Vec::new();
    let mut used = 1; // the `…`
    for c in text.chars().rev() {
        let w = c.width().unwrap_or(0);
        if used + w > room {
            break;
        }
        used += w;
        kept.push(c);
    }
    if room == 0 {
        return String::new();
    }
    std::iter::once('…').chain(kept.into_iter().rev()).collect()
}

/// The start of `text` in at most `room` columns, `…` at the end when cut.
fn head(text: &str, room: usize) -> String {
    use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};
    if text.width() <= room {
        return text.to_owned();
    }
    if room == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 1;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > room {
            break;
        }
        used += w;
        out.push(c);
    }
    out.push('…');
    out
}

impl Deref for LineInput {
    type Target = str;

    fn deref(&self) -> &str {
        &self.text
    }
}

impl PartialEq<&str> for LineInput {
    fn eq(&self, other: &&str) -> bool {
        self.text == *other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(text: &str) -> LineInput {
        let mut i = LineInput::new(100);
        i.set(text);
        i
    }

    #[test]
    fn edits_at_the_cursor_as_a_shell_does() {
        let mut i = input("seit:2w Digitalisierung");
        assert!(!i.apply(Edit::Home));
        assert!(i.apply(Edit::Insert('ü')));
        assert_eq!(i, "üseit:2w Digitalisierung");
        assert!(i.apply(Edit::Delete));
        assert_eq!(i, "üeit:2w Digitalisierung");
        i.apply(Edit::Left);
        assert!(i.apply(Edit::Delete), "deletes the ü, a two-byte char");
        assert_eq!(i.split(), ("", "eit:2w Digitalisierung"));
        i.apply(Edit::End);
        assert!(i.apply(Edit::KillWord));
        assert_eq!(i, "eit:2w ");
        i.apply(Edit::Insert('x'));
        i.apply(Edit::Left);
        i.apply(Edit::Left);
        assert!(i.apply(Edit::KillToStart));
        assert_eq!((&*i, i.split().0), (" x", ""));
        i.apply(Edit::Right);
        assert!(i.apply(Edit::KillToEnd));
        assert_eq!(i, " ");
        assert!(i.apply(Edit::Backspace));
        assert!(!i.apply(Edit::Backspace), "nothing left to delete");
        assert!(!i.apply(Edit::Left) && !i.apply(Edit::Right));
    }

    #[test]
    fn kill_word_takes_the_word_and_its_trailing_spaces() {
        let mut i = input("feed:BMI  unread  ");
        i.apply(Edit::KillWord);
        assert_eq!(i, "feed:BMI  ");
        i.apply(Edit::KillWord);
        assert_eq!(i, "");
    }

    /// On generated lines, cursors and widths: the window fits, and the characters around
    /// the cursor are in it (the one before, and the one after when there is room).
    #[test]
    fn the_window_keeps_the_cursor_and_its_neighbours_in_sight() {
        use unicode_width::UnicodeWidthStr;
        let pieces = [
            "digitalisierung ",
            "seit:2w ",
            "Förderung ",
            "ÄÖÜ ",
            "(a OR b) ",
            "-EU ",
        ];
        let mut state = 7u32;
        let mut next = |n: usize| {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            state as usize % n
        };
        for _ in 0..2_000 {
            let text: String = (0..next(30)).map(|_| pieces[next(pieces.len())]).collect();
            let chars: Vec<char> = text.chars().collect();
            let at = next(chars.len() + 1);
            let before: String = chars[..at].iter().collect();
            let after: String = chars[at..].iter().collect();
            let width = 6 + next(100);
            let (b, a) = window(&before, &after, width);
            assert!(b.width() + 1 + a.width() <= width, "{b:?}|{a:?} in {width}");
            if let Some(last) = before.chars().last() {
                assert_eq!(b.chars().last(), Some(last), "the char before the cursor");
            }
            if before.width() + after.width() < width {
                assert_eq!((b.as_str(), a.as_str()), (before.as_str(), after.as_str()));
            }
        }
        assert_eq!(
            window("abcdefghij", "klmnop", 10),
            ("…fghij".to_owned(), "kl…".to_owned())
        );
    }

    #[test]
    fn control_characters_and_overlong_text_stay_out() {
        let mut i = LineInput::new(4);
        assert!(!i.apply(Edit::Insert('\u{1b}')));
        i.set("äöüß");
        assert_eq!(i, "äö", "cut on a char boundary within 4 bytes");
        assert!(!i.apply(Edit::Insert('x')));
    }
}
