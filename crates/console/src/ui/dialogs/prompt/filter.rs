//! The `/` filter being edited, drawn in the hint row (vim-style) with its parse error.

use super::field::visible;
use crate::app::dialogs::prompt::state::Input;
use crate::ui::safe_text::{fit_line, width};
use crate::ui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// Draws the filter being edited in `row` (the hint row), with the parse error if any.
pub fn render(frame: &mut Frame, row: Rect, input: &Input, error: Option<&str>, theme: &Theme) {
    if row.is_empty() {
        return;
    }
    let err = error.map(|e| fit_line(e, 40).text);
    let err_cols = err.as_ref().map_or(0, |e| width(e) + 3);
    let cols = usize::from(row.width).saturating_sub(2 + err_cols).max(1);
    let (text, cursor) = visible(&input.line, cols);
    let mut spans = vec![Span::styled("/", theme.key), Span::raw(text)];
    if let Some(e) = err {
        let pad = cols.saturating_sub(width(&spans[1].content));
        spans.push(Span::raw(" ".repeat(pad + 1)));
        spans.push(Span::styled(format!("✗ {e}"), theme.error));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), row);
    frame.set_cursor_position(Position::new(row.x + 1 + cursor, row.y));
}
