//! The report's sections, each from the facts gathered once.

use super::HandoffInput;
use super::markdown::{Table, md, md_quote};
use crate::audit::{AuditClass, AuditRecord, outcomes, result_of};
use crate::duration::format_duration;
use crate::sla::{SlaState, SlaVerdict, untouched};
use chrono::TimeDelta;
use mde_model::{Alert, AlertRow, Comment, Severity, Status, Timestamp};
use std::collections::{BTreeMap, HashSet};

/// What the sections show, gathered once from the input.
pub(super) struct Facts<'a> {
    open_hm: Vec<&'a Alert>,
    unassigned: Vec<&'a Alert>,
    arrived: Vec<&'a Alert>,
    triaged: Vec<&'a Alert>,
    breaches: Vec<(&'a Alert, SlaVerdict)>,
    sent: Vec<&'a AuditRecord>,
    actions: Vec<&'a AuditRecord>,
    comments: Vec<(&'a Alert, &'a Comment)>,
}

fn in_shift(t: Option<Timestamp>, input: &HandoffInput<'_>) -> bool {
    t.is_some_and(|t| t >= input.since && t <= input.now)
}

fn is_open(a: &Alert) -> bool {
    a.status != Status::Resolved
}

impl<'a> Facts<'a> {
    pub(super) fn gather(input: &HandoffInput<'a>) -> Facts<'a> {
        let mut seen = HashSet::new();
        let alerts: Vec<&Alert> = input
            .alerts
            .iter()
            .filter(|a| seen.insert(a.id.as_str()))
            .collect();
        // Most severe first, then oldest first: the longest-waiting serious alert leads.
        let mut by_severity = alerts.clone();
        by_severity.sort_by(|a, b| {
            b.severity
                .rank()
                .cmp(&a.severity.rank())
                .then(a.alert_creation_time.cmp(&b.alert_creation_time))
        });
        let open: Vec<&Alert> = by_severity.iter().copied().filter(|a| is_open(a)).collect();
        let mut arrived: Vec<&Alert> = alerts
            .iter()
            .copied()
            .filter(|a| in_shift(a.alert_creation_time, input))
            .collect();
        arrived.sort_by_key(|a| a.alert_creation_time);
        let mut triaged: Vec<&Alert> = alerts
            .iter()
            .copied()
            .filter(|a| in_shift(a.last_update_time, input) && !untouched(&AlertRow::from_alert(a)))
            .collect();
        triaged.sort_by(|a, b| {
            owner(a)
                .cmp(&owner(b))
                .then(a.last_update_time.cmp(&b.last_update_time))
        });
        let breaches = open
            .iter()
            .filter_map(|a| {
                let v = input.sla.evaluate(&AlertRow::from_alert(a), input.now)?;
                (v.state == SlaState::Breach).then_some((*a, v))
            })
            .collect();
        let mut comments: Vec<(&Alert, &Comment)> = alerts
            .iter()
            .flat_map(|a| a.comments.iter().map(move |c| (*a, c)))
            .filter(|(_, c)| in_shift(c.created_time, input))
            .collect();
        comments.sort_by_key(|(_, c)| c.created_time);
        let in_window: Vec<&AuditRecord> = input
            .audit
            .iter()
            .filter(|r| r.at >= input.since && r.at <= input.now)
            .collect();
        Facts {
            open_hm: open
                .iter()
                .copied()
                .filter(|a| matches!(a.severity, Severity::High | Severity::Medium))
                .collect(),
            unassigned: open
                .iter()
                .copied()
                .filter(|a| a.assigned_to.as_deref().is_none_or(|s| s.trim().is_empty()))
                .collect(),
            arrived,
            triaged,
            breaches,
            sent: in_window
                .iter()
                .copied()
                .filter(|r| r.class() == AuditClass::Queued)
                .collect(),
            actions: in_window
                .iter()
                .copied()
                .filter(|r| r.class() == AuditClass::Action)
                .collect(),
            comments,
        }
    }
}

fn owner(a: &Alert) -> String {
    a.assigned_to
        .clone()
        .filter(|s| !s.trim().is_empty())
        .unwrap_or_else(|| "(nobody)".into())
}

fn time(input: &HandoffInput<'_>, t: Option<Timestamp>) -> String {
    match t {
        Some(t) => {
            let offset = input.zone.offset_at(t);
            t.0.with_timezone(&offset)
                .format("%Y-%m-%d %H:%M")
                .to_string()
        }
        None => "-".into(),
    }
}

fn age(input: &HandoffInput<'_>, a: &Alert) -> String {
    match a.alert_creation_time {
        Some(c) => minutes(input.now.0 - c.0),
        None => "-".into(),
    }
}

/// A span to the minute (`2h15m`); under a minute reads `<1m`.
fn minutes(d: TimeDelta) -> String {
    let d = TimeDelta::minutes(d.num_minutes());
    if d <= TimeDelta::zero() {
        "<1m".into()
    } else {
        format_duration(d)
    }
}

fn opt(s: Option<&str>) -> String {
    s.filter(|s| !s.trim().is_empty())
        .map(md)
        .unwrap_or_else(|| "-".into())
}

pub(super) fn header(input: &HandoffInput<'_>) -> String {
    let mut out = format!("# Shift handoff: {}\n\n", md(input.profile));
    out.push_str(&format!(
        "- Tenant: {}\n- Shift: {} to {} ({}), {}\n",
        opt(Some(input.tenant)),
        time(input, Some(input.since)),
        time(input, Some(input.now)),
        md(&input.zone.to_string()),
        minutes(input.now.0 - input.since.0),
    ));
    if let Some(author) = input.author {
        out.push_str(&format!("- Written by: {}\n", md(author)));
    }
    out.push('\n');
    out
}

pub(super) fn summary(f: &Facts<'_>) -> String {
    let count = |sev: Severity| f.arrived.iter().filter(|a| a.severity == sev).count();
    let mut owners: BTreeMap<String, usize> = BTreeMap::new();
    for a in &f.triaged {
        *owners.entry(owner(a)).or_default() += 1;
    }
    let by = owners
        .iter()
        .map(|(o, n)| format!("{} {n}", md(o)))
        .collect::<Vec<_>>()
        .join(", ");
    let mut out = String::from("## Summary\n\n");
    out.push_str(&format!(
        "- Alerts that arrived: {} (High {}, Medium {}, Low {}, Informational {})\n",
        f.arrived.len(),
        count(Severity::High),
        count(Severity::Medium),
        count(Severity::Low),
        count(Severity::Informational)
    ));
    out.push_str(&format!(
        "- Triaged: {}{}\n",
        f.triaged.len(),
        if by.is_empty() {
            String::new()
        } else {
            format!(" ({by})")
        }
    ));
    out.push_str(&format!("- Open High and Medium: {}\n", f.open_hm.len()));
    out.push_str(&format!("- Unassigned open: {}\n", f.unassigned.len()));
    out.push_str(&format!("- SLA breaches: {}\n", f.breaches.len()));
    out.push_str(&format!(
        "- Changes sent from this console: {}\n",
        f.sent.len()
    ));
    out.push_str(&format!("- Response actions: {}\n", f.actions.len()));
    out.push_str(&format!("- Comments written: {}\n\n", f.comments.len()));
    out
}

pub(super) fn breaches(input: &HandoffInput<'_>, f: &Facts<'_>) -> String {
    let mut t = Table::new(&["Severity", "Clock", "Age", "Target", "Owner", "Title", "Id"]);
    for (a, v) in &f.breaches {
        t.row(vec![
            md(a.severity.as_str()),
            v.clock.label().into(),
            age(input, a),
            format_duration(v.target),
            opt(a.assigned_to.as_deref()),
            md(&a.title),
            md(&a.id),
        ]);
    }
    format!("## SLA breaches\n\n{}\n", t.render())
}

pub(super) fn open_high_medium(input: &HandoffInput<'_>, f: &Facts<'_>) -> String {
    let mut t = Table::new(&[
        "Severity", "Status", "Age", "Owner", "Device", "Title", "Id",
    ]);
    for a in &f.open_hm {
        t.row(vec![
            md(a.severity.as_str()),
            md(a.status.as_str()),
            age(input, a),
            opt(a.assigned_to.as_deref()),
            opt(a.computer_dns_name.as_deref()),
            md(&a.title),
            md(&a.id),
        ]);
    }
    format!("## Open High and Medium alerts\n\n{}\n", t.render())
}

pub(super) fn unassigned(input: &HandoffInput<'_>, f: &Facts<'_>) -> String {
    let mut t = Table::new(&["Severity", "Status", "Age", "Device", "Title", "Id"]);
    for a in &f.unassigned {
        t.row(vec![
            md(a.severity.as_str()),
            md(a.status.as_str()),
            age(input, a),
            opt(a.computer_dns_name.as_deref()),
            md(&a.title),
            md(&a.id),
        ]);
    }
    format!("## Unassigned open alerts\n\n{}\n", t.render())
}

pub(super) fn arrived(input: &HandoffInput<'_>, f: &Facts<'_>) -> String {
    let mut t = Table::new(&["Created", "Severity", "Status", "Owner", "Title", "Id"]);
    for a in &f.arrived {
        t.row(vec![
            time(input, a.alert_creation_time),
            md(a.severity.as_str()),
            md(a.status.as_str()),
            opt(a.assigned_to.as_deref()),
            md(&a.title),
            md(&a.id),
        ]);
    }
    format!("## Alerts that arrived\n\n{}\n", t.render())
}

pub(super) fn triaged(input: &HandoffInput<'_>, f: &Facts<'_>) -> String {
    let mut by_owner = Table::new(&[
        "Owner",
        "Status",
        "Classification",
        "Determination",
        "Updated",
        "Title",
        "Id",
    ]);
    for a in &f.triaged {
        by_owner.row(vec![
            md(&owner(a)),
            md(a.status.as_str()),
            opt(a.classification.as_ref().map(|c| c.as_str())),
            opt(a.determination.as_ref().map(|d| d.as_str())),
            time(input, a.last_update_time),
            md(&a.title),
            md(&a.id),
        ]);
    }
    let results = outcomes(input.audit);
    let mut sent = Table::new(&["Time", "By", "Alerts", "Change", "Result"]);
    for r in &f.sent {
        sent.row(vec![
            time(input, Some(r.at)),
            opt(r.identity.as_deref()),
            md(&r.subjects.join(", ")),
            md(&r.change()),
            md(&result_of(r, &results)),
        ]);
    }
    format!(
        "## Triaged during the shift\n\n### By owner (the service's data)\n\n{}\n### Sent from this console (the local audit log)\n\n{}\n",
        by_owner.render(),
        sent.render()
    )
}

pub(super) fn actions(input: &HandoffInput<'_>, f: &Facts<'_>) -> String {
    let results = outcomes(input.audit);
    let mut t = Table::new(&["Time", "By", "Action", "Subject", "Detail", "Result"]);
    for r in &f.actions {
        t.row(vec![
            time(input, Some(r.at)),
            opt(r.identity.as_deref()),
            md(&r.kind),
            md(&r.subjects.join(", ")),
            md(&r.detail),
            md(&result_of(r, &results)),
        ]);
    }
    format!("## Response actions\n\n{}\n", t.render())
}

pub(super) fn comments(input: &HandoffInput<'_>, f: &Facts<'_>) -> String {
    let mut out = String::from("## Comments written\n\n");
    if f.comments.is_empty() {
        out.push_str("_None._\n");
        return out;
    }
    for (a, c) in &f.comments {
        out.push_str(&format!(
            "- {} {} on {} ({}):\n\n",
            time(input, c.created_time),
            opt(c.created_by.as_deref()),
            md(&a.title),
            md(&a.id)
        ));
        for line in md_quote(&c.comment).lines() {
            out.push_str("  ");
            out.push_str(line);
            out.push('\n');
        }
        out.push('\n');
    }
    out
}
