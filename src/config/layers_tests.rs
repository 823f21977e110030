//! Layering: defaults < file < profile < environment < flags, each key on its own.

use super::check::check_text;
use super::layers::{FlagLayer, NOTIFY_ENV, SLA_ENV, VIEW_ENV, ZONE_ENV, resolve};
use chrono::TimeDelta;
use mde_ops::{DesktopNotify, Role, ThemeColor, Zone};
use std::collections::HashMap;

const FILE: &str = r##"
default_view = "unassigned"
time_zone = "Europe/London"

[sla]
high = "20m"
medium = { first_touch = "90m", resolve = "1d" }

[theme]
sev_high = { fg = "magenta", bold = true }
border = "dark_gray"

[notify]
bell = true

[profiles.plain]

[profiles.prod]
default_view = "new-high"
time_zone = "Asia/Tokyo"
sla = { high = "10m" }
theme = { sev_high = "red" }
"##;

fn settings(
    profile: &str,
    env: &[(&str, &str)],
    flags: FlagLayer,
) -> Result<mde_ops::ConsoleSettings, Vec<String>> {
    let config = check_text(FILE, "f.toml").unwrap();
    let p = config.profiles[profile].clone();
    let env: HashMap<String, String> = env
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    resolve(&config, &p, &|k| env.get(k).cloned(), &flags)
}

fn tz(s: &str) -> Zone {
    Zone::parse(s).unwrap()
}

#[test]
fn defaults_apply_where_nothing_is_set() {
    let config = super::Config::default();
    let s = resolve(
        &config,
        &super::Profile::default(),
        &|_| None,
        &FlagLayer::default(),
    )
    .unwrap();
    assert_eq!(s.start_view, None);
    assert_eq!(s.zone, Zone::Utc);
    assert_eq!(s.sla, mde_ops::SlaPolicy::default());
    assert!(s.keys.is_empty() && s.theme.roles.is_empty());
    assert!(!s.notify.enabled());
    assert_eq!(s.views.names().len(), 8);
}

#[test]
fn the_file_sets_what_the_profile_leaves_alone() {
    let s = settings("plain", &[], FlagLayer::default()).unwrap();
    assert_eq!(s.start_view.as_deref(), Some("unassigned"));
    assert_eq!(s.zone, tz("Europe/London"));
    assert_eq!(s.sla.high.first_touch, Some(TimeDelta::minutes(20)));
    assert_eq!(s.sla.medium.resolve, Some(TimeDelta::days(1)));
    assert_eq!(
        s.sla.low.first_touch,
        Some(TimeDelta::hours(8)),
        "built-in default"
    );
    assert!(s.notify.bell);
}

#[test]
fn the_profile_overrides_each_key_alone() {
    let s = settings("prod", &[], FlagLayer::default()).unwrap();
    assert_eq!(s.start_view.as_deref(), Some("new-high"));
    assert_eq!(s.zone, tz("Asia/Tokyo"));
    assert_eq!(s.sla.high.first_touch, Some(TimeDelta::minutes(10)));
    assert_eq!(
        s.sla.medium.first_touch,
        Some(TimeDelta::minutes(90)),
        "the file's medium stays"
    );
    let high = s.theme.get(Role::SevHigh).unwrap();
    assert_eq!(
        (high.fg, high.bold),
        (Some(ThemeColor::Ansi(1)), Some(true)),
        "colour from the profile, bold from the file"
    );
    assert_eq!(
        s.theme.get(Role::Border).unwrap().fg,
        Some(ThemeColor::Ansi(8))
    );
}

#[test]
fn the_environment_overrides_the_profile_and_flags_override_the_environment() {
    let env = [
        (VIEW_ENV, "in-progress"),
        (ZONE_ENV, "+02:00"),
        (SLA_ENV, "medium.resolve=12h"),
        (NOTIFY_ENV, "osc9,min=medium"),
    ];
    let s = settings("prod", &env, FlagLayer::default()).unwrap();
    assert_eq!(s.start_view.as_deref(), Some("in-progress"));
    assert_eq!(s.zone, tz("+02:00"));
    assert_eq!(s.sla.medium.resolve, Some(TimeDelta::hours(12)));
    assert_eq!(
        s.sla.high.first_touch,
        Some(TimeDelta::minutes(10)),
        "the profile's high stays"
    );
    assert_eq!(s.notify.desktop, DesktopNotify::Osc9);
    assert!(s.notify.bell, "the file's bell stays");
    let flags = FlagLayer {
        view: Some("Mine".into()),
        time_zone: Some("utc".into()),
        sla: vec!["high=5m".into()],
    };
    let s = settings("prod", &env, flags).unwrap();
    assert_eq!(s.start_view.as_deref(), Some("mine"));
    assert_eq!(s.zone, Zone::Utc);
    assert_eq!(s.sla.high.first_touch, Some(TimeDelta::minutes(5)));
    assert_eq!(
        s.sla.medium.resolve,
        Some(TimeDelta::hours(12)),
        "the environment's medium stays"
    );
}

#[test]
fn no_color_wins_over_every_theme_layer() {
    let s = settings("prod", &[("NO_COLOR", "1")], FlagLayer::default()).unwrap();
    let high = s.theme.get(Role::SevHigh).unwrap();
    assert_eq!((high.fg, high.bold), (None, Some(true)));
    assert!(s.theme.get(Role::Border).is_none());
}

#[test]
fn a_bad_value_in_a_layer_names_the_layer() {
    let flags = FlagLayer {
        view: Some("nope".into()),
        ..FlagLayer::default()
    };
    let e = settings(
        "plain",
        &[(ZONE_ENV, "Mars/Base"), (SLA_ENV, "urgent=1m")],
        flags,
    )
    .unwrap_err();
    assert_eq!(e.len(), 3, "{e:#?}");
    assert!(
        e.iter()
            .any(|m| m.starts_with("--view: unknown view \"nope\"")
                && m.contains("mine, unassigned")),
        "{e:#?}"
    );
    assert!(
        e.iter()
            .any(|m| m.starts_with("MDE_TRIAGE_TIME_ZONE: unknown time zone")),
        "{e:#?}"
    );
    assert!(
        e.iter()
            .any(|m| m.starts_with("MDE_TRIAGE_SLA: unknown severity \"urgent\"")),
        "{e:#?}"
    );
}

#[test]
fn time_display_local_still_means_the_local_zone() {
    let config = check_text("[profiles.p]\ntime_display = \"local\"\n", "f").unwrap();
    let s = resolve(
        &config,
        &config.profiles["p"],
        &|_| None,
        &FlagLayer::default(),
    )
    .unwrap();
    assert_eq!(s.zone, Zone::Local);
}
