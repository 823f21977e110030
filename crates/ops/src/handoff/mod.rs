//! The shift handoff: a Markdown report the next on-call reads first. Built from the service's
//! alerts (what arrived, what is open, who owns what, the comments) and the local audit log
//! (what this console sent, response actions), as a pure function of its input, so the CLI's
//! `handoff` and the console's `:handoff` write the same report.

pub mod markdown;
mod sections;

use crate::audit::AuditRecord;
use crate::sla::SlaPolicy;
use crate::zone::Zone;
use mde_model::{Alert, Timestamp};

/// Everything the report is built from.
#[derive(Debug, Clone)]
pub struct HandoffInput<'a> {
    /// The profile's name.
    pub profile: &'a str,
    /// The tenant id or name.
    pub tenant: &'a str,
    /// Who writes the report, when known.
    pub author: Option<&'a str>,
    /// The shift's start.
    pub since: Timestamp,
    /// The shift's end (now).
    pub now: Timestamp,
    /// The zone the report's times are written in.
    pub zone: Zone,
    /// The SLA targets breaches are judged by.
    pub sla: SlaPolicy,
    /// Alerts: those created or changed during the shift and every open one (duplicates by id
    /// are ignored, the first copy wins).
    pub alerts: &'a [Alert],
    /// The audit log of the shift, oldest first.
    pub audit: &'a [AuditRecord],
}

/// The report's section headings, in order (tests and readers look for them).
pub const SECTIONS: &[&str] = &[
    "## Summary",
    "## SLA breaches",
    "## Open High and Medium alerts",
    "## Unassigned open alerts",
    "## Alerts that arrived",
    "## Triaged during the shift",
    "## Response actions",
    "## Comments written",
];

/// Writes the report.
pub fn render(input: &HandoffInput<'_>) -> String {
    let facts = sections::Facts::gather(input);
    let mut out = sections::header(input);
    out.push_str(&sections::summary(&facts));
    out.push_str(&sections::breaches(input, &facts));
    out.push_str(&sections::open_high_medium(input, &facts));
    out.push_str(&sections::unassigned(input, &facts));
    out.push_str(&sections::arrived(input, &facts));
    out.push_str(&sections::triaged(input, &facts));
    out.push_str(&sections::actions(input, &facts));
    out.push_str(&sections::comments(input, &facts));
    out
}
