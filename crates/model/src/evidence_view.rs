//! Evidence as a page is read (scale issue): the same fields and the same leniency as
//! [`Evidence`], but each string borrowed from the page's text unless it holds escapes, so a
//! sync reads 100,000 alerts' evidence into their rows without a `String` per value.
//! [`EvidenceFields`] lets the search text and the detected entity read either kind.

use super::enums::{DetectionStatus, EntityType};
use super::evidence::Evidence;
use super::time::Timestamp;
use serde::Deserialize;
use std::borrow::Cow;

/// One evidence item, its strings borrowed from the page where they can be.
#[derive(Debug, Clone, PartialEq, Deserialize)]
// Expecting what `Evidence` expects, so an alert skipped for its evidence gives the same reason.
#[serde(rename_all = "camelCase", expecting = "struct Evidence")]
pub struct EvidenceView<'a> {
    /// What kind of entity this is.
    pub entity_type: EntityType,
    /// When the evidence was recorded.
    #[serde(default, deserialize_with = "super::lenient::opt_time")]
    pub evidence_creation_time: Option<Timestamp>,
    /// SHA-1 of the file or process image.
    #[serde(default, borrow, deserialize_with = "super::lenient::opt_cow")]
    pub sha1: Option<Cow<'a, str>>,
    /// SHA-256 of the file or process image.
    #[serde(default, borrow, deserialize_with = "super::lenient::opt_cow")]
    pub sha256: Option<Cow<'a, str>>,
    /// File or image name.
    #[serde(default, borrow, deserialize_with = "super::lenient::opt_cow")]
    pub file_name: Option<Cow<'a, str>>,
    /// Folder of the file or image.
    #[serde(default, borrow, deserialize_with = "super::lenient::opt_cow")]
    pub file_path: Option<Cow<'a, str>>,
    /// Process id.
    #[serde(default, deserialize_with = "super::lenient::opt_i64")]
    pub process_id: Option<i64>,
    /// Full command line (can be tens of thousands of characters).
    #[serde(default, borrow, deserialize_with = "super::lenient::opt_cow")]
    pub process_command_line: Option<Cow<'a, str>>,
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
    #[serde(default, borrow, deserialize_with = "super::lenient::opt_cow")]
    pub parent_process_file_name: Option<Cow<'a, str>>,
    /// Parent image folder.
    #[serde(default, borrow, deserialize_with = "super::lenient::opt_cow")]
    pub parent_process_file_path: Option<Cow<'a, str>>,
    /// IP address.
    #[serde(default, borrow, deserialize_with = "super::lenient::opt_cow")]
    pub ip_address: Option<Cow<'a, str>>,
    /// URL.
    #[serde(default, borrow, deserialize_with = "super::lenient::opt_cow")]
    pub url: Option<Cow<'a, str>>,
    /// Registry key path.
    #[serde(default, borrow, deserialize_with = "super::lenient::opt_cow")]
    pub registry_key: Option<Cow<'a, str>>,
    /// Registry hive.
    #[serde(default, borrow, deserialize_with = "super::lenient::opt_cow")]
    pub registry_hive: Option<Cow<'a, str>>,
    /// Registry value type.
    #[serde(default, borrow, deserialize_with = "super::lenient::opt_cow")]
    pub registry_value_type: Option<Cow<'a, str>>,
    /// Registry value data.
    #[serde(default, borrow, deserialize_with = "super::lenient::opt_cow")]
    pub registry_value: Option<Cow<'a, str>>,
    /// Registry value name (undocumented, seen in real responses).
    #[serde(default, borrow, deserialize_with = "super::lenient::opt_cow")]
    pub registry_value_name: Option<Cow<'a, str>>,
    /// Account name.
    #[serde(default, borrow, deserialize_with = "super::lenient::opt_cow")]
    pub account_name: Option<Cow<'a, str>>,
    /// Account domain.
    #[serde(default, borrow, deserialize_with = "super::lenient::opt_cow")]
    pub domain_name: Option<Cow<'a, str>>,
    /// Account SID.
    #[serde(default, borrow, deserialize_with = "super::lenient::opt_cow")]
    pub user_sid: Option<Cow<'a, str>>,
    /// Entra object id.
    #[serde(default, borrow, deserialize_with = "super::lenient::opt_cow")]
    pub aad_user_id: Option<Cow<'a, str>>,
    /// UPN.
    #[serde(default, borrow, deserialize_with = "super::lenient::opt_cow")]
    pub user_principal_name: Option<Cow<'a, str>>,
    /// Detected / Blocked / Prevented.
    #[serde(default)]
    pub detection_status: Option<DetectionStatus>,
}

/// Evidence whose fields can be read as an [`EvidenceView`]: owned, or borrowed from a page.
pub trait EvidenceFields {
    /// The fields, borrowed from `self` (no string value is copied).
    fn view(&self) -> Cow<'_, EvidenceView<'_>>;
}

fn borrowed(s: &Option<String>) -> Option<Cow<'_, str>> {
    s.as_deref().map(Cow::Borrowed)
}

impl EvidenceFields for Evidence {
    fn view(&self) -> Cow<'_, EvidenceView<'_>> {
        Cow::Owned(EvidenceView {
            entity_type: self.entity_type.clone(),
            evidence_creation_time: self.evidence_creation_time,
            sha1: borrowed(&self.sha1),
            sha256: borrowed(&self.sha256),
            file_name: borrowed(&self.file_name),
            file_path: borrowed(&self.file_path),
            process_id: self.process_id,
            process_command_line: borrowed(&self.process_command_line),
            process_creation_time: self.process_creation_time,
            parent_process_id: self.parent_process_id,
            parent_process_creation_time: self.parent_process_creation_time,
            parent_process_file_name: borrowed(&self.parent_process_file_name),
            parent_process_file_path: borrowed(&self.parent_process_file_path),
            ip_address: borrowed(&self.ip_address),
            url: borrowed(&self.url),
            registry_key: borrowed(&self.registry_key),
            registry_hive: borrowed(&self.registry_hive),
            registry_value_type: borrowed(&self.registry_value_type),
            registry_value: borrowed(&self.registry_value),
            registry_value_name: borrowed(&self.registry_value_name),
            account_name: borrowed(&self.account_name),
            domain_name: borrowed(&self.domain_name),
            user_sid: borrowed(&self.user_sid),
            aad_user_id: borrowed(&self.aad_user_id),
            user_principal_name: borrowed(&self.user_principal_name),
            detection_status: self.detection_status.clone(),
        })
    }
}

impl EvidenceFields for EvidenceView<'_> {
    fn view(&self) -> Cow<'_, EvidenceView<'_>> {
        Cow::Borrowed(self)
    }
}
