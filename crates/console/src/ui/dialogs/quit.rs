//! The question before quitting with writes still on their way.

use crate::ui::popup;
use crate::ui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;

/// The choices, Stay first (the default).
pub const CHOICES: [&str; 2] = ["Stay", "Quit"];

/// Asks before quitting with writes still in the outbox (they are kept and sent next time).
pub fn render(frame: &mut Frame, area: Rect, pending: u32, yes: bool, theme: &Theme) {
    let body = vec![
        Line::styled(
            format!("{pending} write(s) not yet confirmed by the service."),
            theme.warning,
        ),
        Line::raw("They stay in the outbox and are sent on next start."),
    ];
    let footer = vec![
        Line::raw(""),
        popup::buttons(&CHOICES, usize::from(yes), theme),
        Line::styled("←→ choose · Enter · y quits · n/Esc stays", theme.muted).centered(),
    ];
    popup::boxed(frame, area, "Quit?", body, footer, 44, theme);
}
