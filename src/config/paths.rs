//! Where mde-triage keeps its files: XDG directories through the `directories` crate, with
//! environment overrides so tests and packagers can move them.

use std::path::{Path, PathBuf};

/// The environment variable that names the config file explicitly.
pub const CONFIG_ENV: &str = "MDE_TRIAGE_CONFIG";

/// The file, data and log locations in use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paths {
    /// The config file (it may not exist).
    pub config_file: PathBuf,
    /// True when the config file was named explicitly (flag or env), so a missing file is an error.
    pub config_explicit: bool,
    /// Directory for the per-profile stores.
    pub data_dir: PathBuf,
    /// Directory for the log file.
    pub state_dir: PathBuf,
}

impl Paths {
    /// Resolves the paths: `--config` wins over `MDE_TRIAGE_CONFIG`, which wins over the XDG default.
    pub fn resolve(config_flag: Option<&Path>) -> Paths {
        let env_config = std::env::var_os(CONFIG_ENV)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from);
        let dirs = directories::ProjectDirs::from("", "", "mde-triage");
        let (default_config, data_dir, state_dir) = match &dirs {
            Some(d) => (
                d.config_dir().join("config.toml"),
                d.data_dir().to_path_buf(),
                // state_dir exists on Linux only; elsewhere the local data dir is the right home for logs.
                d.state_dir()
                    .map(Path::to_path_buf)
                    .unwrap_or_else(|| d.data_local_dir().to_path_buf()),
            ),
            // No home directory at all (a bare container): fall back to the working directory.
            None => (
                PathBuf::from("mde-triage.toml"),
                PathBuf::from(".mde-triage"),
                PathBuf::from(".mde-triage"),
            ),
        };
        let (config_file, config_explicit) = match (config_flag, env_config) {
            (Some(p), _) => (p.to_path_buf(), true),
            (None, Some(p)) => (p, true),
            (None, None) => (default_config, false),
        };
        Paths {
            config_file,
            config_explicit,
            data_dir,
            state_dir,
        }
    }

    /// The log file.
    pub fn log_file(&self) -> PathBuf {
        self.state_dir.join("mde-triage.log")
    }
}
