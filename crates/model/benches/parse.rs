//! Parsing API pages (`{"value": [...]}`, evidence expanded) of demo alerts, in MiB/s of JSON:
//! one page of 1k and of 10k alerts, and 100k as ten 10k pages (the service's largest page is
//! 10,000), so a cost that grows faster than the input shows. Target (scale issue): ≥ 400 MiB/s.
//! `rows_N` reads the same pages as a sync does since step 9: each alert straight into its row
//! (searchable text included), its evidence borrowed from the page.
//!
//! `cargo bench -p mde-model --bench parse`.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use mde_emulator::demo_data::{DemoSpec, generate};
use mde_model::{Timestamp, parse_page, parse_page_rows};
use std::hint::black_box;
use std::time::Duration;

/// `alerts` demo alerts as API pages of at most 10,000.
fn pages(alerts: usize) -> Vec<String> {
    let spec = DemoSpec {
        alerts,
        seed: 7,
        end: Timestamp::parse("2026-11-01T12:00:00.1234567Z").expect("fixed time parses"),
    };
    generate(&spec)
        .chunks(10_000)
        .map(|page| {
            serde_json::to_string(&serde_json::json!({ "value": page })).expect("alerts serialise")
        })
        .collect()
}

fn parse(c: &mut Criterion) {
    let mut group = c.benchmark_group("parse");
    group.sample_size(10);
    for n in [1_000usize, 10_000, 100_000] {
        let pages = pages(n);
        let bytes: usize = pages.iter().map(String::len).sum();
        group.throughput(Throughput::Bytes(bytes as u64));
        if n >= 100_000 {
            group.measurement_time(Duration::from_secs(20));
        }
        group.bench_function(format!("page_{n}"), |b| {
            b.iter(|| {
                let mut parsed = 0;
                for p in &pages {
                    parsed += parse_page(p).expect("page parses").alerts.len();
                }
                black_box(parsed)
            })
        });
        group.bench_function(format!("rows_{n}"), |b| {
            b.iter(|| {
                let mut read = 0;
                for p in &pages {
                    read += parse_page_rows(p).expect("page reads").alerts.len();
                }
                black_box(read)
            })
        });
    }
    group.finish();
}

criterion_group!(benches, parse);
criterion_main!(benches);
