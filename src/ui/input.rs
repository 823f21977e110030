//! One-line inputs: the `/` filter (drawn in the hint row, vim-style) and the "assign to…"
//! box with recent owners. Typed text is sanitised too: a paste can carry bidi tricks.

use super::popup;
use super::safe_text::{fit_line, width};
use super::theme::Theme;
use crate::app::dialog::Input;
use crate::app::line_input::LineInput;
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// The visible text of a field and the column of its cursor, scrolled so the cursor shows.
fn visible(line: &LineInput, cols: usize) -> (String, u16) {
    let text = line.text();
    let head: String = text.chars().take(line.cursor()).collect();
    let safe_all = fit_line(text, usize::MAX).text;
    let cursor_col = width(&fit_line(&head, usize::MAX).text);
    if cursor_col < cols {
        let shown = super::safe_text::fit(&safe_all, cols).into_owned();
        return (shown, u16::try_from(cursor_col).unwrap_or(u16::MAX));
    }
    // Scroll: show the part ending at the cursor.
    let skip = cursor_col + 1 - cols;
    let mut used = 0;
    let tail: String = safe_all
        .chars()
        .skip_while(|c| {
            used += unicode_width::UnicodeWidthChar::width(*c).unwrap_or(0);
            used <= skip
        })
        .collect();
    let shown = super::safe_text::fit(&tail, cols).into_owned();
    let col = cols.saturating_sub(1);
    (shown, u16::try_from(col).unwrap_or(u16::MAX))
}

/// Draws the filter being edited in `row` (the hint row), with the parse error if any.
pub fn render_filter(
    frame: &mut Frame,
    row: Rect,
    input: &Input,
    error: Option<&str>,
    theme: &Theme,
) {
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

/// Draws the "assign to…" box with its suggestions.
pub fn render_assign(frame: &mut Frame, area: Rect, input: &Input, theme: &Theme) {
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
