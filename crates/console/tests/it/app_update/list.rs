//! The alert list: order, the cursor by id, marks, the filter, sort and paging.

use super::*;

#[test]
fn init_asks_for_start_and_rows_are_most_severe_then_newest() {
    let s = loaded();
    assert_eq!(view_ids(&s), ["h2", "h1", "m1", "l1", "i1"]);
    assert_eq!(sel(&s), "h2");
    assert_eq!(s.list.match_count(), 5);
}

#[test]
fn navigation_keys_move_the_cursor_by_id() {
    let mut s = loaded();
    assert!(ch(&mut s, 'j').is_empty());
    assert_eq!(sel(&s), "h1");
    key(&mut s, KeyCode::Down);
    assert_eq!(sel(&s), "m1");
    ch(&mut s, 'k');
    key(&mut s, KeyCode::Up);
    assert_eq!(sel(&s), "h2");
    key(&mut s, KeyCode::Up);
    assert_eq!(sel(&s), "h2", "clamped at the top");
    ch(&mut s, 'G');
    assert_eq!(sel(&s), "i1");
    ch(&mut s, 'g');
    assert_eq!(sel(&s), "h2");
    key(&mut s, KeyCode::End);
    assert_eq!(s.list.cursor, 4);
    key(&mut s, KeyCode::Home);
    assert_eq!(s.list.cursor, 0);
    // 10 rows tall terminal: page = 4 rows, half page = 2.
    let _ = update(&mut s, AppMsg::Resize(80, 10));
    key(&mut s, KeyCode::PageDown);
    assert_eq!(s.list.cursor, 4);
    key(&mut s, KeyCode::PageUp);
    assert_eq!(s.list.cursor, 0);
    ctrl(&mut s, 'd');
    assert_eq!(s.list.cursor, 2);
    ctrl(&mut s, 'u');
    assert_eq!(s.list.cursor, 0);
    assert_eq!(s.list.window(3), 0..3);
}

#[test]
fn selection_survives_refresh_sort_and_filter() {
    let mut s = loaded();
    ch(&mut s, 'j');
    ch(&mut s, 'j');
    assert_eq!(sel(&s), "m1");
    // A refresh brings a newer, more severe alert that lands above the cursor.
    let fx = ch(&mut s, 'r');
    let [Effect::Refresh { req, full: false }] = fx[..] else {
        panic!("{fx:?}")
    };
    sync(
        &mut s,
        Msg::AlertsUpdated {
            req,
            rows: vec![row("h3", Severity::High, "2024-06-01T00:00:00Z")],
            complete: false,
        },
    );
    assert_eq!(sel(&s), "m1");
    assert_eq!(s.list.cursor, 3);
    // Sort by title ascending.
    act(&mut s, Action::SortMenu);
    ch(&mut s, 'i'); // "T" is taken by sTatus
    assert_eq!(s.list.sort.key, SortKey::Title);
    assert_eq!(sel(&s), "m1");
    assert_eq!(s.list.rows.at(s.list.cursor).unwrap().id, "m1");
    // Filter that keeps it.
    ch(&mut s, '/');
    typ(&mut s, "sev:m,h");
    key(&mut s, KeyCode::Enter);
    assert_eq!(s.list.match_count(), 4);
    assert_eq!(sel(&s), "m1");
}

#[test]
fn marks_survive_refresh_sort_and_filter() {
    let mut s = loaded();
    ch(&mut s, ' '); // marks h2, moves to h1
    ch(&mut s, 'j'); // m1
    ch(&mut s, ' '); // marks m1
    assert!(s.list.marks.contains("h2") && s.list.marks.contains("m1"));
    assert_eq!(s.list.marks.len(), 2);
    sync(
        &mut s,
        Msg::AlertsUpdated {
            req: 99,
            rows: rows(),
            complete: true,
        },
    );
    act(&mut s, Action::ReverseSort);
    ch(&mut s, '/');
    typ(&mut s, "sev:high");
    key(&mut s, KeyCode::Enter);
    assert_eq!(s.list.marks.len(), 2);
    let marked: Vec<_> = s
        .visible_rows(0..10)
        .filter(|r| r.marked)
        .map(|r| r.row.id.clone())
        .collect();
    assert_eq!(marked, ["h2"], "m1 is filtered out but stays marked");
    // The targets of a bulk action are all marks, visible first.
    assert_eq!(targets(&s), ["h2", "m1"]);
}

#[test]
fn range_mark_follows_the_cursor_and_esc_cancels_it() {
    let mut s = loaded();
    ch(&mut s, 'j'); // h1
    ch(&mut s, 'V');
    ch(&mut s, 'j');
    ch(&mut s, 'j'); // l1
    assert_eq!(targets(&s), ["h1", "m1", "l1"]);
    ch(&mut s, 'k'); // the range shrinks with the cursor
    assert_eq!(targets(&s), ["h1", "m1"]);
    key(&mut s, KeyCode::Esc);
    assert!(s.list.marks.is_empty());
    // V again ends the range and keeps it.
    ch(&mut s, 'V');
    ch(&mut s, 'j');
    ch(&mut s, 'V');
    ch(&mut s, 'j');
    assert_eq!(targets(&s), ["m1", "l1"]);
}

#[test]
fn shift_space_mark_all_and_clear() {
    let mut s = loaded();
    ch(&mut s, ' '); // h2 marked, cursor h1
    ch(&mut s, 'j');
    ch(&mut s, 'j'); // l1
    let _ = update(
        &mut s,
        AppMsg::Key(KeyEvent::new(KeyCode::Char(' '), KeyModifiers::SHIFT)),
    );
    assert_eq!(targets(&s), ["h2", "h1", "m1", "l1"]);
    ch(&mut s, '-');
    assert!(s.list.marks.is_empty());
    ch(&mut s, '/');
    typ(&mut s, "!sev:low");
    key(&mut s, KeyCode::Enter);
    ch(&mut s, '*');
    assert_eq!(s.list.marks.len(), 4);
    assert!(!s.list.marks.contains("l1"));
}

#[test]
fn filter_applies_live_and_esc_in_the_input_restores_the_previous_one() {
    let mut s = loaded();
    ch(&mut s, '/');
    assert!(matches!(s.top_dialog(), Some(Dialog::Input(i)) if i.kind == InputKind::Filter));
    typ(&mut s, "sev:high");
    assert_eq!(view_ids(&s), ["h2", "h1"], "live while typing");
    key(&mut s, KeyCode::Esc);
    assert!(s.dialogs.is_empty());
    assert_eq!(s.list.match_count(), 5);
    assert_eq!(s.list.filter_text, "");
}

#[test]
fn filter_error_is_shown_and_the_last_good_query_stays() {
    let mut s = loaded();
    ch(&mut s, '/');
    typ(&mut s, "sev:high !");
    assert!(s.list.filter_error.is_some());
    assert_eq!(view_ids(&s), ["h2", "h1"]);
    key(&mut s, KeyCode::Enter);
    assert!(last_toast(&s).contains("'!' must be followed by a term"));
    // An unknown field: the error names it.
    ch(&mut s, '/');
    ctrl(&mut s, 'u');
    typ(&mut s, "\"bogus\" bogus:1");
    assert!(
        s.list
            .filter_error
            .as_ref()
            .unwrap()
            .to_string()
            .contains("'bogus'")
    );
}

#[test]
fn assigned_me_negation_and_esc_clears_the_filter() {
    let mut rs = rows();
    rs[0].assigned_to = Some(ME.to_uppercase());
    rs[1].assigned_to = Some("other@contoso.com".into());
    let mut s = loaded_with(config(), rs);
    ch(&mut s, '/');
    typ(&mut s, "assigned:me");
    key(&mut s, KeyCode::Enter);
    assert_eq!(view_ids(&s), ["h1"]);
    ch(&mut s, '/');
    key(&mut s, KeyCode::End);
    for _ in 0.."assigned:me".len() {
        key(&mut s, KeyCode::Backspace);
    }
    typ(&mut s, "!assigned:me !assigned:none");
    key(&mut s, KeyCode::Enter);
    assert_eq!(view_ids(&s), ["l1"]);
    // Esc: one level back; at the top level it clears the filter.
    key(&mut s, KeyCode::Esc);
    assert_eq!(s.list.filter_text, "");
    assert_eq!(s.list.match_count(), 5);
}

#[test]
fn quick_views() {
    let mut rs = rows();
    rs[0].assigned_to = Some(ME.into());
    let mut s = loaded_with(config(), rs);
    ch(&mut s, '2');
    assert_eq!(view_ids(&s), ["h1"]);
    ch(&mut s, '3');
    assert_eq!(view_ids(&s), ["h2", "m1", "l1", "i1"]);
    ch(&mut s, '4');
    assert_eq!(view_ids(&s), ["h2", "h1"]);
    assert_eq!(s.list.view, mde_console::app::list::views::ViewId::NEW_HIGH);
    // A view is not filter text: the filter stays the analyst's.
    assert_eq!(s.list.filter_text, "");
    assert!(last_toast(&s).contains("New high"), "{}", last_toast(&s));
}

#[test]
fn sort_menu_picks_a_key_and_the_same_key_reverses() {
    let mut s = loaded();
    ch(&mut s, 's');
    let Some(Dialog::Menu(m)) = s.top_dialog() else {
        panic!()
    };
    assert_eq!(m.items.len(), SortKey::ALL.len());
    assert_eq!(
        m.items[m.selected].value,
        MenuValue::Sort(SortKey::Severity)
    );
    // Choose "Created" with the arrow keys: newest first.
    ch(&mut s, 'j');
    key(&mut s, KeyCode::Enter);
    assert_eq!(view_ids(&s), ["i1", "l1", "h2", "m1", "h1"]);
    assert!(s.list.sort.descending);
    ch(&mut s, 's');
    key(&mut s, KeyCode::Enter); // Created again: oldest first
    assert_eq!(view_ids(&s), ["h1", "m1", "h2", "l1", "i1"]);
    assert!(last_toast(&s).contains("Created ↑"));
}

#[test]
fn paging_uses_the_list_height_left_by_an_open_alert() {
    let mut s = loaded();
    let _ = update(&mut s, AppMsg::Resize(80, 14)); // 8 body rows
    assert_eq!(s.page_size(), 8);
    key(&mut s, KeyCode::Enter);
    key(&mut s, KeyCode::Esc); // focus back on the list, detail still open
    assert_eq!(s.page_size(), 4);
    let fx = key(&mut s, KeyCode::PageDown);
    assert_eq!(s.list.cursor, 4);
    assert!(matches!(fx[..], [Effect::LoadDetail { .. }]));
}

/// A full sync ends with every cached row again. Before, applying it rebuilt the list from
/// nothing (100k rows: 1.6 s of the UI thread); an answer that repeats what is held now
/// changes nothing, and one that leaves a row out still drops it, a changed row still moves.
#[test]
fn a_complete_answer_repeating_the_rows_changes_nothing_and_still_drops_and_moves() {
    let mut s = loaded();
    ch(&mut s, 'j'); // h1
    ch(&mut s, ' '); // marks h1, moves to m1
    let before = (view_ids(&s), sel(&s).to_string(), s.list.rows.generation());
    let complete = |rows| Msg::AlertsUpdated {
        req: 99,
        rows,
        complete: true,
    };
    sync(&mut s, complete(rows()));
    assert_eq!(
        (view_ids(&s), sel(&s).to_string(), s.list.rows.generation()),
        before
    );
    assert!(s.list.marks.contains("h1"));
    // l1 left the cache, and i1 became High: it sorts to the top now.
    let mut fewer: Vec<AlertRow> = rows().into_iter().filter(|r| r.id != "l1").collect();
    for r in fewer.iter_mut().filter(|r| r.id == "i1") {
        r.severity = Severity::High;
    }
    sync(&mut s, complete(fewer));
    assert_eq!(view_ids(&s), ["i1", "h2", "h1", "m1"]);
    assert_eq!(sel(&s), "m1", "the cursor stays on its alert");
    assert!(s.list.marks.contains("h1"));
}
