//! Completion of the palette's arguments that name something the console knows: the profiles of
//! `:profile NAME` and the views of `:view NAME`. The palette lists them under the field, Tab
//! takes the highlighted one, Enter runs the command with it.

use super::profiles::known;
use crate::app::state::State;

/// The commands whose argument completes, and what each completes from.
const COMPLETING: &[&str] = &["profile", "view"];

/// Names that fit the argument typed after `:profile ` or `:view `, and the byte offset in
/// `text` where the argument starts; nothing for other text (or before the space).
pub fn palette_args(state: &State, text: &str) -> (Vec<String>, usize) {
    let lead = text.len() - text.trim_start().len();
    let Some((word, rest)) = text[lead..].split_once(char::is_whitespace) else {
        return (Vec::new(), 0);
    };
    let word = word.to_lowercase();
    if !COMPLETING.contains(&word.as_str()) {
        return (Vec::new(), 0);
    }
    let arg = rest.trim_start();
    let start = text.len() - arg.len();
    let names: Vec<String> = if word == "profile" {
        known(state).into_iter().map(str::to_string).collect()
    } else {
        state.list.views.iter().map(|v| v.name.clone()).collect()
    };
    let typed = arg.trim().to_lowercase();
    let mut hits: Vec<String> = names
        .iter()
        .filter(|n| n.to_lowercase().starts_with(&typed))
        .cloned()
        .collect();
    hits.extend(
        names
            .iter()
            .filter(|n| {
                let n = n.to_lowercase();
                !n.starts_with(&typed) && n.contains(&typed)
            })
            .cloned(),
    );
    (hits, start)
}

/// The palette text Enter runs: the highlighted name in place of a partial argument (a name
/// typed whole stays as typed).
pub fn with_choice(state: &State, text: &str, selected: usize) -> Option<String> {
    let (names, start) = palette_args(state, text);
    if names.is_empty() {
        return None;
    }
    let typed = text[start..].trim();
    if names.iter().any(|n| n.eq_ignore_ascii_case(typed)) {
        return None;
    }
    let pick = names.get(selected.min(names.len() - 1))?;
    Some(format!("{}{pick}", &text[..start]))
}
