//! The checks on a submitted indicator: required fields, the documented `indicatorType` and
//! `action` values, a value of the right shape for its type (hashes by length, public IPv4/IPv6
//! only and no CIDR, host names, http(s) URLs), `BlockAndRemediate` for files only, `Audit`
//! with `generateAlert`, and an expiry in the future.

use crate::errors::ApiError;
use axum::http::StatusCode;
use mde_model::Timestamp;
use mde_model::device::{IndicatorAction, IndicatorSeverity, IndicatorType, NewIndicator};
use serde_json::{Map, Value};
use std::net::IpAddr;

fn missing(name: &str) -> ApiError {
    ApiError::new(
        StatusCode::BAD_REQUEST,
        "MissingRequiredParameter",
        format!("Parameter {name} is missing."),
    )
}

fn text(obj: &Map<String, Value>, key: &str) -> Result<Option<String>, ApiError> {
    match obj.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(_) => Err(ApiError::body(format!("{key} must be a string."))),
    }
}

fn required(obj: &Map<String, Value>, key: &str) -> Result<String, ApiError> {
    text(obj, key)?
        .filter(|s| !s.trim().is_empty())
        .ok_or_else(|| missing(key))
}

fn list(known: &[&str]) -> String {
    known.join(", ")
}

/// Reads and checks a body against the documented rules, as of `now`.
pub fn parse(obj: &Map<String, Value>, now: Timestamp) -> Result<NewIndicator, ApiError> {
    let value = required(obj, "indicatorValue")?;
    let type_name = required(obj, "indicatorType")?;
    let indicator_type = match IndicatorType::parse(&type_name) {
        IndicatorType::Unrecognized(_) => {
            return Err(ApiError::body(format!(
                "indicatorType '{type_name}' is not valid. Valid values: {}.",
                list(
                    &IndicatorType::KNOWN
                        .iter()
                        .map(|t| t.as_str())
                        .collect::<Vec<_>>()
                )
            )));
        }
        t => t,
    };
    let action_name = required(obj, "action")?;
    let action = match IndicatorAction::parse(&action_name) {
        IndicatorAction::Unrecognized(_) => {
            return Err(ApiError::body(format!(
                "action '{action_name}' is not valid. Valid values: {}.",
                list(
                    &IndicatorAction::CURRENT
                        .iter()
                        .map(|a| a.as_str())
                        .collect::<Vec<_>>()
                )
            )));
        }
        a => a,
    };
    let title = required(obj, "title")?;
    let description = required(obj, "description")?;
    let generate_alert = match obj.get("generateAlert") {
        None | Some(Value::Null) => None,
        Some(Value::Bool(b)) => Some(*b),
        Some(_) => return Err(ApiError::body("generateAlert must be true or false.")),
    };
    let severity = match text(obj, "severity")? {
        None => None,
        Some(s) => match IndicatorSeverity::parse(&s) {
            IndicatorSeverity::Unrecognized(_) => {
                return Err(ApiError::body(format!(
                    "severity '{s}' is not valid. Valid values: Informational, Low, Medium, High."
                )));
            }
            v => Some(v),
        },
    };
    let expiration_time = match text(obj, "expirationTime")? {
        None => None,
        Some(s) => {
            let t = Timestamp::parse(&s)
                .map_err(|_| ApiError::body(format!("expirationTime '{s}' is not a date-time.")))?;
            if t <= now {
                return Err(ApiError::body(format!(
                    "expirationTime {s} is in the past; an indicator must expire in the future."
                )));
            }
            Some(t)
        }
    };
    if action == IndicatorAction::BlockAndRemediate && !indicator_type.is_file() {
        return Err(ApiError::body(
            "BlockAndRemediate applies to file indicators only (FileSha1, FileSha256, FileMd5).",
        ));
    }
    if action == IndicatorAction::Audit && generate_alert != Some(true) {
        return Err(ApiError::body(
            "generateAlert must be true for an Audit indicator.",
        ));
    }
    check_value(&indicator_type, &value)?;
    Ok(NewIndicator {
        indicator_value: normalise(&indicator_type, &value),
        indicator_type,
        action,
        title,
        description,
        expiration_time,
        severity,
        recommended_actions: text(obj, "recommendedActions")?,
        generate_alert,
    })
}

fn hex(v: &str, n: usize) -> bool {
    v.len() == n && v.bytes().all(|b| b.is_ascii_hexdigit())
}

fn check_value(t: &IndicatorType, v: &str) -> Result<(), ApiError> {
    let bad = |why: String| ApiError::new(StatusCode::BAD_REQUEST, "InvalidIndicatorValue", why);
    match t {
        IndicatorType::FileSha1 | IndicatorType::CertificateThumbprint if !hex(v, 40) => Err(bad(
            format!("'{v}' is not a SHA-1 (40 hexadecimal digits)."),
        )),
        IndicatorType::FileSha256 if !hex(v, 64) => Err(bad(format!(
            "'{v}' is not a SHA-256 (64 hexadecimal digits)."
        ))),
        IndicatorType::FileMd5 if !hex(v, 32) => {
            Err(bad(format!("'{v}' is not an MD5 (32 hexadecimal digits).")))
        }
        IndicatorType::IpAddress => check_ip(v),
        IndicatorType::DomainName if !is_host(v) => {
            Err(bad(format!("'{v}' is not a domain name.")))
        }
        IndicatorType::Url => {
            let rest = v
                .strip_prefix("https://")
                .or_else(|| v.strip_prefix("http://"))
                .unwrap_or(v);
            let host = rest.split(['/', '?', '#', ':']).next().unwrap_or("");
            if is_host(host) || host.parse::<IpAddr>().is_ok() {
                Ok(())
            } else {
                Err(bad(format!("'{v}' is not a URL.")))
            }
        }
        _ => Ok(()),
    }
}

fn is_host(h: &str) -> bool {
    !h.is_empty()
        && h.len() <= 253
        && h.contains('.')
        && h.split('.').all(|l| {
            !l.is_empty()
                && l.len() <= 63
                && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
                && !l.starts_with('-')
                && !l.ends_with('-')
        })
}

fn check_ip(v: &str) -> Result<(), ApiError> {
    let code = "InvalidIpAddress";
    if v.contains('/') {
        return Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            code,
            format!("'{v}': CIDR ranges are not supported; submit single addresses."),
        ));
    }
    let ip: IpAddr = v.parse().map_err(|_| {
        ApiError::new(
            StatusCode::BAD_REQUEST,
            code,
            format!("'{v}' is not an IP address."),
        )
    })?;
    let internal = match ip {
        IpAddr::V4(a) => {
            a.is_private()
                || a.is_loopback()
                || a.is_link_local()
                || a.is_unspecified()
                || a.is_broadcast()
                || a.octets()[0] == 100 && (64..128).contains(&a.octets()[1])
        }
        IpAddr::V6(a) => {
            a.is_loopback()
                || a.is_unspecified()
                || (a.segments()[0] & 0xfe00) == 0xfc00
                || (a.segments()[0] & 0xffc0) == 0xfe80
        }
    };
    if internal {
        return Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            code,
            format!("'{v}' is an internal address; only external IP addresses can be indicators."),
        ));
    }
    Ok(())
}

/// Hashes and host names are case-insensitive: stored lower-case so the same value updates.
fn normalise(t: &IndicatorType, v: &str) -> String {
    match t {
        IndicatorType::Url | IndicatorType::IpAddress => v.to_string(),
        _ => v.to_ascii_lowercase(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn now() -> Timestamp {
        Timestamp::parse("2026-01-01T00:00:00Z").unwrap()
    }

    fn body(v: &str, t: &str, a: &str) -> Map<String, Value> {
        match json!({"indicatorValue": v, "indicatorType": t, "action": a, "title": "t", "description": "d"})
        {
            Value::Object(m) => m,
            _ => unreachable!(),
        }
    }

    fn err(m: Map<String, Value>) -> (&'static str, String) {
        let e = parse(&m, now()).unwrap_err();
        (e.code, e.message)
    }

    #[test]
    fn documented_rules_are_enforced() {
        assert!(parse(&body(&"A".repeat(40), "FileSha1", "Block"), now()).is_ok());
        assert_eq!(
            parse(&body(&"A".repeat(40), "FileSha1", "Block"), now())
                .unwrap()
                .indicator_value,
            "a".repeat(40)
        );
        assert!(err(body("abc", "FileSha1", "Block")).1.contains("SHA-1"));
        assert!(err(body("x", "Hash", "Block")).1.contains("FileSha256"));
        let (_, m) = err(body("8.8.8.8", "IpAddress", "Nuke"));
        assert!(
            m.contains("BlockAndRemediate") && !m.contains("AlertAndBlock"),
            "{m}"
        );
        assert_eq!(
            err(body("10.1.2.3", "IpAddress", "Block")).0,
            "InvalidIpAddress"
        );
        assert!(
            err(body("203.0.113.0/24", "IpAddress", "Block"))
                .1
                .contains("CIDR")
        );
        assert!(
            err(body("fe80::1", "IpAddress", "Block"))
                .1
                .contains("internal")
        );
        assert!(parse(&body("203.0.113.7", "IpAddress", "Block"), now()).is_ok());
        assert!(
            err(body("evil.example", "DomainName", "BlockAndRemediate"))
                .1
                .contains("file")
        );
        assert!(
            err(body("evil.example", "DomainName", "Audit"))
                .1
                .contains("generateAlert")
        );
        let mut audit = body("evil.example", "DomainName", "Audit");
        audit.insert("generateAlert".into(), json!(true));
        assert!(parse(&audit, now()).is_ok());
        let mut old = body("evil.example", "DomainName", "Block");
        old.insert("expirationTime".into(), json!("2020-01-01T00:00:00Z"));
        assert!(err(old).1.contains("past"));
        let mut no_title = body("evil.example", "DomainName", "Block");
        no_title.remove("title");
        assert_eq!(err(no_title).0, "MissingRequiredParameter");
        assert!(
            err(body("not a host", "DomainName", "Block"))
                .1
                .contains("domain")
        );
        assert!(parse(&body("https://evil.example/x?y=1", "Url", "Warn"), now()).is_ok());
        // The retired values are still read from the service's examples, and accepted.
        assert!(parse(&body("evil.example", "DomainName", "AlertAndBlock"), now()).is_ok());
    }
}
