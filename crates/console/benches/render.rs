//! One full frame of the real UI drawn through `Terminal::draw` into a `TestBackend`: the list
//! alone at 1k, 10k and 100k alerts, and at 100k an alert's detail + evidence open, at 80×24 and
//! 200×60, and a frame after a page move. Target (scale issue): a 200×60 frame ≤ 1 ms whatever
//! the number of alerts.

use criterion::{Criterion, criterion_group, criterion_main};
use mde_console::app::{Action, AppConfig, AppMsg, State, update};
use mde_emulator::demo_data::{DemoSpec, generate};
use mde_model::protocol::{AlertDetail, Effect, Msg};
use mde_model::{Alert, AlertRow, Timestamp};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::hint::black_box;

/// The generated alerts and a state with all of them loaded as rows, cursor on the first.
fn loaded(alerts: usize) -> (Vec<Alert>, State) {
    let spec = DemoSpec {
        alerts,
        seed: 11,
        end: Timestamp::parse("2026-11-01T12:00:00Z").expect("fixed time parses"),
    };
    let alerts = generate(&spec);
    let rows: Vec<AlertRow> = alerts.iter().map(AlertRow::from_alert).collect();
    let mut s = State::new(AppConfig::new("analyst@contoso.com"));
    let req = match update(&mut s, AppMsg::Init).first() {
        Some(Effect::Start { req }) => *req,
        _ => 1,
    };
    let _ = update(&mut s, AppMsg::Sync(Msg::CacheLoaded { req, rows }));
    (alerts, s)
}

/// Walks down the list until the cursor is on an alert with evidence, opens it, answers the
/// load with the full alert and expands the first evidence node with the evidence pane focused.
fn open_detail(alerts: &[Alert], s: &mut State) {
    for _ in 0..200 {
        let effects = update(s, AppMsg::Action(Action::Enter));
        let Some((req, id)) = effects.iter().find_map(|e| match e {
            Effect::LoadDetail { req, alert_id } => Some((*req, alert_id.clone())),
            _ => None,
        }) else {
            panic!("Enter on the list asks for the detail");
        };
        let alert = alerts
            .iter()
            .find(|a| a.id == id)
            .expect("opened alert is generated")
            .clone();
        if alert.evidence.len() >= 3 {
            let raw = serde_json::to_string(&alert).expect("alert serialises");
            let detail = Box::new(AlertDetail {
                alert,
                raw,
                draft: None,
            });
            let _ = update(s, AppMsg::Sync(Msg::DetailLoaded { req, detail }));
            let _ = update(s, AppMsg::Action(Action::NextPane));
            let _ = update(s, AppMsg::Action(Action::NextPane));
            let _ = update(s, AppMsg::Action(Action::Expand));
            return;
        }
        let _ = update(s, AppMsg::Action(Action::Back));
        let _ = update(s, AppMsg::Action(Action::Down));
    }
    panic!("no alert with evidence near the top of the list");
}

fn frames(c: &mut Criterion) {
    let mut group = c.benchmark_group("frame");
    // `RENDER_SMALL=1`: the 1k cases alone (a frame does not depend on N; for profiling under
    // callgrind, where loading 100k alerts twice takes most of an hour).
    if std::env::var_os("RENDER_SMALL").is_some() {
        let state = loaded(1_000).1;
        let mut term = Terminal::new(TestBackend::new(200, 60)).expect("test terminal");
        group.bench_function("list_200x60_1000", |b| {
            b.iter(|| {
                let done = term
                    .draw(|f| mde_console::ui::render(f, &state))
                    .expect("draw");
                black_box(done.area);
            })
        });
        return;
    }
    for n in [1_000usize, 10_000] {
        let state = loaded(n).1;
        for (w, h) in [(80u16, 24u16), (200, 60)] {
            let mut term = Terminal::new(TestBackend::new(w, h)).expect("test terminal");
            group.bench_function(format!("list_{w}x{h}_{n}"), |b| {
                b.iter(|| {
                    let done = term
                        .draw(|f| mde_console::ui::render(f, &state))
                        .expect("draw");
                    black_box(done.area);
                })
            });
        }
    }
    let (alerts, list_state) = loaded(100_000);
    let mut detail_state = loaded(100_000).1;
    open_detail(&alerts, &mut detail_state);
    assert!(detail_state.detail.is_some(), "detail is open");
    drop(alerts);

    for (w, h) in [(80u16, 24u16), (200, 60)] {
        for (name, state) in [("list", &list_state), ("detail_evidence", &detail_state)] {
            let mut term = Terminal::new(TestBackend::new(w, h)).expect("test terminal");
            group.bench_function(format!("{name}_{w}x{h}_100000"), |b| {
                b.iter(|| {
                    let done = term
                        .draw(|f| mde_console::ui::render(f, state))
                        .expect("draw");
                    black_box(done.area);
                })
            });
        }
    }

    // A frame after the cursor moved: the visible window shifts, so cached cells are re-formatted.
    let mut moving = list_state;
    let mut term = Terminal::new(TestBackend::new(200, 60)).expect("test terminal");
    let mut down = true;
    group.bench_function("list_page_move_200x60_100000", |b| {
        b.iter(|| {
            let act = if down {
                Action::PageDown
            } else {
                Action::PageUp
            };
            down = !down;
            let _ = update(&mut moving, AppMsg::Action(act));
            let done = term
                .draw(|f| mde_console::ui::render(f, &moving))
                .expect("draw");
            black_box(done.area);
        })
    });
    group.finish();
}

criterion_group!(benches, frames);
criterion_main!(benches);
