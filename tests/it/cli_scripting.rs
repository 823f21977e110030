//! The scripting CLI as a user meets it (issue 14), the real binary against the emulator's demo
//! tenant on 127.0.0.1:0: tables fitted to 80 and 200 columns and to a pipe, `alerts get`'s
//! sections, `--query` agreeing with the console's own filter, and errors that teach
//! (`cli_watch` has `alerts watch`).

use super::demo_tenant::{Demo, ME};
use mde_console::app::list::ListState;
use mde_console::app::list::views::ViewId;
use mde_model::AlertRow;
use mde_text::width::width;
use std::collections::BTreeSet;
use std::process::Output;

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The ids in `alerts list --json` output.
fn json_ids(o: &Output) -> BTreeSet<String> {
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("valid JSON");
    v.as_array()
        .expect("an array")
        .iter()
        .map(|a| a["id"].as_str().expect("an id").to_string())
        .collect()
}

#[test]
fn tables_fit_80_and_200_columns_and_a_pipe_and_never_cut_an_id() {
    let demo = Demo::start();
    let home = tempfile::tempdir().unwrap();
    let ids: Vec<String> = demo.alerts().into_iter().map(|a| a.id).collect();
    let check = |lines: &[String], limit: usize| {
        assert_eq!(
            lines.len(),
            ids.len() + 1,
            "a header and one line per alert"
        );
        assert!(lines[0].starts_with("ID "), "{}", lines[0]);
        for l in lines {
            assert!(width(l) <= limit, "{} > {limit}: {l}", width(l));
            assert!(!l.chars().any(char::is_control), "{l:?}");
        }
        for id in &ids {
            assert!(
                lines
                    .iter()
                    .any(|l| l.split(' ').next() == Some(id.as_str())),
                "id {id} is whole at {limit}"
            );
        }
    };
    let narrow = demo.run_in_terminal(home.path(), &["alerts", "list"], 80);
    check(&narrow, 80);
    assert!(
        narrow.iter().any(|l| l.ends_with('…')),
        "titles are cut at 80"
    );
    let wide = demo.run_in_terminal(home.path(), &["alerts", "list"], 200);
    check(&wide, 200);
    for h in ["SEV", "STATUS", "AGE", "DEVICE", "USER", "TITLE"] {
        assert!(wide[0].contains(h), "{h} at 200: {}", wide[0]);
    }
    let head = |l: &str, h: &str| width(&l[..l.find(h).unwrap()]);
    assert!(head(&wide[0], "TITLE") > head(&narrow[0], "TITLE") || !narrow[0].contains("DEVICE"));
    // Columns line up on every line: each header starts where its cells start.
    let title_at = head(&wide[0], "TITLE");
    let alerts = demo.alerts();
    for l in &wide[1..] {
        let id = l.split(' ').next().unwrap();
        let a = alerts.iter().find(|a| a.id == id).unwrap();
        let shown = mde_text::truncate(&a.title, 200).into_owned();
        let cell = shown.trim_end_matches('…');
        let at = l
            .find(cell.chars().take(8).collect::<String>().as_str())
            .expect("title shown");
        assert_eq!(width(&l[..at]), title_at, "{l}");
    }

    // Into a pipe: 120 columns; --wide keeps every title whole.
    let piped = stdout(&demo.run(home.path(), &["alerts", "list"]));
    let lines: Vec<String> = piped.lines().map(str::to_string).collect();
    check(&lines, 120);
    let whole = stdout(&demo.run(home.path(), &["alerts", "list", "--wide"]));
    for a in &alerts {
        let title = mde_text::log_escape(&a.title);
        assert!(whole.contains(title.trim_end()), "{}", a.title);
    }
    // Chosen columns, no header.
    let o = demo.run(
        home.path(),
        &["alerts", "list", "--columns", "sev,id", "--no-header"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = stdout(&o);
    assert_eq!(text.lines().count(), ids.len());
    for l in text.lines() {
        let mut parts = l.split_whitespace();
        let sev = parts.next().unwrap();
        assert!(["High", "Medium", "Low", "Info"].contains(&sev), "{l}");
        let id = parts.next().unwrap_or_default();
        assert!(ids.iter().any(|i| i == id), "{l}");
    }
}

#[test]
fn get_shows_the_detail_panes_sections_and_the_evidence_tree() {
    let demo = Demo::start();
    let home = tempfile::tempdir().unwrap();
    let alerts = demo.alerts();
    let a = alerts
        .iter()
        .filter(|a| a.evidence.len() >= 2 && !a.comments.is_empty())
        .max_by_key(|a| (a.mitre_techniques.len().min(1), a.evidence.len()))
        .expect("a demo alert with evidence and comments");
    let o = demo.run(home.path(), &["alerts", "get", &a.id]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let t = stdout(&o);
    assert!(t.starts_with(&*mde_text::log_escape(&a.title)), "{t}");
    for section in [
        "Device and user",
        "Times (UTC)",
        "MITRE ATT&CK",
        "Description",
        &format!("Evidence ({})", a.evidence.len()),
        &format!("Comments ({})", a.comments.len()),
    ] {
        assert!(t.lines().any(|l| l == section), "{section}: {t}");
    }
    if let Some(c) = a.alert_creation_time {
        let when = c.0.format("%Y-%m-%d %H:%M:%S UTC").to_string();
        assert!(t.contains(&format!("Created          {when} (")), "{t}");
    }
    if let Some(id) = a.mitre_techniques.first() {
        let name = mde_text::mitre::resolve(id).technique().map(|t| t.name);
        assert!(
            name.is_none_or(|n| t.contains(n)),
            "MITRE name of {id}: {t}"
        );
    }
    // The evidence is the console's tree: the same nodes, indented by depth.
    let tree = mde_console::app::detail::evidence::EvidenceTree::build(a);
    let shown: Vec<&str> = t
        .lines()
        .skip_while(|l| !l.starts_with("Evidence ("))
        .skip(1)
        .take_while(|l| !l.is_empty())
        .collect();
    assert_eq!(shown.len(), tree.nodes.len(), "{t}");
    for (line, node) in shown.iter().zip(&tree.nodes) {
        let indent = line.len() - line.trim_start().len();
        assert_eq!(indent, 2 + 2 * usize::from(node.depth), "{line}");
        let label = mde_text::log_escape(&node.label);
        assert!(line.trim_start().starts_with(&*label), "{line} vs {label}");
    }
    for c in &a.comments {
        let safe = mde_text::sanitize_multiline(&c.comment).text.into_owned();
        let first = safe
            .lines()
            .next()
            .unwrap_or_default()
            .trim_end()
            .to_string();
        assert!(t.contains(&first), "comment {first}: {t}");
    }
    // --json is the service's JSON.
    let o = demo.run(home.path(), &["alerts", "get", &a.id, "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["id"], a.id.as_str());
    assert_eq!(
        v["evidence"].as_array().map(Vec::len),
        Some(a.evidence.len())
    );
}

#[test]
fn query_agrees_with_the_consoles_filter_on_the_demo_tenant() {
    let demo = Demo::start();
    let home = tempfile::tempdir().unwrap();
    let alerts = demo.alerts();
    // The console's list, filled with the same alerts, on the view of every alert (the CLI has
    // no view; the console starts on the open queue).
    let mut list = ListState::default();
    for a in &alerts {
        let _ = list.rows.upsert(AlertRow::from_alert(a));
    }
    list.set_view(ViewId::ALL, ME);
    assert_eq!(list.view_title(), "All alerts");
    list.rebuild(ME);
    let incident = alerts
        .iter()
        .find_map(|a| a.incident_id)
        .expect("an incident")
        .to_string();
    let queries = [
        "sev:high".to_string(),
        "!status:resolved".to_string(),
        "sev:high,med !status:resolved".to_string(),
        "status:new assigned:none".to_string(),
        "assigned:me".to_string(),
        "!assigned:none sev:low,info".to_string(),
        "powershell".to_string(),
        "device:ws".to_string(),
        "user:contoso\\j !sev:high".to_string(),
        "cat:exec".to_string(),
        "class:true".to_string(),
        "\"cobalt strike\"".to_string(),
        format!("incident:{incident}"),
        "src:windows !powershell".to_string(),
    ];
    let mut non_empty = 0;
    for q in &queries {
        list.set_filter_text(q, ME);
        assert!(list.filter_error.is_none(), "{q}");
        let console: BTreeSet<String> = list.rows.iter_view().map(|r| r.id.clone()).collect();
        let o = demo.run(home.path(), &["alerts", "list", "--json", "--query", q]);
        assert_eq!(o.status.code(), Some(0), "{q}: {}", stderr(&o));
        assert_eq!(
            json_ids(&o),
            console,
            "--query {q:?} and the console disagree"
        );
        non_empty += usize::from(!console.is_empty() && console.len() < alerts.len());
    }
    assert!(non_empty >= 10, "the queries select something: {non_empty}");
    // With other options: ANDed, and --top counts after the local terms.
    let o = demo.run(
        home.path(),
        &[
            "alerts",
            "list",
            "--json",
            "--query",
            "powershell",
            "--severity",
            "high",
            "--top",
            "2",
        ],
    );
    let ids = json_ids(&o);
    assert!(ids.len() <= 2 && !ids.is_empty(), "{ids:?}");
    let text = mde_query::Query::parse("powershell")
        .unwrap()
        .for_identity(ME);
    for id in &ids {
        let a = alerts.iter().find(|a| &a.id == id).unwrap();
        assert_eq!(a.severity, mde_model::Severity::High);
        assert!(text.matches(&AlertRow::from_alert(a)), "{id}");
    }
}

#[test]
fn mistakes_list_the_valid_values_with_a_near_miss_and_exit_2() {
    let demo = Demo::start();
    let home = tempfile::tempdir().unwrap();
    let cases: [(&[&str], &[&str]); 7] = [
        (
            &["alerts", "list", "--status", "resolvd"],
            &["New, InProgress, Resolved", "did you mean \"Resolved\""],
        ),
        (
            &["alerts", "list", "--severity", "hgih"],
            &["High, Medium, Low, Informational", "did you mean \"High\""],
        ),
        (
            &["alerts", "list", "--columns", "id,sev,titel"],
            &["id, sev, status, age", "did you mean \"title\""],
        ),
        (
            &["alerts", "list", "--query", "status:resolvd"],
            &["Resolved", "did you mean \"Resolved\""],
        ),
        (
            &["alerts", "list", "--query", "sevrity:high"],
            &["unknown field 'sevrity'", "sev status assigned"],
        ),
        (
            &[
                "alerts",
                "update",
                "da1",
                "--classification",
                "FalsePositive",
                "--determination",
                "NotMalicous",
            ],
            &[
                "for FalsePositive",
                "NotMalicious",
                "did you mean \"NotMalicious\"",
            ],
        ),
        (
            &["--region", "uk2", "alerts", "list"],
            &["gcc-high", "did you mean \"uk\""],
        ),
    ];
    for (args, wants) in cases {
        let o = demo.run(home.path(), args);
        let e = stderr(&o);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {e}");
        for w in wants {
            assert!(e.contains(w), "{args:?}: {w:?} in {e}");
        }
        assert!(!e.contains("panicked"), "{e}");
    }
    // A determination of another classification names the ones this one allows.
    let o = demo.run(
        home.path(),
        &[
            "alerts",
            "update",
            "da1",
            "--classification",
            "TruePositive",
            "--determination",
            "NotMalicious",
        ],
    );
    assert_eq!(o.status.code(), Some(2));
    let e = stderr(&o);
    assert!(
        e.contains("not valid") && e.contains("Malware") && !e.contains("NoEnoughDataToValidate"),
        "{e}"
    );
}
