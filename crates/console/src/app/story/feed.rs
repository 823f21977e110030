//! Hunting answers for the story on screen: the process tree (then the events of its first
//! evidence process), one process's events, failures, and the quota for the status bar.
//! Answers to requests the story no longer waits for are dropped.

use super::actions::{lay_out, load_events};
use super::state::{EventsLoad, StoryLoad};
use crate::app::effects::Effects;
use crate::app::state::State;
use mde_model::graph::process_story::ProcessStory;
use mde_model::graph::{HuntAnswer, HuntFailure, HuntQuota};
use mde_model::protocol::RequestId;

/// A hunting answer.
pub(crate) fn on_result(state: &mut State, req: RequestId, answer: HuntAnswer) -> Effects {
    let Some(story) = state.story.open.as_mut() else {
        return Effects::none();
    };
    if story.req == Some(req) {
        story.tree = ProcessStory::build(&answer.result);
        story.ran_at = Some(answer.ran_at);
        story.cached = answer.cached;
        story.load = StoryLoad::Loaded;
        lay_out(story);
        return load_events(state, false);
    }
    if let Some(slot) = story
        .events
        .values_mut()
        .find(|l| matches!(l, EventsLoad::Loading(r) if *r == req))
    {
        *slot = EventsLoad::Loaded(Box::new(answer.result));
    }
    Effects::none()
}

/// A hunting query gave no answer.
pub(crate) fn on_failed(state: &mut State, req: RequestId, failure: HuntFailure) {
    let Some(story) = state.story.open.as_mut() else {
        return;
    };
    if story.req == Some(req) {
        story.load = StoryLoad::Failed(failure);
        return;
    }
    if let Some(slot) = story
        .events
        .values_mut()
        .find(|l| matches!(l, EventsLoad::Loading(r) if *r == req))
    {
        *slot = EventsLoad::Failed(failure);
    }
}

/// Hunting calls used in the current window.
pub(crate) fn on_quota(state: &mut State, quota: HuntQuota) {
    state.story.quota = Some(quota);
}
