//! The quick path against serde: whatever it reads must be what serde reads, to the byte
//! where the alert ends; what serde rejects it must leave to serde.

use super::alert as quick;
use crate::alert::Alert;
use crate::evidence::EvidenceView;
use crate::row::AlertRow;
use proptest::prelude::*;
use serde_json::{Map, Value, json};
use std::borrow::Cow;

/// Checks one alert object both ways, whole and for its row; true when the quick path read it.
fn agree(json: &str) -> bool {
    let owned = serde_json::from_str::<Alert>(json);
    let viewed = serde_json::from_str::<Alert<EvidenceView<'_>>>(json);
    let end = json.trim_end().len();
    let read = match (quick::<String>(json, 0, true), owned) {
        (Some((q, at)), Ok(s)) => {
            assert_eq!(q, s, "{json}");
            assert_eq!(at, end, "{json}");
            true
        }
        (Some(_), Err(e)) => panic!("the quick path read what serde rejects ({e}): {json}"),
        (None, _) => false,
    };
    let row_read = quick::<Cow<'_, str>>(json, 0, false);
    assert_eq!(
        row_read.is_some(),
        read,
        "read for a row as a whole read is: {json}"
    );
    if let (Some((q, at)), Ok(s)) = (row_read, viewed) {
        assert_eq!(at, end, "{json}");
        assert_eq!(
            AlertRow::from_owned_alert(q),
            AlertRow::from_owned_alert(s),
            "{json}"
        );
    }
    read
}

fn demo_alerts() -> Vec<String> {
    let spec = mde_emulator::demo_data::DemoSpec {
        alerts: 300,
        seed: 11,
        // The emulator links its own copy of this crate: its `Timestamp` is read from JSON.
        end: serde_json::from_value(json!("2026-11-01T12:00:00.1234567Z")).unwrap(),
    };
    mde_emulator::demo_data::generate(&spec)
        .iter()
        .map(|a| serde_json::to_string(a).unwrap())
        .collect()
}

#[test]
fn reads_every_demo_alert_as_serde_does_compact_or_pretty() {
    for text in demo_alerts() {
        assert!(
            agree(&text),
            "the quick path gave up on a demo alert: {text}"
        );
        let pretty = serde_json::to_string_pretty(&serde_json::from_str::<Value>(&text).unwrap());
        assert!(agree(&pretty.unwrap()), "pretty-printed demo alert");
    }
}

#[test]
fn odd_alerts_are_read_alike_or_left_to_serde() {
    let base = r#"{"id":"da1","title":"t","severity":"High","incidentId":7,"evidence":[{"entityType":"File","fileName":"a.exe","processId":12}]}"#;
    assert!(agree(base));
    // Read by the quick path: the service's variations it knows.
    for json in [
        r#"{"title":"t","id":"da1"}"#,
        r#"{"id":"da1","unknownField":{"nested":[1,2,{"x":null}]},"title":"t"}"#,
        r#"{"id":"da1","incidentId":"42","investigationId":" 7 "}"#,
        r#"{"id":"da1","incidentId":4.0,"investigationId":true}"#,
        r#"{"id":"da1","incidentId":123456789012345678901,"investigationId":1e3}"#,
        r#"{"id":"da1","severity":"high","status":"In progress","classification":"Odd"}"#,
        r#"{"id":"da1","severity":null,"status":null,"title":null,"evidence":null}"#,
        r#"{"id":"da1","alertCreationTime":"soon","lastUpdateTime":"2024-01-02T03:04:05Z"}"#,
        r#"{"id":"d\u0061\n","title":"C:\\Windows\\x \ud83d\ude00"}"#,
        r#"{"id":"da1","mitreTechniques":["T1059","T1\u0030"],"domains":[{"a":1},"b"]}"#,
        r#"{"id":"da1","relatedUser":{"userName":"u","domainName":null},"comments":[{"comment":null,"createTime":"2024-01-02T03:04:05Z"}]}"#,
        r#"{"id":"da1","evidence":[{"entityType":"Process","x":[1],"processId":"9","sha1":null}]}"#,
        r#"{"id":"da1","relatedUser":{},"loggedOnUsers":[{"accountName":"a","x":1},{}],"comments":[{"createdTime":null,"createdBy":"b","comment":"c"}]}"#,
        r#"{"id":"da1","evidence":[],"loggedOnUsers":null,"serviceSource":"microsoftDefenderForEndpoint"}"#,
        " { \"id\" : \"da1\" ,\n\t\"title\" : \"t\" } ",
    ] {
        assert!(agree(json), "not read by the quick path: {json}");
    }
    // Left to serde (read or rejected there): the quick path must not read them.
    for json in [
        r#"{}"#,
        r#"{"title":"no id"}"#,
        r#"{"id":null}"#,
        r#"{"id":5}"#,
        r#"{"id":"a","id":"b"}"#,
        r#"{"id":"a","evidence":[{"entityType":"File","sha1":"x","sha1":"y"}]}"#,
        r#"{"id":"a","evidence":[{"fileName":"no type"}]}"#,
        r#"{"id":"a","evidence":[{"entityType":null}]}"#,
        r#"{"id":"a","evidence":[{"entityType":"File","sha1":5}]}"#,
        r#"{"id":"a","evidence":{"entityType":"File"}}"#,
        r#"{"id":"a","alertCreationTime":5}"#,
        r#"{"id":"a","severity":3}"#,
        r#"{"id":"a","title":5}"#,
        r#"{"id":"a","mitreTechniques":[null]}"#,
        r#"{"id":"a","relatedUser":{"userName":"u","userName":"v"}}"#,
        r#"{"id":"a","relatedUser":"u"}"#,
        r#"{"id":"a","loggedOnUsers":[null]}"#,
        r#"{"id":"a","comments":[{"createdTime":null,"createTime":null}]}"#,
        r#"{"id":"a","comments":[{"comment":5}]}"#,
        r#"{"id":"a","incidentId":01}"#,
        "{\"id\":\"tab\tinside\"}",
        r#"{"id":"\ud800"}"#,
        r#"{"id":"a",}"#,
        r#"{"id":"a""#,
        r#"{"id":"a" "title":"t"}"#,
        r#"["id","a"]"#,
    ] {
        agree(json);
        assert!(
            quick::<String>(json, 0, true).is_none(),
            "read by the quick path: {json}"
        );
    }
}

/// Any JSON value a field might hold.
fn leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        text(),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_map(|f| json!(f)),
    ]
}

/// An object with keys drawn from `keys` (and one the model does not know).
fn object(keys: &'static [&'static str], value: BoxedStrategy<Value>) -> BoxedStrategy<Value> {
    prop::collection::vec((prop::sample::select(keys), value), 0..keys.len() + 2)
        .prop_map(|members| {
            Value::Object(
                members
                    .into_iter()
                    .map(|(k, v)| (k.to_string(), v))
                    .collect::<Map<_, _>>(),
            )
        })
        .boxed()
}

const EVIDENCE_KEYS: &[&str] = &[
    "entityType",
    "entityType",
    "evidenceCreationTime",
    "sha1",
    "fileName",
    "processId",
    "processCommandLine",
    "parentProcessId",
    "detectionStatus",
    "userSid",
    "unknownKey",
];

const ALERT_KEYS: &[&str] = &[
    "id",
    "id",
    "incidentId",
    "severity",
    "status",
    "classification",
    "title",
    "description",
    "alertCreationTime",
    "lastUpdateTime",
    "computerDnsName",
    "mitreTechniques",
    "relatedUser",
    "comments",
    "evidence",
    "domains",
    "serviceSource",
    "unknownKey",
];

/// A string, a time or null: what most fields hold.
fn text() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        "[a-zA-Z0-9 é€😀\\\\\"/\u{0}-\u{1f}:-]{0,24}".prop_map(Value::from),
        "20[0-9]{2}-[01][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9](\\.[0-9]{1,7})?Z"
            .prop_map(Value::from),
    ]
}

/// An alert object, mostly of the types the model expects, sometimes not.
fn alert() -> impl Strategy<Value = Value> {
    let field = || prop_oneof![6 => text(), 1 => leaf()].boxed();
    let evidence = object(EVIDENCE_KEYS, field());
    let value = prop_oneof![
        6 => text(),
        2 => leaf(),
        1 => prop::collection::vec(field(), 0..4).prop_map(Value::from),
        2 => prop::collection::vec(evidence, 0..4).prop_map(Value::from),
        1 => object(&["userName", "domainName", "comment", "createdTime"], field()),
    ];
    (object(ALERT_KEYS, value.boxed()), "[a-z0-9]{1,8}").prop_map(|(mut a, id)| {
        if let Value::Object(m) = &mut a {
            m.entry("id").or_insert(Value::from(id));
        }
        a
    })
}

#[test]
fn any_alert_is_read_as_serde_reads_it() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    // Drawn with a fixed seed, so the count of alerts the quick path read is the same each run.
    let mut runner = TestRunner::deterministic();
    let strategy = (alert(), any::<bool>());
    let mut read = 0;
    for _ in 0..3000 {
        let (a, pretty) = strategy.new_tree(&mut runner).unwrap().current();
        let text = if pretty {
            serde_json::to_string_pretty(&a).unwrap()
        } else {
            serde_json::to_string(&a).unwrap()
        };
        read += usize::from(agree(&text));
    }
    // Most draws hold a wrong type somewhere; enough must not, or this tests only the fallback.
    eprintln!("the quick path read {read} of 3000");
    assert!(read >= 300, "the quick path read {read} of 3000");
}

/// The keys as an object of the type writes them (declaration order, the wire's).
fn written_keys(value: impl serde::Serialize) -> Vec<String> {
    match serde_json::to_value(value).unwrap() {
        Value::Object(m) => m.keys().cloned().collect(),
        other => panic!("not an object: {other}"),
    }
}

fn names(keys: &[&[u8]]) -> Vec<String> {
    keys.iter()
        .map(|k| String::from_utf8(k.to_vec()).unwrap())
        .collect()
}

#[test]
fn the_quick_path_knows_every_field_in_order() {
    // A field added to `Alert` or `Evidence` and not here would be skipped as unknown.
    let mut a: Alert = Alert::defaults();
    a.service_source = Some(crate::graph::ServiceSource::Unrecognized("x".into()));
    assert_eq!(names(super::alert::KEYS), written_keys(&a));
    let e = crate::Evidence::empty(crate::EntityType::File);
    assert_eq!(names(super::evidence::KEYS), written_keys(&e));
}
