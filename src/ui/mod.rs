//! Pure render functions of `&State`, one file per pane or dialog.
