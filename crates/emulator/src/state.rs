//! The state every handler shares.

use super::auth::device_codes::DeviceCodes;
use super::auth::tokens::TokenRegistry;
use super::clock::Clock;
use super::config::{EmulatorConfig, Faults};
use super::rate_limit::RateLimiter;
use super::store::AlertStore;
use crate::dice::Dice;
use std::sync::{Arc, RwLock};

/// Shared server state.
#[derive(Debug)]
pub struct AppState {
    /// The configuration it was started with.
    pub config: EmulatorConfig,
    /// `http://addr` of this server (token and API routes live on the same server).
    pub base_url: String,
    /// The alerts.
    pub store: AlertStore,
    /// Issued tokens.
    pub tokens: TokenRegistry,
    /// Pending device-code sign-ins.
    pub devices: DeviceCodes,
    /// Quotas.
    pub limiter: RateLimiter,
    /// Current fault settings (changeable at runtime).
    pub faults: RwLock<Faults>,
    /// Random ids and fault dice.
    pub dice: Dice,
    /// The emulator clock.
    pub clock: Arc<Clock>,
    /// Alert property names, in wire order (for `$select`).
    pub alert_properties: Vec<String>,
    /// Machines, machine actions and indicators (issue 10).
    pub response: crate::response::ResponseState,
    /// The Graph security API side: other products' alerts, incidents, quotas.
    pub graph: crate::graph::GraphState,
}

/// The handle handlers receive.
pub type Shared = Arc<AppState>;

impl AppState {
    /// The current fault settings.
    pub fn faults(&self) -> Faults {
        *self.faults.read().unwrap_or_else(|p| p.into_inner())
    }

    /// `@odata.context` for a fragment such as `Alerts` or `Alerts/$entity`.
    pub fn context(&self, fragment: &str) -> String {
        format!(
            "{}/api/$metadata#{fragment}",
            self.config.odata_context_host.trim_end_matches('/')
        )
    }
}
