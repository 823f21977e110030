//! The devices behind the alerts: each machine's inventory record (OS, health, risk, exposure,
//! addresses, tags) derived from what its alerts say and from a generator seeded by its machine
//! id, so the same alerts always give the same devices whatever their source (demo, `--data`,
//! state file). Roles follow the demo tenant's names (`srv-dc-…` are domain controllers,
//! `srv-…` servers, the rest workstations); a few devices are offline.

use crate::rng::{Rng, name_hash};
use mde_model::device::{
    DeviceValue, ExposureLevel, HealthStatus, Machine, MachineIpAddress, OnboardingStatus,
    RiskScore,
};
use mde_model::{Severity, Timestamp};

/// What a device's alerts say about it.
#[derive(Debug, Clone, Default)]
pub struct AlertFacts<'a> {
    /// Its name on the newest alert.
    pub name: Option<&'a str>,
    /// Its device group on the newest alert.
    pub group: Option<&'a str>,
    /// Earliest event of any of its alerts.
    pub first_event: Option<Timestamp>,
    /// Latest event of any of its alerts.
    pub last_event: Option<Timestamp>,
    /// The highest severity among its alerts that are not resolved.
    pub open_severity: Option<Severity>,
}

/// A device's inventory record and whether it is reachable.
#[derive(Debug, Clone)]
pub struct DeviceProfile {
    /// The Machine entity.
    pub machine: Machine,
    /// False for a device that stopped reporting: its actions wait (and time out).
    pub online: bool,
}

/// What kind of device a name suggests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Workstation,
    Server,
    DomainController,
}

fn role_of(name: &str, rng: &mut Rng) -> Role {
    let n = name.to_ascii_lowercase();
    if n.starts_with("srv-dc") || n.starts_with("dc") {
        Role::DomainController
    } else if n.starts_with("srv") || n.contains("server") {
        Role::Server
    } else if n.starts_with("ws-") || n.starts_with("lt-") || rng.chance(0.8) {
        Role::Workstation
    } else {
        Role::Server
    }
}

/// `(osPlatform, version, osBuild)` for a role.
fn os(role: Role, name: &str, rng: &mut Rng) -> (&'static str, &'static str, i64) {
    match role {
        Role::Workstation => match rng.weighted(&[45, 25, 30]) {
            0 => ("Windows11", "23H2", 22631),
            1 => ("Windows11", "22H2", 22621),
            _ => ("Windows10", "22H2", 19045),
        },
        Role::DomainController => match rng.weighted(&[60, 40]) {
            0 => ("WindowsServer2022", "21H2", 20348),
            _ => ("WindowsServer2019", "1809", 17763),
        },
        // Web front ends sometimes run Linux.
        Role::Server if name.contains("web") && rng.chance(0.5) => ("Linux", "22.04", 0),
        Role::Server => match rng.weighted(&[50, 35, 15]) {
            0 => ("WindowsServer2022", "21H2", 20348),
            1 => ("WindowsServer2019", "1809", 17763),
            _ => ("WindowsServer2016", "1607", 14393),
        },
    }
}

fn risk(open: Option<&Severity>) -> RiskScore {
    match open {
        Some(Severity::High) => RiskScore::High,
        Some(Severity::Medium) => RiskScore::Medium,
        Some(Severity::Low) => RiskScore::Low,
        Some(Severity::Informational) => RiskScore::Informational,
        _ => RiskScore::None,
    }
}

fn ticks_ago(now: Timestamp, secs: u64) -> Timestamp {
    let t = now.0 - chrono::Duration::seconds(i64::try_from(secs).unwrap_or(i64::MAX / 2));
    Timestamp(t)
}

/// The device profile of `machine_id`, as of `now`.
pub fn profile(machine_id: &str, facts: &AlertFacts<'_>, now: Timestamp) -> DeviceProfile {
    let mut rng = Rng::new(name_hash(machine_id));
    let name = facts.name.unwrap_or(machine_id);
    let role = role_of(name, &mut rng);
    let (platform, version, build) = os(role, name, &mut rng);
    let windows = platform.starts_with("Windows");
    let health = match rng.weighted(&[88, 5, 4, 2, 1]) {
        0 => HealthStatus::Active,
        1 => HealthStatus::Inactive,
        2 => HealthStatus::ImpairedCommunication,
        3 => HealthStatus::NoSensorData,
        _ => HealthStatus::NoSensorDataImpairedCommunication,
    };
    let online = matches!(
        health,
        HealthStatus::Active | HealthStatus::ImpairedCommunication
    );
    // The last full report: within a day for a healthy device, a week or more for an inactive one.
    let last_seen = if online {
        ticks_ago(now, rng.range(60, 20 * 3600))
    } else {
        ticks_ago(now, rng.range(8 * 86_400, 20 * 86_400))
    };
    let first_seen = facts.first_event.unwrap_or(now).min(last_seen);
    let first_seen = ticks_ago(first_seen, rng.range(30 * 86_400, 400 * 86_400));
    let subnet = match role {
        Role::Workstation => 20 + rng.below(40),
        Role::Server => 10,
        Role::DomainController => 5,
    };
    let ip = format!("10.1.{subnet}.{}", rng.range(10, 250));
    let mac = (0..6)
        .map(|i| {
            if i == 0 {
                "00".to_string()
            } else {
                format!("{:02X}", rng.below(256))
            }
        })
        .collect::<Vec<_>>()
        .join("-");
    let external = format!("203.0.113.{}", rng.range(1, 254));
    let link_local = format!(
        "fe80::{:x}:{:x}:{:x}:{:x}",
        rng.below(0xffff),
        rng.below(0xffff),
        rng.below(0xffff),
        rng.below(0xffff)
    );
    let mut tags = Vec::new();
    match role {
        Role::DomainController => tags.push("Tier0".to_string()),
        Role::Server if name.contains("sql") || name.contains("file") => tags.push("PCI".into()),
        Role::Workstation if rng.chance(0.1) => tags.push("VIP".into()),
        _ => {}
    }
    if rng.chance(0.05) {
        tags.push("Pilot-ring".into());
    }
    let group = facts.group.map(str::to_string);
    let group_id = group.as_deref().map_or(0, |g| {
        i64::try_from(name_hash(g) % 90_000 + 10_000).unwrap_or(0)
    });
    let aad = role == Role::Workstation && windows;
    let machine = Machine {
        id: machine_id.to_string(),
        merged_into_machine_id: None,
        is_potential_duplication: Some(false),
        is_excluded: Some(false),
        exclusion_reason: None,
        computer_dns_name: facts.name.map(str::to_string),
        first_seen: Some(first_seen),
        last_seen: Some(last_seen),
        os_platform: Some(platform.to_string()),
        os_version: None,
        os_processor: Some("x64".into()),
        version: Some(version.to_string()),
        last_ip_address: Some(ip.clone()),
        last_external_ip_address: Some(external),
        agent_version: Some(if windows {
            format!("10.8760.{build}.{}", rng.range(1000, 1100))
        } else {
            format!("101.24{}.{:04}", rng.range(10, 92), rng.range(0, 9999))
        }),
        os_build: (build > 0).then_some(build),
        health_status: Some(health),
        device_value: Some(match role {
            Role::DomainController => DeviceValue::High,
            Role::Server if rng.chance(0.3) => DeviceValue::High,
            _ if rng.chance(0.05) => DeviceValue::Low,
            _ => DeviceValue::Normal,
        }),
        rbac_group_id: Some(group_id),
        rbac_group_name: group,
        risk_score: Some(risk(facts.open_severity.as_ref())),
        exposure_level: Some(match rng.weighted(&[5, 40, 40, 15]) {
            0 => ExposureLevel::None,
            1 => ExposureLevel::Low,
            2 => ExposureLevel::Medium,
            _ => ExposureLevel::High,
        }),
        is_aad_joined: Some(aad),
        aad_device_id: aad.then(|| rng.guid()),
        machine_tags: tags,
        defender_av_status: Some(
            if rng.chance(0.9) {
                "Updated"
            } else {
                "NotUpdated"
            }
            .into(),
        ),
        onboarding_status: Some(OnboardingStatus::Onboarded),
        os_architecture: Some("64-bit".into()),
        managed_by: Some(
            if aad {
                "Intune"
            } else {
                "MicrosoftDefenderForEndpoint"
            }
            .into(),
        ),
        managed_by_status: Some(if aad { "Success" } else { "Unknown" }.into()),
        ip_addresses: vec![
            MachineIpAddress {
                ip_address: Some(ip),
                mac_address: Some(mac.clone()),
                kind: Some("Ethernet".into()),
                operational_status: Some("Up".into()),
            },
            MachineIpAddress {
                ip_address: Some(link_local),
                mac_address: Some(mac),
                kind: Some("Ethernet".into()),
                operational_status: Some("Up".into()),
            },
            MachineIpAddress {
                ip_address: Some("127.0.0.1".into()),
                mac_address: None,
                kind: Some("SoftwareLoopback".into()),
                operational_status: Some("Up".into()),
            },
            MachineIpAddress {
                ip_address: Some("::1".into()),
                mac_address: None,
                kind: Some("SoftwareLoopback".into()),
                operational_status: Some("Up".into()),
            },
        ],
        vm_metadata: None,
    };
    DeviceProfile { machine, online }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> Timestamp {
        Timestamp::parse("2026-03-01T12:00:00Z").unwrap()
    }

    #[test]
    fn the_same_machine_always_gets_the_same_record() {
        let facts = AlertFacts {
            name: Some("ws-fin-001.corp.contoso.com"),
            group: Some("Finance Workstations"),
            open_severity: Some(Severity::High),
            ..AlertFacts::default()
        };
        let a = profile("1e5bc9d7e413ddd7902c2932e418702b84d0cc07", &facts, now());
        let b = profile("1e5bc9d7e413ddd7902c2932e418702b84d0cc07", &facts, now());
        assert_eq!(a.machine, b.machine);
        assert_eq!(a.machine.risk_score, Some(RiskScore::High));
        assert!(
            a.machine
                .os_platform
                .as_deref()
                .unwrap()
                .starts_with("Windows1")
        );
        assert_eq!(a.machine.ip_addresses.len(), 4);
        assert!(a.machine.last_seen <= Some(now()));
        assert!(a.machine.first_seen < a.machine.last_seen);
    }

    #[test]
    fn roles_follow_the_names_and_the_spread_is_believable() {
        let dc = profile(
            &"a".repeat(40),
            &AlertFacts {
                name: Some("srv-dc-01.corp.contoso.com"),
                ..AlertFacts::default()
            },
            now(),
        );
        assert!(dc.machine.os_platform.unwrap().starts_with("WindowsServer"));
        assert!(dc.machine.machine_tags.contains(&"Tier0".to_string()));
        let mut offline = 0;
        let mut platforms = std::collections::HashSet::new();
        for i in 0..400 {
            let id = format!("{i:040x}");
            let name = format!("ws-eng-{i:03}");
            let p = profile(
                &id,
                &AlertFacts {
                    name: Some(&name),
                    ..AlertFacts::default()
                },
                now(),
            );
            offline += usize::from(!p.online);
            platforms.insert(p.machine.os_platform.unwrap());
        }
        assert!((8..60).contains(&offline), "{offline} of 400 offline");
        assert!(platforms.len() >= 2, "{platforms:?}");
    }
}
