//! The one pseudo-terminal harness of the end-to-end suites: the real binary in a pty whose every
//! output byte is kept and parsed (with the terminal side effects it asked for), and
//! `mde-triage emulator --data` as a child serving a test's alerts.
//!
//! Waits poll the parsed screen under a deadline, woken by each chunk of output (no sleeps).
//! The screen they see honours synchronized output as the terminals the console targets do: a
//! frame between `CSI ? 2026 h` and `CSI ? 2026 l` shows whole or not at all, so a wait never
//! passes on half of a frame (the raw bytes are kept as they came).
//!
//! The test owns every descriptor of the pty's master side (the reader thread's copy included,
//! which it gives up on request), so `Session::hang_up` can close the terminal as tmux's
//! kill-session or a dropped SSH connection does.

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};
use std::ffi::OsStr;
use std::fs::File;
use std::io::{BufRead, BufReader, Read, Write};
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::os::unix::net::UnixStream;
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::{Arc, Condvar, Mutex, mpsc};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// How long any wait may take before the test fails with the screen.
pub const DEADLINE: Duration = Duration::from_secs(60);

/// Every side effect besides drawing that the terminal was asked to perform.
#[derive(Default)]
pub struct Effects(pub Vec<String>);

impl vt100::Callbacks for Effects {
    fn audible_bell(&mut self, _: &mut vt100::Screen) {
        self.0.push("bell".into());
    }
    fn visual_bell(&mut self, _: &mut vt100::Screen) {
        self.0.push("visual bell".into());
    }
    fn resize(&mut self, _: &mut vt100::Screen, r: (u16, u16)) {
        self.0.push(format!("resize {r:?}"));
    }
    fn set_window_icon_name(&mut self, _: &mut vt100::Screen, n: &[u8]) {
        self.0.push(format!("icon {}", String::from_utf8_lossy(n)));
    }
    fn set_window_title(&mut self, _: &mut vt100::Screen, t: &[u8]) {
        self.0.push(format!("title {}", String::from_utf8_lossy(t)));
    }
    fn copy_to_clipboard(&mut self, _: &mut vt100::Screen, _: &[u8], d: &[u8]) {
        self.0
            .push(format!("clipboard {}", String::from_utf8_lossy(d)));
    }
    fn paste_from_clipboard(&mut self, _: &mut vt100::Screen, _: &[u8]) {
        self.0.push("clipboard read".into());
    }
    fn unhandled_osc(&mut self, _: &mut vt100::Screen, p: &[&[u8]]) {
        self.0.push(format!(
            "osc {:?}",
            p.first().map(|b| String::from_utf8_lossy(b).into_owned())
        ));
    }
}

/// What the child wrote, as parsed screen and as raw bytes.
pub struct Seen {
    /// The screen as the terminal would show it, and the side effects asked for.
    pub parser: vt100::Parser<Effects>,
    /// Every byte, in order.
    pub raw: Vec<u8>,
    eof: bool,
}

/// The binary running in a pty.
pub struct Session {
    child: Box<dyn Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    /// What it wrote so far, with the condition the reader thread signals on each chunk.
    pub seen: Arc<(Mutex<Seen>, Condvar)>,
    _master: Box<dyn MasterPty + Send>,
    /// Dropping the sender stops the reader thread, which then closes its master descriptor.
    reader: (UnixStream, JoinHandle<()>),
}

/// A copy of the master's descriptor, closed when dropped (unlike portable-pty's writer, whose
/// drop types a newline and Ctrl-D into the terminal first).
fn dup_master(master: &dyn MasterPty) -> File {
    let fd = master.as_raw_fd().expect("the master's descriptor");
    // SAFETY: dup() of a descriptor this process holds; the new descriptor is owned by the File.
    let copy = unsafe { libc::dup(fd) };
    assert!(copy >= 0, "dup: {}", std::io::Error::last_os_error());
    // SAFETY: `copy` is a fresh descriptor nobody else owns.
    File::from(unsafe { OwnedFd::from_raw_fd(copy) })
}

/// Feeds everything the child writes into `seen` until the child's side is gone or `stop` is
/// readable (its peer dropped); waits in poll(2), so it never holds the test up.
fn read_output(mut master: File, stop: UnixStream, seen: Arc<(Mutex<Seen>, Condvar)>) {
    let mut buf = [0u8; 8192];
    // Bytes of a frame still being written, held back from the screen until it ends.
    let mut held: Vec<u8> = Vec::new();
    loop {
        let mut fds = [
            libc::pollfd {
                fd: master.as_raw_fd(),
                events: libc::POLLIN,
                revents: 0,
            },
            libc::pollfd {
                fd: stop.as_raw_fd(),
                events: libc::POLLIN,
                revents: 0,
            },
        ];
        // SAFETY: two valid pollfd entries, no timeout.
        let r = unsafe { libc::poll(fds.as_mut_ptr(), 2, -1) };
        if r < 0 && std::io::Error::last_os_error().kind() == std::io::ErrorKind::Interrupted {
            continue;
        }
        let n = if r < 0 || fds[1].revents != 0 {
            0
        } else {
            master.read(&mut buf).unwrap_or(0)
        };
        let (lock, cv) = &*seen;
        let mut s = lock.lock().unwrap();
        if n == 0 {
            s.parser.process(&held);
            s.eof = true;
            cv.notify_all();
            return;
        }
        s.raw.extend_from_slice(&buf[..n]);
        held.extend_from_slice(&buf[..n]);
        let shown = shown_upto(&held);
        s.parser.process(&held[..shown]);
        held.drain(..shown);
        cv.notify_all();
    }
}

/// Where a synchronized frame starts and ends.
const SYNC_BEGIN: &[u8] = b"\x1b[?2026h";
const SYNC_END: &[u8] = b"\x1b[?2026l";

/// How much of `held` a terminal honouring synchronized output would show now: everything
/// before a frame that has begun and not ended, and before a tail that may be such a start.
fn shown_upto(held: &[u8]) -> usize {
    let last = |pat: &[u8]| held.windows(pat.len()).rposition(|w| w == pat);
    match (last(SYNC_BEGIN), last(SYNC_END)) {
        (Some(b), end) if end.is_none_or(|e| e < b) => b,
        _ => {
            let partial = (1..SYNC_BEGIN.len())
                .rev()
                .find(|&k| held.ends_with(&SYNC_BEGIN[..k]))
                .unwrap_or(0);
            held.len() - partial
        }
    }
}

#[test]
fn a_frame_shows_only_once_it_is_whole() {
    assert_eq!(shown_upto(b"ab"), 2);
    assert_eq!(shown_upto(b"ab\x1b[?2026hcd"), 2);
    assert_eq!(shown_upto(b"ab\x1b[?2026hcd\x1b[?2026l"), 20);
    assert_eq!(shown_upto(b"\x1b[?2026hx\x1b[?2026ly\x1b[?2026hz"), 18);
    assert_eq!(shown_upto(b"ab\x1b[?20"), 2);
    assert_eq!(shown_upto(b"ab\x1b[?2026"), 2);
}

/// Asserts the terminal was handed back: main screen, cursor shown, modes undone.
pub fn assert_restored(seen: &Seen) {
    let screen = seen.parser.screen();
    assert!(!screen.alternate_screen(), "still on the alternate screen");
    assert!(!screen.hide_cursor(), "cursor still hidden");
    let raw = String::from_utf8_lossy(&seen.raw);
    assert!(raw.contains("\x1b[?1049h"), "entered the alternate screen");
    let leave = raw.rfind("\x1b[?1049l").expect("left the alternate screen");
    assert!(raw.rfind("\x1b[?25h").is_some(), "cursor shown again");
    assert!(raw[leave..].contains("\x1b[?25h") || raw.rfind("\x1b[?25h") > Some(leave));
    assert!(raw.contains("\x1b[?2004l"), "bracketed paste disabled");
}

/// A private home so config, store and logs of the test never touch the user's.
pub fn isolate(cmd: &mut CommandBuilder, home: &Path) {
    cmd.env_clear();
    cmd.env("PATH", std::env::var_os("PATH").unwrap_or_default());
    cmd.env("HOME", home);
    cmd.env("XDG_CONFIG_HOME", home.join("config"));
    cmd.env("XDG_DATA_HOME", home.join("data"));
    cmd.env("XDG_STATE_HOME", home.join("state"));
    cmd.env("XDG_CACHE_HOME", home.join("cache"));
    cmd.env("TERM", "xterm-256color");
    cmd.env("MDE_TRIAGE_LOG", "debug");
}

impl Session {
    /// The binary with `args` in a `cols`×`rows` terminal and a private home.
    pub fn start(args: &[&str], home: &Path, cols: u16, rows: u16) -> Session {
        Session::start_env(args, home, cols, rows, &[] as &[(&str, &str)])
    }

    /// As [`Session::start`], with extra environment variables.
    pub fn start_env<K: AsRef<OsStr>, V: AsRef<OsStr>>(
        args: &[&str],
        home: &Path,
        cols: u16,
        rows: u16,
        env: &[(K, V)],
    ) -> Session {
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_mde-triage"));
        cmd.args(args);
        Session::spawn(cmd, home, cols, rows, env)
    }

    /// As [`Session::start_env`], but run by a shell that ignores SIGHUP and waits for it, as a
    /// wrapper script or a login shell's `trap '' HUP` does: when the terminal goes away, the
    /// kernel signals the shell (the session leader) and the binary only sees its input end.
    pub fn start_behind_shell<K: AsRef<OsStr>, V: AsRef<OsStr>>(
        args: &[&str],
        home: &Path,
        cols: u16,
        rows: u16,
        env: &[(K, V)],
    ) -> Session {
        let mut cmd = CommandBuilder::new("/bin/sh");
        // `exit $?` after the command keeps the shell from exec()ing it.
        cmd.args(["-c", "trap '' HUP; \"$0\" \"$@\"; exit $?"]);
        cmd.arg(env!("CARGO_BIN_EXE_mde-triage"));
        cmd.args(args);
        Session::spawn(cmd, home, cols, rows, env)
    }

    fn spawn<K: AsRef<OsStr>, V: AsRef<OsStr>>(
        mut cmd: CommandBuilder,
        home: &Path,
        cols: u16,
        rows: u16,
        env: &[(K, V)],
    ) -> Session {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("openpty");
        isolate(&mut cmd, home);
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = pair.slave.spawn_command(cmd).expect("spawn the binary");
        drop(pair.slave);
        let writer = Box::new(dup_master(pair.master.as_ref()));
        let seen = Arc::new((
            Mutex::new(Seen {
                parser: vt100::Parser::new_with_callbacks(rows, cols, 0, Effects::default()),
                raw: Vec::new(),
                eof: false,
            }),
            Condvar::new(),
        ));
        let (stop_tx, stop_rx) = UnixStream::pair().expect("socketpair");
        let output = dup_master(pair.master.as_ref());
        let feed = seen.clone();
        let thread = std::thread::spawn(move || read_output(output, stop_rx, feed));
        Session {
            child,
            writer,
            seen,
            _master: pair.master,
            reader: (stop_tx, thread),
        }
    }

    /// Waits until `pred` holds for the screen; returns its text. Panics with the screen on timeout.
    pub fn wait_for(&self, what: &str, pred: impl Fn(&vt100::Screen) -> bool) -> String {
        let deadline = Instant::now() + DEADLINE;
        let (lock, cv) = &*self.seen;
        let mut s = lock.lock().unwrap();
        loop {
            if pred(s.parser.screen()) {
                return s.parser.screen().contents();
            }
            let now = Instant::now();
            assert!(
                now < deadline && !s.eof,
                "waiting for {what}; the screen shows:\n{}",
                s.parser.screen().contents()
            );
            s = cv.wait_timeout(s, deadline - now).unwrap().0;
        }
    }

    /// Runs `check` on the screen as it is now.
    pub fn screen<T>(&self, check: impl FnOnce(&vt100::Screen) -> T) -> T {
        check(self.seen.0.lock().unwrap().parser.screen())
    }

    /// Waits until the screen shows `text`; returns the screen's text.
    pub fn wait_text(&self, text: &str) -> String {
        self.wait_for(text, |s| s.contents().contains(text))
    }

    /// How many bytes the binary has written so far.
    pub fn raw_len(&self) -> usize {
        self.seen.0.lock().unwrap().raw.len()
    }

    /// Types `bytes`.
    pub fn keys(&mut self, bytes: &[u8]) {
        self.writer.write_all(bytes).unwrap();
        self.writer.flush().unwrap();
    }

    /// Resizes the terminal (the child gets SIGWINCH) and the parsed screen with it.
    pub fn resize(&mut self, cols: u16, rows: u16) {
        self.seen
            .0
            .lock()
            .unwrap()
            .parser
            .screen_mut()
            .set_size(rows, cols);
        self._master
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
    }

    /// The child's process id.
    pub fn pid(&self) -> u32 {
        self.child.process_id().expect("pid")
    }

    /// The process ids of the child's own children (the binary, when a shell runs it).
    pub fn child_pids(&self) -> Vec<u32> {
        let pid = self.pid();
        std::fs::read_to_string(format!("/proc/{pid}/task/{pid}/children"))
            .unwrap_or_default()
            .split_whitespace()
            .filter_map(|p| p.parse().ok())
            .collect()
    }

    /// Closes the terminal as tmux's kill-session or a dropped SSH connection does: every
    /// descriptor of the master side is closed, so the kernel hangs the terminal up. Then waits
    /// for the child to exit, at most [`DEADLINE`].
    pub fn hang_up(self) -> Exited {
        let Session {
            child,
            writer,
            seen: _,
            _master: master,
            reader: (stop, thread),
        } = self;
        drop(stop);
        thread.join().expect("the output reader");
        drop(writer);
        drop(master);
        wait_for_exit(child)
    }

    /// Waits for the child to exit (a thread blocks in `wait`), then for the last of its output.
    pub fn wait_exit(mut self) -> (portable_pty::ExitStatus, Seen) {
        let status = wait_for_exit(self.child).status;
        let (lock, cv) = &*self.seen;
        let mut s = lock.lock().unwrap();
        let deadline = Instant::now() + DEADLINE;
        while !s.eof && Instant::now() < deadline {
            s = cv.wait_timeout(s, deadline - Instant::now()).unwrap().0;
        }
        drop(self.writer.flush());
        let seen = std::mem::replace(
            &mut *s,
            Seen {
                parser: vt100::Parser::new_with_callbacks(1, 1, 0, Effects::default()),
                raw: Vec::new(),
                eof: true,
            },
        );
        (status, seen)
    }
}

/// How a child ended, and the processor time it and the children it waited for had used then.
pub struct Exited {
    /// Its exit status.
    pub status: portable_pty::ExitStatus,
    /// User plus system time, in seconds, of the child and its reaped children, read after it
    /// exited and before it was reaped; `None` where /proc does not say.
    pub cpu_secs: Option<f64>,
}

/// User plus system time of `pid` and of the children it waited for, in seconds.
pub fn cpu_secs(pid: u32, with_children: bool) -> Option<f64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The fields after the parenthesised command name; utime is field 14 of the whole line.
    let fields: Vec<u64> = stat
        .rsplit_once(')')?
        .1
        .split_whitespace()
        .skip(11)
        .take(4)
        .map(|f| f.parse().ok())
        .collect::<Option<_>>()?;
    let ticks = if with_children {
        fields.iter().sum::<u64>()
    } else {
        fields[0] + fields[1]
    };
    // SAFETY: sysconf has no preconditions.
    let hz = unsafe { libc::sysconf(libc::_SC_CLK_TCK) };
    Some(ticks as f64 / hz.max(1) as f64)
}

/// Waits for `child` to exit, at most [`DEADLINE`] (a thread blocks in waitid, no sleeping):
/// first without reaping it, to read its processor time, then for its status.
fn wait_for_exit(mut child: Box<dyn Child + Send + Sync>) -> Exited {
    let pid = child.process_id().expect("pid");
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        // SAFETY: waitid on our own child with WNOWAIT leaves it to be reaped by `wait` below.
        let mut info: libc::siginfo_t = unsafe { std::mem::zeroed() };
        let exited = unsafe {
            libc::waitid(
                libc::P_PID,
                pid as libc::id_t,
                &mut info,
                libc::WEXITED | libc::WNOWAIT,
            )
        } == 0;
        let cpu = exited.then(|| cpu_secs(pid, true)).flatten();
        let _ = tx.send((child.wait(), cpu));
    });
    let (status, cpu_secs) = rx
        .recv_timeout(DEADLINE)
        .unwrap_or_else(|_| panic!("the binary (pid {pid}) did not exit within {DEADLINE:?}"));
    Exited {
        status: status.expect("exit status"),
        cpu_secs,
    }
}

/// `mde-triage emulator --data FILE` as a child, and the environment a client needs for it.
pub struct Emulator {
    child: std::process::Child,
    /// `MDE_API_URL`, the sign-in settings and the identity a client needs.
    pub env: Vec<(&'static str, String)>,
}

impl Emulator {
    /// Serves the alerts in `data` on a free loopback port; waits until it prints its address.
    pub fn start(data: &Path, home: &Path) -> Emulator {
        let mut child = Command::new(env!("CARGO_BIN_EXE_mde-triage"))
            .args(["emulator", "--listen", "127.0.0.1:0", "--no-rate-limit"])
            .arg("--data")
            .arg(data)
            .env_clear()
            .env("HOME", home)
            .env("XDG_STATE_HOME", home.join("emulator-state"))
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn the emulator");
        let stdout = child.stdout.take().expect("emulator stdout");
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { return };
                if let Some(url) = line.strip_prefix("export MDE_API_URL=") {
                    let _ = tx.send(url.trim().to_string());
                }
            }
        });
        let base = rx
            .recv_timeout(DEADLINE)
            .expect("the emulator prints its address");
        Emulator {
            child,
            env: vec![
                ("MDE_API_URL", base.clone()),
                ("MDE_LOGIN_URL", base),
                ("AZURE_TENANT_ID", "contoso-demo".into()),
                ("AZURE_CLIENT_ID", "mde-triage-demo".into()),
                ("AZURE_CLIENT_SECRET", "demo-secret".into()),
                ("MDE_TRIAGE_IDENTITY", "analyst@contoso.example".into()),
            ],
        }
    }
}

impl Drop for Emulator {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
