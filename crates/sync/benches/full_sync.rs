//! The first full sync into an empty cache file, against the emulator on loopback (HTTP, JSON,
//! sign-in and all): the sync task is started, asked to `Start`, and timed until its status says
//! the fetch succeeded — every page fetched, parsed and stored — at 1k, 10k and 100k alerts.
//! Target (scale issue): 100k in ≤ 2.5 s.
//!
//! `cargo bench -p mde-sync --bench full_sync` (`FULL_SYNC_SIZES=1000,10000` to choose sizes).

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use mde_api::auth::{ClientCredentials, CredentialsConfig, Secret, SecretSource};
use mde_api::hosts::API_SCOPE;
use mde_api::{ClientConfig, MdeClient};
use mde_emulator::{EmulatorConfig, EmulatorHandle};
use mde_model::protocol::{Effect, Msg};
use mde_store::Store;
use mde_sync::SyncConfig;
use std::sync::Arc;
use std::time::{Duration, Instant};

fn sizes() -> Vec<usize> {
    std::env::var("FULL_SYNC_SIZES")
        .ok()
        .map(|v| v.split(',').filter_map(|s| s.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![1_000, 10_000, 100_000])
}

fn client(emu: &EmulatorHandle) -> MdeClient {
    let defaults = EmulatorConfig::default();
    let tokens = ClientCredentials::new(CredentialsConfig {
        login: emu.login_url(),
        tenant: emu.tenant().to_string(),
        client_id: defaults.app.client_id.clone(),
        secret: SecretSource::Value(Secret::new(defaults.app.secret.clone())),
        scope: API_SCOPE.to_string(),
    })
    .expect("credentials");
    let mut config = ClientConfig::new(&emu.base_url());
    config.timeout = Duration::from_secs(120);
    MdeClient::new(config, Arc::new(tokens)).expect("client")
}

/// CPU time this process has used (all threads: the emulator serving, the sync, the store and
/// its checkpoints), from `/proc/self/stat` in clock ticks of 10 ms; None where there is none.
fn cpu_used() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // The fields after the command's closing parenthesis; utime and stime are the 12th and 13th.
    let rest = stat.rsplit_once(')')?.1;
    let mut f = rest.split_whitespace().skip(11);
    let ticks: u64 = f.next()?.parse::<u64>().ok()? + f.next()?.parse::<u64>().ok()?;
    Some(Duration::from_millis(ticks * 10))
}

/// One first sync into a new cache file; the time from `Start` to the fetch's success.
async fn one_sync(emu: &EmulatorHandle, alerts: usize) -> Duration {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(&dir.path().join("cache.sqlite3")).expect("store opens");
    let config = SyncConfig {
        poll_interval: Duration::from_secs(3600),
        ..SyncConfig::default()
    };
    let started = Instant::now();
    let (tx, mut rx, handle) = mde_sync::spawn(client(emu), store.clone(), config);
    tx.send(Effect::Start { req: 1 }).await.expect("task alive");
    let mut rows = 0usize;
    let took = loop {
        match rx.recv().await.expect("sync task alive") {
            Msg::AlertsUpdated { rows: r, .. } => rows += r.len(),
            Msg::Sync(s) if s.last_sync.is_some() => break started.elapsed(),
            Msg::RefreshFailed { error, .. } => panic!("first sync failed: {error}"),
            _ => {}
        }
    };
    assert!(rows >= alerts * 9 / 10, "{rows} of {alerts} rows arrived");
    let _ = tx.send(Effect::Quit).await;
    drop(tx);
    let _ = handle.await;
    drop(store);
    took
}

fn full_sync(c: &mut Criterion) {
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let mut group = c.benchmark_group("full_sync");
    group.sample_size(10);
    for n in sizes() {
        let emu = rt.block_on(async {
            mde_emulator::spawn(EmulatorConfig {
                alerts: n,
                rate_limits: None,
                ..EmulatorConfig::default()
            })
            .await
            .expect("emulator starts")
        });
        group.throughput(Throughput::Elements(n as u64));
        if n >= 100_000 {
            group.measurement_time(Duration::from_secs(30));
        }
        let (mut syncs, mut wall, mut cpu) = (0u32, Duration::ZERO, Duration::ZERO);
        group.bench_function(format!("first_sync_{n}"), |b| {
            b.iter_custom(|iters| {
                let mut took = Duration::ZERO;
                for _ in 0..iters {
                    let before = cpu_used();
                    let t = rt.block_on(one_sync(&emu, n));
                    if let (Some(a), Some(b)) = (before, cpu_used()) {
                        (syncs, wall, cpu) = (syncs + 1, wall + t, cpu + (b - a));
                    }
                    took += t;
                }
                took
            })
        });
        if syncs > 0 {
            // How much of the two cores a sync keeps busy: the rest is waiting.
            println!(
                "full_sync/first_sync_{n}: {syncs} syncs, mean wall {:.3} s, mean CPU {:.3} s \
                 (all threads, the in-process emulator included)",
                wall.as_secs_f64() / f64::from(syncs),
                cpu.as_secs_f64() / f64::from(syncs),
            );
        }
        drop(emu);
    }
    group.finish();
}

criterion_group!(benches, full_sync);
criterion_main!(benches);
