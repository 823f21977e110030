//! The machine-readable exports of a set of alerts (`alerts list --csv/--json`, `alerts get
//! --csv`) through the one export writer, `mde_ops::export`, which the console's `e` uses too:
//! JSON as the service sent it, CSV from the compact rows with formula cells neutralised.

use mde_model::{AlertRow, ParsedAlert};
use mde_ops::export::{ExportFormat, ExportItem, write_export};
use std::io::{self, Write};

/// Writes the alerts, in order, as `format`.
pub fn write_alerts(
    out: &mut impl Write,
    alerts: &[ParsedAlert],
    format: ExportFormat,
) -> io::Result<()> {
    let rows: Vec<AlertRow> = alerts
        .iter()
        .map(|a| AlertRow::from_alert(&a.alert))
        .collect();
    let items: Vec<ExportItem<'_>> = rows
        .iter()
        .zip(alerts)
        .map(|(row, a)| ExportItem {
            row,
            raw: Some(a.raw.as_str()),
        })
        .collect();
    write_export(out, &items, format).map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;
    use mde_model::{Alert, parse_alert};

    #[test]
    fn csv_neutralises_formulas_and_keeps_one_record_per_row() {
        let mut a = Alert::new("da1", "=HYPERLINK(\"x\")\u{1b}]52;c;aGk=\u{7}\nnext");
        a.computer_dns_name = Some("ws01".into());
        let p = parse_alert(&serde_json::to_string(&a).unwrap()).unwrap();
        let mut v = Vec::new();
        write_alerts(&mut v, &[p.clone(), p], ExportFormat::Csv).unwrap();
        let s = String::from_utf8(v).unwrap();
        assert!(s.starts_with("id,severity,status,classification,"), "{s}");
        assert_eq!(
            s.split("\r\n").filter(|l| !l.is_empty()).count(),
            3,
            "{s:?}"
        );
        assert!(s.contains("\"'=HYPERLINK"), "{s}");
        assert!(!s.contains('\u{1b}'), "{s:?}");
        assert!(s.contains("ws01"));
    }

    #[test]
    fn json_keeps_raw_values_and_stays_valid() {
        let raw = r#"{"id":"da1","title":"a\u001bb","severity":"High"}"#;
        let p = parse_alert(raw).unwrap();
        let mut v = Vec::new();
        write_alerts(&mut v, &[p.clone(), p], ExportFormat::Json).unwrap();
        let parsed: serde_json::Value = serde_json::from_slice(&v).unwrap();
        assert_eq!(parsed.as_array().unwrap().len(), 2);
        assert_eq!(parsed[1]["title"], "a\u{1b}b");
        let mut empty = Vec::new();
        write_alerts(&mut empty, &[], ExportFormat::Json).unwrap();
        let parsed: serde_json::Value = serde_json::from_slice(&empty).unwrap();
        assert_eq!(parsed, serde_json::json!([]));
    }
}
