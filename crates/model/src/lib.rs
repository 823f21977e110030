//! The API's data model: Alert, Evidence, Comment and their enums, exactly as the service sends
//! them; the Graph security API's (`graph`); and the console↔sync protocol.

pub mod alert;
pub mod comment;
pub mod device;
pub mod enums;
pub mod evidence;
pub mod graph;
mod lenient;
pub mod page;
mod page_reader;
pub mod protocol;
mod quick_read;
pub mod row;
pub mod search;
pub mod time;

pub use alert::{Alert, LoggedOnUser, RelatedUser};
pub use comment::Comment;
pub use enums::{
    Classification, DetectionStatus, Determination, EntityType, InvestigationState, Severity,
    Status,
};
pub use evidence::{Evidence, EvidenceView};
pub use page::{
    Page, PageError, PageItem, ParsedAlert, ParsedRow, SkippedAlert, parse_alert, parse_page,
    parse_page_rows,
};
pub use page_reader::PageReader;
pub use row::AlertRow;
pub use search::{DetectedEntity, SearchText};
pub use time::Timestamp;
