//! Files the runtime reads or writes for the console: the offline file's loading progress
//! (`--file`), and the answers to an export or a handoff report (written, or why not). Also the
//! words of the read-only refusal, which name the offline file when there is one.

use crate::app::chrome::toasts::Level;
use crate::app::state::State;
use mde_model::protocol::{FileProgress, RequestId};

/// How far the offline file has loaded; the last report says how it went.
pub(crate) fn on_progress(state: &mut State, p: FileProgress) {
    let was_done = state.rotation.file.is_some_and(|f| f.done);
    state.rotation.file = Some(p);
    if p.done && !was_done {
        let skipped = match p.skipped {
            0 => String::new(),
            n => format!(" ({n} malformed record(s) skipped; the log has their positions)"),
        };
        let name = state.config.offline_file.clone().unwrap_or_default();
        let level = if p.skipped > 0 {
            Level::Warn
        } else {
            Level::Info
        };
        state.notify(
            level,
            format!("Loaded {} alerts from {name}{skipped}", p.alerts),
        );
    }
}

/// An export or a handoff report was written.
pub(crate) fn on_written(state: &mut State, req: RequestId, path: &str, records: usize) {
    let r = &mut state.rotation;
    let text = if r.export_req == Some(req) {
        r.export_req = None;
        let s = if records == 1 { "" } else { "s" };
        format!("Exported {records} alert{s} to {path}")
    } else if r.handoff_req == Some(req) {
        r.handoff_req = None;
        format!("Handoff report written to {path} ({records} lines)")
    } else {
        return;
    };
    state.notify(Level::Info, text);
}

/// An export or a handoff report could not be written.
pub(crate) fn on_write_failed(state: &mut State, req: RequestId, error: &str) {
    let r = &mut state.rotation;
    let what = if r.export_req == Some(req) {
        r.export_req = None;
        "Export failed"
    } else if r.handoff_req == Some(req) {
        r.handoff_req = None;
        "Handoff failed"
    } else {
        return;
    };
    state.notify(Level::Error, format!("{what}: {error}"));
}

/// Why a write action is refused in read-only mode, naming the offline file when it is one.
pub(crate) fn read_only_refusal(state: &State, action: &str) -> String {
    match &state.config.offline_file {
        Some(name) => format!(
            "FILE {name} is read-only: '{action}' is disabled (an offline file cannot be changed)"
        ),
        None => format!(
            "Read-only mode: '{action}' is disabled for profile {}",
            state.config.profile
        ),
    }
}
