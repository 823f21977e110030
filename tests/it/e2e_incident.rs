//! Issue 11 end to end: the real binary in a pty against the demo tenant. `I` shows the
//! incidents; the incident under the cursor is classified as a true positive and resolved with
//! a resolving comment from the console, each change confirmed with the incident's name and
//! alert count; then the emulator, asked over its Graph API with a Graph token of its own as any
//! client would, has exactly that incident resolved and classified, the comment stored once.

use super::demo_tenant::Demo;
use super::pty::Session;
use mde_emulator::EmulatorConfig;

/// `GET /v1.0/security/incidents/{id}` with a token for the Graph audience.
fn served_incident(demo: &Demo, id: &str) -> serde_json::Value {
    let emu = demo.emu();
    let app = EmulatorConfig::default().app;
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let http = reqwest::Client::new();
        let token: serde_json::Value = http
            .post(format!(
                "{}/{}/oauth2/v2.0/token",
                emu.login_url(),
                emu.tenant()
            ))
            .form(&[
                ("grant_type", "client_credentials"),
                ("client_id", app.client_id.as_str()),
                ("client_secret", app.secret.as_str()),
                ("scope", "https://graph.microsoft.com/.default"),
            ])
            .send()
            .await
            .expect("token call")
            .json()
            .await
            .expect("token JSON");
        let bearer = token["access_token"].as_str().expect("a Graph token");
        let resp = http
            .get(format!("{}/v1.0/security/incidents/{id}", emu.base_url()))
            .bearer_auth(bearer)
            .send()
            .await
            .expect("get call");
        assert!(resp.status().is_success(), "{}", resp.status());
        resp.json().await.expect("incident JSON")
    })
}

/// The ids of the resolved incidents, in order.
fn resolved(demo: &Demo) -> Vec<String> {
    let emu = demo.emu();
    let mut ids: Vec<String> = emu
        .alert_ids()
        .iter()
        .filter_map(|a| emu.alert(a)?.incident_id)
        .map(|i| i.to_string())
        .collect();
    ids.sort();
    ids.dedup();
    ids.retain(|i| {
        emu.incident(i)
            .is_some_and(|x| x.status == mde_model::graph::IncidentStatus::Resolved)
    });
    ids
}

/// The incident id the hint bar names as the subject (`acts on incident 1234 (3 alerts) …`).
fn subject_incident(screen: &str) -> Option<String> {
    let at = screen.find("acts on incident ")? + "acts on incident ".len();
    let id: String = screen[at..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    (!id.is_empty()).then_some(id)
}

/// After a change is asked for: confirms it if the console asks (the dialog must name `change`),
/// then waits until the console says the incident was saved. The sending and the saved message
/// can arrive in one read of the terminal, so the saved one is accepted at once too: a wait for
/// "sending" alone could miss it and time out once the saved message expired.
fn confirm_then_saved(s: &mut Session, id: &str, sending: &str, change: &str) {
    let (ask, saved) = (
        format!("Change incident {id}"),
        format!("Saved incident {id}"),
    );
    let screen = s.wait_for("the write, its confirmation or its result", |sc| {
        let c = sc.contents();
        c.contains(&ask) || c.contains(sending) || c.contains(&saved)
    });
    if screen.contains(&ask) {
        assert!(screen.contains(change), "{screen}");
        s.keys(b"y");
    }
    if !screen.contains(&saved) {
        s.wait_text(&saved);
    }
}

#[test]
fn an_incident_is_classified_and_resolved_from_the_console_and_the_service_has_it() {
    let demo = Demo::start();
    let home = tempfile::tempdir().unwrap();
    let mut s = Session::start_env(&[], home.path(), 140, 36, &demo.env());
    s.wait_for("the alert list", |sc| {
        let c = sc.contents();
        c.contains("synced") && c.contains('▸')
    });
    s.keys(b"I");
    let screen = s.wait_for("the incident list", |sc| {
        let c = sc.contents();
        c.contains("Open incidents") && subject_incident(&c).is_some()
    });
    let id = subject_incident(&screen).unwrap();
    let before = served_incident(&demo, &id);
    let resolved_before = resolved(&demo);
    assert_ne!(before["status"], "resolved", "{before}");

    // Classify: true positive, the first determination; the change names the incident.
    s.keys(b"c");
    s.wait_text(&format!("Classify incident {id}"));
    s.keys(b"t");
    s.wait_text("determination");
    s.keys(b"\r");
    confirm_then_saved(
        &mut s,
        &id,
        "Sending classification",
        "classification → True positive",
    );

    // Resolve with a resolving comment, once the first "saved" has gone, so the next one seen
    // is the status's.
    let saved = format!("Saved incident {id}");
    s.wait_for("the classification's saved message to expire", |sc| {
        !sc.contents().contains(&saved)
    });
    s.keys(b"S");
    s.wait_text(&format!("Status of incident {id}"));
    s.keys(b"r");
    s.wait_text("Resolving comment (optional)");
    s.keys(b"Closed from the console: contained and reimaged");
    s.keys(b"\x13");
    confirm_then_saved(&mut s, &id, "Sending status", "status → Resolved");

    let after = served_incident(&demo, &id);
    assert_eq!(after["status"], "resolved", "{after}");
    assert_eq!(after["classification"], "truePositive", "{after}");
    assert_eq!(after["determination"], "multiStagedAttack", "{after}");
    assert_eq!(
        after["resolvingComment"], "Closed from the console: contained and reimaged",
        "{after}"
    );
    // No other incident changed status.
    let mut now_resolved = resolved(&demo);
    now_resolved.retain(|i| *i != id);
    assert_eq!(now_resolved, resolved_before);
    s.keys(b"q");
    let (status, seen) = s.wait_exit();
    assert!(status.success(), "{status:?}");
    super::pty::assert_restored(&seen);
}
