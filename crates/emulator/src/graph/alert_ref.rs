//! One alert of the Graph view, wherever it is kept: an endpoint alert in the MDE store (served
//! through the projection) or another product's alert kept only for Graph. Filters and sorts
//! read its fields without projecting it; only the alerts of a page are projected.

use super::project::graph_alert;
use crate::odata::values::Typed;
use crate::record::Record;
use crate::store::Alerts;
use mde_model::graph::enums::{
    classification_name, classification_value, determination_name, determination_value,
    severity_name, severity_value, status_name, status_value,
};
use mde_model::graph::{GraphAlert, ServiceSource};
use mde_model::{Classification, Determination, Severity, Status, Timestamp};
use mde_odata::graph::GraphAlertProp;
use std::collections::BTreeMap;

/// An alert of the Graph view.
#[derive(Debug, Clone, Copy)]
pub enum AlertRef<'a> {
    /// An endpoint alert (the MDE API serves it too).
    Endpoint(&'a Record),
    /// Another product's alert.
    Other(&'a GraphAlert),
}

const ENDPOINT: ServiceSource = ServiceSource::MicrosoftDefenderForEndpoint;

impl<'a> AlertRef<'a> {
    /// Every alert of the view: endpoint alerts first, in id order, then the others.
    pub fn all(mde: &'a Alerts, other: &'a BTreeMap<String, GraphAlert>) -> Vec<AlertRef<'a>> {
        mde.by_id
            .values()
            .map(AlertRef::Endpoint)
            .chain(other.values().map(AlertRef::Other))
            .collect()
    }

    /// Its id.
    pub fn id(&self) -> &'a str {
        match self {
            AlertRef::Endpoint(r) => &r.alert().id,
            AlertRef::Other(g) => &g.id,
        }
    }

    /// Its incident id.
    pub fn incident_id(&self) -> Option<String> {
        match self {
            AlertRef::Endpoint(r) => r.alert().incident_id.map(|i| i.to_string()),
            AlertRef::Other(g) => g.incident_id.clone(),
        }
    }

    /// When it was created.
    pub fn created(&self) -> Option<Timestamp> {
        match self {
            AlertRef::Endpoint(r) => r.alert().alert_creation_time,
            AlertRef::Other(g) => g.created_date_time,
        }
    }

    /// Its last change.
    pub fn last_update(&self) -> Option<Timestamp> {
        match self {
            AlertRef::Endpoint(r) => r.alert().last_update_time,
            AlertRef::Other(g) => g.last_update_date_time,
        }
    }

    /// Severity.
    pub fn severity(&self) -> &'a Severity {
        match self {
            AlertRef::Endpoint(r) => &r.alert().severity,
            AlertRef::Other(g) => &g.severity,
        }
    }

    /// Status.
    pub fn status(&self) -> &'a Status {
        match self {
            AlertRef::Endpoint(r) => &r.alert().status,
            AlertRef::Other(g) => &g.status,
        }
    }

    /// Owner.
    pub fn assigned_to(&self) -> Option<&'a str> {
        match self {
            AlertRef::Endpoint(r) => r.alert().assigned_to.as_deref(),
            AlertRef::Other(g) => g.assigned_to.as_deref(),
        }
    }

    /// Classification.
    pub fn classification(&self) -> Option<&'a Classification> {
        match self {
            AlertRef::Endpoint(r) => r.alert().classification.as_ref(),
            AlertRef::Other(g) => g.classification.as_ref(),
        }
    }

    /// Determination.
    pub fn determination(&self) -> Option<&'a Determination> {
        match self {
            AlertRef::Endpoint(r) => r.alert().determination.as_ref(),
            AlertRef::Other(g) => g.determination.as_ref(),
        }
    }

    /// Title.
    pub fn title(&self) -> &'a str {
        match self {
            AlertRef::Endpoint(r) => &r.alert().title,
            AlertRef::Other(g) => &g.title,
        }
    }

    /// Category.
    pub fn category(&self) -> Option<&'a str> {
        match self {
            AlertRef::Endpoint(r) => r.alert().category.as_deref(),
            AlertRef::Other(g) => g.category.as_deref(),
        }
    }

    /// The product that raised it.
    pub fn service_source(&self) -> &'a ServiceSource {
        match self {
            AlertRef::Endpoint(_) => &ENDPOINT,
            AlertRef::Other(g) => g.service_source.as_ref().unwrap_or(&ServiceSource::Unknown),
        }
    }

    /// The value of a filterable property, typed for comparison.
    pub fn read(&self, p: GraphAlertProp) -> Option<Typed<'a>> {
        match p {
            GraphAlertProp::AssignedTo => self.assigned_to().map(Typed::Str),
            GraphAlertProp::Classification => self
                .classification()
                .map(|c| Typed::Enum(classification_value(c), classification_name(c))),
            GraphAlertProp::Determination => self
                .determination()
                .map(|d| Typed::Enum(determination_value(d), determination_name(d))),
            GraphAlertProp::CreatedDateTime => self.created().map(Typed::Time),
            GraphAlertProp::LastUpdateDateTime => self.last_update().map(Typed::Time),
            GraphAlertProp::Severity => {
                let s = self.severity();
                Some(Typed::Enum(severity_value(s), severity_name(s)))
            }
            GraphAlertProp::ServiceSource => {
                let s = self.service_source();
                Some(Typed::Enum(s.value(), s.as_str()))
            }
            GraphAlertProp::Status => {
                let s = self.status();
                Some(Typed::Enum(status_value(s), status_name(s)))
            }
        }
    }

    /// The alert in Graph's shape.
    pub fn to_graph(&self) -> GraphAlert {
        match self {
            AlertRef::Endpoint(r) => graph_alert(r),
            AlertRef::Other(g) => (*g).clone(),
        }
    }
}
