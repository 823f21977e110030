//! The text of a one-line field as drawn: sanitised (a paste can carry bidi tricks) and scrolled
//! so the cursor shows.

use crate::app::dialogs::line_input::LineInput;
use crate::ui::safe_text::{fit, fit_line, width};

/// The visible text of a field and the column of its cursor, scrolled so the cursor shows.
pub fn visible(line: &LineInput, cols: usize) -> (String, u16) {
    let text = line.text();
    let head: String = text.chars().take(line.cursor()).collect();
    let safe_all = fit_line(text, usize::MAX).text;
    let cursor_col = width(&fit_line(&head, usize::MAX).text);
    if cursor_col < cols {
        let shown = fit(&safe_all, cols).into_owned();
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
    let shown = fit(&tail, cols).into_owned();
    let col = cols.saturating_sub(1);
    (shown, u16::try_from(col).unwrap_or(u16::MAX))
}
