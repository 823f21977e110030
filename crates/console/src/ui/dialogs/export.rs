//! The export dialog (issue 12): the title names how many alerts of which view and filter, then
//! the two formats with the chosen one marked, the file to write, and the key hint pinned to the
//! bottom so it stays on screen at 80×24.

use super::prompt::field::visible;
use crate::app::dialogs::export::state::ExportDialog;
use crate::ui::popup;
use crate::ui::theme::Theme;
use mde_model::protocol::ExportFormat;
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};

/// The key hint under the field.
pub const HINT: &str = "Enter write · Tab/↑↓ format · Esc cancel";

/// Width of the field.
const COLS: usize = 60;

/// Draws the export dialog centred in `area`.
pub fn render(frame: &mut Frame, area: Rect, d: &ExportDialog, theme: &Theme) {
    let choice = |f: ExportFormat, label: &'static str, what: &'static str| {
        let on = d.format == f;
        let style = if on { theme.selected } else { theme.text };
        vec![
            Span::styled(if on { "(•) " } else { "( ) " }, theme.key),
            Span::styled(label, style),
            Span::styled(what, theme.muted),
        ]
    };
    let mut format = vec![Span::styled("Format  ", theme.muted)];
    format.extend(choice(ExportFormat::Csv, "CSV", " display columns  "));
    format.extend(choice(ExportFormat::Json, "JSON", " the alerts as sent"));
    let (text, cursor) = visible(&d.path, COLS.saturating_sub(10));
    let body = vec![
        Line::from(format),
        Line::from(vec![
            Span::styled("File    ", theme.muted),
            Span::styled("> ", theme.key),
            Span::raw(text),
        ]),
        Line::styled(
            "Exactly the view's rows, in order; never overwrites a file.",
            theme.muted,
        ),
    ];
    let footer = vec![Line::styled(HINT, theme.muted)];
    let w = u16::try_from(COLS).unwrap_or(u16::MAX);
    let rect = popup::boxed(frame, area, &d.title(), body, footer, w, theme);
    if rect.height > 3 {
        let x = (rect.x + 2 + 10 + cursor).min(rect.right().saturating_sub(2));
        frame.set_cursor_position(Position::new(x, rect.y + 2));
    }
}
