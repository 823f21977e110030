//! The command line: the console (default), `--demo`, `emulator`, `alerts …`, `outbox …` and
//! `info`, with exit codes and error reports that follow CLI conventions.

mod actions_args;
mod actions_cmd;
mod alert_view;
mod alerts_cmd;
pub mod args;
mod audit_cmd;
mod config_cmd;
mod console_cmd;
mod console_exit;
mod context;
#[cfg(feature = "demo")]
mod demo;
mod device_output;
mod docs_cmd;
#[cfg(feature = "demo")]
pub mod emulator_args;
pub mod exit;
mod file_scratch;
mod graph_context;
mod graph_output;
mod handoff_cmd;
pub mod hunt_args;
mod hunt_cmd;
pub mod incidents_args;
mod incidents_cmd;
mod indicators_args;
mod indicators_cmd;
mod info_cmd;
mod list_args;
mod machines_args;
mod machines_cmd;
mod machines_respond;
mod outbox_cmd;
mod outbox_write;
mod output;
mod query;
pub mod rotation_args;
mod rotation_console;
mod session_opener;
mod since;
mod suggest;
mod table;
mod triage_change;
mod watch_args;
mod watch_cmd;

pub use args::{Cli, Command};
pub use context::Context;

use clap::Parser;
use std::process::ExitCode;

/// The program: parse arguments, run the command, report errors. What `main` calls.
pub fn main() -> ExitCode {
    // clap prints usage errors itself and exits with 2 (0 for --help and --version).
    let cli = Cli::parse();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            return exit::report(&anyhow::Error::new(e).context("starting the async runtime"));
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(code) => code,
        Err(e) => exit::report(&e),
    }
}

/// Runs a parsed command line.
pub async fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    // The emulator needs no profile: it is the other side of the wire.
    #[cfg(feature = "demo")]
    if let Some(Command::Emulator(args)) = cli.command {
        let paths = crate::config::Paths::resolve(cli.global.config.as_deref());
        if let Err(e) = crate::logging::init(&paths.log_file()) {
            eprintln!("mde-triage: warning: no log file: {e}");
        }
        mde_emulator::run_forever(args.into()).await?;
        return Ok(ExitCode::SUCCESS);
    }
    // Issue 12: these need no profile (checking a broken config is the point of one of them).
    match &cli.command {
        Some(Command::Config { action }) => {
            config_cmd::run(action, cli.global.config.as_deref())?;
            return Ok(ExitCode::SUCCESS);
        }
        Some(Command::Completions(a)) => {
            alerts_cmd::reader_gone_is_fine(docs_cmd::completions(
                a.shell,
                &mut std::io::stdout().lock(),
            ))?;
            return Ok(ExitCode::SUCCESS);
        }
        Some(Command::Man) => {
            alerts_cmd::reader_gone_is_fine(docs_cmd::man(&mut std::io::stdout().lock()))?;
            return Ok(ExitCode::SUCCESS);
        }
        _ => {}
    }
    let ctx = Context::load(&cli.global)?;
    start_logging(&ctx);
    tracing::info!(version = env!("CARGO_PKG_VERSION"), profile = %ctx.profile_name, "start");
    match cli.command {
        #[cfg(feature = "demo")]
        None if cli.demo => {
            // The config's keys, theme, views, SLA and notifications apply to the demo too.
            let settings = ctx.console_settings(&cli.rotation)?;
            return demo::run(cli.demo_state, ctx.read_only, settings).await;
        }
        None => return console_cmd::run(&ctx, &cli.rotation).await,
        #[cfg(feature = "demo")]
        Some(Command::Emulator(_)) => {}
        Some(Command::Alerts(cmd)) => alerts_cmd::run(&ctx, cmd).await?,
        Some(Command::Outbox { action }) => outbox_cmd::run(&ctx, action).await?,
        Some(Command::Info) => info_cmd::run(&ctx),
        Some(Command::Machines(cmd)) => machines_cmd::run(&ctx, cmd).await?,
        Some(Command::Actions(cmd)) => actions_cmd::run(&ctx, cmd).await?,
        Some(Command::Indicators(cmd)) => indicators_cmd::run(&ctx, cmd).await?,
        Some(Command::Incidents(cmd)) => incidents_cmd::run(&ctx, cmd).await?,
        Some(Command::Hunt(args)) => hunt_cmd::run(&ctx, &args).await?,
        Some(Command::Handoff(args)) => handoff_cmd::run(&ctx, &cli.rotation, &args).await?,
        Some(Command::Audit(args)) => audit_cmd::run(&ctx, &cli.rotation, &args)?,
        Some(Command::Config { .. } | Command::Completions(_) | Command::Man) => {}
    }
    Ok(ExitCode::SUCCESS)
}

/// Logging is useful but not essential: a read-only home must not stop the console.
fn start_logging(ctx: &Context) {
    if let Err(e) = crate::logging::init(&ctx.paths.log_file()) {
        eprintln!("mde-triage: warning: no log file: {e}");
    }
}
