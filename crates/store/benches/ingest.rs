//! Ingest throughput, in MiB/s of API JSON: demo alerts with evidence in pages of at most 10,000
//! (the service's largest), parsed and stored into a new cache file (WAL) the way the poller
//! does it — each alert read straight into its row (`parse_page_rows`), one `upsert_rows` per
//! page — at 1k, 10k and 100k alerts; and the store alone (the rows read beforehand; before
//! step 9 this case built the rows too). Target (scale issue): parse + store ≥ 250 MiB/s.
//!
//! `pipelined_file` overlaps them as the sync does: pages read into rows on one thread,
//! stored on another. `parse_store_close_file` and `pipelined_close_file` also time closing the
//! store: the log copied into the database file (the background checkpoint waits for the
//! writes to pause, so this copy is after the writes, not beside them).
//!
//! Each size also prints what one parse + store + close writes (`write_volume`, from
//! `/proc/self/io`: the log, the checkpoint's copy into the file, all threads) against the JSON
//! stored: a count that the machine's load does not change, unlike the times.
//!
//! Each iteration writes a new file and deletes it after (a 100k cache is ~0.6 GB).
//! `cargo bench -p mde-store --bench ingest` (`INGEST_SIZES=1000,10000` to choose sizes).

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use mde_emulator::demo_data::{DemoSpec, generate};
use mde_model::{PageReader, ParsedRow, Timestamp, parse_page_rows};
use mde_store::Store;
use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

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

fn sizes() -> Vec<usize> {
    std::env::var("INGEST_SIZES")
        .ok()
        .map(|v| v.split(',').filter_map(|s| s.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![1_000, 10_000, 100_000])
}

/// Times `run` against a new store file per iteration, and with `closed` the closing too (the
/// background checkpoint finishing, every page in the database file); the file is removed
/// afterwards. `prepare` makes each iteration's input before the clock starts.
fn per_new_file<P>(
    dir: &Path,
    iters: u64,
    closed: bool,
    mut prepare: impl FnMut() -> P,
    mut run: impl FnMut(&Store, P),
) -> Duration {
    let mut total = Duration::ZERO;
    for i in 0..iters {
        let path = dir.join(format!("bench-{i}.sqlite3"));
        let store = Store::open(&path).expect("store opens");
        let input = prepare();
        let t = Instant::now();
        run(&store, input);
        if !closed {
            total += t.elapsed();
        }
        drop(store);
        if closed {
            total += t.elapsed();
        }
        remove_store(&path);
    }
    total
}

/// A way of parsing and storing the pages into a store.
type Write = fn(&Store, &[String]);

/// Each page read into rows and stored, one transaction a page, as the poller does.
fn parse_and_store(store: &Store, pages: &[String]) {
    for p in pages {
        let page = parse_page_rows(p).expect("page parses");
        black_box(store.upsert_rows(page.alerts).expect("stored").len());
    }
}

/// Removes a store file and its log and index.
fn remove_store(path: &Path) {
    for ext in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{ext}", path.display()));
    }
}

/// Bytes this process has passed to `write` so far (all threads); None where Linux's
/// `/proc/self/io` is not there.
fn written() -> Option<u64> {
    let io = std::fs::read_to_string("/proc/self/io").ok()?;
    io.lines()
        .find_map(|l| l.strip_prefix("wchar: "))?
        .trim()
        .parse()
        .ok()
}

/// Parses and stores `pages` into a new file once, closes it, and prints what was written.
fn write_volume(dir: &Path, n: usize, pages: &[String]) {
    let path = dir.join("volume.sqlite3");
    let json: usize = pages.iter().map(String::len).sum();
    let before = written();
    let store = Store::open(&path).expect("store opens");
    parse_and_store(&store, pages);
    drop(store);
    let file = std::fs::metadata(&path).map_or(0, |m| m.len());
    if let (Some(b), Some(a)) = (before, written()) {
        let mb = |x: u64| x as f64 / 1e6;
        let total = a.saturating_sub(b);
        println!(
            "ingest/write_volume_{n}: {:.0} MB of JSON stored in a {:.0} MB file; {:.0} MB written \
             (log and checkpoint), {:.2} bytes per byte of JSON",
            mb(json as u64),
            mb(file),
            mb(total),
            total as f64 / json.max(1) as f64
        );
    }
    remove_store(&path);
}

/// Parse and store overlapped as the sync does them: one thread reads each page as it would
/// arrive (64 kB pieces through `PageReader`), each alert straight into its row, and hands on
/// batches of 1,000 (the sync's batch); this one stores them; two batches in between.
fn pipelined(store: &Store, pages: &[String]) {
    let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<ParsedRow>>(2);
    std::thread::scope(|s| {
        s.spawn(move || {
            for p in pages {
                let mut reader = PageReader::rows();
                for piece in p.as_bytes().chunks(64 * 1024) {
                    reader.feed(piece).expect("page reads");
                    if reader.ready() >= 1_000 {
                        tx.send(reader.take().0).expect("the store thread waits");
                    }
                }
                let rest = reader.finish().expect("page ends").alerts;
                tx.send(rest).expect("the store thread waits");
            }
        });
        for batch in rx {
            black_box(store.upsert_rows(batch).expect("stored").len());
        }
    });
}

fn ingest(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut group = c.benchmark_group("ingest");
    group.sample_size(10);
    for n in sizes() {
        let pages = pages(n);
        let bytes: usize = pages.iter().map(String::len).sum();
        write_volume(dir.path(), n, &pages);
        group.throughput(Throughput::Bytes(bytes as u64));
        if n >= 100_000 {
            group.measurement_time(Duration::from_secs(30));
        }
        // Each way of writing, timed to the last commit and, with `closed`, to the close.
        let ways: [(&str, bool, Write); 4] = [
            ("parse_and_store_file", false, parse_and_store),
            ("parse_store_close_file", true, parse_and_store),
            ("pipelined_file", false, pipelined),
            ("pipelined_close_file", true, pipelined),
        ];
        for (name, closed, write) in ways {
            group.bench_function(format!("{name}_{n}"), |b| {
                b.iter_custom(|iters| {
                    per_new_file(
                        dir.path(),
                        iters,
                        closed,
                        || (),
                        |store, ()| write(store, &pages),
                    )
                })
            });
        }
        let parsed: Vec<Vec<ParsedRow>> = pages
            .iter()
            .map(|p| parse_page_rows(p).expect("page parses").alerts)
            .collect();
        group.bench_function(format!("store_only_file_{n}"), |b| {
            b.iter_custom(|iters| {
                per_new_file(
                    dir.path(),
                    iters,
                    false,
                    || parsed.clone(),
                    |store, parsed| {
                        for page in parsed {
                            black_box(store.upsert_rows(page).expect("stored").len());
                        }
                    },
                )
            })
        });
        if n == 10_000 {
            group.bench_function("parse_and_store_in_memory_10000", |b| {
                b.iter_custom(|iters| {
                    let mut total = Duration::ZERO;
                    for _ in 0..iters {
                        let store = Store::open_in_memory().expect("store opens");
                        let t = Instant::now();
                        parse_and_store(&store, &pages[..1]);
                        total += t.elapsed();
                    }
                    total
                })
            });
        }
    }
    group.finish();
}

criterion_group!(benches, ingest);
criterion_main!(benches);
