//! Issue 12 from a script's side: `config check|schema`, completions and the man page, `--view`
//! validation, and a scripted shift against the emulator read back through `audit` and
//! `handoff`, section by section.

use super::cli::{Service, run, stderr, stdout};
use chrono::TimeDelta;
use mde_model::{Alert, Severity, Status, Timestamp};
use std::path::Path;

fn corpus(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/config_corpus")
        .join(name)
        .display()
        .to_string()
}

#[test]
fn config_check_lists_every_mistake_with_its_line_and_exits_78() {
    let home = tempfile::tempdir().unwrap();
    let o = run(home.path(), &["config", "check", &corpus("keys.toml")], &[]);
    assert_eq!(o.status.code(), Some(78), "{}", stderr(&o));
    let e = stderr(&o);
    let expected = std::fs::read_to_string(corpus("keys.expected")).unwrap();
    for line in expected.lines() {
        // The report names the file as given; the corpus test names it by its file name.
        let line = line.replacen("keys.toml", &corpus("keys.toml"), 1);
        assert!(e.contains(&line), "missing {line:?} in\n{e}");
    }
    assert!(e.contains("6 mistake(s)"), "{e}");
    // A good file passes; the default file is checked when none is named.
    let good = home.path().join("good.toml");
    std::fs::write(
        &good,
        "[views.hot]\nfilter = \"sev:high\"\n[keys]\nassign-me = \"m\"\n",
    )
    .unwrap();
    let o = run(
        home.path(),
        &["config", "check", good.to_str().unwrap()],
        &[],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("ok (0 profile(s), 1 view(s), 1 key remap(s))"),
        "{}",
        stdout(&o)
    );
    let o = run(
        home.path(),
        &["config", "check"],
        &[("MDE_TRIAGE_CONFIG", good.to_str().unwrap())],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    // Start-up refuses the same file with every mistake listed.
    let o = run(
        home.path(),
        &["info", "--config", &corpus("views.toml")],
        &[],
    );
    assert_eq!(o.status.code(), Some(78));
    assert!(stderr(&o).contains("6 mistake(s)"), "{}", stderr(&o));
}

#[test]
fn the_schema_prints_without_a_valid_config() {
    let home = tempfile::tempdir().unwrap();
    let o = run(
        home.path(),
        &["config", "schema", "--config", &corpus("syntax.toml")],
        &[],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert!(v["properties"]["views"].is_object());
    assert!(
        v["$defs"]["Profile"]["properties"]["poll_interval_secs"].is_object(),
        "{v:#}"
    );
}

#[test]
fn completions_and_the_man_page() {
    let home = tempfile::tempdir().unwrap();
    for shell in ["bash", "zsh", "fish"] {
        let o = run(home.path(), &["completions", shell], &[]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        assert!(stdout(&o).contains("handoff"), "{shell}");
    }
    let o = run(home.path(), &["completions", "tcsh"], &[]);
    assert_eq!(o.status.code(), Some(2));
    let o = run(home.path(), &["man"], &[]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains(".TH mde-triage 1"));
}

#[test]
fn an_unknown_view_is_a_usage_error_listing_the_views() {
    let home = tempfile::tempdir().unwrap();
    let o = run(home.path(), &["--view", "resolvd-today"], &[]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let e = stderr(&o);
    assert!(
        e.contains("did you mean resolved-today?") && e.contains("mine, unassigned, new-high"),
        "{e}"
    );
}

fn alert(id: &str, title: &str, severity: Severity, age_min: i64) -> Alert {
    let mut a = Alert::new(id, title);
    a.severity = severity;
    let t = Timestamp(Timestamp::now().0 - TimeDelta::minutes(age_min));
    a.alert_creation_time = Some(t);
    a.last_update_time = Some(t);
    a
}

/// The report's section, from its heading to the next `## `.
fn section<'a>(report: &'a str, heading: &str) -> &'a str {
    let start = report
        .find(heading)
        .unwrap_or_else(|| panic!("no {heading} in\n{report}"));
    let rest = &report[start + heading.len()..];
    &rest[..rest.find("\n## ").unwrap_or(rest.len())]
}

#[test]
fn a_scripted_shift_reads_back_through_audit_and_handoff() {
    let mut old_resolved = alert("old-res", "Old and resolved", Severity::High, 3 * 24 * 60);
    old_resolved.status = Status::Resolved;
    let svc = Service::start(vec![
        alert("h-wait", "Ransomware staging", Severity::High, 120),
        alert("h-done", "Credential dumping", Severity::High, 90),
        alert("m-work", "Suspicious PowerShell", Severity::Medium, 60),
        alert("l-old", "Old low alert", Severity::Low, 2 * 24 * 60),
        alert(
            "evil",
            "[click](http://evil.example) <b>bold</b> | # head",
            Severity::Medium,
            30,
        ),
        old_resolved,
    ]);
    let home = tempfile::tempdir().unwrap();
    let ok = |args: &[&str]| {
        let o = svc.run(home.path(), args);
        assert_eq!(o.status.code(), Some(0), "{args:?}: {}", stderr(&o));
        o
    };
    ok(&[
        "alerts",
        "update",
        "m-work",
        "--status",
        "InProgress",
        "--assign",
        "me",
        "--comment",
        "on it",
    ]);
    ok(&[
        "alerts",
        "update",
        "h-done",
        "--status",
        "Resolved",
        "--assign",
        "me",
        "--classification",
        "TruePositive",
        "--determination",
        "Malware",
        "--comment",
        "contained\n# not a heading",
    ]);

    // The audit log: each write with its change and result.
    let audit = stdout(&ok(&["audit", "--since", "1h"]));
    let queued: Vec<&str> = audit.lines().filter(|l| l.contains("queue")).collect();
    assert_eq!(queued.len(), 2, "{audit}");
    assert!(
        queued
            .iter()
            .all(|l| l.contains("done") && l.contains("me@contoso.example")),
        "{audit}"
    );
    assert!(
        audit.contains("status → InProgress, assigned → me@contoso.example, comment \"on it\""),
        "{audit}"
    );
    let json = stdout(&ok(&["audit", "--since", "1h", "--json"]));
    let entries: Vec<serde_json::Value> = json
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let first = entries.iter().find(|e| e["kind"] == "queue").unwrap();
    assert_eq!(first["subjects"][0], "m-work");
    assert_eq!(first["result"], "done");

    // The handoff, section by section.
    let out = home.path().join("handoff.md");
    ok(&["handoff", "--since", "12h", "--out", out.to_str().unwrap()]);
    let report = std::fs::read_to_string(&out).unwrap();
    for h in mde_ops::handoff::SECTIONS {
        assert!(report.contains(h), "{h} missing");
    }
    let summary = section(&report, "## Summary");
    assert!(
        summary.contains("- Alerts that arrived: 4 (High 2, Medium 2, Low 0, Informational 0)"),
        "{summary}"
    );
    assert!(
        summary.contains("- Triaged: 2 (me\\@contoso\\.example 2)"),
        "{summary}"
    );
    assert!(
        summary.contains("- Changes sent from this console: 2"),
        "{summary}"
    );
    assert!(summary.contains("- Comments written: 2"), "{summary}");
    let breaches = section(&report, "## SLA breaches");
    assert!(
        breaches.contains("h\\-wait") && breaches.contains("first touch"),
        "{breaches}"
    );
    assert!(
        !breaches.contains("m\\-work") && !breaches.contains("h\\-done"),
        "touched or resolved: {breaches}"
    );
    assert!(
        breaches.contains("l\\-old"),
        "a Low alert two days untouched is past 8h: {breaches}"
    );
    let open = section(&report, "## Open High and Medium alerts");
    assert!(
        open.contains("h\\-wait") && open.contains("m\\-work") && open.contains("evil"),
        "{open}"
    );
    assert!(
        !open.contains("h\\-done") && !open.contains("l\\-old"),
        "{open}"
    );
    let unassigned = section(&report, "## Unassigned open alerts");
    assert!(
        unassigned.contains("h\\-wait") && unassigned.contains("l\\-old"),
        "{unassigned}"
    );
    assert!(!unassigned.contains("m\\-work"), "{unassigned}");
    let arrived = section(&report, "## Alerts that arrived");
    assert!(
        arrived.contains("h\\-done")
            && !arrived.contains("l\\-old")
            && !arrived.contains("old\\-res"),
        "{arrived}"
    );
    let triaged = section(&report, "## Triaged during the shift");
    assert!(
        triaged.contains("TruePositive") && triaged.contains("Malware"),
        "{triaged}"
    );
    let sent = &triaged[triaged.find("### Sent from this console").unwrap()..];
    assert_eq!(
        sent.lines().filter(|l| l.contains("| done |")).count(),
        2,
        "{sent}"
    );
    assert!(section(&report, "## Response actions").contains("_None._"));
    let comments = section(&report, "## Comments written");
    assert!(
        comments.contains("> on it") && comments.contains("> \\# not a heading"),
        "{comments}"
    );
    // The hostile title is inert: no link, no HTML, no cell break, no heading.
    assert!(
        report.contains(
            "\\[click\\]\\(http\\:\\/\\/evil\\.example\\) \\<b\\>bold\\<\\/b\\> \\| \\# head"
        ),
        "{report}"
    );
    assert!(!report.contains("<b>") && !report.contains("](http"));
    // Without --out it goes to stdout; the file is not overwritten by the console's `:handoff`.
    assert!(stdout(&ok(&["handoff", "--since", "12h"])).starts_with("# Shift handoff: default"));
}
