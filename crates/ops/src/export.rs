//! The one export writer: exactly the rows given, in their order, as CSV (sanitised display
//! columns in their wire form, formula cells neutralised) or JSON (each alert exactly as the
//! service sent it, so an export opens again with `mde-triage --file`). The console's `e` and
//! `alerts list --csv/--json` both call [`write_alerts`] with the alerts as the service sent
//! them, and the rows are built here, so the two cannot differ in a column.

pub use mde_model::protocol::ExportFormat;
use mde_model::{AlertRow, ParsedAlert};
use mde_text::csv_row;
use std::io::{self, Write};

/// The CSV header, in column order (`tenant` comes first when any row carries one).
pub const EXPORT_COLUMNS: &[&str] = &[
    "id",
    "severity",
    "status",
    "classification",
    "determination",
    "created",
    "lastUpdate",
    "assignedTo",
    "device",
    "user",
    "category",
    "detectionSource",
    "incidentId",
    "deviceGroup",
    "evidenceCount",
    "commentCount",
    "title",
];

/// One row to export, with its raw JSON when the caller has it.
#[derive(Debug, Clone, Copy)]
pub struct ExportItem<'a> {
    /// The compact row (every CSV column comes from it).
    pub row: &'a AlertRow,
    /// The alert's JSON as received; without it JSON output is built from the row.
    pub raw: Option<&'a str>,
}

/// Writes alerts as the service sent them, in order, each with the tenant to name in a
/// multi-tenant list (`None` in a one-tenant export); returns how many were written.
pub fn write_alerts<'a>(
    out: &mut impl Write,
    alerts: impl IntoIterator<Item = (&'a ParsedAlert, Option<&'a str>)>,
    format: ExportFormat,
) -> io::Result<usize> {
    let found: Vec<(AlertRow, &str)> = alerts
        .into_iter()
        .map(|(a, tenant)| {
            let mut row = AlertRow::from_alert(&a.alert);
            row.tenant = tenant.map(str::to_string);
            (row, a.raw.as_str())
        })
        .collect();
    let items: Vec<ExportItem<'_>> = found
        .iter()
        .map(|(row, raw)| ExportItem {
            row,
            raw: Some(raw),
        })
        .collect();
    write_export(out, &items, format)
}

/// Writes the items; returns how many records were written.
pub fn write_export(
    out: &mut impl Write,
    items: &[ExportItem<'_>],
    format: ExportFormat,
) -> io::Result<usize> {
    match format {
        ExportFormat::Csv => write_csv(out, items),
        ExportFormat::Json => write_json(out, items),
    }
    .map(|()| items.len())
}

fn write_csv(out: &mut impl Write, items: &[ExportItem<'_>]) -> io::Result<()> {
    let tenant = items.iter().any(|i| i.row.tenant.is_some());
    let mut header: Vec<&str> = Vec::with_capacity(EXPORT_COLUMNS.len() + 1);
    if tenant {
        header.push("tenant");
    }
    header.extend_from_slice(EXPORT_COLUMNS);
    out.write_all(csv_row(&header).as_bytes())?;
    for item in items {
        let mut cells = Vec::with_capacity(header.len());
        if tenant {
            cells.push(item.row.tenant.clone().unwrap_or_default());
        }
        cells.extend(csv_cells(item.row));
        // csv_row sanitises every cell to one line and neutralises formula starts.
        out.write_all(csv_row(&cells).as_bytes())?;
    }
    Ok(())
}

fn csv_cells(r: &AlertRow) -> Vec<String> {
    let opt = |s: &Option<String>| s.clone().unwrap_or_default();
    let time = |t: Option<mde_model::Timestamp>| t.map(|t| t.to_wire()).unwrap_or_default();
    vec![
        r.id.clone(),
        r.severity.to_string(),
        r.status.to_string(),
        r.classification
            .as_ref()
            .map(ToString::to_string)
            .unwrap_or_default(),
        r.determination
            .as_ref()
            .map(ToString::to_string)
            .unwrap_or_default(),
        time(r.created),
        time(r.last_update),
        opt(&r.assigned_to),
        opt(&r.device),
        opt(&r.user),
        opt(&r.category),
        opt(&r.detection_source),
        r.incident_id.map(|i| i.to_string()).unwrap_or_default(),
        opt(&r.rbac_group),
        r.evidence_count.to_string(),
        r.comment_count.to_string(),
        r.title.clone(),
    ]
}

fn write_json(out: &mut impl Write, items: &[ExportItem<'_>]) -> io::Result<()> {
    out.write_all(b"[")?;
    for (i, item) in items.iter().enumerate() {
        out.write_all(if i == 0 { b"\n" } else { b",\n" })?;
        match item.raw {
            // Each raw text was parsed as an alert when it arrived, so it is valid JSON.
            Some(raw) => out.write_all(raw.trim().as_bytes())?,
            None => serde_json::to_writer(&mut *out, &row_json(item.row))?,
        }
    }
    out.write_all(b"\n]\n")
}

/// The row's fields under the API's names, for rows whose raw JSON is not at hand.
fn row_json(r: &AlertRow) -> serde_json::Value {
    serde_json::json!({
        "id": r.id,
        "severity": r.severity.as_str(),
        "status": r.status.as_str(),
        "classification": r.classification.as_ref().map(|c| c.as_str().to_string()),
        "determination": r.determination.as_ref().map(|d| d.as_str().to_string()),
        "title": r.title,
        "computerDnsName": r.device,
        "assignedTo": r.assigned_to,
        "category": r.category,
        "detectionSource": r.detection_source,
        "incidentId": r.incident_id,
        "rbacGroupName": r.rbac_group,
        "alertCreationTime": r.created.map(|t| t.to_wire()),
        "lastUpdateTime": r.last_update.map(|t| t.to_wire()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use mde_model::parse_alert;

    const HOSTILE: &str = r#"{"id":"da1","title":"=HYPERLINK(\"http://x\")\u001b]52;c;aGk=\u0007\nnext","severity":"High","status":"New","computerDnsName":"ws\u001b[2J01","alertCreationTime":"2024-05-01T10:00:00.1234567Z"}"#;

    fn export(items: &[ExportItem<'_>], format: ExportFormat) -> String {
        let mut v = Vec::new();
        assert_eq!(write_export(&mut v, items, format).unwrap(), items.len());
        String::from_utf8(v).unwrap()
    }

    #[test]
    fn csv_has_the_header_one_line_per_row_and_no_live_formula_or_escape() {
        let p = parse_alert(HOSTILE).unwrap();
        let row = AlertRow::from_alert(&p.alert);
        let s = export(
            &[ExportItem {
                row: &row,
                raw: Some(&p.raw),
            }],
            ExportFormat::Csv,
        );
        let lines: Vec<&str> = s.split("\r\n").filter(|l| !l.is_empty()).collect();
        assert_eq!(lines.len(), 2, "{s:?}");
        assert_eq!(lines[0], EXPORT_COLUMNS.join(","));
        assert!(
            lines[1].starts_with("da1,High,New,,,2024-05-01T10:00:00.1234567Z,"),
            "{}",
            lines[1]
        );
        assert!(lines[1].contains("\"'=HYPERLINK"), "{}", lines[1]);
        assert!(!s.contains('\x1b') && !s.contains('\x07'));
    }

    #[test]
    fn a_tenant_column_appears_when_rows_carry_tenants() {
        let mut row = AlertRow::from_alert(&parse_alert(HOSTILE).unwrap().alert);
        row.tenant = Some("contoso".into());
        let s = export(
            &[ExportItem {
                row: &row,
                raw: None,
            }],
            ExportFormat::Csv,
        );
        assert!(s.starts_with("tenant,id,severity"), "{s}");
        assert!(s.lines().nth(1).unwrap().starts_with("contoso,da1,"));
    }

    fn alerts_of(alerts: &[&ParsedAlert], tenant: Option<&str>, format: ExportFormat) -> String {
        let mut v = Vec::new();
        let n = write_alerts(&mut v, alerts.iter().map(|a| (*a, tenant)), format).unwrap();
        assert_eq!(n, alerts.len());
        String::from_utf8(v).unwrap()
    }

    #[test]
    fn parsed_alerts_export_one_csv_record_each_with_formulas_neutralised() {
        let mut a = mde_model::Alert::new("da1", "=HYPERLINK(\"x\")\u{1b}]52;c;aGk=\u{7}\nnext");
        a.computer_dns_name = Some("ws01".into());
        let p = parse_alert(&serde_json::to_string(&a).unwrap()).unwrap();
        let s = alerts_of(&[&p, &p], None, ExportFormat::Csv);
        assert!(s.starts_with("id,severity,status,classification,"), "{s}");
        assert_eq!(
            s.split("\r\n").filter(|l| !l.is_empty()).count(),
            3,
            "{s:?}"
        );
        assert!(s.contains("\"'=HYPERLINK"), "{s}");
        assert!(!s.contains('\u{1b}'), "{s:?}");
        assert!(s.contains("ws01"));
        // With a tenant, its column comes first.
        let s = alerts_of(&[&p], Some("contoso"), ExportFormat::Csv);
        assert!(s.starts_with("tenant,id,"), "{s}");
        assert!(s.lines().nth(1).unwrap().starts_with("contoso,da1,"), "{s}");
    }

    #[test]
    fn parsed_alerts_export_their_raw_json_valid() {
        let p = parse_alert(r#"{"id":"da1","title":"a\u001bb","severity":"High"}"#).unwrap();
        let s = alerts_of(&[&p, &p], None, ExportFormat::Json);
        let parsed: serde_json::Value = serde_json::from_str(&s).unwrap();
        assert_eq!(parsed.as_array().unwrap().len(), 2);
        assert_eq!(parsed[1]["title"], "a\u{1b}b");
        let parsed: serde_json::Value =
            serde_json::from_str(&alerts_of(&[], None, ExportFormat::Json)).unwrap();
        assert_eq!(parsed, serde_json::json!([]));
    }

    #[test]
    fn json_is_the_raw_alerts_in_order_and_reads_back() {
        let a = parse_alert(HOSTILE).unwrap();
        let b = parse_alert(r#"{"id":"da2","title":"two","unknownField":1}"#).unwrap();
        let (ra, rb) = (
            AlertRow::from_alert(&a.alert),
            AlertRow::from_alert(&b.alert),
        );
        let s = export(
            &[
                ExportItem {
                    row: &rb,
                    raw: Some(&b.raw),
                },
                ExportItem {
                    row: &ra,
                    raw: Some(&a.raw),
                },
            ],
            ExportFormat::Json,
        );
        let page = mde_model::parse_page(&s).unwrap();
        let ids: Vec<&str> = page.alerts.iter().map(|p| p.alert.id.as_str()).collect();
        assert_eq!(ids, ["da2", "da1"]);
        assert_eq!(page.alerts[1].alert.title, a.alert.title, "raw values kept");
        assert!(s.contains("\"unknownField\":1"), "unknown fields kept");
        // Without raw JSON the row's fields stand in.
        let s = export(
            &[ExportItem {
                row: &ra,
                raw: None,
            }],
            ExportFormat::Json,
        );
        let v: serde_json::Value = serde_json::from_str(&s).unwrap();
        assert_eq!(v[0]["severity"], "High");
        assert_eq!(v[0]["alertCreationTime"], "2024-05-01T10:00:00.1234567Z");
        assert_eq!(export(&[], ExportFormat::Json), "[\n]\n");
    }
}
