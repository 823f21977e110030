//! An alert object read by the quick path: its fields here and in `evidence` and `people`,
//! the rare ones (domains, the Graph source) by serde_json from the same position.

use super::evidence::item;
use super::people::{comment, logged_on_user, related_user};
use super::scan::Scan;
use super::value::{int, owned, time};
use crate::alert::Alert;
use crate::enums::{Classification, Determination, InvestigationState, Severity, Status};
use crate::evidence::Evidence;
use crate::graph::ServiceSource;
use std::borrow::Cow;

/// The keys in the order the service sends them (and `Alert` declares them).
pub(super) const KEYS: &[&[u8]] = &[
    b"id",
    b"incidentId",
    b"investigationId",
    b"assignedTo",
    b"severity",
    b"status",
    b"classification",
    b"determination",
    b"investigationState",
    b"detectionSource",
    b"detectorId",
    b"category",
    b"threatFamilyName",
    b"title",
    b"description",
    b"alertCreationTime",
    b"firstEventTime",
    b"lastEventTime",
    b"lastUpdateTime",
    b"resolvedTime",
    b"machineId",
    b"computerDnsName",
    b"rbacGroupName",
    b"aadTenantId",
    b"threatName",
    b"mitreTechniques",
    b"relatedUser",
    b"loggedOnUsers",
    b"comments",
    b"evidence",
    b"domains",
    b"serviceSource",
];

/// One alert object.
pub(super) fn read<'a, S: From<Cow<'a, str>>>(s: &mut Scan<'a>) -> Option<Alert<Evidence<S>>> {
    let mut a = Alert::defaults();
    let seen = s.object(KEYS, |s, i| field(s, &mut a, i))?;
    (seen & 1 != 0).then_some(a) // no `id`: serde's error
}

/// Reads the value of field `i` into `a`.
fn field<'a, S: From<Cow<'a, str>>>(
    s: &mut Scan<'a>,
    a: &mut Alert<Evidence<S>>,
    i: usize,
) -> Option<()> {
    match i {
        0 => a.id = s.string()?.into_owned(),
        1 => a.incident_id = int(s)?,
        2 => a.investigation_id = int(s)?,
        3 => a.assigned_to = owned(s)?,
        4 => a.severity = enumeration(s, Severity::parse)?.unwrap_or(Severity::UnSpecified),
        5 => a.status = enumeration(s, Status::parse)?.unwrap_or(Status::Unknown),
        6 => a.classification = enumeration(s, Classification::parse)?,
        7 => a.determination = enumeration(s, Determination::parse)?,
        8 => a.investigation_state = enumeration(s, InvestigationState::parse)?,
        9 => a.detection_source = owned(s)?,
        10 => a.detector_id = s.spare(owned)?,
        11 => a.category = owned(s)?,
        12 => a.threat_family_name = owned(s)?,
        13 => a.title = owned(s)?.unwrap_or_default(),
        14 => a.description = owned(s)?,
        15 => a.alert_creation_time = time(s)?,
        16 => a.first_event_time = s.spare(time)?,
        17 => a.last_event_time = s.spare(time)?,
        18 => a.last_update_time = time(s)?,
        19 => a.resolved_time = s.spare(time)?,
        20 => a.machine_id = s.spare(owned)?,
        21 => a.computer_dns_name = owned(s)?,
        22 => a.rbac_group_name = owned(s)?,
        23 => a.aad_tenant_id = s.spare(owned)?,
        24 => a.threat_name = owned(s)?,
        25 => a.mitre_techniques = s.list(|s| s.string().map(Cow::into_owned))?,
        26 => a.related_user = related_user(s)?,
        27 => a.logged_on_users = s.list(logged_on_user)?,
        28 => a.comments = s.list(comment)?,
        29 => a.evidence = s.list(item)?,
        30 => {
            a.domains = s
                .serde::<Option<Vec<serde_json::Value>>>()?
                .unwrap_or_default()
        }
        _ => a.service_source = s.serde::<Option<ServiceSource>>()?,
    }
    Some(())
}

/// A nullable open enum, read in place.
fn enumeration<T>(s: &mut Scan<'_>, parse: fn(&str) -> T) -> Option<Option<T>> {
    Some(s.opt_string()?.map(|v| parse(&v)))
}
