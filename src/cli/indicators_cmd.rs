//! `mde-triage indicators list|add|delete`. A value's type is guessed when not given (hashes by
//! length, IP addresses, URLs, domains); what the service would refuse is refused here first
//! with the rule named (internal IPs, CIDR ranges, remediation of a non-file, a hash of the
//! wrong length). Adds and deletes go to the audit log.

use super::context::{Context, stderr_prompt};
use super::device_output::{field, json, print, refuse_read_only, store, table, when};
use super::exit::UsageError;
use super::indicators_args::{
    IndicatorActionArg, IndicatorSeverityArg, IndicatorTypeArg, IndicatorsCommand,
};
use super::since::parse_age;
use anyhow::Context as _;
use mde_api::device::EntityQuery;
use mde_model::Timestamp;
use mde_model::device::{IndicatorAction, IndicatorSeverity, IndicatorType, NewIndicator};
use mde_odata::{Filter, IndicatorProp};
use std::io::Write;
use std::net::IpAddr;

/// Runs an `indicators` subcommand.
pub async fn run(ctx: &Context, cmd: IndicatorsCommand) -> anyhow::Result<()> {
    match cmd {
        IndicatorsCommand::List {
            kind,
            value,
            top,
            json: as_json,
        } => list(ctx, kind, value, top, as_json).await,
        IndicatorsCommand::Add {
            value,
            kind,
            action,
            title,
            description,
            expires,
            severity,
            recommended,
            generate_alert,
            json: as_json,
        } => {
            let new = build(
                ctx,
                &value,
                kind,
                action,
                title,
                description,
                &expires,
                severity,
                recommended,
                generate_alert,
            )?;
            add(ctx, new, as_json).await
        }
        IndicatorsCommand::Delete { id } => delete(ctx, &id).await,
    }
}

fn type_of(k: IndicatorTypeArg) -> IndicatorType {
    match k {
        IndicatorTypeArg::Sha1 => IndicatorType::FileSha1,
        IndicatorTypeArg::Sha256 => IndicatorType::FileSha256,
        IndicatorTypeArg::Md5 => IndicatorType::FileMd5,
        IndicatorTypeArg::Cert => IndicatorType::CertificateThumbprint,
        IndicatorTypeArg::Ip => IndicatorType::IpAddress,
        IndicatorTypeArg::Domain => IndicatorType::DomainName,
        IndicatorTypeArg::Url => IndicatorType::Url,
    }
}

fn hex(v: &str, n: usize) -> bool {
    v.len() == n && v.bytes().all(|b| b.is_ascii_hexdigit())
}

/// The type a value looks like.
pub fn guess(value: &str) -> Result<IndicatorType, UsageError> {
    let v = value.trim();
    Ok(if hex(v, 40) {
        IndicatorType::FileSha1
    } else if hex(v, 64) {
        IndicatorType::FileSha256
    } else if hex(v, 32) {
        IndicatorType::FileMd5
    } else if v.parse::<IpAddr>().is_ok()
        || v.contains('/')
            && v.split('/')
                .next()
                .is_some_and(|a| a.parse::<IpAddr>().is_ok())
    {
        IndicatorType::IpAddress
    } else if v.starts_with("http://") || v.starts_with("https://") {
        IndicatorType::Url
    } else if v.contains('.') && !v.contains(char::is_whitespace) {
        IndicatorType::DomainName
    } else {
        return Err(UsageError(format!(
            "cannot tell what {:?} is; pass --type (sha1, sha256, md5, cert, ip, domain, url)",
            field(v)
        )));
    })
}

/// What the service would refuse, refused here first.
pub fn check(t: &IndicatorType, value: &str, action: &IndicatorAction) -> Result<(), UsageError> {
    let bad = |why: String| Err(UsageError(format!("{}: {why}", field(value))));
    match t {
        IndicatorType::FileSha1 | IndicatorType::CertificateThumbprint if !hex(value, 40) => {
            return bad("a SHA-1 or thumbprint is 40 hexadecimal digits".into());
        }
        IndicatorType::FileSha256 if !hex(value, 64) => {
            return bad("a SHA-256 is 64 hexadecimal digits".into());
        }
        IndicatorType::FileMd5 if !hex(value, 32) => {
            return bad("an MD5 is 32 hexadecimal digits".into());
        }
        IndicatorType::IpAddress => {
            if value.contains('/') {
                return bad("CIDR ranges are not supported; add single addresses".into());
            }
            let Ok(ip) = value.parse::<IpAddr>() else {
                return bad("not an IP address".into());
            };
            let internal = match ip {
                IpAddr::V4(a) => {
                    a.is_private() || a.is_loopback() || a.is_link_local() || a.is_unspecified()
                }
                IpAddr::V6(a) => {
                    a.is_loopback()
                        || a.is_unspecified()
                        || (a.segments()[0] & 0xfe00) == 0xfc00
                        || (a.segments()[0] & 0xffc0) == 0xfe80
                }
            };
            if internal {
                return bad(
                    "an internal address; only external IP addresses can be indicators".into(),
                );
            }
        }
        _ => {}
    }
    if *action == IndicatorAction::BlockAndRemediate && !t.is_file() {
        return bad("block-and-remediate applies to file hashes only (sha1, sha256, md5)".into());
    }
    Ok(())
}

#[allow(clippy::too_many_arguments)]
fn build(
    ctx: &Context,
    value: &str,
    kind: Option<IndicatorTypeArg>,
    action: IndicatorActionArg,
    title: Option<String>,
    description: Option<String>,
    expires: &str,
    severity: Option<IndicatorSeverityArg>,
    recommended: Option<String>,
    generate_alert: bool,
) -> Result<NewIndicator, UsageError> {
    let value = value.trim().to_string();
    let indicator_type = match kind {
        Some(k) => type_of(k),
        None => guess(&value)?,
    };
    let action = match action {
        IndicatorActionArg::Allowed => IndicatorAction::Allowed,
        IndicatorActionArg::Audit => IndicatorAction::Audit,
        IndicatorActionArg::Warn => IndicatorAction::Warn,
        IndicatorActionArg::Block => IndicatorAction::Block,
        IndicatorActionArg::BlockAndRemediate => IndicatorAction::BlockAndRemediate,
    };
    check(&indicator_type, &value, &action)?;
    let now = Timestamp::now();
    let expiration_time = match expires.trim() {
        "never" | "none" => None,
        age => {
            let d =
                parse_age(age).map_err(|e| UsageError(format!("--expires: {e} (or \"never\")")))?;
            Some(Timestamp(now.0 + d))
        }
    };
    let who = ctx.identity().unwrap_or_else(|| "mde-triage".into());
    Ok(NewIndicator {
        title: title.unwrap_or_else(|| format!("mde-triage: {value}")),
        description: description.unwrap_or_else(|| {
            format!(
                "Added with mde-triage by {who} on {}",
                now.0.format("%Y-%m-%d")
            )
        }),
        indicator_value: value,
        indicator_type,
        generate_alert: (generate_alert || action == IndicatorAction::Audit).then_some(true),
        action,
        expiration_time,
        severity: severity.map(|s| match s {
            IndicatorSeverityArg::Informational => IndicatorSeverity::Informational,
            IndicatorSeverityArg::Low => IndicatorSeverity::Low,
            IndicatorSeverityArg::Medium => IndicatorSeverity::Medium,
            IndicatorSeverityArg::High => IndicatorSeverity::High,
        }),
        recommended_actions: recommended,
    })
}

async fn list(
    ctx: &Context,
    kind: Option<IndicatorTypeArg>,
    value: Option<String>,
    top: Option<u32>,
    as_json: bool,
) -> anyhow::Result<()> {
    let mut parts = Vec::new();
    if let Some(k) = kind {
        parts.push(Filter::eq(
            IndicatorProp::IndicatorType,
            type_of(k).as_str(),
        ));
    }
    if let Some(v) = &value {
        parts.push(Filter::eq(IndicatorProp::IndicatorValue, v.as_str()));
    }
    let q = EntityQuery {
        filter: Filter::all(parts),
        top,
        ..EntityQuery::default()
    };
    let client = ctx.client(stderr_prompt())?;
    let got = client.indicators(&q).await.context("listing indicators")?;
    if as_json {
        return print(|out| json(out, &got.items));
    }
    let rows: Vec<Vec<String>> = got
        .items
        .iter()
        .map(|i| {
            vec![
                i.id.clone(),
                i.indicator_type.to_string(),
                i.action.to_string(),
                when(i.expiration_time),
                i.created_by.clone().unwrap_or_default(),
                i.title.clone().unwrap_or_default(),
                i.indicator_value.clone(),
            ]
        })
        .collect();
    print(|out| {
        table(
            out,
            &[
                "ID",
                "TYPE",
                "ACTION",
                "EXPIRES",
                "CREATED BY",
                "TITLE",
                "VALUE",
            ],
            &rows,
            80,
        )
    })
}

async fn audit(
    ctx: &Context,
    action: &'static str,
    detail: serde_json::Value,
) -> anyhow::Result<()> {
    let s = store(ctx)?;
    tokio::task::spawn_blocking(move || s.audit_response(action, &[], &detail)).await??;
    Ok(())
}

async fn add(ctx: &Context, new: NewIndicator, as_json: bool) -> anyhow::Result<()> {
    refuse_read_only(ctx, "`indicators add`")?;
    let client = ctx.client(stderr_prompt())?;
    let result = client.add_indicator(&new).await;
    let detail = serde_json::json!({
        "indicator": new,
        "result": match &result { Ok(i) => format!("id {}", i.id), Err(e) => e.to_string() },
    });
    audit(ctx, "indicator-add", detail).await?;
    let i = result.context("adding the indicator")?;
    if matches!(
        i.indicator_type,
        IndicatorType::IpAddress | IndicatorType::DomainName | IndicatorType::Url
    ) {
        eprintln!(
            "mde-triage: note: network indicators need network protection in block mode and can take up to 48 hours to be enforced"
        );
    }
    if as_json {
        return print(|out| json(out, &i));
    }
    let line = format!(
        "indicator {}: {} {} {} (expires {})",
        i.id,
        i.action,
        i.indicator_type,
        i.indicator_value,
        when(i.expiration_time)
    );
    print(|out| writeln!(out, "{}", field(&line)))
}

async fn delete(ctx: &Context, id: &str) -> anyhow::Result<()> {
    refuse_read_only(ctx, "`indicators delete`")?;
    if id.is_empty() || !id.bytes().all(|b| b.is_ascii_digit()) {
        return Err(UsageError(format!("indicator ids are numbers, not {:?}", field(id))).into());
    }
    let client = ctx.client(stderr_prompt())?;
    let result = client.delete_indicator(id).await;
    let detail = serde_json::json!({
        "id": id,
        "result": match &result { Ok(()) => "deleted".to_string(), Err(e) => e.to_string() },
    });
    audit(ctx, "indicator-delete", detail).await?;
    match result {
        Ok(()) => print(|out| writeln!(out, "indicator {id}: deleted")),
        Err(mde_api::ApiError::NotFound(_)) => Err(UsageError(format!("no indicator {id}")).into()),
        Err(e) => Err(anyhow::Error::new(e).context(format!("deleting indicator {id}"))),
    }
}
