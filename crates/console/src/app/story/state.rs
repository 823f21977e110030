//! What the process story owns: the story on screen (its alert, the query, the tree and the
//! lines shown, the cursor, the events of the processes looked at) and the hunting quota.

use super::lines::StoryLine;
use mde_model::Timestamp;
use mde_model::graph::hunting::HuntingResult;
use mde_model::graph::process_story::ProcessStory;
use mde_model::graph::{HuntFailure, HuntQuery, HuntQuota, ProcessKey};
use mde_model::protocol::RequestId;
use std::collections::HashMap;

/// Where the story is.
#[derive(Debug, Clone, PartialEq)]
pub enum StoryLoad {
    /// The alert's detail (its evidence and device) is on its way first.
    WaitingForAlert,
    /// The process query is running.
    Loading,
    /// The tree is here.
    Loaded,
    /// There is no story to ask for (no device, activity too old, no time): why.
    Unavailable(String),
    /// Hunting gave no answer.
    Failed(HuntFailure),
}

/// Network or file events.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EventKind {
    /// `DeviceNetworkEvents`.
    Network,
    /// `DeviceFileEvents`.
    Files,
}

/// One process's events of one kind.
#[derive(Debug, Clone, PartialEq)]
pub enum EventsLoad {
    /// Asked with this request.
    Loading(RequestId),
    /// The rows.
    Loaded(Box<HuntingResult>),
    /// No answer.
    Failed(HuntFailure),
}

/// The story on screen.
#[derive(Debug, Clone, PartialEq)]
pub struct Story {
    /// The alert it is about.
    pub alert_id: String,
    /// How the title names it (`'Title' on device`).
    pub name: String,
    /// Where it is.
    pub load: StoryLoad,
    /// The process query (built from validated values).
    pub query: Option<HuntQuery>,
    /// The request the tree answers.
    pub req: Option<RequestId>,
    /// The alert's evidence processes.
    pub evidence: Vec<ProcessKey>,
    /// The tree, once here.
    pub tree: ProcessStory,
    /// The lines shown: the evidence processes with their ancestors and children.
    pub lines: Vec<StoryLine>,
    /// How many evidence processes the tree holds.
    pub evidence_found: usize,
    /// The cursor's line.
    pub cursor: usize,
    /// When the answer was computed by the service.
    pub ran_at: Option<Timestamp>,
    /// The answer came from the store.
    pub cached: bool,
    /// Events by process and kind.
    pub events: HashMap<(ProcessKey, EventKind), EventsLoad>,
}

impl Story {
    /// A story for an alert, before anything was asked.
    pub fn new(alert_id: String, name: String) -> Story {
        Story {
            alert_id,
            name,
            load: StoryLoad::WaitingForAlert,
            query: None,
            req: None,
            evidence: Vec::new(),
            tree: ProcessStory::default(),
            lines: Vec::new(),
            evidence_found: 0,
            cursor: 0,
            ran_at: None,
            cached: false,
            events: HashMap::new(),
        }
    }

    /// The process under the cursor, by index in the tree.
    pub fn selected_node(&self) -> Option<usize> {
        self.lines.get(self.cursor).map(|l| l.node)
    }

    /// The key (pid and start) of a node, when its start time is known.
    pub fn key_of(&self, node: usize) -> Option<ProcessKey> {
        let n = self.tree.nodes.get(node)?;
        mde_model::graph::hunt::evidence_process_key(Some(n.pid), n.created)
    }
}

/// Everything the process story owns.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct StoryState {
    /// The story open on screen.
    pub open: Option<Story>,
    /// Hunting calls used, as the sync task last said.
    pub quota: Option<HuntQuota>,
}
