//! The one function that changes the state: messages in, effects out. Pure: time arrives as
//! `Tick`, everything else as `Msg`s from the sync task or keys from the terminal.

use super::action::Action;
use super::dialog::Dialog;
use super::keymap::{Mode, action_for};
use super::state::{Level, State, Toast};
use super::{update_dialog, update_list, update_sync, update_triage, update_view};
use crate::model::Timestamp;
use crate::model::protocol::{Effect, Msg};
use chrono::TimeDelta;
use crossterm::event::{Event, KeyEvent, KeyEventKind};

/// Everything `update` reacts to.
#[derive(Debug, Clone, PartialEq)]
pub enum AppMsg {
    /// Start-up: asks the sync task for the cache and the first fetch.
    Init,
    /// A named action (from the palette, a test, or a key already mapped).
    Action(Action),
    /// An answer or event from the sync task.
    Sync(Msg),
    /// The clock: expires messages, refreshes ages.
    Tick(Timestamp),
    /// The terminal was resized to (width, height).
    Resize(u16, u16),
    /// A raw key; mapped through the keymap for the current mode, or fed to the text being edited.
    Key(KeyEvent),
    /// Bracketed paste: goes into the text being edited, never read as keys.
    Paste(String),
}

impl AppMsg {
    /// The message for a terminal event; `None` for events the console ignores (key releases,
    /// mouse, focus).
    pub fn from_terminal(event: Event) -> Option<AppMsg> {
        match event {
            Event::Key(k) if k.kind != KeyEventKind::Release => Some(AppMsg::Key(k)),
            Event::Paste(text) => Some(AppMsg::Paste(text)),
            Event::Resize(w, h) => Some(AppMsg::Resize(w, h)),
            _ => None,
        }
    }
}

/// Most messages kept at once; older ones drop off.
const MAX_TOASTS: usize = 5;

/// Applies one message to the state and returns the work to do outside.
pub fn update(state: &mut State, msg: AppMsg) -> Vec<Effect> {
    match msg {
        AppMsg::Tick(now) => {
            on_tick(state, now);
            Vec::new()
        }
        other => {
            state.dirty = true;
            match other {
                AppMsg::Init => {
                    let req = state.req();
                    state.refresh_req = Some(req);
                    vec![Effect::Start { req }]
                }
                AppMsg::Action(a) => on_action(state, a),
                AppMsg::Sync(m) => update_sync::on_msg(state, m),
                AppMsg::Resize(w, h) => {
                    state.size = (w, h);
                    Vec::new()
                }
                AppMsg::Key(k) => on_key(state, k),
                AppMsg::Paste(text) => update_dialog::on_paste(state, &text),
                AppMsg::Tick(_) => Vec::new(),
            }
        }
    }
}

fn on_tick(state: &mut State, now: Timestamp) {
    // Ages are shown in minutes: redraw when the minute turns, not on every tick.
    let minute = |t: Option<Timestamp>| t.map(|t| t.millis().div_euclid(60_000));
    if minute(state.now) != minute(Some(now)) {
        state.dirty = true;
    }
    state.now = Some(now);
    for t in &mut state.toasts {
        if t.expires.is_none() {
            t.expires = Some(expiry(now, t.level));
        }
    }
    let before = state.toasts.len();
    state.toasts.retain(|t| t.expires.is_none_or(|e| e > now));
    if state.toasts.len() != before {
        state.dirty = true;
    }
}

fn expiry(now: Timestamp, level: Level) -> Timestamp {
    let secs = match level {
        Level::Info => 4,
        Level::Warn => 8,
        Level::Error => 12,
    };
    Timestamp(now.0 + TimeDelta::seconds(secs))
}

impl State {
    /// Shows a transient message; it expires on a later tick.
    pub(crate) fn notify(&mut self, level: Level, text: impl Into<String>) {
        let expires = self.now.map(|n| expiry(n, level));
        self.toasts.push(Toast {
            text: text.into(),
            level,
            expires,
        });
        if self.toasts.len() > MAX_TOASTS {
            self.toasts.remove(0);
        }
    }
}

fn on_key(state: &mut State, key: KeyEvent) -> Vec<Effect> {
    if key.kind == KeyEventKind::Release {
        return Vec::new();
    }
    let mode = state.mode();
    if let Some(action) = action_for(mode, key) {
        return on_action(state, action);
    }
    update_dialog::on_raw_key(state, key)
}

/// Runs an action in the current mode.
pub(crate) fn on_action(state: &mut State, action: Action) -> Vec<Effect> {
    match state.mode() {
        Mode::Dialog(_) => update_dialog::on_action(state, action),
        Mode::Normal(_) => on_normal_action(state, action),
    }
}

fn on_normal_action(state: &mut State, action: Action) -> Vec<Effect> {
    if action.is_write() && state.config.read_only {
        state.notify(
            Level::Warn,
            format!(
                "Read-only mode: '{}' is disabled for profile {}",
                action.name(),
                state.config.profile
            ),
        );
        return Vec::new();
    }
    use Action as A;
    match action {
        A::Up
        | A::Down
        | A::Top
        | A::Bottom
        | A::PageUp
        | A::PageDown
        | A::HalfPageUp
        | A::HalfPageDown => update_list::navigate(state, action),
        A::NextPane | A::PrevPane => update_view::cycle_focus(state, action == A::NextPane),
        A::Enter => update_view::enter(state),
        A::Back => update_view::back(state),
        A::Expand | A::Collapse | A::ViewValue => update_view::tree_action(state, action),
        A::Filter => update_list::open_filter(state),
        A::SortMenu => update_list::open_sort_menu(state),
        A::ReverseSort => update_list::reverse_sort(state),
        A::QuickView(v) => update_list::quick_view(state, v),
        A::Zoom => update_view::toggle_zoom(state),
        A::ToggleTime => update_view::toggle_time(state),
        A::ToggleDefang => update_view::toggle_defang(state),
        A::RawJson => update_view::raw_json(state),
        A::Help => {
            state.dialogs.push(Dialog::Help(Default::default()));
            Vec::new()
        }
        A::Palette => update_dialog::open_palette(state),
        A::AssignMe => update_triage::assign_me(state),
        A::AssignTo => update_triage::open_assign_to(state),
        A::StatusMenu => update_triage::open_status_menu(state),
        A::Classify => update_triage::open_classify_menu(state),
        A::Comment => update_triage::open_comment_editor(state),
        A::SendComment | A::NextMatch | A::PrevMatch => Vec::new(),
        A::ToggleMark | A::RangeMark | A::MarkToHere | A::MarkAllVisible | A::ClearMarks => {
            update_list::marks_action(state, action)
        }
        A::Refresh | A::FullRefresh => update_sync::refresh(state, action == A::FullRefresh),
        A::TogglePause => update_sync::toggle_pause(state),
        A::RetryOutbox => vec![Effect::RetryOutbox],
        A::YankMenu => update_view::open_yank_menu(state),
        A::OpenPortal => update_view::portal_link(state),
        A::Quit => update_view::quit(state),
    }
}
