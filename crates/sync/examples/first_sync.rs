//! One first sync into a new cache file, on its own (no console holding the rows), against the
//! service the environment names — the emulator prints the variables it needs
//! (`mde-triage emulator --data FILE` then `eval` its `export` lines). Prints the time until
//! the fetch succeeded, the rows that arrived, and this process's peak and final resident
//! memory, so the sync's own memory is measured apart from the console's list (scale issue);
//! then how long closing the store right after takes.
//!
//! `cargo run --release -p mde-sync --example first_sync`

use mde_api::auth::{ClientCredentials, CredentialsConfig, Secret, SecretSource};
use mde_api::hosts::API_SCOPE;
use mde_api::{ClientConfig, MdeClient};
use mde_model::protocol::{Effect, Msg};
use mde_store::Store;
use mde_sync::SyncConfig;
use std::sync::Arc;
use std::time::{Duration, Instant};

fn var(name: &str) -> Result<String, String> {
    std::env::var(name).map_err(|_| format!("{name} is not set (eval the emulator's export lines)"))
}

/// `VmHWM` and `VmRSS` of this process, in MB.
fn memory() -> (u64, u64) {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let kb = |key: &str| -> u64 {
        status
            .lines()
            .find_map(|l| l.strip_prefix(key))
            .and_then(|v| v.split_whitespace().next()?.parse().ok())
            .unwrap_or(0)
    };
    (kb("VmHWM:") / 1024, kb("VmRSS:") / 1024)
}

#[tokio::main]
async fn main() -> Result<(), String> {
    let tokens = ClientCredentials::new(CredentialsConfig {
        login: var("MDE_LOGIN_URL")?,
        tenant: var("AZURE_TENANT_ID")?,
        client_id: var("AZURE_CLIENT_ID")?,
        secret: SecretSource::Value(Secret::new(var("AZURE_CLIENT_SECRET")?)),
        scope: API_SCOPE.to_string(),
    })
    .map_err(|e| e.to_string())?;
    let mut config = ClientConfig::new(&var("MDE_API_URL")?);
    config.timeout = Duration::from_secs(120);
    let client = MdeClient::new(config, Arc::new(tokens)).map_err(|e| e.to_string())?;
    let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
    let store = Store::open(&dir.path().join("cache.sqlite3")).map_err(|e| e.to_string())?;
    let config = SyncConfig {
        poll_interval: Duration::from_secs(3600),
        ..SyncConfig::default()
    };
    let started = Instant::now();
    let (tx, mut rx, handle) = mde_sync::spawn(client, store.clone(), config);
    tx.send(Effect::Start { req: 1 })
        .await
        .map_err(|e| e.to_string())?;
    let mut rows = 0usize;
    loop {
        match rx.recv().await {
            // Counted and dropped at once, as if a console had taken them.
            Some(Msg::AlertsUpdated { rows: r, .. }) => rows += r.len(),
            Some(Msg::Sync(s)) if s.last_sync.is_some() => break,
            Some(Msg::RefreshFailed { error, .. }) => return Err(format!("sync failed: {error}")),
            Some(_) => {}
            None => return Err("the sync task stopped".into()),
        }
    }
    let took = started.elapsed();
    let (peak, now) = memory();
    println!(
        "first sync: {rows} rows in {:.3} s; peak RSS {peak} MB, RSS now {now} MB",
        took.as_secs_f64()
    );
    // Closing right away, as a console quit just after the sync would: the log is copied into
    // the file once the writes pause, so here the whole copy is left for the close.
    let closing = Instant::now();
    let _ = tx.send(Effect::Quit).await;
    drop(tx);
    let _ = handle.await;
    drop(store);
    println!(
        "closed right after: {:.3} s",
        closing.elapsed().as_secs_f64()
    );
    Ok(())
}
