//! What the rotation feature derives from the rest of the state, kept current after every
//! message: the view's time window and the SLA counts. Both are cheap when nothing moved.

use super::{sla, window};
use crate::app::state::State;

/// Brings the derived state up to date.
pub(crate) fn refresh(state: &mut State) {
    window::refresh(state);
    sla::refresh(state);
}
