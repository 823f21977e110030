//! Alerts of the other Defender products, which only the Graph API serves: Office 365 (the
//! phishing mail behind an endpoint incident, or a mail of its own), Identity (credential theft
//! seen on the domain controllers), Cloud Apps and Cloud. Some join the endpoint incidents they
//! belong to; the rest are incidents of their own. Seeded apart from the endpoint alerts, which
//! stay exactly as they were.

mod cloud;
mod evidence;
mod identity;
mod office;

use super::DemoSpec;
use super::clock::{self, DAY, MINUTE, Precision};
use super::tenant::{ANALYSTS, Tenant};
use crate::rng::Rng;
use mde_model::graph::{GraphAlert, GraphComment, ServiceSource};
use mde_model::{Alert, Classification, Determination, Severity, Status, Timestamp};
use std::collections::BTreeMap;

/// First id of the incidents these products raise on their own (apart from the endpoint ones).
pub const OWN_INCIDENT_BASE: i64 = 2_000_000;

/// What an alert of another product needs from its context.
pub(super) struct Context<'a> {
    pub tenant: &'a Tenant,
    pub end: i64,
}

/// The triage of an alert: copied from its endpoint incident, or drawn for its own.
#[derive(Debug, Clone)]
pub(super) struct Triage {
    pub status: Status,
    pub assigned_to: Option<String>,
    pub classification: Option<Classification>,
    pub determination: Option<Determination>,
    pub last_update: i64,
    pub comments: Vec<GraphComment>,
}

/// The other products' alerts of a demo tenant whose endpoint alerts are `endpoint`.
pub fn other_products(spec: &DemoSpec, endpoint: &[&Alert]) -> Vec<GraphAlert> {
    let root = Rng::new(spec.seed);
    let tenant = Tenant::build(&mut root.fork(1), spec.alerts);
    let mut rng = root.fork(11);
    let ctx = Context {
        tenant: &tenant,
        end: clock::ticks_of(&spec.end),
    };
    let mut incidents: BTreeMap<i64, Vec<&Alert>> = BTreeMap::new();
    for a in endpoint {
        if let Some(i) = a.incident_id {
            incidents.entry(i).or_default().push(*a);
        }
    }
    let mut out = Vec::new();
    for (id, alerts) in &incidents {
        let lure = alerts.iter().find_map(|a| {
            a.evidence.iter().find_map(|e| {
                e.file_name
                    .as_deref()
                    .filter(|n| n.ends_with(".docm") || n.ends_with(".xlsm") || n.ends_with(".doc"))
            })
        });
        if let Some(lure) = lure
            && rng.chance(0.8)
        {
            out.push(office::phish_behind(&mut rng, &ctx, *id, alerts, lure));
        }
        let credential = alerts
            .iter()
            .any(|a| a.category.as_deref() == Some("CredentialAccess"));
        if credential && rng.chance(0.6) {
            out.push(identity::theft_behind(&mut rng, &ctx, *id, alerts));
        }
    }
    let own = (spec.alerts / 25).max(4);
    for n in 0..own {
        let id = OWN_INCIDENT_BASE + n as i64 * 7 + rng.range(0, 6) as i64;
        let fresh = n == 0;
        let created = if fresh {
            ctx.end - rng.range(5 * MINUTE as u64, 40 * MINUTE as u64) as i64
        } else {
            ctx.end - rng.range(20 * MINUTE as u64, (30 * DAY - DAY / 2) as u64) as i64
        };
        let a = match rng.weighted(&[30, 25, 20, 15]) {
            0 => office::own_mail(&mut rng, &ctx, id, created, n),
            1 => cloud::cloud_apps(&mut rng, &ctx, id, created),
            2 => cloud::defender_for_cloud(&mut rng, &ctx, id, created),
            _ => identity::own(&mut rng, &ctx, id, created),
        };
        out.push(a);
    }
    out
}

/// The incident's triage, as its endpoint alerts have it: resolved when they all are.
pub(super) fn triage_like(alerts: &[&Alert], created: i64, end: i64) -> Triage {
    let resolved = alerts.iter().all(|a| a.status == Status::Resolved);
    let first = alerts.first();
    let last_update = alerts
        .iter()
        .filter_map(|a| a.last_update_time.map(|t| clock::ticks_of(&t)))
        .max()
        .unwrap_or(created)
        .clamp(created + clock::TICKS_PER_SEC, end - clock::TICKS_PER_SEC);
    Triage {
        status: if resolved {
            Status::Resolved
        } else if alerts.iter().any(|a| a.status == Status::InProgress) {
            Status::InProgress
        } else {
            Status::New
        },
        assigned_to: first.and_then(|a| a.assigned_to.clone()),
        classification: resolved
            .then(|| first.and_then(|a| a.classification.clone()))
            .flatten(),
        determination: resolved
            .then(|| first.and_then(|a| a.determination.clone()))
            .flatten(),
        last_update,
        comments: Vec::new(),
    }
}

/// A queue-like triage for an alert of its own incident.
pub(super) fn triage_own(
    rng: &mut Rng,
    created: i64,
    end: i64,
    benign: (Classification, Determination),
) -> Triage {
    let age = (end - created) as f64 / DAY as f64;
    let p_resolved = (0.05 + age / 30.0 * 0.5).min(0.55);
    let analyst = ANALYSTS[rng.index(ANALYSTS.len())];
    let x = rng.unit();
    let last_update =
        (created + rng.range(MINUTE as u64, 3 * DAY as u64) as i64).min(end - clock::TICKS_PER_SEC);
    let (status, verdict) = if x < p_resolved {
        (Status::Resolved, Some(benign))
    } else if x < p_resolved + 0.2 {
        (Status::InProgress, None)
    } else {
        (Status::New, None)
    };
    let comments = if status == Status::New {
        Vec::new()
    } else {
        vec![GraphComment {
            comment: if status == Status::Resolved {
                "Checked with the user; closing.".into()
            } else {
                "Looking into it.".into()
            },
            created_by_display_name: Some(analyst.to_string()),
            created_date_time: Some(clock::at(last_update)),
        }]
    };
    Triage {
        assigned_to: (status != Status::New).then(|| analyst.to_string()),
        classification: verdict.as_ref().map(|v| v.0.clone()),
        determination: verdict.map(|v| v.1),
        status,
        last_update: if comments.is_empty() {
            created + clock::TICKS_PER_SEC
        } else {
            last_update
        },
        comments,
    }
}

/// What every product's alert is made of.
pub(super) struct Kind<'a> {
    pub id: String,
    pub incident: i64,
    pub title: &'a str,
    pub description: &'a str,
    pub category: &'a str,
    pub source: ServiceSource,
    pub detection: &'a str,
    pub product: &'a str,
    pub severity: Severity,
    pub techniques: &'a [&'a str],
    pub recommended: &'a str,
    pub created: i64,
    pub first_activity: i64,
}

/// Builds the alert.
pub(super) fn alert(
    rng: &mut Rng,
    k: Kind<'_>,
    t: Triage,
    evidence: Vec<mde_model::graph::GraphEvidence>,
) -> GraphAlert {
    let mut g = GraphAlert::new(k.id.clone(), k.title);
    g.provider_alert_id = Some(
        k.id.trim_start_matches(|c: char| c.is_ascii_alphabetic())
            .to_string(),
    );
    g.incident_id = Some(k.incident.to_string());
    g.service_source = Some(k.source);
    g.detection_source = Some(k.detection.to_string());
    g.product_name = Some(k.product.to_string());
    g.detector_id = Some(Rng::new(crate::rng::name_hash(k.title)).guid());
    g.tenant_id = Some(super::AAD_TENANT_ID.to_string());
    g.description = Some(k.description.to_string());
    g.recommended_actions = Some(k.recommended.to_string());
    g.category = Some(k.category.to_string());
    g.severity = k.severity;
    g.mitre_techniques = k.techniques.iter().map(|s| s.to_string()).collect();
    let created = clock::with_precision(rng, k.created, Precision::Ticks);
    g.created_date_time = Some(created);
    g.first_activity_date_time = Some(clock::with_precision(
        rng,
        k.first_activity,
        Precision::Ticks,
    ));
    g.last_activity_date_time = Some(clock::with_precision(
        rng,
        k.created - clock::TICKS_PER_SEC,
        Precision::Ticks,
    ));
    g.alert_web_url = Some(format!(
        "https://security.microsoft.com/alerts/{}?tid={}",
        k.id,
        super::AAD_TENANT_ID
    ));
    g.incident_web_url = Some(format!(
        "https://security.microsoft.com/incidents/{}?tid={}",
        k.incident,
        super::AAD_TENANT_ID
    ));
    g.status = t.status.clone();
    g.assigned_to = t.assigned_to;
    g.classification = t.classification;
    g.determination = t.determination;
    g.resolved_date_time = (t.status == Status::Resolved).then(|| clock::at(t.last_update));
    g.last_update_date_time =
        Some(clock::with_precision(rng, t.last_update, Precision::Stored).max(created));
    g.comments = t.comments;
    g.evidence = evidence;
    g
}

/// An alert id: the product's two-letter prefix and a GUID, as the service writes them.
pub(super) fn id(rng: &mut Rng, prefix: &str) -> String {
    format!("{prefix}{}", rng.guid())
}

/// The time at `ticks` as a timestamp.
pub(super) fn at(ticks: i64) -> Timestamp {
    clock::at(ticks)
}
