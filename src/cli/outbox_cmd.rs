//! `mde-triage outbox [list|retry|drop ID]`: see what is queued, send it, or give a write up.

use super::alerts_cmd::send;
use super::args::OutboxCommand;
use super::context::{Context, stderr_prompt};
use super::exit::UsageError;
use anyhow::Context as _;
use mde_store::{OutboxEntry, OutboxState, Store};
use std::io::{IsTerminal, Write};

/// Runs an `outbox` subcommand (default: list).
pub async fn run(ctx: &Context, cmd: Option<OutboxCommand>) -> anyhow::Result<()> {
    let store = Store::open(&ctx.store_path()?).context("opening the local store")?;
    match cmd.unwrap_or(OutboxCommand::List { all: false }) {
        OutboxCommand::List { all } => {
            let states: &[OutboxState] = if all {
                &[
                    OutboxState::Pending,
                    OutboxState::Sending,
                    OutboxState::Failed,
                    OutboxState::Conflict,
                    OutboxState::Done,
                    OutboxState::Discarded,
                ]
            } else {
                &[
                    OutboxState::Pending,
                    OutboxState::Sending,
                    OutboxState::Failed,
                    OutboxState::Conflict,
                ]
            };
            let entries = blocking(&store, move |s| s.outbox_list(states)).await?;
            let mut out = std::io::stdout().lock();
            super::alerts_cmd::reader_gone_is_fine(
                write_entries(&mut out, &entries, std::io::stdout().is_terminal())
                    .and_then(|()| out.flush()),
            )?;
            Ok(())
        }
        OutboxCommand::Retry { id } => {
            if ctx.read_only {
                return Err(UsageError("read-only mode: outbox retry is refused".into()).into());
            }
            let n = blocking(&store, move |s| s.outbox_retry_failed(id)).await?;
            if id.is_some() && n == 0 {
                return Err(UsageError(format!("outbox entry {id:?} is not failed")).into());
            }
            eprintln!("{n} failed write(s) queued again");
            send(ctx.client(stderr_prompt())?, store).await
        }
        OutboxCommand::Drop { id } => {
            if !blocking(&store, move |s| s.outbox_drop(id)).await? {
                return Err(UsageError(format!("no queued or failed outbox entry {id}")).into());
            }
            println!("outbox {id}: dropped");
            Ok(())
        }
    }
}

async fn blocking<T: Send + 'static>(
    store: &Store,
    f: impl FnOnce(&Store) -> Result<T, mde_store::StoreError> + Send + 'static,
) -> anyhow::Result<T> {
    let store = store.clone();
    Ok(tokio::task::spawn_blocking(move || f(&store)).await??)
}

/// One line per entry: id, state, attempts, alerts, the change, and why it failed.
fn write_entries(out: &mut impl Write, entries: &[OutboxEntry], tty: bool) -> std::io::Result<()> {
    if entries.is_empty() {
        return writeln!(out, "outbox empty");
    }
    let clean = |s: &str| -> String {
        if tty {
            mde_text::sanitize_line(s).text.into_owned()
        } else {
            mde_text::log_escape(s).into_owned()
        }
    };
    writeln!(
        out,
        "{:<6} {:<10} {:>3}  {:<28} CHANGE",
        "ID", "STATE", "TRY", "ALERTS"
    )?;
    for e in entries {
        let change = super::outbox_write::change(&e.write);
        writeln!(
            out,
            "{:<6} {:<10} {:>3}  {:<28} {}{}",
            e.id,
            e.state.as_str(),
            e.attempts,
            clean(&super::outbox_write::targets(&e.write)),
            clean(&change.join(" ")),
            e.reason
                .as_deref()
                .map(|r| format!("  ({})", clean(r)))
                .unwrap_or_default()
        )?;
    }
    Ok(())
}
