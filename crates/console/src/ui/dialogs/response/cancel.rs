//! Cancelling a pending action: which action on which device, the comment, the choices.

use super::frame::{Editor, Form, draw};
use super::{choices, wrapped};
use crate::app::dialogs::response::state::CancelForm;
use crate::app::list::widths::short_host;
use crate::ui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;

/// Draws the cancel.
pub fn render(frame: &mut Frame, area: Rect, f: &CancelForm, theme: &Theme) {
    let cols = usize::from(area.width.saturating_sub(8)).min(90);
    let host = short_host(&f.device).to_string();
    let mut top = wrapped(
        &format!(
            "Cancel {} on {host}: the service drops it if the device has not carried it out yet.",
            f.label
        ),
        cols,
        theme.title,
    );
    top.extend(wrapped(
        &format!("Action id: {}", f.action_id),
        cols,
        theme.muted,
    ));
    let below = f
        .error
        .as_deref()
        .map(|e| wrapped(e, cols, theme.error))
        .unwrap_or_default();
    let title = format!("Cancel {} on {host}", f.label);
    draw(
        frame,
        area,
        Form {
            title: &title,
            top,
            editor: Some(Editor {
                area: &f.comment,
                label: "Comment (why it is cancelled)",
                focused: true,
                rows: 2,
            }),
            below,
            footer: choices("Keep it", "Cancel the action", theme),
        },
        theme,
    );
}
