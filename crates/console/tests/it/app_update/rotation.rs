//! Operating on a rotation (issue 12): the config's key remap drives keys, help, hints and the
//! palette; one list of views, one key away; SLA counts; opt-in notifications; export of exactly
//! the filtered view; offline files; `:profile` and `:handoff`.

use super::*;
use mde_console::app::dialogs::menu::MenuKind;
use mde_console::app::keymap::{Mode, help_groups_in, hints_in};
use mde_console::app::list::sort::SortSpec;
use mde_model::protocol::{ExportFormat, FileProgress, ProfileInfo};
use mde_ops::keys::{KeyChord, KeyRemap, Rebind};
use mde_ops::sla::SlaCounts;
use mde_ops::views::{SavedView, ViewCatalog};
use mde_ops::{ConsoleSettings, DesktopNotify, NotifyConfig, SlaState, ViewSort};

const NOW: &str = "2024-05-06T12:00:00Z";

fn with_settings(f: impl FnOnce(&mut ConsoleSettings)) -> AppConfig {
    let mut c = config();
    f(&mut c.settings);
    c
}

fn rebind(context: &str, action: &str, keys: &[&str]) -> Rebind {
    Rebind {
        context: context.into(),
        action: action.into(),
        keys: keys.iter().map(|k| KeyChord::parse(k).unwrap()).collect(),
    }
}

fn tick(s: &mut State, at: &str) {
    assert!(update(s, AppMsg::Tick(ts(at))).is_empty());
}

fn palette(s: &mut State, text: &str) -> Vec<Effect> {
    ch(s, ':');
    typ(s, text);
    key(s, KeyCode::Enter)
}

fn lateral() -> SavedView {
    SavedView {
        name: "lateral".into(),
        description: "Lateral movement".into(),
        filter: "sev:high,medium".into(),
        sort: ViewSort::parse("title asc").ok(),
        window: None,
        builtin: false,
    }
}

#[test]
fn a_remapped_key_works_the_old_one_does_not_and_help_hints_and_palette_name_it() {
    let cfg = with_settings(|st| {
        st.keys = KeyRemap {
            rebinds: vec![
                rebind("global", "assign-me", &["m"]),
                rebind("global", "reverse-sort", &["ctrl-s"]),
            ],
        };
    });
    let mut s = loaded_with(cfg, rows());
    assert!(ch(&mut s, 'a').is_empty(), "a no longer assigns");
    assert!(s.triage.pending.is_empty());
    let (_, write) = write_of(&ch(&mut s, 'm'));
    assert_eq!(write.change.assigned_to.as_deref(), Some(ME));
    // Ctrl-s reverses the sort: it was bound to nothing.
    let before = s.list.sort.descending;
    ctrl(&mut s, 's');
    assert_ne!(s.list.sort.descending, before);

    let map = &s.rotation.keymap;
    let hints = hints_in(map, Mode::Normal(Pane::List));
    assert!(
        hints.iter().any(|(k, d)| k == "m" && *d == "Assign to me"),
        "{hints:?}"
    );
    assert!(!hints.iter().any(|(k, _)| k == "a"), "{hints:?}");
    let help: Vec<String> = help_groups_in(map, "assign to me")
        .iter()
        .flat_map(|(_, b)| b.iter().map(|b| map.keys_label(b)))
        .collect();
    assert_eq!(help, ["m"]);
    // The palette shows each action's key from the same map.
    let reverse = mde_console::app::keymap::palette_matches("reverse-sort")[0];
    assert_eq!(map.keys_label(reverse), "Ctrl-s");
    assert_eq!(map.key_of(Action::AssignMe).as_deref(), Some("m"));
}

#[test]
fn a_remap_inside_a_dialog_applies_there_only() {
    let cfg = with_settings(|st| {
        st.keys = KeyRemap {
            rebinds: vec![rebind("menu", "back", &["x"])],
        };
    });
    let mut s = loaded_with(cfg, rows());
    ch(&mut s, 's');
    assert!(matches!(s.top_dialog(), Some(Dialog::Menu(_))));
    key(&mut s, KeyCode::Esc);
    assert!(s.top_dialog().is_some(), "Esc no longer closes a menu");
    ch(&mut s, 'x');
    assert!(s.top_dialog().is_none());
}

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

#[test]
fn sla_counts_follow_the_rows_and_the_clock() {
    let rows = vec![
        row("breach", Severity::High, "2024-05-06T11:20:00Z"),
        row("near", Severity::High, "2024-05-06T11:35:00Z"),
        row("within", Severity::High, "2024-05-06T11:55:00Z"),
        row("med", Severity::Medium, "2024-05-06T09:00:00Z"),
    ];
    let mut s = loaded_with(config(), rows);
    assert_eq!(s.rotation.sla.counts, SlaCounts::default(), "no clock yet");
    tick(&mut s, NOW);
    assert_eq!(s.rotation.sla.counts, SlaCounts { near: 1, breach: 2 });
    let states: Vec<(String, Option<SlaState>)> = s
        .visible_rows(0..10)
        .map(|v| (v.row.id.clone(), v.sla))
        .collect();
    assert!(
        states.contains(&("near".into(), Some(SlaState::Near))),
        "{states:?}"
    );
    assert!(states.contains(&("within".into(), Some(SlaState::Within))));
    // Assigning the breached High stops its first-touch clock.
    while sel(&s) != "breach" {
        key(&mut s, KeyCode::Down);
    }
    write_of(&ch(&mut s, 'a'));
    assert_eq!(s.rotation.sla.counts, SlaCounts { near: 1, breach: 1 });
    // Ten minutes on, the near one is past its target too.
    tick(&mut s, "2024-05-06T12:10:00Z");
    assert_eq!(s.rotation.sla.counts, SlaCounts { near: 0, breach: 2 });
    // A profile without targets counts nothing.
    let cfg = with_settings(|st| {
        st.sla.high = Default::default();
        st.sla.medium = Default::default();
    });
    let mut s = loaded_with(cfg, vec![row("h", Severity::High, "2024-05-01T00:00:00Z")]);
    tick(&mut s, NOW);
    assert_eq!(s.rotation.sla.counts, SlaCounts::default());
}

fn poll(s: &mut State, rows: Vec<AlertRow>) -> Vec<Effect> {
    sync(
        s,
        Msg::AlertsUpdated {
            req: 99,
            rows,
            complete: false,
        },
    )
}

#[test]
fn new_high_alerts_notify_only_when_the_config_turns_it_on() {
    let hostile = || {
        let mut a = alert("new1", Severity::High, "2024-05-06T11:59:00Z");
        a.title = "Evil\u{7}\u{1b}]9;pwned\u{7};x".into();
        AlertRow::from_alert(&a)
    };
    // Off by default: the `+` highlight and the toast, nothing for the terminal.
    let mut s = loaded();
    let fx = poll(&mut s, vec![hostile()]);
    assert!(fx.is_empty(), "{fx:?}");
    assert!(s.list.new_ids.contains("new1"));
    // Bell and OSC 777.
    let cfg = with_settings(|st| {
        st.notify = NotifyConfig {
            bell: true,
            desktop: DesktopNotify::Osc777,
            min_severity: Severity::High,
        }
    });
    let mut s = loaded_with(cfg.clone(), rows());
    // Before the session's first fetch has finished, arrivals are its pages: no notification.
    let fx = poll(&mut s, vec![row("early", Severity::High, NOW)]);
    assert!(fx.is_empty(), "{fx:?}");
    assert!(s.list.new_ids.contains("early"), "still highlighted");
    sync(
        &mut s,
        Msg::Sync(SyncStatus {
            last_sync: Some(ts(NOW)),
            ..SyncStatus::default()
        }),
    );
    let fx = poll(&mut s, vec![hostile()]);
    let [Effect::Notify { sequence }] = &fx[..] else {
        panic!("{fx:?}")
    };
    assert!(
        sequence.starts_with("\u{7}\u{1b}]777;notify;mde-triage: new High alert;Evil"),
        "{sequence:?}"
    );
    assert_eq!(
        sequence.matches('\u{1b}').count(),
        1,
        "one escape: {sequence:?}"
    );
    assert_eq!(
        sequence.matches('\u{7}').count(),
        2,
        "the bell and the end: {sequence:?}"
    );
    // Below the threshold, or already known: nothing.
    assert!(poll(&mut s, vec![row("low2", Severity::Low, NOW)]).is_empty());
    assert!(poll(&mut s, vec![hostile()]).is_empty(), "not new any more");
    // The first fill of an empty list is not "new".
    let mut s = State::new(cfg);
    let fx = update(&mut s, AppMsg::Init);
    let Effect::Start { req } = fx[0] else {
        panic!()
    };
    let fx = sync(
        &mut s,
        Msg::AlertsUpdated {
            req,
            rows: vec![hostile()],
            complete: true,
        },
    );
    assert!(
        !fx.iter().any(|e| matches!(e, Effect::Notify { .. })),
        "{fx:?}"
    );
}

#[test]
fn export_writes_exactly_the_filtered_view_in_its_order() {
    let mut s = loaded();
    tick(&mut s, NOW);
    ch(&mut s, '/');
    typ(&mut s, "sev:high,medium");
    key(&mut s, KeyCode::Enter);
    let view = view_ids(&s);
    assert_eq!(view, ["h2", "h1", "m1"]);
    ch(&mut s, 'e');
    let Some(Dialog::Export(d)) = s.top_dialog() else {
        panic!("no export dialog")
    };
    assert_eq!(d.alert_ids, view);
    assert_eq!(d.format, ExportFormat::Csv);
    assert_eq!(d.path.text(), "mde-triage-open-20240506-1200.csv");
    assert_eq!(
        d.title(),
        "Export 3 alerts of 'Open queue' /sev:high,medium"
    );
    // Tab switches the format, and the extension with it.
    key(&mut s, KeyCode::Tab);
    let Some(Dialog::Export(d)) = s.top_dialog() else {
        panic!()
    };
    assert_eq!(
        (d.format, d.path.text()),
        (ExportFormat::Json, "mde-triage-open-20240506-1200.json")
    );
    // A poll meanwhile does not change what is exported.
    poll(&mut s, vec![row("h9", Severity::High, NOW)]);
    ctrl(&mut s, 'u');
    typ(&mut s, "/tmp/shift.json");
    let fx = key(&mut s, KeyCode::Enter);
    let [
        Effect::Export {
            req,
            alert_ids,
            path,
            format,
        },
    ] = &fx[..]
    else {
        panic!("{fx:?}")
    };
    assert_eq!(alert_ids, &view);
    assert_eq!(
        (path.as_str(), *format),
        ("/tmp/shift.json", ExportFormat::Json)
    );
    assert!(s.top_dialog().is_none());
    let req = *req;
    // Another request's answer is not this export's.
    sync(
        &mut s,
        Msg::FileWritten {
            req: req + 100,
            path: "x".into(),
            records: 1,
        },
    );
    assert!(!last_toast(&s).starts_with("Exported"));
    sync(
        &mut s,
        Msg::FileWritten {
            req,
            path: "/tmp/shift.json".into(),
            records: 3,
        },
    );
    assert_eq!(last_toast(&s), "Exported 3 alerts to /tmp/shift.json");
    // A failure says why.
    ch(&mut s, 'e');
    let fx = key(&mut s, KeyCode::Enter);
    let [Effect::Export { req, .. }] = fx[..] else {
        panic!("{fx:?}")
    };
    sync(
        &mut s,
        Msg::FileWriteFailed {
            req,
            error: "cannot create x.csv: File exists".into(),
        },
    );
    assert_eq!(s.toast().map(|t| t.level), Some(Level::Error));
    assert!(last_toast(&s).contains("Export failed: cannot create x.csv"));
    // Esc cancels without an effect; an empty view has nothing to export.
    ch(&mut s, 'e');
    assert!(key(&mut s, KeyCode::Esc).is_empty());
    ch(&mut s, '/');
    typ(&mut s, " nothing-matches");
    key(&mut s, KeyCode::Enter);
    ch(&mut s, 'e');
    assert!(s.top_dialog().is_none());
    assert_eq!(last_toast(&s), "Nothing to export: the view is empty");
}

#[test]
fn an_offline_file_is_read_only_says_so_and_shows_its_progress() {
    let mut cfg = config();
    cfg.read_only = true;
    cfg.profile = "file:handover.json".into();
    cfg.offline_file = Some("handover.json".into());
    let mut s = loaded_with(cfg, rows());
    assert!(ch(&mut s, 'a').is_empty());
    assert_eq!(
        last_toast(&s),
        "FILE handover.json is read-only: 'assign-me' is disabled (an offline file cannot be changed)"
    );
    assert!(palette(&mut s, "status resolved").is_empty());
    assert!(last_toast(&s).starts_with("FILE handover.json is read-only"));
    // Export still works: it changes nothing.
    ch(&mut s, 'e');
    assert!(matches!(s.top_dialog(), Some(Dialog::Export(_))));
    key(&mut s, KeyCode::Esc);
    let mut p = FileProgress {
        bytes_read: 10,
        bytes_total: Some(100),
        alerts: 5,
        skipped: 1,
        done: false,
    };
    sync(&mut s, Msg::FileProgress(p));
    assert_eq!(s.rotation.file, Some(p));
    p.done = true;
    sync(&mut s, Msg::FileProgress(p));
    assert!(
        last_toast(&s).starts_with("Loaded 5 alerts from handover.json (1 malformed"),
        "{}",
        last_toast(&s)
    );
    assert!(palette(&mut s, "profile lab").is_empty());
    assert!(
        last_toast(&s).contains("offline file"),
        "{}",
        last_toast(&s)
    );
}

fn two_profiles() -> AppConfig {
    let mut c = config();
    c.profile = "default".into();
    let lab = ConsoleSettings {
        start_view: Some("mine".into()),
        views: ViewCatalog::with(vec![lateral()]),
        ..ConsoleSettings::default()
    };
    c.profiles = vec![
        ("default".into(), ConsoleSettings::default()),
        ("lab".into(), lab),
    ];
    c
}

#[test]
fn profile_switching_completes_asks_the_runtime_and_starts_over_on_the_answer() {
    let mut s = loaded_with(two_profiles(), rows());
    ch(&mut s, ' ');
    assert_eq!(s.list.marks.len(), 1);
    key(&mut s, KeyCode::Enter);
    assert!(s.detail.is_some());
    // The palette completes the name; Tab takes it.
    ch(&mut s, ':');
    typ(&mut s, "profile l");
    let Some(Dialog::Input(i)) = s.top_dialog() else {
        panic!()
    };
    assert_eq!(
        i.suggestions,
        ["lab", "default"],
        "prefix first, then substring"
    );
    key(&mut s, KeyCode::Tab);
    let Some(Dialog::Input(i)) = s.top_dialog() else {
        panic!()
    };
    assert_eq!(i.line.text(), "profile lab");
    let fx = key(&mut s, KeyCode::Enter);
    assert_eq!(fx, [Effect::SwitchProfile { name: "lab".into() }]);
    assert_eq!(
        s.config.profile, "default",
        "nothing changes until the runtime answers"
    );
    let fx = sync(
        &mut s,
        Msg::ProfileSwitched(Box::new(ProfileInfo {
            name: "lab".into(),
            tenant: "t-lab".into(),
            identity: "lab.analyst@fabrikam.com".into(),
            read_only: false,
        })),
    );
    let [Effect::Start { req }] = fx[..] else {
        panic!("{fx:?}")
    };
    assert_eq!(
        (s.config.profile.as_str(), s.config.tenant.as_str()),
        ("lab", "t-lab")
    );
    assert_eq!(s.config.identity, "lab.analyst@fabrikam.com");
    assert_eq!(s.list.total_count(), 0);
    assert!(s.detail.is_none() && s.list.marks.is_empty() && s.dialogs.is_empty());
    assert_eq!(s.list.view_title(), "Mine", "the lab profile's start view");
    assert!(
        s.list.views.iter().any(|v| v.name == "lateral"),
        "its views"
    );
    assert!(last_toast(&s).contains("Now on profile lab (tenant t-lab)"));
    // The new profile's rows arrive as at start.
    let mut mine = row("lab1", Severity::High, NOW);
    mine.assigned_to = Some("lab.analyst@fabrikam.com".into());
    sync(
        &mut s,
        Msg::CacheLoaded {
            req,
            rows: vec![mine],
        },
    );
    assert_eq!(view_ids(&s), ["lab1"]);
}

#[test]
fn an_unknown_profile_or_a_failed_switch_keeps_the_current_one() {
    let mut s = loaded_with(two_profiles(), rows());
    assert!(palette(&mut s, "profile prod").is_empty());
    assert_eq!(
        last_toast(&s),
        "Unknown profile 'prod' (profiles: default, lab)"
    );
    assert!(palette(&mut s, "profile default").is_empty());
    assert_eq!(last_toast(&s), "Already on profile default");
    assert!(palette(&mut s, "profile").is_empty());
    assert!(last_toast(&s).starts_with("Which profile?"));
    assert_eq!(palette(&mut s, "profile lab").len(), 1);
    sync(
        &mut s,
        Msg::ProfileSwitchFailed {
            name: "lab".into(),
            error: "cannot sign in".into(),
        },
    );
    assert_eq!(s.toast().map(|t| t.level), Some(Level::Error));
    assert_eq!(
        last_toast(&s),
        "Could not switch to profile lab: cannot sign in (still on default)"
    );
    assert_eq!(s.list.total_count(), 5, "the list stays");
}

#[test]
fn handoff_asks_for_the_report_of_the_shift_and_says_where_it_went() {
    let mut s = loaded();
    tick(&mut s, NOW);
    let fx = palette(&mut s, "handoff");
    let [
        Effect::Handoff {
            req,
            since_secs,
            ref path,
        },
    ] = fx[..]
    else {
        panic!("{fx:?}")
    };
    assert_eq!(since_secs, 12 * 3600);
    assert_eq!(path, "handoff-default-20240506-1200.md");
    sync(
        &mut s,
        Msg::FileWritten {
            req,
            path: path.clone(),
            records: 42,
        },
    );
    assert_eq!(
        last_toast(&s),
        "Handoff report written to handoff-default-20240506-1200.md (42 lines)"
    );
    let fx = palette(&mut s, "handoff 90m");
    assert!(
        matches!(
            fx[..],
            [Effect::Handoff {
                since_secs: 5400,
                ..
            }]
        ),
        "{fx:?}"
    );
    assert!(palette(&mut s, "handoff soon").is_empty());
    assert!(
        last_toast(&s).starts_with("Handoff: "),
        "{}",
        last_toast(&s)
    );
}
