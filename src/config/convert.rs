//! From the file's text values to `mde_ops` values, naming the key of every mistake. Filters
//! are read by the console's own filter parser and remaps checked against its own binding
//! table, so what `config check` accepts is exactly what the console understands.

use super::keymap_table::console_bindings;
use super::sections::{
    DesktopChoice, KeyEntry, KeysSection, NotifySection, SeverityChoice, SlaSection, SlaValue,
    ThemeSection, ThemeValue, ViewSection,
};
use mde_model::Severity;
use mde_ops::keys::{KeyRemap, RemapRequest};
use mde_ops::sla::{SlaPolicy, SlaTarget};
use mde_ops::theme::{Role, RoleStyle, ThemeColor, ThemeOverrides};
use mde_ops::views::{SavedView, ViewSort, ViewWindow, WindowField, canonical_name};
use mde_ops::{DesktopNotify, NotifyConfig, Zone};
use mde_query::Query;
use std::collections::BTreeMap;

/// A mistake at a key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The key's path.
    pub path: Vec<String>,
    /// What is wrong.
    pub message: String,
}

impl Problem {
    /// A problem at `base` + `more`.
    pub fn at(base: &[&str], more: &[&str], message: impl Into<String>) -> Problem {
        Problem {
            path: base.iter().chain(more).map(|s| s.to_string()).collect(),
            message: message.into(),
        }
    }
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", super::check::dotted(&self.path), self.message)
    }
}

/// `[keys]` → the remap, checked against the console's table.
pub fn remap(keys: &KeysSection) -> Result<KeyRemap, Vec<Problem>> {
    let mut requests = Vec::new();
    for (name, entry) in &keys.0 {
        match entry {
            KeyEntry::Keys(list) => requests.push(RemapRequest {
                section: None,
                action: name.clone(),
                keys: list.keys(),
            }),
            KeyEntry::Context(actions) => {
                for (action, list) in actions {
                    requests.push(RemapRequest {
                        section: Some(name.clone()),
                        action: action.clone(),
                        keys: list.keys(),
                    });
                }
            }
        }
    }
    KeyRemap::build(&requests, &console_bindings()).map_err(|errors| {
        errors
            .into_iter()
            .map(|e| Problem {
                path: e.path.split('.').map(str::to_string).collect(),
                message: e.message,
            })
            .collect()
    })
}

/// A `[theme]` table → overrides.
pub fn theme(t: &ThemeSection, base: &[&str]) -> Result<ThemeOverrides, Vec<Problem>> {
    let mut problems = Vec::new();
    let mut out = ThemeOverrides::default();
    for (name, value) in &t.0 {
        let Some(role) = Role::parse(name) else {
            let names: Vec<&str> = Role::ALL.iter().map(|r| r.name()).collect();
            let hint = mde_ops::suggest::closest(name, names.iter().copied())
                .map(|c| format!(" (did you mean {c:?}?)"))
                .unwrap_or_default();
            problems.push(Problem::at(
                base,
                &[name],
                format!("unknown role {name:?}{hint}"),
            ));
            continue;
        };
        let colour = |field: Option<&str>, text: &str| {
            ThemeColor::parse(text).map_err(|e| match field {
                Some(f) => Problem::at(base, &[name, f], e),
                None => Problem::at(base, &[name], e),
            })
        };
        let style = match value {
            ThemeValue::Color(c) => colour(None, c).map(|fg| RoleStyle {
                fg: Some(fg),
                ..RoleStyle::default()
            }),
            ThemeValue::Style(s) => {
                let fg = s.fg.as_deref().map(|c| colour(Some("fg"), c)).transpose();
                let bg = s.bg.as_deref().map(|c| colour(Some("bg"), c)).transpose();
                match (fg, bg) {
                    (Ok(fg), Ok(bg)) => Ok(RoleStyle {
                        fg,
                        bg,
                        bold: s.bold,
                        italic: s.italic,
                        underline: s.underline,
                        reversed: s.reversed,
                    }),
                    (Err(e), _) | (_, Err(e)) => Err(e),
                }
            }
        };
        match style {
            Ok(s) => {
                out.roles.insert(role, s);
            }
            Err(p) => problems.push(p),
        }
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(problems)
    }
}

/// `[views.NAME]` tables → saved views.
pub fn views(v: &BTreeMap<String, ViewSection>) -> Result<Vec<SavedView>, Vec<Problem>> {
    let mut problems = Vec::new();
    let mut out: Vec<SavedView> = Vec::new();
    let mut seen: BTreeMap<String, String> = BTreeMap::new();
    for (name, view) in v {
        let at = |field: &str, msg: String| Problem::at(&["views", name], &[field], msg);
        let canonical = canonical_name(name);
        if canonical.is_empty() {
            problems.push(Problem::at(&["views"], &[name], "a view needs a name"));
            continue;
        }
        if let Some(other) = seen.insert(canonical.clone(), name.clone()) {
            problems.push(Problem::at(
                &["views"],
                &[name],
                format!("names the same view as [views.{other}] ({canonical})"),
            ));
        }
        if let Err(e) = Query::parse(&view.filter) {
            problems.push(at("filter", e.without_console()));
        }
        let sort = match view.sort.as_deref().map(ViewSort::parse).transpose() {
            Ok(s) => s,
            Err(e) => {
                problems.push(at("sort", e));
                None
            }
        };
        let window = match (&view.created_within, &view.updated_within) {
            (Some(_), Some(_)) => {
                problems.push(at(
                    "updated_within",
                    "set created_within or updated_within, not both".into(),
                ));
                None
            }
            (Some(c), None) => ViewWindow::parse(WindowField::Created, c)
                .map_err(|e| problems.push(at("created_within", e)))
                .ok(),
            (None, Some(u)) => ViewWindow::parse(WindowField::Updated, u)
                .map_err(|e| problems.push(at("updated_within", e)))
                .ok(),
            (None, None) => None,
        };
        out.push(SavedView {
            name: canonical,
            description: view
                .description
                .clone()
                .unwrap_or_else(|| view.filter.clone()),
            filter: view.filter.clone(),
            sort,
            window,
            builtin: false,
        });
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(problems)
    }
}

fn target(text: &str) -> Result<Option<chrono::TimeDelta>, String> {
    if matches!(text.trim().to_ascii_lowercase().as_str(), "none" | "off") {
        return Ok(None);
    }
    mde_ops::parse_duration(text).map(Some)
}

/// Lays an `[sla]` table over a policy, field by field.
pub fn sla(policy: &mut SlaPolicy, s: &SlaSection, base: &[&str]) -> Vec<Problem> {
    let mut problems = Vec::new();
    let slots: [(&str, &Option<SlaValue>, &mut SlaTarget); 4] = [
        ("high", &s.high, &mut policy.high),
        ("medium", &s.medium, &mut policy.medium),
        ("low", &s.low, &mut policy.low),
        ("informational", &s.informational, &mut policy.informational),
    ];
    for (name, value, slot) in slots {
        match value {
            None => {}
            Some(SlaValue::FirstTouch(t)) => match target(t) {
                Ok(d) => slot.first_touch = d,
                Err(e) => problems.push(Problem::at(base, &[name], e)),
            },
            Some(SlaValue::Targets(t)) => {
                for (field, text, dest) in [
                    ("first_touch", &t.first_touch, &mut slot.first_touch),
                    ("resolve", &t.resolve, &mut slot.resolve),
                ] {
                    if let Some(text) = text {
                        match target(text) {
                            Ok(d) => *dest = d,
                            Err(e) => problems.push(Problem::at(base, &[name, field], e)),
                        }
                    }
                }
            }
        }
    }
    if let Some(near) = s.near {
        if near > 0.0 && near < 1.0 {
            policy.near_fraction = near;
        } else {
            problems.push(Problem::at(
                base,
                &["near"],
                format!("{near} is not between 0 and 1 (e.g. 0.75)"),
            ));
        }
    }
    problems
}

/// A severity name for notifications.
pub fn severity(text: &str) -> Result<Severity, String> {
    let s = Severity::parse(text.trim());
    if s.is_known() && s.rank() > 0 {
        Ok(s)
    } else {
        Err(format!(
            "unknown severity {text:?} (high, medium, low or informational)"
        ))
    }
}

/// `[notify]` → the notification settings (the schema already holds its values to their enums).
pub fn notify(n: &NotifySection) -> NotifyConfig {
    let mut out = NotifyConfig::default();
    if let Some(b) = n.bell {
        out.bell = b;
    }
    if let Some(d) = n.desktop {
        out.desktop = match d {
            DesktopChoice::Off => DesktopNotify::Off,
            DesktopChoice::Osc9 => DesktopNotify::Osc9,
            DesktopChoice::Osc777 => DesktopNotify::Osc777,
        };
    }
    if let Some(s) = n.min_severity {
        out.min_severity = match s {
            SeverityChoice::High => Severity::High,
            SeverityChoice::Medium => Severity::Medium,
            SeverityChoice::Low => Severity::Low,
            SeverityChoice::Informational => Severity::Informational,
        };
    }
    out
}

/// A time zone, with the closest IANA name on a typo.
pub fn zone(text: &str) -> Result<Zone, String> {
    Zone::parse(text).map_err(
        |e| match mde_ops::suggest::closest(text, Zone::known_names()) {
            Some(c) => format!("{e}; did you mean {c:?}?"),
            None => e,
        },
    )
}
