//! The machines behind the alerts: one record per `machineId` (never a copy per alert), built
//! from the alerts in one pass and rebuilt when the alert set grows, so an alert added through
//! `/_emulator/alerts` brings its device with it.

use crate::demo_data::devices::{AlertFacts, profile};
use crate::record::Record;
use mde_model::device::Machine;
use mde_model::{Alert, EntityType, Evidence, Severity, Status, Timestamp};
use std::collections::BTreeMap;

/// Most distinct users remembered per device.
const MAX_USERS: usize = 16;

/// A user seen on a device in its alerts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogonFacts {
    /// Account name.
    pub account: String,
    /// Domain.
    pub domain: Option<String>,
    /// SID, when an evidence item gave it.
    pub sid: Option<String>,
    /// First alert it appeared in.
    pub first: Option<Timestamp>,
    /// Last alert it appeared in.
    pub last: Option<Timestamp>,
    /// How many alerts it appeared in.
    pub alerts: u32,
}

/// One device.
#[derive(Debug, Clone)]
pub struct MachineRecord {
    /// The inventory record as derived (tags and reachability may be changed on top).
    pub machine: Machine,
    /// Reachable unless the profile says it stopped reporting.
    pub online: bool,
    /// Users seen on it.
    pub users: Vec<LogonFacts>,
}

/// Every device, by machine id.
#[derive(Debug, Default)]
pub struct MachineIndex {
    /// Records in id order.
    pub by_id: BTreeMap<String, MachineRecord>,
    /// How many alerts the index was built from.
    pub alerts_seen: usize,
}

struct Acc<'a> {
    newest: Option<&'a Alert>,
    first: Option<Timestamp>,
    last: Option<Timestamp>,
    open: Option<Severity>,
    users: Vec<LogonFacts>,
}

fn rank(s: &Severity) -> u8 {
    match s {
        Severity::High => 4,
        Severity::Medium => 3,
        Severity::Low => 2,
        Severity::Informational => 1,
        _ => 0,
    }
}

impl MachineIndex {
    /// Builds the index from the alerts, as of `now`.
    pub fn build(alerts: &BTreeMap<String, Record>, now: Timestamp) -> Self {
        let mut acc: BTreeMap<&str, Acc<'_>> = BTreeMap::new();
        for rec in alerts.values() {
            let a = rec.alert();
            let Some(id) = a.machine_id.as_deref().filter(|id| !id.is_empty()) else {
                continue;
            };
            let e = acc.entry(id).or_insert(Acc {
                newest: None,
                first: None,
                last: None,
                open: None,
                users: Vec::new(),
            });
            let when = a.last_event_time.or(a.alert_creation_time);
            if e.newest
                .is_none_or(|n| n.alert_creation_time < a.alert_creation_time)
            {
                e.newest = Some(a);
            }
            let start = a.first_event_time.or(a.alert_creation_time);
            e.first = match (e.first, start) {
                (Some(x), Some(y)) => Some(x.min(y)),
                (x, y) => x.or(y),
            };
            e.last = e.last.max(when);
            if a.status != Status::Resolved
                && e.open.as_ref().is_none_or(|o| rank(&a.severity) > rank(o))
            {
                e.open = Some(a.severity.clone());
            }
            note_users(&mut e.users, a, &rec.evidence(), when);
        }
        let by_id = acc
            .into_iter()
            .map(|(id, e)| {
                let facts = AlertFacts {
                    name: e.newest.and_then(|a| a.computer_dns_name.as_deref()),
                    group: e.newest.and_then(|a| a.rbac_group_name.as_deref()),
                    first_event: e.first,
                    last_event: e.last,
                    open_severity: e.open,
                };
                let p = profile(id, &facts, now);
                let rec = MachineRecord {
                    machine: p.machine,
                    online: p.online,
                    users: e.users,
                };
                (id.to_string(), rec)
            })
            .collect();
        MachineIndex {
            by_id,
            alerts_seen: alerts.len(),
        }
    }

    /// The record of a machine id, or of a computer name (any case, FQDN or its first label).
    pub fn find(&self, id_or_name: &str) -> Option<&MachineRecord> {
        if let Some(r) = self.by_id.get(id_or_name) {
            return Some(r);
        }
        let lower = id_or_name.to_ascii_lowercase();
        self.by_id.values().find(|r| {
            r.machine.computer_dns_name.as_deref().is_some_and(|n| {
                let n = n.to_ascii_lowercase();
                n == lower || n.split('.').next() == Some(lower.as_str())
            })
        })
    }
}

fn note_users(
    users: &mut Vec<LogonFacts>,
    a: &Alert,
    evidence: &[Evidence],
    when: Option<Timestamp>,
) {
    let mut names: Vec<(String, Option<String>)> = a
        .logged_on_users
        .iter()
        .filter_map(|u| Some((u.account_name.clone()?, u.domain_name.clone())))
        .collect();
    if let Some(u) = &a.related_user
        && let Some(n) = &u.user_name
    {
        names.push((n.clone(), u.domain_name.clone()));
    }
    for (account, domain) in names {
        let sid = evidence
            .iter()
            .find(|e| {
                e.entity_type == EntityType::User
                    && e.account_name
                        .as_deref()
                        .is_some_and(|n| n.eq_ignore_ascii_case(&account))
            })
            .and_then(|e| e.user_sid.clone());
        let known = users
            .iter()
            .position(|u| u.account.eq_ignore_ascii_case(&account));
        let full = users.len() >= MAX_USERS;
        match known.and_then(|i| users.get_mut(i)) {
            Some(u) => {
                u.alerts += 1;
                u.first = match (u.first, when) {
                    (Some(x), Some(y)) => Some(x.min(y)),
                    (x, y) => x.or(y),
                };
                u.last = u.last.max(when);
                if u.sid.is_none() {
                    u.sid = sid;
                }
            }
            None if !full => users.push(LogonFacts {
                account,
                domain,
                sid,
                first: when,
                last: when,
                alerts: 1,
            }),
            None => {}
        }
    }
}
