//! The question before quitting with writes still on their way.

use crate::ui::popup;
use crate::ui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

/// Asks before quitting with writes still in the outbox (they are kept and sent next time).
pub fn render(frame: &mut Frame, area: Rect, pending: u32, yes: bool, theme: &Theme) {
    let rect = popup::centered(area, 52, 7);
    let inner = popup::open(frame, rect, "Quit?", theme);
    let lines = vec![
        Line::styled(
            format!("{pending} write(s) not yet confirmed by the service."),
            theme.warning,
        ),
        Line::raw("They stay in the outbox and are sent on next start."),
        Line::raw(""),
        popup::buttons(&["Stay", "Quit"], usize::from(yes), theme),
    ];
    frame.render_widget(Paragraph::new(lines), inner);
}
