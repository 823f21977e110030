//! The model against the documentation's example alert and the oddities real responses carry.

use mde_model::*;

fn ts(s: &str) -> Option<Timestamp> {
    Some(Timestamp::parse(s).unwrap())
}

#[test]
fn documentation_example_parses_field_for_field() {
    let json = mde_testkit::fixtures::GET_ALERT;
    let p = parse_alert(json).expect("example parses");
    let a = &p.alert;
    assert_eq!(a.id, "da637472900382838869_1364969609");
    assert_eq!(a.incident_id, Some(1126093));
    assert_eq!(a.investigation_id, None);
    assert_eq!(a.assigned_to, None);
    assert_eq!(a.severity, Severity::Low);
    assert_eq!(a.status, Status::New);
    assert_eq!(a.classification, None);
    assert_eq!(a.determination, None);
    assert_eq!(a.investigation_state, Some(InvestigationState::Queued));
    assert_eq!(a.detection_source.as_deref(), Some("WindowsDefenderAtp"));
    assert_eq!(
        a.detector_id.as_deref(),
        Some("17e10bbc-3a68-474a-8aad-faef14d43952")
    );
    assert_eq!(a.category.as_deref(), Some("Execution"));
    assert_eq!(a.threat_family_name, None);
    assert_eq!(
        a.title,
        "Low-reputation arbitrary code executed by signed executable"
    );
    assert!(
        a.description
            .as_deref()
            .unwrap()
            .starts_with("Binaries signed by Microsoft")
    );
    assert!(
        a.description
            .as_deref()
            .unwrap()
            .ends_with("command-and-control (C&C) server.")
    );
    assert_eq!(a.alert_creation_time, ts("2021-01-26T20:33:57.7220239Z"));
    assert_eq!(a.first_event_time, ts("2021-01-26T20:31:32.9562661Z"));
    assert_eq!(a.last_event_time, ts("2021-01-26T20:31:33.0577322Z"));
    assert_eq!(a.last_update_time, ts("2021-01-26T20:33:59.2Z"));
    assert_eq!(a.resolved_time, None);
    assert_eq!(
        a.machine_id.as_deref(),
        Some("111e6dd8c833c8a052ea231ec1b19adaf497b625")
    );
    assert_eq!(
        a.computer_dns_name.as_deref(),
        Some("temp123.middleeast.corp.microsoft.com")
    );
    assert_eq!(a.rbac_group_name.as_deref(), Some("A"));
    assert_eq!(
        a.aad_tenant_id.as_deref(),
        Some("a839b112-1253-6432-9bf6-94542403f21c")
    );
    assert_eq!(a.threat_name, None);
    assert_eq!(a.mitre_techniques, vec!["T1064", "T1085", "T1220"]);
    assert_eq!(
        a.related_user,
        Some(RelatedUser {
            user_name: Some("temp123".into()),
            domain_name: Some("DOMAIN".into())
        })
    );
    assert!(a.logged_on_users.is_empty());
    assert!(a.domains.is_empty());

    assert_eq!(a.comments.len(), 1);
    let c = &a.comments[0];
    assert_eq!(c.comment, "test comment for docs");
    assert_eq!(c.created_by.as_deref(), Some("[email\u{a0}protected]"));
    assert_eq!(c.created_time, ts("2021-01-26T01:00:37.8404534Z"));

    assert_eq!(a.evidence.len(), 3);
    let user = &a.evidence[0];
    let mut want = Evidence::empty(EntityType::User);
    want.evidence_creation_time = ts("2021-01-26T20:33:58.42Z");
    want.account_name = Some("name".into());
    want.domain_name = Some("DOMAIN".into());
    want.user_sid = Some("S-1-5-21-11111607-1111760036-109187956-75141".into());
    want.aad_user_id = Some("11118379-2a59-1111-ac3c-a51eb4a3c627".into());
    want.user_principal_name = Some("[email\u{a0}protected]".into());
    assert_eq!(user, &want);

    let proc_ = &a.evidence[1];
    let mut want = Evidence::empty(EntityType::Process);
    want.evidence_creation_time = ts("2021-01-26T20:33:58.6133333Z");
    want.sha1 = Some("ff836cfb1af40252bd2a2ea843032e99a5b262ed".into());
    want.sha256 = Some("a4752c71d81afd3d5865d24ddb11a6b0c615062fcc448d24050c2172d2cbccd6".into());
    want.file_name = Some("rundll32.exe".into());
    want.file_path = Some("C:\\Windows\\SysWOW64".into());
    want.process_id = Some(3276);
    want.process_command_line = Some("rundll32.exe  c:\\temp\\suspicious.dll,RepeatAfterMe".into());
    want.process_creation_time = ts("2021-01-26T20:31:32.9581596Z");
    want.parent_process_id = Some(8420);
    want.parent_process_creation_time = ts("2021-01-26T20:31:32.9004163Z");
    want.parent_process_file_name = Some("rundll32.exe".into());
    want.parent_process_file_path = Some("C:\\Windows\\System32".into());
    want.detection_status = Some(DetectionStatus::Detected);
    assert_eq!(proc_, &want);

    let file = &a.evidence[2];
    let mut want = Evidence::empty(EntityType::File);
    want.evidence_creation_time = ts("2021-01-26T20:33:58.42Z");
    want.sha1 = Some("8563f95b2f8a284fc99da44500cd51a77c1ff36c".into());
    want.sha256 = Some("dc0ade0c95d6db98882bc8fa6707e64353cd6f7767ff48d6a81a6c2aef21c608".into());
    want.file_name = Some("suspicious.dll".into());
    want.file_path = Some("c:\\temp".into());
    want.detection_status = Some(DetectionStatus::Detected);
    assert_eq!(file, &want);

    // The raw JSON is kept exactly as received.
    assert_eq!(p.raw, json);
}

#[test]
fn page_with_oddities_loads_and_skips_only_the_broken_alert() {
    let page = r#"{
      "@odata.context": "https://api.securitycenter.microsoft.com/api/$metadata#Alerts",
      "value": [
        {"id": "da1_1", "severity": "Catastrophic", "status": "Snoozed", "classification": "BenignPositive",
         "determination": "Clean", "investigationState": "Hibernating", "title": "unknown enums",
         "alertCreationTime": "2023-04-25T22:52:11Z", "lastUpdateTime": "2023-04-25T22:58:00.55+02:00",
         "brandNewField": {"nested": [1, 2, 3]}},
        {"id": "da2_2", "evidence": null},
        {"id": 17, "title": "numeric id is not an alert id"},
        {"id": "da3_3", "severity": null, "status": null, "mitreTechniques": null, "comments": null,
         "relatedUser": null, "loggedOnUsers": [{"accountName": "bob", "domainName": "CORP"}],
         "incidentId": "42", "title": null,
         "evidence": [{"entityType": "Ip", "ipAddress": null}, {"entityType": "Mailbox"}, {"entityType": "Teleporter", "processId": "4711"}]},
        "not even an object"
      ]
    }"#;
    let p = parse_page(page).unwrap();
    let ids: Vec<_> = p.alerts.iter().map(|a| a.alert.id.as_str()).collect();
    assert_eq!(ids, ["da1_1", "da2_2", "da3_3"]);
    assert_eq!(p.skipped.len(), 2);
    assert_eq!(p.skipped[0].index, 2);
    assert_eq!(p.skipped[0].id.as_deref(), Some("17"));
    assert_eq!(p.skipped[1].index, 4);

    let a = &p.alerts[0].alert;
    assert_eq!(a.severity, Severity::Unrecognized("Catastrophic".into()));
    assert_eq!(a.status, Status::Unrecognized("Snoozed".into()));
    assert_eq!(
        a.classification,
        Some(Classification::InformationalExpectedActivity)
    );
    assert_eq!(a.determination, Some(Determination::NotMalicious));
    assert_eq!(
        a.investigation_state,
        Some(InvestigationState::Unrecognized("Hibernating".into()))
    );
    assert_eq!(a.last_update_time, ts("2023-04-25T20:58:00.55Z"));
    assert!(p.alerts[0].raw.contains("brandNewField"));

    let b = &p.alerts[1].alert;
    assert_eq!(b.severity, Severity::UnSpecified);
    assert_eq!(b.title, "");
    assert!(b.evidence.is_empty() && b.comments.is_empty());

    let c = &p.alerts[2].alert;
    assert_eq!(c.incident_id, Some(42));
    assert_eq!(c.status, Status::Unknown);
    assert_eq!(c.logged_on_users[0].account_name.as_deref(), Some("bob"));
    assert_eq!(c.evidence.len(), 3);
    assert_eq!(c.evidence[1].entity_type, EntityType::Mailbox);
    assert_eq!(
        c.evidence[2].entity_type,
        EntityType::Unrecognized("Teleporter".into())
    );
    assert_eq!(c.evidence[2].process_id, Some(4711));
}

#[test]
fn bare_array_export_and_empty_page_load() {
    let p = parse_page(r#"[{"id":"x"},{"id":"y"}]"#).unwrap();
    assert_eq!(p.alerts.len(), 2);
    let p = parse_page(r#"{"@odata.context":"x","value":[]}"#).unwrap();
    assert!(p.alerts.is_empty() && p.skipped.is_empty());
    let p =
        parse_page(r#"{"value":[],"@odata.nextLink":"https://h/api/alerts?$skip=10"}"#).unwrap();
    assert_eq!(
        p.next_link.as_deref(),
        Some("https://h/api/alerts?$skip=10")
    );
    assert!(parse_page("{\"value\": 3}").is_err());
    assert!(parse_page("<html>").is_err());
}

#[test]
fn serialisation_uses_metadata_names_and_keeps_nulls() {
    let mut a = Alert::new("da9_9", "t");
    a.determination = Some(Determination::parse("ConfirmedUserActivity"));
    let v = serde_json::to_value(&a).unwrap();
    assert_eq!(v["determination"], "ConfirmedActivity");
    assert!(v["assignedTo"].is_null());
    assert!(v.as_object().unwrap().contains_key("resolvedTime"));
    let back: Alert = serde_json::from_value(v).unwrap();
    assert_eq!(back, a);
}
