//! Every dialog, each with the choices and key hint it must show.

use super::*;

#[test]
fn status_menu() {
    let items = Status::SETTABLE
        .iter()
        .zip(['n', 'i', 'r'])
        .map(|(st, k)| (st.as_str(), Some(k), MenuValue::Status(st.clone())))
        .collect();
    snap(
        "dialog_status",
        &with_dialog(detail_state(Pane::List), menu("Set status", items, 1)),
    );
}

#[test]
fn classify_dialog_then_determinations() {
    let items = Classification::SETTABLE
        .iter()
        .zip(['t', 'i', 'f'])
        .map(|(c, k)| (c.label(), Some(k), MenuValue::Classification(c.clone())))
        .collect();
    snap(
        "dialog_classify",
        &with_dialog(list_state(), menu("Classify", items, 0)),
    );
    let tp = Classification::TruePositive;
    let items = tp
        .determinations()
        .iter()
        .map(|d| {
            (
                d.label(),
                None,
                MenuValue::Determination(tp.clone(), d.clone()),
            )
        })
        .collect();
    snap(
        "dialog_determination",
        &with_dialog(list_state(), menu("True positive: determination", items, 3)),
    );
}

#[test]
fn sort_menu() {
    let items = SortKey::ALL
        .iter()
        .map(|k| (k.label(), None, MenuValue::Sort(*k)))
        .collect();
    snap(
        "dialog_sort",
        &with_dialog(list_state(), menu("Sort by", items, 0)),
    );
}

#[test]
fn yank_menu() {
    let items = vec![
        ("alert id", Some('i'), "da638123456789012345_-1234567890"),
        ("device", Some('d'), "ws-fin-014.corp.contoso.com"),
        ("SHA-256", Some('h'), "aaaaaaaa…"),
        (
            "command line",
            Some('c'),
            "powershell.exe -nop -w hidden -enc …",
        ),
        (
            "portal link",
            Some('l'),
            "https://security.microsoft.com/alerts/da6381",
        ),
    ]
    .into_iter()
    .map(|(what, k, text)| {
        (
            what,
            k,
            MenuValue::Yank {
                what: what.into(),
                text: text.into(),
            },
        )
    })
    .collect();
    snap(
        "dialog_yank",
        &with_dialog(detail_state(Pane::Evidence), menu("Copy", items, 0)),
    );
}

#[test]
fn assign_to_input() {
    snap(
        "dialog_assign",
        &with_dialog(
            list_state(),
            input(
                InputKind::AssignTo,
                "bob.on",
                &["bob.oncall@contoso.com", "alice.analyst@contoso.com"],
            ),
        ),
    );
}

#[test]
fn bulk_confirmation_shows_change_and_count() {
    let ids: Vec<String> = (1..=12).map(|i| format!("da{i:018}")).collect();
    let change = TriageChange {
        status: Some(Status::Resolved),
        classification: Some(Classification::FalsePositive),
        determination: Some(Determination::NotMalicious),
        ..TriageChange::default()
    };
    let c = Confirm {
        title: "Apply to 12 alerts?".into(),
        lines: vec![
            "status → Resolved".into(),
            "classification → False positive".into(),
            "determination → Not malicious".into(),
        ],
        alerts: ids[..5]
            .iter()
            .map(|i| format!("'Suspicious activity {i}' on ws-fin-014"))
            .collect(),
        more: 7,
        hidden: 2,
        count: 12,
        action: Confirmed::Write(
            TriageWrite {
                alert_ids: ids.clone(),
                change,
                seen_last_update: Vec::new(),
            },
            "12 marked alerts".into(),
        ),
        yes_selected: false,
    };
    let s = with_dialog(list_state(), Dialog::Confirm(c));
    snap("dialog_bulk_confirm", &s);
    let t = draw(&s, 80, 24, &Theme::full());
    let text = text_of(t.backend().buffer());
    assert!(text.contains("12 alerts"), "{text}");
    assert!(text.contains("status → Resolved"), "{text}");
    assert!(text.contains("and 7 more"), "{text}");
    assert!(text.contains("2 of them hidden"), "{text}");
    assert!(
        text.contains("[ Cancel ]") && text.contains("[ Apply ]"),
        "{text}"
    );
}

#[test]
fn conflict_dialog() {
    let mut server = rows()[1].clone();
    server.assigned_to = Some("carol.ir@contoso.com".into());
    server.last_update = Some(ago(1));
    let p = ConflictPrompt {
        outbox_id: 3,
        alert_id: server.id.clone(),
        server: Box::new(server),
        mine: Some(TriageChange {
            assigned_to: Some("analyst@contoso.com".into()),
            ..TriageChange::default()
        }),
    };
    snap(
        "dialog_conflict",
        &with_dialog(list_state(), Dialog::Conflict(p)),
    );
}

#[test]
fn filter_input_with_error() {
    let mut s = list_state();
    s.list.filter_text = "sevv:high".into();
    s.list.filter_error = Query::parse("sevv:high").err();
    snap(
        "dialog_filter",
        &with_dialog(s, input(InputKind::Filter, "sevv:high", &[])),
    );
}

#[test]
fn command_palette() {
    snap(
        "dialog_palette",
        &with_dialog(list_state(), input(InputKind::Palette, "as", &[])),
    );
}

#[test]
fn comment_editor() {
    let mut ta = TextArea::from(["Confirmed with the user:", "the invoice was a phish."]);
    ta.move_cursor(ratatui_textarea::CursorMove::Bottom);
    let e = Editor {
        alert_ids: vec!["da638123456789012345_-1234567890".into()],
        subject: None,
        textarea: ta,
        purpose: mde_console::app::dialogs::editor::EditorPurpose::Comment,
    };
    snap(
        "dialog_comment_editor",
        &with_dialog(detail_state(Pane::Comments), Dialog::Editor(Box::new(e))),
    );
}

#[test]
fn value_viewer_of_a_long_command_line() {
    let v = Viewer {
        title: "powershell.exe (2000): command line".into(),
        text: long_command_line(),
        scroll: 3,
        ..Default::default()
    };
    snap(
        "dialog_value_view",
        &with_dialog(detail_state(Pane::Evidence), Dialog::Viewer(v)),
    );
}

#[test]
fn value_viewer_shows_the_decoded_powershell_layer() {
    let v = Viewer {
        title: "powershell.exe (2000): command line".into(),
        text: long_command_line(),
        scroll: usize::MAX,
        ..Default::default()
    };
    let s = with_dialog(detail_state(Pane::Evidence), Dialog::Viewer(v));
    snap("dialog_value_view_decoded", &s);
    let t = draw(&s, 160, 48, &Theme::full());
    let text = text_of(t.backend().buffer());
    assert!(text.contains("layer 1"), "{text}");
    assert!(text.contains("IEX (New-Object Net.WebClient)"), "{text}");
}

#[test]
fn raw_json_viewer() {
    let a = opened_alert();
    let v = Viewer {
        title: "Raw JSON".into(),
        text: ui::raw_json::pretty(&serde_json::to_string(&a).unwrap()),
        scroll: 0,
        ..Default::default()
    };
    snap(
        "dialog_raw_json",
        &with_dialog(detail_state(Pane::Detail), Dialog::Viewer(v)),
    );
}

#[test]
fn help_overlay_full_and_filtered() {
    snap(
        "help",
        &with_dialog(list_state(), Dialog::Help(Help::default())),
    );
    let h = Help {
        filter: LineInput::new("mark"),
        scroll: 0,
    };
    snap("help_filtered", &with_dialog(list_state(), Dialog::Help(h)));
}

#[test]
fn quit_confirmation() {
    snap(
        "dialog_quit",
        &with_dialog(
            list_state(),
            Dialog::QuitConfirm {
                pending: 2,
                yes_selected: false,
            },
        ),
    );
}

#[test]
fn sign_in_prompt() {
    let mut s = list_state();
    s.connection.sign_in = Some((
        "https://microsoft.com/devicelogin".into(),
        "F7K2-QX9P".into(),
    ));
    snap("sign_in", &s);
}

/// The status dialog names its alert by title. A fixed cap of 48 characters cut a 59-character
/// title even at 160 columns, in a dialog twice as wide; the cap now grows with the terminal,
/// and at 80 columns the cut title and its buttons still fit.
#[test]
fn the_status_dialog_names_a_long_title_whole_where_the_terminal_has_room() {
    const LONG: &str = "Low-reputation arbitrary code executed by signed executable";
    for (w, h, whole) in [(160, 48, true), (120, 32, true), (80, 24, false)] {
        let mut s = list_state();
        s.list.marks.clear();
        let id = s.list.selected.clone().unwrap();
        let mut row = s.list.rows.get(&id).unwrap().clone();
        row.title = LONG.into();
        s.list.rows.replace(row);
        s.size = (w, h);
        keys(&mut s, "S");
        let text = text_of(draw(&s, w, h, &Theme::full()).backend().buffer());
        assert!(text.contains("Status of"), "{w}x{h}:\n{text}");
        assert_eq!(text.contains(LONG), whole, "{w}x{h}:\n{text}");
        if !whole {
            assert!(
                text.contains("Low-reputation arbitrary code executed by s"),
                "{text}"
            );
        }
        for choice in ["[n] New", "[i] In progress", "[r] Resolved", "Esc back"] {
            assert!(text.contains(choice), "{w}x{h}: {choice}\n{text}");
        }
    }
}
