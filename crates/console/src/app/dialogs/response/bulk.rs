//! Isolating the devices of the marked alerts: the distinct device names of the marked alerts
//! are looked up (one `LoadDevice` each, by one of its alerts), names of the same machine fold
//! into one line, devices already isolated (or isolating) are left out, and the confirmation
//! lists the devices with their count. The analyst types the count, or `isolate`, and writes the
//! comment; one `RunAction` goes out per device.

use super::form::run;
use super::offers::cut;
use super::state::{BulkDevice, BulkForm, BulkStatus, Field, ResponseDialog};
use super::text;
use crate::app::chrome::toasts::Level;
use crate::app::device::follow;
use crate::app::device::lines::build;
use crate::app::device::target::Target;
use crate::app::dialogs::Dialog;
use crate::app::dialogs::line_input::LineInput;
use crate::app::effects::Effects;
use crate::app::keymap::action::Action;
use crate::app::state::State;
use crossterm::event::{KeyCode, KeyEvent};
use mde_model::device::{
    ActionRequest, DeviceContext, DeviceSubject, IsolationType, ResponseAction,
};
use mde_model::protocol::{Effect, RequestId};

/// The most devices isolated at once (each lookup costs two calls of the shared budget).
pub const MAX_DEVICES: usize = 25;

/// Starts the bulk isolation of the devices of `alert_ids` (named `subject`).
pub(crate) fn start(
    state: &mut State,
    alert_ids: &[String],
    subject: String,
    isolation: IsolationType,
) -> Effects {
    let mut devices: Vec<BulkDevice> = Vec::new();
    let mut no_device = 0;
    for id in alert_ids {
        let name = state
            .list
            .rows
            .get(id)
            .and_then(|r| r.device.clone())
            .map(|d| d.trim().to_string())
            .filter(|d| !d.is_empty());
        let Some(name) = name else {
            no_device += 1;
            continue;
        };
        match devices
            .iter_mut()
            .find(|d| d.name.eq_ignore_ascii_case(&name))
        {
            Some(d) => d.alert_ids.push(id.clone()),
            None => devices.push(BulkDevice {
                name,
                alert_ids: vec![id.clone()],
                status: BulkStatus::Resolving(0),
            }),
        }
    }
    if devices.is_empty() {
        state.notify(Level::Info, "None of the marked alerts names a device");
        return Effects::none();
    }
    if devices.len() > MAX_DEVICES {
        state.notify(
            Level::Warn,
            format!(
                "The marked alerts are on {} devices: isolate at most {MAX_DEVICES} at once (mark fewer)",
                devices.len()
            ),
        );
        return Effects::none();
    }
    let mut fx = Effects::none();
    for d in &mut devices {
        let req = state.req();
        d.status = BulkStatus::Resolving(req);
        fx.push(Effect::LoadDevice {
            req,
            subject: DeviceSubject::Alert {
                alert_id: d.alert_ids[0].clone(),
            },
        });
    }
    let firsts: Vec<&str> = alert_ids.iter().take(3).map(String::as_str).collect();
    let more = if alert_ids.len() > 3 { ", …" } else { "" };
    let how = isolation.as_str().to_ascii_lowercase();
    let comment = format!(
        "Isolate ({how}) due to {} marked alerts ({}{more})",
        alert_ids.len(),
        firsts.join(", ")
    );
    state
        .dialogs
        .push(Dialog::Response(Box::new(ResponseDialog::Bulk(Box::new(
            BulkForm {
                isolation,
                subject,
                alerts: alert_ids.len(),
                no_device,
                devices,
                comment: text::area(&comment),
                confirm: LineInput::default(),
                field: Field::Confirm,
                error: None,
            },
        )))));
    fx
}

/// A device lookup answered: the bulk form waiting for `req` takes it (others drop it).
pub(crate) fn on_loaded(
    state: &mut State,
    req: RequestId,
    answer: Result<Box<DeviceContext>, String>,
) -> Effects {
    let Some((di, li)) = waiting(state, req) else {
        return Effects::none();
    };
    let first_alert = match &state.dialogs[di] {
        Dialog::Response(r) => match &**r {
            ResponseDialog::Bulk(b) => b.devices[li].alert_ids[0].clone(),
            _ => return Effects::none(),
        },
        _ => return Effects::none(),
    };
    let status = match answer {
        Ok(ctx) => {
            for s in &ctx.sends {
                state.device.remember(s.clone(), false);
            }
            let lines = build(&ctx, state.device.sends_to(&ctx.machine.id));
            let title = state.list.rows.get(&first_alert).map(|r| r.title.clone());
            let target = Target::of(
                &ctx,
                &lines,
                Some(&first_alert),
                title.as_deref(),
                state.now,
            );
            BulkStatus::Ready(Box::new(target))
        }
        Err(e) => BulkStatus::Failed(crate::app::device::words::no_device_words(&e)),
    };
    if let Dialog::Response(r) = &mut state.dialogs[di]
        && let ResponseDialog::Bulk(b) = &mut **r
    {
        // Another name of a machine already listed folds into its line.
        let dup = match &status {
            BulkStatus::Ready(t) => b.devices.iter().position(|d| {
                matches!(&d.status, BulkStatus::Ready(o) if o.machine_id.eq_ignore_ascii_case(&t.machine_id))
            }),
            _ => None,
        };
        match dup {
            Some(first) => {
                let moved = b.devices[li].alert_ids.clone();
                let name = b.devices[first].name.clone();
                b.devices[first].alert_ids.extend(moved);
                b.devices[li].status = BulkStatus::Duplicate(name);
            }
            None => b.devices[li].status = status,
        }
    }
    Effects::none()
}

/// The (dialog, device) waiting for `req`.
fn waiting(state: &State, req: RequestId) -> Option<(usize, usize)> {
    state
        .dialogs
        .iter()
        .enumerate()
        .find_map(|(di, d)| match d {
            Dialog::Response(r) => match &**r {
                ResponseDialog::Bulk(b) => b
                    .devices
                    .iter()
                    .position(|x| x.status == BulkStatus::Resolving(req))
                    .map(|li| (di, li)),
                _ => None,
            },
            _ => None,
        })
}

fn form(state: &mut State) -> Option<&mut BulkForm> {
    match state.dialogs.last_mut() {
        Some(Dialog::Response(r)) => match &mut **r {
            ResponseDialog::Bulk(f) => Some(f),
            _ => None,
        },
        _ => None,
    }
}

/// An action while the bulk form is on top.
pub(crate) fn on_action(state: &mut State, action: Action) -> Effects {
    match action {
        Action::SendAction => send(state),
        Action::Back => {
            state.dialogs.pop();
            state.notify(Level::Info, "Cancelled: no device was isolated");
            rewatch(state)
        }
        Action::NextPane | Action::PrevPane => {
            if let Some(f) = form(state) {
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

/// Keys go to the field with the focus; Enter in the confirmation sends.
pub(crate) fn on_key(state: &mut State, key: KeyEvent) -> Effects {
    let Some(f) = form(state) else {
        return Effects::none();
    };
    match f.field {
        Field::Confirm if key.code == KeyCode::Enter => return send(state),
        Field::Confirm => {
            if f.confirm.handle(key) {
                f.error = None;
            }
        }
        Field::Comment => text::input(&mut f.comment, key),
    }
    Effects::none()
}

/// Pasted text goes into the field with the focus.
pub(crate) fn on_paste(state: &mut State, pasted: &str) {
    if let Some(f) = form(state) {
        match f.field {
            Field::Confirm => {
                f.confirm.insert_str(pasted);
            }
            Field::Comment => text::paste(&mut f.comment, pasted),
        }
    }
}

fn send(state: &mut State) -> Effects {
    let read_only = state.config.read_only;
    let Some(f) = form(state) else {
        return Effects::none();
    };
    let refuse = |f: &mut BulkForm, field: Option<Field>, why: String| {
        if let Some(field) = field {
            f.field = field;
        }
        f.error = Some(why);
        Effects::none()
    };
    if read_only {
        return refuse(f, None, "Read-only mode: no device can be isolated".into());
    }
    let waiting = f.resolving();
    if waiting > 0 {
        return refuse(
            f,
            None,
            format!("Wait: {waiting} device(s) are still being looked up"),
        );
    }
    let n = f.to_isolate().count();
    if n == 0 {
        return refuse(
            f,
            None,
            "Nothing to isolate: every device found is isolated already or on its way".into(),
        );
    }
    let lacking = f
        .to_isolate()
        .any(|d| matches!(&d.status, BulkStatus::Ready(t) if t.lacks("Machine.Isolate")));
    if lacking {
        return refuse(
            f,
            None,
            "The token lacks Machine.Isolate: grant it and sign in again".into(),
        );
    }
    let comment = text::text_of(&f.comment);
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
    let typed = f.confirm.text().trim().to_string();
    if typed != n.to_string() && !typed.eq_ignore_ascii_case("isolate") {
        let why = format!("Type {n} (the number of devices) or 'isolate' to confirm");
        return refuse(f, Some(Field::Confirm), why);
    }
    let requests: Vec<ActionRequest> = f
        .to_isolate()
        .filter_map(|d| match &d.status {
            BulkStatus::Ready(t) => Some(ActionRequest {
                machine_id: t.machine_id.clone(),
                device_name: Some(t.name.clone()),
                action: ResponseAction::Isolate {
                    isolation: f.isolation.clone(),
                },
                comment: comment.clone(),
                alert_id: d.alert_ids.first().cloned(),
            }),
            _ => None,
        })
        .collect();
    let names: Vec<String> = requests.iter().map(|r| cut(r.device_label(), 30)).collect();
    state.dialogs.pop();
    let mut fx = Effects::none();
    for r in requests {
        fx.push(run(state, r));
    }
    state.notify(
        Level::Info,
        format!(
            "Isolating {n} device{}: {}",
            if n == 1 { "" } else { "s" },
            names.join(", ")
        ),
    );
    fx.extend(rewatch(state));
    fx
}

/// The lookups moved the watched device: the panel's device is watched again (or none).
fn rewatch(state: &mut State) -> Effects {
    match state.device.panel.as_ref().map(|p| p.alert_id.clone()) {
        Some(alert_id) => follow::load(state, alert_id, true),
        None => Effects::one(Effect::UnwatchDevice),
    }
}
