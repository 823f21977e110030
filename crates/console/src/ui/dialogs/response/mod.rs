//! The response dialogs (issue 10), one file each: the menu, the action's confirmation, the
//! cancel, the indicator form and the bulk isolation; `frame` is the box the forms share.

pub mod action;
pub mod bulk;
pub mod cancel;
pub mod frame;
pub mod indicator;
pub mod menu;

use crate::app::dialogs::line_input::LineInput;
use crate::ui::dialogs::prompt::field::visible;
use crate::ui::popup;
use crate::ui::theme::Theme;
use ratatui::text::{Line, Span};

/// The key hint under every response form.
pub const HINT: &str = "Ctrl-S send · Tab next field · Esc cancel (nothing is sent)";

/// The choices of a form: Esc does `back` (nothing is sent), Ctrl-S does `what`.
pub fn choices(back: &str, what: &str, theme: &Theme) -> Vec<Line<'static>> {
    vec![
        Line::raw(""),
        popup::buttons(
            &[&format!("Esc: {back}"), &format!("Ctrl-S: {what}")],
            usize::MAX,
            theme,
        ),
        Line::styled(HINT, theme.muted).centered(),
    ]
}

/// A one-line field as drawn: `label` then the text, highlighted with a cursor when focused.
pub fn field_line(
    label: &str,
    line: &LineInput,
    focused: bool,
    cols: usize,
    theme: &Theme,
) -> Line<'static> {
    let room = cols.saturating_sub(label.chars().count() + 2).max(4);
    let (text, cursor) = visible(line, room);
    let style = if focused { theme.selected } else { theme.text };
    let mut spans = vec![Span::styled(label.to_string(), theme.muted), Span::raw(" ")];
    if focused {
        let at = usize::from(cursor);
        let head: String = text.chars().take(at).collect();
        let rest: String = text.chars().skip(at).collect();
        spans.push(Span::styled(head, style));
        spans.push(Span::styled("▏", theme.key));
        spans.push(Span::styled(rest, style));
    } else {
        // Without the keys the field shows its start, not the part around the cursor.
        let text = crate::ui::safe_text::fit_line(line.text(), room).text;
        spans.push(Span::styled(
            if text.is_empty() {
                "…".to_string()
            } else {
                text
            },
            style,
        ));
    }
    Line::from(spans)
}

/// A note wrapped to `cols` (sanitised).
pub fn wrapped(text: &str, cols: usize, style: ratatui::style::Style) -> Vec<Line<'static>> {
    let safe = crate::ui::safe_text::fit_line(text, 2_000).text;
    crate::ui::wrap::words(&safe, cols.max(8))
        .into_iter()
        .map(|r| Line::styled(r, style))
        .collect()
}
