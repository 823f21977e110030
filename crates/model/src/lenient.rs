//! Field deserialisers that accept what the real service sends: nulls where the docs promise a
//! value, numbers as strings, unparseable times as absent. They read strings in place (no
//! `String` per enum or timestamp): parsing pages is the hot path of a sync.

use super::time::Timestamp;
use serde::Deserialize;
use serde::de::{self, Deserializer, IgnoredAny, Visitor};
use std::borrow::Cow;
use std::fmt;

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

/// Hands a string value to `f` without copying it; anything but a string is an error.
pub(crate) fn with_str<'de, D, T, F>(d: D, f: F) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    F: FnOnce(&str) -> T,
{
    struct StrVisitor<F>(F);
    impl<T, F: FnOnce(&str) -> T> Visitor<'_> for StrVisitor<F> {
        type Value = T;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a string")
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
            Ok((self.0)(v))
        }
    }
    d.deserialize_str(StrVisitor(f))
}

/// Like [`with_str`] for a nullable string: `null` gives `None`.
pub(crate) fn with_opt_str<'de, D, T, F>(d: D, f: F) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    F: FnOnce(&str) -> T,
{
    struct OptVisitor<F>(F);
    impl<'de, T, F: FnOnce(&str) -> T> Visitor<'de> for OptVisitor<F> {
        type Value = Option<T>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a string or null")
        }
        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_some<D2: Deserializer<'de>>(self, d: D2) -> Result<Self::Value, D2::Error> {
            with_str(d, self.0).map(Some)
        }
    }
    d.deserialize_option(OptVisitor(f))
}

/// A nullable string as `S`: a `String`, or a `Cow` borrowed from the page when the value holds
/// no escapes (scale issue: reading a page built a `String` per evidence value). Accepts what
/// `Option<String>` accepts, with the same errors.
pub fn opt_str<'de, D, S>(d: D) -> Result<Option<S>, D::Error>
where
    D: Deserializer<'de>,
    S: From<Cow<'de, str>>,
{
    struct CowVisitor;
    impl<'de> Visitor<'de> for CowVisitor {
        type Value = Cow<'de, str>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a string")
        }
        fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
            Ok(Cow::Borrowed(v))
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
            Ok(Cow::Owned(v.to_string()))
        }
        fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
            Ok(Cow::Owned(v))
        }
    }
    struct OptVisitor;
    impl<'de> Visitor<'de> for OptVisitor {
        type Value = Option<Cow<'de, str>>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("option")
        }
        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_some<D2: Deserializer<'de>>(self, d: D2) -> Result<Self::Value, D2::Error> {
            d.deserialize_string(CowVisitor).map(Some)
        }
    }
    Ok(d.deserialize_option(OptVisitor)?.map(S::from))
}

/// An integer that may arrive as a JSON number or a numeric string; anything else is absent.
pub fn opt_i64<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    struct IntVisitor;
    impl<'de> Visitor<'de> for IntVisitor {
        type Value = Option<i64>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an integer, a numeric string or null")
        }
        fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
            Ok(Some(v))
        }
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
            Ok(i64::try_from(v).ok().or(Some(v as f64 as i64)))
        }
        fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
            Ok(Some(v as i64))
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
            Ok(v.trim().parse().ok())
        }
        fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_some<D2: Deserializer<'de>>(self, d: D2) -> Result<Self::Value, D2::Error> {
            d.deserialize_any(IntVisitor)
        }
        fn visit_seq<A: de::SeqAccess<'de>>(self, mut a: A) -> Result<Self::Value, A::Error> {
            while a.next_element::<IgnoredAny>()?.is_some() {}
            Ok(None)
        }
        fn visit_map<A: de::MapAccess<'de>>(self, mut a: A) -> Result<Self::Value, A::Error> {
            while a.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
            Ok(None)
        }
    }
    d.deserialize_option(IntVisitor)
}

/// A timestamp; a value that is not one is treated as absent rather than failing the alert.
pub fn opt_time<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Timestamp>, D::Error> {
    Ok(with_opt_str(d, |s| Timestamp::parse(s).ok())?.flatten())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize)]
    struct T {
        #[serde(default, deserialize_with = "opt_i64")]
        n: Option<i64>,
        #[serde(default, deserialize_with = "opt_time")]
        t: Option<Timestamp>,
    }

    #[test]
    fn numbers_strings_and_oddities() {
        let n = |j: &str| {
            serde_json::from_str::<T>(j)
                .map(|t| t.n)
                .map_err(|e| e.to_string())
        };
        assert_eq!(n(r#"{"n": 5}"#), Ok(Some(5)));
        assert_eq!(n(r#"{"n": -5}"#), Ok(Some(-5)));
        assert_eq!(n(r#"{"n": " 42 "}"#), Ok(Some(42)));
        assert_eq!(n(r#"{"n": 4.0}"#), Ok(Some(4)));
        assert_eq!(n(r#"{"n": "x"}"#), Ok(None));
        assert_eq!(n(r#"{"n": null}"#), Ok(None));
        assert_eq!(n(r#"{"n": {"a": [1]}}"#), Ok(None));
        assert_eq!(n(r#"{"n": [1, 2]}"#), Ok(None));
        assert_eq!(n(r#"{}"#), Ok(None));
        let t = |j: &str| serde_json::from_str::<T>(j).map(|t| t.t.map(|t| t.to_wire()));
        assert_eq!(
            t(r#"{"t": "2024-01-02T03:04:05.5Z"}"#).ok(),
            Some(Some("2024-01-02T03:04:05.5Z".into()))
        );
        // An escaped string is read too (serde hands it over unescaped).
        assert_eq!(
            t(r#"{"t": "2024-01-02T03:04:05\u005a"}"#).ok(),
            Some(Some("2024-01-02T03:04:05Z".into()))
        );
        assert_eq!(t(r#"{"t": "soon"}"#).ok(), Some(None));
        assert_eq!(t(r#"{"t": null}"#).ok(), Some(None));
        assert!(t(r#"{"t": 5}"#).is_err(), "a number is not a time");
    }
}
