//! Defender for Cloud Apps (impossible travel, mass download, inbox rules) and Defender for
//! Cloud (storage and subscription alerts): incidents of their own.

use super::super::clock::MINUTE;
use super::evidence as ev;
use super::{Context, Kind, alert, id, triage_own};
use crate::rng::Rng;
use mde_model::graph::{GraphAlert, ServiceSource};
use mde_model::{Classification, Determination, Severity};

const SUBSCRIPTION: &str = "/subscriptions/3f1c8a2e-9b7d-4e51-a0c6-2d8e4b9f7a13";

/// A Defender for Cloud Apps alert.
pub fn cloud_apps(rng: &mut Rng, ctx: &Context<'_>, incident: i64, created: i64) -> GraphAlert {
    let user = &ctx.tenant.users[rng.index(ctx.tenant.people.max(1))];
    let kind = rng.below(3);
    let (title, description, category, techniques, app): (&str, &str, &str, &[&str], (i64, &str)) =
        match kind {
            0 => (
                "Impossible travel activity",
                "The user signed in from two countries farther apart than travel allows in the time between.",
                "InitialAccess",
                &["T1078"],
                (11161, "Office 365"),
            ),
            1 => (
                "Mass download by a single user",
                "A user downloaded an unusual number of files from SharePoint in one session.",
                "Exfiltration",
                &["T1530"],
                (20892, "Microsoft SharePoint Online"),
            ),
            _ => (
                "Suspicious inbox forwarding",
                "A rule forwarding every message to an external address was created in the user's mailbox.",
                "Exfiltration",
                &["T1114.003"],
                (20893, "Microsoft Exchange Online"),
            ),
        };
    let mut evidence = vec![
        ev::user(user, created),
        ev::cloud_app(app.0, app.1, created),
    ];
    if kind == 0 {
        evidence.push(ev::ip(
            &format!(
                "145.{}.{}.{}",
                rng.range(1, 250),
                rng.range(1, 250),
                rng.range(2, 250)
            ),
            "NL",
            created,
        ));
        evidence.push(ev::ip(
            &format!("203.0.113.{}", rng.range(2, 250)),
            "SG",
            created,
        ));
    } else {
        evidence.push(ev::ip(
            &format!("185.220.101.{}", rng.range(2, 250)),
            "DE",
            created,
        ));
    }
    if kind == 2 {
        evidence.push(ev::mailbox(user, created));
    }
    let k = Kind {
        id: id(rng, "ca"),
        incident,
        title,
        description,
        category,
        source: ServiceSource::MicrosoftDefenderForCloudApps,
        detection: "microsoftDefenderForCloudApps",
        product: "Microsoft Defender for Cloud Apps",
        severity: if kind == 1 {
            Severity::High
        } else {
            Severity::Medium
        },
        techniques,
        recommended: "1. Confirm the activity with the user.\n2. Revoke the user's sessions if it was not them.",
        created,
        first_activity: created - rng.range(MINUTE as u64, 45 * MINUTE as u64) as i64,
    };
    let verdict = if kind == 0 {
        (Classification::FalsePositive, Determination::NotMalicious)
    } else {
        (
            Classification::TruePositive,
            Determination::CompromisedAccount,
        )
    };
    let t = triage_own(rng, created, ctx.end, verdict);
    alert(rng, k, t, evidence)
}

/// A Defender for Cloud alert.
pub fn defender_for_cloud(
    rng: &mut Rng,
    ctx: &Context<'_>,
    incident: i64,
    created: i64,
) -> GraphAlert {
    let storage = rng.chance(0.6);
    let (title, description, techniques, resource, evidence_ip): (
        &str,
        &str,
        &[&str],
        (String, String, &str),
        bool,
    ) = if storage {
        let name = format!(
            "contoso{}{:02}",
            rng.pick(&["fin", "hr", "backup", "logs"]),
            rng.range(1, 9)
        );
        (
            "Access from a suspicious IP address to a storage account",
            "A storage account was accessed from an IP address that threat intelligence lists as malicious.",
            &["T1530"],
            (
                format!(
                    "{SUBSCRIPTION}/resourceGroups/rg-data/providers/Microsoft.Storage/storageAccounts/{name}"
                ),
                name,
                "Microsoft.Storage/storageAccounts",
            ),
            true,
        )
    } else {
        (
            "Suspicious Azure role assignment detected",
            "An Owner role was assigned at subscription scope by an account that rarely manages access.",
            &["T1098"],
            (
                SUBSCRIPTION.to_string(),
                "Contoso Production".to_string(),
                "Microsoft.Resources/subscriptions",
            ),
            false,
        )
    };
    let mut evidence = vec![ev::azure_resource(
        &resource.0,
        &resource.1,
        resource.2,
        created,
    )];
    if evidence_ip {
        evidence.push(ev::ip(
            &format!("185.220.101.{}", rng.range(2, 250)),
            "DE",
            created,
        ));
    } else {
        let user = &ctx.tenant.users[rng.index(ctx.tenant.users.len())];
        evidence.push(ev::user(user, created));
    }
    let k = Kind {
        id: id(rng, "dc"),
        incident,
        title,
        description,
        category: if storage { "Collection" } else { "Persistence" },
        source: ServiceSource::MicrosoftDefenderForCloud,
        detection: "microsoftDefenderForCloud",
        product: "Microsoft Defender for Cloud",
        severity: if storage {
            Severity::High
        } else {
            Severity::Medium
        },
        techniques,
        recommended: "1. Check the resource's activity log.\n2. Restrict network access to the resource.",
        created,
        first_activity: created - rng.range(MINUTE as u64, 20 * MINUTE as u64) as i64,
    };
    let verdict = (
        Classification::InformationalExpectedActivity,
        Determination::ConfirmedActivity,
    );
    let t = triage_own(rng, created, ctx.end, verdict);
    alert(rng, k, t, evidence)
}
