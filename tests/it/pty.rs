//! The one pseudo-terminal harness of the end-to-end suites: the real binary in a pty whose every
//! output byte is kept and parsed (with the terminal side effects it asked for), and
//! `mde-triage emulator --data` as a child serving a test's alerts.
//!
//! Waits poll the parsed screen under a deadline, woken by each chunk of output (no sleeps).

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};
use std::ffi::OsStr;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::{Arc, Condvar, Mutex, mpsc};
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
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("openpty");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_mde-triage"));
        cmd.args(args);
        isolate(&mut cmd, home);
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = pair.slave.spawn_command(cmd).expect("spawn the binary");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("reader");
        let writer = pair.master.take_writer().expect("writer");
        let seen = Arc::new((
            Mutex::new(Seen {
                parser: vt100::Parser::new_with_callbacks(rows, cols, 0, Effects::default()),
                raw: Vec::new(),
                eof: false,
            }),
            Condvar::new(),
        ));
        let feed = seen.clone();
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            loop {
                let n = reader.read(&mut buf).unwrap_or(0);
                let (lock, cv) = &*feed;
                let mut s = lock.lock().unwrap();
                if n == 0 {
                    s.eof = true;
                    cv.notify_all();
                    return;
                }
                s.parser.process(&buf[..n]);
                s.raw.extend_from_slice(&buf[..n]);
                cv.notify_all();
            }
        });
        Session {
            child,
            writer,
            seen,
            _master: pair.master,
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

    /// Waits for the child to exit (a thread blocks in `wait`), then for the last of its output.
    pub fn wait_exit(mut self) -> (portable_pty::ExitStatus, Seen) {
        let (tx, rx) = mpsc::channel();
        let mut child = self.child;
        std::thread::spawn(move || {
            let _ = tx.send(child.wait());
        });
        let status = rx
            .recv_timeout(DEADLINE)
            .expect("the binary exits in time")
            .expect("exit status");
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
