//! SLA counts follow the rows and the clock; new High alerts notify only when the config
//! turns it on.

use super::*;

#[test]
fn sla_counts_follow_the_rows_and_the_clock() {
    let rows = vec![
        row("breach", Severity::High, "2024-05-06T11:20:00Z"),
        row("near", Severity::High, "2024-05-06T11:35:00Z"),
        row("within", Severity::High, "2024-05-06T11:55:00Z"),
        row("med", Severity::Medium, "2024-05-06T09:00:00Z"),
    ];
    let mut s = loaded_with(config(), rows);
    assert_eq!(s.rotation.sla.counts, SlaCounts::default(), "no clock yet");
    tick(&mut s, NOW);
    assert_eq!(s.rotation.sla.counts, SlaCounts { near: 1, breach: 2 });
    let states: Vec<(String, Option<SlaState>)> = s
        .visible_rows(0..10)
        .map(|v| (v.row.id.clone(), v.sla))
        .collect();
    assert!(
        states.contains(&("near".into(), Some(SlaState::Near))),
        "{states:?}"
    );
    assert!(states.contains(&("within".into(), Some(SlaState::Within))));
    // Assigning the breached High stops its first-touch clock.
    while sel(&s) != "breach" {
        key(&mut s, KeyCode::Down);
    }
    write_of(&ch(&mut s, 'a'));
    assert_eq!(s.rotation.sla.counts, SlaCounts { near: 1, breach: 1 });
    // Ten minutes on, the near one is past its target too.
    tick(&mut s, "2024-05-06T12:10:00Z");
    assert_eq!(s.rotation.sla.counts, SlaCounts { near: 0, breach: 2 });
    // A profile without targets counts nothing.
    let cfg = with_settings(|st| {
        st.sla.high = Default::default();
        st.sla.medium = Default::default();
    });
    let mut s = loaded_with(cfg, vec![row("h", Severity::High, "2024-05-01T00:00:00Z")]);
    tick(&mut s, NOW);
    assert_eq!(s.rotation.sla.counts, SlaCounts::default());
}

#[test]
fn new_high_alerts_notify_only_when_the_config_turns_it_on() {
    let hostile = || {
        let mut a = alert("new1", Severity::High, "2024-05-06T11:59:00Z");
        a.title = "Evil\u{7}\u{1b}]9;pwned\u{7};x".into();
        AlertRow::from_alert(&a)
    };
    // Off by default: the `+` highlight and the toast, nothing for the terminal.
    let mut s = loaded();
    let fx = poll(&mut s, vec![hostile()]);
    assert!(fx.is_empty(), "{fx:?}");
    assert!(s.list.new_ids.contains("new1"));
    // Bell and OSC 777.
    let cfg = with_settings(|st| {
        st.notify = NotifyConfig {
            bell: true,
            desktop: DesktopNotify::Osc777,
            min_severity: Severity::High,
        }
    });
    let mut s = loaded_with(cfg.clone(), rows());
    // Before the session's first fetch has finished, arrivals are its pages: no notification.
    let fx = poll(&mut s, vec![row("early", Severity::High, NOW)]);
    assert!(fx.is_empty(), "{fx:?}");
    assert!(s.list.new_ids.contains("early"), "still highlighted");
    sync(
        &mut s,
        Msg::Sync(SyncStatus {
            last_sync: Some(ts(NOW)),
            ..SyncStatus::default()
        }),
    );
    let fx = poll(&mut s, vec![hostile()]);
    let [Effect::Notify { sequence }] = &fx[..] else {
        panic!("{fx:?}")
    };
    assert!(
        sequence.starts_with("\u{7}\u{1b}]777;notify;mde-triage: new High alert;Evil"),
        "{sequence:?}"
    );
    assert_eq!(
        sequence.matches('\u{1b}').count(),
        1,
        "one escape: {sequence:?}"
    );
    assert_eq!(
        sequence.matches('\u{7}').count(),
        2,
        "the bell and the end: {sequence:?}"
    );
    // Below the threshold, or already known: nothing.
    assert!(poll(&mut s, vec![row("low2", Severity::Low, NOW)]).is_empty());
    assert!(poll(&mut s, vec![hostile()]).is_empty(), "not new any more");
    // The first fill of an empty list is not "new".
    let mut s = State::new(cfg);
    let fx = update(&mut s, AppMsg::Init);
    let Effect::Start { req } = fx[0] else {
        panic!()
    };
    let fx = sync(
        &mut s,
        Msg::AlertsUpdated {
            req,
            rows: vec![hostile()],
            complete: true,
        },
    );
    assert!(
        !fx.iter().any(|e| matches!(e, Effect::Notify { .. })),
        "{fx:?}"
    );
}
