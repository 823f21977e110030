//! Rows of the device tables for one endpoint alert, from its story: a `ProcessCreated` row per
//! process, the detected process's connections to the alert's IPs and URLs, and the files of
//! its evidence as created by it.

use super::story::{Proc, Story, hashes};
use crate::rng::{Rng, name_hash};
use mde_model::graph::Cell;
use mde_model::{Alert, EntityType, Timestamp};

fn s(v: &str) -> Cell {
    Cell::Str(v.to_string())
}

fn t(v: Timestamp) -> Cell {
    Cell::Time(v)
}

fn report_id(alert: &str, n: usize) -> Cell {
    Cell::Long((name_hash(alert).wrapping_add(n as u64) % 1_000_000_000) as i64)
}

fn device(a: &Alert) -> (Cell, Cell) {
    (
        s(a.machine_id.as_deref().unwrap_or_default()),
        s(a.computer_dns_name.as_deref().unwrap_or_default()),
    )
}

/// `DeviceProcessEvents` rows of an alert, in the table's column order.
pub fn process_rows(a: &Alert, story: &Story) -> Vec<Vec<Cell>> {
    let (dev_id, dev_name) = device(a);
    let sid = a
        .evidence
        .iter()
        .find(|e| e.entity_type == EntityType::User)
        .and_then(|e| e.user_sid.clone())
        .unwrap_or_default();
    let upn = a
        .evidence
        .iter()
        .find(|e| e.entity_type == EntityType::User)
        .and_then(|e| e.user_principal_name.clone())
        .unwrap_or_default();
    story
        .procs
        .iter()
        .enumerate()
        .map(|(n, p)| {
            let parent = p.parent.map(|i| &story.procs[i]);
            let grand = parent.and_then(|q| q.parent).map(|i| &story.procs[i]);
            let (acc_sid, acc_upn) = if p.account.1 == "system" {
                (s("S-1-5-18"), s(""))
            } else {
                (s(&sid), s(&upn))
            };
            vec![
                t(p.created),
                dev_id.clone(),
                dev_name.clone(),
                s("ProcessCreated"),
                s(&p.name),
                s(&p.folder),
                s(&p.sha1),
                s(&p.sha256),
                Cell::Long(p.pid),
                s(&p.command_line),
                s(p.integrity),
                t(p.created),
                s(&p.account.0),
                s(&p.account.1),
                acc_sid,
                acc_upn,
                parent.map_or(s(""), |q| s(&q.account.0)),
                parent.map_or(s(""), |q| s(&q.account.1)),
                parent.map_or(s(""), |q| s(&q.sha1)),
                parent.map_or(s(""), |q| s(&q.name)),
                parent.map_or(Cell::Null, |q| Cell::Long(q.pid)),
                parent.map_or(s(""), |q| s(&q.command_line)),
                parent.map_or(Cell::Null, |q| t(q.created)),
                parent.map_or(s(""), |q| s(&q.folder)),
                grand.map_or(Cell::Null, |g| Cell::Long(g.pid)),
                grand.map_or(s(""), |g| s(&g.name)),
                grand.map_or(Cell::Null, |g| t(g.created)),
                report_id(&a.id, n),
            ]
        })
        .collect()
}

fn initiating(p: &Proc) -> [Cell; 8] {
    [
        s(&p.sha1),
        s(&p.name),
        Cell::Long(p.pid),
        s(&p.command_line),
        t(p.created),
        s(&p.folder),
        s(&p.account.0),
        s(&p.account.1),
    ]
}

fn host(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    rest.split(['/', ':', '?']).next().unwrap_or(rest)
}

fn local_ip(a: &Alert) -> String {
    let h = name_hash(a.machine_id.as_deref().unwrap_or_default());
    format!(
        "10.{}.{}.{}",
        10 + h % 20,
        (h >> 8) % 250 + 1,
        (h >> 16) % 250 + 2
    )
}

/// `DeviceNetworkEvents` rows: the detected process reaching the alert's IPs and URLs.
pub fn network_rows(a: &Alert, story: &Story) -> Vec<Vec<Cell>> {
    let Some(leaf) = story.leaf.map(|i| &story.procs[i]) else {
        return Vec::new();
    };
    let ip = a
        .evidence
        .iter()
        .find(|e| e.entity_type == EntityType::Ip)
        .and_then(|e| e.ip_address.clone());
    let url = a
        .evidence
        .iter()
        .find(|e| e.entity_type == EntityType::Url)
        .and_then(|e| e.url.clone());
    if ip.is_none() && url.is_none() {
        return Vec::new();
    }
    let (dev_id, dev_name) = device(a);
    let mut rng = Rng::new(name_hash(&a.id) ^ 0x006e_6574);
    let remote_ip = ip.unwrap_or_else(|| format!("203.0.113.{}", rng.range(2, 254)));
    let remote_url = url.as_deref().map(host).unwrap_or_default().to_string();
    let port = if url.as_deref().is_some_and(|u| u.starts_with("http://")) {
        80
    } else {
        443
    };
    let local = local_ip(a);
    (0..3)
        .map(|n| {
            let at = Timestamp(leaf.created.0 + chrono::Duration::seconds(5 + 60 * n as i64));
            let mut row = vec![
                t(at),
                dev_id.clone(),
                dev_name.clone(),
                s("ConnectionSuccess"),
                s(&remote_ip),
                Cell::Long(port),
                s(&remote_url),
                s(&local),
                Cell::Long(49_152 + rng.range(0, 16_000) as i64),
                s("Tcp"),
            ];
            row.extend(initiating(leaf));
            row.push(report_id(&a.id, 1000 + n));
            row
        })
        .collect()
}

/// `DeviceFileEvents` rows: the alert's files, created by its detected process.
pub fn file_rows(a: &Alert, story: &Story) -> Vec<Vec<Cell>> {
    let Some(leaf) = story.leaf.map(|i| &story.procs[i]) else {
        return Vec::new();
    };
    let (dev_id, dev_name) = device(a);
    a.evidence
        .iter()
        .filter(|e| e.entity_type == EntityType::File)
        .enumerate()
        .map(|(n, e)| {
            let name = e.file_name.clone().unwrap_or_default();
            let (sha1, sha256) = hashes(&name);
            let at = Timestamp(leaf.created.0 + chrono::Duration::seconds(2 + 3 * n as i64));
            let mut row = vec![
                t(at),
                dev_id.clone(),
                dev_name.clone(),
                s("FileCreated"),
                s(&name),
                s(e.file_path.as_deref().unwrap_or_default()),
                s(e.sha1.as_deref().unwrap_or(&sha1)),
                s(e.sha256.as_deref().unwrap_or(&sha256)),
                Cell::Long((name_hash(&name) % 4_000_000 + 1024) as i64),
            ];
            row.extend(initiating(leaf));
            row.push(report_id(&a.id, 2000 + n));
            row
        })
        .collect()
}
