//! The process story (issue 11): a box over the panes with the process tree around the alert
//! and the network and file events of the process under the cursor.

pub mod events;
pub mod tree;

use crate::app::state::State;
use crate::app::story::state::{Story, StoryLoad};
use crate::ui::clock;
use crate::ui::popup;
use crate::ui::safe_text::fit_line;
use crate::ui::theme::Theme;
use mde_model::graph::{HuntFailure, HuntQuery};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

/// The key hint on the story's last row.
pub const HINT: &str = "↑↓ move · Enter events · v command line · r run again · Esc close";

/// Draws the story over `area` (the body).
pub fn render(frame: &mut Frame, area: Rect, state: &State, theme: &Theme) {
    let Some(story) = state.story.open.as_ref() else {
        return;
    };
    let w = area.width.min(170);
    let rect = popup::centered(area, w, area.height);
    let inner = popup::open(
        frame,
        rect,
        &format!("Process story of {}", story.name),
        theme,
    );
    if inner.height < 3 {
        return;
    }
    let [head, main, hint] = inner.layout(&Layout::vertical([
        Constraint::Length(2),
        Constraint::Fill(1),
        Constraint::Length(1),
    ]));
    let pad = |r: Rect| Rect::new(r.x + 1, r.y, r.width.saturating_sub(2), r.height);
    frame.render_widget(Paragraph::new(header(state, story, theme)), pad(head));
    frame.render_widget(Paragraph::new(Line::styled(HINT, theme.muted)), pad(hint));
    let main = pad(main);
    match &story.load {
        StoryLoad::Loaded if !story.lines.is_empty() => {
            let events_h = (main.height / 2)
                .clamp(3, 14)
                .min(main.height.saturating_sub(3));
            let [top, bottom] = main.layout(&Layout::vertical([
                Constraint::Fill(1),
                Constraint::Length(events_h),
            ]));
            tree::render(frame, top, state, story, theme);
            events::render(frame, bottom, state, story, theme);
        }
        other => {
            let (text, style) = message(story, other, theme);
            frame.render_widget(
                Paragraph::new(Line::styled(text, style)).wrap(Wrap { trim: true }),
                main,
            );
        }
    }
}

/// Where the story stands, when there is no tree to show.
fn message(story: &Story, load: &StoryLoad, theme: &Theme) -> (String, ratatui::style::Style) {
    match load {
        StoryLoad::WaitingForAlert => ("Loading the alert's evidence…".into(), theme.muted),
        StoryLoad::Loading => {
            let what = story
                .query
                .as_ref()
                .map_or(String::new(), HuntQuery::describe);
            (format!("Asking advanced hunting: {what}…"), theme.muted)
        }
        StoryLoad::Unavailable(why) => (fit_line(why, 400).text, theme.warning),
        StoryLoad::Failed(f) => {
            let hint = match f {
                HuntFailure::Throttled { .. } | HuntFailure::Unavailable(_) => " — r tries again",
                _ => "",
            };
            (
                format!("{}{hint}", fit_line(&f.to_string(), 400).text),
                theme.error,
            )
        }
        StoryLoad::Loaded => (
            "Advanced hunting has no process creations on this device within an hour of the alert."
                .into(),
            theme.muted,
        ),
    }
}

/// Two lines: `device 4b1e3f9a…6e5f · 2026-11-26 10:51:00 UTC → 12:56:00`, then `6 of 9 processes ·
/// 2 of 2 evidence processes found · from the store, ran 2m ago`.
fn header(state: &State, story: &Story, theme: &Theme) -> Vec<Line<'static>> {
    let offset = clock::offset_of(state.time_mode);
    let mut spans = Vec::new();
    let mut second = Vec::new();
    if let Some(HuntQuery::DeviceProcesses { device, from, to }) = &story.query {
        let d = device.as_str();
        spans.push(Span::styled(
            format!(
                "device {}…{}",
                &d[..8.min(d.len())],
                &d[d.len().saturating_sub(4)..]
            ),
            theme.title,
        ));
        let (a, b) = (clock::absolute(*from, offset), clock::absolute(*to, offset));
        // The same day: the end as a time only.
        let b = match (a.get(..11), b.get(11..)) {
            (Some(day), Some(rest)) if b.starts_with(day) => rest.to_string(),
            _ => b,
        };
        spans.push(Span::raw(format!(" · {a} → {b}")));
    }
    if story.load == StoryLoad::Loaded {
        let (n, shown) = (story.tree.nodes.len(), story.lines.len());
        // The tree is cut to the evidence's branches: say how much of the window that is.
        second.push(Span::raw(if shown < n {
            format!("{shown} of {n} processes")
        } else {
            format!("{n} processes")
        }));
        let ev = story.evidence.len();
        let found = story.evidence_found;
        let (text, style) = match (ev, found) {
            (0, _) => (
                " · the alert names no process: every process of the window".to_string(),
                theme.muted,
            ),
            (ev, 0) => (
                format!(
                    " · none of its {ev} evidence processes found: every process of the window"
                ),
                theme.warning,
            ),
            (ev, found) if found < ev => (
                format!(" · {found} of {ev} evidence processes found"),
                theme.warning,
            ),
            (ev, found) => (
                format!(" · {found} of {ev} evidence processes found"),
                theme.muted,
            ),
        };
        second.push(Span::styled(text, style));
        let when = match (state.now, story.ran_at) {
            (Some(now), Some(t)) => format!("ran {} ago", clock::age(now, t)),
            _ => "ran".into(),
        };
        let src = if story.cached { "from the store, " } else { "" };
        second.push(Span::styled(format!(" · {src}{when}"), theme.muted));
    }
    vec![Line::from(spans), Line::from(second)]
}
