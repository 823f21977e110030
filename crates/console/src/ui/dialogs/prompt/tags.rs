//! The tags box of an incident (issue 11): its title names the incident; the tags as one
//! comma-separated line, holding the current ones; the key hint last.

use super::field::visible;
use crate::app::dialogs::prompt::state::Input;
use crate::ui::popup;
use crate::ui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};

/// The key hint under the field.
pub const HINT: &str = "Enter set the tags · Esc cancel";

/// Draws the tags box.
pub fn render(frame: &mut Frame, area: Rect, input: &Input, theme: &Theme) {
    let cols: usize = 56;
    let (text, cursor) = visible(&input.line, cols.saturating_sub(3));
    let body = vec![
        Line::from(vec![Span::styled("> ", theme.key), Span::raw(text)]),
        Line::styled(
            "Comma-separated, e.g. Contained, Phishing wave",
            theme.muted,
        ),
    ];
    let footer = vec![Line::styled(HINT, theme.muted)];
    let w = u16::try_from(cols).unwrap_or(u16::MAX);
    let rect = popup::boxed(frame, area, &input.title, body, footer, w, theme);
    if rect.height > 2 {
        frame.set_cursor_position(Position::new(rect.x + 4 + cursor, rect.y + 1));
    }
}
