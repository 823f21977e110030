//! The one function that changes the state: messages in, effects out. Pure: time arrives as
//! `Tick`, everything else as `Msg`s from the sync task or keys from the terminal.

use super::action::Action;
use super::msg::{Effect, Msg};
use super::state::State;
use crate::model::Timestamp;
use crossterm::event::KeyEvent;

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
}

/// Applies one message to the state and returns the work to do outside.
pub fn update(state: &mut State, msg: AppMsg) -> Vec<Effect> {
    let _ = (state, msg);
    Vec::new()
}
