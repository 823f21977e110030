//! The export dialog's state: the rows it will write (captured when it opened, so a poll or a
//! filter meanwhile changes nothing), what they are (the view and the filter), the format and
//! the path being edited.

use crate::app::dialogs::line_input::LineInput;
use mde_model::protocol::ExportFormat;

/// The export dialog.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportDialog {
    /// The alerts to write, in view order.
    pub alert_ids: Vec<String>,
    /// What they are: the view's title and the filter, for the title.
    pub what: String,
    /// CSV or JSON.
    pub format: ExportFormat,
    /// The file to write (created new; an existing file is never overwritten).
    pub path: LineInput,
}

/// The file extension of a format.
pub fn extension(format: ExportFormat) -> &'static str {
    match format {
        ExportFormat::Csv => "csv",
        ExportFormat::Json => "json",
    }
}

impl ExportDialog {
    /// The other format; a path that still ends in the old extension takes the new one.
    pub fn toggle_format(&mut self) {
        let (old, new) = match self.format {
            ExportFormat::Csv => (ExportFormat::Csv, ExportFormat::Json),
            ExportFormat::Json => (ExportFormat::Json, ExportFormat::Csv),
        };
        self.format = new;
        let text = self.path.text();
        if let Some(stem) = text.strip_suffix(&format!(".{}", extension(old))) {
            self.path = LineInput::new(format!("{stem}.{}", extension(new)));
        }
    }

    /// The title: how many alerts of what.
    pub fn title(&self) -> String {
        let n = self.alert_ids.len();
        let s = if n == 1 { "" } else { "s" };
        format!("Export {n} alert{s} of {}", self.what)
    }
}
