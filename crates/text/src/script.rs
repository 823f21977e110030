//! Mixed-script detection: Cyrillic, Greek and other look-alike letters hiding among Latin ones
//! (`svchоst.exe` with a Cyrillic `о`, MITRE T1036.003). Comparisons elsewhere stay on the raw
//! string; this only raises a flag and names the odd letters.

/// A script that matters for look-alike detection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Script {
    /// Basic and extended Latin, IPA.
    Latin,
    /// Cyrillic (many letters identical to Latin ones).
    Cyrillic,
    /// Greek.
    Greek,
    /// Armenian (`օ`, `ս`).
    Armenian,
    /// Cherokee (capitals that look like Latin ones).
    Cherokee,
    /// Full-width Latin forms (`ｅｘｅ`, `．`).
    Fullwidth,
    /// Mathematical alphanumerics (`𝐩𝐨𝐰𝐞𝐫𝐬𝐡𝐞𝐥𝐥`).
    Math,
    /// Any other letter (CJK, Arabic, …): mixing it with Latin is normal.
    Other,
}

impl Script {
    /// English name for warnings.
    pub fn name(self) -> &'static str {
        match self {
            Script::Latin => "Latin",
            Script::Cyrillic => "Cyrillic",
            Script::Greek => "Greek",
            Script::Armenian => "Armenian",
            Script::Cherokee => "Cherokee",
            Script::Fullwidth => "full-width",
            Script::Math => "mathematical",
            Script::Other => "other",
        }
    }

    fn bit(self) -> u8 {
        match self {
            Script::Latin => 1,
            Script::Cyrillic => 2,
            Script::Greek => 4,
            Script::Armenian => 8,
            Script::Cherokee => 16,
            Script::Fullwidth => 32,
            Script::Math => 64,
            Script::Other => 0,
        }
    }

    /// Scripts whose letters pass for Latin ones.
    fn is_lookalike_script(self) -> bool {
        !matches!(self, Script::Latin | Script::Other)
    }
}

/// The script of a letter or digit; `None` for digits, punctuation and separators.
pub fn script_of(c: char) -> Option<Script> {
    let cp = c as u32;
    let s = match cp {
        0x41..=0x5A | 0x61..=0x7A => Script::Latin,
        0x30..=0x39 => return None,
        0xC0..=0x24F
        | 0x250..=0x2AF
        | 0x1E00..=0x1EFF
        | 0x2C60..=0x2C7F
        | 0xA720..=0xA7FF
        | 0xAB30..=0xAB6F
            if c.is_alphabetic() =>
        {
            Script::Latin
        }
        0x370..=0x3FF | 0x1F00..=0x1FFF => Script::Greek,
        0x400..=0x52F | 0x1C80..=0x1C8F | 0x2DE0..=0x2DFF | 0xA640..=0xA69F => Script::Cyrillic,
        0x530..=0x58F => Script::Armenian,
        0x13A0..=0x13FF | 0xAB70..=0xABBF => Script::Cherokee,
        // Full-width ASCII, punctuation included: `invoice．exe` spoofs the dot.
        0xFF01..=0xFF5E => Script::Fullwidth,
        0x1D400..=0x1D7FF => Script::Math,
        _ if c.is_alphabetic() => Script::Other,
        _ => return None,
    };
    Some(s)
}

/// Letters of other scripts that are indistinguishable from Latin ones in most fonts.
fn is_latin_lookalike(c: char) -> bool {
    matches!(
        c,
        // Cyrillic
        'а' | 'е' | 'о' | 'р' | 'с' | 'у' | 'х' | 'ѕ' | 'і' | 'ј' | 'һ' | 'ԁ' | 'ԛ' | 'ԝ' | 'ӏ'
            | 'ү' | 'А' | 'В' | 'Е' | 'К' | 'М' | 'Н' | 'О' | 'Р' | 'С' | 'Т' | 'Х' | 'Ѕ' | 'І'
            | 'Ј' | 'Ԛ' | 'Ԝ' | 'Ү'
            // Greek
            | 'ο' | 'ρ' | 'ι' | 'ϲ' | 'ϳ' | 'ν' | 'Α' | 'Β' | 'Ε' | 'Ζ' | 'Η' | 'Ι' | 'Κ' | 'Μ'
            | 'Ν' | 'Ο' | 'Ρ' | 'Τ' | 'Υ' | 'Χ'
            // Armenian
            | 'օ' | 'ս' | 'ց' | 'հ' | 'ո'
    ) || matches!(
        script_of(c),
        Some(Script::Fullwidth | Script::Math | Script::Cherokee)
    )
}

/// Streaming detector fed one character at a time by the sanitiser.
#[derive(Debug, Default, Clone)]
pub struct ScriptScan {
    token_bits: u8,
    token_lookalike_only: bool,
    token_has_letter: bool,
    has_latin: bool,
    mixed: bool,
    lookalike_token: bool,
}

impl ScriptScan {
    /// Feeds the next character of the raw string.
    pub fn feed(&mut self, c: char) {
        match script_of(c) {
            Some(s) => {
                if !self.token_has_letter {
                    self.token_has_letter = true;
                    self.token_lookalike_only = true;
                }
                self.token_bits |= s.bit();
                if s == Script::Latin {
                    self.has_latin = true;
                }
                if !(s.is_lookalike_script() && is_latin_lookalike(c)) {
                    self.token_lookalike_only = false;
                }
            }
            None if c.is_ascii_digit() => {}
            None => self.end_token(),
        }
    }

    fn end_token(&mut self) {
        if self.token_bits.count_ones() >= 2 {
            self.mixed = true;
        }
        if self.token_has_letter && self.token_lookalike_only {
            self.lookalike_token = true;
        }
        self.token_bits = 0;
        self.token_has_letter = false;
        self.token_lookalike_only = false;
    }

    /// True when one word mixes scripts, or a word made only of Latin look-alikes sits in Latin
    /// text (`report.ехе` with a Cyrillic extension).
    pub fn finish(mut self) -> bool {
        self.end_token();
        self.mixed || (self.lookalike_token && self.has_latin)
    }
}

/// True when `s` mixes scripts in a way that suggests look-alike letters.
pub fn is_mixed_script(s: &str) -> bool {
    if s.is_ascii() {
        return false;
    }
    let mut scan = ScriptScan::default();
    s.chars().for_each(|c| scan.feed(c));
    scan.finish()
}

/// The distinct non-Latin look-alike letters of `s`, in order of appearance (at most `max`).
pub fn lookalike_letters(s: &str, max: usize) -> Vec<(char, Script)> {
    let mut found: Vec<(char, Script)> = Vec::new();
    for c in s.chars() {
        if found.len() >= max {
            break;
        }
        if let Some(sc) = script_of(c)
            && sc.is_lookalike_script()
            && !found.iter().any(|(f, _)| *f == c)
        {
            found.push((c, sc));
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cyrillic_o_in_svchost_is_mixed() {
        assert!(is_mixed_script("svch\u{43e}st.exe"));
        assert!(!is_mixed_script("svchost.exe"));
    }

    #[test]
    fn whole_lookalike_extension_in_latin_name_is_flagged() {
        assert!(is_mixed_script("report.\u{435}\u{445}\u{435}"));
        assert!(is_mixed_script("invoice\u{ff0e}exe"));
    }

    #[test]
    fn real_foreign_text_is_not_flagged() {
        assert!(!is_mixed_script("Подозрительный процесс"));
        assert!(!is_mixed_script("Подозрительный процесс powershell.exe"));
        assert!(!is_mixed_script("Windows版 東京"));
        assert!(!is_mixed_script("Ελληνικά"));
        assert!(!is_mixed_script("café naïve Ångström"));
    }

    #[test]
    fn lists_lookalikes() {
        let l = lookalike_letters("svch\u{43e}st", 5);
        assert_eq!(l, vec![('\u{43e}', Script::Cyrillic)]);
    }
}
