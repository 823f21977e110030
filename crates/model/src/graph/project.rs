//! A Graph alert seen through the MDE model, so that the list, the cache and the outbox work the
//! same for both backends: the fields map one to one (§6 of the alerts fact sheet), device
//! evidence becomes the alert's device, and the evidence types the MDE shape has no place for
//! stay in the JSON under `graphEvidence`.

use super::alert::GraphAlert;
use super::evidence::{EvidenceDetail, FileDetails, GraphEvidence, UserAccount};
use crate::alert::{Alert, LoggedOnUser, RelatedUser};
use crate::comment::Comment;
use crate::enums::EntityType;
use crate::evidence::Evidence;
use crate::page::ParsedAlert;
use serde_json::{Map, Value};

/// The Graph fields the MDE shape has no place for, kept in the projected JSON.
const GRAPH_ONLY: &[&str] = &[
    "providerAlertId",
    "productName",
    "alertWebUrl",
    "incidentWebUrl",
    "recommendedActions",
    "actorDisplayName",
    "systemTags",
];

impl GraphAlert {
    /// The alert in the MDE model's terms.
    pub fn to_alert(&self) -> Alert {
        let mut a = Alert::new(self.id.clone(), self.title.clone());
        a.incident_id = self
            .incident_id
            .as_deref()
            .and_then(|s| s.trim().parse().ok());
        a.assigned_to = self.assigned_to.clone();
        a.severity = self.severity.clone();
        a.status = self.status.clone();
        a.classification = self.classification.clone();
        a.determination = self.determination.clone();
        a.detection_source = self.detection_source.clone();
        a.detector_id = self.detector_id.clone();
        a.category = self.category.clone();
        a.threat_family_name = self.threat_family_name.clone();
        a.threat_name = self.threat_display_name.clone();
        a.description = self.description.clone();
        a.alert_creation_time = self.created_date_time;
        a.first_event_time = self.first_activity_date_time;
        a.last_event_time = self.last_activity_date_time;
        a.last_update_time = self.last_update_date_time;
        a.resolved_time = self.resolved_date_time;
        a.aad_tenant_id = self.tenant_id.clone();
        a.mitre_techniques = self.mitre_techniques.clone();
        a.comments = self.comments.iter().map(Comment::from).collect();
        a.service_source = self.service_source.clone();
        for e in &self.evidence {
            match &e.detail {
                EvidenceDetail::Device(d) if a.machine_id.is_none() => {
                    a.machine_id = d.mde_device_id.clone();
                    a.computer_dns_name = d.device_dns_name.clone();
                    a.rbac_group_name = d.rbac_group_name.clone();
                    a.logged_on_users = d
                        .logged_on_users
                        .iter()
                        .map(|u| LoggedOnUser {
                            account_name: u.account_name.clone(),
                            domain_name: u.domain_name.clone(),
                        })
                        .collect();
                }
                EvidenceDetail::User(u) if a.related_user.is_none() => {
                    a.related_user = u.user_account.as_ref().map(|acc| RelatedUser {
                        user_name: acc.account_name.clone(),
                        domain_name: acc.domain_name.clone(),
                    });
                }
                _ => {}
            }
            if let Some(item) = mde_evidence(e) {
                a.evidence.push(item);
            }
        }
        a
    }

    /// The alert as a cache entry: the MDE-shaped JSON (so the store reads it like any other)
    /// with the Graph-only fields and the unmapped evidence kept beside it.
    pub fn to_parsed(&self) -> ParsedAlert {
        let alert = self.to_alert();
        let mut m = match serde_json::to_value(&alert) {
            Ok(Value::Object(m)) => m,
            _ => Map::new(),
        };
        if let Ok(Value::Object(g)) = serde_json::to_value(self) {
            for k in GRAPH_ONLY {
                if let Some(v) = g.get(*k).filter(|v| !v.is_null()) {
                    m.insert((*k).to_string(), v.clone());
                }
            }
        }
        let unmapped: Vec<Value> = self
            .evidence
            .iter()
            .filter(|e| mde_evidence(e).is_none() && !matches!(e.detail, EvidenceDetail::Device(_)))
            .map(|e| Value::Object(e.to_map()))
            .collect();
        if !unmapped.is_empty() {
            m.insert("graphEvidence".into(), Value::Array(unmapped));
        }
        ParsedAlert {
            alert,
            raw: Value::Object(m).to_string(),
        }
    }
}

fn file_fields(e: &mut Evidence, f: Option<&FileDetails>) {
    if let Some(f) = f {
        e.sha1 = f.sha1.clone();
        e.sha256 = f.sha256.clone();
        e.file_name = f.file_name.clone();
        e.file_path = f.file_path.clone();
    }
}

fn account_fields(e: &mut Evidence, u: Option<&UserAccount>) {
    if let Some(u) = u {
        e.account_name = u.account_name.clone();
        e.domain_name = u.domain_name.clone();
        e.user_sid = u.user_sid.clone();
        e.aad_user_id = u.azure_ad_user_id.clone();
        e.user_principal_name = u.user_principal_name.clone();
    }
}

/// The MDE evidence item for a Graph one, when the flat MDE shape can hold it.
fn mde_evidence(g: &GraphEvidence) -> Option<Evidence> {
    let mut e = match &g.detail {
        EvidenceDetail::Process(p) => {
            let mut e = Evidence::empty(EntityType::Process);
            file_fields(&mut e, p.image_file.as_ref());
            e.process_id = p.process_id;
            e.process_command_line = p.process_command_line.clone();
            e.process_creation_time = p.process_creation_date_time;
            e.parent_process_id = p.parent_process_id;
            e.parent_process_creation_time = p.parent_process_creation_date_time;
            if let Some(parent) = &p.parent_process_image_file {
                e.parent_process_file_name = parent.file_name.clone();
                e.parent_process_file_path = parent.file_path.clone();
            }
            if let Some(u) = &p.user_account {
                e.account_name = u.account_name.clone();
                e.domain_name = u.domain_name.clone();
            }
            e.detection_status = p.detection_status.clone();
            e
        }
        EvidenceDetail::File(f) => {
            let mut e = Evidence::empty(EntityType::File);
            file_fields(&mut e, f.file_details.as_ref());
            e.detection_status = f.detection_status.clone();
            e
        }
        EvidenceDetail::User(u) => {
            let mut e = Evidence::empty(EntityType::User);
            account_fields(&mut e, u.user_account.as_ref());
            e
        }
        EvidenceDetail::Mailbox(m) => {
            let mut e = Evidence::empty(EntityType::Mailbox);
            account_fields(&mut e, m.user_account.as_ref());
            e.user_principal_name = m.primary_address.clone().or(e.user_principal_name);
            e
        }
        EvidenceDetail::Ip(i) => {
            let mut e = Evidence::empty(EntityType::Ip);
            e.ip_address = i.ip_address.clone();
            e
        }
        EvidenceDetail::Url(u) => {
            let mut e = Evidence::empty(EntityType::Url);
            e.url = u.url.clone();
            e
        }
        EvidenceDetail::RegistryKey(r) => {
            let mut e = Evidence::empty(EntityType::RegistryKey);
            e.registry_key = r.registry_key.clone();
            e.registry_hive = r.registry_hive.clone();
            e
        }
        EvidenceDetail::RegistryValue(r) => {
            let mut e = Evidence::empty(EntityType::Registry);
            e.registry_key = r.registry_key.clone();
            e.registry_hive = r.registry_hive.clone();
            e.registry_value_name = r.registry_value_name.clone();
            e.registry_value_type = r.registry_value_type.clone();
            e.registry_value = r.registry_value.clone();
            e
        }
        _ => return None,
    };
    e.evidence_creation_time = g.created;
    Some(e)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::enums::{Severity, Status};
    use crate::graph::enums::ServiceSource;
    use crate::page::parse_alert;

    const ALERT: &str = r##"{
      "id":"da638","providerAlertId":"da638","incidentId":"1101","status":"inProgress","severity":"high",
      "classification":null,"determination":null,"serviceSource":"microsoftDefenderForOffice365",
      "title":"Email messages containing malicious URL removed after delivery","alertWebUrl":"https://security.microsoft.com/alerts/da638",
      "createdDateTime":"2024-01-01T10:00:00Z","lastUpdateDateTime":"2024-01-01T10:05:00.1234567Z",
      "comments":[{"comment":"seen","createdByDisplayName":"a@x","createdDateTime":"2024-01-01T10:01:00Z"}],
      "evidence":[
        {"@odata.type":"#microsoft.graph.security.deviceEvidence","mdeDeviceId":"0123456789abcdef0123456789abcdef01234567","deviceDnsName":"ws-1","loggedOnUsers":[{"accountName":"jsmith","domainName":"CONTOSO"}]},
        {"@odata.type":"#microsoft.graph.security.analyzedMessageEvidence","subject":"Invoice","networkMessageId":"n1"},
        {"@odata.type":"#microsoft.graph.security.userEvidence","userAccount":{"accountName":"jsmith","domainName":"CONTOSO"}},
        {"@odata.type":"#microsoft.graph.security.processEvidence","processId":10,"parentProcessId":4,"imageFile":{"fileName":"cmd.exe"}}
      ]}"##;

    #[test]
    fn fields_map_and_the_cache_entry_reads_back() {
        let g: GraphAlert = serde_json::from_str(ALERT).unwrap();
        let a = g.to_alert();
        assert_eq!(a.incident_id, Some(1101));
        assert_eq!(a.status, Status::InProgress);
        assert_eq!(a.severity, Severity::High);
        assert_eq!(a.computer_dns_name.as_deref(), Some("ws-1"));
        assert_eq!(a.user_display().as_deref(), Some("CONTOSO\\jsmith"));
        assert_eq!(a.comments[0].created_by.as_deref(), Some("a@x"));
        assert_eq!(
            a.evidence.len(),
            2,
            "user and process; the email stays Graph-only"
        );
        assert_eq!(
            a.service_source,
            Some(ServiceSource::MicrosoftDefenderForOffice365)
        );
        let p = g.to_parsed();
        let back = parse_alert(&p.raw).unwrap();
        assert_eq!(back.alert, a);
        let raw: Value = serde_json::from_str(&p.raw).unwrap();
        assert_eq!(raw["graphEvidence"][0]["subject"], "Invoice");
        assert_eq!(
            raw["alertWebUrl"],
            "https://security.microsoft.com/alerts/da638"
        );
    }
}
