//! Operating on a rotation (issue 12) on screen: SLA colours in the age column and the breach
//! count in the status bar, the offline file's banner, the view picker, the export dialog, the
//! config's theme (a red border for production, NO_COLOR still winning), a remapped key in the
//! hint bar and the help, and the tenant column of `--all-profiles`.

use super::*;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use mde_console::app::dialogs::menu::MENU_FOOTER;
use mde_console::app::{AppMsg, update};
use mde_model::protocol::FileProgress;
use mde_ops::keys::{KeyChord, KeyRemap, Rebind};
use mde_ops::theme::{Role, RoleStyle, ThemeColor};

fn press(s: &mut State, c: char) {
    let _ = update(
        s,
        AppMsg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)),
    );
}

/// The list fixture with a High alert 25 minutes old (near its 30-minute target), on the
/// open queue, counted on the fixture's clock.
fn sla_state() -> State {
    let mut s = list_state();
    let mut near = Alert::new("da000000000000000011", "Credential dumping near its target");
    near.severity = Severity::High;
    near.alert_creation_time = Some(ago(25));
    near.last_update_time = Some(ago(25));
    s.list.rows.upsert(AlertRow::from_alert(&near));
    s.list.set_view(
        mde_console::app::list::views::ViewId::OPEN,
        "analyst@contoso.com",
    );
    let _ = update(&mut s, AppMsg::Tick(now()));
    s
}

/// The cell of `age` on the row showing `title`.
fn age_cell(buf: &Buffer, title: &str, age: &str) -> (u16, u16) {
    let (tx, y) = find(buf, title).unwrap_or_else(|| panic!("{title} not shown"));
    let x = (0..tx)
        .rev()
        .find(|&x| {
            age.chars()
                .enumerate()
                .all(|(i, c)| buf[(x + i as u16, y)].symbol() == c.to_string())
        })
        .unwrap_or_else(|| panic!("{age} not on the row of {title}"));
    (x, y)
}

#[test]
fn sla_colours_the_age_column_and_the_status_bar_counts_breaches() {
    let s = sla_state();
    snap("rotation_sla", &s);
    for (w, h) in [(80, 24), (160, 48)] {
        for theme in [Theme::full(), Theme::ansi16()] {
            let t = draw(&s, w, h, &theme);
            let buf = t.backend().buffer();
            let text = text_of(buf);
            assert!(
                text.lines()
                    .nth(usize::from(h) - 2)
                    .unwrap()
                    .contains("SLA 3 breached · 1 near"),
                "{text}"
            );
            let (x, y) = age_cell(buf, "Lateral movement", "1h");
            assert_eq!(
                buf[(x, y)].fg,
                theme.sla_breach.fg.unwrap(),
                "breach at {w}x{h}"
            );
            assert!(buf[(x, y)].modifier.contains(Modifier::UNDERLINED));
            let (x, y) = age_cell(buf, "Credential dumping", "25m");
            assert_eq!(
                buf[(x, y)].fg,
                theme.sla_near.fg.unwrap(),
                "near at {w}x{h}"
            );
            // Inside its target: the plain muted age.
            let (x, y) = age_cell(buf, "invoice", "10m");
            assert_eq!(buf[(x, y)].fg, theme.muted.fg.unwrap(), "within at {w}x{h}");
        }
    }
    // Without colour the states are attributes, never a tint.
    let t = draw(&s, 160, 48, &Theme::no_color());
    let buf = t.backend().buffer();
    let (x, y) = age_cell(buf, "Lateral movement", "1h");
    assert!(buf[(x, y)].modifier.contains(Modifier::REVERSED));
    assert_eq!(buf[(x, y)].fg, Color::Reset);
    let (x, y) = age_cell(buf, "Credential dumping", "25m");
    assert!(buf[(x, y)].modifier.contains(Modifier::UNDERLINED));
}

#[test]
fn the_detail_shows_time_in_status_and_the_sla_clock() {
    let mut s = detail_state(Pane::Detail);
    let _ = update(&mut s, AppMsg::Tick(now()));
    let t = draw(&s, 160, 48, &Theme::full());
    let text = text_of(t.backend().buffer());
    assert!(
        text.contains("In status       at least 2m (since its last update)"),
        "{text}"
    );
    assert!(
        text.contains("SLA             first touch due in 27m (target 30m)"),
        "{text}"
    );
}

fn file_state(progress: Option<FileProgress>) -> State {
    let mut s = list_state();
    s.config.read_only = true;
    s.config.profile = "file:handover.json".into();
    s.config.offline_file = Some("handover.json".into());
    s.rotation.file = progress;
    s
}

#[test]
fn an_offline_file_has_a_read_only_banner_with_its_progress() {
    let loading = FileProgress {
        bytes_read: 4_500,
        bytes_total: Some(10_000),
        alerts: 10,
        skipped: 1,
        done: false,
    };
    let s = file_state(Some(loading));
    snap("rotation_file_banner", &s);
    for (w, h) in [(80, 24), (160, 48)] {
        let theme = Theme::full();
        let t = draw(&s, w, h, &theme);
        let buf = t.backend().buffer();
        let text = text_of(buf);
        let top = text.lines().next().unwrap();
        assert!(
            top.starts_with(
                " FILE: handover.json — read-only · loading 45% · 10 alerts · 1 skipped"
            ),
            "{text}"
        );
        assert_eq!(buf[(1, 0)].bg, theme.banner.bg.unwrap());
        assert_eq!(
            buf[(w - 1, 0)].bg,
            theme.banner.bg.unwrap(),
            "the whole row"
        );
        assert!(
            text.lines().nth(1).unwrap().starts_with('┌'),
            "the panes below it"
        );
        assert!(text.contains("READ-ONLY"), "{text}");
        let status = text.lines().nth(usize::from(h) - 2).unwrap();
        assert!(
            status.contains("offline file") && !status.contains("synced"),
            "{status}"
        );
    }
    let done = file_state(Some(FileProgress {
        done: true,
        ..loading
    }));
    let t = draw(&done, 80, 24, &Theme::no_color());
    let buf = t.backend().buffer();
    assert!(text_of(buf).starts_with(" FILE: handover.json — read-only · 10 alerts · 1 skipped"));
    assert!(buf[(1, 0)].modifier.contains(Modifier::REVERSED));
}

#[test]
fn the_view_picker_shows_every_view_with_its_key_and_query() {
    let mut s = list_state();
    press(&mut s, 'v');
    snap("rotation_view_picker", &s);
    let Some(Dialog::Menu(m)) = s.top_dialog() else {
        panic!("no picker")
    };
    let labels: Vec<String> = m.items.iter().map(|i| i.label.clone()).collect();
    for (w, h) in [(80, 24), (160, 48)] {
        let t = draw(&s, w, h, &Theme::full());
        let buf = t.backend().buffer();
        for l in &labels {
            let head: String = l.chars().take(24).collect();
            assert!(
                find(buf, &head).is_some(),
                "{head:?} at {w}x{h}:\n{}",
                text_of(buf)
            );
        }
        for needle in [MENU_FOOTER, " Views ", "[1]", "[0]", "Resolved today"] {
            assert!(find(buf, needle).is_some(), "{needle:?} at {w}x{h}");
        }
        // The view in force is highlighted (after its hotkey).
        let (x, y) = find(buf, "[0] All alerts").unwrap();
        assert_eq!(buf[(x + 4, y)].bg, Theme::full().selected.bg.unwrap());
    }
}

#[test]
fn the_export_dialog_names_what_it_writes_with_both_formats_and_the_keys() {
    let mut s = list_state();
    press(&mut s, 'e');
    snap("rotation_export", &s);
    for (w, h) in [(80, 24), (160, 48)] {
        let theme = Theme::full();
        let t = draw(&s, w, h, &theme);
        let buf = t.backend().buffer();
        for needle in [
            "Export 10 alerts of 'All alerts'",
            "(•) CSV",
            "( ) JSON",
            "> mde-triage-all-20261126-1200.csv",
            mde_console::ui::dialogs::export::HINT,
        ] {
            assert!(
                find(buf, needle).is_some(),
                "{needle:?} at {w}x{h}:\n{}",
                text_of(buf)
            );
        }
        let (x, y) = find(buf, "CSV").unwrap();
        assert_eq!(
            buf[(x, y)].bg,
            theme.selected.bg.unwrap(),
            "the chosen format"
        );
    }
}

#[test]
fn the_configs_theme_colours_its_roles_and_no_color_still_wins() {
    let mut s = list_state();
    s.config.settings.theme.roles.insert(
        Role::Border,
        RoleStyle {
            fg: Some(ThemeColor::Ansi(1)),
            ..RoleStyle::default()
        },
    );
    s.config.settings.theme.roles.insert(
        Role::SevHigh,
        RoleStyle {
            fg: Some(ThemeColor::Rgb(255, 0, 255)),
            ..RoleStyle::default()
        },
    );
    // Focus on the detail, so the list's border is the plain (production-red) one.
    s.focus = Pane::Detail;
    let t = draw(&s, 160, 48, &Theme::full());
    let buf = t.backend().buffer();
    assert_eq!(buf[(0, 0)].symbol(), "┌");
    assert_eq!(buf[(0, 0)].fg, Color::Red);
    let (_, y) = find(buf, "'Mimikatz'").unwrap();
    let x = (0..buf.area.width)
        .find(|&x| buf[(x, y)].symbol() == "H" && buf[(x + 1, y)].symbol() == "i")
        .unwrap();
    assert_eq!(buf[(x, y)].fg, Color::Rgb(255, 0, 255));
    let t = draw(&s, 160, 48, &Theme::no_color());
    for cell in t.backend().buffer().content() {
        assert_eq!((cell.fg, cell.bg), (Color::Reset, Color::Reset));
    }
}

#[test]
fn a_remapped_key_shows_in_the_hint_bar_and_the_help() {
    let mut cfg = AppConfig::new("analyst@contoso.com");
    cfg.settings.keys = KeyRemap {
        rebinds: vec![Rebind {
            context: "global".into(),
            action: "assign-me".into(),
            keys: vec![KeyChord::parse("m").unwrap()],
        }],
    };
    let base = list_state();
    let mut s = State::new(cfg);
    s.list = base.list.clone();
    s.now = base.now;
    let t = draw(&s, 160, 48, &Theme::full());
    let text = text_of(t.backend().buffer());
    let hints = text.lines().last().unwrap();
    assert!(hints.contains("m Assign to me"), "{hints}");
    assert!(!hints.contains("a Assign to me"), "{hints}");
    press(&mut s, '?');
    let t = draw(&s, 160, 48, &Theme::full());
    let buf = t.backend().buffer();
    let (x, y) = find(buf, "Assign to me").unwrap();
    let keys: String = (x.saturating_sub(14)..x)
        .map(|x| buf[(x, y)].symbol().to_string())
        .collect();
    assert_eq!(keys.trim(), "m", "{}", text_of(buf));
}

#[test]
fn every_profiles_list_has_a_tenant_column() {
    let mut s = list_state();
    let rows: Vec<AlertRow> = s.list.rows.iter_all().cloned().collect();
    for (i, mut r) in rows.into_iter().enumerate() {
        r.tenant = Some(if i % 2 == 0 { "contoso" } else { "fabrikam" }.into());
        s.list.rows.replace(r);
    }
    s.list.rows.refilter(&Query::default());
    snap("rotation_tenants", &s);
    for (w, h) in [(80, 24), (160, 48)] {
        let theme = Theme::full();
        let t = draw(&s, w, h, &theme);
        let buf = t.backend().buffer();
        let (hx, hy) = find(buf, "Tenant").unwrap_or_else(|| panic!("{}", text_of(buf)));
        let (fx, fy) = find(buf, "fabrikam").unwrap();
        assert_eq!(fx, hx, "under its header");
        assert!(fy > hy);
        assert!(find(buf, "contoso ").is_some());
        assert_eq!(buf[(fx, fy)].fg, theme.tenant.fg.unwrap());
    }
}
