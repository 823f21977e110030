//! The bulk isolation: how many devices of how many marked alerts, each device by name with
//! where its lookup stands (found and to be isolated, already isolated, another name of a
//! device above, not found), alerts without a device, the comment, the count (or `isolate`) to
//! type, the last refusal, the choices.

use super::frame::{Editor, Form, draw};
use super::{choices, field_line, wrapped};
use crate::app::dialogs::response::offers::cut;
use crate::app::dialogs::response::state::{BulkForm, BulkStatus, Field};
use crate::ui::safe_text::fit_line;
use crate::ui::theme::Theme;
use mde_model::device::Phase;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

/// Devices listed one per line before the rest are counted.
const LISTED: usize = 8;

/// Draws the form.
pub fn render(frame: &mut Frame, area: Rect, f: &BulkForm, theme: &Theme) {
    let cols = usize::from(area.width.saturating_sub(8)).min(90);
    let n = f.to_isolate().count();
    let how = f.isolation.as_str();
    let waiting = f.resolving();
    let head = if waiting > 0 {
        format!("Looking up the devices of {}… ({waiting} left)", f.subject)
    } else {
        format!(
            "Isolate {n} device{} ({how}) of {}: each loses its network access except to Defender, until released.",
            if n == 1 { "" } else { "s" },
            f.subject
        )
    };
    let mut top = wrapped(&head, cols, theme.title);
    for d in f.devices.iter().take(LISTED) {
        let name = fit_line(&cut(&d.name, 40), 40).text;
        let alerts = format!(
            "{} alert{}",
            d.alert_ids.len(),
            if d.alert_ids.len() == 1 { "" } else { "s" }
        );
        let (mark, what, style) = match &d.status {
            BulkStatus::Resolving(_) => ("…", "looking it up".to_string(), theme.muted),
            BulkStatus::Ready(t) => match t.isolation {
                Phase::Applied => ("-", "already isolated: left out".to_string(), theme.muted),
                Phase::Applying => (
                    "-",
                    "isolation on its way: left out".to_string(),
                    theme.muted,
                ),
                _ if t.lacks("Machine.Isolate") => (
                    "!",
                    "the token lacks Machine.Isolate".to_string(),
                    theme.error,
                ),
                _ => (
                    "●",
                    format!(
                        "will be isolated{}",
                        t.offline.as_ref().map_or("", |_| " (may be offline)")
                    ),
                    theme.warning,
                ),
            },
            BulkStatus::Failed(e) => ("!", format!("not found: {}", cut(e, 50)), theme.error),
            BulkStatus::Duplicate(of) => {
                ("=", format!("same device as {}", cut(of, 30)), theme.muted)
            }
        };
        top.push(Line::from(vec![
            Span::styled(format!(" {mark} "), style),
            Span::raw(format!("{name}  ")),
            Span::styled(format!("{alerts} · "), theme.muted),
            Span::styled(fit_line(&what, cols.saturating_sub(40)).text, style),
        ]));
    }
    if f.devices.len() > LISTED {
        top.push(Line::styled(
            format!("   … and {} more devices", f.devices.len() - LISTED),
            theme.muted,
        ));
    }
    if f.no_device > 0 {
        top.push(Line::styled(
            format!(
                "   {} marked alert(s) name no device: left out",
                f.no_device
            ),
            theme.muted,
        ));
    }
    let mut below = vec![
        Line::styled(
            format!("Type {n} (the number of devices) or 'isolate' to confirm:"),
            theme.warning,
        ),
        field_line(">", &f.confirm, f.field == Field::Confirm, cols, theme),
    ];
    if let Some(e) = &f.error {
        below.extend(wrapped(e, cols, theme.error));
    }
    let title = format!("Isolate the devices of {}", f.subject);
    draw(
        frame,
        area,
        Form {
            title: &title,
            top,
            editor: Some(Editor {
                area: &f.comment,
                label: "Comment (required, recorded with each action)",
                focused: f.field == Field::Comment,
                rows: 2,
            }),
            below,
            footer: choices("Cancel", &format!("Isolate {n}"), theme),
        },
        theme,
    );
}
