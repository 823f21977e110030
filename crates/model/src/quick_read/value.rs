//! The values every object of an alert shares: nullable strings, times and integers, read as
//! the model's `Deserialize` (and its `lenient` readers) read them.

use super::scan::Scan;
use crate::time::Timestamp;

/// A time as `lenient::opt_time` reads it: null, or a string that is a time or else absent.
pub(super) fn time(s: &mut Scan<'_>) -> Option<Option<Timestamp>> {
    Some(s.opt_string()?.and_then(|v| Timestamp::parse(&v).ok()))
}

/// An integer as `lenient::opt_i64` reads it, in its common forms (null, a plain integer);
/// the rest is read by that function through serde_json.
pub(super) fn int(s: &mut Scan<'_>) -> Option<Option<i64>> {
    if s.null() {
        return Some(None);
    }
    match s.int() {
        Some(n) => Some(Some(n)),
        None => s.serde::<OptI64>().map(|v| v.0),
    }
}

/// `lenient::opt_i64` as a type serde_json can read one value into.
#[derive(serde::Deserialize)]
#[serde(transparent)]
struct OptI64(#[serde(deserialize_with = "crate::lenient::opt_i64")] Option<i64>);

/// A nullable string, owned (what `Option<String>` reads).
pub(super) fn owned(s: &mut Scan<'_>) -> Option<Option<String>> {
    Some(s.opt_string()?.map(|v| v.into_owned()))
}
