//! Issue 11's screens: the incident list, an expanded incident, the incident triage dialogs,
//! the process story (loaded with events, and the too-old message) and the alert list of a
//! Graph profile with its Source column. Each is reached through `update` the way the analyst
//! gets there, snapshotted at 80×24 and 160×48, and what must be visible is asserted.

use super::*;
use crate::graph_fixture::{
    answer, file_rows, incident_detail, incident_json, incident_row, network_rows, process_rows,
};
use crossterm::event::KeyCode;
use mde_console::app::{AppMsg, update};
use mde_model::graph::{IncidentRow, ServiceSource};
use mde_model::protocol::{Effect, Msg};

fn json_of(id: &str) -> serde_json::Value {
    let mde = "microsoftDefenderForEndpoint";
    match id {
        "101" => incident_json(
            "101",
            "Multi-stage incident involving Execution on ws-fin-014",
            "high",
            "active",
            None,
            ago(9),
            &[
                (
                    "da638123456789012345_-1234567890",
                    "Suspicious PowerShell command line",
                    "ws-fin-014.corp.contoso.com",
                    mde,
                ),
                (
                    "da000000000000000010",
                    "Lateral movement using PsExec",
                    "srv-file-01.corp.contoso.com",
                    mde,
                ),
                (
                    "fa77aa1b-office",
                    "Email messages containing malicious URL removed after delivery",
                    "ws-fin-014.corp.contoso.com",
                    "microsoftDefenderForOffice365",
                ),
            ],
        ),
        "102" => incident_json(
            "102",
            "Credential theft on one endpoint",
            "high",
            "inProgress",
            Some("alice.analyst@contoso.com"),
            ago(120),
            &[(
                "da000000000000000002",
                "'Mimikatz' credential theft tool",
                "srv-dc-01.corp.contoso.com",
                mde,
            )],
        ),
        "103" => incident_json(
            "103",
            "Ransomware behavior on ws-hr-003 \u{1b}[2J\u{202e}",
            "medium",
            "active",
            None,
            ago(300),
            &[(
                "da000000000000000003",
                "Ransomware behavior detected in the file system",
                "ws-hr-003.corp.contoso.com",
                mde,
            )],
        ),
        _ => incident_json(
            "105",
            "Persistence on one endpoint",
            "low",
            "active",
            None,
            ago(2_880),
            &[(
                "da000000000000000005",
                "Suspicious Run key persistence",
                "ws-eng-101.corp.contoso.com",
                mde,
            )],
        ),
    }
}

/// The incident rows the sync task would send.
pub(crate) fn incident_rows() -> Vec<IncidentRow> {
    ["101", "102", "103", "105"]
        .iter()
        .map(|i| incident_row(&json_of(i)))
        .collect()
}

/// The list fixture, `I` pressed and the incidents answered; the cursor on incident 101.
pub(crate) fn incidents_shown(mut s: State) -> State {
    s.focus = Pane::List;
    s.list.marks.clear();
    let fx = keys(&mut s, "I");
    let [Effect::LoadIncidents { req, .. }] = fx[..] else {
        panic!("{fx:?}")
    };
    let _ = update(
        &mut s,
        AppMsg::Sync(Msg::IncidentsUpdated {
            req,
            rows: incident_rows(),
            complete: true,
        }),
    );
    s
}

/// Incident 101 expanded with its alerts.
pub(crate) fn expanded(mut s: State) -> State {
    let fx = key(&mut s, KeyCode::Right);
    let [Effect::LoadIncident { req, .. }] = fx[..] else {
        panic!("{fx:?}")
    };
    let rows = rows();
    let _ = update(
        &mut s,
        AppMsg::Sync(Msg::IncidentLoaded {
            req,
            detail: incident_detail(&json_of("101"), &rows),
        }),
    );
    s
}

#[test]
fn incidents_view() {
    let mut s = incidents_shown(list_state());
    keys(&mut s, " ");
    snap("incidents", &s);
    for (w, h) in [(80, 24), (160, 48)] {
        let t = draw(&s, w, h, &Theme::full());
        let buf = t.backend().buffer();
        assert_clean(buf);
        for n in [
            "Open incidents",
            "Sev",
            "Status",
            "Alerts",
            "Credential theft on one",
            "Active",
            "InProg",
        ] {
            assert!(
                find(buf, n).is_some(),
                "{n:?} at {w}x{h}:\n{}",
                text_of(buf)
            );
        }
        // The hostile name is shown sanitised, with its badge.
        assert!(find(buf, "Ransomware behavior on").is_some());
        assert!(find(buf, "⚠").is_some(), "{}", text_of(buf));
        // The hint bar names the subject: the marked incident, not the cursor's.
        assert!(
            find(buf, "acts on marked incident 101").is_some(),
            "{}",
            text_of(buf)
        );
    }
    let t = draw(&s, 160, 48, &Theme::full());
    let buf = t.backend().buffer();
    for n in [
        "Devices",
        "Assigned",
        "Users",
        "ws-fin-014",
        "alice.analyst",
        "CONTOSO\\jdoe",
        "Open incidents",
        // The way back to the alerts stays on the hint bar (the mode's second key).
        "I Incidents",
    ] {
        assert!(find(buf, n).is_some(), "{n:?} at 160x48:\n{}", text_of(buf));
    }
}

#[test]
fn expanded_incident() {
    let mut s = expanded(incidents_shown(list_state()));
    keys(&mut s, "jjj");
    snap("incident_expanded", &s);
    for (w, h) in [(80, 24), (160, 48)] {
        let t = draw(&s, w, h, &Theme::full());
        let buf = t.backend().buffer();
        for n in [
            "▾",
            "└ Suspicious PowerShell",
            "└ Lateral movement",
            "└ [MDO] Email messages",
            "acts on 'Email messages",
        ] {
            assert!(
                find(buf, n).is_some(),
                "{n:?} at {w}x{h}:\n{}",
                text_of(buf)
            );
        }
    }
}

#[test]
fn incident_triage_dialogs() {
    let base = || expanded(incidents_shown(list_state()));
    // Status: the incident's statuses, titled with the incident and its alerts.
    let mut s = base();
    keys(&mut s, "S");
    snap("incident_status", &s);
    check(
        &s,
        &[
            "Status of incident 101",
            "(3 alerts)",
            "[a]",
            "Active",
            "In progress",
            "Resolved",
            mde_console::app::dialogs::menu::MENU_FOOTER,
        ],
    );
    // Classify: the shared menu, on the incident.
    let mut s = base();
    keys(&mut s, "c");
    check(
        &s,
        &[
            "Classify incident 101",
            "True positive",
            "False positive",
            "Informational, expected activity",
        ],
    );
    // The confirmation: the change, the count of alerts and their names.
    keys(&mut s, "t");
    keys(&mut s, "m");
    snap("incident_confirm", &s);
    check(
        &s,
        &[
            "Change incident 101",
            "Change 3 alerts as follows:",
            "classification → True positive",
            "Suspicious PowerShell command line",
            "Lateral movement",
            "[ Cancel ]",
            "[ Apply ]",
            "Esc cancels",
        ],
    );
    // Tags.
    let mut s = base();
    keys(&mut s, "T");
    keys(&mut s, "Contained");
    snap("incident_tags", &s);
    check(
        &s,
        &[
            "Tags of incident 101",
            "> Contained",
            mde_console::ui::dialogs::prompt::tags::HINT,
        ],
    );
    // The resolving comment.
    let mut s = base();
    keys(&mut s, "Sr");
    keys(&mut s, "Isolated and reimaged");
    snap("incident_resolving_comment", &s);
    check(
        &s,
        &[
            "Resolving comment (optional) for incident 101",
            "Ctrl-S",
            "resolve",
            "Isolated and reimaged",
        ],
    );
    // The conflict prompt.
    let mut s = base();
    let fx = keys(&mut s, "ay");
    let Some(Effect::WriteIncident { req, .. }) = fx.first() else {
        panic!("{fx:?}")
    };
    let req = *req;
    let _ = update(&mut s, AppMsg::Sync(Msg::WriteQueued { req, outbox_id: 4 }));
    let mut server = incident_rows()[0].clone();
    server.assigned_to = Some("bob.oncall@contoso.com".into());
    let _ = update(
        &mut s,
        AppMsg::Sync(Msg::IncidentWriteConflict {
            outbox_id: 4,
            server: Box::new(server),
        }),
    );
    snap("incident_conflict", &s);
    check(
        &s,
        &[
            "Changed on the server: incident 101",
            "bob.oncall@contoso.com",
            "Your change:",
            "assigned to → analyst@contoso.com",
            "[ Discard mine (Enter/d) ]",
            "[ Overwrite (o) ]",
            "o overwrites it",
        ],
    );
}

/// Each needle is on screen at 80×24 and 160×48.
fn check(s: &State, needles: &[&str]) {
    for (w, h) in [(80, 24), (160, 48)] {
        let t = draw(s, w, h, &Theme::full());
        let buf = t.backend().buffer();
        assert_clean(buf);
        for n in needles {
            assert!(
                find(buf, n).is_some(),
                "{n:?} not on screen at {w}x{h}:\n{}",
                text_of(buf)
            );
        }
    }
}

/// The detail fixture (its alert has a machine id and two evidence processes), `P`, and the
/// tree and the events of its first evidence process answered.
pub(crate) fn story_state() -> State {
    let mut s = detail_state(Pane::Detail);
    let fx = keys(&mut s, "P");
    let [Effect::RunHunt { req, ref query, .. }] = fx[..] else {
        panic!("{fx:?}")
    };
    let q = query.clone();
    let fx: Vec<Effect> = update(
        &mut s,
        AppMsg::Sync(Msg::HuntResult {
            req,
            answer: answer(q, process_rows(now()), ago(2), true),
        }),
    )
    .into();
    for e in fx {
        if let Effect::RunHunt { req, query, .. } = e {
            let rows = match query {
                mde_model::graph::HuntQuery::ProcessNetwork { .. } => network_rows(now()),
                _ => file_rows(now()),
            };
            let _ = update(
                &mut s,
                AppMsg::Sync(Msg::HuntResult {
                    req,
                    answer: answer(query, rows, now(), false),
                }),
            );
        }
    }
    let _ = update(
        &mut s,
        AppMsg::Sync(Msg::HuntQuota(mde_model::graph::HuntQuota {
            used: 3,
            limit: 45,
            resets_in_secs: 50,
        })),
    );
    s
}

#[test]
fn process_story() {
    let s = story_state();
    snap("process_story", &s);
    check(
        &s,
        &[
            "Process story of 'Suspicious PowerShell command line'",
            "◆ cmd.exe",
            "powershell.exe",
            "rundll32.exe",
            "Events of cmd.exe (1000)",
            "ConnectionSuccess",
            "203[.]0[.]113[.]7:443",
            "evil[.]example[.]com",
            "FileCreated",
            "from the store",
            "hunt 3/45",
            mde_console::ui::story::HINT,
        ],
    );
    let t = draw(&s, 160, 48, &Theme::full());
    let buf = t.backend().buffer();
    assert!(
        find(buf, "2 of 2 evidence processes found").is_some(),
        "{}",
        text_of(buf)
    );
    // notepad.exe is explorer's other child, not on the evidence's path, and the header
    // counts it among the window's processes that are not shown.
    assert!(find(buf, "notepad.exe").is_none(), "{}", text_of(buf));
    let story = s.story.open.as_ref().expect("the story is open");
    let (shown, all) = (story.lines.len(), story.tree.nodes.len());
    assert!(shown < all, "{shown} of {all}");
    let header = format!("{shown} of {all} processes · ");
    assert!(find(buf, &header).is_some(), "{header}\n{}", text_of(buf));
}

#[test]
fn process_story_of_an_old_alert() {
    let mut s = detail_state(Pane::Detail);
    // The clock 41 days after the alert (40 after its window): hunting keeps 30.
    s.now = Some(Timestamp(now().0 + chrono::Duration::days(41)));
    assert!(keys(&mut s, "P").is_empty());
    snap("process_story_too_old", &s);
    check(
        &s,
        &[
            "no hunting data",
            "40 days old",
            "hunting keeps 30",
            mde_console::ui::story::HINT,
        ],
    );
}

#[test]
fn graph_alert_list_shows_the_product() {
    let mut s = list_state();
    let ids: Vec<String> = s.list.rows.iter_all().map(|r| r.id.clone()).collect();
    for (i, id) in ids.iter().enumerate() {
        let mut r = s.list.rows.get(id).unwrap().clone();
        r.source = Some(if i % 3 == 1 {
            ServiceSource::MicrosoftDefenderForOffice365
        } else {
            ServiceSource::MicrosoftDefenderForEndpoint
        });
        s.list.rows.replace(r);
    }
    snap("list_graph_source", &s);
    check(&s, &["Source", "MDE", "MDO"]);
}
