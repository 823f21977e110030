//! The private temporary directory an offline file's scratch store lives in (`--file`). It is
//! removed on the way out; one left by a session that crashed or was killed (up to the size of
//! the export's store, 0.7 GB for 100k alerts) is removed by the next `--file` start: each
//! directory names the process that made it, and one whose process is gone is swept.

use anyhow::Context;
use std::path::Path;
use std::time::{Duration, SystemTime};
use tempfile::TempDir;

/// The directories' name prefix, in `$TMPDIR`.
const PREFIX: &str = "mde-triage-file-";
/// The file inside naming the process that made the directory.
const OWNER: &str = "owner.pid";
/// A directory without its owner file is left alone this long (it may be being made now).
const YOUNG: Duration = Duration::from_secs(600);

/// Sweeps what crashed sessions left in `$TMPDIR`, then makes this session's directory
/// (readable by this user only: the export's alerts are sensitive).
pub fn create() -> anyhow::Result<TempDir> {
    let tmp = std::env::temp_dir();
    for left in sweep(&tmp, SystemTime::now(), alive) {
        tracing::info!(dir = %left.display(), "removed a crashed session's offline file store");
    }
    let dir = tempfile::Builder::new()
        .prefix(PREFIX)
        .tempdir_in(&tmp)
        .context("creating a temporary directory for the file's store (TMPDIR)")?;
    std::fs::write(dir.path().join(OWNER), std::process::id().to_string())
        .context("writing the temporary directory's owner file")?;
    Ok(dir)
}

/// Removes the directories in `tmp` that this user's `--file` sessions made and whose process
/// is no longer `alive` (or, without a readable owner file, that are older than `YOUNG` at
/// `now`); the ones removed. What cannot be read or removed is left as it is.
fn sweep(tmp: &Path, now: SystemTime, alive: impl Fn(u32) -> bool) -> Vec<std::path::PathBuf> {
    let Ok(entries) = std::fs::read_dir(tmp) else {
        return Vec::new();
    };
    let mut removed = Vec::new();
    for entry in entries.flatten() {
        let is_ours = entry.file_name().to_string_lossy().starts_with(PREFIX)
            && entry.metadata().is_ok_and(|m| m.is_dir() && mine(&m));
        if !is_ours {
            continue;
        }
        let path = entry.path();
        let owner = std::fs::read_to_string(path.join(OWNER))
            .ok()
            .and_then(|pid| pid.trim().parse::<u32>().ok());
        let stale = match owner {
            Some(pid) => !alive(pid),
            None => entry
                .metadata()
                .and_then(|m| m.modified())
                .is_ok_and(|t| now.duration_since(t).is_ok_and(|age| age > YOUNG)),
        };
        if stale && std::fs::remove_dir_all(&path).is_ok() {
            removed.push(path);
        }
    }
    removed
}

/// True when the directory belongs to this user (another user's is never touched).
fn mine(m: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    // SAFETY: getuid has no preconditions and cannot fail.
    m.uid() == unsafe { libc::getuid() }
}

/// True when a process with this id exists (a signal 0 reaches it, or it is another user's).
fn alive(pid: u32) -> bool {
    let Ok(pid) = libc::pid_t::try_from(pid) else {
        return false;
    };
    // SAFETY: kill with signal 0 only checks that the process exists; it sends nothing.
    let sent = unsafe { libc::kill(pid, 0) } == 0;
    sent || std::io::Error::last_os_error().raw_os_error() != Some(libc::ESRCH)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(tmp: &Path, name: &str, owner: Option<&str>) -> std::path::PathBuf {
        let dir = tmp.join(format!("{PREFIX}{name}"));
        std::fs::create_dir(&dir).unwrap();
        std::fs::write(dir.join("file.sqlite3"), b"pages").unwrap();
        if let Some(pid) = owner {
            std::fs::write(dir.join(OWNER), pid).unwrap();
        }
        dir
    }

    #[test]
    fn a_directory_whose_process_is_gone_is_swept_and_the_rest_are_kept() {
        let tmp = tempfile::tempdir().unwrap();
        let gone = scratch(tmp.path(), "gone", Some("41"));
        let running = scratch(tmp.path(), "running", Some("42"));
        let unnamed = scratch(tmp.path(), "unnamed", None);
        let garbled = scratch(tmp.path(), "garbled", Some("not a pid"));
        let other = tmp.path().join("someone-else-41");
        std::fs::create_dir(&other).unwrap();
        let alive = |pid| pid == 42;
        assert_eq!(
            sweep(tmp.path(), SystemTime::now(), alive),
            std::slice::from_ref(&gone)
        );
        assert!(!gone.exists());
        for kept in [&running, &unnamed, &garbled, &other] {
            assert!(kept.exists(), "{}", kept.display());
        }
        // An owner file never written or unreadable: the directory goes once it is old.
        let later = SystemTime::now() + YOUNG + Duration::from_secs(1);
        let mut swept = sweep(tmp.path(), later, alive);
        swept.sort();
        assert_eq!(swept, [garbled.clone(), unnamed.clone()]);
        assert!(running.exists() && other.exists());
    }

    #[test]
    fn this_process_is_alive_and_a_pid_beyond_the_range_is_not() {
        assert!(alive(std::process::id()));
        assert!(!alive(u32::MAX));
    }
}
