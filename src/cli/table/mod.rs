//! The plain `alerts list` table: chosen columns, each sized from its content and fitted to the
//! screen (`layout`), every cell made safe for where it goes before it is measured, so wide
//! characters and hostile strings cannot push a column out of line.

pub mod columns;
pub mod layout;

use super::output::Sink;
pub use columns::{Column, DEFAULT};
use mde_model::{AlertRow, Timestamp};
use mde_text::width::width;
use mde_text::{fit, truncate};
use std::io::{self, Write};

/// How the table is laid out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableOptions {
    /// Columns, in order.
    pub columns: Vec<Column>,
    /// The screen width to fit; `None` keeps every cell whole (`--wide`).
    pub width: Option<usize>,
    /// Print the header line.
    pub header: bool,
    /// Columns that may be left out, first one first, when the screen cannot hold them even
    /// cut (the default set's user and device; columns asked for by name are always shown).
    pub droppable: Vec<Column>,
}

impl Default for TableOptions {
    fn default() -> Self {
        TableOptions {
            columns: DEFAULT.to_vec(),
            width: Some(PIPE_WIDTH),
            header: true,
            droppable: DROPPABLE.to_vec(),
        }
    }
}

/// What the default set leaves out on a narrow screen, first one first.
pub const DROPPABLE: [Column; 2] = [Column::User, Column::Device];

/// The width a table is fitted to when stdout is not a terminal.
pub const PIPE_WIDTH: usize = 120;

/// Writes the rows as an aligned table; `now` is what ages count from.
pub fn write_table(
    out: &mut impl Write,
    rows: &[AlertRow],
    opts: &TableOptions,
    sink: Sink,
    now: Timestamp,
) -> io::Result<()> {
    let mut cols = opts.columns.clone();
    // Every cell once, made safe for the sink; widths are measured on what will be written.
    let mut cells: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            cols.iter()
                .map(|c| sink.field(&c.cell(r, now)).into_owned())
                .collect()
        })
        .collect();
    let mut natural: Vec<usize> = cols
        .iter()
        .map(|c| if opts.header { c.header().len() } else { 1 })
        .collect();
    for line in &cells {
        for (n, cell) in natural.iter_mut().zip(line) {
            *n = (*n).max(width(cell));
        }
    }
    let mut widths = fitted(&cols, &natural, opts.width);
    for drop in &opts.droppable {
        let give: Vec<_> = cols.iter().map(|c| c.give()).collect();
        let too_wide = !layout::fits_comfortably(&natural, &give, opts.width);
        let Some(at) = cols.iter().position(|c| c == drop).filter(|_| too_wide) else {
            continue;
        };
        cols.remove(at);
        natural.remove(at);
        for line in &mut cells {
            line.remove(at);
        }
        widths = fitted(&cols, &natural, opts.width);
    }
    if opts.header {
        let header: Vec<&str> = cols.iter().map(|c| c.header()).collect();
        write_line(out, &header, &widths)?;
    }
    for line in &cells {
        let line: Vec<&str> = line.iter().map(String::as_str).collect();
        write_line(out, &line, &widths)?;
    }
    Ok(())
}

fn fitted(cols: &[Column], natural: &[usize], limit: Option<usize>) -> Vec<usize> {
    let give: Vec<_> = cols.iter().map(|c| c.give()).collect();
    layout::widths(natural, &give, limit)
}

/// One line: each cell cut to its width (with `…`) and padded, the last without trailing blanks.
fn write_line(out: &mut impl Write, cells: &[&str], widths: &[usize]) -> io::Result<()> {
    let mut line = String::new();
    let last = cells.len().saturating_sub(1);
    for (i, (cell, w)) in cells.iter().zip(widths).enumerate() {
        if i > 0 {
            line.push(' ');
        }
        if i == last {
            line.push_str(&truncate(cell, *w));
        } else {
            line.push_str(&fit(cell, *w));
        }
    }
    writeln!(out, "{}", line.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;
    use mde_model::{Alert, Severity};

    fn now() -> Timestamp {
        Timestamp::parse("2024-05-02T12:00:00Z").unwrap()
    }

    fn row(id: &str, title: &str, device: &str) -> AlertRow {
        let mut a = Alert::new(id, title);
        a.severity = Severity::High;
        a.computer_dns_name = Some(device.into());
        a.alert_creation_time = Timestamp::parse("2024-05-02T09:00:00Z").ok();
        AlertRow::from_alert(&a)
    }

    fn table(rows: &[AlertRow], opts: &TableOptions, sink: Sink) -> String {
        let mut v = Vec::new();
        write_table(&mut v, rows, opts, sink, now()).unwrap();
        String::from_utf8(v).unwrap()
    }

    #[test]
    fn ids_are_whole_titles_cut_and_columns_aligned() {
        let long_id = "da638123456789012345_-1234567890";
        let rows = [
            row(
                long_id,
                &"Suspicious PowerShell command line ".repeat(4),
                "ws01",
            ),
            row(
                "da2",
                "短いタイトル with wide characters",
                "漢字のホスト名.contoso",
            ),
        ];
        let opts = TableOptions {
            width: Some(80),
            droppable: Vec::new(),
            ..TableOptions::default()
        };
        let t = table(&rows, &opts, Sink::Terminal);
        let lines: Vec<&str> = t.lines().collect();
        assert_eq!(lines.len(), 3, "{t}");
        assert!(lines[0].starts_with("ID "), "{t}");
        assert!(lines[1].starts_with(long_id), "the id is never cut: {t}");
        for l in &lines {
            assert!(width(l) <= 80, "{} > 80: {l}", width(l));
        }
        assert!(lines[1].ends_with('…'), "the long title is cut: {t}");
        // Every column starts at the same screen column on every line: the header's offsets.
        let starts = |l: &str, needle: &str| width(&l[..l.find(needle).unwrap()]);
        assert_eq!(starts(lines[0], "SEV"), starts(lines[1], "High"));
        assert_eq!(starts(lines[0], "SEV"), starts(lines[2], "High"));
        assert_eq!(starts(lines[0], "DEVICE"), starts(lines[2], "漢字"));
        assert_eq!(starts(lines[0], "TITLE"), starts(lines[2], "短い"));
        // Wide: nothing cut.
        let wide = TableOptions {
            width: None,
            ..opts.clone()
        };
        let t = table(&rows, &wide, Sink::Terminal);
        assert!(
            t.contains(
                &"Suspicious PowerShell command line "
                    .repeat(4)
                    .trim_end()
                    .to_string()
            )
        );
    }

    #[test]
    fn a_narrow_screen_drops_the_default_names_before_the_title() {
        let id = "daa59df0b3-17f6-6c05-3870-ca89c8df33ad_1";
        let mut r = row(
            id,
            "Suspicious PowerShell activity after a risky sign-in",
            "ws-it-133.corp.contoso.com",
        );
        r.user = Some("CONTOSO\\mmartin".into());
        let at = |w: usize| {
            let opts = TableOptions {
                width: Some(w),
                ..TableOptions::default()
            };
            table(std::slice::from_ref(&r), &opts, Sink::Terminal)
        };
        let t = at(80);
        assert!(t.starts_with("ID "), "{t}");
        assert!(!t.contains("USER") && !t.contains("DEVICE"), "{t}");
        assert!(t.contains("TITLE") && t.contains(id), "{t}");
        assert!(t.lines().all(|l| width(l) <= 80), "{t}");
        let t = at(100);
        assert!(t.contains("DEVICE") && !t.contains("USER"), "{t}");
        let t = at(200);
        assert!(
            t.contains("CONTOSO\\mmartin") && t.contains("ws-it-133.corp.contoso.com"),
            "{t}"
        );
        assert!(t.contains("after a risky sign-in"), "{t}");
    }

    #[test]
    fn chosen_columns_and_no_header() {
        let rows = [row("da1", "T", "ws01")];
        let opts = TableOptions {
            columns: vec![Column::Device, Column::Id, Column::Age],
            header: false,
            width: Some(80),
            droppable: Vec::new(),
        };
        assert_eq!(table(&rows, &opts, Sink::Pipe), "ws01 da1 3h\n");
    }

    #[test]
    fn hostile_text_is_escaped_for_a_pipe_and_sanitised_for_a_terminal() {
        let rows = [row("da1", "a\u{1b}[2Jb\nFAKE", "ws\u{202e}01")];
        let opts = TableOptions::default();
        let pipe = table(&rows, &opts, Sink::Pipe);
        assert!(pipe.contains("a\\x1b[2Jb\\nFAKE"), "{pipe}");
        let tty = table(&rows, &opts, Sink::Terminal);
        for t in [&pipe, &tty] {
            assert_eq!(t.lines().count(), 2, "{t}");
            assert!(!t.chars().any(|c| c.is_control() && c != '\n'), "{t:?}");
            assert!(!t.contains('\u{202e}'), "{t:?}");
        }
    }
}
