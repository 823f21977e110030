//! The one function that changes the state: messages in, effects out. Pure: time arrives as
//! `Tick`, everything else as `Msg`s from the sync task or input from the terminal.
//!
//! This module only routes: keys and actions by mode (`keys`, `normal`), sync answers to the
//! feature they are about (`feed`), palette commands (`commands`). The few rules that cross
//! features live in `rules`; what an action acts on is `app::subject`.

pub(crate) mod commands;
pub(crate) mod feed;
pub(crate) mod keys;
pub(crate) mod normal;
pub(crate) mod rules;

use crate::app::connection::actions as connection;
use crate::app::dialogs::route;
use crate::app::effects::Effects;
use crate::app::keymap::action::Action;
use crate::app::rotation::derived as rotation;
use crate::app::state::State;
use crossterm::event::{Event, KeyEvent, KeyEventKind};
use mde_model::Timestamp;
use mde_model::protocol::Msg;

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
    /// mouse, focus). The terminal runtime sends every event through here.
    pub fn from_terminal(event: Event) -> Option<AppMsg> {
        match event {
            Event::Key(k) if k.kind != KeyEventKind::Release => Some(AppMsg::Key(k)),
            Event::Paste(text) => Some(AppMsg::Paste(text)),
            Event::Resize(w, h) => Some(AppMsg::Resize(w, h)),
            _ => None,
        }
    }
}

/// Applies one message to the state and returns the work to do outside.
pub fn update(state: &mut State, msg: AppMsg) -> Effects {
    if let AppMsg::Tick(now) = msg {
        on_tick(state, now);
        rotation::refresh(state);
        return Effects::none();
    }
    state.dirty = true;
    let effects = match msg {
        AppMsg::Init => connection::start(state),
        AppMsg::Action(a) => keys::on_action(state, a),
        AppMsg::Sync(m) => feed::on_msg(state, m),
        AppMsg::Resize(w, h) => {
            state.size = (w, h);
            Effects::none()
        }
        AppMsg::Key(k) => keys::on_key(state, k),
        AppMsg::Paste(text) => {
            route::on_paste(state, &text);
            Effects::none()
        }
        AppMsg::Tick(_) => Effects::none(),
    };
    // Issue 12: the view's time window and the SLA counts follow the rows and the clock.
    rotation::refresh(state);
    effects
}

fn on_tick(state: &mut State, now: Timestamp) {
    // Ages are shown in minutes: redraw when the minute turns, not on every tick.
    let minute = |t: Option<Timestamp>| t.map(|t| t.millis().div_euclid(60_000));
    if minute(state.now) != minute(Some(now)) {
        state.dirty = true;
    }
    // "synced 12s ago" and "next 40s" count in seconds: redraw on each tick while either does.
    let status = &state.connection.status;
    let in_seconds =
        |t: Option<Timestamp>| t.is_some_and(|t| (now.0 - t.0).num_seconds().abs() < 60);
    if in_seconds(status.last_sync) || in_seconds(status.next_poll) {
        state.dirty = true;
    }
    state.now = Some(now);
    // Issue 10: the device panel's counts of other open alerts follow the rows.
    if crate::app::device::follow::recount(state) {
        state.dirty = true;
    }
    if state.toasts.tick(now) {
        state.dirty = true;
    }
}
