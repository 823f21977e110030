//! The compact row the alert list holds for each alert: enums, short strings and times only.
//! Evidence, comments and raw JSON stay in the store until an alert is opened.

use super::alert::Alert;
use super::enums::{Classification, Determination, Severity, Status};
use super::evidence::Evidence;
use super::search::SearchText;
use super::time::Timestamp;

/// One alert as the list pane, the filter and the sort need it.
#[derive(Debug, Clone, PartialEq)]
pub struct AlertRow {
    /// Alert id.
    pub id: String,
    /// Severity.
    pub severity: Severity,
    /// Status.
    pub status: Status,
    /// Classification.
    pub classification: Option<Classification>,
    /// Determination.
    pub determination: Option<Determination>,
    /// Title (raw; sanitised at display).
    pub title: String,
    /// Device name.
    pub device: Option<String>,
    /// `DOMAIN\user` of the related user.
    pub user: Option<String>,
    /// Owner.
    pub assigned_to: Option<String>,
    /// Category.
    pub category: Option<String>,
    /// Detection source.
    pub detection_source: Option<String>,
    /// Incident id.
    pub incident_id: Option<i64>,
    /// Device group.
    pub rbac_group: Option<String>,
    /// Creation time.
    pub created: Option<Timestamp>,
    /// Last update time (the conflict check compares this).
    pub last_update: Option<Timestamp>,
    /// Number of evidence items known.
    pub evidence_count: u32,
    /// Number of comments.
    pub comment_count: u32,
    // Issue 9 (search what analysts search): the evidence, description and technique ids the
    // filter matches, built once here; the store keeps it beside the row.
    /// The searchable text (`mde_model::search`).
    pub search: SearchText,
    /// The Defender product that raised it (Graph backend only; None on the MDE API).
    pub source: Option<super::graph::ServiceSource>,
    /// The profile the row came from, in a list of several tenants (`--all-profiles`).
    pub tenant: Option<String>,
}

impl AlertRow {
    /// Builds the compact row of an alert, its evidence owned or borrowed from a page.
    pub fn from_alert<S: AsRef<str>>(a: &Alert<Evidence<S>>) -> Self {
        AlertRow {
            id: a.id.clone(),
            title: a.title.clone(),
            device: a.computer_dns_name.clone(),
            assigned_to: a.assigned_to.clone(),
            category: a.category.clone(),
            detection_source: a.detection_source.clone(),
            rbac_group: a.rbac_group_name.clone(),
            ..Self::without_strings(a)
        }
    }

    /// [`AlertRow::from_alert`] for an alert read only to make its row (a sync reads every
    /// alert so): its strings are moved into the row, not copied.
    pub fn from_owned_alert<S: AsRef<str>>(mut a: Alert<Evidence<S>>) -> Self {
        let row = Self::without_strings(&a);
        AlertRow {
            id: std::mem::take(&mut a.id),
            title: std::mem::take(&mut a.title),
            device: a.computer_dns_name.take(),
            assigned_to: a.assigned_to.take(),
            category: a.category.take(),
            detection_source: a.detection_source.take(),
            rbac_group: a.rbac_group_name.take(),
            ..row
        }
    }

    /// Everything of the row but the strings it copies from the alert (left empty).
    fn without_strings<S: AsRef<str>>(a: &Alert<Evidence<S>>) -> Self {
        AlertRow {
            id: String::new(),
            severity: a.severity.clone(),
            status: a.status.clone(),
            classification: a.classification.clone(),
            determination: a.determination.clone(),
            title: String::new(),
            device: None,
            user: a.user_display(),
            assigned_to: None,
            category: None,
            detection_source: None,
            incident_id: a.incident_id,
            rbac_group: None,
            created: a.alert_creation_time,
            last_update: a.last_update_time,
            evidence_count: u32::try_from(a.evidence.len()).unwrap_or(u32::MAX),
            comment_count: u32::try_from(a.comments.len()).unwrap_or(u32::MAX),
            search: SearchText::of(a),
            source: a.service_source.clone(),
            tenant: None,
        }
    }
}
