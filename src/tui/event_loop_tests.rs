//! The event loop driven by a scripted console on an in-memory terminal.

use super::console::{Console, Step};
use super::event_loop::{ExitReason, LoopChannels, LoopOptions, run_loop};
use super::signals::StopSignal;
use super::test_writer::SharedBuf;
use crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use mde_model::Timestamp;
use mde_model::protocol::{Effect, Msg};
use ratatui::backend::CrosstermBackend;
use ratatui::layout::Rect;
use ratatui::widgets::Paragraph;
use ratatui::{Frame, Terminal, TerminalOptions, Viewport};
use std::io;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::sync::mpsc;

/// A console whose answers are scripted by key: `q` quits, `y` yanks, `w` asks for three
/// refreshes, `d` saves a draft, `i` makes three slices of background work and `I` endless
/// ones; a sync `Warning` changes nothing visible; on exit it notes "exit" and asks for
/// `last_words`.
#[derive(Default, Clone)]
struct Script {
    renders: Arc<AtomicUsize>,
    /// Slices of background work left, and how many were done.
    idle_left: Arc<AtomicUsize>,
    idle_done: Arc<AtomicUsize>,
    seen: Arc<Mutex<Vec<String>>>,
    last_words: Arc<Mutex<Vec<Effect>>>,
}

fn draft(text: &str) -> Effect {
    Effect::SaveDraft {
        alert_id: "da1".into(),
        text: text.into(),
    }
}

impl Console for Script {
    fn on_terminal_event(&mut self, event: Event) -> Step {
        let Event::Key(k) = event else {
            return Step::changed(vec![]);
        };
        self.seen.lock().unwrap().push(format!("key {:?}", k.code));
        Step::changed(match k.code {
            KeyCode::Char('q') => vec![Effect::Quit],
            KeyCode::Char('y') => vec![Effect::Clipboard {
                text: "da123".into(),
                what: "id".into(),
            }],
            KeyCode::Char('w') => (1..=3)
                .map(|req| Effect::Refresh { req, full: false })
                .collect(),
            KeyCode::Char('d') => vec![draft("d")],
            KeyCode::Char('i') => {
                self.idle_left.store(3, Ordering::SeqCst);
                vec![]
            }
            KeyCode::Char('I') => {
                self.idle_left.store(usize::MAX, Ordering::SeqCst);
                vec![]
            }
            KeyCode::Char('n') => vec![Effect::Notify {
                sequence: "\x07\x1b]9;mde-triage: new High alert: x\x07".into(),
            }],
            _ => vec![],
        })
    }
    fn on_sync(&mut self, msg: Msg) -> Step {
        self.seen.lock().unwrap().push(format!("{msg:?}"));
        Step {
            effects: vec![],
            dirty: !matches!(msg, Msg::Warning(_)),
        }
    }
    fn on_tick(&mut self, _now: Timestamp) -> Step {
        Step::default()
    }
    fn wants_idle(&self) -> bool {
        self.idle_left.load(Ordering::SeqCst) > 0
    }
    fn on_idle(&mut self) -> Step {
        self.idle_left.fetch_sub(1, Ordering::SeqCst);
        self.idle_done.fetch_add(1, Ordering::SeqCst);
        Step::default()
    }
    fn render(&self, frame: &mut Frame) {
        let n = self.renders.fetch_add(1, Ordering::SeqCst) + 1;
        frame.render_widget(Paragraph::new(format!("frame-{n}")), frame.area());
    }
    fn on_exit(&mut self) -> Vec<Effect> {
        self.seen.lock().unwrap().push("exit".into());
        std::mem::take(&mut *self.last_words.lock().unwrap())
    }
}

type Tx<T> = futures::channel::mpsc::UnboundedSender<T>;

struct Harness {
    keys: Tx<io::Result<Event>>,
    msgs: mpsc::Sender<Msg>,
    stop: mpsc::Sender<StopSignal>,
    effects: mpsc::Receiver<Effect>,
    console: Script,
    out: SharedBuf,
    task: tokio::task::JoinHandle<(io::Result<ExitReason>, Vec<u8>)>,
}

fn start(effects_capacity: usize) -> Harness {
    start_with(effects_capacity, None)
}

fn start_with(effects_capacity: usize, suspend: Option<fn() -> io::Result<()>>) -> Harness {
    let (keys, events) = futures::channel::mpsc::unbounded();
    let (msgs, msgs_rx) = mpsc::channel(64);
    let (stop, stop_rx) = mpsc::channel(1);
    let (effects_tx, effects) = mpsc::channel(effects_capacity);
    let console = Script::default();
    let mut c = console.clone();
    let out = SharedBuf::default();
    let screen = out.clone();
    let task = tokio::spawn(async move {
        let out = screen;
        let backend = CrosstermBackend::new(out.clone());
        let mut terminal = Terminal::with_options(
            backend,
            TerminalOptions {
                viewport: Viewport::Fixed(Rect::new(0, 0, 20, 3)),
            },
        )
        .unwrap();
        let chans = LoopChannels {
            effects: effects_tx,
            msgs: msgs_rx,
            stop: stop_rx,
        };
        let options = LoopOptions {
            tick: Duration::from_secs(3600),
            tmux: None,
            suspend,
        };
        let r = run_loop(&mut terminal, &mut c, events, chans, options).await;
        (r, out.text().into_bytes())
    });
    Harness {
        keys,
        msgs,
        stop,
        effects,
        console,
        out,
        task,
    }
}

fn key(c: char) -> io::Result<Event> {
    Ok(Event::Key(KeyEvent::new(
        KeyCode::Char(c),
        KeyModifiers::NONE,
    )))
}

async fn wait_until(what: &str, cond: impl Fn() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while !cond() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        tokio::task::yield_now().await;
    }
}

#[tokio::test]
async fn quit_key_ends_the_loop_and_frames_are_synchronized() {
    let h = start(8);
    h.keys.unbounded_send(key('q')).unwrap();
    let (r, bytes) = h.task.await.unwrap();
    assert_eq!(r.unwrap(), ExitReason::Quit);
    let text = String::from_utf8_lossy(&bytes);
    assert!(
        text.contains("\x1b[?2026h") && text.contains("frame-1") && text.contains("\x1b[?2026l"),
        "{text:?}"
    );
}

#[tokio::test]
async fn a_burst_of_answers_costs_one_frame_and_invisible_changes_none() {
    let h = start(8);
    for i in 0..5 {
        h.msgs.send(Msg::Warning(format!("w{i}"))).await.unwrap();
    }
    h.msgs
        .send(Msg::SignIn {
            url: "u".into(),
            code: "c".into(),
        })
        .await
        .unwrap();
    let seen = h.console.seen.clone();
    wait_until("six answers", || seen.lock().unwrap().len() == 6).await;
    let renders = h.console.renders.clone();
    wait_until("second frame", || renders.load(Ordering::SeqCst) == 2).await;
    // Only warnings now: nothing visible changed, so nothing is drawn.
    h.msgs.send(Msg::Warning("quiet".into())).await.unwrap();
    wait_until("seventh answer", || seen.lock().unwrap().len() == 7).await;
    h.keys.unbounded_send(key('q')).unwrap();
    let (r, _) = h.task.await.unwrap();
    assert_eq!(r.unwrap(), ExitReason::Quit);
    assert_eq!(h.console.renders.load(Ordering::SeqCst), 2);
}

/// Background work (indexing rows behind the list) goes a slice per turn until there is none,
/// draws nothing, and never holds off a key.
#[tokio::test]
async fn background_work_runs_while_idle_draws_nothing_and_yields_to_input() {
    let h = start(8);
    h.keys.unbounded_send(key('i')).unwrap();
    let (left, done) = (h.console.idle_left.clone(), h.console.idle_done.clone());
    wait_until("three slices", || done.load(Ordering::SeqCst) == 3).await;
    assert_eq!(left.load(Ordering::SeqCst), 0);
    let renders = h.console.renders.clone();
    wait_until("the key's frame", || renders.load(Ordering::SeqCst) == 2).await;
    // Endless work: a key still gets through.
    h.keys.unbounded_send(key('I')).unwrap();
    wait_until("more slices", || done.load(Ordering::SeqCst) > 10).await;
    h.keys.unbounded_send(key('q')).unwrap();
    let (r, _) = h.task.await.unwrap();
    assert_eq!(r.unwrap(), ExitReason::Quit);
    assert_eq!(
        h.console.renders.load(Ordering::SeqCst),
        3,
        "one frame per key, none for the slices"
    );
}

#[tokio::test]
async fn effects_wait_for_room_without_blocking_input() {
    let mut h = start(1);
    h.keys.unbounded_send(key('w')).unwrap();
    // The effect channel holds one; the loop must still take answers while two wait locally.
    h.msgs
        .send(Msg::Warning("still alive".into()))
        .await
        .unwrap();
    let seen = h.console.seen.clone();
    wait_until("answer handled", || {
        seen.lock()
            .unwrap()
            .iter()
            .any(|s| s.contains("still alive"))
    })
    .await;
    let mut reqs = Vec::new();
    for _ in 0..3 {
        match h.effects.recv().await {
            Some(Effect::Refresh { req, .. }) => reqs.push(req),
            other => panic!("unexpected {other:?}"),
        }
    }
    assert_eq!(reqs, vec![1, 2, 3]);
    h.keys.unbounded_send(key('q')).unwrap();
    assert_eq!(h.task.await.unwrap().0.unwrap(), ExitReason::Quit);
}

#[tokio::test]
async fn clipboard_goes_to_the_terminal_not_the_sync_task() {
    let mut h = start(8);
    h.keys.unbounded_send(key('y')).unwrap();
    h.keys.unbounded_send(key('q')).unwrap();
    let (r, bytes) = h.task.await.unwrap();
    assert_eq!(r.unwrap(), ExitReason::Quit);
    let text = String::from_utf8_lossy(&bytes);
    assert!(text.contains("\x1b]52;c;ZGExMjM=\x07"), "{text:?}");
    assert!(
        h.effects.try_recv().is_err(),
        "clipboard must not reach the sync task"
    );
}

#[tokio::test]
async fn a_notification_goes_to_the_terminal_not_the_sync_task() {
    let mut h = start(8);
    h.keys.unbounded_send(key('n')).unwrap();
    h.keys.unbounded_send(key('q')).unwrap();
    let (r, bytes) = h.task.await.unwrap();
    assert_eq!(r.unwrap(), ExitReason::Quit);
    let text = String::from_utf8_lossy(&bytes);
    assert!(
        text.contains("\x07\x1b]9;mde-triage: new High alert: x\x07"),
        "{text:?}"
    );
    assert!(h.effects.try_recv().is_err());
}

#[tokio::test]
async fn key_releases_are_ignored() {
    let h = start(8);
    let mut release = KeyEvent::new(KeyCode::Char('q'), KeyModifiers::NONE);
    release.kind = KeyEventKind::Release;
    h.keys.unbounded_send(Ok(Event::Key(release))).unwrap();
    h.keys.unbounded_send(key('x')).unwrap();
    let seen = h.console.seen.clone();
    wait_until("x handled", || seen.lock().unwrap().len() == 1).await;
    assert_eq!(seen.lock().unwrap()[0], "key Char('x')");
    h.keys.unbounded_send(key('q')).unwrap();
    assert_eq!(h.task.await.unwrap().0.unwrap(), ExitReason::Quit);
}

#[tokio::test]
async fn a_signal_or_closed_input_ends_the_loop() {
    let h = start(8);
    h.stop.send(StopSignal::Terminate).await.unwrap();
    let (r, _) = h.task.await.unwrap();
    assert_eq!(r.unwrap(), ExitReason::Signal(StopSignal::Terminate));

    let h = start(8);
    drop(h.keys);
    let (r, _) = h.task.await.unwrap();
    assert_eq!(r.unwrap(), ExitReason::InputClosed);
}

static SUSPENDS: AtomicUsize = AtomicUsize::new(0);

fn count_suspend() -> io::Result<()> {
    SUSPENDS.fetch_add(1, Ordering::SeqCst);
    Ok(())
}

#[tokio::test]
async fn ctrl_z_suspends_and_redraws_without_reaching_the_console() {
    let h = start_with(8, Some(count_suspend));
    let renders = h.console.renders.clone();
    wait_until("first frame", || renders.load(Ordering::SeqCst) == 1).await;
    let ctrl_z = KeyEvent::new(KeyCode::Char('z'), KeyModifiers::CONTROL);
    h.keys.unbounded_send(Ok(Event::Key(ctrl_z))).unwrap();
    wait_until("the redraw after resume", || {
        renders.load(Ordering::SeqCst) == 2
    })
    .await;
    assert_eq!(SUSPENDS.load(Ordering::SeqCst), 1);
    assert!(
        h.console.seen.lock().unwrap().is_empty(),
        "the console never saw Ctrl-Z"
    );
    h.keys.unbounded_send(key('q')).unwrap();
    assert_eq!(h.task.await.unwrap().0.unwrap(), ExitReason::Quit);
}

#[tokio::test]
async fn a_failed_read_is_a_hangup_and_what_was_typed_before_it_counts() {
    let mut h = start(8);
    h.keys.unbounded_send(key('d')).unwrap();
    h.keys
        .unbounded_send(Err(io::Error::from_raw_os_error(libc::EIO)))
        .unwrap();
    let (r, _) = h.task.await.unwrap();
    assert_eq!(r.unwrap(), ExitReason::InputClosed);
    assert_eq!(h.effects.recv().await, Some(draft("d")));
}

#[tokio::test]
async fn a_failed_write_to_the_terminal_is_a_hangup() {
    let h = start(8);
    let renders = h.console.renders.clone();
    wait_until("first frame", || renders.load(Ordering::SeqCst) == 1).await;
    h.out.fail();
    // A visible change: the loop draws, the write fails, the loop ends as for a hangup.
    h.msgs
        .send(Msg::SignIn {
            url: "u".into(),
            code: "c".into(),
        })
        .await
        .unwrap();
    let (r, _) = h.task.await.unwrap();
    assert_eq!(r.unwrap(), ExitReason::OutputFailed);
    assert_eq!(ExitReason::OutputFailed.exit_status(), 129);
    assert_eq!(ExitReason::InputClosed.exit_status(), 129);
}

#[tokio::test]
async fn on_exit_the_writes_and_drafts_still_waiting_reach_the_sync_task() {
    // Room for one effect: the second and third draft wait in the loop, behind three refreshes.
    let mut h = start(1);
    h.console
        .last_words
        .lock()
        .unwrap()
        .push(draft("open editor"));
    for k in ['d', 'w', 'd', 'd'] {
        h.keys.unbounded_send(key(k)).unwrap();
    }
    let seen = h.console.seen.clone();
    wait_until("four keys", || seen.lock().unwrap().len() == 4).await;
    h.stop.send(StopSignal::Terminate).await.unwrap();
    // Read only once the loop has stopped, so nothing more goes out while it runs.
    wait_until("the exit", || {
        seen.lock().unwrap().iter().any(|s| s == "exit")
    })
    .await;
    let mut got = Vec::new();
    while let Some(e) = h.effects.recv().await {
        got.push(e);
    }
    let (r, _) = h.task.await.unwrap();
    assert_eq!(r.unwrap(), ExitReason::Signal(StopSignal::Terminate));
    // The refreshes that had not gone out are not worth sending any more; nothing typed is lost.
    assert_eq!(
        got,
        vec![draft("d"), draft("d"), draft("d"), draft("open editor")]
    );
}
