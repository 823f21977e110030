//! The keymap, held as data. The same table answers "which action is this key?", builds the `?`
//! help overlay (grouped, filterable), the hint bar and the `:` palette.

pub mod action;
pub mod lookup;
pub mod remap;
pub mod spec;
pub mod table;
pub mod views;

pub use action::{Action, QuickView};
pub use lookup::action_for;
pub use remap::Keymap;
pub use spec::{Binding, Context, Group, KeySpec, Mode, keys_label};
pub use table::BINDINGS;
pub use views::{help_groups, help_groups_in, hints, hints_in, palette_matches};
