//! The checks a schema cannot make: values that must parse (durations, keys, colours, filters,
//! zones), references between sections (a default view must exist), and each profile's own
//! rules. Each section is read on its own, so a mistake in one does not hide those in another.

use super::convert::{self, Problem};
use super::sections::{KeysSection, NotifySection, SlaSection, ThemeSection, ViewSection};
use super::{DEFAULT_PROFILE, Profile};
use mde_ops::sla::SlaPolicy;
use mde_ops::views::{ViewCatalog, canonical_name};
use serde::de::DeserializeOwned;
use std::collections::BTreeMap;

/// Every semantic problem in the file. The keys in `skip` already have a structural mistake:
/// they are taken out first, so the rest of their section is still checked.
pub fn semantic(doc: &toml::Table, skip: &[Vec<String>]) -> Vec<Problem> {
    let mut pruned = doc.clone();
    for path in skip {
        prune(&mut pruned, path);
    }
    let doc = &pruned;
    let mut problems = Vec::new();
    let section = |name: &str| -> Option<toml::Value> { doc.get(name).cloned() };

    if let Some(keys) = read::<KeysSection>(section("keys"), &["keys"], &mut problems)
        && let Err(e) = convert::remap(&keys)
    {
        problems.extend(e);
    }
    if let Some(t) = read::<ThemeSection>(section("theme"), &["theme"], &mut problems)
        && let Err(e) = convert::theme(&t, &["theme"])
    {
        problems.extend(e);
    }
    // View names count as defined even when a view has a mistake: one error, not two.
    let mut names: Vec<String> = ViewCatalog::default()
        .names()
        .iter()
        .map(|s| s.to_string())
        .collect();
    if let Some(toml::Value::Table(views)) = doc.get("views") {
        let mut ok: BTreeMap<String, ViewSection> = BTreeMap::new();
        for (name, v) in views {
            names.push(canonical_name(name));
            if let Some(view) =
                read::<ViewSection>(Some(v.clone()), &["views", name], &mut problems)
            {
                ok.insert(name.clone(), view);
            }
        }
        if let Err(e) = convert::views(&ok) {
            problems.extend(e);
        }
    }
    if let Some(s) = read::<SlaSection>(section("sla"), &["sla"], &mut problems) {
        problems.extend(convert::sla(&mut SlaPolicy::default(), &s, &["sla"]));
    }
    let _ = read::<NotifySection>(section("notify"), &["notify"], &mut problems);
    let view_ref = |name: &str, path: &[&str], problems: &mut Vec<Problem>| {
        let key = canonical_name(name);
        if !names.contains(&key) {
            let hint = mde_ops::suggest::closest(&key, names.iter().map(String::as_str))
                .map(|c| format!(" (did you mean {c:?}?)"))
                .unwrap_or_default();
            problems.push(Problem::at(
                path,
                &[],
                format!("unknown view {name:?}{hint}; views: {}", names.join(", ")),
            ));
        }
    };
    if let Some(toml::Value::String(v)) = doc.get("default_view") {
        view_ref(v, &["default_view"], &mut problems);
    }
    if let Some(toml::Value::String(z)) = doc.get("time_zone")
        && let Err(e) = convert::zone(z)
    {
        problems.push(Problem::at(&["time_zone"], &[], e));
    }
    let mut profile_names: Vec<String> = Vec::new();
    if let Some(toml::Value::Table(profiles)) = doc.get("profiles") {
        for (name, p) in profiles {
            profile_names.push(name.clone());
            let base = ["profiles", name.as_str()];
            let Some(profile) = read::<Profile>(Some(p.clone()), &base, &mut problems) else {
                continue;
            };
            if let Err((field, problem)) = profile.validate() {
                problems.push(Problem::at(&base, &[field], problem));
            }
            if let Some(v) = &profile.default_view {
                view_ref(v, &["profiles", name, "default_view"], &mut problems);
            }
            if let Some(z) = &profile.time_zone
                && let Err(e) = convert::zone(z)
            {
                problems.push(Problem::at(&base, &["time_zone"], e));
            }
            if let Some(s) = &profile.sla {
                problems.extend(convert::sla(
                    &mut SlaPolicy::default(),
                    s,
                    &["profiles", name, "sla"],
                ));
            }
            if let Some(t) = &profile.theme
                && let Err(e) = convert::theme(t, &["profiles", name, "theme"])
            {
                problems.extend(e);
            }
        }
    }
    if let Some(toml::Value::String(d)) = doc.get("default_profile")
        && !profile_names.contains(d)
        && d != DEFAULT_PROFILE
    {
        problems.push(Problem::at(
            &["default_profile"],
            &[],
            format!(
                "names {d:?}, which has no [profiles.{d}] table (profiles: {})",
                if profile_names.is_empty() {
                    "none".into()
                } else {
                    profile_names.join(", ")
                }
            ),
        ));
    }
    problems
}

/// Removes the key at `path` (an array element takes its whole array with it).
fn prune(table: &mut toml::Table, path: &[String]) {
    let end = path
        .iter()
        .position(|s| s.starts_with('['))
        .unwrap_or(path.len());
    let path = &path[..end];
    let Some((last, parents)) = path.split_last() else {
        return;
    };
    let mut t = table;
    for seg in parents {
        match t.get_mut(seg) {
            Some(toml::Value::Table(inner)) => t = inner,
            _ => return,
        }
    }
    t.remove(last);
}

/// Reads one section on its own; a failure (which the schema walk should have caught) is a
/// problem at the section.
fn read<T: DeserializeOwned + Default>(
    value: Option<toml::Value>,
    path: &[&str],
    problems: &mut Vec<Problem>,
) -> Option<T> {
    let Some(value) = value else {
        return Some(T::default());
    };
    match value.try_into::<T>() {
        Ok(t) => Some(t),
        Err(e) => {
            problems.push(Problem::at(path, &[], e.message().to_string()));
            None
        }
    }
}
