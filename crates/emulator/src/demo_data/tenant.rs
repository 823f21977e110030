//! The demo tenant's fixed cast: devices, users and analysts of CONTOSO.

use crate::rng::Rng;
use std::collections::HashSet;

/// The tenant's Entra ID (fixed, so every demo tenant looks like the same organisation).
pub const AAD_TENANT_ID: &str = "7c5e1f0a-3b9d-4e62-9a41-5d2f8c0b6e13";
/// NetBIOS domain of every account.
pub const DOMAIN: &str = "CONTOSO";
/// UPN suffix.
pub const UPN_SUFFIX: &str = "contoso.com";
/// DNS suffix of domain-joined machines.
pub const DNS_SUFFIX: &str = "corp.contoso.com";
/// Domain SID prefix; user RIDs follow.
const DOMAIN_SID: &str = "S-1-5-21-3623811015-3361044348-30300820";

/// SOC analysts who triage the queue.
pub const ANALYSTS: &[&str] = &[
    "alice.analyst@contoso.com",
    "bob.responder@contoso.com",
    "carol.hunter@contoso.com",
    "dmitri.soc@contoso.com",
    "erin.ir@contoso.com",
];

/// What a device is for; decides names, groups and who logs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeviceRole {
    /// A user's desktop or laptop.
    Workstation,
    /// A member server.
    Server,
    /// A domain controller.
    DomainController,
}

/// One onboarded device.
#[derive(Debug, Clone)]
pub struct Device {
    /// `computerDnsName`.
    pub name: String,
    /// Short host name (first label), as command lines mention it.
    pub host: String,
    /// 40-hex `machineId`.
    pub machine_id: String,
    /// `rbacGroupName` (often null in real tenants).
    pub group: Option<&'static str>,
    /// Role.
    pub role: DeviceRole,
    /// Index into the tenant's users of the usual user of a workstation.
    pub primary_user: Option<usize>,
}

/// One domain account.
#[derive(Debug, Clone)]
pub struct User {
    /// SAM account name (`jsmith`).
    pub account: String,
    /// UPN (`john.smith@contoso.com`).
    pub upn: String,
    /// Windows SID.
    pub sid: String,
    /// Entra object id.
    pub aad_id: String,
    /// Admin or service account (logs on to servers).
    pub privileged: bool,
}

/// Devices and users of the demo tenant.
#[derive(Debug, Clone)]
pub struct Tenant {
    /// Devices, workstations first.
    pub devices: Vec<Device>,
    /// Users, people first then admin and service accounts.
    pub users: Vec<User>,
    /// How many of `devices` (from the start) are workstations.
    pub workstations: usize,
    /// How many of `users` (from the start) are people rather than admin or service accounts.
    pub people: usize,
}

const FIRST: &[&str] = &[
    "John", "Maria", "Wei", "Aisha", "Lars", "Priya", "Carlos", "Yuki", "Fatima", "Tom", "Olga",
    "Kwame", "Sofia", "Ahmed", "Emma", "Raj", "Chloe", "Diego", "Hannah", "Ivan", "Mei", "Noah",
    "Zainab", "Lucas", "Grace", "Omar", "Anna", "Ben", "Leila", "Sam",
];
const LAST: &[&str] = &[
    "Smith", "Garcia", "Chen", "Khan", "Nielsen", "Patel", "Silva", "Tanaka", "Haddad", "Brown",
    "Petrova", "Mensah", "Rossi", "Hassan", "Martin", "Kumar", "Dubois", "Lopez", "Weber", "Novak",
    "Li", "Wilson", "Okafor", "Moreau", "Kim", "Farouk", "Berg", "Cohen", "Ali", "Young",
];
const DEPARTMENTS: &[(&str, &str)] = &[
    ("fin", "Finance Workstations"),
    ("hr", "HR Workstations"),
    ("eng", "Engineering Workstations"),
    ("mkt", "Marketing Workstations"),
    ("sales", "Sales Workstations"),
    ("it", "IT Admin Workstations"),
    ("legal", "Legal Workstations"),
];
const SERVER_ROLES: &[(&str, &str)] = &[
    ("sql", "Servers - Data"),
    ("web", "Servers - DMZ"),
    ("file", "Servers - Data"),
    ("app", "Servers - Apps"),
    ("exch", "Servers - Apps"),
    ("backup", "Servers - Data"),
    ("print", "Servers - Apps"),
    ("jump", "Tier 0"),
    ("rds", "Servers - Apps"),
];
const SERVICE_ACCOUNTS: &[&str] = &["svc-sql", "svc-backup", "svc-deploy", "svc-scan"];

/// Scales the default cast (~60 devices, ~30 users at 500 alerts) to the alert count, so a
/// 100k-alert tenant is not 60 machines each raising 1,600 alerts.
fn scaled(base: usize, alerts: usize) -> usize {
    let factor = (alerts.max(500) as f64 / 500.0).sqrt();
    (base as f64 * factor).round() as usize
}

impl Tenant {
    /// Builds the cast for a tenant of `alerts` alerts.
    pub fn build(rng: &mut Rng, alerts: usize) -> Tenant {
        let users = build_users(rng, scaled(30, alerts));
        let devices = build_devices(rng, scaled(60, alerts), &users);
        let workstations = devices
            .iter()
            .take_while(|d| d.role == DeviceRole::Workstation)
            .count();
        let people = users.iter().take_while(|u| !u.privileged).count();
        Tenant {
            devices,
            users,
            workstations,
            people,
        }
    }

    /// A device for an incident: a server (or domain controller) when `server`, else a
    /// workstation, falling back to any device when the tenant has none of that kind.
    pub fn device_for(&self, rng: &mut Rng, server: bool) -> usize {
        let servers = self.devices.len() - self.workstations;
        match (server, self.workstations, servers) {
            (true, w, s) if s > 0 => w + rng.index(s),
            (false, w, _) if w > 0 => rng.index(w),
            _ => rng.index(self.devices.len()),
        }
    }

    /// A server other than `device`, as the peer an attacker reaches from it.
    pub fn peer_of(&self, rng: &mut Rng, device: usize) -> Option<&Device> {
        let servers = self.devices.len() - self.workstations;
        let mut i = self.workstations + rng.index(servers);
        if i == device {
            i = self.workstations + (i - self.workstations + 1) % servers.max(1);
        }
        self.devices.get(i).filter(|_| i != device)
    }

    /// A user likely to be active on `device`.
    pub fn user_for(&self, rng: &mut Rng, device: &Device) -> usize {
        match (device.role, device.primary_user) {
            (DeviceRole::Workstation, Some(u)) if rng.chance(0.85) => u,
            (DeviceRole::Workstation, _) => rng.index(self.users.len()),
            _ => {
                let privileged = self.users.len() - self.people;
                if privileged == 0 || rng.chance(0.2) {
                    rng.index(self.users.len())
                } else {
                    self.people + rng.index(privileged)
                }
            }
        }
    }
}

fn build_users(rng: &mut Rng, count: usize) -> Vec<User> {
    let people = count.saturating_sub(count / 6).max(1);
    let mut seen = HashSet::new();
    let mut users = Vec::with_capacity(count);
    let mut rid = 1104u64;
    let mut push = |users: &mut Vec<User>, rng: &mut Rng, account: String, upn: String, p| {
        rid += rng.range(1, 40);
        users.push(User {
            account,
            upn,
            sid: format!("{DOMAIN_SID}-{rid}"),
            aad_id: rng.guid(),
            privileged: p,
        });
    };
    let mut attempts = 0;
    while users.len() < people && attempts < people * 50 {
        attempts += 1;
        let (f, l) = (*rng.pick(FIRST), *rng.pick(LAST));
        let mut account = format!("{}{}", &f[..1], l).to_lowercase();
        let mut upn_local = format!("{f}.{l}").to_lowercase();
        if !seen.insert(account.clone()) {
            // Large tenants run out of pairs: number them as directories do.
            let n = rng.range(2, 99);
            account = format!("{account}{n}");
            upn_local = format!("{upn_local}{n}");
            if !seen.insert(account.clone()) {
                continue;
            }
        }
        push(
            &mut users,
            rng,
            account,
            format!("{upn_local}@{UPN_SUFFIX}"),
            false,
        );
    }
    let mut i = 0;
    while users.len() < count && i < count * 4 {
        let account = if i < SERVICE_ACCOUNTS.len() {
            SERVICE_ACCOUNTS[i].to_string()
        } else {
            let base = users
                .get(i % users.len().max(1))
                .map_or("admin", |u| u.account.as_str());
            format!("adm-{base}")
        };
        i += 1;
        if seen.insert(account.clone()) {
            let upn = format!("{account}@{UPN_SUFFIX}");
            push(&mut users, rng, account, upn, true);
        }
    }
    users
}

fn build_devices(rng: &mut Rng, count: usize, users: &[User]) -> Vec<Device> {
    let servers = (count / 5).max(1);
    let dcs = (count / 30).max(1);
    let workstations = count.saturating_sub(servers + dcs);
    let mut seen = HashSet::new();
    let mut devices = Vec::with_capacity(count);
    let people: Vec<usize> = (0..users.len()).filter(|i| !users[*i].privileged).collect();
    while devices.len() < workstations {
        let (dept, group) = *rng.pick(DEPARTMENTS);
        let kind = if rng.chance(0.4) { "lt" } else { "ws" };
        // The number space widens with the tenant so a huge one cannot run out of names.
        let host = format!(
            "{kind}-{dept}-{:03}",
            rng.range(1, 250.max(workstations as u64))
        );
        if !seen.insert(host.clone()) {
            continue;
        }
        let primary = (!people.is_empty()).then(|| people[devices.len() % people.len()]);
        devices.push(device(
            rng,
            host,
            true,
            group,
            DeviceRole::Workstation,
            primary,
        ));
    }
    let mut n = 0;
    while devices.len() < workstations + servers {
        let (role, group) = SERVER_ROLES[n % SERVER_ROLES.len()];
        let host = format!("srv-{role}-{:02}", n / SERVER_ROLES.len() + 1);
        n += 1;
        // Some servers report a short name only, as non-domain-joined or older agents do.
        let fqdn = rng.chance(0.6);
        devices.push(device(rng, host, fqdn, group, DeviceRole::Server, None));
    }
    for i in 0..dcs {
        let host = format!("srv-dc-{:02}", i + 1);
        devices.push(device(
            rng,
            host,
            true,
            "Tier 0",
            DeviceRole::DomainController,
            None,
        ));
    }
    devices
}

fn device(
    rng: &mut Rng,
    host: String,
    fqdn: bool,
    group: &'static str,
    role: DeviceRole,
    primary_user: Option<usize>,
) -> Device {
    let name = if fqdn {
        format!("{host}.{DNS_SUFFIX}")
    } else {
        host.clone()
    };
    Device {
        name,
        host,
        machine_id: rng.hex(40),
        // Real tenants leave many devices outside any group.
        group: (!rng.chance(0.2)).then_some(group),
        role,
        primary_user,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_cast_has_sixty_devices_and_thirty_users() {
        let t = Tenant::build(&mut Rng::new(1), 500);
        assert_eq!(t.devices.len(), 60);
        assert_eq!(t.users.len(), 30);
        let names: HashSet<&str> = t.devices.iter().map(|d| d.name.as_str()).collect();
        assert_eq!(names.len(), 60, "device names are unique");
        let ids: HashSet<&str> = t.devices.iter().map(|d| d.machine_id.as_str()).collect();
        assert_eq!(ids.len(), 60);
        let accounts: HashSet<&str> = t.users.iter().map(|u| u.account.as_str()).collect();
        assert_eq!(accounts.len(), 30, "accounts are unique");
        assert!(t.users.iter().all(|u| u.upn.ends_with("@contoso.com")));
        assert!(t.users.iter().any(|u| u.privileged));
        assert!(t.devices.iter().any(|d| d.group.is_none()));
        assert!(
            t.devices
                .iter()
                .any(|d| d.role == DeviceRole::DomainController)
        );
    }

    #[test]
    fn devices_and_peers_come_from_the_requested_role() {
        let t = Tenant::build(&mut Rng::new(2), 500);
        let mut rng = Rng::new(5);
        for _ in 0..200 {
            let s = t.device_for(&mut rng, true);
            assert_ne!(t.devices[s].role, DeviceRole::Workstation);
            let w = t.device_for(&mut rng, false);
            assert_eq!(t.devices[w].role, DeviceRole::Workstation);
            let peer = t.peer_of(&mut rng, s).expect("another server");
            assert_ne!(peer.name, t.devices[s].name);
            assert_ne!(peer.role, DeviceRole::Workstation);
        }
        for _ in 0..50 {
            let w = t.device_for(&mut rng, false);
            let u = t.user_for(&mut rng, &t.devices[w]);
            assert!(u < t.users.len());
        }
        assert!(t.users[t.people..].iter().all(|u| u.privileged));
        assert!(t.users[..t.people].iter().all(|u| !u.privileged));
    }

    #[test]
    fn cast_grows_with_the_tenant() {
        let t = Tenant::build(&mut Rng::new(1), 100_000);
        assert!(t.devices.len() > 600, "{}", t.devices.len());
        assert!(t.users.len() > 300, "{}", t.users.len());
    }
}
