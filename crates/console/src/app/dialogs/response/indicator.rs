//! Adding an indicator from an evidence value (a file's hash, an IP, a URL or its domain): which
//! value, what to do (block, warn, audit or allow; block and remediate for a file hash only: the
//! service's declared values), when it expires, the severity
//! of the alerts it raises, and the title and description the API requires. Internal IP
//! addresses are refused before sending (the service takes external ones only). Indicators are
//! tenant-wide: the form says so.

use super::offers::cut;
use super::seed::seeds;
use super::state::{
    EXPIRIES, IndicatorField, IndicatorForm, IndicatorSeed, ResponseDialog, SEVERITIES,
};
use super::text;
use crate::app::chrome::toasts::Level;
use crate::app::dialogs::Dialog;
use crate::app::dialogs::line_input::LineInput;
use crate::app::effects::Effects;
use crate::app::keymap::action::Action;
use crate::app::state::State;
use crate::app::subject::rule::subject;
use crossterm::event::{KeyCode, KeyEvent};
use mde_model::Timestamp;
use mde_model::device::{IndicatorAction, IndicatorType, NewIndicator};
use mde_model::protocol::Effect;
use std::net::IpAddr;

/// Longest title sent.
const MAX_TITLE: usize = 200;

/// Opens the form for `seed`; `granted` are the token's permissions when known.
pub(crate) fn open(state: &mut State, seed: IndicatorSeed, granted: Option<Vec<String>>) {
    // The alert's title is the attacker's text: the defaults quote it sanitised.
    let (id, title) = (
        seed.alert_id.clone().unwrap_or_default(),
        mde_text::sanitize_line(seed.alert_title.as_deref().unwrap_or_default())
            .text
            .into_owned(),
    );
    let heading = cut(&format!("mde-triage: alert {id} {title}"), MAX_TITLE);
    let description = format!(
        "Added from alert {id} ({}) by {}",
        cut(&title, 120),
        state.config.identity
    );
    state
        .dialogs
        .push(Dialog::Response(Box::new(ResponseDialog::Indicator(
            Box::new(IndicatorForm {
                seed,
                value: 0,
                action: 0,
                expiry: 1,
                severity: 2,
                title: LineInput::new(heading),
                description: text::area(&description),
                field: IndicatorField::Value,
                granted,
                error: None,
            }),
        ))));
}

/// `:indicator`: the form for the evidence at hand of the subject alert.
pub(crate) fn open_from_evidence(state: &mut State) {
    let Some(s) = subject(state) else {
        state.notify(Level::Info, "No alert selected");
        return;
    };
    let [alert_id] = s.ids.as_slice() else {
        state.notify(
            Level::Info,
            "An indicator comes from one alert's evidence: open one alert",
        );
        return;
    };
    match seeds(state, alert_id).indicator {
        Some(seed) => {
            let granted = state
                .device
                .panel
                .as_ref()
                .and_then(|p| p.context())
                .and_then(|c| c.granted.clone());
            open(state, seed, granted);
        }
        None => state.notify(
            Level::Info,
            "Move to a file, IP or URL in the evidence tree first (Tab to Evidence), then add the indicator",
        ),
    }
}

fn form(state: &mut State) -> Option<&mut IndicatorForm> {
    match state.dialogs.last_mut() {
        Some(Dialog::Response(r)) => match &mut **r {
            ResponseDialog::Indicator(f) => Some(f),
            _ => None,
        },
        _ => None,
    }
}

/// An action while the form is on top.
pub(crate) fn on_action(state: &mut State, action: Action) -> Effects {
    match action {
        Action::SendAction => return send(state),
        Action::Back => {
            state.dialogs.pop();
            state.notify(Level::Info, "Cancelled: no indicator was added");
        }
        Action::NextPane | Action::PrevPane => {
            if let Some(f) = form(state) {
                let order = IndicatorField::ORDER;
                let i = order.iter().position(|x| *x == f.field).unwrap_or(0);
                let n = order.len();
                let next = if action == Action::NextPane {
                    (i + 1) % n
                } else {
                    (i + n - 1) % n
                };
                f.field = order[next];
            }
        }
        _ => {}
    }
    Effects::none()
}

/// Keys: ←/→ (or Space) change a choice; text goes into the title or the description.
pub(crate) fn on_key(state: &mut State, key: KeyEvent) {
    let Some(f) = form(state) else {
        return;
    };
    let step = match key.code {
        KeyCode::Right | KeyCode::Char(' ') => Some(1),
        KeyCode::Left => Some(-1),
        _ => None,
    };
    let cycle = |i: &mut usize, n: usize, d: isize| {
        *i = (*i as isize + d).rem_euclid(n.max(1) as isize) as usize;
    };
    match (f.field, step) {
        (IndicatorField::Value, Some(d)) => {
            // The action stays what it was when the new value's type offers it, else Block.
            let (was, _) = f.chosen_action();
            cycle(&mut f.value, f.seed.values.len(), d);
            f.action = f.actions().iter().position(|(a, _)| *a == was).unwrap_or(0);
        }
        (IndicatorField::Action, Some(d)) => {
            let n = f.actions().len();
            cycle(&mut f.action, n, d);
        }
        (IndicatorField::Expiry, Some(d)) => cycle(&mut f.expiry, EXPIRIES.len(), d),
        (IndicatorField::Severity, Some(d)) => cycle(&mut f.severity, SEVERITIES.len(), d),
        (IndicatorField::Title, _) => {
            if key.code == KeyCode::Enter {
                f.field = IndicatorField::Description;
            } else if f.title.text().chars().count() < MAX_TITLE || key.code == KeyCode::Backspace {
                f.title.handle(key);
            }
        }
        (IndicatorField::Description, _) => text::input(&mut f.description, key),
        (_, None) if key.code == KeyCode::Enter => {
            let order = IndicatorField::ORDER;
            let i = order.iter().position(|x| *x == f.field).unwrap_or(0);
            f.field = order[(i + 1).min(order.len() - 1)];
        }
        _ => {}
    }
    f.error = None;
}

/// Pasted text goes into the title or the description.
pub(crate) fn on_paste(state: &mut State, pasted: &str) {
    if let Some(f) = form(state) {
        match f.field {
            IndicatorField::Title => {
                f.title.insert_str(pasted);
            }
            IndicatorField::Description => text::paste(&mut f.description, pasted),
            _ => {}
        }
    }
}

/// Why an IP address cannot be an indicator (the service takes external addresses only).
pub fn internal_ip(ip: &str) -> Option<&'static str> {
    let Ok(addr) = ip.trim().parse::<IpAddr>() else {
        return Some("it is not an IP address");
    };
    let internal = match addr {
        IpAddr::V4(v) => {
            v.is_private()
                || v.is_loopback()
                || v.is_link_local()
                || v.is_unspecified()
                || v.is_broadcast()
        }
        IpAddr::V6(v) => {
            let seg = v.segments()[0];
            v.is_loopback()
                || v.is_unspecified()
                || (seg & 0xfe00) == 0xfc00
                || (seg & 0xffc0) == 0xfe80
        }
    };
    internal.then_some("it is an internal address (private, loopback or link-local); the service takes external IPs only")
}

fn send(state: &mut State) -> Effects {
    let read_only = state.config.read_only;
    let now = state.now;
    let Some(f) = form(state) else {
        return Effects::none();
    };
    let refuse = |f: &mut IndicatorForm, why: String| {
        f.error = Some(why);
        Effects::none()
    };
    if read_only {
        return refuse(f, "Read-only mode: no indicator can be added".into());
    }
    let Some((kind, value)) = f.seed.values.get(f.value).cloned() else {
        return refuse(f, "No value to make an indicator of".into());
    };
    if kind == IndicatorType::IpAddress
        && let Some(why) = internal_ip(&value)
    {
        return refuse(f, format!("{value} cannot be an indicator: {why}"));
    }
    let title = f.title.text().trim().to_string();
    let description = text::text_of(&f.description);
    if title.is_empty() {
        f.field = IndicatorField::Title;
        return refuse(f, "A title is required".into());
    }
    if description.trim().is_empty() {
        f.field = IndicatorField::Description;
        return refuse(f, "A description is required".into());
    }
    if let Some(g) = &f.granted
        && !g.iter().any(|p| {
            p.eq_ignore_ascii_case("Ti.ReadWrite") || p.eq_ignore_ascii_case("Ti.ReadWrite.All")
        })
    {
        return refuse(
            f,
            "The token lacks Ti.ReadWrite (or Ti.ReadWrite.All): grant it and sign in again".into(),
        );
    }
    let (days, _) = EXPIRIES[f.expiry.min(EXPIRIES.len() - 1)];
    let expiration_time = match (days, now) {
        (0, _) => None,
        (d, Some(now)) => Some(Timestamp(now.0 + chrono::Duration::days(i64::from(d)))),
        (_, None) => {
            return refuse(
                f,
                "The clock is not known yet: try again in a moment".into(),
            );
        }
    };
    let (action, action_word) = f.chosen_action();
    let severity = SEVERITIES[f.severity.min(SEVERITIES.len() - 1)].clone();
    let generate_alert = (action == IndicatorAction::Audit).then_some(true);
    let indicator = NewIndicator {
        indicator_value: value.clone(),
        indicator_type: kind.clone(),
        action,
        title,
        description,
        expiration_time,
        severity: Some(severity),
        recommended_actions: None,
        generate_alert,
    };
    state.dialogs.pop();
    let req = state.req();
    let label = format!("{action_word} {} {}", kind.as_str(), cut(&value, 40));
    state.device.indicator_reqs.insert(req, label.clone());
    state.notify(Level::Info, format!("Adding the indicator: {label}…"));
    Effects::one(Effect::AddIndicator { req, indicator })
}
