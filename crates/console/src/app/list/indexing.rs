//! When the rows' text is indexed (scale issue). Rows that come in bulk (a sync's page, the
//! cache at start, an offline file's batches) are shown first and indexed later: while a
//! fetch's pages still arrive, the 2 cores are the sync's; once they stop (a complete answer,
//! the status after the fetch, a failure, a file's end, or quiet ticks), the console indexes
//! a slice of rows at a time whenever nothing else waits (`AppMsg::Idle`). Rows that come a
//! few at a time (a poll's changes, a write's answer) are indexed at once.

use super::ListState;

/// Rows in one message from which their indexing waits.
pub const BULK: usize = 1_000;
/// Rows indexed per idle turn: ~7 ms of the UI thread, so a key pressed meanwhile waits no
/// longer than a frame.
pub const SLICE: usize = 2_000;
/// Ticks without a page after which a fetch is taken as over (its end never came: a failure
/// told elsewhere, a switch of profile).
const QUIET_TICKS: u8 = 3;

/// True when `rows` rows in one message are indexed later.
pub fn is_bulk(rows: usize) -> bool {
    rows >= BULK
}

/// A sync's message of `rows` rows arrives (`complete`: the answer that ends a full refresh).
pub fn on_rows(list: &mut ListState, rows: usize, complete: bool) {
    if complete {
        list.streaming = None;
    } else if is_bulk(rows) {
        list.streaming = Some(0);
    }
}

/// Pages stopped without a complete answer: the fetch ended (the status's last sync moved) or
/// failed, or an offline file was read to its end.
pub fn on_pages_ended(list: &mut ListState) {
    list.streaming = None;
}

/// The slow clock: a fetch that sent no page for a while is no longer waited for.
pub fn on_tick(list: &mut ListState) {
    if let Some(quiet) = &mut list.streaming {
        *quiet += 1;
        if *quiet >= QUIET_TICKS {
            list.streaming = None;
        }
    }
}

/// True when rows wait to be indexed and no fetch is streaming in.
pub fn wants_idle(list: &ListState) -> bool {
    list.streaming.is_none() && list.rows.unindexed() > 0
}

/// Nothing else waits: one slice of the rows that wait is indexed.
pub fn on_idle(list: &mut ListState) {
    if wants_idle(list) {
        list.rows.catch_up_index(SLICE);
    }
}
