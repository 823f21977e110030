//! `mde-triage audit [--since 24h] [--json]`: the local, append-only log of every write and
//! action this console sent, with time, subject, change, result and who.

use super::context::Context;
use super::exit::UsageError;
use super::rotation_args::{AuditArgs, RotationArgs};
use super::since::{parse_age, since};
use crate::tui::rotation::handoff::audit_records as records;
use anyhow::Context as _;
use mde_model::Timestamp;
use mde_ops::audit::{AuditRecord, outcomes, result_of};
use mde_store::Store;
use mde_text::{fit, log_escape, sanitize_line};
use std::io::{IsTerminal, Write};

/// Runs `audit`.
pub fn run(ctx: &Context, rotation: &RotationArgs, args: &AuditArgs) -> anyhow::Result<()> {
    let age = parse_age(&args.since).map_err(|e| UsageError(format!("--since: {e}")))?;
    let zone = ctx.console_settings(rotation)?.zone;
    let store = Store::open(&ctx.store_path()?).context("opening the local store")?;
    // Outcomes may be logged after the window starts for writes queued before it: read them all
    // from a day earlier so a write's result is found.
    let from = since(Timestamp::now(), age);
    let all = records(store.audit_since(Timestamp(from.0 - chrono::TimeDelta::days(1)))?);
    let results = outcomes(&all);
    let shown: Vec<&AuditRecord> = all.iter().filter(|r| r.at >= from).collect();
    let mut out = std::io::stdout().lock();
    let write = |out: &mut std::io::StdoutLock<'_>| -> std::io::Result<()> {
        if args.json {
            for r in &shown {
                let v = serde_json::json!({
                    "at": r.at.to_wire(),
                    "kind": r.kind,
                    "subjects": r.subjects,
                    "change": r.change(),
                    "result": result_of(r, &results),
                    "identity": r.identity,
                    "outboxId": r.outbox_id,
                    "detail": r.detail,
                });
                writeln!(out, "{v}")?;
            }
            return out.flush();
        }
        let tty = std::io::stdout().is_terminal();
        // A terminal gets the sanitiser; a pipe gets one escaped record per line.
        let cell = |s: &str, w: usize| {
            if tty {
                fit(s, w).to_string()
            } else {
                format!("{:<w$}", log_escape(s))
            }
        };
        let last = |s: &str| {
            if tty {
                sanitize_line(s).text.into_owned()
            } else {
                log_escape(s).into_owned()
            }
        };
        writeln!(
            out,
            "{} {} {} {} {} CHANGE",
            cell("TIME", 16),
            cell("KIND", 9),
            cell("SUBJECT", 28),
            cell("RESULT", 20),
            cell("BY", 24)
        )?;
        for r in &shown {
            let offset = zone.offset_at(r.at);
            let at =
                r.at.0
                    .with_timezone(&offset)
                    .format("%Y-%m-%d %H:%M")
                    .to_string();
            writeln!(
                out,
                "{} {} {} {} {} {}",
                cell(&at, 16),
                cell(&r.kind, 9),
                cell(&r.subjects.join(","), 28),
                cell(&result_of(r, &results), 20),
                cell(r.identity.as_deref().unwrap_or("-"), 24),
                last(&r.change())
            )?;
        }
        if shown.is_empty() {
            writeln!(out, "(nothing in the last {})", args.since)?;
        }
        out.flush()
    };
    super::alerts_cmd::reader_gone_is_fine(write(&mut out))?;
    Ok(())
}
