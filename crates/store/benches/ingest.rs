//! Ingest throughput: parse a page of 10,000 alerts with evidence and store it, in MB/s of JSON.

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use mde_emulator::demo_data::{DemoSpec, generate};
use mde_model::{Timestamp, parse_page};
use mde_store::Store;
use std::hint::black_box;

const PAGE: usize = 10_000;

fn page_json() -> String {
    let spec = DemoSpec {
        alerts: PAGE,
        seed: 7,
        end: Timestamp::parse("2026-11-01T12:00:00.1234567Z").expect("fixed time parses"),
    };
    let alerts = generate(&spec);
    serde_json::to_string(&serde_json::json!({ "value": alerts })).expect("alerts serialise")
}

fn ingest(c: &mut Criterion) {
    let json = page_json();
    let mut group = c.benchmark_group("ingest");
    group.throughput(Throughput::Bytes(json.len() as u64));
    group.sample_size(10);

    group.bench_function("parse_10k", |b| {
        b.iter(|| black_box(parse_page(&json).expect("page parses").alerts.len()))
    });

    group.bench_function("parse_and_store_10k_in_memory", |b| {
        b.iter_batched(
            || Store::open_in_memory().expect("store opens"),
            |store| {
                let page = parse_page(&json).expect("page parses");
                black_box(store.upsert_alerts(&page.alerts).expect("stored").len())
            },
            BatchSize::PerIteration,
        )
    });

    let dir = tempfile::tempdir().expect("temp dir");
    let mut n = 0;
    group.bench_function("parse_and_store_10k_file", |b| {
        b.iter_batched(
            || {
                n += 1;
                Store::open(&dir.path().join(format!("bench-{n}.sqlite3"))).expect("store opens")
            },
            |store| {
                let page = parse_page(&json).expect("page parses");
                black_box(store.upsert_alerts(&page.alerts).expect("stored").len())
            },
            BatchSize::PerIteration,
        )
    });
    group.finish();
}

criterion_group!(benches, ingest);
criterion_main!(benches);
