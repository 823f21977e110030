//! The keymap table itself: one line per binding, so it reads (and reviews) as a table.

use super::action::{Action, QuickView};
use super::spec::{Binding, Context, Group, KeySpec};
use crossterm::event::{KeyCode, KeyModifiers};

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
#[rustfmt::skip]
pub static BINDINGS: &[Binding] = &[
    // Everywhere (no dialog open).
    b(&[code(KC::Up), k('k')], Action::Up, G::Navigation, "Move up / scroll up", X::Global),
    b(&[code(KC::Down), k('j')], Action::Down, G::Navigation, "Move down / scroll down", X::Global),
    b(&[k('g'), code(KC::Home)], Action::Top, G::Navigation, "Go to the top", X::Global),
    b(&[k('G'), code(KC::End)], Action::Bottom, G::Navigation, "Go to the bottom", X::Global),
    b(&[code(KC::PageUp)], Action::PageUp, G::Navigation, "Page up", X::Global),
    b(&[code(KC::PageDown)], Action::PageDown, G::Navigation, "Page down", X::Global),
    b(&[ctrl('u')], Action::HalfPageUp, G::Navigation, "Half a page up", X::Global),
    b(&[ctrl('d')], Action::HalfPageDown, G::Navigation, "Half a page down", X::Global),
    b(&[code(KC::Tab)], Action::NextPane, G::Navigation, "Next pane", X::Global),
    b(&[code(KC::BackTab)], Action::PrevPane, G::Navigation, "Previous pane", X::Global),
    b(&[code(KC::Enter)], Action::Enter, G::Navigation, "Open alert / expand node / view value", X::Global),
    b(&[code(KC::Esc)], Action::Back, G::Navigation, "Back one level (zoom, detail, filter)", X::Global),
    b(&[k('/')], Action::Filter, G::View, "Filter (sev:high hash:… ip:… tech:… text, ! negates)", X::Global),
    b(&[k('s')], Action::SortMenu, G::View, "Sort menu", X::Global),
    b(&[], Action::ReverseSort, G::View, "Reverse the sort direction", X::Global),
    b(&[k('1')], Action::QuickView(QuickView::OPEN), G::View, "View: open queue (New, In progress)", X::Global),
    b(&[k('2')], Action::QuickView(QuickView::MINE), G::View, "View: mine (open, assigned to me)", X::Global),
    b(&[k('3')], Action::QuickView(QuickView::UNASSIGNED), G::View, "View: unassigned (open)", X::Global),
    b(&[k('4')], Action::QuickView(QuickView::NEW_HIGH), G::View, "View: new high severity", X::Global),
    b(&[k('5')], Action::QuickView(QuickView::RESOLVED), G::View, "View: resolved", X::Global),
    b(&[k('0')], Action::QuickView(QuickView::ALL), G::View, "View: all alerts", X::Global),
    b(&[k('z')], Action::Zoom, G::View, "Zoom the focused pane", X::Global),
    b(&[k('t')], Action::ToggleTime, G::View, "Toggle UTC / local time", X::Global),
    b(&[k('D')], Action::ToggleDefang, G::View, "Toggle defanging of URLs and IPs", X::Global),
    b(&[k('R')], Action::RawJson, G::View, "Raw JSON of the alert", X::Global),
    b(&[k('a')], Action::AssignMe, G::Triage, "Assign to me", X::Global),
    b(&[k('A')], Action::AssignTo, G::Triage, "Assign to…", X::Global),
    b(&[k('S')], Action::StatusMenu, G::Triage, "Set status", X::Global),
    b(&[k('c')], Action::Classify, G::Triage, "Classify (then determination)", X::Global),
    b(&[k('C')], Action::Comment, G::Triage, "Write a comment", X::Global),
    b(&[k('u')], Action::Undo, G::Triage, "Undo the last change (drops it if unsent)", X::Global),
    b(&[k('r')], Action::Refresh, G::Sync, "Refresh now", X::Global),
    b(&[ctrl('r')], Action::FullRefresh, G::Sync, "Refetch everything", X::Global),
    b(&[k('p')], Action::TogglePause, G::Sync, "Pause / resume live updates", X::Global),
    b(&[], Action::RetryOutbox, G::Sync, "Retry failed writes", X::Global),
    b(&[k('y')], Action::YankMenu, G::Clipboard, "Copy (id, device, hash, command line, link)", X::Global),
    b(&[k('o')], Action::OpenPortal, G::Clipboard, "Copy and show the portal link", X::Global),
    b(&[k('?')], Action::Help, G::General, "Help", X::Global),
    b(&[k(':')], Action::Palette, G::General, "Command palette", X::Global),
    b(&[k('q'), ctrl('c')], Action::Quit, G::General, "Quit", X::Global),
    // Operating on a rotation (issue 12).
    b(&[k('v')], Action::ViewPicker, G::View, "Pick a view (built-in and config views; :view NAME)", X::Global),
    b(&[k('e')], Action::Export, G::View, "Export the filtered view to CSV or JSON", X::Global),
    // Alert list.
    b(&[k(' ')], Action::ToggleMark, G::Marks, "Mark / unmark", X::List),
    b(&[SHIFT_SPACE], Action::MarkToHere, G::Marks, "Mark from the last mark to here", X::List),
    b(&[k('V')], Action::RangeMark, G::Marks, "Range mark (follows the cursor)", X::List),
    b(&[k('*')], Action::MarkAllVisible, G::Marks, "Mark all visible", X::List),
    b(&[k('-')], Action::ClearMarks, G::Marks, "Clear marks", X::List),
    // Evidence tree.
    b(&[k('l'), code(KC::Right)], Action::Expand, G::Navigation, "Expand node", X::Evidence),
    b(&[k('h'), code(KC::Left)], Action::Collapse, G::Navigation, "Collapse node / go to parent", X::Evidence),
    b(&[k('v')], Action::ViewValue, G::Navigation, "Full value of the node", X::Evidence),
    // Menus.
    b(&[code(KC::Up), k('k')], Action::Up, G::Dialogs, "Previous item", X::Menu),
    b(&[code(KC::Down), k('j')], Action::Down, G::Dialogs, "Next item", X::Menu),
    b(&[code(KC::Enter)], Action::Enter, G::Dialogs, "Choose", X::Menu),
    b(&[code(KC::Esc), k('q')], Action::Back, G::Dialogs, "Close", X::Menu),
    // Confirmations.
    b(&[code(KC::Left), code(KC::Up), k('h'), code(KC::Tab)], Action::Up, G::Dialogs, "Switch choice", X::Confirm),
    b(&[code(KC::Right), code(KC::Down), k('l')], Action::Down, G::Dialogs, "Switch choice", X::Confirm),
    b(&[code(KC::Enter)], Action::Enter, G::Dialogs, "Do the highlighted choice (Cancel first)", X::Confirm),
    b(&[code(KC::Esc), k('n')], Action::Back, G::Dialogs, "Cancel", X::Confirm),
    // Conflict prompt.
    // Overwriting another analyst's change takes its own key (`o`); Enter only ever discards.
    b(&[code(KC::Enter), k('d')], Action::Enter, G::Dialogs, "Discard mine, keep the server's version", X::Conflict),
    b(&[k('o')], Action::Overwrite, G::Dialogs, "Overwrite the server's version with mine", X::Conflict),
    // Inputs.
    b(&[code(KC::Enter)], Action::Enter, G::Dialogs, "Apply", X::Input),
    b(&[code(KC::Esc)], Action::Back, G::Dialogs, "Cancel", X::Input),
    b(&[code(KC::Up)], Action::Up, G::Dialogs, "Previous suggestion", X::Input),
    b(&[code(KC::Down)], Action::Down, G::Dialogs, "Next suggestion", X::Input),
    b(&[code(KC::Tab)], Action::Complete, G::Dialogs, "Take the highlighted suggestion", X::Input),
    // Comment editor.
    b(&[ctrl('s')], Action::SendComment, G::Dialogs, "Send the comment", X::Editor),
    b(&[code(KC::Esc)], Action::Back, G::Dialogs, "Close, keeping the draft", X::Editor),
    // Help.
    b(&[code(KC::Esc), k('?')], Action::Back, G::Dialogs, "Close help (Esc clears the search first)", X::Help),
    b(&[code(KC::Up)], Action::Up, G::Dialogs, "Scroll up", X::Help),
    b(&[code(KC::Down)], Action::Down, G::Dialogs, "Scroll down", X::Help),
    b(&[code(KC::PageUp)], Action::PageUp, G::Dialogs, "Page up", X::Help),
    b(&[code(KC::PageDown)], Action::PageDown, G::Dialogs, "Page down", X::Help),
    // Viewer.
    b(&[code(KC::Up), k('k')], Action::Up, G::Dialogs, "Scroll up", X::Viewer),
    b(&[code(KC::Down), k('j')], Action::Down, G::Dialogs, "Scroll down", X::Viewer),
    b(&[code(KC::PageUp), ctrl('u')], Action::PageUp, G::Dialogs, "Page up", X::Viewer),
    b(&[code(KC::PageDown), ctrl('d')], Action::PageDown, G::Dialogs, "Page down", X::Viewer),
    b(&[k('g'), code(KC::Home)], Action::Top, G::Dialogs, "Top", X::Viewer),
    b(&[k('G'), code(KC::End)], Action::Bottom, G::Dialogs, "Bottom", X::Viewer),
    b(&[k('y')], Action::YankMenu, G::Dialogs, "Copy the whole value", X::Viewer),
    b(&[code(KC::Esc), k('q'), code(KC::Enter)], Action::Back, G::Dialogs, "Close", X::Viewer),
    b(&[k('/')], Action::Filter, G::Dialogs, "Search in the value", X::Viewer),
    b(&[k('n')], Action::NextMatch, G::Dialogs, "Next match", X::Viewer),
    b(&[k('N')], Action::PrevMatch, G::Dialogs, "Previous match", X::Viewer),
    // Issue 11: incidents and the process story.
    b(&[k('I')], Action::ToggleIncidents, G::View, "Incidents / alerts (switch lists)", X::Global),
    b(&[], Action::ShowIncidents, G::View, "Show the incident list", X::Global),
    b(&[], Action::ShowAlerts, G::View, "Show the alert list", X::Global),
    b(&[k('i')], Action::JumpToIncident, G::Navigation, "Jump to the alert's incident", X::Global),
    b(&[k('P')], Action::ProcessStory, G::View, "Process story of the alert (advanced hunting)", X::Global),
    b(&[k('T')], Action::IncidentTags, G::Triage, "Tags of the incident", X::Global),
    b(&[k('l'), code(KC::Right)], Action::Expand, G::Navigation, "Expand the incident (its alerts)", X::Incidents),
    b(&[k('h'), code(KC::Left)], Action::Collapse, G::Navigation, "Fold the incident / go up to it", X::Incidents),
    b(&[code(KC::Up), k('k')], Action::Up, G::Dialogs, "Previous process", X::Story),
    b(&[code(KC::Down), k('j')], Action::Down, G::Dialogs, "Next process", X::Story),
    b(&[code(KC::PageUp), ctrl('u')], Action::PageUp, G::Dialogs, "Page up", X::Story),
    b(&[code(KC::PageDown), ctrl('d')], Action::PageDown, G::Dialogs, "Page down", X::Story),
    b(&[k('g'), code(KC::Home)], Action::Top, G::Dialogs, "First process", X::Story),
    b(&[k('G'), code(KC::End)], Action::Bottom, G::Dialogs, "Last process", X::Story),
    b(&[code(KC::Enter)], Action::Enter, G::Dialogs, "Events of the process (network, files)", X::Story),
    b(&[k('v')], Action::ViewValue, G::Dialogs, "Full command line of the process", X::Story),
    b(&[k('r')], Action::Refresh, G::Dialogs, "Run the queries again (past the cache)", X::Story),
    b(&[code(KC::Esc), k('q')], Action::Back, G::Dialogs, "Close the story", X::Story),
    // Issue 10 (device response): the device panel, the response menu and its palette commands.
    b(&[k('d')], Action::DevicePanel, G::Response, "Device panel of the alert (in it: ask again)", X::Global),
    b(&[k('x')], Action::ResponseMenu, G::Response, "Respond on the device (isolate, scan, collect…)", X::Global),
    b(&[], Action::Isolate, G::Response, "Isolate the device (full or selective)", X::Global),
    b(&[], Action::Release, G::Response, "Release the device from isolation", X::Global),
    b(&[], Action::Scan, G::Response, "Antivirus scan of the device (quick or full)", X::Global),
    b(&[], Action::Restrict, G::Response, "Restrict app execution on the device", X::Global),
    b(&[], Action::Unrestrict, G::Response, "Remove the app execution restriction", X::Global),
    b(&[], Action::CollectPackage, G::Response, "Collect an investigation package from the device", X::Global),
    b(&[], Action::Quarantine, G::Response, "Stop and quarantine the evidence file (by SHA-1)", X::Global),
    b(&[], Action::AddIndicator, G::Response, "Add an indicator (block, warn, audit, allow) for the evidence value", X::Global),
    b(&[k('f')], Action::DeviceAlerts, G::Response, "List the alerts on this device", X::Device),
    b(&[k('F')], Action::UserAlerts, G::Response, "List the alerts of this user", X::Device),
    // `T` is "tags of what the screen shows" everywhere: the incident's elsewhere, the device's here.
    // A retry sends a response action, so it has a key of its own rather than a second `T`.
    b(&[k('T')], Action::DeviceTags, G::Response, "Tags of the device: add or remove one (:tag / :untag NAME)", X::Device),
    b(&[k('E')], Action::RetryAction, G::Response, "Retry the failed action (looked up first)", X::Device),
    b(&[k('X')], Action::CancelAction, G::Response, "Cancel the pending action", X::Device),
    b(&[k('L')], Action::PackageLink, G::Response, "Copy the investigation package's link", X::Device),
    // Response forms.
    b(&[ctrl('s')], Action::SendAction, G::Dialogs, "Send it", X::Response),
    b(&[code(KC::Tab)], Action::NextPane, G::Dialogs, "Next field", X::Response),
    b(&[code(KC::BackTab)], Action::PrevPane, G::Dialogs, "Previous field", X::Response),
    b(&[code(KC::Esc)], Action::Back, G::Dialogs, "Cancel: nothing is sent", X::Response),
];
