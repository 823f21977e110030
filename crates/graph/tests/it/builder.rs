//! The hunting query builder: every query it writes parses as the emulator's KQL, each value
//! lands as exactly one literal, and no value that is not a validated id, integer or time can
//! reach it (the serde path validates too).

use mde_emulator::graph::hunting::ast::{CmpOp, Expr, Lit, Op};
use mde_emulator::graph::hunting::parser::parse;
use mde_graph::build;
use mde_model::Timestamp;
use mde_model::graph::{HuntAlertId, HuntQuery, MachineId, ProcessId, ProcessKey};
use proptest::prelude::*;

/// Every literal compared with `column` in the first `where`.
fn literals(e: &Expr, column: &str, out: &mut Vec<Lit>) {
    match e {
        Expr::And(a, b) | Expr::Or(a, b) => {
            literals(a, column, out);
            literals(b, column, out);
        }
        Expr::Cmp(CmpOp::Eq, a, b) => {
            if let (Expr::Name(n, _), Expr::Lit(l)) = (&**a, &**b)
                && n == column
            {
                out.push(l.clone());
            }
        }
        _ => {}
    }
}

fn where_literals(text: &str, column: &str) -> Vec<Lit> {
    let q = parse(text).unwrap_or_else(|e| panic!("{}\n{text}", e.message(text)));
    let Some(Op::Where(e)) = q.ops.first() else {
        panic!("no where: {text}")
    };
    let mut out = Vec::new();
    literals(e, column, &mut out);
    out
}

fn queries(device: &MachineId, process: ProcessKey, alert: &HuntAlertId) -> Vec<HuntQuery> {
    vec![
        HuntQuery::DeviceProcesses {
            device: device.clone(),
            from: Timestamp(process.created.0 - chrono::Duration::hours(1)),
            to: Timestamp(process.created.0 + chrono::Duration::hours(1)),
        },
        HuntQuery::ProcessChildren {
            device: device.clone(),
            process,
        },
        HuntQuery::ProcessParent {
            device: device.clone(),
            process,
        },
        HuntQuery::ProcessNetwork {
            device: device.clone(),
            process,
        },
        HuntQuery::ProcessFiles {
            device: device.clone(),
            process,
        },
        HuntQuery::AlertEvidence {
            alert: alert.clone(),
        },
    ]
}

proptest! {
    #[test]
    fn every_value_is_one_literal_of_a_query_that_parses(
        hex in "[0-9a-fA-F]{40}",
        pid in 0u32..=u32::MAX,
        secs in 1_600_000_000i64..1_900_000_000,
        ticks in 0u32..10_000_000,
        alert in "[A-Za-z0-9_-]{1,128}",
    ) {
        let device = MachineId::parse(&hex).unwrap();
        let created = Timestamp(chrono::DateTime::from_timestamp(secs, ticks * 100).unwrap());
        let process = ProcessKey { pid: ProcessId::new(i64::from(pid)).unwrap(), created };
        let alert_id = HuntAlertId::parse(&alert).unwrap();
        for q in queries(&device, process, &alert_id) {
            let k = build(&q);
            match &q {
                HuntQuery::AlertEvidence { .. } => {
                    prop_assert_eq!(where_literals(&k.text, "AlertId"), vec![Lit::Str(alert.clone())]);
                }
                _ => {
                    prop_assert_eq!(where_literals(&k.text, "DeviceId"), vec![Lit::Str(hex.to_ascii_lowercase())]);
                }
            }
            if matches!(q, HuntQuery::ProcessChildren { .. } | HuntQuery::ProcessNetwork { .. } | HuntQuery::ProcessFiles { .. }) {
                prop_assert_eq!(where_literals(&k.text, "InitiatingProcessId"), vec![Lit::Long(i64::from(pid))]);
            }
            if matches!(q, HuntQuery::ProcessParent { .. }) {
                prop_assert_eq!(where_literals(&k.text, "ProcessId"), vec![Lit::Long(i64::from(pid))]);
            }
        }
    }

    #[test]
    fn hostile_values_cannot_become_query_values(s in "\\PC{0,80}") {
        let hostile = format!("{s}\" | take 1 //");
        prop_assert!(MachineId::parse(&hostile).is_err());
        prop_assert!(HuntAlertId::parse(&hostile).is_err());
        let json = serde_json::json!({"DeviceProcesses": {"device": hostile, "from": "2024-01-01T00:00:00Z", "to": "2024-01-01T01:00:00Z"}});
        prop_assert!(serde_json::from_value::<HuntQuery>(json).is_err());
    }
}

#[test]
fn windows_bound_the_service_and_times_keep_every_digit() {
    let device = MachineId::parse(&"ab".repeat(20)).unwrap();
    let created = Timestamp::parse("2024-03-26T09:39:50.7688641Z").unwrap();
    let process = ProcessKey {
        pid: ProcessId::new(4520).unwrap(),
        created,
    };
    let k = build(&HuntQuery::ProcessChildren {
        device: device.clone(),
        process,
    });
    assert!(k.text.contains("datetime(2024-03-26T09:39:50.7688641Z) - 1s .. datetime(2024-03-26T09:39:50.7688641Z) + 1s"), "{}", k.text);
    assert_eq!(
        k.timespan.as_deref(),
        Some("2024-03-26T09:39:49.7688641Z/2024-03-26T10:39:50.7688641Z")
    );
    let story = build(&HuntQuery::DeviceProcesses {
        device,
        from: Timestamp::parse("2024-03-26T08:00:00Z").unwrap(),
        to: Timestamp::parse("2024-03-26T10:00:00Z").unwrap(),
    });
    assert_eq!(
        story.timespan.as_deref(),
        Some("2024-03-26T08:00:00Z/2024-03-26T10:00:00Z")
    );
    assert!(story.text.contains("| take 5000"));
}
