//! Detail keys and answers: opening an alert, scrolling its panes, the evidence tree's keys,
//! and the detail the sync task sends back.

use super::evidence::text::evidence_full_text;
use super::evidence::tree::EvidenceTree;
use super::state::{DetailLoad, DetailState};
use crate::app::chrome::toasts::Level;
use crate::app::dialogs::Dialog;
use crate::app::dialogs::viewer::state::Viewer;
use crate::app::effects::Effects;
use crate::app::keymap::action::Action;
use crate::app::state::State;
use crate::app::triage::write::ingest;
use crate::app::view::state::Pane;
use mde_model::AlertRow;
use mde_model::protocol::{AlertDetail, Effect, RequestId};

/// Asks for an alert's detail; only the answer to this request will be shown.
pub(crate) fn open(state: &mut State, alert_id: String) -> Effects {
    let req = state.req();
    state.detail = Some(DetailState::loading(alert_id.clone(), req));
    // Issue 10: an open device panel follows the detail to its new alert.
    let mut fx = crate::app::device::follow::follow(state, &alert_id);
    fx.push(Effect::LoadDetail { req, alert_id });
    fx
}

/// Enter on the list: the selected alert opens and the detail pane gets the focus.
pub(crate) fn open_selected(state: &mut State) -> Effects {
    let Some(id) = state.list.selected.clone() else {
        return Effects::none();
    };
    crate::app::view::actions::focus(state, Pane::Detail);
    open(state, id)
}

/// Enter in the detail pane: the description in the viewer.
pub(crate) fn view_description(state: &mut State) {
    if let Some(d) = state.loaded_detail() {
        let text = d.alert.description.clone().unwrap_or_default();
        let title = format!("Description — {}", d.alert.title);
        state.dialogs.push(Dialog::Viewer(Viewer::new(title, text)));
    }
}

/// Moves within a detail pane: the tree cursor, or the scroll of the properties or comments.
pub(crate) fn scroll(state: &mut State, delta: isize) {
    let focus = state.focus;
    let Some(d) = state.detail.as_mut() else {
        return;
    };
    if focus == Pane::Evidence {
        match delta {
            isize::MIN => d.tree.move_to_end(false),
            isize::MAX => d.tree.move_to_end(true),
            d2 => d.tree.move_by(d2),
        }
        return;
    }
    let scroll = if focus == Pane::Detail {
        &mut d.scroll
    } else {
        &mut d.comments_scroll
    };
    // The UI clamps the bottom: it alone knows how many lines the pane wraps to.
    *scroll = match delta {
        isize::MIN => 0,
        isize::MAX => usize::MAX / 2,
        d2 => scroll.saturating_add_signed(d2),
    };
}

/// Enter in the tree: expand or collapse the node, or show the value of a leaf.
pub(crate) fn tree_enter(state: &mut State) {
    let toggled = state.detail.as_mut().is_some_and(|d| d.tree.toggle());
    if !toggled {
        tree_action(state, Action::ViewValue);
    }
}

/// Tree keys: expand, collapse, full value.
pub(crate) fn tree_action(state: &mut State, action: Action) {
    let Some(d) = state.detail.as_mut() else {
        return;
    };
    match action {
        Action::Expand => d.tree.expand(),
        Action::Collapse => d.tree.collapse(),
        _ => match selected_evidence_text(state) {
            Some(v) => state.dialogs.push(Dialog::Viewer(v)),
            None => state.notify(Level::Info, "No value to show for this node"),
        },
    }
}

fn selected_evidence_text(state: &State) -> Option<Viewer> {
    let d = state.loaded_detail()?;
    let tree = &state.detail.as_ref()?.tree;
    let node = tree.selected_node()?;
    let ev = d.alert.evidence.get(node.evidence?)?;
    Some(Viewer::new(
        node.label.chars().take(60).collect::<String>(),
        evidence_full_text(ev),
    ))
}

/// The detail arrived (from the cache, then from the service, under the same request). The
/// tree keeps its cursor and folds when it shows the same nodes; a saved draft is kept unless
/// one is already being written; the alert's list row is refreshed from it.
pub(crate) fn on_loaded(state: &mut State, req: RequestId, detail: Box<AlertDetail>) {
    if state.detail.as_ref().map(|d| d.req) != Some(req) {
        return;
    }
    let row = AlertRow::from_alert(&detail.alert);
    if let Some(d) = state.detail.as_mut() {
        let mut tree = EvidenceTree::build(&detail.alert);
        tree.carry_over(&d.tree);
        d.tree = tree;
        if let Some(draft) = &detail.draft {
            state
                .triage
                .drafts
                .entry(detail.alert.id.clone())
                .or_insert_with(|| draft.clone());
        }
        d.load = DetailLoad::Loaded(detail);
    }
    ingest(&mut state.list.rows, &mut state.triage.pending, row);
    state.list.rebuild(&state.config.identity);
}

/// The detail could not be loaded.
pub(crate) fn on_failed(state: &mut State, req: RequestId, error: String) {
    if let Some(d) = state.detail.as_mut().filter(|d| d.req == req) {
        d.load = DetailLoad::Failed(error);
    }
}
