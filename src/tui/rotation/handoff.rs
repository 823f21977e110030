//! The shift handoff's data: the service's alerts that arrived, changed or are still open in
//! the shift, and the local audit log; `mde_ops::handoff` writes the report from them. The CLI's
//! `handoff` and the console's `:handoff` (`Effect::Handoff`) both come here.

use anyhow::Context as _;
use mde_api::{Filter, MdeClient, Prop};
use mde_model::{Status, Timestamp};
use mde_ops::audit::AuditRecord;
use mde_ops::handoff::{HandoffInput, render};
use mde_ops::{SlaPolicy, Zone};
use mde_store::Store;

/// Who and what the report is about.
#[derive(Debug, Clone)]
pub struct HandoffScope {
    /// Profile name.
    pub profile: String,
    /// Tenant id or name.
    pub tenant: String,
    /// Who writes it.
    pub author: Option<String>,
    /// The zone for times.
    pub zone: Zone,
    /// SLA targets.
    pub sla: SlaPolicy,
    /// The shift's start.
    pub since: Timestamp,
    /// Now.
    pub now: Timestamp,
}

/// The store's audit entries as `mde_ops` reads them.
pub fn audit_records(entries: Vec<mde_store::AuditEntry>) -> Vec<AuditRecord> {
    entries
        .into_iter()
        .map(|e| AuditRecord {
            at: e.at,
            kind: e.action,
            subjects: e.alert_ids,
            detail: e.detail,
            identity: e.identity,
            outbox_id: e.outbox_id,
        })
        .collect()
}

/// Fetches the shift's alerts (one listing: created or changed since the start, or still
/// open), reads the audit log, and writes the report.
pub async fn build_report(
    client: &MdeClient,
    store: &Store,
    scope: &HandoffScope,
) -> anyhow::Result<String> {
    let filter = Filter::ge(Prop::AlertCreationTime, scope.since)
        .or(Filter::ge(Prop::LastUpdateTime, scope.since))
        .or(Filter::ne(Prop::Status, Status::Resolved));
    let set = client
        .list_all(Some(&filter), 10_000, false)
        .await
        .context("listing the shift's alerts")?;
    if !set.skipped.is_empty() {
        tracing::warn!(
            skipped = set.skipped.len(),
            "handoff: alerts skipped as unreadable"
        );
    }
    let alerts: Vec<_> = set.alerts.into_iter().map(|p| p.alert).collect();
    let since = scope.since;
    let s = store.clone();
    let entries = tokio::task::spawn_blocking(move || s.audit_since(since))
        .await
        .context("reading the audit log")??;
    let audit = audit_records(entries);
    Ok(render(&HandoffInput {
        profile: &scope.profile,
        tenant: &scope.tenant,
        author: scope.author.as_deref(),
        since: scope.since,
        now: scope.now,
        zone: scope.zone,
        sla: scope.sla,
        alerts: &alerts,
        audit: &audit,
    }))
}
