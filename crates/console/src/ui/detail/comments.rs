//! The comments pane: oldest first, each with its author and time (absolute and age), text
//! sanitised and wrapped; a note when an unsent draft is saved.

use crate::app::state::State;
use crate::ui::block;
use crate::ui::clock;
use crate::ui::safe_text::{BADGE, fit_line, safe_lines};
use crate::ui::scroll;
use crate::ui::theme::Theme;
use mde_model::Comment;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

/// Draws the comments pane.
pub fn render(frame: &mut Frame, area: Rect, state: &State, focused: bool, theme: &Theme) {
    let loaded = state.loaded_detail();
    let count = loaded.map_or(String::new(), |d| d.alert.comments.len().to_string());
    let b = block::pane("Comments", &count, focused, theme);
    let inner = b.inner(area);
    frame.render_widget(b, area);
    let Some(detail) = loaded else {
        let msg = if state.detail.is_some() {
            "Loading…"
        } else {
            "Open an alert to see its comments."
        };
        frame.render_widget(Paragraph::new(Line::styled(msg, theme.muted)), inner);
        return;
    };
    let cols = usize::from(inner.width);
    let mut lines = Vec::new();
    if detail
        .draft
        .as_deref()
        .is_some_and(|d| !d.trim().is_empty())
    {
        lines.push(Line::styled(
            "✎ unsent draft saved (C to continue)",
            theme.pending,
        ));
        lines.push(Line::raw(""));
    }
    let mut sorted: Vec<&Comment> = detail.alert.comments.iter().collect();
    // Oldest first; comments without a time keep their place at the start.
    sorted.sort_by_key(|c| c.created_time);
    if sorted.is_empty() {
        lines.push(Line::styled("No comments yet. C writes one.", theme.muted));
    }
    let offset = clock::offset_of(state.time_mode);
    for c in sorted {
        let author = c
            .created_by
            .as_deref()
            .map_or("unknown".to_string(), |a| fit_line(a, cols / 2).text);
        let when = match (c.created_time, state.now) {
            (Some(t), Some(now)) => clock::absolute_with_age(now, t, offset),
            (Some(t), None) => clock::absolute(t, offset),
            (None, _) => "time unknown".to_string(),
        };
        let (text, flags) = safe_lines(&c.comment, cols.saturating_mul(8));
        let mut head = vec![Span::styled(author, theme.title)];
        if flags.any() {
            head.push(Span::styled(format!(" {BADGE}"), theme.warning));
        }
        head.push(Span::styled(format!(" · {when}"), theme.muted));
        lines.push(Line::from(head));
        lines.extend(text.into_iter().map(|t| Line::raw(format!("  {t}"))));
        lines.push(Line::raw(""));
    }
    let para = Paragraph::new(lines).wrap(Wrap { trim: false });
    let total = para.line_count(inner.width);
    let shown = usize::from(inner.height);
    let want = state.detail.as_ref().map_or(0, |d| d.comments_scroll);
    let first = scroll::clamp(want, shown, total);
    let top = u16::try_from(first).unwrap_or(u16::MAX);
    frame.render_widget(para.scroll((top, 0)), inner);
    scroll::bar(frame, area, first, shown, total, theme);
}

/// Rows the comments of the open alert want (the layout sizes the pane by it): three per
/// comment — a long one scrolls — so what a comment says never moves the other panes.
pub fn content_rows(state: &State) -> u16 {
    let Some(d) = state.loaded_detail() else {
        return 1;
    };
    let draft = d.draft.as_deref().is_some_and(|t| !t.trim().is_empty());
    let rows = d.alert.comments.len() * 3 + if draft { 2 } else { 0 };
    u16::try_from(rows.max(1)).unwrap_or(u16::MAX)
}
