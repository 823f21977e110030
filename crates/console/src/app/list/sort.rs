//! Sort keys for the alert list. The default is "most severe, then newest first"; every other key
//! falls back to that order so equal keys never shuffle between refreshes.

use mde_model::AlertRow;
use std::cmp::Ordering;

/// A column the list can be sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SortKey {
    /// Severity (High > Medium > Low > Informational > unspecified).
    Severity,
    /// Creation time.
    Created,
    /// Last update time.
    Updated,
    /// Status.
    Status,
    /// Title.
    Title,
    /// Device name.
    Device,
    /// Related user.
    User,
    /// Owner.
    AssignedTo,
    /// Category.
    Category,
    /// Incident id.
    Incident,
}

impl SortKey {
    /// Every key, in the order the sort menu lists them.
    pub const ALL: &'static [SortKey] = &[
        SortKey::Severity,
        SortKey::Created,
        SortKey::Updated,
        SortKey::Status,
        SortKey::Title,
        SortKey::Device,
        SortKey::User,
        SortKey::AssignedTo,
        SortKey::Category,
        SortKey::Incident,
    ];

    /// Human label for menus and the sort indicator.
    pub fn label(self) -> &'static str {
        match self {
            SortKey::Severity => "Severity",
            SortKey::Created => "Created",
            SortKey::Updated => "Updated",
            SortKey::Status => "Status",
            SortKey::Title => "Title",
            SortKey::Device => "Device",
            SortKey::User => "User",
            SortKey::AssignedTo => "Assigned to",
            SortKey::Category => "Category",
            SortKey::Incident => "Incident",
        }
    }
}

impl SortKey {
    /// The key a typed name means (`:sort age`): a label or an alias, by prefix.
    pub fn named(typed: &str) -> Option<SortKey> {
        let t = typed.trim().to_lowercase();
        if t.is_empty() {
            return None;
        }
        const ALIASES: &[(&str, SortKey)] = &[
            ("age", SortKey::Created),
            ("time", SortKey::Created),
            ("newest", SortKey::Created),
            ("sev", SortKey::Severity),
            ("owner", SortKey::AssignedTo),
            ("assigned", SortKey::AssignedTo),
            ("host", SortKey::Device),
            ("cat", SortKey::Category),
        ];
        ALIASES
            .iter()
            .find(|(a, _)| *a == t)
            .map(|(_, k)| *k)
            .or_else(|| {
                SortKey::ALL
                    .iter()
                    .copied()
                    .find(|k| k.label().to_lowercase().starts_with(&t))
            })
            .or_else(|| {
                ALIASES
                    .iter()
                    .find(|(a, _)| a.starts_with(&t))
                    .map(|(_, k)| *k)
            })
    }
}

/// The list order: a key and a direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SortSpec {
    /// Primary key.
    pub key: SortKey,
    /// Largest / latest / last-in-alphabet first.
    pub descending: bool,
}

impl Default for SortSpec {
    fn default() -> Self {
        SortSpec {
            key: SortKey::Severity,
            descending: true,
        }
    }
}

impl SortSpec {
    /// The indicator the list header shows, e.g. `Severity ↓`.
    pub fn indicator(&self) -> String {
        format!(
            "{} {}",
            self.key.label(),
            if self.descending { "↓" } else { "↑" }
        )
    }

    /// Compares two rows in list order (first row first).
    pub fn compare(&self, a: &AlertRow, b: &AlertRow) -> Ordering {
        let primary = compare_key(self.key, a, b);
        let primary = if self.descending {
            primary.reverse()
        } else {
            primary
        };
        // Ties: newest first, then most severe, then id so the order is total and stable.
        primary
            .then_with(|| b.created.cmp(&a.created))
            .then_with(|| b.severity.rank().cmp(&a.severity.rank()))
            .then_with(|| a.id.cmp(&b.id))
    }
}

fn compare_key(key: SortKey, a: &AlertRow, b: &AlertRow) -> Ordering {
    match key {
        SortKey::Severity => a.severity.rank().cmp(&b.severity.rank()),
        SortKey::Created => a.created.cmp(&b.created),
        SortKey::Updated => a.last_update.cmp(&b.last_update),
        SortKey::Status => a.status.as_str().cmp(b.status.as_str()),
        SortKey::Title => cmp_ci(&a.title, &b.title),
        SortKey::Device => cmp_opt_ci(&a.device, &b.device),
        SortKey::User => cmp_opt_ci(&a.user, &b.user),
        SortKey::AssignedTo => cmp_opt_ci(&a.assigned_to, &b.assigned_to),
        SortKey::Category => cmp_opt_ci(&a.category, &b.category),
        SortKey::Incident => a.incident_id.cmp(&b.incident_id),
    }
}

/// Case-insensitive comparison without allocating.
pub(super) fn cmp_ci(a: &str, b: &str) -> Ordering {
    if a.is_ascii() && b.is_ascii() {
        return a
            .bytes()
            .map(|c| c.to_ascii_lowercase())
            .cmp(b.bytes().map(|c| c.to_ascii_lowercase()));
    }
    a.chars()
        .flat_map(char::to_lowercase)
        .cmp(b.chars().flat_map(char::to_lowercase))
}

/// Missing values sort before present ones (ascending).
fn cmp_opt_ci(a: &Option<String>, b: &Option<String>) -> Ordering {
    match (a, b) {
        (Some(a), Some(b)) => cmp_ci(a, b),
        (None, None) => Ordering::Equal,
        (None, Some(_)) => Ordering::Less,
        (Some(_), None) => Ordering::Greater,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use mde_model::{Alert, Severity, Timestamp};

    fn row(id: &str, sev: Severity, created: &str) -> AlertRow {
        let mut a = Alert::new(id, id);
        a.severity = sev;
        a.alert_creation_time = Timestamp::parse(created).ok();
        AlertRow::from_alert(&a)
    }

    #[test]
    fn default_is_most_severe_then_newest() {
        let mut rows = [
            row("old-high", Severity::High, "2024-01-01T00:00:00Z"),
            row("new-low", Severity::Low, "2024-03-01T00:00:00Z"),
            row("new-high", Severity::High, "2024-02-01T00:00:00Z"),
            row("med", Severity::Medium, "2024-01-15T00:00:00Z"),
        ];
        let spec = SortSpec::default();
        rows.sort_by(|a, b| spec.compare(a, b));
        let ids: Vec<&str> = rows.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(ids, ["new-high", "old-high", "med", "new-low"]);
    }

    #[test]
    fn keys_are_found_by_label_and_alias() {
        assert_eq!(SortKey::named("age"), Some(SortKey::Created));
        assert_eq!(SortKey::named("Sev"), Some(SortKey::Severity));
        assert_eq!(SortKey::named("upd"), Some(SortKey::Updated));
        assert_eq!(SortKey::named("owner"), Some(SortKey::AssignedTo));
        assert_eq!(SortKey::named("zzz"), None);
    }

    #[test]
    fn title_sort_is_case_insensitive_and_reversible() {
        let mut rows = [
            row("b", Severity::Low, "2024-01-01T00:00:00Z"),
            row("A", Severity::Low, "2024-01-01T00:00:00Z"),
            row("c", Severity::Low, "2024-01-01T00:00:00Z"),
        ];
        let mut spec = SortSpec {
            key: SortKey::Title,
            descending: false,
        };
        rows.sort_by(|a, b| spec.compare(a, b));
        assert_eq!(rows[0].id, "A");
        spec.descending = true;
        rows.sort_by(|a, b| spec.compare(a, b));
        assert_eq!(rows[0].id, "c");
        assert_eq!(spec.indicator(), "Title ↓");
    }
}
