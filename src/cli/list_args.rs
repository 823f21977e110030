//! The plain-table options of `alerts list` (`--columns`, `--wide`, `--no-header`), and the
//! `TableOptions` they mean for the screen at hand.

use super::exit::UsageError;
use super::output::Sink;
use super::table::{Column, DEFAULT, DROPPABLE, PIPE_WIDTH, TableOptions};
use clap::Args;

/// How the plain table is laid out.
#[derive(Debug, Clone, Default, Args)]
pub struct TableArgs {
    /// Columns to show, comma-separated (id,sev,status,age,created,updated,assigned,device,user,
    /// category,source,incident,class,det,title); default id,sev,status,age,device,user,title.
    #[arg(long, value_name = "COLS")]
    pub columns: Option<String>,
    /// Keep every cell whole instead of fitting the table to the terminal (120 columns into a pipe).
    #[arg(long)]
    pub wide: bool,
    /// Leave out the header line.
    #[arg(long)]
    pub no_header: bool,
}

impl TableArgs {
    /// The layout for output going to `sink`, a terminal `term_cols` wide when known.
    pub fn options(
        &self,
        sink: Sink,
        term_cols: Option<usize>,
    ) -> Result<TableOptions, UsageError> {
        let (columns, droppable) = match &self.columns {
            Some(spec) => (Column::parse_list(spec)?, Vec::new()),
            None => (DEFAULT.to_vec(), DROPPABLE.to_vec()),
        };
        let width = match (self.wide, sink) {
            (true, _) => None,
            (false, Sink::Terminal) => Some(term_cols.unwrap_or(80)),
            (false, Sink::Pipe) => Some(PIPE_WIDTH),
        };
        Ok(TableOptions {
            columns,
            width,
            header: !self.no_header,
            droppable,
        })
    }
}

/// The terminal's width: its size, else `$COLUMNS`.
pub fn terminal_cols() -> Option<usize> {
    crossterm::terminal::size()
        .ok()
        .map(|(w, _)| usize::from(w))
        .filter(|w| *w > 0)
        .or_else(|| std::env::var("COLUMNS").ok()?.trim().parse().ok())
}
