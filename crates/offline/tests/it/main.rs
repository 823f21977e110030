//! The offline loader on the documentation's own examples and on every shape and fault.

use mde_offline::{FileLoader, LoadError, LoadEvent, Shape, SkippedRecord};
use mde_testkit::fixtures::GET_ALERT;
use std::io::{Read, Write};

/// Alerts and skipped records, in file order.
fn load(bytes: Vec<u8>) -> (Vec<String>, Vec<SkippedRecord>, Option<Shape>) {
    let mut loader =
        FileLoader::from_reader("test".into(), std::io::Cursor::new(bytes), None).unwrap();
    let (mut ids, mut skipped) = (Vec::new(), Vec::new());
    for event in loader.by_ref() {
        match event.unwrap() {
            LoadEvent::Alert(a) => ids.push(a.alert.id.clone()),
            LoadEvent::Skipped(s) => skipped.push(s),
        }
    }
    let p = loader.progress();
    assert!(p.done);
    assert_eq!(
        (p.alerts, p.skipped),
        (ids.len() as u64, skipped.len() as u64)
    );
    (ids, skipped, loader.shape())
}

fn alert(id: &str, title: &str) -> String {
    format!(
        r#"{{"id":"{id}","title":"{title}","severity":"High","status":"New","alertCreationTime":"2024-05-01T10:00:00Z"}}"#
    )
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    e.write_all(bytes).unwrap();
    e.finish().unwrap()
}

#[test]
fn the_documentations_get_alert_example_loads_as_one_alert() {
    let (ids, skipped, shape) = load(GET_ALERT.as_bytes().to_vec());
    assert_eq!(ids, ["da637472900382838869_1364969609"]);
    assert!(skipped.is_empty());
    assert_eq!(shape, Some(Shape::Objects));
    // Its evidence and comments come through whole.
    let mut loader = FileLoader::from_reader(
        "x".into(),
        std::io::Cursor::new(GET_ALERT.to_string()),
        None,
    )
    .unwrap();
    let Some(Ok(LoadEvent::Alert(a))) = loader.next() else {
        panic!()
    };
    assert_eq!(a.alert.evidence.len(), 3);
    assert_eq!(a.alert.comments.len(), 1);
    assert_eq!(a.raw, GET_ALERT.trim());
}

#[test]
fn the_documented_list_page_loads_with_its_context_and_next_link() {
    // The list answer as the reference shows it: `@odata.context` first, then `value`.
    let page = format!(
        r#"{{"@odata.context": "https://api.securitycenter.microsoft.com/api/$metadata#Alerts", "value": [ {}, {} ], "@odata.nextLink": "https://x/api/alerts?$skip=2"}}"#,
        GET_ALERT,
        alert("da2", "second")
    );
    let (ids, skipped, shape) = load(page.into_bytes());
    assert_eq!(ids, ["da637472900382838869_1364969609", "da2"]);
    assert!(skipped.is_empty());
    assert_eq!(shape, Some(Shape::Page));
    // The empty page the reference documents.
    let (ids, skipped, _) =
        load(br#"{"@odata.context":"https://x/api/$metadata#Alerts","value":[]}"#.to_vec());
    assert!(ids.is_empty() && skipped.is_empty());
}

#[test]
fn a_bare_array_ndjson_and_pages_in_a_row() {
    let array = format!("[\n  {},\n  {}\n]\n", alert("a1", "x"), alert("a2", "y"));
    let (ids, _, shape) = load(array.into_bytes());
    assert_eq!(
        (ids, shape),
        (vec!["a1".to_string(), "a2".into()], Some(Shape::Array))
    );
    let ndjson = format!(
        "{}\n{}\r\n\n{}\n",
        alert("n1", "x"),
        alert("n2", "y"),
        alert("n3", "z")
    );
    let (ids, _, shape) = load(ndjson.into_bytes());
    assert_eq!(
        (ids, shape),
        (
            vec!["n1".to_string(), "n2".into(), "n3".into()],
            Some(Shape::Ndjson)
        )
    );
    let pages = format!(
        r#"{{"value":[{}]}}{{"value":[{}]}}"#,
        alert("p1", "x"),
        alert("p2", "y")
    );
    let (ids, _, shape) = load(pages.into_bytes());
    assert_eq!(
        (ids, shape),
        (vec!["p1".to_string(), "p2".into()], Some(Shape::Page))
    );
}

#[test]
fn gzip_is_recognised_by_its_magic_bytes() {
    let page = format!(r#"{{"value":[{},{}]}}"#, alert("g1", "x"), alert("g2", "y"));
    let packed = gzip(page.as_bytes());
    let loader = FileLoader::from_reader(
        "export.json".into(),
        std::io::Cursor::new(packed.clone()),
        None,
    )
    .unwrap();
    assert!(loader.is_gzip());
    let (ids, skipped, shape) = load(packed);
    assert_eq!(ids, ["g1", "g2"]);
    assert!(skipped.is_empty());
    assert_eq!(shape, Some(Shape::Page));
    let (ids, _, _) = load(gzip(
        format!("{}\n{}\n", alert("z1", "a"), alert("z2", "b")).as_bytes(),
    ));
    assert_eq!(ids, ["z1", "z2"]);
}

#[test]
fn a_malformed_record_in_the_middle_is_reported_with_its_position_and_the_rest_loads() {
    // Array: a record that is not valid JSON, a scalar, and an alert without an id.
    let text = format!(
        "[\n{},\n{{\"id\": \"bad1\", \"title\": }},\n42,\n{{\"title\":\"no id\"}},\n{}\n]",
        alert("ok1", "x"),
        alert("ok2", "y")
    );
    let (ids, skipped, _) = load(text.clone().into_bytes());
    assert_eq!(ids, ["ok1", "ok2"]);
    assert_eq!(skipped.len(), 3, "{skipped:#?}");
    let bad = &skipped[0];
    assert_eq!((bad.position.index, bad.position.line), (1, 3));
    assert_eq!(
        bad.position.byte as usize,
        text.find("{\"id\": \"bad1\"").unwrap()
    );
    assert_eq!(
        bad.id.as_deref(),
        None,
        "the id of invalid JSON is not guessed"
    );
    assert!(bad.reason.contains("at byte"), "{}", bad.reason);
    assert_eq!(
        (skipped[1].position.index, skipped[1].position.line),
        (2, 4)
    );
    assert!(
        skipped[1].reason.contains("not an alert object"),
        "{}",
        skipped[1].reason
    );
    assert_eq!(skipped[2].position.line, 5);
    assert!(
        skipped[2]
            .position
            .to_string()
            .starts_with("record 4 (line 5, byte "),
        "{}",
        skipped[2].position
    );
    // NDJSON: a broken line is skipped and the next line reads.
    let lines = format!(
        "{}\n{{\"id\":\"cut\",\"title\":\"x\"\n{}\nnot json\n",
        alert("l1", "a"),
        alert("l2", "b")
    );
    let (ids, skipped, _) = load(lines.into_bytes());
    assert_eq!(ids, ["l1", "l2"]);
    assert_eq!(skipped.len(), 2, "{skipped:#?}");
    assert_eq!(skipped[0].position.line, 2);
    assert_eq!(skipped[1].position.line, 4);
}

#[test]
fn a_truncated_file_keeps_what_loaded_and_says_where_it_ends() {
    let full = format!("[{},{}]", alert("t1", "x"), alert("t2", "y"));
    let cut = &full[..full.len() - 20];
    let (ids, skipped, _) = load(cut.as_bytes().to_vec());
    assert_eq!(ids, ["t1"]);
    assert_eq!(skipped.len(), 1);
    assert!(
        skipped[0].reason.contains("ends inside"),
        "{}",
        skipped[0].reason
    );
    // A gzip stream cut short is a read error after the alerts before it.
    let packed = gzip(format!("{}\n", alert("c1", "x")).repeat(2000).as_bytes());
    let cut = packed[..packed.len() / 2].to_vec();
    let loader = FileLoader::from_reader("x.gz".into(), std::io::Cursor::new(cut), None).unwrap();
    let events: Vec<_> = loader.collect();
    assert!(
        events
            .iter()
            .filter(|e| matches!(e, Ok(LoadEvent::Alert(_))))
            .count()
            > 100
    );
    assert!(
        matches!(events.last(), Some(Err(LoadError::Io { .. }))),
        "{:?}",
        events.last()
    );
}

#[test]
fn something_that_is_not_an_export_is_refused_up_front() {
    let mut loader = FileLoader::from_reader(
        "notes.txt".into(),
        std::io::Cursor::new(b"hello world".to_vec()),
        None,
    )
    .unwrap();
    let e = loader.next().unwrap().unwrap_err();
    assert!(matches!(e, LoadError::NotAnExport { .. }));
    assert!(
        e.to_string().contains("notes.txt") && e.to_string().contains("hello"),
        "{e}"
    );
    assert!(loader.next().is_none());
    let (ids, skipped, _) = load(Vec::new());
    assert!(ids.is_empty() && skipped.is_empty());
    // A byte order mark is not data.
    let (ids, _, _) = load([b"\xEF\xBB\xBF".to_vec(), alert("bom", "x").into_bytes()].concat());
    assert_eq!(ids, ["bom"]);
}

/// A reader that counts how much was asked of it.
struct Tally {
    inner: std::io::Cursor<Vec<u8>>,
    read: std::sync::Arc<std::sync::atomic::AtomicUsize>,
}

impl Read for Tally {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read.fetch_add(n, std::sync::atomic::Ordering::SeqCst);
        Ok(n)
    }
}

#[test]
fn the_first_alerts_come_out_before_the_file_is_read() {
    let body: Vec<String> = (0..12000)
        .map(|i| alert(&format!("s{i}"), "streaming"))
        .collect();
    let bytes = format!(r#"{{"value":[{}]}}"#, body.join(",")).into_bytes();
    let total = bytes.len();
    assert!(total > 1_000_000);
    let read = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let mut loader = FileLoader::from_reader(
        "big".into(),
        Tally {
            inner: std::io::Cursor::new(bytes),
            read: read.clone(),
        },
        Some(total as u64),
    )
    .unwrap();
    let Some(Ok(LoadEvent::Alert(first))) = loader.next() else {
        panic!()
    };
    assert_eq!(first.alert.id, "s0");
    let so_far = read.load(std::sync::atomic::Ordering::SeqCst);
    assert!(
        so_far < total / 2,
        "read {so_far} of {total} before the first alert"
    );
    let p = loader.progress();
    assert_eq!(
        (p.bytes_read as usize, p.bytes_total),
        (so_far, Some(total as u64))
    );
    assert!(!p.done);
    assert_eq!(loader.count(), 11999);
}
