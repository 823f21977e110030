//! The queue tells the truth: the open queue by default with the resolved alerts one key away,
//! an empty list that says why, a status that is "retrying" before it is "offline" and clears
//! once the service answers; suggestions while typing; evidence search; copy what matters.

use super::*;
use mde_console::app::connection::state::Health;
use mde_console::app::list::views::ViewId;
use mde_model::DetectionStatus;

fn mixed_rows() -> Vec<AlertRow> {
    let mut r = rows();
    let mut resolved = alert("r1", Severity::High, "2024-05-05T10:00:00Z");
    resolved.status = Status::Resolved;
    resolved.assigned_to = Some("bob@contoso.com".into());
    r.push(AlertRow::from_alert(&resolved));
    let mut prog = alert("p1", Severity::Low, "2024-05-06T10:00:00Z");
    prog.status = Status::InProgress;
    r.push(AlertRow::from_alert(&prog));
    r
}

#[test]
fn the_open_queue_is_the_default_and_resolved_is_one_key_away() {
    let mut s = loaded_with(config(), mixed_rows());
    assert_eq!(s.list.view, ViewId::OPEN);
    assert!(!view_ids(&s).contains(&"r1".to_string()));
    assert!(view_ids(&s).contains(&"p1".to_string()));
    ch(&mut s, '5');
    assert_eq!(view_ids(&s), ["r1"]);
    assert!(last_toast(&s).contains("Resolved"), "{}", last_toast(&s));
    ch(&mut s, '0');
    assert_eq!(view_ids(&s).len(), 7);
    ch(&mut s, '1');
    assert_eq!(view_ids(&s).len(), 6);
    // `:view NAME` and the filter narrowing a view.
    ch(&mut s, ':');
    typ(&mut s, "view resolved");
    key(&mut s, KeyCode::Enter);
    assert_eq!(s.list.view, ViewId::RESOLVED);
    ch(&mut s, '/');
    typ(&mut s, "sev:low");
    key(&mut s, KeyCode::Enter);
    assert!(view_ids(&s).is_empty());
    assert_eq!(
        s.list.empty.map(|e| e.in_view),
        Some(1),
        "the filter hides the one resolved"
    );
}

#[test]
fn an_empty_list_says_which_view_and_filter_hide_what() {
    let mut s = loaded_with(config(), mixed_rows());
    ch(&mut s, '/');
    typ(&mut s, "nothing-like-this");
    key(&mut s, KeyCode::Enter);
    let msg = mde_console::ui::list::empty_message(&s);
    assert!(
        msg.contains("'Open queue'") && msg.contains("/nothing-like-this"),
        "{msg}"
    );
    assert!(
        msg.contains("6 in the view") && msg.contains("Esc clears"),
        "{msg}"
    );
    let mut s = loaded_with(config(), vec![mixed_rows().remove(5)]);
    assert!(view_ids(&s).is_empty());
    let msg = mde_console::ui::list::empty_message(&s);
    assert!(msg.contains("No alert in the view 'Open queue'"), "{msg}");
    assert!(
        msg.contains("1 alerts in the cache") && msg.contains("5 the resolved"),
        "{msg}"
    );
    ch(&mut s, '5');
    assert_eq!(view_ids(&s), ["r1"]);
}

#[test]
fn one_failed_refresh_is_retrying_two_are_offline_and_an_answer_clears_it() {
    let mut s = loaded();
    let fx = ch(&mut s, 'r');
    let [Effect::Refresh { req, .. }] = fx[..] else {
        panic!("{fx:?}")
    };
    sync(
        &mut s,
        Msg::RefreshFailed {
            req,
            error: "timed out".into(),
        },
    );
    assert_eq!(s.connection.health(), Health::Retrying("timed out".into()));
    assert!(last_toast(&s).contains("retrying"), "{}", last_toast(&s));
    sync(
        &mut s,
        Msg::RefreshFailed {
            req,
            error: "timed out".into(),
        },
    );
    assert_eq!(s.connection.health(), Health::Offline("timed out".into()));
    // Offline, a write says it is queued, not "Sending…".
    write_of(&ch(&mut s, 'a'));
    assert!(
        last_toast(&s).starts_with("Queued while offline"),
        "{}",
        last_toast(&s)
    );
    sync(
        &mut s,
        Msg::AlertsUpdated {
            req,
            rows: vec![],
            complete: false,
        },
    );
    assert_eq!(s.connection.health(), Health::Ok);
}

#[test]
fn a_status_error_the_service_answered_past_is_not_shown() {
    let mut s = loaded();
    let status = SyncStatus {
        error: Some("outbox: 503".into()),
        outbox_pending: 1,
        ..SyncStatus::default()
    };
    sync(&mut s, Msg::Sync(status.clone()));
    assert!(matches!(s.connection.health(), Health::Retrying(_)));
    let (req, _) = write_of(&ch(&mut s, 'a'));
    sync(&mut s, Msg::WriteQueued { req, outbox_id: 1 });
    let r = s.list.rows.get("h2").unwrap().clone();
    sync(
        &mut s,
        Msg::WriteConfirmed {
            outbox_id: 1,
            rows: vec![r],
        },
    );
    // The same stale error published again with the new counts: the writes went through.
    sync(
        &mut s,
        Msg::Sync(SyncStatus {
            outbox_pending: 0,
            ..status
        }),
    );
    assert_eq!(s.connection.health(), Health::Ok);
    assert_eq!(s.writes_pending(), 0);
}

#[test]
fn the_filter_suggests_fields_and_values_and_tab_takes_one() {
    let mut c = config();
    c.recent_owners = vec![];
    let mut rs = rows();
    rs[0].assigned_to = Some("carol@contoso.com".into());
    let mut s = loaded_with(c, rs);
    ch(&mut s, '/');
    typ(&mut s, "ha");
    let Some(Dialog::Input(i)) = s.top_dialog() else {
        panic!()
    };
    assert_eq!(i.suggestions, ["hash:"]);
    key(&mut s, KeyCode::Tab);
    typ(&mut s, "ab assigned:c");
    let Some(Dialog::Input(i)) = s.top_dialog() else {
        panic!()
    };
    assert_eq!(i.line.text(), "hash:ab assigned:c");
    assert_eq!(i.suggestions, ["assigned:carol@contoso.com"]);
    key(&mut s, KeyCode::Tab);
    let Some(Dialog::Input(i)) = s.top_dialog() else {
        panic!()
    };
    assert_eq!(i.line.text(), "hash:ab assigned:carol@contoso.com ");
    key(&mut s, KeyCode::Esc);
    // "Assign to…" offers the owners seen in the data.
    ch(&mut s, 'A');
    let Some(Dialog::Input(i)) = s.top_dialog() else {
        panic!()
    };
    assert!(
        i.suggestions.contains(&"carol@contoso.com".to_string()),
        "{:?}",
        i.suggestions
    );
    typ(&mut s, "car");
    let (_, w) = write_of(&key(&mut s, KeyCode::Enter));
    assert_eq!(w.change.assigned_to.as_deref(), Some("carol@contoso.com"));
}

/// An alert whose evidence holds a blocked file, a command line and an IP.
fn evidence_alert() -> Alert {
    let mut a = alert("ev", Severity::High, "2024-05-07T10:00:00Z");
    a.title = "Credential dumping".into();
    a.mitre_techniques = vec!["T1003.001".into()];
    a.description = Some("LSASS memory was read by an unsigned tool.".into());
    let mut f = Evidence::empty(EntityType::File);
    f.file_name = Some("Mimikatz.exe".into());
    f.file_path = Some("C:\\Users\\jdoe\\Downloads".into());
    f.sha1 = Some("3395856ce81f2b7382dee72602f798b642f14140".into());
    f.sha256 = Some("ab".repeat(32));
    f.detection_status = Some(DetectionStatus::Blocked);
    let mut p = Evidence::empty(EntityType::Process);
    p.file_name = Some("powershell.exe".into());
    p.process_command_line = Some("powershell -enc SQBFAFgA".into());
    let mut ip = Evidence::empty(EntityType::Ip);
    ip.ip_address = Some("10.20.30.40".into());
    a.evidence = vec![p, f, ip];
    a
}

#[test]
fn the_filter_finds_evidence_techniques_and_the_description() {
    let mut rs = rows();
    rs.push(AlertRow::from_alert(&evidence_alert()));
    let mut s = loaded_with(config(), rs);
    for q in [
        "hash:3395856c",
        "hash:abab",
        "ip:10.20.",
        "tech:T1003",
        "file:mimikatz",
        "cmd:-enc",
        "desc:lsass",
        "unsigned tool",
        "sqbfafga",
    ] {
        ch(&mut s, '/');
        ctrl(&mut s, 'u');
        typ(&mut s, q);
        key(&mut s, KeyCode::Enter);
        assert_eq!(view_ids(&s), ["ev"], "{q}");
    }
}

#[test]
fn copy_offers_the_blocked_file_first_from_the_list_with_full_hashes() {
    let mut rs = rows();
    rs.push(AlertRow::from_alert(&evidence_alert()));
    let mut s = loaded_with(config(), rs);
    ch(&mut s, '/');
    typ(&mut s, "credential");
    key(&mut s, KeyCode::Enter);
    ch(&mut s, 'y');
    let Some(Dialog::Menu(m)) = s.top_dialog() else {
        panic!()
    };
    let first = &m.items[0];
    assert!(
        first.label.starts_with("SHA-256 (Mimikatz.exe, Blocked)"),
        "{}",
        first.label
    );
    let MenuValue::Yank { what, text } = &first.value else {
        panic!()
    };
    assert_eq!(text, &"ab".repeat(32), "the whole hash is copied");
    assert_eq!(what, "SHA-256 of Mimikatz.exe");
    assert!(
        m.items[1].label.starts_with("SHA-1"),
        "{}",
        m.items[1].label
    );
    let fx = key(&mut s, KeyCode::Enter);
    assert!(matches!(&fx[..], [Effect::Clipboard { text, .. }] if *text == "ab".repeat(32)));
    assert!(last_toast(&s).contains("Copied SHA-256 of Mimikatz.exe"));
}

#[test]
fn inside_tmux_a_copied_value_is_also_shown_to_copy_by_hand() {
    let mut c = config();
    c.in_tmux = true;
    let mut s = loaded_with(c, rows());
    ch(&mut s, 'y');
    let fx = key(&mut s, KeyCode::Enter);
    assert!(matches!(&fx[..], [Effect::Clipboard { .. }]));
    let Some(Dialog::Viewer(v)) = s.top_dialog() else {
        panic!("{:?}", s.top_dialog())
    };
    assert_eq!(v.text, "h2");
    assert!(v.note.as_deref().unwrap().contains("tmux"));
    assert!(last_toast(&s).contains("may not arrive"));
}

#[test]
fn the_conflict_prompt_overwrites_only_on_its_own_key() {
    let mut s = loaded();
    let (req, _) = write_of(&ch(&mut s, 'a'));
    sync(&mut s, Msg::WriteQueued { req, outbox_id: 5 });
    let server = row("h2", Severity::High, "2024-05-02T10:00:00Z");
    let conflict = |s: &mut State| {
        sync(
            s,
            Msg::WriteConflict {
                outbox_id: 5,
                alert_id: "h2".into(),
                server: Box::new(server.clone()),
            },
        )
    };
    conflict(&mut s);
    // Tab, arrows and Enter never overwrite: Enter keeps the server's version.
    for k in [KeyCode::Tab, KeyCode::Right, KeyCode::Down] {
        assert!(key(&mut s, k).is_empty());
    }
    assert_eq!(
        key(&mut s, KeyCode::Enter),
        [Effect::ResolveConflict {
            outbox_id: 5,
            choice: ConflictChoice::Discard
        }]
    );
    conflict(&mut s);
    assert_eq!(
        ch(&mut s, 'o'),
        [Effect::ResolveConflict {
            outbox_id: 5,
            choice: ConflictChoice::Overwrite
        }]
    );
}
