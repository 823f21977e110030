//! The machine-readable exports of a set of alerts, as plain functions over rows so every view
//! that exports (`alerts list --csv/--json`, the console's filtered view) writes the same bytes:
//! JSON as the service sent it, CSV from the compact rows with formula cells neutralised.

use mde_model::AlertRow;
use mde_text::csv_row;
use std::io::{self, Write};

/// The CSV header, in the order `csv_fields` writes the cells.
pub const CSV_HEADER: [&str; 11] = [
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
];

/// Writes a JSON array of the alerts' raw JSON texts. Each text parsed as an alert, so each is
/// valid JSON and the array is too; values are kept as the service sent them.
pub fn write_json<'a>(
    out: &mut impl Write,
    raws: impl IntoIterator<Item = &'a str>,
) -> io::Result<()> {
    out.write_all(b"[")?;
    for (i, raw) in raws.into_iter().enumerate() {
        if i > 0 {
            out.write_all(b",")?;
        }
        out.write_all(raw.trim().as_bytes())?;
    }
    out.write_all(b"]\n")
}

/// Writes the header and one CSV record per row (`mde_text::csv_row` neutralises cells a
/// spreadsheet would run as a formula and quotes the rest).
pub fn write_csv<'a>(
    out: &mut impl Write,
    rows: impl IntoIterator<Item = &'a AlertRow>,
) -> io::Result<()> {
    out.write_all(csv_row(&CSV_HEADER).as_bytes())?;
    for r in rows {
        out.write_all(csv_row(&csv_fields(r)).as_bytes())?;
    }
    Ok(())
}

fn csv_fields(r: &AlertRow) -> [String; 11] {
    let opt = |s: &Option<String>| s.clone().unwrap_or_default();
    [
        r.id.clone(),
        r.severity.to_string(),
        r.status.to_string(),
        r.created.map(|t| t.to_wire()).unwrap_or_default(),
        opt(&r.assigned_to),
        opt(&r.device),
        opt(&r.user),
        opt(&r.category),
        r.classification
            .as_ref()
            .map(ToString::to_string)
            .unwrap_or_default(),
        r.determination
            .as_ref()
            .map(ToString::to_string)
            .unwrap_or_default(),
        r.title.clone(),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use mde_model::{Alert, parse_alert};

    #[test]
    fn csv_neutralises_formulas_and_keeps_one_record_per_row() {
        let mut a = Alert::new("da1", "=HYPERLINK(\"x\")\u{1b}]52;c;aGk=\u{7}\nnext");
        a.computer_dns_name = Some("ws01".into());
        let rows = [AlertRow::from_alert(&a), AlertRow::from_alert(&a)];
        let mut v = Vec::new();
        write_csv(&mut v, &rows).unwrap();
        let s = String::from_utf8(v).unwrap();
        assert!(s.starts_with("id,severity,status,created,assignedTo,device,user,"));
        assert!(s.contains("\"'=HYPERLINK"), "{s}");
        assert!(!s.contains('\u{1b}'), "{s:?}");
        assert!(s.contains("ws01"));
    }

    #[test]
    fn json_keeps_raw_values_and_stays_valid() {
        let raw = r#"{"id":"da1","title":"a\u001bb","severity":"High"}"#;
        let p = parse_alert(raw).unwrap();
        let mut v = Vec::new();
        write_json(&mut v, [p.raw.as_str(), p.raw.as_str()]).unwrap();
        let parsed: serde_json::Value = serde_json::from_slice(&v).unwrap();
        assert_eq!(parsed.as_array().unwrap().len(), 2);
        assert_eq!(parsed[1]["title"], "a\u{1b}b");
        let mut empty = Vec::new();
        write_json(&mut empty, std::iter::empty()).unwrap();
        assert_eq!(empty, b"[]\n");
    }
}
