//! Theme overrides from the config: a colour (or a style) per role, laid over the console's
//! built-in theme. `NO_COLOR` still wins: `effective(no_color = true)` keeps only the text
//! attributes (bold, underline, …), never a colour, so severity stays a word, not a tint.

use std::collections::BTreeMap;
use std::fmt;

/// A role the console draws with (the fields of its `Theme`, plus the SLA roles).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Role {
    /// Plain text.
    Text,
    /// Secondary text.
    Muted,
    /// Pane borders.
    Border,
    /// The focused pane's border.
    BorderFocused,
    /// Pane and dialog titles.
    Title,
    /// Table header.
    Header,
    /// The selected row.
    Selected,
    /// Marked rows.
    Marked,
    /// Rows that arrived with the last poll.
    NewAlert,
    /// Writes waiting in the outbox.
    Pending,
    /// Warnings.
    Warning,
    /// Errors.
    Error,
    /// Healthy state.
    Ok,
    /// Key names in hints and help.
    Key,
    /// Search matches.
    SearchMatch,
    /// Severity High.
    SevHigh,
    /// Severity Medium.
    SevMedium,
    /// Severity Low.
    SevLow,
    /// Severity Informational.
    SevInfo,
    /// Severity unknown.
    SevOther,
    /// An age close to its SLA target.
    SlaNear,
    /// An age past its SLA target.
    SlaBreach,
    /// The read-only / offline-file banner.
    Banner,
    /// The tenant column and the profile name in the status bar.
    Tenant,
}

impl Role {
    /// Every role, in the order the schema and docs list them.
    pub const ALL: &'static [Role] = &[
        Role::Text,
        Role::Muted,
        Role::Border,
        Role::BorderFocused,
        Role::Title,
        Role::Header,
        Role::Selected,
        Role::Marked,
        Role::NewAlert,
        Role::Pending,
        Role::Warning,
        Role::Error,
        Role::Ok,
        Role::Key,
        Role::SearchMatch,
        Role::SevHigh,
        Role::SevMedium,
        Role::SevLow,
        Role::SevInfo,
        Role::SevOther,
        Role::SlaNear,
        Role::SlaBreach,
        Role::Banner,
        Role::Tenant,
    ];

    /// The config name (`sev_high`, `border_focused`).
    pub fn name(self) -> &'static str {
        match self {
            Role::Text => "text",
            Role::Muted => "muted",
            Role::Border => "border",
            Role::BorderFocused => "border_focused",
            Role::Title => "title",
            Role::Header => "header",
            Role::Selected => "selected",
            Role::Marked => "marked",
            Role::NewAlert => "new_alert",
            Role::Pending => "pending",
            Role::Warning => "warning",
            Role::Error => "error",
            Role::Ok => "ok",
            Role::Key => "key",
            Role::SearchMatch => "search_match",
            Role::SevHigh => "sev_high",
            Role::SevMedium => "sev_medium",
            Role::SevLow => "sev_low",
            Role::SevInfo => "sev_info",
            Role::SevOther => "sev_other",
            Role::SlaNear => "sla_near",
            Role::SlaBreach => "sla_breach",
            Role::Banner => "banner",
            Role::Tenant => "tenant",
        }
    }

    /// The role of a config name.
    pub fn parse(name: &str) -> Option<Role> {
        Role::ALL.iter().copied().find(|r| r.name() == name)
    }
}

/// The 16 ANSI colours by name.
const NAMED: &[(&str, u8)] = &[
    ("black", 0),
    ("red", 1),
    ("green", 2),
    ("yellow", 3),
    ("blue", 4),
    ("magenta", 5),
    ("cyan", 6),
    ("gray", 7),
    ("grey", 7),
    ("dark_gray", 8),
    ("dark_grey", 8),
    ("light_red", 9),
    ("light_green", 10),
    ("light_yellow", 11),
    ("light_blue", 12),
    ("light_magenta", 13),
    ("light_cyan", 14),
    ("white", 15),
];

/// A colour as the config writes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ThemeColor {
    /// The terminal's default colour.
    Reset,
    /// One of the 16 ANSI colours (0–15), which every terminal and tmux shows.
    Ansi(u8),
    /// One of the 256 indexed colours.
    Indexed(u8),
    /// 24-bit colour.
    Rgb(u8, u8, u8),
}

impl ThemeColor {
    /// Parses `red`, `light-blue`, `#ff8800`, `208` (indexed) or `default`.
    pub fn parse(text: &str) -> Result<ThemeColor, String> {
        let s = text.trim().to_ascii_lowercase().replace(['-', ' '], "_");
        if s == "default" || s == "reset" {
            return Ok(ThemeColor::Reset);
        }
        if let Some((_, n)) = NAMED.iter().find(|(name, _)| *name == s) {
            return Ok(ThemeColor::Ansi(*n));
        }
        if let Some(hex) = s.strip_prefix('#') {
            if hex.len() == 6 && hex.chars().all(|c| c.is_ascii_hexdigit()) {
                let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).unwrap_or(0);
                return Ok(ThemeColor::Rgb(byte(0), byte(2), byte(4)));
            }
            return Err(format!("{text:?} is not a #rrggbb colour"));
        }
        if let Ok(n) = s.parse::<u8>() {
            return Ok(ThemeColor::Indexed(n));
        }
        let names: Vec<&str> = NAMED.iter().map(|(n, _)| *n).collect();
        let hint = crate::suggest::closest(&s, names.iter().copied())
            .map(|c| format!("did you mean {c}? "))
            .unwrap_or_default();
        Err(format!(
            "unknown colour {text:?} ({hint}use a name like red or light_blue, #rrggbb, 0-255, or default)"
        ))
    }
}

impl fmt::Display for ThemeColor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ThemeColor::Reset => f.write_str("default"),
            ThemeColor::Ansi(n) => {
                let name = NAMED
                    .iter()
                    .find(|(_, v)| v == n)
                    .map(|(k, _)| *k)
                    .unwrap_or("?");
                f.write_str(name)
            }
            ThemeColor::Indexed(n) => write!(f, "{n}"),
            ThemeColor::Rgb(r, g, b) => write!(f, "#{r:02x}{g:02x}{b:02x}"),
        }
    }
}

/// What the config sets for one role; `None` keeps the built-in value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RoleStyle {
    /// Foreground colour.
    pub fg: Option<ThemeColor>,
    /// Background colour.
    pub bg: Option<ThemeColor>,
    /// Bold.
    pub bold: Option<bool>,
    /// Italic.
    pub italic: Option<bool>,
    /// Underlined.
    pub underline: Option<bool>,
    /// Reverse video.
    pub reversed: Option<bool>,
}

impl RoleStyle {
    /// This style with `over`'s settings on top, field by field.
    pub fn merged(self, over: RoleStyle) -> RoleStyle {
        RoleStyle {
            fg: over.fg.or(self.fg),
            bg: over.bg.or(self.bg),
            bold: over.bold.or(self.bold),
            italic: over.italic.or(self.italic),
            underline: over.underline.or(self.underline),
            reversed: over.reversed.or(self.reversed),
        }
    }
}

/// Overrides per role, laid over the console's built-in theme.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ThemeOverrides {
    /// The roles the config sets.
    pub roles: BTreeMap<Role, RoleStyle>,
}

impl ThemeOverrides {
    /// These overrides with `over`'s on top, role by role and field by field (a profile's theme
    /// over the file's).
    pub fn merged(&self, over: &ThemeOverrides) -> ThemeOverrides {
        let mut roles = self.roles.clone();
        for (role, style) in &over.roles {
            let base = roles.get(role).copied().unwrap_or_default();
            roles.insert(*role, base.merged(*style));
        }
        ThemeOverrides { roles }
    }

    /// What the console applies: with `no_color` (the `NO_COLOR` convention) every colour is
    /// dropped and only text attributes remain.
    pub fn effective(&self, no_color: bool) -> ThemeOverrides {
        if !no_color {
            return self.clone();
        }
        let roles = self
            .roles
            .iter()
            .map(|(r, s)| {
                (
                    *r,
                    RoleStyle {
                        fg: None,
                        bg: None,
                        ..*s
                    },
                )
            })
            .filter(|(_, s)| *s != RoleStyle::default())
            .collect();
        ThemeOverrides { roles }
    }

    /// The override for a role, if any.
    pub fn get(&self, role: Role) -> Option<&RoleStyle> {
        self.roles.get(&role)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_parse_in_every_form() {
        assert_eq!(ThemeColor::parse("red").unwrap(), ThemeColor::Ansi(1));
        assert_eq!(
            ThemeColor::parse("Light-Blue").unwrap(),
            ThemeColor::Ansi(12)
        );
        assert_eq!(
            ThemeColor::parse("#FF8800").unwrap(),
            ThemeColor::Rgb(255, 136, 0)
        );
        assert_eq!(ThemeColor::parse("208").unwrap(), ThemeColor::Indexed(208));
        assert_eq!(ThemeColor::parse("default").unwrap(), ThemeColor::Reset);
        assert!(ThemeColor::parse("#ff88").is_err());
        assert!(ThemeColor::parse("256").is_err());
        let e = ThemeColor::parse("rde").unwrap_err();
        assert!(e.contains("did you mean red?"), "{e}");
        assert_eq!(ThemeColor::Rgb(1, 2, 255).to_string(), "#0102ff");
    }

    #[test]
    fn role_names_round_trip() {
        for r in Role::ALL {
            assert_eq!(Role::parse(r.name()), Some(*r));
        }
        assert_eq!(Role::parse("sev_hihg"), None);
    }

    #[test]
    fn layers_merge_per_field_and_no_color_drops_colours_only() {
        let mut file = ThemeOverrides::default();
        file.roles.insert(
            Role::SevHigh,
            RoleStyle {
                fg: Some(ThemeColor::Ansi(5)),
                bold: Some(true),
                ..RoleStyle::default()
            },
        );
        file.roles.insert(
            Role::Border,
            RoleStyle {
                fg: Some(ThemeColor::Ansi(8)),
                ..RoleStyle::default()
            },
        );
        let mut profile = ThemeOverrides::default();
        profile.roles.insert(
            Role::SevHigh,
            RoleStyle {
                fg: Some(ThemeColor::Ansi(1)),
                ..RoleStyle::default()
            },
        );
        let merged = file.merged(&profile);
        let high = merged.get(Role::SevHigh).unwrap();
        assert_eq!(
            (high.fg, high.bold),
            (Some(ThemeColor::Ansi(1)), Some(true))
        );
        let plain = merged.effective(true);
        assert_eq!(plain.get(Role::SevHigh).unwrap().fg, None);
        assert_eq!(plain.get(Role::SevHigh).unwrap().bold, Some(true));
        assert!(
            plain.get(Role::Border).is_none(),
            "a colour-only override vanishes"
        );
        assert_eq!(merged.effective(false), merged);
    }
}
