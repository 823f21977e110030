//! The confirmation before a change to several alerts (or an undo): the exact change, how many
//! alerts it touches and the first of them by name, how many the view or filter hides; Cancel
//! is the default. The choices and the key hint stay on screen whatever the size.

use crate::app::dialogs::confirm::state::{CHOICES, Confirm};
use crate::ui::popup;
use crate::ui::safe_text::{fit_line, group_thousands};
use crate::ui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

/// Draws the confirmation of a (bulk) write.
pub fn render(frame: &mut Frame, area: Rect, c: &Confirm, theme: &Theme) {
    let room = usize::from(area.width.saturating_sub(10)).clamp(8, 72);
    let mut body = vec![Line::from(vec![
        Span::raw("Change "),
        Span::styled(
            format!(
                "{} alert{}",
                group_thousands(c.count),
                if c.count == 1 { "" } else { "s" }
            ),
            theme.warning,
        ),
        Span::raw(" as follows:"),
    ])];
    body.extend(
        c.lines
            .iter()
            .map(|l| Line::raw(format!("  {}", fit_line(l, room).text))),
    );
    if !c.alerts.is_empty() {
        body.push(Line::styled("Alerts:", theme.title));
        body.extend(
            c.alerts
                .iter()
                .map(|a| Line::raw(format!("  {}", fit_line(a, room).text))),
        );
        if c.more > 0 {
            body.push(Line::styled(
                format!("  … and {} more", group_thousands(c.more)),
                theme.muted,
            ));
        }
    }
    if c.hidden > 0 {
        body.push(Line::styled(
            format!(
                "{} of them hidden by the view or filter",
                group_thousands(c.hidden)
            ),
            theme.warning,
        ));
    }
    let footer = vec![
        Line::raw(""),
        popup::buttons(&CHOICES, usize::from(c.yes_selected), theme),
        Line::styled("←→ choose · Enter · y applies · Esc cancels", theme.muted).centered(),
    ];
    popup::boxed(frame, area, &c.title, body, footer, 48, theme);
}
