//! The demo tenant as `--demo` shows it, with the default SLA: a believable spread (a few
//! breaches, not every old alert), and at 80 columns a status bar that keeps the profile and
//! the sync state whatever else it holds, shortening the less useful segments first.

use super::*;
use mde_console::app::{AppMsg, update};
use mde_emulator::demo_data::{DemoSpec, generate};
use mde_ops::SlaPolicy;

const END: &str = "2026-12-01T15:00:00Z";

/// The default demo tenant (seed 42, 500 alerts) in the console, on the open queue, synced a
/// second ago with a poll due and a write queued.
fn demo_state() -> State {
    let end = ts(END);
    let mut cfg = AppConfig::new("analyst@contoso.com");
    cfg.profile = "demo".into();
    cfg.tenant = "contoso-demo".into();
    let mut s = State::new(cfg);
    let rows: Vec<AlertRow> = generate(&DemoSpec::new(42, end))
        .iter()
        .map(AlertRow::from_alert)
        .collect();
    for r in rows {
        s.list.rows.upsert(r);
    }
    s.list.set_view(
        mde_console::app::list::views::ViewId::OPEN,
        "analyst@contoso.com",
    );
    s.list.loaded = true;
    s.list.selected = Some(s.list.rows.at(0).unwrap().id.clone());
    s.connection.status = SyncStatus {
        last_sync: Some(Timestamp(end.0 - chrono::Duration::seconds(1))),
        // A long interval (or a backoff): the next poll is shown, in minutes.
        next_poll: Some(Timestamp(end.0 + chrono::Duration::seconds(300))),
        budget_left: 87,
        budget_per_minute: 100,
        outbox_pending: 1,
        ..SyncStatus::default()
    };
    let _ = update(&mut s, AppMsg::Tick(end));
    s
}

#[test]
fn the_demo_tenant_has_a_few_sla_breaches_not_every_old_alert() {
    let s = demo_state();
    let open = s.list.match_count();
    let c = SlaPolicy::default().count(s.list.rows.iter_all(), ts(END));
    assert_eq!(
        s.rotation.sla.counts, c,
        "the bar counts with the default SLA"
    );
    assert!(open > 300, "{open} open alerts");
    assert!(
        (2..=open / 20).contains(&c.breach),
        "{} of {open} open alerts breached",
        c.breach
    );
}

/// The status bar (the second row from the bottom).
fn bar(s: &State, w: u16) -> String {
    let t = draw(s, w, 24, &Theme::full());
    text_of(t.backend().buffer())
        .lines()
        .nth(22)
        .unwrap()
        .to_string()
}

#[test]
fn at_80_columns_the_bar_keeps_the_profile_and_the_sync_state() {
    let mut s = demo_state();
    let breach = s.rotation.sla.counts.breach;
    let line = bar(&s, 80);
    assert!(line.starts_with("demo │ "), "{line}");
    assert!(line.contains("synced <1m ago"), "{line}");
    assert!(line.contains(&format!("SLA {breach} breached")), "{line}");
    assert!(line.contains("outbox 1"), "{line}");
    // Wide enough: everything, the view's name and the call budget included.
    let wide = bar(&s, 160);
    assert!(wide.contains("· next in 5m"), "{wide}");
    assert!(wide.contains("87/100 calls"), "{wide}");
    assert!(wide.contains("Open queue "), "{wide}");
    // A message takes room too: the profile and the sync state still show, whole.
    s.toasts.push(Toast {
        text: "Loading the device first…".into(),
        level: Level::Info,
        expires: None,
    });
    let line = bar(&s, 80);
    assert!(line.contains("Loading the device first…"), "{line}");
    assert!(line.starts_with("demo"), "{line}");
    assert!(line.contains("synced <1m ago"), "{line}");
}
