//! Device tags (`T` in the device panel, `:tag NAME`, `:untag NAME`): the panel's device, captured
//! when the prompt opens, gets one tag added or removed through `Effect::TagDevice`; the answer's
//! machine replaces the panel's tags. Tags are case-sensitive on the service, so a removal must
//! name a tag exactly as the device has it. Read-only mode refuses before this is reached
//! (`Action::DeviceTags` is a write; the palette's commands are refused the same way).

use super::state::{TagAsked, TagTarget};
use crate::app::chrome::toasts::Level;
use crate::app::dialogs::Dialog;
use crate::app::dialogs::prompt::state::{Input, InputKind};
use crate::app::effects::Effects;
use crate::app::list::widths::short_host;
use crate::app::state::State;
use crate::app::subject::quote::quote;
use mde_model::device::{Machine, TAG_PERMISSION, TAG_PERMISSION_DELEGATED, TagRequest, check_tag};
use mde_model::protocol::{Effect, RequestId};

/// The permission words of a refusal or a 403.
pub const NEEDS: &str = "needs Machine.ReadWrite.All (Machine.ReadWrite for a user's sign-in): grant it and sign in again";

/// The panel's loaded device, or why there is none (said to the analyst).
fn target(state: &mut State) -> Option<TagTarget> {
    let Some(panel) = state.device.panel.as_ref() else {
        state.notify(
            Level::Info,
            "Tags are set on the device panel's device: open it first (d)",
        );
        return None;
    };
    let Some(ctx) = panel.context() else {
        state.notify(
            Level::Info,
            "The device is not loaded yet: tag it once the panel shows it",
        );
        return None;
    };
    let lacks = ctx.granted.as_ref().is_some_and(|g| {
        !g.iter().any(|p| {
            p.eq_ignore_ascii_case(TAG_PERMISSION)
                || p.eq_ignore_ascii_case(TAG_PERMISSION_DELEGATED)
        })
    });
    let name = ctx.machine.display_name().to_string();
    if lacks {
        state.notify(
            Level::Warn,
            format!("Tagging {} {NEEDS}", short_host(&name)),
        );
        return None;
    }
    Some(TagTarget {
        machine_id: ctx.machine.id.clone(),
        name,
        tags: ctx.machine.machine_tags.clone(),
        alert_id: Some(panel.alert_id.clone()),
    })
}

/// `T` in the device panel: the prompt for one tag of the panel's device.
pub(crate) fn open(state: &mut State) {
    let Some(t) = target(state) else {
        return;
    };
    state.dialogs.push(Dialog::Input(Input {
        title: format!("Tag {}: NAME adds, -NAME removes", short_host(&t.name)),
        device: Some(t),
        ..Input::new(InputKind::DeviceTag)
    }));
}

/// Enter in the tag prompt: `NAME` (or `+NAME`) adds, `-NAME` removes.
pub(crate) fn submit(state: &mut State, target: Option<TagTarget>, text: &str) -> Effects {
    let Some(t) = target else {
        return Effects::none();
    };
    let text = text.trim();
    let (tag, add) = match (text.strip_prefix('-'), text.strip_prefix('+')) {
        (Some(rest), _) => (rest.trim(), false),
        (None, Some(rest)) => (rest.trim(), true),
        (None, None) => (text, true),
    };
    send(state, t, tag, add)
}

/// `:tag NAME` / `:untag NAME`: the same change on the panel's device, without the prompt.
pub(crate) fn command(state: &mut State, tag: &str, add: bool) -> Effects {
    let Some(t) = target(state) else {
        return Effects::none();
    };
    send(state, t, tag.trim(), add)
}

/// Checks the change against the tags the device has and sends it.
fn send(state: &mut State, t: TagTarget, tag: &str, add: bool) -> Effects {
    let host = short_host(&t.name).to_string();
    if let Err(why) = check_tag(tag) {
        state.notify(Level::Warn, format!("Not sent: {why}"));
        return Effects::none();
    }
    let what = if add {
        format!("Add tag {} to {host}", quote(tag, 40))
    } else {
        format!("Remove tag {} from {host}", quote(tag, 40))
    };
    let has = t.tags.iter().any(|x| x == tag);
    if add && has {
        state.notify(
            Level::Info,
            format!("{host} already has the tag {}", quote(tag, 40)),
        );
        return Effects::none();
    }
    if !add && !has {
        let near = t.tags.iter().find(|x| x.eq_ignore_ascii_case(tag));
        let why = match near {
            Some(n) => format!(
                "{host} has {} (tags are case-sensitive: remove it as written)",
                quote(n, 40)
            ),
            None if t.tags.is_empty() => format!("{host} has no tags"),
            None => format!(
                "{host} has no tag {} (its tags: {})",
                quote(tag, 40),
                t.tags.join(", ")
            ),
        };
        state.notify(Level::Info, why);
        return Effects::none();
    }
    let req = state.req();
    state.device.tag_reqs.insert(
        req,
        TagAsked {
            what: what.clone(),
            tag: tag.to_string(),
            add,
        },
    );
    state.notify(Level::Info, format!("{what}…"));
    Effects::one(Effect::TagDevice {
        req,
        request: TagRequest {
            machine_id: t.machine_id,
            device_name: Some(t.name),
            tag: tag.to_string(),
            add,
            alert_id: t.alert_id,
        },
    })
}

/// `DeviceTagged`: the panel shows the tags the service answered, and says what changed.
pub(crate) fn on_tagged(state: &mut State, req: RequestId, machine: Machine) {
    let Some(asked) = state.device.tag_reqs.remove(&req) else {
        return;
    };
    let tags = machine.machine_tags.clone();
    if let Some(super::state::PanelLoad::Loaded(ctx)) =
        state.device.panel.as_mut().map(|p| &mut p.load)
        && ctx.machine.id.eq_ignore_ascii_case(&machine.id)
    {
        ctx.machine.machine_tags = tags.clone();
    }
    let took = tags.contains(&asked.tag) == asked.add;
    let now = if tags.is_empty() {
        "no tags now".to_string()
    } else {
        format!("tags now: {}", tags.join(", "))
    };
    if took {
        state.notify(Level::Info, format!("{}: done ({now})", asked.what));
    } else {
        state.notify(
            Level::Warn,
            format!(
                "{}: the service answered but did not apply it ({now})",
                asked.what
            ),
        );
    }
}

/// `DeviceTagFailed`: why, with the permission named for a refusal.
pub(crate) fn on_failed(state: &mut State, req: RequestId, error: &str) {
    let Some(asked) = state.device.tag_reqs.remove(&req) else {
        return;
    };
    let lower = error.to_ascii_lowercase();
    let text =
        if lower.contains("403") || lower.contains("forbidden") || lower.contains("permission") {
            format!("{} refused: the token {NEEDS} ({error})", asked.what)
        } else {
            format!("{} failed: {error}", asked.what)
        };
    state.notify(Level::Error, text);
}

/// The device's tags as the prompt shows them under the field.
pub fn current_tags(t: &TagTarget) -> String {
    if t.tags.is_empty() {
        "No tags yet".to_string()
    } else {
        format!("Tags: {}", t.tags.join(", "))
    }
}
