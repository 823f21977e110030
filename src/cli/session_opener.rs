//! Profiles of the config file as console sessions: what `:profile NAME` and `--all-profiles`
//! open. Each profile gets its own client (own sign-in), store and rate budget.

use super::context::Context;
use super::rotation_args::RotationArgs;
use crate::tui::rotation::session::{SessionOpener, SessionSetup};
use anyhow::Context as _;
use mde_api::auth::PromptCallback;
use mde_model::protocol::ProfileInfo;
use mde_store::Store;
use mde_sync::SyncConfig;
use std::time::Duration;

/// Opens the config's profiles.
pub struct ContextOpener {
    /// The profile the console started with (its flags and environment apply to it alone).
    pub base: Context,
    /// The start-up options (time zone and SLA flags apply to every profile; `--view` to the first).
    pub rotation: RotationArgs,
    /// Where device-code prompts go.
    pub prompt: PromptCallback,
}

/// This profile's sync tunables.
pub fn sync_config(ctx: &Context) -> SyncConfig {
    SyncConfig {
        poll_interval: Duration::from_secs(ctx.profile.poll_interval_secs),
        poll_budget: ctx.profile.poll_calls_per_minute,
        ..SyncConfig::default()
    }
}

/// Who the console shows for a context.
pub fn profile_info(ctx: &Context) -> ProfileInfo {
    ProfileInfo {
        name: ctx.profile_name.clone(),
        tenant: ctx.tenant(),
        identity: ctx.identity().unwrap_or_default(),
        read_only: ctx.read_only,
    }
}

impl ContextOpener {
    /// The context of profile `name` (the base one's own, or resolved from the config file).
    pub fn context(&self, name: &str) -> anyhow::Result<Context> {
        if name == self.base.profile_name {
            Ok(self.base.clone())
        } else {
            self.base.for_profile(name)
        }
    }

    /// Opens profile `name`'s session from its context `ctx`.
    pub fn open_with(&self, ctx: Context, name: &str) -> anyhow::Result<SessionSetup> {
        let rotation = RotationArgs {
            view: None,
            ..self.rotation.clone()
        };
        let settings = ctx.console_settings(&rotation)?;
        let client = ctx
            .clients(self.prompt.clone())
            .with_context(|| format!("profile {name}: cannot sign in"))?;
        let store = Store::open(&ctx.store_path()?)
            .with_context(|| format!("profile {name}: opening its store"))?;
        Ok(SessionSetup {
            info: profile_info(&ctx),
            client,
            store,
            sync: sync_config(&ctx),
            settings,
        })
    }
}

impl SessionOpener for ContextOpener {
    fn open(&self, name: &str) -> anyhow::Result<SessionSetup> {
        self.open_with(self.context(name)?, name)
    }

    fn names(&self) -> Vec<String> {
        let mut names: Vec<String> = self.base.config.profiles.keys().cloned().collect();
        if !names.contains(&self.base.profile_name) {
            names.insert(0, self.base.profile_name.clone());
        }
        names
    }
}
