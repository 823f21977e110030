//! The list at 100k alerts: one filter keystroke (parse + walk every row), a re-sort, and a
//! cursor move, each through `update()` as the analyst triggers them. Target: a keystroke < 16 ms.

use criterion::{Criterion, criterion_group, criterion_main};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use mde_console::app::{Action, AppConfig, AppMsg, State, update};
use mde_emulator::demo_data::{DemoSpec, generate};
use mde_model::protocol::{Effect, Msg};
use mde_model::{AlertRow, Timestamp};
use std::hint::black_box;

const ALERTS: usize = 100_000;

fn loaded() -> State {
    let spec = DemoSpec {
        alerts: ALERTS,
        seed: 11,
        end: Timestamp::parse("2026-11-01T12:00:00Z").expect("fixed time parses"),
    };
    let rows: Vec<AlertRow> = generate(&spec).iter().map(AlertRow::from_alert).collect();
    let mut s = State::new(AppConfig::new("analyst@contoso.com"));
    let req = match update(&mut s, AppMsg::Init).first() {
        Some(Effect::Start { req }) => *req,
        _ => 1,
    };
    let _ = update(&mut s, AppMsg::Sync(Msg::CacheLoaded { req, rows }));
    s
}

fn key(c: char) -> AppMsg {
    AppMsg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
}

fn backspace() -> AppMsg {
    AppMsg::Key(KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE))
}

fn bench(c: &mut Criterion) {
    let mut s = loaded();
    let mut group = c.benchmark_group("list_100k");
    group.sample_size(20);

    // Filter input open with "sev:high power"; each iteration types one more character and
    // deletes it again: two full filter passes over 100k rows.
    let _ = update(&mut s, key('/'));
    for ch in "sev:high powe".chars() {
        let _ = update(&mut s, key(ch));
    }
    group.bench_function("filter_keystroke_x2", |b| {
        b.iter(|| {
            let _ = update(&mut s, key('r'));
            let _ = update(&mut s, backspace());
            black_box(s.list.match_count())
        })
    });
    let _ = update(
        &mut s,
        AppMsg::Key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE)),
    );

    group.bench_function("free_text_keystroke_x2", |b| {
        let _ = update(&mut s, key('/'));
        for ch in "mimikat".chars() {
            let _ = update(&mut s, key(ch));
        }
        b.iter(|| {
            let _ = update(&mut s, key('z'));
            let _ = update(&mut s, backspace());
            black_box(s.list.match_count())
        })
    });
    let _ = update(
        &mut s,
        AppMsg::Key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE)),
    );

    group.bench_function("reverse_sort", |b| {
        b.iter(|| {
            let _ = update(&mut s, AppMsg::Action(Action::ReverseSort));
            black_box(s.list.cursor)
        })
    });

    group.bench_function("cursor_down_up", |b| {
        b.iter(|| {
            let _ = update(&mut s, AppMsg::Action(Action::Down));
            let _ = update(&mut s, AppMsg::Action(Action::Up));
            black_box(s.list.cursor)
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
