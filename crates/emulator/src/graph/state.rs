//! What the Graph side keeps besides the MDE alerts it projects: the other Defender products'
//! alerts (only Graph shows them), the incidents' own triage fields, and the quotas.

use super::config::GraphConfig;
use super::incident_book::IncidentBook;
use crate::config::RateLimits;
use crate::rate_limit::RateLimiter;
use mde_model::graph::GraphAlert;
use std::collections::BTreeMap;
use std::sync::{Mutex, MutexGuard, RwLock, RwLockReadGuard, RwLockWriteGuard};

/// The Graph side's state. Lock order, when several are held: the MDE alert store first, then
/// `alerts`, then `incidents`.
#[derive(Debug)]
pub struct GraphState {
    /// Settings.
    pub config: GraphConfig,
    /// Alerts of the other Defender products, by id.
    alerts: RwLock<BTreeMap<String, GraphAlert>>,
    /// The incidents' own fields, by id.
    incidents: RwLock<IncidentBook>,
    /// alerts_v2 and incidents calls, per app and tenant.
    pub limiter: RateLimiter,
    /// Hunting calls, per tenant.
    pub hunting: RateLimiter,
    /// Serialises Graph writes (an incident write changes several alerts and the incident).
    writes: Mutex<()>,
}

impl GraphState {
    /// The state at start: the other products' alerts and the incident book built from all alerts.
    pub fn new(
        config: GraphConfig,
        rate_limits: Option<RateLimits>,
        alerts: Vec<GraphAlert>,
        incidents: IncidentBook,
    ) -> Self {
        let general = rate_limits.map(|l| RateLimits {
            per_minute: config.per_minute,
            per_hour: config.per_minute.saturating_mul(60),
            ..l
        });
        let hunting = rate_limits.map(|l| RateLimits {
            per_minute: config.hunting_per_minute,
            per_hour: config.hunting_per_hour,
            minute: config.hunting_minute,
            hour: config.hunting_hour,
            ..l
        });
        GraphState {
            alerts: RwLock::new(alerts.into_iter().map(|a| (a.id.clone(), a)).collect()),
            incidents: RwLock::new(incidents),
            limiter: RateLimiter::new(general),
            hunting: RateLimiter::new(hunting),
            writes: Mutex::new(()),
            config,
        }
    }

    /// Held for the whole of one Graph write.
    pub fn write_lock(&self) -> MutexGuard<'_, ()> {
        self.writes.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Read access to the other products' alerts.
    pub fn alerts(&self) -> RwLockReadGuard<'_, BTreeMap<String, GraphAlert>> {
        self.alerts.read().unwrap_or_else(|p| p.into_inner())
    }

    /// Write access to the other products' alerts.
    pub fn alerts_mut(&self) -> RwLockWriteGuard<'_, BTreeMap<String, GraphAlert>> {
        self.alerts.write().unwrap_or_else(|p| p.into_inner())
    }

    /// Read access to the incident book.
    pub fn incidents(&self) -> RwLockReadGuard<'_, IncidentBook> {
        self.incidents.read().unwrap_or_else(|p| p.into_inner())
    }

    /// Write access to the incident book.
    pub fn incidents_mut(&self) -> RwLockWriteGuard<'_, IncidentBook> {
        self.incidents.write().unwrap_or_else(|p| p.into_inner())
    }
}
