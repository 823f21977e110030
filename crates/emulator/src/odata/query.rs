//! The system query options of a list call, read from the raw query string the way the service
//! reads it: `%24filter` and `$filter` alike, `+` as a space, unknown non-`$` parameters ignored.

use super::filter::Filter;
use mde_odata::ODataError;
use mde_odata::Prop;

/// The page-size cap of `/api/alerts`.
pub const MAX_TOP: usize = 10_000;

/// One `$orderby` key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OrderBy {
    /// The property.
    pub prop: Prop,
    /// Descending when true.
    pub desc: bool,
}

/// A parsed list request.
#[derive(Debug, Clone, Default)]
pub struct ListQuery {
    /// `$filter`.
    pub filter: Option<Filter>,
    /// `$top` (None: everything up to the cap).
    pub top: Option<usize>,
    /// `$skip`.
    pub skip: usize,
    /// `$expand=evidence`.
    pub expand_evidence: bool,
    /// `$orderby` keys, most significant first.
    pub order_by: Vec<OrderBy>,
    /// `$select`ed property names (canonical spelling), or None for all.
    pub select: Option<Vec<String>>,
    /// `$count=true`.
    pub count: bool,
}

/// Splits and decodes a raw query string.
pub fn decode_pairs(raw: &str) -> Vec<(String, String)> {
    crate::form::parse_form_pairs(raw)
}

impl ListQuery {
    /// Parses the raw query string; `properties` are the alert's property names (for `$select`).
    pub fn parse(raw: Option<&str>, properties: &[String]) -> Result<ListQuery, ODataError> {
        let mut q = ListQuery::default();
        let mut seen: Vec<String> = Vec::new();
        for (key, value) in decode_pairs(raw.unwrap_or("")) {
            let Some(option) = key.strip_prefix('$') else {
                continue; // unknown non-OData parameters are ignored
            };
            let option = option.to_ascii_lowercase();
            if seen.contains(&option) {
                return Err(ODataError(format!(
                    "Query option '${option}' was specified more than once, it must be specified at most once."
                )));
            }
            seen.push(option.clone());
            match option.as_str() {
                "filter" => q.filter = Some(Filter::parse(&value)?),
                "top" => {
                    let n = non_negative("$top", &value)?;
                    if n > MAX_TOP {
                        return Err(ODataError(format!(
                            "The limit of '{MAX_TOP}' for Top query has been exceeded. The value from the incoming request is '{n}'."
                        )));
                    }
                    q.top = Some(n);
                }
                "skip" => q.skip = non_negative("$skip", &value)?,
                "expand" => q.expand_evidence = expand(&value)?,
                "orderby" => q.order_by = order_by(&value)?,
                "select" => q.select = Some(select(&value, properties)?),
                "count" => {
                    q.count = match value.as_str() {
                        "true" => true,
                        "false" => false,
                        other => {
                            return Err(ODataError(format!(
                                "'{other}' is not a valid value for $count; use true or false."
                            )));
                        }
                    }
                }
                other => {
                    return Err(ODataError(format!(
                        "The query parameter '${other}' is not supported."
                    )));
                }
            }
        }
        Ok(q)
    }
}

fn non_negative(name: &str, v: &str) -> Result<usize, ODataError> {
    v.trim().parse::<usize>().map_err(|_| {
        ODataError(format!(
            "Invalid value '{v}' for {name} query option found. The {name} query option requires a non-negative integer value."
        ))
    })
}

fn expand(v: &str) -> Result<bool, ODataError> {
    let mut evidence = false;
    for item in v.split(',').map(str::trim).filter(|s| !s.is_empty()) {
        if item.eq_ignore_ascii_case("evidence") {
            evidence = true;
        } else {
            return Err(ODataError(format!(
                "Property '{item}' on type 'microsoft.windowsDefenderATP.api.Alert' cannot be expanded; only 'evidence' can."
            )));
        }
    }
    Ok(evidence)
}

fn order_by(v: &str) -> Result<Vec<OrderBy>, ODataError> {
    let mut keys = Vec::new();
    for item in v.split(',').map(str::trim) {
        let mut words = item.split_whitespace();
        let name = words
            .next()
            .ok_or_else(|| ODataError(format!("Empty $orderby clause in '{v}'.")))?;
        let prop = Prop::lookup(name).ok_or_else(|| {
            ODataError(format!(
                "Could not find a property named '{name}' that can be used in $orderby on type 'microsoft.windowsDefenderATP.api.Alert'."
            ))
        })?;
        let desc = match words.next().map(str::to_ascii_lowercase).as_deref() {
            None | Some("asc") => false,
            Some("desc") => true,
            Some(other) => {
                return Err(ODataError(format!(
                    "Syntax error in $orderby: expected 'asc' or 'desc' after '{name}', found '{other}'."
                )));
            }
        };
        if let Some(extra) = words.next() {
            return Err(ODataError(format!(
                "Syntax error in $orderby: unexpected '{extra}' after '{item}'."
            )));
        }
        keys.push(OrderBy { prop, desc });
    }
    Ok(keys)
}

fn select(v: &str, properties: &[String]) -> Result<Vec<String>, ODataError> {
    v.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|name| {
            properties
                .iter()
                .find(|p| p.eq_ignore_ascii_case(name))
                .cloned()
                .ok_or_else(|| {
                    ODataError(format!(
                        "Could not find a property named '{name}' on type 'microsoft.windowsDefenderATP.api.Alert'."
                    ))
                })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn props() -> Vec<String> {
        ["id", "title", "severity", "evidence"]
            .iter()
            .map(|s| s.to_string())
            .collect()
    }

    #[test]
    fn encoded_and_spaced_options_parse() {
        let q = ListQuery::parse(
            Some("%24top=5&$skip=2&%24filter=severity+eq+%27High%27&$orderby=lastUpdateTime%20desc,id&$select=ID,title&$expand=evidence&foo=bar"),
            &props(),
        )
        .unwrap();
        assert_eq!(q.top, Some(5));
        assert_eq!(q.skip, 2);
        assert!(q.filter.is_some());
        assert!(q.expand_evidence);
        assert_eq!(q.order_by.len(), 2);
        assert!(q.order_by[0].desc && !q.order_by[1].desc);
        assert_eq!(q.select.unwrap(), ["id", "title"]);
    }

    #[test]
    fn bad_options_are_refused_with_their_name() {
        let e = |s: &str| ListQuery::parse(Some(s), &props()).unwrap_err().0;
        assert!(e("$top=10001").contains("10000"));
        assert!(e("$top=-1").contains("$top"));
        assert!(e("$skip=x").contains("$skip"));
        assert!(e("$expand=machine").contains("'machine'"));
        assert!(e("$orderby=nope desc").contains("'nope'"));
        assert!(e("$orderby=id sideways").contains("'sideways'"));
        assert!(e("$select=bogus").contains("'bogus'"));
        assert!(e("$search=x").contains("'$search'"));
        assert!(e("$top=1&%24top=2").contains("more than once"));
        assert!(ListQuery::parse(Some("$top=10000&other=1"), &props()).is_ok());
    }
}
