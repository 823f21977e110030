//! Emulator settings: `EmulatorConfig` (what `spawn` takes); the CLI's flags build it.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

/// The per-app-and-tenant call quotas; the defaults are the documented ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateLimits {
    /// List/get/update/related calls per minute.
    pub per_minute: u32,
    /// List/get/update/related calls per hour.
    pub per_hour: u32,
    /// batchUpdate calls per minute.
    pub batch_per_minute: u32,
    /// batchUpdate calls per hour.
    pub batch_per_hour: u32,
    /// getPackageUri calls per minute (each machine action has the general numbers, apart).
    pub package_per_minute: u32,
    /// getPackageUri calls per hour.
    pub package_per_hour: u32,
    /// Length of the "minute" window (shorten it in tests for fast, sub-second recovery).
    pub minute: Duration,
    /// Length of the "hour" window.
    pub hour: Duration,
}

impl Default for RateLimits {
    fn default() -> Self {
        RateLimits {
            per_minute: 100,
            per_hour: 1500,
            batch_per_minute: 10,
            batch_per_hour: 500,
            package_per_minute: 2,
            package_per_hour: 120,
            minute: Duration::from_secs(60),
            hour: Duration::from_secs(3600),
        }
    }
}

/// Injected faults, applied to `/api/*` only (sign-in and `/_emulator/*` are never faulted).
#[derive(Debug, Clone, Copy, PartialEq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Faults {
    /// Delay added before every API answer.
    #[serde(default)]
    pub latency_ms: u64,
    /// Probability (0..=1) of answering 500 or 503 instead of serving the request.
    #[serde(default)]
    pub fail_rate: f64,
    /// Probability (0..=1) of serving the request and then closing the connection mid-body.
    #[serde(default)]
    pub drop_rate: f64,
}

/// One client registration the emulator's sign-in accepts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientApp {
    /// `client_id`.
    pub client_id: String,
    /// `client_secret` (client-credentials grant; public clients using device code need none).
    pub secret: String,
    /// Display name, used as a comment's `createdBy` for app tokens.
    pub name: String,
    /// False for the read-only app: only `Alert.Read.All` / `Alert.Read`.
    pub can_write: bool,
}

/// Everything `spawn` needs. `Default` is the demo tenant on an ephemeral loopback port.
#[derive(Debug, Clone)]
pub struct EmulatorConfig {
    /// Address to bind (`127.0.0.1:0` picks a free port).
    pub listen: SocketAddr,
    /// How many demo alerts to generate when neither a data file nor a state file provides them.
    pub alerts: usize,
    /// Seed of the demo generator.
    pub seed: u64,
    /// An API page (`{"value":[...]}`) or bare array of alerts to serve instead of demo data.
    pub data_file: Option<PathBuf>,
    /// Where the alerts are kept across restarts (loaded if present, rewritten on every change).
    pub state_file: Option<PathBuf>,
    /// Lifetime of issued access tokens (zero issues tokens that are already expired).
    pub token_lifetime: Duration,
    /// Tenant id accepted in sign-in paths and written into tokens.
    pub tenant: String,
    /// The read-write app.
    pub app: ClientApp,
    /// The read-only app (gets 403 on writes).
    pub readonly_app: ClientApp,
    /// UPN a device-code sign-in is approved as when no user is named.
    pub default_user: String,
    /// Quotas, or `None` to switch rate limiting off.
    pub rate_limits: Option<RateLimits>,
    /// Fault injection at start (changeable at runtime through `/_emulator/faults`).
    pub faults: Faults,
    /// Approve device codes as soon as they are issued.
    pub auto_approve_device_code: bool,
    /// Polling interval (seconds) the device-code answer asks clients to keep.
    pub device_code_interval: u64,
    /// Host written into `@odata.context` (the real service writes its legacy host).
    pub odata_context_host: String,
    /// Seed for the fault dice, so a test can make faults reproducible.
    pub fault_seed: Option<u64>,
    /// Machines, machine actions and indicators: timings, offline devices, failures.
    pub response: crate::response::config::ResponseConfig,
    /// The Graph security API side (`/v1.0/security/*`): quotas, page sizes, demo products.
    pub graph: crate::graph::GraphConfig,
}

impl Default for EmulatorConfig {
    fn default() -> Self {
        EmulatorConfig {
            listen: SocketAddr::from(([127, 0, 0, 1], 0)),
            alerts: 500,
            seed: 42,
            data_file: None,
            state_file: None,
            token_lifetime: Duration::from_secs(3599),
            tenant: "contoso-demo".into(),
            app: ClientApp {
                client_id: "mde-triage-demo".into(),
                secret: "demo-secret".into(),
                name: "mde-triage-demo".into(),
                can_write: true,
            },
            readonly_app: ClientApp {
                client_id: "mde-triage-readonly".into(),
                secret: "readonly-secret".into(),
                name: "mde-triage-readonly".into(),
                can_write: false,
            },
            default_user: "analyst@contoso-demo.example".into(),
            rate_limits: Some(RateLimits::default()),
            faults: Faults::default(),
            auto_approve_device_code: false,
            device_code_interval: 5,
            odata_context_host: "https://api.securitycenter.microsoft.com".into(),
            fault_seed: None,
            response: Default::default(),
            graph: crate::graph::GraphConfig::default(),
        }
    }
}

/// Environment variable overriding the read-write app's secret (secrets are never flags).
pub const SECRET_ENV: &str = "MDE_EMULATOR_CLIENT_SECRET";
/// Environment variable overriding the read-only app's secret.
pub const READONLY_SECRET_ENV: &str = "MDE_EMULATOR_READONLY_SECRET";

/// The value of `var` when set and non-empty, else `default` (how secrets reach the emulator).
pub fn secret_from_env(var: &str, default: String) -> String {
    std::env::var(var)
        .ok()
        .filter(|s| !s.is_empty())
        .unwrap_or(default)
}
