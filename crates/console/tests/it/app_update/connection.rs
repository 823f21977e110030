//! The sync task's answers: stale refreshes, failures, new arrivals, pause, request ids.

use super::*;

#[test]
fn stale_refresh_answers_do_not_roll_back() {
    let mut s = loaded();
    let mut newer = row("h2", Severity::High, "2024-05-02T10:00:00Z");
    newer.status = Status::Resolved;
    newer.last_update = Some(ts("2024-05-09T00:00:00Z"));
    sync(
        &mut s,
        Msg::AlertsUpdated {
            req: 10,
            rows: vec![newer],
            complete: false,
        },
    );
    // An older version of the row, arriving late.
    let mut older = row("h2", Severity::High, "2024-05-02T10:00:00Z");
    older.last_update = Some(ts("2024-05-05T00:00:00Z"));
    sync(
        &mut s,
        Msg::AlertsUpdated {
            req: 9,
            rows: vec![older],
            complete: false,
        },
    );
    assert_eq!(s.list.rows.get("h2").unwrap().status, Status::Resolved);
    // A complete answer older than one already applied is dropped entirely.
    sync(
        &mut s,
        Msg::AlertsUpdated {
            req: 20,
            rows: rows()[..2].to_vec(),
            complete: true,
        },
    );
    assert_eq!(s.list.total_count(), 2);
    sync(
        &mut s,
        Msg::AlertsUpdated {
            req: 15,
            rows: rows(),
            complete: true,
        },
    );
    assert_eq!(s.list.total_count(), 2);
}

#[test]
fn refresh_failure_keeps_the_data() {
    let mut s = loaded();
    let fx = act(&mut s, Action::FullRefresh);
    let [Effect::Refresh { req, full: true }] = fx[..] else {
        panic!("{fx:?}")
    };
    sync(
        &mut s,
        Msg::RefreshFailed {
            req,
            error: "timeout".into(),
        },
    );
    assert_eq!(s.list.total_count(), 5);
    assert_eq!(s.connection.refresh_error.as_deref(), Some("timeout"));
}

#[test]
fn new_alerts_by_poll_are_highlighted_until_seen() {
    let mut s = loaded();
    assert!(s.list.new_ids.is_empty(), "the first load is not 'new'");
    sync(
        &mut s,
        Msg::AlertsUpdated {
            req: 0,
            rows: vec![row("n1", Severity::Low, "2024-05-03T11:00:00Z")],
            complete: false,
        },
    );
    let new: Vec<_> = s
        .visible_rows(0..10)
        .filter(|r| r.new)
        .map(|r| r.row.id.clone())
        .collect();
    assert_eq!(new, ["n1"]);
    assert_eq!(last_toast(&s), "1 new alert");
    ch(&mut s, 'G');
    ch(&mut s, 'k');
    assert_eq!(s.list.new_ids.len(), 1, "passing l1 does not clear n1");
    ch(&mut s, 'k'); // n1: low like l1 but newer
    assert_eq!(sel(&s), "n1");
    assert!(s.list.new_ids.is_empty());
}

#[test]
fn the_first_fetch_into_an_empty_cache_is_not_new() {
    let mut s = loaded_with(config(), Vec::new());
    sync(
        &mut s,
        Msg::AlertsUpdated {
            req: 1,
            rows: rows(),
            complete: false,
        },
    );
    assert_eq!(s.list.total_count(), 5);
    assert!(s.list.new_ids.is_empty(), "a first fill is not a poll");
    assert!(s.visible_rows(0..10).all(|r| !r.new));
    // The same first fetch goes on: another page, or its second selection (the resolved alerts
    // of the window after every unresolved one). Still the first fill.
    sync(
        &mut s,
        Msg::AlertsUpdated {
            req: 1,
            rows: vec![row("r1", Severity::Low, "2024-05-01T11:00:00Z")],
            complete: false,
        },
    );
    assert_eq!(s.list.total_count(), 6);
    assert!(s.list.new_ids.is_empty(), "a later page of the first fill");
    assert!(
        !last_toast(&s).contains("new alert"),
        "no 'new alerts' toast for the first fill: {}",
        last_toast(&s)
    );
    // The fetch ends (its status names the last sync); what the next poll brings is new.
    sync(
        &mut s,
        Msg::Sync(SyncStatus {
            last_sync: Some(ts("2024-05-05T10:00:00Z")),
            ..SyncStatus::default()
        }),
    );
    sync(
        &mut s,
        Msg::AlertsUpdated {
            req: 1,
            rows: vec![row("n1", Severity::Low, "2024-05-05T11:00:00Z")],
            complete: false,
        },
    );
    assert_eq!(s.list.new_ids.len(), 1, "what the next poll brings is new");
    assert_eq!(last_toast(&s), "1 new alert");
}

#[test]
fn pause_toggles_polling() {
    let mut s = loaded();
    assert_eq!(ch(&mut s, 'p'), [Effect::SetPolling { paused: true }]);
    assert!(s.connection.paused);
    assert_eq!(ch(&mut s, 'p'), [Effect::SetPolling { paused: false }]);
    sync(
        &mut s,
        Msg::Sync(SyncStatus {
            outbox_pending: 2,
            ..Default::default()
        }),
    );
    assert_eq!(s.connection.status.outbox_pending, 2);
}

#[test]
fn request_ids_are_fresh_for_every_effect() {
    let mut s = loaded();
    let mut seen = Vec::new();
    for fx in [
        ch(&mut s, 'r'),
        key(&mut s, KeyCode::Enter),
        ch(&mut s, 'a'),
    ] {
        for e in fx {
            match e {
                Effect::Refresh { req, .. }
                | Effect::LoadDetail { req, .. }
                | Effect::Write { req, .. } => seen.push(req),
                other => panic!("{other:?}"),
            }
        }
    }
    let mut dedup = seen.clone();
    dedup.dedup();
    assert_eq!(seen.len(), 3);
    assert_eq!(seen, dedup);
    assert!(seen.windows(2).all(|w| w[0] < w[1]));
}

/// Issue 13: idle is idle. Ages are shown in minutes, so the one-second tick redraws a screen
/// only once it is a minute old; a poll's answer (every minute) redraws and resets that.
#[test]
fn idle_ticks_redraw_once_a_minute_and_not_at_all_between_polls() {
    let mut s = loaded();
    let poll = |s: &mut State, at: &str| {
        let status = SyncStatus {
            last_sync: Some(ts(at)),
            next_poll: Some(Timestamp(ts(at).0 + chrono::Duration::seconds(60))),
            ..SyncStatus::default()
        };
        sync(s, Msg::Sync(status));
        assert!(s.dirty, "a poll's answer is drawn");
        s.dirty = false;
    };
    let tick = |s: &mut State, at: &str| {
        let _ = update(s, AppMsg::Tick(ts(at)));
        std::mem::take(&mut s.dirty)
    };
    let _ = tick(&mut s, "2024-05-10T00:00:00Z");
    poll(&mut s, "2024-05-10T00:00:00Z");
    let drawn: Vec<bool> = (1..60)
        .map(|sec| tick(&mut s, &format!("2024-05-10T00:00:{sec:02}Z")))
        .collect();
    assert_eq!(drawn, vec![false; 59], "no frame between polls");
    // The next poll answers on time: still nothing from the ticks after it.
    poll(&mut s, "2024-05-10T00:01:00Z");
    assert!(!tick(&mut s, "2024-05-10T00:01:30Z"));
    // Polls stop (paused, offline): the screen is redrawn once a minute so ages stay true.
    assert!(tick(&mut s, "2024-05-10T00:02:00Z"), "a minute-old screen");
    assert!(!tick(&mut s, "2024-05-10T00:02:01Z"));
    assert!(!tick(&mut s, "2024-05-10T00:02:59Z"));
    assert!(tick(&mut s, "2024-05-10T00:03:00Z"));
}
