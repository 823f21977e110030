//! Reading a page straight into rows (scale issue: evidence borrowed from the page, never
//! owned) gives what reading typed alerts and building their rows gives: the same rows, raw
//! texts, skips with the same reasons, and next link, for the demo tenant (hostile strings
//! included), for malformed alerts, for escapes of every kind, and fed in pieces.

use mde_emulator::demo_data::{DemoSpec, generate};
use mde_model::{
    Page, PageReader, ParsedRow, SkippedAlert, Timestamp, parse_page, parse_page_rows,
};
use proptest::prelude::*;

/// A page as comparable values: rows with their raw text, skips, next link.
type Summary = (
    Vec<(String, mde_model::AlertRow)>,
    Vec<SkippedAlert>,
    Option<String>,
);

fn summary(page: Page<ParsedRow>) -> Summary {
    let rows = page.alerts.into_iter().map(|p| (p.raw, p.row)).collect();
    (rows, page.skipped, page.next_link)
}

/// The page read as typed alerts, each then turned into its row by reference (`from_alert`, as
/// the ops crate does): what a sync did before. The readers move each alert's strings into its
/// row (`from_owned_alert`), so this also holds the two constructors to the same row.
fn through_typed(json: &str) -> Result<Summary, String> {
    let page = parse_page(json).map_err(|e| e.to_string())?;
    let row = |p: mde_model::ParsedAlert| ParsedRow {
        row: mde_model::AlertRow::from_alert(&p.alert),
        raw: p.raw,
    };
    Ok(summary(Page {
        alerts: page.alerts.into_iter().map(row).collect(),
        skipped: page.skipped,
        next_link: page.next_link,
    }))
}

fn straight(json: &str) -> Result<Summary, String> {
    parse_page_rows(json)
        .map(summary)
        .map_err(|e| e.to_string())
}

fn fed(json: &str, piece: usize) -> Result<Summary, String> {
    let mut r = PageReader::rows();
    let (mut rows, mut skipped) = (Vec::new(), Vec::new());
    for chunk in json.as_bytes().chunks(piece) {
        r.feed(chunk).map_err(|e| e.to_string())?;
        let (a, s) = r.take();
        rows.extend(a);
        skipped.extend(s);
    }
    let mut page = r.finish().map_err(|e| e.to_string())?;
    rows.append(&mut page.alerts);
    skipped.append(&mut page.skipped);
    Ok(summary(Page {
        alerts: rows,
        skipped,
        next_link: page.next_link,
    }))
}

#[test]
fn the_demo_tenant_reads_into_the_same_rows_either_way() {
    for (alerts, seed) in [(2_000, 7), (700, 11)] {
        let spec = DemoSpec {
            alerts,
            seed,
            end: Timestamp::parse("2026-11-01T12:00:00Z").unwrap(),
        };
        let json = serde_json::to_string(&serde_json::json!({
            "value": generate(&spec),
            "@odata.nextLink": "https://api/alerts?$skip=2000",
        }))
        .unwrap();
        let typed = through_typed(&json).unwrap();
        assert_eq!(typed.0.len(), alerts, "every demo alert parses");
        // The demo data has escapes (paths, hostile titles); some evidence must be owned.
        assert!(json.contains("\\\\"), "paths with backslashes");
        assert_eq!(straight(&json).unwrap(), typed, "seed {seed}");
        assert_eq!(fed(&json, 4_093).unwrap(), typed, "seed {seed}, fed");
    }
}

/// Alerts whose evidence is wrong in each way the typed reader reports: the same alerts are
/// skipped, for the same reasons, and the rest are read alike.
#[test]
fn malformed_evidence_is_skipped_alike() {
    let items = [
        r#"{"id":"ok","title":"fine","evidence":[{"entityType":"File","fileName":"a.exe","sha1":"ab"}]}"#,
        r#"{"id":"num","evidence":[{"entityType":"File","fileName":5}]}"#,
        r#"{"id":"obj","evidence":[{"entityType":"File","filePath":{"x":1}}]}"#,
        r#"{"id":"list","evidence":"not a list"}"#,
        r#"{"id":"item","evidence":[7]}"#,
        r#"{"id":"notype","evidence":[{"fileName":"a.exe"}]}"#,
        r#"{"id":"dup","evidence":[{"entityType":"File","sha1":"a","sha1":"b"}]}"#,
        r#"{"id":"unknown","evidence":[{"entityType":"Quantum","detectionStatus":"Zapped","extra":[1]}]}"#,
        r#"{"id":"nulls","evidence":null,"mitreTechniques":null,"comments":null}"#,
        r#"{"id":"nullitem","evidence":[{"entityType":"Ip","ipAddress":null,"processId":"x","evidenceCreationTime":"soon"}]}"#,
        r#"{"id":"","title":"empty id","evidence":[]}"#,
        r#"{"title":"no id"}"#,
        r#"{"id":"bool","evidence":[{"entityType":"Url","url":true}]}"#,
    ];
    let json = format!("{{\"value\":[{}]}}", items.join(","));
    let typed = through_typed(&json).unwrap();
    assert_eq!(typed.0.len(), 4, "{:?}", typed.1);
    assert_eq!(typed.1.len(), 9);
    assert_eq!(straight(&json).unwrap(), typed);
    for piece in [1, 3, 64] {
        assert_eq!(fed(&json, piece).unwrap(), typed, "pieces of {piece}");
    }
}

#[test]
fn escaped_and_plain_evidence_give_the_same_text() {
    let json = r#"[{"id":"da1","title":"t","evidence":[
        {"entityType":"Process","fileName":"power\u0073hell.exe","filePath":"C:\\Windows\\System32",
         "processCommandLine":"cmd /c \"echo \\\"hi\\\"\"\n\tnext","sha256":"AB\u00e9",
         "accountName":"j\u0000doe","domainName":"CONTOSO","userSid":"S-1-5-21",
         "url":"http://evil.test:8080/x?\ud83d\ude00","detectionStatus":"Detected"},
        {"entityType":"Registry","registryKey":"HKLM\\Software\\Run","registryValue":"\u202Eevil"}]}]"#;
    let rows = straight(json).unwrap();
    assert_eq!(rows, through_typed(json).unwrap());
    let text = rows.0[0].1.search.as_str();
    for needle in [
        "powershell.exe",
        "c:\\windows\\system32",
        "hklm\\software\\run",
        "evil.test",
    ] {
        assert!(text.contains(needle), "{needle} in {text:?}");
    }
}

/// An evidence value: absent, null, a string of any characters (escaped as JSON), or a value
/// of the wrong type.
fn value() -> impl Strategy<Value = Option<serde_json::Value>> {
    prop_oneof![
        Just(None),
        Just(Some(serde_json::Value::Null)),
        any::<String>().prop_map(|s| Some(serde_json::Value::String(s))),
        "[\\\\\"/a-z\\n]{0,12}".prop_map(|s| Some(serde_json::Value::String(s))),
        any::<i64>().prop_map(|n| Some(serde_json::json!(n))),
        Just(Some(serde_json::json!({"k": [1]}))),
    ]
}

const FIELDS: [&str; 10] = [
    "fileName",
    "filePath",
    "sha1",
    "processCommandLine",
    "url",
    "ipAddress",
    "accountName",
    "domainName",
    "registryKey",
    "detectionStatus",
];

proptest! {
    #[test]
    fn any_evidence_reads_alike(items in prop::collection::vec(
        (prop_oneof![Just("File"), Just("Process"), Just("Url"), Just("Odd")],
         prop::collection::vec(value(), FIELDS.len())),
        0..4,
    )) {
        let evidence: Vec<serde_json::Value> = items
            .into_iter()
            .map(|(kind, values)| {
                let mut e = serde_json::Map::new();
                e.insert("entityType".into(), kind.into());
                for (f, v) in FIELDS.iter().zip(values) {
                    if let Some(v) = v {
                        e.insert((*f).into(), v);
                    }
                }
                serde_json::Value::Object(e)
            })
            .collect();
        let json = serde_json::json!([{"id": "da1", "title": "t", "evidence": evidence}]).to_string();
        let typed = through_typed(&json).unwrap();
        prop_assert_eq!(straight(&json).unwrap(), typed.clone());
        prop_assert_eq!(fed(&json, 5).unwrap(), typed);
    }
}
