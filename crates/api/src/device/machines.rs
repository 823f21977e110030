//! Machines: list (OData over the machine properties), get by id, find by name the way other
//! clients do (`$filter=computerDnsName eq '…'&$select=id`), the alert's machine, logged-on users
//! and tags.

use super::query::EntityQuery;
use crate::client::MdeClient;
use crate::error::ApiError;
use crate::retry::Delivery;
use mde_model::device::{EntityList, LogonUser, Machine, parse_list};
use mde_odata::{Filter, MachineProp};
use percent_encoding::{NON_ALPHANUMERIC, utf8_percent_encode};
use reqwest::Method;
use serde::de::DeserializeOwned;

/// A machine and the JSON it came from (for the cache and the raw view).
#[derive(Debug, Clone, PartialEq)]
pub struct FetchedMachine {
    /// The typed machine.
    pub machine: Machine,
    /// The JSON as received.
    pub raw: String,
}

/// One path segment: `.`/`..` and the empty string would address another path.
pub(crate) fn segment(what: &str, id: &str) -> Result<String, ApiError> {
    if id.is_empty() || id == "." || id == ".." {
        return Err(ApiError::Invalid(format!("{what} {id:?}")));
    }
    Ok(utf8_percent_encode(id, NON_ALPHANUMERIC).to_string())
}

impl MdeClient {
    /// `GET {base}api/{path}` and the body.
    pub(crate) async fn get_text(&self, path_and_query: &str) -> Result<String, ApiError> {
        let url = format!("{}api/{path_and_query}", self.base);
        Ok(self
            .inner
            .send(Method::GET, &url, None, Delivery::Idempotent)
            .await?
            .body)
    }

    /// A list, item by item (a malformed item is skipped and counted, not fatal).
    pub(crate) async fn get_list<T: DeserializeOwned>(
        &self,
        path: &str,
        qs: String,
    ) -> Result<EntityList<T>, ApiError> {
        let body = self
            .get_text(&format!(
                "{path}{}{qs}",
                if qs.is_empty() { "" } else { "?" }
            ))
            .await?;
        parse_list(&body).map_err(|e| ApiError::MalformedResponse(e.to_string()))
    }

    /// `GET /api/machines` with OData options. The service answers 404 when it has no recent
    /// machines at all: that is an empty list here.
    pub async fn machines(
        &self,
        query: &EntityQuery<MachineProp>,
    ) -> Result<EntityList<Machine>, ApiError> {
        match self.get_list("machines", query.to_query_string()).await {
            Err(ApiError::NotFound(_)) => Ok(EntityList {
                items: Vec::new(),
                skipped: Vec::new(),
            }),
            other => other,
        }
    }

    /// `GET /api/machines/{id}` (the service also takes a computer name here).
    pub async fn machine(&self, id: &str) -> Result<FetchedMachine, ApiError> {
        let raw = self
            .get_text(&format!("machines/{}", segment("machine id", id)?))
            .await?;
        let machine =
            serde_json::from_str(&raw).map_err(|e| ApiError::MalformedResponse(e.to_string()))?;
        Ok(FetchedMachine { machine, raw })
    }

    /// The machine ids whose `computerDnsName` is `name` (case-insensitive on the service).
    pub async fn machine_ids_by_name(&self, name: &str) -> Result<Vec<String>, ApiError> {
        let q = EntityQuery {
            filter: Some(Filter::eq(MachineProp::ComputerDnsName, name)),
            select: vec!["id"],
            ..EntityQuery::default()
        };
        #[derive(serde::Deserialize)]
        struct IdOnly {
            id: String,
        }
        let list: EntityList<IdOnly> = match self.get_list("machines", q.to_query_string()).await {
            Err(ApiError::NotFound(_)) => return Ok(Vec::new()),
            other => other?,
        };
        Ok(list.items.into_iter().map(|i| i.id).collect())
    }

    /// `GET /api/alerts/{id}/machine`.
    pub async fn alert_machine(&self, alert_id: &str) -> Result<FetchedMachine, ApiError> {
        let raw = self
            .get_text(&format!(
                "alerts/{}/machine",
                segment("alert id", alert_id)?
            ))
            .await?;
        let machine =
            serde_json::from_str(&raw).map_err(|e| ApiError::MalformedResponse(e.to_string()))?;
        Ok(FetchedMachine { machine, raw })
    }

    /// `GET /api/machines/{id}/logonusers`.
    pub async fn logon_users(&self, id: &str) -> Result<EntityList<LogonUser>, ApiError> {
        self.get_list(
            &format!("machines/{}/logonusers", segment("machine id", id)?),
            String::new(),
        )
        .await
    }

    /// `POST /api/machines/{id}/tags` (`{Value, Action: Add|Remove}`): the machine as it is now.
    /// Setting a tag is idempotent, so it is retried like a read.
    pub async fn tag(&self, id: &str, value: &str, add: bool) -> Result<FetchedMachine, ApiError> {
        if value.trim().is_empty() {
            return Err(ApiError::Invalid("an empty tag".into()));
        }
        let url = format!(
            "{}api/machines/{}/tags",
            self.base,
            segment("machine id", id)?
        );
        let body =
            serde_json::json!({"Value": value, "Action": if add { "Add" } else { "Remove" }});
        let raw = self
            .inner
            .send(Method::POST, &url, Some(&body), Delivery::Idempotent)
            .await?
            .body;
        let machine =
            serde_json::from_str(&raw).map_err(|e| ApiError::MalformedResponse(e.to_string()))?;
        Ok(FetchedMachine { machine, raw })
    }
}
