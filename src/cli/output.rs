//! How alerts are printed: an aligned table fitted to the screen (sanitised for a terminal, one
//! escaped record per line for a pipe), JSON exactly as the service sent it, or CSV with formula
//! cells neutralised. The writers themselves live in `table`, `mde_ops::export` and `alert_view`.

use super::alert_view::write_alert_text;
use super::table::{TableOptions, write_table};
use mde_model::{AlertRow, ParsedAlert, Timestamp};
use mde_ops::export::{ExportFormat, write_alerts};
use mde_text::{log_escape, sanitize_line};
use std::borrow::Cow;
use std::io::{self, Write};

/// The output format asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Human-readable text.
    Plain,
    /// Raw JSON.
    Json,
    /// CSV.
    Csv,
}

/// Where text goes and whether it must be made safe for a terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sink {
    /// A terminal: sanitise every string from the service.
    Terminal,
    /// A pipe or file: keep values, but one record per line.
    Pipe,
}

impl Sink {
    /// A single-line field for this sink.
    pub fn field(self, s: &str) -> Cow<'_, str> {
        match self {
            Sink::Terminal => sanitize_line(s).text,
            Sink::Pipe => log_escape(s),
        }
    }
}

/// Writes a list of alerts.
pub fn write_list(
    out: &mut impl Write,
    alerts: &[ParsedAlert],
    format: Format,
    table: &TableOptions,
    sink: Sink,
) -> io::Result<()> {
    match format {
        Format::Json => export(out, alerts, ExportFormat::Json),
        Format::Csv => export(out, alerts, ExportFormat::Csv),
        Format::Plain => write_table(out, &rows_of(alerts), table, sink, Timestamp::now()),
    }
}

/// The alerts through the one export writer (the console's `e` writes through it too).
fn export(out: &mut impl Write, alerts: &[ParsedAlert], format: ExportFormat) -> io::Result<()> {
    write_alerts(out, alerts.iter().map(|a| (a, None)), format).map(|_| ())
}

fn rows_of(alerts: &[ParsedAlert]) -> Vec<AlertRow> {
    alerts
        .iter()
        .map(|a| AlertRow::from_alert(&a.alert))
        .collect()
}

/// Writes one alert in full: the service's JSON, or the detail pane's sections as text.
pub fn write_alert(
    out: &mut impl Write,
    a: &ParsedAlert,
    format: Format,
    sink: Sink,
    cols: usize,
) -> io::Result<()> {
    match format {
        Format::Json => writeln!(out, "{}", a.raw.trim()),
        Format::Csv => export(out, std::slice::from_ref(a), ExportFormat::Csv),
        Format::Plain => write_alert_text(out, &a.alert, sink, cols, Timestamp::now()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use mde_model::parse_alert;

    fn hostile() -> ParsedAlert {
        parse_alert(
            r#"{"id":"da1","title":"=HYPERLINK(\"x\")\u001b]52;c;aGk=\u0007\nnext","severity":"High",
               "status":"New","computerDnsName":"ws\u001b[2J01","comments":[{"comment":"a\u001b[31mb",
               "createdBy":"x@y","createdTime":"2024-01-01T00:00:00Z"}]}"#,
        )
        .unwrap()
    }

    fn text(f: impl FnOnce(&mut Vec<u8>) -> io::Result<()>) -> String {
        let mut v = Vec::new();
        f(&mut v).unwrap();
        String::from_utf8(v).unwrap()
    }

    #[test]
    fn terminal_output_carries_no_control_characters() {
        let a = hostile();
        let t = TableOptions::default();
        for s in [
            text(|o| {
                write_list(
                    o,
                    std::slice::from_ref(&a),
                    Format::Plain,
                    &t,
                    Sink::Terminal,
                )
            }),
            text(|o| write_alert(o, &a, Format::Plain, Sink::Terminal, 80)),
            text(|o| write_alert(o, &a, Format::Plain, Sink::Pipe, 120)),
        ] {
            assert!(!s.chars().any(|c| c.is_control() && c != '\n'), "{s:?}");
            assert!(s.contains("da1"));
        }
        let list = text(|o| write_list(o, &[a], Format::Plain, &t, Sink::Terminal));
        assert_eq!(
            list.lines().count(),
            2,
            "one header and one record: {list:?}"
        );
    }

    #[test]
    fn json_is_raw_and_valid() {
        let a = hostile();
        let t = TableOptions::default();
        let s = text(|o| write_list(o, &[a.clone(), a.clone()], Format::Json, &t, Sink::Terminal));
        let v: serde_json::Value = serde_json::from_str(&s).unwrap();
        assert_eq!(v.as_array().unwrap().len(), 2);
        assert_eq!(
            v[0]["title"].as_str().unwrap(),
            a.alert.title,
            "raw values kept"
        );
        let one: serde_json::Value = serde_json::from_str(&text(|o| {
            write_alert(o, &a, Format::Json, Sink::Terminal, 80)
        }))
        .unwrap();
        assert_eq!(one["id"], "da1");
    }
}
