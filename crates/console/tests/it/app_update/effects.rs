//! No effect is ever dropped: random walks of keys, pastes and sync answers over a small list,
//! checking after every step that the state waits only on requests it sent.

use super::*;
use std::collections::HashSet;

/// A fixed-seed xorshift, so every run walks the same paths.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

const KEYS: &[KeyCode] = &[
    KeyCode::Char('j'),
    KeyCode::Char('k'),
    KeyCode::Char('G'),
    KeyCode::Char('g'),
    KeyCode::Char(' '),
    KeyCode::Char('V'),
    KeyCode::Char('*'),
    KeyCode::Char('-'),
    KeyCode::Char('/'),
    KeyCode::Char('s'),
    KeyCode::Char('S'),
    KeyCode::Char('c'),
    KeyCode::Char('C'),
    KeyCode::Char('a'),
    KeyCode::Char('A'),
    KeyCode::Char('y'),
    KeyCode::Char('R'),
    KeyCode::Char('z'),
    KeyCode::Char('r'),
    KeyCode::Char('1'),
    KeyCode::Char('q'),
    KeyCode::Char('x'),
    KeyCode::Char('h'),
    KeyCode::Char('l'),
    KeyCode::Char(':'),
    KeyCode::Enter,
    KeyCode::Esc,
    KeyCode::Tab,
    KeyCode::BackTab,
    KeyCode::PageDown,
    KeyCode::Down,
];

/// One random message, answering the requests seen so far some of the time.
fn next_msg(rng: &mut Rng, s: &State, sent: &Sent) -> AppMsg {
    let pick = |rng: &mut Rng, v: &[u64]| v.get(rng.below(v.len().max(1))).copied();
    match rng.below(20) {
        0 => AppMsg::Paste(["sev:high", "h1\n", "q"][rng.below(3)].into()),
        1 => {
            let mut rs = rows();
            rs.truncate(1 + rng.below(5));
            AppMsg::Sync(Msg::AlertsUpdated {
                req: sent.max_req(),
                rows: rs,
                complete: rng.below(2) == 0,
            })
        }
        2 | 3 => {
            let req = match &s.detail {
                Some(d) if rng.below(3) > 0 => d.req,
                _ => pick(rng, &sent.loads.iter().copied().collect::<Vec<_>>()).unwrap_or(0),
            };
            let id = s.detail.as_ref().map_or("h2", |d| d.alert_id.as_str());
            let a = alert(id, Severity::High, "2024-05-02T10:00:00Z");
            AppMsg::Sync(Msg::DetailLoaded {
                req,
                detail: detail_of(a),
            })
        }
        4 => {
            let writes: Vec<u64> = sent.writes.iter().copied().collect();
            let req = pick(rng, &writes).unwrap_or(0);
            AppMsg::Sync(Msg::WriteQueued {
                req,
                outbox_id: req as i64,
            })
        }
        5 => AppMsg::Sync(Msg::WriteFailed {
            outbox_id: pick(rng, &sent.writes.iter().copied().collect::<Vec<_>>()).unwrap_or(0)
                as i64,
            alert_ids: vec!["h2".into()],
            reason: "403".into(),
        }),
        6 => AppMsg::Sync(Msg::WriteConfirmed {
            outbox_id: pick(rng, &sent.writes.iter().copied().collect::<Vec<_>>()).unwrap_or(0)
                as i64,
            rows: vec![row("h1", Severity::High, "2024-05-06T10:00:00Z")],
        }),
        7 => AppMsg::Sync(Msg::DetailFailed {
            req: s.detail.as_ref().map_or(0, |d| d.req),
            error: "gone".into(),
        }),
        8 => AppMsg::Key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL)),
        _ => AppMsg::Key(KeyEvent::new(
            KEYS[rng.below(KEYS.len())],
            KeyModifiers::NONE,
        )),
    }
}

/// The request ids of every effect `update` returned.
#[derive(Default)]
struct Sent {
    loads: HashSet<u64>,
    writes: HashSet<u64>,
    quit: bool,
}

impl Sent {
    fn record(&mut self, fx: &[Effect]) {
        for e in fx {
            match e {
                Effect::LoadDetail { req, .. } => {
                    self.loads.insert(*req);
                }
                Effect::Write { req, .. } => {
                    self.writes.insert(*req);
                }
                Effect::Quit => self.quit = true,
                _ => {}
            }
        }
    }

    fn max_req(&self) -> u64 {
        self.loads
            .iter()
            .chain(&self.writes)
            .copied()
            .max()
            .unwrap_or(1)
    }
}

/// What the state waits for was asked for: a loading detail's request was sent as a
/// `LoadDetail`, every pending write as a `Write`, and quitting came with `Effect::Quit`.
fn check(s: &State, sent: &Sent, step: usize, msg: &AppMsg) {
    if let Some(d) = &s.detail
        && d.load == DetailLoad::Loading
    {
        assert!(
            sent.loads.contains(&d.req),
            "step {step} ({msg:?}): the detail waits on request {} that was never sent",
            d.req
        );
    }
    for p in &s.triage.pending {
        assert!(
            sent.writes.contains(&p.req),
            "step {step} ({msg:?}): pending write {} was never sent",
            p.req
        );
    }
    assert_eq!(s.quitting, sent.quit, "step {step} ({msg:?})");
}

#[test]
fn the_state_never_waits_on_a_request_it_did_not_send() {
    for seed in 1..=150u64 {
        let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
        let mut s = loaded();
        let mut sent = Sent::default();
        for step in 0..200 {
            let msg = next_msg(&mut rng, &s, &sent);
            let fx = update(&mut s, msg.clone());
            sent.record(&fx);
            check(&s, &sent, step, &msg);
        }
    }
}

#[test]
fn moving_the_cursor_under_an_open_detail_asks_for_the_new_one() {
    // The rule every cursor move goes through, marks included: Space marks and moves on.
    let mut s = loaded();
    key(&mut s, KeyCode::Enter);
    key(&mut s, KeyCode::Esc); // focus back on the list, detail still open
    let fx = ch(&mut s, ' ');
    let [Effect::LoadDetail { req, ref alert_id }] = fx[..] else {
        panic!("{fx:?}")
    };
    assert_eq!(alert_id, "h1");
    assert_eq!(s.detail.as_ref().map(|d| d.req), Some(req));
}
