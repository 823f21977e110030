//! Completions for the filter being typed: field names for a bare word, and for `field:` the
//! values worth offering (the fixed ones of enumerations, plus what the caller finds in its
//! data, such as owners and device names).

use super::field::{FIELDS, Field, field_named};

/// Most completions offered at once.
const MAX: usize = 8;

/// What the last token of the text could become.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Completion {
    /// Byte offset where the last token begins: a pick replaces the text from there.
    pub start: usize,
    /// Replacement tokens, best first (a field name ends with `:`).
    pub options: Vec<String>,
}

/// Completions for the token at the end of `text`. `data` gives the values seen in the data for
/// a field and a typed prefix (lower-cased).
pub fn complete(text: &str, data: impl Fn(Field, &str) -> Vec<String>) -> Completion {
    let start = text
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace())
        .map_or(0, |(i, c)| i + c.len_utf8());
    let token = &text[start..];
    let (bang, body) = match token.strip_prefix('!') {
        Some(b) => ("!", b),
        None => ("", token),
    };
    if body.starts_with('"') {
        return Completion {
            start,
            options: Vec::new(),
        };
    }
    let options = match body.split_once(':') {
        None => {
            let typed = body.to_lowercase();
            FIELDS
                .iter()
                .filter_map(|d| d.names.iter().find(|n| n.starts_with(&typed)))
                .filter(|n| typed.is_empty() || **n != typed)
                .map(|n| format!("{bang}{n}:"))
                .take(MAX)
                .collect()
        }
        Some((name, values)) => match field_named(name) {
            None => Vec::new(),
            Some(field) => {
                let (done, partial) = match values.rsplit_once(',') {
                    Some((d, p)) => (format!("{d},"), p),
                    None => (String::new(), values),
                };
                let partial = partial.to_lowercase();
                let mut found: Vec<String> = field
                    .fixed_values()
                    .iter()
                    .map(|v| v.to_string())
                    .filter(|v| v.starts_with(&partial))
                    .collect();
                for v in data(field, &partial) {
                    let v = v.to_lowercase();
                    if !found.contains(&v) && !v.contains(char::is_whitespace) {
                        found.push(v);
                    }
                }
                found
                    .into_iter()
                    .filter(|v| *v != partial)
                    .take(MAX)
                    .map(|v| format!("{bang}{name}:{done}{v}"))
                    .collect()
            }
        },
    };
    Completion { start, options }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn none(_: Field, _: &str) -> Vec<String> {
        Vec::new()
    }

    #[test]
    fn field_names_then_values() {
        let c = complete("sev:high ha", none);
        assert_eq!(c.start, 9);
        assert_eq!(c.options, ["hash:"]);
        let c = complete("!st", none);
        assert_eq!(c.options, ["!status:"]);
        let c = complete("status:new,in", none);
        assert_eq!(c.options, ["status:new,inprogress"]);
        let c = complete("assigned:", |f, p| {
            assert_eq!((f, p), (Field::Assigned, ""));
            vec!["Bob@Contoso.com".into()]
        });
        assert_eq!(
            c.options,
            ["assigned:me", "assigned:none", "assigned:bob@contoso.com"]
        );
        assert!(complete("nosuch:x", none).options.is_empty());
        assert!(complete("sev:high", none).options.is_empty());
        assert_eq!(complete("", none).options.len(), MAX);
    }
}
