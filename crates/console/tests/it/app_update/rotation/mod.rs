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

mod files;
mod keys;
mod profiles;
mod sla_notify;
mod views;
