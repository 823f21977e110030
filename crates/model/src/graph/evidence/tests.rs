use super::*;
use crate::enums::DetectionStatus;

#[test]
fn typed_items_round_trip_and_unknown_types_are_kept() {
    let json = r##"[
      {"@odata.type":"#microsoft.graph.security.processEvidence","createdDateTime":"2024-01-01T00:00:00.1234567Z",
       "verdict":"malicious","remediationStatus":"prevented","roles":["attacker","futureRole"],"tags":[],
       "processId":4520,"parentProcessId":"3008","processCommandLine":"powershell -enc AAA",
       "imageFile":{"fileName":"powershell.exe","filePath":"C:\\Windows","sha1":"ab"},"detectionStatus":"Blocked"},
      {"@odata.type":"#microsoft.graph.security.kubernetesPodEvidence","name":"pod-1","labels":{"a":"b"}},
      {"@odata.type":"#microsoft.graph.security.ipEvidence","ipAddress":"203.0.113.9","verdict":null},
      {"no":"type"}, 7
    ]"##;
    #[derive(Deserialize)]
    struct W(#[serde(deserialize_with = "lenient_list")] Vec<GraphEvidence>);
    let W(items) = serde_json::from_str(json).unwrap();
    assert_eq!(items.len(), 3);
    let EvidenceDetail::Process(p) = &items[0].detail else {
        panic!("{:?}", items[0])
    };
    assert_eq!(p.process_id, Some(4520));
    assert_eq!(p.parent_process_id, Some(3008));
    assert_eq!(p.detection_status, Some(DetectionStatus::Blocked));
    assert_eq!(items[0].verdict, Some(Verdict::Malicious));
    assert_eq!(
        items[0].roles[1],
        EvidenceRole::Unrecognized("futureRole".into())
    );
    assert!(
        matches!(&items[1].detail, EvidenceDetail::Other { type_name, fields }
        if type_name == "kubernetesPodEvidence" && fields["name"] == "pod-1")
    );
    // Written back, the items parse to the same values.
    let again: Vec<GraphEvidence> = items
        .iter()
        .map(|e| serde_json::from_value(serde_json::to_value(e).unwrap()).unwrap())
        .collect();
    assert_eq!(again, items);
    assert_eq!(
        items[2].odata_type(),
        "#microsoft.graph.security.ipEvidence"
    );
}

#[test]
fn a_known_type_with_bad_fields_falls_back_to_other() {
    let m: Map<String, Value> = serde_json::from_str(
        r##"{"@odata.type":"#microsoft.graph.security.urlEvidence","url":{"not":"a string"}}"##,
    )
    .unwrap();
    let e = GraphEvidence::from_map(m).unwrap();
    assert!(matches!(e.detail, EvidenceDetail::Other { .. }));
}
