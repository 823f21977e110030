//! The compact row the incident list holds: enums, short strings, counts and times, built from an
//! incident with its alerts expanded.

use super::enums::{IncidentStatus, ServiceSource};
use super::evidence::EvidenceDetail;
use super::incident::Incident;
use crate::enums::{Classification, Determination, Severity};
use crate::time::Timestamp;

/// How many device and user names a row keeps (the list shows the first and a count).
pub const MAX_NAMES: usize = 8;

/// One incident as the incident list, its filter and its sort need it.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct IncidentRow {
    /// Incident id.
    pub id: String,
    /// Name (raw; sanitised at display).
    pub name: String,
    /// Severity.
    pub severity: Severity,
    /// Status.
    pub status: IncidentStatus,
    /// Classification.
    pub classification: Option<Classification>,
    /// Determination.
    pub determination: Option<Determination>,
    /// Owner.
    pub assigned_to: Option<String>,
    /// Number of alerts.
    pub alert_count: u32,
    /// Distinct device names of its alerts (at most `MAX_NAMES`).
    pub devices: Vec<String>,
    /// How many distinct devices there are in all.
    pub device_count: u32,
    /// Distinct `DOMAIN\user` (or UPN) of its alerts (at most `MAX_NAMES`).
    pub users: Vec<String>,
    /// How many distinct users there are in all.
    pub user_count: u32,
    /// The products whose alerts it groups.
    pub sources: Vec<ServiceSource>,
    /// Analyst tags.
    pub tags: Vec<String>,
    /// Creation time.
    pub created: Option<Timestamp>,
    /// Last update (the conflict check compares this).
    pub last_update: Option<Timestamp>,
    /// The incident this one was merged into.
    pub redirect_to: Option<String>,
    /// Number of comments.
    pub comment_count: u32,
}

impl IncidentRow {
    /// The row of an incident; counts come from its expanded alerts (zero when not expanded).
    pub fn from_incident(i: &Incident) -> Self {
        let mut devices: Vec<String> = Vec::new();
        let mut users: Vec<String> = Vec::new();
        let mut sources: Vec<ServiceSource> = Vec::new();
        let push = |list: &mut Vec<String>, v: String| {
            if !v.is_empty() && !list.iter().any(|x| x.eq_ignore_ascii_case(&v)) {
                list.push(v);
            }
        };
        let alerts = i.alerts.as_deref().unwrap_or_default();
        for a in alerts {
            if let Some(s) = &a.service_source
                && !sources.contains(s)
            {
                sources.push(s.clone());
            }
            for e in &a.evidence {
                match &e.detail {
                    EvidenceDetail::Device(d) => {
                        if let Some(n) = d.device_dns_name.clone().or(d.mde_device_id.clone()) {
                            push(&mut devices, n);
                        }
                    }
                    EvidenceDetail::User(u) => {
                        if let Some(acc) = &u.user_account {
                            let name = match (&acc.domain_name, &acc.account_name) {
                                (Some(d), Some(n)) if !d.is_empty() => format!("{d}\\{n}"),
                                (_, Some(n)) => n.clone(),
                                _ => acc.user_principal_name.clone().unwrap_or_default(),
                            };
                            push(&mut users, name);
                        }
                    }
                    EvidenceDetail::Mailbox(m) => {
                        if let Some(addr) = m.primary_address.clone() {
                            push(&mut users, addr);
                        }
                    }
                    _ => {}
                }
            }
        }
        let count = |v: &Vec<String>| u32::try_from(v.len()).unwrap_or(u32::MAX);
        let (device_count, user_count) = (count(&devices), count(&users));
        devices.truncate(MAX_NAMES);
        users.truncate(MAX_NAMES);
        IncidentRow {
            id: i.id.clone(),
            name: i.display_name.clone(),
            severity: i.severity.clone(),
            status: i.status.clone(),
            classification: i.classification.clone(),
            determination: i.determination.clone(),
            assigned_to: i.assigned_to.clone(),
            alert_count: u32::try_from(alerts.len()).unwrap_or(u32::MAX),
            devices,
            device_count,
            users,
            user_count,
            sources,
            tags: i.custom_tags.clone(),
            created: i.created_date_time,
            last_update: i.last_update_date_time,
            redirect_to: i.redirect_incident_id.clone(),
            comment_count: u32::try_from(i.comments.len()).unwrap_or(u32::MAX),
        }
    }

    /// The alert ids of an expanded incident, in its order.
    pub fn alert_ids(i: &Incident) -> Vec<String> {
        i.alerts
            .as_deref()
            .unwrap_or_default()
            .iter()
            .map(|a| a.id.clone())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn devices_users_and_products_are_collected_once() {
        let i: Incident = serde_json::from_str(
            r##"{"id":"7","displayName":"x","status":"active","severity":"medium","alerts":[
              {"id":"a","serviceSource":"microsoftDefenderForEndpoint","evidence":[
                {"@odata.type":"#microsoft.graph.security.deviceEvidence","deviceDnsName":"WS-1"},
                {"@odata.type":"#microsoft.graph.security.userEvidence","userAccount":{"accountName":"j","domainName":"C"}}]},
              {"id":"b","serviceSource":"microsoftDefenderForOffice365","evidence":[
                {"@odata.type":"#microsoft.graph.security.deviceEvidence","deviceDnsName":"ws-1"},
                {"@odata.type":"#microsoft.graph.security.mailboxEvidence","primaryAddress":"j@c.com"}]}]}"##,
        )
        .unwrap();
        let r = IncidentRow::from_incident(&i);
        assert_eq!(r.alert_count, 2);
        assert_eq!(r.devices, ["WS-1"]);
        assert_eq!(r.users, ["C\\j", "j@c.com"]);
        assert_eq!(r.sources.len(), 2);
        assert_eq!(IncidentRow::alert_ids(&i), ["a", "b"]);
    }
}
