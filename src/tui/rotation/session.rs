//! One profile's running sync session: its client, store and sync task, and the forwarder that
//! tags each answer with the session's key before it reaches the router. Stopping one hands
//! back what the outbox drain needs; starting another is how `:profile NAME` switches.

use super::clients::Clients;
use mde_model::protocol::{Effect, Msg, ProfileInfo};
use mde_ops::ConsoleSettings;
use mde_store::Store;
use mde_sync::SyncConfig;
use std::time::Duration;
use tokio::sync::mpsc;
use tokio::task::JoinHandle;

/// Everything a session of one profile is made from.
pub struct SessionSetup {
    /// Who and where.
    pub info: ProfileInfo,
    /// The clients (signed in to this profile's tenant).
    pub client: Clients,
    /// The profile's store.
    pub store: Store,
    /// Sync tunables (this profile's rate budget).
    pub sync: SyncConfig,
    /// The console's settings for this profile.
    pub settings: ConsoleSettings,
}

/// Opens sessions by profile name: the config in production, emulators in tests.
pub trait SessionOpener: Send + Sync {
    /// Builds the session of a profile (sign-in is set up, not yet performed).
    fn open(&self, name: &str) -> anyhow::Result<SessionSetup>;
    /// Every profile this opener knows.
    fn names(&self) -> Vec<String>;
}

/// What a stopped session leaves for the outbox drain.
pub struct Stopped {
    /// Who it was.
    pub info: ProfileInfo,
    /// Its sync task, told to stop (its effect channel is closed); await it before draining.
    pub task: JoinHandle<()>,
    /// Its clients.
    pub client: Clients,
    /// Its store.
    pub store: Store,
    /// Its sync tunables.
    pub sync: SyncConfig,
}

/// A running session.
pub struct ProfileSession {
    /// Who and where.
    pub info: ProfileInfo,
    /// Its clients.
    pub client: Clients,
    /// Its store.
    pub store: Store,
    /// Its sync tunables.
    pub sync: SyncConfig,
    /// The console's settings for it.
    pub settings: ConsoleSettings,
    effects: mpsc::Sender<Effect>,
    task: JoinHandle<()>,
    forward: JoinHandle<()>,
}

impl ProfileSession {
    /// Starts the sync task; its answers go to `inbox` tagged with `key`.
    pub fn start(setup: SessionSetup, key: u64, inbox: mpsc::Sender<(u64, Msg)>) -> ProfileSession {
        let SessionSetup {
            info,
            client,
            store,
            sync,
            settings,
        } = setup;
        let (effects, mut answers, task) = client.spawn_sync(store.clone(), sync.clone());
        let forward = tokio::spawn(async move {
            while let Some(m) = answers.recv().await {
                if inbox.send((key, m)).await.is_err() {
                    break;
                }
            }
        });
        ProfileSession {
            info,
            client,
            store,
            sync,
            settings,
            effects,
            task,
            forward,
        }
    }

    /// Passes an effect to the sync task; false when it is gone.
    pub async fn send(&self, effect: Effect) -> bool {
        self.effects.send(effect).await.is_ok()
    }

    /// Tells the sync task to stop (closing its effect channel) and ends its forwarder.
    pub fn stop(self) -> Stopped {
        let ProfileSession {
            info,
            client,
            store,
            sync,
            effects,
            task,
            forward,
            ..
        } = self;
        drop(effects);
        forward.abort();
        Stopped {
            info,
            task,
            client,
            store,
            sync,
        }
    }
}

/// How long the outbox may take to deliver when a session ends before it is left for next time.
pub const DRAIN: Duration = Duration::from_secs(5);

/// Gives a stopped session's outbox a few seconds; returns a line for the analyst if writes
/// were left behind.
pub async fn drain(stopped: Stopped) -> Option<String> {
    let name = stopped.info.name.clone();
    if tokio::time::timeout(Duration::from_secs(3), stopped.task)
        .await
        .is_err()
    {
        tracing::warn!(profile = %name, "sync task did not stop in time");
    }
    match stopped
        .client
        .drain(stopped.store, stopped.sync, DRAIN)
        .await
    {
        Ok(r) if r.still_pending > 0 || !r.failed.is_empty() || !r.conflicts.is_empty() => {
            Some(format!(
                "profile {name}: {} write(s) still queued, {} failed, {} in conflict; `mde-triage --profile {name} outbox` shows them and the console sends them next time",
                r.still_pending,
                r.failed.len(),
                r.conflicts.len()
            ))
        }
        Ok(_) => None,
        Err(e) => Some(format!("profile {name}: outbox not drained: {e}")),
    }
}
