//! `mde-triage incidents list|get|update`: incidents through Microsoft Graph; updates go through
//! the outbox like alert updates (queued first, sent exactly once).

use super::alerts_cmd::reader_gone_is_fine;
use super::args::ClassificationArg;
use super::context::{Context, stderr_prompt};
use super::exit::{Incomplete, TEMPFAIL, UsageError};
use super::graph_output::{write_incident, write_incidents};
use super::incidents_args::{
    IncidentListArgs, IncidentStatusArg, IncidentUpdateArgs, IncidentsCommand,
};
use super::output::{Format, Sink};
use anyhow::Context as _;
use mde_model::graph::{IncidentChange, IncidentStatus, IncidentWrite};
use mde_model::{Classification, Determination};
use mde_odata::graph::IncidentProp;
use mde_odata::{Filter, Literal, parse_as};
use mde_store::Store;
use mde_sync::{DrainReport, GraphApi, drain_outbox_graph};
use std::io::{IsTerminal, Write};
use std::sync::Arc;
use std::time::Duration;

/// Runs an `incidents` subcommand.
pub async fn run(ctx: &Context, cmd: IncidentsCommand) -> anyhow::Result<()> {
    match cmd {
        IncidentsCommand::List(args) => list(ctx, &args).await,
        IncidentsCommand::Get { id, json } => get(ctx, &id, json).await,
        IncidentsCommand::Update(args) => update(ctx, &args).await,
    }
}

fn sink() -> Sink {
    if std::io::stdout().is_terminal() {
        Sink::Terminal
    } else {
        Sink::Pipe
    }
}

fn status(s: IncidentStatusArg) -> IncidentStatus {
    match s {
        IncidentStatusArg::Active => IncidentStatus::Active,
        IncidentStatusArg::InProgress => IncidentStatus::InProgress,
        IncidentStatusArg::Resolved => IncidentStatus::Resolved,
        IncidentStatusArg::Redirected => IncidentStatus::Redirected,
    }
}

fn no_identity(what: &str) -> String {
    format!(
        "{what}: no identity known; set `identity` in the profile or {}",
        super::context::IDENTITY_ENV
    )
}

/// The `$filter` the list options ask for: `--filter` parsed by the grammar Graph's emulator
/// evaluates (a typo is a usage error, not a 400), and'ed with the other options.
pub fn incident_filter(
    args: &IncidentListArgs,
    identity: Option<&str>,
) -> Result<Option<Filter<IncidentProp>>, UsageError> {
    let mut parts = Vec::new();
    if let Some(f) = &args.filter {
        parts.push(
            parse_as::<IncidentProp>(f).map_err(|e| UsageError(format!("--filter: {}", e.0)))?,
        );
    }
    let statuses: Vec<Literal> = args
        .status
        .iter()
        .map(|s| Literal::from(status(*s).as_str()))
        .collect();
    parts.extend(Filter::any_of(IncidentProp::Status, statuses));
    match args.assigned_to.as_deref() {
        None => {}
        Some("none") => parts.push(Filter::eq(IncidentProp::AssignedTo, Literal::Null)),
        Some("me") => {
            let me = identity.ok_or_else(|| UsageError(no_identity("--assigned-to me")))?;
            parts.push(Filter::eq(IncidentProp::AssignedTo, me));
        }
        Some(upn) => parts.push(Filter::eq(IncidentProp::AssignedTo, upn)),
    }
    Ok(Filter::all(parts))
}

async fn list(ctx: &Context, args: &IncidentListArgs) -> anyhow::Result<()> {
    let filter = incident_filter(args, ctx.identity().as_deref())?;
    let graph = ctx.graph_client(stderr_prompt())?;
    let limit = args.top.map(|t| t as usize);
    let page = limit.map_or(50, |l| l.min(50) as u32);
    let set = graph
        .list_all_incidents(filter.as_ref(), true, page, limit)
        .await
        .context("listing incidents")?;
    if !set.skipped.is_empty() {
        eprintln!(
            "mde-triage: warning: {} incident(s) could not be read and were skipped",
            set.skipped.len()
        );
    }
    let mut items = set.items;
    if let Some(l) = limit {
        items.truncate(l);
    }
    let format = match (args.format.json, args.format.csv) {
        (true, _) => Format::Json,
        (_, true) => Format::Csv,
        _ => Format::Plain,
    };
    let mut out = std::io::stdout().lock();
    reader_gone_is_fine(
        write_incidents(&mut out, &items, format, sink()).and_then(|()| out.flush()),
    )?;
    Ok(())
}

async fn get(ctx: &Context, id: &str, json: bool) -> anyhow::Result<()> {
    let graph = ctx.graph_client(stderr_prompt())?;
    let p = graph
        .get_incident(id, true)
        .await
        .with_context(|| format!("getting incident {}", mde_text::sanitize_line(id).text))?;
    let format = if json { Format::Json } else { Format::Plain };
    let mut out = std::io::stdout().lock();
    reader_gone_is_fine(write_incident(&mut out, &p, format, sink()).and_then(|()| out.flush()))?;
    Ok(())
}

/// The change the update options ask for, checked the way the portal checks it.
pub fn incident_change(
    args: &IncidentUpdateArgs,
    identity: Option<&str>,
) -> Result<IncidentChange, UsageError> {
    let classification = args.classification.map(|c| match c {
        ClassificationArg::TruePositive => Classification::TruePositive,
        ClassificationArg::InformationalExpectedActivity => {
            Classification::InformationalExpectedActivity
        }
        ClassificationArg::FalsePositive => Classification::FalsePositive,
    });
    let determination = match (&args.determination, &classification) {
        (None, _) => None,
        (Some(raw), c) => {
            let d = mde_model::graph::enums::determination_from(raw.trim());
            let valid: &[Determination] = c.as_ref().map_or(&[], |c| c.determinations());
            if !d.is_known() || (c.is_some() && !valid.contains(&d)) {
                let names: Vec<&str> = valid.iter().map(|d| d.as_str()).collect();
                return Err(UsageError(format!(
                    "--determination {raw:?} is not valid{} (valid: {})",
                    c.as_ref().map(|c| format!(" for {c}")).unwrap_or_default(),
                    names.join(", ")
                )));
            }
            Some(d)
        }
    };
    let assigned_to = match args.assign.as_deref() {
        Some("me") => Some(
            identity
                .map(str::to_string)
                .ok_or_else(|| UsageError(no_identity("--assign me")))?,
        ),
        Some(u) if u.trim().is_empty() => return Err(UsageError("--assign: empty owner".into())),
        other => other.map(str::to_string),
    };
    let custom_tags = (!args.tags.is_empty()).then(|| {
        args.tags
            .iter()
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty())
            .collect::<Vec<_>>()
    });
    let change = IncidentChange {
        status: args.status.map(status),
        assigned_to,
        classification,
        determination,
        custom_tags,
        resolving_comment: args
            .resolving_comment
            .clone()
            .filter(|c| !c.trim().is_empty()),
        comment: args.comment.clone().filter(|c| !c.trim().is_empty()),
    };
    if change.is_empty() {
        return Err(UsageError(
            "nothing to change: give --status, --assign, --classification/--determination, --tag, --resolving-comment or --comment".into(),
        ));
    }
    Ok(change)
}

async fn update(ctx: &Context, args: &IncidentUpdateArgs) -> anyhow::Result<()> {
    if ctx.read_only {
        return Err(UsageError("read-only mode: incidents update is refused".into()).into());
    }
    let identity = ctx.identity();
    let change = incident_change(args, identity.as_deref())?;
    let store = Store::open(&ctx.store_path()?).context("opening the local store")?;
    let write = IncidentWrite {
        incident_id: args.id.clone(),
        change,
        seen_last_update: None,
    };
    let outbox_id = {
        let store = store.clone();
        tokio::task::spawn_blocking(move || store.enqueue_incident(&write, identity.as_deref()))
            .await??
    };
    eprintln!("queued as outbox entry {outbox_id}");
    if args.no_send {
        return Ok(());
    }
    let tokens = ctx.tokens(stderr_prompt())?;
    let graph = ctx.graph_client_for(&tokens)?;
    let client = mde_api::MdeClient::new(mde_api::ClientConfig::new(&ctx.hosts.api), tokens)?;
    send(client, Some(Arc::new(graph)), store).await
}

/// Drains the outbox (alert and incident writes) and reports each entry.
pub async fn send(
    client: mde_api::MdeClient,
    graph: Option<Arc<dyn GraphApi>>,
    store: Store,
) -> anyhow::Result<()> {
    let report = drain_outbox_graph(
        client,
        graph,
        store,
        mde_sync::SyncConfig::default(),
        Duration::from_secs(300),
    )
    .await
    .context("sending the outbox")?;
    summarise(&report)
}

fn summarise(r: &DrainReport) -> anyhow::Result<()> {
    let clean = |s: &str| mde_text::sanitize_line(s).text.into_owned();
    for id in &r.confirmed {
        println!("outbox {id}: delivered");
    }
    for (id, reason) in &r.failed {
        println!("outbox {id}: failed: {}", clean(reason));
    }
    for (id, what) in &r.conflicts {
        println!(
            "outbox {id}: conflict: changed on the server since it was queued ({}); `mde-triage outbox` to review",
            clean(&what.join(", "))
        );
    }
    if r.held_elsewhere || r.still_pending > 0 {
        return Err(Incomplete {
            message: format!(
                "{} write(s) still queued{}",
                r.still_pending,
                if r.held_elsewhere {
                    "; a running console is sending this profile's outbox"
                } else {
                    "; `mde-triage outbox retry` sends them"
                }
            ),
            status: TEMPFAIL,
        }
        .into());
    }
    if !r.failed.is_empty() || !r.conflicts.is_empty() {
        anyhow::bail!(
            "{} write(s) failed, {} in conflict",
            r.failed.len(),
            r.conflicts.len()
        );
    }
    Ok(())
}
