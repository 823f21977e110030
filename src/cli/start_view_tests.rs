//! The start view (`--view`, `default_view`) becomes the console's view: its alerts show even
//! when the console's default view (the open queue) would hide them.

use super::apply_start_view;
use mde_console::app::list::views::ViewId;
use mde_console::app::{AppConfig, State};
use mde_model::{Alert, AlertRow, Severity, Status};
use mde_ops::{ConsoleSettings, ViewCatalog};

const ME: &str = "analyst@contoso.com";

fn state() -> State {
    let mut s = State::new(AppConfig::new(ME));
    for (id, status, sev, owner) in [
        ("open-mine", Status::New, Severity::High, Some(ME)),
        ("open-high", Status::New, Severity::High, None),
        ("resolved", Status::Resolved, Severity::Low, None),
    ] {
        let mut a = Alert::new(id, id);
        a.status = status;
        a.severity = sev;
        a.assigned_to = owner.map(str::to_string);
        let _ = s.list.rows.upsert(AlertRow::from_alert(&a));
    }
    s.list.rebuild(ME);
    s
}

fn settings(view: &str) -> ConsoleSettings {
    ConsoleSettings {
        views: ViewCatalog::with(Vec::new()),
        start_view: Some(view.into()),
        ..ConsoleSettings::default()
    }
}

fn shown(s: &State) -> Vec<String> {
    let mut ids: Vec<String> = s.list.rows.iter_view().map(|r| r.id.clone()).collect();
    ids.sort();
    ids
}

#[test]
fn a_view_of_resolved_alerts_shows_them_instead_of_nothing() {
    let mut s = state();
    assert_eq!(s.list.view, ViewId::OPEN);
    apply_start_view(&mut s, &settings("resolved-today"));
    assert_eq!(shown(&s), ["resolved"]);
    assert_eq!(s.list.view_title(), "Resolved today");
    assert_eq!(
        s.list.filter_text, "",
        "the view is not a filter the analyst must clear"
    );
}

#[test]
fn a_view_the_console_knows_takes_the_configured_query() {
    let mut s = state();
    let before = s.list.views.len();
    apply_start_view(&mut s, &settings("mine"));
    assert_eq!(s.list.views.len(), before, "no second 'mine'");
    assert_eq!(s.list.view, ViewId::MINE);
    assert_eq!(s.list.view_title(), "Mine");
    assert_eq!(shown(&s), ["open-mine"]);
}

#[test]
fn without_a_start_view_the_open_queue_stays() {
    let mut s = state();
    apply_start_view(&mut s, &ConsoleSettings::default());
    assert_eq!(s.list.view, ViewId::OPEN);
    assert_eq!(shown(&s), ["open-high", "open-mine"]);
}
