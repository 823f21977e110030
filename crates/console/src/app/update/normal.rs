//! Actions with no dialog open, routed to the feature they belong to. Write actions are refused
//! here, once, in read-only mode.

use super::rules;
use crate::app::chrome::toasts::Level;
use crate::app::connection::actions as connection;
use crate::app::detail::actions as detail;
use crate::app::device::actions as device;
use crate::app::device::state::Family;
use crate::app::device::tags as device_tags;
use crate::app::dialogs::export;
use crate::app::dialogs::help::keys as help;
use crate::app::dialogs::menu::{classify, sort, status, views, yank};
use crate::app::dialogs::prompt::{assign, filter, palette};
use crate::app::dialogs::response::{indicator, open as response};
use crate::app::dialogs::viewer::{portal, raw_json};
use crate::app::dialogs::{editor, quit};
use crate::app::effects::Effects;
use crate::app::incidents;
use crate::app::keymap::action::Action;
use crate::app::list::actions as list;
use crate::app::rotation::files;
use crate::app::state::State;
use crate::app::triage::actions as triage;
use crate::app::triage::undo;
use crate::app::view::actions as view;
use crate::app::view::state::Pane;
use mde_model::protocol::Effect;

/// Runs an action in normal mode.
pub(crate) fn on_action(state: &mut State, action: Action) -> Effects {
    if action.is_write() && state.config.read_only {
        let text = files::read_only_refusal(state, action.name());
        state.notify(Level::Warn, text);
        return Effects::none();
    }
    // Issue 11: the incident list moves, expands, marks, sorts and filters incidents.
    if let Some(effects) = incidents::keys::on_action(state, action) {
        return effects;
    }
    use Action as A;
    match action {
        A::Up
        | A::Down
        | A::Top
        | A::Bottom
        | A::PageUp
        | A::PageDown
        | A::HalfPageUp
        | A::HalfPageDown => navigate(state, action),
        A::NextPane | A::PrevPane => {
            view::cycle_focus(state, action == A::NextPane);
            Effects::none()
        }
        A::Enter => enter(state),
        // Issue 10: Esc in the device panel closes it; closing the detail closes it too.
        A::Back if state.focus == Pane::Device && state.zoom.is_none() => device::close(state),
        A::Back => {
            let had_detail = state.detail.is_some();
            rules::back(state);
            if had_detail && state.detail.is_none() {
                return device::close(state);
            }
            Effects::none()
        }
        A::Expand | A::Collapse | A::ViewValue => {
            detail::tree_action(state, action);
            Effects::none()
        }
        A::Filter => {
            filter::open(state);
            Effects::none()
        }
        A::SortMenu => {
            sort::open(state);
            Effects::none()
        }
        A::ReverseSort => {
            list::reverse_sort(state);
            Effects::none()
        }
        A::QuickView(v) => {
            list::set_view(state, v);
            Effects::none()
        }
        A::Zoom => {
            view::toggle_zoom(state);
            Effects::none()
        }
        A::ToggleTime => {
            view::toggle_time(state);
            Effects::none()
        }
        A::ToggleDefang => {
            view::toggle_defang(state);
            Effects::none()
        }
        A::RawJson => {
            raw_json::open(state);
            Effects::none()
        }
        A::Help => {
            help::open(state);
            Effects::none()
        }
        A::Palette => {
            palette::open(state);
            Effects::none()
        }
        A::AssignMe => triage::assign_me(state),
        A::AssignTo => {
            assign::open(state);
            Effects::none()
        }
        A::StatusMenu => {
            status::open(state);
            Effects::none()
        }
        A::Classify => {
            classify::open(state);
            Effects::none()
        }
        A::Comment => {
            editor::keys::open(state);
            Effects::none()
        }
        A::SendComment | A::NextMatch | A::PrevMatch | A::Complete | A::Overwrite => {
            Effects::none()
        }
        A::Undo => undo::undo(state),
        A::ToggleMark | A::RangeMark | A::MarkToHere | A::MarkAllVisible | A::ClearMarks => {
            list::marks_action(state, action)
        }
        A::Refresh | A::FullRefresh => connection::refresh(state, action == A::FullRefresh),
        A::TogglePause => connection::toggle_pause(state),
        A::RetryOutbox => Effects::one(Effect::RetryOutbox),
        A::YankMenu => {
            yank::open(state);
            Effects::none()
        }
        A::OpenPortal => portal::open(state),
        A::Quit => quit::ask(state),
        // Issue 12.
        A::ViewPicker => {
            views::open(state);
            Effects::none()
        }
        A::Export => {
            export::keys::open(state);
            Effects::none()
        }
        // Issue 11.
        A::ToggleIncidents => incidents::jump::toggle(state),
        A::ShowIncidents => incidents::jump::show_incidents(state),
        A::ShowAlerts => incidents::jump::show_alerts(state),
        A::JumpToIncident => incidents::jump::jump(state),
        A::ProcessStory => crate::app::story::actions::open(state),
        A::IncidentTags => {
            incidents::menus::open_tags(state);
            Effects::none()
        }
        // Issue 10 (device response).
        A::DevicePanel => device::open(state),
        A::DeviceTags => {
            device_tags::open(state);
            Effects::none()
        }
        A::ResponseMenu => response::open(state, Family::All),
        A::Isolate => response::open(state, Family::Isolate),
        A::Release => response::open(state, Family::Release),
        A::Scan => response::open(state, Family::Scan),
        A::Restrict => response::open(state, Family::Restrict),
        A::Unrestrict => response::open(state, Family::Unrestrict),
        A::CollectPackage => response::open(state, Family::Collect),
        A::Quarantine => response::open(state, Family::Quarantine),
        A::AddIndicator => {
            indicator::open_from_evidence(state);
            Effects::none()
        }
        A::DeviceAlerts | A::UserAlerts => {
            device::list_others(state, action == A::UserAlerts);
            Effects::none()
        }
        A::RetryAction => device::retry(state),
        A::CancelAction => {
            device::cancel(state);
            Effects::none()
        }
        A::PackageLink => device::package_link(state),
        A::SendAction => Effects::none(),
    }
}

/// Moves within the focused pane: the list cursor, the tree cursor, or a pane's scroll.
fn navigate(state: &mut State, action: Action) -> Effects {
    let page = state.page_size();
    let half = (page / 2).max(1);
    let delta: isize = match action {
        Action::Up => -1,
        Action::Down => 1,
        Action::PageUp => -(page as isize),
        Action::PageDown => page as isize,
        Action::HalfPageUp => -(half as isize),
        Action::HalfPageDown => half as isize,
        Action::Top => isize::MIN,
        _ => isize::MAX,
    };
    if state.focus == Pane::List {
        return list::move_by(state, delta);
    }
    if state.focus == Pane::Device {
        let by_line = matches!(
            action,
            Action::Up | Action::Down | Action::Top | Action::Bottom
        );
        device::navigate(state, delta, !by_line);
        return Effects::none();
    }
    detail::scroll(state, delta);
    Effects::none()
}

/// Enter: open the alert (list), expand or view a node (tree), view the description (detail).
fn enter(state: &mut State) -> Effects {
    match state.focus {
        Pane::List => detail::open_selected(state),
        Pane::Evidence => {
            detail::tree_enter(state);
            Effects::none()
        }
        Pane::Detail => {
            detail::view_description(state);
            Effects::none()
        }
        Pane::Comments => Effects::none(),
        Pane::Device => {
            device::view_action(state);
            Effects::none()
        }
    }
}
