//! The response side of the emulated service: machines derived from the alerts, machine actions
//! with their lifecycle, indicators, and the control endpoints and faults that test clients need.
//! One mutex guards it all; when the alerts are needed too, this lock is taken first.

pub mod actions;
pub mod config;
pub mod control;
pub mod eval;
pub mod faults;
pub mod index;
pub mod indicators;
pub mod machines;
pub mod permissions;
pub mod query;
pub mod routes;
pub mod throttle;
pub mod wire;

use crate::store::AlertStore;
use actions::record::ActionRecord;
use config::{DuplicateMode, ResponseConfig};
use faults::DropRule;
use index::{MachineIndex, MachineRecord};
use mde_model::Timestamp;
use mde_model::device::{ActionStatus, ActionType, Indicator, Machine};
use std::collections::{BTreeMap, HashMap};
use std::sync::{Mutex, MutexGuard};

/// What changed on a device beyond its derived record.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Overlay {
    /// Tags after `POST …/tags` (None: the derived ones).
    pub tags: Option<Vec<String>>,
    /// Reachability set through the control endpoint (None: the derived one).
    pub online: Option<bool>,
    /// Isolated by the latest succeeded isolate/unisolate.
    pub isolated: bool,
    /// Restricted by the latest succeeded restrict/unrestrict.
    pub restricted: bool,
}

/// The mutable response state.
#[derive(Debug, Default)]
pub struct Inner {
    /// Devices derived from the alerts.
    pub index: MachineIndex,
    /// Changes on top of them, by machine id.
    pub overlay: HashMap<String, Overlay>,
    /// Machine actions in creation order.
    pub actions: Vec<ActionRecord>,
    /// Indicators by numeric id.
    pub indicators: BTreeMap<u64, Indicator>,
    /// The next indicator id.
    pub next_indicator: u64,
    /// Package download tokens: token → (action id, expiry).
    pub links: HashMap<String, (String, Timestamp)>,
    /// Action types that end `Failed`.
    pub fail_types: Vec<ActionType>,
    /// Duplicate handling (changeable at runtime).
    pub duplicates: DuplicateMode,
    /// Whether the first build happened (the history is seeded then).
    built: bool,
}

impl Inner {
    /// True when the device is reachable.
    pub fn online(&self, id: &str) -> bool {
        let derived = self.index.by_id.get(id).is_none_or(|r| r.online);
        self.overlay
            .get(id)
            .and_then(|o| o.online)
            .unwrap_or(derived)
    }

    /// The Machine entity as served (tags changed by the API included).
    pub fn machine(&self, rec: &MachineRecord) -> Machine {
        let mut m = rec.machine.clone();
        if let Some(tags) = self.overlay.get(&m.id).and_then(|o| o.tags.clone()) {
            m.machine_tags = tags;
        }
        m
    }

    /// The device's overlay, created on first use.
    pub fn overlay_mut(&mut self, id: &str) -> &mut Overlay {
        self.overlay.entry(id.to_string()).or_default()
    }

    /// Applies every lifecycle transition due by `now`, and what succeeded actions do to devices.
    pub fn settle(&mut self, now: Timestamp) {
        let mut done: Vec<(String, ActionType)> = Vec::new();
        for r in &mut self.actions {
            if r.settle(now) == Some(ActionStatus::Succeeded)
                && let Some(m) = &r.action.machine_id
            {
                done.push((m.clone(), r.action.action_type.clone()));
            }
        }
        for (machine, t) in done {
            let o = self.overlay_mut(&machine);
            match t {
                ActionType::Isolate => o.isolated = true,
                ActionType::Unisolate => o.isolated = false,
                ActionType::RestrictCodeExecution => o.restricted = true,
                ActionType::UnrestrictCodeExecution => o.restricted = false,
                _ => {}
            }
        }
    }
}

/// The response state every handler shares.
#[derive(Debug)]
pub struct ResponseState {
    /// The settings it was started with.
    pub config: ResponseConfig,
    /// Whether the alerts came from the demo generator (history is seeded only for those).
    demo_data: bool,
    inner: Mutex<Inner>,
    /// One-shot faults on matching requests (apart, so the fault check never waits on the state).
    drops: Mutex<Vec<DropRule>>,
}

impl ResponseState {
    /// Empty state; devices are derived from the alerts on first use.
    pub fn new(config: ResponseConfig, demo_data: bool) -> Self {
        let fail_types = config
            .fail_types
            .iter()
            .map(|t| ActionType::parse(t))
            .collect();
        let duplicates = config.duplicates;
        ResponseState {
            config,
            demo_data,
            inner: Mutex::new(Inner {
                next_indicator: 1001,
                fail_types,
                duplicates,
                ..Inner::default()
            }),
            drops: Mutex::new(Vec::new()),
        }
    }

    fn drops(&self) -> MutexGuard<'_, Vec<DropRule>> {
        self.drops.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The state, with the devices brought up to date with the alerts and every action settled
    /// as of `now`. Takes this lock first, then the alerts' read lock.
    pub fn lock(&self, alerts: &AlertStore, now: Timestamp) -> MutexGuard<'_, Inner> {
        let mut inner = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        {
            let a = alerts.read();
            if !inner.built || a.by_id.len() != inner.index.alerts_seen {
                inner.index = MachineIndex::build(&a.by_id, now);
                if !inner.built {
                    inner.built = true;
                    self.first_build(&mut inner, &a.by_id, now);
                }
            }
        }
        inner.settle(now);
        inner
    }

    fn first_build(
        &self,
        inner: &mut Inner,
        alerts: &BTreeMap<String, crate::record::Record>,
        now: Timestamp,
    ) {
        for name in &self.config.offline {
            let id = inner.index.find(name).map(|r| r.machine.id.clone());
            if let Some(id) = id {
                inner.overlay_mut(&id).online = Some(false);
            }
        }
        if self.config.seed_history.unwrap_or(self.demo_data) {
            actions::seed::apply(inner, alerts, &self.config.timings, now);
        }
    }
}
