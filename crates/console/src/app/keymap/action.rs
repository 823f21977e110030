//! Every named thing the analyst can do. Keys map to these through the keymap; the palette finds
//! them by name; `update` interprets them against the current mode.

pub use crate::app::list::views::ViewId as QuickView;

/// The palette names of the built-in views, in `ViewId` order.
const VIEW_NAMES: &[&str] = &[
    "view-open",
    "view-mine",
    "view-unassigned",
    "view-new-high",
    "view-resolved",
    "view-all",
];

/// A named action.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    /// Move the cursor up one line (list, tree, menu) or scroll up.
    Up,
    /// Move the cursor down one line or scroll down.
    Down,
    /// Jump to the first line.
    Top,
    /// Jump to the last line.
    Bottom,
    /// One page up.
    PageUp,
    /// One page down.
    PageDown,
    /// Half a page up.
    HalfPageUp,
    /// Half a page down.
    HalfPageDown,
    /// Focus the next pane.
    NextPane,
    /// Focus the previous pane.
    PrevPane,
    /// Open / expand / confirm, depending on where the cursor is.
    Enter,
    /// One level back: dialog, zoom, range mark, detail, filter.
    Back,
    /// Expand the tree node under the cursor.
    Expand,
    /// Collapse the tree node under the cursor (or go to its parent).
    Collapse,
    /// Show the full value of the focused evidence node.
    ViewValue,
    /// Edit the `/` filter.
    Filter,
    /// Open the sort menu.
    SortMenu,
    /// Reverse the sort direction.
    ReverseSort,
    /// Give the focused pane the whole screen (toggle).
    Zoom,
    /// Toggle UTC / local time.
    ToggleTime,
    /// Toggle defanging of URLs and IPs.
    ToggleDefang,
    /// Show the raw JSON of the alert.
    RawJson,
    /// Show the key help.
    Help,
    /// Open the command palette.
    Palette,
    /// Switch to a named view (the filter narrows it).
    QuickView(QuickView),
    /// Assign the target alerts to the analyst.
    AssignMe,
    /// Assign the target alerts to someone (text input).
    AssignTo,
    /// Set the status of the target alerts (menu).
    StatusMenu,
    /// Classify the target alerts (classification, then determination).
    Classify,
    /// Write a comment on the target alerts.
    Comment,
    /// Toggle the mark on the current alert.
    ToggleMark,
    /// Start or end a range mark that follows the cursor.
    RangeMark,
    /// Mark every alert from the last marked one to the cursor.
    MarkToHere,
    /// Mark every visible alert.
    MarkAllVisible,
    /// Clear all marks.
    ClearMarks,
    /// Fetch changes now.
    Refresh,
    /// Refetch everything.
    FullRefresh,
    /// Pause or resume live updates.
    TogglePause,
    /// Retry failed outbox writes.
    RetryOutbox,
    /// Open the yank (copy) menu.
    YankMenu,
    /// Copy and show the Defender portal link of the alert.
    OpenPortal,
    /// Send the comment being edited.
    SendComment,
    /// Next search match in the value viewer.
    NextMatch,
    /// Previous search match in the value viewer.
    PrevMatch,
    /// Leave the program.
    Quit,
    /// Revert the last change of this session.
    Undo,
    /// Complete the text being typed with the highlighted suggestion.
    Complete,
    /// In the conflict prompt: send mine over the server's change.
    Overwrite,
    // Issue 12 (operating on a rotation).
    /// Pick a view from every view (the built-ins and the config's).
    ViewPicker,
    /// Write the filtered view to a CSV or JSON file.
    Export,
    // Issue 11 (incidents and hunting).
    /// Switch between the alert list and the incident list.
    ToggleIncidents,
    /// Show the incident list.
    ShowIncidents,
    /// Show the alert list.
    ShowAlerts,
    /// From an alert to its incident.
    JumpToIncident,
    /// The process story of an endpoint alert (advanced hunting).
    ProcessStory,
    /// Set the tags of the subject incident(s).
    IncidentTags,
    // Issue 10 (device response).
    /// Open the device panel of the alert (in the panel: ask the service again).
    DevicePanel,
    /// The response menu on the subject's device.
    ResponseMenu,
    /// Isolate the device (full or selective).
    Isolate,
    /// Release the device from isolation.
    Release,
    /// Antivirus scan (quick or full).
    Scan,
    /// Restrict app execution.
    Restrict,
    /// Remove the app execution restriction.
    Unrestrict,
    /// Collect an investigation package.
    CollectPackage,
    /// Stop and quarantine the evidence file.
    Quarantine,
    /// Add an indicator for the evidence value.
    AddIndicator,
    /// Filter the list to the alerts on the panel's device.
    DeviceAlerts,
    /// Filter the list to the alerts of the panel's user.
    UserAlerts,
    /// Send the failed action under the panel's cursor again.
    RetryAction,
    /// Cancel the pending action under the panel's cursor.
    CancelAction,
    /// Copy the download link of the device's investigation package.
    PackageLink,
    /// Send the response action of the form on top.
    SendAction,
    /// Add or remove a tag of the panel's device.
    DeviceTags,
}

impl Action {
    /// Every action without a payload plus the quick views, for the palette (viewer-only
    /// match stepping is left out: it means nothing outside the viewer).
    pub const ALL: &'static [Action] = &[
        Action::Up,
        Action::Down,
        Action::Top,
        Action::Bottom,
        Action::PageUp,
        Action::PageDown,
        Action::HalfPageUp,
        Action::HalfPageDown,
        Action::NextPane,
        Action::PrevPane,
        Action::Enter,
        Action::Back,
        Action::Expand,
        Action::Collapse,
        Action::ViewValue,
        Action::Filter,
        Action::SortMenu,
        Action::ReverseSort,
        Action::Zoom,
        Action::ToggleTime,
        Action::ToggleDefang,
        Action::RawJson,
        Action::Help,
        Action::Palette,
        Action::QuickView(QuickView::OPEN),
        Action::QuickView(QuickView::MINE),
        Action::QuickView(QuickView::UNASSIGNED),
        Action::QuickView(QuickView::NEW_HIGH),
        Action::QuickView(QuickView::RESOLVED),
        Action::QuickView(QuickView::ALL),
        Action::Undo,
        Action::AssignMe,
        Action::AssignTo,
        Action::StatusMenu,
        Action::Classify,
        Action::Comment,
        Action::ToggleMark,
        Action::RangeMark,
        Action::MarkToHere,
        Action::MarkAllVisible,
        Action::ClearMarks,
        Action::Refresh,
        Action::FullRefresh,
        Action::TogglePause,
        Action::RetryOutbox,
        Action::YankMenu,
        Action::OpenPortal,
        Action::SendComment,
        Action::Quit,
        // Issue 12.
        Action::ViewPicker,
        Action::Export,
        Action::ToggleIncidents,
        Action::ShowIncidents,
        Action::ShowAlerts,
        Action::JumpToIncident,
        Action::ProcessStory,
        Action::IncidentTags,
        // Issue 10 (device response).
        Action::DevicePanel,
        Action::ResponseMenu,
        Action::Isolate,
        Action::Release,
        Action::Scan,
        Action::Restrict,
        Action::Unrestrict,
        Action::CollectPackage,
        Action::Quarantine,
        Action::AddIndicator,
        Action::DeviceAlerts,
        Action::UserAlerts,
        Action::RetryAction,
        Action::CancelAction,
        Action::PackageLink,
        Action::DeviceTags,
    ];

    /// The stable name the palette shows and matches (`assign-me`, `sort`, …).
    pub fn name(&self) -> &'static str {
        match self {
            Action::Up => "up",
            Action::Down => "down",
            Action::Top => "top",
            Action::Bottom => "bottom",
            Action::PageUp => "page-up",
            Action::PageDown => "page-down",
            Action::HalfPageUp => "half-page-up",
            Action::HalfPageDown => "half-page-down",
            Action::NextPane => "next-pane",
            Action::PrevPane => "prev-pane",
            Action::Enter => "open",
            Action::Back => "back",
            Action::Expand => "expand",
            Action::Collapse => "collapse",
            Action::ViewValue => "view-value",
            Action::Filter => "filter",
            Action::SortMenu => "sort",
            Action::ReverseSort => "reverse-sort",
            Action::Zoom => "zoom",
            Action::ToggleTime => "toggle-time",
            Action::ToggleDefang => "toggle-defang",
            Action::RawJson => "raw-json",
            Action::Help => "help",
            Action::Palette => "palette",
            Action::QuickView(v) => VIEW_NAMES.get(usize::from(v.0)).copied().unwrap_or("view"),
            Action::AssignMe => "assign-me",
            Action::AssignTo => "assign-to",
            Action::StatusMenu => "status",
            Action::Classify => "classify",
            Action::Comment => "comment",
            Action::ToggleMark => "mark",
            Action::RangeMark => "range-mark",
            Action::MarkToHere => "mark-to-here",
            Action::MarkAllVisible => "mark-all",
            Action::ClearMarks => "clear-marks",
            Action::Refresh => "refresh",
            Action::FullRefresh => "full-refresh",
            Action::TogglePause => "pause",
            Action::RetryOutbox => "retry-outbox",
            Action::YankMenu => "yank",
            Action::OpenPortal => "portal-link",
            Action::SendComment => "send-comment",
            Action::NextMatch => "next-match",
            Action::PrevMatch => "prev-match",
            Action::Quit => "quit",
            Action::Undo => "undo",
            Action::Complete => "complete",
            Action::Overwrite => "overwrite",
            Action::ViewPicker => "view-menu",
            Action::Export => "export",
            Action::ToggleIncidents => "toggle-incidents",
            Action::ShowIncidents => "incidents",
            Action::ShowAlerts => "alerts",
            Action::JumpToIncident => "jump-to-incident",
            Action::ProcessStory => "story",
            Action::IncidentTags => "tags",
            Action::DevicePanel => "device",
            Action::ResponseMenu => "respond",
            Action::Isolate => "isolate",
            Action::Release => "release",
            Action::Scan => "scan",
            Action::Restrict => "restrict",
            Action::Unrestrict => "unrestrict",
            Action::CollectPackage => "collect",
            Action::Quarantine => "quarantine",
            Action::AddIndicator => "indicator",
            Action::DeviceAlerts => "device-alerts",
            Action::UserAlerts => "user-alerts",
            Action::RetryAction => "retry-action",
            Action::CancelAction => "cancel-action",
            Action::PackageLink => "package-link",
            Action::SendAction => "send-action",
            Action::DeviceTags => "device-tags",
        }
    }

    /// True for actions that change alerts on the service (refused in read-only mode).
    pub fn is_write(&self) -> bool {
        matches!(
            self,
            Action::AssignMe
                | Action::AssignTo
                | Action::StatusMenu
                | Action::Classify
                | Action::Comment
                | Action::SendComment
                | Action::RetryOutbox
                | Action::Undo
                | Action::IncidentTags
                // Issue 10: response actions change devices and the tenant's indicators.
                | Action::ResponseMenu
                | Action::Isolate
                | Action::Release
                | Action::Scan
                | Action::Restrict
                | Action::Unrestrict
                | Action::CollectPackage
                | Action::Quarantine
                | Action::AddIndicator
                | Action::RetryAction
                | Action::CancelAction
                | Action::SendAction
                | Action::DeviceTags
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn names_are_unique_and_non_empty() {
        let names: HashSet<&str> = Action::ALL.iter().map(Action::name).collect();
        assert_eq!(names.len(), Action::ALL.len());
        assert!(names.iter().all(|n| !n.is_empty() && !n.contains(' ')));
    }
}
