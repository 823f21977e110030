//! Advanced hunting: the query builder (KQL from validated values only) and running queries.

pub mod builder;
mod run;
