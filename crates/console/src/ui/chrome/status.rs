//! The status bar: profile and tenant, sync state (last refresh age, next poll, rate-limit
//! budget, pause, errors), outbox pending/failed, the active filter with its match count, and
//! the newest transient message.

use crate::app::chrome::toasts::Level;
use crate::app::state::State;
use crate::ui::clock;
use crate::ui::safe_text::fit_line;
use crate::ui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

const SEP: &str = " │ ";

/// Draws the status bar in `row`; the message, when there is one, gets the right part.
pub fn render(frame: &mut Frame, row: Rect, state: &State, theme: &Theme) {
    let left = left_spans(state, theme);
    match state.toast() {
        Some(t) => {
            let msg_cols = (row.width / 2).max(20).min(row.width);
            let [l, r] = row.layout(&Layout::horizontal([
                Constraint::Fill(1),
                Constraint::Length(msg_cols),
            ]));
            frame.render_widget(Paragraph::new(Line::from(left)), l);
            let style = match t.level {
                Level::Info => theme.ok,
                Level::Warn => theme.warning,
                Level::Error => theme.error,
            };
            let text = fit_line(&t.text, usize::from(msg_cols)).text;
            frame.render_widget(Paragraph::new(Line::styled(text, style).right_aligned()), r);
        }
        None => frame.render_widget(Paragraph::new(Line::from(left)), row),
    }
}

fn left_spans(state: &State, theme: &Theme) -> Vec<Span<'static>> {
    let s = &state.connection.status;
    let cfg = &state.config;
    let who = if cfg.tenant.is_empty() {
        fit_line(&cfg.profile, 16).text
    } else {
        format!(
            "{}@{}",
            fit_line(&cfg.profile, 16).text,
            fit_line(&cfg.tenant, 16).text
        )
    };
    let mut out = vec![Span::styled(who, theme.title), Span::raw(SEP)];
    // Sync state.
    if let Some(e) = s.error.as_ref().or(state.connection.refresh_error.as_ref()) {
        out.push(Span::styled(
            format!("offline: {}", fit_line(e, 30).text),
            theme.error,
        ));
    } else if state.connection.paused || s.paused {
        out.push(Span::styled("paused", theme.warning));
    } else {
        let synced = match (state.now, s.last_sync) {
            (Some(now), Some(t)) => format!("synced {} ago", clock::age(now, t)),
            (_, None) => "not synced".to_string(),
            (None, Some(_)) => "synced".to_string(),
        };
        out.push(Span::raw(synced));
        if let (Some(now), Some(next)) = (state.now, s.next_poll) {
            let a = clock::age(next, now);
            out.push(Span::styled(format!(" · next {a}"), theme.muted));
        }
    }
    if s.budget_per_minute > 0 {
        let style = if s.budget_left * 10 < s.budget_per_minute {
            theme.warning
        } else {
            theme.muted
        };
        out.push(Span::styled(
            format!(" · {}/{} calls", s.budget_left, s.budget_per_minute),
            style,
        ));
    }
    // Outbox.
    let pending = state.writes_pending();
    if pending > 0 || s.outbox_failed > 0 {
        out.push(Span::raw(SEP));
        out.push(Span::styled(format!("outbox {pending}"), theme.pending));
        if s.outbox_failed > 0 {
            out.push(Span::styled(
                format!(" · {} failed", s.outbox_failed),
                theme.error,
            ));
        }
    }
    // Filter.
    if !state.list.filter_text.is_empty() {
        out.push(Span::raw(SEP));
        out.push(Span::styled(
            format!("/{}", fit_line(&state.list.filter_text, 24).text),
            theme.key,
        ));
        out.push(Span::raw(format!(
            " {} of {}",
            state.list.match_count(),
            state.list.total_count()
        )));
        if state.list.filter_error.is_some() {
            out.push(Span::styled(" ✗", theme.error));
        }
    }
    out
}
