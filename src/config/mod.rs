//! The TOML configuration: named profiles, each describing one tenant and how to sign in to it.
//! Secrets are never stored here; a profile points at a secret file or a secret command instead.

mod backend;
pub mod check;
pub mod convert;
pub mod keymap_table;
pub mod layers;
#[cfg(test)]
mod layers_tests;
mod paths;
mod profile;
pub mod schema;
pub mod sections;
mod validate;

pub use backend::ApiBackend;
pub use paths::{CONFIG_ENV, Paths};
pub use profile::{AuthMethod, Profile, TimeDisplay};

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The name used when neither `--profile` nor `default_profile` names one.
pub const DEFAULT_PROFILE: &str = "default";

/// The whole config file.
#[derive(Debug, Clone, Default, PartialEq, serde::Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "mde-triage configuration")]
pub struct Config {
    /// The profile used when `--profile` is not given.
    #[serde(default)]
    pub default_profile: Option<String>,
    /// Profiles by name.
    #[serde(default)]
    pub profiles: BTreeMap<String, Profile>,
    // Operating on a rotation (issue 12); see `sections.rs`.
    /// The view the console opens with (a built-in or one of `[views]`).
    #[serde(default)]
    pub default_view: Option<String>,
    /// Time zone for every profile: utc, local, +02:00, or an IANA name like Europe/London.
    #[serde(default)]
    pub time_zone: Option<String>,
    /// Key remaps.
    #[serde(default)]
    pub keys: sections::KeysSection,
    /// Colours per role.
    #[serde(default)]
    pub theme: sections::ThemeSection,
    /// Saved views by name.
    #[serde(default)]
    pub views: BTreeMap<String, sections::ViewSection>,
    /// SLA targets per severity.
    #[serde(default)]
    pub sla: sections::SlaSection,
    /// New-alert notifications.
    #[serde(default)]
    pub notify: sections::NotifySection,
}

/// Why the config could not be used. Every variant names the file.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The file could not be read.
    #[error("cannot read config file {path}")]
    Read {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
    /// The file is not valid TOML for this schema; the message carries line, column and key.
    #[error("invalid config file {path}:\n{message}")]
    Parse {
        /// The file.
        path: PathBuf,
        /// toml's message with the offending span, plus a hint where one helps.
        message: String,
    },
    /// A value parsed but is not acceptable.
    #[error("invalid config file {path}: {key}: {problem}")]
    Invalid {
        /// The file.
        path: PathBuf,
        /// Dotted key, e.g. `profiles.prod.poll_interval_secs`.
        key: String,
        /// What is wrong.
        problem: String,
    },
    /// The profile asked for does not exist.
    #[error("no profile {name:?} in {path} (known: {known})")]
    UnknownProfile {
        /// The file.
        path: PathBuf,
        /// The profile asked for.
        name: String,
        /// The profiles that exist, comma-separated.
        known: String,
    },
}

impl Config {
    /// Parses config text; `path` is only used in error messages.
    pub fn parse(text: &str, path: &Path) -> Result<Config, ConfigError> {
        let config: Config = toml::from_str(text).map_err(|e| ConfigError::Parse {
            path: path.to_path_buf(),
            message: with_hint(e.to_string()),
        })?;
        for (name, profile) in &config.profiles {
            profile
                .validate()
                .map_err(|(field, problem)| ConfigError::Invalid {
                    path: path.to_path_buf(),
                    key: format!("profiles.{name}.{field}"),
                    problem,
                })?;
        }
        if let Some(name) = &config.default_profile
            && !config.profiles.contains_key(name)
            && name != DEFAULT_PROFILE
        {
            return Err(ConfigError::Invalid {
                path: path.to_path_buf(),
                key: "default_profile".into(),
                problem: format!("names {name:?}, which has no [profiles.{name}] table"),
            });
        }
        Ok(config)
    }

    /// Loads the file at `paths.config_file`. A missing default file is an empty config; a missing
    /// file that was named explicitly is an error.
    pub fn load(paths: &Paths) -> Result<Config, ConfigError> {
        match std::fs::read_to_string(&paths.config_file) {
            Ok(text) => Config::parse(&text, &paths.config_file),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && !paths.config_explicit => {
                Ok(Config::default())
            }
            Err(source) => Err(ConfigError::Read {
                path: paths.config_file.clone(),
                source,
            }),
        }
    }

    /// The profile to use: the one named, else `default_profile`, else `default` (which may be
    /// absent from the file: it then means "everything from the environment").
    pub fn profile(
        &self,
        name: Option<&str>,
        path: &Path,
    ) -> Result<(String, Profile), ConfigError> {
        let name = name
            .map(str::to_string)
            .or_else(|| self.default_profile.clone())
            .unwrap_or_else(|| DEFAULT_PROFILE.to_string());
        match self.profiles.get(&name) {
            Some(p) => Ok((name, p.clone())),
            None if name == DEFAULT_PROFILE => Ok((name, Profile::default())),
            None => Err(ConfigError::UnknownProfile {
                path: path.to_path_buf(),
                known: if self.profiles.is_empty() {
                    "none".into()
                } else {
                    self.profiles.keys().cloned().collect::<Vec<_>>().join(", ")
                },
                name,
            }),
        }
    }
}

/// Adds a pointer to the right place when someone tries to put a secret in the file.
fn with_hint(message: String) -> String {
    let secretish = ["client_secret", "secret =", "password", "token"];
    if message.contains("unknown field") && secretish.iter().any(|s| message.contains(s)) {
        format!(
            "{message}\nhint: secrets are not kept in the config file; use AZURE_CLIENT_SECRET, \
             `secret_file = \"...\"` or `secret_command = \"...\"`"
        )
    } else {
        message
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, ConfigError> {
        Config::parse(text, Path::new("/etc/x/config.toml"))
    }

    #[test]
    fn full_profile_parses_with_defaults_filled() {
        let c = parse(
            r#"
            default_profile = "prod"
            [profiles.prod]
            tenant_id = "t"
            client_id = "c"
            auth = "device_code"
            region = "eu"
            identity = "me@contoso.com"
            time_display = "local"
            "#,
        )
        .unwrap();
        let (name, p) = c.profile(None, Path::new("x")).unwrap();
        assert_eq!(name, "prod");
        assert_eq!(p.auth, AuthMethod::DeviceCode);
        assert_eq!(p.region.as_deref(), Some("eu"));
        assert_eq!(p.time_display, TimeDisplay::Local);
        assert_eq!(p.poll_interval_secs, 60);
        assert_eq!(p.poll_calls_per_minute, 20);
        assert!(!p.read_only);
    }

    #[test]
    fn unknown_key_names_file_line_and_key() {
        let e = parse("[profiles.prod]\ntenant_id = \"t\"\npoll_intervall = 5\n").unwrap_err();
        let msg = e.to_string();
        assert!(msg.contains("/etc/x/config.toml"), "{msg}");
        assert!(msg.contains("line 3"), "{msg}");
        assert!(msg.contains("poll_intervall"), "{msg}");
        assert!(
            msg.contains("poll_interval_secs"),
            "suggests the valid keys: {msg}"
        );
    }

    #[test]
    fn a_secret_in_the_file_is_refused_with_a_hint() {
        let e = parse("[profiles.p]\nclient_secret = \"hunter2\"\n").unwrap_err();
        let msg = e.to_string();
        assert!(msg.contains("secret_command"), "{msg}");
    }

    #[test]
    fn bad_values_name_the_key() {
        let e = parse("[profiles.p]\nauth = \"password\"\n")
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("line 2") && e.contains("client_credentials"),
            "{e}"
        );
        let e = parse("[profiles.p]\npoll_interval_secs = 1\n")
            .unwrap_err()
            .to_string();
        assert!(e.contains("profiles.p.poll_interval_secs"), "{e}");
        let e = parse("[profiles.p]\npoll_calls_per_minute = 500\n")
            .unwrap_err()
            .to_string();
        assert!(e.contains("profiles.p.poll_calls_per_minute"), "{e}");
        let e = parse("[profiles.p]\nsecret_file = \"a\"\nsecret_command = \"b\"\n")
            .unwrap_err()
            .to_string();
        assert!(e.contains("profiles.p.secret_command"), "{e}");
        let e = parse("default_profile = \"nope\"\n")
            .unwrap_err()
            .to_string();
        assert!(e.contains("default_profile"), "{e}");
        let e = parse("this is not toml").unwrap_err().to_string();
        assert!(e.contains("line 1"), "{e}");
    }

    #[test]
    fn missing_profile_lists_the_known_ones_and_default_may_be_absent() {
        let c = parse("[profiles.a]\n[profiles.b]\n").unwrap();
        let e = c
            .profile(Some("c"), Path::new("f"))
            .unwrap_err()
            .to_string();
        assert!(e.contains("\"c\"") && e.contains("a, b"), "{e}");
        let (name, p) = c.profile(None, Path::new("f")).unwrap();
        assert_eq!((name.as_str(), p), ("default", Profile::default()));
    }

    #[test]
    fn missing_file_is_empty_unless_named_explicitly() {
        let dir = tempfile::tempdir().unwrap();
        let mut paths = Paths {
            config_file: dir.path().join("absent.toml"),
            config_explicit: false,
            data_dir: dir.path().into(),
            state_dir: dir.path().into(),
        };
        assert_eq!(Config::load(&paths).unwrap(), Config::default());
        paths.config_explicit = true;
        let e = Config::load(&paths).unwrap_err().to_string();
        assert!(e.contains("absent.toml"), "{e}");
    }
}
