//! Demo tenant generation speed: the issue asks for 100,000 alerts "in a few seconds" (release).

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use mde_emulator::demo_data::{DemoSpec, generate};
use mde_model::Timestamp;
use std::hint::black_box;
use std::time::Duration;

fn end() -> Timestamp {
    Timestamp::parse("2026-11-26T20:00:00Z").unwrap_or_else(|_| Timestamp::now())
}

fn generate_tenants(c: &mut Criterion) {
    let mut g = c.benchmark_group("demo_data");
    for alerts in [500usize, 100_000] {
        let spec = DemoSpec {
            alerts,
            seed: 42,
            end: end(),
        };
        g.throughput(Throughput::Elements(alerts as u64));
        if alerts >= 100_000 {
            // Each run takes on the order of a second: a few samples are enough.
            g.sample_size(10);
            g.measurement_time(Duration::from_secs(20));
        }
        g.bench_function(format!("generate_{alerts}"), |b| {
            b.iter(|| generate(black_box(&spec)))
        });
    }
    g.finish();
}

criterion_group!(benches, generate_tenants);
criterion_main!(benches);
