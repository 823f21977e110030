//! Hostile text in every field, and a hundred thousand rows.

use super::*;

#[test]
fn hostile_title_is_escaped_badged_and_keeps_borders() {
    let t = draw(&list_state(), 160, 48, &Theme::full());
    let buf = t.backend().buffer();
    assert_clean(buf);
    let (_, y) = find(buf, "invoice").expect("hostile row shown");
    let row: String = (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect();
    assert!(row.contains('⚠'), "badge on the hostile row: {row}");
    assert!(row.contains('␛'), "escape made visible: {row}");
    // The right border of the list pane is intact on that row.
    let (_, top) = find(buf, " All alerts").unwrap();
    let border_x = (0..buf.area.width)
        .rev()
        .find(|&x| buf[(x, top)].symbol() == "┐")
        .unwrap();
    assert_eq!(buf[(border_x, y)].symbol(), "│", "{row}");
    // The CJK + emoji row keeps the border too.
    let (_, cy) = find(buf, "PowerShell 活动").expect("CJK row shown");
    assert_eq!(buf[(border_x, cy)].symbol(), "│");
}

#[test]
fn a_hundred_thousand_rows_render_only_the_window() {
    let mut s = list_state();
    let base = rows()[2].clone();
    for i in 0..100_000u32 {
        let mut r = base.clone();
        r.id = format!("bulk{i:06}");
        r.title = format!("Bulk alert {i}");
        s.list.rows.upsert(r);
    }
    s.list.rows.resort(&s.list.sort);
    s.list.rows.refilter(&Query::default());
    s.list.cursor = 50_000;
    s.list.selected = Some(s.list.rows.at(50_000).unwrap().id.clone());
    let t = draw(&s, 160, 48, &Theme::full());
    let text = text_of(t.backend().buffer());
    assert!(text.contains("100010"), "count shown: {text}");
    let sel = s.list.rows.at(50_000).unwrap().title.clone();
    assert!(text.contains(&sel), "the cursor row is visible: {text}");
}

/// An alert with every displayed string set to `v`.
fn hostile_alert(v: &str) -> Alert {
    let mut a = opened_alert();
    a.title = v.to_string();
    a.description = Some(v.to_string());
    a.computer_dns_name = Some(v.to_string());
    a.assigned_to = Some(v.to_string());
    a.category = Some(v.to_string());
    a.threat_name = Some(v.to_string());
    a.threat_family_name = Some(v.to_string());
    a.rbac_group_name = Some(v.to_string());
    a.related_user = Some(RelatedUser {
        user_name: Some(v.to_string()),
        domain_name: Some(v.to_string()),
    });
    a.mitre_techniques = vec![v.to_string()];
    a.comments[0].comment = v.to_string();
    a.comments[0].created_by = Some(v.to_string());
    for e in &mut a.evidence {
        for f in [
            &mut e.file_name,
            &mut e.file_path,
            &mut e.process_command_line,
            &mut e.parent_process_file_name,
            &mut e.url,
            &mut e.ip_address,
            &mut e.registry_key,
            &mut e.registry_value_name,
            &mut e.registry_value,
            &mut e.account_name,
        ] {
            if f.is_some() {
                *f = Some(v.to_string());
            }
        }
    }
    a
}

/// Every pane's left and right border is unbroken on every row between its corners.
fn assert_borders(buf: &Buffer, state: &State) {
    use mde_console::ui::layout::{Region, Want, screen};
    let region = |p: Pane| match p {
        Pane::List => Region::List,
        Pane::Detail => Region::Detail,
        Pane::Evidence => Region::Evidence,
        Pane::Comments => Region::Comments,
        Pane::Device => Region::Device,
    };
    let s = screen(
        buf.area,
        Want {
            focus: region(state.focus),
            zoom: state.zoom.map(region),
            detail_open: state.detail.is_some(),
            comments_rows: mde_console::ui::detail::comments::content_rows(state),
            prompt: false,
            device_open: state.device.panel.is_some(),
        },
    );
    for r in [s.list, s.detail, s.evidence, s.comments, s.device]
        .into_iter()
        .flatten()
    {
        for y in r.top() + 1..r.bottom() - 1 {
            for x in [r.left(), r.right() - 1] {
                // The right border may carry the scroll bar.
                let sym = buf[(x, y)].symbol();
                assert!(
                    sym == "│" || (x == r.right() - 1 && ["▲", "▼", "█"].contains(&sym)),
                    "border at ({x},{y}): {sym:?}"
                );
            }
        }
    }
}

#[test]
fn every_hostile_string_in_every_field_renders_safely_with_badges() {
    let corpus = mde_testkit::corpus::corpus();
    assert!(corpus.len() >= 60);
    for h in &corpus {
        let alert = hostile_alert(&h.value);
        let mut s = detail_state(Pane::Evidence);
        s.list.rows.upsert(AlertRow::from_alert(&alert));
        if let Some(d) = s.detail.as_mut() {
            d.tree = EvidenceTree::build(&alert);
            d.load = DetailLoad::Loaded(Box::new(AlertDetail {
                raw: String::new(),
                alert: alert.clone(),
                draft: None,
            }));
        }
        for (w, h_) in [(80, 24), (160, 48)] {
            let t = draw(&s, w, h_, &Theme::full());
            let buf = t.backend().buffer();
            assert_clean(buf);
            assert_borders(buf, &s);
            if h.flags.any() {
                // The selected row is the tricked alert: its marker column carries the badge.
                let (_, y) = find(buf, "▸").unwrap_or_else(|| panic!("{}: cursor", h.name));
                let row: String = (0..w).map(|x| buf[(x, y)].symbol()).collect();
                assert!(row.contains('⚠'), "{}: no badge in {row}", h.name);
            }
        }
        let v = Viewer {
            title: h.value.clone(),
            text: h.value.clone(),
            scroll: 0,
            ..Default::default()
        };
        let s = with_dialog(s, Dialog::Viewer(v));
        assert_clean(draw(&s, 80, 24, &Theme::full()).backend().buffer());
    }
}
