//! The device-code sign-in box over the panes: the page to open and the code to enter.

use crate::ui::popup;
use crate::ui::safe_text;
use crate::ui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

/// Draws the sign-in box centred in `area`.
pub fn render(frame: &mut Frame, area: Rect, url: &str, code: &str, theme: &Theme) {
    let rect = popup::centered(area, 70, 7);
    let inner = popup::open(frame, rect, "Sign in", theme);
    let room = usize::from(inner.width).saturating_sub(2);
    let lines = vec![
        Line::raw("Open this page in a browser:"),
        Line::styled(safe_text::fit_line(url, room).text, theme.key),
        Line::raw("and enter the code:"),
        Line::styled(safe_text::fit_line(code, room).text, theme.title),
    ];
    frame.render_widget(Paragraph::new(lines), inner);
}
