//! The frame every dialog draws in: a centred, cleared, bordered box sized to its content and
//! clamped to the screen.

use super::safe_text::fit_line;
use super::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear};

/// A `width`×`height` rectangle centred in `area`, shrunk to fit.
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let w = width.min(area.width);
    let h = height.min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

/// Clears `rect`, draws a focused border titled `title` (sanitised: titles can quote alert
/// text) and returns the inner area.
pub fn open(frame: &mut Frame, rect: Rect, title: &str, theme: &Theme) -> Rect {
    frame.render_widget(Clear, rect);
    let room = usize::from(rect.width.saturating_sub(4));
    let block = Block::bordered()
        .border_style(theme.border_focused)
        .title(Line::from(vec![Span::styled(
            format!(" {} ", fit_line(title, room.saturating_sub(2)).text),
            theme.title,
        )]));
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    inner
}

/// A one-line row of buttons, the highlighted one in the selection style.
pub fn buttons(labels: &[&str], selected: usize, theme: &Theme) -> Line<'static> {
    let mut spans = Vec::new();
    for (i, l) in labels.iter().enumerate() {
        if i > 0 {
            spans.push(Span::raw("  "));
        }
        let style = if i == selected {
            theme.selected
        } else {
            theme.text
        };
        spans.push(Span::styled(format!("[ {l} ]"), style));
    }
    Line::from(spans).centered()
}
