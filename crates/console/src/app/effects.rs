//! The work `update` hands to the runtime, collected so that none is dropped by accident: a
//! helper that returns `Effects` cannot be called as a statement without a warning.

use mde_model::protocol::Effect;

/// Effects for the runtime (the sync task, the clipboard, quitting), in order.
#[must_use = "effects are work for the runtime: return them, or extend the caller's with them"]
#[derive(Debug, Default, PartialEq)]
pub struct Effects(Vec<Effect>);

impl Effects {
    /// No effects.
    pub fn none() -> Effects {
        Effects(Vec::new())
    }

    /// Exactly one effect.
    pub fn one(effect: Effect) -> Effects {
        Effects(vec![effect])
    }

    /// Adds an effect at the end.
    pub fn push(&mut self, effect: Effect) {
        self.0.push(effect);
    }

    /// Adds effects at the end, in order.
    pub fn extend(&mut self, effects: impl IntoIterator<Item = Effect>) {
        self.0.extend(effects);
    }

    /// The effects as a plain vector.
    pub fn into_vec(self) -> Vec<Effect> {
        self.0
    }
}

impl std::ops::Deref for Effects {
    type Target = [Effect];

    fn deref(&self) -> &[Effect] {
        &self.0
    }
}

impl IntoIterator for Effects {
    type Item = Effect;
    type IntoIter = std::vec::IntoIter<Effect>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl From<Effects> for Vec<Effect> {
    fn from(effects: Effects) -> Vec<Effect> {
        effects.0
    }
}
