//! The box every response form draws in: its lines on top (what and on which device), the comment
//! editor in a frame of its own (brighter while it has the keys), the lines under it (the typed
//! confirmation, the last refusal), and the choices with the key hint pinned to the bottom. On a
//! short screen the top lines give way first, then the editor shrinks to two rows; the choices
//! and the hint always show.

use crate::ui::popup;
use crate::ui::safe_text::width;
use crate::ui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph};
use ratatui_textarea::TextArea;

/// The comment editor of a form.
pub struct Editor<'a> {
    /// The text area.
    pub area: &'a TextArea<'static>,
    /// Its frame's title.
    pub label: &'a str,
    /// It has the keys.
    pub focused: bool,
    /// Rows it asks for inside its frame.
    pub rows: u16,
}

/// The parts of a form.
pub struct Form<'a> {
    /// Title (sanitised by the popup).
    pub title: &'a str,
    /// Lines above the editor.
    pub top: Vec<Line<'static>>,
    /// The editor, if the form has one.
    pub editor: Option<Editor<'a>>,
    /// Lines under the editor.
    pub below: Vec<Line<'static>>,
    /// The choices and the key hint.
    pub footer: Vec<Line<'static>>,
}

/// Widest a form gets.
const WIDEST: u16 = 96;

/// Draws a form centred in `area`; returns the rectangle it took.
pub fn draw(frame: &mut Frame, area: Rect, form: Form<'_>, theme: &Theme) -> Rect {
    let content_w = form
        .top
        .iter()
        .chain(&form.below)
        .chain(&form.footer)
        .map(Line::width)
        .max()
        .unwrap_or(0)
        .max(width(form.title) + 4);
    let w = u16::try_from(content_w + 4)
        .unwrap_or(u16::MAX)
        .clamp(56, WIDEST)
        .min(area.width);
    let len = |v: &[Line<'_>]| u16::try_from(v.len()).unwrap_or(u16::MAX);
    let (mut top_h, below_h, foot_h) = (len(&form.top), len(&form.below), len(&form.footer));
    let mut ed_h = form.editor.as_ref().map_or(0, |e| e.rows + 2);
    let room = area.height.saturating_sub(2);
    let need = |t: u16, e: u16| t + e + below_h + foot_h;
    if need(top_h, ed_h) > room && ed_h > 4 {
        ed_h = (ed_h - (need(top_h, ed_h) - room)).max(4);
    }
    if need(top_h, ed_h) > room {
        top_h = room.saturating_sub(ed_h + below_h + foot_h);
    }
    let h = (need(top_h, ed_h) + 2).min(area.height);
    let rect = popup::centered(area, w, h);
    let inner = popup::open(frame, rect, form.title, theme);
    let pad = Rect::new(
        inner.x + 1,
        inner.y,
        inner.width.saturating_sub(2),
        inner.height,
    );
    let [top, ed, below, foot] = pad.layout(&Layout::vertical([
        Constraint::Length(top_h),
        Constraint::Length(ed_h),
        Constraint::Length(below_h),
        Constraint::Fill(1),
    ]));
    frame.render_widget(Paragraph::new(form.top), top);
    if let Some(e) = form.editor
        && ed.height > 0
    {
        // The area draws the analyst's own text (its pre-filled part was sanitised).
        let mut area = e.area.clone();
        let border = if e.focused {
            theme.border_focused
        } else {
            theme.border
        };
        area.set_block(
            Block::bordered()
                .border_style(border)
                .title(Line::styled(format!(" {} ", e.label), theme.muted)),
        );
        if !e.focused {
            area.set_cursor_style(Style::new());
        }
        area.set_cursor_line_style(Style::new());
        frame.render_widget(&area, ed);
    }
    frame.render_widget(Paragraph::new(form.below), below);
    let foot = Rect::new(
        foot.x,
        foot.bottom().saturating_sub(foot_h),
        foot.width,
        foot_h.min(foot.height),
    );
    frame.render_widget(Paragraph::new(form.footer), foot);
    rect
}
