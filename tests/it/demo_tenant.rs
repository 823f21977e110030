//! The emulator with the demo tenant in the test's process, and the real binary signed in to
//! it: what the scripting suites (`cli_scripting`, `cli_watch`, `e2e_quit_queued`) share.

use super::pty::Session;
use mde_emulator::{EmulatorConfig, EmulatorHandle};
use mde_model::Alert;
use std::path::Path;
use std::process::{Command, Output, Stdio};

/// The demo tenant's analyst with the most alerts assigned: `assigned:me` has something to find.
pub const ME: &str = "dmitri.soc@contoso.com";

/// The emulator with the demo tenant, in this process.
pub struct Demo {
    rt: tokio::runtime::Runtime,
    emu: Option<EmulatorHandle>,
}

impl Demo {
    pub fn start() -> Demo {
        let rt = tokio::runtime::Runtime::new().unwrap();
        let emu = rt
            .block_on(mde_emulator::spawn(EmulatorConfig {
                alerts: 120,
                rate_limits: None,
                ..EmulatorConfig::default()
            }))
            .unwrap();
        Demo { rt, emu: Some(emu) }
    }

    pub fn emu(&self) -> &EmulatorHandle {
        self.emu.as_ref().unwrap()
    }

    pub fn env(&self) -> Vec<(&'static str, String)> {
        let app = EmulatorConfig::default().app;
        vec![
            ("MDE_API_URL", self.emu().base_url()),
            ("MDE_LOGIN_URL", self.emu().login_url()),
            ("AZURE_TENANT_ID", self.emu().tenant().to_string()),
            ("AZURE_CLIENT_ID", app.client_id),
            ("AZURE_CLIENT_SECRET", app.secret),
            ("MDE_TRIAGE_IDENTITY", ME.to_string()),
        ]
    }

    /// The binary with a private home, signed in to the emulator.
    pub fn command(&self, home: &Path, args: &[&str]) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_mde-triage"));
        cmd.args(args)
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", home)
            .env("XDG_CONFIG_HOME", home.join("config"))
            .env("XDG_DATA_HOME", home.join("data"))
            .env("XDG_STATE_HOME", home.join("state"))
            .stdin(Stdio::null());
        for (k, v) in self.env() {
            cmd.env(k, v);
        }
        cmd
    }

    pub fn run(&self, home: &Path, args: &[&str]) -> Output {
        self.command(home, args).output().expect("binary runs")
    }

    /// `alerts …` in a pty `cols` wide: what it printed, line by line.
    pub fn run_in_terminal(&self, home: &Path, args: &[&str], cols: u16) -> Vec<String> {
        let env = self.env();
        let s = Session::start_env(args, home, cols, 50, &env);
        let (status, seen) = s.wait_exit();
        assert!(status.success(), "{status:?}");
        String::from_utf8_lossy(&seen.raw)
            .split('\n')
            .map(|l| l.trim_end_matches('\r').to_string())
            .filter(|l| !l.is_empty())
            .collect()
    }

    pub fn alerts(&self) -> Vec<Alert> {
        let emu = self.emu();
        emu.alert_ids()
            .iter()
            .filter_map(|id| emu.alert(id))
            .collect()
    }

    /// `POST /_emulator/alerts`: the service gains (or changes) an alert.
    pub fn add(&self, alert: &serde_json::Value) {
        let url = format!("{}/_emulator/alerts", self.emu().base_url());
        let body = alert.to_string();
        let status = self.rt.block_on(async {
            reqwest::Client::new()
                .post(url)
                .header("content-type", "application/json")
                .body(body)
                .send()
                .await
                .map(|r| r.status())
        });
        assert!(status.unwrap().is_success());
    }

    /// `PUT /_emulator/faults`.
    pub fn faults(&self, json: &str) {
        let url = format!("{}/_emulator/faults", self.emu().base_url());
        let body = json.to_string();
        let status = self.rt.block_on(async {
            reqwest::Client::new()
                .put(url)
                .body(body)
                .send()
                .await
                .map(|r| r.status())
        });
        assert!(status.unwrap().is_success());
    }
}

impl Drop for Demo {
    fn drop(&mut self) {
        if let Some(emu) = self.emu.take() {
            self.rt.block_on(emu.shutdown());
        }
    }
}
