//! How alerts are printed: an aligned table (sanitised for a terminal; one escaped record per
//! line for a pipe), JSON exactly as the service sent it, or CSV with formula cells neutralised.

use mde_model::{Alert, ParsedAlert};
use mde_text::{csv_row, fit, log_escape, sanitize_line, sanitize_multiline};
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
    fn field<'a>(self, s: &'a str) -> Cow<'a, str> {
        match self {
            Sink::Terminal => sanitize_line(s).text,
            Sink::Pipe => log_escape(s),
        }
    }
}

const COLUMNS: [(&str, usize); 6] = [
    ("ID", 24),
    ("SEV", 6),
    ("STATUS", 10),
    ("CREATED (UTC)", 16),
    ("ASSIGNED", 24),
    ("DEVICE", 20),
];

/// Writes a list of alerts.
pub fn write_list(
    out: &mut impl Write,
    alerts: &[ParsedAlert],
    format: Format,
    sink: Sink,
) -> io::Result<()> {
    match format {
        Format::Json => {
            // Each raw text parsed as an alert, so it is valid JSON; the array keeps it valid.
            out.write_all(b"[")?;
            for (i, a) in alerts.iter().enumerate() {
                if i > 0 {
                    out.write_all(b",")?;
                }
                out.write_all(a.raw.as_bytes())?;
            }
            out.write_all(b"]\n")
        }
        Format::Csv => {
            out.write_all(
                csv_row(&[
                    "id",
                    "severity",
                    "status",
                    "created",
                    "assignedTo",
                    "device",
                    "user",
                    "category",
                    "classification",
                    "determination",
                    "title",
                ])
                .as_bytes(),
            )?;
            for a in alerts {
                let a = &a.alert;
                out.write_all(csv_row(&csv_fields(a)).as_bytes())?;
            }
            Ok(())
        }
        Format::Plain => {
            let mut header = String::new();
            for (name, w) in COLUMNS {
                header.push_str(&fit(name, w));
                header.push(' ');
            }
            header.push_str("TITLE");
            writeln!(out, "{header}")?;
            for a in alerts {
                writeln!(out, "{}", plain_row(&a.alert, sink))?;
            }
            Ok(())
        }
    }
}

fn csv_fields(a: &Alert) -> Vec<String> {
    vec![
        a.id.clone(),
        a.severity.to_string(),
        a.status.to_string(),
        a.alert_creation_time
            .map(|t| t.to_wire())
            .unwrap_or_default(),
        a.assigned_to.clone().unwrap_or_default(),
        a.computer_dns_name.clone().unwrap_or_default(),
        a.user_display().unwrap_or_default(),
        a.category.clone().unwrap_or_default(),
        a.classification
            .as_ref()
            .map(ToString::to_string)
            .unwrap_or_default(),
        a.determination
            .as_ref()
            .map(ToString::to_string)
            .unwrap_or_default(),
        a.title.clone(),
    ]
}

fn created(a: &Alert) -> String {
    a.alert_creation_time
        .map(|t| t.0.format("%Y-%m-%d %H:%M").to_string())
        .unwrap_or_else(|| "-".into())
}

fn plain_row(a: &Alert, sink: Sink) -> String {
    let cells = [
        a.id.as_str(),
        a.severity.as_str(),
        a.status.as_str(),
        &created(a),
        a.assigned_to.as_deref().unwrap_or("-"),
        a.computer_dns_name.as_deref().unwrap_or("-"),
    ];
    let mut line = String::new();
    for (cell, (_, w)) in cells.iter().zip(COLUMNS) {
        match sink {
            // `fit` sanitises and cuts by display width, so columns hold on a terminal.
            Sink::Terminal => line.push_str(&fit(cell, w)),
            Sink::Pipe => {
                let v = log_escape(cell);
                line.push_str(&v);
                line.extend(std::iter::repeat_n(
                    ' ',
                    w.saturating_sub(v.chars().count()),
                ));
            }
        }
        line.push(' ');
    }
    line.push_str(&sink.field(&a.title));
    line
}

/// Writes one alert in full.
pub fn write_alert(
    out: &mut impl Write,
    a: &ParsedAlert,
    format: Format,
    sink: Sink,
) -> io::Result<()> {
    match format {
        Format::Json => writeln!(out, "{}", a.raw),
        Format::Csv => write_list(out, std::slice::from_ref(a), Format::Csv, sink),
        Format::Plain => {
            let al = &a.alert;
            let f = |s: &str| sink.field(s).into_owned();
            let opt = |s: Option<&str>| s.map(f).unwrap_or_else(|| "-".into());
            let time = |t: Option<mde_model::Timestamp>| {
                t.map(|t| t.to_wire()).unwrap_or_else(|| "-".into())
            };
            let mut lines = vec![
                ("Id", f(&al.id)),
                ("Title", f(&al.title)),
                ("Severity", al.severity.to_string()),
                ("Status", f(al.status.as_str())),
                (
                    "Classification",
                    opt(al.classification.as_ref().map(|c| c.as_str())),
                ),
                (
                    "Determination",
                    opt(al.determination.as_ref().map(|d| d.as_str())),
                ),
                ("Assigned to", opt(al.assigned_to.as_deref())),
                ("Category", opt(al.category.as_deref())),
                ("Detection source", opt(al.detection_source.as_deref())),
                ("Device", opt(al.computer_dns_name.as_deref())),
                ("User", opt(al.user_display().as_deref())),
                (
                    "Incident",
                    al.incident_id
                        .map(|i| i.to_string())
                        .unwrap_or_else(|| "-".into()),
                ),
                ("Created", time(al.alert_creation_time)),
                ("Last update", time(al.last_update_time)),
                ("MITRE", f(&al.mitre_techniques.join(", "))),
                ("Evidence", al.evidence.len().to_string()),
            ];
            if let Some(d) = &al.description {
                lines.push(("Description", f(d)));
            }
            for (k, v) in lines {
                writeln!(out, "{k:<17} {v}")?;
            }
            if !al.comments.is_empty() {
                writeln!(out, "Comments:")?;
            }
            for c in &al.comments {
                let text = match sink {
                    Sink::Terminal => sanitize_multiline(&c.comment).text,
                    Sink::Pipe => log_escape(&c.comment),
                };
                writeln!(
                    out,
                    "  {} {}: {}",
                    time(c.created_time),
                    opt(c.created_by.as_deref()),
                    text.replace('\n', "\n    ")
                )?;
            }
            Ok(())
        }
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
        for s in [
            text(|o| write_list(o, std::slice::from_ref(&a), Format::Plain, Sink::Terminal)),
            text(|o| write_alert(o, &a, Format::Plain, Sink::Terminal)),
            text(|o| write_alert(o, &a, Format::Plain, Sink::Pipe)),
        ] {
            assert!(!s.chars().any(|c| c.is_control() && c != '\n'), "{s:?}");
            assert!(s.contains("da1"));
        }
        let list = text(|o| write_list(o, &[a], Format::Plain, Sink::Terminal));
        assert_eq!(
            list.lines().count(),
            2,
            "one header and one record: {list:?}"
        );
    }

    #[test]
    fn json_is_raw_and_valid() {
        let a = hostile();
        let s = text(|o| write_list(o, &[a.clone(), a.clone()], Format::Json, Sink::Terminal));
        let v: serde_json::Value = serde_json::from_str(&s).unwrap();
        assert_eq!(v.as_array().unwrap().len(), 2);
        assert_eq!(
            v[0]["title"].as_str().unwrap(),
            a.alert.title,
            "raw values kept"
        );
        let one: serde_json::Value =
            serde_json::from_str(&text(|o| write_alert(o, &a, Format::Json, Sink::Terminal)))
                .unwrap();
        assert_eq!(one["id"], "da1");
    }

    #[test]
    fn csv_neutralises_formulas() {
        let s = text(|o| write_list(o, &[hostile()], Format::Csv, Sink::Pipe));
        let record = s.lines().nth(1).unwrap();
        assert!(record.contains("\"'=HYPERLINK"), "{record}");
        assert!(!s.contains('\x1b'));
    }
}
