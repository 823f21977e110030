//! The one rule for what an action acts on — its subject — so keys, the palette and menus all
//! agree, and every dialog can name it.
//!
//! The rule:
//! 1. With the focus in the detail (properties, evidence or comments), the subject is the alert
//!    the detail shows — even with marks (they wait in the list).
//! 2. With the focus on the list, the subject is the marked set when alerts are marked — all of
//!    them, the ones the view or filter hides included; those are counted and named.
//! 3. Otherwise it is the alert the detail shows when one is open, else the alert under the
//!    cursor. The detail follows the cursor when the analyst moves it; a filter, sort or refresh
//!    that moves or hides the cursor row never changes the detail's alert, so it never changes
//!    the subject behind the analyst's back.
//!
//! Triage actions (assign, status, classify, comment, undo) and, next, the device and incident
//! actions take their alerts from [`subject`]. Looking and copying (`y`, `o`, `R`) take
//! [`shown_alert`]: the alert on screen, never a set.

pub mod quote;
pub mod rule;
pub mod state;

pub use rule::{alert_name, first_names, shown_alert, subject};
pub use state::{Subject, SubjectKind};
