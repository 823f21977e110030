//! The "assign to…" box with the recent owners.

use super::field::visible;
use crate::app::dialogs::prompt::state::Input;
use crate::ui::popup;
use crate::ui::safe_text::fit_line;
use crate::ui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// Draws the "assign to…" box with its suggestions.
pub fn render(frame: &mut Frame, area: Rect, input: &Input, theme: &Theme) {
    let shown = input.suggestions.len().min(8);
    let h = u16::try_from(shown + 5).unwrap_or(u16::MAX);
    let rect = popup::centered(area, 60, h);
    let inner = popup::open(frame, rect, "Assign to", theme);
    if inner.height == 0 {
        return;
    }
    let cols = usize::from(inner.width).saturating_sub(3).max(1);
    let (text, cursor) = visible(&input.line, cols);
    let mut lines = vec![Line::from(vec![
        Span::styled("> ", theme.key),
        Span::raw(text),
    ])];
    if shown > 0 {
        lines.push(Line::styled("Recent owners:", theme.muted));
    }
    for (i, s) in input.suggestions.iter().take(shown).enumerate() {
        let style = if i == input.selected {
            theme.selected
        } else {
            theme.text
        };
        lines.push(Line::styled(format!("  {}", fit_line(s, cols).text), style));
    }
    lines.push(Line::styled(
        "Enter assign · ↑↓ pick a suggestion · Esc cancel",
        theme.muted,
    ));
    frame.render_widget(Paragraph::new(lines), inner);
    frame.set_cursor_position(Position::new(inner.x + 2 + cursor, inner.y));
}
