//! A one-line text field (filter, assign-to, palette, help search) edited by raw key events.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Longest text a one-line field accepts; a paste of a megabyte must not stall the filter.
pub const MAX_LEN: usize = 1024;

/// The text and a cursor measured in characters.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineInput {
    text: String,
    cursor: usize,
}

impl LineInput {
    /// A field holding `text` with the cursor at its end.
    pub fn new(text: impl Into<String>) -> Self {
        let text: String = text.into();
        let cursor = text.chars().count();
        LineInput { text, cursor }
    }

    /// The text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The cursor position in characters.
    pub fn cursor(&self) -> usize {
        self.cursor
    }

    /// Applies an editing key; returns true when the text changed.
    pub fn handle(&mut self, key: KeyEvent) -> bool {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        match key.code {
            KeyCode::Char('u') if ctrl => self.set(String::new()),
            KeyCode::Char('w') if ctrl => self.delete_word(),
            KeyCode::Char('a') if ctrl => self.move_to(0),
            KeyCode::Char('e') if ctrl => self.move_to(usize::MAX),
            KeyCode::Char(c) if !ctrl && !c.is_control() => self.insert(c),
            KeyCode::Backspace => self.backspace(),
            KeyCode::Delete => self.delete(),
            KeyCode::Left => self.move_to(self.cursor.saturating_sub(1)),
            KeyCode::Right => self.move_to(self.cursor + 1),
            KeyCode::Home => self.move_to(0),
            KeyCode::End => self.move_to(usize::MAX),
            _ => false,
        }
    }

    /// Inserts pasted text at the cursor: line breaks and other controls become spaces, and
    /// the field's length limit holds. Returns true when the text changed.
    pub fn insert_str(&mut self, text: &str) -> bool {
        let mut changed = false;
        for c in text.chars() {
            let c = if c.is_control() { ' ' } else { c };
            if !self.insert(c) {
                break;
            }
            changed = true;
        }
        changed
    }

    fn byte_at(&self, char_idx: usize) -> usize {
        self.text
            .char_indices()
            .nth(char_idx)
            .map_or(self.text.len(), |(i, _)| i)
    }

    fn set(&mut self, text: String) -> bool {
        let changed = text != self.text;
        self.cursor = text.chars().count();
        self.text = text;
        changed
    }

    fn move_to(&mut self, pos: usize) -> bool {
        self.cursor = pos.min(self.text.chars().count());
        false
    }

    fn insert(&mut self, c: char) -> bool {
        if self.text.len() + c.len_utf8() > MAX_LEN {
            return false;
        }
        let at = self.byte_at(self.cursor);
        self.text.insert(at, c);
        self.cursor += 1;
        true
    }

    fn backspace(&mut self) -> bool {
        if self.cursor == 0 {
            return false;
        }
        self.cursor -= 1;
        let at = self.byte_at(self.cursor);
        self.text.remove(at);
        true
    }

    fn delete(&mut self) -> bool {
        let at = self.byte_at(self.cursor);
        if at >= self.text.len() {
            return false;
        }
        self.text.remove(at);
        true
    }

    fn delete_word(&mut self) -> bool {
        let chars: Vec<char> = self.text.chars().collect();
        let mut start = self.cursor;
        while start > 0 && chars[start - 1].is_whitespace() {
            start -= 1;
        }
        while start > 0 && !chars[start - 1].is_whitespace() {
            start -= 1;
        }
        if start == self.cursor {
            return false;
        }
        let (a, b) = (self.byte_at(start), self.byte_at(self.cursor));
        self.text.replace_range(a..b, "");
        self.cursor = start;
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn edits_multibyte_text_at_the_cursor() {
        let mut l = LineInput::new("héllo");
        l.handle(key(KeyCode::Left));
        l.handle(key(KeyCode::Backspace));
        assert_eq!(l.text(), "hélo");
        l.handle(key(KeyCode::Home));
        l.handle(key(KeyCode::Char('ä')));
        assert_eq!(l.text(), "ähélo");
        assert_eq!(l.cursor(), 1);
        l.handle(KeyEvent::new(KeyCode::Char('w'), KeyModifiers::CONTROL));
        assert_eq!(l.text(), "hélo");
        l.handle(key(KeyCode::End));
        l.handle(key(KeyCode::Char(' ')));
        l.handle(key(KeyCode::Char('x')));
        l.handle(KeyEvent::new(KeyCode::Char('w'), KeyModifiers::CONTROL));
        assert_eq!(l.text(), "hélo ");
        l.handle(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL));
        assert_eq!(l.text(), "");
    }
}
