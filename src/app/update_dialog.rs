//! Keys and actions while a dialog is on top: menus, confirmations, inputs, the editor, help,
//! the viewer and the conflict prompt.

use super::action::Action;
use super::dialog::{Dialog, Input, InputKind, MenuValue};
use super::keymap::palette_matches;
use super::line_input::LineInput;
use super::palette::{Command, parse_command};
use super::state::{Level, State};
use super::triage::revert;
use super::{update, update_list, update_triage};
use crate::model::protocol::{ConflictChoice, Effect};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// `:`.
pub(crate) fn open_palette(state: &mut State) -> Vec<Effect> {
    state.dialogs.push(Dialog::Input(Input {
        kind: InputKind::Palette,
        line: LineInput::default(),
        original: String::new(),
        suggestions: Vec::new(),
        selected: 0,
    }));
    Vec::new()
}

/// The owner suggestions that fit what was typed.
pub fn owner_suggestions<'a>(recent: &'a [String], typed: &str) -> Vec<&'a String> {
    let t = typed.trim().to_lowercase();
    recent
        .iter()
        .filter(|o| t.is_empty() || o.to_lowercase().contains(&t))
        .collect()
}

/// An action while a dialog is on top.
pub(crate) fn on_action(state: &mut State, action: Action) -> Vec<Effect> {
    let Some(top) = state.dialogs.last_mut() else {
        return Vec::new();
    };
    match top {
        Dialog::Menu(m) => match action {
            Action::Up => {
                m.selected = m
                    .selected
                    .checked_sub(1)
                    .unwrap_or(m.items.len().saturating_sub(1));
            }
            Action::Down => {
                m.selected = if m.selected + 1 >= m.items.len() {
                    0
                } else {
                    m.selected + 1
                };
            }
            Action::Enter => {
                let value = m.items.get(m.selected).map(|i| i.value.clone());
                state.dialogs.pop();
                if let Some(v) = value {
                    return choose(state, v);
                }
            }
            Action::Back => {
                state.dialogs.pop();
            }
            _ => {}
        },
        Dialog::Confirm(c) => match action {
            Action::Up | Action::Down => c.yes_selected = !c.yes_selected,
            Action::Enter => {
                let yes = c.yes_selected;
                return finish_confirm(state, yes);
            }
            Action::Back => return finish_confirm(state, false),
            _ => {}
        },
        Dialog::QuitConfirm { yes_selected, .. } => match action {
            Action::Up | Action::Down => *yes_selected = !*yes_selected,
            Action::Enter => {
                let yes = *yes_selected;
                return finish_quit(state, yes);
            }
            Action::Back => return finish_quit(state, false),
            _ => {}
        },
        Dialog::Conflict(c) => match action {
            Action::Up | Action::Down => c.overwrite_selected = !c.overwrite_selected,
            Action::Enter => {
                let choice = if c.overwrite_selected {
                    ConflictChoice::Overwrite
                } else {
                    ConflictChoice::Discard
                };
                return resolve_conflict(state, choice);
            }
            _ => {}
        },
        Dialog::Input(input) => {
            let kind = input.kind;
            return input_action(state, action, kind);
        }
        Dialog::Editor(_) => match action {
            Action::SendComment => return update_triage::send_comment(state),
            Action::Back => return update_triage::close_editor(state),
            _ => {}
        },
        Dialog::Help(h) => match action {
            Action::Back if !h.filter.text().is_empty() => {
                h.filter = LineInput::default();
                h.scroll = 0;
            }
            Action::Back => {
                state.dialogs.pop();
            }
            Action::Up => h.scroll = h.scroll.saturating_sub(1),
            Action::Down => h.scroll = h.scroll.saturating_add(1),
            Action::PageUp => h.scroll = h.scroll.saturating_sub(10),
            Action::PageDown => h.scroll = h.scroll.saturating_add(10),
            _ => {}
        },
        Dialog::Viewer(v) if v.searching => match action {
            // Typing a search: Enter keeps it, Esc drops it.
            Action::Enter => {
                v.searching = false;
                v.current_match = 0;
            }
            Action::Back => {
                v.searching = false;
                v.search = LineInput::default();
            }
            _ => {}
        },
        Dialog::Viewer(v) => {
            let last = v.text.lines().count().saturating_sub(1);
            match action {
                Action::Filter => v.searching = true,
                Action::NextMatch => v.current_match += 1,
                Action::PrevMatch => v.current_match -= 1,
                Action::Back if !v.search.text().is_empty() => v.search = LineInput::default(),
                Action::Up => v.scroll = v.scroll.saturating_sub(1),
                Action::Down => v.scroll = (v.scroll + 1).min(last),
                Action::PageUp => v.scroll = v.scroll.saturating_sub(10),
                Action::PageDown => v.scroll = (v.scroll + 10).min(last),
                Action::Top => v.scroll = 0,
                Action::Bottom => v.scroll = last,
                Action::YankMenu => {
                    let effect = Effect::Clipboard {
                        text: v.text.clone(),
                        what: v.title.clone(),
                    };
                    state.notify(Level::Info, "Copied");
                    return vec![effect];
                }
                Action::Back => {
                    state.dialogs.pop();
                }
                _ => {}
            }
        }
    }
    Vec::new()
}

/// A menu item was picked.
fn choose(state: &mut State, value: MenuValue) -> Vec<Effect> {
    match value {
        MenuValue::Sort(k) => {
            update_list::choose_sort(state, k);
            Vec::new()
        }
        MenuValue::Status(s) => update_triage::set_status(state, s),
        MenuValue::Classification(c) => update_triage::open_determination_menu(state, c),
        MenuValue::Determination(c, d) => update_triage::classify(state, c, d),
        MenuValue::Yank { what, text } => {
            state.notify(Level::Info, format!("Copied {what}"));
            vec![Effect::Clipboard { text, what }]
        }
    }
}

fn finish_confirm(state: &mut State, yes: bool) -> Vec<Effect> {
    let Some(Dialog::Confirm(c)) = state.dialogs.pop() else {
        return Vec::new();
    };
    if yes {
        update_triage::send(state, c.write)
    } else {
        state.notify(Level::Info, "Cancelled: nothing was changed");
        Vec::new()
    }
}

fn finish_quit(state: &mut State, yes: bool) -> Vec<Effect> {
    state.dialogs.pop();
    if yes {
        state.quitting = true;
        return vec![Effect::Quit];
    }
    Vec::new()
}

/// Settles the conflict on top: Discard puts the server's version back.
fn resolve_conflict(state: &mut State, choice: ConflictChoice) -> Vec<Effect> {
    let Some(Dialog::Conflict(c)) = state.dialogs.pop() else {
        return Vec::new();
    };
    if choice == ConflictChoice::Discard {
        if let Some(i) = state
            .pending
            .iter()
            .position(|p| p.outbox_id == Some(c.outbox_id))
        {
            let p = state.pending.remove(i);
            revert(&mut state.rows, &p, None);
        }
        state.rows.replace(*c.server.clone());
        update_list::rebuild(state);
        state.notify(Level::Info, "Kept the server's version");
    } else {
        state.notify(Level::Info, "Overwriting the server's version");
    }
    vec![Effect::ResolveConflict {
        outbox_id: c.outbox_id,
        choice,
    }]
}

fn input_action(state: &mut State, action: Action, kind: InputKind) -> Vec<Effect> {
    let Some(Dialog::Input(input)) = state.dialogs.last_mut() else {
        return Vec::new();
    };
    let choices = match kind {
        InputKind::Palette => palette_matches(input.line.text()).len(),
        InputKind::AssignTo => owner_suggestions(&input.suggestions, input.line.text()).len(),
        InputKind::Filter => 0,
    };
    match action {
        Action::Up => input.selected = input.selected.saturating_sub(1),
        Action::Down => input.selected = (input.selected + 1).min(choices.saturating_sub(1)),
        Action::Back => {
            let original = input.original.clone();
            state.dialogs.pop();
            if kind == InputKind::Filter {
                update_list::set_filter_text(state, &original);
            }
        }
        Action::Enter => {
            let text = input.line.text().to_string();
            let selected = input.selected;
            let suggestion = owner_suggestions(&input.suggestions, &text)
                .get(selected)
                .map(|s| (*s).clone());
            state.dialogs.pop();
            match kind {
                InputKind::Filter => {
                    update_list::set_filter_text(state, &text);
                    if let Some(e) = &state.filter_error {
                        let msg = format!("Filter not applied: {e}");
                        state.notify(Level::Warn, msg);
                    }
                }
                InputKind::AssignTo => {
                    return update_triage::assign_to(state, &text, suggestion);
                }
                InputKind::Palette => return run_command(state, &text, selected),
            }
        }
        _ => {}
    }
    Vec::new()
}

/// A key no binding claimed: text for inputs and the editor, hotkeys for menus and prompts.
pub(crate) fn on_raw_key(state: &mut State, key: KeyEvent) -> Vec<Effect> {
    let Some(top) = state.dialogs.last_mut() else {
        return Vec::new();
    };
    let plain = |c: char| {
        key.code == KeyCode::Char(c)
            && !key
                .modifiers
                .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
    };
    match top {
        Dialog::Input(input) => {
            if !input.line.handle(key) {
                return Vec::new();
            }
            input.selected = 0;
            if input.kind == InputKind::Filter {
                // The filter applies as the analyst types.
                let text = input.line.text().to_string();
                update_list::set_filter_text(state, &text);
            }
        }
        Dialog::Editor(ed) => {
            ed.textarea.input(key);
        }
        Dialog::Help(h) => {
            let changed = h.filter.handle(key);
            if changed {
                h.scroll = 0;
            }
        }
        Dialog::Viewer(v) if v.searching => {
            // A changed search starts again at its first match.
            let changed = v.search.handle(key);
            v.current_match = if changed { 0 } else { v.current_match };
        }
        Dialog::Menu(m) => {
            let hit = match key.code {
                KeyCode::Char(c)
                    if !key
                        .modifiers
                        .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
                {
                    let c = c.to_ascii_lowercase();
                    m.items.iter().position(|it| it.hotkey == Some(c))
                }
                _ => None,
            };
            if let Some(i) = hit {
                m.selected = i;
                return on_action(state, Action::Enter);
            }
        }
        Dialog::Confirm(_) if plain('y') => return finish_confirm(state, true),
        Dialog::QuitConfirm { .. } if plain('y') => return finish_quit(state, true),
        Dialog::QuitConfirm { .. } if plain('n') || plain('q') => {
            return finish_quit(state, false);
        }
        Dialog::Conflict(_) if plain('o') => {
            return resolve_conflict(state, ConflictChoice::Overwrite);
        }
        Dialog::Conflict(_) if plain('d') => {
            return resolve_conflict(state, ConflictChoice::Discard);
        }
        Dialog::Conflict(_) if key.code == KeyCode::Esc => {
            state.notify(
                Level::Warn,
                "Choose: o = overwrite the server, d = discard your change",
            );
        }
        _ => {}
    }
    Vec::new()
}

/// Enter in the palette.
fn run_command(state: &mut State, text: &str, selected: usize) -> Vec<Effect> {
    let Some(cmd) = parse_command(text, selected) else {
        state.notify(Level::Info, "No matching action");
        return Vec::new();
    };
    let writes = matches!(cmd, Command::Assign(_) | Command::Status(_));
    if writes && state.config.read_only {
        // The same refusal and message as the keys give.
        return update::on_action(state, Action::AssignMe);
    }
    match cmd {
        Command::Run(action) => update::on_action(state, action),
        Command::Assign(who) if who.eq_ignore_ascii_case("me") => update_triage::assign_me(state),
        Command::Assign(who) => update_triage::assign_to(state, &who, None),
        Command::Filter(f) => {
            update_list::set_filter_text(state, &f);
            if let Some(e) = &state.filter_error {
                let msg = format!("Filter not applied: {e}");
                state.notify(Level::Warn, msg);
            }
            Vec::new()
        }
        Command::Sort(k) => {
            update_list::choose_sort(state, k);
            Vec::new()
        }
        Command::Status(s) => update_triage::set_status(state, s),
    }
}

/// Pasted text: into the input, editor or help search on top; ignored elsewhere, so a stray
/// paste can never trigger actions.
pub(crate) fn on_paste(state: &mut State, text: &str) -> Vec<Effect> {
    match state.dialogs.last_mut() {
        Some(Dialog::Input(input)) => {
            let changed = input.line.insert_str(text);
            if changed {
                input.selected = 0;
            }
            if changed && input.kind == InputKind::Filter {
                let t = input.line.text().to_string();
                update_list::set_filter_text(state, &t);
            }
        }
        Some(Dialog::Editor(ed)) => {
            // Keep line breaks and tabs; drop other controls (an escape sequence is not prose).
            let clean: String = text
                .replace("\r\n", "\n")
                .chars()
                .filter(|c| !c.is_control() || *c == '\n' || *c == '\t')
                .collect();
            ed.textarea.insert_str(clean);
        }
        Some(Dialog::Help(h)) => {
            h.filter.insert_str(text);
            h.scroll = 0;
        }
        _ => {}
    }
    Vec::new()
}
