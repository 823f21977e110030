//! Which roles (app tokens) or scopes (delegated tokens) each response route needs, checked with
//! the same 403 wording as the alert routes, naming what is missing.

use crate::auth::Identity;
use crate::errors::ApiError;

/// What a response route needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Need {
    /// Read machines and machine actions.
    MachineRead,
    /// Change tags.
    MachineWrite,
    /// A response action: its own permission (`Machine.Isolate`, …).
    Action(&'static str),
    /// Cancel: any action permission.
    Cancel,
    /// An investigation package's link (apps: read; users: collect forensics).
    PackageUri,
    /// Logged-on users.
    UserRead,
    /// List indicators.
    TiRead,
    /// Create or delete indicators.
    TiWrite,
}

const ACTION_PERMISSIONS: &[&str] = &[
    "Machine.CollectForensics",
    "Machine.Isolate",
    "Machine.RestrictExecution",
    "Machine.Scan",
    "Machine.Offboard",
    "Machine.StopAndQuarantine",
    "Machine.LiveResponse",
];

impl Need {
    /// The names that grant it.
    pub fn accepted(self, delegated: bool) -> Vec<&'static str> {
        match (self, delegated) {
            (Need::MachineRead, false) => vec!["Machine.Read.All", "Machine.ReadWrite.All"],
            (Need::MachineRead, true) => vec!["Machine.Read", "Machine.ReadWrite"],
            (Need::MachineWrite, false) => vec!["Machine.ReadWrite.All"],
            (Need::MachineWrite, true) => vec!["Machine.ReadWrite"],
            (Need::Action(p), _) => vec![p],
            (Need::Cancel, _) => ACTION_PERMISSIONS.to_vec(),
            (Need::PackageUri, false) => vec!["Machine.Read.All", "Machine.ReadWrite.All"],
            (Need::PackageUri, true) => vec!["Machine.CollectForensics"],
            (Need::UserRead, _) => vec!["User.Read.All"],
            (Need::TiRead, false) => vec!["Ti.Read.All", "Ti.ReadWrite", "Ti.ReadWrite.All"],
            (Need::TiRead, true) => vec!["Ti.ReadWrite"],
            (Need::TiWrite, false) => vec!["Ti.ReadWrite", "Ti.ReadWrite.All"],
            (Need::TiWrite, true) => vec!["Ti.ReadWrite"],
        }
    }
}

/// 403 unless the token grants `need`; the message lists the permissions that would.
pub fn require(who: &Identity, need: Need) -> Result<(), ApiError> {
    let accepted = need.accepted(who.is_delegated());
    if who
        .permissions
        .iter()
        .any(|have| accepted.iter().any(|a| a == have))
    {
        return Ok(());
    }
    Err(ApiError::forbidden(format!(
        "The application does not have any of the required {} permissions ({}) to access the resource.",
        if who.is_delegated() {
            "delegated"
        } else {
            "application"
        },
        accepted.join(", ")
    )))
}

/// True when an app with `Ti.ReadWrite` only may see just its own indicators.
pub fn own_indicators_only(who: &Identity) -> bool {
    !who.is_delegated()
        && !who
            .permissions
            .iter()
            .any(|p| p == "Ti.ReadWrite.All" || p == "Ti.Read.All")
}
