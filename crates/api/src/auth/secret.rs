//! Secrets and where they come from. A client secret is never a command-line flag (argv is
//! visible to every local user): it comes from the environment, a file, or a command such as
//! `pass show mde`, run without a shell.

use super::error::AuthError;
use std::fmt;
use std::path::PathBuf;
use std::process::Stdio;
use std::time::Duration;

/// A string that must not be shown: `Debug` and `Display` print a placeholder.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// Wraps a secret value.
    pub fn new(s: impl Into<String>) -> Self {
        Secret(s.into())
    }

    /// The value, for the one place that must send it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(<redacted>)")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

/// Where a client secret is read from, each time a token is requested (so rotation needs no restart).
#[derive(Clone, PartialEq, Eq)]
pub enum SecretSource {
    /// A value already read (AZURE_CLIENT_SECRET, tests).
    Value(Secret),
    /// A file holding the secret; surrounding whitespace is ignored.
    File(PathBuf),
    /// A program and its arguments, run without a shell; the first line of stdout is the secret.
    Command(Vec<String>),
}

impl fmt::Debug for SecretSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SecretSource::Value(_) => f.write_str("Value(<redacted>)"),
            SecretSource::File(p) => f.debug_tuple("File").field(p).finish(),
            SecretSource::Command(argv) => f.debug_tuple("Command").field(argv).finish(),
        }
    }
}

/// How long a secret command may take (a password manager may ask for a passphrase).
const COMMAND_TIMEOUT: Duration = Duration::from_secs(60);

impl SecretSource {
    /// Reads the secret now.
    pub async fn read(&self) -> Result<Secret, AuthError> {
        let value = match self {
            SecretSource::Value(s) => return Ok(s.clone()),
            SecretSource::File(path) => tokio::fs::read_to_string(path)
                .await
                .map_err(|e| AuthError::Secret(format!("{}: {e}", path.display())))?
                .trim()
                .to_string(),
            SecretSource::Command(argv) => run_command(argv).await?,
        };
        if value.is_empty() {
            return Err(AuthError::Secret("the secret is empty".into()));
        }
        Ok(Secret(value))
    }
}

async fn run_command(argv: &[String]) -> Result<String, AuthError> {
    let (program, args) = argv
        .split_first()
        .ok_or_else(|| AuthError::Secret("empty secret command".into()))?;
    let child = tokio::process::Command::new(program)
        .args(args)
        .stdin(Stdio::inherit())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .map_err(|e| AuthError::Secret(format!("cannot run {program:?}: {e}")))?;
    let out = tokio::time::timeout(COMMAND_TIMEOUT, child.wait_with_output())
        .await
        .map_err(|_| {
            AuthError::Secret(format!("{program:?} did not finish in {COMMAND_TIMEOUT:?}"))
        })?
        .map_err(|e| AuthError::Secret(format!("{program:?}: {e}")))?;
    if !out.status.success() {
        // stderr only: stdout may hold part of the secret.
        let err: String = String::from_utf8_lossy(&out.stderr)
            .trim()
            .chars()
            .take(200)
            .collect();
        return Err(AuthError::Secret(format!(
            "{program:?} failed ({}): {err}",
            out.status
        )));
    }
    let stdout = String::from_utf8(out.stdout)
        .map_err(|_| AuthError::Secret(format!("{program:?} printed non-UTF-8 output")))?;
    Ok(stdout.lines().next().unwrap_or("").trim().to_string())
}

/// Splits a command line into words the way a POSIX shell would for plain words, single and
/// double quotes and backslash escapes — without expansions, pipes or redirections.
pub fn split_command(line: &str) -> Result<Vec<String>, AuthError> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut in_word = false;
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            c if c.is_whitespace() => {
                if in_word {
                    words.push(std::mem::take(&mut word));
                    in_word = false;
                }
            }
            '\'' => {
                in_word = true;
                loop {
                    match chars.next() {
                        Some('\'') => break,
                        Some(c) => word.push(c),
                        None => {
                            return Err(AuthError::Secret(
                                "unterminated ' in secret command".into(),
                            ));
                        }
                    }
                }
            }
            '"' => {
                in_word = true;
                loop {
                    match chars.next() {
                        Some('"') => break,
                        Some('\\') => match chars.next() {
                            Some(c @ ('"' | '\\' | '$' | '`')) => word.push(c),
                            Some(c) => {
                                word.push('\\');
                                word.push(c);
                            }
                            None => {
                                return Err(AuthError::Secret(
                                    "unterminated \" in secret command".into(),
                                ));
                            }
                        },
                        Some(c) => word.push(c),
                        None => {
                            return Err(AuthError::Secret(
                                "unterminated \" in secret command".into(),
                            ));
                        }
                    }
                }
            }
            '\\' => {
                in_word = true;
                if let Some(c) = chars.next() {
                    word.push(c);
                }
            }
            c => {
                in_word = true;
                word.push(c);
            }
        }
    }
    if in_word {
        words.push(word);
    }
    if words.is_empty() {
        return Err(AuthError::Secret("empty secret command".into()));
    }
    Ok(words)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_split_without_a_shell() {
        assert_eq!(
            split_command("pass show mde").unwrap(),
            ["pass", "show", "mde"]
        );
        assert_eq!(
            split_command(r#"  op read 'op://vault/mde app/secret' "a \"b\"" c\ d $HOME;x "#)
                .unwrap(),
            [
                "op",
                "read",
                "op://vault/mde app/secret",
                "a \"b\"",
                "c d",
                "$HOME;x"
            ]
        );
        assert_eq!(split_command("x ''").unwrap(), ["x", ""]);
        assert!(split_command("   ").is_err());
        assert!(split_command("pass 'show").is_err());
    }

    #[tokio::test]
    async fn secrets_are_read_from_file_and_command() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("secret");
        std::fs::write(&path, "  s3cret\n").unwrap();
        assert_eq!(
            SecretSource::File(path).read().await.unwrap().expose(),
            "s3cret"
        );
        let cmd = SecretSource::Command(split_command("printf 'line1\\nline2'").unwrap());
        assert_eq!(cmd.read().await.unwrap().expose(), "line1");
        // `;` is an argument, not a command separator: no shell is involved.
        let cmd = SecretSource::Command(split_command("echo a; false").unwrap());
        assert_eq!(cmd.read().await.unwrap().expose(), "a; false");
        let failing = SecretSource::Command(vec!["false".into()]);
        assert!(matches!(failing.read().await, Err(AuthError::Secret(_))));
        let missing = SecretSource::File(dir.path().join("nope"));
        assert!(matches!(missing.read().await, Err(AuthError::Secret(_))));
    }

    #[test]
    fn debug_never_shows_the_secret() {
        let s = SecretSource::Value(Secret::new("hunter2"));
        assert!(!format!("{s:?}").contains("hunter2"));
        assert!(
            !format!("{:?} {}", Secret::new("hunter2"), Secret::new("hunter2")).contains("hunter2")
        );
    }
}
