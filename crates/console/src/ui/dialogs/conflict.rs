//! The conflict prompt: the server's version next to the analyst's change; Discard is the
//! default.

use crate::app::dialogs::conflict::state::ConflictPrompt;
use crate::ui::clock;
use crate::ui::popup;
use crate::ui::safe_text::fit_line;
use crate::ui::theme::{Theme, severity_word};
use chrono::FixedOffset;
use mde_model::protocol::TriageChange;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// Draws the conflict prompt: what the server has now, what the analyst wanted.
pub fn render(
    frame: &mut Frame,
    area: Rect,
    p: &ConflictPrompt,
    offset: Option<FixedOffset>,
    theme: &Theme,
) {
    let mine_lines = p
        .mine
        .as_ref()
        .map_or(1, |m| change_lines(m, 60).len().max(1));
    let h = u16::try_from(mine_lines + 13).unwrap_or(u16::MAX);
    let rect = popup::centered(area, 72, h);
    let inner = popup::open(frame, rect, "Changed on the server", theme);
    let room = usize::from(inner.width).saturating_sub(18);
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
    let mut lines = vec![
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
        Some(m) => lines.extend(
            change_lines(m, room)
                .into_iter()
                .map(|l| Line::raw(format!("  {l}"))),
        ),
        None => lines.push(Line::styled("  (not known)", theme.muted)),
    }
    lines.push(Line::raw(""));
    lines.push(popup::buttons(
        &["Discard mine", "Overwrite"],
        usize::from(p.overwrite_selected),
        theme,
    ));
    frame.render_widget(Paragraph::new(lines), inner);
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
