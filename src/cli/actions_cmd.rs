//! `mde-triage actions list|get|cancel|package`: the tenant's machine actions.

use super::actions_args::ActionsCommand;
use super::context::{Context, stderr_prompt};
use super::device_output::{details, field, json, print, refuse_read_only, store, table, when};
use super::exit::UsageError;
use super::machines_cmd::{action_rows, resolve};
use anyhow::Context as _;
use mde_api::ApiError;
use mde_api::device::{ActionError, EntityQuery};
use mde_model::device::{ActionStatus, ActionType};
use mde_odata::{ActionProp, Filter};
use std::io::Write;

/// Runs an `actions` subcommand.
pub async fn run(ctx: &Context, cmd: ActionsCommand) -> anyhow::Result<()> {
    match cmd {
        ActionsCommand::List {
            machine,
            status,
            action_type,
            top,
            json: as_json,
        } => list(ctx, machine, status, action_type, top, as_json).await,
        ActionsCommand::Get { id, json: as_json } => get(ctx, &id, as_json).await,
        ActionsCommand::Cancel {
            id,
            comment,
            json: as_json,
        } => cancel(ctx, &id, &comment, as_json).await,
        ActionsCommand::Package { id, json: as_json } => package(ctx, &id, as_json).await,
    }
}

fn valid<E: PartialEq>(known: &[E], name: impl Fn(&E) -> &str) -> String {
    known
        .iter()
        .map(|k| name(k).to_ascii_lowercase())
        .collect::<Vec<_>>()
        .join(", ")
}

async fn list(
    ctx: &Context,
    machine: Option<String>,
    status: Vec<String>,
    action_type: Option<String>,
    top: u32,
    as_json: bool,
) -> anyhow::Result<()> {
    let mut parts = Vec::new();
    let statuses = status
        .iter()
        .map(|s| {
            let v = ActionStatus::parse(s.trim());
            if v.is_known() {
                Ok(v.as_str().to_string())
            } else {
                Err(UsageError(format!(
                    "--status: unknown value {s:?}; valid: {}",
                    valid(ActionStatus::KNOWN, |e| e.as_str())
                )))
            }
        })
        .collect::<Result<Vec<_>, _>>()?;
    parts.extend(Filter::any_of(ActionProp::Status, statuses));
    if let Some(t) = &action_type {
        let v = ActionType::parse(t.trim());
        if !v.is_known() {
            return Err(UsageError(format!(
                "--type: unknown value {t:?}; valid: {}",
                valid(ActionType::KNOWN, |e| e.as_str())
            ))
            .into());
        }
        parts.push(Filter::eq(ActionProp::Type, v.as_str()));
    }
    let client = ctx.client(stderr_prompt())?;
    if let Some(m) = &machine {
        let (id, _) = resolve(&client, m).await?;
        parts.push(Filter::eq(ActionProp::MachineId, id));
    }
    let q = EntityQuery {
        filter: Filter::all(parts),
        top: Some(top),
        ..EntityQuery::default()
    };
    let got = client
        .machine_actions(&q)
        .await
        .context("listing machine actions")?;
    if as_json {
        return print(|out| json(out, &got.items));
    }
    let rows: Vec<Vec<String>> = action_rows(&got.items)
        .into_iter()
        .zip(&got.items)
        .map(|(mut r, a)| {
            r.insert(3, a.computer_dns_name.clone().unwrap_or_default());
            r
        })
        .collect();
    print(|out| {
        table(
            out,
            &[
                "ID",
                "TYPE",
                "STATUS",
                "DEVICE",
                "CREATED",
                "UPDATED",
                "REQUESTOR",
                "COMMENT",
            ],
            &rows,
            60,
        )
    })
}

async fn get(ctx: &Context, id: &str, as_json: bool) -> anyhow::Result<()> {
    let client = ctx.client(stderr_prompt())?;
    let a = match client.machine_action(id).await {
        Ok(a) => a,
        Err(ApiError::NotFound(_)) => {
            return Err(UsageError(format!("no machine action {}", field(id))).into());
        }
        Err(e) => return Err(anyhow::Error::new(e).context("getting the machine action")),
    };
    if as_json {
        return print(|out| json(out, &a));
    }
    let o = |v: &Option<String>| v.clone().unwrap_or_else(|| "-".into());
    let mut pairs = vec![
        ("Action", a.id.clone()),
        ("Type", a.action_type.to_string()),
        ("Status", a.status.to_string()),
        ("Scope", o(&a.scope)),
        ("Device", o(&a.computer_dns_name)),
        ("Machine id", o(&a.machine_id)),
        ("Requestor", o(&a.requestor)),
        ("Comment", o(&a.requestor_comment)),
        ("Created", when(a.creation_date_time_utc)),
        ("Updated", when(a.last_update_date_time_utc)),
    ];
    if let Some(f) = &a.related_file_info {
        pairs.push(("File", f.file_identifier.clone()));
    }
    if a.status == ActionStatus::Cancelled {
        pairs.push(("Cancelled by", o(&a.cancellation_requestor)));
        pairs.push(("Cancel comment", o(&a.cancellation_comment)));
    }
    if let Some(e) = a.error_h_result.filter(|e| *e != 0) {
        pairs.push(("Error", format!("HRESULT {e:#010x}", e = e as u32)));
    }
    print(|out| details(out, &pairs))
}

async fn cancel(ctx: &Context, id: &str, comment: &str, as_json: bool) -> anyhow::Result<()> {
    refuse_read_only(ctx, "`actions cancel`")?;
    let client = ctx.client(stderr_prompt())?;
    let result = client.cancel_action(id, comment).await;
    let detail = serde_json::json!({
        "actionId": id, "comment": comment,
        "result": match &result { Ok(a) => a.status.to_string(), Err(e) => e.to_string() },
    });
    let s = store(ctx)?;
    tokio::task::spawn_blocking(move || s.audit_response("action-cancel", &[], &detail)).await??;
    match result {
        Ok(a) if as_json => print(|out| json(out, &a)),
        Ok(a) => print(|out| writeln!(out, "{}: {}", field(&a.id), a.status)),
        Err(ActionError::Invalid(m)) => Err(UsageError(m).into()),
        Err(ActionError::NotFound(_)) => {
            Err(UsageError(format!("no machine action {}", field(id))).into())
        }
        Err(e) => Err(anyhow::Error::new(e).context(format!("cancelling {}", field(id)))),
    }
}

async fn package(ctx: &Context, id: &str, as_json: bool) -> anyhow::Result<()> {
    let client = ctx.client(stderr_prompt())?;
    match client.package_uri(id).await {
        Ok(url) if as_json => print(|out| json(out, &serde_json::json!({ "url": url }))),
        Ok(url) => print(|out| writeln!(out, "{}", field(&url))),
        Err(ApiError::NotFound(_)) => Err(super::exit::Incomplete {
            message: format!(
                "no package for {} yet: the collection has not completed (or it is not a collection)",
                field(id)
            ),
            status: super::exit::FAILURE,
        }
        .into()),
        Err(e) => Err(anyhow::Error::new(e).context("getting the package link")),
    }
}
