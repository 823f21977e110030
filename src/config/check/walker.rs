//! Walks the parsed file against the generated JSON schema and collects every structural
//! mistake with its span: unknown keys (with "did you mean"), wrong types, values outside an
//! enum, numbers out of range. Only the schema keywords schemars emits are understood.

use serde_json::Value;
use std::ops::Range;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// One mistake: where (byte span), which key (path segments), what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// The byte span in the file.
    pub span: Range<usize>,
    /// The key's path.
    pub path: Vec<String>,
    /// What is wrong.
    pub message: String,
}

/// Keys people try for secrets, which the file never holds.
const SECRETISH: &[&str] = &["client_secret", "secret", "password", "token", "api_key"];

/// Walks a document against the schema (whose `$defs` resolve `$ref`s).
pub fn walk(doc: &Spanned<DeTable<'_>>, root: &Value) -> Vec<Found> {
    let mut w = Walker {
        root,
        out: Vec::new(),
    };
    w.table(doc.get_ref(), root, &mut Vec::new());
    w.out
}

struct Walker<'s> {
    root: &'s Value,
    out: Vec<Found>,
}

fn kind(v: &DeValue<'_>) -> &'static str {
    match v {
        DeValue::Table(_) => "table",
        other => other.type_str(),
    }
}

impl<'s> Walker<'s> {
    fn resolve(&self, mut schema: &'s Value) -> &'s Value {
        for _ in 0..16 {
            match schema.get("$ref").and_then(Value::as_str) {
                Some(r) => match r
                    .strip_prefix("#/$defs/")
                    .and_then(|n| self.root.get("$defs")?.get(n))
                {
                    Some(s) => schema = s,
                    None => break,
                },
                None => break,
            }
        }
        schema
    }

    fn report(&mut self, span: Range<usize>, path: &[String], message: String) {
        self.out.push(Found {
            span,
            path: path.to_vec(),
            message,
        });
    }

    fn value(&mut self, v: &Spanned<DeValue<'_>>, schema: &'s Value, path: &mut Vec<String>) {
        let schema = self.resolve(schema);
        if let Some(alts) = schema
            .get("anyOf")
            .or_else(|| schema.get("oneOf"))
            .and_then(Value::as_array)
        {
            return self.alternatives(v, alts, path);
        }
        if let Some(c) = schema.get("const") {
            if v.get_ref().as_str() != c.as_str() {
                self.report(
                    v.span(),
                    path,
                    format!("expected {c}, found {}", shown(v.get_ref())),
                );
            }
            return;
        }
        if let Some(options) = schema.get("enum").and_then(Value::as_array) {
            let names: Vec<&str> = options.iter().filter_map(Value::as_str).collect();
            return self.one_of(v, &names, path);
        }
        if !type_matches(schema, v.get_ref()) {
            let want = type_words(schema);
            self.report(
                v.span(),
                path,
                format!("expected {want}, found {}", shown(v.get_ref())),
            );
            return;
        }
        match v.get_ref() {
            DeValue::Table(t) => self.table(t, schema, path),
            DeValue::Array(items) => {
                if let Some(item) = schema.get("items") {
                    for (i, it) in items.iter().enumerate() {
                        path.push(format!("[{i}]"));
                        self.value(it, item, path);
                        path.pop();
                    }
                }
            }
            DeValue::Integer(i) => self.range(v.span(), i.as_str(), i.radix(), schema, path),
            _ => {}
        }
    }

    fn range(
        &mut self,
        span: Range<usize>,
        digits: &str,
        radix: u32,
        schema: &Value,
        path: &[String],
    ) {
        let Ok(n) = i128::from_str_radix(digits, radix) else {
            return self.report(span, path, "number out of range".into());
        };
        let max = match schema.get("format").and_then(Value::as_str) {
            Some("uint32") => Some(u32::MAX as f64),
            Some("uint16") => Some(u16::MAX as f64),
            Some("uint8") => Some(u8::MAX as f64),
            _ => schema.get("maximum").and_then(Value::as_f64),
        };
        if let Some(min) = schema.get("minimum").and_then(Value::as_f64)
            && (n as f64) < min
        {
            self.report(
                span.clone(),
                path,
                format!("{n} is below the minimum {min}"),
            );
        }
        if let Some(max) = max
            && (n as f64) > max
        {
            self.report(span, path, format!("{n} is above the maximum {max}"));
        }
    }

    fn one_of(&mut self, v: &Spanned<DeValue<'_>>, names: &[&str], path: &[String]) {
        match v.get_ref().as_str() {
            Some(s) if names.contains(&s) => {}
            Some(s) => {
                let hint = mde_ops::suggest::closest(s, names.iter().copied())
                    .map(|c| format!(" (did you mean {c:?}?)"))
                    .unwrap_or_default();
                let list = names
                    .iter()
                    .map(|n| format!("{n:?}"))
                    .collect::<Vec<_>>()
                    .join(", ");
                self.report(
                    v.span(),
                    path,
                    format!("unknown value {s:?}{hint}; expected one of {list}"),
                );
            }
            None => self.report(
                v.span(),
                path,
                format!("expected a string, found {}", shown(v.get_ref())),
            ),
        }
    }

    fn alternatives(
        &mut self,
        v: &Spanned<DeValue<'_>>,
        alts: &'s [Value],
        path: &mut Vec<String>,
    ) {
        // TOML has no null: `Option` alternatives drop out.
        let alts: Vec<&'s Value> = alts
            .iter()
            .map(|a| self.resolve(a))
            .filter(|a| a.get("type").and_then(Value::as_str) != Some("null"))
            .collect();
        let consts: Vec<&str> = alts
            .iter()
            .filter_map(|a| a.get("const").and_then(Value::as_str))
            .collect();
        if !consts.is_empty() && consts.len() == alts.len() {
            return self.one_of(v, &consts, path);
        }
        let mut best: Option<Vec<Found>> = None;
        for alt in &alts {
            let mut trial = Walker {
                root: self.root,
                out: Vec::new(),
            };
            trial.value(v, alt, path);
            if trial.out.is_empty() {
                return;
            }
            // Prefer the alternative of the value's own type: its mistakes are the useful ones.
            let typed = type_matches(alt, v.get_ref()) || alt.get("anyOf").is_some();
            if typed && best.is_none() {
                best = Some(trial.out);
            }
        }
        match best {
            Some(found) => self.out.extend(found),
            None => {
                let want: Vec<String> = alts.iter().map(|a| type_words(a)).collect();
                self.report(
                    v.span(),
                    path,
                    format!(
                        "expected {}, found {}",
                        want.join(" or "),
                        shown(v.get_ref())
                    ),
                );
            }
        }
    }

    fn table(&mut self, t: &DeTable<'_>, schema: &'s Value, path: &mut Vec<String>) {
        let schema = self.resolve(schema);
        let props = schema.get("properties").and_then(Value::as_object);
        let extra = schema.get("additionalProperties");
        for (k, v) in t.iter() {
            let name: &str = k.get_ref();
            path.push(name.to_string());
            match (props.and_then(|p| p.get(name)), extra) {
                (Some(s), _) => self.value(v, s, path),
                (None, Some(e @ Value::Object(_))) => self.value(v, e, path),
                (None, Some(Value::Bool(false))) => {
                    let known: Vec<&str> = props
                        .map(|p| p.keys().map(String::as_str).collect())
                        .unwrap_or_default();
                    self.unknown(k.span(), name, &known, path);
                }
                _ => {}
            }
            path.pop();
        }
    }

    fn unknown(&mut self, span: Range<usize>, name: &str, known: &[&str], path: &[String]) {
        let mut message = format!("unknown key {name:?}");
        if SECRETISH.iter().any(|s| name.to_lowercase().contains(s)) {
            message.push_str(
                "; secrets are not kept in the config file: use AZURE_CLIENT_SECRET, `secret_file = \"...\"` or `secret_command = \"...\"`",
            );
        } else if let Some(c) = mde_ops::suggest::closest(name, known.iter().copied()) {
            message.push_str(&format!(" (did you mean {c:?}?)"));
        } else if !known.is_empty() && known.len() <= 24 {
            message.push_str(&format!("; known keys: {}", known.join(", ")));
        }
        self.report(span, path, message);
    }
}

fn type_matches(schema: &Value, v: &DeValue<'_>) -> bool {
    let types: Vec<&str> = match schema.get("type") {
        Some(Value::String(t)) => vec![t.as_str()],
        Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).collect(),
        _ => return true,
    };
    types.iter().any(|t| {
        matches!(
            (*t, v),
            ("string", DeValue::String(_))
                | ("integer", DeValue::Integer(_))
                | ("number", DeValue::Integer(_) | DeValue::Float(_))
                | ("boolean", DeValue::Boolean(_))
                | ("array", DeValue::Array(_))
                | ("object", DeValue::Table(_))
        )
    })
}

fn type_words(schema: &Value) -> String {
    let word = |t: &str| match t {
        "object" => "a table".to_string(),
        "array" => "an array".to_string(),
        "integer" => "an integer".to_string(),
        "number" => "a number".to_string(),
        "boolean" => "true or false".to_string(),
        "string" => "a string".to_string(),
        other => other.to_string(),
    };
    match schema.get("type") {
        Some(Value::String(t)) => word(t),
        Some(Value::Array(ts)) => ts
            .iter()
            .filter_map(Value::as_str)
            .filter(|t| *t != "null")
            .map(word)
            .collect::<Vec<_>>()
            .join(" or "),
        _ => "a value".into(),
    }
}

fn shown(v: &DeValue<'_>) -> String {
    match v {
        DeValue::String(s) => format!("the string {:?}", s.chars().take(40).collect::<String>()),
        DeValue::Integer(i) => format!("the integer {}", i.as_str()),
        DeValue::Float(f) => format!("the number {}", f.as_str()),
        DeValue::Boolean(b) => format!("{b}"),
        other => format!("a {}", kind(other)),
    }
}
