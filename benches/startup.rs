//! First frame from the cache at 100,000 alerts: open the store file, read every compact row,
//! build the State, hand it the rows and draw the first frame. The cache file is written once,
//! outside the timed part. Target: < 300 ms.

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

const ALERTS: usize = 100_000;

/// Writes a cache of `ALERTS` demo alerts with evidence, in batches as the poller does.
fn write_cache(path: &Path) {
    let spec = DemoSpec {
        alerts: ALERTS,
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
    assert_eq!(store.alert_count().expect("count"), ALERTS as u64);
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
    s.list.match_count()
}

fn startup(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("cache.sqlite3");
    write_cache(&path);
    assert_eq!(first_frame(&path, 200, 60), ALERTS);

    let mut group = c.benchmark_group("startup_100k");
    group.sample_size(10);
    group.bench_function("rows_state_first_frame_200x60", |b| {
        b.iter(|| black_box(first_frame(&path, 200, 60)))
    });
    let store = Store::open(&path).expect("store opens");
    group.bench_function("store_rows_only", |b| {
        b.iter(|| black_box(store.rows().expect("rows read").len()))
    });
    group.finish();
}

criterion_group!(benches, startup);
criterion_main!(benches);
