//! One list of views, one key away, with the config's sort; the start view; `resolved-today`
//! counted from midnight in the profile's zone.

use super::*;

#[test]
fn one_list_of_views_one_key_away_with_the_configs_sort() {
    let cfg = with_settings(|st| st.views = ViewCatalog::with(vec![lateral()]));
    let mut s = loaded_with(cfg, rows());
    ch(&mut s, 'v');
    let Some(Dialog::Menu(m)) = s.top_dialog() else {
        panic!("no picker")
    };
    assert_eq!(m.kind, MenuKind::View);
    let labels: Vec<&str> = m.items.iter().map(|i| i.label.as_str()).collect();
    assert_eq!(labels.len(), 9, "{labels:#?}");
    assert!(labels[0].starts_with("Open queue") && labels[0].ends_with("status:new,inprogress"));
    assert!(labels[5].starts_with("All alerts"));
    assert!(labels[7].contains("Resolved today") && labels[7].ends_with("(time window)"));
    assert_eq!(m.items[0].hotkey, Some('1'));
    assert_eq!(m.items[5].hotkey, Some('0'));
    assert_eq!(m.selected, 0, "the view in force is highlighted");
    let hotkey = m.items[8].hotkey.unwrap();
    ch(&mut s, hotkey);
    assert!(s.top_dialog().is_none());
    assert_eq!(s.list.view_title(), "Lateral");
    assert_eq!(
        s.list.sort,
        SortSpec {
            key: SortKey::Title,
            descending: false
        }
    );
    // Title order: h1, h2, m1 (High and Medium only).
    assert_eq!(view_ids(&s), ["h1", "h2", "m1"]);
    assert!(
        last_toast(&s).starts_with("View: Lateral (3 alerts"),
        "{}",
        last_toast(&s)
    );
    // The number keys still reach the built-ins, and `:view` completes the config's.
    ch(&mut s, '4');
    assert_eq!(s.list.view_title(), "New high");
    palette(&mut s, "view lat");
    assert_eq!(s.list.view_title(), "Lateral");
}

#[test]
fn the_start_view_is_in_force_from_the_first_screen() {
    let mut cfg = with_settings(|st| st.start_view = Some("unassigned".into()));
    cfg.identity = ME.into();
    let mut rows = rows();
    rows[0].assigned_to = Some(ME.into());
    let s = loaded_with(cfg, rows);
    assert_eq!(s.list.view_title(), "Unassigned");
    assert!(
        !view_ids(&s).contains(&"h1".to_string()),
        "{:?}",
        view_ids(&s)
    );
    assert_eq!(view_ids(&s).len(), 4);
}

#[test]
fn resolved_today_counts_from_midnight_in_the_profiles_zone() {
    let resolved = |id: &str, at: &str| {
        let mut a = alert(id, Severity::High, "2024-05-01T10:00:00Z");
        a.status = Status::Resolved;
        a.last_update_time = Some(ts(at));
        AlertRow::from_alert(&a)
    };
    let rows = vec![
        resolved("today", "2024-05-06T08:00:00Z"),
        resolved("late-yesterday", "2024-05-05T23:30:00Z"),
        resolved("long-ago", "2024-05-01T11:00:00Z"),
    ];
    let mut s = loaded_with(config(), rows.clone());
    tick(&mut s, NOW);
    palette(&mut s, "view resolved-today");
    assert_eq!(s.list.view_title(), "Resolved today");
    assert_eq!(view_ids(&s), ["today"]);
    // In UTC+02:00 midnight was 22:00 UTC yesterday.
    let cfg = with_settings(|st| st.zone = mde_ops::Zone::parse("+02:00").unwrap());
    let mut s = loaded_with(cfg, rows);
    tick(&mut s, NOW);
    palette(&mut s, "view resolved-today");
    assert_eq!(view_ids(&s), ["today", "late-yesterday"]);
    ch(&mut s, '5');
    assert_eq!(view_ids(&s).len(), 3, "Resolved has no window");
}
