//! The `[keys]` remap, validated against the console's binding table.
//!
//! `[keys]` names actions of normal mode (the list, the evidence tree, everywhere):
//! `quit = ["q"]`, `assign-me = "m"`, `reverse-sort = "ctrl-s"`; `[keys.viewer]`,
//! `[keys.menu]`, … name the keys inside one dialog. A remap replaces the keys of that action and
//! leaves every other binding alone; `[]` unbinds it (the palette still finds it). The table is
//! passed in as data (`BindingInfo`), so this crate does not depend on the console.

use super::chord::KeyChord;
use crate::suggest::closest;
use std::collections::BTreeMap;

/// The contexts normal mode reads; `[keys]` without a section names their actions.
pub const NORMAL_CONTEXTS: &[&str] = &["global", "list", "evidence"];

/// Which contexts one key-handling mode reads, most specific first (the console's `Mode`).
const MODES: &[&[&str]] = &[
    &["list", "global"],
    &["evidence", "global"],
    &["menu"],
    &["confirm"],
    &["input"],
    &["editor"],
    &["help"],
    &["viewer"],
    &["conflict"],
];

/// Keys the terminal runtime keeps for itself.
const RESERVED: &[(&str, &str)] = &[(
    "ctrl-z",
    "Ctrl-z suspends the console (kept by the terminal runtime)",
)];

/// One row of the console's binding table, as data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BindingInfo {
    /// The context, lower-case (`global`, `list`, `evidence`, `menu`, `viewer`, …).
    pub context: String,
    /// The action's stable name (`quit`, `assign-me`, …).
    pub action: String,
    /// Its keys.
    pub keys: Vec<KeyChord>,
}

/// One `action = keys` line from the config.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RemapRequest {
    /// `None` for `[keys]` itself (normal mode); `Some("viewer")` for `[keys.viewer]`.
    pub section: Option<String>,
    /// The action name as written.
    pub action: String,
    /// The keys as written.
    pub keys: Vec<String>,
}

impl RemapRequest {
    /// The dotted config key of this line, for error messages and spans.
    pub fn path(&self) -> String {
        match &self.section {
            None => format!("keys.{}", self.action),
            Some(s) => format!("keys.{s}.{}", self.action),
        }
    }
}

/// A mistake in the remap.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{path}: {message}")]
pub struct RemapError {
    /// Dotted config key (`keys.quit`, `keys.viewer.next-match`).
    pub path: String,
    /// What is wrong, with a suggestion where one helps.
    pub message: String,
}

/// One validated rebind: these keys now trigger this action in this context.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rebind {
    /// The context (lower-case).
    pub context: String,
    /// The action's name.
    pub action: String,
    /// Its new keys (empty: palette only).
    pub keys: Vec<KeyChord>,
}

/// The validated remap the console applies on top of its table.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KeyRemap {
    /// The rebinds, in config order.
    pub rebinds: Vec<Rebind>,
}

impl KeyRemap {
    /// Validates the requests against the table, collecting every mistake.
    pub fn build(
        requests: &[RemapRequest],
        table: &[BindingInfo],
    ) -> Result<KeyRemap, Vec<RemapError>> {
        let mut errors = Vec::new();
        let mut rebinds = Vec::new();
        let mut origin: BTreeMap<(String, String), String> = BTreeMap::new();
        for req in requests {
            match resolve(req, table) {
                Ok(rebind) => {
                    origin.insert((rebind.context.clone(), rebind.action.clone()), req.path());
                    if let Some(i) = rebinds.iter().position(|r: &Rebind| {
                        r.context == rebind.context && r.action == rebind.action
                    }) {
                        rebinds[i] = rebind;
                    } else {
                        rebinds.push(rebind);
                    }
                }
                Err(e) => errors.extend(e),
            }
        }
        let remap = KeyRemap { rebinds };
        errors.extend(conflicts(&remap, table, &origin));
        if errors.is_empty() {
            Ok(remap)
        } else {
            Err(errors)
        }
    }

    /// True when nothing is remapped.
    pub fn is_empty(&self) -> bool {
        self.rebinds.is_empty()
    }

    /// The new keys of an action in a context, if the config remapped it.
    pub fn keys_for(&self, context: &str, action: &str) -> Option<&[KeyChord]> {
        self.rebinds
            .iter()
            .find(|r| r.context == context && r.action == action)
            .map(|r| r.keys.as_slice())
    }

    /// The table with the remap applied: what the keymap, help, hints and palette show.
    pub fn apply(&self, table: &[BindingInfo]) -> Vec<BindingInfo> {
        table
            .iter()
            .map(|b| match self.keys_for(&b.context, &b.action) {
                Some(keys) => BindingInfo {
                    keys: keys.to_vec(),
                    ..b.clone()
                },
                None => b.clone(),
            })
            .collect()
    }
}

fn resolve(req: &RemapRequest, table: &[BindingInfo]) -> Result<Rebind, Vec<RemapError>> {
    let err = |message: String| RemapError {
        path: req.path(),
        message,
    };
    let contexts: Vec<&str> = match &req.section {
        None => NORMAL_CONTEXTS.to_vec(),
        Some(s) => {
            let known: Vec<&str> = dialog_contexts(table);
            if !known.contains(&s.as_str()) {
                let hint = closest(s, known.iter().copied())
                    .map(|c| format!(" (did you mean [keys.{c}]?)"))
                    .unwrap_or_else(|| format!(" (known: {})", known.join(", ")));
                return Err(vec![RemapError {
                    path: format!("keys.{s}"),
                    message: format!("unknown key context {s:?}{hint}"),
                }]);
            }
            vec![s.as_str()]
        }
    };
    let candidates: Vec<&BindingInfo> = table
        .iter()
        .filter(|b| contexts.contains(&b.context.as_str()))
        .collect();
    let Some(binding) = candidates.iter().find(|b| b.action == req.action) else {
        let names: Vec<&str> = candidates.iter().map(|b| b.action.as_str()).collect();
        let hint = closest(&req.action, names.iter().copied())
            .map(|c| format!(" (did you mean {c}?)"))
            .unwrap_or_default();
        let place = match &req.section {
            None => "normal mode".to_string(),
            Some(s) => format!("[keys.{s}]"),
        };
        return Err(vec![err(format!(
            "unknown action {:?} in {place}{hint}",
            req.action
        ))]);
    };
    let mut errors = Vec::new();
    let mut keys: Vec<KeyChord> = Vec::new();
    for text in &req.keys {
        match KeyChord::parse(text) {
            Ok(k) => {
                if let Some((_, why)) = RESERVED
                    .iter()
                    .find(|(r, _)| KeyChord::parse(r).is_ok_and(|rk| rk == k))
                {
                    errors.push(err(format!("{text:?}: {why}")));
                } else if keys.contains(&k) {
                    errors.push(err(format!("{text:?} is listed twice")));
                } else {
                    keys.push(k);
                }
            }
            Err(e) => errors.push(err(e)),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(Rebind {
        context: binding.context.clone(),
        action: binding.action.clone(),
        keys,
    })
}

/// The contexts of the table that are not normal mode, in table order.
fn dialog_contexts(table: &[BindingInfo]) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    for b in table {
        if !NORMAL_CONTEXTS.contains(&b.context.as_str()) && !out.contains(&b.context.as_str()) {
            out.push(&b.context);
        }
    }
    out
}

/// A key that would trigger two actions in one mode after the remap; only clashes a rebind
/// caused are reported (the built-in table's precedence is the console's business).
fn conflicts(
    remap: &KeyRemap,
    table: &[BindingInfo],
    origin: &BTreeMap<(String, String), String>,
) -> Vec<RemapError> {
    let effective = remap.apply(table);
    let mut errors: Vec<RemapError> = Vec::new();
    for mode in MODES {
        let rows: Vec<&BindingInfo> = effective
            .iter()
            .filter(|b| mode.contains(&b.context.as_str()))
            .collect();
        for (i, a) in rows.iter().enumerate() {
            for b in &rows[i + 1..] {
                if a.action == b.action {
                    continue;
                }
                let a_path = origin.get(&(a.context.clone(), a.action.clone()));
                let b_path = origin.get(&(b.context.clone(), b.action.clone()));
                if a_path.is_none() && b_path.is_none() {
                    continue;
                }
                for k in a.keys.iter().filter(|k| b.keys.contains(k)) {
                    let (path, mine, other) = match (a_path, b_path) {
                        (Some(p), _) => (p, a, b),
                        (None, Some(p)) => (p, b, a),
                        (None, None) => continue,
                    };
                    let message = format!(
                        "{} would trigger both {} and {} ({}); rebind {} too, or pick another key",
                        k.label(),
                        mine.action,
                        other.action,
                        other.context,
                        other.action
                    );
                    if !errors
                        .iter()
                        .any(|e| e.path == *path && e.message == message)
                    {
                        errors.push(RemapError {
                            path: path.clone(),
                            message,
                        });
                    }
                }
            }
        }
    }
    errors
}

#[cfg(test)]
mod tests {
    use super::*;

    fn b(context: &str, action: &str, keys: &[&str]) -> BindingInfo {
        BindingInfo {
            context: context.into(),
            action: action.into(),
            keys: keys.iter().map(|k| KeyChord::parse(k).unwrap()).collect(),
        }
    }

    fn table() -> Vec<BindingInfo> {
        vec![
            b("global", "down", &["down", "j"]),
            b("global", "up", &["up", "k"]),
            b("global", "quit", &["q", "ctrl-c"]),
            b("global", "assign-me", &["a"]),
            b("global", "reverse-sort", &[]),
            b("list", "mark", &["space"]),
            b("evidence", "expand", &["l", "right"]),
            b("viewer", "next-match", &["n"]),
            b("viewer", "back", &["esc", "q"]),
        ]
    }

    fn req(section: Option<&str>, action: &str, keys: &[&str]) -> RemapRequest {
        RemapRequest {
            section: section.map(Into::into),
            action: action.into(),
            keys: keys.iter().map(|k| k.to_string()).collect(),
        }
    }

    #[test]
    fn a_remap_replaces_one_action_and_leaves_the_rest() {
        let remap = KeyRemap::build(
            &[
                req(None, "quit", &["Q"]),
                req(None, "reverse-sort", &["ctrl-s"]),
                req(Some("viewer"), "next-match", &["ctrl-n"]),
            ],
            &table(),
        )
        .unwrap();
        let effective = remap.apply(&table());
        let keys = |ctx: &str, action: &str| -> Vec<String> {
            effective
                .iter()
                .find(|x| x.context == ctx && x.action == action)
                .unwrap()
                .keys
                .iter()
                .map(KeyChord::label)
                .collect()
        };
        assert_eq!(keys("global", "quit"), ["Q"]);
        assert_eq!(keys("global", "reverse-sort"), ["Ctrl-s"]);
        assert_eq!(keys("viewer", "next-match"), ["Ctrl-n"]);
        assert_eq!(keys("global", "down"), ["↓", "j"], "untouched");
        assert_eq!(
            keys("viewer", "back"),
            ["Esc", "q"],
            "q still closes the viewer"
        );
        assert_eq!(remap.keys_for("list", "mark"), None);
    }

    #[test]
    fn unbinding_is_allowed_and_a_key_can_move_between_actions() {
        // `a` leaves assign-me and goes to mark: no clash, since assign-me gives it up.
        let remap = KeyRemap::build(
            &[req(None, "assign-me", &[]), req(None, "mark", &["a"])],
            &table(),
        )
        .unwrap();
        assert_eq!(remap.keys_for("global", "assign-me"), Some(&[][..]));
        assert_eq!(remap.keys_for("list", "mark").unwrap()[0].label(), "a");
    }

    #[test]
    fn every_mistake_is_collected_with_its_key() {
        let errors = KeyRemap::build(
            &[
                req(None, "qiut", &["x"]),
                req(None, "down", &["pgdwn", "j", "j"]),
                req(Some("viewr"), "next-match", &["n"]),
                req(Some("viewer"), "quit", &["x"]),
                req(None, "up", &["ctrl-z"]),
            ],
            &table(),
        )
        .unwrap_err();
        let text: Vec<String> = errors.iter().map(ToString::to_string).collect();
        assert_eq!(text.len(), 6, "{text:#?}");
        assert!(
            text[0].starts_with(
                "keys.qiut: unknown action \"qiut\" in normal mode (did you mean quit?)"
            ),
            "{}",
            text[0]
        );
        assert!(
            text[1].starts_with("keys.down: \"pgdwn\" is not a key"),
            "{}",
            text[1]
        );
        assert_eq!(text[2], "keys.down: \"j\" is listed twice");
        assert!(
            text[3].contains(
                "keys.viewr: unknown key context \"viewr\" (did you mean [keys.viewer]?)"
            ),
            "{}",
            text[3]
        );
        assert!(
            text[4].starts_with("keys.viewer.quit: unknown action"),
            "{}",
            text[4]
        );
        assert!(text[5].contains("Ctrl-z suspends"), "{}", text[5]);
    }

    #[test]
    fn a_key_taken_by_another_action_is_a_conflict_in_each_mode_it_reaches() {
        // `j` stays on down; quit wants it too.
        let errors = KeyRemap::build(&[req(None, "quit", &["j"])], &table()).unwrap_err();
        assert_eq!(
            errors,
            [RemapError {
                path: "keys.quit".into(),
                message: "j would trigger both quit and down (global); rebind down too, or pick another key".into(),
            }]
        );
        // The list's Space against a global action: the list pane would see both.
        let errors = KeyRemap::build(&[req(None, "assign-me", &["space"])], &table()).unwrap_err();
        assert!(
            errors[0].message.contains("both assign-me and mark (list)"),
            "{errors:?}"
        );
        // Dialog keys are their own world: `j` in the viewer is free.
        assert!(KeyRemap::build(&[req(Some("viewer"), "next-match", &["j"])], &table()).is_ok());
    }
}
