//! The console runtime of issue 12 (operating on a rotation): the router between the console
//! and its data sources — one profile's sync task (restartable for `:profile NAME`), every
//! profile's at once (`--all-profiles`), or an offline file (`--file`) — and the effects the
//! router answers itself: export and the shift handoff.

pub mod clients;
pub mod export;
pub mod file_source;
pub mod handoff;
pub mod merge;
pub mod router;
pub mod session;
