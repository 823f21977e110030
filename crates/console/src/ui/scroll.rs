//! Where a pane that scrolls is: a scroll bar on its right border and the position
//! (`12–30/45`) on its bottom border, drawn only when the content is longer than the pane.

use super::theme::Theme;
use ratatui::Frame;
use ratatui::layout::{Margin, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState};

/// `12–30/45` for rows `first..first + shown` of `total`, or `None` when everything shows.
pub fn position(first: usize, shown: usize, total: usize) -> Option<String> {
    if total <= shown || shown == 0 {
        return None;
    }
    let last = (first + shown).min(total);
    Some(format!("{}–{last}/{total}", first + 1))
}

/// The largest useful first row for `total` rows in `shown`.
pub fn clamp(first: usize, shown: usize, total: usize) -> usize {
    first.min(total.saturating_sub(shown))
}

/// Draws the bar and the position on the border of `pane` (the pane's whole rectangle).
pub fn bar(frame: &mut Frame, pane: Rect, first: usize, shown: usize, total: usize, theme: &Theme) {
    let Some(pos) = position(first, shown, total) else {
        return;
    };
    if pane.height < 4 || pane.width < 12 {
        return;
    }
    let mut st = ScrollbarState::new(total.saturating_sub(shown) + 1)
        .viewport_content_length(shown)
        .position(first);
    frame.render_stateful_widget(
        Scrollbar::new(ScrollbarOrientation::VerticalRight)
            .begin_symbol(Some("▲"))
            .end_symbol(Some("▼"))
            .track_symbol(Some("│"))
            .thumb_symbol("█")
            .style(theme.muted),
        pane.inner(Margin {
            horizontal: 0,
            vertical: 1,
        }),
        &mut st,
    );
    let text = format!(" {pos} ");
    let w = u16::try_from(text.chars().count()).unwrap_or(u16::MAX);
    if w + 4 < pane.width {
        let r = Rect::new(pane.right() - w - 2, pane.bottom() - 1, w, 1);
        frame.render_widget(Paragraph::new(Line::styled(text, theme.muted)), r);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions() {
        assert_eq!(position(0, 10, 5), None);
        assert_eq!(position(0, 10, 45).as_deref(), Some("1–10/45"));
        assert_eq!(position(40, 10, 45).as_deref(), Some("41–45/45"));
        assert_eq!(clamp(100, 10, 45), 35);
    }
}
