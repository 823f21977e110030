//! API and control routes.

mod alert_pages;
pub mod alerts;
pub mod control;
pub mod related;
pub mod update;
