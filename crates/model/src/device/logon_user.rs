//! A user who logged on to a machine, as `/api/machines/{id}/logonusers` sends it.

use crate::time::Timestamp;
use serde::{Deserialize, Serialize};

/// One logged-on user.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LogonUser {
    /// `domain\account`.
    #[serde(default, deserialize_with = "crate::lenient::string_or_null")]
    pub id: String,
    /// Account name.
    #[serde(default)]
    pub account_name: Option<String>,
    /// Domain.
    #[serde(default)]
    pub account_domain: Option<String>,
    /// Windows SID.
    #[serde(default)]
    pub account_sid: Option<String>,
    /// First logon seen.
    #[serde(default, deserialize_with = "crate::lenient::opt_time")]
    pub first_seen: Option<Timestamp>,
    /// Last logon seen.
    #[serde(default, deserialize_with = "crate::lenient::opt_time")]
    pub last_seen: Option<Timestamp>,
    /// The machine the user logs on to most.
    #[serde(default)]
    pub most_prevalent_machine_id: Option<String>,
    /// The machine the user logs on to least.
    #[serde(default)]
    pub least_prevalent_machine_id: Option<String>,
    /// Logon types, comma-separated (`Interactive`, `Network`, `RemoteInteractive`, …).
    #[serde(default)]
    pub logon_types: Option<String>,
    /// Machines the user logged on to.
    #[serde(default, deserialize_with = "crate::lenient::opt_i64")]
    pub log_on_machines_count: Option<i64>,
    /// Member of Domain Admins.
    #[serde(default)]
    pub is_domain_admin: Option<bool>,
    /// Only ever logged on over the network.
    #[serde(default)]
    pub is_only_network_user: Option<bool>,
}
