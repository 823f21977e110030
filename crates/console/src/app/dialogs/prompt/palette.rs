//! The `:` palette: finds any action by name or description, and runs the commands that take
//! an argument (`filter device:ws01`, `sort age`, `view resolved`, `assign me`,
//! `assign bob@contoso.com`, `status resolved`).

use super::state::{Input, InputKind};
use crate::app::dialogs::Dialog;
use crate::app::keymap::action::Action;
use crate::app::keymap::views::palette_matches;
use crate::app::list::sort::SortKey;
use crate::app::list::views::{ViewDef, ViewId, find_view};
use crate::app::state::State;
use mde_model::Status;

/// The commands that take an argument, for the help: (usage, what it does).
pub const ARG_COMMANDS: &[(&str, &str)] = &[
    (
        ":filter QUERY",
        "set the filter (/ language), e.g. :filter device:ws01",
    ),
    (
        ":sort KEY",
        "sort by severity, age, updated, status, title, device, user, owner…",
    ),
    (
        ":view NAME",
        "open, mine, unassigned, new-high, resolved, all",
    ),
    (":assign me|UPN", "assign the subject"),
    (":status S", "new, inprogress, resolved for the subject"),
    // Issue 12.
    (":profile NAME", "switch to another profile (Tab completes)"),
    (
        ":handoff [12h]",
        "write the shift handoff report (Markdown)",
    ),
    // Issue 10.
    (":tag NAME", "add a tag to the device panel's device"),
    (
        ":untag NAME",
        "remove a tag (as written: tags are case-sensitive)",
    ),
];

/// `:`: opens the palette. Enter hands the command to `update::commands`, which runs it.
pub(crate) fn open(state: &mut State) {
    state
        .dialogs
        .push(Dialog::Input(Input::new(InputKind::Palette)));
}

/// What Enter in the palette will do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// Run an action as if its key was pressed.
    Run(Action),
    /// Assign the targets to this owner (`me` is the analyst).
    Assign(String),
    /// Replace the filter.
    Filter(String),
    /// Sort by a key (the current key again reverses).
    Sort(SortKey),
    /// Set the status of the targets.
    Status(Status),
    /// Switch to a named view.
    View(ViewId),
    // Issue 12.
    /// Switch to another profile (empty: ask which).
    Profile(String),
    /// Write the shift handoff report of the last span (default 12 h).
    Handoff(Option<String>),
    // Issue 10.
    /// Add (or remove) a tag of the device panel's device, as typed (tags are case-sensitive).
    Tag {
        /// The tag.
        tag: String,
        /// Add, else remove.
        add: bool,
    },
}

/// Reads palette text; `selected` is the highlighted entry of `palette_matches(text)`; `views`
/// are the views `:view` can name.
pub fn parse_command(text: &str, selected: usize, views: &[ViewDef]) -> Option<Command> {
    let t = text.trim();
    let (word, rest) = match t.split_once(char::is_whitespace) {
        Some((w, r)) => (w.to_lowercase(), r.trim()),
        None => (t.to_lowercase(), ""),
    };
    // Issue 12: commands whose argument may be left out.
    match word.as_str() {
        "profile" => return Some(Command::Profile(rest.to_string())),
        "handoff" => {
            return Some(Command::Handoff(
                Some(rest.to_string()).filter(|r| !r.is_empty()),
            ));
        }
        _ => {}
    }
    if !rest.is_empty() {
        let arg = rest.to_lowercase();
        match word.as_str() {
            // Only something that looks like an owner, so "assign to" still searches.
            "assign" | "assign-to" if arg == "me" || rest.contains('@') || rest.contains('\\') => {
                return Some(Command::Assign(rest.to_string()));
            }
            "filter" => return Some(Command::Filter(rest.to_string())),
            "tag" | "untag" => {
                return Some(Command::Tag {
                    tag: rest.to_string(),
                    add: word == "tag",
                });
            }
            "sort" => {
                if let Some(k) = SortKey::named(&arg) {
                    return Some(Command::Sort(k));
                }
            }
            "view" => {
                if let Some(v) = find_view(views, rest) {
                    return Some(Command::View(v));
                }
            }
            "status" => {
                let squashed: String = arg.chars().filter(|c| !c.is_whitespace()).collect();
                if let Some(s) = Status::SETTABLE
                    .iter()
                    .find(|s| s.as_str().to_lowercase().starts_with(&squashed))
                {
                    return Some(Command::Status(s.clone()));
                }
            }
            _ => {}
        }
    }
    palette_matches(t)
        .get(selected)
        .map(|b| Command::Run(b.action))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_command(text: &str, selected: usize) -> Option<Command> {
        super::parse_command(text, selected, &crate::app::list::views::built_in())
    }

    #[test]
    fn arguments_and_plain_search() {
        assert_eq!(
            parse_command("assign me", 0),
            Some(Command::Assign("me".into()))
        );
        assert_eq!(
            parse_command("assign bob@contoso.com", 0),
            Some(Command::Assign("bob@contoso.com".into()))
        );
        assert_eq!(
            parse_command("assign to", 0),
            Some(Command::Run(Action::AssignTo))
        );
        assert_eq!(
            parse_command("filter sev:high !status:new", 0),
            Some(Command::Filter("sev:high !status:new".into()))
        );
        assert_eq!(
            parse_command("sort cre", 0),
            Some(Command::Sort(SortKey::Created))
        );
        assert_eq!(
            parse_command("status in progress", 0),
            Some(Command::Status(Status::InProgress))
        );
        assert_eq!(
            parse_command("pause", 0),
            Some(Command::Run(Action::TogglePause))
        );
        assert_eq!(
            parse_command("sort age", 0),
            Some(Command::Sort(SortKey::Created))
        );
        assert_eq!(
            parse_command("view resolved", 0),
            Some(Command::View(ViewId::RESOLVED))
        );
        assert_eq!(
            parse_command("filter device:ws01", 0),
            Some(Command::Filter("device:ws01".into()))
        );
        assert_eq!(parse_command("no such thing", 0), None);
        assert_eq!(
            parse_command("profile lab", 0),
            Some(Command::Profile("lab".into()))
        );
        assert_eq!(
            parse_command("profile", 0),
            Some(Command::Profile(String::new()))
        );
        assert_eq!(parse_command("handoff", 0), Some(Command::Handoff(None)));
        // Tags keep their case: the service compares them exactly.
        assert_eq!(
            parse_command("tag Contained by SOC", 0),
            Some(Command::Tag {
                tag: "Contained by SOC".into(),
                add: true
            })
        );
        assert_eq!(
            parse_command("UNTAG VIP", 0),
            Some(Command::Tag {
                tag: "VIP".into(),
                add: false
            })
        );
        assert_eq!(
            parse_command("device-tags", 0),
            Some(Command::Run(Action::DeviceTags))
        );
        assert_eq!(
            parse_command("handoff 8h", 0),
            Some(Command::Handoff(Some("8h".into())))
        );
    }
}
