//! The corpus of invalid config files (`tests/config_corpus/*.toml`): each must fail with
//! exactly the text of its `.expected` file. `MDE_TRIAGE_BLESS=1` rewrites the expected files
//! (review the diff: the text is the user's only guide).

use super::check_text;
use std::path::Path;

#[test]
fn every_invalid_file_of_the_corpus_reports_its_expected_mistakes() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/config_corpus");
    let bless = std::env::var_os("MDE_TRIAGE_BLESS").is_some();
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    assert!(files.len() >= 9, "{files:?}");
    let mut failures = Vec::new();
    for file in files {
        let name = file.file_name().unwrap().to_string_lossy().to_string();
        let text = std::fs::read_to_string(&file).unwrap();
        let got = match check_text(&text, &name) {
            Ok(_) => format!("{name}: accepted, but every corpus file is invalid"),
            Err(report) => report.to_string(),
        };
        let expected_path = file.with_extension("expected");
        if bless {
            std::fs::write(&expected_path, format!("{got}\n")).unwrap();
            continue;
        }
        let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
        if expected.trim_end() != got {
            failures.push(format!(
                "--- {name}: expected\n{}\n--- got\n{got}",
                expected.trim_end()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn a_valid_file_with_every_section_passes() {
    let text = r##"
        default_profile = "prod"
        default_view = "triage"
        time_zone = "Europe/London"

        [keys]
        assign-me = "m"
        reverse-sort = ["ctrl-s"]
        [keys.viewer]
        next-match = ["n", "ctrl-n"]

        [theme]
        sev_high = "light_red"
        border_focused = { fg = "#66aaff", bold = true }

        [views.triage]
        filter = "sev:high,medium !status:resolved"
        sort = "created asc"
        description = "The queue"
        [views.week]
        filter = "status:resolved"
        updated_within = "7d"

        [sla]
        high = "15m"
        medium = { first_touch = "1h", resolve = "24h" }
        low = "none"
        near = 0.8

        [notify]
        bell = true
        desktop = "osc777"
        min_severity = "medium"

        [profiles.prod]
        tenant_id = "t"
        time_zone = "+05:30"
        default_view = "mine"
        sla = { high = { resolve = "4h" } }
        theme = { border = "red" }
    "##;
    let c = check_text(text, "ok.toml").unwrap_or_else(|r| panic!("{r}"));
    assert_eq!(c.default_view.as_deref(), Some("triage"));
    assert_eq!(c.views.len(), 2);
    assert!(c.profiles["prod"].sla.is_some());
}

#[test]
fn the_report_names_file_line_column_and_key() {
    let r = check_text(
        "[profiles.p]\npoll_intervall_secs = 5\n",
        "/etc/mde/config.toml",
    )
    .unwrap_err();
    assert_eq!(
        r.to_string(),
        "/etc/mde/config.toml:2:1: profiles.p.poll_intervall_secs: unknown key \"poll_intervall_secs\" (did you mean \"poll_interval_secs\"?)"
    );
}
