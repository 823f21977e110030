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

/// A dialog box sized to its content and clamped to `area`: `body` on top, `footer` (the
/// choices and the key hint) pinned to the bottom so that it stays on screen however little
/// room there is; the body loses its last lines first. `min_width` is the width the content
/// asks for (the box adds its borders).
pub fn boxed(
    frame: &mut Frame,
    area: Rect,
    title: &str,
    body: Vec<Line<'static>>,
    footer: Vec<Line<'static>>,
    min_width: u16,
    theme: &Theme,
) -> Rect {
    let title_w = u16::try_from(super::safe_text::width(title) + 6).unwrap_or(u16::MAX);
    let content_w = body
        .iter()
        .chain(&footer)
        .map(|l| u16::try_from(l.width()).unwrap_or(u16::MAX))
        .max()
        .unwrap_or(0)
        .max(min_width)
        .max(title_w.min(area.width));
    let h = u16::try_from(body.len() + footer.len() + 2).unwrap_or(u16::MAX);
    let rect = centered(area, content_w.saturating_add(4), h);
    let inner = open(frame, rect, title, theme);
    draw_pinned(frame, inner, body, footer);
    rect
}

/// Draws `body` from the top of `inner` and `footer` on its last rows.
pub fn draw_pinned(
    frame: &mut Frame,
    inner: Rect,
    body: Vec<Line<'static>>,
    footer: Vec<Line<'static>>,
) {
    use ratatui::widgets::Paragraph;
    let foot_h = u16::try_from(footer.len())
        .unwrap_or(u16::MAX)
        .min(inner.height);
    let body_h = inner.height - foot_h;
    let pad = Rect::new(
        inner.x + 1,
        inner.y,
        inner.width.saturating_sub(2),
        inner.height,
    );
    if body_h > 0 {
        let r = Rect::new(pad.x, pad.y, pad.width, body_h);
        frame.render_widget(Paragraph::new(body), r);
    }
    if foot_h > 0 {
        let r = Rect::new(pad.x, pad.y + body_h, pad.width, foot_h);
        frame.render_widget(Paragraph::new(footer), r);
    }
}
