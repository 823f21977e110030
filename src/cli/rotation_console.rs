//! The console on the router (issue 12): one profile (switchable), every profile at once
//! (`--all-profiles`), or an offline file (`--file`); the profiles' settings handed to the
//! console; the outbox of every session drained on the way out.

use super::console_exit::{Left, WindDown};
use super::context::Context;
use super::exit::TEMPFAIL;
use super::rotation_args::RotationArgs;
use super::session_opener::{ContextOpener, profile_info};
use crate::config::TimeDisplay;
use crate::tui::rotation::file_source::FileSession;
use crate::tui::rotation::merge::Merger;
use crate::tui::rotation::router::{Backend, Inbox, Router};
use crate::tui::rotation::session::ProfileSession;
use crate::tui::{ExitReason, run_session};
use anyhow::Context as _;
use chrono::Offset;
use mde_api::auth::PromptCallback;
use mde_console::app::{AppConfig, State, TimeMode};
use mde_model::protocol::Msg;
use mde_ops::{ConsoleSettings, Zone};
use mde_store::Store;
use std::io::Write as _;
use std::path::Path;
use std::process::ExitCode;
use tokio::sync::mpsc;

/// Runs the console on a backend and winds down: every session stopped, its outbox drained
/// within the grace period; exit status 75 when writes are still queued.
pub async fn run_routed(
    mut app: AppConfig,
    time: TimeDisplay,
    settings: &ConsoleSettings,
    backend: Backend,
    inbox: Inbox,
    side: (mpsc::Sender<Msg>, mpsc::Receiver<Msg>),
) -> anyhow::Result<ExitCode> {
    let now = mde_model::Timestamp::now();
    app.local_offset = match settings.zone {
        Zone::Utc | Zone::Local => chrono::Local::now().offset().fix(),
        zone => zone.offset_at(now),
    };
    // The copy dialog says when tmux may hold the OSC 52 copy back.
    app.in_tmux = std::env::var_os("TMUX").is_some();
    // The console applies its settings itself (views, start view, keys, theme, SLA, notify).
    app.settings = settings.clone();
    let mut state = State::new(app);
    if time == TimeDisplay::Local || settings.zone != Zone::Utc {
        state.time_mode = TimeMode::Local(state.config.local_offset);
    }
    let (side_tx, side_rx) = side;
    let (effect_tx, effect_rx) = mpsc::channel(256);
    let router = tokio::spawn(Router::new(backend, inbox, side_tx).run(effect_rx));
    // The loop's end closes the effect channel, so the router stops its sessions; each one's
    // outbox then gets the wind-down (with the countdown frame while writes are queued).
    let (reason, _state, (left, notes)) =
        run_session(state, effect_tx, side_rx, async |t, st, r| {
            let mut left = Left::default();
            let mut notes = Vec::new();
            match router.await {
                Ok(end) => {
                    notes = end.notes;
                    for stopped in end.stopped {
                        let wind_down = WindDown {
                            sync_task: stopped.task,
                            client: stopped.client,
                            store: stopped.store,
                            sync: stopped.sync,
                        };
                        let l = wind_down.run(t, st, r).await;
                        left.queued += l.queued;
                        left.failed += l.failed;
                        left.conflicts += l.conflicts;
                    }
                }
                Err(e) => notes.push(format!("the router task failed: {e}")),
            }
            (left, notes)
        })
        .await?;
    tracing::info!(?reason, ?left, "console ended");
    // stderr may be the terminal that went away: a failed write is not worth a panic (which
    // `eprintln!` would be), and the log has the same facts.
    let mut stderr = std::io::stderr();
    for note in notes {
        let _ = writeln!(stderr, "mde-triage: {note}");
    }
    if let Some(m) = left.message() {
        let _ = writeln!(stderr, "{m}");
    }
    if left.queued > 0 && reason == ExitReason::Quit {
        return Ok(ExitCode::from(TEMPFAIL));
    }
    Ok(ExitCode::from(reason.exit_status()))
}

/// `--file FILE`: the export read-only, from a scratch store of its own in a private temporary
/// directory (removed on the way out, or by the next `--file` start after a crash). In
/// memory, a 100k export's store was ~0.7 GB of the process's 1.2 GB peak; in a file its
/// pages are the kernel's cache, which it can give back.
pub async fn run_file(
    ctx: &Context,
    file: &Path,
    settings: ConsoleSettings,
) -> anyhow::Result<ExitCode> {
    // Fail before the terminal is taken over when the file cannot even be opened.
    std::fs::File::open(file).with_context(|| format!("opening {}", file.display()))?;
    let scratch = super::file_scratch::create()?;
    let store = Store::open_scratch(&scratch.path().join("file.sqlite3"))
        .context("creating the file's store")?;
    let mut app = AppConfig::new(ctx.identity().unwrap_or_default());
    app.profile = format!(
        "file:{}",
        file.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    );
    app.tenant = file.display().to_string();
    app.read_only = true;
    app.offline_file = Some(
        file.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| file.display().to_string()),
    );
    let inbox: Inbox = mpsc::channel(256);
    let session = FileSession::start(file.to_path_buf(), store, 0, inbox.0.clone());
    let side = mpsc::channel(16);
    let ended = run_routed(
        app,
        ctx.profile.time_display,
        &settings,
        Backend::File(session),
        inbox,
        side,
    )
    .await;
    // The session and its store are gone by now; the directory goes with them.
    drop(scratch);
    ended
}

/// `--all-profiles`: one session per profile of the file, merged.
pub async fn run_all(
    ctx: &Context,
    rotation: &RotationArgs,
    settings: ConsoleSettings,
    side: (mpsc::Sender<Msg>, mpsc::Receiver<Msg>),
    prompt: PromptCallback,
) -> anyhow::Result<ExitCode> {
    let opener = ContextOpener {
        base: ctx.clone(),
        rotation: rotation.clone(),
        prompt,
    };
    let names: Vec<String> = ctx.config.profiles.keys().cloned().collect();
    if names.is_empty() {
        anyhow::bail!(super::exit::UsageError(
            "--all-profiles needs profiles in the config file ([profiles.NAME])".into()
        ));
    }
    let inbox: Inbox = mpsc::channel(1024);
    let mut sessions = Vec::new();
    for (i, name) in names.iter().enumerate() {
        let ctx = opener.context(name)?;
        // Before the terminal is taken over: a large cache's upgrade is explained here.
        ctx.announce_cache_upgrade()?;
        let setup = opener.open_with(ctx, name)?;
        sessions.push(ProfileSession::start(setup, i as u64, inbox.0.clone()));
    }
    let info = profile_info(ctx);
    let mut app = AppConfig::new(info.identity);
    app.profile = format!("all ({})", names.join(", "));
    app.tenant = String::new();
    // Writes stay possible, one tenant at a time; read-only only if every profile is.
    app.read_only = sessions.iter().all(|s| s.info.read_only);
    let read_only = sessions.iter().map(|s| s.info.read_only).collect();
    let backend = Backend::All {
        sessions,
        merger: Box::new(Merger::new(names).with_read_only(read_only)),
    };
    run_routed(
        app,
        ctx.profile.time_display,
        &settings,
        backend,
        inbox,
        side,
    )
    .await
}

/// The settings of every profile `:profile NAME` can switch to (the start profile's too), as
/// the opener would resolve them; a profile whose settings do not resolve is left out (the
/// switch then fails with the reason).
pub fn profile_settings(
    ctx: &Context,
    rotation: &RotationArgs,
    names: &[String],
) -> Vec<(String, ConsoleSettings)> {
    let rotation = RotationArgs {
        view: None,
        ..rotation.clone()
    };
    names
        .iter()
        .filter_map(|name| {
            let other = if *name == ctx.profile_name {
                Ok(ctx.clone())
            } else {
                ctx.for_profile(name)
            };
            match other.and_then(|c| c.console_settings(&rotation)) {
                Ok(s) => Some((name.clone(), s)),
                Err(e) => {
                    tracing::warn!(profile = %name, error = %format!("{e:#}"), "profile left out of :profile");
                    None
                }
            }
        })
        .collect()
}
