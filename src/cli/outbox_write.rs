//! How `outbox list` names a queued write: what it is for (alert ids, or the incident) and what
//! it changes.

use mde_model::graph::OutboxWrite;

/// The targets column: alert ids, or `incident <id>`.
pub fn targets(w: &OutboxWrite) -> String {
    match w {
        OutboxWrite::Alerts(w) => w.alert_ids.join(","),
        OutboxWrite::Incident(w) => format!("incident {}", w.incident_id),
    }
}

fn comment(v: &str) -> String {
    format!("comment={:?}", v.chars().take(40).collect::<String>())
}

/// The change, as `key=value` words.
pub fn change(w: &OutboxWrite) -> Vec<String> {
    let mut out = Vec::new();
    match w {
        OutboxWrite::Alerts(w) => {
            let c = &w.change;
            if let Some(s) = &c.status {
                out.push(format!("status={s}"));
            }
            if let Some(a) = &c.assigned_to {
                out.push(format!("assign={a}"));
            }
            if let Some(v) = &c.classification {
                out.push(format!("classification={v}"));
            }
            if let Some(v) = &c.determination {
                out.push(format!("determination={v}"));
            }
            if let Some(v) = &c.comment {
                out.push(comment(v));
            }
        }
        OutboxWrite::Incident(w) => {
            let c = &w.change;
            if let Some(s) = &c.status {
                out.push(format!("status={s}"));
            }
            if let Some(a) = &c.assigned_to {
                out.push(format!("assign={a}"));
            }
            if let Some(v) = &c.classification {
                out.push(format!("classification={v}"));
            }
            if let Some(v) = &c.determination {
                out.push(format!("determination={v}"));
            }
            if let Some(t) = &c.custom_tags {
                out.push(format!("tags={}", t.join(",")));
            }
            if let Some(v) = &c.resolving_comment {
                out.push(format!(
                    "resolving={:?}",
                    v.chars().take(40).collect::<String>()
                ));
            }
            if let Some(v) = &c.comment {
                out.push(comment(v));
            }
        }
    }
    out
}
