//! `mde-triage machines isolate|release|scan|…`: one response action recorded in the store and
//! the audit log, checked against the device's pending actions, sent once, looked up after a
//! lost answer, and with `--wait` followed to its final state.

use super::context::{Context, stderr_prompt};
use super::device_output::{field, json, print, refuse_read_only, store};
use super::exit::{FAILURE, Incomplete, NOPERM, TEMPFAIL, UNAVAILABLE, UsageError};
use super::machines_args::ActionArgs;
use super::machines_cmd::{SKEW, resolve};
use anyhow::Context as _;
use mde_api::MdeClient;
use mde_model::device::{
    ActionFailure, ActionRequest, ActionSend, Containment, FailureKind, MachineAction, Phase,
    ResponseAction, derive_state,
};
use mde_store::Store;
use mde_sync::{Delivered, begin_action, deliver_action};
use std::time::Duration;

/// One response action from the command line; a disruptive one needs `yes` (`--yes`).
pub(super) async fn respond(
    ctx: &Context,
    act: ActionArgs,
    action: ResponseAction,
    yes: bool,
) -> anyhow::Result<()> {
    let verb = action.name();
    refuse_read_only(ctx, &format!("`{verb}`"))?;
    if action.is_disruptive() && !yes {
        return Err(UsageError(format!(
            "{verb} {}: the device is {}. Add --yes to confirm (nothing was sent)",
            field(&act.id),
            action.consequence()
        ))
        .into());
    }
    if act.comment.trim().is_empty() {
        return Err(
            UsageError("--comment: say why (it is recorded with the action)".into()).into(),
        );
    }
    let client = ctx.client(stderr_prompt())?;
    let (machine_id, device_name) = resolve(&client, &act.id).await?;
    let request = ActionRequest {
        machine_id,
        device_name,
        action,
        comment: act.comment.clone(),
        alert_id: act.alert.clone(),
    };
    precheck(&client, &request).await?;
    let store = store(ctx)?;
    let send = begin_action(&store, request)
        .await
        .map_err(|f| UsageError(f.message))?;
    let started = send.started;
    match deliver_action(&client, &store, send, started, SKEW).await {
        Delivered::Accepted(send, a) => {
            report(&send, &a, act.json)?;
            if act.wait {
                follow(&client, &store, &send, *a, act.json).await
            } else {
                Ok(())
            }
        }
        Delivered::Failed(send, f) => Err(failure(&send, f)),
    }
}

/// Refuses to isolate an isolated device or release a released one (and the same for the
/// restriction): duplicate isolations have been seen completing out of order and leaving a
/// device isolated after its release.
async fn precheck(client: &MdeClient, request: &ActionRequest) -> anyhow::Result<()> {
    let (which, applying) = match request.action {
        ResponseAction::Isolate { .. } => (Containment::Isolation, true),
        ResponseAction::Release => (Containment::Isolation, false),
        ResponseAction::Restrict => (Containment::Restriction, true),
        ResponseAction::Unrestrict => (Containment::Restriction, false),
        _ => return Ok(()),
    };
    let actions = client
        .device_actions(&request.machine_id, 50)
        .await
        .context("reading the device's actions")?
        .items;
    let state = derive_state(&actions);
    let s = match which {
        Containment::Isolation => &state.isolation,
        Containment::Restriction => &state.restriction,
    };
    let already = matches!(
        (s.phase(), applying),
        (Phase::Applied | Phase::Applying, true) | (Phase::Released | Phase::Releasing, false)
    );
    if already {
        return Err(UsageError(format!(
            "{} {}: nothing to do, the device is {}; nothing was sent",
            request.action.name(),
            field(request.device_label()),
            s.label()
        ))
        .into());
    }
    Ok(())
}

fn report(send: &ActionSend, a: &MachineAction, as_json: bool) -> anyhow::Result<()> {
    if as_json {
        return print(|out| json(out, a));
    }
    let line = format!(
        "{} sent to {}: {} (action {})",
        send.request.action.name(),
        send.request.device_label(),
        a.status,
        a.id
    );
    print(|out| {
        use std::io::Write;
        writeln!(out, "{}", field(&line))
    })
}

/// Polls the action until it is final (1 s, doubling to 10 s), recording each step.
async fn follow(
    client: &MdeClient,
    store: &Store,
    send: &ActionSend,
    mut a: MachineAction,
    as_json: bool,
) -> anyhow::Result<()> {
    let mut delay = Duration::from_secs(1);
    while !a.status.is_terminal() {
        tokio::time::sleep(delay).await;
        delay = (delay * 2).min(Duration::from_secs(10));
        let now = match client.machine_action(&a.id).await {
            Ok(now) => now,
            Err(e) if e.is_transient() => continue,
            Err(e) => return Err(anyhow::Error::new(e).context("following the action")),
        };
        if now.status != a.status {
            let (id, keep) = (send.send_id, now.clone());
            let s = store.clone();
            tokio::task::spawn_blocking(move || s.send_progress(id, &keep)).await??;
            if !as_json && !now.status.is_terminal() {
                eprintln!("{}: {}", field(&now.id), now.status);
            }
        }
        a = now;
    }
    if as_json {
        print(|out| json(out, &a))?;
    }
    if a.status == mde_model::device::ActionStatus::Succeeded {
        if !as_json {
            print(|out| {
                use std::io::Write;
                writeln!(out, "{}: Succeeded", field(&a.id))
            })?;
        }
        return Ok(());
    }
    Err(Incomplete {
        message: format!(
            "{} on {} ended {}",
            send.request.action.name(),
            field(send.request.device_label()),
            a.status
        ),
        status: FAILURE,
    }
    .into())
}

/// The error (and exit status) of a send that did not take effect.
pub fn failure(send: &ActionSend, f: ActionFailure) -> anyhow::Error {
    let what = format!(
        "{} on {}",
        send.request.action.name(),
        field(send.request.device_label())
    );
    let (status, hint) = match &f.kind {
        FailureKind::Forbidden { permission } => (
            NOPERM,
            format!(
                " — grant {} to the app (see the README's \"Response actions\")",
                permission.as_deref().unwrap_or("the permission")
            ),
        ),
        FailureKind::Lost => (
            TEMPFAIL,
            format!(
                " — check `mde-triage actions list --machine {}` before sending it again",
                send.request.machine_id
            ),
        ),
        FailureKind::Unavailable => (UNAVAILABLE, String::new()),
        FailureKind::Invalid => {
            return UsageError(format!("{what}: {}", f.message)).into();
        }
        _ => (FAILURE, String::new()),
    };
    Incomplete {
        message: format!("{what}: {}{hint}", f.message),
        status,
    }
    .into()
}
