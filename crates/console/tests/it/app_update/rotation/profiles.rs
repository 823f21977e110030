//! `:profile` completes, asks the runtime and starts over on the answer (or keeps the current
//! profile); `:handoff` asks for the shift's report.

use super::*;

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
