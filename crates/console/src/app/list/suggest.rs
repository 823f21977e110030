//! What the filter prompt and "assign to…" offer while the analyst types: field names and
//! values for `/` (the fixed values of enumerations plus owners, devices and the like seen in
//! the data), owners seen in the data for `A`. Computed when the text changes, not per frame.

use super::state::ListState;
use mde_model::AlertRow;
use mde_query::{Completion, Field, complete, starts_with_ci};

/// Rows looked at for data values; enough for a busy tenant's device names, bounded per key.
const SCAN: usize = 20_000;
/// Values offered per field.
const MAX: usize = 8;

/// Completions for the filter text being typed.
pub fn filter_completion(list: &ListState, text: &str) -> Completion {
    complete(text, |field, partial| data_values(list, field, partial))
}

fn data_values(list: &ListState, field: Field, partial: &str) -> Vec<String> {
    let pick: fn(&AlertRow) -> Option<&str> = match field {
        Field::Assigned => {
            return list
                .rows
                .owners()
                .iter()
                .filter(|o| starts_with_ci(o, partial))
                .take(MAX)
                .cloned()
                .collect();
        }
        Field::Device => |r| r.device.as_deref(),
        Field::User => |r| r.user.as_deref(),
        Field::Category => |r| r.category.as_deref(),
        Field::Source => |r| r.detection_source.as_deref(),
        Field::Group => |r| r.rbac_group.as_deref(),
        _ => return Vec::new(),
    };
    let mut out: Vec<String> = Vec::new();
    for r in list.rows.iter_all().take(SCAN) {
        if let Some(v) = pick(r)
            && starts_with_ci(v, partial)
            && !out.iter().any(|o| o.eq_ignore_ascii_case(v))
        {
            out.push(v.to_string());
            if out.len() >= MAX {
                break;
            }
        }
    }
    out.sort();
    out
}

/// Owners to offer for "assign to…": the recent ones first, then those seen in the data, each
/// once, containing what was typed.
pub fn owner_suggestions(recent: &[String], list: &ListState, typed: &str) -> Vec<String> {
    let t = typed.trim().to_lowercase();
    let mut out: Vec<String> = Vec::new();
    for o in recent.iter().chain(list.rows.owners().iter()) {
        if (t.is_empty() || o.to_lowercase().contains(&t))
            && !out.iter().any(|x| x.eq_ignore_ascii_case(o))
        {
            out.push(o.clone());
        }
        if out.len() >= 12 {
            break;
        }
    }
    out
}
