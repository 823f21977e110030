//! API and control routes.

pub mod alerts;
pub mod control;
pub mod related;
pub mod update;
