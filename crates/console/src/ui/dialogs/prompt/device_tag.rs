//! The tag box of a device (issue 10): its title names the device and how to add or remove; the
//! device's tags as they are, so a removal can be typed exactly (tags are case-sensitive); the
//! key hint last.

use super::field::visible;
use crate::app::device::tags::current_tags;
use crate::app::dialogs::prompt::state::Input;
use crate::ui::popup;
use crate::ui::safe_text::fit_line;
use crate::ui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};

/// The key hint under the field.
pub const HINT: &str = "Enter send (NAME adds, -NAME removes) · Esc cancel";

/// Draws the device tag box.
pub fn render(frame: &mut Frame, area: Rect, input: &Input, theme: &Theme) {
    let cols: usize = 56;
    let (text, cursor) = visible(&input.line, cols.saturating_sub(3));
    let tags = input.device.as_ref().map_or_else(String::new, current_tags);
    let body = vec![
        Line::from(vec![Span::styled("> ", theme.key), Span::raw(text)]),
        Line::styled(fit_line(&tags, cols).text, theme.muted),
        Line::styled("Case-sensitive: remove a tag as written", theme.muted),
    ];
    let footer = vec![Line::styled(HINT, theme.muted)];
    let w = u16::try_from(cols).unwrap_or(u16::MAX);
    let rect = popup::boxed(frame, area, &input.title, body, footer, w, theme);
    if rect.height > 2 {
        frame.set_cursor_position(Position::new(rect.x + 4 + cursor, rect.y + 1));
    }
}
