//! The Microsoft Graph security API's model: alerts_v2 (every Defender product), incidents,
//! typed evidence, comments, advanced hunting answers, and the console↔sync types of these
//! features. Lenient like the MDE model: unknown members kept, both documented spellings read.

pub mod alert;
pub mod comment;
pub mod enums;
pub mod evidence;
pub mod hunt;
pub mod hunting;
pub mod incident;
pub mod incident_row;
pub mod page;
pub mod process_story;
mod project;
pub mod protocol;

pub use alert::GraphAlert;
pub use comment::{GraphComment, parse_comment_list};
pub use enums::{EvidenceRole, IncidentStatus, RemediationStatus, ServiceSource, Verdict};
pub use evidence::{EvidenceDetail, GraphEvidence};
pub use hunt::{
    HuntAlertId, HuntQuery, MachineId, ProcessId, ProcessKey, StoryUnavailable,
    process_story as process_story_query,
};
pub use hunting::{Cell, Column, ColumnType, HuntingResult};
pub use incident::Incident;
pub use incident_row::IncidentRow;
pub use page::{GraphPage, Parsed, parse_graph_page};
pub use process_story::ProcessStory;
pub use protocol::{
    HuntAnswer, HuntFailure, HuntQuota, IncidentChange, IncidentDetail, IncidentWrite, OutboxWrite,
    Subject,
};
