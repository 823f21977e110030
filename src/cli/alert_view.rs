//! `alerts get ID` as text: the sections of the console's detail pane (properties, device and
//! user, times in UTC with ages, MITRE names, description), the evidence as the console's tree
//! (`mde_console`'s own builder), and the comments. Every value from the service is made safe
//! for the sink; long single-line values are cut to the width on a terminal.

use super::output::Sink;
use mde_console::app::detail::evidence::EvidenceTree;
use mde_console::ui::{clock, detail::mitre::technique_line, theme::Theme, wrap};
use mde_model::{Alert, Timestamp};
use mde_text::{sanitize_multiline, truncate, warning};
use std::io::{self, Write};

/// Width of the label column, as in the detail pane.
const LABEL: usize = 17;

/// Writes the alert's sections; `cols` is the screen width (long values are cut to it on a
/// terminal, kept whole into a pipe).
pub fn write_alert_text(
    out: &mut impl Write,
    a: &Alert,
    sink: Sink,
    cols: usize,
    now: Timestamp,
) -> io::Result<()> {
    let v = View { sink, cols, now };
    writeln!(out, "{}", v.one_line(&a.title, cols))?;
    for (what, raw) in [
        ("Title", Some(a.title.as_str())),
        ("Device", a.computer_dns_name.as_deref()),
        ("User", a.user_display().as_deref()),
        ("Assigned to", a.assigned_to.as_deref()),
        ("Category", a.category.as_deref()),
        ("Threat", a.threat_name.as_deref()),
    ] {
        if let Some(w) = raw.and_then(warning) {
            writeln!(out, "! {what}: {}", v.one_line(&w, cols.saturating_sub(4)))?;
        }
    }
    let investigation = match (a.investigation_id, &a.investigation_state) {
        (None, None) => None,
        (id, st) => Some(format!(
            "{}{}",
            id.map_or("-".to_string(), |i| i.to_string()),
            st.as_ref().map_or(String::new(), |s| format!(" ({s})"))
        )),
    };
    v.fields(
        out,
        &[
            ("Id", Some(a.id.clone())),
            ("Severity", Some(a.severity.to_string())),
            ("Status", Some(a.status.to_string())),
            (
                "Classification",
                a.classification.as_ref().map(|c| c.label().to_string()),
            ),
            (
                "Determination",
                a.determination.as_ref().map(|d| d.label().to_string()),
            ),
            ("Assigned to", a.assigned_to.clone()),
            ("Category", a.category.clone()),
            ("Detection source", a.detection_source.clone()),
            ("Threat family", a.threat_family_name.clone()),
            ("Threat name", a.threat_name.clone()),
            ("Detector id", a.detector_id.clone()),
            ("Incident", a.incident_id.map(|i| i.to_string())),
            ("Investigation", investigation),
        ],
    )?;
    heading(out, "Device and user")?;
    let logged: Vec<String> = a
        .logged_on_users
        .iter()
        .map(|u| match (&u.domain_name, &u.account_name) {
            (Some(d), Some(n)) => format!("{d}\\{n}"),
            (_, Some(n)) => n.clone(),
            _ => "?".to_string(),
        })
        .collect();
    v.fields(
        out,
        &[
            ("Device", a.computer_dns_name.clone()),
            ("Machine id", a.machine_id.clone()),
            ("Device group", a.rbac_group_name.clone()),
            ("Tenant", a.aad_tenant_id.clone()),
            ("User", a.user_display()),
            ("Logged on", (!logged.is_empty()).then(|| logged.join(", "))),
        ],
    )?;
    heading(out, "Times (UTC)")?;
    let time = |t: Option<Timestamp>| t.map(|t| clock::absolute_with_age(now, t, None));
    v.fields(
        out,
        &[
            ("Created", time(a.alert_creation_time)),
            ("First event", time(a.first_event_time)),
            ("Last event", time(a.last_event_time)),
            ("Updated", time(a.last_update_time)),
            ("Resolved", time(a.resolved_time)),
        ],
    )?;
    heading(out, "MITRE ATT&CK")?;
    if a.mitre_techniques.is_empty() {
        writeln!(out, "  none")?;
    }
    // The console's own line (id, name, tactics, revoked → replacement), as plain text.
    let theme = Theme::no_color();
    for id in &a.mitre_techniques {
        let line = technique_line(id, v.cols.max(40), &theme);
        let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
        writeln!(out, "{}", text.trim_end())?;
    }
    heading(out, "Description")?;
    match a.description.as_deref().filter(|d| !d.trim().is_empty()) {
        Some(d) => v.block(out, d, 2)?,
        None => writeln!(out, "  -")?,
    }
    write_evidence(out, a, &v)?;
    write_comments(out, a, &v)
}

/// The evidence tree the console builds, one indented line per node.
fn write_evidence(out: &mut impl Write, a: &Alert, v: &View) -> io::Result<()> {
    heading(out, &format!("Evidence ({})", a.evidence.len()))?;
    if a.evidence.is_empty() {
        return writeln!(out, "  none");
    }
    let tree = EvidenceTree::build(a);
    for node in &tree.nodes {
        let indent = 2 + 2 * usize::from(node.depth);
        let status = node
            .detection_status
            .as_ref()
            .map(|s| format!("  [{s}]"))
            .unwrap_or_default();
        let room = v.cols.saturating_sub(indent + status.len()).max(16);
        writeln!(
            out,
            "{:indent$}{}{status}",
            "",
            v.one_line(&node.label, room)
        )?;
    }
    Ok(())
}

fn write_comments(out: &mut impl Write, a: &Alert, v: &View) -> io::Result<()> {
    heading(out, &format!("Comments ({})", a.comments.len()))?;
    if a.comments.is_empty() {
        return writeln!(out, "  none");
    }
    for c in &a.comments {
        let when = c
            .created_time
            .map(|t| clock::absolute_with_age(v.now, t, None))
            .unwrap_or_else(|| "-".into());
        let who = c.created_by.as_deref().unwrap_or("-");
        writeln!(
            out,
            "  {when}  {}",
            v.one_line(who, v.cols.saturating_sub(4))
        )?;
        v.block(out, &c.comment, 4)?;
    }
    Ok(())
}

fn heading(out: &mut impl Write, text: &str) -> io::Result<()> {
    writeln!(out)?;
    writeln!(out, "{text}")
}

/// Where the text goes and how wide it may be.
struct View {
    sink: Sink,
    cols: usize,
    now: Timestamp,
}

impl View {
    /// One line, safe for the sink; cut to `max` with `…` on a terminal.
    fn one_line(&self, raw: &str, max: usize) -> String {
        let safe = self.sink.field(raw);
        match self.sink {
            Sink::Terminal => truncate(&safe, max.max(8)).into_owned(),
            Sink::Pipe => safe.into_owned(),
        }
    }

    /// `Label            value` lines; `-` for a value the alert does not have.
    fn fields(&self, out: &mut impl Write, rows: &[(&str, Option<String>)]) -> io::Result<()> {
        for (label, value) in rows {
            let value = match value.as_deref().filter(|s| !s.is_empty()) {
                Some(s) => self.one_line(s, self.cols.saturating_sub(LABEL)),
                None => "-".to_string(),
            };
            writeln!(out, "{label:<LABEL$}{value}")?;
        }
        Ok(())
    }

    /// Multi-line text, sanitised (line breaks kept), wrapped to the width and indented.
    fn block(&self, out: &mut impl Write, raw: &str, indent: usize) -> io::Result<()> {
        let safe = sanitize_multiline(raw).text;
        let room = match self.sink {
            Sink::Terminal => self.cols.saturating_sub(indent).max(20),
            Sink::Pipe => usize::MAX,
        };
        for row in wrap::rows(safe.trim_end(), room) {
            writeln!(out, "{:indent$}{}", "", row.text.trim_end())?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use mde_model::parse_alert;

    fn text(a: &Alert, sink: Sink, cols: usize) -> String {
        let mut v = Vec::new();
        let now = Timestamp::parse("2024-05-02T12:00:00Z").unwrap();
        write_alert_text(&mut v, a, sink, cols, now).unwrap();
        String::from_utf8(v).unwrap()
    }

    #[test]
    fn the_documentation_example_shows_every_section() {
        let a = parse_alert(mde_testkit::fixtures::GET_ALERT).unwrap().alert;
        let t = text(&a, Sink::Terminal, 100);
        for section in [
            "Device and user",
            "Times (UTC)",
            "MITRE ATT&CK",
            "Description",
            "Evidence (",
            "Comments (",
        ] {
            assert!(t.lines().any(|l| l.starts_with(section)), "{section}: {t}");
        }
        assert!(t.contains(&a.id), "{t}");
        if let Some(t0) = a.alert_creation_time {
            assert!(
                t.contains(&t0.0.format("%Y-%m-%d %H:%M:%S UTC").to_string()),
                "{t}"
            );
        }
        assert!(t.contains(" ago)"), "ages: {t}");
        for l in t.lines() {
            assert!(mde_text::width::width(l) <= 100, "{l}");
        }
    }

    #[test]
    fn evidence_is_the_consoles_tree_indented() {
        let a = parse_alert(
            r#"{"id":"da1","title":"t","relatedUser":{"userName":"jdoe","domainName":"CONTOSO"},
            "mitreTechniques":["T1059.001"],
            "evidence":[
              {"entityType":"Process","processId":10,"fileName":"cmd.exe","processCommandLine":"cmd /c x.ps1",
               "processCreationTime":"2024-05-01T10:00:00Z","detectionStatus":"Detected"},
              {"entityType":"Process","processId":11,"fileName":"powershell.exe","parentProcessId":10,
               "parentProcessCreationTime":"2024-05-01T10:00:00Z","processCommandLine":"powershell -f x.ps1"},
              {"entityType":"File","fileName":"x.ps1","filePath":"C:\\tmp"},
              {"entityType":"Ip","ipAddress":"203.0.113.9"}],
            "comments":[{"comment":"line one\nline \u001b[31mtwo","createdBy":"a@b","createdTime":"2024-05-02T11:00:00Z"}]}"#,
        )
        .unwrap()
        .alert;
        let t = text(&a, Sink::Terminal, 120);
        let tree: Vec<&str> = t
            .lines()
            .skip_while(|l| !l.starts_with("Evidence (4)"))
            .skip(1)
            .take_while(|l| !l.is_empty())
            .collect();
        assert_eq!(tree[0], "  CONTOSO\\jdoe", "{t}");
        assert!(
            tree[1].starts_with("    cmd.exe (pid 10)") && tree[1].ends_with("[Detected]"),
            "{t}"
        );
        assert!(
            tree.iter()
                .any(|l| l.starts_with("      powershell.exe (pid 11)")),
            "{t}"
        );
        assert!(tree.iter().any(|l| l.trim() == "C:\\tmp\\x.ps1"), "{t}");
        assert!(tree.iter().any(|l| l.trim() == "203.0.113.9"), "{t}");
        assert!(t.contains("PowerShell"), "MITRE name: {t}");
        assert!(t.contains("    line one\n"), "{t}");
        assert!(!t.contains('\u{1b}'), "{t:?}");
        assert!(t.contains("(1h ago)"), "{t}");
    }
}
