//! Typed Graph evidence for the other products' alerts, from the tenant's cast.

use super::super::tenant::{DOMAIN, Device, User};
use super::at;
use crate::rng::{Rng, name_hash};
use mde_model::graph::evidence::{
    AnalyzedMessageEvidence, AzureResourceEvidence, CloudApplicationEvidence, DeviceEvidence,
    EmailSender, FileDetails, FileEvidence, IpEvidence, MailboxEvidence, UrlEvidence, UserAccount,
    UserEvidence,
};
use mde_model::graph::{EvidenceDetail, EvidenceRole, GraphEvidence, RemediationStatus, Verdict};

fn item(
    detail: EvidenceDetail,
    created: i64,
    verdict: Verdict,
    roles: Vec<EvidenceRole>,
) -> GraphEvidence {
    let mut e = GraphEvidence::new(detail);
    e.created = Some(at(created));
    e.verdict = Some(verdict);
    e.remediation_status = Some(RemediationStatus::NoAction);
    e.roles = roles;
    e
}

fn account(u: &User) -> UserAccount {
    UserAccount {
        account_name: Some(u.account.clone()),
        domain_name: Some(DOMAIN.to_string()),
        user_sid: Some(u.sid.clone()),
        azure_ad_user_id: Some(u.aad_id.clone()),
        user_principal_name: Some(u.upn.clone()),
        display_name: None,
    }
}

/// The user.
pub fn user(u: &User, created: i64) -> GraphEvidence {
    item(
        EvidenceDetail::User(UserEvidence {
            user_account: Some(account(u)),
        }),
        created,
        Verdict::Suspicious,
        vec![EvidenceRole::Compromised],
    )
}

/// The user's mailbox.
pub fn mailbox(u: &User, created: i64) -> GraphEvidence {
    item(
        EvidenceDetail::Mailbox(MailboxEvidence {
            primary_address: Some(u.upn.clone()),
            display_name: Some(u.account.clone()),
            user_account: Some(account(u)),
        }),
        created,
        Verdict::Unknown,
        vec![EvidenceRole::Destination],
    )
}

/// A mail to `u` from `sender` with `subject`; `lure` is its attachment, `url` its link.
#[allow(clippy::too_many_arguments)]
pub fn message(
    rng: &mut Rng,
    u: &User,
    sender: (&str, &str),
    subject: &str,
    lure: Option<&str>,
    url: Option<&str>,
    received: i64,
    created: i64,
) -> GraphEvidence {
    let domain = sender.0.rsplit('@').next().unwrap_or_default().to_string();
    let from = EmailSender {
        email_address: Some(sender.0.to_string()),
        display_name: Some(sender.1.to_string()),
        domain_name: Some(domain.clone()),
    };
    item(
        EvidenceDetail::AnalyzedMessage(AnalyzedMessageEvidence {
            network_message_id: Some(rng.guid()),
            internet_message_id: Some(format!("<{}@{domain}>", rng.hex(24))),
            subject: Some(subject.to_string()),
            language: Some("en".into()),
            sender_ip: Some(format!("198.51.100.{}", rng.range(2, 254))),
            recipient_email_address: Some(u.upn.clone()),
            anti_spam_direction: Some("inbound".into()),
            delivery_action: Some("delivered".into()),
            delivery_location: Some("inbox".into()),
            url_count: Some(i64::from(url.is_some())),
            attachments_count: Some(i64::from(lure.is_some())),
            received_date_time: Some(at(received)),
            p1_sender: Some(from.clone()),
            p2_sender: Some(from),
            threats: vec![if lure.is_some() { "Malware" } else { "Phish" }.to_string()],
            urls: url.map(str::to_string).into_iter().collect(),
        }),
        created,
        Verdict::Malicious,
        vec![EvidenceRole::Source],
    )
}

/// A file by name (hashes derived from it, as on the endpoint evidence).
pub fn file(name: &str, folder: &str, created: i64) -> GraphEvidence {
    let mut r = Rng::new(name_hash(name));
    item(
        EvidenceDetail::File(FileEvidence {
            file_details: Some(FileDetails {
                sha1: Some(r.hex(40)),
                sha256: Some(r.hex(64)),
                file_name: Some(name.to_string()),
                file_path: Some(folder.to_string()),
                file_size: Some((name_hash(name) % 400_000 + 20_000) as i64),
                ..FileDetails::default()
            }),
            detection_status: None,
            mde_device_id: None,
        }),
        created,
        Verdict::Malicious,
        vec![EvidenceRole::Attacker],
    )
}

/// An IP address, with its country.
pub fn ip(addr: &str, country: &str, created: i64) -> GraphEvidence {
    item(
        EvidenceDetail::Ip(IpEvidence {
            ip_address: Some(addr.to_string()),
            country_letter_code: Some(country.to_string()),
        }),
        created,
        Verdict::Suspicious,
        vec![EvidenceRole::Source],
    )
}

/// A URL.
pub fn url(u: &str, created: i64) -> GraphEvidence {
    item(
        EvidenceDetail::Url(UrlEvidence {
            url: Some(u.to_string()),
        }),
        created,
        Verdict::Malicious,
        vec![EvidenceRole::Attacker],
    )
}

/// A device of the tenant.
pub fn device(d: &Device, created: i64) -> GraphEvidence {
    item(
        EvidenceDetail::Device(DeviceEvidence {
            mde_device_id: Some(d.machine_id.clone()),
            device_dns_name: Some(d.name.clone()),
            os_platform: Some(
                if d.name.starts_with("srv-") {
                    "WindowsServer2022"
                } else {
                    "Windows11"
                }
                .into(),
            ),
            health_status: Some("active".into()),
            rbac_group_name: d.group.map(str::to_string),
            onboarding_status: Some("onboarded".into()),
            ..DeviceEvidence::default()
        }),
        created,
        Verdict::Unknown,
        vec![EvidenceRole::Contextual],
    )
}

/// A cloud app (Defender for Cloud Apps' catalogue id).
pub fn cloud_app(id: i64, name: &str, created: i64) -> GraphEvidence {
    item(
        EvidenceDetail::CloudApplication(CloudApplicationEvidence {
            app_id: Some(id),
            display_name: Some(name.to_string()),
            instance_name: Some(name.to_string()),
            saas_app_id: Some(id),
        }),
        created,
        Verdict::Unknown,
        vec![EvidenceRole::Contextual],
    )
}

/// An Azure resource.
pub fn azure_resource(id: &str, name: &str, kind: &str, created: i64) -> GraphEvidence {
    item(
        EvidenceDetail::AzureResource(AzureResourceEvidence {
            resource_id: Some(id.to_string()),
            resource_name: Some(name.to_string()),
            resource_type: Some(kind.to_string()),
        }),
        created,
        Verdict::Suspicious,
        vec![EvidenceRole::Attacked],
    )
}
