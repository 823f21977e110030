//! The detail pane, read top-down: the title; severity, status, owner, classification and
//! determination (from the list row, so a change on its way shows at once, marked); the
//! description; the MITRE techniques with their names; the times (created, first and last
//! event, with ages); the device and the user; then the other facts; identifiers last. A scroll
//! bar and the position show when it is longer than the pane. Until the full alert arrives, the
//! list row's fields are shown with a loading note.

use super::mitre;
use crate::app::detail::state::DetailLoad;
use crate::app::state::State;
use crate::app::view::state::TimeMode;
use crate::ui::block;
use crate::ui::clock;
use crate::ui::safe_text::{BADGE, bounded_line, fit_line, safe_lines};
use crate::ui::scroll;
use crate::ui::theme::{Theme, severity_word};
use chrono::FixedOffset;
use mde_model::{Alert, AlertRow, Timestamp};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

/// Width of the label column.
const LABEL: usize = 16;

/// Draws the detail pane.
pub fn render(frame: &mut Frame, area: Rect, state: &State, focused: bool, theme: &Theme) {
    let Some(detail) = &state.detail else {
        let b = block::pane("Detail", "", focused, theme);
        let inner = b.inner(area);
        frame.render_widget(b, area);
        frame.render_widget(
            Paragraph::new(Line::styled("Enter opens the selected alert.", theme.muted)),
            inner,
        );
        return;
    };
    let time_info = match state.time_mode {
        TimeMode::Utc => "UTC".to_string(),
        TimeMode::Local(o) => format!("local {o}"),
    };
    // The detail keeps its alert when the filter hides it from the list: say so.
    let title = if state.list.rows.in_view(&detail.alert_id) || !state.list.loaded {
        "Detail".to_string()
    } else {
        "Detail · hidden by the view/filter".to_string()
    };
    let b = block::pane(&title, &time_info, focused, theme);
    let inner = b.inner(area);
    frame.render_widget(b, area);
    let cols = usize::from(inner.width);
    let ctx = Ctx {
        now: state.now,
        offset: clock::offset_of(state.time_mode),
        cols,
        theme,
        sla: Some(&state.config.settings.sla),
    };
    let row = state.list.rows.get(&detail.alert_id);
    let pending = state.triage.is_pending(&detail.alert_id);
    let lines = match &detail.load {
        DetailLoad::Loaded(d) => alert_lines(&d.alert, row, pending, &ctx),
        DetailLoad::Loading | DetailLoad::Idle => {
            let mut l = vec![Line::styled("Loading the full alert…", theme.muted)];
            if let Some(r) = row {
                l.extend(row_lines(r, &ctx));
            }
            l
        }
        DetailLoad::Failed(e) => {
            let mut l = vec![Line::styled(
                format!("Could not load the alert: {}", fit_line(e, cols).text),
                theme.error,
            )];
            if let Some(r) = row {
                l.extend(row_lines(r, &ctx));
            }
            l
        }
    };
    let para = Paragraph::new(lines).wrap(Wrap { trim: false });
    let total = para.line_count(inner.width);
    let shown = usize::from(inner.height);
    let first = scroll::clamp(detail.scroll, shown, total);
    let top = u16::try_from(first).unwrap_or(u16::MAX);
    frame.render_widget(para.scroll((top, 0)), inner);
    scroll::bar(frame, area, first, shown, total, theme);
}

/// What every line builder needs.
pub struct Ctx<'a> {
    /// The clock (ages need it).
    pub now: Option<Timestamp>,
    /// Time zone to show.
    pub offset: Option<FixedOffset>,
    /// Width of the pane's inside.
    pub cols: usize,
    /// Styles.
    pub theme: &'a Theme,
    /// SLA targets, for the clock lines (issue 12).
    pub sla: Option<&'a mde_ops::SlaPolicy>,
}

impl Ctx<'_> {
    fn field(&self, label: &str, value: Option<&str>) -> Line<'static> {
        self.styled_field(label, value, Style::new())
    }

    fn styled_field(&self, label: &str, value: Option<&str>, style: Style) -> Line<'static> {
        let mut spans = vec![Span::styled(format!("{label:<LABEL$}"), self.theme.muted)];
        match value {
            Some(v) => {
                let safe = bounded_line(v, self.value_cols());
                if safe.flags.any() {
                    spans.push(Span::styled(format!("{BADGE} "), self.theme.warning));
                }
                spans.push(Span::styled(safe.text, style));
            }
            None => spans.push(Span::styled("-", self.theme.muted)),
        }
        Line::from(spans)
    }

    fn time(&self, label: &str, t: Option<Timestamp>) -> Line<'static> {
        // In a narrow pane a time loses its age, then its seconds and year, rather than being
        // cut: "2026-12-02 11:26:…(+15 chars)" tells the analyst nothing.
        let room = self.value_cols();
        let v = t.map(|t| {
            let full = self
                .now
                .map(|now| clock::absolute_with_age(now, t, self.offset));
            [full, Some(clock::absolute(t, self.offset))]
                .into_iter()
                .flatten()
                .find(|v| v.chars().count() <= room)
                .unwrap_or_else(|| clock::compact(t, self.offset))
        });
        self.field(label, v.as_deref())
    }

    /// Columns left for a value beside its label.
    fn value_cols(&self) -> usize {
        self.cols.saturating_sub(LABEL + 2).max(8)
    }

    fn heading(&self, text: &str) -> Line<'static> {
        Line::styled(text.to_string(), self.theme.title)
    }
}

/// The lines of a fully loaded alert, most useful first. `row` is the list's row of it (with
/// any change on its way, which `pending` marks); the triage fields come from it when known.
pub fn alert_lines(
    a: &Alert,
    row: Option<&AlertRow>,
    pending: bool,
    c: &Ctx<'_>,
) -> Vec<Line<'static>> {
    let t = c.theme;
    let title = fit_line(&a.title, c.cols.saturating_mul(3));
    let mut title_spans = Vec::new();
    if title.flags.any() {
        title_spans.push(Span::styled(format!("{BADGE} "), t.warning));
    }
    title_spans.push(Span::styled(title.text, t.title));
    let mut l = vec![Line::from(title_spans)];
    l.extend(warning_lines(a, c));
    // Triage state: what the analyst decides on, from the row so a pending change shows.
    let status = row.map_or(a.status.clone(), |r| r.status.clone());
    let assigned = row.map_or(a.assigned_to.clone(), |r| r.assigned_to.clone());
    let class = row.map_or(a.classification.clone(), |r| r.classification.clone());
    let det = row.map_or(a.determination.clone(), |r| r.determination.clone());
    let mark = |s: String| {
        if pending {
            format!("{s}  (saving…)")
        } else {
            s
        }
    };
    l.push(c.styled_field(
        "Severity",
        Some(a.severity.as_str()),
        t.severity(&a.severity),
    ));
    l.push(c.field("Status", Some(&mark(status.as_str().to_string()))));
    l.push(c.field("Assigned to", assigned.as_deref()));
    l.push(c.field(
        "Classification",
        class.as_ref().map(|x| x.label().to_string()).as_deref(),
    ));
    l.push(c.field(
        "Determination",
        det.as_ref().map(|x| x.label().to_string()).as_deref(),
    ));
    // Issue 12: time in the current status and the SLA clock.
    if let Some(sla) = c.sla {
        l.extend(crate::ui::rotation::detail::status_lines(
            a, row, c.now, sla, t,
        ));
    }
    l.push(c.heading("Description"));
    match &a.description {
        Some(d) => {
            let (lines, flags) = safe_lines(d, c.cols.saturating_mul(8));
            if flags.any() {
                l.push(Line::styled(
                    format!("{BADGE} the description contains hidden or control characters (shown as symbols)"),
                    t.warning,
                ));
            }
            l.extend(lines.into_iter().map(Line::raw));
        }
        None => l.push(Line::styled("-", t.muted)),
    }
    l.push(c.heading("MITRE ATT&CK"));
    if a.mitre_techniques.is_empty() {
        l.push(Line::styled("  none", t.muted));
    }
    for id in &a.mitre_techniques {
        l.push(mitre::technique_line(id, c.cols, t));
    }
    l.push(c.heading("Times"));
    l.push(c.time("Created", a.alert_creation_time));
    l.push(c.time("First event", a.first_event_time));
    l.push(c.time("Last event", a.last_event_time));
    l.push(c.time("Updated", a.last_update_time));
    if a.resolved_time.is_some() {
        l.push(c.time("Resolved", a.resolved_time));
    }
    l.push(c.heading("Device and user"));
    l.push(c.field("Device", a.computer_dns_name.as_deref()));
    l.push(c.field("Device group", a.rbac_group_name.as_deref()));
    l.push(c.field("User", a.user_display().as_deref()));
    let logged: Vec<String> = a
        .logged_on_users
        .iter()
        .map(|u| match (&u.domain_name, &u.account_name) {
            (Some(d), Some(n)) => format!("{d}\\{n}"),
            (_, Some(n)) => n.clone(),
            _ => "?".to_string(),
        })
        .collect();
    if !logged.is_empty() {
        l.push(c.field("Logged on", Some(&logged.join(", "))));
    }
    l.push(c.heading("Detection"));
    l.extend([
        c.field("Category", a.category.as_deref()),
        c.field("Source", a.detection_source.as_deref()),
        c.field("Threat family", a.threat_family_name.as_deref()),
        c.field("Threat name", a.threat_name.as_deref()),
        c.field("Incident", a.incident_id.map(|i| i.to_string()).as_deref()),
        c.field("Investigation", investigation(a).as_deref()),
    ]);
    if !a.domains.is_empty() {
        let domains: Vec<String> = a.domains.iter().map(|d| d.to_string()).collect();
        l.push(c.field("Domains", Some(&domains.join(", "))));
    }
    l.push(c.field(
        "Evidence",
        Some(&format!(
            "{} item(s), {} comment(s)",
            a.evidence.len(),
            a.comments.len()
        )),
    ));
    l.push(c.heading("Identifiers"));
    l.extend([
        c.field("Alert id", Some(&a.id)),
        c.field("Detector id", a.detector_id.as_deref()),
        c.field("Machine id", a.machine_id.as_deref()),
        c.field("Tenant", a.aad_tenant_id.as_deref()),
    ]);
    l
}

/// The words behind each badge: what a tricked field really says.
fn warning_lines(a: &Alert, c: &Ctx<'_>) -> Vec<Line<'static>> {
    let user = a.user_display();
    [
        ("Title", Some(a.title.as_str())),
        ("Device", a.computer_dns_name.as_deref()),
        ("User", user.as_deref()),
        ("Assigned to", a.assigned_to.as_deref()),
        ("Category", a.category.as_deref()),
        ("Threat", a.threat_name.as_deref()),
    ]
    .into_iter()
    .filter_map(|(what, v)| v.and_then(mde_text::warning).map(|w| (what, w)))
    .map(|(what, w)| {
        Line::styled(
            format!(
                "{BADGE} {what}: {}",
                fit_line(&w, c.cols.saturating_mul(2)).text
            ),
            c.theme.warning,
        )
    })
    .collect()
}

fn investigation(a: &Alert) -> Option<String> {
    match (a.investigation_id, &a.investigation_state) {
        (None, None) => None,
        (id, st) => Some(format!(
            "{} {}",
            id.map_or("-".to_string(), |i| i.to_string()),
            st.as_ref().map_or(String::new(), |s| format!("({s})"))
        )),
    }
}

/// The lines available from the list row alone (while loading or after a failure).
pub fn row_lines(r: &AlertRow, c: &Ctx<'_>) -> Vec<Line<'static>> {
    vec![
        Line::styled(fit_line(&r.title, c.cols * 2).text, c.theme.title),
        c.styled_field(
            "Severity",
            Some(severity_word(&r.severity)),
            c.theme.severity(&r.severity),
        ),
        c.field("Status", Some(r.status.as_str())),
        c.field("Assigned to", r.assigned_to.as_deref()),
        c.time("Created", r.created),
        c.field("Device", r.device.as_deref()),
        c.field("User", r.user.as_deref()),
        c.field("Category", r.category.as_deref()),
        c.time("Updated", r.last_update),
        c.field("Alert id", Some(&r.id)),
    ]
}
