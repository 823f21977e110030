//! Triage actions: assign, status, classify, comment — on the marks or the selected alert.
//! One alert is written at once; several go through one batch write after a confirmation.

use super::dialog::{Confirm, Dialog, Editor, Input, InputKind, Menu, MenuValue};
use super::line_input::LineInput;
use super::state::{Level, State};
use super::triage::{apply_optimistic, build_write, count_label, describe};
use super::update_list;
use crate::model::protocol::{Effect, TriageChange, TriageWrite};
use crate::model::{Classification, Determination, Status};
use ratatui_textarea::TextArea;

/// Longest owner name accepted (UPNs are at most 113 characters).
const MAX_OWNER: usize = 256;

fn targets_or_say(state: &mut State) -> Option<Vec<String>> {
    let ids = state.targets();
    if ids.is_empty() {
        state.notify(Level::Info, "No alert selected");
        return None;
    }
    Some(ids)
}

/// Sends a change for some alerts: at once for one, after a confirmation for several.
pub(crate) fn submit(state: &mut State, ids: Vec<String>, change: TriageChange) -> Vec<Effect> {
    if change.is_empty() || ids.is_empty() {
        return Vec::new();
    }
    let write = build_write(&state.rows, &ids, change);
    if ids.len() > 1 {
        let count = ids.len();
        state.dialogs.push(Dialog::Confirm(Confirm {
            title: format!("Apply to {}?", count_label(count)),
            lines: describe(&write.change),
            count,
            write,
            yes_selected: false,
        }));
        return Vec::new();
    }
    send(state, write)
}

/// Queues a write: the rows change at once with a pending marker.
pub(crate) fn send(state: &mut State, write: TriageWrite) -> Vec<Effect> {
    let req = state.req();
    let pending = apply_optimistic(&mut state.rows, req, &write);
    state.pending.push(pending);
    state.marks.end_range();
    if write.change.comment.is_some() && write.alert_ids.len() > 1 {
        state.bulk_draft = None;
    }
    update_list::rebuild(state);
    let text = format!(
        "Sending {} ({})",
        describe(&write.change).join(", "),
        count_label(write.alert_ids.len())
    );
    state.notify(Level::Info, text);
    vec![Effect::Write { req, write }]
}

/// `a`.
pub(crate) fn assign_me(state: &mut State) -> Vec<Effect> {
    if state.config.identity.is_empty() {
        state.notify(
            Level::Warn,
            "No identity configured: use 'A' to assign to someone",
        );
        return Vec::new();
    }
    let Some(ids) = targets_or_say(state) else {
        return Vec::new();
    };
    let change = TriageChange {
        assigned_to: Some(state.config.identity.clone()),
        ..Default::default()
    };
    submit(state, ids, change)
}

/// `A`: text input with recent owners.
pub(crate) fn open_assign_to(state: &mut State) -> Vec<Effect> {
    if state.targets().is_empty() {
        state.notify(Level::Info, "No alert selected");
        return Vec::new();
    }
    state.dialogs.push(Dialog::Input(Input {
        kind: InputKind::AssignTo,
        line: LineInput::default(),
        original: String::new(),
        suggestions: state.recent_owners.clone(),
        selected: 0,
    }));
    Vec::new()
}

/// The owner typed (or the highlighted suggestion when nothing was typed), checked.
pub(crate) fn assign_to(state: &mut State, typed: &str, suggestion: Option<String>) -> Vec<Effect> {
    let owner = match typed.trim() {
        "" => suggestion.unwrap_or_default(),
        t => t.to_string(),
    };
    if owner.is_empty() {
        state.notify(Level::Warn, "Type an owner (UPN)");
        return Vec::new();
    }
    if owner.chars().count() > MAX_OWNER || owner.chars().any(char::is_control) {
        state.notify(Level::Error, "Not a valid owner name");
        return Vec::new();
    }
    state
        .recent_owners
        .retain(|o| !o.eq_ignore_ascii_case(&owner));
    state.recent_owners.insert(0, owner.clone());
    state.recent_owners.truncate(10);
    let Some(ids) = targets_or_say(state) else {
        return Vec::new();
    };
    let change = TriageChange {
        assigned_to: Some(owner),
        ..Default::default()
    };
    submit(state, ids, change)
}

fn status_label(s: &Status) -> &str {
    match s {
        Status::InProgress => "In progress",
        other => other.as_str(),
    }
}

/// `S`.
pub(crate) fn open_status_menu(state: &mut State) -> Vec<Effect> {
    let Some(ids) = targets_or_say(state) else {
        return Vec::new();
    };
    let current = match ids.as_slice() {
        [one] => state.rows.get(one).map(|r| r.status.clone()),
        _ => None,
    };
    let items = Status::SETTABLE
        .iter()
        .map(|s| {
            let mut label = status_label(s).to_string();
            if current.as_ref() == Some(s) {
                label.push_str(" (current)");
            }
            (label, MenuValue::Status(s.clone()))
        })
        .collect();
    let title = format!("Status of {}", count_label(ids.len()));
    state.dialogs.push(Dialog::Menu(Menu::new(title, items, 0)));
    Vec::new()
}

/// `c`: the classifications; a determination menu follows.
pub(crate) fn open_classify_menu(state: &mut State) -> Vec<Effect> {
    let Some(ids) = targets_or_say(state) else {
        return Vec::new();
    };
    let items = Classification::SETTABLE
        .iter()
        .map(|c| (c.label().to_string(), MenuValue::Classification(c.clone())))
        .collect();
    let title = format!("Classify {}", count_label(ids.len()));
    state.dialogs.push(Dialog::Menu(Menu::new(title, items, 0)));
    Vec::new()
}

/// After a classification: only the determinations valid for it.
pub(crate) fn open_determination_menu(state: &mut State, c: Classification) -> Vec<Effect> {
    let items = c
        .determinations()
        .iter()
        .map(|d| {
            (
                d.label().to_string(),
                MenuValue::Determination(c.clone(), d.clone()),
            )
        })
        .collect();
    let title = format!("{} — determination", c.label());
    state.dialogs.push(Dialog::Menu(Menu::new(title, items, 0)));
    Vec::new()
}

/// Status chosen.
pub(crate) fn set_status(state: &mut State, s: Status) -> Vec<Effect> {
    let Some(ids) = targets_or_say(state) else {
        return Vec::new();
    };
    let change = TriageChange {
        status: Some(s),
        ..Default::default()
    };
    submit(state, ids, change)
}

/// Classification and determination chosen.
pub(crate) fn classify(state: &mut State, c: Classification, d: Determination) -> Vec<Effect> {
    let Some(ids) = targets_or_say(state) else {
        return Vec::new();
    };
    let change = TriageChange {
        classification: Some(c),
        determination: Some(d),
        ..Default::default()
    };
    submit(state, ids, change)
}

/// `C`: the editor, holding any saved draft.
pub(crate) fn open_comment_editor(state: &mut State) -> Vec<Effect> {
    let Some(ids) = targets_or_say(state) else {
        return Vec::new();
    };
    let draft = match ids.as_slice() {
        [one] => state.drafts.get(one).cloned().or_else(|| {
            state
                .loaded_detail()
                .filter(|d| d.alert.id == *one)
                .and_then(|d| d.draft.clone())
        }),
        _ => state.bulk_draft.clone(),
    };
    let textarea = match draft {
        Some(text) => TextArea::from(text.split('\n')),
        None => TextArea::default(),
    };
    state.dialogs.push(Dialog::Editor(Box::new(Editor {
        alert_ids: ids,
        textarea,
    })));
    Vec::new()
}

/// Ctrl-S in the editor.
pub(crate) fn send_comment(state: &mut State) -> Vec<Effect> {
    let Some(Dialog::Editor(ed)) = state.dialogs.last() else {
        return Vec::new();
    };
    let text = ed.text();
    if text.trim().is_empty() {
        state.notify(Level::Warn, "The comment is empty");
        return Vec::new();
    }
    let ids = ed.alert_ids.clone();
    state.dialogs.pop();
    let change = TriageChange {
        comment: Some(text.trim_end().to_string()),
        ..Default::default()
    };
    let mut effects = Vec::new();
    match ids.as_slice() {
        [one] => {
            // The write is in the outbox before the draft goes: nothing typed is lost.
            effects.extend(submit(state, ids.clone(), change));
            if state.drafts.remove(one).is_some() || had_saved_draft(state, one) {
                effects.push(Effect::SaveDraft {
                    alert_id: one.clone(),
                    text: String::new(),
                });
            }
        }
        _ => {
            state.bulk_draft = Some(text);
            effects.extend(submit(state, ids, change));
        }
    }
    effects
}

fn had_saved_draft(state: &State, id: &str) -> bool {
    state
        .loaded_detail()
        .is_some_and(|d| d.alert.id == id && d.draft.is_some())
}

/// Esc in the editor: close it and keep the text as a draft.
pub(crate) fn close_editor(state: &mut State) -> Vec<Effect> {
    let Some(Dialog::Editor(ed)) = state.dialogs.pop() else {
        return Vec::new();
    };
    let text = ed.text();
    match ed.alert_ids.as_slice() {
        [one] => {
            let keep = !text.trim().is_empty();
            if keep {
                state.drafts.insert(one.clone(), text.clone());
                state.notify(Level::Info, "Draft kept");
            } else {
                state.drafts.remove(one);
            }
            if let Some(d) = state.detail.as_mut()
                && d.alert_id == *one
                && let super::state::DetailLoad::Loaded(det) = &mut d.load
            {
                det.draft = keep.then(|| text.clone());
            }
            vec![Effect::SaveDraft {
                alert_id: one.clone(),
                text: if keep { text } else { String::new() },
            }]
        }
        _ => {
            state.bulk_draft = (!text.trim().is_empty()).then_some(text);
            Vec::new()
        }
    }
}
