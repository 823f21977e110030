//! The one-pass page reader: a page read whole and the same page fed in pieces of every size
//! give the same alerts, raw texts, skips and next link; malformed pages fail either way.

use mde_model::{Page, PageReader, parse_page};

/// A page with the shapes that matter at piece boundaries: escapes, multi-byte characters,
/// numbers, a skipped alert, keys before and after the array.
const PAGE: &str = r#"{"@odata.context":"https://api/$metadata#Alerts","@odata.count": 12345,
 "value": [
  {"id":"da1","title":"Ünïcødé \"quoted\" \\ back\\slash ✓","incidentId": 77,
   "severity":"High","status":"New","alertCreationTime":"2024-05-01T10:00:00.1234567Z",
   "evidence":[{"entityType":"File","fileName":"a.exe","filePath":"C:\\Windows","processId":"12"}]},
  {"id":"da2","title":"wrong shape","evidence":"not a list"},
  {"id":"da3","title":"💥 four-byte","comments":[{"comment":"c","createdTime":"2024-05-01T10:00:00Z"}]} ,
  {"id":"","title":"empty id"},
  {"id":"da5","incidentId":1.5e3,"unknownField":{"deep":[1,2,{"x":null}]}}
 ],
 "@odata.nextLink": "https://api/alerts?$skip=5"}"#;

fn fed(text: &str, piece: usize) -> Page {
    let mut r = PageReader::new();
    let mut taken = Vec::new();
    let mut skipped = Vec::new();
    for chunk in text.as_bytes().chunks(piece) {
        r.feed(chunk).expect("pieces read");
        let (a, s) = r.take();
        taken.extend(a);
        skipped.extend(s);
    }
    let mut page = r.finish().expect("page read");
    taken.append(&mut page.alerts);
    skipped.append(&mut page.skipped);
    page.alerts = taken;
    page.skipped = skipped;
    page
}

/// What a page read: (id, raw) per alert, (index, id) per skipped one, the next link.
type Summary = (
    Vec<(String, String)>,
    Vec<(usize, Option<String>)>,
    Option<String>,
);

fn summary(p: &Page) -> Summary {
    (
        p.alerts
            .iter()
            .map(|a| (a.alert.id.clone(), a.raw.clone()))
            .collect(),
        p.skipped.iter().map(|s| (s.index, s.id.clone())).collect(),
        p.next_link.clone(),
    )
}

#[test]
fn whole_and_in_pieces_agree() {
    let whole = parse_page(PAGE).expect("page parses");
    let (alerts, skipped, link) = summary(&whole);
    assert_eq!(
        alerts.iter().map(|a| a.0.as_str()).collect::<Vec<_>>(),
        ["da1", "da3", "da5"]
    );
    assert!(alerts[0].1.starts_with(r#"{"id":"da1""#) && alerts[0].1.ends_with("]}"));
    assert!(
        alerts[2].1.contains("unknownField"),
        "raw keeps unknown fields"
    );
    assert_eq!(skipped, [(1, Some("da2".into())), (3, Some(String::new()))]);
    assert!(
        whole.skipped[0].reason.contains("invalid type"),
        "{:?}",
        whole.skipped
    );
    assert_eq!(link.as_deref(), Some("https://api/alerts?$skip=5"));
    let a = &whole.alerts[0].alert;
    assert_eq!(a.title, "Ünïcødé \"quoted\" \\ back\\slash ✓");
    assert_eq!(a.incident_id, Some(77));
    assert_eq!(a.evidence[0].process_id, Some(12));
    assert_eq!(whole.alerts[2].alert.incident_id, Some(1500));
    for piece in [1, 2, 3, 5, 7, 64, 1000, PAGE.len()] {
        assert_eq!(
            summary(&fed(PAGE, piece)),
            (alerts.clone(), skipped.clone(), link.clone()),
            "pieces of {piece}"
        );
    }
}

#[test]
fn a_bare_array_in_pieces() {
    let text = r#"  [ {"id":"x","processId":123} , {"id":"y"} ]  "#;
    for piece in [1, 2, 4, 100] {
        let p = fed(text, piece);
        assert_eq!(p.alerts.len(), 2, "pieces of {piece}");
        assert_eq!(p.alerts[1].raw, r#"{"id":"y"}"#);
    }
}

#[test]
fn malformed_pages_fail_whole_and_in_pieces() {
    for bad in [
        "",
        "<html>",
        r#"{"value": 3}"#,
        r#"{"value": [ {"id":"x"} "#,
        r#"{"value": [ {"id":"x",} ]}"#,
        r#"{"value": [ {"id":"x"} ] "#,
        r#"{"value": [ {"id":"x"} ]} trailing"#,
        r#"{"@odata.context":"x"}"#,
        r#"[ {"id":"x"}, ]"#,
        r#"{"value": [], "value": []}"#,
    ] {
        assert!(parse_page(bad).is_err(), "whole: {bad:?}");
        for piece in [1, 3, 1000] {
            let mut r = PageReader::new();
            let failed = bad
                .as_bytes()
                .chunks(piece.max(1))
                .any(|c| r.feed(c).is_err())
                || r.finish().is_err();
            assert!(failed, "pieces of {piece}: {bad:?}");
        }
    }
}

#[test]
fn a_character_cut_between_pieces_is_joined() {
    let text = r#"[{"id":"é✓💥"}]"#;
    let bytes = text.as_bytes();
    for cut in 1..bytes.len() {
        let mut r = PageReader::new();
        r.feed(&bytes[..cut]).expect("first piece");
        r.feed(&bytes[cut..]).expect("second piece");
        let p = r.finish().expect("page read");
        assert_eq!(p.alerts[0].alert.id, "é✓💥", "cut at {cut}");
    }
}
