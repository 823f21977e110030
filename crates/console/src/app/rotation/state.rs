//! The rotation feature's state: the keymap in force (the config's remap over the built-in
//! table), the SLA counts of the rows held, the offline file's loading progress, and the
//! requests of the export, the handoff and a profile switch on their way.

use crate::app::keymap::remap::Keymap;
use mde_model::protocol::{FileProgress, RequestId};
use mde_ops::ConsoleSettings;
use mde_ops::sla::SlaCounts;

/// The SLA counts over every row held, with what they were computed from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SlaCache {
    /// The rows' generation and the minute they were counted at.
    pub key: Option<(u64, i64)>,
    /// Near and breached alerts.
    pub counts: SlaCounts,
}

/// What the rotation feature owns.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Rotation {
    /// The keymap in force: it drives the keys, the help, the hint bar and the palette.
    pub keymap: Keymap,
    /// SLA near/breach counts for the status bar.
    pub sla: SlaCache,
    /// How far the offline file has loaded (`None`: no file, or no report yet).
    pub file: Option<FileProgress>,
    /// The export waiting for its answer.
    pub export_req: Option<RequestId>,
    /// The handoff report waiting for its answer.
    pub handoff_req: Option<RequestId>,
    /// The profile a switch was asked for.
    pub switching: Option<String>,
}

impl Rotation {
    /// The state for a profile's settings.
    pub fn new(settings: &ConsoleSettings) -> Rotation {
        Rotation {
            keymap: Keymap::from_remap(&settings.keys),
            ..Rotation::default()
        }
    }
}
