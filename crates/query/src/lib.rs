//! The alert filter language, one grammar for the console's `/` filter and (next) the CLI's
//! `alerts list --query`:
//!
//! `sev:high status:new,inprogress assigned:me device:ws01 hash:3395 ip:10.1. tech:T1059
//! url:evil.example cmd:-enc "free text" !file:mimikatz`
//!
//! Terms are ANDed; `a,b` values within a term are ORed; `!` negates a term; most fields match
//! case-insensitive prefixes, the evidence text fields (url, file, cmd, reg, desc, account) and
//! free text match substrings; `"…"` quotes spaces and colons. Evidence, the description and
//! technique ids are matched in the row's searchable text (`mde_model::search`), built once when
//! the alert arrives, so matching allocates nothing.
//!
//! `Query::parse(text)?.for_identity(me)` then `query.matches(&row)`; `Query::narrows` tells a
//! caller when the previous matches can be narrowed instead of walking every row; `FIELDS` is
//! the field table (help, suggestions); `complete` suggests what the last token could become;
//! `TextIndex` says which rows a query's text can be in, so a keystroke reads only those.

mod field;
mod index;
mod matching;
mod narrow;
mod parse;
mod suggest;

pub use field::{FIELDS, Field, FieldDoc, field_named};
pub use index::{Candidates, TextIndex};
pub use matching::{contains_ci, starts_with_ci};
pub use parse::{ParseError, Query, Term, Value};
pub use suggest::{Completion, complete};
