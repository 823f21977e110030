//! `:profile NAME` and `--all-profiles` across two emulated tenants.

use super::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn switching_profile_moves_list_store_and_sign_in_to_the_other_tenant() {
    let a = Arc::new(tenant("contoso", &["a1", "a2"]).await);
    let b = Arc::new(tenant("fabrikam", &["b1", "b2", "b3"]).await);
    let opener = Arc::new(TwoTenants(HashMap::from([
        ("contoso".to_string(), a.clone()),
        ("fabrikam".to_string(), b.clone()),
    ])));
    let inbox: Inbox = mpsc::channel(256);
    let session = ProfileSession::start(opener.open("contoso").unwrap(), 0, inbox.0.clone());
    let mut c = Console::start(
        Backend::Single {
            session: Box::new(session),
            opener: Some(opener.clone()),
        },
        inbox,
    );
    c.send(Effect::Start { req: 1 }).await;
    let rows = c.rows_until(2).await;
    assert!(rows.iter().all(|r| r.id.starts_with('a')), "{rows:?}");

    // An unknown profile is refused and the current one stays.
    c.send(Effect::SwitchProfile {
        name: "nope".into(),
    })
    .await;
    let error = c
        .wait("ProfileSwitchFailed", |m| match m {
            Msg::ProfileSwitchFailed { error, .. } => Some(error),
            _ => None,
        })
        .await;
    assert!(
        error.contains("no profile \"nope\"") && error.contains("contoso, fabrikam"),
        "{error}"
    );

    c.send(Effect::SwitchProfile {
        name: "fabrikam".into(),
    })
    .await;
    let info = c
        .wait("ProfileSwitched", |m| match m {
            Msg::ProfileSwitched(info) => Some(info),
            _ => None,
        })
        .await;
    assert_eq!(
        (info.name.as_str(), info.tenant.as_str()),
        ("fabrikam", "fabrikam-tenant")
    );
    // The console starts again on the new profile: its cache is the new store (empty), then
    // the new tenant's alerts arrive; nothing of the old tenant comes after the switch.
    c.send(Effect::Start { req: 2 }).await;
    let rows = c.rows_until(3).await;
    let mut ids: Vec<&str> = rows.iter().map(|r| r.id.as_str()).collect();
    ids.sort();
    assert_eq!(ids, ["b1", "b2", "b3"]);

    // A write goes to the new tenant only.
    c.send(Effect::Write {
        req: 3,
        write: write(&["b2"], "switched"),
    })
    .await;
    c.wait("WriteConfirmed", |m| {
        matches!(m, Msg::WriteConfirmed { .. }).then_some(())
    })
    .await;
    assert_eq!(b.emu.alert("b2").unwrap().status, Status::InProgress);
    assert!(a.emu.alert("a1").unwrap().comments.is_empty());

    // Switching back reads the first tenant's store: its cache holds a1, a2 already.
    c.send(Effect::SwitchProfile {
        name: "contoso".into(),
    })
    .await;
    c.wait("ProfileSwitched", |m| {
        matches!(m, Msg::ProfileSwitched(_)).then_some(())
    })
    .await;
    c.send(Effect::Start { req: 4 }).await;
    assert_eq!(c.cache_ids().await, ["a1", "a2"]);
    let end = c.end().await;
    assert_eq!(end.stopped.len(), 1);
    assert_eq!(end.stopped[0].info.name, "contoso");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn all_profiles_merges_two_tenants_and_keeps_each_write_in_its_tenant() {
    let a = Arc::new(tenant("contoso", &["a1", "a2"]).await);
    let b = Arc::new(tenant("fabrikam", &["b1"]).await);
    let inbox: Inbox = mpsc::channel(256);
    let sessions = vec![
        ProfileSession::start(a.setup("contoso"), 0, inbox.0.clone()),
        ProfileSession::start(b.setup("fabrikam"), 1, inbox.0.clone()),
    ];
    let mut c = Console::start(
        Backend::All {
            sessions,
            merger: Box::new(Merger::new(vec!["contoso".into(), "fabrikam".into()])),
        },
        inbox,
    );
    c.send(Effect::Start { req: 1 }).await;
    let rows = c.rows_until(3).await;
    let tenant_of: HashMap<&str, &str> = rows
        .iter()
        .map(|r| (r.id.as_str(), r.tenant.as_deref().unwrap()))
        .collect();
    assert_eq!(
        tenant_of,
        HashMap::from([("a1", "contoso"), ("a2", "contoso"), ("b1", "fabrikam")])
    );

    c.send(Effect::Write {
        req: 2,
        write: write(&["a1", "b1"], "both"),
    })
    .await;
    let reason = c
        .wait("WriteFailed", |m| match m {
            Msg::WriteFailed { reason, .. } => Some(reason),
            _ => None,
        })
        .await;
    assert!(reason.contains("2 tenants"), "{reason}");
    c.send(Effect::Write {
        req: 3,
        write: write(&["b1"], "one tenant"),
    })
    .await;
    let rows = c
        .wait("WriteConfirmed", |m| match m {
            Msg::WriteConfirmed { rows, .. } => Some(rows),
            _ => None,
        })
        .await;
    assert_eq!(rows[0].tenant.as_deref(), Some("fabrikam"));
    assert_eq!(b.emu.alert("b1").unwrap().comments.len(), 1);
    assert!(a.emu.alert("a1").unwrap().comments.is_empty());
    // The detail of an alert is asked of its own tenant.
    c.send(Effect::LoadDetail {
        req: 4,
        alert_id: "a2".into(),
    })
    .await;
    let title = c
        .wait("DetailLoaded", |m| match m {
            Msg::DetailLoaded { req: 4, detail } => Some(detail.alert.title),
            _ => None,
        })
        .await;
    assert_eq!(title, "contoso a2");
    // Export names the tenant of each row.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("all.csv").display().to_string();
    c.send(Effect::Export {
        req: 5,
        alert_ids: vec!["b1".into(), "a1".into()],
        path: path.clone(),
        format: ExportFormat::Csv,
    })
    .await;
    let records = c
        .wait("FileWritten", |m| match m {
            Msg::FileWritten {
                req: 5, records, ..
            } => Some(records),
            Msg::FileWriteFailed { error, .. } => panic!("{error}"),
            _ => None,
        })
        .await;
    assert_eq!(records, 2);
    let csv = std::fs::read_to_string(&path).unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert!(lines[0].starts_with("tenant,id,severity"), "{csv}");
    assert!(
        lines[1].starts_with("fabrikam,b1,High,InProgress")
            && lines[2].starts_with("contoso,a1,High,New"),
        "{csv}"
    );
    assert_eq!(c.end().await.stopped.len(), 2);
}
