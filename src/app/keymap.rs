//! The keymap, held as data. The same table answers "which action is this key?", builds the `?`
//! help overlay (grouped, filterable), the hint bar and the `:` palette.

use super::action::{Action, QuickView};
use super::state::Pane;
use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

/// One key with its modifiers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KeySpec {
    /// The key.
    pub code: KeyCode,
    /// Modifiers (Shift is implied by an upper-case character and ignored for characters).
    pub mods: KeyModifiers,
}

const fn k(c: char) -> KeySpec {
    KeySpec {
        code: KeyCode::Char(c),
        mods: KeyModifiers::NONE,
    }
}

const fn ctrl(c: char) -> KeySpec {
    KeySpec {
        code: KeyCode::Char(c),
        mods: KeyModifiers::CONTROL,
    }
}

const fn code(code: KeyCode) -> KeySpec {
    KeySpec {
        code,
        mods: KeyModifiers::NONE,
    }
}

const SHIFT_SPACE: KeySpec = KeySpec {
    code: KeyCode::Char(' '),
    mods: KeyModifiers::SHIFT,
};

impl KeySpec {
    /// True when the event is this key.
    pub fn matches(&self, key: &KeyEvent) -> bool {
        if key.kind == KeyEventKind::Release || self.code != key.code {
            return false;
        }
        // Terminals disagree on whether `G` or Shift-Tab also carry SHIFT; the code says enough.
        let ignore_shift =
            matches!(key.code, KeyCode::Char(c) if c != ' ') || key.code == KeyCode::BackTab;
        let strip = |m: KeyModifiers| {
            if ignore_shift {
                m - KeyModifiers::SHIFT
            } else {
                m
            }
        };
        strip(self.mods) == strip(key.modifiers)
    }

    /// How help and hints write the key (`j`, `Ctrl-d`, `PgDn`, `Space`).
    pub fn label(&self) -> String {
        let base = match self.code {
            KeyCode::Char(' ') => "Space".to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Up => "↑".to_string(),
            KeyCode::Down => "↓".to_string(),
            KeyCode::Left => "←".to_string(),
            KeyCode::Right => "→".to_string(),
            KeyCode::PageUp => "PgUp".to_string(),
            KeyCode::PageDown => "PgDn".to_string(),
            KeyCode::Home => "Home".to_string(),
            KeyCode::End => "End".to_string(),
            KeyCode::Enter => "Enter".to_string(),
            KeyCode::Esc => "Esc".to_string(),
            KeyCode::Tab => "Tab".to_string(),
            KeyCode::BackTab => "Shift-Tab".to_string(),
            KeyCode::Backspace => "Backspace".to_string(),
            other => format!("{other:?}"),
        };
        let mut s = String::new();
        if self.mods.contains(KeyModifiers::CONTROL) {
            s.push_str("Ctrl-");
        }
        if self.mods.contains(KeyModifiers::ALT) {
            s.push_str("Alt-");
        }
        if self.mods.contains(KeyModifiers::SHIFT) && !matches!(self.code, KeyCode::BackTab) {
            s.push_str("Shift-");
        }
        s.push_str(&base);
        s
    }
}

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Context {
    /// Any pane when no dialog is open.
    Global,
    /// The alert list.
    List,
    /// The evidence tree.
    Evidence,
    /// A pick-one menu.
    Menu,
    /// A confirmation (bulk write, quit).
    Confirm,
    /// A one-line input (filter, assign-to, palette).
    Input,
    /// The comment editor.
    Editor,
    /// The help overlay.
    Help,
    /// The full-value viewer.
    Viewer,
    /// The conflict prompt.
    Conflict,
}

impl Context {
    /// Heading in the help overlay.
    pub fn label(self) -> &'static str {
        match self {
            Context::Global => "Everywhere",
            Context::List => "Alert list",
            Context::Evidence => "Evidence tree",
            Context::Menu => "Menus",
            Context::Confirm => "Confirmations",
            Context::Input => "Text inputs",
            Context::Editor => "Comment editor",
            Context::Help => "Help",
            Context::Viewer => "Value viewer",
            Context::Conflict => "Conflict",
        }
    }
}

/// Groups in the help overlay.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Group {
    /// Moving around.
    Navigation,
    /// Filtering, sorting, display toggles.
    View,
    /// Writes to alerts.
    Triage,
    /// Marks for bulk actions.
    Marks,
    /// Refresh, pause, outbox.
    Sync,
    /// Copying values.
    Clipboard,
    /// Help, palette, quit.
    General,
    /// Keys inside dialogs.
    Dialogs,
}

impl Group {
    /// Heading text.
    pub fn label(self) -> &'static str {
        match self {
            Group::Navigation => "Navigation",
            Group::View => "View",
            Group::Triage => "Triage",
            Group::Marks => "Marks",
            Group::Sync => "Sync",
            Group::Clipboard => "Clipboard",
            Group::General => "General",
            Group::Dialogs => "Dialogs",
        }
    }
}

/// One row of the keymap.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Binding {
    /// Keys that trigger it (empty: palette only).
    pub keys: &'static [KeySpec],
    /// What it does.
    pub action: Action,
    /// Help group.
    pub group: Group,
    /// One-line description.
    pub description: &'static str,
    /// Where it applies.
    pub context: Context,
}

const fn b(
    keys: &'static [KeySpec],
    action: Action,
    group: Group,
    description: &'static str,
    context: Context,
) -> Binding {
    Binding {
        keys,
        action,
        group,
        description,
        context,
    }
}

use Context as X;
use Group as G;
use KeyCode as KC;

/// The keymap. Earlier rows win when a key appears twice in one context.
pub static BINDINGS: &[Binding] = &[
    // Everywhere (no dialog open).
    b(
        &[code(KC::Up), k('k')],
        Action::Up,
        G::Navigation,
        "Move up / scroll up",
        X::Global,
    ),
    b(
        &[code(KC::Down), k('j')],
        Action::Down,
        G::Navigation,
        "Move down / scroll down",
        X::Global,
    ),
    b(
        &[k('g'), code(KC::Home)],
        Action::Top,
        G::Navigation,
        "Go to the top",
        X::Global,
    ),
    b(
        &[k('G'), code(KC::End)],
        Action::Bottom,
        G::Navigation,
        "Go to the bottom",
        X::Global,
    ),
    b(
        &[code(KC::PageUp)],
        Action::PageUp,
        G::Navigation,
        "Page up",
        X::Global,
    ),
    b(
        &[code(KC::PageDown)],
        Action::PageDown,
        G::Navigation,
        "Page down",
        X::Global,
    ),
    b(
        &[ctrl('u')],
        Action::HalfPageUp,
        G::Navigation,
        "Half a page up",
        X::Global,
    ),
    b(
        &[ctrl('d')],
        Action::HalfPageDown,
        G::Navigation,
        "Half a page down",
        X::Global,
    ),
    b(
        &[code(KC::Tab)],
        Action::NextPane,
        G::Navigation,
        "Next pane",
        X::Global,
    ),
    b(
        &[code(KC::BackTab)],
        Action::PrevPane,
        G::Navigation,
        "Previous pane",
        X::Global,
    ),
    b(
        &[code(KC::Enter)],
        Action::Enter,
        G::Navigation,
        "Open alert / expand node / view value",
        X::Global,
    ),
    b(
        &[code(KC::Esc)],
        Action::Back,
        G::Navigation,
        "Back one level (zoom, detail, filter)",
        X::Global,
    ),
    b(
        &[k('/')],
        Action::Filter,
        G::View,
        "Filter (sev:high status:new assigned:me …, ! negates)",
        X::Global,
    ),
    b(&[k('s')], Action::SortMenu, G::View, "Sort menu", X::Global),
    b(
        &[],
        Action::ReverseSort,
        G::View,
        "Reverse the sort direction",
        X::Global,
    ),
    b(
        &[k('1')],
        Action::QuickView(QuickView::Mine),
        G::View,
        "View: assigned to me",
        X::Global,
    ),
    b(
        &[k('2')],
        Action::QuickView(QuickView::Unassigned),
        G::View,
        "View: unassigned",
        X::Global,
    ),
    b(
        &[k('3')],
        Action::QuickView(QuickView::NewHigh),
        G::View,
        "View: new high severity",
        X::Global,
    ),
    b(
        &[k('z')],
        Action::Zoom,
        G::View,
        "Zoom the focused pane",
        X::Global,
    ),
    b(
        &[k('t')],
        Action::ToggleTime,
        G::View,
        "Toggle UTC / local time",
        X::Global,
    ),
    b(
        &[k('D')],
        Action::ToggleDefang,
        G::View,
        "Toggle defanging of URLs and IPs",
        X::Global,
    ),
    b(
        &[k('R')],
        Action::RawJson,
        G::View,
        "Raw JSON of the alert",
        X::Global,
    ),
    b(
        &[k('a')],
        Action::AssignMe,
        G::Triage,
        "Assign to me",
        X::Global,
    ),
    b(
        &[k('A')],
        Action::AssignTo,
        G::Triage,
        "Assign to…",
        X::Global,
    ),
    b(
        &[k('S')],
        Action::StatusMenu,
        G::Triage,
        "Set status",
        X::Global,
    ),
    b(
        &[k('c')],
        Action::Classify,
        G::Triage,
        "Classify (then determination)",
        X::Global,
    ),
    b(
        &[k('C')],
        Action::Comment,
        G::Triage,
        "Write a comment",
        X::Global,
    ),
    b(
        &[k('r')],
        Action::Refresh,
        G::Sync,
        "Refresh now",
        X::Global,
    ),
    b(
        &[ctrl('r')],
        Action::FullRefresh,
        G::Sync,
        "Refetch everything",
        X::Global,
    ),
    b(
        &[k('p')],
        Action::TogglePause,
        G::Sync,
        "Pause / resume live updates",
        X::Global,
    ),
    b(
        &[],
        Action::RetryOutbox,
        G::Sync,
        "Retry failed writes",
        X::Global,
    ),
    b(
        &[k('y')],
        Action::YankMenu,
        G::Clipboard,
        "Copy (id, device, hash, command line, link)",
        X::Global,
    ),
    b(
        &[k('o')],
        Action::OpenPortal,
        G::Clipboard,
        "Copy and show the portal link",
        X::Global,
    ),
    b(&[k('?')], Action::Help, G::General, "Help", X::Global),
    b(
        &[k(':')],
        Action::Palette,
        G::General,
        "Command palette",
        X::Global,
    ),
    b(
        &[k('q'), ctrl('c')],
        Action::Quit,
        G::General,
        "Quit",
        X::Global,
    ),
    // Alert list.
    b(
        &[k(' ')],
        Action::ToggleMark,
        G::Marks,
        "Mark / unmark",
        X::List,
    ),
    b(
        &[SHIFT_SPACE],
        Action::MarkToHere,
        G::Marks,
        "Mark from the last mark to here",
        X::List,
    ),
    b(
        &[k('V')],
        Action::RangeMark,
        G::Marks,
        "Range mark (follows the cursor)",
        X::List,
    ),
    b(
        &[k('*')],
        Action::MarkAllVisible,
        G::Marks,
        "Mark all visible",
        X::List,
    ),
    b(
        &[k('-')],
        Action::ClearMarks,
        G::Marks,
        "Clear marks",
        X::List,
    ),
    // Evidence tree.
    b(
        &[k('l'), code(KC::Right)],
        Action::Expand,
        G::Navigation,
        "Expand node",
        X::Evidence,
    ),
    b(
        &[k('h'), code(KC::Left)],
        Action::Collapse,
        G::Navigation,
        "Collapse node / go to parent",
        X::Evidence,
    ),
    b(
        &[k('v')],
        Action::ViewValue,
        G::Navigation,
        "Full value of the node",
        X::Evidence,
    ),
    // Menus.
    b(
        &[code(KC::Up), k('k')],
        Action::Up,
        G::Dialogs,
        "Previous item",
        X::Menu,
    ),
    b(
        &[code(KC::Down), k('j')],
        Action::Down,
        G::Dialogs,
        "Next item",
        X::Menu,
    ),
    b(
        &[code(KC::Enter)],
        Action::Enter,
        G::Dialogs,
        "Choose",
        X::Menu,
    ),
    b(
        &[code(KC::Esc), k('q')],
        Action::Back,
        G::Dialogs,
        "Close",
        X::Menu,
    ),
    // Confirmations.
    b(
        &[code(KC::Left), code(KC::Up), k('h'), code(KC::Tab)],
        Action::Up,
        G::Dialogs,
        "Switch choice",
        X::Confirm,
    ),
    b(
        &[code(KC::Right), code(KC::Down), k('l')],
        Action::Down,
        G::Dialogs,
        "Switch choice",
        X::Confirm,
    ),
    b(
        &[code(KC::Enter)],
        Action::Enter,
        G::Dialogs,
        "Do the highlighted choice (Cancel first)",
        X::Confirm,
    ),
    b(
        &[code(KC::Esc), k('n')],
        Action::Back,
        G::Dialogs,
        "Cancel",
        X::Confirm,
    ),
    // Conflict prompt.
    b(
        &[code(KC::Left), code(KC::Up), code(KC::Tab)],
        Action::Up,
        G::Dialogs,
        "Switch choice",
        X::Conflict,
    ),
    b(
        &[code(KC::Right), code(KC::Down)],
        Action::Down,
        G::Dialogs,
        "Switch choice",
        X::Conflict,
    ),
    b(
        &[code(KC::Enter)],
        Action::Enter,
        G::Dialogs,
        "Do the highlighted choice",
        X::Conflict,
    ),
    // Inputs.
    b(
        &[code(KC::Enter)],
        Action::Enter,
        G::Dialogs,
        "Apply",
        X::Input,
    ),
    b(
        &[code(KC::Esc)],
        Action::Back,
        G::Dialogs,
        "Cancel",
        X::Input,
    ),
    b(
        &[code(KC::Up)],
        Action::Up,
        G::Dialogs,
        "Previous suggestion",
        X::Input,
    ),
    b(
        &[code(KC::Down), code(KC::Tab)],
        Action::Down,
        G::Dialogs,
        "Next suggestion",
        X::Input,
    ),
    // Comment editor.
    b(
        &[ctrl('s')],
        Action::SendComment,
        G::Dialogs,
        "Send the comment",
        X::Editor,
    ),
    b(
        &[code(KC::Esc)],
        Action::Back,
        G::Dialogs,
        "Close, keeping the draft",
        X::Editor,
    ),
    // Help.
    b(
        &[code(KC::Esc), k('?')],
        Action::Back,
        G::Dialogs,
        "Close help (Esc clears the search first)",
        X::Help,
    ),
    b(
        &[code(KC::Up)],
        Action::Up,
        G::Dialogs,
        "Scroll up",
        X::Help,
    ),
    b(
        &[code(KC::Down)],
        Action::Down,
        G::Dialogs,
        "Scroll down",
        X::Help,
    ),
    b(
        &[code(KC::PageUp)],
        Action::PageUp,
        G::Dialogs,
        "Page up",
        X::Help,
    ),
    b(
        &[code(KC::PageDown)],
        Action::PageDown,
        G::Dialogs,
        "Page down",
        X::Help,
    ),
    // Viewer.
    b(
        &[code(KC::Up), k('k')],
        Action::Up,
        G::Dialogs,
        "Scroll up",
        X::Viewer,
    ),
    b(
        &[code(KC::Down), k('j')],
        Action::Down,
        G::Dialogs,
        "Scroll down",
        X::Viewer,
    ),
    b(
        &[code(KC::PageUp), ctrl('u')],
        Action::PageUp,
        G::Dialogs,
        "Page up",
        X::Viewer,
    ),
    b(
        &[code(KC::PageDown), ctrl('d')],
        Action::PageDown,
        G::Dialogs,
        "Page down",
        X::Viewer,
    ),
    b(
        &[k('g'), code(KC::Home)],
        Action::Top,
        G::Dialogs,
        "Top",
        X::Viewer,
    ),
    b(
        &[k('G'), code(KC::End)],
        Action::Bottom,
        G::Dialogs,
        "Bottom",
        X::Viewer,
    ),
    b(
        &[k('y')],
        Action::YankMenu,
        G::Dialogs,
        "Copy the whole value",
        X::Viewer,
    ),
    b(
        &[code(KC::Esc), k('q'), code(KC::Enter)],
        Action::Back,
        G::Dialogs,
        "Close",
        X::Viewer,
    ),
];

/// The key-handling mode the console is in (derived from the state).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// No dialog: the focused pane gets the keys.
    Normal(Pane),
    /// A dialog of this context is on top.
    Dialog(Context),
}

impl Mode {
    /// The contexts whose bindings apply, most specific first.
    pub fn contexts(self) -> &'static [Context] {
        match self {
            Mode::Normal(Pane::List) => &[Context::List, Context::Global],
            Mode::Normal(Pane::Evidence) => &[Context::Evidence, Context::Global],
            Mode::Normal(_) => &[Context::Global],
            Mode::Dialog(Context::Menu) => &[Context::Menu],
            Mode::Dialog(Context::Confirm) => &[Context::Confirm],
            Mode::Dialog(Context::Input) => &[Context::Input],
            Mode::Dialog(Context::Editor) => &[Context::Editor],
            Mode::Dialog(Context::Help) => &[Context::Help],
            Mode::Dialog(Context::Viewer) => &[Context::Viewer],
            Mode::Dialog(Context::Conflict) => &[Context::Conflict],
            Mode::Dialog(_) => &[Context::Global],
        }
    }
}

/// The action a key triggers in a mode, if any.
pub fn action_for(mode: Mode, key: KeyEvent) -> Option<Action> {
    mode.contexts().iter().find_map(|ctx| {
        BINDINGS
            .iter()
            .filter(|b| b.context == *ctx)
            .find(|b| b.keys.iter().any(|s| s.matches(&key)))
            .map(|b| b.action)
    })
}

/// The keys of a binding as one label (`j/↓`).
pub fn keys_label(b: &Binding) -> String {
    b.keys
        .iter()
        .map(KeySpec::label)
        .collect::<Vec<_>>()
        .join("/")
}

/// The help overlay's content: bindings grouped, filtered by a case-insensitive substring of
/// the keys, the action name or the description. Empty groups are left out.
pub fn help_groups(filter: &str) -> Vec<(Group, Vec<&'static Binding>)> {
    let f = filter.trim().to_lowercase();
    let mut out: Vec<(Group, Vec<&'static Binding>)> = Vec::new();
    for bind in BINDINGS {
        let hit = f.is_empty()
            || bind.description.to_lowercase().contains(&f)
            || bind.action.name().contains(&f)
            || keys_label(bind).to_lowercase().contains(&f);
        if !hit {
            continue;
        }
        match out.iter_mut().find(|(g, _)| *g == bind.group) {
            Some((_, v)) => v.push(bind),
            None => out.push((bind.group, vec![bind])),
        }
    }
    out.sort_by_key(|(g, _)| *g);
    out
}

/// The hint bar: the most useful bindings of the current mode (key, short description).
pub fn hints(mode: Mode) -> Vec<(String, &'static str)> {
    let wanted: &[Action] = match mode {
        Mode::Normal(Pane::List) => &[
            Action::Enter,
            Action::Filter,
            Action::ToggleMark,
            Action::AssignMe,
            Action::StatusMenu,
            Action::Classify,
            Action::Comment,
            Action::Help,
            Action::Quit,
        ],
        Mode::Normal(Pane::Evidence) => &[
            Action::Enter,
            Action::ViewValue,
            Action::YankMenu,
            Action::NextPane,
            Action::Back,
            Action::Help,
        ],
        Mode::Normal(_) => &[
            Action::NextPane,
            Action::Comment,
            Action::Classify,
            Action::Back,
            Action::Help,
        ],
        Mode::Dialog(_) => &[],
    };
    let contexts = mode.contexts();
    let mut out = Vec::new();
    for bind in BINDINGS.iter().filter(|b| contexts.contains(&b.context)) {
        let show = wanted.is_empty() || wanted.contains(&bind.action);
        if show && !bind.keys.is_empty() && !out.iter().any(|(_, d)| *d == bind.description) {
            out.push((keys_label(bind), bind.description));
        }
    }
    out
}

/// Palette entries matching a query (every word must appear in the name or description),
/// best first: name prefix, then name substring, then description.
pub fn palette_matches(query: &str) -> Vec<&'static Binding> {
    let q = query.trim().to_lowercase();
    let words: Vec<&str> = q.split_whitespace().collect();
    // "assign to" names `assign-to` exactly: that beats every partial match.
    let dashed = words.join("-");
    let mut hits: Vec<(u8, &'static Binding)> = BINDINGS
        .iter()
        .filter(|b| {
            matches!(
                b.context,
                Context::Global | Context::List | Context::Evidence
            )
        })
        .filter_map(|b| {
            let name = b.action.name();
            let desc = b.description.to_lowercase();
            if !words.iter().all(|w| name.contains(w) || desc.contains(w)) {
                return None;
            }
            let rank = match words.first() {
                _ if name == dashed => 0,
                None => 3,
                Some(w) if name.starts_with(w) => 1,
                Some(w) if name.contains(w) => 2,
                Some(_) => 3,
            };
            Some((rank, b))
        })
        .collect();
    hits.sort_by_key(|(r, _)| *r);
    hits.into_iter().map(|(_, b)| b).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    #[test]
    fn every_key_reaches_its_binding_in_its_context() {
        // A later duplicate in the same context would be dead: the table must not have one.
        for b in BINDINGS {
            let mode = match b.context {
                Context::Global => Mode::Normal(Pane::Detail),
                Context::List => Mode::Normal(Pane::List),
                Context::Evidence => Mode::Normal(Pane::Evidence),
                other => Mode::Dialog(other),
            };
            for k in b.keys {
                assert_eq!(
                    action_for(mode, ev(k.code, k.mods)),
                    Some(b.action),
                    "{} in {:?}",
                    k.label(),
                    b.context
                );
            }
        }
    }

    #[test]
    fn shift_is_implied_by_capitals_and_backtab() {
        let list = Mode::Normal(Pane::List);
        assert_eq!(
            action_for(list, ev(KeyCode::Char('G'), KeyModifiers::SHIFT)),
            Some(Action::Bottom)
        );
        assert_eq!(
            action_for(list, ev(KeyCode::BackTab, KeyModifiers::SHIFT)),
            Some(Action::PrevPane)
        );
        assert_eq!(
            action_for(list, ev(KeyCode::Char(' '), KeyModifiers::SHIFT)),
            Some(Action::MarkToHere)
        );
        assert_eq!(
            action_for(list, ev(KeyCode::Char('d'), KeyModifiers::CONTROL)),
            Some(Action::HalfPageDown)
        );
        assert_eq!(
            action_for(list, ev(KeyCode::Char('d'), KeyModifiers::NONE)),
            None
        );
        // Dialogs see only their own keys: `a` in a menu is not "assign to me".
        assert_eq!(
            action_for(
                Mode::Dialog(Context::Menu),
                ev(KeyCode::Char('a'), KeyModifiers::NONE)
            ),
            None
        );
    }

    #[test]
    fn help_hints_and_palette_come_from_the_table() {
        let all: usize = help_groups("").iter().map(|(_, v)| v.len()).sum();
        assert_eq!(all, BINDINGS.len());
        let hits = help_groups("ctrl-d");
        assert_eq!(hits[0].0, Group::Navigation);
        assert_eq!(hits[0].1[0].action, Action::HalfPageDown);
        assert_eq!(hits[1].0, Group::Dialogs, "the viewer's Ctrl-d too");
        let hints = hints(Mode::Normal(Pane::List));
        assert!(
            hints
                .iter()
                .any(|(k, d)| k == "Space" && d.starts_with("Mark"))
        );
        let p = palette_matches("sort");
        assert_eq!(p[0].action, Action::SortMenu);
        assert!(
            palette_matches("retry")
                .iter()
                .any(|b| b.action == Action::RetryOutbox)
        );
        assert!(palette_matches("zzzz").is_empty());
        // Every action is reachable from the palette.
        for a in Action::ALL {
            if *a == Action::SendComment {
                continue;
            }
            assert!(
                palette_matches("").iter().any(|b| b.action == *a),
                "{a:?} not in the palette"
            );
        }
    }
}
