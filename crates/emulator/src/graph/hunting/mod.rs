//! Advanced hunting: `runHuntingQuery` over a small KQL subset (`Table | where … | project … |
//! order by … | take N`, scalar `let`, `union`), typed and checked before it runs, over tables
//! generated from the alerts' evidence.

pub mod ast;
pub mod bind;
pub mod error;
pub mod eval;
pub mod lexer;
pub mod parser;
pub mod route;
pub mod tables;
pub mod timespan;
pub mod value;

#[cfg(test)]
mod tests;
