//! The detail's clock lines: how long the alert has been in its status (exactly when the
//! service says so, "at least" when only its last update bounds it) and where it stands against
//! its SLA target.

use crate::ui::clock;
use crate::ui::theme::Theme;
use chrono::TimeDelta;
use mde_model::{Alert, AlertRow, Timestamp};
use mde_ops::format_duration;
use mde_ops::sla::{SlaPolicy, SlaState, status_age};
use ratatui::text::{Line, Span};

/// Width of the detail's label column.
const LABEL: usize = 16;

/// "In status" and "SLA" lines for an alert (its list row carries any change on its way).
pub fn status_lines(
    a: &Alert,
    row: Option<&AlertRow>,
    now: Option<Timestamp>,
    sla: &SlaPolicy,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let Some(now) = now else {
        return Vec::new();
    };
    let label = |l: &str| Span::styled(format!("{l:<LABEL$}"), theme.muted);
    let mut out = Vec::new();
    if let Some(age) = status_age(a) {
        let since = clock::age(now, age.since);
        let text = if age.exact {
            since
        } else {
            format!("at least {since} (since its last update)")
        };
        out.push(Line::from(vec![label("In status"), Span::raw(text)]));
    }
    let fallback;
    let row = match row {
        Some(r) => r,
        None => {
            fallback = AlertRow::from_alert(a);
            &fallback
        }
    };
    if let Some(v) = sla.evaluate(row, now) {
        let target = format_duration(v.target);
        let clock = v.clock.label();
        let (text, style) = match v.state {
            SlaState::Breach => (
                format!(
                    "{clock} breached {} ago (target {target})",
                    minutes(-v.remaining())
                ),
                theme.sla_breach,
            ),
            SlaState::Near => (
                format!(
                    "{clock} due in {} (target {target})",
                    minutes(v.remaining())
                ),
                theme.sla_near,
            ),
            SlaState::Within => (
                format!(
                    "{clock} due in {} (target {target})",
                    minutes(v.remaining())
                ),
                theme.text,
            ),
        };
        out.push(Line::from(vec![label("SLA"), Span::styled(text, style)]));
    }
    out
}

/// A span in whole minutes, as the list's ages are (the screen redraws when the minute turns,
/// so seconds would stand still between).
fn minutes(d: TimeDelta) -> String {
    match d.num_minutes() {
        m if m < 1 => "<1m".to_string(),
        m => format_duration(TimeDelta::minutes(m)),
    }
}
