//! `update()` tests: feed keys, actions and sync messages; assert the state and the exact effects.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use mde_triage::app::chrome::Level;
use mde_triage::app::detail::DetailLoad;
use mde_triage::app::dialogs::Dialog;
use mde_triage::app::dialogs::menu::MenuValue;
use mde_triage::app::dialogs::prompt::InputKind;
use mde_triage::app::list::sort::SortKey;
use mde_triage::app::{Action, AppConfig, AppMsg, Pane, State, TimeMode, update};
use mde_triage::model::protocol::{
    AlertDetail, ConflictChoice, Effect, Msg, SyncStatus, TriageChange, TriageWrite,
};
use mde_triage::model::{
    Alert, AlertRow, Classification, Determination, EntityType, Evidence, Severity, Status,
    Timestamp,
};

const ME: &str = "analyst@contoso.com";

fn ts(s: &str) -> Timestamp {
    Timestamp::parse(s).unwrap()
}

fn alert(id: &str, sev: Severity, created: &str) -> Alert {
    let mut a = Alert::new(id, format!("Title {id}"));
    a.severity = sev;
    a.alert_creation_time = Some(ts(created));
    a.last_update_time = Some(ts(created));
    a.computer_dns_name = Some(format!("ws-{id}"));
    a
}

fn row(id: &str, sev: Severity, created: &str) -> AlertRow {
    AlertRow::from_alert(&alert(id, sev, created))
}

/// Five alerts; list order: h2, h1, m1, l1, i1.
fn rows() -> Vec<AlertRow> {
    vec![
        row("h1", Severity::High, "2024-05-01T10:00:00Z"),
        row("l1", Severity::Low, "2024-05-03T10:00:00Z"),
        row("h2", Severity::High, "2024-05-02T10:00:00Z"),
        row("m1", Severity::Medium, "2024-05-01T11:00:00Z"),
        row("i1", Severity::Informational, "2024-05-04T10:00:00Z"),
    ]
}

fn config() -> AppConfig {
    let mut c = AppConfig::new(ME);
    c.tenant = "t-1".into();
    c
}

fn loaded_with(config: AppConfig, rows: Vec<AlertRow>) -> State {
    let mut s = State::new(config);
    let fx = update(&mut s, AppMsg::Init);
    let Effect::Start { req } = fx[0] else {
        panic!("{fx:?}")
    };
    assert!(update(&mut s, AppMsg::Sync(Msg::CacheLoaded { req, rows })).is_empty());
    s
}

fn loaded() -> State {
    loaded_with(config(), rows())
}

fn key(s: &mut State, code: KeyCode) -> Vec<Effect> {
    update(s, AppMsg::Key(KeyEvent::new(code, KeyModifiers::NONE))).into()
}

fn ch(s: &mut State, c: char) -> Vec<Effect> {
    key(s, KeyCode::Char(c))
}

fn ctrl(s: &mut State, c: char) -> Vec<Effect> {
    update(
        s,
        AppMsg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)),
    )
    .into()
}

fn typ(s: &mut State, text: &str) {
    for c in text.chars() {
        assert!(ch(s, c).is_empty());
    }
}

fn act(s: &mut State, a: Action) -> Vec<Effect> {
    update(s, AppMsg::Action(a)).into()
}

fn sync(s: &mut State, m: Msg) -> Vec<Effect> {
    update(s, AppMsg::Sync(m)).into()
}

fn view_ids(s: &State) -> Vec<String> {
    s.visible_rows(0..usize::MAX)
        .map(|r| r.row.id.clone())
        .collect()
}

fn sel(s: &State) -> &str {
    s.list.selected.as_deref().unwrap()
}

fn write_of(fx: &[Effect]) -> (u64, TriageWrite) {
    match fx {
        [Effect::Write { req, write }] => (*req, write.clone()),
        other => panic!("expected one Write, got {other:?}"),
    }
}

fn last_toast(s: &State) -> String {
    s.toast().map(|t| t.text.clone()).unwrap_or_default()
}

// ---------- start-up, order, navigation ----------

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

// ---------- marks ----------

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
    assert_eq!(s.list.targets(), ["h2", "m1"]);
}

#[test]
fn range_mark_follows_the_cursor_and_esc_cancels_it() {
    let mut s = loaded();
    ch(&mut s, 'j'); // h1
    ch(&mut s, 'V');
    ch(&mut s, 'j');
    ch(&mut s, 'j'); // l1
    assert_eq!(s.list.targets(), ["h1", "m1", "l1"]);
    ch(&mut s, 'k'); // the range shrinks with the cursor
    assert_eq!(s.list.targets(), ["h1", "m1"]);
    key(&mut s, KeyCode::Esc);
    assert!(s.list.marks.is_empty());
    // V again ends the range and keeps it.
    ch(&mut s, 'V');
    ch(&mut s, 'j');
    ch(&mut s, 'V');
    ch(&mut s, 'j');
    assert_eq!(s.list.targets(), ["m1", "l1"]);
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
    assert_eq!(s.list.targets(), ["h2", "h1", "m1", "l1"]);
    ch(&mut s, '-');
    assert!(s.list.marks.is_empty());
    ch(&mut s, '/');
    typ(&mut s, "!sev:low");
    key(&mut s, KeyCode::Enter);
    ch(&mut s, '*');
    assert_eq!(s.list.marks.len(), 4);
    assert!(!s.list.marks.contains("l1"));
}

// ---------- filter ----------

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
    ch(&mut s, '1');
    assert_eq!(view_ids(&s), ["h1"]);
    ch(&mut s, '2');
    assert_eq!(view_ids(&s), ["h2", "m1", "l1", "i1"]);
    ch(&mut s, '3');
    assert_eq!(view_ids(&s), ["h2", "h1"]);
    assert_eq!(s.list.filter_text, "sev:high status:new");
}

// ---------- sort ----------

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

// ---------- triage ----------

#[test]
fn assign_me_writes_at_once_with_a_pending_marker() {
    let mut s = loaded();
    let fx = ch(&mut s, 'a');
    let (_, w) = write_of(&fx);
    assert_eq!(
        w,
        TriageWrite {
            alert_ids: vec!["h2".into()],
            change: TriageChange {
                assigned_to: Some(ME.into()),
                ..Default::default()
            },
            seen_last_update: vec![("h2".into(), Some(ts("2024-05-02T10:00:00Z")))],
        }
    );
    let r = s.visible_rows(0..1).next().unwrap();
    assert_eq!(r.row.assigned_to.as_deref(), Some(ME));
    assert!(r.pending);
}

#[test]
fn assign_to_takes_typed_text_or_a_recent_owner() {
    let mut c = config();
    c.recent_owners = vec!["bob@contoso.com".into()];
    let mut s = loaded_with(c, rows());
    ch(&mut s, 'A');
    typ(&mut s, "carol@contoso.com");
    let (_, w) = write_of(&key(&mut s, KeyCode::Enter));
    assert_eq!(w.change.assigned_to.as_deref(), Some("carol@contoso.com"));
    assert_eq!(s.triage.recent_owners[0], "carol@contoso.com");
    // Nothing typed: the highlighted suggestion (second = bob).
    ch(&mut s, 'j');
    ch(&mut s, 'A');
    key(&mut s, KeyCode::Down);
    let (_, w) = write_of(&key(&mut s, KeyCode::Enter));
    assert_eq!(w.alert_ids, ["h1"]);
    assert_eq!(w.change.assigned_to.as_deref(), Some("bob@contoso.com"));
}

#[test]
fn status_menu_sets_status() {
    let mut s = loaded();
    ch(&mut s, 'S');
    let Some(Dialog::Menu(m)) = s.top_dialog() else {
        panic!()
    };
    let labels: Vec<_> = m.items.iter().map(|i| i.label.as_str()).collect();
    assert_eq!(labels, ["New (current)", "In progress", "Resolved"]);
    let (_, w) = write_of(&ch(&mut s, 'r'));
    assert_eq!(w.change.status, Some(Status::Resolved));
    assert_eq!(s.list.rows.get("h2").unwrap().status, Status::Resolved);
}

#[test]
fn classify_offers_only_the_valid_determinations() {
    let mut s = loaded();
    ch(&mut s, 'c');
    let Some(Dialog::Menu(m)) = s.top_dialog() else {
        panic!()
    };
    assert_eq!(m.items.len(), 3);
    ch(&mut s, 'f'); // False positive
    let Some(Dialog::Menu(m)) = s.top_dialog() else {
        panic!()
    };
    let offered: Vec<Determination> = m
        .items
        .iter()
        .map(|i| match &i.value {
            MenuValue::Determination(c, d) => {
                assert_eq!(*c, Classification::FalsePositive);
                d.clone()
            }
            v => panic!("{v:?}"),
        })
        .collect();
    assert_eq!(
        offered,
        Classification::FalsePositive.determinations().to_vec()
    );
    assert!(!offered.contains(&Determination::Malware));
    ch(&mut s, 'j');
    let (_, w) = write_of(&key(&mut s, KeyCode::Enter));
    assert_eq!(w.change.classification, Some(Classification::FalsePositive));
    assert_eq!(
        w.change.determination,
        Some(Determination::NoEnoughDataToValidate)
    );
    assert!(s.dialogs.is_empty());
}

#[test]
fn bulk_write_needs_a_confirmation_showing_count_and_change_and_defaults_to_cancel() {
    let mut s = loaded();
    ch(&mut s, ' ');
    ch(&mut s, ' ');
    ch(&mut s, ' '); // h2 h1 m1
    assert!(ch(&mut s, 'S').is_empty());
    assert!(
        ch(&mut s, 'r').is_empty(),
        "no write before the confirmation"
    );
    let Some(Dialog::Confirm(c)) = s.top_dialog() else {
        panic!("{:?}", s.top_dialog())
    };
    assert_eq!(c.count, 3);
    assert_eq!(c.title, "Apply to 3 alerts?");
    assert_eq!(c.lines, ["status → Resolved"]);
    assert!(!c.yes_selected);
    // Enter on the default does nothing.
    assert!(key(&mut s, KeyCode::Enter).is_empty());
    assert!(s.dialogs.is_empty());
    assert_eq!(s.list.rows.get("h2").unwrap().status, Status::New);
    // Again, and move to Apply: ONE write with every id.
    ch(&mut s, 'S');
    ch(&mut s, 'r');
    key(&mut s, KeyCode::Right);
    let (_, w) = write_of(&key(&mut s, KeyCode::Enter));
    assert_eq!(w.alert_ids, ["h2", "h1", "m1"]);
    assert_eq!(w.seen_last_update.len(), 3);
    assert_eq!(w.change.status, Some(Status::Resolved));
    assert!(s.triage.is_pending("h1") && s.triage.is_pending("m1"));
    // `y` in the confirmation applies too.
    ch(&mut s, 'a');
    let (_, w) = write_of(&ch(&mut s, 'y'));
    assert_eq!(w.alert_ids.len(), 3);
}

#[test]
fn write_failed_reverts_the_optimistic_change_and_says_why() {
    let mut s = loaded();
    ch(&mut s, 'S');
    let (req, _) = write_of(&ch(&mut s, 'i'));
    assert_eq!(s.list.rows.get("h2").unwrap().status, Status::InProgress);
    sync(&mut s, Msg::WriteQueued { req, outbox_id: 7 });
    assert!(s.triage.is_pending("h2"));
    sync(
        &mut s,
        Msg::WriteFailed {
            outbox_id: 7,
            alert_ids: vec!["h2".into()],
            reason: "403 Forbidden".into(),
        },
    );
    assert_eq!(s.list.rows.get("h2").unwrap().status, Status::New);
    assert!(!s.triage.is_pending("h2"));
    let t = s.toast().unwrap();
    assert_eq!(t.level, Level::Error);
    assert!(t.text.contains("403 Forbidden") && t.text.contains("reverted"));
}

#[test]
fn write_confirmed_takes_the_service_rows_and_clears_pending() {
    let mut s = loaded();
    let (req, _) = write_of(&ch(&mut s, 'a'));
    sync(&mut s, Msg::WriteQueued { req, outbox_id: 3 });
    // A poll arriving meanwhile with an older server view keeps the optimistic value.
    let mut server = row("h2", Severity::High, "2024-05-02T10:00:00Z");
    server.last_update = Some(ts("2024-05-02T11:00:00Z"));
    sync(
        &mut s,
        Msg::AlertsUpdated {
            req: 0,
            rows: vec![server.clone()],
            complete: false,
        },
    );
    assert_eq!(
        s.list.rows.get("h2").unwrap().assigned_to.as_deref(),
        Some(ME)
    );
    server.assigned_to = Some(ME.into());
    server.last_update = Some(ts("2024-05-02T12:00:00Z"));
    sync(
        &mut s,
        Msg::WriteConfirmed {
            outbox_id: 3,
            rows: vec![server.clone()],
        },
    );
    assert!(!s.triage.is_pending("h2"));
    assert_eq!(s.list.rows.get("h2").unwrap(), &server);
}

#[test]
fn conflict_asks_and_answers_with_resolve_conflict() {
    let mut s = loaded();
    let (req, _) = write_of(&ch(&mut s, 'a'));
    sync(&mut s, Msg::WriteQueued { req, outbox_id: 5 });
    let mut server = row("h2", Severity::High, "2024-05-02T10:00:00Z");
    server.assigned_to = Some("bob@contoso.com".into());
    server.last_update = Some(ts("2024-05-03T00:00:00Z"));
    sync(
        &mut s,
        Msg::WriteConflict {
            outbox_id: 5,
            alert_id: "h2".into(),
            server: Box::new(server.clone()),
        },
    );
    let Some(Dialog::Conflict(c)) = s.top_dialog() else {
        panic!()
    };
    assert_eq!(c.mine.as_ref().unwrap().assigned_to.as_deref(), Some(ME));
    assert!(!c.overwrite_selected);
    // Esc does not silently decide.
    assert!(key(&mut s, KeyCode::Esc).is_empty());
    assert!(matches!(s.top_dialog(), Some(Dialog::Conflict(_))));
    assert_eq!(
        ch(&mut s, 'd'),
        [Effect::ResolveConflict {
            outbox_id: 5,
            choice: ConflictChoice::Discard
        }]
    );
    assert_eq!(s.list.rows.get("h2").unwrap(), &server);
    assert!(!s.triage.is_pending("h2"));

    // Overwrite keeps the analyst's change showing.
    ch(&mut s, 'j');
    let (req, _) = write_of(&ch(&mut s, 'a'));
    sync(&mut s, Msg::WriteQueued { req, outbox_id: 6 });
    sync(
        &mut s,
        Msg::WriteConflict {
            outbox_id: 6,
            alert_id: "h1".into(),
            server: Box::new(row("h1", Severity::High, "2024-05-01T10:00:00Z")),
        },
    );
    key(&mut s, KeyCode::Left);
    assert_eq!(
        key(&mut s, KeyCode::Enter),
        [Effect::ResolveConflict {
            outbox_id: 6,
            choice: ConflictChoice::Overwrite
        }]
    );
    assert_eq!(
        s.list.rows.get("h1").unwrap().assigned_to.as_deref(),
        Some(ME)
    );
}

#[test]
fn read_only_refuses_writes_and_says_why() {
    let mut c = config();
    c.read_only = true;
    c.profile = "prod".into();
    let mut s = loaded_with(c, rows());
    for k in ['a', 'A', 'S', 'c', 'C'] {
        assert!(ch(&mut s, k).is_empty());
        assert!(s.dialogs.is_empty(), "{k} opened a dialog");
    }
    assert!(last_toast(&s).contains("Read-only"));
    assert!(!s.triage.is_pending("h2"));
}

// ---------- comments ----------

#[test]
fn comment_editor_sends_with_ctrl_s_and_keeps_a_draft_on_esc() {
    let mut s = loaded();
    ch(&mut s, 'C');
    typ(&mut s, "first line");
    key(&mut s, KeyCode::Enter);
    typ(&mut s, "second");
    // Esc keeps the draft.
    let fx = key(&mut s, KeyCode::Esc);
    assert_eq!(
        fx,
        [Effect::SaveDraft {
            alert_id: "h2".into(),
            text: "first line\nsecond".into()
        }]
    );
    assert!(s.dialogs.is_empty());
    // Reopening shows it; Ctrl-S sends it and deletes the saved draft.
    ch(&mut s, 'C');
    let Some(Dialog::Editor(ed)) = s.top_dialog() else {
        panic!()
    };
    assert_eq!(ed.text(), "first line\nsecond");
    let fx = ctrl(&mut s, 's');
    assert_eq!(fx.len(), 2, "{fx:?}");
    let (_, w) = write_of(&fx[..1]);
    assert_eq!(w.change.comment.as_deref(), Some("first line\nsecond"));
    assert_eq!(
        fx[1],
        Effect::SaveDraft {
            alert_id: "h2".into(),
            text: String::new()
        }
    );
    assert_eq!(s.list.rows.get("h2").unwrap().comment_count, 1);
}

#[test]
fn empty_comment_is_not_sent() {
    let mut s = loaded();
    ch(&mut s, 'C');
    typ(&mut s, "   ");
    assert!(ctrl(&mut s, 's').is_empty());
    assert!(matches!(s.top_dialog(), Some(Dialog::Editor(_))));
}

// ---------- detail, stale answers, sync ----------

fn detail_of(a: Alert) -> Box<AlertDetail> {
    let raw = serde_json::to_string(&a).unwrap();
    Box::new(AlertDetail {
        alert: a,
        raw,
        draft: None,
    })
}

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
fn stale_refresh_answers_do_not_roll_back() {
    let mut s = loaded();
    let mut newer = row("h2", Severity::High, "2024-05-02T10:00:00Z");
    newer.status = Status::Resolved;
    newer.last_update = Some(ts("2024-05-09T00:00:00Z"));
    sync(
        &mut s,
        Msg::AlertsUpdated {
            req: 10,
            rows: vec![newer],
            complete: false,
        },
    );
    // An older version of the row, arriving late.
    let mut older = row("h2", Severity::High, "2024-05-02T10:00:00Z");
    older.last_update = Some(ts("2024-05-05T00:00:00Z"));
    sync(
        &mut s,
        Msg::AlertsUpdated {
            req: 9,
            rows: vec![older],
            complete: false,
        },
    );
    assert_eq!(s.list.rows.get("h2").unwrap().status, Status::Resolved);
    // A complete answer older than one already applied is dropped entirely.
    sync(
        &mut s,
        Msg::AlertsUpdated {
            req: 20,
            rows: rows()[..2].to_vec(),
            complete: true,
        },
    );
    assert_eq!(s.list.total_count(), 2);
    sync(
        &mut s,
        Msg::AlertsUpdated {
            req: 15,
            rows: rows(),
            complete: true,
        },
    );
    assert_eq!(s.list.total_count(), 2);
}

#[test]
fn refresh_failure_keeps_the_data() {
    let mut s = loaded();
    let fx = act(&mut s, Action::FullRefresh);
    let [Effect::Refresh { req, full: true }] = fx[..] else {
        panic!("{fx:?}")
    };
    sync(
        &mut s,
        Msg::RefreshFailed {
            req,
            error: "timeout".into(),
        },
    );
    assert_eq!(s.list.total_count(), 5);
    assert_eq!(s.connection.refresh_error.as_deref(), Some("timeout"));
}

#[test]
fn new_alerts_by_poll_are_highlighted_until_seen() {
    let mut s = loaded();
    assert!(s.list.new_ids.is_empty(), "the first load is not 'new'");
    sync(
        &mut s,
        Msg::AlertsUpdated {
            req: 0,
            rows: vec![row("n1", Severity::Low, "2024-05-03T11:00:00Z")],
            complete: false,
        },
    );
    let new: Vec<_> = s
        .visible_rows(0..10)
        .filter(|r| r.new)
        .map(|r| r.row.id.clone())
        .collect();
    assert_eq!(new, ["n1"]);
    assert_eq!(last_toast(&s), "1 new alert");
    ch(&mut s, 'G');
    ch(&mut s, 'k');
    assert_eq!(s.list.new_ids.len(), 1, "passing l1 does not clear n1");
    ch(&mut s, 'k'); // n1: low like l1 but newer
    assert_eq!(sel(&s), "n1");
    assert!(s.list.new_ids.is_empty());
}

#[test]
fn the_first_fetch_into_an_empty_cache_is_not_new() {
    let mut s = loaded_with(config(), Vec::new());
    sync(
        &mut s,
        Msg::AlertsUpdated {
            req: 1,
            rows: rows(),
            complete: false,
        },
    );
    assert_eq!(s.list.total_count(), 5);
    assert!(s.list.new_ids.is_empty(), "a first fill is not a poll");
    assert!(s.visible_rows(0..10).all(|r| !r.new));
    sync(
        &mut s,
        Msg::AlertsUpdated {
            req: 2,
            rows: vec![row("n1", Severity::Low, "2024-05-05T11:00:00Z")],
            complete: false,
        },
    );
    assert_eq!(s.list.new_ids.len(), 1, "what the next poll brings is new");
}

#[test]
fn pause_toggles_polling() {
    let mut s = loaded();
    assert_eq!(ch(&mut s, 'p'), [Effect::SetPolling { paused: true }]);
    assert!(s.connection.paused);
    assert_eq!(ch(&mut s, 'p'), [Effect::SetPolling { paused: false }]);
    sync(
        &mut s,
        Msg::Sync(SyncStatus {
            outbox_pending: 2,
            ..Default::default()
        }),
    );
    assert_eq!(s.connection.status.outbox_pending, 2);
}

#[test]
fn request_ids_are_fresh_for_every_effect() {
    let mut s = loaded();
    let mut seen = Vec::new();
    for fx in [
        ch(&mut s, 'r'),
        key(&mut s, KeyCode::Enter),
        ch(&mut s, 'a'),
    ] {
        for e in fx {
            match e {
                Effect::Refresh { req, .. }
                | Effect::LoadDetail { req, .. }
                | Effect::Write { req, .. } => seen.push(req),
                other => panic!("{other:?}"),
            }
        }
    }
    let mut dedup = seen.clone();
    dedup.dedup();
    assert_eq!(seen.len(), 3);
    assert_eq!(seen, dedup);
    assert!(seen.windows(2).all(|w| w[0] < w[1]));
}

// ---------- evidence tree, yank, portal, views ----------

fn rich_alert() -> Alert {
    let mut a = alert("h2", Severity::High, "2024-05-02T10:00:00Z");
    let mut parent = Evidence::empty(EntityType::Process);
    parent.file_name = Some("cmd.exe".into());
    parent.process_id = Some(100);
    parent.process_creation_time = Some(ts("2024-05-02T09:00:00Z"));
    let mut child = Evidence::empty(EntityType::Process);
    child.file_name = Some("powershell.exe".into());
    child.process_id = Some(200);
    child.parent_process_id = Some(100);
    child.parent_process_creation_time = Some(ts("2024-05-02T09:00:00Z"));
    child.process_command_line = Some("powershell -enc AAAA http://evil.test/x".into());
    child.sha256 = Some("ab".repeat(32));
    let mut url = Evidence::empty(EntityType::Url);
    url.url = Some("http://evil.test/x".into());
    let mut ip = Evidence::empty(EntityType::Ip);
    ip.ip_address = Some("10.1.2.3".into());
    a.evidence = vec![parent, child, url, ip];
    a
}

fn open_rich(s: &mut State) {
    let fx = key(s, KeyCode::Enter);
    let [Effect::LoadDetail { req, .. }] = fx[..] else {
        panic!("{fx:?}")
    };
    sync(
        s,
        Msg::DetailLoaded {
            req,
            detail: detail_of(rich_alert()),
        },
    );
}

#[test]
fn value_viewer_searches_with_slash_and_steps_with_n() {
    let mut s = loaded();
    open_rich(&mut s);
    key(&mut s, KeyCode::Tab);
    ch(&mut s, 'j');
    ch(&mut s, 'l');
    ch(&mut s, 'j'); // powershell
    ch(&mut s, 'v');
    let viewer = |s: &State| match s.top_dialog() {
        Some(Dialog::Viewer(v)) => v.clone(),
        d => panic!("{d:?}"),
    };
    ch(&mut s, '/');
    assert!(viewer(&s).searching);
    // While typing, letters are text, not viewer keys (j would scroll, n would step).
    typ(&mut s, "enc");
    let v = viewer(&s);
    assert_eq!((v.search.text(), v.scroll), ("enc", 0));
    key(&mut s, KeyCode::Enter);
    assert!(
        !viewer(&s).searching,
        "Enter keeps the search and leaves typing"
    );
    ch(&mut s, 'n');
    ch(&mut s, 'n');
    ch(&mut s, 'N');
    assert_eq!(viewer(&s).current_match, 1);
    // Esc first clears the search, then closes the viewer.
    key(&mut s, KeyCode::Esc);
    assert_eq!(viewer(&s).search.text(), "");
    key(&mut s, KeyCode::Esc);
    assert!(s.top_dialog().is_none());
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
            "alert id",
            "device name",
            "SHA-256",
            "command line",
            "portal link"
        ]
    );
    let fx = ch(&mut s, 's');
    assert_eq!(
        fx,
        [Effect::Clipboard {
            text: "ab".repeat(32),
            what: "SHA-256".into()
        }]
    );
    assert_eq!(last_toast(&s), "Copied SHA-256");
    key(&mut s, KeyCode::BackTab);
    assert_eq!(s.focus, Pane::Detail);
}

#[test]
fn yank_id_and_portal_link() {
    let mut s = loaded();
    ch(&mut s, 'y');
    let fx = ch(&mut s, 'i');
    assert_eq!(
        fx,
        [Effect::Clipboard {
            text: "h2".into(),
            what: "alert id".into()
        }]
    );
    let fx = ch(&mut s, 'o');
    let url = "https://security.microsoft.com/alerts/h2?tid=t%2D1";
    assert_eq!(
        fx,
        [Effect::Clipboard {
            text: url.into(),
            what: "portal link".into()
        }]
    );
    let Some(Dialog::Viewer(v)) = s.top_dialog() else {
        panic!()
    };
    assert_eq!(v.text, url);
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
    ch(&mut s, '3');
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

// ---------- help, palette, quit, toasts ----------

#[test]
fn help_is_filterable_and_palette_runs_an_action_by_name() {
    let mut s = loaded();
    ch(&mut s, '?');
    typ(&mut s, "assign to");
    let Some(Dialog::Help(h)) = s.top_dialog() else {
        panic!()
    };
    let groups = mde_triage::app::keymap::help_groups(h.filter.text());
    let actions: Vec<Action> = groups
        .iter()
        .flat_map(|(_, b)| b.iter().map(|b| b.action))
        .collect();
    assert_eq!(actions, [Action::AssignMe, Action::AssignTo]);
    key(&mut s, KeyCode::Esc); // clears the search
    assert!(matches!(s.top_dialog(), Some(Dialog::Help(_))));
    key(&mut s, KeyCode::Esc);
    assert!(s.dialogs.is_empty());

    ch(&mut s, ':');
    typ(&mut s, "pause");
    assert_eq!(
        key(&mut s, KeyCode::Enter),
        [Effect::SetPolling { paused: true }]
    );
    assert!(s.dialogs.is_empty());
}

#[test]
fn quit_directly_or_after_asking_when_writes_are_pending() {
    let mut s = loaded();
    ch(&mut s, 'a');
    assert!(ch(&mut s, 'q').is_empty());
    assert!(matches!(
        s.top_dialog(),
        Some(Dialog::QuitConfirm { pending: 1, .. })
    ));
    assert!(key(&mut s, KeyCode::Enter).is_empty(), "default is stay");
    assert!(!s.quitting);
    ch(&mut s, 'q');
    assert_eq!(ch(&mut s, 'y'), [Effect::Quit]);
    assert!(s.quitting);

    let mut s = loaded();
    assert_eq!(ctrl(&mut s, 'c'), [Effect::Quit]);
}

#[test]
fn toasts_expire_on_ticks() {
    let mut s = loaded();
    let _ = update(&mut s, AppMsg::Tick(ts("2024-05-10T00:00:00Z")));
    ch(&mut s, 'p');
    assert!(s.toast().is_some());
    s.dirty = false;
    let _ = update(&mut s, AppMsg::Tick(ts("2024-05-10T00:00:02Z")));
    assert!(s.toast().is_some());
    assert!(!s.dirty, "nothing to redraw");
    let _ = update(&mut s, AppMsg::Tick(ts("2024-05-10T00:00:30Z")));
    assert!(s.toast().is_none());
    assert!(s.dirty);
}

#[test]
fn palette_runs_commands_with_arguments() {
    let mut s = loaded();
    ch(&mut s, ':');
    typ(&mut s, "assign bob@contoso.com");
    let (_, w) = write_of(&key(&mut s, KeyCode::Enter));
    assert_eq!(w.change.assigned_to.as_deref(), Some("bob@contoso.com"));
    ch(&mut s, ':');
    typ(&mut s, "filter sev:high");
    assert!(key(&mut s, KeyCode::Enter).is_empty());
    assert_eq!(view_ids(&s), ["h2", "h1"]);
    ch(&mut s, ':');
    typ(&mut s, "status resolved");
    let (_, w) = write_of(&key(&mut s, KeyCode::Enter));
    assert_eq!(w.change.status, Some(Status::Resolved));
    ch(&mut s, ':');
    typ(&mut s, "nothing like this");
    assert!(key(&mut s, KeyCode::Enter).is_empty());
    assert_eq!(last_toast(&s), "No matching action");
}

#[test]
fn a_write_failing_before_it_was_queued_is_still_reverted() {
    let mut s = loaded();
    ch(&mut s, 'a');
    sync(
        &mut s,
        Msg::WriteFailed {
            outbox_id: -1,
            alert_ids: vec!["h2".into()],
            reason: "disk full".into(),
        },
    );
    assert_eq!(s.list.rows.get("h2").unwrap().assigned_to, None);
    assert!(!s.triage.is_pending("h2"));
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

#[test]
fn paste_goes_into_the_text_being_edited_and_never_runs_keys() {
    let mut s = loaded();
    // No dialog: a paste of "q" must not quit.
    assert!(update(&mut s, AppMsg::Paste("qa".into())).is_empty());
    assert!(!s.quitting && !s.triage.is_pending("h2"));
    ch(&mut s, '/');
    let _ = update(&mut s, AppMsg::Paste("sev:high\n\u{1b}[2J".into()));
    assert_eq!(s.list.filter_text, "sev:high  [2J");
    key(&mut s, KeyCode::Esc);
    ch(&mut s, 'C');
    let _ = update(&mut s, AppMsg::Paste("line one\r\nline\u{7} two".into()));
    let Some(Dialog::Editor(ed)) = s.top_dialog() else {
        panic!()
    };
    assert_eq!(ed.text(), "line one\nline two");
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
fn terminal_events_map_to_messages() {
    use crossterm::event::{Event, KeyEventKind};
    let k = KeyEvent::new(KeyCode::Char('j'), KeyModifiers::NONE);
    assert_eq!(AppMsg::from_terminal(Event::Key(k)), Some(AppMsg::Key(k)));
    let mut release = k;
    release.kind = KeyEventKind::Release;
    assert_eq!(AppMsg::from_terminal(Event::Key(release)), None);
    assert_eq!(
        AppMsg::from_terminal(Event::Paste("x".into())),
        Some(AppMsg::Paste("x".into()))
    );
    assert_eq!(
        AppMsg::from_terminal(Event::Resize(100, 30)),
        Some(AppMsg::Resize(100, 30))
    );
    assert_eq!(AppMsg::from_terminal(Event::FocusGained), None);
}
