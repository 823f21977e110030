//! Defender for Identity: credential theft behind an endpoint incident, seen from the domain
//! controllers, and reconnaissance of its own.

use super::super::clock::{MINUTE, TICKS_PER_SEC};
use super::super::tenant::DeviceRole;
use super::evidence as ev;
use super::{Context, Kind, alert, id, triage_like, triage_own};
use crate::rng::Rng;
use mde_model::graph::{GraphAlert, ServiceSource};
use mde_model::{Alert, Classification, Determination, Severity};

const RECOMMENDED: &str = "1. Check the source computer for the tool that made the requests.\n2. Reset the account's password and revoke its Kerberos tickets.";

fn dc<'a>(ctx: &'a Context<'_>) -> &'a super::super::tenant::Device {
    ctx.tenant
        .devices
        .iter()
        .find(|d| d.role == DeviceRole::DomainController)
        .unwrap_or(&ctx.tenant.devices[0])
}

/// Pass-the-ticket or DCSync seen on a domain controller, in an endpoint incident.
pub fn theft_behind(
    rng: &mut Rng,
    ctx: &Context<'_>,
    incident: i64,
    alerts: &[&Alert],
) -> GraphAlert {
    let last = alerts
        .iter()
        .filter_map(|a| a.alert_creation_time)
        .max()
        .map_or(ctx.end - 10 * MINUTE, |t| super::super::clock::ticks_of(&t));
    let created = (last + rng.range(MINUTE as u64, 20 * MINUTE as u64) as i64)
        .min(ctx.end - 5 * TICKS_PER_SEC);
    let machine = alerts.iter().find_map(|a| a.machine_id.clone());
    let source = machine
        .as_deref()
        .and_then(|m| ctx.tenant.devices.iter().find(|d| d.machine_id == m))
        .unwrap_or(&ctx.tenant.devices[0]);
    let user = alerts
        .iter()
        .find_map(|a| a.related_user.as_ref().and_then(|u| u.user_name.clone()))
        .and_then(|name| ctx.tenant.users.iter().find(|u| u.account == name))
        .unwrap_or(&ctx.tenant.users[0]);
    let (title, description, techniques): (&str, &str, &[&str]) = if rng.chance(0.5) {
        (
            "Suspected identity theft (pass-the-ticket)",
            "A Kerberos ticket issued to one computer was used from another.",
            &["T1550.003"],
        )
    } else {
        (
            "Suspected DCSync attack (replication of directory services)",
            "A computer that is not a domain controller asked a domain controller to replicate password data.",
            &["T1003.006"],
        )
    };
    let evidence = vec![
        ev::user(user, created),
        ev::device(source, created),
        ev::device(dc(ctx), created),
        ev::ip(
            &format!("10.20.{}.{}", rng.range(1, 250), rng.range(2, 250)),
            "",
            created,
        ),
    ];
    let k = Kind {
        id: id(rng, "aa"),
        incident,
        title,
        description,
        category: "CredentialAccess",
        source: ServiceSource::MicrosoftDefenderForIdentity,
        detection: "microsoftDefenderForIdentity",
        product: "Microsoft Defender for Identity",
        severity: Severity::High,
        techniques,
        recommended: RECOMMENDED,
        created,
        first_activity: created - rng.range(TICKS_PER_SEC as u64 * 5, 10 * MINUTE as u64) as i64,
    };
    alert(rng, k, triage_like(alerts, created, ctx.end), evidence)
}

/// Account enumeration against a domain controller, an incident of its own.
pub fn own(rng: &mut Rng, ctx: &Context<'_>, incident: i64, created: i64) -> GraphAlert {
    let user = &ctx.tenant.users[rng.index(ctx.tenant.users.len())];
    let source = &ctx.tenant.devices[rng.index(ctx.tenant.workstations.max(1))];
    let evidence = vec![
        ev::user(user, created),
        ev::device(source, created),
        ev::device(dc(ctx), created),
    ];
    let k = Kind {
        id: id(rng, "aa"),
        incident,
        title: "Account enumeration reconnaissance (LDAP)",
        description: "A computer queried the directory for many accounts in a short time.",
        category: "Discovery",
        source: ServiceSource::MicrosoftDefenderForIdentity,
        detection: "microsoftDefenderForIdentity",
        product: "Microsoft Defender for Identity",
        severity: Severity::Medium,
        techniques: &["T1087.002"],
        recommended: RECOMMENDED,
        created,
        first_activity: created - rng.range(MINUTE as u64, 30 * MINUTE as u64) as i64,
    };
    let verdict = (
        Classification::InformationalExpectedActivity,
        Determination::SecurityTesting,
    );
    let t = triage_own(rng, created, ctx.end, verdict);
    alert(rng, k, t, evidence)
}
