//! The conflict prompt: the server's version next to the analyst's change. Discard is what
//! Enter does; Overwrite has its own key.

use crate::app::dialogs::conflict::state::{CHOICES, ConflictPrompt};
use crate::app::incidents::conflict::IncidentConflictPrompt;
use crate::app::incidents::pending::describe;
use crate::app::list::widths::short_host;
use crate::app::subject::quote::quote;
use crate::ui::clock;
use crate::ui::popup;
use crate::ui::safe_text::fit_line;
use crate::ui::theme::{Theme, severity_word};
use chrono::FixedOffset;
use mde_model::protocol::TriageChange;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

/// Draws the conflict prompt: what the server has now, what the analyst wanted, and the two
/// choices with their keys (Enter only discards; overwriting takes `o`), always on screen.
pub fn render(
    frame: &mut Frame,
    area: Rect,
    p: &ConflictPrompt,
    offset: Option<FixedOffset>,
    theme: &Theme,
) {
    let room = usize::from(area.width.saturating_sub(24)).clamp(8, 60);
    let s = &p.server;
    let opt = |v: &Option<String>| {
        v.as_deref()
            .map_or("-".to_string(), |v| fit_line(v, room).text)
    };
    let row = |k: &str, v: String| {
        Line::from(vec![
            Span::styled(format!("  {k:<15}"), theme.muted),
            Span::raw(v),
        ])
    };
    let mut body = vec![
        Line::from(vec![
            Span::raw("Alert "),
            Span::styled(fit_line(&p.alert_id, room).text, theme.title),
            Span::raw(" changed since you saw it."),
        ]),
        Line::styled("Server now:", theme.title),
        row("Title", fit_line(&s.title, room).text),
        row("Severity", severity_word(&s.severity).to_string()),
        row("Status", s.status.to_string()),
        row("Assigned to", opt(&s.assigned_to)),
        row(
            "Classification",
            s.classification
                .as_ref()
                .map_or("-".to_string(), |c| c.label().to_string()),
        ),
        row(
            "Determination",
            s.determination
                .as_ref()
                .map_or("-".to_string(), |d| d.label().to_string()),
        ),
        row(
            "Updated",
            s.last_update
                .map_or("-".to_string(), |t| clock::absolute(t, offset)),
        ),
        Line::styled("Your change:", theme.title),
    ];
    match &p.mine {
        Some(m) => body.extend(
            change_lines(m, room)
                .into_iter()
                .map(|l| Line::raw(format!("  {l}"))),
        ),
        None => body.push(Line::styled("  (not known)", theme.muted)),
    }
    let footer = footer(theme);
    let device = s
        .device
        .as_deref()
        .map_or(String::new(), |d| format!(" on {}", short_host(d)));
    let title = format!(
        "Changed on the server: {}{device}",
        quote(&fit_line(&s.title, 40).text, 40)
    );
    popup::boxed(frame, area, &title, body, footer, 56, theme);
}

/// The choices and their keys, pinned under both prompts.
fn footer(theme: &Theme) -> Vec<Line<'static>> {
    vec![
        Line::raw(""),
        popup::buttons(&CHOICES, 0, theme),
        Line::styled(
            "Enter/d keeps the server's version · o overwrites it",
            theme.muted,
        )
        .centered(),
    ]
}

/// The conflict prompt of an incident write (issue 11): the incident as the server has it now,
/// the analyst's change, the same choices and keys.
pub fn render_incident(
    frame: &mut Frame,
    area: Rect,
    p: &IncidentConflictPrompt,
    offset: Option<FixedOffset>,
    theme: &Theme,
) {
    let room = usize::from(area.width.saturating_sub(24)).clamp(8, 60);
    let s = &p.server;
    let row = |k: &str, v: String| {
        Line::from(vec![
            Span::styled(format!("  {k:<15}"), theme.muted),
            Span::raw(v),
        ])
    };
    let label = |v: Option<&str>| v.map_or("-".to_string(), |v| fit_line(v, room).text);
    let tags = s.tags.join(", ");
    let mut body = vec![
        Line::from(vec![
            Span::raw("Incident "),
            Span::styled(fit_line(&s.id, room).text, theme.title),
            Span::raw(format!(
                " ({} alerts) changed since you saw it.",
                s.alert_count
            )),
        ]),
        Line::styled("Server now:", theme.title),
        row("Name", fit_line(&s.name, room).text),
        row("Severity", severity_word(&s.severity).to_string()),
        row("Status", s.status.label().to_string()),
        row("Assigned to", label(s.assigned_to.as_deref())),
        row(
            "Classification",
            label(s.classification.as_ref().map(|c| c.label())),
        ),
        row(
            "Determination",
            label(s.determination.as_ref().map(|d| d.label())),
        ),
        row("Tags", label(Some(tags.as_str()).filter(|t| !t.is_empty()))),
        row(
            "Updated",
            s.last_update
                .map_or("-".to_string(), |t| clock::absolute(t, offset)),
        ),
        Line::styled("Your change:", theme.title),
    ];
    match &p.mine {
        Some(m) => body.extend(
            describe(m)
                .into_iter()
                .map(|l| Line::raw(format!("  {}", fit_line(&l, room + 16).text))),
        ),
        None => body.push(Line::styled("  (not known)", theme.muted)),
    }
    let title = format!(
        "Changed on the server: incident {} {}",
        fit_line(&s.id, 12).text,
        quote(&fit_line(&s.name, 36).text, 36)
    );
    popup::boxed(frame, area, &title, body, footer(theme), 56, theme);
}

/// The fields a change sets, one line each, values sanitised.
pub fn change_lines(c: &TriageChange, room: usize) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(s) = &c.status {
        out.push(format!("status → {s}"));
    }
    if let Some(a) = &c.assigned_to {
        out.push(format!("assigned to → {}", fit_line(a, room).text));
    }
    if let Some(cl) = &c.classification {
        out.push(format!("classification → {}", cl.label()));
    }
    if let Some(d) = &c.determination {
        out.push(format!("determination → {}", d.label()));
    }
    if let Some(t) = &c.comment {
        out.push(format!("comment → {}", fit_line(t, room).text));
    }
    out
}
