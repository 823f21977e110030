//! OData `$filter`: one grammar (lexer → recursive-descent parser) and one expression tree,
//! shared by the client's query builder, the CLI's `--filter` and the emulator, over one closed
//! property set per entity (alerts, machines, machine actions, indicators; Graph's alerts_v2 and
//! incidents in `graph`).

pub mod action_prop;
pub mod error;
pub mod filter;
pub mod graph;
pub mod indicator_prop;
pub mod lexer;
pub mod literal;
pub mod machine_prop;
pub mod parser;
pub mod prop;
pub mod property;
mod typing;

pub use action_prop::{ACTION_PROPS, ActionProp};
pub use error::ODataError;
pub use filter::{CmpOp, Filter};
pub use indicator_prop::{INDICATOR_PROPS, IndicatorProp};
pub use literal::Literal;
pub use machine_prop::{MACHINE_PROPS, MachineProp};
pub use parser::{parse, parse_as};
pub use prop::{Kind, Prop, severity_value, status_value};
pub use property::Property;
