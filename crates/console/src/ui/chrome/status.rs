//! The status bar: profile and tenant, sync state (last refresh age, next poll, rate-limit
//! budget, pause, retrying or offline), outbox pending/failed, the view and filter with its
//! match count, and the newest transient message. The bar is built from segments: when they do
//! not all fit, the least useful are left out whole, so no number is ever cut ("1 of 500",
//! never "1 of 5"); the message is shown whole when it fits the bar at all.

use crate::app::chrome::toasts::Level;
use crate::app::connection::state::Health;
use crate::app::state::State;
use crate::ui::clock;
use crate::ui::safe_text::{fit_line, width};
use crate::ui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

const SEP: &str = " │ ";

/// One piece of the bar: its spans and how much it matters (higher stays longer).
struct Segment {
    spans: Vec<Span<'static>>,
    keep: u8,
}

impl Segment {
    fn width(&self) -> usize {
        self.spans.iter().map(|s| width(&s.content)).sum()
    }
}

/// Draws the status bar in `row`.
pub fn render(frame: &mut Frame, row: Rect, state: &State, theme: &Theme) {
    let max = usize::from(row.width);
    let toast = state.toast().map(|t| {
        let style = match t.level {
            Level::Info => theme.ok,
            Level::Warn => theme.warning,
            Level::Error => theme.error,
        };
        // Whole when it fits the bar; only a message longer than the bar is cut.
        (fit_line(&t.text, max).text, style)
    });
    let toast_w = toast.as_ref().map_or(0, |(t, _)| width(t) + 1);
    let mut segs = segments(state, theme);
    let room = max.saturating_sub(toast_w);
    while total(&segs) > room {
        let Some(i) = segs
            .iter()
            .enumerate()
            .min_by_key(|(i, s)| (s.keep, usize::MAX - i))
            .map(|(i, _)| i)
        else {
            break;
        };
        segs.remove(i);
    }
    let mut spans: Vec<Span<'static>> = Vec::new();
    for (i, s) in segs.into_iter().enumerate() {
        if i > 0 {
            spans.push(Span::raw(SEP));
        }
        spans.extend(s.spans);
    }
    if let Some((text, style)) = toast {
        let used: usize = spans.iter().map(|s| width(&s.content)).sum();
        let pad = max.saturating_sub(used + width(&text));
        spans.push(Span::raw(" ".repeat(pad)));
        spans.push(Span::styled(text, style));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), row);
}

fn incidents_segment(state: &State, theme: &Theme) -> Segment {
    let inc = &state.incidents;
    let mut spans = vec![Span::styled(inc.scope.title().to_string(), theme.key)];
    if !inc.filter_text.is_empty() {
        spans.push(Span::styled(
            format!(" /{}", fit_line(&inc.filter_text, 24).text),
            theme.key,
        ));
        if inc.filter_error.is_some() {
            spans.push(Span::styled(" ✗", theme.error));
        }
    }
    spans.push(Span::raw(format!(
        " {} of {}",
        inc.view.len(),
        inc.rows.len()
    )));
    Segment { spans, keep: 2 }
}

fn total(segs: &[Segment]) -> usize {
    let sep = segs.len().saturating_sub(1) * width(SEP);
    segs.iter().map(Segment::width).sum::<usize>() + sep
}

fn segments(state: &State, theme: &Theme) -> Vec<Segment> {
    let s = &state.connection.status;
    let cfg = &state.config;
    let mut out = Vec::new();
    let who = if cfg.tenant.is_empty() {
        fit_line(&cfg.profile, 16).text
    } else {
        format!(
            "{}@{}",
            fit_line(&cfg.profile, 16).text,
            fit_line(&cfg.tenant, 16).text
        )
    };
    out.push(Segment {
        spans: vec![Span::styled(who, theme.tenant)],
        keep: 1,
    });
    // Issue 12: alerts near or past their SLA target, among every alert held (kept over the
    // view's segment, which the list's title repeats).
    if let Some(spans) = crate::ui::rotation::sla::status_spans(state, theme) {
        out.push(Segment { spans, keep: 2 });
    }
    // Sync state.
    let mut sync: Vec<Span<'static>> = Vec::new();
    match state.connection.health() {
        Health::Offline(e) => sync.push(Span::styled(
            format!("offline: {}", fit_line(&e, 30).text),
            theme.error,
        )),
        Health::Retrying(e) => sync.push(Span::styled(
            format!("retrying: {}", fit_line(&e, 30).text),
            theme.warning,
        )),
        Health::Ok if state.connection.paused || s.paused => {
            sync.push(Span::styled("paused", theme.warning));
        }
        // Issue 12: an offline file is never synced; the banner says what it is.
        Health::Ok if state.config.offline_file.is_some() => {
            sync.push(Span::styled("offline file", theme.muted));
        }
        Health::Ok => {
            let synced = match (state.now, s.last_sync) {
                (Some(now), Some(t)) => format!("synced {} ago", clock::age(now, t)),
                (_, None) => "not synced".to_string(),
                (None, Some(_)) => "synced".to_string(),
            };
            sync.push(Span::raw(synced));
            if let (Some(now), Some(next)) = (state.now, s.next_poll) {
                let a = clock::age(next, now);
                sync.push(Span::styled(format!(" · next {a}"), theme.muted));
            }
        }
    }
    out.push(Segment {
        spans: sync,
        keep: 4,
    });
    if s.budget_per_minute > 0 {
        let style: Style = if s.budget_left * 10 < s.budget_per_minute {
            theme.warning
        } else {
            theme.muted
        };
        out.push(Segment {
            spans: vec![Span::styled(
                format!("{}/{} calls", s.budget_left, s.budget_per_minute),
                style,
            )],
            keep: 0,
        });
    }
    // Outbox.
    let pending = state.writes_pending();
    if pending > 0 || s.outbox_failed > 0 {
        let mut spans = vec![Span::styled(format!("outbox {pending}"), theme.pending)];
        if s.outbox_failed > 0 {
            spans.push(Span::styled(
                format!(" · {} failed", s.outbox_failed),
                theme.error,
            ));
        }
        out.push(Segment { spans, keep: 3 });
    }
    // Issue 11: hunting calls used, while the story is open or the quota runs low.
    let hunting = state.story.open.is_some();
    if let Some(q) = state
        .story
        .quota
        .filter(|q| q.limit > 0 && (hunting || q.used * 10 >= q.limit * 8))
    {
        let style = if q.used * 10 >= q.limit * 9 {
            theme.warning
        } else {
            theme.muted
        };
        out.push(Segment {
            spans: vec![Span::styled(format!("hunt {}/{}", q.used, q.limit), style)],
            keep: 2,
        });
    }
    // Issue 11: the incident list's scope, filter and count when it is shown.
    if state.incidents.active {
        out.push(incidents_segment(state, theme));
        return out;
    }
    // View and filter.
    let list = &state.list;
    let mut spans = vec![Span::styled(list.view_title().to_string(), theme.key)];
    if !list.filter_text.is_empty() {
        spans.push(Span::styled(
            format!(" /{}", fit_line(&list.filter_text, 24).text),
            theme.key,
        ));
        if list.filter_error.is_some() {
            spans.push(Span::styled(" ✗", theme.error));
        }
    }
    spans.push(Span::raw(format!(
        " {} of {}",
        list.match_count(),
        list.total_count()
    )));
    out.push(Segment { spans, keep: 2 });
    out
}
