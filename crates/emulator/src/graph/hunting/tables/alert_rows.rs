//! Rows of `AlertInfo` and `AlertEvidence` for every product's alerts: one info row per alert,
//! one evidence row per evidence item (and the device of each endpoint alert).

use mde_model::graph::{Cell, EvidenceDetail, GraphAlert, ServiceSource};
use mde_model::{Alert, EntityType, Timestamp};

/// What every row of one alert shares.
struct Base<'a> {
    at: Option<Timestamp>,
    id: &'a str,
    title: &'a str,
    category: &'a str,
    techniques: &'a [String],
    source: &'a ServiceSource,
    detection: &'a str,
    threat_family: &'a str,
}

/// The entity-specific columns of an evidence row (empty strings when unused, as KQL has them).
#[derive(Default)]
struct Ev {
    file_name: String,
    folder: String,
    sha1: String,
    sha256: String,
    remote_ip: String,
    remote_url: String,
    account_name: String,
    account_domain: String,
    account_sid: String,
    account_object_id: String,
    account_upn: String,
    device_id: String,
    device_name: String,
    message_id: String,
    subject: String,
    application: String,
    application_id: Option<i64>,
    command_line: String,
    registry_key: String,
    registry_value_name: String,
    registry_value_data: String,
}

fn s(v: &str) -> Cell {
    Cell::Str(v.to_string())
}

fn o(v: &Option<String>) -> String {
    v.clone().unwrap_or_default()
}

fn json_list(t: &[String]) -> Cell {
    Cell::Str(serde_json::to_string(t).unwrap_or_else(|_| "[]".into()))
}

fn detection(raw: &str) -> &str {
    match raw {
        "WindowsDefenderAtp" | "microsoftDefenderForEndpoint" => "EDR",
        "WindowsDefenderAv" | "antivirus" => "Antivirus",
        "CustomerTI" | "customTi" => "Custom TI",
        "AutomatedInvestigation" | "automatedInvestigation" => "Automated investigation",
        "CustomDetection" | "customDetection" => "Custom detection",
        other => other,
    }
}

fn info_row(b: &Base<'_>, severity: &str) -> Vec<Cell> {
    vec![
        b.at.map_or(Cell::Null, Cell::Time),
        s(b.id),
        s(b.title),
        s(b.category),
        s(severity),
        s(b.source.label()),
        s(detection(b.detection)),
        json_list(b.techniques),
    ]
}

fn evidence_row(b: &Base<'_>, entity: &str, role: &str, e: Ev) -> Vec<Cell> {
    vec![
        b.at.map_or(Cell::Null, Cell::Time),
        s(b.id),
        s(b.title),
        json_list(&[b.category.to_string()]),
        json_list(b.techniques),
        s(b.source.label()),
        s(detection(b.detection)),
        s(entity),
        s(role),
        s(""),
        s(&e.file_name),
        s(&e.folder),
        s(&e.sha1),
        s(&e.sha256),
        s(b.threat_family),
        s(&e.remote_ip),
        s(&e.remote_url),
        s(&e.account_name),
        s(&e.account_domain),
        s(&e.account_sid),
        s(&e.account_object_id),
        s(&e.account_upn),
        s(&e.device_id),
        s(&e.device_name),
        s(&e.message_id),
        s(&e.subject),
        s(&e.application),
        e.application_id.map_or(Cell::Null, Cell::Long),
        s(&e.command_line),
        s(&e.registry_key),
        s(&e.registry_value_name),
        s(&e.registry_value_data),
    ]
}

const ENDPOINT: ServiceSource = ServiceSource::MicrosoftDefenderForEndpoint;

fn mde_base(a: &Alert) -> Base<'_> {
    Base {
        at: a.alert_creation_time,
        id: &a.id,
        title: &a.title,
        category: a.category.as_deref().unwrap_or_default(),
        techniques: &a.mitre_techniques,
        source: &ENDPOINT,
        detection: a.detection_source.as_deref().unwrap_or_default(),
        threat_family: a.threat_family_name.as_deref().unwrap_or_default(),
    }
}

fn graph_base(g: &GraphAlert) -> Base<'_> {
    Base {
        at: g.created_date_time,
        id: &g.id,
        title: &g.title,
        category: g.category.as_deref().unwrap_or_default(),
        techniques: &g.mitre_techniques,
        source: g.service_source.as_ref().unwrap_or(&ServiceSource::Unknown),
        detection: g.detection_source.as_deref().unwrap_or_default(),
        threat_family: g.threat_family_name.as_deref().unwrap_or_default(),
    }
}

/// The `AlertInfo` row of an endpoint alert.
pub fn info_of_mde(a: &Alert) -> Vec<Cell> {
    info_row(&mde_base(a), a.severity.as_str())
}

/// The `AlertInfo` row of another product's alert.
pub fn info_of_graph(g: &GraphAlert) -> Vec<Cell> {
    info_row(&graph_base(g), g.severity.as_str())
}

/// The `AlertEvidence` rows of an endpoint alert.
pub fn evidence_of_mde(a: &Alert) -> Vec<Vec<Cell>> {
    let b = mde_base(a);
    let mut rows = Vec::with_capacity(a.evidence.len() + 1);
    if a.machine_id.is_some() {
        rows.push(evidence_row(
            &b,
            "Machine",
            "Impacted",
            Ev {
                device_id: o(&a.machine_id),
                device_name: o(&a.computer_dns_name),
                ..Ev::default()
            },
        ));
    }
    for e in &a.evidence {
        let (entity, role) = match &e.entity_type {
            EntityType::User => ("User", "Impacted"),
            EntityType::Machine => continue,
            other => (other.as_str(), "Related"),
        };
        let ev = Ev {
            file_name: o(&e.file_name),
            folder: o(&e.file_path),
            sha1: o(&e.sha1),
            sha256: o(&e.sha256),
            remote_ip: o(&e.ip_address),
            remote_url: o(&e.url),
            account_name: o(&e.account_name),
            account_domain: o(&e.domain_name),
            account_sid: o(&e.user_sid),
            account_object_id: o(&e.aad_user_id),
            account_upn: o(&e.user_principal_name),
            device_id: o(&a.machine_id),
            device_name: o(&a.computer_dns_name),
            command_line: o(&e.process_command_line),
            registry_key: o(&e.registry_key),
            registry_value_name: o(&e.registry_value_name),
            registry_value_data: o(&e.registry_value),
            ..Ev::default()
        };
        rows.push(evidence_row(&b, entity, role, ev));
    }
    rows
}

/// The `AlertEvidence` rows of another product's alert.
pub fn evidence_of_graph(g: &GraphAlert) -> Vec<Vec<Cell>> {
    let b = graph_base(g);
    let mut rows = Vec::with_capacity(g.evidence.len());
    for e in &g.evidence {
        let (entity, role, ev) = match &e.detail {
            EvidenceDetail::Device(d) => (
                "Machine",
                "Impacted",
                Ev {
                    device_id: o(&d.mde_device_id),
                    device_name: o(&d.device_dns_name),
                    ..Ev::default()
                },
            ),
            EvidenceDetail::User(u) => {
                let acc = u.user_account.clone().unwrap_or_default();
                (
                    "User",
                    "Impacted",
                    Ev {
                        account_name: o(&acc.account_name),
                        account_domain: o(&acc.domain_name),
                        account_sid: o(&acc.user_sid),
                        account_object_id: o(&acc.azure_ad_user_id),
                        account_upn: o(&acc.user_principal_name),
                        ..Ev::default()
                    },
                )
            }
            EvidenceDetail::Mailbox(m) => (
                "Mailbox",
                "Impacted",
                Ev {
                    account_upn: o(&m.primary_address),
                    ..Ev::default()
                },
            ),
            EvidenceDetail::AnalyzedMessage(m) => (
                "MailMessage",
                "Related",
                Ev {
                    message_id: o(&m.network_message_id),
                    subject: o(&m.subject),
                    remote_ip: o(&m.sender_ip),
                    account_upn: o(&m.recipient_email_address),
                    ..Ev::default()
                },
            ),
            EvidenceDetail::Ip(i) => (
                "Ip",
                "Related",
                Ev {
                    remote_ip: o(&i.ip_address),
                    ..Ev::default()
                },
            ),
            EvidenceDetail::Url(u) => (
                "Url",
                "Related",
                Ev {
                    remote_url: o(&u.url),
                    ..Ev::default()
                },
            ),
            EvidenceDetail::File(f) => {
                let d = f.file_details.clone().unwrap_or_default();
                (
                    "File",
                    "Related",
                    Ev {
                        file_name: o(&d.file_name),
                        folder: o(&d.file_path),
                        sha1: o(&d.sha1),
                        sha256: o(&d.sha256),
                        ..Ev::default()
                    },
                )
            }
            EvidenceDetail::CloudApplication(c) => (
                "CloudApplication",
                "Related",
                Ev {
                    application: o(&c.display_name),
                    application_id: c.app_id,
                    ..Ev::default()
                },
            ),
            EvidenceDetail::OAuthApplication(c) => (
                "OAuthApplication",
                "Related",
                Ev {
                    application: o(&c.display_name),
                    ..Ev::default()
                },
            ),
            EvidenceDetail::AzureResource(r) => (
                "AzureResource",
                "Impacted",
                Ev {
                    application: o(&r.resource_name),
                    ..Ev::default()
                },
            ),
            _ => continue,
        };
        rows.push(evidence_row(&b, entity, role, ev));
    }
    rows
}
