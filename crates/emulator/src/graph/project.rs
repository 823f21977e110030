//! An endpoint alert as alerts_v2 shows it: the same stored MDE alert, projected (§6 of the
//! alerts fact sheet): camelCase enums, Graph's field names, the device as `deviceEvidence`,
//! each flat MDE evidence item as its typed Graph counterpart. One source of truth, so a write
//! through either API shows in both.

use crate::demo_data::AAD_TENANT_ID;
use crate::record::Record;
use mde_model::graph::evidence::{
    DeviceEvidence, FileDetails, FileEvidence, IpEvidence, LoggedOnUser, ProcessEvidence,
    RegistryKeyEvidence, RegistryValueEvidence, UrlEvidence, UserAccount, UserEvidence,
};
use mde_model::graph::{
    EvidenceDetail, EvidenceRole, GraphAlert, GraphComment, GraphEvidence, RemediationStatus,
    ServiceSource, Verdict,
};
use mde_model::{Alert, DetectionStatus, EntityType, Evidence, Severity};

/// The portal link of an alert.
pub fn alert_web_url(id: &str) -> String {
    format!("https://security.microsoft.com/alerts/{id}?tid={AAD_TENANT_ID}")
}

/// The portal link of an incident.
pub fn incident_web_url(id: &str) -> String {
    format!("https://security.microsoft.com/incidents/{id}?tid={AAD_TENANT_ID}")
}

/// The Graph `detectionSource` of an MDE one.
fn detection_source(s: &str) -> String {
    match s {
        "WindowsDefenderAtp" => "microsoftDefenderForEndpoint",
        "WindowsDefenderAv" => "antivirus",
        "WindowsDefenderSmartScreen" => "smartScreen",
        "CustomerTI" => "customTi",
        "AutomatedInvestigation" => "automatedInvestigation",
        "MTP" => "microsoft365Defender",
        "CustomDetection" => "customDetection",
        "Manual" => "manual",
        other => other,
    }
    .to_string()
}

/// An endpoint alert in Graph's shape.
pub fn graph_alert(rec: &Record) -> GraphAlert {
    let full = rec.expanded();
    let a = full.as_ref();
    let mut g = GraphAlert::new(a.id.clone(), a.title.clone());
    g.provider_alert_id = Some(a.id.clone());
    g.incident_id = a.incident_id.map(|i| i.to_string());
    g.status = a.status.clone();
    g.severity = a.severity.clone();
    g.classification = a.classification.clone();
    g.determination = a.determination.clone();
    g.service_source = Some(ServiceSource::MicrosoftDefenderForEndpoint);
    g.detection_source = a.detection_source.as_deref().map(detection_source);
    g.product_name = Some("Microsoft Defender for Endpoint".into());
    g.detector_id = a.detector_id.clone();
    g.tenant_id = a.aad_tenant_id.clone();
    g.description = a.description.clone();
    g.category = a.category.clone();
    g.assigned_to = a.assigned_to.clone();
    g.alert_web_url = Some(alert_web_url(&a.id));
    g.incident_web_url = a.incident_id.map(|i| incident_web_url(&i.to_string()));
    g.threat_display_name = a.threat_name.clone();
    g.threat_family_name = a.threat_family_name.clone();
    g.mitre_techniques = a.mitre_techniques.clone();
    g.created_date_time = a.alert_creation_time;
    g.last_update_date_time = a.last_update_time;
    g.resolved_date_time = a.resolved_time;
    g.first_activity_date_time = a.first_event_time;
    g.last_activity_date_time = a.last_event_time;
    g.comments = a.comments.iter().map(GraphComment::from).collect();
    if let Some(device) = device_evidence(a) {
        g.evidence.push(device);
    }
    g.evidence
        .extend(a.evidence.iter().filter_map(|e| evidence(a, e)));
    g
}

/// The alert's device as `deviceEvidence` (Graph always lists the device of an MDE alert).
fn device_evidence(a: &Alert) -> Option<GraphEvidence> {
    let id = a.machine_id.clone()?;
    let name = a.computer_dns_name.clone();
    let server = name.as_deref().is_some_and(|n| n.starts_with("srv-"));
    let mut e = GraphEvidence::new(EvidenceDetail::Device(DeviceEvidence {
        azure_ad_device_id: None,
        os_platform: Some(
            if server {
                "WindowsServer2022"
            } else {
                "Windows11"
            }
            .into(),
        ),
        os_build: Some(if server { 20348 } else { 22631 }),
        health_status: Some("active".into()),
        risk_score: Some(
            match a.severity {
                Severity::High => "high",
                Severity::Medium => "medium",
                Severity::Low => "low",
                _ => "informational",
            }
            .into(),
        ),
        rbac_group_id: a
            .rbac_group_name
            .as_deref()
            .map(|g| (crate::rng::name_hash(g) % 9000 + 1000) as i64),
        rbac_group_name: a.rbac_group_name.clone(),
        onboarding_status: Some("onboarded".into()),
        defender_av_status: Some("updated".into()),
        first_seen_date_time: None,
        logged_on_users: a
            .logged_on_users
            .iter()
            .map(|u| LoggedOnUser {
                account_name: u.account_name.clone(),
                domain_name: u.domain_name.clone(),
            })
            .collect(),
        mde_device_id: Some(id),
        device_dns_name: name,
    }));
    e.created = a.alert_creation_time;
    e.verdict = Some(Verdict::Unknown);
    e.remediation_status = Some(RemediationStatus::NoAction);
    e.roles = vec![EvidenceRole::Compromised];
    Some(e)
}

fn details(e: &Evidence) -> FileDetails {
    FileDetails {
        sha1: e.sha1.clone(),
        sha256: e.sha256.clone(),
        file_name: e.file_name.clone(),
        file_path: e.file_path.clone(),
        ..FileDetails::default()
    }
}

/// One flat MDE evidence item as its typed Graph type.
fn evidence(a: &Alert, e: &Evidence) -> Option<GraphEvidence> {
    let device = a.machine_id.clone();
    let detail = match &e.entity_type {
        EntityType::Process => EvidenceDetail::Process(ProcessEvidence {
            process_id: e.process_id,
            parent_process_id: e.parent_process_id,
            process_command_line: e.process_command_line.clone(),
            process_creation_date_time: e.process_creation_time,
            parent_process_creation_date_time: e.parent_process_creation_time,
            image_file: Some(details(e)),
            parent_process_image_file: Some(FileDetails {
                file_name: e.parent_process_file_name.clone(),
                file_path: e.parent_process_file_path.clone(),
                ..FileDetails::default()
            }),
            user_account: a.related_user.as_ref().map(|u| UserAccount {
                account_name: u.user_name.clone(),
                domain_name: u.domain_name.clone(),
                ..UserAccount::default()
            }),
            detection_status: e.detection_status.clone(),
            mde_device_id: device,
        }),
        EntityType::File => EvidenceDetail::File(FileEvidence {
            file_details: Some(details(e)),
            detection_status: e.detection_status.clone(),
            mde_device_id: device,
        }),
        EntityType::User => EvidenceDetail::User(UserEvidence {
            user_account: Some(UserAccount {
                account_name: e.account_name.clone(),
                domain_name: e.domain_name.clone(),
                user_sid: e.user_sid.clone(),
                azure_ad_user_id: e.aad_user_id.clone(),
                user_principal_name: e.user_principal_name.clone(),
                display_name: None,
            }),
        }),
        EntityType::Ip => EvidenceDetail::Ip(IpEvidence {
            ip_address: e.ip_address.clone(),
            country_letter_code: None,
        }),
        EntityType::Url => EvidenceDetail::Url(UrlEvidence { url: e.url.clone() }),
        EntityType::RegistryKey => EvidenceDetail::RegistryKey(RegistryKeyEvidence {
            registry_key: e.registry_key.clone(),
            registry_hive: e.registry_hive.clone(),
        }),
        EntityType::Registry => EvidenceDetail::RegistryValue(RegistryValueEvidence {
            registry_key: e.registry_key.clone(),
            registry_hive: e.registry_hive.clone(),
            registry_value_name: e.registry_value_name.clone(),
            registry_value_type: e.registry_value_type.clone(),
            registry_value: e.registry_value.clone(),
            mde_device_id: device,
        }),
        // Machine items repeat the device; other kinds are rare on endpoint alerts.
        _ => return None,
    };
    let mut g = GraphEvidence::new(detail);
    g.created = e.evidence_creation_time;
    let (verdict, remediation) = match &e.detection_status {
        Some(DetectionStatus::Blocked) => (Verdict::Malicious, RemediationStatus::Blocked),
        Some(DetectionStatus::Prevented) => (Verdict::Malicious, RemediationStatus::Prevented),
        Some(DetectionStatus::Detected) => (Verdict::Malicious, RemediationStatus::NoAction),
        _ => (Verdict::Suspicious, RemediationStatus::NoAction),
    };
    g.verdict = Some(verdict);
    g.remediation_status = Some(remediation);
    g.roles = match &e.entity_type {
        EntityType::User => vec![EvidenceRole::Compromised],
        EntityType::Ip | EntityType::Url => vec![EvidenceRole::CommandAndControl],
        _ => Vec::new(),
    };
    Some(g)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo_data::{DemoSpec, generate};
    use mde_model::Timestamp;

    #[test]
    fn every_demo_alert_projects_with_its_device_and_typed_evidence() {
        let spec = DemoSpec::new(7, Timestamp::parse("2026-03-01T00:00:00Z").unwrap());
        for a in generate(&spec).into_iter().take(100) {
            let n_mapped = a
                .evidence
                .iter()
                .filter(|e| e.entity_type != EntityType::Machine)
                .count();
            let rec = Record::new(a);
            let g = graph_alert(&rec);
            assert_eq!(g.id, rec.alert().id);
            assert_eq!(g.evidence.len(), n_mapped + 1);
            assert!(matches!(g.evidence[0].detail, EvidenceDetail::Device(_)));
            // Back through the client's mapping, the endpoint fields survive.
            let back = g.to_alert();
            assert_eq!(back.machine_id, rec.alert().machine_id);
            assert_eq!(back.status, rec.alert().status);
            assert_eq!(back.incident_id, rec.alert().incident_id);
            let json = serde_json::to_value(&g).unwrap();
            assert!(
                json["status"]
                    .as_str()
                    .unwrap()
                    .chars()
                    .next()
                    .unwrap()
                    .is_lowercase()
            );
        }
    }
}
