//! Reads one API page file into rows and stores them into a new cache file, one transaction,
//! then closes it, as the poller does with a page: a fixed amount of work to count under
//! `valgrind --tool=callgrind` (instructions do not move with the machine's load).
//!
//! `cargo build --release -p mde-store --example store_rows`, then
//! `valgrind --tool=callgrind target/release/examples/store_rows alerts-2000.json DIR`.

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [page, dir] = args.as_slice() else {
        eprintln!("usage: store_rows PAGE.json DIR");
        return ExitCode::from(2);
    };
    match run(page, dir.as_ref()) {
        Ok(n) => {
            println!("{n} rows stored");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("store_rows: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(page: &str, dir: &std::path::Path) -> Result<usize, Box<dyn std::error::Error>> {
    let text = std::fs::read_to_string(page)?;
    let path = dir.join("store_rows.sqlite3");
    for ext in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{ext}", path.display()));
    }
    let store = mde_store::Store::open(&path)?;
    let rows = mde_model::parse_page_rows(&text)?;
    let n = store.upsert_rows(rows.alerts)?.len();
    drop(store);
    Ok(n)
}
