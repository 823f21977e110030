//! The response dialogs (issue 10): the menu of what makes sense for the subject's device, the
//! confirmation of one action (the device named, what happens to it, the comment the API
//! requires, the device's name typed for a disruptive one), the cancel of a pending action, the
//! indicator form and the bulk isolation of the marked alerts' devices. Each captures its device
//! when it opens and acts on exactly that one.

pub mod bulk;
pub mod cancel;
pub mod form;
pub mod indicator;
pub(crate) mod keys;
pub mod offers;
pub mod open;
pub mod seed;
pub mod state;
pub mod text;

pub use state::{
    ActionForm, BulkDevice, BulkForm, BulkStatus, CancelForm, Choice, Entry, Field, IndicatorField,
    IndicatorForm, IndicatorSeed, ResponseDialog, ResponseMenu,
};
