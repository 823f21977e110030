//! The text fields the response forms share: the multi-line comment (the comment editor's
//! ratatui-textarea, with its paste rule: line breaks and tabs kept, other controls dropped) and
//! reading it back.

use crossterm::event::KeyEvent;
use ratatui_textarea::TextArea;

/// A text area holding `text`, the cursor at its end.
pub fn area(text: &str) -> TextArea<'static> {
    let mut ta = TextArea::from(text.split('\n').map(str::to_string));
    ta.set_wrap_mode(ratatui_textarea::WrapMode::WordOrGlyph);
    ta.move_cursor(ratatui_textarea::CursorMove::Bottom);
    ta.move_cursor(ratatui_textarea::CursorMove::End);
    ta
}

/// The text as one string, trimmed at the end.
pub fn text_of(ta: &TextArea<'_>) -> String {
    ta.lines().join("\n").trim_end().to_string()
}

/// A key typed into the text.
pub fn input(ta: &mut TextArea<'static>, key: KeyEvent) {
    ta.input(key);
}

/// Pasted text goes in as prose: line breaks and tabs kept, other controls dropped, and the
/// whole comment bounded (the service's limit is undocumented; a megabyte paste must not stick).
pub fn paste(ta: &mut TextArea<'static>, text: &str) {
    let room =
        mde_model::device::request::MAX_COMMENT_CHARS.saturating_sub(text_of(ta).chars().count());
    let clean: String = text
        .replace("\r\n", "\n")
        .chars()
        .filter(|c| !c.is_control() || *c == '\n' || *c == '\t')
        .take(room)
        .collect();
    ta.insert_str(clean);
}

/// True when the comment is too long to send.
pub fn too_long(text: &str) -> bool {
    text.chars().count() > mde_model::device::request::MAX_COMMENT_CHARS
}
