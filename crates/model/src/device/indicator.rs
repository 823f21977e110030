//! The Indicator entity (`/api/indicators`) and the body that creates one. Ids are numeric
//! strings on the wire (`"995"`); a number is accepted too.

use super::enums::{IndicatorAction, IndicatorSeverity, IndicatorType};
use crate::time::Timestamp;
use serde::{Deserialize, Deserializer, Serialize};

/// An indicator of compromise the tenant allows, audits, warns about or blocks.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Indicator {
    /// Numeric id, as a string.
    #[serde(deserialize_with = "id_text")]
    pub id: String,
    /// The hash, IP, domain or URL.
    #[serde(default, deserialize_with = "crate::lenient::string_or_null")]
    pub indicator_value: String,
    /// What kind of value it is.
    pub indicator_type: IndicatorType,
    /// What the service does when it sees it.
    pub action: IndicatorAction,
    /// The application it applies to (Defender for Cloud Apps).
    #[serde(default)]
    pub application: Option<String>,
    /// Display name of the creator.
    #[serde(default)]
    pub source: Option<String>,
    /// `User` or `AadApp`.
    #[serde(default)]
    pub source_type: Option<String>,
    /// Title.
    #[serde(default)]
    pub title: Option<String>,
    /// When it was created.
    #[serde(default, deserialize_with = "crate::lenient::opt_time")]
    pub creation_time_date_time_utc: Option<Timestamp>,
    /// Who created it (app id or UPN).
    #[serde(default)]
    pub created_by: Option<String>,
    /// When it stops applying (null: never).
    #[serde(default, deserialize_with = "crate::lenient::opt_time")]
    pub expiration_time: Option<Timestamp>,
    /// Its last change.
    #[serde(default, deserialize_with = "crate::lenient::opt_time")]
    pub last_update_time: Option<Timestamp>,
    /// Who changed it last.
    #[serde(default)]
    pub last_updated_by: Option<String>,
    /// Severity of the alerts it raises.
    #[serde(default)]
    pub severity: Option<IndicatorSeverity>,
    /// Description.
    #[serde(default)]
    pub description: Option<String>,
    /// What the analyst should do.
    #[serde(default)]
    pub recommended_actions: Option<String>,
    /// Device groups it applies to (all when empty).
    #[serde(default, deserialize_with = "crate::lenient::null_default")]
    pub rbac_group_names: Vec<String>,
    /// Whether it raises alerts.
    #[serde(default)]
    pub generate_alert: Option<bool>,
    /// The creator's display name.
    #[serde(default)]
    pub created_by_display_name: Option<String>,
    /// `PublicApi`, `Portal`, …
    #[serde(default)]
    pub created_by_source: Option<String>,
}

/// `POST /api/indicators`: the camelCase body (unlike machine actions, indicators are camelCase).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NewIndicator {
    /// The hash, IP, domain or URL.
    pub indicator_value: String,
    /// Its kind.
    pub indicator_type: IndicatorType,
    /// What to do about it (send one of `IndicatorAction::CURRENT`).
    pub action: IndicatorAction,
    /// Title (required).
    pub title: String,
    /// Description (required).
    pub description: String,
    /// When it stops applying.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub expiration_time: Option<Timestamp>,
    /// Severity of the alerts it raises.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub severity: Option<IndicatorSeverity>,
    /// What the analyst should do.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub recommended_actions: Option<String>,
    /// Raise alerts (the service needs it true for `Audit`).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub generate_alert: Option<bool>,
}

fn id_text<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    Ok(match serde_json::Value::deserialize(d)? {
        serde_json::Value::String(s) => s,
        serde_json::Value::Number(n) => n.to_string(),
        other => return Err(serde::de::Error::custom(format!("indicator id {other}"))),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_documentation_example_parses_with_numeric_or_string_ids() {
        // The doc example, with its invalid `"lastUpdatedBy": TestPrdApp` quoted.
        let doc = r#"{"id":"995","indicatorValue":"12.13.14.15","indicatorType":"IpAddress",
            "action":"AlertAndBlock","application":null,"source":"TestPrdApp","sourceType":"AadApp",
            "title":"test","creationTimeDateTimeUtc":"2018-10-24T11:12:47.6411185Z",
            "createdBy":"45097602-1234-5678-1234-9f453233e62c","expirationTime":"2020-12-12T00:00:00Z",
            "lastUpdateTime":"2019-10-24T10:54:23.2009016Z","lastUpdatedBy":"TestPrdApp",
            "severity":"Informational","description":"test","recommendedActions":"test","rbacGroupNames":[]}"#;
        let i: Indicator = serde_json::from_str(doc).unwrap();
        assert_eq!(i.id, "995");
        assert_eq!(i.action, IndicatorAction::AlertAndBlock);
        assert!(i.action.is_retired());
        assert_eq!(i.indicator_type, IndicatorType::IpAddress);
        let n: Indicator = serde_json::from_str(
            r#"{"id":996,"indicatorValue":"a.example","indicatorType":"DomainName","action":"Block","rbacGroupNames":null}"#,
        )
        .unwrap();
        assert_eq!(n.id, "996");
        assert!(n.rbac_group_names.is_empty());
    }

    #[test]
    fn a_new_indicator_is_sent_camel_case_without_empty_options() {
        let body = NewIndicator {
            indicator_value: "a".repeat(40),
            indicator_type: IndicatorType::FileSha1,
            action: IndicatorAction::Block,
            title: "t".into(),
            description: "d".into(),
            expiration_time: None,
            severity: Some(IndicatorSeverity::High),
            recommended_actions: None,
            generate_alert: None,
        };
        let v = serde_json::to_value(&body).unwrap();
        assert_eq!(v["indicatorType"], "FileSha1");
        assert_eq!(v["severity"], "High");
        assert!(v.get("expirationTime").is_none());
    }
}
