//! How incidents and hunting answers are printed: aligned tables (every string from the service
//! sanitised for a terminal, one escaped record per line for a pipe), JSON, or CSV with formula
//! cells neutralised.

use super::output::{Format, Sink};
use mde_model::graph::enums::{classification_name, determination_name, severity_name};
use mde_model::graph::page::Parsed;
use mde_model::graph::{HuntingResult, Incident, IncidentRow};
use mde_text::width::width;
use mde_text::{csv_row, fit, log_escape, sanitize_line, sanitize_multiline};
use std::borrow::Cow;
use std::io::{self, Write};

fn field(sink: Sink, s: &str) -> Cow<'_, str> {
    match sink {
        Sink::Terminal => sanitize_line(s).text,
        Sink::Pipe => log_escape(s),
    }
}

/// A cell of `w` columns: cut and padded by display width on a terminal, escaped in a pipe.
fn cell(sink: Sink, s: &str, w: usize) -> String {
    match sink {
        Sink::Terminal => fit(s, w).into_owned(),
        Sink::Pipe => {
            let v = log_escape(s);
            let pad = w.saturating_sub(v.chars().count());
            format!("{v}{}", " ".repeat(pad))
        }
    }
}

fn time(t: Option<mde_model::Timestamp>) -> String {
    t.map(|t| t.0.format("%Y-%m-%d %H:%M").to_string())
        .unwrap_or_else(|| "-".into())
}

fn names(list: &[String], total: u32) -> String {
    match (list.first(), total) {
        (None, _) => "-".into(),
        (Some(first), 1) => first.clone(),
        (Some(first), n) => format!("{first} +{}", n - 1),
    }
}

const INCIDENT_COLUMNS: [(&str, usize); 8] = [
    ("ID", 10),
    ("SEV", 13),
    ("STATUS", 10),
    ("ALERTS", 6),
    ("DEVICES", 24),
    ("USERS", 22),
    ("ASSIGNED", 22),
    ("CREATED (UTC)", 16),
];

/// Writes a list of incidents.
pub fn write_incidents(
    out: &mut impl Write,
    incidents: &[Parsed<Incident>],
    format: Format,
    sink: Sink,
) -> io::Result<()> {
    match format {
        Format::Json => {
            out.write_all(b"[")?;
            for (i, p) in incidents.iter().enumerate() {
                if i > 0 {
                    out.write_all(b",")?;
                }
                out.write_all(p.raw.as_bytes())?;
            }
            out.write_all(b"]\n")
        }
        Format::Csv => {
            out.write_all(
                csv_row(&[
                    "id",
                    "severity",
                    "status",
                    "alerts",
                    "devices",
                    "users",
                    "assignedTo",
                    "classification",
                    "determination",
                    "tags",
                    "created",
                    "lastUpdate",
                    "redirectIncidentId",
                    "name",
                ])
                .as_bytes(),
            )?;
            for p in incidents {
                let r = IncidentRow::from_incident(&p.item);
                let opt = |v: &Option<String>| v.clone().unwrap_or_default();
                out.write_all(
                    csv_row(&[
                        r.id.clone(),
                        severity_name(&r.severity).to_string(),
                        r.status.to_string(),
                        r.alert_count.to_string(),
                        r.devices.join(" "),
                        r.users.join(" "),
                        opt(&r.assigned_to),
                        r.classification
                            .as_ref()
                            .map(|c| classification_name(c).to_string())
                            .unwrap_or_default(),
                        r.determination
                            .as_ref()
                            .map(|d| determination_name(d).to_string())
                            .unwrap_or_default(),
                        r.tags.join(" "),
                        r.created.map(|t| t.to_wire()).unwrap_or_default(),
                        r.last_update.map(|t| t.to_wire()).unwrap_or_default(),
                        opt(&r.redirect_to),
                        r.name.clone(),
                    ])
                    .as_bytes(),
                )?;
            }
            Ok(())
        }
        Format::Plain => {
            let mut header = String::new();
            for (name, w) in INCIDENT_COLUMNS {
                header.push_str(&fit(name, w));
                header.push(' ');
            }
            header.push_str("NAME");
            writeln!(out, "{header}")?;
            for p in incidents {
                let r = IncidentRow::from_incident(&p.item);
                let status = match &r.redirect_to {
                    Some(to) => format!("→ {to}"),
                    None => r.status.as_str().to_string(),
                };
                // Severity is a word, never a colour alone.
                let cells = [
                    r.id.clone(),
                    r.severity.as_str().to_string(),
                    status,
                    r.alert_count.to_string(),
                    names(&r.devices, r.device_count),
                    names(&r.users, r.user_count),
                    r.assigned_to.clone().unwrap_or_else(|| "-".into()),
                    time(r.created),
                ];
                let mut line = String::new();
                for (c, (_, w)) in cells.iter().zip(INCIDENT_COLUMNS) {
                    line.push_str(&cell(sink, c, w));
                    line.push(' ');
                }
                line.push_str(&field(sink, &r.name));
                writeln!(out, "{line}")?;
            }
            Ok(())
        }
    }
}

/// Writes one incident in full: its fields, its alerts, its comments.
pub fn write_incident(
    out: &mut impl Write,
    p: &Parsed<Incident>,
    format: Format,
    sink: Sink,
) -> io::Result<()> {
    if format == Format::Json {
        out.write_all(p.raw.as_bytes())?;
        return out.write_all(b"\n");
    }
    let i = &p.item;
    let f = |s: &str| field(sink, s).into_owned();
    let opt = |s: &Option<String>| s.as_deref().map(f).unwrap_or_else(|| "-".into());
    writeln!(out, "Incident {}: {}", f(&i.id), f(&i.display_name))?;
    writeln!(out, "  Status:         {}", i.status.label())?;
    if let Some(to) = &i.redirect_incident_id {
        writeln!(out, "  Merged into:    {}", f(to))?;
    }
    writeln!(out, "  Severity:       {}", i.severity.as_str())?;
    writeln!(out, "  Assigned to:    {}", opt(&i.assigned_to))?;
    writeln!(
        out,
        "  Classification: {}",
        i.classification
            .as_ref()
            .map(|c| c.label().to_string())
            .unwrap_or_else(|| "-".into())
    )?;
    writeln!(
        out,
        "  Determination:  {}",
        i.determination
            .as_ref()
            .map(|d| d.label().to_string())
            .unwrap_or_else(|| "-".into())
    )?;
    if !i.custom_tags.is_empty() {
        let tags: Vec<String> = i.custom_tags.iter().map(|t| f(t)).collect();
        writeln!(out, "  Tags:           {}", tags.join(", "))?;
    }
    writeln!(out, "  Created:        {} UTC", time(i.created_date_time))?;
    writeln!(
        out,
        "  Last update:    {} UTC",
        time(i.last_update_date_time)
    )?;
    if let Some(url) = &i.incident_web_url {
        writeln!(out, "  Portal:         {}", f(url))?;
    }
    if let Some(r) = &i.resolving_comment {
        writeln!(out, "  Resolution:     {}", f(r))?;
    }
    let alerts = i.alerts.as_deref().unwrap_or_default();
    writeln!(out, "\nAlerts ({}):", alerts.len())?;
    for a in alerts {
        let product = a.service_source.as_ref().map_or("?", |s| s.short());
        writeln!(
            out,
            "  {} {} {} {} {}",
            cell(sink, &a.id, 24),
            cell(sink, severity_name(&a.severity), 13),
            cell(sink, mde_model::graph::enums::status_name(&a.status), 10),
            cell(sink, product, 5),
            f(&a.title)
        )?;
    }
    if !i.comments.is_empty() {
        writeln!(out, "\nComments ({}):", i.comments.len())?;
        for c in &i.comments {
            writeln!(
                out,
                "  {} {}:",
                time(c.created_date_time),
                opt(&c.created_by_display_name)
            )?;
            let text = match sink {
                Sink::Terminal => sanitize_multiline(&c.comment).text.into_owned(),
                Sink::Pipe => log_escape(&c.comment).into_owned(),
            };
            for line in text.lines() {
                writeln!(out, "    {line}")?;
            }
        }
    }
    Ok(())
}

/// Writes a hunting answer.
pub fn write_hunt(
    out: &mut impl Write,
    r: &HuntingResult,
    format: Format,
    sink: Sink,
) -> io::Result<()> {
    match format {
        Format::Json => {
            let v = serde_json::json!({"schema": r.schema_json(), "results": r.results_json()});
            writeln!(out, "{v}")
        }
        Format::Csv => {
            let head: Vec<&str> = r.schema.iter().map(|c| c.name.as_str()).collect();
            out.write_all(csv_row(&head).as_bytes())?;
            for row in &r.rows {
                let cells: Vec<String> = row.iter().map(|c| c.to_text()).collect();
                out.write_all(csv_row(&cells).as_bytes())?;
            }
            Ok(())
        }
        Format::Plain => {
            if r.schema.is_empty() {
                return writeln!(out, "(no columns)");
            }
            // Columns as wide as their content, within 8..=40, the last one unbounded.
            let texts: Vec<Vec<String>> = r
                .rows
                .iter()
                .map(|row| {
                    row.iter()
                        .map(|c| field(sink, &c.to_text()).into_owned())
                        .collect()
                })
                .collect();
            let last = r.schema.len() - 1;
            let widths: Vec<usize> = (0..r.schema.len())
                .map(|i| {
                    let content = texts.iter().map(|row| width(&row[i])).max().unwrap_or(0);
                    content.max(width(&r.schema[i].name)).clamp(4, 40)
                })
                .collect();
            let mut header = String::new();
            for (i, c) in r.schema.iter().enumerate() {
                if i == last {
                    header.push_str(&c.name);
                } else {
                    header.push_str(&fit(&c.name, widths[i]));
                    header.push(' ');
                }
            }
            writeln!(out, "{header}")?;
            for row in &texts {
                let mut line = String::new();
                for (i, v) in row.iter().enumerate() {
                    if i == last {
                        line.push_str(v);
                    } else {
                        line.push_str(&cell(sink, v, widths[i]));
                        line.push(' ');
                    }
                }
                writeln!(out, "{line}")?;
            }
            writeln!(
                out,
                "({} row{})",
                r.rows.len(),
                if r.rows.len() == 1 { "" } else { "s" }
            )
        }
    }
}
