//! `:handoff [SPAN]`: the shift handoff report of the last SPAN (12h by default) written by the
//! runtime to a new Markdown file named for the profile and the time; where it went (or why it
//! could not be written) comes back as `FileWritten` / `FileWriteFailed`.

use crate::app::chrome::toasts::Level;
use crate::app::effects::Effects;
use crate::app::state::State;
use mde_model::protocol::Effect;

/// The shift a handoff covers unless told otherwise.
pub const DEFAULT_SPAN: &str = "12h";

/// Asks for the report of the last `span` (`None`: 12 h).
pub(crate) fn start(state: &mut State, span: Option<&str>) -> Effects {
    let span = span
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .unwrap_or(DEFAULT_SPAN);
    let since = match mde_ops::parse_duration(span) {
        Ok(d) => d,
        Err(e) => {
            state.notify(Level::Warn, format!("Handoff: {e} (e.g. :handoff 12h)"));
            return Effects::none();
        }
    };
    let stamp = state
        .now
        .map(|t| t.0.format("%Y%m%d-%H%M").to_string())
        .unwrap_or_else(|| "now".to_string());
    let profile: String = state
        .config
        .profile
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let path = format!("handoff-{profile}-{stamp}.md");
    let req = state.req();
    state.rotation.handoff_req = Some(req);
    state.notify(
        Level::Info,
        format!("Writing the handoff report of the last {span} to {path}…"),
    );
    Effects::one(Effect::Handoff {
        req,
        since_secs: u64::try_from(since.num_seconds()).unwrap_or(0),
        path,
    })
}
