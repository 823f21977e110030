//! Errors that teach: a value that is not one of a known set is answered with the set and, for
//! a near miss, the value that was probably meant ("did you mean").

use super::exit::UsageError;

/// `--flag: unknown value "x" (valid: a, b, c); did you mean "b"?` as a usage error (exit 2).
pub fn unknown_value(flag: &str, raw: &str, valid: &[&str]) -> UsageError {
    let shown = mde_text::sanitize_line(raw).text.into_owned();
    let mut msg = format!(
        "{flag}: unknown value {shown:?} (valid: {})",
        valid.join(", ")
    );
    if let Some(near) = did_you_mean(raw, valid) {
        msg.push_str(&format!("; did you mean {near:?}?"));
    }
    UsageError(msg)
}

/// `--region`: a known region name or a URL; anything else is refused by clap (exit 2) with
/// the list of regions and a "did you mean".
pub fn region(raw: &str) -> Result<String, String> {
    let names = mde_api::hosts::region_names();
    let known = names.iter().any(|n| n.eq_ignore_ascii_case(raw.trim()));
    if known || raw.trim().is_empty() || raw.contains("://") {
        return Ok(raw.to_string());
    }
    let mut msg = format!("unknown region (valid: {})", names.join(", "));
    if let Some(near) = did_you_mean(raw, &names) {
        msg.push_str(&format!("; did you mean {near:?}?"));
    }
    Err(msg)
}

/// The candidate closest to `raw`, ignoring case, `-` and `_`, when it is close enough to be a
/// typo: at most a third of the candidate's letters apart (at least one edit), or a prefix.
pub fn did_you_mean<'a>(raw: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let key = normalise(raw);
    if key.is_empty() {
        return None;
    }
    candidates
        .iter()
        .map(|c| (*c, normalise(c)))
        .filter_map(|(c, n)| {
            let d = distance(&key, &n);
            let limit = (n.chars().count() / 3).max(1);
            let close = d <= limit || (key.chars().count() >= 3 && n.starts_with(&key));
            close.then_some((d, c))
        })
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

fn normalise(s: &str) -> String {
    s.trim()
        .chars()
        .filter(|c| !matches!(c, '-' | '_' | ' '))
        .flat_map(char::to_lowercase)
        .collect()
}

/// Edit distance counting an insertion, deletion, substitution or swap of two neighbours as
/// one (optimal string alignment: the usual typos are one edit each).
fn distance(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let w = b.len() + 1;
    let mut d = vec![0usize; (a.len() + 1) * w];
    for i in 0..=a.len() {
        for j in 0..=b.len() {
            d[i * w + j] = match (i, j) {
                (0, j) => j,
                (i, 0) => i,
                (i, j) => {
                    let cost = usize::from(a[i - 1] != b[j - 1]);
                    let mut best = (d[(i - 1) * w + j] + 1)
                        .min(d[i * w + j - 1] + 1)
                        .min(d[(i - 1) * w + j - 1] + cost);
                    if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                        best = best.min(d[(i - 2) * w + j - 2] + 1);
                    }
                    best
                }
            };
        }
    }
    d[a.len() * w + b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn near_misses_are_named_and_far_ones_are_not() {
        let statuses = ["New", "InProgress", "Resolved"];
        assert_eq!(did_you_mean("resolve", &statuses), Some("Resolved"));
        assert_eq!(did_you_mean("in-progres", &statuses), Some("InProgress"));
        assert_eq!(did_you_mean("nwe", &statuses), Some("New"));
        assert_eq!(did_you_mean("closed", &statuses), None);
        assert_eq!(did_you_mean("", &statuses), None);
        assert_eq!(did_you_mean("inpro", &statuses), Some("InProgress"));
        assert_eq!(distance("kitten", "sitting"), 3);
        assert_eq!(distance("titel", "title"), 1);
        assert_eq!(did_you_mean("hihg", &["High", "Low"]), Some("High"));
        assert_eq!(distance("", "abc"), 3);
    }

    #[test]
    fn the_message_lists_every_valid_value() {
        let e = unknown_value("--status", "resolvd", &["New", "InProgress", "Resolved"]);
        assert_eq!(
            e.0,
            "--status: unknown value \"resolvd\" (valid: New, InProgress, Resolved); did you mean \"Resolved\"?"
        );
        assert!(region("eu").is_ok() && region("https://x.example").is_ok());
        let e = region("ue").unwrap_err();
        assert!(e.contains("gcc-high") && e.contains("did you mean"), "{e}");
        let e = unknown_value("--status", "x\u{1b}[2J", &["New"]);
        assert!(!e.0.contains('\u{1b}'), "{}", e.0);
    }
}
