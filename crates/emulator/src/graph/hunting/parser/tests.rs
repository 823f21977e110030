//! The parser against the reference templates, precedence, and everything outside the subset.

use super::*;
use crate::graph::hunting::ast::Expr;

#[test]
fn the_reference_templates_parse() {
    for q in [
        r#"let dev = "0123456789abcdef0123456789abcdef01234567";
           let t0 = datetime(2024-01-01T10:00:00Z); let t1 = datetime(2024-01-01T10:05:00Z);
           DeviceProcessEvents
           | where DeviceId == dev and Timestamp between ((t0 - 1h) .. (t1 + 1h))
           | project Timestamp, ProcessId, ProcessCreationTime, FileName, InitiatingProcessId
           | order by Timestamp asc
           | take 5000"#,
        r#"DeviceProcessEvents
           | where DeviceId == "x" and InitiatingProcessId == 4520
                 and InitiatingProcessCreationTime between (datetime(2024-01-01T10:00:00Z) - 1s .. datetime(2024-01-01T10:00:00Z) + 1s)
           | project Timestamp, ProcessId, FileName"#,
        r#"union withsource=Table DeviceNetworkEvents, DeviceFileEvents
           | where DeviceId == "x" and InitiatingProcessId == 4520
           | project Timestamp, Table, ActionType, RemoteIP"#,
        r#"AlertEvidence | where AlertId == "da1" | project Timestamp, EntityType"#,
        r#"DeviceProcessEvents | where InitiatingProcessFileName =~ "powershell.exe" | project Timestamp, FileName, InitiatingProcessFileName | order by Timestamp desc | limit 2"#,
        r#"AlertInfo | where Timestamp > ago(7d) and Severity in ("High", "Medium") and not(Title has "test") | sort by Timestamp"#,
    ] {
        parse(q).unwrap_or_else(|e| panic!("{}\n{q}", e.message(q)));
    }
}

#[test]
fn precedence_and_shapes() {
    let q = parse("T | where A == 1 or B == 2 and C != 3").unwrap();
    let Op::Where(Expr::Or(_, right)) = &q.ops[0] else {
        panic!("{q:?}")
    };
    assert!(matches!(**right, Expr::And(..)));
    let q = parse("T | order by A, B asc | project X = A, B").unwrap();
    assert_eq!(
        q.ops[0],
        Op::Order(vec![("A".into(), true, 13), ("B".into(), false, 16)])
    );
    let Op::Project(cols) = &q.ops[1] else {
        panic!()
    };
    assert_eq!(cols[0].0, "X");
    assert_eq!(cols[1], ("B".into(), Expr::Name("B".into(), 39)));
}

#[test]
fn everything_outside_the_subset_is_a_syntax_error() {
    for (q, needle) in [
        ("T | summarize count() by A", "'summarize' is not supported"),
        ("T | extend X = 1", "'extend'"),
        ("T | join (U) on A", "'join'"),
        ("T | where A matches regex \"x\"", "'matches'"),
        ("T | where strlen(A) > 3", "'strlen'"),
        ("let x = T | take 1; x", "scalar let"),
        ("T | where", "found the end"),
        ("T | where A == ", "end of the query"),
        ("T | take -1", "non-negative"),
        ("T | take x", "non-negative"),
        ("T | order A", "'by'"),
        ("T | where A between (1 2)", "'..'"),
        ("T | where A in (1, 2", "')'"),
        ("T T", "unexpected 'T'"),
        ("union T", "at least two"),
        ("T | where A !like 1", "'!like'"),
        ("T | where datetime(yesterday) > A", "datetime"),
        ("T | where ago(1h, 2h) < A", "argument"),
        ("T | order by A nulls last", "nulls"),
        ("", "table name"),
    ] {
        match parse(q) {
            Err(e @ KqlError::Syntax { .. }) => {
                let m = e.message(q);
                assert!(
                    m.contains(needle) && m.contains("Fix syntax errors in your query"),
                    "{q}: {m}"
                );
            }
            other => panic!("{q}: {other:?}"),
        }
    }
}
