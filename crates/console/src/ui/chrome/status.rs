//! The status bar: profile and tenant, sync state (last refresh age, next poll, rate-limit
//! budget, pause, retrying or offline), outbox pending/failed, the view and filter with its
//! match count, and the newest transient message. The bar is built from segments: when they do
//! not all fit, the call budget goes first, then the others take their short form from the
//! least useful up (the view's name, the near count, the next poll, the tenant), and only then
//! are the least useful left out whole — never a number cut ("1 of 500", never "1 of 5"). The
//! profile and the sync state outlast everything else; the message is shown whole when it fits
//! the bar at all.

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

/// One piece of the bar: its spans, a shorter form if it has one (and when it is taken: lower
/// first), and how much the segment matters (higher stays longer).
struct Segment {
    spans: Vec<Span<'static>>,
    short: Option<(Cut, Vec<Span<'static>>)>,
    keep: u8,
}

/// What a short form leaves out, in the order they are left out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Cut {
    /// The view's (or scope's) name: the list's title has it.
    ViewName,
    /// The tenant after the profile: the profile names it.
    Tenant,
    /// The time to the next poll.
    NextPoll,
    /// The near count after the breaches.
    Near,
    /// Why the connection is retrying or offline (the message said it when it happened).
    Reason,
}

impl Segment {
    fn new(spans: Vec<Span<'static>>, keep: u8) -> Segment {
        Segment {
            spans,
            short: None,
            keep,
        }
    }

    fn or_short(mut self, cut: Cut, short: Vec<Span<'static>>) -> Segment {
        self.short = Some((cut, short));
        self
    }

    fn width(&self) -> usize {
        self.spans.iter().map(|s| width(&s.content)).sum()
    }
}

/// Makes `segs` fit `room`: the budget-like segments (`keep` 0) go, then the others take their
/// short forms in `Cut` order, then they go whole from the least useful up (among equals, the
/// later one first).
fn fit_segments(segs: &mut Vec<Segment>, room: usize) {
    while total(segs) > room {
        if let Some(i) = segs.iter().rposition(|s| s.keep == 0) {
            segs.remove(i);
            continue;
        }
        let shorter = segs
            .iter()
            .enumerate()
            .filter_map(|(i, s)| s.short.as_ref().map(|(cut, _)| (*cut, i)))
            .min()
            .map(|(_, i)| i);
        if let Some(i) = shorter {
            if let Some((_, short)) = segs[i].short.take() {
                segs[i].spans = short;
            }
            continue;
        }
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
    fit_segments(&mut segs, max.saturating_sub(toast_w));
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
    let count = format!(" {} of {}", inc.view.len(), inc.rows.len());
    // Short: without the scope's name (the list's title has it).
    let short = without_name(&spans[1..], &count);
    spans.push(Span::raw(count));
    Segment::new(spans, 2).or_short(Cut::ViewName, short)
}

/// The filter's spans and the count, without the name before them.
fn without_name(filter: &[Span<'static>], count: &str) -> Vec<Span<'static>> {
    let mut out = filter.to_vec();
    match out.first_mut() {
        Some(first) => {
            first.content = first.content.trim_start().to_string().into();
            out.push(Span::raw(count.to_string()));
        }
        None => out.push(Span::raw(count.trim_start().to_string())),
    }
    out
}

fn total(segs: &[Segment]) -> usize {
    let sep = segs.len().saturating_sub(1) * width(SEP);
    segs.iter().map(Segment::width).sum::<usize>() + sep
}

fn segments(state: &State, theme: &Theme) -> Vec<Segment> {
    let s = &state.connection.status;
    let cfg = &state.config;
    let mut out = Vec::new();
    let profile = fit_line(&cfg.profile, 16).text;
    // Which profile (and so which tenant) the keys act on: kept over everything but the sync
    // state; short, the profile alone.
    let who = if cfg.tenant.is_empty() {
        Segment::new(vec![Span::styled(profile, theme.tenant)], 3)
    } else {
        let full = format!("{profile}@{}", fit_line(&cfg.tenant, 16).text);
        Segment::new(vec![Span::styled(full, theme.tenant)], 3)
            .or_short(Cut::Tenant, vec![Span::styled(profile, theme.tenant)])
    };
    out.push(who);
    // Issue 12: alerts near or past their SLA target, among every alert held (kept over the
    // view's segment, which the list's title repeats).
    if let Some((spans, short)) = crate::ui::rotation::sla::status_spans(state, theme) {
        let seg = Segment::new(spans, 2);
        out.push(match short {
            Some(short) => seg.or_short(Cut::Near, short),
            None => seg,
        });
    }
    // Sync state.
    let mut sync: Vec<Span<'static>> = Vec::new();
    let mut sync_short = None;
    match state.connection.health() {
        Health::Offline(e) => {
            sync_short = Some((Cut::Reason, vec![Span::styled("offline", theme.error)]));
            sync.push(Span::styled(
                format!("offline: {}", fit_line(&e, 30).text),
                theme.error,
            ));
        }
        Health::Retrying(e) => {
            sync_short = Some((Cut::Reason, vec![Span::styled("retrying", theme.warning)]));
            sync.push(Span::styled(
                format!("retrying: {}", fit_line(&e, 30).text),
                theme.warning,
            ));
        }
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
            // The next poll only when it is two minutes away or more (a long interval, a
            // backoff): a countdown in seconds would redraw an idle screen every second.
            let next = state
                .now
                .zip(s.next_poll)
                .filter(|(now, next)| (next.0 - now.0).num_seconds() >= 120);
            if let Some((now, next)) = next {
                // Short: without the next poll.
                sync_short = Some((Cut::NextPoll, sync.clone()));
                let a = clock::age(next, now);
                sync.push(Span::styled(format!(" · next in {a}"), theme.muted));
            }
        }
    }
    let sync = Segment::new(sync, 4);
    out.push(match sync_short {
        Some((cut, short)) => sync.or_short(cut, short),
        None => sync,
    });
    if s.budget_per_minute > 0 {
        let style: Style = if s.budget_left * 10 < s.budget_per_minute {
            theme.warning
        } else {
            theme.muted
        };
        out.push(Segment::new(
            vec![Span::styled(
                format!("{}/{} calls", s.budget_left, s.budget_per_minute),
                style,
            )],
            0,
        ));
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
        // Writes not yet delivered: as much the sync state as the connection is.
        out.push(Segment::new(spans, 4));
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
        out.push(Segment::new(
            vec![Span::styled(format!("hunt {}/{}", q.used, q.limit), style)],
            2,
        ));
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
    let count = format!(" {} of {}", list.match_count(), list.total_count());
    // Short: without the view's name (the list's title has it); the filter stays.
    let short = without_name(&spans[1..], &count);
    spans.push(Span::raw(count));
    out.push(Segment::new(spans, 2).or_short(Cut::ViewName, short));
    out
}
