//! Confirming one response action: the device named, what will happen to it, the comment the API
//! requires (pre-filled in the documentation's style), and for a disruptive action (isolate,
//! restrict, stop and quarantine) the device's name typed. Ctrl-S sends it at once (never
//! queued); Enter in the name field too. Anything wrong keeps the form open and says what.

use super::state::{ActionForm, Field, ResponseDialog};
use super::text;
use crate::app::chrome::toasts::Level;
use crate::app::device::state::Asked;
use crate::app::device::target::Target;
use crate::app::device::words::describe;
use crate::app::dialogs::Dialog;
use crate::app::dialogs::line_input::LineInput;
use crate::app::effects::Effects;
use crate::app::keymap::action::Action;
use crate::app::state::State;
use crossterm::event::{KeyCode, KeyEvent};
use mde_model::device::{ActionRequest, Phase, ResponseAction};
use mde_model::protocol::Effect;

/// Opens the form for `action` on `target`; `file` names the file of a stop and quarantine.
pub(crate) fn open(
    state: &mut State,
    target: Target,
    action: ResponseAction,
    file: Option<String>,
) {
    // The alert's title is the attacker's text: the comment quotes it sanitised.
    let title = target.alert_title.as_deref().map(|t| {
        mde_text::sanitize_line(&super::offers::cut(t, 120))
            .text
            .into_owned()
    });
    let comment = action.default_comment(target.alert_id.as_deref(), title.as_deref());
    let mut warnings = Vec::new();
    if let Some(o) = &target.offline {
        warnings.push(o.clone());
    }
    let unknown = match &action {
        ResponseAction::Isolate { .. } | ResponseAction::Release => {
            target.isolation == Phase::Unknown
        }
        ResponseAction::Restrict | ResponseAction::Unrestrict => {
            target.restriction == Phase::Unknown
        }
        _ => false,
    };
    if unknown {
        warnings.push(
            "Its current state is unknown (no such action in its history): check the portal if in doubt"
                .to_string(),
        );
    }
    if target.windows().is_none()
        && matches!(
            action,
            ResponseAction::Restrict | ResponseAction::StopAndQuarantine { .. }
        )
    {
        warnings.push("Its platform is unknown: this action works on Windows only".to_string());
    }
    let confirm = action.is_disruptive().then(LineInput::default);
    state
        .dialogs
        .push(Dialog::Response(Box::new(ResponseDialog::Action(
            Box::new(ActionForm {
                target,
                action,
                file,
                comment: text::area(&comment),
                field: if confirm.is_some() {
                    Field::Confirm
                } else {
                    Field::Comment
                },
                confirm,
                warnings,
                error: None,
            }),
        ))));
}

fn form(state: &mut State) -> Option<&mut ActionForm> {
    match state.dialogs.last_mut() {
        Some(Dialog::Response(r)) => match &mut **r {
            ResponseDialog::Action(f) => Some(f),
            _ => None,
        },
        _ => None,
    }
}

/// An action while the form is on top.
pub(crate) fn on_action(state: &mut State, action: Action) -> Effects {
    match action {
        Action::SendAction => send(state),
        Action::Back => {
            state.dialogs.pop();
            state.notify(Level::Info, "Cancelled: nothing was sent");
            Effects::none()
        }
        Action::NextPane | Action::PrevPane => {
            if let Some(f) = form(state)
                && f.confirm.is_some()
            {
                f.field = match f.field {
                    Field::Comment => Field::Confirm,
                    Field::Confirm => Field::Comment,
                };
            }
            Effects::none()
        }
        _ => Effects::none(),
    }
}

/// A key typed into the field with the focus; Enter in the name field sends.
pub(crate) fn on_key(state: &mut State, key: KeyEvent) -> Effects {
    let Some(f) = form(state) else {
        return Effects::none();
    };
    match (f.field, &mut f.confirm) {
        (Field::Confirm, Some(c)) => {
            if key.code == KeyCode::Enter {
                return send(state);
            }
            if c.handle(key) {
                f.error = None;
            }
        }
        _ => text::input(&mut f.comment, key),
    }
    Effects::none()
}

/// Pasted text goes into the field with the focus.
pub(crate) fn on_paste(state: &mut State, pasted: &str) {
    if let Some(f) = form(state) {
        match (f.field, &mut f.confirm) {
            (Field::Confirm, Some(c)) => {
                c.insert_str(pasted);
            }
            _ => text::paste(&mut f.comment, pasted),
        }
    }
}

/// Ctrl-S: checks, then sends the action at once.
fn send(state: &mut State) -> Effects {
    let read_only = state.config.read_only;
    let profile = state.config.profile.clone();
    let Some(f) = form(state) else {
        return Effects::none();
    };
    let comment = text::text_of(&f.comment);
    let refuse = |f: &mut ActionForm, field: Option<Field>, why: String| {
        if let Some(field) = field {
            f.field = field;
        }
        f.error = Some(why);
        Effects::none()
    };
    if read_only {
        return refuse(
            f,
            None,
            format!("Read-only mode: profile {profile} sends no response actions"),
        );
    }
    if comment.trim().is_empty() {
        return refuse(
            f,
            Some(Field::Comment),
            "Write why: the service records a comment with every action".into(),
        );
    }
    if text::too_long(&comment) {
        return refuse(
            f,
            Some(Field::Comment),
            "The comment is too long (1,000 characters at most)".into(),
        );
    }
    if let Some(c) = &f.confirm
        && !f.target.confirmed_by(c.text())
    {
        let why = if c.text().trim().is_empty() {
            format!("Type {} to confirm", f.target.short())
        } else {
            format!(
                "'{}' is not this device: type {} to confirm",
                c.text().trim(),
                f.target.short()
            )
        };
        return refuse(f, Some(Field::Confirm), why);
    }
    let perm = f.action.permission();
    if f.target.lacks(perm) {
        return refuse(
            f,
            None,
            format!("The token lacks {perm}: grant it and sign in again"),
        );
    }
    let request = ActionRequest {
        machine_id: f.target.machine_id.clone(),
        device_name: Some(f.target.name.clone()),
        action: f.action.clone(),
        comment,
        alert_id: f.target.alert_id.clone(),
    };
    if let Err(why) = request.validate() {
        return refuse(f, None, why);
    }
    state.dialogs.pop();
    Effects::one(run(state, request))
}

/// Records what is asked and returns the effect that sends it.
pub(crate) fn run(state: &mut State, request: ActionRequest) -> Effect {
    let req = state.req();
    state.notify(Level::Info, format!("Sending {}…", describe(&request)));
    state.device.asked.insert(req, Asked::Run(request.clone()));
    Effect::RunAction { req, request }
}
