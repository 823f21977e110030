//! Scale issue: rows that arrive in bulk show at once and are indexed once the fetch stops, a
//! slice per idle turn; a filter meanwhile still finds every match.

use super::*;
use mde_console::app::list::indexing::{BULK, SLICE};
use mde_console::app::wants_idle;
use mde_model::protocol::{FileProgress, SyncStatus};
use mde_model::{EntityType, Evidence};

/// `n` rows from `from` on; every seventh runs `needle-<i>.exe`, which only its evidence names.
fn bulk(from: usize, n: usize) -> Vec<AlertRow> {
    (from..from + n)
        .map(|i| {
            let mut a = alert(&format!("b{i}"), Severity::Medium, "2024-05-01T10:00:00Z");
            if i % 7 == 0 {
                let mut p = Evidence::empty(EntityType::Process);
                p.process_command_line = Some(format!("needle-{i}.exe --quiet"));
                a.evidence = vec![p];
            }
            AlertRow::from_alert(&a)
        })
        .collect()
}

fn started() -> (State, u64) {
    let mut s = State::new(config());
    let fx = update(&mut s, AppMsg::Init);
    let Effect::Start { req } = fx[0] else {
        panic!("{fx:?}")
    };
    (s, req)
}

fn page(req: u64, rows: Vec<AlertRow>, complete: bool) -> Msg {
    Msg::AlertsUpdated {
        req,
        rows,
        complete,
    }
}

/// Idle turns until nothing waits; how many it took. Each draws nothing and asks for nothing.
fn drain(s: &mut State) -> usize {
    let mut turns = 0;
    while wants_idle(s) {
        s.dirty = false;
        assert!(update(s, AppMsg::Idle).is_empty());
        assert!(!s.dirty, "indexing draws no frame");
        turns += 1;
        assert!(turns < 1_000, "the backlog never emptied");
    }
    turns
}

fn filtered(s: &mut State, text: &str) -> Vec<String> {
    ch(s, '/');
    typ(s, text);
    key(s, KeyCode::Enter);
    let ids = view_ids(s);
    key(s, KeyCode::Esc); // clears the filter
    assert_eq!(s.list.filter_text, "");
    ids
}

#[test]
fn a_sync_s_pages_show_at_once_and_are_indexed_once_they_stop() {
    let (mut s, req) = started();
    let n = BULK + SLICE + 500;
    sync(&mut s, page(req, bulk(0, BULK + 100), false));
    sync(&mut s, page(req, bulk(BULK + 100, n - BULK - 100), false));
    assert_eq!(
        s.list.rows.view_len(),
        n,
        "every row is on the list at once"
    );
    assert_eq!(s.list.rows.unindexed(), n);
    let want: Vec<String> = (0..n)
        .filter(|i| i % 7 == 0 && format!("{i}").starts_with("21"))
        .map(|i| format!("b{i}"))
        .collect();
    assert!(!want.is_empty());
    // Pages still arrive: the cores are the sync's, and a filter reads the rows' text.
    assert!(!wants_idle(&s));
    assert!(update(&mut s, AppMsg::Idle).is_empty());
    assert_eq!(
        s.list.rows.unindexed(),
        n,
        "nothing indexed while pages arrive"
    );
    let mut got = filtered(&mut s, "needle-21");
    got.sort();
    let mut sorted_want = want.clone();
    sorted_want.sort();
    assert_eq!(got, sorted_want, "unindexed rows are matched by their text");
    // The complete answer ends the fetch: the backlog goes, a slice per idle turn.
    sync(&mut s, page(req, bulk(0, n), true));
    assert!(wants_idle(&s));
    assert_eq!(drain(&mut s), n.div_ceil(SLICE));
    assert_eq!(s.list.rows.unindexed(), 0);
    let mut again = filtered(&mut s, "needle-21");
    again.sort();
    assert_eq!(again, sorted_want, "the index finds what the text did");
    assert!(filtered(&mut s, "needle-99999").is_empty());
}

#[test]
fn pages_that_stop_without_a_complete_answer_are_waited_for_three_ticks_or_their_end() {
    let (mut s, req) = started();
    sync(&mut s, page(req, bulk(0, BULK), false));
    for _ in 0..2 {
        assert!(update(&mut s, AppMsg::Tick(ts("2024-05-05T10:00:00Z"))).is_empty());
        assert!(!wants_idle(&s));
    }
    assert!(update(&mut s, AppMsg::Tick(ts("2024-05-05T10:00:01Z"))).is_empty());
    assert!(wants_idle(&s), "three quiet ticks: the fetch is over");
    drain(&mut s);
    // A failure ends the wait at once.
    sync(&mut s, page(req, bulk(BULK, BULK), false));
    assert!(!wants_idle(&s));
    sync(
        &mut s,
        Msg::RefreshFailed {
            req,
            error: "connection reset".into(),
        },
    );
    assert!(wants_idle(&s));
    drain(&mut s);
    // A first sync ends without a complete answer: the status after it ends the wait.
    sync(&mut s, page(req, bulk(3 * BULK, BULK), false));
    let held: SyncStatus = s.connection.status.clone();
    sync(&mut s, Msg::Sync(held.clone()));
    assert!(
        !wants_idle(&s),
        "a status without a new sync changes nothing"
    );
    let moved = SyncStatus {
        last_sync: Some(ts("2024-05-05T10:00:02Z")),
        ..held
    };
    sync(&mut s, Msg::Sync(moved));
    assert!(wants_idle(&s), "the fetch ended");
    drain(&mut s);
    // An offline file's batches: the last progress report ends the wait.
    sync(&mut s, page(req, bulk(2 * BULK, BULK), false));
    let progress = |done| FileProgress {
        bytes_read: 10,
        bytes_total: Some(10),
        alerts: 3 * BULK as u64,
        skipped: 0,
        done,
    };
    sync(&mut s, Msg::FileProgress(progress(false)));
    assert!(!wants_idle(&s));
    sync(&mut s, Msg::FileProgress(progress(true)));
    assert!(wants_idle(&s), "the whole file is read");
}

#[test]
fn the_cache_at_start_waits_for_no_fetch_and_a_few_rows_are_indexed_at_once() {
    let (mut s, req) = started();
    sync(
        &mut s,
        Msg::CacheLoaded {
            req,
            rows: bulk(0, BULK),
        },
    );
    assert_eq!(s.list.rows.unindexed(), BULK);
    assert!(wants_idle(&s), "indexed behind the first screen");
    drain(&mut s);
    sync(&mut s, page(req, bulk(BULK, 3), false));
    assert_eq!(
        s.list.rows.unindexed(),
        0,
        "a poll's few rows are indexed at once"
    );
    assert!(!wants_idle(&s));
    assert_eq!(filtered(&mut s, "needle-1001"), ["b1001"]);
}
