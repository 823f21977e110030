//! The `/` filter being edited: on its own row above the status bar (the hint row keeps the
//! keys), with its parse error, and the completions of the last word in a box just above it.

use super::field::visible;
use crate::app::dialogs::prompt::state::Input;
use crate::ui::safe_text::{fit_line, width};
use crate::ui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

/// Completions listed at once.
const SHOWN: usize = 6;

/// Draws the filter being edited in `row`, the completions above it inside `body`.
pub fn render(
    frame: &mut Frame,
    row: Rect,
    body: Rect,
    input: &Input,
    error: Option<&str>,
    theme: &Theme,
) {
    if row.is_empty() {
        return;
    }
    let err = error.map(|e| fit_line(e, usize::from(row.width) / 2).text);
    let err_cols = err.as_ref().map_or(0, |e| width(e) + 3);
    let cols = usize::from(row.width).saturating_sub(9 + err_cols).max(1);
    let (text, cursor) = visible(&input.line, cols);
    let mut spans = vec![Span::styled("Filter /", theme.key), Span::raw(text)];
    if let Some(e) = err {
        let pad = cols.saturating_sub(width(&spans[1].content));
        spans.push(Span::raw(" ".repeat(pad + 1)));
        spans.push(Span::styled(format!("✗ {e}"), theme.error));
    }
    frame.render_widget(Clear, row);
    frame.render_widget(Paragraph::new(Line::from(spans)), row);
    frame.set_cursor_position(Position::new(row.x + 8 + cursor, row.y));
    suggestions(frame, row, body, input, theme);
}

fn suggestions(frame: &mut Frame, row: Rect, body: Rect, input: &Input, theme: &Theme) {
    let n = input.suggestions.len().min(SHOWN);
    if n == 0 || body.height < 4 {
        return;
    }
    let widest = input
        .suggestions
        .iter()
        .map(|s| width(&fit_line(s, 48).text))
        .max()
        .unwrap_or(0)
        .max(18);
    let w = u16::try_from(widest + 4)
        .unwrap_or(u16::MAX)
        .min(body.width);
    let h = u16::try_from(n + 2).unwrap_or(u16::MAX).min(body.height);
    let typed_before = width(
        &fit_line(
            input
                .line
                .text()
                .get(..input.completion_start)
                .unwrap_or(""),
            usize::MAX,
        )
        .text,
    );
    let x =
        (row.x + 8 + u16::try_from(typed_before).unwrap_or(0)).min(body.right().saturating_sub(w));
    let rect = Rect::new(x, row.y.saturating_sub(h), w, h);
    frame.render_widget(Clear, rect);
    let first = input.selected.saturating_sub(SHOWN - 1);
    let lines: Vec<Line> = input
        .suggestions
        .iter()
        .enumerate()
        .skip(first)
        .take(n)
        .map(|(i, s)| {
            let style = if i == input.selected {
                theme.selected
            } else {
                theme.text
            };
            Line::styled(format!(" {} ", fit_line(s, 48).text), style)
        })
        .collect();
    let block = Block::bordered()
        .border_style(theme.border_focused)
        .title(Line::styled(" Tab takes ", theme.muted));
    frame.render_widget(Paragraph::new(lines).block(block), rect);
}
