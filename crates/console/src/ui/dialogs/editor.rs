//! The multi-line comment editor (ratatui-textarea) in a box that says where the comment goes
//! and how to send or keep it.

use crate::app::dialogs::editor::state::{Editor, EditorPurpose};
use crate::ui::popup;
use crate::ui::safe_text::fit_line;
use crate::ui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// Draws the editor over the lower part of `area`.
pub fn render(frame: &mut Frame, area: Rect, editor: &Editor, theme: &Theme) {
    let w = area.width.saturating_sub(4).min(100);
    let h = (area.height * 2 / 3).max(8).min(area.height);
    let rect = popup::centered(area, w, h);
    let resolve = editor.purpose == EditorPurpose::Resolve;
    let target = match (&editor.subject, editor.alert_ids.as_slice()) {
        (Some(s), _) if resolve => format!("Resolving comment (optional) for {}", s.name),
        (Some(s), _) => format!("Comment on {}", s.name),
        (None, [one]) => format!("Comment on {}", fit_line(one, 40).text),
        (None, many) => format!("Comment on {} alerts", many.len()),
    };
    let inner = popup::open(frame, rect, &target, theme);
    let [text, help] = inner.layout(&Layout::vertical([
        Constraint::Fill(1),
        Constraint::Length(1),
    ]));
    // The textarea draws the analyst's own typing; it drops control characters itself.
    frame.render_widget(&editor.textarea, text);
    let lines = editor.textarea.lines().len();
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled("Ctrl-S", theme.key),
            Span::raw(if resolve { " resolve  " } else { " send  " }),
            Span::styled("Esc", theme.key),
            Span::raw(" close, keep draft  "),
            Span::styled(format!("{lines} line(s)"), theme.muted),
        ])),
        help,
    );
}
