//! The console's settings for one profile, layered: built-in defaults < config file < profile <
//! environment < flags, each key overridden on its own (a profile that sets only `sla.high`
//! keeps the file's `sla.medium`). `NO_COLOR` removes every colour whatever the layers say.

use super::convert::{self, Problem};
use super::sections::{SlaSection, SlaTargets, SlaValue};
use super::{Config, Profile, TimeDisplay};
use mde_ops::views::ViewCatalog;
use mde_ops::{ConsoleSettings, DesktopNotify, SlaPolicy, Zone};

/// The view at start (`MDE_TRIAGE_VIEW`).
pub const VIEW_ENV: &str = "MDE_TRIAGE_VIEW";
/// The time zone (`MDE_TRIAGE_TIME_ZONE`).
pub const ZONE_ENV: &str = "MDE_TRIAGE_TIME_ZONE";
/// SLA overrides, `high=15m,medium.resolve=8h,near=0.8` (`MDE_TRIAGE_SLA`).
pub const SLA_ENV: &str = "MDE_TRIAGE_SLA";
/// Notifications, `bell,osc9,min=medium` or `off` (`MDE_TRIAGE_NOTIFY`).
pub const NOTIFY_ENV: &str = "MDE_TRIAGE_NOTIFY";

/// The flags' layer (the top one).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FlagLayer {
    /// `--view NAME`.
    pub view: Option<String>,
    /// `--time-zone TZ`.
    pub time_zone: Option<String>,
    /// `--sla high=15m` (repeatable).
    pub sla: Vec<String>,
}

/// Resolves the settings for `profile`; `env` reads the environment (a closure, for tests).
/// Every mistake is named with the layer it came from.
pub fn resolve(
    config: &Config,
    profile: &Profile,
    env: &dyn Fn(&str) -> Option<String>,
    flags: &FlagLayer,
) -> Result<ConsoleSettings, Vec<String>> {
    let mut errors: Vec<String> = Vec::new();
    let mut file_problems =
        |r: Vec<Problem>| errors.extend(r.iter().map(|p| format!("config: {p}")));
    let env = |k: &str| env(k).filter(|v| !v.trim().is_empty());

    let keys = convert::remap(&config.keys).unwrap_or_else(|e| {
        file_problems(e);
        Default::default()
    });
    let views = convert::views(&config.views)
        .map(ViewCatalog::with)
        .unwrap_or_else(|e| {
            file_problems(e);
            ViewCatalog::default()
        });
    let notify = convert::notify(&config.notify);
    let mut theme = convert::theme(&config.theme, &["theme"]).unwrap_or_else(|e| {
        file_problems(e);
        Default::default()
    });
    if let Some(t) = &profile.theme {
        match convert::theme(t, &["profile", "theme"]) {
            Ok(t) => theme = theme.merged(&t),
            Err(e) => file_problems(e),
        }
    }
    let mut sla = SlaPolicy::default();
    file_problems(convert::sla(&mut sla, &config.sla, &["sla"]));
    if let Some(s) = &profile.sla {
        file_problems(convert::sla(&mut sla, s, &["profile", "sla"]));
    }

    // The start view and the zone: the highest layer that sets one wins.
    let view = flags
        .view
        .clone()
        .map(|v| ("--view", v))
        .or_else(|| env(VIEW_ENV).map(|v| (VIEW_ENV, v)))
        .or_else(|| {
            profile
                .default_view
                .clone()
                .map(|v| ("profile default_view", v))
        })
        .or_else(|| {
            config
                .default_view
                .clone()
                .map(|v| ("config default_view", v))
        });
    let start_view = match view {
        Some((layer, name)) => match views.require(&name) {
            Ok(v) => Some(v.name.clone()),
            Err(e) => {
                errors.push(format!("{layer}: {e}"));
                None
            }
        },
        None => None,
    };
    let zone_text = flags
        .time_zone
        .clone()
        .map(|z| ("--time-zone", z))
        .or_else(|| env(ZONE_ENV).map(|z| (ZONE_ENV, z)))
        .or_else(|| profile.time_zone.clone().map(|z| ("profile time_zone", z)))
        .or_else(|| {
            (profile.time_display == TimeDisplay::Local)
                .then(|| ("profile time_display", "local".into()))
        })
        .or_else(|| config.time_zone.clone().map(|z| ("config time_zone", z)));
    let zone = match zone_text {
        Some((layer, text)) => convert::zone(&text).unwrap_or_else(|e| {
            errors.push(format!("{layer}: {e}"));
            Zone::Utc
        }),
        None => Zone::Utc,
    };

    let mut notify = notify;
    if let Some(n) = env(NOTIFY_ENV) {
        match notify_spec(&n) {
            Ok(f) => f(&mut notify),
            Err(e) => errors.push(format!("{NOTIFY_ENV}: {e}")),
        }
    }
    for (layer, spec) in env(SLA_ENV)
        .map(|s| (SLA_ENV.to_string(), s))
        .into_iter()
        .chain(flags.sla.iter().map(|s| ("--sla".to_string(), s.clone())))
    {
        match sla_spec(&spec) {
            Ok(section) => {
                for p in convert::sla(&mut sla, &section, &[]) {
                    errors.push(format!("{layer}: {p}"));
                }
            }
            Err(e) => errors.push(format!("{layer}: {e}")),
        }
    }
    let no_color = env("NO_COLOR").is_some();
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(ConsoleSettings {
        keys,
        theme: theme.effective(no_color),
        views,
        start_view,
        zone,
        sla,
        notify,
    })
}

/// `high=15m,medium.resolve=8h,near=0.8` → an `[sla]` table.
pub fn sla_spec(spec: &str) -> Result<SlaSection, String> {
    let mut s = SlaSection::default();
    for item in spec.split(',').map(str::trim).filter(|i| !i.is_empty()) {
        let (key, value) = item
            .split_once('=')
            .ok_or_else(|| format!("{item:?}: write severity=duration, e.g. high=15m"))?;
        let (sev, field) = key
            .trim()
            .split_once('.')
            .unwrap_or((key.trim(), "first_touch"));
        let value = value.trim().to_string();
        if sev == "near" {
            s.near = Some(
                value
                    .parse()
                    .map_err(|_| format!("near={value}: not a number"))?,
            );
            continue;
        }
        let slot = match sev {
            "high" => &mut s.high,
            "medium" => &mut s.medium,
            "low" => &mut s.low,
            "informational" => &mut s.informational,
            other => {
                return Err(format!(
                    "unknown severity {other:?} (high, medium, low, informational or near)"
                ));
            }
        };
        let mut t = match slot.take() {
            Some(SlaValue::Targets(t)) => t,
            Some(SlaValue::FirstTouch(f)) => SlaTargets {
                first_touch: Some(f),
                resolve: None,
            },
            None => SlaTargets::default(),
        };
        match field {
            "first_touch" => t.first_touch = Some(value),
            "resolve" => t.resolve = Some(value),
            other => {
                return Err(format!(
                    "unknown SLA clock {other:?} (first_touch or resolve)"
                ));
            }
        }
        *slot = Some(SlaValue::Targets(t));
    }
    Ok(s)
}

type NotifyEdit = Box<dyn Fn(&mut mde_ops::NotifyConfig)>;

/// `bell,osc9,min=medium` or `off`.
fn notify_spec(spec: &str) -> Result<NotifyEdit, String> {
    let mut bell = None;
    let mut desktop = None;
    let mut min = None;
    for item in spec.split(',').map(str::trim).filter(|i| !i.is_empty()) {
        match item.split_once('=') {
            Some(("min", s)) => min = Some(convert::severity(s)?),
            Some(_) => return Err(format!("{item:?}: only min= takes a value")),
            None if item == "bell" => bell = Some(true),
            None if item == "off" => {
                bell = Some(false);
                desktop = Some(DesktopNotify::Off);
            }
            None => desktop = Some(DesktopNotify::parse(item)?),
        }
    }
    Ok(Box::new(move |n| {
        if let Some(b) = bell {
            n.bell = b;
        }
        if let Some(d) = desktop {
            n.desktop = d;
        }
        if let Some(m) = &min {
            n.min_severity = m.clone();
        }
    }))
}
