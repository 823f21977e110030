//! Evidence as a page is read (scale issue): [`Evidence`] with each string borrowed from the
//! page's text unless it holds escapes, so a sync reads 100,000 alerts' evidence into their
//! rows without a `String` per value. [`EvidenceFields`] lets the search text and the detected
//! entity read either kind through one view.

use super::evidence::Evidence;
use std::borrow::Cow;

/// One evidence item, its strings borrowed from the page where they can be.
pub type EvidenceView<'a> = Evidence<Cow<'a, str>>;

/// Evidence whose fields can be read as an [`EvidenceView`]: owned, or borrowed from a page.
pub trait EvidenceFields {
    /// The fields, borrowed from `self` (no string value is copied).
    fn view(&self) -> EvidenceView<'_>;
}

fn borrowed<S: AsRef<str>>(s: &Option<S>) -> Option<Cow<'_, str>> {
    s.as_ref().map(|s| Cow::Borrowed(s.as_ref()))
}

impl<S: AsRef<str>> EvidenceFields for Evidence<S> {
    fn view(&self) -> EvidenceView<'_> {
        Evidence {
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
        }
    }
}
