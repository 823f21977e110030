//! After sending: retries, cancels, package links, the captured device, bulk isolation.

use super::*;

#[test]
fn a_lost_send_is_retried_by_its_send_id_and_a_pending_one_cancelled() {
    let mut s = opened(ws_context(vec![], None));
    let lost = send(
        7,
        M1,
        WS,
        ResponseAction::Release,
        SendState::Failed(ActionFailure {
            kind: FailureKind::Lost,
            message: "connection reset".into(),
        }),
        mins_ago(2),
    );
    sync(
        &mut s,
        Msg::ActionFailed {
            req: 0,
            send: Some(Box::new(lost)),
            action_id: None,
            failure: ActionFailure {
                kind: FailureKind::Lost,
                message: "connection reset".into(),
            },
        },
    );
    assert!(
        last_toast(&s).contains("E in the device panel retries"),
        "{}",
        last_toast(&s)
    );
    let fx = ch(&mut s, 'E');
    assert!(
        matches!(fx[..], [Effect::RetryAction { send_id: 7, .. }]),
        "{fx:?}"
    );
    // A pending scan of someone else: X asks for a comment and cancels exactly it.
    let scan = action(
        "sc1",
        M1,
        "RunAntiVirusScan",
        "Pending",
        Some("Quick"),
        (mins_ago(1), mins_ago(1)),
        "bob@contoso.com",
    );
    let req = s.device.panel.as_ref().unwrap().req;
    sync(
        &mut s,
        Msg::DeviceLoaded {
            req,
            device: Box::new(ws_context(vec![scan], None)),
        },
    );
    let lines = mde_console::app::device::lines::of_panel(&s.device).unwrap();
    let i = lines
        .actions
        .iter()
        .position(|l| l.action_id.as_deref() == Some("sc1"))
        .unwrap();
    ch(&mut s, 'g');
    for _ in 0..i {
        ch(&mut s, 'j');
    }
    assert!(ch(&mut s, 'X').is_empty());
    assert!(matches!(top(&s), ResponseDialog::Cancel(_)));
    let fx = ctrl(&mut s, 's');
    let [
        Effect::CancelAction {
            action_id, comment, ..
        },
    ] = &fx[..]
    else {
        panic!("{fx:?}")
    };
    assert_eq!(action_id, "sc1");
    assert!(comment.contains(ME));
}

#[test]
fn a_succeeded_package_link_is_copied_like_y() {
    let pkg = action(
        "p1",
        M1,
        "CollectInvestigationPackage",
        "Succeeded",
        None,
        (mins_ago(30), mins_ago(28)),
        "analyst@contoso.com",
    );
    let mut s = opened(ws_context(vec![pkg], None));
    let fx = ch(&mut s, 'L');
    let [Effect::GetPackageUri { req, action_id }] = &fx[..] else {
        panic!("{fx:?}")
    };
    assert_eq!(action_id, "p1");
    let fx = sync(
        &mut s,
        Msg::PackageUri {
            req: *req,
            action_id: "p1".into(),
            result: Ok("https://127.0.0.1/safedownload/x.zip?token=t".into()),
        },
    );
    assert!(
        matches!(&fx[..], [Effect::Clipboard { text, .. }] if text.ends_with("token=t")),
        "{fx:?}"
    );
    // A stale answer copies nothing.
    assert!(
        sync(
            &mut s,
            Msg::PackageUri {
                req: 999,
                action_id: "p1".into(),
                result: Ok("x".into())
            }
        )
        .is_empty()
    );
}

#[test]
fn a_dialog_acts_on_the_device_it_opened_on_whatever_happens_meanwhile() {
    let mut s = opened(ws_context(vec![], None));
    ch(&mut s, 'x');
    pick(&mut s, "Antivirus scan (full)");
    // Meanwhile: the panel's device is answered as another machine, and the rows change.
    let req = s.device.panel.as_ref().unwrap().req;
    sync(
        &mut s,
        Msg::DeviceLoaded {
            req,
            device: Box::new(context(machine(M2, SRV, now()), vec![], None)),
        },
    );
    sync(
        &mut s,
        Msg::AlertsUpdated {
            req: 99,
            rows: vec![row("zz1", Severity::High, "2024-05-05T11:59:00Z")],
            complete: false,
        },
    );
    let (_, r) = run_of(&ctrl(&mut s, 's'));
    assert_eq!(r.machine_id, M1);
    assert_eq!(r.device_name.as_deref(), Some(WS));
}

#[test]
fn bulk_isolation_lists_each_device_once_and_confirms_the_count() {
    let mut s = state_with(false);
    // Mark dev1, dev2 (same device), dev5 and dev6 (another name of srv-file-01).
    for id in ["dev1", "dev2", "dev5", "dev6"] {
        let pos = view_ids(&s).iter().position(|x| x == id).unwrap();
        ch(&mut s, 'g');
        for _ in 0..pos {
            ch(&mut s, 'j');
        }
        ch(&mut s, ' ');
    }
    ch(&mut s, 'x');
    assert_eq!(menu_labels(&s).len(), 2, "only isolation");
    let fx = pick(&mut s, "Isolate the devices of 4 marked alerts (full)");
    // Three names, so three lookups (one alert each).
    let reqs: Vec<(u64, String)> = fx
        .iter()
        .map(|e| match e {
            Effect::LoadDevice {
                req,
                subject: DeviceSubject::Alert { alert_id },
            } => (*req, alert_id.clone()),
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(reqs.len(), 3, "{reqs:?}");
    // Sending before every device is known is refused.
    typ(&mut s, "2");
    assert!(ctrl(&mut s, 's').is_empty());
    assert!(form_error(&s).unwrap().contains("still being looked up"));
    for (req, alert) in &reqs {
        let ctx = if alert == "dev1" || alert == "dev2" {
            ws_context(vec![], None)
        } else {
            context(machine(M2, SRV, now()), vec![], None)
        };
        sync(
            &mut s,
            Msg::DeviceLoaded {
                req: *req,
                device: Box::new(ctx),
            },
        );
    }
    let ResponseDialog::Bulk(b) = top(&s) else {
        panic!()
    };
    assert_eq!(b.to_isolate().count(), 2, "{:?}", b.devices);
    assert!(
        b.devices
            .iter()
            .any(|d| matches!(d.status, BulkStatus::Duplicate(_)))
    );
    // Typing the wrong count is refused; the count itself sends one action per device.
    key(&mut s, KeyCode::Backspace);
    typ(&mut s, "3");
    assert!(ctrl(&mut s, 's').is_empty());
    assert!(form_error(&s).unwrap().contains("Type 2"));
    key(&mut s, KeyCode::Backspace);
    typ(&mut s, "2");
    let fx = ctrl(&mut s, 's');
    let mut machines: Vec<String> = fx
        .iter()
        .filter_map(|e| match e {
            Effect::RunAction { request, .. } => {
                assert_eq!(
                    request.action,
                    ResponseAction::Isolate {
                        isolation: IsolationType::Full
                    }
                );
                Some(request.machine_id.clone())
            }
            _ => None,
        })
        .collect();
    machines.sort();
    assert_eq!(machines, [M1, M2]);
    // No panel open: the device lookups stop being watched.
    assert_eq!(fx.last(), Some(&Effect::UnwatchDevice));
}
