//! One-line labels and full-value text of evidence items (raw: the UI sanitises).

use mde_model::{EntityType, Evidence};

pub(crate) fn user_label(e: &Evidence) -> String {
    match (&e.domain_name, &e.account_name, &e.user_principal_name) {
        (Some(d), Some(n), _) if !d.is_empty() => format!("{d}\\{n}"),
        (_, Some(n), _) => n.clone(),
        (_, None, Some(upn)) => upn.clone(),
        _ => "(unnamed user)".to_string(),
    }
}

pub(crate) fn process_label(name: &str, pid: Option<i64>) -> String {
    let name = if name.is_empty() {
        "(unknown image)"
    } else {
        name
    };
    match pid {
        Some(pid) => format!("{name} (pid {pid})"),
        None => name.to_string(),
    }
}

/// One line of key fields for an evidence item.
pub fn evidence_label(e: &Evidence) -> String {
    let or = |v: &Option<String>, d: &str| v.clone().unwrap_or_else(|| d.to_string());
    match &e.entity_type {
        EntityType::Process => {
            let mut s = process_label(e.file_name.as_deref().unwrap_or(""), e.process_id);
            if let Some(cl) = &e.process_command_line {
                s.push_str(": ");
                s.extend(cl.chars().take(200));
            }
            s
        }
        EntityType::File => match (&e.file_path, &e.file_name) {
            (Some(p), Some(n)) => format!("{}\\{n}", p.trim_end_matches('\\')),
            (None, Some(n)) => n.clone(),
            _ => or(&e.sha256, "(file)"),
        },
        EntityType::Ip => or(&e.ip_address, "(ip)"),
        EntityType::Url => or(&e.url, "(url)"),
        EntityType::Registry | EntityType::RegistryKey => {
            let mut s = format!(
                "{}\\{}",
                e.registry_hive.as_deref().unwrap_or(""),
                e.registry_key.as_deref().unwrap_or("")
            );
            if let Some(n) = &e.registry_value_name {
                s.push_str(&format!(" [{n}]"));
            }
            if let Some(v) = &e.registry_value {
                s.push_str(" = ");
                s.extend(v.chars().take(200));
            }
            s
        }
        EntityType::User => user_label(e),
        other => format!("{other}"),
    }
}

/// Every known field of an evidence item, one per line, for the full-value view.
pub fn evidence_full_text(e: &Evidence) -> String {
    let mut out = format!("type: {}\n", e.entity_type);
    let mut add = |k: &str, v: Option<String>| {
        if let Some(v) = v {
            out.push_str(k);
            out.push_str(": ");
            out.push_str(&v);
            out.push('\n');
        }
    };
    add("file name", e.file_name.clone());
    add("file path", e.file_path.clone());
    add("sha1", e.sha1.clone());
    add("sha256", e.sha256.clone());
    add("process id", e.process_id.map(|p| p.to_string()));
    add(
        "process created",
        e.process_creation_time.map(|t| t.to_wire()),
    );
    add("command line", e.process_command_line.clone());
    add("parent id", e.parent_process_id.map(|p| p.to_string()));
    add(
        "parent created",
        e.parent_process_creation_time.map(|t| t.to_wire()),
    );
    add("parent file name", e.parent_process_file_name.clone());
    add("parent file path", e.parent_process_file_path.clone());
    add("ip", e.ip_address.clone());
    add("url", e.url.clone());
    add("registry hive", e.registry_hive.clone());
    add("registry key", e.registry_key.clone());
    add("registry value name", e.registry_value_name.clone());
    add("registry value type", e.registry_value_type.clone());
    add("registry value", e.registry_value.clone());
    add("account", e.account_name.clone());
    add("domain", e.domain_name.clone());
    add("sid", e.user_sid.clone());
    add("upn", e.user_principal_name.clone());
    add("aad user id", e.aad_user_id.clone());
    add(
        "detection status",
        e.detection_status.as_ref().map(|d| d.to_string()),
    );
    add(
        "evidence created",
        e.evidence_creation_time.map(|t| t.to_wire()),
    );
    out
}
