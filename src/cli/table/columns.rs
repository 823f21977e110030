//! The columns `alerts list` can show: their names for `--columns`, headers, cell text from the
//! compact row, and how each may be fitted (ids and enums are never cut; names and titles are).

use super::super::exit::UsageError;
use super::super::suggest::unknown_value;
use mde_console::ui::clock;
use mde_model::{AlertRow, Severity, Timestamp};
use std::borrow::Cow;

/// One column of the plain table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    /// Alert id (never cut).
    Id,
    /// Severity.
    Sev,
    /// Status.
    Status,
    /// Age of the alert (since creation).
    Age,
    /// Creation time, UTC.
    Created,
    /// Last update time, UTC.
    Updated,
    /// Owner.
    Assigned,
    /// Device name.
    Device,
    /// `DOMAIN\user`.
    User,
    /// Category.
    Category,
    /// Detection source.
    Source,
    /// Incident id.
    Incident,
    /// Classification.
    Class,
    /// Determination.
    Det,
    /// Title.
    Title,
}

/// How a column gives way when the table is wider than the screen (`layout` has the stages).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Give {
    /// Never cut (ids, enums, times).
    Never,
    /// A name (device, user, owner, category…): cut with `…` before the title is.
    Name,
    /// The title: cut with `…` last.
    Title,
}

/// `--columns` names, in the order the error message lists them.
pub const NAMES: [(&str, Column); 15] = [
    ("id", Column::Id),
    ("sev", Column::Sev),
    ("status", Column::Status),
    ("age", Column::Age),
    ("created", Column::Created),
    ("updated", Column::Updated),
    ("assigned", Column::Assigned),
    ("device", Column::Device),
    ("user", Column::User),
    ("category", Column::Category),
    ("source", Column::Source),
    ("incident", Column::Incident),
    ("class", Column::Class),
    ("det", Column::Det),
    ("title", Column::Title),
];

/// Aliases accepted besides the names (the console's filter words).
const ALIASES: [(&str, Column); 6] = [
    ("severity", Column::Sev),
    ("owner", Column::Assigned),
    ("host", Column::Device),
    ("cat", Column::Category),
    ("classification", Column::Class),
    ("determination", Column::Det),
];

/// What `alerts list` shows without `--columns`.
pub const DEFAULT: [Column; 7] = [
    Column::Id,
    Column::Sev,
    Column::Status,
    Column::Age,
    Column::Device,
    Column::User,
    Column::Title,
];

impl Column {
    /// Reads `id,sev,title`; an unknown name is a usage error listing the valid ones.
    pub fn parse_list(spec: &str) -> Result<Vec<Column>, UsageError> {
        let names: Vec<&str> = NAMES.iter().map(|(n, _)| *n).collect();
        let mut out = Vec::new();
        for raw in spec.split(',').map(str::trim).filter(|s| !s.is_empty()) {
            let lower = raw.to_ascii_lowercase();
            let col = NAMES
                .iter()
                .chain(ALIASES.iter())
                .find(|(n, _)| *n == lower)
                .map(|(_, c)| *c)
                .ok_or_else(|| unknown_value("--columns", raw, &names))?;
            if !out.contains(&col) {
                out.push(col);
            }
        }
        if out.is_empty() {
            return Err(UsageError(format!(
                "--columns: name at least one of {}",
                names.join(", ")
            )));
        }
        Ok(out)
    }

    /// The header.
    pub fn header(self) -> &'static str {
        match self {
            Column::Id => "ID",
            Column::Sev => "SEV",
            Column::Status => "STATUS",
            Column::Age => "AGE",
            Column::Created => "CREATED (UTC)",
            Column::Updated => "UPDATED (UTC)",
            Column::Assigned => "ASSIGNED",
            Column::Device => "DEVICE",
            Column::User => "USER",
            Column::Category => "CATEGORY",
            Column::Source => "SOURCE",
            Column::Incident => "INCIDENT",
            Column::Class => "CLASSIFICATION",
            Column::Det => "DETERMINATION",
            Column::Title => "TITLE",
        }
    }

    /// How it gives way to a narrow screen.
    pub fn give(self) -> Give {
        match self {
            Column::Title => Give::Title,
            Column::Assigned
            | Column::Device
            | Column::User
            | Column::Category
            | Column::Source
            | Column::Class
            | Column::Det => Give::Name,
            _ => Give::Never,
        }
    }

    /// The raw cell text (not yet made safe for the sink).
    pub fn cell(self, r: &AlertRow, now: Timestamp) -> Cow<'_, str> {
        fn opt(s: &Option<String>) -> Cow<'_, str> {
            match s.as_deref() {
                Some(v) if !v.trim().is_empty() => Cow::Borrowed(v),
                _ => Cow::Borrowed("-"),
            }
        }
        let time = |t: Option<Timestamp>| -> Cow<'_, str> {
            t.map_or(Cow::Borrowed("-"), |t| {
                Cow::Owned(t.0.format("%Y-%m-%d %H:%M").to_string())
            })
        };
        match self {
            Column::Id => Cow::Borrowed(&r.id),
            Column::Sev => match &r.severity {
                Severity::Informational => Cow::Borrowed("Info"),
                s => Cow::Borrowed(s.as_str()),
            },
            Column::Status => Cow::Borrowed(r.status.as_str()),
            Column::Age => Cow::Owned(clock::age_opt(now, r.created)),
            Column::Created => time(r.created),
            Column::Updated => time(r.last_update),
            Column::Assigned => opt(&r.assigned_to),
            Column::Device => opt(&r.device),
            Column::User => opt(&r.user),
            Column::Category => opt(&r.category),
            Column::Source => opt(&r.detection_source),
            Column::Incident => r
                .incident_id
                .map_or(Cow::Borrowed("-"), |i| Cow::Owned(i.to_string())),
            Column::Class => r
                .classification
                .as_ref()
                .map_or(Cow::Borrowed("-"), |c| Cow::Borrowed(c.as_str())),
            Column::Det => r
                .determination
                .as_ref()
                .map_or(Cow::Borrowed("-"), |d| Cow::Borrowed(d.as_str())),
            Column::Title => Cow::Borrowed(&r.title),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_aliases_and_mistakes() {
        assert_eq!(
            Column::parse_list("id, SEV,title,id").unwrap(),
            [Column::Id, Column::Sev, Column::Title]
        );
        assert_eq!(
            Column::parse_list("owner,host").unwrap(),
            [Column::Assigned, Column::Device]
        );
        let e = Column::parse_list("id,titel").unwrap_err().0;
        assert!(e.contains("unknown value \"titel\""), "{e}");
        assert!(e.contains("did you mean \"title\""), "{e}");
        for (n, _) in NAMES {
            assert!(e.contains(n), "{e} lists {n}");
        }
        assert!(Column::parse_list(" , ").is_err());
    }
}
