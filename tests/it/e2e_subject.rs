//! One subject, end to end (issue 9, case 1): the real binary in a pty against
//! `mde-triage emulator --data`. Open one alert, read its id in the detail pane, filter it out
//! of the list (another alert takes the cursor), press the status keys — and the service, asked
//! over its HTTP API, has changed exactly the alert whose id the detail pane showed.

use super::pty::{Emulator, Session};
use mde_model::{Alert, Severity, Status, Timestamp};

fn ago(hours: i64) -> Timestamp {
    Timestamp(chrono::Utc::now() - chrono::Duration::hours(hours))
}

fn alerts() -> Vec<Alert> {
    let mk = |id: &str, title: &str, device: &str, status: Status, hours: i64| {
        let mut a = Alert::new(id, title);
        a.severity = Severity::High;
        a.status = status;
        a.computer_dns_name = Some(device.into());
        a.alert_creation_time = Some(ago(hours));
        a.last_update_time = Some(ago(hours));
        a.description = Some(format!("{title} seen on {device}."));
        a
    };
    vec![
        mk(
            "da1000000000000000001_1",
            "Suspicious PowerShell command line",
            "ws-fin-014.corp.contoso.com",
            Status::InProgress,
            1,
        ),
        mk(
            "da1000000000000000002_2",
            "Mimikatz credential theft",
            "ws-eng-194.corp.contoso.com",
            Status::New,
            2,
        ),
        mk(
            "da1000000000000000003_3",
            "Lateral movement using PsExec",
            "srv-file-01.corp.contoso.com",
            Status::New,
            3,
        ),
    ]
}

/// The status of the emulator's alert `id`, read over its HTTP API with a token of its
/// own, as any client would.
fn served_status(env: &[(&'static str, String)], id: &str) -> String {
    let get = |k: &str| {
        env.iter()
            .find(|(n, _)| *n == k)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let http = reqwest::Client::new();
        let token: serde_json::Value = http
            .post(format!(
                "{}/{}/oauth2/v2.0/token",
                get("MDE_LOGIN_URL"),
                get("AZURE_TENANT_ID")
            ))
            .form(&[
                ("grant_type", "client_credentials"),
                ("client_id", &get("AZURE_CLIENT_ID")),
                ("client_secret", &get("AZURE_CLIENT_SECRET")),
                ("scope", "https://api.securitycenter.microsoft.com/.default"),
            ])
            .send()
            .await
            .expect("token call")
            .json()
            .await
            .expect("token JSON");
        let bearer = token["access_token"].as_str().expect("a token").to_string();
        let alert: serde_json::Value = http
            .get(format!("{}/api/alerts/{id}", get("MDE_API_URL")))
            .bearer_auth(bearer)
            .send()
            .await
            .expect("get call")
            .json()
            .await
            .expect("alert JSON");
        alert["status"].as_str().unwrap_or_default().to_string()
    })
}

#[test]
fn the_status_keys_change_the_alert_the_detail_shows_even_when_a_filter_hides_it() {
    let home = tempfile::tempdir().unwrap();
    let data = home.path().join("alerts.json");
    std::fs::write(&data, serde_json::to_string(&alerts()).unwrap()).unwrap();
    let emu = Emulator::start(&data, home.path());
    let mut s = Session::start_env(&[], home.path(), 120, 32, &emu.env);
    s.wait_for("the list", |sc| {
        let c = sc.contents();
        c.contains("Open queue") && c.contains("synced") && c.contains('▸')
    });

    // Open the alert under the cursor and read its id at the bottom of the detail pane.
    s.keys(b"\r");
    s.wait_for("the detail", |sc| {
        let c = sc.contents();
        c.contains("Description") && !c.contains("Loading the full alert")
    });
    s.keys(b"G");
    let screen = s.wait_for("the identifiers", |sc| sc.contents().contains("Alert id"));
    let shown_id = screen
        .lines()
        .find_map(|l| {
            let at = l.find("Alert id")?;
            l[at + "Alert id".len()..]
                .split_whitespace()
                .next()
                .map(str::to_string)
        })
        .expect("an id after 'Alert id'");
    assert!(shown_id.starts_with("da1"), "{screen}");
    s.keys(b"g");

    // Filter the open alert out of the list: another one takes the cursor.
    s.keys(b"/mimikatz\r");
    s.wait_for("the filtered list", |sc| {
        let c = sc.contents();
        c.contains("1/3") && c.contains("hidden by the view/filter")
    });

    // The status keys: the menu names the alert the detail shows, and `r` resolves it.
    s.keys(b"S");
    let menu = s.wait_text("Status of");
    assert!(menu.contains("Suspicious PowerShell"), "{menu}");
    assert!(menu.contains("In progress (current)"), "{menu}");
    s.keys(b"r");
    s.wait_text("Saved (1 alert)");

    let others: Vec<String> = alerts()
        .iter()
        .map(|a| a.id.clone())
        .filter(|id| *id != shown_id)
        .collect();
    assert_eq!(served_status(&emu.env, &shown_id), "Resolved");
    for id in others {
        assert_ne!(served_status(&emu.env, &id), "Resolved", "{id} was changed");
    }
    s.keys(b"q");
    let quit = s.wait_for("quit or its question", |sc| {
        !sc.alternate_screen() || sc.contents().contains("Quit?")
    });
    if quit.contains("Quit?") {
        s.keys(b"y");
    }
    let (status, _) = s.wait_exit();
    assert!(status.success(), "{status:?}");
}
