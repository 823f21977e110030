//! `runHuntingQuery` answers: `{schema: [{name, type}], results: [{col: value}]}`, with typed
//! cells. The docs show `name`/`Name` and `schema`/`Schema` both; keys are read in any case.

use crate::time::Timestamp;
use serde_json::{Map, Value};

/// The KQL type of a column, as the schema names it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum ColumnType {
    /// `DateTime`.
    DateTime,
    /// `String`.
    String,
    /// `Int64` / `Int32` / `Long`.
    Long,
    /// `Double` / `Real`.
    Real,
    /// `Boolean`.
    Bool,
    /// `Object` / `Dynamic` (JSON).
    Dynamic,
    /// `TimeSpan`.
    Timespan,
    /// `Guid`.
    Guid,
    /// Another name, kept.
    Other(String),
}

impl ColumnType {
    /// Reads a schema type name (any case).
    pub fn parse(s: &str) -> ColumnType {
        match s.to_ascii_lowercase().as_str() {
            "datetime" | "date" => ColumnType::DateTime,
            "string" => ColumnType::String,
            "int64" | "int32" | "int" | "long" => ColumnType::Long,
            "double" | "real" | "decimal" => ColumnType::Real,
            "boolean" | "bool" | "sbyte" => ColumnType::Bool,
            "object" | "dynamic" => ColumnType::Dynamic,
            "timespan" => ColumnType::Timespan,
            "guid" => ColumnType::Guid,
            _ => ColumnType::Other(s.to_string()),
        }
    }

    /// The name the service writes in the schema.
    pub fn as_str(&self) -> &str {
        match self {
            ColumnType::DateTime => "DateTime",
            ColumnType::String => "String",
            ColumnType::Long => "Int64",
            ColumnType::Real => "Double",
            ColumnType::Bool => "Boolean",
            ColumnType::Dynamic => "Object",
            ColumnType::Timespan => "TimeSpan",
            ColumnType::Guid => "Guid",
            ColumnType::Other(s) => s,
        }
    }
}

/// One column of the schema.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Column {
    /// Column name.
    pub name: String,
    /// Its type.
    pub kind: ColumnType,
}

/// One typed value.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum Cell {
    /// No value.
    Null,
    /// A boolean.
    Bool(bool),
    /// An integer.
    Long(i64),
    /// A real.
    Real(f64),
    /// A string (attacker-controlled: sanitise before display).
    Str(String),
    /// A time.
    Time(Timestamp),
    /// A JSON value of a `dynamic` column, or a value that did not match its column type.
    Json(Value),
}

impl Cell {
    /// Reads a JSON value as a cell of `kind`; a mismatch keeps the JSON rather than failing.
    pub fn read(kind: &ColumnType, v: Value) -> Cell {
        match (kind, v) {
            (_, Value::Null) => Cell::Null,
            (ColumnType::DateTime, Value::String(s)) => match Timestamp::parse(&s) {
                Ok(t) => Cell::Time(t),
                Err(_) => Cell::Str(s),
            },
            (ColumnType::Long, Value::Number(n)) if n.is_i64() => {
                Cell::Long(n.as_i64().unwrap_or_default())
            }
            (ColumnType::Long, Value::String(s)) if s.trim().parse::<i64>().is_ok() => {
                Cell::Long(s.trim().parse().unwrap_or_default())
            }
            (ColumnType::Real, Value::Number(n)) => Cell::Real(n.as_f64().unwrap_or_default()),
            (ColumnType::Bool, Value::Bool(b)) => Cell::Bool(b),
            (ColumnType::Dynamic, v) => Cell::Json(v),
            (_, Value::String(s)) => Cell::Str(s),
            (_, Value::Bool(b)) => Cell::Bool(b),
            (_, v) => Cell::Json(v),
        }
    }

    /// The value as the service writes it.
    pub fn to_json(&self) -> Value {
        match self {
            Cell::Null => Value::Null,
            Cell::Bool(b) => Value::Bool(*b),
            Cell::Long(n) => Value::from(*n),
            Cell::Real(r) => serde_json::Number::from_f64(*r).map_or(Value::Null, Value::Number),
            Cell::Str(s) => Value::String(s.clone()),
            Cell::Time(t) => Value::String(t.to_wire()),
            Cell::Json(v) => v.clone(),
        }
    }

    /// The value as text for a table or CSV (times in the wire form).
    pub fn to_text(&self) -> String {
        match self {
            Cell::Null => String::new(),
            Cell::Str(s) => s.clone(),
            Cell::Time(t) => t.to_wire(),
            other => other.to_json().to_string(),
        }
    }

    /// The value as an integer, when it is one.
    pub fn as_i64(&self) -> Option<i64> {
        match self {
            Cell::Long(n) => Some(*n),
            _ => None,
        }
    }

    /// The value as a time, when it is one.
    pub fn as_time(&self) -> Option<Timestamp> {
        match self {
            Cell::Time(t) => Some(*t),
            _ => None,
        }
    }

    /// The value as a string, when it is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Cell::Str(s) => Some(s),
            _ => None,
        }
    }
}

/// A hunting answer: the schema and the rows, each row one cell per column in schema order.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct HuntingResult {
    /// The columns.
    pub schema: Vec<Column>,
    /// The rows.
    pub rows: Vec<Vec<Cell>>,
}

/// A hunting answer that could not be read.
#[derive(Debug, thiserror::Error)]
#[error("malformed hunting answer: {0}")]
pub struct HuntingParseError(pub String);

impl HuntingResult {
    /// Where column `name` is (case-sensitive, as KQL is).
    pub fn column(&self, name: &str) -> Option<usize> {
        self.schema.iter().position(|c| c.name == name)
    }

    /// The cell of `row` in column `name`.
    pub fn cell<'a>(&'a self, row: &'a [Cell], name: &str) -> Option<&'a Cell> {
        self.column(name).and_then(|i| row.get(i))
    }

    /// Parses the service's JSON (Graph, or the legacy `Schema`/`Results`).
    pub fn parse(json: &str) -> Result<HuntingResult, HuntingParseError> {
        let v: Value = serde_json::from_str(json).map_err(|e| HuntingParseError(e.to_string()))?;
        let Value::Object(top) = v else {
            return Err(HuntingParseError("not a JSON object".into()));
        };
        let get = |m: &Map<String, Value>, k: &str| -> Option<Value> {
            m.iter()
                .find(|(key, _)| key.eq_ignore_ascii_case(k))
                .map(|(_, v)| v.clone())
        };
        let schema_json = match get(&top, "schema") {
            Some(Value::Array(a)) => a,
            _ => return Err(HuntingParseError("no schema".into())),
        };
        let mut schema = Vec::with_capacity(schema_json.len());
        for c in schema_json {
            let Value::Object(c) = c else {
                return Err(HuntingParseError("a schema entry is not an object".into()));
            };
            let name = match get(&c, "name") {
                Some(Value::String(s)) => s,
                _ => return Err(HuntingParseError("a schema entry has no name".into())),
            };
            let kind = match get(&c, "type") {
                Some(Value::String(s)) => ColumnType::parse(&s),
                _ => ColumnType::Other(String::new()),
            };
            schema.push(Column { name, kind });
        }
        let results = match get(&top, "results") {
            Some(Value::Array(a)) => a,
            None | Some(Value::Null) => Vec::new(),
            _ => return Err(HuntingParseError("results is not a list".into())),
        };
        let mut rows = Vec::with_capacity(results.len());
        for r in results {
            let Value::Object(mut r) = r else {
                return Err(HuntingParseError("a result row is not an object".into()));
            };
            rows.push(
                schema
                    .iter()
                    .map(|c| Cell::read(&c.kind, r.remove(&c.name).unwrap_or(Value::Null)))
                    .collect(),
            );
        }
        Ok(HuntingResult { schema, rows })
    }

    /// The rows as the service writes them (`[{col: value}]`).
    pub fn results_json(&self) -> Vec<Value> {
        self.rows
            .iter()
            .map(|row| {
                Value::Object(
                    self.schema
                        .iter()
                        .zip(row)
                        .map(|(c, v)| (c.name.clone(), v.to_json()))
                        .collect(),
                )
            })
            .collect()
    }

    /// The schema as the service writes it (`[{name, type}]`).
    pub fn schema_json(&self) -> Vec<Value> {
        self.schema
            .iter()
            .map(|c| serde_json::json!({"name": c.name, "type": c.kind.as_str()}))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_documented_casings_and_typed_cells() {
        for json in [
            r#"{"schema":[{"name":"Timestamp","type":"DateTime"},{"name":"ProcessId","type":"Int64"},{"name":"FileName","type":"String"}],
                "results":[{"Timestamp":"2024-03-26T09:39:50.7688641Z","ProcessId":4520,"FileName":"cmd.exe"},{"Timestamp":null,"ProcessId":"12"}]}"#,
            r#"{"Schema":[{"Name":"Timestamp","Type":"DateTime"},{"Name":"ProcessId","Type":"Int64"},{"Name":"FileName","Type":"String"}],
                "Results":[{"Timestamp":"2024-03-26T09:39:50.7688641Z","ProcessId":4520,"FileName":"cmd.exe"},{"Timestamp":null,"ProcessId":"12"}]}"#,
        ] {
            let r = HuntingResult::parse(json).unwrap();
            assert_eq!(r.schema[1].kind, ColumnType::Long);
            assert_eq!(r.rows.len(), 2);
            assert_eq!(r.cell(&r.rows[0], "ProcessId"), Some(&Cell::Long(4520)));
            assert!(matches!(r.rows[0][0], Cell::Time(_)));
            assert_eq!(r.rows[1][0], Cell::Null);
            assert_eq!(r.rows[1][1], Cell::Long(12));
            assert_eq!(r.rows[1][2], Cell::Null);
        }
        assert!(HuntingResult::parse("[]").is_err());
        assert!(HuntingResult::parse(r#"{"results":[]}"#).is_err());
        let r = HuntingResult::parse(r#"{"schema":[],"results":null}"#).unwrap();
        assert!(r.rows.is_empty());
    }

    #[test]
    fn written_back_it_reads_the_same() {
        let json = r#"{"schema":[{"name":"T","type":"DateTime"},{"name":"N","type":"Int64"},{"name":"S","type":"String"},{"name":"D","type":"Object"}],
            "results":[{"T":"2024-03-26T09:39:50.7688641Z","N":-3,"S":"a\u001b[31m","D":{"x":[1]}}]}"#;
        let r = HuntingResult::parse(json).unwrap();
        let again = serde_json::json!({"schema": r.schema_json(), "results": r.results_json()});
        assert_eq!(HuntingResult::parse(&again.to_string()).unwrap(), r);
    }
}
