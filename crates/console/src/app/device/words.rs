//! How the device answers are worded: a send named by its action and device, a failure by its
//! kind (the missing permission named, a retry offered only when one key can do it safely), a
//! service without a device API explained.

use mde_model::device::{ActionFailure, ActionRequest, FailureKind};

/// A device error as the panel words it: a service without a device API says what that means.
pub fn no_device_words(error: &str) -> String {
    if error.contains("no device API") {
        "this profile's service has no device API (the Graph security API serves alerts and \
         incidents only): the device panel and response actions need an MDE API profile"
            .to_string()
    } else {
        error.to_string()
    }
}

/// What a send is, for messages: `isolate (full) on ws-eng-194`.
pub fn describe(request: &ActionRequest) -> String {
    let host = crate::app::list::widths::short_host(request.device_label()).to_string();
    format!("{} on {host}", request.action.name())
}

/// A failure in words, by its kind: the missing permission named, a retry offered only when one
/// key can do it safely.
pub fn failure_words(what: &str, f: &ActionFailure, retry_key: &str) -> String {
    let msg = f.message.trim();
    match &f.kind {
        FailureKind::Forbidden { permission } => match permission {
            Some(p) => format!(
                "{} refused: the token lacks {p} (grant it to the app, or the role to the user, and sign in again)",
                cap(what)
            ),
            None => format!(
                "{} refused: the token lacks the permission ({msg})",
                cap(what)
            ),
        },
        FailureKind::AlreadyPending => format!(
            "{} not sent: an action of this kind is already pending on the device",
            cap(what)
        ),
        FailureKind::NotFound => {
            format!("{} failed: the service does not know the device", cap(what))
        }
        FailureKind::Lost | FailureKind::Unavailable | FailureKind::Interrupted => format!(
            "{} did not reach the service ({msg}); {retry_key} in the device panel retries after looking it up",
            cap(what)
        ),
        FailureKind::Refused | FailureKind::Invalid => {
            format!("{} refused: {}", cap(what), no_device_words(msg))
        }
    }
}

/// The key that retries a failed action in the device panel, as the keymap in force has it.
pub(crate) fn retry_key(state: &crate::app::state::State) -> String {
    state
        .rotation
        .keymap
        .key_of(crate::app::keymap::action::Action::RetryAction)
        .unwrap_or_else(|| ":retry-action".to_string())
}

pub(crate) fn cap(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}
