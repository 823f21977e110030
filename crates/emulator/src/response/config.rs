//! Settings of the response side of the emulator: how long actions take, which devices are
//! offline, which action types fail, how duplicates are answered, and the indicator cap.

use std::time::Duration;

/// How long each action takes on an online device, from creation to its final state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ActionTimings {
    /// Until the device picks the action up (`Pending` → `InProgress`).
    pub pickup: Duration,
    /// Isolation (a documented example took 66 s).
    pub isolate: Duration,
    /// Release from isolation.
    pub unisolate: Duration,
    /// Antivirus scan (quick; a full one takes four times as long).
    pub scan: Duration,
    /// Restrict or unrestrict app execution.
    pub restrict: Duration,
    /// Investigation package (88 s in the documentation's example).
    pub collect: Duration,
    /// Stop and quarantine (34 s).
    pub quarantine: Duration,
    /// How long an action for an offline device waits before it times out (three days).
    pub offline_expiry: Duration,
}

impl Default for ActionTimings {
    fn default() -> Self {
        ActionTimings {
            pickup: Duration::from_secs(5),
            isolate: Duration::from_secs(66),
            unisolate: Duration::from_secs(60),
            scan: Duration::from_secs(30),
            restrict: Duration::from_secs(60),
            collect: Duration::from_secs(88),
            quarantine: Duration::from_secs(34),
            offline_expiry: Duration::from_secs(3 * 24 * 3600),
        }
    }
}

impl ActionTimings {
    /// Every action takes `total` (a third of it to be picked up), for demos and tests.
    pub fn uniform(total: Duration) -> Self {
        ActionTimings {
            pickup: total / 3,
            isolate: total,
            unisolate: total,
            scan: total,
            restrict: total,
            collect: total,
            quarantine: total,
            ..ActionTimings::default()
        }
    }
}

/// How a second action of a kind already pending on the device is answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DuplicateMode {
    /// 400 `ActiveRequestAlreadyExists` (what integrations match on).
    #[default]
    Refuse,
    /// 201 with the pending action (the service has been seen doing this too).
    ReturnExisting,
    /// 201 with a second action queued beside the first (also seen: duplicate isolations that
    /// completed out of order). Tests use it so that a resend shows as a second action.
    Queue,
}

/// The response side's settings (part of `EmulatorConfig`).
#[derive(Debug, Clone, PartialEq)]
pub struct ResponseConfig {
    /// Seed a believable history (isolated devices, past scans, a pending action on an offline
    /// device, a few indicators). None: only for generated demo data, not for `--data` files.
    pub seed_history: Option<bool>,
    /// Action durations.
    pub timings: ActionTimings,
    /// Devices (machine ids or names, any case) offline from the start, besides the demo data's.
    pub offline: Vec<String>,
    /// Action types (`Isolate`, `RunAntiVirusScan`, …) that end `Failed` instead of `Succeeded`.
    pub fail_types: Vec<String>,
    /// Duplicate handling.
    pub duplicates: DuplicateMode,
    /// Active indicators allowed per tenant.
    pub max_indicators: usize,
    /// Roles and scopes left out of every token issued (to test a missing permission).
    pub withheld_roles: Vec<String>,
    /// How long a package download link works.
    pub package_link_lifetime: Duration,
}

impl Default for ResponseConfig {
    fn default() -> Self {
        ResponseConfig {
            seed_history: None,
            timings: ActionTimings::default(),
            offline: Vec::new(),
            fail_types: Vec::new(),
            duplicates: DuplicateMode::default(),
            max_indicators: 15_000,
            withheld_roles: Vec::new(),
            package_link_lifetime: Duration::from_secs(600),
        }
    }
}
