//! Evidence items (`$expand=evidence`): one flat shape for every entity type, unused fields null.

use super::enums::{DetectionStatus, EntityType};
use super::time::Timestamp;
use serde::{Deserialize, Serialize};

/// One evidence item with all 26 fields the service sends.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Evidence {
    /// What kind of entity this is.
    pub entity_type: EntityType,
    /// When the evidence was recorded.
    #[serde(default, deserialize_with = "super::lenient::opt_time")]
    pub evidence_creation_time: Option<Timestamp>,
    /// SHA-1 of the file or process image.
    #[serde(default)]
    pub sha1: Option<String>,
    /// SHA-256 of the file or process image.
    #[serde(default)]
    pub sha256: Option<String>,
    /// File or image name.
    #[serde(default)]
    pub file_name: Option<String>,
    /// Folder of the file or image.
    #[serde(default)]
    pub file_path: Option<String>,
    /// Process id.
    #[serde(default, deserialize_with = "super::lenient::opt_i64")]
    pub process_id: Option<i64>,
    /// Full command line (can be tens of thousands of characters).
    #[serde(default)]
    pub process_command_line: Option<String>,
    /// When the process started.
    #[serde(default, deserialize_with = "super::lenient::opt_time")]
    pub process_creation_time: Option<Timestamp>,
    /// Parent process id.
    #[serde(default, deserialize_with = "super::lenient::opt_i64")]
    pub parent_process_id: Option<i64>,
    /// When the parent started (disambiguates reused pids).
    #[serde(default, deserialize_with = "super::lenient::opt_time")]
    pub parent_process_creation_time: Option<Timestamp>,
    /// Parent image name.
    #[serde(default)]
    pub parent_process_file_name: Option<String>,
    /// Parent image folder.
    #[serde(default)]
    pub parent_process_file_path: Option<String>,
    /// IP address.
    #[serde(default)]
    pub ip_address: Option<String>,
    /// URL.
    #[serde(default)]
    pub url: Option<String>,
    /// Registry key path.
    #[serde(default)]
    pub registry_key: Option<String>,
    /// Registry hive.
    #[serde(default)]
    pub registry_hive: Option<String>,
    /// Registry value type.
    #[serde(default)]
    pub registry_value_type: Option<String>,
    /// Registry value data.
    #[serde(default)]
    pub registry_value: Option<String>,
    /// Registry value name (undocumented, seen in real responses).
    #[serde(default)]
    pub registry_value_name: Option<String>,
    /// Account name.
    #[serde(default)]
    pub account_name: Option<String>,
    /// Account domain.
    #[serde(default)]
    pub domain_name: Option<String>,
    /// Account SID.
    #[serde(default)]
    pub user_sid: Option<String>,
    /// Entra object id.
    #[serde(default)]
    pub aad_user_id: Option<String>,
    /// UPN.
    #[serde(default)]
    pub user_principal_name: Option<String>,
    /// Detected / Blocked / Prevented.
    #[serde(default)]
    pub detection_status: Option<DetectionStatus>,
}

impl Evidence {
    /// An evidence item of the given type with every other field null.
    pub fn empty(entity_type: EntityType) -> Self {
        Evidence {
            entity_type,
            evidence_creation_time: None,
            sha1: None,
            sha256: None,
            file_name: None,
            file_path: None,
            process_id: None,
            process_command_line: None,
            process_creation_time: None,
            parent_process_id: None,
            parent_process_creation_time: None,
            parent_process_file_name: None,
            parent_process_file_path: None,
            ip_address: None,
            url: None,
            registry_key: None,
            registry_hive: None,
            registry_value_type: None,
            registry_value: None,
            registry_value_name: None,
            account_name: None,
            domain_name: None,
            user_sid: None,
            aad_user_id: None,
            user_principal_name: None,
            detection_status: None,
        }
    }
}
