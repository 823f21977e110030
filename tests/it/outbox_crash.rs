//! Kill the CLI in the middle of sending the outbox, restart it: every write is delivered, none
//! twice. The real binary against the emulator on 127.0.0.1:0; every wait is on a condition.

use mde_emulator::{EmulatorConfig, EmulatorHandle, Faults};
use mde_store::Store;
use std::time::Duration;

const DEADLINE: Duration = Duration::from_secs(60);

/// The real binary with a private home, signed in to the emulator through the environment.
fn binary(emu: &EmulatorHandle, home: &std::path::Path, args: &[&str]) -> tokio::process::Command {
    let app = EmulatorConfig::default().app;
    let mut cmd = tokio::process::Command::new(env!("CARGO_BIN_EXE_mde-triage"));
    cmd.args(args)
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_STATE_HOME", home.join("state"))
        .env("MDE_API_URL", emu.base_url())
        .env("MDE_LOGIN_URL", emu.login_url())
        .env("AZURE_TENANT_ID", emu.tenant())
        .env("AZURE_CLIENT_ID", &app.client_id)
        .env("AZURE_CLIENT_SECRET", &app.secret)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .kill_on_drop(true);
    cmd
}

/// Polls `cond` until it holds or the deadline passes (a condition, not a fixed wait).
async fn poll_until(what: &str, mut cond: impl FnMut() -> bool) {
    let until = tokio::time::Instant::now() + DEADLINE;
    while !cond() {
        assert!(
            tokio::time::Instant::now() < until,
            "timed out waiting for {what}"
        );
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sigkilled_cli_leaves_every_write_to_be_delivered_once_after_restart() {
    // Slow answers keep writes in flight long enough to kill the sender in the middle.
    let slow = Faults {
        latency_ms: 150,
        ..Faults::default()
    };
    let emu = mde_emulator::spawn(EmulatorConfig {
        alerts: 12,
        faults: slow,
        rate_limits: None,
        fault_seed: Some(11),
        ..EmulatorConfig::default()
    })
    .await
    .expect("emulator starts");
    let ids = emu.alert_ids();
    let home = tempfile::tempdir().unwrap();

    // Queue six single writes and one batch without sending them.
    let mut expected: Vec<(String, String)> = Vec::new();
    for (i, id) in ids.iter().take(6).enumerate() {
        let text = format!("crash test {i}");
        let out = binary(
            &emu,
            home.path(),
            &[
                "alerts",
                "update",
                id,
                "--status",
                "in-progress",
                "--comment",
                &text,
                "--no-send",
            ],
        )
        .output()
        .await
        .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        expected.push((id.clone(), text));
    }
    let batch: Vec<&str> = ids[6..9].iter().map(String::as_str).collect();
    let mut args = vec!["alerts", "update"];
    args.extend(&batch);
    args.extend(["--comment", "crash batch", "--no-send"]);
    let out = binary(&emu, home.path(), &args).output().await.unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for id in &batch {
        expected.push((id.to_string(), "crash batch".into()));
    }

    let path = home.path().join("data/mde-triage/default.sqlite3");
    let store = Store::open(&path).expect("the CLI's store");
    assert_eq!(store.outbox_counts().unwrap().pending, 7);

    // Send, and SIGKILL the sender once some writes are done and others are still queued.
    let mut child = binary(&emu, home.path(), &["outbox", "retry"])
        .spawn()
        .unwrap();
    poll_until("a write delivered while others wait", || {
        let c = store.outbox_counts().unwrap();
        c.done >= 1 && c.done < 7 && c.sending == 1
    })
    .await;
    child.start_kill().unwrap();
    let status = child.wait().await.unwrap();
    assert!(!status.success(), "killed, not finished");
    let c = store.outbox_counts().unwrap();
    assert!(c.done < 7, "the kill came with writes outstanding: {c:?}");

    // Restart: the remaining writes go out, none twice.
    let healed = reqwest::Client::new()
        .put(format!("{}/_emulator/faults", emu.base_url()))
        .header("content-type", "application/json")
        .body("{}")
        .send()
        .await
        .expect("control call");
    assert!(healed.status().is_success(), "{}", healed.status());
    let out = binary(&emu, home.path(), &["outbox", "retry"])
        .output()
        .await
        .unwrap();
    assert!(
        out.status.success(),
        "restart drains the outbox: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let c = store.outbox_counts().unwrap();
    assert_eq!((c.done, c.pending, c.sending, c.failed), (7, 0, 0, 0));
    for (id, text) in &expected {
        let count = emu
            .alert(id)
            .expect("alert exists")
            .comments
            .iter()
            .filter(|c| &c.comment == text)
            .count();
        assert_eq!(count, 1, "{id}: {text:?} exactly once");
    }
    emu.shutdown().await;
}
