//! `mde-triage alerts list|get|update|watch`: the console's client and store, without the console.

use super::args::{AlertsCommand, FormatArgs, ListArgs, UpdateArgs};
use super::context::{Context, stderr_prompt};
use super::exit::{Incomplete, TEMPFAIL, UsageError};
use super::list_args::terminal_cols;
use super::output::{Format, Sink, write_alert, write_list};
use super::query::ScriptQuery;
use super::since::{parse_age, since};
use super::suggest::unknown_value;
use super::table::PIPE_WIDTH;
use anyhow::Context as _;
use mde_api::{Filter, ListQuery, MdeClient, OrderBy, Prop};
use mde_model::protocol::TriageWrite;
use mde_model::{ParsedAlert, Severity, Status, Timestamp};
use mde_store::Store;
use mde_sync::{DrainReport, drain_outbox};
use std::io::{IsTerminal, Write};

/// Runs an `alerts` subcommand.
pub async fn run(ctx: &Context, cmd: AlertsCommand) -> anyhow::Result<()> {
    match cmd {
        AlertsCommand::List(args) => list(ctx, &args).await,
        AlertsCommand::Get { id, json } => get(ctx, &id, json).await,
        AlertsCommand::Update(args) => update(ctx, &args).await,
        AlertsCommand::Watch(args) => super::watch_cmd::run(ctx, &args).await,
    }
}

/// Where stdout goes.
pub fn sink() -> Sink {
    if std::io::stdout().is_terminal() {
        Sink::Terminal
    } else {
        Sink::Pipe
    }
}

fn format(f: FormatArgs) -> Format {
    match (f.json, f.csv) {
        (true, _) => Format::Json,
        (_, true) => Format::Csv,
        _ => Format::Plain,
    }
}

/// The severities and statuses the list flags accept, as the errors list them.
const SEVERITIES: [&str; 4] = ["High", "Medium", "Low", "Informational"];
const STATUSES: [&str; 3] = ["New", "InProgress", "Resolved"];

/// The `$filter` the list options ask for, all joined with `and`.
pub fn list_filter(
    args: &ListArgs,
    identity: Option<&str>,
    now: Timestamp,
) -> anyhow::Result<Option<Filter>> {
    let mut parts = Vec::new();
    if let Some(raw) = &args.filter {
        parts.push(mde_odata::parse(raw).map_err(|e| UsageError(format!("--filter: {e}")))?);
    }
    let severities = args
        .severity
        .iter()
        .map(|s| {
            Some(Severity::parse(s.trim()))
                .filter(Severity::is_known)
                .ok_or_else(|| unknown_value("--severity", s, &SEVERITIES))
        })
        .collect::<Result<Vec<_>, _>>()?;
    parts.extend(Filter::any_of(Prop::Severity, severities));
    let statuses = args
        .status
        .iter()
        .map(|s| {
            Some(Status::parse(s.trim()))
                .filter(Status::is_known)
                .ok_or_else(|| unknown_value("--status", s, &STATUSES))
        })
        .collect::<Result<Vec<_>, _>>()?;
    parts.extend(Filter::any_of(Prop::Status, statuses));
    if let Some(who) = &args.assigned_to {
        parts.push(match who.as_str() {
            "none" => Filter::eq(Prop::AssignedTo, mde_api::Literal::Null),
            "me" => Filter::eq(
                Prop::AssignedTo,
                identity.ok_or_else(|| UsageError(no_identity("--assigned-to me")))?,
            ),
            upn => Filter::eq(Prop::AssignedTo, upn),
        });
    }
    if let Some(age) = &args.since {
        let age = parse_age(age).map_err(|e| UsageError(format!("--since: {e}")))?;
        parts.push(Filter::ge(Prop::AlertCreationTime, since(now, age)));
    }
    Ok(Filter::all(parts))
}

/// Why `me` cannot be used without an identity, and how to give one.
pub fn no_identity(what: &str) -> String {
    format!(
        "{what} needs your identity: set `identity = \"you@example.com\"` in the profile or {}",
        super::context::IDENTITY_ENV
    )
}

async fn list(ctx: &Context, args: &ListArgs) -> anyhow::Result<()> {
    let identity = ctx.identity();
    let query = ScriptQuery::from_arg(args.query.as_deref(), identity.as_deref())?;
    let mut parts: Vec<Filter> = list_filter(args, identity.as_deref(), Timestamp::now())?
        .into_iter()
        .collect();
    parts.extend(
        query
            .as_ref()
            .and_then(|q| q.service_filter(identity.as_deref())),
    );
    let filter = Filter::all(parts);
    let format = format(args.format);
    let sink = sink();
    let table = args.table.options(sink, terminal_cols())?;
    let client = ctx.client(stderr_prompt())?;
    let evidence = query.as_ref().is_some_and(ScriptQuery::needs_evidence);
    let mut alerts: Vec<ParsedAlert> = match (args.top, &query) {
        // One request is enough when the service decides everything.
        (Some(top), None) => {
            let q = ListQuery {
                filter,
                top: Some(top),
                orderby: Some(OrderBy {
                    prop: Prop::AlertCreationTime,
                    descending: true,
                }),
                ..ListQuery::default()
            };
            let page = client.list(&q).await.context("listing alerts")?;
            warn_skipped(page.skipped.len());
            page.alerts
        }
        _ => {
            let set = client
                .list_all(filter.as_ref(), 10_000, evidence)
                .await
                .context("listing alerts")?;
            warn_skipped(set.skipped.len());
            set.alerts
        }
    };
    if let Some(q) = &query {
        alerts.retain(|a| q.matches(&a.alert, identity.as_deref()));
    }
    alerts.sort_by(|a, b| {
        b.alert
            .alert_creation_time
            .cmp(&a.alert.alert_creation_time)
    });
    if let Some(top) = args.top {
        alerts.truncate(usize::try_from(top).unwrap_or(usize::MAX));
    }
    let mut out = std::io::stdout().lock();
    reader_gone_is_fine(
        write_list(&mut out, &alerts, format, &table, sink).and_then(|()| out.flush()),
    )?;
    Ok(())
}

/// `mde-triage alerts list | head` closes the pipe early; that is the reader's choice, not a
/// failure to report.
pub fn reader_gone_is_fine(r: std::io::Result<()>) -> std::io::Result<()> {
    match r {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}

fn warn_skipped(n: usize) {
    if n > 0 {
        eprintln!(
            "mde-triage: warning: {n} alert(s) could not be read and were skipped (see the log)"
        );
    }
}

async fn get(ctx: &Context, id: &str, json: bool) -> anyhow::Result<()> {
    let client = ctx.client(stderr_prompt())?;
    let alert = client
        .get(id)
        .await
        .with_context(|| format!("getting alert {}", mde_text::sanitize_line(id).text))?;
    let fmt = if json { Format::Json } else { Format::Plain };
    let sink = sink();
    let cols = match sink {
        Sink::Terminal => terminal_cols().unwrap_or(80),
        Sink::Pipe => PIPE_WIDTH,
    };
    let mut out = std::io::stdout().lock();
    reader_gone_is_fine(write_alert(&mut out, &alert, fmt, sink, cols).and_then(|()| out.flush()))?;
    Ok(())
}

async fn update(ctx: &Context, args: &UpdateArgs) -> anyhow::Result<()> {
    if ctx.read_only {
        return Err(UsageError("read-only mode: alerts update is refused".into()).into());
    }
    let identity = ctx.identity();
    let change = super::triage_change::change_from(args, identity.as_deref())?;
    let mut ids = args.ids.clone();
    ids.dedup();
    // The outbox first: from here on the write survives a crash and is sent exactly once.
    let store = Store::open(&ctx.store_path()?).context("opening the local store")?;
    let write = TriageWrite {
        seen_last_update: Vec::new(),
        alert_ids: ids,
        change,
    };
    let outbox_id = {
        let store = store.clone();
        let identity = identity.clone();
        tokio::task::spawn_blocking(move || store.enqueue(&write, identity.as_deref())).await??
    };
    eprintln!("queued as outbox entry {outbox_id}");
    if args.no_send {
        return Ok(());
    }
    let client = ctx.client(stderr_prompt())?;
    send(client, store).await
}

/// Drains the outbox and turns the report into output and an exit status.
pub async fn send(client: MdeClient, store: Store) -> anyhow::Result<()> {
    let report = drain_outbox(client, store)
        .await
        .context("sending the outbox")?;
    summarise(&report)
}

fn summarise(r: &DrainReport) -> anyhow::Result<()> {
    for id in &r.confirmed {
        println!("outbox {id}: delivered");
    }
    for (id, reason) in &r.failed {
        println!(
            "outbox {id}: failed: {}",
            mde_text::sanitize_line(reason).text
        );
    }
    for (id, alerts) in &r.conflicts {
        println!(
            "outbox {id}: conflict: changed on the server since it was queued ({}); \
             `mde-triage outbox` to review",
            mde_text::sanitize_line(&alerts.join(", ")).text
        );
    }
    if r.held_elsewhere {
        return Err(Incomplete {
            message: format!(
                "{} write(s) queued; a running console is sending this profile's outbox",
                r.still_pending
            ),
            status: TEMPFAIL,
        }
        .into());
    }
    if r.still_pending > 0 {
        return Err(Incomplete {
            message: format!(
                "{} write(s) still queued; `mde-triage outbox retry` sends them",
                r.still_pending
            ),
            status: TEMPFAIL,
        }
        .into());
    }
    if !r.failed.is_empty() || !r.conflicts.is_empty() {
        anyhow::bail!(
            "{} write(s) failed and {} conflicted",
            r.failed.len(),
            r.conflicts.len()
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list_args() -> ListArgs {
        ListArgs::default()
    }

    #[test]
    fn list_options_become_one_typed_filter() {
        let now = Timestamp::parse("2024-05-02T00:00:00Z").unwrap();
        let args = ListArgs {
            severity: vec!["high".into(), "Medium".into()],
            status: vec!["new".into()],
            assigned_to: Some("me".into()),
            since: Some("1d".into()),
            ..list_args()
        };
        let f = list_filter(&args, Some("me@contoso.com"), now)
            .unwrap()
            .unwrap();
        assert_eq!(
            f.to_string(),
            "severity in ('High','Medium') and status eq 'New' and assignedTo eq 'me@contoso.com' \
             and alertCreationTime ge 2024-05-01T00:00:00Z"
        );
        assert!(list_filter(&list_args(), None, now).unwrap().is_none());
        let bad = ListArgs {
            severity: vec!["hihg".into()],
            ..list_args()
        };
        let e = list_filter(&bad, None, now).unwrap_err().to_string();
        assert!(e.contains("High, Medium, Low, Informational"), "{e}");
        assert!(e.contains("did you mean \"High\""), "{e}");
        let bad = ListArgs {
            status: vec!["resolvd".into()],
            ..list_args()
        };
        let e = list_filter(&bad, None, now).unwrap_err().to_string();
        assert!(e.contains("did you mean \"Resolved\""), "{e}");
        let me = ListArgs {
            assigned_to: Some("me".into()),
            ..list_args()
        };
        assert!(
            list_filter(&me, None, now)
                .unwrap_err()
                .to_string()
                .contains("identity")
        );
    }
}
