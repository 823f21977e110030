//! `mde-triage machines list|get|isolate|release|scan|restrict|unrestrict|collect|quarantine`:
//! the console's device client and delivery path without the console. An action is recorded in
//! the profile's store and audit log, sent once, and after a lost answer looked up on the
//! service before anything else happens; `--wait` follows it to its final state.

use super::context::{Context, stderr_prompt};
use super::device_output::{details, field, json, print, table, when};
use super::exit::UsageError;
use super::machines_args::{IsolationArg, MachinesCommand, MachinesListArgs, ScanArg};
use super::machines_respond::respond;
use anyhow::Context as _;
use mde_api::device::EntityQuery;
use mde_api::{ApiError, MdeClient};
use mde_model::device::{
    HealthStatus, IsolationType, MachineAction, ResponseAction, RiskScore, ScanType, derive_state,
    is_machine_id,
};
use mde_odata::{CmpOp, Filter, MachineProp, parse_as};
use std::time::Duration;

/// Clock skew allowed between us and the service when looking an action up.
pub(super) const SKEW: Duration = Duration::from_secs(120);

/// Runs a `machines` subcommand.
pub async fn run(ctx: &Context, cmd: MachinesCommand) -> anyhow::Result<()> {
    match cmd {
        MachinesCommand::List(a) => list(ctx, &a).await,
        MachinesCommand::Get { id, json } => get(ctx, &id, json).await,
        MachinesCommand::Isolate {
            act,
            isolation,
            yes,
        } => {
            let isolation = match isolation {
                IsolationArg::Full => IsolationType::Full,
                IsolationArg::Selective => IsolationType::Selective,
                IsolationArg::Unmanaged => IsolationType::UnManagedDevice,
            };
            respond(ctx, act, ResponseAction::Isolate { isolation }, yes).await
        }
        MachinesCommand::Release { act } => respond(ctx, act, ResponseAction::Release, false).await,
        MachinesCommand::Scan { act, scan } => {
            let scan = match scan {
                ScanArg::Quick => ScanType::Quick,
                ScanArg::Full => ScanType::Full,
            };
            respond(ctx, act, ResponseAction::Scan { scan }, false).await
        }
        MachinesCommand::Restrict { act, yes } => {
            respond(ctx, act, ResponseAction::Restrict, yes).await
        }
        MachinesCommand::Unrestrict { act } => {
            respond(ctx, act, ResponseAction::Unrestrict, false).await
        }
        MachinesCommand::Collect { act } => {
            respond(ctx, act, ResponseAction::CollectPackage, false).await
        }
        MachinesCommand::Quarantine { act, sha1, yes } => {
            let sha1 = sha1.trim().to_ascii_lowercase();
            respond(ctx, act, ResponseAction::StopAndQuarantine { sha1 }, yes).await
        }
    }
}

/// The value of an open enum named on the command line, or an error listing the valid ones.
fn known<E: Clone + PartialEq>(
    flag: &str,
    raw: &str,
    known: &[E],
    parse: impl Fn(&str) -> E,
    name: impl Fn(&E) -> &str,
) -> Result<String, UsageError> {
    let v = parse(raw.trim());
    if known.contains(&v) {
        return Ok(name(&v).to_string());
    }
    let valid: Vec<String> = known.iter().map(|k| name(k).to_ascii_lowercase()).collect();
    Err(UsageError(format!(
        "{flag}: unknown value {raw:?}; valid: {}",
        valid.join(", ")
    )))
}

/// The filter the list options ask for.
fn list_filter(a: &MachinesListArgs) -> Result<Option<Filter<MachineProp>>, UsageError> {
    let mut parts = Vec::new();
    if let Some(raw) = &a.filter {
        parts.push(parse_as::<MachineProp>(raw).map_err(|e| UsageError(format!("--filter: {e}")))?);
    }
    if let Some(n) = &a.name {
        parts.push(Filter::eq(MachineProp::ComputerDnsName, n.as_str()));
    }
    let health = a
        .health
        .iter()
        .map(|h| {
            known(
                "--health",
                h,
                HealthStatus::KNOWN,
                HealthStatus::parse,
                |e| e.as_str(),
            )
        })
        .collect::<Result<Vec<_>, _>>()?;
    parts.extend(Filter::any_of(MachineProp::HealthStatus, health));
    let risk = a
        .risk
        .iter()
        .map(|r| {
            known("--risk", r, RiskScore::KNOWN, RiskScore::parse, |e| {
                e.as_str()
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    parts.extend(Filter::any_of(MachineProp::RiskScore, risk));
    if let Some(os) = &a.os {
        parts.push(Filter::eq(MachineProp::OsPlatform, os.as_str()));
    }
    if let Some(tag) = &a.tag {
        parts.push(Filter::any(
            MachineProp::MachineTags,
            CmpOp::Eq,
            tag.as_str(),
        ));
    }
    Ok(Filter::all(parts))
}

async fn list(ctx: &Context, a: &MachinesListArgs) -> anyhow::Result<()> {
    let q = EntityQuery {
        filter: list_filter(a)?,
        top: a.top,
        ..EntityQuery::default()
    };
    let client = ctx.client(stderr_prompt())?;
    let got = client.machines(&q).await.context("listing machines")?;
    if !got.skipped.is_empty() {
        eprintln!(
            "mde-triage: warning: {} machine(s) could not be read and were skipped",
            got.skipped.len()
        );
    }
    if a.json {
        return print(|out| json(out, &got.items));
    }
    let rows: Vec<Vec<String>> = got
        .items
        .iter()
        .map(|m| {
            vec![
                m.id.clone(),
                m.computer_dns_name.clone().unwrap_or_default(),
                m.os_platform.clone().unwrap_or_default(),
                m.health_status
                    .as_ref()
                    .map(|h| h.to_string())
                    .unwrap_or_default(),
                m.risk_score
                    .as_ref()
                    .map(|r| r.to_string())
                    .unwrap_or_default(),
                m.exposure_level
                    .as_ref()
                    .map(|e| e.to_string())
                    .unwrap_or_default(),
                when(m.last_seen),
                m.machine_tags.join(","),
            ]
        })
        .collect();
    print(|out| {
        table(
            out,
            &[
                "ID",
                "NAME",
                "OS",
                "HEALTH",
                "RISK",
                "EXPOSURE",
                "LAST SEEN",
                "TAGS",
            ],
            &rows,
            40,
        )
    })
}

/// The machine id and name of a device given by id or by computer name.
pub async fn resolve(client: &MdeClient, given: &str) -> anyhow::Result<(String, Option<String>)> {
    let shown = field(given).into_owned();
    if !is_machine_id(given) {
        let ids = client
            .machine_ids_by_name(given)
            .await
            .with_context(|| format!("looking up device {shown}"))?;
        match ids.as_slice() {
            [one] => return Ok((one.clone(), Some(given.to_string()))),
            [] => {}
            many => {
                return Err(UsageError(format!(
                    "{} devices are named {shown}: {}; give the machine id",
                    many.len(),
                    many.join(", ")
                ))
                .into());
            }
        }
    }
    // An id, or a short name: the service's get takes both.
    match client.machine(given).await {
        Ok(m) => Ok((m.machine.id, m.machine.computer_dns_name)),
        Err(ApiError::NotFound(_)) => Err(UsageError(format!(
            "no device {shown}: give a machine id (40 hex digits) or a computer name; `mde-triage machines list` shows them"
        ))
        .into()),
        Err(e) => Err(anyhow::Error::new(e).context(format!("looking up device {shown}"))),
    }
}

async fn get(ctx: &Context, given: &str, as_json: bool) -> anyhow::Result<()> {
    let client = ctx.client(stderr_prompt())?;
    let (id, _) = resolve(&client, given).await?;
    let m = client.machine(&id).await.context("getting the machine")?;
    if as_json {
        return print(|out| {
            use std::io::Write;
            writeln!(out, "{}", m.raw)
        });
    }
    let actions = client
        .device_actions(&id, 50)
        .await
        .context("getting the machine's actions")?
        .items;
    let state = derive_state(&actions);
    let d = &m.machine;
    let opt = |v: &Option<String>| v.clone().unwrap_or_else(|| "-".into());
    let ips: Vec<String> = d
        .ip_addresses
        .iter()
        .filter_map(|i| i.ip_address.clone())
        .collect();
    let pairs = [
        ("Device", d.display_name().to_string()),
        ("Machine id", d.id.clone()),
        (
            "OS",
            format!("{} {}", opt(&d.os_platform), opt(&d.version))
                .trim()
                .to_string(),
        ),
        (
            "Health",
            d.health_status
                .as_ref()
                .map_or("-".into(), |h| h.to_string()),
        ),
        (
            "Risk",
            d.risk_score.as_ref().map_or("-".into(), |r| r.to_string()),
        ),
        (
            "Exposure",
            d.exposure_level
                .as_ref()
                .map_or("-".into(), |e| e.to_string()),
        ),
        ("Last seen", when(d.last_seen)),
        ("IP", opt(&d.last_ip_address)),
        ("External IP", opt(&d.last_external_ip_address)),
        ("Addresses", ips.join(", ")),
        ("Device group", opt(&d.rbac_group_name)),
        ("Tags", d.machine_tags.join(", ")),
        ("Isolation", state.isolation.label()),
        ("Restriction", state.restriction.label()),
    ];
    let rows = action_rows(&actions[..actions.len().min(10)]);
    print(|out| {
        use std::io::Write;
        details(out, &pairs)?;
        writeln!(out)?;
        writeln!(out, "Recent actions")?;
        table(
            out,
            &[
                "ID",
                "TYPE",
                "STATUS",
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

/// Table rows of machine actions.
pub fn action_rows(actions: &[MachineAction]) -> Vec<Vec<String>> {
    actions
        .iter()
        .map(|a| {
            vec![
                a.id.clone(),
                a.action_type.to_string(),
                a.status.to_string(),
                when(a.creation_date_time_utc),
                when(a.last_update_date_time_utc),
                a.requestor.clone().unwrap_or_default(),
                a.requestor_comment.clone().unwrap_or_default(),
            ]
        })
        .collect()
}
