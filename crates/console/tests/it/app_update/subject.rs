//! One subject: every triage action acts on what the screen shows — the alert in the detail, or
//! the marked set — names it, and a filter, sort, refresh or mark change never swaps it. The
//! first two tests are issue 9's cases 1 and 2 as the analyst typed them.

use super::*;
use mde_console::app::dialogs::confirm::Confirm;
use mde_console::app::subject::{SubjectKind, subject};

/// A PowerShell alert in progress, a Mimikatz alert that is new, and a low one.
fn case_rows() -> Vec<AlertRow> {
    let mut ps = alert("ps", Severity::High, "2024-05-02T10:00:00Z");
    ps.title = "Suspicious PowerShell command line".into();
    ps.status = Status::InProgress;
    ps.computer_dns_name = Some("ws-fin-014.corp.contoso.com".into());
    let mut mimi = alert("mimi", Severity::High, "2024-05-01T10:00:00Z");
    mimi.title = "Mimikatz credential theft".into();
    mimi.computer_dns_name = Some("ws-eng-194.corp.contoso.com".into());
    let low = alert("low", Severity::Low, "2024-05-03T10:00:00Z");
    vec![
        AlertRow::from_alert(&ps),
        AlertRow::from_alert(&mimi),
        AlertRow::from_alert(&low),
    ]
}

/// Opens the alert under the cursor and answers its detail load.
fn open(s: &mut State) -> String {
    let fx = key(s, KeyCode::Enter);
    let [Effect::LoadDetail { req, ref alert_id }] = fx[..] else {
        panic!("{fx:?}")
    };
    let id = alert_id.clone();
    // The full alert as the service has it: the row's fields.
    let r = s.list.rows.get(&id).unwrap().clone();
    let mut a = Alert::new(id.clone(), r.title.clone());
    a.severity = r.severity.clone();
    a.status = r.status.clone();
    a.computer_dns_name = r.device.clone();
    a.alert_creation_time = r.created;
    a.last_update_time = r.last_update;
    sync(
        s,
        Msg::DetailLoaded {
            req,
            detail: detail_of(a),
        },
    );
    id
}

fn menu_title(s: &State) -> String {
    match s.top_dialog() {
        Some(Dialog::Menu(m)) => m.title.clone(),
        Some(Dialog::Input(i)) => i.title.clone(),
        Some(Dialog::Confirm(c)) => c.title.clone(),
        other => panic!("{other:?}"),
    }
}

fn menu_labels(s: &State) -> Vec<String> {
    let Some(Dialog::Menu(m)) = s.top_dialog() else {
        panic!("{:?}", s.top_dialog())
    };
    m.items.iter().map(|i| i.label.clone()).collect()
}

#[test]
fn case_1_a_filter_that_hides_the_open_alert_does_not_move_the_status_change() {
    let mut s = loaded_with(config(), case_rows());
    assert_eq!(sel(&s), "ps");
    assert_eq!(open(&mut s), "ps");
    ch(&mut s, '/');
    typ(&mut s, "mimikatz");
    key(&mut s, KeyCode::Enter);
    // The list now shows only the Mimikatz alert, under the cursor; the detail still shows
    // PowerShell, and so does every action.
    assert_eq!(view_ids(&s), ["mimi"]);
    assert_eq!(sel(&s), "mimi");
    assert_eq!(s.detail.as_ref().unwrap().alert_id, "ps");
    ch(&mut s, 'S');
    let title = menu_title(&s);
    assert!(
        title.contains("'Suspicious PowerShell command line' on ws-fin-014"),
        "{title}"
    );
    assert!(title.contains("hidden by the view or filter"), "{title}");
    // "(current)" is the subject's status, not the cursor row's.
    let labels = menu_labels(&s);
    assert_eq!(labels, ["New", "In progress (current)", "Resolved"]);
    let (_, w) = write_of(&ch(&mut s, 'r'));
    assert_eq!(w.alert_ids, ["ps"]);
    assert_eq!(s.list.rows.get("mimi").unwrap().status, Status::New);
    assert_eq!(s.list.rows.get("ps").unwrap().status, Status::Resolved);
    assert!(
        last_toast(&s).contains("Suspicious PowerShell"),
        "{}",
        last_toast(&s)
    );
}

#[test]
fn case_1_with_the_focus_back_on_the_list_the_detail_stays_the_subject() {
    let mut s = loaded_with(config(), case_rows());
    open(&mut s);
    key(&mut s, KeyCode::Esc); // focus back to the list; the detail stays open
    assert_eq!(s.focus, Pane::List);
    ch(&mut s, '/');
    typ(&mut s, "mimikatz");
    key(&mut s, KeyCode::Enter);
    let subj = subject(&s).unwrap();
    assert_eq!(
        (subj.ids.as_slice(), subj.kind),
        (&["ps".to_string()][..], SubjectKind::Detail)
    );
    let (_, w) = write_of(&ch(&mut s, 'a'));
    assert_eq!(w.alert_ids, ["ps"]);
    // Moving the cursor is the analyst's own act: the detail follows it, and so does the subject.
    ch(&mut s, '/');
    ctrl(&mut s, 'u');
    key(&mut s, KeyCode::Enter);
    assert_eq!(sel(&s), "mimi");
    let fx = ch(&mut s, 'j');
    assert!(matches!(fx[..], [Effect::LoadDetail { .. }]), "{fx:?}");
    let now = sel(&s).to_string();
    assert_eq!(s.detail.as_ref().unwrap().alert_id, now);
    assert_eq!(subject(&s).unwrap().ids, [now]);
}

#[test]
fn case_2_an_opened_alert_is_the_subject_even_with_another_marked() {
    let mut s = loaded();
    ch(&mut s, ' '); // h2 marked, cursor on h1
    assert_eq!(sel(&s), "h1");
    assert_eq!(open(&mut s), "h1");
    ch(&mut s, 'c');
    let title = menu_title(&s);
    assert!(title.contains("'Title h1'"), "{title}");
    assert!(!title.contains("marked"), "{title}");
    ch(&mut s, 'f');
    let title = menu_title(&s);
    assert!(
        title.contains("False positive") && title.contains("'Title h1'"),
        "{title}"
    );
    let fx = ch(&mut s, 'o');
    let (_, w) = write_of(&fx);
    assert_eq!(w.alert_ids, ["h1"], "the marked h2 is not touched");
    assert_eq!(w.change.classification, Some(Classification::FalsePositive));
    assert!(s.list.marks.contains("h2"), "the marks wait in the list");
}

#[test]
fn case_2_on_the_list_the_marks_are_the_subject_and_are_named() {
    let mut s = loaded();
    ch(&mut s, ' '); // h2 marked
    ch(&mut s, 'S');
    let title = menu_title(&s);
    assert!(title.contains("marked 'Title h2'"), "{title}");
    key(&mut s, KeyCode::Esc);
    ch(&mut s, ' '); // h1 marked too
    ch(&mut s, 'S');
    assert!(
        menu_title(&s).contains("2 marked alerts"),
        "{}",
        menu_title(&s)
    );
    // Several alerts always confirm, with the count and the titles.
    assert!(ch(&mut s, 'r').is_empty());
    let Some(Dialog::Confirm(Confirm { count, alerts, .. })) = s.top_dialog() else {
        panic!("{:?}", s.top_dialog())
    };
    assert_eq!(*count, 2);
    assert!(alerts.iter().any(|a| a.contains("Title h2")), "{alerts:?}");
    assert!(alerts.iter().any(|a| a.contains("Title h1")), "{alerts:?}");
    let (_, w) = write_of(&ch(&mut s, 'y'));
    assert_eq!(w.alert_ids, ["h2", "h1"]);
}

#[test]
fn marks_a_filter_hides_are_counted_named_and_confirmed() {
    let mut s = loaded();
    // Mark m1 (third row), then filter it out of view.
    ch(&mut s, 'j');
    ch(&mut s, 'j');
    assert_eq!(sel(&s), "m1");
    ch(&mut s, ' ');
    ch(&mut s, '/');
    typ(&mut s, "sev:high");
    key(&mut s, KeyCode::Enter);
    assert_eq!(s.list.hidden_marks(), 1);
    // One marked alert, hidden: the change still confirms, naming it.
    ch(&mut s, 'a');
    let Some(Dialog::Confirm(c)) = s.top_dialog() else {
        panic!("{:?}", s.top_dialog())
    };
    assert_eq!((c.count, c.hidden), (1, 1));
    assert!(c.title.contains("'Title m1'"), "{}", c.title);
    assert!(
        c.title.contains("hidden by the view or filter"),
        "{}",
        c.title
    );
    key(&mut s, KeyCode::Esc);
    assert!(last_toast(&s).contains("nothing was changed"));
    // With a visible one marked too: "2 marked alerts (1 hidden …)".
    ch(&mut s, 'g');
    ch(&mut s, ' ');
    let subj = subject(&s).unwrap();
    assert_eq!(subj.hidden, 1);
    assert!(
        subj.name.contains("2 marked alerts (1 hidden"),
        "{}",
        subj.name
    );
    assert!(ch(&mut s, 'a').is_empty(), "confirmation first");
    let (_, w) = write_of(&ch(&mut s, 'y'));
    assert_eq!(w.alert_ids, ["h2", "m1"]);
}

#[test]
fn a_sort_or_refresh_that_moves_rows_keeps_the_subject() {
    let mut s = loaded();
    ch(&mut s, 'j'); // h1
    open(&mut s);
    key(&mut s, KeyCode::Esc);
    act(&mut s, Action::ReverseSort);
    assert_eq!(subject(&s).unwrap().ids, ["h1"]);
    // A poll brings a new alert on top and changes another one.
    let mut newer = row("n1", Severity::High, "2024-06-01T10:00:00Z");
    newer.title = "Brand new".into();
    let mut changed = row("h2", Severity::High, "2024-05-02T10:00:00Z");
    changed.last_update = Some(ts("2024-06-02T00:00:00Z"));
    sync(
        &mut s,
        Msg::AlertsUpdated {
            req: 1,
            rows: vec![newer, changed],
            complete: false,
        },
    );
    assert_eq!(s.detail.as_ref().unwrap().alert_id, "h1");
    assert_eq!(subject(&s).unwrap().ids, ["h1"]);
    let (_, w) = write_of(&ch(&mut s, 'a'));
    assert_eq!(w.alert_ids, ["h1"]);
}

#[test]
fn the_palette_acts_on_the_same_subject_as_the_keys() {
    let mut s = loaded_with(config(), case_rows());
    open(&mut s);
    ch(&mut s, '/');
    typ(&mut s, "mimikatz");
    key(&mut s, KeyCode::Enter);
    ch(&mut s, ':');
    typ(&mut s, "status resolved");
    let (_, w) = write_of(&key(&mut s, KeyCode::Enter));
    assert_eq!(w.alert_ids, ["ps"]);
    ch(&mut s, ':');
    typ(&mut s, "assign me");
    let (_, w) = write_of(&key(&mut s, KeyCode::Enter));
    assert_eq!(w.alert_ids, ["ps"]);
}

#[test]
fn a_menu_acts_on_the_subject_it_named_even_if_the_list_changes_meanwhile() {
    let mut s = loaded();
    ch(&mut s, 'S'); // names h2
    // A refresh arrives while the menu is open and puts a new alert under the cursor's place.
    sync(
        &mut s,
        Msg::AlertsUpdated {
            req: 1,
            rows: vec![row("n0", Severity::High, "2024-07-01T10:00:00Z")],
            complete: false,
        },
    );
    let (_, w) = write_of(&ch(&mut s, 'r'));
    assert_eq!(w.alert_ids, ["h2"]);
}

#[test]
fn every_triage_dialog_names_its_subject() {
    let mut s = loaded();
    for (k, what) in [('S', "Status of"), ('c', "Classify"), ('A', "Assign")] {
        ch(&mut s, k);
        let t = menu_title(&s);
        assert!(
            t.starts_with(what) && t.contains("'Title h2' on ws-h2"),
            "{t}"
        );
        key(&mut s, KeyCode::Esc);
    }
    ch(&mut s, 'C');
    let Some(Dialog::Editor(e)) = s.top_dialog() else {
        panic!()
    };
    assert!(e.subject.as_ref().unwrap().name.contains("'Title h2'"));
    key(&mut s, KeyCode::Esc);
    ch(&mut s, 'y');
    assert!(menu_title(&s).contains("'Title h2'"), "{}", menu_title(&s));
}
