//! SLA on screen: the age cell's style (within, near, breach — `mde_ops::sla` decides) and the
//! status bar's count of breached and near alerts among every row held.

use crate::app::state::State;
use crate::ui::theme::Theme;
use mde_ops::SlaState;
use ratatui::style::Style;
use ratatui::text::Span;

/// A run of styled text of the status bar.
pub type Spans = Vec<Span<'static>>;

/// The style of an age cell for its SLA state (`None`: no clock runs for the alert).
pub fn age_style(sla: Option<SlaState>, theme: &Theme) -> Style {
    match sla {
        Some(SlaState::Breach) => theme.sla_breach,
        Some(SlaState::Near) => theme.sla_near,
        Some(SlaState::Within) | None => theme.muted,
    }
}

/// The status bar's SLA words (`SLA 3 breached · 2 near`) and, when there is one, their short
/// form (the breaches alone); `None` when nothing is near or past.
pub fn status_spans(state: &State, theme: &Theme) -> Option<(Spans, Option<Spans>)> {
    let c = state.rotation.sla.counts;
    let mut spans = Vec::new();
    if c.breach > 0 {
        spans.push(Span::styled(
            format!("SLA {} breached", c.breach),
            theme.sla_breach,
        ));
    }
    let short = (c.breach > 0 && c.near > 0).then(|| spans.clone());
    if c.near > 0 {
        let text = if spans.is_empty() {
            format!("SLA {} near", c.near)
        } else {
            format!(" · {} near", c.near)
        };
        spans.push(Span::styled(text, theme.sla_near));
    }
    (!spans.is_empty()).then_some((spans, short))
}
