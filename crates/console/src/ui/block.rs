//! The bordered frame of a pane: title on the left, extra info on the right, a brighter border
//! when focused. Titles built from API text must be sanitised by the caller.

use super::theme::Theme;
use ratatui::text::{Line, Span};
use ratatui::widgets::Block;

/// A pane frame titled `title` with `info` right-aligned.
pub fn pane<'a>(title: &str, info: &str, focused: bool, theme: &Theme) -> Block<'a> {
    let border = if focused {
        theme.border_focused
    } else {
        theme.border
    };
    let mut b = Block::bordered()
        .border_style(border)
        .title(Line::from(Span::styled(format!(" {title} "), theme.title)));
    if !info.is_empty() {
        b = b.title(Line::from(Span::styled(format!(" {info} "), theme.muted)).right_aligned());
    }
    b
}
