//! An incident as Graph serves it, computed from its own fields and its alerts: severity the
//! highest of theirs, created with the first, updated with the latest change of either.

use super::alert_ref::AlertRef;
use super::incident_book::{IncidentMeta, display_name, effective_status};
use super::project::incident_web_url;
use crate::demo_data::AAD_TENANT_ID;
use crate::odata::values::Typed;
use mde_model::graph::enums::{
    classification_name, classification_value, determination_name, determination_value,
    severity_name, severity_value,
};
use mde_model::graph::{GraphComment, Incident};
use mde_model::{Severity, Timestamp};
use mde_odata::graph::IncidentProp;

/// The incident `id` with its fields and alerts; `expand` embeds the alerts.
pub fn incident(
    id: &str,
    meta: Option<&IncidentMeta>,
    alerts: &[AlertRef<'_>],
    expand: bool,
) -> Incident {
    let default = IncidentMeta::default();
    let m = meta.unwrap_or(&default);
    let mut i = Incident::new(
        id.to_string(),
        m.display_name
            .clone()
            .unwrap_or_else(|| display_name(alerts)),
    );
    i.incident_web_url = Some(incident_web_url(id));
    i.tenant_id = Some(AAD_TENANT_ID.to_string());
    i.redirect_incident_id = m.redirect_to.clone();
    i.description = m.description.clone();
    i.summary = m.summary.clone();
    i.created_date_time = alerts
        .iter()
        .filter_map(|a| a.created())
        .min()
        .or(m.created);
    i.last_update_date_time = last_update(m, alerts);
    i.assigned_to = m.assigned_to.clone();
    i.classification = m.classification.clone();
    i.determination = m.determination.clone();
    i.status = effective_status(m, alerts);
    i.severity = alerts
        .iter()
        .map(|a| a.severity())
        .max_by_key(|s| s.rank())
        .cloned()
        .unwrap_or(Severity::UnSpecified);
    i.custom_tags = m.custom_tags.clone();
    if alerts.len() > 1
        && alerts
            .iter()
            .any(|a| a.service_source() != alerts[0].service_source())
    {
        i.system_tags = vec!["Multi-source".into()];
    }
    i.comments = m.comments.iter().map(GraphComment::from).collect();
    i.last_modified_by = m.last_modified_by.clone();
    i.resolving_comment = m.resolving_comment.clone();
    i.priority_score = m.priority_score;
    if expand {
        i.alerts = Some(alerts.iter().map(AlertRef::to_graph).collect());
    }
    i
}

/// The later of the incident's own last change and its alerts'.
pub fn last_update(m: &IncidentMeta, alerts: &[AlertRef<'_>]) -> Option<Timestamp> {
    alerts
        .iter()
        .filter_map(|a| a.last_update())
        .chain(m.last_update)
        .max()
}

/// The value of a filterable incident property, typed for comparison.
pub fn read(i: &Incident, p: IncidentProp) -> Option<Typed<'_>> {
    match p {
        IncidentProp::AssignedTo => i.assigned_to.as_deref().map(Typed::Str),
        IncidentProp::Classification => i
            .classification
            .as_ref()
            .map(|c| Typed::Enum(classification_value(c), classification_name(c))),
        IncidentProp::Determination => i
            .determination
            .as_ref()
            .map(|d| Typed::Enum(determination_value(d), determination_name(d))),
        IncidentProp::CreatedDateTime => i.created_date_time.map(Typed::Time),
        IncidentProp::LastUpdateDateTime => i.last_update_date_time.map(Typed::Time),
        IncidentProp::Severity => Some(Typed::Enum(
            severity_value(&i.severity),
            severity_name(&i.severity),
        )),
        IncidentProp::Status => Some(Typed::Enum(i.status.value(), i.status.as_str())),
    }
}
