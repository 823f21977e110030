//! Device response end to end (issue 10): the real binary in a pty against an emulator serving a
//! few alerts whose actions complete within a second. Open an alert, isolate its device from
//! the response menu (typing the device's name), watch the device panel go from Pending to
//! isolated, release it, watch it come back — then the emulator, asked over its own HTTP API with
//! a token of its own, holds exactly one isolate and one release for that device.

use super::pty::Session;
use mde_emulator::response::config::{ActionTimings, ResponseConfig};
use mde_emulator::{EmulatorConfig, EmulatorHandle};
use serde_json::{Value, json};
use std::time::Duration;

const WS: &str = "1e5bc9d7e413ddd7902c2932e418702b84d0cc07";
const SRV: &str = "2f6cd0e8f524eee8a13d3a43f529813c95e1dd18";

fn alerts() -> Value {
    let now = chrono::Utc::now();
    let at = |h: i64| (now - chrono::Duration::hours(h)).to_rfc3339();
    let alert = |id: &str, title: &str, machine: &str, name: &str, h: i64| {
        json!({"id": id, "title": title, "severity": "High", "status": "New",
               "machineId": machine, "computerDnsName": name,
               "relatedUser": {"userName": "jdoe", "domainName": "CONTOSO"},
               "alertCreationTime": at(h), "lastUpdateTime": at(h)})
    };
    json!([
        alert(
            "da1000000000000000001_1",
            "Mimikatz credential theft",
            WS,
            "ws-eng-194.corp.contoso.com",
            1
        ),
        alert(
            "da1000000000000000002_2",
            "Suspicious PowerShell command line",
            WS,
            "ws-eng-194.corp.contoso.com",
            2
        ),
        alert(
            "da1000000000000000003_3",
            "Lateral movement using PsExec",
            SRV,
            "srv-file-01.corp.contoso.com",
            3
        ),
    ])
}

/// The actions the emulator holds for `machine`, read over its API with a token of our own.
fn served_actions(
    rt: &tokio::runtime::Runtime,
    base: &str,
    machine: &str,
) -> Vec<(String, String)> {
    rt.block_on(async {
        let http = reqwest::Client::new();
        let token: Value = http
            .post(format!("{base}/contoso-demo/oauth2/v2.0/token"))
            .form(&[
                ("grant_type", "client_credentials"),
                ("client_id", "mde-triage-demo"),
                ("client_secret", "demo-secret"),
                ("scope", "https://api.securitycenter.microsoft.com/.default"),
            ])
            .send()
            .await
            .expect("token call")
            .json()
            .await
            .expect("token JSON");
        let bearer = token["access_token"].as_str().expect("a token").to_string();
        let page: Value = http
            .get(format!("{base}/api/machineactions"))
            .query(&[("$filter", format!("machineId eq '{machine}'"))])
            .bearer_auth(bearer)
            .send()
            .await
            .expect("list call")
            .json()
            .await
            .expect("actions JSON");
        page["value"]
            .as_array()
            .expect("a page")
            .iter()
            .map(|a| {
                let s = |k: &str| a[k].as_str().unwrap_or_default().to_string();
                (s("type"), s("status"))
            })
            .collect()
    })
}

#[test]
fn isolate_a_device_from_the_console_watch_it_succeed_and_release_it() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let home = tempfile::tempdir().unwrap();
    let data = home.path().join("alerts.json");
    std::fs::write(&data, alerts().to_string()).unwrap();
    let emu: EmulatorHandle = rt
        .block_on(mde_emulator::spawn(EmulatorConfig {
            data_file: Some(data),
            rate_limits: None,
            response: ResponseConfig {
                seed_history: Some(false),
                timings: ActionTimings::uniform(Duration::from_secs(1)),
                ..ResponseConfig::default()
            },
            ..EmulatorConfig::default()
        }))
        .unwrap();
    let base = emu.base_url();
    let env = [
        ("MDE_API_URL", base.clone()),
        ("MDE_LOGIN_URL", base.clone()),
        ("AZURE_TENANT_ID", "contoso-demo".to_string()),
        ("AZURE_CLIENT_ID", "mde-triage-demo".to_string()),
        ("AZURE_CLIENT_SECRET", "demo-secret".to_string()),
        ("MDE_TRIAGE_IDENTITY", "analyst@contoso.example".to_string()),
    ];
    let mut s = Session::start_env(&[], home.path(), 120, 32, &env);
    s.wait_for("the list", |sc| {
        let c = sc.contents();
        c.contains("Open queue") && c.contains("synced") && c.contains('▸')
    });
    // Open the newest alert; the device panel shows its device, not isolated.
    s.keys(b"\r");
    s.wait_for("the detail", |sc| {
        let c = sc.contents();
        c.contains("Description") && !c.contains("Loading the full alert")
    });
    s.keys(b"d");
    s.wait_for("the device panel", |sc| {
        let c = sc.contents();
        c.contains("Device · ws-eng-194") && c.contains("not isolated")
    });

    // Isolate it from the response menu: the form names the device and wants its name typed.
    s.keys(b"x");
    // The whole menu (a frame can be caught half drawn): its title and its key reminder.
    let whole_menu = |sc: &vt100::Screen| {
        let c = sc.contents();
        c.contains("Respond on ws-eng-194") && c.contains("Enter pick · Esc back")
    };
    let menu = s.wait_for("the response menu", whole_menu);
    assert!(menu.contains("Isolate (full)"), "{menu}");
    // No isolation in the device's history: both directions, with a note saying so.
    assert!(menu.contains("Isolation state unknown"), "{menu}");
    s.keys(b"i");
    s.wait_for("the isolation form", |sc| {
        let c = sc.contents();
        c.contains("Type the device name to confirm") && c.contains("Esc cancel (nothing is sent)")
    });
    s.keys(b"ws-eng-195\x13");
    s.wait_text("is not this device");
    for _ in 0.."ws-eng-195".len() {
        s.keys(b"\x7f");
    }
    s.keys(b"WS-ENG-194\x13");
    // Sent at once, accepted Pending; the panel follows it until it succeeded.
    s.wait_for("the isolation pending", |sc| {
        let c = sc.contents();
        (c.contains("isolating") || c.contains("Pending")) && !c.contains("Type the device name")
    });
    s.wait_for("the device isolated", |sc| {
        sc.contents().contains("isolated (Full)")
    });
    s.wait_for("the isolation succeeded in the panel", |sc| {
        sc.contents().contains("Succeeded")
    });

    // Release: only release is offered now, and it needs no typed name.
    s.keys(b"x");
    let menu = s.wait_for("the response menu", whole_menu);
    assert!(menu.contains("Release from isolation"), "{menu}");
    assert!(!menu.contains("] Isolate (full)"), "isolated: {menu}");
    s.keys(b"r");
    s.wait_text("Release ws-eng-194 from isolation");
    s.keys(b"\x13");
    s.wait_for("the device released", |sc| {
        let c = sc.contents();
        c.contains("not isolated") && !c.contains("releasing")
    });

    // The service holds exactly one isolate and one release for the device, both done.
    let mut actions = served_actions(&rt, &base, WS);
    actions.sort();
    assert_eq!(
        actions,
        [
            ("Isolate".to_string(), "Succeeded".to_string()),
            ("Unisolate".to_string(), "Succeeded".to_string())
        ]
    );
    assert!(
        served_actions(&rt, &base, SRV).is_empty(),
        "the other device was left alone"
    );

    s.keys(b"q");
    let quit = s.wait_for("quit or its question", |sc| {
        !sc.alternate_screen() || sc.contents().contains("Quit?")
    });
    if quit.contains("Quit?") {
        s.keys(b"y");
    }
    let (status, _) = s.wait_exit();
    assert!(status.success(), "{status:?}");
    rt.block_on(emu.shutdown());
}
