//! Warm start at 1k, 10k and 100k cached alerts, as the sync task and the console do it:
//! `first_screen` opens the store file, reads the open queue's first rows (`first_rows`), builds
//! the State, hands it those rows and draws the first 200×60 frame — the first usable screen;
//! `everything` goes on to read every row and hand them over in the sync task's slices, then
//! draws again — the list complete; `indexed` goes on to the idle turns that index the rows'
//! text behind the list (until then a filter reads the text of the rows that wait). Each cache
//! file is written once, outside the timed part.
//! Target (scale issue): the first usable screen of 100k in ≤ 100 ms.

use criterion::{Criterion, criterion_group, criterion_main};
use mde_console::app::{AppConfig, AppMsg, State, update, wants_idle};
use mde_emulator::demo_data::{DemoSpec, generate};
use mde_model::protocol::{Effect, Msg};
use mde_model::{ParsedAlert, Timestamp};
use mde_store::Store;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::hint::black_box;
use std::path::Path;

/// Writes a cache of `alerts` demo alerts with evidence, in batches as the poller does.
fn write_cache(path: &Path, alerts: usize) {
    let spec = DemoSpec {
        alerts,
        seed: 3,
        end: Timestamp::parse("2026-11-01T12:00:00Z").expect("fixed time parses"),
    };
    let store = Store::open(path).expect("store opens");
    for chunk in generate(&spec).chunks(10_000) {
        let parsed: Vec<ParsedAlert> = chunk
            .iter()
            .map(|a| ParsedAlert {
                raw: serde_json::to_string(a).expect("alert serialises"),
                alert: a.clone(),
            })
            .collect();
        store.upsert_alerts(&parsed).expect("stored");
    }
    assert_eq!(store.alert_count().expect("count"), alerts as u64);
}

/// Rows in the first message and per later message (as `mde_sync`'s warm start).
const FIRST: usize = 300;
const SLICE: usize = 25_000;

/// How far a warm start goes.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd)]
enum Upto {
    FirstScreen,
    Everything,
    Indexed,
}

/// From "the cache exists" to the first screen, or on to the whole list on screen, or on to
/// every row indexed.
fn warm_start(path: &Path, w: u16, h: u16, upto: Upto) -> usize {
    let store = Store::open(path).expect("store opens");
    let first = store.first_rows(FIRST).expect("first rows read");
    let mut s = State::new(AppConfig::new("analyst@contoso.com"));
    let req = match update(&mut s, AppMsg::Init).first() {
        Some(Effect::Start { req }) => *req,
        _ => 1,
    };
    let _ = update(&mut s, AppMsg::Sync(Msg::CacheLoaded { req, rows: first }));
    let mut term = Terminal::new(TestBackend::new(w, h)).expect("test terminal");
    term.draw(|f| mde_console::ui::render(f, &s)).expect("draw");
    if upto >= Upto::Everything {
        let mut rows = store.rows().expect("rows read");
        while !rows.is_empty() {
            let rest = rows.split_off(rows.len().min(SLICE));
            let _ = update(&mut s, AppMsg::Sync(Msg::CacheLoaded { req, rows }));
            rows = rest;
        }
        term.draw(|f| mde_console::ui::render(f, &s)).expect("draw");
    }
    if upto == Upto::Indexed {
        while wants_idle(&s) {
            black_box(update(&mut s, AppMsg::Idle).into_vec());
        }
        assert_eq!(s.list.rows.unindexed(), 0);
    }
    s.list.total_count()
}

fn startup(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut group = c.benchmark_group("startup");
    group.sample_size(10);
    for n in [1_000usize, 10_000, 100_000] {
        let path = dir.path().join(format!("cache-{n}.sqlite3"));
        write_cache(&path, n);
        assert_eq!(warm_start(&path, 200, 60, Upto::Indexed), n);
        assert!(warm_start(&path, 200, 60, Upto::FirstScreen) <= FIRST);
        for (name, upto) in [
            ("first_screen", Upto::FirstScreen),
            ("everything", Upto::Everything),
            ("indexed", Upto::Indexed),
        ] {
            group.bench_function(format!("{name}_200x60_{n}"), |b| {
                b.iter(|| black_box(warm_start(&path, 200, 60, upto)))
            });
        }
        let store = Store::open(&path).expect("store opens");
        group.bench_function(format!("store_rows_only_{n}"), |b| {
            b.iter(|| black_box(store.rows().expect("rows read").len()))
        });
    }
    group.finish();
}

criterion_group!(benches, startup);
criterion_main!(benches);
