//! Evidence items (`$expand=evidence`): one flat shape for every entity type, unused fields null.
//! `S` is the type of its strings: owned, or ([`EvidenceView`]) borrowed from the page they were
//! read from unless they hold escapes (scale issue: a sync reads 100,000 alerts' evidence into
//! their rows without a `String` per value).

use super::enums::{DetectionStatus, EntityType};
use super::time::Timestamp;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

/// One evidence item, its strings borrowed from the page where they can be.
pub type EvidenceView<'a> = Evidence<Cow<'a, str>>;

/// One evidence item with all 26 fields the service sends.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(
    rename_all = "camelCase",
    bound(deserialize = "S: From<Cow<'de, str>>", serialize = "S: Serialize")
)]
pub struct Evidence<S = String> {
    /// What kind of entity this is.
    pub entity_type: EntityType,
    /// When the evidence was recorded.
    #[serde(default, deserialize_with = "super::lenient::opt_time")]
    pub evidence_creation_time: Option<Timestamp>,
    /// SHA-1 of the file or process image.
    #[serde(default, deserialize_with = "super::lenient::opt_str")]
    pub sha1: Option<S>,
    /// SHA-256 of the file or process image.
    #[serde(default, deserialize_with = "super::lenient::opt_str")]
    pub sha256: Option<S>,
    /// File or image name.
    #[serde(default, deserialize_with = "super::lenient::opt_str")]
    pub file_name: Option<S>,
    /// Folder of the file or image.
    #[serde(default, deserialize_with = "super::lenient::opt_str")]
    pub file_path: Option<S>,
    /// Process id.
    #[serde(default, deserialize_with = "super::lenient::opt_i64")]
    pub process_id: Option<i64>,
    /// Full command line (can be tens of thousands of characters).
    #[serde(default, deserialize_with = "super::lenient::opt_str")]
    pub process_command_line: Option<S>,
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
    #[serde(default, deserialize_with = "super::lenient::opt_str")]
    pub parent_process_file_name: Option<S>,
    /// Parent image folder.
    #[serde(default, deserialize_with = "super::lenient::opt_str")]
    pub parent_process_file_path: Option<S>,
    /// IP address.
    #[serde(default, deserialize_with = "super::lenient::opt_str")]
    pub ip_address: Option<S>,
    /// URL.
    #[serde(default, deserialize_with = "super::lenient::opt_str")]
    pub url: Option<S>,
    /// Registry key path.
    #[serde(default, deserialize_with = "super::lenient::opt_str")]
    pub registry_key: Option<S>,
    /// Registry hive.
    #[serde(default, deserialize_with = "super::lenient::opt_str")]
    pub registry_hive: Option<S>,
    /// Registry value type.
    #[serde(default, deserialize_with = "super::lenient::opt_str")]
    pub registry_value_type: Option<S>,
    /// Registry value data.
    #[serde(default, deserialize_with = "super::lenient::opt_str")]
    pub registry_value: Option<S>,
    /// Registry value name (undocumented, seen in real responses).
    #[serde(default, deserialize_with = "super::lenient::opt_str")]
    pub registry_value_name: Option<S>,
    /// Account name.
    #[serde(default, deserialize_with = "super::lenient::opt_str")]
    pub account_name: Option<S>,
    /// Account domain.
    #[serde(default, deserialize_with = "super::lenient::opt_str")]
    pub domain_name: Option<S>,
    /// Account SID.
    #[serde(default, deserialize_with = "super::lenient::opt_str")]
    pub user_sid: Option<S>,
    /// Entra object id.
    #[serde(default, deserialize_with = "super::lenient::opt_str")]
    pub aad_user_id: Option<S>,
    /// UPN.
    #[serde(default, deserialize_with = "super::lenient::opt_str")]
    pub user_principal_name: Option<S>,
    /// Detected / Blocked / Prevented.
    #[serde(default)]
    pub detection_status: Option<DetectionStatus>,
}

impl Evidence {
    /// An evidence item of the given type with every other field null.
    pub fn empty(entity_type: EntityType) -> Self {
        Evidence::blank(entity_type)
    }
}

impl<S> Evidence<S> {
    /// [`Evidence::empty`] for any type of string.
    pub fn blank(entity_type: EntityType) -> Self {
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
