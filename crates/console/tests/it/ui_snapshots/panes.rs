//! The panes: list, detail, evidence, comments, the status bar.

use super::*;

#[test]
fn list_pane() {
    snap("list", &list_state());
}

#[test]
fn list_empty_and_filtered_out() {
    let mut s = list_state();
    s.list
        .set_filter_text("device:nomatch", "analyst@contoso.com");
    s.list.selected = None;
    snap("list_no_match", &s);
}

/// The hint bar's subject gets the room the keys leave: at 80 columns the first keys and the
/// start of the name; at 160 the whole name, hidden note included, before any further key
/// that would cut it. The keys come in the mode's order of importance (Space marks, third).
#[test]
fn the_hint_bar_names_the_subject_before_more_keys() {
    let mut s = list_state();
    s.list
        .set_filter_text("device:nomatch", "analyst@contoso.com");
    for (w, wants, not) in [
        (
            80,
            &[
                "Enter Open alert",
                "/ Filter",
                "acts on marked 'Ransomware behavior detected",
            ][..],
            "a Assign to me",
        ),
        (
            160,
            &[
                "Enter Open alert  / Filter  Space Mark",
                "acts on marked 'Ransomware behavior detected in the file system' on ws-hr-003 (hidden by the view or filter)",
            ][..],
            "a Assign to me",
        ),
    ] {
        let t = draw(&s, w, 24, &Theme::full());
        let text = text_of(t.backend().buffer());
        let bar = text.lines().last().unwrap_or_default();
        for want in wants {
            assert!(bar.contains(want), "{want:?} at {w}: {bar}");
        }
        assert!(!bar.contains(not), "{not:?} at {w}: {bar}");
        // The subject stands apart from the keys.
        assert!(bar.contains("    acts on "), "{bar}");
    }
}

#[test]
fn detail_pane() {
    snap("detail", &detail_state(Pane::Detail));
}

#[test]
fn detail_in_local_time() {
    let mut s = detail_state(Pane::Detail);
    s.time_mode = TimeMode::Local(chrono::FixedOffset::east_opt(3_600).unwrap());
    s.zoom = Some(Pane::Detail);
    snap("detail_local_zoomed", &s);
}

#[test]
fn evidence_pane() {
    let mut s = detail_state(Pane::Evidence);
    if let Some(d) = s.detail.as_mut() {
        d.tree.move_by(2);
    }
    snap("evidence", &s);
}

#[test]
fn comments_pane() {
    snap("comments", &detail_state(Pane::Comments));
}

#[test]
fn status_bar_with_error_filter_and_message() {
    let mut s = list_state();
    s.connection.status.error = Some("connection refused".into());
    s.list.set_filter_text("sev:high", "analyst@contoso.com");
    s.toasts.push(Toast {
        text: "Assigned 1 alert to analyst@contoso.com".into(),
        level: Level::Info,
        expires: None,
    });
    snap("status_offline_filtered", &s);
}

/// A narrow detail (the device panel open beside it) shortens its times instead of cutting
/// them: the age goes first, then the seconds and the year; never "…(+15 chars)".
#[test]
fn narrow_detail_times_are_shortened_not_cut() {
    use mde_console::ui::detail::properties::{Ctx, alert_lines};
    let alert = opened_alert();
    let theme = Theme::full();
    let created_at = |cols: usize| {
        let c = Ctx {
            now: Some(now()),
            offset: None,
            cols,
            theme: &theme,
            sla: None,
        };
        let lines = alert_lines(&alert, None, false, &c);
        let text: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
        let line = text.iter().find(|l| l.starts_with("Created")).cloned();
        line.unwrap_or_else(|| panic!("no Created line at {cols}: {text:#?}"))
    };
    let full = created_at(60);
    assert!(
        full.ends_with(" ago)"),
        "wide: the time and its age: {full}"
    );
    let no_age = created_at(42);
    assert!(no_age.ends_with(" UTC") && no_age.contains(':'), "{no_age}");
    assert_eq!(
        no_age.trim_start_matches("Created").trim().len(),
        23,
        "{no_age}"
    );
    let compact = created_at(34);
    assert!(compact.ends_with(" UTC"), "the zone stays: {compact}");
    for line in [&full, &no_age, &compact] {
        assert!(!line.contains("chars)"), "cut: {line}");
    }
}
