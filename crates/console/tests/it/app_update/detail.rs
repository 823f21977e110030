//! The detail pane: loading by request id, the evidence tree, panes, zoom and display toggles.

use super::*;

#[test]
fn enter_loads_the_detail_and_a_stale_answer_is_ignored() {
    let mut s = loaded();
    let fx = key(&mut s, KeyCode::Enter);
    let [
        Effect::LoadDetail {
            req: first,
            ref alert_id,
        },
    ] = fx[..]
    else {
        panic!("{fx:?}")
    };
    assert_eq!(alert_id, "h2");
    assert_eq!(s.focus, Pane::Detail);
    // Back to the list and down: the open detail follows the cursor with a new request.
    key(&mut s, KeyCode::Esc);
    assert_eq!(s.focus, Pane::List);
    let fx = ch(&mut s, 'j');
    let [Effect::LoadDetail { req: second, .. }] = fx[..] else {
        panic!("{fx:?}")
    };
    assert!(second > first);
    // The answer to the first request arrives late: ignored.
    sync(
        &mut s,
        Msg::DetailLoaded {
            req: first,
            detail: detail_of(alert("h2", Severity::High, "2024-05-02T10:00:00Z")),
        },
    );
    assert_eq!(s.detail.as_ref().unwrap().load, DetailLoad::Loading);
    sync(
        &mut s,
        Msg::DetailLoaded {
            req: second,
            detail: detail_of(alert("h1", Severity::High, "2024-05-01T10:00:00Z")),
        },
    );
    assert_eq!(s.loaded_detail().unwrap().alert.id, "h1");
    // Esc in the list with the detail open closes it.
    key(&mut s, KeyCode::Esc);
    assert!(s.detail.is_none());
}

#[test]
fn the_same_alert_loaded_again_keeps_the_tree_cursor_and_folds() {
    let mut s = loaded();
    let fx = key(&mut s, KeyCode::Enter);
    let [Effect::LoadDetail { req, .. }] = fx[..] else {
        panic!("{fx:?}")
    };
    // The cache answers first, then the service with the same request id.
    sync(
        &mut s,
        Msg::DetailLoaded {
            req,
            detail: detail_of(rich_alert()),
        },
    );
    key(&mut s, KeyCode::Tab);
    ch(&mut s, 'j');
    ch(&mut s, 'h'); // collapse cmd.exe
    let before = s.detail.as_ref().unwrap().tree.clone();
    assert_eq!(before.visible_len(), 4);
    let mut fresh = rich_alert();
    fresh.status = Status::InProgress;
    sync(
        &mut s,
        Msg::DetailLoaded {
            req,
            detail: detail_of(fresh),
        },
    );
    let d = s.detail.as_ref().unwrap();
    assert_eq!(d.tree, before);
    assert_eq!(s.list.rows.get("h2").unwrap().status, Status::InProgress);
}

#[test]
fn tab_cycles_panes_and_the_tree_expands_collapses_and_views_values() {
    let mut s = loaded();
    key(&mut s, KeyCode::Tab);
    assert_eq!(s.focus, Pane::List, "no detail open: only the list");
    open_rich(&mut s);
    key(&mut s, KeyCode::Tab);
    assert_eq!(s.focus, Pane::Evidence);
    let tree = &s.detail.as_ref().unwrap().tree;
    let labels: Vec<(u16, &str)> = tree
        .visible()
        .map(|(_, n)| (n.depth, n.label.as_str()))
        .collect();
    assert_eq!(labels[0], (0, "(no user)"));
    assert_eq!(labels[1], (1, "cmd.exe (pid 100)"));
    assert!(labels[2].0 == 2 && labels[2].1.starts_with("powershell.exe (pid 200)"));
    assert_eq!(labels[3], (3, "http://evil.test/x"));
    assert_eq!(labels[4], (1, "IPs (1)"));
    ch(&mut s, 'j'); // cmd.exe
    key(&mut s, KeyCode::Enter); // collapse
    assert_eq!(s.detail.as_ref().unwrap().tree.visible_len(), 4);
    ch(&mut s, 'l');
    assert_eq!(s.detail.as_ref().unwrap().tree.visible_len(), 6);
    ch(&mut s, 'j'); // powershell
    ch(&mut s, 'v');
    let Some(Dialog::Viewer(v)) = s.top_dialog() else {
        panic!()
    };
    assert!(v.text.contains("command line: powershell -enc AAAA"));
    key(&mut s, KeyCode::Esc);
    // Yank from the node: hash and command line come from the node under the cursor.
    ch(&mut s, 'y');
    let Some(Dialog::Menu(m)) = s.top_dialog() else {
        panic!()
    };
    let whats: Vec<String> = m
        .items
        .iter()
        .map(|i| match &i.value {
            MenuValue::Yank { what, .. } => what.clone(),
            v => panic!("{v:?}"),
        })
        .collect();
    assert_eq!(
        whats,
        [
            "SHA-256 of powershell.exe",
            "command line of powershell.exe",
            "alert id",
            "device name",
            "portal link"
        ]
    );
    let fx = ch(&mut s, 's');
    assert_eq!(
        fx,
        [Effect::Clipboard {
            text: "ab".repeat(32),
            what: "SHA-256 of powershell.exe".into()
        }]
    );
    assert_eq!(last_toast(&s), "Copied SHA-256 of powershell.exe");
    key(&mut s, KeyCode::BackTab);
    assert_eq!(s.focus, Pane::Detail);
}

#[test]
fn zoom_time_defang_raw_and_esc_order() {
    let mut s = loaded();
    ch(&mut s, 'R');
    assert!(s.dialogs.is_empty(), "no detail loaded yet");
    open_rich(&mut s);
    ch(&mut s, 'R');
    let Some(Dialog::Viewer(v)) = s.top_dialog() else {
        panic!()
    };
    assert!(v.title.contains("h2") && v.text.contains("\"evidence\": ["));
    key(&mut s, KeyCode::Esc);
    ch(&mut s, 'z');
    assert_eq!(s.zoom, Some(Pane::Detail));
    ch(&mut s, 't');
    assert!(matches!(s.time_mode, TimeMode::Local(_)));
    ch(&mut s, 't');
    assert_eq!(s.time_mode, TimeMode::Utc);
    assert!(s.defang);
    ch(&mut s, 'D');
    assert!(!s.defang);
    // Esc: zoom, then focus to the list, then the detail, then the filter.
    ch(&mut s, ':');
    typ(&mut s, "filter sev:high status:new");
    key(&mut s, KeyCode::Enter);
    key(&mut s, KeyCode::Esc);
    assert_eq!(s.zoom, None);
    key(&mut s, KeyCode::Esc);
    assert_eq!(s.focus, Pane::List);
    key(&mut s, KeyCode::Esc);
    assert!(s.detail.is_none());
    assert_eq!(s.list.filter_text, "sev:high status:new");
    key(&mut s, KeyCode::Esc);
    assert_eq!(s.list.filter_text, "");
}
