//! Screen snapshots of every pane, dialog and the help at 80×24 and 160×48, rendered from a
//! deterministic state (fixed clock, handcrafted alerts) into a `TestBackend`, plus explicit
//! style assertions that text snapshots cannot see (severity colour, selection, NO_COLOR) and
//! the too-small and hostile-text cases.

use mde_triage::app::chrome::{Level, Toast};
use mde_triage::app::detail::evidence::EvidenceTree;
use mde_triage::app::detail::{DetailLoad, DetailState};
use mde_triage::app::dialogs::Dialog;
use mde_triage::app::dialogs::confirm::Confirm;
use mde_triage::app::dialogs::conflict::ConflictPrompt;
use mde_triage::app::dialogs::editor::Editor;
use mde_triage::app::dialogs::help::Help;
use mde_triage::app::dialogs::line_input::LineInput;
use mde_triage::app::dialogs::menu::{Menu, MenuItem, MenuValue};
use mde_triage::app::dialogs::prompt::{Input, InputKind};
use mde_triage::app::dialogs::viewer::Viewer;
use mde_triage::app::list::filter::Query;
use mde_triage::app::list::sort::SortKey;
use mde_triage::app::triage::Pending;
use mde_triage::app::{AppConfig, Pane, State, TimeMode};
use mde_triage::model::protocol::{AlertDetail, SyncStatus, TriageChange, TriageWrite};
use mde_triage::model::{
    Alert, AlertRow, Classification, Comment, DetectionStatus, Determination, EntityType, Evidence,
    RelatedUser, Severity, Status, Timestamp,
};
use mde_triage::ui::{self, theme::Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};
use ratatui_textarea::TextArea;

// ---------------------------------------------------------------- fixture

fn ts(s: &str) -> Timestamp {
    Timestamp::parse(s).unwrap()
}

fn now() -> Timestamp {
    ts("2026-11-26T12:00:00Z")
}

fn ago(mins: i64) -> Timestamp {
    Timestamp(now().0 - chrono::Duration::minutes(mins))
}

/// A long encoded PowerShell command line (about 12,000 characters).
fn long_command_line() -> String {
    format!(
        "powershell.exe -nop -w hidden -enc {}",
        "SQBFAFgAIAAoAE4AZQB3AC0ATwBiAGoAZQBjAHQAIABOAGUAdAAuAFcAZQBiAEMAbABpAGUAbgB0ACkA"
            .repeat(150)
    )
}

fn evidence(t: EntityType) -> Evidence {
    Evidence::empty(t)
}

/// The alert the detail pane opens: a process chain, file, IP, URL, registry value, comments.
fn opened_alert() -> Alert {
    let mut a = Alert::new(
        "da638123456789012345_-1234567890",
        "Suspicious PowerShell command line",
    );
    a.severity = Severity::High;
    a.status = Status::New;
    a.incident_id = Some(101);
    a.investigation_id = Some(7001);
    a.category = Some("Execution".into());
    a.detection_source = Some("WindowsDefenderAtp".into());
    a.detector_id = Some("7f1c3a9e-2b1d-4c55-9a0e-3d2f1b6c8e01".into());
    a.computer_dns_name = Some("ws-fin-014.corp.contoso.com".into());
    a.machine_id = Some("4b1e3f9a0c2d8e7f6a5b4c3d2e1f0a9b8c7d6e5f".into());
    a.rbac_group_name = Some("Finance workstations".into());
    a.aad_tenant_id = Some("9a7c1e2f-0000-4d3b-8e6f-1234567890ab".into());
    a.related_user = Some(RelatedUser {
        user_name: Some("jdoe".into()),
        domain_name: Some("CONTOSO".into()),
    });
    a.mitre_techniques = vec!["T1059.001".into(), "T1085".into()];
    a.description = Some(
        "A PowerShell process ran an encoded command that downloads and runs a payload.\n\
         Review the command line and the files it touched."
            .into(),
    );
    a.alert_creation_time = Some(ago(3));
    a.first_event_time = Some(ago(9));
    a.last_event_time = Some(ago(4));
    a.last_update_time = Some(ago(2));
    a.comments = vec![
        Comment {
            comment: "Looks like the phishing wave from yesterday.".into(),
            created_by: Some("alice.analyst@contoso.com".into()),
            created_time: Some(ago(2)),
        },
        Comment {
            comment: "Device isolated.\nWaiting for the user's callback.".into(),
            created_by: Some("bob.oncall@contoso.com".into()),
            created_time: Some(ago(1)),
        },
    ];
    let mut user = evidence(EntityType::User);
    user.account_name = Some("jdoe".into());
    user.domain_name = Some("CONTOSO".into());
    user.user_principal_name = Some("jdoe@contoso.com".into());
    let mut cmd = evidence(EntityType::Process);
    cmd.file_name = Some("cmd.exe".into());
    cmd.file_path = Some("C:\\Windows\\System32".into());
    cmd.process_id = Some(1000);
    cmd.process_creation_time = Some(ago(9));
    cmd.process_command_line = Some("cmd.exe /c start invoice.lnk".into());
    cmd.parent_process_id = Some(500);
    cmd.parent_process_creation_time = Some(ago(600));
    cmd.parent_process_file_name = Some("explorer.exe".into());
    cmd.detection_status = Some(DetectionStatus::Detected);
    let mut ps = evidence(EntityType::Process);
    ps.file_name = Some("powershell.exe".into());
    ps.file_path = Some("C:\\Windows\\System32\\WindowsPowerShell\\v1.0".into());
    ps.process_id = Some(2000);
    ps.process_creation_time = Some(ago(8));
    ps.process_command_line = Some(long_command_line());
    ps.parent_process_id = Some(1000);
    ps.parent_process_creation_time = Some(ago(9));
    ps.parent_process_file_name = Some("cmd.exe".into());
    ps.detection_status = Some(DetectionStatus::Detected);
    let mut file = evidence(EntityType::File);
    file.file_name = Some("payload.dll".into());
    file.file_path = Some("C:\\Users\\jdoe\\AppData\\Local\\Temp".into());
    file.sha256 = Some("a".repeat(64));
    file.detection_status = Some(DetectionStatus::Blocked);
    let mut ip = evidence(EntityType::Ip);
    ip.ip_address = Some("203.0.113.7".into());
    let mut url = evidence(EntityType::Url);
    url.url = Some("http://evil.example.com/stage2".into());
    let mut reg = evidence(EntityType::Registry);
    reg.registry_hive = Some("HKEY_CURRENT_USER".into());
    reg.registry_key = Some("Software\\Microsoft\\Windows\\CurrentVersion\\Run".into());
    reg.registry_value_name = Some("Updater".into());
    reg.registry_value = Some("C:\\Users\\jdoe\\AppData\\Local\\Temp\\payload.exe".into());
    a.evidence = vec![user, cmd, ps, file, ip, url, reg];
    a
}

/// Handcrafted list rows: every severity and status, a hostile title, CJK, an owner, an
/// unassigned one, a new arrival.
fn rows() -> Vec<AlertRow> {
    let mut out = vec![AlertRow::from_alert(&opened_alert())];
    let mk = |id: &str,
              sev: Severity,
              status: Status,
              title: &str,
              device: &str,
              owner: Option<&str>,
              cat: &str,
              incident: i64,
              mins: i64| {
        let mut a = Alert::new(id, title);
        a.severity = sev;
        a.status = status;
        a.computer_dns_name = Some(device.into());
        a.assigned_to = owner.map(Into::into);
        a.category = Some(cat.into());
        a.incident_id = Some(incident);
        a.related_user = Some(RelatedUser {
            user_name: Some("svc-backup".into()),
            domain_name: Some("CONTOSO".into()),
        });
        a.alert_creation_time = Some(ago(mins));
        a.last_update_time = Some(ago(mins));
        AlertRow::from_alert(&a)
    };
    out.push(mk(
        "da000000000000000002",
        Severity::High,
        Status::InProgress,
        "'Mimikatz' credential theft tool",
        "srv-dc-01.corp.contoso.com",
        Some("alice.analyst@contoso.com"),
        "CredentialAccess",
        102,
        120,
    ));
    out.push(mk(
        "da000000000000000003",
        Severity::Medium,
        Status::New,
        "Ransomware behavior detected in the file system",
        "ws-hr-003.corp.contoso.com",
        None,
        "Ransomware",
        103,
        300,
    ));
    let mut resolved = mk(
        "da000000000000000004",
        Severity::Medium,
        Status::Resolved,
        "Suspicious file dropped by Office application",
        "ws-mkt-022.corp.contoso.com",
        Some("bob.oncall@contoso.com"),
        "InitialAccess",
        104,
        1_440,
    );
    resolved.classification = Some(Classification::TruePositive);
    resolved.determination = Some(Determination::Malware);
    out.push(resolved);
    out.push(mk(
        "da000000000000000005",
        Severity::Low,
        Status::New,
        "Suspicious Run key persistence",
        "ws-eng-101.corp.contoso.com",
        None,
        "Persistence",
        105,
        2_880,
    ));
    out.push(mk(
        "da000000000000000006",
        Severity::Informational,
        Status::Resolved,
        "Windows Defender AV detected 'EICAR_Test_File'",
        "ws-it-007.corp.contoso.com",
        Some("API Action"),
        "Malware",
        106,
        7_200,
    ));
    out.push(mk(
        "da000000000000000007",
        Severity::Medium,
        Status::New,
        "invoice\u{202e}fdp.exe opened from mail \u{1b}]52;c;ZXZpbA==\u{7}\u{1b}[2J",
        "ws-\u{200b}sales-01.corp.contoso.com",
        None,
        "InitialAccess",
        107,
        10,
    ));
    out.push(mk(
        "da000000000000000008",
        Severity::Low,
        Status::InProgress,
        "可疑的 PowerShell 活动 检测到 🚨",
        "ws-cn-008.corp.contoso.com",
        Some("alice.analyst@contoso.com"),
        "Execution",
        108,
        30,
    ));
    out.push(mk(
        "da000000000000000009",
        Severity::UnSpecified,
        Status::Unknown,
        "Custom detection: beacon to rare domain",
        "srv-web-02.corp.contoso.com",
        None,
        "CommandAndControl",
        109,
        10_080,
    ));
    out.push(mk(
        "da000000000000000010",
        Severity::High,
        Status::New,
        "Lateral movement using PsExec",
        "srv-file-01.corp.contoso.com",
        None,
        "LateralMovement",
        110,
        60,
    ));
    out
}

/// The list with the first alert selected, one marked, one pending, one new; no alert open.
fn list_state() -> State {
    let mut cfg = AppConfig::new("analyst@contoso.com");
    cfg.profile = "demo".into();
    cfg.tenant = "contoso".into();
    let mut s = State::new(cfg);
    for r in rows() {
        s.list.rows.upsert(r);
    }
    s.list.rows.resort(&s.list.sort);
    s.list
        .rows
        .refilter(&Query::default(), "analyst@contoso.com");
    s.list.loaded = true;
    s.now = Some(now());
    s.list.selected = Some(s.list.rows.at(0).unwrap().id.clone());
    s.list.cursor = 0;
    s.list.marks.toggle("da000000000000000003");
    s.list.new_ids.insert("da000000000000000010".into());
    s.triage.pending.push(Pending {
        req: 9,
        outbox_id: Some(1),
        change: TriageChange {
            status: Some(Status::InProgress),
            ..TriageChange::default()
        },
        before: vec![s.list.rows.get("da000000000000000005").unwrap().clone()],
    });
    s.connection.status = SyncStatus {
        last_sync: Some(ago(1)),
        next_poll: Some(Timestamp(now().0 + chrono::Duration::seconds(40))),
        budget_left: 87,
        budget_per_minute: 100,
        outbox_pending: 1,
        outbox_failed: 0,
        paused: false,
        error: None,
    };
    s
}

/// The list plus the first alert opened, focus on `focus`.
fn detail_state(focus: Pane) -> State {
    let mut s = list_state();
    let alert = opened_alert();
    let tree = EvidenceTree::build(&alert);
    s.detail = Some(DetailState {
        alert_id: alert.id.clone(),
        req: 1,
        load: DetailLoad::Loaded(Box::new(AlertDetail {
            raw: serde_json::to_string(&alert).unwrap(),
            alert,
            draft: Some("Draft: ask the user about".into()),
        })),
        tree,
        scroll: 0,
        comments_scroll: 0,
    });
    s.focus = focus;
    s
}

fn with_dialog(mut s: State, d: Dialog) -> State {
    s.dialogs.push(d);
    s
}

fn menu(title: &str, items: Vec<(&str, Option<char>, MenuValue)>, selected: usize) -> Dialog {
    Dialog::Menu(Menu {
        title: title.into(),
        items: items
            .into_iter()
            .map(|(l, k, v)| MenuItem {
                label: l.into(),
                hotkey: k,
                value: v,
            })
            .collect(),
        selected,
    })
}

fn input(kind: InputKind, text: &str, suggestions: &[&str]) -> Dialog {
    Dialog::Input(Input {
        kind,
        line: LineInput::new(text),
        original: String::new(),
        suggestions: suggestions.iter().map(|s| s.to_string()).collect(),
        selected: 0,
    })
}

// ---------------------------------------------------------------- helpers

fn draw(state: &State, w: u16, h: u16, theme: &Theme) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| ui::render_with(f, state, theme)).unwrap();
    t
}

/// Snapshots `state` at 80×24 and 160×48 under `name`.
fn snap(name: &str, state: &State) {
    for (w, h) in [(80, 24), (160, 48)] {
        let t = draw(state, w, h, &Theme::full());
        assert_no_controls(t.backend().buffer());
        let mut settings = insta::Settings::clone_current();
        settings.set_snapshot_suffix(format!("{w}x{h}"));
        // Nothing in the fixture depends on the wall clock; this filter only guards against a
        // real build id or version string ever reaching the screen.
        settings.add_filter(r"v\d+\.\d+\.\d+", "vX.Y.Z");
        settings.bind(|| insta::assert_snapshot!(name, t.backend()));
    }
}

fn text_of(buf: &Buffer) -> String {
    let mut s = String::new();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            s.push_str(buf[(x, y)].symbol());
        }
        s.push('\n');
    }
    s
}

/// No C0/C1 control character or DEL reaches a cell.
fn assert_no_controls(buf: &Buffer) {
    for cell in buf.content() {
        assert!(
            !cell.symbol().chars().any(char::is_control),
            "cell holds {:?}",
            cell.symbol()
        );
    }
}

/// No control character and no bidi or invisible character from the data reaches a cell.
fn assert_clean(buf: &Buffer) {
    for cell in buf.content() {
        for c in cell.symbol().chars() {
            let bad = c.is_control()
                || ('\u{202a}'..='\u{202e}').contains(&c)
                || ('\u{2066}'..='\u{2069}').contains(&c)
                || ('\u{200b}'..='\u{200f}').contains(&c)
                || c == '\u{feff}';
            assert!(!bad, "cell holds {:?}", c);
        }
    }
}

/// The (x, y) of the first occurrence of `needle` on a row of the buffer. The cell after a
/// wide character is a placeholder and is skipped, as a terminal does.
fn find(buf: &Buffer, needle: &str) -> Option<(u16, u16)> {
    for y in 0..buf.area.height {
        let mut line = String::new();
        let mut xs = Vec::new();
        let mut x = 0;
        while x < buf.area.width {
            let sym = buf[(x, y)].symbol();
            for _ in sym.chars() {
                xs.push(x);
            }
            line.push_str(sym);
            x += u16::try_from(unicode_width::UnicodeWidthStr::width(sym).max(1)).unwrap();
        }
        if let Some(i) = line.find(needle) {
            let ci = line[..i].chars().count();
            return Some((xs[ci], y));
        }
    }
    None
}

// ---------------------------------------------------------------- panes

#[test]
fn list_pane() {
    snap("list", &list_state());
}

#[test]
fn list_empty_and_filtered_out() {
    let mut s = list_state();
    s.list.filter_text = "device:nomatch".into();
    s.list.query = Query::parse("device:nomatch").unwrap();
    s.list.rows.refilter(&s.list.query, "analyst@contoso.com");
    s.list.selected = None;
    snap("list_no_match", &s);
}

#[test]
fn detail_pane() {
    snap("detail", &detail_state(Pane::Detail));
}

#[test]
fn detail_in_local_time() {
    let mut s = detail_state(Pane::Detail);
    s.time_mode = TimeMode::Local(chrono::FixedOffset::east_opt(3_600).unwrap());
    s.zoom = Some(Pane::Detail);
    snap("detail_local_zoomed", &s);
}

#[test]
fn evidence_pane() {
    let mut s = detail_state(Pane::Evidence);
    if let Some(d) = s.detail.as_mut() {
        d.tree.move_by(2);
    }
    snap("evidence", &s);
}

#[test]
fn comments_pane() {
    snap("comments", &detail_state(Pane::Comments));
}

#[test]
fn status_bar_with_error_filter_and_message() {
    let mut s = list_state();
    s.connection.status.error = Some("connection refused".into());
    s.list.filter_text = "sev:high".into();
    s.list.query = Query::parse("sev:high").unwrap();
    s.list.rows.refilter(&s.list.query, "analyst@contoso.com");
    s.toasts.push(Toast {
        text: "Assigned 1 alert to analyst@contoso.com".into(),
        level: Level::Info,
        expires: None,
    });
    snap("status_offline_filtered", &s);
}

// ---------------------------------------------------------------- dialogs

#[test]
fn status_menu() {
    let items = Status::SETTABLE
        .iter()
        .zip(['n', 'i', 'r'])
        .map(|(st, k)| (st.as_str(), Some(k), MenuValue::Status(st.clone())))
        .collect();
    snap(
        "dialog_status",
        &with_dialog(detail_state(Pane::List), menu("Set status", items, 1)),
    );
}

#[test]
fn classify_dialog_then_determinations() {
    let items = Classification::SETTABLE
        .iter()
        .zip(['t', 'i', 'f'])
        .map(|(c, k)| (c.label(), Some(k), MenuValue::Classification(c.clone())))
        .collect();
    snap(
        "dialog_classify",
        &with_dialog(list_state(), menu("Classify", items, 0)),
    );
    let tp = Classification::TruePositive;
    let items = tp
        .determinations()
        .iter()
        .map(|d| {
            (
                d.label(),
                None,
                MenuValue::Determination(tp.clone(), d.clone()),
            )
        })
        .collect();
    snap(
        "dialog_determination",
        &with_dialog(list_state(), menu("True positive: determination", items, 3)),
    );
}

#[test]
fn sort_menu() {
    let items = SortKey::ALL
        .iter()
        .map(|k| (k.label(), None, MenuValue::Sort(*k)))
        .collect();
    snap(
        "dialog_sort",
        &with_dialog(list_state(), menu("Sort by", items, 0)),
    );
}

#[test]
fn yank_menu() {
    let items = vec![
        ("alert id", Some('i'), "da638123456789012345_-1234567890"),
        ("device", Some('d'), "ws-fin-014.corp.contoso.com"),
        ("SHA-256", Some('h'), "aaaaaaaa…"),
        (
            "command line",
            Some('c'),
            "powershell.exe -nop -w hidden -enc …",
        ),
        (
            "portal link",
            Some('l'),
            "https://security.microsoft.com/alerts/da6381",
        ),
    ]
    .into_iter()
    .map(|(what, k, text)| {
        (
            what,
            k,
            MenuValue::Yank {
                what: what.into(),
                text: text.into(),
            },
        )
    })
    .collect();
    snap(
        "dialog_yank",
        &with_dialog(detail_state(Pane::Evidence), menu("Copy", items, 0)),
    );
}

#[test]
fn assign_to_input() {
    snap(
        "dialog_assign",
        &with_dialog(
            list_state(),
            input(
                InputKind::AssignTo,
                "bob.on",
                &["bob.oncall@contoso.com", "alice.analyst@contoso.com"],
            ),
        ),
    );
}

#[test]
fn bulk_confirmation_shows_change_and_count() {
    let ids: Vec<String> = (1..=12).map(|i| format!("da{i:018}")).collect();
    let change = TriageChange {
        status: Some(Status::Resolved),
        classification: Some(Classification::FalsePositive),
        determination: Some(Determination::NotMalicious),
        ..TriageChange::default()
    };
    let c = Confirm {
        title: "Apply to 12 alerts?".into(),
        lines: vec![
            "status → Resolved".into(),
            "classification → False positive".into(),
            "determination → Not malicious".into(),
        ],
        count: 12,
        write: TriageWrite {
            alert_ids: ids,
            change,
            seen_last_update: Vec::new(),
        },
        yes_selected: false,
    };
    let s = with_dialog(list_state(), Dialog::Confirm(c));
    snap("dialog_bulk_confirm", &s);
    let t = draw(&s, 80, 24, &Theme::full());
    let text = text_of(t.backend().buffer());
    assert!(text.contains("12 alerts"), "{text}");
    assert!(text.contains("status → Resolved"), "{text}");
}

#[test]
fn conflict_dialog() {
    let mut server = rows()[1].clone();
    server.assigned_to = Some("carol.ir@contoso.com".into());
    server.last_update = Some(ago(1));
    let p = ConflictPrompt {
        outbox_id: 3,
        alert_id: server.id.clone(),
        server: Box::new(server),
        mine: Some(TriageChange {
            assigned_to: Some("analyst@contoso.com".into()),
            ..TriageChange::default()
        }),
        overwrite_selected: false,
    };
    snap(
        "dialog_conflict",
        &with_dialog(list_state(), Dialog::Conflict(p)),
    );
}

#[test]
fn filter_input_with_error() {
    let mut s = list_state();
    s.list.filter_text = "sevv:high".into();
    s.list.filter_error = Query::parse("sevv:high").err();
    snap(
        "dialog_filter",
        &with_dialog(s, input(InputKind::Filter, "sevv:high", &[])),
    );
}

#[test]
fn command_palette() {
    snap(
        "dialog_palette",
        &with_dialog(list_state(), input(InputKind::Palette, "as", &[])),
    );
}

#[test]
fn comment_editor() {
    let mut ta = TextArea::from(["Confirmed with the user:", "the invoice was a phish."]);
    ta.move_cursor(ratatui_textarea::CursorMove::Bottom);
    let e = Editor {
        alert_ids: vec!["da638123456789012345_-1234567890".into()],
        textarea: ta,
    };
    snap(
        "dialog_comment_editor",
        &with_dialog(detail_state(Pane::Comments), Dialog::Editor(Box::new(e))),
    );
}

#[test]
fn value_viewer_of_a_long_command_line() {
    let v = Viewer {
        title: "powershell.exe (2000): command line".into(),
        text: long_command_line(),
        scroll: 3,
        ..Default::default()
    };
    snap(
        "dialog_value_view",
        &with_dialog(detail_state(Pane::Evidence), Dialog::Viewer(v)),
    );
}

#[test]
fn value_viewer_shows_the_decoded_powershell_layer() {
    let v = Viewer {
        title: "powershell.exe (2000): command line".into(),
        text: long_command_line(),
        scroll: usize::MAX,
        ..Default::default()
    };
    let s = with_dialog(detail_state(Pane::Evidence), Dialog::Viewer(v));
    snap("dialog_value_view_decoded", &s);
    let t = draw(&s, 160, 48, &Theme::full());
    let text = text_of(t.backend().buffer());
    assert!(text.contains("layer 1"), "{text}");
    assert!(text.contains("IEX (New-Object Net.WebClient)"), "{text}");
}

#[test]
fn raw_json_viewer() {
    let a = opened_alert();
    let v = Viewer {
        title: "Raw JSON".into(),
        text: ui::raw_json::pretty(&serde_json::to_string(&a).unwrap()),
        scroll: 0,
        ..Default::default()
    };
    snap(
        "dialog_raw_json",
        &with_dialog(detail_state(Pane::Detail), Dialog::Viewer(v)),
    );
}

#[test]
fn help_overlay_full_and_filtered() {
    snap(
        "help",
        &with_dialog(list_state(), Dialog::Help(Help::default())),
    );
    let h = Help {
        filter: LineInput::new("mark"),
        scroll: 0,
    };
    snap("help_filtered", &with_dialog(list_state(), Dialog::Help(h)));
}

#[test]
fn quit_confirmation() {
    snap(
        "dialog_quit",
        &with_dialog(
            list_state(),
            Dialog::QuitConfirm {
                pending: 2,
                yes_selected: false,
            },
        ),
    );
}

#[test]
fn sign_in_prompt() {
    let mut s = list_state();
    s.connection.sign_in = Some((
        "https://microsoft.com/devicelogin".into(),
        "F7K2-QX9P".into(),
    ));
    snap("sign_in", &s);
}

// ---------------------------------------------------------------- style assertions

#[test]
fn high_severity_cell_has_the_high_colour_in_every_colour_theme() {
    for theme in [Theme::full(), Theme::ansi16()] {
        let t = draw(&list_state(), 160, 48, &theme);
        let buf = t.backend().buffer();
        // The Mimikatz row is High and not selected.
        let (_, y) = find(buf, "'Mimikatz'").expect("row shown");
        let (x, _) = (0..buf.area.width)
            .map(|x| (x, y))
            .find(|&(x, y)| buf[(x, y)].symbol() == "H" && buf[(x + 1, y)].symbol() == "i")
            .expect("severity word on the row");
        assert_eq!(buf[(x, y)].fg, theme.sev_high.fg.unwrap());
        // A Low row's severity cell is tinted differently.
        let (_, ly) = find(buf, "Suspicious Run key").expect("low row");
        let (lx, _) = find(buf, "Low ")
            .filter(|&(_, y)| y == ly)
            .unwrap_or_else(|| {
                let x = (0..buf.area.width)
                    .find(|&x| buf[(x, ly)].symbol() == "L")
                    .unwrap();
                (x, ly)
            });
        assert_eq!(buf[(lx, ly)].fg, theme.sev_low.fg.unwrap());
    }
}

#[test]
fn selected_row_has_the_selection_style() {
    let theme = Theme::full();
    let t = draw(&list_state(), 160, 48, &theme);
    let buf = t.backend().buffer();
    let (_, y) = find(buf, "Suspicious PowerShell command line").expect("selected row");
    let (x, _) = find(buf, "Lateral movement").expect("other row");
    let sel_bg = theme.selected.bg.unwrap();
    assert_eq!(buf[(x, y)].bg, sel_bg, "selected row background");
    assert!(buf[(x, y)].modifier.contains(Modifier::BOLD));
    let (_, other_y) = find(buf, "Lateral movement").unwrap();
    assert_ne!(buf[(x, other_y)].bg, sel_bg, "unselected row background");
    // The 16-colour theme marks the selection by reverse video.
    let t = draw(&list_state(), 160, 48, &Theme::ansi16());
    let buf = t.backend().buffer();
    assert!(buf[(x, y)].modifier.contains(Modifier::REVERSED));
    assert!(!buf[(x, other_y)].modifier.contains(Modifier::REVERSED));
}

#[test]
fn no_color_theme_puts_no_colour_on_screen() {
    let states = [
        list_state(),
        detail_state(Pane::Evidence),
        with_dialog(list_state(), Dialog::Help(Help::default())),
    ];
    for s in &states {
        for (w, h) in [(80, 24), (160, 48)] {
            let t = draw(s, w, h, &Theme::no_color());
            for cell in t.backend().buffer().content() {
                assert_eq!(cell.fg, Color::Reset, "fg colour under NO_COLOR");
                assert_eq!(cell.bg, Color::Reset, "bg colour under NO_COLOR");
            }
            // Severity still readable without colour.
            let text = text_of(t.backend().buffer());
            if s.dialogs.is_empty() {
                assert!(text.contains("High"), "{text}");
            }
        }
    }
}

#[test]
fn tiny_terminals_show_the_notice_without_panicking() {
    let s = detail_state(Pane::List);
    let t = draw(&s, 20, 5, &Theme::full());
    let text = text_of(t.backend().buffer());
    assert!(text.contains("Terminal too"), "{text}");
    insta::assert_snapshot!("too_small_20x5", t.backend());
    // 1×1, 0-height and one-below-minimum sizes: no panic.
    for (w, h) in [(1, 1), (59, 15), (60, 14), (200, 1)] {
        let t = draw(&s, w, h, &Theme::full());
        assert_clean(t.backend().buffer());
    }
    let t = draw(&s, 60, 15, &Theme::full());
    assert!(!text_of(t.backend().buffer()).contains("too small"));
}

#[test]
fn every_dialog_renders_at_the_minimum_size() {
    let dialogs = [
        Dialog::Help(Help::default()),
        Dialog::QuitConfirm {
            pending: 1,
            yes_selected: true,
        },
        input(InputKind::Palette, "", &[]),
        input(
            InputKind::AssignTo,
            "x",
            &["a", "b", "c", "d", "e", "f", "g", "h", "i"],
        ),
        input(InputKind::Filter, &"long filter ".repeat(20), &[]),
    ];
    for d in dialogs {
        let s = with_dialog(detail_state(Pane::Evidence), d);
        let t = draw(&s, 60, 15, &Theme::full());
        assert_clean(t.backend().buffer());
    }
}

// ---------------------------------------------------------------- hostile text

#[test]
fn hostile_title_is_escaped_badged_and_keeps_borders() {
    let t = draw(&list_state(), 160, 48, &Theme::full());
    let buf = t.backend().buffer();
    assert_clean(buf);
    let (_, y) = find(buf, "invoice").expect("hostile row shown");
    let row: String = (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect();
    assert!(row.contains('⚠'), "badge on the hostile row: {row}");
    assert!(row.contains('␛'), "escape made visible: {row}");
    // The right border of the list pane is intact on that row.
    let (_, top) = find(buf, " Alerts").unwrap();
    let border_x = (0..buf.area.width)
        .rev()
        .find(|&x| buf[(x, top)].symbol() == "┐")
        .unwrap();
    assert_eq!(buf[(border_x, y)].symbol(), "│", "{row}");
    // The CJK + emoji row keeps the border too.
    let (_, cy) = find(buf, "PowerShell 活动").expect("CJK row shown");
    assert_eq!(buf[(border_x, cy)].symbol(), "│");
}

#[test]
fn a_hundred_thousand_rows_render_only_the_window() {
    let mut s = list_state();
    let base = rows()[2].clone();
    for i in 0..100_000u32 {
        let mut r = base.clone();
        r.id = format!("bulk{i:06}");
        r.title = format!("Bulk alert {i}");
        s.list.rows.upsert(r);
    }
    s.list.rows.resort(&s.list.sort);
    s.list
        .rows
        .refilter(&Query::default(), "analyst@contoso.com");
    s.list.cursor = 50_000;
    s.list.selected = Some(s.list.rows.at(50_000).unwrap().id.clone());
    let t = draw(&s, 160, 48, &Theme::full());
    let text = text_of(t.backend().buffer());
    assert!(text.contains("100010"), "count shown: {text}");
    let sel = s.list.rows.at(50_000).unwrap().title.clone();
    assert!(text.contains(&sel), "the cursor row is visible: {text}");
}

/// An alert with every displayed string set to `v`.
fn hostile_alert(v: &str) -> Alert {
    let mut a = opened_alert();
    a.title = v.to_string();
    a.description = Some(v.to_string());
    a.computer_dns_name = Some(v.to_string());
    a.assigned_to = Some(v.to_string());
    a.category = Some(v.to_string());
    a.threat_name = Some(v.to_string());
    a.threat_family_name = Some(v.to_string());
    a.rbac_group_name = Some(v.to_string());
    a.related_user = Some(RelatedUser {
        user_name: Some(v.to_string()),
        domain_name: Some(v.to_string()),
    });
    a.mitre_techniques = vec![v.to_string()];
    a.comments[0].comment = v.to_string();
    a.comments[0].created_by = Some(v.to_string());
    for e in &mut a.evidence {
        for f in [
            &mut e.file_name,
            &mut e.file_path,
            &mut e.process_command_line,
            &mut e.parent_process_file_name,
            &mut e.url,
            &mut e.ip_address,
            &mut e.registry_key,
            &mut e.registry_value_name,
            &mut e.registry_value,
            &mut e.account_name,
        ] {
            if f.is_some() {
                *f = Some(v.to_string());
            }
        }
    }
    a
}

/// Every pane's left and right border is unbroken on every row between its corners.
fn assert_borders(buf: &Buffer, state: &State) {
    use mde_triage::ui::layout::{Region, screen};
    let region = |p: Pane| match p {
        Pane::List => Region::List,
        Pane::Detail => Region::Detail,
        Pane::Evidence => Region::Evidence,
        Pane::Comments => Region::Comments,
    };
    let s = screen(
        buf.area,
        region(state.focus),
        state.zoom.map(region),
        state.detail.is_some(),
    );
    for r in [s.list, s.detail, s.evidence, s.comments]
        .into_iter()
        .flatten()
    {
        for y in r.top() + 1..r.bottom() - 1 {
            for x in [r.left(), r.right() - 1] {
                assert_eq!(buf[(x, y)].symbol(), "│", "border at ({x},{y})");
            }
        }
    }
}

#[test]
fn every_hostile_string_in_every_field_renders_safely_with_badges() {
    let corpus = mde_triage::text::corpus::corpus();
    assert!(corpus.len() >= 60);
    for h in &corpus {
        let alert = hostile_alert(&h.value);
        let mut s = detail_state(Pane::Evidence);
        s.list.rows.upsert(AlertRow::from_alert(&alert));
        if let Some(d) = s.detail.as_mut() {
            d.tree = EvidenceTree::build(&alert);
            d.load = DetailLoad::Loaded(Box::new(AlertDetail {
                raw: String::new(),
                alert: alert.clone(),
                draft: None,
            }));
        }
        for (w, h_) in [(80, 24), (160, 48)] {
            let t = draw(&s, w, h_, &Theme::full());
            let buf = t.backend().buffer();
            assert_clean(buf);
            assert_borders(buf, &s);
            if h.flags.any() {
                // The selected row is the tricked alert: its marker column carries the badge.
                let (_, y) = find(buf, "▸").unwrap_or_else(|| panic!("{}: cursor", h.name));
                let row: String = (0..w).map(|x| buf[(x, y)].symbol()).collect();
                assert!(row.contains('⚠'), "{}: no badge in {row}", h.name);
            }
        }
        let v = Viewer {
            title: h.value.clone(),
            text: h.value.clone(),
            scroll: 0,
            ..Default::default()
        };
        let s = with_dialog(s, Dialog::Viewer(v));
        assert_clean(draw(&s, 80, 24, &Theme::full()).backend().buffer());
    }
}
