//! Writes the seeded demo tenant as an API export, so other tools can read the same alerts the
//! emulator serves (`scripts/bench-compare` feeds it to jq, VisiData and `mde-triage --file`).
//!
//! ```text
//! cargo run --release -p mde-emulator --example demo_export -- \
//!     --alerts 100000 [--seed 42] [--end 2026-11-01T12:00:00Z] [--ndjson] [-o FILE]
//! ```
//!
//! The default shape is one `{"value": [...]}` page, evidence expanded, alerts serialised the
//! way `GET /api/alerts?$expand=evidence` sends them; `--ndjson` writes one alert per line.
//! `--end` defaults to now (alerts spread over the 30 days before it).

use mde_emulator::demo_data::{DemoSpec, generate};
use mde_model::Timestamp;
use std::io::{BufWriter, Write};
use std::process::ExitCode;

struct Args {
    alerts: usize,
    seed: u64,
    end: Timestamp,
    ndjson: bool,
    out: Option<String>,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        alerts: 10_000,
        seed: 42,
        end: Timestamp::now(),
        ndjson: false,
        out: None,
    };
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        let mut value = |name: &str| it.next().ok_or(format!("{name} needs a value"));
        match a.as_str() {
            "--alerts" => {
                args.alerts = value("--alerts")?
                    .parse()
                    .map_err(|e| format!("--alerts: {e}"))?
            }
            "--seed" => {
                args.seed = value("--seed")?
                    .parse()
                    .map_err(|e| format!("--seed: {e}"))?
            }
            "--end" => {
                args.end = Timestamp::parse(&value("--end")?).map_err(|e| format!("--end: {e}"))?
            }
            "--ndjson" => args.ndjson = true,
            "-o" | "--out" => args.out = Some(value("-o")?),
            "-h" | "--help" => {
                return Err(
                    "usage: demo_export [--alerts N] [--seed S] [--end RFC3339] [--ndjson] [-o FILE]"
                        .into(),
                );
            }
            other => return Err(format!("unknown argument {other:?}")),
        }
    }
    Ok(args)
}

fn write(args: &Args, out: &mut dyn Write) -> std::io::Result<()> {
    let alerts = generate(&DemoSpec {
        alerts: args.alerts,
        seed: args.seed,
        end: args.end,
    });
    if args.ndjson {
        for a in &alerts {
            serde_json::to_writer(&mut *out, a)?;
            out.write_all(b"\n")?;
        }
    } else {
        out.write_all(b"{\"value\":[")?;
        for (i, a) in alerts.iter().enumerate() {
            if i > 0 {
                out.write_all(b",")?;
            }
            serde_json::to_writer(&mut *out, a)?;
        }
        out.write_all(b"]}\n")?;
    }
    out.flush()
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let result = match &args.out {
        Some(path) => std::fs::File::create(path)
            .and_then(|f| write(&args, &mut BufWriter::with_capacity(1 << 20, f))),
        None => write(
            &args,
            &mut BufWriter::with_capacity(1 << 20, std::io::stdout().lock()),
        ),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("demo_export: {e}");
            ExitCode::FAILURE
        }
    }
}
