//! The demo tenant as the emulator serves it: deterministic, realistic in shape and mix, every
//! process tree well formed, the wire formats the service uses, and hostile strings present.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use mde_emulator::demo_data::{DemoSpec, LONG_COMMAND_LINE_CHARS, generate, hostile_samples};
use mde_model::{Alert, EntityType, Evidence, Status, Timestamp, parse_page};
use mde_text::mitre::{self, Resolved, TechniqueStatus};
use std::collections::{BTreeSet, HashMap, HashSet};
use std::sync::OnceLock;

const END: &str = "2026-11-26T20:00:00Z";

fn end() -> Timestamp {
    Timestamp::parse(END).expect("valid end")
}

fn spec(alerts: usize, seed: u64) -> DemoSpec {
    DemoSpec {
        alerts,
        seed,
        end: end(),
    }
}

/// The default tenant, generated once for the whole file.
fn tenant() -> &'static [Alert] {
    static T: OnceLock<Vec<Alert>> = OnceLock::new();
    T.get_or_init(|| generate(&spec(500, 42)))
}

fn strings_of(a: &Alert) -> Vec<String> {
    fn walk(v: &serde_json::Value, out: &mut Vec<String>) {
        match v {
            serde_json::Value::String(s) => out.push(s.clone()),
            serde_json::Value::Array(xs) => xs.iter().for_each(|x| walk(x, out)),
            serde_json::Value::Object(m) => m.values().for_each(|x| walk(x, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(&serde_json::to_value(a).expect("serialises"), &mut out);
    out
}

fn processes(a: &Alert) -> Vec<&Evidence> {
    a.evidence
        .iter()
        .filter(|e| e.entity_type == EntityType::Process)
        .collect()
}

#[test]
fn same_seed_and_end_give_identical_output() {
    let a = generate(&spec(300, 7));
    let b = generate(&spec(300, 7));
    assert_eq!(a, b);
    assert_eq!(
        serde_json::to_string(&a).expect("json"),
        serde_json::to_string(&b).expect("json")
    );
    let c = generate(&spec(300, 8));
    assert_ne!(a, c, "another seed gives another tenant");
    assert_eq!(generate(&spec(0, 7)).len(), 0);
    assert_eq!(generate(&spec(1, 7)).len(), 1);
}

#[test]
fn default_tenant_has_the_expected_cast_and_incidents() {
    let alerts = tenant();
    assert_eq!(alerts.len(), 500);
    let devices: HashSet<&str> = alerts
        .iter()
        .filter_map(|a| a.machine_id.as_deref())
        .collect();
    assert!(
        (50..=60).contains(&devices.len()),
        "{} devices",
        devices.len()
    );
    let users: HashSet<&str> = alerts
        .iter()
        .flat_map(|a| &a.evidence)
        .filter_map(|e| e.user_principal_name.as_deref())
        .collect();
    assert!((22..=30).contains(&users.len()), "{} users", users.len());
    assert!(users.iter().all(|u| u.ends_with("@contoso.com")));
    assert!(
        alerts
            .iter()
            .all(|a| a.aad_tenant_id == alerts[0].aad_tenant_id && a.aad_tenant_id.is_some())
    );
    assert!(alerts.iter().any(|a| a.rbac_group_name.is_none()));
    assert!(alerts.iter().any(|a| a.rbac_group_name.is_some()));
    assert!(
        alerts
            .iter()
            .filter_map(|a| a.machine_id.as_deref())
            .all(|m| m.len() == 40 && m.bytes().all(|b| b.is_ascii_hexdigit()))
    );

    let mut incidents: HashMap<i64, Vec<&Alert>> = HashMap::new();
    for a in alerts {
        incidents
            .entry(a.incident_id.expect("every alert has an incident"))
            .or_default()
            .push(a);
    }
    let avg = alerts.len() as f64 / incidents.len() as f64;
    assert!(avg >= 2.5, "{avg:.2} alerts per incident");
    for group in incidents.values() {
        assert!(group.iter().all(|a| a.machine_id == group[0].machine_id));
    }
}

#[test]
fn queue_mix_looks_like_a_real_queue() {
    let alerts = tenant();
    let count = |f: &dyn Fn(&Alert) -> bool| alerts.iter().filter(|a| f(a)).count();
    let sev = |s: &str| count(&|a| a.severity.as_str() == s);
    assert!(sev("Medium") + sev("Low") > 250, "mostly Medium/Low");
    assert!(sev("High") > 25 && sev("Informational") > 10);
    let new = count(&|a| a.status == Status::New);
    let in_progress = count(&|a| a.status == Status::InProgress);
    let resolved = count(&|a| a.status == Status::Resolved);
    assert!(new > in_progress && new > resolved && in_progress > 25 && resolved > 50);
    assert!(count(&|a| a.assigned_to.as_deref() == Some("API Action")) > 0);
    let owned_open = count(&|a| a.status != Status::New && a.assigned_to.is_some());
    assert!(
        owned_open * 10 > (in_progress + resolved) * 8,
        "most worked alerts have an owner"
    );
    assert!(count(&|a| a.investigation_id.is_some()) > 25);
    assert!(count(&|a| a.investigation_state.is_some()) > 100);
    assert!(count(&|a| !a.comments.is_empty()) > 50);
    let sources: BTreeSet<&str> = alerts
        .iter()
        .filter_map(|a| a.detection_source.as_deref())
        .collect();
    for s in [
        "WindowsDefenderAtp",
        "WindowsDefenderAv",
        "AutomatedInvestigation",
    ] {
        assert!(sources.contains(s), "{s} missing from {sources:?}");
    }
    // Antivirus detections name the threat; EDR ones do not.
    for a in alerts {
        let av = a.detection_source.as_deref() == Some("WindowsDefenderAv");
        assert_eq!(av, a.threat_name.is_some(), "{}", a.title);
        assert_eq!(av, a.threat_family_name.is_some(), "{}", a.title);
    }
    // One detector per title.
    let mut detectors: HashMap<&str, &str> = HashMap::new();
    for a in alerts.iter().filter(|a| !a.title.contains('\u{1b}')) {
        let d = a.detector_id.as_deref().expect("detectorId");
        assert_eq!(
            *detectors.entry(a.title.as_str()).or_insert(d),
            d,
            "{}",
            a.title
        );
    }
}

#[test]
fn resolved_alerts_have_a_time_and_a_determination_valid_for_the_classification() {
    let alerts = tenant();
    for a in alerts {
        if let Some(c) = &a.classification {
            let d = a
                .determination
                .as_ref()
                .expect("classified alerts carry a determination");
            assert!(c.determinations().contains(d), "{}: {c} / {d}", a.id);
        } else {
            assert!(a.determination.is_none(), "{}", a.id);
        }
        match a.status {
            Status::Resolved => {
                let r = a.resolved_time.expect("resolvedTime");
                assert!(a.classification.is_some(), "{}", a.id);
                assert!(r > a.alert_creation_time.expect("created"));
                assert!(a.last_update_time.expect("updated") >= r);
            }
            _ => assert!(a.resolved_time.is_none(), "{}", a.id),
        }
    }
}

fn fraction_digits(t: &Timestamp) -> usize {
    let w = t.to_wire();
    w.split_once('.')
        .map_or(0, |(_, f)| f.trim_end_matches('Z').len())
}

#[test]
fn timestamps_round_trip_through_the_wire_with_the_service_mix() {
    let alerts = tenant();
    let json = serde_json::to_string(&serde_json::json!({ "value": alerts })).expect("json");
    let page = parse_page(&json).expect("page parses");
    assert!(page.skipped.is_empty(), "{:?}", page.skipped);
    let back: Vec<Alert> = page.alerts.into_iter().map(|p| p.alert).collect();
    assert_eq!(back.as_slice(), alerts, "every field survives the wire");

    let end = end();
    let start = Timestamp(end.0 - chrono::Duration::days(31));
    let mut update_digits = BTreeSet::new();
    for a in alerts {
        let created = a.alert_creation_time.expect("created");
        assert_eq!(fraction_digits(&created), 7, "{}", created);
        assert!(created > start && created <= end);
        let first = a.first_event_time.expect("first");
        let last = a.last_event_time.expect("last");
        assert!(first <= last && last < created, "{}", a.id);
        let updated = a.last_update_time.expect("updated");
        assert!(updated > created && updated <= end, "{}", a.id);
        let d = fraction_digits(&updated);
        update_digits.insert(d);
        if d == 7 {
            let w = updated.to_wire();
            assert!(w.ends_with("3333Z") || w.ends_with("6667Z"), "{w}");
        }
        for c in &a.comments {
            let t = c.created_time.expect("comment time");
            assert!(t > created && t < updated, "{}", a.id);
            assert!(
                c.created_by
                    .as_deref()
                    .is_some_and(|b| b.ends_with("@contoso.com"))
            );
        }
        for e in &a.evidence {
            let t = e.evidence_creation_time.expect("evidence time");
            assert!(t > created && t <= end, "{}", a.id);
        }
    }
    assert_eq!(update_digits, BTreeSet::from([0, 1, 2, 3, 7]));
    let newest = alerts
        .iter()
        .filter_map(|a| a.alert_creation_time)
        .max()
        .expect("alerts");
    assert!(
        end.0 - newest.0 < chrono::Duration::minutes(15),
        "fresh alerts on top"
    );
}

#[test]
fn ids_come_in_the_service_formats_and_are_unique() {
    let alerts = tenant();
    let ids: HashSet<&str> = alerts.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids.len(), alerts.len());
    let (mut da, mut negative, mut ar, mut guid) = (0, 0, 0, 0);
    for id in &ids {
        let (head, suffix) = id.rsplit_once('_').expect("underscore");
        let n: i64 = suffix.parse().expect("numeric suffix");
        assert!(i64::from(i32::MIN) <= n && n <= i64::from(i32::MAX));
        if head.len() == 38 && head.starts_with("da") && head.matches('-').count() == 4 {
            assert_eq!(n, 1);
            guid += 1;
        } else if let Some(ticks) = head.strip_prefix("da").or_else(|| head.strip_prefix("ar")) {
            assert_eq!(ticks.len(), 18, "{id}");
            assert!(ticks.bytes().all(|b| b.is_ascii_digit()), "{id}");
            if head.starts_with("ar") {
                ar += 1;
            } else {
                da += 1;
                negative += usize::from(n < 0);
            }
        } else {
            panic!("unexpected id format {id}");
        }
    }
    assert!(
        da > 400 && negative > 50 && ar > 0 && guid > 0,
        "{da} {negative} {ar} {guid}"
    );
}

#[test]
fn techniques_come_from_the_attack_table_including_old_ids() {
    assert_eq!(mitre::all().len(), 835);
    assert!(
        matches!(mitre::resolve("T1085"), Resolved::Revoked { current, .. } if current.id == "T1218.011")
    );
    let alerts = tenant();
    let mut old = 0;
    for id in alerts.iter().flat_map(|a| &a.mitre_techniques) {
        let t = mitre::lookup(id).unwrap_or_else(|| panic!("{id} not in the table"));
        old += usize::from(t.status != TechniqueStatus::Active);
    }
    assert!(old > 10, "{old} revoked or deprecated ids");
    assert!(alerts.iter().any(|a| a.mitre_techniques.is_empty()));
}

#[test]
fn hostile_samples_are_present_in_the_default_tenant() {
    let alerts = tenant();
    let strings: Vec<Vec<String>> = alerts.iter().map(strings_of).collect();
    let samples = hostile_samples();
    assert!(samples.len() >= 10);
    let mut hostile_alerts = HashSet::new();
    for (name, sample) in &samples {
        let hits: Vec<usize> = strings
            .iter()
            .enumerate()
            .filter(|(_, ss)| ss.iter().any(|s| s.contains(sample.as_str())))
            .map(|(i, _)| i)
            .collect();
        assert!(!hits.is_empty(), "{name} not planted");
        hostile_alerts.extend(hits);
    }
    assert!(
        (samples.len()..=25).contains(&hostile_alerts.len()),
        "{} hostile alerts",
        hostile_alerts.len()
    );
    let long = strings
        .iter()
        .flatten()
        .filter(|s| s.chars().count() >= LONG_COMMAND_LINE_CHARS)
        .count();
    assert_eq!(long, 1);
}

#[test]
fn big_tenants_keep_hostile_strings_rare_and_long_lines_few() {
    let alerts = generate(&spec(5_000, 3));
    assert_eq!(alerts.len(), 5_000);
    let long = alerts
        .iter()
        .flat_map(processes)
        .filter(|p| {
            p.process_command_line
                .as_ref()
                .is_some_and(|c| c.len() >= LONG_COMMAND_LINE_CHARS)
        })
        .count();
    assert!((1..=3).contains(&long), "{long} huge command lines");
    let rtl = alerts
        .iter()
        .flat_map(|a| &a.evidence)
        .filter(|e| {
            e.file_name
                .as_deref()
                .is_some_and(|n| n.contains('\u{202e}'))
        })
        .count();
    assert!((3..=30).contains(&rtl), "{rtl} RLO file names");
    assert_hashes_follow_file_names(&alerts);
    let devices: HashSet<&str> = alerts
        .iter()
        .filter_map(|a| a.machine_id.as_deref())
        .collect();
    assert!(
        devices.len() > 150,
        "the cast grows with the tenant: {}",
        devices.len()
    );
}

mod evidence;
use evidence::assert_hashes_follow_file_names;
