//! The confirmation before a write to several alerts: the exact change and how many alerts it
//! touches; Cancel is the default.

use crate::app::dialogs::confirm::state::Confirm;
use crate::ui::popup;
use crate::ui::safe_text::{fit_line, group_thousands};
use crate::ui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// Draws the confirmation of a (bulk) write.
pub fn render(frame: &mut Frame, area: Rect, c: &Confirm, theme: &Theme) {
    let h = u16::try_from(c.lines.len() + 6).unwrap_or(u16::MAX);
    let rect = popup::centered(area, 64, h);
    let inner = popup::open(frame, rect, &c.title, theme);
    let room = usize::from(inner.width).saturating_sub(4);
    let mut lines = vec![Line::from(vec![
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
    lines.extend(
        c.lines
            .iter()
            .map(|l| Line::raw(format!("  {}", fit_line(l, room).text))),
    );
    lines.push(Line::raw(""));
    let selected = usize::from(c.yes_selected);
    lines.push(popup::buttons(&["Cancel", "Apply"], selected, theme));
    lines.push(Line::styled("←→ choose · Enter · Esc cancels", theme.muted).centered());
    frame.render_widget(Paragraph::new(lines), inner);
}
