//! `mde-triage info`: where things are and what is in use. Never secrets: for the secret it
//! says only where it would come from.

use super::context::Context;
use crate::config::AuthMethod;

/// The lines `info` prints.
pub fn lines(ctx: &Context) -> Vec<(&'static str, String)> {
    let p = &ctx.profile;
    let secret = if std::env::var_os("AZURE_CLIENT_SECRET").is_some_and(|v| !v.is_empty()) {
        "AZURE_CLIENT_SECRET (set)".to_string()
    } else if let Some(f) = &p.secret_file {
        format!("file {}", f.display())
    } else if let Some(c) = &p.secret_command {
        // Only the program name: arguments can carry a vault path someone considers sensitive.
        format!("command {}", c.split_whitespace().next().unwrap_or(""))
    } else {
        "none configured".to_string()
    };
    let auth = match p.auth {
        AuthMethod::ClientCredentials => format!("client_credentials (secret: {secret})"),
        AuthMethod::DeviceCode => "device_code".into(),
        AuthMethod::AzureCli => "azure_cli".into(),
    };
    let or_dash = |s: Option<String>| s.unwrap_or_else(|| "-".into());
    vec![
        ("version", env!("CARGO_PKG_VERSION").to_string()),
        (
            "config file",
            format!(
                "{}{}",
                ctx.paths.config_file.display(),
                if ctx.paths.config_file.exists() {
                    ""
                } else {
                    " (absent)"
                }
            ),
        ),
        ("profile", ctx.profile_name.clone()),
        (
            "store",
            ctx.store_path()
                .map(|p| p.display().to_string())
                .unwrap_or_else(|e| format!("unavailable: {e}")),
        ),
        ("log file", ctx.paths.log_file().display().to_string()),
        ("api", ctx.hosts.api.clone()),
        ("login", ctx.hosts.login.clone()),
        (
            "tenant",
            or_dash(
                std::env::var("AZURE_TENANT_ID")
                    .ok()
                    .or(p.tenant_id.clone()),
            ),
        ),
        (
            "client id",
            or_dash(
                std::env::var("AZURE_CLIENT_ID")
                    .ok()
                    .or(p.client_id.clone()),
            ),
        ),
        ("auth", auth),
        ("identity", or_dash(ctx.identity())),
        ("read-only", ctx.read_only.to_string()),
        (
            "poll",
            format!(
                "every {} s, at most {} calls/min",
                p.poll_interval_secs, p.poll_calls_per_minute
            ),
        ),
    ]
}

/// Prints `info`.
pub fn run(ctx: &Context) {
    for (k, v) in lines(ctx) {
        println!("{k:<12} {}", mde_text::sanitize_line(&v).text);
    }
}
