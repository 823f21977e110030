//! The device panel's lines, most needed first: the device's name; isolation and restriction
//! (derived, "isolating…" while an action is on its way); why it may not answer soon; the other
//! open alerts on it and of its user with the key that lists them; its actions with their live
//! status; then the machine's facts. Every value from the service is sanitised and bounded.

use crate::app::device::actions::status_text;
use crate::app::device::lines::{ActionLine, LineStatus, Lines};
use crate::app::device::state::{DevicePanel, PanelLoad};
use crate::app::device::target::offline_note;
use crate::app::device::words::no_device_words;
use crate::app::list::widths::{short_host, short_user};
use crate::ui::clock;
use crate::ui::safe_text::{BADGE, fit, fit_line, width};
use crate::ui::theme::Theme;
use crate::ui::wrap;
use chrono::FixedOffset;
use mde_model::Timestamp;
use mde_model::device::{ActionStatus, ContainmentState, DeviceContext, Phase};
use ratatui::style::Style;
use ratatui::text::{Line, Span};

/// Width of the label column.
const LABEL: usize = 13;

/// Rows a field's value may take before it is cut.
const VALUE_ROWS: usize = 3;

/// What the line builders need.
pub struct Ctx<'a> {
    /// The clock (ages).
    pub now: Option<Timestamp>,
    /// Time zone shown.
    pub offset: Option<FixedOffset>,
    /// Width of the pane's inside.
    pub cols: usize,
    /// The cursor is drawn only with the focus.
    pub focused: bool,
    /// Styles.
    pub theme: &'a Theme,
    /// The panel's keys as the keymap in force has them (`  x respond · T tags · E retry …`).
    pub keys: String,
    /// The key that retries a failed action (marks the lines it can retry).
    pub retry_key: String,
}

impl Ctx<'_> {
    /// A label and its value. A value wider than the pane goes on under itself (the label
    /// column left blank) for up to `VALUE_ROWS` rows, so "not isolated (no action in the
    /// device's recent history)" is read whole in a 37-column pane (120×32); past that it ends
    /// in `…` (a hostile tag list stays bounded).
    fn field(&self, label: &str, value: Option<&str>, style: Style) -> Vec<Line<'static>> {
        let head = Span::styled(format!("{label:<LABEL$}"), self.theme.muted);
        let Some(v) = value.map(str::trim).filter(|v| !v.is_empty()) else {
            return vec![Line::from(vec![head, Span::styled("-", self.theme.muted)])];
        };
        let room = self.cols.saturating_sub(LABEL + 1).max(6);
        let safe = fit_line(v, room * VALUE_ROWS);
        let badged = safe.flags.any();
        let mut text = safe.text;
        if badged {
            text = format!("{BADGE} {text}");
        }
        let mut rows = wrap::words(&text, room);
        if rows.len() > VALUE_ROWS {
            // Breaking at spaces can leave more rows than the cut allowed: the last one shown
            // says that more follows.
            rows.truncate(VALUE_ROWS);
            if let Some(last) = rows.last_mut() {
                *last = fit(&format!("{last}…"), room).into_owned();
            }
        }
        rows.into_iter()
            .enumerate()
            .map(|(i, row)| {
                let label = if i == 0 {
                    head.clone()
                } else {
                    Span::raw(" ".repeat(LABEL))
                };
                // The badge leads the first row, in the warning style.
                match row.strip_prefix(BADGE).filter(|_| badged && i == 0) {
                    Some(rest) => Line::from(vec![
                        label,
                        Span::styled(BADGE.to_string(), self.theme.warning),
                        Span::styled(rest.to_string(), style),
                    ]),
                    None => Line::from(vec![label, Span::styled(row, style)]),
                }
            })
            .collect()
    }

    /// A note wrapped to the width (sanitised).
    fn note(&self, text: &str, style: Style) -> Vec<Line<'static>> {
        let safe = fit_line(text, 2_000).text;
        wrap::words(&safe, self.cols.max(8))
            .into_iter()
            .map(|r| Line::styled(r, style))
            .collect()
    }

    fn heading(&self, text: &str) -> Line<'static> {
        Line::styled(text.to_string(), self.theme.title)
    }
}

/// The lines of the panel, and the row of the action under the cursor.
pub fn lines(
    panel: &DevicePanel,
    lines: Option<&Lines>,
    c: &Ctx<'_>,
) -> (Vec<Line<'static>>, Option<usize>) {
    let t = c.theme;
    let mut out = Vec::new();
    match &panel.load {
        PanelLoad::Loading => {
            let what = panel
                .alert_device
                .as_deref()
                .map_or("this alert's device".to_string(), |d| {
                    short_host(d).to_string()
                });
            out.extend(c.note(&format!("Loading {what}…"), t.muted));
            others(panel, c, &mut out);
            (out, None)
        }
        PanelLoad::Failed(e) => {
            out.extend(c.note(&format!("No device: {}", no_device_words(e)), t.error));
            if let Some(d) = &panel.alert_device {
                out.extend(c.field("Alert device", Some(d), Style::new()));
            }
            others(panel, c, &mut out);
            (out, None)
        }
        PanelLoad::Loaded(ctx) => loaded(panel, ctx, lines, c, out),
    }
}

fn loaded(
    panel: &DevicePanel,
    ctx: &DeviceContext,
    lines: Option<&Lines>,
    c: &Ctx<'_>,
    mut out: Vec<Line<'static>>,
) -> (Vec<Line<'static>>, Option<usize>) {
    let t = c.theme;
    let m = &ctx.machine;
    let name = fit_line(m.display_name(), c.cols.saturating_mul(2));
    let mut head = Vec::new();
    if name.flags.any() {
        head.push(Span::styled(format!("{BADGE} "), t.warning));
    }
    head.push(Span::styled(name.text, t.title));
    out.push(Line::from(head));
    if let Some(w) = mde_text::warning(m.display_name()) {
        out.extend(c.note(&format!("{BADGE} Name: {w}"), t.warning));
    }
    if let Some(l) = lines {
        out.extend(containment(
            c,
            "Isolation",
            &l.state.isolation,
            l.sending_isolation,
        ));
        out.extend(containment(
            c,
            "Restriction",
            &l.state.restriction,
            l.sending_restriction,
        ));
    }
    if let Some(n) = offline_note(ctx, c.now) {
        out.extend(c.note(&n, t.warning));
    }
    if ctx.from_cache {
        let when = ctx.fetched_at.map(|f| match c.now {
            Some(now) => format!(" ({} ago)", clock::age(now, f)),
            None => String::new(),
        });
        out.extend(c.note(
            &format!(
                "Cached copy{}: a fresher one follows when the service answers",
                when.unwrap_or_default()
            ),
            t.muted,
        ));
    }
    others(panel, c, &mut out);
    let mut cursor_row = None;
    let actions = lines.map_or(&[][..], |l| l.actions.as_slice());
    let in_flight = actions.iter().filter(|a| a.status.in_flight()).count();
    let mut head = format!("Actions ({})", actions.len());
    if in_flight > 0 {
        head = format!("Actions ({}, {in_flight} in flight)", actions.len());
    }
    let keys = c.keys.clone();
    let mut spans = vec![Span::styled(head.clone(), t.title)];
    if width(&head) + width(&keys) <= c.cols {
        spans.push(Span::styled(keys, t.muted));
    }
    out.push(Line::from(spans));
    if actions.is_empty() {
        let rows = wrap::words(
            "none in the device's recent history",
            c.cols.saturating_sub(2),
        );
        out.extend(
            rows.into_iter()
                .map(|r| Line::styled(format!("  {r}"), t.muted)),
        );
    }
    for (i, a) in actions.iter().enumerate() {
        let selected = i == panel.cursor;
        if selected {
            cursor_row = Some(out.len());
        }
        out.push(action_line(a, selected && c.focused, c));
    }
    out.push(c.heading("Device"));
    let os = [
        m.os_platform.clone(),
        m.version.clone(),
        m.os_version.clone(),
        m.os_build.map(|b| format!("build {b}")),
        m.os_architecture.clone(),
    ]
    .into_iter()
    .flatten()
    .filter(|s| !s.trim().is_empty())
    .collect::<Vec<_>>()
    .join(" · ");
    out.extend(c.field("OS", Some(&os), Style::new()));
    let health = m.health_status.as_ref().map(|h| h.as_str().to_string());
    let healthy = health.as_deref() == Some("Active");
    out.extend(c.field(
        "Health",
        health.as_deref(),
        if healthy { t.ok } else { t.warning },
    ));
    let risk = m.risk_score.as_ref().map(|r| r.as_str().to_string());
    let risk_style = match risk.as_deref() {
        Some("High") => t.sev_high,
        Some("Medium") => t.sev_medium,
        _ => Style::new(),
    };
    out.extend(c.field("Risk", risk.as_deref(), risk_style));
    let exposure = m.exposure_level.as_ref().map(|r| r.as_str().to_string());
    out.extend(c.field("Exposure", exposure.as_deref(), Style::new()));
    let seen = m.last_seen.map(|s| match c.now {
        Some(now) => clock::absolute_with_age(now, s, c.offset),
        None => clock::absolute(s, c.offset),
    });
    out.extend(c.field("Last seen", seen.as_deref(), Style::new()));
    out.extend(c.field("Last IP", m.last_ip_address.as_deref(), Style::new()));
    out.extend(c.field(
        "External IP",
        m.last_external_ip_address.as_deref(),
        Style::new(),
    ));
    let tags = (!m.machine_tags.is_empty()).then(|| m.machine_tags.join(", "));
    out.extend(c.field("Tags", tags.as_deref(), Style::new()));
    out.extend(c.field("Device group", m.rbac_group_name.as_deref(), Style::new()));
    let onboarding = m.onboarding_status.as_ref().map(|o| o.as_str().to_string());
    out.extend(c.field("Onboarding", onboarding.as_deref(), Style::new()));
    out.extend(c.field("Antivirus", m.defender_av_status.as_deref(), Style::new()));
    out.extend(c.field("Managed by", m.managed_by.as_deref(), Style::new()));
    out.extend(c.field("Machine id", Some(&m.id), Style::new()));
    out.extend(c.field("Entra device", m.aad_device_id.as_deref(), Style::new()));
    (out, cursor_row)
}

/// `Isolation   isolated (Full) · 2h ago`, styled by phase (never by colour alone: the words say it).
fn containment(
    c: &Ctx<'_>,
    label: &str,
    s: &ContainmentState,
    sending: Option<bool>,
) -> Vec<Line<'static>> {
    let t = c.theme;
    let (text, style) = match sending {
        Some(on) => {
            let words = match (label, on) {
                ("Isolation", true) => "isolating… (sending)",
                ("Isolation", false) => "releasing… (sending)",
                (_, true) => "restricting… (sending)",
                (_, false) => "lifting restriction… (sending)",
            };
            (words.to_string(), t.pending)
        }
        None => {
            let mut text = s.label();
            if let (Some(now), Some(at), Phase::Applied | Phase::Released) =
                (c.now, s.settled.as_ref().and_then(|x| x.at), s.phase())
            {
                text.push_str(&format!(" · {} ago", clock::age(now, at)));
            }
            let style = match s.phase() {
                Phase::Applied => t.warning,
                Phase::Applying | Phase::Releasing => t.pending,
                Phase::Released => t.ok,
                Phase::Unknown => t.muted,
            };
            (text, style)
        }
    };
    c.field(label, Some(&text), style)
}

/// The other open alerts on the device and of the user, each with the key that lists them.
fn others(panel: &DevicePanel, c: &Ctx<'_>, out: &mut Vec<Line<'static>>) {
    let t = c.theme;
    let mut rows: Vec<Vec<Span<'static>>> = Vec::new();
    if panel.alert_device.is_some() {
        // The key must stay on screen: the shorter words where the longer do not fit.
        let n = panel.others.device;
        let mut words = format!("{n} open on the device ");
        if LABEL + width(&words) + 3 > c.cols {
            words = format!("{n} on the device ");
        }
        rows.push(vec![Span::raw(words), Span::styled("(f)", t.key)]);
    }
    if let Some(u) = &panel.alert_user {
        let who = fit_line(short_user(u), 20).text;
        rows.push(vec![
            Span::raw(format!("{} of {who} ", panel.others.user)),
            Span::styled("(F)", t.key),
        ]);
    }
    if rows.is_empty() {
        rows.push(vec![Span::styled("-", t.muted)]);
    }
    for (i, r) in rows.into_iter().enumerate() {
        let label = if i == 0 { "Other alerts" } else { "" };
        let mut spans = vec![Span::styled(format!("{label:<LABEL$}"), t.muted)];
        spans.extend(r);
        out.push(Line::from(spans));
    }
}

/// One action: cursor, status (word and style), what, age, who.
fn action_line(a: &ActionLine, selected: bool, c: &Ctx<'_>) -> Line<'static> {
    let t = c.theme;
    let status = status_text(&a.status);
    let style = match &a.status {
        LineStatus::Sending
        | LineStatus::Service(ActionStatus::Pending | ActionStatus::InProgress) => t.pending,
        LineStatus::Service(ActionStatus::Succeeded) => t.ok,
        LineStatus::Service(ActionStatus::Failed | ActionStatus::TimeOut)
        | LineStatus::Failed(_) => t.error,
        _ => t.muted,
    };
    let age = match (c.now, a.updated.or(a.created)) {
        (Some(now), Some(at)) => clock::age(now, at),
        _ => String::new(),
    };
    let who = if a.ours {
        "you".to_string()
    } else {
        a.requestor
            .as_deref()
            .map(|r| fit_line(r.split('@').next().unwrap_or(r), 12).text)
            .unwrap_or_default()
    };
    let retry = if a.can_retry && !c.retry_key.is_empty() {
        format!(" {}", c.retry_key)
    } else {
        String::new()
    };
    let marker = if selected { "▸" } else { " " };
    let status_w = 12;
    // Who asked gives way before what was asked when the pane is narrow.
    let mut tail = format!(" {age:>3} {who}{retry}");
    if c.cols.saturating_sub(1 + status_w + width(&tail)) < 24 {
        let mine = if a.ours { " you" } else { "" };
        tail = format!(" {age:>3}{mine}{retry}");
    }
    let room = c
        .cols
        .saturating_sub(1 + status_w + width(&tail) + 1)
        .max(6);
    let label = fit(&fit_line(&a.label, room).text, room).into_owned();
    let label_style = if selected { t.selected } else { Style::new() };
    Line::from(vec![
        Span::styled(marker.to_string(), t.key),
        Span::styled(format!("{:<status_w$}", fit(&status, status_w - 1)), style),
        Span::styled(format!("{label:<room$}"), label_style),
        Span::styled(tail, t.muted),
    ])
}

#[cfg(test)]
#[path = "content_tests.rs"]
mod tests;
