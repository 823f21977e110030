//! Views of the keymap table: the `?` help overlay (grouped, filterable), the hint bar and the
//! `:` palette search.

use super::action::Action;
use super::remap::{DEFAULT_KEYMAP, Keymap};
use super::spec::{Binding, Context, Group, Mode};
use super::table::BINDINGS;
use crate::app::view::state::Pane;

/// The help overlay's content with the built-in keys (see `help_groups_in`).
pub fn help_groups(filter: &str) -> Vec<(Group, Vec<&'static Binding>)> {
    help_groups_in(&DEFAULT_KEYMAP, filter)
}

/// The help overlay's content: bindings grouped, filtered by a case-insensitive substring of
/// the keys (as `map` has them), the action name or the description. Empty groups are left out.
pub fn help_groups_in(map: &Keymap, filter: &str) -> Vec<(Group, Vec<&'static Binding>)> {
    let f = filter.trim().to_lowercase();
    let mut out: Vec<(Group, Vec<&'static Binding>)> = Vec::new();
    for bind in BINDINGS {
        let hit = f.is_empty()
            || bind.description.to_lowercase().contains(&f)
            || bind.action.name().contains(&f)
            || map.keys_label(bind).to_lowercase().contains(&f);
        if !hit {
            continue;
        }
        match out.iter_mut().find(|(g, _)| *g == bind.group) {
            Some((_, v)) => v.push(bind),
            None => out.push((bind.group, vec![bind])),
        }
    }
    out.sort_by_key(|(g, _)| *g);
    out
}

/// The hint bar with the built-in keys (see `hints_in`).
pub fn hints(mode: Mode) -> Vec<(String, &'static str)> {
    hints_in(&DEFAULT_KEYMAP, mode)
}

/// The hint bar: the most useful bindings of the current mode (key as `map` has it, short
/// description).
pub fn hints_in(map: &Keymap, mode: Mode) -> Vec<(String, &'static str)> {
    let wanted: &[Action] = match mode {
        Mode::Normal(Pane::List) => &[
            Action::Enter,
            Action::Filter,
            Action::ToggleMark,
            Action::AssignMe,
            Action::StatusMenu,
            Action::Classify,
            Action::Comment,
            Action::Help,
            Action::Quit,
        ],
        Mode::Normal(Pane::Evidence) => &[
            Action::Enter,
            Action::ViewValue,
            Action::YankMenu,
            Action::ResponseMenu,
            Action::NextPane,
            Action::Back,
            Action::Help,
        ],
        // Issue 10: the device panel's own keys.
        Mode::Normal(Pane::Device) => &[
            Action::ResponseMenu,
            Action::DeviceTags,
            Action::DeviceAlerts,
            Action::UserAlerts,
            Action::RetryAction,
            Action::CancelAction,
            Action::PackageLink,
        ],
        Mode::Normal(_) => &[
            Action::NextPane,
            Action::Comment,
            Action::Classify,
            Action::Back,
            Action::Help,
        ],
        Mode::Incidents => &[
            Action::Expand,
            Action::ToggleIncidents,
            Action::Filter,
            Action::AssignMe,
            Action::StatusMenu,
            Action::Classify,
            Action::Help,
        ],
        Mode::Dialog(_) => &[],
    };
    let contexts = mode.contexts();
    let mut out = Vec::new();
    for bind in BINDINGS.iter().filter(|b| contexts.contains(&b.context)) {
        let show = wanted.is_empty() || wanted.contains(&bind.action);
        if show && !map.keys(bind).is_empty() && !out.iter().any(|(_, _, d)| *d == bind.description)
        {
            out.push((bind.action, map.keys_label(bind), bind.description));
        }
    }
    // The bar keeps what fits from the left: the mode's list is its order of importance.
    out.sort_by_key(|(action, _, _)| wanted.iter().position(|w| w == action));
    out.into_iter()
        .map(|(_, keys, desc)| (keys, desc))
        .collect()
}

/// Palette entries matching a query (every word must appear in the name or description),
/// best first: name prefix, then name substring, then description.
pub fn palette_matches(query: &str) -> Vec<&'static Binding> {
    let q = query.trim().to_lowercase();
    let words: Vec<&str> = q.split_whitespace().collect();
    // "assign to" names `assign-to` exactly: that beats every partial match.
    let dashed = words.join("-");
    let mut hits: Vec<(u8, &'static Binding)> = BINDINGS
        .iter()
        .filter(|b| {
            matches!(
                b.context,
                Context::Global | Context::List | Context::Evidence | Context::Device
            )
        })
        .filter_map(|b| {
            let name = b.action.name();
            let desc = b.description.to_lowercase();
            if !words.iter().all(|w| name.contains(w) || desc.contains(w)) {
                return None;
            }
            let rank = match words.first() {
                _ if name == dashed => 0,
                None => 3,
                Some(w) if name.starts_with(w) => 1,
                Some(w) if name.contains(w) => 2,
                Some(_) => 3,
            };
            Some((rank, b))
        })
        .collect();
    hits.sort_by_key(|(r, _)| *r);
    hits.into_iter().map(|(_, b)| b).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn help_hints_and_palette_come_from_the_table() {
        let all: usize = help_groups("").iter().map(|(_, v)| v.len()).sum();
        assert_eq!(all, BINDINGS.len());
        let hits = help_groups("ctrl-d");
        assert_eq!(hits[0].0, Group::Navigation);
        assert_eq!(hits[0].1[0].action, Action::HalfPageDown);
        assert_eq!(hits[1].0, Group::Dialogs, "the viewer's Ctrl-d too");
        let hints = hints(Mode::Normal(Pane::List));
        assert!(
            hints
                .iter()
                .any(|(k, d)| k == "Space" && d.starts_with("Mark"))
        );
        // Where a key means something else than elsewhere, the mode's hints say what.
        let device = super::hints(Mode::Normal(Pane::Device));
        assert!(
            device
                .iter()
                .any(|(k, d)| k == "T" && d.starts_with("Tags of the device"))
        );
        assert!(
            device
                .iter()
                .any(|(k, d)| k == "E" && d.starts_with("Retry the failed"))
        );
        let evidence = super::hints(Mode::Normal(Pane::Evidence));
        assert!(
            evidence
                .iter()
                .any(|(k, d)| k == "v" && d.starts_with("Full value"))
        );
        let p = palette_matches("sort");
        assert_eq!(p[0].action, Action::SortMenu);
        assert!(
            palette_matches("retry")
                .iter()
                .any(|b| b.action == Action::RetryOutbox)
        );
        assert!(palette_matches("zzzz").is_empty());
        // Every action is reachable from the palette.
        for a in Action::ALL {
            if *a == Action::SendComment {
                continue;
            }
            assert!(
                palette_matches("").iter().any(|b| b.action == *a),
                "{a:?} not in the palette"
            );
        }
    }
}
