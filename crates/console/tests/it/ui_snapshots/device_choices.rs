//! The device dialogs added for the service's declared choices, at 80×24 and 160×48, each
//! snapshot backed by what must be visible: the tag box of a device (its tags, how to add and
//! remove, the key hint), containment of an unmanaged device, and the file indicator's actions.

use super::device::{MID, NAME, answer, assert_visible, plain_context};
use super::*;
use crate::device_fixture::{ALL_ROLES, context, machine};
use mde_console::app::dialogs::response::ResponseDialog;
use mde_console::app::{AppMsg, update};
use mde_console::ui::dialogs::prompt::device_tag;
use mde_console::ui::dialogs::response::HINT;
use mde_model::device::OnboardingStatus;

/// `d` on the fixture's alert, the device answered, then `T`: the tag box.
pub(crate) fn tag_box(s: &mut State) {
    let fx = keys(s, "d");
    answer(s, &fx, plain_context());
    keys(s, "T");
}

#[test]
fn dialog_device_tag() {
    let mut s = detail_state(Pane::Detail);
    tag_box(&mut s);
    keys(&mut s, "-VIP");
    assert_visible(
        &s,
        &[
            "Tag ws-fin-014: NAME adds, -NAME removes",
            "> -VIP",
            "Tags: VIP, Finance",
            "Case-sensitive",
            device_tag::HINT,
        ],
    );
    snap("dialog_device_tag", &s);
}

#[test]
fn the_device_panel_names_its_keys_from_the_keymap() {
    let mut s = detail_state(Pane::Detail);
    let fx = keys(&mut s, "d");
    answer(&mut s, &fx, plain_context());
    // Zoomed, so the actions header has the room for its keys.
    keys(&mut s, "z");
    let t = draw(&s, 160, 48, &Theme::full());
    let text = text_of(t.backend().buffer());
    // Nothing failed: no retry is offered.
    assert!(
        text.contains("x respond · T tags · X cancel · L link"),
        "{text}"
    );
    assert!(!text.contains("retry"), "{text}");
    // A send that failed: retry is offered, and the failed line carries its key.
    let mut s = detail_state(Pane::Detail);
    super::device::panel_with_pending(&mut s);
    keys(&mut s, "z");
    let t = draw(&s, 160, 48, &Theme::full());
    let text = text_of(t.backend().buffer());
    assert!(
        text.contains("x respond · T tags · E retry · X cancel · L link"),
        "{text}"
    );
    let failed = text
        .lines()
        .find(|l| l.contains("Send failed"))
        .unwrap_or("");
    assert!(
        failed
            .trim_end_matches(['│', ' ', '▲', '▼', '█'])
            .ends_with(" E"),
        "{failed}"
    );
}

#[test]
fn dialog_contain_unmanaged() {
    let mut s = detail_state(Pane::Detail);
    let fx = keys(&mut s, "x");
    let mut m = machine(MID, NAME, ago(50));
    m.onboarding_status = Some(OnboardingStatus::CanBeOnboarded);
    answer(&mut s, &fx, context(m, Vec::new(), Some(ALL_ROLES)));
    assert_visible(
        &s,
        &[
            "Contain (unmanaged device)",
            "not onboarded",
            "Respond on ws-fin-014",
        ],
    );
    keys(&mut s, "c");
    assert_visible(
        &s,
        &[
            "Contain ws-fin-014 (unmanaged device): the onboarded devices stop",
            "Type the device name to confirm (ws-fin-014",
            "[ Esc: Cancel ]",
            "[ Ctrl-S: Contain ]",
            HINT,
        ],
    );
    snap("dialog_contain_unmanaged", &s);
}

#[test]
fn dialog_indicator_on_a_file() {
    let mut s = detail_state(Pane::Detail);
    s.focus = Pane::Evidence;
    let tree = &s.detail.as_ref().unwrap().tree;
    let i = tree
        .nodes
        .iter()
        .position(|n| n.label.contains("payload.dll"))
        .expect("the file node");
    s.detail.as_mut().unwrap().tree.selected = i;
    let _ = update(
        &mut s,
        AppMsg::Action(mde_console::app::Action::AddIndicator),
    );
    assert!(matches!(
        s.top_dialog(),
        Some(Dialog::Response(r)) if matches!(**r, ResponseDialog::Indicator(_))
    ));
    assert_visible(
        &s,
        &[
            "[Block]",
            "Block and remediate",
            "Warn",
            "Audit",
            "Allow",
            "FileSha256",
            "[ Ctrl-S: Add the indicator ]",
            HINT,
        ],
    );
    snap("dialog_indicator_file", &s);
}
