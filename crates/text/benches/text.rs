//! Text costs per frame: the sanitiser's borrowed fast path for clean list cells, hostile
//! values, and a 100,000-character command line bounded to one list cell (must cost what is
//! shown, not what the value holds).

use criterion::{Criterion, criterion_group, criterion_main};
use mde_text::{bounded, powershell, sanitize_line, truncate};
use std::hint::black_box;

fn text(c: &mut Criterion) {
    let mut g = c.benchmark_group("text");
    let clean = "Suspicious PowerShell command line executed by signed binary";
    g.bench_function("sanitize_clean_title", |b| {
        b.iter(|| black_box(sanitize_line(black_box(clean))))
    });
    let hostile = "invoice\u{202e}fdp.exe \x1b]52;c;ZWNobyBwd25lZA==\x07 svch\u{43e}st 東京";
    g.bench_function("sanitize_hostile", |b| {
        b.iter(|| black_box(sanitize_line(black_box(hostile))))
    });
    let long = format!(
        "powershell.exe -nop -w hidden -enc {}",
        "SQBFAFgA".repeat(12_500)
    );
    g.bench_function("bounded_100k_to_60_cols", |b| {
        b.iter(|| black_box(bounded(black_box(&long), 60)))
    });
    g.bench_function("truncate_100k_to_60_cols", |b| {
        b.iter(|| black_box(truncate(black_box(&long), 60)))
    });
    g.bench_function("sanitize_whole_100k", |b| {
        b.iter(|| black_box(sanitize_line(black_box(&long))))
    });
    g.bench_function("decode_100k_encoded_command", |b| {
        b.iter(|| black_box(powershell::decode(black_box(&long))))
    });
    g.finish();
}

criterion_group!(benches, text);
criterion_main!(benches);
