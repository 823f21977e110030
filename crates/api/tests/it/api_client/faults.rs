//! Faults: a 429 storm, server errors, dropped connections, comments never resent blindly.

use super::*;

#[tokio::test]
async fn a_429_storm_still_completes_with_correct_results() {
    // The quota window shrunk to 100 ms so the storm passes in well under a second; the client
    // honours the emulator's Retry-After (0 for a sub-second window) with its minimum wait.
    let limits = RateLimits {
        per_minute: 5,
        batch_per_minute: 2,
        minute: Duration::from_millis(100),
        ..Default::default()
    };
    let emu = emulator::spawn(EmulatorConfig {
        rate_limits: Some(limits),
        ..config(30)
    })
    .await
    .unwrap();
    let c = client(&emu);
    let ids = emu.alert_ids();
    let tasks: Vec<_> = ids
        .iter()
        .map(|id| {
            let (c, id) = (c.clone(), id.clone());
            tokio::spawn(async move {
                let change = TriageChange {
                    assigned_to: Some(format!("owner-of-{id}")),
                    ..Default::default()
                };
                c.update(&id, &change).await?;
                c.get(&id).await
            })
        })
        .collect();
    for (id, t) in ids.iter().zip(tasks) {
        let got = t.await.unwrap().unwrap();
        assert_eq!(got.alert.assigned_to, Some(format!("owner-of-{id}")));
    }
    c.batch_update(
        &ids[..3],
        &TriageChange {
            status: Some(Status::InProgress),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    c.batch_update(
        &ids[3..6],
        &TriageChange {
            status: Some(Status::InProgress),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    c.batch_update(
        &ids[6..9],
        &TriageChange {
            status: Some(Status::InProgress),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let info = c.rate_info();
    assert!(info.throttled > 0, "the storm never happened: {info:?}");
    assert!(
        info.last_retry_after.is_some(),
        "every 429 carries Retry-After: {info:?}"
    );
    for id in &ids[..9] {
        assert_eq!(emu.alert(id).unwrap().status, Status::InProgress);
    }
    emu.shutdown().await;
}

/// Writes under faults: every write lands exactly once (fields set, one comment per write).
async fn writes_survive(faults: Faults) {
    let emu = emulator::spawn(config(24)).await.unwrap();
    let c = client(&emu);
    // Make a token before the faults start; sign-in is never faulted anyway.
    c.get(&emu.alert_ids()[0]).await.unwrap();
    set_faults(&emu, faults).await;
    let ids = emu.alert_ids();
    let (singles, batched) = ids.split_at(16);
    let mut tasks = Vec::new();
    for id in singles {
        let (c, id) = (c.clone(), id.clone());
        tasks.push(tokio::spawn(async move {
            let change = TriageChange {
                status: Some(Status::InProgress),
                assigned_to: Some("me@contoso.com".into()),
                comment: Some(format!("looked at {id}")),
                ..Default::default()
            };
            update_once(&c, &id, &change, None, 30).await.map(drop)
        }));
    }
    for t in tasks {
        t.await.unwrap().unwrap();
    }
    for chunk in batched.chunks(4) {
        let change = TriageChange {
            status: Some(Status::Resolved),
            classification: Some(Classification::TruePositive),
            determination: Some(Determination::Malware),
            comment: Some("batch: confirmed malware".into()),
            ..Default::default()
        };
        batch_update_once(&c, chunk, &change, None, 30)
            .await
            .unwrap();
    }
    set_faults(&emu, Faults::default()).await;
    // Without faults: one get, then per single a baseline get and a PATCH, per batch of four
    // four baseline gets and a batchUpdate. More means the faults really hit.
    let fault_free = 1 + 16 * 2 + 2 * 5;
    assert!(c.rate_info().requests > fault_free, "{:?}", c.rate_info());
    for id in singles {
        let a = emu.alert(id).unwrap();
        assert_eq!(a.status, Status::InProgress, "{id}");
        assert_eq!(a.assigned_to.as_deref(), Some("me@contoso.com"));
        assert_eq!(
            comment_count(&a, &format!("looked at {id}")),
            1,
            "{id}: {:?}",
            a.comments
        );
    }
    for id in batched {
        let a = emu.alert(id).unwrap();
        assert_eq!(
            (a.status.clone(), a.determination.clone()),
            (Status::Resolved, Some(Determination::Malware))
        );
        assert_eq!(
            comment_count(&a, "batch: confirmed malware"),
            1,
            "{id}: {:?}",
            a.comments
        );
    }
    emu.shutdown().await;
}

#[tokio::test]
async fn thirty_percent_server_errors_deliver_every_write_exactly_once() {
    writes_survive(Faults {
        fail_rate: 0.3,
        ..Default::default()
    })
    .await;
}

#[tokio::test]
async fn dropped_connections_deliver_every_write_exactly_once() {
    writes_survive(Faults {
        drop_rate: 0.3,
        ..Default::default()
    })
    .await;
}

#[tokio::test]
async fn comments_are_never_resent_blindly_but_field_changes_are_retried() {
    let emu = emulator::spawn(config(3)).await.unwrap();
    let c = client(&emu);
    let id = emu.alert_ids()[0].clone();
    c.get(&id).await.unwrap();
    // The service applies the write and the answer is lost: ambiguous, so one attempt only.
    set_faults(
        &emu,
        Faults {
            drop_rate: 1.0,
            ..Default::default()
        },
    )
    .await;
    let before = c.rate_info().requests;
    let with_comment = TriageChange {
        comment: Some("only once".into()),
        ..Default::default()
    };
    let err = c.update(&id, &with_comment).await.unwrap_err();
    assert!(err.is_ambiguous(), "{err:?}");
    assert_eq!(c.rate_info().requests - before, 1);
    assert_eq!(comment_count(&emu.alert(&id).unwrap(), "only once"), 1);
    // A field-only change is idempotent: retried up to the policy's bound.
    let before = c.rate_info().requests;
    let fields = TriageChange {
        status: Some(Status::InProgress),
        ..Default::default()
    };
    assert!(c.update(&id, &fields).await.is_err());
    assert_eq!(
        c.rate_info().requests - before,
        u64::from(fast_policy().max_backoffs) + 1
    );
    // 5xx before processing: still ambiguous for a comment, so not resent.
    set_faults(
        &emu,
        Faults {
            fail_rate: 1.0,
            ..Default::default()
        },
    )
    .await;
    let before = c.rate_info().requests;
    let err = c.update(&id, &with_comment).await.unwrap_err();
    assert!(matches!(err, ApiError::Server { .. }), "{err:?}");
    assert_eq!(c.rate_info().requests - before, 1);
    emu.shutdown().await;
}
