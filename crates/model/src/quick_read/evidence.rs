//! An evidence item read by the quick path: 26 flat fields of strings, integers, times and
//! two enums, most of them null.

use super::scan::Scan;
use super::value::{int, time};
use crate::enums::{DetectionStatus, EntityType};
use crate::evidence::Evidence;
use std::borrow::Cow;

/// The keys in the order the service sends them (and `Evidence` declares them).
pub(super) const KEYS: &[&[u8]] = &[
    b"entityType",
    b"evidenceCreationTime",
    b"sha1",
    b"sha256",
    b"fileName",
    b"filePath",
    b"processId",
    b"processCommandLine",
    b"processCreationTime",
    b"parentProcessId",
    b"parentProcessCreationTime",
    b"parentProcessFileName",
    b"parentProcessFilePath",
    b"ipAddress",
    b"url",
    b"registryKey",
    b"registryHive",
    b"registryValueType",
    b"registryValue",
    b"registryValueName",
    b"accountName",
    b"domainName",
    b"userSid",
    b"aadUserId",
    b"userPrincipalName",
    b"detectionStatus",
];

/// One evidence object.
pub(super) fn item<'a, S: From<Cow<'a, str>>>(s: &mut Scan<'a>) -> Option<Evidence<S>> {
    let mut e = Evidence::blank(EntityType::Unrecognized(String::new()));
    let seen = s.object(KEYS, |s, i| field(s, &mut e, i))?;
    (seen & 1 != 0).then_some(e) // no `entityType`: serde's error
}

/// Reads the value of field `i` into `e`.
fn field<'a, S: From<Cow<'a, str>>>(s: &mut Scan<'a>, e: &mut Evidence<S>, i: usize) -> Option<()> {
    let text = |s: &mut Scan<'a>| s.opt_string().map(|v| v.map(S::from));
    match i {
        0 => e.entity_type = EntityType::parse(&s.string()?),
        1 => e.evidence_creation_time = s.spare(time)?,
        2 => e.sha1 = text(s)?,
        3 => e.sha256 = text(s)?,
        4 => e.file_name = text(s)?,
        5 => e.file_path = text(s)?,
        6 => e.process_id = int(s)?,
        7 => e.process_command_line = text(s)?,
        8 => e.process_creation_time = s.spare(time)?,
        9 => e.parent_process_id = int(s)?,
        10 => e.parent_process_creation_time = s.spare(time)?,
        11 => e.parent_process_file_name = text(s)?,
        12 => e.parent_process_file_path = text(s)?,
        13 => e.ip_address = text(s)?,
        14 => e.url = text(s)?,
        15 => e.registry_key = text(s)?,
        16 => e.registry_hive = text(s)?,
        17 => e.registry_value_type = text(s)?,
        18 => e.registry_value = text(s)?,
        19 => e.registry_value_name = text(s)?,
        20 => e.account_name = text(s)?,
        21 => e.domain_name = text(s)?,
        22 => e.user_sid = text(s)?,
        23 => e.aad_user_id = text(s)?,
        24 => e.user_principal_name = text(s)?,
        _ => e.detection_status = s.opt_string()?.map(|v| DetectionStatus::parse(&v)),
    }
    Some(())
}
