//! `/api/machines` and its sub-resources: machines derived from the alerts, the Machine entity in
//! the service's key order, OData over the documented properties, requests shaped like other
//! clients', logged-on users, tags and `/api/alerts/{id}/machine`.

use super::response_support::*;
use super::support::*;
use reqwest::StatusCode;
use serde_json::{Value, json};
use std::collections::BTreeSet;

/// The key order of a real `GET /api/machines/{id}` capture.
const WIRE_KEYS: &[&str] = &[
    "@odata.context",
    "id",
    "mergedIntoMachineId",
    "isPotentialDuplication",
    "isExcluded",
    "exclusionReason",
    "computerDnsName",
    "firstSeen",
    "lastSeen",
    "osPlatform",
    "osVersion",
    "osProcessor",
    "version",
    "lastIpAddress",
    "lastExternalIpAddress",
    "agentVersion",
    "osBuild",
    "healthStatus",
    "deviceValue",
    "rbacGroupId",
    "rbacGroupName",
    "riskScore",
    "exposureLevel",
    "isAadJoined",
    "aadDeviceId",
    "machineTags",
    "defenderAvStatus",
    "onboardingStatus",
    "osArchitecture",
    "managedBy",
    "managedByStatus",
    "ipAddresses",
    "vmMetadata",
];

#[tokio::test]
async fn machines_are_the_alerts_devices_in_the_services_shape() {
    let h = start(quiet()).await;
    let api = Api::new(&h).await;
    let alerts = api
        .json("/api/alerts?$select=machineId,computerDnsName")
        .await;
    let from_alerts: BTreeSet<String> = alerts["value"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|a| a["machineId"].as_str().map(str::to_string))
        .collect();
    let list = api.json("/api/machines").await;
    assert!(
        list["@odata.context"]
            .as_str()
            .unwrap()
            .ends_with("/api/$metadata#Machines")
    );
    let machines: BTreeSet<String> = ids(&list).into_iter().collect();
    assert_eq!(
        machines, from_alerts,
        "one machine per device of the alerts, no more"
    );
    assert_eq!(ids(&list).len(), machines.len(), "no duplicates");

    let id = ids(&list)[0].clone();
    let r = api.get(&format!("/api/machines/{id}")).await;
    assert_eq!(r.status(), StatusCode::OK);
    let text = r.text().await.unwrap();
    let one: serde_json::Map<String, Value> = serde_json::from_str(&text).unwrap();
    assert_eq!(
        one.keys().map(String::as_str).collect::<Vec<_>>(),
        WIRE_KEYS
    );
    assert!(
        one["@odata.context"]
            .as_str()
            .unwrap()
            .ends_with("#Machines/$entity")
    );
    assert_eq!(one["onboardingStatus"], "Onboarded");
    assert!(one["riskScore"].is_string() && one["healthStatus"].is_string());
    let ips: Vec<&str> = one["ipAddresses"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|i| i["ipAddress"].as_str())
        .collect();
    assert!(
        ips.contains(&"127.0.0.1") && ips.contains(&"::1"),
        "{ips:?}"
    );
    // The typed model reads it back field for field.
    let m: mde_model::device::Machine = serde_json::from_str(&text).unwrap();
    assert_eq!(m.id, id);

    // The alert's machine is the same entity.
    let alert_id = h
        .alert_ids()
        .into_iter()
        .find(|a| h.alert(a).unwrap().machine_id.as_deref() == Some(id.as_str()))
        .unwrap();
    let via_alert = api
        .json(&format!("/api/alerts/{}/machine", enc(&alert_id)))
        .await;
    let direct = api.json(&format!("/api/machines/{id}")).await;
    assert_eq!(via_alert, direct);
}

#[tokio::test]
async fn a_device_is_found_by_name_the_way_other_clients_ask() {
    let h = start(quiet()).await;
    let api = Api::new(&h).await;
    let all = api.json("/api/machines").await;
    let first = &all["value"][0];
    let (id, name) = (
        first["id"].as_str().unwrap(),
        first["computerDnsName"].as_str().unwrap(),
    );
    // `$filter=computerDnsName eq '…'&$select=id`, encoded as a PowerShell or Python client does.
    let q = format!(
        "/api/machines?$filter={}&$select=id",
        enc(&format!("computerDnsName eq '{name}'"))
    );
    let v = api.json(&q).await;
    assert!(
        v["@odata.context"]
            .as_str()
            .unwrap()
            .ends_with("#Machines(id)")
    );
    assert_eq!(v["value"], json!([{ "id": id }]));
    // Names compare without case; `+` is a space.
    let q = format!(
        "/api/machines?$filter=computerDnsName+eq+'{}'&$select=id",
        name.to_uppercase()
    );
    assert_eq!(api.json(&q).await["value"], json!([{ "id": id }]));
    // GET by id or by computer name (FQDN or its first label).
    assert_eq!(
        api.json(&format!("/api/machines/{}", enc(&name.to_uppercase())))
            .await["id"],
        id
    );
    let host = name.split('.').next().unwrap();
    assert_eq!(
        api.json(&format!("/api/machines/{}", enc(host))).await["id"],
        id
    );
    let (s, code, msg) = error_code(api.get("/api/machines/no-such-device").await).await;
    assert_eq!(
        (s, code.as_str()),
        (StatusCode::NOT_FOUND, "ResourceNotFound")
    );
    assert!(msg.contains("no-such-device"), "{msg}");
}

fn values<'a>(v: &'a Value, key: &str) -> Vec<&'a Value> {
    v["value"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| &m[key])
        .collect()
}

#[tokio::test]
async fn filters_over_the_documented_properties_select_and_page() {
    let h = start(quiet()).await;
    let api = Api::new(&h).await;
    let all = api.json("/api/machines").await;
    let n = all["value"].as_array().unwrap().len();
    let get = |f: &str| format!("/api/machines?$filter={}", enc(f));

    let active = api.json(&get("healthStatus eq 'Active'")).await;
    assert!(
        values(&active, "healthStatus")
            .iter()
            .all(|v| **v == "Active")
    );
    let risky = api.json(&get("riskScore in ('High','Medium')")).await;
    assert!(
        values(&risky, "riskScore")
            .iter()
            .all(|v| **v == "High" || **v == "Medium")
    );
    let above_low = api.json(&get("riskScore gt 'Low'")).await;
    assert_eq!(
        ids(&above_low).len(),
        ids(&risky).len(),
        "riskScore orders None < … < High"
    );
    let win11 = api.json(&get("osPlatform eq 'Windows11'")).await;
    assert!(
        values(&win11, "osPlatform")
            .iter()
            .all(|v| **v == "Windows11")
    );
    let first = &all["value"][0];
    let seen = first["lastSeen"].as_str().unwrap();
    let newer = api.json(&get(&format!("lastSeen gt {seen}"))).await;
    assert!(
        values(&newer, "lastSeen")
            .iter()
            .all(|v| v.as_str().unwrap() > seen)
    );
    let one = api
        .json(&get(&format!("id eq '{}'", first["id"].as_str().unwrap())))
        .await;
    assert_eq!(ids(&one).len(), 1);
    let tier0 = api.json(&get("machineTags/any(tag: tag eq 'Tier0')")).await;
    assert!(!ids(&tier0).is_empty(), "domain controllers carry Tier0");
    assert!(
        values(&tier0, "machineTags")
            .iter()
            .all(|t| t.as_array().unwrap().contains(&json!("Tier0")))
    );
    let tagged = api.json(&get("machineTags/any()")).await;
    let untagged = api.json(&get("not machineTags/any()")).await;
    assert_eq!(ids(&tagged).len() + ids(&untagged).len(), n);
    let both = api
        .json(&get(
            "healthStatus eq 'Active' and (riskScore eq 'High' or exposureLevel eq 'High')",
        ))
        .await;
    for m in both["value"].as_array().unwrap() {
        assert!(
            m["healthStatus"] == "Active"
                && (m["riskScore"] == "High" || m["exposureLevel"] == "High")
        );
    }

    // $top / $skip page through the same order; $select keeps the named keys.
    let p1 = api
        .json("/api/machines?$top=3&$select=id,computerDnsName")
        .await;
    let p2 = api.json("/api/machines?$top=3&$skip=3&$select=id").await;
    let all_ids = ids(&all);
    assert_eq!(ids(&p1), all_ids[..3]);
    assert_eq!(ids(&p2), all_ids[3..6]);
    let keys: Vec<&String> = p1["value"][0].as_object().unwrap().keys().collect();
    assert_eq!(keys, ["id", "computerDnsName"]);

    // Mistakes are named.
    for (q, needle) in [
        ("$filter=severity eq 'High'", "computerDnsName"),
        ("$filter=riskScore eq 'Severe'", "Severe"),
        ("$filter=machineTags eq 'x'", "any("),
        ("$top=10001", "10000"),
        ("$orderby=id", "$orderby"),
        ("$select=nope", "nope"),
    ] {
        let (s, code, msg) = error_code(api.get(&format!("/api/machines?{q}")).await).await;
        assert_eq!(
            (s, code.as_str()),
            (StatusCode::BAD_REQUEST, "ODataError"),
            "{q}"
        );
        assert!(msg.contains(needle), "{q}: {msg}");
    }
}

#[tokio::test]
async fn a_machines_alerts_refuse_odata_options_and_its_users_are_listed() {
    let h = start(quiet()).await;
    let api = Api::new(&h).await;
    let id = api.machine_ids().await[0].clone();
    let v = api.json(&format!("/api/machines/{id}/alerts")).await;
    assert!(v["@odata.context"].as_str().unwrap().ends_with("#Alerts"));
    let got: BTreeSet<String> = ids(&v).into_iter().collect();
    let want: BTreeSet<String> = h
        .alert_ids()
        .into_iter()
        .filter(|a| h.alert(a).unwrap().machine_id.as_deref() == Some(id.as_str()))
        .collect();
    assert_eq!(got, want);
    assert!(
        v["value"]
            .as_array()
            .unwrap()
            .iter()
            .all(|a| a["evidence"] == json!([]))
    );
    for q in ["$top=1", "$filter=severity eq 'High'", "%24select=id"] {
        let (s, code, _) =
            error_code(api.get(&format!("/api/machines/{id}/alerts?{q}")).await).await;
        assert_eq!(
            (s, code.as_str()),
            (StatusCode::BAD_REQUEST, "ODataError"),
            "{q}"
        );
    }

    // Some device has users logged on in its alerts.
    let mut found = false;
    for id in api.machine_ids().await {
        let u = api.json(&format!("/api/machines/{id}/logonusers")).await;
        assert!(u["@odata.context"].as_str().unwrap().ends_with("#Users"));
        let users = u["value"].as_array().unwrap();
        if let Some(first) = users.first() {
            found = true;
            assert!(first["accountName"].is_string());
            assert!(first["id"].as_str().unwrap().contains('\\'), "{first}");
            assert_eq!(first["mostPrevalentMachineId"], json!(id));
            let parsed: mde_model::device::LogonUser =
                serde_json::from_value(first.clone()).unwrap();
            assert!(parsed.log_on_machines_count.unwrap() >= 1);
        }
    }
    assert!(found);
    let r = api.get("/api/machines/nope/logonusers").await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn tags_are_added_and_removed_case_sensitively() {
    let h = start(quiet()).await;
    let api = Api::new(&h).await;
    let id = api.machine_ids().await[1].clone();
    let path = format!("/api/machines/{id}/tags");
    let r = api
        .post(&path, json!({"Value": "Quarantine-2024", "Action": "Add"}))
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let m: Value = r.json().await.unwrap();
    assert!(
        m["@odata.context"]
            .as_str()
            .unwrap()
            .ends_with("#Machines/$entity")
    );
    let tags = |m: &Value| m["machineTags"].as_array().unwrap().clone();
    assert_eq!(
        tags(&m).iter().filter(|t| **t == "Quarantine-2024").count(),
        1
    );
    let again: Value = api
        .post(&path, json!({"Value": "Quarantine-2024", "Action": "Add"}))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(tags(&again), tags(&m), "adding twice changes nothing");
    let wrong_case: Value = api
        .post(
            &path,
            json!({"Value": "quarantine-2024", "Action": "Remove"}),
        )
        .await
        .json()
        .await
        .unwrap();
    assert!(
        tags(&wrong_case).contains(&json!("Quarantine-2024")),
        "tags are case-sensitive"
    );
    let removed: Value = api
        .post(
            &path,
            json!({"Value": "Quarantine-2024", "Action": "Remove"}),
        )
        .await
        .json()
        .await
        .unwrap();
    assert!(!tags(&removed).contains(&json!("Quarantine-2024")));
    // The tag is visible to the list's filter while it is set.
    api.post(&path, json!({"Value": "Hunt", "Action": "Add"}))
        .await;
    let hunt = api
        .json(&format!(
            "/api/machines?$filter={}",
            enc("machineTags/any(t: t eq 'Hunt')")
        ))
        .await;
    assert_eq!(ids(&hunt), [id.as_str()]);
    for bad in [
        json!({"Value": " ", "Action": "Add"}),
        json!({"Value": "x", "Action": "Toggle"}),
        json!({"Action": "Add"}),
    ] {
        let r = api.post(&path, bad.clone()).await;
        assert_eq!(r.status(), StatusCode::BAD_REQUEST, "{bad}");
    }
    let ro = Api {
        token: token_for(&h, "mde-triage-readonly", "readonly-secret").await,
        ..Api::new(&h).await
    };
    let (s, code, msg) =
        error_code(ro.post(&path, json!({"Value": "x", "Action": "Add"})).await).await;
    assert_eq!((s, code.as_str()), (StatusCode::FORBIDDEN, "Forbidden"));
    assert!(msg.contains("Machine.ReadWrite.All"), "{msg}");
    let (s, _, msg) = error_code(ro.get("/api/machines").await).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    assert!(msg.contains("Machine.Read.All"), "{msg}");
}
