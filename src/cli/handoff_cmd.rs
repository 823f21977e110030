//! `mde-triage handoff --since 12h [--out FILE]`: the shift's Markdown report.

use super::context::{Context, stderr_prompt};
use super::exit::UsageError;
use super::rotation_args::{HandoffArgs, RotationArgs};
use super::since::{parse_age, since};
use crate::tui::rotation::handoff::{HandoffScope, build_report};
use anyhow::Context as _;
use mde_model::Timestamp;
use mde_store::Store;
use std::io::Write;

/// Runs `handoff`.
pub async fn run(ctx: &Context, rotation: &RotationArgs, args: &HandoffArgs) -> anyhow::Result<()> {
    let age = parse_age(&args.since).map_err(|e| UsageError(format!("--since: {e}")))?;
    let settings = ctx.console_settings(rotation)?;
    let now = Timestamp::now();
    let scope = HandoffScope {
        profile: ctx.profile_name.clone(),
        tenant: ctx.tenant(),
        author: ctx.identity(),
        zone: settings.zone,
        sla: settings.sla,
        since: since(now, age),
        now,
    };
    let client = ctx.client(stderr_prompt())?;
    let store = Store::open(&ctx.store_path()?).context("opening the local store")?;
    let report = build_report(&client, &store, &scope).await?;
    match &args.out {
        Some(path) => {
            std::fs::write(path, &report).with_context(|| format!("writing {}", path.display()))?;
            eprintln!("mde-triage: handoff written to {}", path.display());
        }
        None => {
            let mut out = std::io::stdout().lock();
            super::alerts_cmd::reader_gone_is_fine(
                out.write_all(report.as_bytes()).and_then(|()| out.flush()),
            )?;
        }
    }
    Ok(())
}
