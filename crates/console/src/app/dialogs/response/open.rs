//! Opening the response menu on the subject (`x`, `:isolate`, `:scan`, …): for one alert, the
//! menu of its device — at once when the device panel has it, else once the device is loaded
//! (the panel opens on it meanwhile); for marked alerts, the isolation of their devices. A
//! palette command that leaves one choice opens its form directly. Picking an entry opens the
//! form it leads to, or says why it is refused.

use super::bulk;
use super::offers::entries;
use super::seed::seeds;
use super::state::{Choice, Entry, ResponseDialog, ResponseMenu, hotkeys};
use super::{form, indicator};
use crate::app::chrome::toasts::Level;
use crate::app::device::follow;
use crate::app::device::lines::of_panel;
use crate::app::device::state::{Family, PanelLoad};
use crate::app::device::target::Target;
use crate::app::dialogs::Dialog;
use crate::app::effects::Effects;
use crate::app::list::widths::short_host;
use crate::app::state::State;
use crate::app::subject::quote::quote;
use crate::app::subject::rule::subject;
use crate::app::subject::state::SubjectKind;
use mde_model::device::{IsolationType, ResponseAction};

/// Said while the response menu waits for its device; taken back when the device arrives.
pub const LOADING_FIRST: &str = "Loading the device first…";

/// `x` (`family` All) or a palette command (one family): the response menu on the subject.
pub(crate) fn open(state: &mut State, family: Family) -> Effects {
    let Some(s) = subject(state) else {
        state.notify(Level::Info, "No alert selected");
        return Effects::none();
    };
    if s.kind == SubjectKind::Marked && (s.ids.len() > 1 || s.hidden > 0) {
        if !matches!(family, Family::All | Family::Isolate) {
            state.notify(
                Level::Info,
                "With alerts marked, only isolation acts on several devices: clear the marks (-) to act on one",
            );
            return Effects::none();
        }
        open_bulk_menu(state, s.ids, s.name);
        return Effects::none();
    }
    let Some(alert_id) = s.ids.first().cloned() else {
        return Effects::none();
    };
    let panel = state
        .device
        .panel
        .as_ref()
        .filter(|p| p.alert_id == alert_id);
    match panel.map(|p| (&p.load, p.req)) {
        Some((PanelLoad::Loaded(_), _)) => {
            open_loaded(state, family);
            Effects::none()
        }
        Some((PanelLoad::Loading, req)) => {
            state.device.menu_after_load = Some((req, family));
            state.notify(Level::Info, LOADING_FIRST);
            Effects::none()
        }
        // Not shown (or it failed): ask for it; the menu opens with the answer.
        _ => {
            let mut fx = follow::load(state, alert_id.clone(), false);
            if state.detail.as_ref().map(|d| d.alert_id.as_str()) != Some(alert_id.as_str()) {
                fx.extend(crate::app::detail::actions::open(state, alert_id));
            }
            if let Some(p) = &state.device.panel {
                state.device.menu_after_load = Some((p.req, family));
            }
            state.notify(Level::Info, LOADING_FIRST);
            fx
        }
    }
}

/// The menu of the panel's (loaded) device.
pub(crate) fn open_loaded(state: &mut State, family: Family) {
    let Some(panel) = state.device.panel.as_ref() else {
        return;
    };
    let Some(ctx) = panel.context() else {
        return;
    };
    let Some(lines) = of_panel(&state.device) else {
        return;
    };
    let alert_id = panel.alert_id.clone();
    let title = state.list.rows.get(&alert_id).map(|r| r.title.clone());
    let target = Target::of(ctx, &lines, Some(&alert_id), title.as_deref(), state.now);
    let seeds = seeds(state, &alert_id);
    let (entries, notes) = entries(&target, &seeds, family);
    if entries.is_empty() {
        let why = notes
            .last()
            .cloned()
            .unwrap_or_else(|| "nothing applies".into());
        state.notify(
            Level::Info,
            format!("Nothing to do on {}: {why}", short_host(&target.name)),
        );
        return;
    }
    let from = title
        .map(|t| format!(" (alert {})", quote(&t, 40)))
        .unwrap_or_default();
    let menu = ResponseMenu {
        title: format!("Respond on {}{from}", short_host(&target.name)),
        target: Some(target),
        marked: Vec::new(),
        marked_name: String::new(),
        file: seeds.file.as_ref().map(|f| f.name.clone()),
        notes,
        entries,
        selected: 0,
    };
    // A command naming one action goes straight to its form when nothing stands in the way.
    if family != Family::All
        && let [only] = menu.entries.as_slice()
        && only.refusal.is_none()
    {
        let (entry, target, file) = (only.clone(), menu.target.clone(), menu.file.clone());
        let _ = pick(state, entry, target, Vec::new(), String::new(), file);
        return;
    }
    state
        .dialogs
        .push(Dialog::Response(Box::new(ResponseDialog::Menu(Box::new(
            menu,
        )))));
}

/// The menu for marked alerts: isolate their devices.
fn open_bulk_menu(state: &mut State, ids: Vec<String>, name: String) {
    let labels = [
        format!("Isolate the devices of {name} (full)"),
        format!("Isolate the devices of {name} (selective)"),
    ];
    let keys = hotkeys(labels.iter().map(String::as_str));
    let entries = labels
        .into_iter()
        .zip(keys)
        .zip([IsolationType::Full, IsolationType::Selective])
        .map(|((label, hotkey), iso)| Entry {
            note: format!(
                "Each device {}; its devices are looked up and listed before anything is sent",
                super::offers::what_happens(
                    &ResponseAction::Isolate {
                        isolation: iso.clone()
                    },
                    None
                )
            ),
            label,
            hotkey,
            choice: Choice::BulkIsolate(iso),
            refusal: None,
        })
        .collect();
    let menu = ResponseMenu {
        title: format!("Respond on the devices of {name}"),
        target: None,
        marked: ids,
        marked_name: name.clone(),
        file: None,
        notes: vec![
            "Only isolation acts on several devices; clear the marks (-) for the other actions"
                .into(),
        ],
        entries,
        selected: 0,
    };
    state
        .dialogs
        .push(Dialog::Response(Box::new(ResponseDialog::Menu(Box::new(
            menu,
        )))));
}

/// An entry was picked (the menu, if any, is already off the stack).
pub(crate) fn pick(
    state: &mut State,
    entry: Entry,
    target: Option<Target>,
    marked: Vec<String>,
    marked_name: String,
    file: Option<String>,
) -> Effects {
    if let Some(why) = entry.refusal {
        state.notify(Level::Warn, why);
        return Effects::none();
    }
    match (entry.choice, target) {
        (Choice::Action(a), Some(t)) => {
            let file = match &a {
                ResponseAction::StopAndQuarantine { .. } => file,
                _ => None,
            };
            form::open(state, t, a, file);
            Effects::none()
        }
        (Choice::Indicator(seed), t) => {
            indicator::open(state, seed, t.and_then(|t| t.granted));
            Effects::none()
        }
        (Choice::BulkIsolate(iso), _) => bulk::start(state, &marked, marked_name, iso),
        (Choice::Action(_), None) => Effects::none(),
    }
}
