//! The Machine entity as `/api/machines` sends it. Fields are declared in the order of a real
//! capture (so a serialised Machine has the service's key order); every one may be null.

use super::enums::{DeviceValue, ExposureLevel, HealthStatus, OnboardingStatus, RiskScore};
use crate::time::Timestamp;
use serde::{Deserialize, Serialize};

/// One of a machine's `ipAddresses` (loopback and link-local ones included, as the service sends).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MachineIpAddress {
    /// The address.
    #[serde(default)]
    pub ip_address: Option<String>,
    /// MAC address (null for loopback).
    #[serde(default)]
    pub mac_address: Option<String>,
    /// `Ethernet`, `SoftwareLoopback`, … (an open set).
    #[serde(default, rename = "type")]
    pub kind: Option<String>,
    /// `Up` or `Down`.
    #[serde(default)]
    pub operational_status: Option<String>,
}

/// A device known to Defender for Endpoint. The entity carries no isolation or restriction
/// state: that is derived from the device's machine actions (`device::state`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Machine {
    /// 40-hex machine id.
    pub id: String,
    /// When this record was merged into another one.
    #[serde(default)]
    pub merged_into_machine_id: Option<String>,
    /// Possibly a duplicate of another record.
    #[serde(default)]
    pub is_potential_duplication: Option<bool>,
    /// Excluded from the inventory.
    #[serde(default)]
    pub is_excluded: Option<bool>,
    /// Why it was excluded.
    #[serde(default)]
    pub exclusion_reason: Option<String>,
    /// Host name as the device reports it (a FQDN or a short name).
    #[serde(default)]
    pub computer_dns_name: Option<String>,
    /// First seen by the service.
    #[serde(default, deserialize_with = "crate::lenient::opt_time")]
    pub first_seen: Option<Timestamp>,
    /// Last full device report (about daily; not the portal's "last seen").
    #[serde(default, deserialize_with = "crate::lenient::opt_time")]
    pub last_seen: Option<Timestamp>,
    /// `Windows11`, `WindowsServer2022`, `Linux`, `macOS`, … (an open set).
    #[serde(default)]
    pub os_platform: Option<String>,
    /// OS version (often null).
    #[serde(default)]
    pub os_version: Option<String>,
    /// Deprecated in favour of `osArchitecture`.
    #[serde(default)]
    pub os_processor: Option<String>,
    /// OS release (`23H2`, `1809`, …).
    #[serde(default)]
    pub version: Option<String>,
    /// Last internal IP address.
    #[serde(default)]
    pub last_ip_address: Option<String>,
    /// Last IP address seen from the internet.
    #[serde(default)]
    pub last_external_ip_address: Option<String>,
    /// Sensor version.
    #[serde(default)]
    pub agent_version: Option<String>,
    /// OS build number.
    #[serde(default, deserialize_with = "crate::lenient::opt_i64")]
    pub os_build: Option<i64>,
    /// Sensor health.
    #[serde(default)]
    pub health_status: Option<HealthStatus>,
    /// Business value.
    #[serde(default)]
    pub device_value: Option<DeviceValue>,
    /// Device group id (0 when in no group).
    #[serde(default, deserialize_with = "crate::lenient::opt_i64")]
    pub rbac_group_id: Option<i64>,
    /// Device group name.
    #[serde(default)]
    pub rbac_group_name: Option<String>,
    /// Risk from the device's active alerts.
    #[serde(default)]
    pub risk_score: Option<RiskScore>,
    /// Exposure from its vulnerabilities and configuration.
    #[serde(default)]
    pub exposure_level: Option<ExposureLevel>,
    /// Entra ID joined.
    #[serde(default)]
    pub is_aad_joined: Option<bool>,
    /// Entra device id.
    #[serde(default)]
    pub aad_device_id: Option<String>,
    /// Tags (case-sensitive).
    #[serde(default, deserialize_with = "crate::lenient::null_default")]
    pub machine_tags: Vec<String>,
    /// Defender Antivirus state (`Updated`, `NotUpdated`, …).
    #[serde(default)]
    pub defender_av_status: Option<String>,
    /// Onboarding state.
    #[serde(default)]
    pub onboarding_status: Option<OnboardingStatus>,
    /// `64-bit` or `32-bit`.
    #[serde(default)]
    pub os_architecture: Option<String>,
    /// Management (`Intune`, `MicrosoftDefenderForEndpoint`, …).
    #[serde(default)]
    pub managed_by: Option<String>,
    /// Management state.
    #[serde(default)]
    pub managed_by_status: Option<String>,
    /// Network adapters and their addresses.
    #[serde(default, deserialize_with = "crate::lenient::null_default")]
    pub ip_addresses: Vec<MachineIpAddress>,
    /// Cloud VM metadata (shape varies; kept as JSON).
    #[serde(default)]
    pub vm_metadata: Option<serde_json::Value>,
}

impl Machine {
    /// A machine with this id and every other field empty.
    pub fn new(id: impl Into<String>) -> Self {
        Machine {
            id: id.into(),
            merged_into_machine_id: None,
            is_potential_duplication: None,
            is_excluded: None,
            exclusion_reason: None,
            computer_dns_name: None,
            first_seen: None,
            last_seen: None,
            os_platform: None,
            os_version: None,
            os_processor: None,
            version: None,
            last_ip_address: None,
            last_external_ip_address: None,
            agent_version: None,
            os_build: None,
            health_status: None,
            device_value: None,
            rbac_group_id: None,
            rbac_group_name: None,
            risk_score: None,
            exposure_level: None,
            is_aad_joined: None,
            aad_device_id: None,
            machine_tags: Vec::new(),
            defender_av_status: None,
            onboarding_status: None,
            os_architecture: None,
            managed_by: None,
            managed_by_status: None,
            ip_addresses: Vec::new(),
            vm_metadata: None,
        }
    }

    /// The name to show: the DNS name, else the id.
    pub fn display_name(&self) -> &str {
        self.computer_dns_name
            .as_deref()
            .filter(|n| !n.is_empty())
            .unwrap_or(&self.id)
    }

    /// True for Windows platforms (the ones restrict-execution and stop-and-quarantine need).
    pub fn is_windows(&self) -> bool {
        self.os_platform
            .as_deref()
            .is_some_and(|p| p.to_ascii_lowercase().starts_with("windows"))
    }
}

/// True when `id` has the shape of a machine id (40 hex digits).
pub fn is_machine_id(id: &str) -> bool {
    id.len() == 40 && id.bytes().all(|b| b.is_ascii_hexdigit())
}
