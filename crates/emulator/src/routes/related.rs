//! `GET /api/alerts/{id}/files|ips|domains|machine|user`, derived from the alert and its evidence.

use super::alerts::alert_not_found;
use crate::auth::{Identity, Permission};
use crate::errors::ApiError;
use crate::responses::odata;
use crate::state::Shared;
use axum::Extension;
use axum::extract::{Path, State};
use axum::response::Response;
use mde_model::{Alert, EntityType};
use serde_json::{Value, json};

/// Dispatches on the related-entity kind.
pub async fn related(
    State(st): State<Shared>,
    Extension(who): Extension<Identity>,
    Path((id, kind)): Path<(String, String)>,
) -> Result<Response, ApiError> {
    let perm = match kind.as_str() {
        "files" => Permission::FileRead,
        "ips" => Permission::IpRead,
        "domains" => Permission::UrlRead,
        "machine" => Permission::MachineRead,
        "user" => Permission::UserRead,
        other => {
            return Err(ApiError::new(
                axum::http::StatusCode::NOT_FOUND,
                "NotFound",
                format!("Resource 'alerts/{{id}}/{other}' was not found."),
            ));
        }
    };
    who.require(perm)?;
    let alert = st
        .store
        .read()
        .by_id
        .get(&id)
        .map(|r| r.expanded().into_owned())
        .ok_or_else(|| alert_not_found(&id))?;
    let body = match kind.as_str() {
        "files" => json!({"@odata.context": st.context("Files"), "value": files(&alert)}),
        "ips" => json!({"@odata.context": st.context("Ips"), "value": ips(&alert)}),
        "domains" => json!({"@odata.context": st.context("Domains"), "value": domains(&alert)}),
        "machine" => machine(&st, &alert)?,
        _ => user(&st, &alert)?,
    };
    Ok(odata(&body))
}

fn files(a: &Alert) -> Vec<Value> {
    let mut seen = Vec::new();
    a.evidence
        .iter()
        .filter(|e| matches!(e.entity_type, EntityType::File | EntityType::Process))
        .filter(|e| e.sha1.is_some() || e.sha256.is_some())
        .filter(|e| {
            let key = (e.sha1.clone(), e.sha256.clone());
            let fresh = !seen.contains(&key);
            seen.push(key);
            fresh
        })
        .map(|e| {
            json!({
                "sha1": e.sha1, "sha256": e.sha256, "md5": null,
                "globalPrevalence": null, "globalFirstObserved": null, "globalLastObserved": null,
                "size": null, "fileType": null, "isPeFile": e.file_name.as_deref().is_some_and(|n| {
                    let n = n.to_ascii_lowercase();
                    n.ends_with(".exe") || n.ends_with(".dll") || n.ends_with(".sys")
                }),
                "filePublisher": null, "fileProductName": null, "signer": null, "issuer": null,
                "signerHash": null, "isValidCertificate": null,
                "determinationType": "Unknown", "determinationValue": "",
            })
        })
        .collect()
}

fn ips(a: &Alert) -> Vec<Value> {
    let mut out: Vec<String> = Vec::new();
    for ip in a.evidence.iter().filter_map(|e| e.ip_address.clone()) {
        if !out.contains(&ip) {
            out.push(ip);
        }
    }
    out.into_iter().map(|ip| json!({"id": ip})).collect()
}

fn domains(a: &Alert) -> Vec<Value> {
    let mut out: Vec<String> = Vec::new();
    for url in a.evidence.iter().filter_map(|e| e.url.as_deref()) {
        let rest = url.split_once("://").map_or(url, |(_, r)| r);
        let host = rest
            .split(['/', '?', '#'])
            .next()
            .unwrap_or("")
            .rsplit('@')
            .next()
            .unwrap_or("")
            .split(':')
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        if !host.is_empty() && !out.contains(&host) {
            out.push(host);
        }
    }
    out.into_iter().map(|h| json!({"host": h})).collect()
}

/// The same Machine entity `/api/machines/{id}` answers (derived from the alerts).
fn machine(st: &Shared, a: &Alert) -> Result<Value, ApiError> {
    crate::response::machines::of_alert(st, a)
}

fn user(st: &Shared, a: &Alert) -> Result<Value, ApiError> {
    let from_evidence = a
        .evidence
        .iter()
        .find(|e| e.entity_type == EntityType::User && e.account_name.is_some());
    let (name, domain, sid) = match (&a.related_user, from_evidence) {
        (Some(u), _) if u.user_name.is_some() => {
            let sid = from_evidence.and_then(|e| e.user_sid.clone());
            (u.user_name.clone(), u.domain_name.clone(), sid)
        }
        (_, Some(e)) => (
            e.account_name.clone(),
            e.domain_name.clone(),
            e.user_sid.clone(),
        ),
        _ => (None, None, None),
    };
    let name = name.ok_or_else(|| {
        ApiError::not_found(format!("There is no User related to alert {}", a.id))
    })?;
    let id = match &domain {
        Some(d) if !d.is_empty() => format!("{}\\{name}", d.to_ascii_lowercase()),
        _ => name.clone(),
    };
    Ok(json!({
        "@odata.context": st.context("Users/$entity"),
        "id": id,
        "accountName": name,
        "accountDomain": domain,
        "accountSid": sid,
        "firstSeen": a.first_event_time,
        "lastSeen": a.last_event_time,
        "mostPrevalentMachineId": a.machine_id,
        "leastPrevalentMachineId": a.machine_id,
        "logonTypes": "Interactive",
        "logOnMachinesCount": 1,
        "isDomainAdmin": false,
        "isOnlyNetworkUser": false,
    }))
}
