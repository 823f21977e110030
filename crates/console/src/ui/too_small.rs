//! The notice shown instead of the console when the terminal is smaller than the minimum the
//! panes need; it must draw (or draw nothing) at any size, down to 1×1, without panicking.

use super::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

/// Narrowest terminal the console lays out.
pub const MIN_WIDTH: u16 = 60;
/// Lowest terminal the console lays out.
pub const MIN_HEIGHT: u16 = 15;

/// True when `area` is big enough for the console.
pub fn fits(area: Rect) -> bool {
    area.width >= MIN_WIDTH && area.height >= MIN_HEIGHT
}

/// Draws the "too small" notice, as much of it as fits.
pub fn render(frame: &mut Frame, area: Rect, theme: &Theme) {
    if area.is_empty() {
        return;
    }
    let lines = vec![
        Line::styled("Terminal too small", theme.warning),
        Line::raw(format!("{}×{}", area.width, area.height)),
        Line::raw(format!("need {MIN_WIDTH}×{MIN_HEIGHT}")),
    ];
    frame.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: true }).centered(),
        area,
    );
}
