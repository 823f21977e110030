//! Warm start: the first frame from the cache at 1k, 10k and 100k alerts — open the store file,
//! read the compact rows, build the State, hand it the rows and draw the first 200×60 frame.
//! Each cache file is written once, outside the timed part. Target (scale issue): the first
//! usable screen of 100k in ≤ 100 ms.

use criterion::{Criterion, criterion_group, criterion_main};
use mde_console::app::{AppConfig, AppMsg, State, update};
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

/// Everything between "the cache exists" and "the first frame is on screen".
fn first_frame(path: &Path, w: u16, h: u16) -> usize {
    let store = Store::open(path).expect("store opens");
    let rows = store.rows().expect("rows read");
    let mut s = State::new(AppConfig::new("analyst@contoso.com"));
    let req = match update(&mut s, AppMsg::Init).first() {
        Some(Effect::Start { req }) => *req,
        _ => 1,
    };
    let _ = update(&mut s, AppMsg::Sync(Msg::CacheLoaded { req, rows }));
    let mut term = Terminal::new(TestBackend::new(w, h)).expect("test terminal");
    term.draw(|f| mde_console::ui::render(f, &s)).expect("draw");
    s.list.total_count()
}

fn startup(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut group = c.benchmark_group("startup");
    group.sample_size(10);
    for n in [1_000usize, 10_000, 100_000] {
        let path = dir.path().join(format!("cache-{n}.sqlite3"));
        write_cache(&path, n);
        assert_eq!(first_frame(&path, 200, 60), n);
        group.bench_function(format!("first_frame_200x60_{n}"), |b| {
            b.iter(|| black_box(first_frame(&path, 200, 60)))
        });
        let store = Store::open(&path).expect("store opens");
        group.bench_function(format!("store_rows_only_{n}"), |b| {
            b.iter(|| black_box(store.rows().expect("rows read").len()))
        });
    }
    group.finish();
}

criterion_group!(benches, startup);
criterion_main!(benches);
