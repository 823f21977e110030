//! Machine actions: 201 with a Pending MachineAction in the wire's shape, the lifecycle on the
//! emulator clock, duplicates, offline devices, forced failures, listing, cancel, the package
//! link and the demo tenant's starting state.

use super::response_support::*;
use super::support::*;
use mde_emulator::EmulatorConfig;
use mde_emulator::response::config::ResponseConfig;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

#[tokio::test]
async fn isolate_is_queued_pending_and_runs_to_success_on_the_emulator_clock() {
    let h = start(quiet()).await;
    let api = Api::new(&h).await;
    let id = windows_machines(&api, &h).await[0].clone();
    let r = api
        .post(
            &format!("/api/machines/{id}/isolate"),
            json!({"Comment": "Isolate machine due to alert 1234", "IsolationType": "Selective"}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let text = r.text().await.unwrap();
    let a: serde_json::Map<String, Value> = serde_json::from_str(&text).unwrap();
    assert_eq!(
        a.keys().map(String::as_str).collect::<Vec<_>>(),
        ACTION_KEYS
    );
    assert!(
        a["@odata.context"]
            .as_str()
            .unwrap()
            .ends_with("#MachineActions/$entity")
    );
    assert_eq!(a["type"], "Isolate");
    assert_eq!(a["status"], "Pending");
    assert_eq!(a["scope"], "Selective");
    assert_eq!(a["requestor"], "mde-triage-demo");
    assert_eq!(a["requestorComment"], "Isolate machine due to alert 1234");
    assert_eq!(a["machineId"], json!(id));
    assert_eq!(a["requestSource"], "PublicApi");
    assert_eq!(a["errorHResult"], 0);
    let action_id = a["id"].as_str().unwrap().to_string();
    assert_eq!(action_id.len(), 36, "a GUID");
    assert_eq!(
        device(&h, &id).await["isolated"],
        false,
        "nothing happens before it succeeds"
    );

    advance(&h, 10.0).await;
    let now = api.action(&action_id).await;
    assert_eq!(now["status"], "InProgress");
    assert!(now["lastUpdateDateTimeUtc"].as_str() > a["creationDateTimeUtc"].as_str());
    advance(&h, 120.0).await;
    let done = api.action(&action_id).await;
    assert_eq!(done["status"], "Succeeded");
    let typed: mde_model::device::MachineAction = serde_json::from_value(done.clone()).unwrap();
    let took = typed.last_update_date_time_utc.unwrap().0 - typed.creation_date_time_utc.unwrap().0;
    assert_eq!(took.num_seconds(), 66, "the documented isolation took 66 s");
    assert_eq!(device(&h, &id).await["isolated"], true);

    // Released the same way.
    let (s, rel) = api.act(&id, "unisolate", json!({"Comment": "clean"})).await;
    assert_eq!(s, StatusCode::CREATED);
    assert_eq!(rel["type"], "Unisolate");
    assert_eq!(rel["scope"], Value::Null);
    advance(&h, 120.0).await;
    assert_eq!(
        api.action(rel["id"].as_str().unwrap()).await["status"],
        "Succeeded"
    );
    assert_eq!(device(&h, &id).await["isolated"], false);
}

#[tokio::test]
async fn a_second_pending_action_of_a_kind_is_refused_with_active_request_already_exists() {
    let h = start(quiet()).await;
    let api = Api::new(&h).await;
    let id = windows_machines(&api, &h).await[0].clone();
    let (s, first) = api.act(&id, "isolate", json!({"Comment": "one"})).await;
    assert_eq!(s, StatusCode::CREATED);
    let r = api
        .post(
            &format!("/api/machines/{id}/isolate"),
            json!({"Comment": "two"}),
        )
        .await;
    let (s, code, msg) = error_code(r).await;
    assert_eq!(
        (s, code.as_str()),
        (StatusCode::BAD_REQUEST, "ActiveRequestAlreadyExists")
    );
    assert_eq!(msg, "Action is already in progress");
    // Another kind is fine, and the same kind on another device too.
    let (s, _) = api
        .act(
            &id,
            "runAntiVirusScan",
            json!({"Comment": "c", "ScanType": "Quick"}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED);
    let other = windows_machines(&api, &h).await[1].clone();
    assert_eq!(
        api.act(&other, "isolate", json!({"Comment": "c"})).await.0,
        StatusCode::CREATED
    );
    // Stop and quarantine: one per file.
    let sha = |c: char| c.to_string().repeat(40);
    let sq = |h: String| json!({"Comment": "c", "Sha1": h});
    assert_eq!(
        api.act(&id, "StopAndQuarantineFile", sq(sha('a'))).await.0,
        StatusCode::CREATED
    );
    assert_eq!(
        api.act(&id, "stopandquarantinefile", sq(sha('b'))).await.0,
        StatusCode::CREATED
    );
    assert_eq!(
        api.act(&id, "StopAndQuarantineFile", sq(sha('a'))).await.0,
        StatusCode::BAD_REQUEST
    );

    // The other documented behaviour: the pending action comes back instead.
    control(
        &h,
        Method::PUT,
        "/_emulator/response",
        json!({"duplicates": "returnExisting"}),
    )
    .await;
    let (s, again) = api.act(&id, "isolate", json!({"Comment": "three"})).await;
    assert_eq!(s, StatusCode::CREATED);
    assert_eq!(again["id"], first["id"]);
    // And the one where the service queues a second action beside the first.
    control(
        &h,
        Method::PUT,
        "/_emulator/response",
        json!({"duplicates": "queue"}),
    )
    .await;
    let (s, queued) = api.act(&id, "isolate", json!({"Comment": "again"})).await;
    assert_eq!(s, StatusCode::CREATED);
    assert_ne!(queued["id"], first["id"]);
    control(
        &h,
        Method::PUT,
        "/_emulator/response",
        json!({"duplicates": "refuse"}),
    )
    .await;
    // Once it is final, a new one may be sent.
    advance(&h, 600.0).await;
    let (s, next) = api.act(&id, "isolate", json!({"Comment": "four"})).await;
    assert_eq!(s, StatusCode::CREATED);
    assert_ne!(next["id"], first["id"]);
}

#[tokio::test]
async fn an_offline_device_keeps_its_action_pending_and_it_times_out_after_three_days() {
    let h = start(quiet()).await;
    let api = Api::new(&h).await;
    let id = windows_machines(&api, &h).await[0].clone();
    let off = control(
        &h,
        Method::PUT,
        &format!("/_emulator/machines/{id}"),
        json!({"online": false}),
    )
    .await;
    assert_eq!(off["online"], false);
    let (s, a) = api
        .act(&id, "isolate", json!({"Comment": "isolate while offline"}))
        .await;
    assert_eq!(s, StatusCode::CREATED);
    let aid = a["id"].as_str().unwrap().to_string();
    advance(&h, 2.0 * 86_400.0).await;
    assert_eq!(api.action(&aid).await["status"], "Pending");
    advance(&h, 86_400.0 + 1.0).await;
    let gone = api.action(&aid).await;
    assert_eq!(gone["status"], "TimeOut");
    let typed: mde_model::device::MachineAction = serde_json::from_value(gone).unwrap();
    let waited =
        typed.last_update_date_time_utc.unwrap().0 - typed.creation_date_time_utc.unwrap().0;
    assert_eq!(waited.num_hours(), 72);
    assert_eq!(device(&h, &id).await["isolated"], false);

    // A pending action is picked up when the device comes back.
    let (_, b) = api
        .act(
            &id,
            "runAntiVirusScan",
            json!({"Comment": "c", "ScanType": "Quick"}),
        )
        .await;
    let bid = b["id"].as_str().unwrap().to_string();
    advance(&h, 3600.0).await;
    assert_eq!(api.action(&bid).await["status"], "Pending");
    control(
        &h,
        Method::PUT,
        &format!("/_emulator/machines/{id}"),
        json!({"online": true}),
    )
    .await;
    advance(&h, 60.0).await;
    assert_eq!(api.action(&bid).await["status"], "Succeeded");
}

#[tokio::test]
async fn actions_can_be_made_to_fail_by_type_or_one_by_one() {
    let h = start(EmulatorConfig {
        response: ResponseConfig {
            seed_history: Some(false),
            fail_types: vec!["RunAntiVirusScan".into()],
            ..ResponseConfig::default()
        },
        ..quiet()
    })
    .await;
    let api = Api::new(&h).await;
    let id = windows_machines(&api, &h).await[0].clone();
    let (_, scan) = api
        .act(
            &id,
            "runAntiVirusScan",
            json!({"Comment": "c", "ScanType": "Full"}),
        )
        .await;
    let (_, iso) = api.act(&id, "isolate", json!({"Comment": "c"})).await;
    let iso_id = iso["id"].as_str().unwrap();
    let r = reqwest::Client::new()
        .post(format!(
            "{}/_emulator/machineactions/{iso_id}/fail",
            h.base_url()
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    advance(&h, 600.0).await;
    let scan = api.action(scan["id"].as_str().unwrap()).await;
    assert_eq!(scan["status"], "Failed");
    assert_ne!(scan["errorHResult"], 0);
    assert_eq!(api.action(iso_id).await["status"], "Failed");
    assert_eq!(device(&h, &id).await["isolated"], false);
    let s = control(
        &h,
        Method::PUT,
        "/_emulator/response",
        json!({"failTypes": []}),
    )
    .await;
    assert_eq!(s["failTypes"], json!([]));
}

#[tokio::test]
async fn actions_are_listed_newest_first_with_the_documented_filters() {
    let h = start(quiet()).await;
    let api = Api::new(&h).await;
    let m = windows_machines(&api, &h).await;
    let (a, b) = (&m[0], &m[1]);
    let (_, i1) = api.act(a, "isolate", json!({"Comment": "c"})).await;
    advance(&h, 1.0).await;
    let (_, s1) = api
        .act(
            a,
            "runAntiVirusScan",
            json!({"Comment": "c", "ScanType": "Quick"}),
        )
        .await;
    advance(&h, 1.0).await;
    let (_, i2) = api.act(b, "isolate", json!({"Comment": "c"})).await;
    let list = api.json("/api/machineactions").await;
    assert!(
        list["@odata.context"]
            .as_str()
            .unwrap()
            .ends_with("#MachineActions")
    );
    assert_eq!(
        ids(&list),
        [&i2["id"], &s1["id"], &i1["id"]].map(|v| v.as_str().unwrap().to_string())
    );
    let q = |f: &str| format!("/api/machineactions?$filter={}", enc(f));
    // The lookup a client makes after a lost answer.
    let found = api
        .json(&q(&format!(
            "machineId eq '{a}' and type eq 'Isolate' and status in ('Pending','InProgress')"
        )))
        .await;
    assert_eq!(ids(&found), [i1["id"].as_str().unwrap()]);
    let created = s1["creationDateTimeUtc"].as_str().unwrap();
    let since = api
        .json(&q(&format!("creationDateTimeUtc ge {created}")))
        .await;
    assert_eq!(ids(&since).len(), 2);
    assert_eq!(
        ids(&api.json(&q("requestor eq 'MDE-TRIAGE-DEMO'")).await).len(),
        3
    );
    assert_eq!(ids(&api.json(&q("status eq 'Succeeded'")).await).len(), 0);
    let two = api
        .json(&format!(
            "/api/machineactions?$filter={}&$top=2",
            enc(&format!("machineId eq '{a}'"))
        ))
        .await;
    assert_eq!(
        ids(&two),
        [s1["id"].as_str().unwrap(), i1["id"].as_str().unwrap()]
    );
    let (s, code, msg) = error_code(api.get(&q("computerDnsName eq 'x'")).await).await;
    assert_eq!((s, code.as_str()), (StatusCode::BAD_REQUEST, "ODataError"));
    assert!(msg.contains("machineId"), "{msg}");
    let (s, _, _) = error_code(api.get("/api/machineactions/nope").await).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn cancel_answers_200_until_the_action_is_final() {
    let h = start(quiet()).await;
    let api = Api::new(&h).await;
    let id = windows_machines(&api, &h).await[0].clone();
    let (_, a) = api.act(&id, "isolate", json!({"Comment": "c"})).await;
    let aid = a["id"].as_str().unwrap();
    let r = api
        .post(
            &format!("/api/machineactions/{aid}/cancel"),
            json!({"Comment": "wrong device"}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let c: Value = r.json().await.unwrap();
    assert_eq!(c["status"], "Cancelled");
    assert_eq!(c["cancellationComment"], "wrong device");
    assert_eq!(c["cancellationRequestor"], "mde-triage-demo");
    assert!(c["cancellationDateTimeUtc"].is_string());
    advance(&h, 600.0).await;
    assert_eq!(api.action(aid).await["status"], "Cancelled");
    assert_eq!(device(&h, &id).await["isolated"], false);
    let r = api
        .post(
            &format!("/api/machineactions/{aid}/cancel"),
            json!({"Comment": "again"}),
        )
        .await;
    let (s, _, msg) = error_code(r).await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert!(msg.contains("final state"), "{msg}");
}

#[tokio::test]
async fn the_package_link_is_404_until_collected_then_quoted_and_downloadable() {
    let h = start(EmulatorConfig {
        rate_limits: Some(mde_emulator::RateLimits::default()),
        ..quiet()
    })
    .await;
    let api = Api::new(&h).await;
    let id = windows_machines(&api, &h).await[0].clone();
    let (_, a) = api
        .act(&id, "collectInvestigationPackage", json!({"Comment": "c"}))
        .await;
    let aid = a["id"].as_str().unwrap();
    let (s, code, _) = error_code(
        api.get(&format!("/api/machineactions/{aid}/getPackageUri"))
            .await,
    )
    .await;
    assert_eq!(
        (s, code.as_str()),
        (StatusCode::NOT_FOUND, "ResourceNotFound")
    );
    advance(&h, 120.0).await;
    let v = api
        .json(&format!("/api/machineactions/{aid}/GetPackageUri"))
        .await;
    assert!(
        v["@odata.context"]
            .as_str()
            .unwrap()
            .ends_with("#Edm.String")
    );
    let quoted = v["value"].as_str().unwrap();
    assert!(quoted.starts_with('"') && quoted.ends_with('"'), "{quoted}");
    let url = quoted.trim_matches('"');
    let zip = reqwest::get(url).await.unwrap();
    assert_eq!(zip.status(), StatusCode::OK);
    assert_eq!(zip.headers()["content-type"], "application/zip");
    assert!(zip.bytes().await.unwrap().starts_with(b"PK\x05\x06"));
    let forged = reqwest::get(format!(
        "{}/safedownload/WDATP_Investigation_Package.zip?token=x",
        h.base_url()
    ))
    .await
    .unwrap();
    assert_eq!(forged.status(), StatusCode::FORBIDDEN);
    // 2 calls a minute: the third is throttled (the 404 counted too).
    let r = api
        .get(&format!("/api/machineactions/{aid}/getPackageUri"))
        .await;
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(r.headers().contains_key("retry-after"));
}

#[tokio::test]
async fn the_demo_tenant_starts_with_isolated_devices_and_a_pending_offline_isolation() {
    let h = start(EmulatorConfig {
        alerts: 200,
        rate_limits: None,
        ..EmulatorConfig::default()
    })
    .await;
    let api = Api::new(&h).await;
    let devices: Vec<Value> = reqwest::get(format!("{}/_emulator/machines", h.base_url()))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let isolated = devices.iter().filter(|d| d["isolated"] == true).count();
    assert!(isolated >= 2, "{isolated} isolated");
    assert!(devices.iter().any(|d| d["restricted"] == true));
    let offline: Vec<&Value> = devices.iter().filter(|d| d["online"] == false).collect();
    assert!(
        !offline.is_empty() && offline.len() < devices.len() / 4,
        "a few offline"
    );
    let pending = api
        .json(&format!(
            "/api/machineactions?$filter={}",
            enc("type eq 'Isolate' and status eq 'Pending'")
        ))
        .await;
    let pending = pending["value"].as_array().unwrap();
    assert_eq!(pending.len(), 1);
    let on = pending[0]["machineId"].as_str().unwrap();
    assert!(
        offline.iter().any(|d| d["id"] == on),
        "the pending isolation waits for an offline device"
    );
    let done = api
        .json(&format!(
            "/api/machineactions?$filter={}",
            enc("type eq 'Isolate' and status eq 'Succeeded'")
        ))
        .await;
    let first = &done["value"][0];
    assert!(
        first["requestor"]
            .as_str()
            .unwrap()
            .ends_with("@contoso.com")
    );
    assert!(
        first["requestorComment"]
            .as_str()
            .unwrap()
            .starts_with("Isolate machine")
    );
    let timed_out = api
        .json(&format!(
            "/api/machineactions?$filter={}",
            enc("status eq 'TimeOut'")
        ))
        .await;
    assert_eq!(timed_out["value"].as_array().unwrap().len(), 1);
    let failed = api
        .json(&format!(
            "/api/machineactions?$filter={}",
            enc("status eq 'Failed'")
        ))
        .await;
    assert_eq!(failed["value"].as_array().unwrap().len(), 1);
    let risks: std::collections::BTreeSet<String> = api.json("/api/machines").await["value"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["riskScore"].as_str().unwrap().to_string())
        .collect();
    assert!(risks.len() >= 3, "{risks:?}");
    let ind = api.json("/api/indicators").await;
    assert!(ind["value"].as_array().unwrap().len() >= 2);
}
