//! Every dialog fits: each kind of `DialogKind::ALL` is opened the way the analyst opens it
//! (keys and sync answers through `update`), drawn at 80×24, 120×32 and 160×48, and each of its
//! choices and its key hint must be on screen. A snapshot accepted the clipped conflict dialog;
//! this test would not. The `match` in `open` has no wildcard, so a new dialog kind does not
//! compile until it is opened here.

use super::*;
use crossterm::event::KeyCode;
use mde_console::app::dialogs::DialogKind;
use mde_console::app::dialogs::menu::MENU_FOOTER;
use mde_console::app::{AppMsg, update};
use mde_console::ui::dialogs::response::HINT;
use mde_model::protocol::{Effect, Msg};

const SIZES: [(u16, u16); 3] = [(80, 24), (120, 32), (160, 48)];

/// The detail fixture with the detail's focus, the list behind it, sized `w`×`h`.
fn base(w: u16, h: u16) -> State {
    let mut s = detail_state(Pane::Detail);
    s.triage.pending.clear();
    s.connection.status.outbox_pending = 0;
    let _ = update(&mut s, AppMsg::Resize(w, h));
    s
}

/// A write of the detail's alert, queued as outbox entry 7.
fn queued_write(s: &mut State) {
    let fx = keys(s, "a");
    let Some(Effect::Write { req, .. }) = fx.first() else {
        panic!("{fx:?}")
    };
    let req = *req;
    let _ = update(s, AppMsg::Sync(Msg::WriteQueued { req, outbox_id: 7 }));
}

/// Opens a dialog of `kind` as the analyst would; returns what must be on screen besides the
/// items of a menu.
fn open(kind: DialogKind, s: &mut State) -> Vec<String> {
    let strs = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
    match kind {
        DialogKind::SortMenu => {
            keys(s, "s");
            strs(&[MENU_FOOTER])
        }
        DialogKind::StatusMenu => {
            keys(s, "S");
            strs(&[MENU_FOOTER, "Status of"])
        }
        DialogKind::ClassifyMenu => {
            keys(s, "c");
            strs(&[MENU_FOOTER, "Classify"])
        }
        DialogKind::DeterminationMenu => {
            keys(s, "ct");
            strs(&[MENU_FOOTER, "determination"])
        }
        DialogKind::YankMenu => {
            keys(s, "y");
            strs(&[MENU_FOOTER, "Copy from"])
        }
        DialogKind::Confirm => {
            // Three marked alerts on the list: the change confirms.
            key(s, KeyCode::Esc);
            keys(s, "-g   a");
            strs(&["[ Cancel ]", "[ Apply ]", "Esc cancels", "3 marked alerts"])
        }
        DialogKind::Conflict => {
            queued_write(s);
            let server = s
                .list
                .rows
                .get(&s.detail.as_ref().unwrap().alert_id)
                .unwrap()
                .clone();
            let _ = update(
                s,
                AppMsg::Sync(Msg::WriteConflict {
                    outbox_id: 7,
                    alert_id: server.id.clone(),
                    server: Box::new(server),
                }),
            );
            strs(&[
                "[ Discard mine (Enter/d) ]",
                "[ Overwrite (o) ]",
                "o overwrites it",
                "Your change:",
            ])
        }
        DialogKind::Filter => {
            keys(s, "/ha");
            strs(&["Filter /ha", "hash:", "Enter Apply", "Esc Cancel"])
        }
        DialogKind::AssignTo => {
            keys(s, "A");
            strs(&[
                mde_console::ui::dialogs::prompt::assign::HINT,
                "Assign 'Suspicious PowerShell",
            ])
        }
        DialogKind::Palette => {
            keys(s, ":");
            strs(&[mde_console::ui::dialogs::prompt::palette::HINT])
        }
        DialogKind::Editor => {
            keys(s, "C");
            strs(&["Ctrl-S", "send", "close, keep draft", "Comment on"])
        }
        DialogKind::Viewer => {
            keys(s, "R");
            strs(&[mde_console::ui::dialogs::viewer::HINT, "Raw JSON"])
        }
        DialogKind::Help => {
            keys(s, "?");
            strs(&[mde_console::ui::dialogs::help::HINT])
        }
        DialogKind::Quit => {
            queued_write(s);
            keys(s, "q");
            strs(&["[ Stay ]", "[ Quit ]", "n/Esc stays"])
        }
        // Issue 12.
        DialogKind::ViewMenu => {
            keys(s, "v");
            strs(&[MENU_FOOTER, "Views"])
        }
        DialogKind::Export => {
            keys(s, "e");
            strs(&[
                mde_console::ui::dialogs::export::HINT,
                "(•) CSV",
                "( ) JSON",
                "Export ",
                "> mde-triage-",
            ])
        }
        // Issue 11: on the incident list, incident 101 (three alerts) under the cursor.
        DialogKind::IncidentStatusMenu => {
            on_incidents(s);
            keys(s, "S");
            strs(&[MENU_FOOTER, "Status of incident 101"])
        }
        DialogKind::IncidentSortMenu => {
            on_incidents(s);
            keys(s, "s");
            strs(&[MENU_FOOTER, "Sort incidents by"])
        }
        DialogKind::IncidentFilter => {
            on_incidents(s);
            keys(s, "/dev");
            strs(&["Filter /dev", "Enter Apply", "Esc Cancel"])
        }
        DialogKind::Tags => {
            on_incidents(s);
            keys(s, "T");
            strs(&[
                mde_console::ui::dialogs::prompt::tags::HINT,
                "Tags of incident 101",
            ])
        }
        DialogKind::ResolvingComment => {
            on_incidents(s);
            keys(s, "Sr");
            strs(&[
                "Ctrl-S",
                "resolve",
                "Resolving comment (optional) for incident 101",
            ])
        }
        DialogKind::IncidentConflict => {
            on_incidents(s);
            let fx = keys(s, "ay");
            let Some(Effect::WriteIncident { req, .. }) = fx.first() else {
                panic!("{fx:?}")
            };
            let req = *req;
            let _ = update(s, AppMsg::Sync(Msg::WriteQueued { req, outbox_id: 9 }));
            let server = super::incidents::incident_rows()[0].clone();
            let _ = update(
                s,
                AppMsg::Sync(Msg::IncidentWriteConflict {
                    outbox_id: 9,
                    server: Box::new(server),
                }),
            );
            strs(&[
                "[ Discard mine (Enter/d) ]",
                "[ Overwrite (o) ]",
                "o overwrites it",
                "Your change:",
                "incident 101",
            ])
        }
        DialogKind::Story => {
            let fx = keys(s, "P");
            let [Effect::RunHunt { req, ref query, .. }] = fx[..] else {
                panic!("{fx:?}")
            };
            let answer = crate::graph_fixture::answer(
                query.clone(),
                crate::graph_fixture::process_rows(now()),
                now(),
                false,
            );
            let _ = update(s, AppMsg::Sync(Msg::HuntResult { req, answer }));
            strs(&[
                mde_console::ui::story::HINT,
                "Process story of",
                "◆ cmd.exe",
                "Events of cmd.exe",
            ])
        }
        // Issue 10 (device response).
        DialogKind::DeviceTag => {
            super::device_choices::tag_box(s);
            strs(&[
                mde_console::ui::dialogs::prompt::device_tag::HINT,
                "Tag ws-fin-014",
                "Tags: VIP, Finance",
            ])
        }
        DialogKind::ResponseMenu => {
            super::device::respond(s);
            let mut want = strs(&[MENU_FOOTER, "Respond on ws-fin-014"]);
            want.extend(super::device::menu_labels(s));
            want
        }
        DialogKind::ResponseAction => {
            super::device::respond(s);
            keys(s, "i");
            strs(&[
                HINT,
                "[ Esc: Cancel ]",
                "[ Ctrl-S: Isolate ]",
                "Isolate ws-fin-014 (Full)",
                "Type the device name",
            ])
        }
        DialogKind::CancelAction => {
            super::device::panel_with_pending(s);
            keys(s, "X");
            strs(&[
                HINT,
                "[ Esc: Keep it ]",
                "[ Ctrl-S: Cancel the action ]",
                "Cancel Antivirus scan",
            ])
        }
        DialogKind::Indicator => {
            super::device::indicator_on_ip(s);
            strs(&[
                HINT,
                "[ Esc: Cancel ]",
                "[ Ctrl-S: Add the indicator ]",
                "Block",
                "Audit",
                "Allow",
                "7 days",
                "30 days",
                "90 days",
                "never",
                "Informational",
                "Low",
                "Medium",
                "High",
                "Description",
            ])
        }
        DialogKind::BulkIsolate => {
            super::device::bulk_of_three(s);
            strs(&[
                HINT,
                "[ Esc: Cancel ]",
                "[ Ctrl-S: Isolate",
                "Type 3",
                "Isolate the devices of 3 marked alerts",
            ])
        }
    }
}

/// The incident list shown, the cursor on incident 101.
fn on_incidents(s: &mut State) {
    key(s, KeyCode::Esc);
    let fx = keys(s, "I");
    let [Effect::LoadIncidents { req, .. }] = fx[..] else {
        panic!("{fx:?}")
    };
    let _ = update(
        s,
        AppMsg::Sync(Msg::IncidentsUpdated {
            req,
            rows: super::incidents::incident_rows(),
            complete: true,
        }),
    );
}

#[test]
fn every_dialog_shows_its_choices_and_key_hint_at_every_size() {
    for &kind in DialogKind::ALL {
        for (w, h) in SIZES {
            let mut s = base(w, h);
            let mut want = open(kind, &mut s);
            let top = s
                .top_dialog()
                .unwrap_or_else(|| panic!("{kind:?} did not open"));
            assert_eq!(top.kind(), kind, "opened the wrong dialog");
            if let Dialog::Menu(m) = top {
                // Each choice by the start of its label (a long value is cut after it).
                want.extend(
                    m.items
                        .iter()
                        .map(|i| i.label.chars().take(20).collect::<String>()),
                );
            }
            let t = draw(&s, w, h, &Theme::full());
            let buf = t.backend().buffer();
            for needle in &want {
                assert!(
                    find(buf, needle).is_some(),
                    "{kind:?} at {w}x{h}: {needle:?} is not on screen:\n{}",
                    text_of(buf)
                );
            }
        }
    }
}

#[test]
fn every_dialog_kind_is_listed_once() {
    let mut seen = std::collections::HashSet::new();
    for k in DialogKind::ALL {
        assert!(seen.insert(*k), "{k:?} twice");
    }
    assert_eq!(seen.len(), DialogKind::ALL.len());
    // Issue 9's 14, issue 12's 2, issue 11's 7, issue 10's 6.
    assert_eq!(seen.len(), 29);
}

#[test]
fn the_filter_prompt_keeps_the_hint_row() {
    let mut s = base(80, 24);
    key(&mut s, KeyCode::Esc);
    keys(&mut s, "/sev:hi");
    let t = draw(&s, 80, 24, &Theme::full());
    let text = text_of(t.backend().buffer());
    let rows: Vec<&str> = text.lines().collect();
    assert!(rows[21].starts_with("Filter /sev:hi"), "{text}");
    assert!(rows[23].contains("Enter Apply"), "{text}");
    // The status bar stays (at 80 columns without the view's name, which the list's title has).
    assert!(
        rows[22].starts_with("demo") && rows[22].contains("synced 1m ago"),
        "the status bar stays: {text}"
    );
    assert!(rows[22].contains("/sev:hi 3 of 10"), "{text}");
}

#[test]
fn the_help_says_when_its_filter_matches_nothing() {
    for (w, h) in SIZES {
        let mut s = base(w, h);
        keys(&mut s, "?zzq");
        let t = draw(&s, w, h, &Theme::full());
        let buf = t.backend().buffer();
        for needle in [
            "Keys and filter fields",
            "Filter: zzq",
            mde_console::ui::dialogs::help::HINT,
            "Nothing matches the filter.",
        ] {
            assert!(
                find(buf, needle).is_some(),
                "at {w}x{h}: {needle:?} is not on screen:\n{}",
                text_of(buf)
            );
        }
    }
}
