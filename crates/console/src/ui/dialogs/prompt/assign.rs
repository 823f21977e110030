//! The "assign to…" box: its title names the subject; the owners that fit what was typed
//! (recent ones first, then those seen in the data) below the field; the key hint last.

use super::field::visible;
use crate::app::dialogs::prompt::state::Input;
use crate::ui::popup;
use crate::ui::safe_text::fit_line;
use crate::ui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};

/// Owners listed at once.
const SHOWN: usize = 8;

/// The key hint under the field.
pub const HINT: &str = "Enter assign · ↑↓ pick · Tab take · Esc cancel";

/// Draws the "assign to…" box with its suggestions.
pub fn render(frame: &mut Frame, area: Rect, input: &Input, theme: &Theme) {
    let cols: usize = 56;
    let (text, cursor) = visible(&input.line, cols.saturating_sub(3));
    let mut body = vec![Line::from(vec![
        Span::styled("> ", theme.key),
        Span::raw(text),
    ])];
    let shown = input.suggestions.len().min(SHOWN);
    if shown > 0 {
        body.push(Line::styled("Owners:", theme.muted));
    } else {
        body.push(Line::styled("Type a UPN (user@domain)", theme.muted));
    }
    let first = input.selected.saturating_sub(SHOWN - 1);
    for (i, s) in input.suggestions.iter().enumerate().skip(first).take(shown) {
        let style = if i == input.selected {
            theme.selected
        } else {
            theme.text
        };
        body.push(Line::styled(
            format!("  {}", fit_line(s, cols - 2).text),
            style,
        ));
    }
    let footer = vec![Line::styled(HINT, theme.muted)];
    let w = u16::try_from(cols).unwrap_or(u16::MAX);
    let rect = popup::boxed(frame, area, &input.title, body, footer, w, theme);
    if rect.height > 2 {
        frame.set_cursor_position(Position::new(rect.x + 4 + cursor, rect.y + 1));
    }
}
