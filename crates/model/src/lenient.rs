//! Field deserialisers that accept what the real service sends: nulls where the docs promise a
//! value, numbers as strings, unparseable times as absent.

use super::time::Timestamp;
use serde::{Deserialize, Deserializer};
use serde_json::Value;

/// `null` or missing becomes the type's default.
pub fn null_default<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Default + Deserialize<'de>,
{
    Ok(Option::<T>::deserialize(d)?.unwrap_or_default())
}

/// A string, or `null` as the empty string.
pub fn string_or_null<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    null_default(d)
}

/// An integer that may arrive as a JSON number or a numeric string.
pub fn opt_i64<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    Ok(match Option::<Value>::deserialize(d)? {
        Some(Value::Number(n)) => n.as_i64().or_else(|| n.as_f64().map(|f| f as i64)),
        Some(Value::String(s)) => s.trim().parse().ok(),
        _ => None,
    })
}

/// A timestamp; a value that is not one is treated as absent rather than failing the alert.
pub fn opt_time<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Timestamp>, D::Error> {
    Ok(
        match Option::<std::borrow::Cow<'de, str>>::deserialize(d)? {
            Some(s) => Timestamp::parse(&s).ok(),
            None => None,
        },
    )
}
