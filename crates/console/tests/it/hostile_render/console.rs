//! The corpus in every field of the real console (`ui::render_with`): panes, badges, borders,
//! the value viewer.

use super::*;
use mde_console::app::detail::evidence::EvidenceTree;
use mde_console::app::detail::{DetailLoad, DetailState};
use mde_console::app::dialogs::Dialog;
use mde_console::app::dialogs::viewer::Viewer;
use mde_console::app::{AppConfig, Pane, State};
use mde_console::ui::theme::Theme;
use mde_model::protocol::AlertDetail;
use mde_model::{Alert, AlertRow, Comment, EntityType, Evidence, RelatedUser, Severity, Timestamp};
use mde_query::Query;

const HOSTILE_ID: &str = "da000000000000000001";

/// An alert with the hostile value in every string field a pane shows, evidence of every kind.
fn hostile_alert(v: &str) -> Alert {
    let s = || Some(v.to_string());
    let mut a = Alert::new(HOSTILE_ID, v);
    a.severity = Severity::High;
    a.description = s();
    a.computer_dns_name = s();
    a.assigned_to = s();
    a.category = s();
    a.detection_source = s();
    a.threat_name = s();
    a.threat_family_name = s();
    a.rbac_group_name = s();
    a.related_user = Some(RelatedUser {
        user_name: s(),
        domain_name: s(),
    });
    a.mitre_techniques = vec![v.to_string()];
    a.comments = vec![Comment {
        comment: v.to_string(),
        created_by: s(),
        created_time: None,
    }];
    let mut parent = Evidence::empty(EntityType::Process);
    parent.process_id = Some(100);
    parent.file_name = s();
    parent.file_path = s();
    parent.process_command_line = s();
    let mut child = parent.clone();
    child.process_id = Some(200);
    child.parent_process_id = Some(100);
    child.parent_process_file_name = s();
    let mut file = Evidence::empty(EntityType::File);
    file.file_name = s();
    file.file_path = s();
    let mut ip = Evidence::empty(EntityType::Ip);
    ip.ip_address = s();
    let mut url = Evidence::empty(EntityType::Url);
    url.url = s();
    let mut reg = Evidence::empty(EntityType::Registry);
    reg.registry_key = s();
    reg.registry_value = s();
    reg.registry_value_name = s();
    let mut user = Evidence::empty(EntityType::User);
    user.account_name = s();
    user.domain_name = s();
    user.user_principal_name = s();
    a.evidence = vec![parent, child, file, ip, url, reg, user];
    a
}

/// The list (hostile row between two benign ones) with the hostile alert open.
fn console_state(v: &str, focus: Pane) -> State {
    let mut s = State::new(AppConfig::new("analyst@contoso.com"));
    let alert = hostile_alert(v);
    s.list.rows.upsert(AlertRow::from_alert(&alert));
    for (id, title) in [
        ("da000000000000000002", "Benign neighbour above"),
        ("da000000000000000003", "Benign neighbour below"),
    ] {
        let mut n = Alert::new(id, title);
        n.severity = Severity::High;
        n.computer_dns_name = Some("ws-01.contoso.com".into());
        s.list.rows.upsert(AlertRow::from_alert(&n));
    }
    s.list.rows.resort(&s.list.sort);
    s.list.rows.refilter(&Query::default());
    s.list.loaded = true;
    s.now = Timestamp::parse("2026-11-26T12:00:00Z").ok();
    s.list.cursor = (0..3)
        .find(|&i| s.list.rows.at(i).is_some_and(|r| r.id == HOSTILE_ID))
        .unwrap_or(0);
    s.list.selected = Some(HOSTILE_ID.to_string());
    s.detail = Some(DetailState {
        alert_id: HOSTILE_ID.to_string(),
        req: 1,
        load: DetailLoad::Loaded(Box::new(AlertDetail {
            raw: serde_json::to_string(&alert).expect("alert serialises"),
            alert,
            draft: None,
        })),
        tree: EvidenceTree::build(&hostile_alert(v)),
        scroll: 0,
        comments_scroll: 0,
    });
    s.focus = focus;
    s
}

fn draw_console(s: &State, w: u16, h: u16) -> Buffer {
    let mut term = Terminal::new(TestBackend::new(w, h)).expect("terminal");
    term.draw(|f| mde_console::ui::render_with(f, s, &Theme::full()))
        .expect("draw");
    term.backend().buffer().clone()
}

/// The outline cells of every box drawn (from each `┌` to its `┐` on the right and `└` below):
/// pane borders, not tree connectors that look the same.
fn box_edges(buf: &Buffer) -> Vec<(u16, u16, String)> {
    let sym = |x: u16, y: u16| buf[(x, y)].symbol().to_string();
    let mut out = Vec::new();
    for y0 in 0..buf.area.height {
        for x0 in 0..buf.area.width {
            if sym(x0, y0) != "┌" {
                continue;
            }
            let Some(x1) = (x0 + 1..buf.area.width).find(|&x| sym(x, y0) == "┐") else {
                continue;
            };
            let Some(y1) = (y0 + 1..buf.area.height).find(|&y| sym(x0, y) == "└") else {
                continue;
            };
            // The right edge carries the scroll bar, whose thumb moves with the content.
            let edge = |s: String| match s.as_str() {
                "▲" | "▼" | "█" => "│".to_string(),
                _ => s,
            };
            for y in y0..=y1 {
                out.push((x0, y, sym(x0, y)));
                out.push((x1, y, edge(sym(x1, y))));
            }
        }
    }
    out
}

#[test]
fn corpus_in_every_console_field_reaches_the_terminal_inert_with_borders_and_badges() {
    let sizes = [(80u16, 24u16), (160, 48)];
    let panes = [Pane::List, Pane::Detail, Pane::Evidence, Pane::Comments];
    let mut baseline = Vec::new();
    for &(w, h) in &sizes {
        for &p in &panes {
            baseline.push(box_edges(&draw_console(
                &console_state("benign value", p),
                w,
                h,
            )));
        }
    }
    for h in corpus() {
        let mut i = 0;
        for &(w, ht) in &sizes {
            for &p in &panes {
                // 100k values cost the console ~1 s a frame in a debug build: check them where
                // they are shown bounded (list) and in full (detail) at one size.
                let long = h.value.len() > 10_000;
                if long && (w, p) != (160, Pane::List) && (w, p) != (160, Pane::Detail) {
                    i += 1;
                    continue;
                }
                let buf = draw_console(&console_state(&h.value, p), w, ht);
                let borders = box_edges(&buf);
                for cell in &baseline[i] {
                    assert!(
                        borders.contains(cell),
                        "{} at {w}x{ht} {p:?}: border {cell:?} lost",
                        h.name
                    );
                }
                i += 1;
                let bytes = frame_bytes(&buf);
                assert_only_backend_sequences(&h.name, &bytes);
                let term = emulate(&bytes, buf.area);
                assert!(
                    term.callbacks().events.is_empty(),
                    "{} {p:?}: {:?}",
                    h.name,
                    term.callbacks().events
                );
                assert!(
                    !term.screen().alternate_screen() && !term.screen().hide_cursor(),
                    "{}",
                    h.name
                );
                if h.flags.any() && p == Pane::List {
                    let screen: String = (0..buf.area.height).map(|y| row_text(&buf, y)).collect();
                    assert!(screen.contains('⚠'), "{} at {w}x{ht}: no badge", h.name);
                }
            }
        }
    }
}

#[test]
fn corpus_in_the_value_viewer_reaches_the_terminal_inert() {
    for h in corpus() {
        let mut s = console_state(&h.value, Pane::Evidence);
        s.dialogs.push(Dialog::Viewer(Viewer {
            title: h.value.clone(),
            text: h.value.clone(),
            scroll: 0,
            ..Default::default()
        }));
        for (w, ht) in [(80, 24), (160, 48)] {
            let buf = draw_console(&s, w, ht);
            let bytes = frame_bytes(&buf);
            assert_only_backend_sequences(&h.name, &bytes);
            let term = emulate(&bytes, buf.area);
            assert!(
                term.callbacks().events.is_empty(),
                "{}: {:?}",
                h.name,
                term.callbacks().events
            );
        }
    }
}
