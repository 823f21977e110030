//! `mde-triage emulator` flags and the emulator settings they build.

use mde_emulator::config::{READONLY_SECRET_ENV, SECRET_ENV, secret_from_env};
use mde_emulator::response::config::{ActionTimings, DuplicateMode, ResponseConfig};
use mde_emulator::{ClientApp, EmulatorConfig, Faults, RateLimits};
use mde_model::device::ActionType;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

/// `mde-triage emulator` flags. Secrets come from `MDE_EMULATOR_CLIENT_SECRET` and
/// `MDE_EMULATOR_READONLY_SECRET`, never from the command line (visible to every local user).
#[derive(Debug, Clone, clap::Args)]
pub struct EmulatorArgs {
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub listen: SocketAddr,
    /// Number of demo alerts to generate.
    #[arg(long, default_value_t = 500)]
    pub alerts: usize,
    /// Seed of the demo data.
    #[arg(long, default_value_t = 42)]
    pub seed: u64,
    /// Serve the alerts in this file (an API page or a bare JSON array) instead of demo data.
    #[arg(long = "data", value_name = "FILE.json")]
    pub data: Option<PathBuf>,
    /// Keep the alerts in this file across restarts.
    #[arg(long = "state", value_name = "FILE")]
    pub state: Option<PathBuf>,
    /// Access-token lifetime in seconds.
    #[arg(long, default_value_t = 3599)]
    pub token_lifetime: u64,
    /// Tenant id.
    #[arg(long, default_value = "contoso-demo")]
    pub tenant: String,
    /// Client id of the read-write app.
    #[arg(long, default_value = "mde-triage-demo")]
    pub client_id: String,
    /// Client id of the read-only app.
    #[arg(long, default_value = "mde-triage-readonly")]
    pub readonly_client_id: String,
    /// Switch the 100/min, 1500/h (batch 10/min, 500/h) quotas off.
    #[arg(long)]
    pub no_rate_limit: bool,
    /// Delay added to every API answer, in milliseconds.
    #[arg(long, default_value_t = 0)]
    pub latency_ms: u64,
    /// Fraction of API calls answered 500/503.
    #[arg(long, default_value_t = 0.0)]
    pub fail_rate: f64,
    /// Fraction of API calls whose connection is closed mid-response.
    #[arg(long, default_value_t = 0.0)]
    pub drop_rate: f64,
    /// Approve device-code sign-ins immediately.
    #[arg(long)]
    pub auto_approve_device_code: bool,
    /// Every response action takes this long on an online device (default: the documented
    /// times, 30 to 120 seconds).
    #[arg(long, value_name = "SECONDS")]
    pub action_seconds: Option<u64>,
    /// A device (machine id or name) that is offline from the start: its actions stay Pending
    /// and time out after three days (repeatable).
    #[arg(long = "offline-device", value_name = "DEVICE")]
    pub offline_devices: Vec<String>,
    /// Action types that end Failed instead of Succeeded, comma-separated.
    #[arg(long, value_delimiter = ',', value_name = "TYPES", value_parser = action_type)]
    pub fail_actions: Vec<String>,
    /// How a second action of a kind already pending on a device is answered.
    #[arg(long, value_enum, default_value = "refuse")]
    pub duplicates: DuplicatesArg,
    /// A role or scope left out of every token issued (repeatable), e.g. Machine.Isolate.
    #[arg(long = "withhold-role", value_name = "ROLE")]
    pub withhold_roles: Vec<String>,
    /// Start without the demo's response history (isolated devices, past actions, indicators).
    #[arg(long)]
    pub no_response_history: bool,
}

/// `--duplicates`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum DuplicatesArg {
    /// 400 ActiveRequestAlreadyExists.
    Refuse,
    /// 201 with the pending action.
    ReturnExisting,
    /// 201 with a second action queued.
    Queue,
}

/// A MachineAction type name; the error lists the valid ones.
fn action_type(s: &str) -> Result<String, String> {
    let t = ActionType::parse(s.trim());
    if t.is_known() {
        return Ok(t.as_str().to_string());
    }
    let valid: Vec<&str> = ActionType::KNOWN.iter().map(|t| t.as_str()).collect();
    Err(format!(
        "unknown action type {s:?}; valid: {}",
        valid.join(", ")
    ))
}

impl From<EmulatorArgs> for EmulatorConfig {
    fn from(a: EmulatorArgs) -> Self {
        let d = EmulatorConfig::default();
        EmulatorConfig {
            listen: a.listen,
            alerts: a.alerts,
            seed: a.seed,
            data_file: a.data,
            state_file: a.state,
            token_lifetime: Duration::from_secs(a.token_lifetime),
            tenant: a.tenant,
            app: ClientApp {
                name: a.client_id.clone(),
                client_id: a.client_id,
                secret: secret_from_env(SECRET_ENV, d.app.secret.clone()),
                can_write: true,
            },
            readonly_app: ClientApp {
                name: a.readonly_client_id.clone(),
                client_id: a.readonly_client_id,
                secret: secret_from_env(READONLY_SECRET_ENV, d.readonly_app.secret.clone()),
                can_write: false,
            },
            rate_limits: (!a.no_rate_limit).then(RateLimits::default),
            faults: Faults {
                latency_ms: a.latency_ms,
                fail_rate: a.fail_rate.clamp(0.0, 1.0),
                drop_rate: a.drop_rate.clamp(0.0, 1.0),
            },
            auto_approve_device_code: a.auto_approve_device_code,
            response: ResponseConfig {
                seed_history: a.no_response_history.then_some(false),
                timings: a
                    .action_seconds
                    .map(|s| ActionTimings::uniform(Duration::from_secs(s.max(1))))
                    .unwrap_or_default(),
                offline: a.offline_devices,
                fail_types: a.fail_actions,
                duplicates: match a.duplicates {
                    DuplicatesArg::Refuse => DuplicateMode::Refuse,
                    DuplicatesArg::ReturnExisting => DuplicateMode::ReturnExisting,
                    DuplicatesArg::Queue => DuplicateMode::Queue,
                },
                withheld_roles: a.withhold_roles,
                ..ResponseConfig::default()
            },
            ..d
        }
    }
}
