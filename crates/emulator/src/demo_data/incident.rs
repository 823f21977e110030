//! One incident: a story played out on one device by one user, raising a few alerts minutes
//! apart that share the incident id, the device, the user and the attacker's infrastructure.

use super::artifacts;
use super::catalog::AlertKind;
use super::clock::{self, DAY, IdFormat, MINUTE, Precision, TICKS_PER_SEC};
use super::images::Scene;
use super::process_chain::{self, ChainSpec};
use super::stories::{STORIES, Story};
use super::tenant::{AAD_TENANT_ID, DOMAIN, Tenant};
use super::triage::{self, IncidentTriage};
use crate::rng::{Rng, mix};
use mde_model::{Alert, DetectionStatus, LoggedOnUser, RelatedUser, Severity};
use mde_text::mitre::{self, Resolved};

/// The window the tenant's alerts spread over, ending at the spec's `end`.
pub const WINDOW: i64 = 30 * DAY;

/// Everything the alerts of one incident share.
struct Shared<'a> {
    incident_id: i64,
    tenant: &'a Tenant,
    device: usize,
    user: usize,
    scene: Scene,
    triage: IncidentTriage,
    end: i64,
}

/// Raises the alerts of one incident (at most `budget`) into `out`; a `fresh` one starts in the
/// last quarter hour, so the queue always has something new at the top.
pub fn raise(
    rng: &mut Rng,
    tenant: &Tenant,
    incident_id: i64,
    end: i64,
    budget: usize,
    fresh: bool,
    out: &mut Vec<Alert>,
) {
    let weights: Vec<u32> = STORIES.iter().map(|s| s.weight).collect();
    let story = &STORIES[rng.weighted(&weights)];
    let len = story.kinds.len();
    let want = 1 + rng.weighted(&[12, 18, 22, 18, 14, 10, 6]);
    let count = want.min(len).min(budget).max(1);
    let first = if rng.chance(0.5) {
        0
    } else {
        rng.index(len - count + 1)
    };

    let device = pick_device(rng, tenant, story);
    let user = tenant.user_for(rng, &tenant.devices[device]);
    let start = if fresh {
        end - rng.range(2 * MINUTE as u64, 15 * MINUTE as u64) as i64
    } else {
        end - 2 * MINUTE - rng.below((WINDOW - 2 * MINUTE) as u64) as i64
    };
    let auto = story
        .kinds
        .iter()
        .any(|k| k.source == "AutomatedInvestigation");
    let shared = Shared {
        incident_id,
        tenant,
        device,
        user,
        scene: scene(rng, tenant, device, user),
        triage: triage::plan_incident(rng, story, end - start, auto),
        end,
    };
    let mut t = start;
    for kind in &story.kinds[first..first + count] {
        // An attack still unfolding at `end` has raised only its first alerts so far.
        if t > end - 10 * TICKS_PER_SEC {
            break;
        }
        out.push(alert(rng, &shared, kind, t));
        t += rng.range(30 * TICKS_PER_SEC as u64, 45 * MINUTE as u64) as i64;
    }
}

fn pick_device(rng: &mut Rng, tenant: &Tenant, story: &Story) -> usize {
    let server_story = matches!(
        story.name,
        "ransomware" | "credential-theft" | "exfiltration"
    );
    let want_server = rng.chance(if server_story { 0.5 } else { 0.1 });
    tenant.device_for(rng, want_server)
}

const C2_HOSTS: &[&str] = &[
    "cdn-update.azureedge-content.net",
    "login-microsoftonline.support",
    "static.jquery-cdn.info",
    "telemetry.windows-upd.com",
    "files.sharepoint-docs.org",
    "api.graph-office365.net",
];
const DLLS: &[&str] = &[
    "mscorsvc.dll",
    "update.dll",
    "wbemcomn2.dll",
    "libcurl.dll",
    "x64.dll",
];
const EXES: &[&str] = &[
    "svcupdate.exe",
    "taskhostw64.exe",
    "AdobeARM_.exe",
    "winlogin.exe",
    "setup.exe",
];
const LURES: &[&str] = &[
    "Invoice_4821.docm",
    "Payroll_Q3.xlsm",
    "Scan_2026-11.doc",
    "Remittance advice.docm",
    "CV_Maria_Lopez.doc",
];

fn scene(rng: &mut Rng, tenant: &Tenant, device: usize, user: usize) -> Scene {
    let peer = tenant
        .peer_of(rng, device)
        .map_or("srv-file-01", |p| p.host.as_str());
    Scene {
        user: tenant.users[user].account.clone(),
        peer: peer.to_string(),
        c2_host: rng.pick(C2_HOSTS).to_string(),
        // Documentation ranges (TEST-NET) and well-known bulletproof ranges look right and are safe.
        c2_ip: match rng.below(3) {
            0 => format!("185.220.101.{}", rng.range(2, 254)),
            1 => format!("203.0.113.{}", rng.range(2, 254)),
            _ => format!("198.51.100.{}", rng.range(2, 254)),
        },
        payload_dll: rng.pick(DLLS).to_string(),
        payload_exe: rng.pick(EXES).to_string(),
        lure: rng.pick(LURES).to_string(),
    }
}

fn severity(rng: &mut Rng, kind: &AlertKind) -> Severity {
    match rng.weighted(&kind.severity) {
        0 => Severity::Informational,
        1 => Severity::Low,
        2 => Severity::Medium,
        _ => Severity::High,
    }
}

fn detection_status(rng: &mut Rng, source: &str) -> Option<DetectionStatus> {
    let w: [u32; 4] = match source {
        "WindowsDefenderAv" => [15, 50, 35, 0],
        "WindowsDefenderAtp" => [70, 8, 2, 20],
        _ => [50, 5, 5, 40],
    };
    match rng.weighted(&w) {
        0 => Some(DetectionStatus::Detected),
        1 => Some(DetectionStatus::Blocked),
        2 => Some(DetectionStatus::Prevented),
        _ => None,
    }
}

/// The alert's technique IDs: usually the current ones, on some alerts the older IDs the same
/// detection used to report (followed by the current ones they do not cover), sometimes none.
fn techniques(rng: &mut Rng, kind: &AlertKind) -> Vec<String> {
    if rng.chance(0.08) {
        return Vec::new();
    }
    if kind.legacy.is_empty() || !rng.chance(0.2) {
        return kind.techniques.iter().map(|s| s.to_string()).collect();
    }
    let covered: Vec<&str> = kind
        .legacy
        .iter()
        .filter_map(|id| match mitre::resolve(id) {
            Resolved::Revoked { current, .. } => Some(current.id),
            _ => None,
        })
        .collect();
    kind.legacy
        .iter()
        .chain(kind.techniques.iter().filter(|t| !covered.contains(t)))
        .map(|s| s.to_string())
        .collect()
}

fn id_format(rng: &mut Rng, source: &str) -> IdFormat {
    match source {
        "AutomatedInvestigation" => IdFormat::Investigation,
        "CustomDetection" | "MTP" if rng.chance(0.5) => IdFormat::Guid,
        _ if rng.chance(0.01) => IdFormat::Guid,
        _ if rng.chance(0.01) => IdFormat::Investigation,
        _ => IdFormat::Detection,
    }
}

fn alert(rng: &mut Rng, sh: &Shared<'_>, kind: &AlertKind, created: i64) -> Alert {
    let device = &sh.tenant.devices[sh.device];
    let user = &sh.tenant.users[sh.user];
    let created_ts = clock::with_precision(rng, created, Precision::Ticks);
    let created = clock::ticks_of(&created_ts);
    let format = id_format(rng, kind.source);
    let id = clock::alert_id(rng, format, created);
    let mut a = Alert::new(id, kind.title);
    a.incident_id = Some(sh.incident_id);
    a.severity = severity(rng, kind);
    a.detection_source = Some(kind.source.to_string());
    a.detector_id = Some(detector_id(kind.title));
    a.category = Some(kind.category.to_string());
    if let Some((name, family)) = kind.threat {
        a.threat_name = Some(name.to_string());
        a.threat_family_name = Some(family.to_string());
    }
    a.description = Some(if rng.chance(0.15) {
        format!(
            "{}\n\nDevice: {}\nAccount: {DOMAIN}\\{}",
            kind.description, device.name, user.account
        )
    } else {
        kind.description.to_string()
    });

    // The detected activity happened shortly before the alert was raised.
    let first_event = created - rng.range(5 * TICKS_PER_SEC as u64, 20 * MINUTE as u64) as i64;
    let last_event =
        first_event + rng.below((created - first_event - 2 * TICKS_PER_SEC) as u64) as i64;
    a.alert_creation_time = Some(created_ts);
    a.first_event_time = Some(clock::with_precision(rng, first_event, Precision::Ticks));
    a.last_event_time = Some(clock::with_precision(rng, last_event, Precision::Ticks));

    a.machine_id = Some(device.machine_id.clone());
    a.computer_dns_name = Some(device.name.clone());
    a.rbac_group_name = device.group.map(str::to_string);
    a.aad_tenant_id = Some(AAD_TENANT_ID.to_string());
    a.mitre_techniques = techniques(rng, kind);
    if rng.chance(0.9) {
        a.related_user = Some(RelatedUser {
            user_name: Some(user.account.clone()),
            domain_name: Some(DOMAIN.to_string()),
        });
    }
    if rng.chance(0.7) {
        a.logged_on_users.push(LoggedOnUser {
            account_name: Some(user.account.clone()),
            domain_name: Some(DOMAIN.to_string()),
        });
        if rng.chance(0.15) {
            let other = &sh.tenant.users[rng.index(sh.tenant.users.len())];
            if other.account != user.account {
                a.logged_on_users.push(LoggedOnUser {
                    account_name: Some(other.account.clone()),
                    domain_name: Some(DOMAIN.to_string()),
                });
            }
        }
    }

    // At least a second later, so redrawn fractions never put evidence before its alert.
    let recorded = created + rng.range(TICKS_PER_SEC as u64 + 1, 3 * TICKS_PER_SEC as u64) as i64;
    let status = detection_status(rng, kind.source);
    if a.related_user.is_some() && rng.chance(0.9) {
        a.evidence.push(artifacts::user(rng, user, recorded));
    }
    if !kind.chain.is_empty() {
        let depth = process_chain::pick_depth(rng, kind.chain.len());
        let spec = ChainSpec {
            images: kind.chain,
            leaf_ticks: first_event - rng.range(1, 2 * TICKS_PER_SEC as u64) as i64,
            recorded_ticks: recorded,
            status: status.clone(),
        };
        a.evidence
            .extend(process_chain::build(rng, &sh.scene, &spec, depth));
    }
    for art in kind.artifacts {
        a.evidence.push(artifacts::evidence(
            rng,
            *art,
            &sh.scene,
            recorded,
            status.clone(),
        ));
    }

    // A 100k tenant holds ~450k evidence items: do not keep doubling slack on every alert.
    a.evidence.shrink_to_fit();

    let t = triage::alert(rng, &sh.triage, created, sh.end, &user.account);
    a.status = t.status;
    a.assigned_to = t.assigned_to;
    a.classification = t.classification;
    a.determination = t.determination;
    a.investigation_id = t.investigation_id;
    a.investigation_state = t.investigation_state;
    a.resolved_time = t
        .resolved_at
        .map(|r| clock::with_precision(rng, r, Precision::Stored));
    a.comments = t.comments;
    a.last_update_time = Some(clock::with_precision(rng, t.last_update, Precision::Stored));
    a
}

/// A stable detector GUID per title, as the service has one detector per alert title.
fn detector_id(title: &str) -> String {
    Rng::new(mix(crate::rng::name_hash(title))).guid()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detector_ids_are_stable_per_title() {
        assert_eq!(detector_id("A"), detector_id("A"));
        assert_ne!(detector_id("A"), detector_id("B"));
    }

    #[test]
    fn incidents_share_device_user_and_id() {
        let mut rng = Rng::new(3);
        let tenant = Tenant::build(&mut rng, 500);
        let end = 17_000_000_000_000_000;
        for n in 0..40 {
            let mut out = Vec::new();
            raise(&mut rng, &tenant, 1000 + n, end, 9, n == 0, &mut out);
            assert!(!out.is_empty() && out.len() <= 9);
            assert!(out.iter().all(|a| a.incident_id == Some(1000 + n)));
            assert!(out.iter().all(|a| a.machine_id == out[0].machine_id));
            let users: Vec<_> = out.iter().filter_map(|a| a.related_user.as_ref()).collect();
            assert!(
                users.windows(2).all(|w| w[0] == w[1]),
                "one user per incident"
            );
            let times: Vec<_> = out.iter().map(|a| a.alert_creation_time).collect();
            assert!(times.windows(2).all(|w| w[0] < w[1]));
            assert!(
                times
                    .iter()
                    .all(|t| t.is_some_and(|t| clock::ticks_of(&t) < end))
            );
        }
    }
}
