//! `P` and the story's keys: open the story of the alert on screen (its detail first, when it
//! is not loaded), run the process query, move over the processes, load the network and file
//! events of one (Enter), run again past the cache (`r`), the full command line (`v`), close.

use super::lines;
use super::state::{EventKind, EventsLoad, Story, StoryLoad};
use crate::app::chrome::toasts::Level;
use crate::app::detail::actions as detail;
use crate::app::dialogs::Dialog;
use crate::app::dialogs::viewer::state::Viewer;
use crate::app::effects::Effects;
use crate::app::keymap::action::Action;
use crate::app::state::State;
use crate::app::subject::rule::{alert_name, shown_alert};
use mde_model::graph::hunt::{evidence_process_key, process_story};
use mde_model::graph::{HuntQuery, ProcessKey};
use mde_model::protocol::Effect;
use mde_model::{Alert, EntityType, Timestamp};

/// `P`: the story of the alert on screen.
pub(crate) fn open(state: &mut State) -> Effects {
    let Some(alert) = shown_alert(state) else {
        state.notify(
            Level::Info,
            "No alert selected: P shows an alert's process story",
        );
        return Effects::none();
    };
    let name = alert_name(state, &alert);
    state.story.open = Some(Story::new(alert.clone(), name));
    state.dialogs.push(Dialog::Story);
    let loaded = state
        .loaded_detail()
        .filter(|d| d.alert.id == alert)
        .map(|d| d.alert.clone());
    match loaded {
        Some(a) => start(state, &a, false),
        None => {
            let loading = state.detail.as_ref().is_some_and(|d| d.alert_id == alert);
            if loading {
                Effects::none()
            } else {
                detail::open(state, alert)
            }
        }
    }
}

/// The alert's detail arrived: a story waiting for it starts.
pub(crate) fn on_detail_loaded(state: &mut State, alert: &Alert) -> Effects {
    let waiting = state
        .story
        .open
        .as_ref()
        .is_some_and(|s| s.alert_id == alert.id && s.load == StoryLoad::WaitingForAlert);
    if waiting {
        start(state, alert, false)
    } else {
        Effects::none()
    }
}

/// Builds the process query from the alert's validated values, or says why there is none.
fn start(state: &mut State, alert: &Alert, refresh: bool) -> Effects {
    // `update` has no clock of its own: the last tick's time (the sync task checks again).
    let now = state
        .now
        .unwrap_or(Timestamp(chrono::DateTime::<chrono::Utc>::MIN_UTC));
    let query = process_story(alert, now);
    let req = state.req();
    let Some(story) = state.story.open.as_mut() else {
        return Effects::none();
    };
    story.evidence = alert
        .evidence
        .iter()
        .filter(|e| e.entity_type == EntityType::Process)
        .filter_map(|e| evidence_process_key(e.process_id, e.process_creation_time))
        .collect();
    match query {
        Ok(q) => {
            story.load = StoryLoad::Loading;
            story.query = Some(q.clone());
            story.req = Some(req);
            Effects::one(Effect::RunHunt {
                req,
                query: q,
                refresh,
            })
        }
        Err(why) => {
            story.load = StoryLoad::Unavailable(why.to_string());
            Effects::none()
        }
    }
}

/// An action while the story is on top.
pub(crate) fn on_action(state: &mut State, action: Action) -> Effects {
    let Some(story) = state.story.open.as_mut() else {
        state.dialogs.pop();
        return Effects::none();
    };
    let len = story.lines.len();
    let page = usize::from(state.size.1.saturating_sub(12)).max(1) as isize;
    let delta = match action {
        Action::Up => Some(-1),
        Action::Down => Some(1),
        Action::PageUp | Action::HalfPageUp => Some(-page),
        Action::PageDown | Action::HalfPageDown => Some(page),
        Action::Top => Some(isize::MIN),
        Action::Bottom => Some(isize::MAX),
        _ => None,
    };
    if let Some(d) = delta {
        if len > 0 {
            story.cursor = match d {
                isize::MIN => 0,
                isize::MAX => len - 1,
                d => story.cursor.saturating_add_signed(d).min(len - 1),
            };
        }
        return Effects::none();
    }
    match action {
        Action::Enter => load_events(state, false),
        Action::Refresh => refresh(state),
        Action::ViewValue => {
            view_process(state);
            Effects::none()
        }
        Action::Back => {
            close(state);
            Effects::none()
        }
        _ => Effects::none(),
    }
}

/// Closes the story; answers still on their way are dropped.
pub(crate) fn close(state: &mut State) {
    if matches!(state.dialogs.last(), Some(Dialog::Story)) {
        state.dialogs.pop();
    }
    state.story.open = None;
}

/// `r`: the tree and the selected process's events again, from the service (not the store).
fn refresh(state: &mut State) -> Effects {
    let alert = state.story.open.as_ref().map(|s| s.alert_id.clone());
    let loaded = state
        .loaded_detail()
        .filter(|d| Some(&d.alert.id) == alert.as_ref())
        .map(|d| d.alert.clone());
    let Some(a) = loaded else {
        return Effects::none();
    };
    if let Some(s) = state.story.open.as_mut() {
        s.events.clear();
    }
    start(state, &a, true)
}

/// Enter (and the tree's arrival): the network and file events of the process under the
/// cursor, unless they are here or on their way (`again` asks the service anyway).
pub(crate) fn load_events(state: &mut State, again: bool) -> Effects {
    let Some(story) = state.story.open.as_ref() else {
        return Effects::none();
    };
    let Some(device) = (match &story.query {
        Some(HuntQuery::DeviceProcesses { device, .. }) => Some(device.clone()),
        _ => None,
    }) else {
        return Effects::none();
    };
    let Some(node) = story.selected_node() else {
        return Effects::none();
    };
    let Some(key) = story.key_of(node) else {
        state.notify(
            Level::Info,
            "This process's start time is not known: its events cannot be looked up",
        );
        return Effects::none();
    };
    let mut effects = Effects::none();
    for kind in [EventKind::Network, EventKind::Files] {
        let held = state
            .story
            .open
            .as_ref()
            .and_then(|s| s.events.get(&(key, kind)));
        if !again && matches!(held, Some(EventsLoad::Loaded(_) | EventsLoad::Loading(_))) {
            continue;
        }
        let req = state.req();
        if let Some(s) = state.story.open.as_mut() {
            s.events.insert((key, kind), EventsLoad::Loading(req));
        }
        effects.push(Effect::RunHunt {
            req,
            query: events_query(&device, key, kind),
            refresh: again,
        });
    }
    effects
}

fn events_query(
    device: &mde_model::graph::MachineId,
    process: ProcessKey,
    kind: EventKind,
) -> HuntQuery {
    let device = device.clone();
    match kind {
        EventKind::Network => HuntQuery::ProcessNetwork { device, process },
        EventKind::Files => HuntQuery::ProcessFiles { device, process },
    }
}

/// `v`: the process under the cursor in full (command line, path, hash) in the viewer.
fn view_process(state: &mut State) {
    let Some(story) = state.story.open.as_ref() else {
        return;
    };
    let Some(n) = story.selected_node().and_then(|i| story.tree.nodes.get(i)) else {
        return;
    };
    let name = n.file_name.clone().unwrap_or_else(|| "process".into());
    let mut text = format!("Process {name} (pid {})\n", n.pid);
    let field = |text: &mut String, label: &str, v: &Option<String>| {
        if let Some(v) = v {
            text.push_str(&format!("{label}: {v}\n"));
        }
    };
    field(&mut text, "Started", &n.created.map(|t| t.to_wire()));
    field(&mut text, "Folder", &n.folder);
    field(&mut text, "Account", &n.account);
    field(&mut text, "SHA-1", &n.sha1);
    field(&mut text, "Command line", &n.command_line);
    let title: String = format!("{name} ({})", n.pid).chars().take(60).collect();
    state.dialogs.push(Dialog::Viewer(Viewer::new(title, text)));
}

/// Rebuilds the lines after the tree arrived and puts the cursor on the first evidence process.
pub(crate) fn lay_out(story: &mut Story) {
    story.evidence_found = story.tree.mark_evidence(&story.evidence);
    story.lines = lines::build(&story.tree);
    story.cursor = story
        .lines
        .iter()
        .position(|l| story.tree.nodes[l.node].evidence)
        .unwrap_or(0);
}
