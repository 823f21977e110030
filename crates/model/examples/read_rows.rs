//! Reads one API page file into rows once, as a sync does, and prints how many it read: a
//! fixed amount of work to count under `valgrind --tool=callgrind`, whose instruction counts
//! do not move with the machine's load as wall-clock times do on a shared 2-core VM.
//!
//! `cargo build --release -p mde-model --example read_rows`, then
//! `valgrind --tool=callgrind target/release/examples/read_rows alerts-2000.json`.
//! `--check` also prints a hash of every row and raw text, to show two builds read alike.

use std::hash::{DefaultHasher, Hash, Hasher};
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let (mut path, mut check) = (None, false);
    for a in args.by_ref() {
        match a.as_str() {
            "--check" => check = true,
            _ => path = Some(a),
        }
    }
    let Some(path) = path else {
        eprintln!("usage: read_rows [--check] PAGE.json");
        return ExitCode::from(2);
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("read_rows: {path}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let page = match mde_model::parse_page_rows(&text) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("read_rows: {path}: {e}");
            return ExitCode::FAILURE;
        }
    };
    print!("{} rows, {} skipped", page.alerts.len(), page.skipped.len());
    if check {
        let mut h = DefaultHasher::new();
        for r in &page.alerts {
            r.raw.hash(&mut h);
            format!("{:?}", r.row).hash(&mut h);
        }
        print!(", hash {:016x}", h.finish());
    }
    println!();
    ExitCode::SUCCESS
}
