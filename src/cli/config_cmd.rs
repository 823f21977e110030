//! `mde-triage config schema|check`: neither needs a valid config to run (checking one is the
//! point), so they run before the profile is loaded.

use super::rotation_args::ConfigCommand;
use crate::config::check::check_text;
use crate::config::{ConfigError, Paths};
use std::io::Write;
use std::path::Path;

/// Runs a `config` subcommand; `config_flag` is `--config`.
pub fn run(action: &ConfigCommand, config_flag: Option<&Path>) -> anyhow::Result<()> {
    match action {
        ConfigCommand::Schema => {
            let text = serde_json::to_string_pretty(&crate::config::schema::schema())?;
            let mut out = std::io::stdout().lock();
            super::alerts_cmd::reader_gone_is_fine(
                writeln!(out, "{text}").and_then(|()| out.flush()),
            )?;
            Ok(())
        }
        ConfigCommand::Check { file } => {
            let path = match file {
                Some(f) => f.clone(),
                None => Paths::resolve(config_flag).config_file,
            };
            let text = std::fs::read_to_string(&path).map_err(|source| ConfigError::Read {
                path: path.clone(),
                source,
            })?;
            let name = path.display().to_string();
            match check_text(&text, &name) {
                Ok(c) => {
                    println!(
                        "{name}: ok ({} profile(s), {} view(s), {} key remap(s))",
                        c.profiles.len(),
                        c.views.len(),
                        crate::config::convert::remap(&c.keys)
                            .map(|r| r.rebinds.len())
                            .unwrap_or(0)
                    );
                    Ok(())
                }
                Err(report) => Err(ConfigError::Parse {
                    path,
                    message: format!("{report}\n{} mistake(s)", report.issues.len()),
                }
                .into()),
            }
        }
    }
}
