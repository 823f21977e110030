//! The deterministic state every screen is drawn from: a fixed clock, handcrafted alerts
//! (every severity and status, hostile and CJK text), an opened alert with a process chain.

use super::*;

pub(crate) fn ts(s: &str) -> Timestamp {
    Timestamp::parse(s).unwrap()
}

pub(crate) fn now() -> Timestamp {
    ts("2026-11-26T12:00:00Z")
}

pub(crate) fn ago(mins: i64) -> Timestamp {
    Timestamp(now().0 - chrono::Duration::minutes(mins))
}

/// A long encoded PowerShell command line (about 12,000 characters).
pub(crate) fn long_command_line() -> String {
    format!(
        "powershell.exe -nop -w hidden -enc {}",
        "SQBFAFgAIAAoAE4AZQB3AC0ATwBiAGoAZQBjAHQAIABOAGUAdAAuAFcAZQBiAEMAbABpAGUAbgB0ACkA"
            .repeat(150)
    )
}

pub(crate) fn evidence(t: EntityType) -> Evidence {
    Evidence::empty(t)
}

/// The alert the detail pane opens: a process chain, file, IP, URL, registry value, comments.
pub(crate) fn opened_alert() -> Alert {
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
pub(crate) fn rows() -> Vec<AlertRow> {
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
pub(crate) fn list_state() -> State {
    let mut cfg = AppConfig::new("analyst@contoso.com");
    cfg.profile = "demo".into();
    cfg.tenant = "contoso".into();
    let mut s = State::new(cfg);
    for r in rows() {
        s.list.rows.upsert(r);
    }
    // Every alert, whatever its status: the snapshots show each severity and status.
    s.list.view = mde_console::app::list::views::ViewId::ALL;
    s.list.rows.resort(&s.list.sort);
    s.list.rows.refilter(&Query::default());
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
        consecutive_failures: 0,
        window_days: 30,
    };
    s
}

/// The list plus the first alert opened, focus on `focus`.
pub(crate) fn detail_state(focus: Pane) -> State {
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

pub(crate) fn with_dialog(mut s: State, d: Dialog) -> State {
    s.dialogs.push(d);
    s
}

pub(crate) fn menu(
    title: &str,
    items: Vec<(&str, Option<char>, MenuValue)>,
    selected: usize,
) -> Dialog {
    Dialog::Menu(Menu {
        kind: MenuKind::Status,
        subject: None,
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

pub(crate) fn input(kind: InputKind, text: &str, suggestions: &[&str]) -> Dialog {
    Dialog::Input(Input {
        kind,
        line: LineInput::new(text),
        original: String::new(),
        suggestions: suggestions.iter().map(|s| s.to_string()).collect(),
        selected: 0,
        ..Input::new(kind)
    })
}
