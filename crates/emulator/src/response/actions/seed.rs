//! The response history a demo tenant starts with, so the device panel has something to show:
//! a few high-risk devices already isolated (by the isolate actions that did it), one released
//! again, one restricted, past scans (one failed), a collected package, an isolation still
//! pending on an offline device and one that timed out, and a few indicators from the evidence.
//! Actions are created in the past and run through the normal lifecycle, so their times and the
//! devices' states are what the service would show.

use super::record::ActionRecord;
use crate::demo_data::ANALYSTS;
use crate::record::Record;
use crate::response::Inner;
use crate::response::config::ActionTimings;
use crate::rng::{Rng, name_hash};
use mde_model::device::{
    ActionStatus, ActionType, Indicator, IndicatorAction, IndicatorSeverity, IndicatorType,
    Machine, MachineAction, RiskScore,
};
use mde_model::{EntityType, Status, Timestamp};
use std::collections::BTreeMap;

struct Plan<'a> {
    inner: &'a mut Inner,
    alerts: &'a BTreeMap<String, Record>,
    timings: &'a ActionTimings,
    rng: Rng,
    serial: u64,
}

fn ago(now: Timestamp, secs: u64) -> Timestamp {
    Timestamp(now.0 - chrono::Duration::seconds(i64::try_from(secs).unwrap_or(0)))
}

impl Plan<'_> {
    fn alert_on(&self, machine_id: &str) -> Option<(String, String)> {
        self.alerts
            .values()
            .map(Record::alert)
            .find(|a| a.machine_id.as_deref() == Some(machine_id) && a.status != Status::Resolved)
            .map(|a| (a.id.clone(), a.title.clone()))
    }

    /// Queues an action at `created` and lets the lifecycle run it from there.
    fn action(
        &mut self,
        m: &Machine,
        t: ActionType,
        scope: Option<&str>,
        created: Timestamp,
        online: bool,
        fails: bool,
    ) {
        self.serial += 1;
        let reason = match self.alert_on(&m.id) {
            Some((id, title)) => format!("due to alert {id} ({title})"),
            None => "as part of the weekly hygiene sweep".to_string(),
        };
        let verb = match t {
            ActionType::Isolate => "Isolate machine",
            ActionType::Unisolate => "Release machine from isolation",
            ActionType::RunAntiVirusScan => "Run antivirus scan",
            ActionType::RestrictCodeExecution => "Restrict app execution",
            ActionType::CollectInvestigationPackage => "Collect investigation package",
            _ => "Respond",
        };
        let action = MachineAction {
            id: format!(
                "{:08x}-{:04x}-4{:03x}-a{:03x}-{:012x}",
                self.rng.next_u64() as u32,
                self.rng.below(0x10000),
                self.rng.below(0x1000),
                self.rng.below(0x1000),
                self.rng.next_u64() & 0xffff_ffff_ffff
            ),
            action_type: t,
            title: None,
            requestor: Some(self.rng.pick(ANALYSTS).to_string()),
            requestor_comment: Some(format!("{verb} {reason}")),
            status: ActionStatus::Pending,
            machine_id: Some(m.id.clone()),
            computer_dns_name: m.computer_dns_name.clone(),
            creation_date_time_utc: Some(created),
            last_update_date_time_utc: Some(created),
            cancellation_requestor: None,
            cancellation_comment: None,
            cancellation_date_time_utc: None,
            error_h_result: Some(0),
            scope: scope.map(str::to_string),
            external_id: None,
            request_source: Some(
                if self.serial.is_multiple_of(3) {
                    "Portal"
                } else {
                    "PublicApi"
                }
                .into(),
            ),
            related_file_info: None,
            commands: Vec::new(),
            troubleshoot_info: None,
        };
        let r = ActionRecord::new(action, created, online, self.timings, fails);
        self.inner.actions.push(r);
    }
}

/// Seeds the history into `inner` (devices already derived), as of `now`.
pub fn apply(
    inner: &mut Inner,
    alerts: &BTreeMap<String, Record>,
    timings: &ActionTimings,
    now: Timestamp,
) {
    let machines: Vec<(Machine, bool)> = inner
        .index
        .by_id
        .values()
        .map(|r| (inner.machine(r), inner.online(&r.machine.id)))
        .collect();
    if machines.is_empty() {
        return;
    }
    let mut rng = Rng::new(name_hash("mde-emulator response history"));
    let pick_from = |rng: &mut Rng, pool: &mut Vec<&(Machine, bool)>| {
        (!pool.is_empty()).then(|| pool.remove(rng.index(pool.len())).0.clone())
    };
    let online_windows: Vec<&(Machine, bool)> = machines
        .iter()
        .filter(|(m, on)| *on && m.is_windows())
        .collect();
    let mut risky: Vec<&(Machine, bool)> = online_windows
        .iter()
        .copied()
        .filter(|(m, _)| m.risk_score == Some(RiskScore::High))
        .collect();
    let mut others: Vec<&(Machine, bool)> = online_windows
        .iter()
        .copied()
        .filter(|(m, _)| m.risk_score != Some(RiskScore::High))
        .collect();
    let mut offline: Vec<&(Machine, bool)> = machines.iter().filter(|(_, on)| !*on).collect();
    let mut plan = Plan {
        inner,
        alerts,
        timings,
        rng: Rng::new(rng.next_u64()),
        serial: 0,
    };
    let day = 86_400;
    // Isolated and still isolated; the first one also had its package collected.
    for n in 0..3 {
        let Some(m) = pick_from(&mut rng, &mut risky).or_else(|| pick_from(&mut rng, &mut others))
        else {
            break;
        };
        let at = ago(now, rng.range(6 * 3600, 4 * day));
        let scope = if n == 2 { "Selective" } else { "Full" };
        plan.action(&m, ActionType::Isolate, Some(scope), at, true, false);
        if n == 0 {
            plan.action(
                &m,
                ActionType::CollectInvestigationPackage,
                None,
                ago(at, 0),
                true,
                false,
            );
        }
    }
    // Isolated for a while, then released.
    if let Some(m) = pick_from(&mut rng, &mut risky).or_else(|| pick_from(&mut rng, &mut others)) {
        let at = ago(now, rng.range(5 * day, 9 * day));
        plan.action(&m, ActionType::Isolate, Some("Full"), at, true, false);
        plan.action(
            &m,
            ActionType::Unisolate,
            None,
            ago(at, 0).max(ago(now, 4 * day)),
            true,
            false,
        );
    }
    // Restricted.
    if let Some(m) = pick_from(&mut rng, &mut others) {
        let at = ago(now, rng.range(day, 3 * day));
        plan.action(&m, ActionType::RestrictCodeExecution, None, at, true, false);
    }
    // Scans over the last two weeks, one of which failed.
    for n in 0..6 {
        let Some(m) = pick_from(&mut rng, &mut others) else {
            break;
        };
        let at = ago(now, rng.range(2 * 3600, 14 * day));
        let scope = if n % 3 == 0 { "Full" } else { "Quick" };
        plan.action(
            &m,
            ActionType::RunAntiVirusScan,
            Some(scope),
            at,
            true,
            n == 4,
        );
    }
    // An isolation waiting for an offline device (it times out in about two days), and an
    // older one that already timed out.
    if let Some(m) = pick_from(&mut rng, &mut offline) {
        plan.action(
            &m,
            ActionType::Isolate,
            Some("Full"),
            ago(now, 20 * 3600),
            false,
            false,
        );
    }
    if let Some(m) = pick_from(&mut rng, &mut offline) {
        plan.action(
            &m,
            ActionType::Isolate,
            Some("Full"),
            ago(now, 5 * day),
            false,
            false,
        );
    }
    // Settle in creation order, so a release completes after the isolation it follows.
    plan.inner
        .actions
        .sort_by_key(|r| r.action.creation_date_time_utc);
    indicators(plan.inner, alerts, now);
}

fn indicators(inner: &mut Inner, alerts: &BTreeMap<String, Record>, now: Timestamp) {
    let mut sha1 = None;
    let mut domain = None;
    for r in alerts.values() {
        let a = r.alert();
        for e in r.evidence().iter() {
            if sha1.is_none() && matches!(e.entity_type, EntityType::File) {
                sha1 = e.sha1.clone().map(|h| (h, a.id.clone()));
            }
            if domain.is_none() && e.entity_type == EntityType::Url {
                domain = e
                    .url
                    .as_deref()
                    .and_then(|u| u.split("://").nth(1))
                    .and_then(|rest| rest.split(['/', ':', '?']).next())
                    .filter(|h| h.contains('.') && !h.is_empty())
                    .map(|h| (h.to_ascii_lowercase(), a.id.clone()));
            }
        }
    }
    let mut add =
        |value: String, t: IndicatorType, action: IndicatorAction, title: String, age: u64| {
            let id = inner.next_indicator;
            inner.next_indicator += 1;
            let created = ago(now, age);
            inner.indicators.insert(
                id,
                Indicator {
                    id: id.to_string(),
                    indicator_value: value,
                    indicator_type: t,
                    action,
                    application: None,
                    source: Some("alice.analyst@contoso.com".into()),
                    source_type: Some("User".into()),
                    title: Some(title),
                    creation_time_date_time_utc: Some(created),
                    created_by: Some("alice.analyst@contoso.com".into()),
                    expiration_time: Some(Timestamp(created.0 + chrono::Duration::days(30))),
                    last_update_time: Some(created),
                    last_updated_by: Some("alice.analyst@contoso.com".into()),
                    severity: Some(IndicatorSeverity::High),
                    description: Some("Blocked during triage.".into()),
                    recommended_actions: Some(
                        "Isolate the device and reset the user's credentials.".into(),
                    ),
                    rbac_group_names: Vec::new(),
                    generate_alert: Some(true),
                    created_by_display_name: Some("Alice Analyst".into()),
                    created_by_source: Some("Portal".into()),
                },
            );
        };
    if let Some((h, alert)) = sha1 {
        add(
            h,
            IndicatorType::FileSha1,
            IndicatorAction::Block,
            format!("mde-triage: alert {alert}"),
            2 * 86_400,
        );
    }
    if let Some((d, alert)) = domain {
        add(
            d,
            IndicatorType::DomainName,
            IndicatorAction::Block,
            format!("mde-triage: alert {alert}"),
            86_400,
        );
    }
    add(
        "198.51.100.23".into(),
        IndicatorType::IpAddress,
        IndicatorAction::Audit,
        "Known scanner".into(),
        6 * 86_400,
    );
}
