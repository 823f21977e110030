//! The process story (issue 11): `P` loads the alert when needed, then asks advanced hunting
//! with a query built from validated values only; the tree around the evidence, the events of
//! the process under the cursor, answers from the store, an alert older than hunting keeps,
//! failures, the quota, and answers that come too late.

use super::*;
use crate::graph_fixture::{answer, file_rows, network_rows, process_rows};
use mde_console::app::dialogs::DialogKind;
use mde_console::app::story::{EventKind, EventsLoad, StoryLoad};
use mde_model::graph::{HuntFailure, HuntQuery, HuntQuota, MachineId};

const MACHINE: &str = "4B1E3F9A0C2D8E7F6A5B4C3D2E1F0A9B8C7D6E5F";

fn now() -> Timestamp {
    ts("2024-05-02T12:00:00Z")
}

fn at(mins: i64) -> Timestamp {
    Timestamp(now().0 - chrono::Duration::minutes(mins))
}

/// The alert h2 in full: its device's machine id and two evidence processes (cmd.exe 1000 and
/// powershell.exe 2000), active 9 to 4 minutes before now.
fn endpoint_alert() -> Alert {
    let mut a = alert("h2", Severity::High, "2024-05-02T10:00:00Z");
    a.machine_id = Some(MACHINE.into());
    a.first_event_time = Some(at(9));
    a.last_event_time = Some(at(4));
    let mut cmd = Evidence::empty(EntityType::Process);
    cmd.file_name = Some("cmd.exe".into());
    cmd.process_id = Some(1000);
    cmd.process_creation_time = Some(at(9));
    let mut ps = Evidence::empty(EntityType::Process);
    ps.file_name = Some("powershell.exe".into());
    ps.process_id = Some(2000);
    ps.process_creation_time = Some(at(8));
    ps.process_command_line = Some("powershell -enc AAAA\" | take 1".into());
    a.evidence = vec![cmd, ps];
    a
}

/// The list with the clock at `now()`.
fn ticking() -> State {
    let mut s = loaded();
    let _ = update(&mut s, AppMsg::Tick(now()));
    s
}

/// `P` on the cursor's alert (not open yet), its detail answered; returns the process query's
/// request and the query.
fn story_asked(s: &mut State, a: Alert) -> Vec<Effect> {
    let fx = ch(s, 'P');
    let [Effect::LoadDetail { req, ref alert_id }] = fx[..] else {
        panic!("{fx:?}")
    };
    assert_eq!(alert_id, &a.id);
    assert_eq!(s.top_dialog().unwrap().kind(), DialogKind::Story);
    assert_eq!(
        s.story.open.as_ref().unwrap().load,
        StoryLoad::WaitingForAlert
    );
    sync(
        s,
        Msg::DetailLoaded {
            req,
            detail: detail_of(a),
        },
    )
}

fn the_hunt(fx: &[Effect]) -> (u64, HuntQuery, bool) {
    match fx {
        [
            Effect::RunHunt {
                req,
                query,
                refresh,
            },
        ] => (*req, query.clone(), *refresh),
        other => panic!("expected one RunHunt, got {other:?}"),
    }
}

fn names(s: &State) -> Vec<String> {
    let st = s.story.open.as_ref().unwrap();
    st.lines
        .iter()
        .map(|l| {
            let n = &st.tree.nodes[l.node];
            format!(
                "{}{}",
                "  ".repeat(l.depth),
                n.file_name.clone().unwrap_or_default()
            )
        })
        .collect()
}

#[test]
fn p_loads_the_alert_then_asks_for_its_device_processes_from_validated_values() {
    let mut s = ticking();
    let fx = story_asked(&mut s, endpoint_alert());
    let (req, q, refresh) = the_hunt(&fx);
    assert!(!refresh);
    // The lower-cased machine id and the activity's window widened by an hour; nothing else
    // from the alert (its command line holds a quote and a pipe) is in the query.
    assert_eq!(
        q,
        HuntQuery::DeviceProcesses {
            device: MachineId::parse(&MACHINE.to_lowercase()).unwrap(),
            from: at(69),
            to: at(-56),
        }
    );
    let json = serde_json::to_string(&q).unwrap();
    assert!(
        !json.contains("take 1") && !json.contains("powershell"),
        "{json}"
    );
    // The tree: the evidence with its ancestors and children, not notepad (explorer's other
    // child); the cursor on the first evidence process, whose events are asked for at once.
    let fx = sync(
        &mut s,
        Msg::HuntResult {
            req,
            answer: answer(q.clone(), process_rows(now()), now(), false),
        },
    );
    assert_eq!(
        names(&s),
        [
            "userinit.exe",
            "  explorer.exe",
            "    cmd.exe",
            "      conhost.exe",
            "      powershell.exe",
            "        rundll32.exe"
        ]
    );
    let st = s.story.open.as_ref().unwrap();
    assert_eq!(st.load, StoryLoad::Loaded);
    assert_eq!(st.evidence_found, 2);
    assert!(!st.cached);
    assert_eq!(st.tree.nodes[st.lines[st.cursor].node].pid, 1000);
    let kinds: Vec<(&str, u32)> = fx
        .iter()
        .map(|e| match e {
            Effect::RunHunt {
                query: HuntQuery::ProcessNetwork { process, device },
                ..
            } => {
                assert_eq!(device.as_str(), MACHINE.to_lowercase());
                ("network", process.pid.get())
            }
            Effect::RunHunt {
                query: HuntQuery::ProcessFiles { process, .. },
                ..
            } => ("files", process.pid.get()),
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(kinds, [("network", 1000), ("files", 1000)]);
}

#[test]
fn the_events_of_the_process_under_the_cursor_and_answers_from_the_store() {
    let mut s = ticking();
    let (req, q, _) = the_hunt(&story_asked(&mut s, endpoint_alert()));
    sync(
        &mut s,
        Msg::HuntResult {
            req,
            answer: answer(q.clone(), process_rows(now()), at(30), true),
        },
    );
    assert!(s.story.open.as_ref().unwrap().cached);
    // Down twice: powershell.exe. Enter asks for its events.
    ch(&mut s, 'j');
    ch(&mut s, 'j');
    let fx = key(&mut s, KeyCode::Enter);
    let reqs: Vec<(u64, HuntQuery)> = fx
        .iter()
        .map(|e| match e {
            Effect::RunHunt {
                req,
                query,
                refresh: false,
            } => (*req, query.clone()),
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(reqs.len(), 2);
    let key2000 = match &reqs[0].1 {
        HuntQuery::ProcessNetwork { process, .. } => *process,
        other => panic!("{other:?}"),
    };
    assert_eq!(key2000.pid.get(), 2000);
    sync(
        &mut s,
        Msg::HuntResult {
            req: reqs[0].0,
            answer: answer(reqs[0].1.clone(), network_rows(now()), now(), false),
        },
    );
    sync(
        &mut s,
        Msg::HuntResult {
            req: reqs[1].0,
            answer: answer(reqs[1].1.clone(), file_rows(now()), now(), false),
        },
    );
    let st = s.story.open.as_ref().unwrap();
    let net = &st.events[&(key2000, EventKind::Network)];
    assert!(matches!(net, EventsLoad::Loaded(r) if r.rows.len() == 2));
    assert!(
        matches!(&st.events[&(key2000, EventKind::Files)], EventsLoad::Loaded(r) if r.rows.len() == 1)
    );
    // Enter again asks nothing: they are here. `r` runs the tree again past the store.
    assert!(key(&mut s, KeyCode::Enter).is_empty());
    let (_, q2, refresh) = the_hunt(&ch(&mut s, 'r'));
    assert!(refresh);
    assert_eq!(q2, q);
    // `v` shows the process in full.
    ch(&mut s, 'v');
    assert_eq!(s.top_dialog().unwrap().kind(), DialogKind::Viewer);
}

#[test]
fn an_alert_older_than_hunting_keeps_says_so_and_asks_nothing() {
    let mut s = ticking();
    let mut a = endpoint_alert();
    // 41 days ago; the window reaches an hour later: 40 whole days old.
    a.first_event_time = Some(at(60 * 24 * 41));
    a.last_event_time = Some(at(60 * 24 * 41));
    for e in &mut a.evidence {
        e.process_creation_time = Some(at(60 * 24 * 41));
    }
    assert!(story_asked(&mut s, a).is_empty());
    let StoryLoad::Unavailable(why) = &s.story.open.as_ref().unwrap().load else {
        panic!("{:?}", s.story.open)
    };
    assert!(
        why.contains("no hunting data") && why.contains("40 days"),
        "{why}"
    );
}

#[test]
fn no_device_or_a_bad_machine_id_gives_no_query() {
    let mut s = ticking();
    let mut a = endpoint_alert();
    a.machine_id = None;
    assert!(story_asked(&mut s, a).is_empty());
    assert!(
        matches!(&s.story.open.as_ref().unwrap().load, StoryLoad::Unavailable(w) if w.contains("names no device"))
    );
    key(&mut s, KeyCode::Esc);
    assert!(s.story.open.is_none() && s.top_dialog().is_none());
    // A machine id that is not 40 hex digits never reaches a query.
    let mut s = ticking();
    let mut a = endpoint_alert();
    a.machine_id = Some(format!("{}\" or 1==1", "a".repeat(31)));
    assert!(story_asked(&mut s, a).is_empty());
    assert!(
        matches!(&s.story.open.as_ref().unwrap().load, StoryLoad::Unavailable(w) if w.contains("machine id")),
        "{:?}",
        s.story.open.as_ref().unwrap().load
    );
}

#[test]
fn failures_the_quota_and_late_answers() {
    let mut s = ticking();
    let (req, q, _) = the_hunt(&story_asked(&mut s, endpoint_alert()));
    sync(
        &mut s,
        Msg::HuntQuota(HuntQuota {
            used: 45,
            limit: 45,
            resets_in_secs: 20,
        }),
    );
    assert_eq!(s.story.quota.unwrap().used, 45);
    sync(
        &mut s,
        Msg::HuntFailed {
            req,
            query: q.clone(),
            failure: HuntFailure::Throttled {
                retry_after_secs: 20,
            },
        },
    );
    assert_eq!(
        s.story.open.as_ref().unwrap().load,
        StoryLoad::Failed(HuntFailure::Throttled {
            retry_after_secs: 20
        })
    );
    // r tries again; an answer to the old request is dropped.
    let (req2, _, refresh) = the_hunt(&ch(&mut s, 'r'));
    assert!(refresh && req2 != req);
    assert!(
        sync(
            &mut s,
            Msg::HuntResult {
                req,
                answer: answer(q.clone(), process_rows(now()), now(), false)
            }
        )
        .is_empty()
    );
    assert_eq!(s.story.open.as_ref().unwrap().load, StoryLoad::Loading);
    // Closed: a late answer changes nothing.
    key(&mut s, KeyCode::Esc);
    assert!(
        sync(
            &mut s,
            Msg::HuntResult {
                req: req2,
                answer: answer(q, process_rows(now()), now(), false)
            }
        )
        .is_empty()
    );
    assert!(s.story.open.is_none());
    // No alert on screen: P says so.
    let mut empty = State::new(config());
    assert!(ch(&mut empty, 'P').is_empty());
    assert!(last_toast(&empty).contains("No alert selected"));
}
