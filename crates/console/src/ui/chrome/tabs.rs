//! On narrow screens the lower slot shows one pane; the strip on its border says which, and
//! that Tab reaches the others.

use crate::ui::layout::{Region, Screen};
use crate::ui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// Draws the tab strip on the border of the pane shown in the lower slot.
pub fn render(frame: &mut Frame, screen: &Screen, theme: &Theme) {
    let mut shown = vec![
        (Region::Detail, "Detail"),
        (Region::Evidence, "Evidence"),
        (Region::Comments, "Comments"),
    ];
    // Issue 10: the device panel is a tab while it is open.
    if screen.device_open {
        shown.push((Region::Device, "Device"));
    }
    let Some((active, rect)) = shown
        .iter()
        .find_map(|(r, _)| screen.rect(*r).map(|rect| (*r, rect)))
    else {
        return;
    };
    let mut spans = vec![Span::raw(" ")];
    for (i, (r, name)) in shown.iter().enumerate() {
        if i > 0 {
            spans.push(Span::styled(" │ ", theme.muted));
        }
        let style = if *r == active {
            theme.selected
        } else {
            theme.muted
        };
        spans.push(Span::styled(*name, style));
    }
    spans.push(Span::styled(" (Tab) ", theme.muted));
    let row = Rect::new(rect.x + 1, rect.y, rect.width.saturating_sub(2), 1);
    frame.render_widget(Paragraph::new(Line::from(spans)), row);
}
