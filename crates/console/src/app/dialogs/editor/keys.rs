//! The comment editor: `C` opens it on the targets with any saved draft, Ctrl-S sends, Esc
//! closes and keeps the text as a draft (saved through the store, so nothing typed is lost).

use super::state::{Editor, EditorPurpose};
use crate::app::chrome::toasts::Level;
use crate::app::detail::state::DetailLoad;
use crate::app::dialogs::Dialog;
use crate::app::effects::Effects;
use crate::app::keymap::action::Action;
use crate::app::state::State;
use crate::app::triage::actions::{subject_or_say, submit};
use crossterm::event::KeyEvent;
use mde_model::protocol::{Effect, TriageChange};
use ratatui_textarea::TextArea;

/// `C`: the editor, holding any saved draft.
pub(crate) fn open(state: &mut State) {
    let Some(subject) = subject_or_say(state) else {
        return;
    };
    // An incident's draft is kept apart from any alert's.
    let ids = if subject.is_incident() {
        crate::app::incidents::triage::draft_keys(&subject)
    } else {
        subject.ids.clone()
    };
    let draft = match ids.as_slice() {
        [one] => state.triage.drafts.get(one).cloned().or_else(|| {
            state
                .loaded_detail()
                .filter(|d| d.alert.id == *one)
                .and_then(|d| d.draft.clone())
        }),
        _ => state.triage.bulk_draft.clone(),
    };
    let textarea = match draft {
        Some(text) => TextArea::from(text.split('\n')),
        None => TextArea::default(),
    };
    state.dialogs.push(Dialog::Editor(Box::new(Editor {
        alert_ids: ids,
        subject: Some(subject),
        textarea,
        purpose: EditorPurpose::Comment,
    })));
}

/// An action while the editor is on top.
pub(crate) fn on_action(state: &mut State, action: Action) -> Effects {
    match action {
        Action::SendComment => send(state),
        Action::Back => close(state),
        _ => Effects::none(),
    }
}

/// Any other key edits the text.
pub(crate) fn on_key(state: &mut State, key: KeyEvent) {
    if let Some(Dialog::Editor(ed)) = state.dialogs.last_mut() {
        ed.textarea.input(key);
    }
}

/// Pasted text goes in as typed prose: line breaks and tabs are kept, other controls dropped
/// (an escape sequence is not prose).
pub(crate) fn on_paste(state: &mut State, text: &str) {
    if let Some(Dialog::Editor(ed)) = state.dialogs.last_mut() {
        let clean: String = text
            .replace("\r\n", "\n")
            .chars()
            .filter(|c| !c.is_control() || *c == '\n' || *c == '\t')
            .collect();
        ed.textarea.insert_str(clean);
    }
}

/// Ctrl-S: sends the comment; for one alert the saved draft is cleared after the write is
/// queued.
fn send(state: &mut State) -> Effects {
    let Some(Dialog::Editor(ed)) = state.dialogs.last() else {
        return Effects::none();
    };
    let text = ed.text();
    if ed.purpose == EditorPurpose::Resolve {
        return resolve(state, &text);
    }
    if text.trim().is_empty() {
        state.notify(Level::Warn, "The comment is empty");
        return Effects::none();
    }
    let ids = ed.alert_ids.clone();
    let subject = ed
        .subject
        .clone()
        .unwrap_or_else(|| crate::app::subject::state::Subject {
            name: crate::app::triage::write::count_label(ids.len()),
            ids: ids.clone(),
            kind: crate::app::subject::state::SubjectKind::Cursor,
            hidden: 0,
        });
    state.dialogs.pop();
    let change = TriageChange {
        comment: Some(text.trim_end().to_string()),
        ..Default::default()
    };
    let mut effects = Effects::none();
    match ids.as_slice() {
        [one] => {
            // The write is in the outbox before the draft goes: nothing typed is lost.
            effects.extend(submit(state, &subject, change));
            if state.triage.drafts.remove(one).is_some() || had_saved_draft(state, one) {
                effects.push(Effect::SaveDraft {
                    alert_id: one.clone(),
                    text: String::new(),
                });
            }
        }
        _ => {
            state.triage.bulk_draft = Some(text);
            effects.extend(submit(state, &subject, change));
        }
    }
    effects
}

/// Ctrl-S in the resolving editor: resolves the captured incident(s) (the text may be empty);
/// the draft goes once the write is queued.
fn resolve(state: &mut State, text: &str) -> Effects {
    let Some(Dialog::Editor(ed)) = state.dialogs.pop() else {
        return Effects::none();
    };
    let Some(subject) = ed.subject else {
        return Effects::none();
    };
    let mut effects = crate::app::incidents::triage::resolve(state, &subject, text);
    for key in ed.alert_ids {
        if state.triage.drafts.remove(&key).is_some() {
            effects.push(Effect::SaveDraft {
                alert_id: key,
                text: String::new(),
            });
        }
    }
    effects
}

fn had_saved_draft(state: &State, id: &str) -> bool {
    state
        .loaded_detail()
        .is_some_and(|d| d.alert.id == id && d.draft.is_some())
}

/// Esc: close the editor and keep the text as a draft.
fn close(state: &mut State) -> Effects {
    let Some(Dialog::Editor(ed)) = state.dialogs.pop() else {
        return Effects::none();
    };
    let text = ed.text();
    match ed.alert_ids.as_slice() {
        [one] => {
            let keep = !text.trim().is_empty();
            if keep {
                state.triage.drafts.insert(one.clone(), text.clone());
                state.notify(Level::Info, "Draft kept");
            } else {
                state.triage.drafts.remove(one);
            }
            if let Some(d) = state.detail.as_mut()
                && d.alert_id == *one
                && let DetailLoad::Loaded(det) = &mut d.load
            {
                det.draft = keep.then(|| text.clone());
            }
            Effects::one(Effect::SaveDraft {
                alert_id: one.clone(),
                text: if keep { text } else { String::new() },
            })
        }
        _ => {
            state.triage.bulk_draft = (!text.trim().is_empty()).then_some(text);
            Effects::none()
        }
    }
}
