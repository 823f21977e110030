//! What a command needs from config, environment and flags: the profile, the hosts, the token
//! provider, the client and the store path. Precedence: flag > environment > profile > default.

use super::args::GlobalArgs;
use crate::config::{AuthMethod, Config, Paths, Profile};
use anyhow::Context as _;
use mde_api::auth::{
    AzureCli, ClientCredentials, CredentialsConfig, DeviceCode, DeviceCodeConfig, PromptCallback,
};
use mde_api::{ApiHosts, ClientConfig, MdeClient, TokenProvider};
use std::path::PathBuf;
use std::sync::Arc;

/// The environment variable naming the analyst (for `assign me`) when the profile does not.
pub const IDENTITY_ENV: &str = "MDE_TRIAGE_IDENTITY";

/// Everything resolved for one run.
#[derive(Debug, Clone)]
pub struct Context {
    /// File locations.
    pub paths: Paths,
    /// The profile's name.
    pub profile_name: String,
    /// The profile's settings.
    pub profile: Profile,
    /// API and sign-in hosts.
    pub hosts: ApiHosts,
    /// Writes refused.
    pub read_only: bool,
    /// The whole config file (issue 12: views, keys, theme, SLA, the other profiles).
    pub config: Config,
}

impl Context {
    /// Loads the config and applies flags and environment.
    pub fn load(global: &GlobalArgs) -> anyhow::Result<Context> {
        let paths = Paths::resolve(global.config.as_deref());
        let config = crate::config::check::load_checked(&paths.config_file, paths.config_explicit)?;
        let (profile_name, profile) =
            config.profile(global.profile.as_deref(), &paths.config_file)?;
        let hosts = ApiHosts::from_settings(
            global.region.as_deref().or(profile.region.as_deref()),
            global.api_url.as_deref().or(profile.api_url.as_deref()),
            global.login_url.as_deref().or(profile.login_url.as_deref()),
            // clap already folded MDE_API_URL / MDE_LOGIN_URL into the flags.
            |_| None,
        )?;
        Ok(Context {
            read_only: global.read_only || profile.read_only,
            paths,
            profile_name,
            profile,
            hosts,
            config,
        })
    }

    /// The analyst's UPN for "assign to me": the profile's, else MDE_TRIAGE_IDENTITY.
    pub fn identity(&self) -> Option<String> {
        self.profile
            .identity
            .clone()
            .or_else(|| std::env::var(IDENTITY_ENV).ok())
            .filter(|s| !s.trim().is_empty())
    }

    /// Reads a variable, falling back to the profile for the tenant and client ids.
    fn env(&self, key: &str) -> Option<String> {
        std::env::var(key)
            .ok()
            .filter(|v| !v.trim().is_empty())
            .or_else(|| match key {
                "AZURE_TENANT_ID" => self.profile.tenant_id.clone(),
                "AZURE_CLIENT_ID" => self.profile.client_id.clone(),
                _ => None,
            })
    }

    /// The token provider the profile asks for. `prompt` shows a device code to the analyst.
    pub fn tokens(&self, prompt: PromptCallback) -> anyhow::Result<Arc<dyn TokenProvider>> {
        Ok(match self.profile.auth {
            AuthMethod::ClientCredentials => {
                let cfg = CredentialsConfig::from_env(
                    &self.hosts,
                    |k| self.env(k),
                    self.profile.secret_file.clone(),
                    self.profile.secret_command.as_deref(),
                )?;
                Arc::new(ClientCredentials::new(cfg)?)
            }
            AuthMethod::DeviceCode => {
                let tenant = self
                    .env("AZURE_TENANT_ID")
                    .context("device-code sign-in needs tenant_id (or AZURE_TENANT_ID)")?;
                let client = self
                    .env("AZURE_CLIENT_ID")
                    .context("device-code sign-in needs client_id (or AZURE_CLIENT_ID)")?;
                let cfg = DeviceCodeConfig::new(&self.hosts, &tenant, &client);
                Arc::new(DeviceCode::new(cfg, prompt)?)
            }
            AuthMethod::AzureCli => Arc::new(
                AzureCli::detect(std::env::var_os("PATH").as_deref())
                    .context("auth = \"azure_cli\" but `az` is not on PATH")?,
            ),
        })
    }

    /// A client for the profile's API host.
    pub fn client(&self, prompt: PromptCallback) -> anyhow::Result<MdeClient> {
        let tokens = self.tokens(prompt)?;
        Ok(MdeClient::new(ClientConfig::new(&self.hosts.api), tokens)?)
    }

    /// The profile's store file.
    pub fn store_path(&self) -> anyhow::Result<PathBuf> {
        Ok(mde_store::Store::default_path(&self.profile_name)?)
    }

    /// Opens the profile's store for a console, saying first on stderr when this start upgrades
    /// a large cache (a copy of every cached alert, seconds at 100k) so the wait is explained.
    pub fn open_console_store(&self) -> anyhow::Result<mde_store::Store> {
        self.announce_cache_upgrade()?;
        mde_store::Store::open(&self.store_path()?)
            .with_context(|| format!("profile {}: opening the local store", self.profile_name))
    }

    /// Says on stderr when opening the profile's store will upgrade a large cache. Only before
    /// the terminal is taken over (a start, not a `:profile` switch under the console).
    pub fn announce_cache_upgrade(&self) -> anyhow::Result<()> {
        // Only a hint: a file that cannot be read here fails with its reason when opened.
        let n = mde_store::Store::alerts_to_rekey(&self.store_path()?).unwrap_or(0);
        if n >= 1_000 {
            eprintln!(
                "mde-triage: profile {}: upgrading the local cache of {n} alerts (once)…",
                self.profile_name
            );
        }
        Ok(())
    }
}

/// A device-code prompt for commands without a console: the instructions go to stderr.
pub fn stderr_prompt() -> PromptCallback {
    Arc::new(|p| {
        let msg = p
            .message
            .unwrap_or_else(|| format!("To sign in, open {} and enter the code {}", p.url, p.code));
        eprintln!("{}", mde_text::sanitize_line(&msg).text);
    })
}

impl Context {
    /// The console's settings for this profile: file < profile < environment < flags.
    pub fn console_settings(
        &self,
        rotation: &super::rotation_args::RotationArgs,
    ) -> anyhow::Result<mde_ops::ConsoleSettings> {
        let flags = crate::config::layers::FlagLayer {
            view: rotation.view.clone(),
            time_zone: rotation.time_zone.clone(),
            sla: rotation.sla.clone(),
        };
        crate::config::layers::resolve(
            &self.config,
            &self.profile,
            &|k| std::env::var(k).ok(),
            &flags,
        )
        .map_err(|errors| super::exit::UsageError(errors.join("\n")).into())
    }

    /// The context of another profile of the same file (for `:profile NAME` and
    /// `--all-profiles`). Host flags and their environment variables named the start profile's
    /// service, so another profile uses its own hosts; `--read-only` still applies.
    pub fn for_profile(&self, name: &str) -> anyhow::Result<Context> {
        let (profile_name, profile) = self.config.profile(Some(name), &self.paths.config_file)?;
        let hosts = ApiHosts::from_settings(
            profile.region.as_deref(),
            profile.api_url.as_deref(),
            profile.login_url.as_deref(),
            |_| None,
        )?;
        Ok(Context {
            read_only: self.read_only || profile.read_only,
            paths: self.paths.clone(),
            profile_name,
            profile,
            hosts,
            config: self.config.clone(),
        })
    }

    /// The tenant shown for this profile.
    pub fn tenant(&self) -> String {
        std::env::var("AZURE_TENANT_ID")
            .ok()
            .filter(|t| !t.trim().is_empty() && self.profile.tenant_id.is_none())
            .or_else(|| self.profile.tenant_id.clone())
            .unwrap_or_default()
    }
}
