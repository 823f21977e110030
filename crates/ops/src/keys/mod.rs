//! Key remaps from the config: a key written as text (`ctrl-d`, `G`, `PgDn`), and the remap of
//! action names to keys, validated against the console's own binding table so that a typo, a
//! key bound twice or a key the runtime keeps is an error at `config check` time, not a
//! surprise at 3 a.m.

pub mod chord;
pub mod remap;

pub use chord::{KeyChord, KeyName};
pub use remap::{BindingInfo, KeyRemap, NORMAL_CONTEXTS, Rebind, RemapError, RemapRequest};
