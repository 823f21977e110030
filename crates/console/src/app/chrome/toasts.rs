//! Transient status-bar messages: raised by any feature, expired by the clock.

use chrono::TimeDelta;
use mde_model::Timestamp;

/// Most messages kept at once; older ones drop off.
const MAX_TOASTS: usize = 5;

/// How loud a message is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// Confirmation of something done.
    Info,
    /// Something the analyst should notice.
    Warn,
    /// Something failed.
    Error,
}

/// A transient status-bar message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Toast {
    /// Text (may hold API text: the UI sanitises).
    pub text: String,
    /// Level.
    pub level: Level,
    /// When it disappears; set from the clock on the next tick if unknown when raised.
    pub expires: Option<Timestamp>,
}

/// The messages showing, oldest first.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Toasts {
    items: Vec<Toast>,
}

impl Toasts {
    /// Adds a message; the oldest drops off past the limit.
    pub fn push(&mut self, toast: Toast) {
        self.items.push(toast);
        if self.items.len() > MAX_TOASTS {
            self.items.remove(0);
        }
    }

    /// Raises a message that expires after a time that grows with its level (from `now`, or
    /// from the next tick when the clock has not ticked yet).
    pub fn raise(&mut self, level: Level, text: String, now: Option<Timestamp>) {
        self.push(Toast {
            text,
            level,
            expires: now.map(|n| expiry(n, level)),
        });
    }

    /// The clock ticked: dates the undated messages and drops the expired ones. True when one
    /// was dropped (the screen changes).
    pub fn tick(&mut self, now: Timestamp) -> bool {
        for t in &mut self.items {
            if t.expires.is_none() {
                t.expires = Some(expiry(now, t.level));
            }
        }
        let before = self.items.len();
        self.items.retain(|t| t.expires.is_none_or(|e| e > now));
        self.items.len() != before
    }

    /// Takes back the messages with this text (a "loading…" once what it waited for arrived).
    /// True when one was showing.
    pub fn retract(&mut self, text: &str) -> bool {
        let before = self.items.len();
        self.items.retain(|t| t.text != text);
        self.items.len() != before
    }

    /// The newest message.
    pub fn last(&self) -> Option<&Toast> {
        self.items.last()
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
