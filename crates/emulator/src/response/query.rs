//! The system query options of the machine, machine-action and indicator lists: `$filter` over
//! the entity's own property set (the one grammar, mde-odata), `$top` (at most 10,000), `$skip`
//! and `$select`; anything else is refused by name, as on the alerts list.

use crate::errors::ApiError;
use crate::odata::query::{MAX_TOP, decode_pairs};
use mde_odata::{Filter, Property, parse_as};

/// A parsed list request over the properties `P`.
#[derive(Debug, Clone)]
pub struct EntityQuery<P: Property> {
    /// `$filter`.
    pub filter: Option<Filter<P>>,
    /// `$top` (None: up to the cap).
    pub top: Option<usize>,
    /// `$skip`.
    pub skip: usize,
    /// `$select`ed keys (canonical spelling).
    pub select: Option<Vec<String>>,
}

impl<P: Property> EntityQuery<P> {
    /// Parses a raw query string; `keys` are the entity's JSON keys, for `$select`.
    pub fn parse(raw: Option<&str>, keys: &[String]) -> Result<Self, ApiError> {
        let mut q = EntityQuery {
            filter: None,
            top: None,
            skip: 0,
            select: None,
        };
        let mut seen: Vec<String> = Vec::new();
        for (key, value) in decode_pairs(raw.unwrap_or("")) {
            let Some(option) = key.strip_prefix('$') else {
                continue;
            };
            let option = option.to_ascii_lowercase();
            if seen.contains(&option) {
                return Err(ApiError::odata(format!(
                    "Query option '${option}' was specified more than once, it must be specified at most once."
                )));
            }
            seen.push(option.clone());
            match option.as_str() {
                "filter" => {
                    q.filter = Some(parse_as::<P>(&value).map_err(|e| ApiError::odata(e.0))?)
                }
                "top" => {
                    let n = count("$top", &value)?;
                    if n > MAX_TOP {
                        return Err(ApiError::odata(format!(
                            "The limit of '{MAX_TOP}' for Top query has been exceeded. The value from the incoming request is '{n}'."
                        )));
                    }
                    q.top = Some(n);
                }
                "skip" => q.skip = count("$skip", &value)?,
                "select" => q.select = Some(select::<P>(&value, keys)?),
                other => {
                    return Err(ApiError::odata(format!(
                        "The query parameter '${other}' is not supported."
                    )));
                }
            }
        }
        Ok(q)
    }

    /// The page: `$skip`, then `$top` (or the cap).
    pub fn page<T>(&self, items: Vec<T>) -> Vec<T> {
        items
            .into_iter()
            .skip(self.skip)
            .take(self.top.unwrap_or(MAX_TOP))
            .collect()
    }

    /// `Machines` or `Machines(id,computerDnsName)`.
    pub fn fragment(&self, set: &str) -> String {
        match &self.select {
            Some(cols) => format!("{set}({})", cols.join(",")),
            None => set.to_string(),
        }
    }
}

fn count(name: &str, v: &str) -> Result<usize, ApiError> {
    v.trim().parse::<usize>().map_err(|_| {
        ApiError::odata(format!(
            "Invalid value '{v}' for {name} query option found. The {name} query option requires a non-negative integer value."
        ))
    })
}

fn select<P: Property>(v: &str, keys: &[String]) -> Result<Vec<String>, ApiError> {
    v.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|name| {
            keys.iter()
                .find(|k| k.eq_ignore_ascii_case(name))
                .cloned()
                .ok_or_else(|| {
                    ApiError::odata(format!(
                        "Could not find a property named '{name}' on type '{}'.",
                        P::ENTITY
                    ))
                })
        })
        .collect()
}

/// Refuses any OData option (`/api/machines/{id}/alerts` takes none, as on the service).
pub fn refuse_options(raw: Option<&str>) -> Result<(), ApiError> {
    match decode_pairs(raw.unwrap_or(""))
        .into_iter()
        .find(|(k, _)| k.starts_with('$'))
    {
        Some((k, _)) => Err(ApiError::odata(format!(
            "The query parameter '{k}' is not supported on this resource."
        ))),
        None => Ok(()),
    }
}
