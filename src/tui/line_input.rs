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

    #[test]
    fn control_characters_and_overlong_text_stay_out() {
        let mut i = LineInput::new(4);
        assert!(!i.apply(Edit::Insert('\u{1b}')));
        i.set("äöüß");
        assert_eq!(i, "äö", "cut on a char boundary within 4 bytes");
        assert!(!i.apply(Edit::Insert('x')));
    }
}
