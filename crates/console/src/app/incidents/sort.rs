//! Sort keys for the incident list. The default is the alert list's: most severe, then newest;
//! every key falls back to that order so equal keys never shuffle between refreshes.

use mde_model::Severity;
use mde_model::graph::IncidentRow;
use std::cmp::Ordering;

/// A column the incident list can be sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum IncidentSortKey {
    /// Severity.
    Severity,
    /// Creation time.
    Created,
    /// Last update.
    Updated,
    /// Status.
    Status,
    /// Number of alerts.
    Alerts,
    /// Name.
    Name,
    /// Owner.
    AssignedTo,
    /// Incident id (numerically).
    Id,
}

impl IncidentSortKey {
    /// Every key, in the order the sort menu lists them.
    pub const ALL: &'static [IncidentSortKey] = &[
        IncidentSortKey::Severity,
        IncidentSortKey::Created,
        IncidentSortKey::Updated,
        IncidentSortKey::Status,
        IncidentSortKey::Alerts,
        IncidentSortKey::Name,
        IncidentSortKey::AssignedTo,
        IncidentSortKey::Id,
    ];

    /// Label for the menu and the indicator.
    pub fn label(self) -> &'static str {
        match self {
            IncidentSortKey::Severity => "Severity",
            IncidentSortKey::Created => "Created",
            IncidentSortKey::Updated => "Updated",
            IncidentSortKey::Status => "Status",
            IncidentSortKey::Alerts => "Alert count",
            IncidentSortKey::Name => "Name",
            IncidentSortKey::AssignedTo => "Assigned to",
            IncidentSortKey::Id => "Incident id",
        }
    }

    /// Largest first reads best for times, severity and counts; names alphabetically.
    fn descending_by_default(self) -> bool {
        matches!(
            self,
            IncidentSortKey::Severity
                | IncidentSortKey::Created
                | IncidentSortKey::Updated
                | IncidentSortKey::Alerts
                | IncidentSortKey::Id
        )
    }
}

/// Key and direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IncidentSort {
    /// The key.
    pub key: IncidentSortKey,
    /// Largest first.
    pub descending: bool,
}

impl Default for IncidentSort {
    fn default() -> Self {
        IncidentSort {
            key: IncidentSortKey::Severity,
            descending: true,
        }
    }
}

impl IncidentSort {
    /// `Severity↓`.
    pub fn indicator(&self) -> String {
        format!(
            "{}{}",
            self.key.label(),
            if self.descending { '↓' } else { '↑' }
        )
    }

    /// The same key again flips the direction; another key takes its natural direction.
    pub fn pick(&mut self, key: IncidentSortKey) {
        if self.key == key {
            self.descending = !self.descending;
        } else {
            self.key = key;
            self.descending = key.descending_by_default();
        }
    }

    /// Compares two rows in this order.
    pub fn compare(&self, a: &IncidentRow, b: &IncidentRow) -> Ordering {
        let primary = match self.key {
            IncidentSortKey::Severity => rank(&a.severity).cmp(&rank(&b.severity)),
            IncidentSortKey::Created => a.created.cmp(&b.created),
            IncidentSortKey::Updated => a.last_update.cmp(&b.last_update),
            IncidentSortKey::Status => a.status.value().cmp(&b.status.value()),
            IncidentSortKey::Alerts => a.alert_count.cmp(&b.alert_count),
            IncidentSortKey::Name => a.name.to_lowercase().cmp(&b.name.to_lowercase()),
            IncidentSortKey::AssignedTo => a
                .assigned_to
                .as_deref()
                .map(str::to_lowercase)
                .cmp(&b.assigned_to.as_deref().map(str::to_lowercase)),
            IncidentSortKey::Id => numeric(&a.id).cmp(&numeric(&b.id)),
        };
        let primary = if self.descending {
            primary.reverse()
        } else {
            primary
        };
        // Ties: most severe, then newest, then id, whatever the key.
        primary
            .then_with(|| rank(&b.severity).cmp(&rank(&a.severity)))
            .then_with(|| b.created.cmp(&a.created))
            .then_with(|| numeric(&b.id).cmp(&numeric(&a.id)))
            .then_with(|| a.id.cmp(&b.id))
    }
}

fn rank(s: &Severity) -> u8 {
    match s {
        Severity::High => 4,
        Severity::Medium => 3,
        Severity::Low => 2,
        Severity::Informational => 1,
        _ => 0,
    }
}

fn numeric(id: &str) -> (usize, &str) {
    // Digits compare as numbers: a shorter id is smaller.
    (id.len(), id)
}
