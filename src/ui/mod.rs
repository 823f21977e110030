//! Pure render functions of `&State`, one file per pane or dialog.

pub mod clock;
pub mod safe_text;
pub mod theme;
pub mod too_small;
