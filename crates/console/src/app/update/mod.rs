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
use crate::app::list::indexing;
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
    /// Nothing else waits: background work goes on a slice at a time (see [`wants_idle`]).
    Idle,
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
        if state.dirty {
            state.shown_at = Some(now);
        }
        return Effects::none();
    }
    if let AppMsg::Idle = msg {
        // Nothing visible changes: no frame.
        indexing::on_idle(&mut state.list);
        return Effects::none();
    }
    state.dirty = true;
    state.shown_at = state.now;
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
        AppMsg::Tick(_) | AppMsg::Idle => Effects::none(),
    };
    // Issue 12: the view's time window and the SLA counts follow the rows and the clock.
    rotation::refresh(state);
    effects
}

/// True when the console has background work for `AppMsg::Idle` (rows waiting to be indexed).
pub fn wants_idle(state: &State) -> bool {
    indexing::wants_idle(&state.list)
}

fn on_tick(state: &mut State, now: Timestamp) {
    state.now = Some(now);
    indexing::on_tick(&mut state.list);
    // Ages are shown in whole minutes: a screen a minute old is redrawn. A poll's answer
    // (every minute by default) redraws anyway, so between polls the tick draws nothing.
    let stale = state
        .shown_at
        .is_none_or(|t| (now.0 - t.0).num_seconds() >= 60);
    // Issue 10: the device panel's counts of other open alerts follow the rows.
    let recounted = crate::app::device::follow::recount(state);
    let expired = state.toasts.tick(now);
    if stale || recounted || expired {
        state.dirty = true;
    }
}
