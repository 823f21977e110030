//! Colours and text styles, in three variants: full colour, 16 colours (TERM=xterm without
//! truecolor) and NO_COLOR. Severity is always written as a word or letter too, so a
//! monochrome terminal loses nothing but the tint.

use mde_model::Severity;
use ratatui::style::{Color, Modifier, Style};

/// How much colour the terminal can show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColorSupport {
    /// 24-bit colour (`COLORTERM=truecolor|24bit`).
    TrueColor,
    /// The 16 ANSI colours only.
    Ansi16,
    /// No colour at all (`NO_COLOR` set): modifiers only.
    None,
}

impl ColorSupport {
    /// Picks the colour support from the environment, given as a lookup so tests need no env.
    /// `NO_COLOR` (any non-empty value, per no-color.org) wins over everything else.
    pub fn detect(env: impl Fn(&str) -> Option<String>) -> Self {
        if env("NO_COLOR").is_some_and(|v| !v.is_empty()) {
            return ColorSupport::None;
        }
        let colorterm = env("COLORTERM").unwrap_or_default().to_ascii_lowercase();
        if colorterm == "truecolor" || colorterm == "24bit" {
            return ColorSupport::TrueColor;
        }
        let term = env("TERM").unwrap_or_default();
        if term == "dumb" {
            ColorSupport::None
        } else {
            ColorSupport::Ansi16
        }
    }
}

/// Every style the console draws with.
#[derive(Debug, Clone, PartialEq)]
pub struct Theme {
    /// Which variant this is.
    pub support: ColorSupport,
    /// Plain text.
    pub text: Style,
    /// Secondary text (labels, ages, empty values).
    pub muted: Style,
    /// Pane borders.
    pub border: Style,
    /// The border of the focused pane.
    pub border_focused: Style,
    /// Pane and dialog titles.
    pub title: Style,
    /// Table header row.
    pub header: Style,
    /// The selected row or item.
    pub selected: Style,
    /// A marked row (for bulk actions).
    pub marked: Style,
    /// A row that arrived with the last poll.
    pub new_alert: Style,
    /// A change waiting in the outbox.
    pub pending: Style,
    /// Warning badges (hostile text) and warnings.
    pub warning: Style,
    /// Errors and failed writes.
    pub error: Style,
    /// Success / healthy state.
    pub ok: Style,
    /// Key names in the hint bar and the help.
    pub key: Style,
    /// Search matches.
    pub search_match: Style,
    /// Severity High.
    pub sev_high: Style,
    /// Severity Medium.
    pub sev_medium: Style,
    /// Severity Low.
    pub sev_low: Style,
    /// Severity Informational.
    pub sev_info: Style,
    /// Severity unspecified or unknown.
    pub sev_other: Style,
    // Operating on a rotation (issue 12).
    /// An age close to its SLA target.
    pub sla_near: Style,
    /// An age past its SLA target.
    pub sla_breach: Style,
    /// The offline file's read-only banner.
    pub banner: Style,
    /// The tenant column and the profile in the status bar.
    pub tenant: Style,
}

impl Theme {
    /// The theme for the given colour support.
    pub fn for_support(support: ColorSupport) -> Self {
        match support {
            ColorSupport::TrueColor => Self::full(),
            ColorSupport::Ansi16 => Self::ansi16(),
            ColorSupport::None => Self::no_color(),
        }
    }

    /// 24-bit colours; severity tints follow the Defender portal (red, orange, yellow, grey).
    pub fn full() -> Self {
        let grey = Color::Rgb(140, 140, 150);
        Theme {
            support: ColorSupport::TrueColor,
            text: Style::new(),
            muted: Style::new().fg(grey),
            border: Style::new().fg(Color::Rgb(90, 90, 100)),
            border_focused: Style::new().fg(Color::Rgb(100, 170, 255)),
            title: Style::new().add_modifier(Modifier::BOLD),
            header: Style::new()
                .fg(Color::Rgb(200, 200, 210))
                .add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            selected: Style::new()
                .bg(Color::Rgb(45, 60, 95))
                .add_modifier(Modifier::BOLD),
            marked: Style::new().fg(Color::Rgb(120, 220, 255)),
            new_alert: Style::new().add_modifier(Modifier::ITALIC),
            pending: Style::new().fg(Color::Rgb(200, 160, 255)),
            warning: Style::new()
                .fg(Color::Rgb(255, 190, 0))
                .add_modifier(Modifier::BOLD),
            error: Style::new()
                .fg(Color::Rgb(255, 90, 90))
                .add_modifier(Modifier::BOLD),
            ok: Style::new().fg(Color::Rgb(110, 200, 120)),
            key: Style::new()
                .fg(Color::Rgb(100, 170, 255))
                .add_modifier(Modifier::BOLD),
            search_match: Style::new().bg(Color::Rgb(120, 100, 0)),
            sev_high: Style::new()
                .fg(Color::Rgb(235, 60, 60))
                .add_modifier(Modifier::BOLD),
            sev_medium: Style::new().fg(Color::Rgb(255, 140, 0)),
            sev_low: Style::new().fg(Color::Rgb(230, 200, 50)),
            sev_info: Style::new().fg(grey),
            sev_other: Style::new().fg(grey),
            sla_near: Style::new().fg(Color::Rgb(255, 190, 0)),
            sla_breach: Style::new()
                .fg(Color::Rgb(255, 90, 90))
                .add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            banner: Style::new()
                .fg(Color::Rgb(20, 20, 20))
                .bg(Color::Rgb(255, 190, 0))
                .add_modifier(Modifier::BOLD),
            tenant: Style::new()
                .fg(Color::Rgb(120, 220, 255))
                .add_modifier(Modifier::BOLD),
        }
    }

    /// The 16 ANSI colours, which every terminal and tmux renders; selection by reverse video
    /// because a background colour could hide a severity tint of the same hue.
    pub fn ansi16() -> Self {
        Theme {
            support: ColorSupport::Ansi16,
            text: Style::new(),
            muted: Style::new().fg(Color::DarkGray),
            border: Style::new().fg(Color::DarkGray),
            border_focused: Style::new().fg(Color::LightCyan),
            title: Style::new().add_modifier(Modifier::BOLD),
            header: Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            selected: Style::new().add_modifier(Modifier::REVERSED),
            marked: Style::new().fg(Color::LightCyan),
            new_alert: Style::new().add_modifier(Modifier::ITALIC),
            pending: Style::new().fg(Color::LightMagenta),
            warning: Style::new()
                .fg(Color::LightYellow)
                .add_modifier(Modifier::BOLD),
            error: Style::new()
                .fg(Color::LightRed)
                .add_modifier(Modifier::BOLD),
            ok: Style::new().fg(Color::Green),
            key: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            search_match: Style::new().fg(Color::Black).bg(Color::Yellow),
            sev_high: Style::new()
                .fg(Color::LightRed)
                .add_modifier(Modifier::BOLD),
            sev_medium: Style::new().fg(Color::Yellow),
            sev_low: Style::new().fg(Color::LightBlue),
            sev_info: Style::new().fg(Color::DarkGray),
            sev_other: Style::new().fg(Color::DarkGray),
            sla_near: Style::new().fg(Color::Yellow),
            sla_breach: Style::new()
                .fg(Color::LightRed)
                .add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            banner: Style::new()
                .fg(Color::Black)
                .bg(Color::Yellow)
                .add_modifier(Modifier::BOLD),
            tenant: Style::new()
                .fg(Color::LightCyan)
                .add_modifier(Modifier::BOLD),
        }
    }

    /// NO_COLOR: no foreground or background colour anywhere; emphasis by modifiers only.
    pub fn no_color() -> Self {
        let plain = Style::new();
        Theme {
            support: ColorSupport::None,
            text: plain,
            muted: plain,
            border: plain,
            border_focused: plain.add_modifier(Modifier::BOLD),
            title: plain.add_modifier(Modifier::BOLD),
            header: plain.add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            selected: plain.add_modifier(Modifier::REVERSED),
            marked: plain.add_modifier(Modifier::BOLD),
            new_alert: plain.add_modifier(Modifier::ITALIC),
            pending: plain.add_modifier(Modifier::ITALIC),
            warning: plain.add_modifier(Modifier::BOLD),
            error: plain.add_modifier(Modifier::BOLD),
            ok: plain,
            key: plain.add_modifier(Modifier::BOLD),
            search_match: plain.add_modifier(Modifier::REVERSED),
            sev_high: plain.add_modifier(Modifier::BOLD),
            sev_medium: plain,
            sev_low: plain,
            sev_info: plain,
            sev_other: plain,
            // Without colour, an SLA state is an attribute: underlined near, reversed past.
            sla_near: plain.add_modifier(Modifier::UNDERLINED),
            sla_breach: plain.add_modifier(Modifier::REVERSED | Modifier::BOLD),
            banner: plain.add_modifier(Modifier::REVERSED | Modifier::BOLD),
            tenant: plain.add_modifier(Modifier::BOLD),
        }
    }

    /// The style of a severity.
    pub fn severity(&self, s: &Severity) -> Style {
        match s {
            Severity::High => self.sev_high,
            Severity::Medium => self.sev_medium,
            Severity::Low => self.sev_low,
            Severity::Informational => self.sev_info,
            _ => self.sev_other,
        }
    }
}

/// Severity as a short word, so colour is never the only signal.
pub fn severity_word(s: &Severity) -> &'static str {
    match s {
        Severity::High => "High",
        Severity::Medium => "Med",
        Severity::Low => "Low",
        Severity::Informational => "Info",
        Severity::UnSpecified => "-",
        Severity::Unrecognized(_) => "?",
    }
}

/// Severity as one letter, for narrow layouts.
pub fn severity_letter(s: &Severity) -> &'static str {
    match s {
        Severity::High => "H",
        Severity::Medium => "M",
        Severity::Low => "L",
        Severity::Informational => "I",
        Severity::UnSpecified => "-",
        Severity::Unrecognized(_) => "?",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env_of(pairs: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<String> {
        move |k| {
            pairs
                .iter()
                .find(|(n, _)| *n == k)
                .map(|(_, v)| v.to_string())
        }
    }

    #[test]
    fn detection_follows_no_color_then_colorterm_then_term() {
        let d = ColorSupport::detect;
        assert_eq!(
            d(env_of(&[("NO_COLOR", "1"), ("COLORTERM", "truecolor")])),
            ColorSupport::None
        );
        assert_eq!(
            d(env_of(&[("NO_COLOR", ""), ("COLORTERM", "truecolor")])),
            ColorSupport::TrueColor
        );
        assert_eq!(d(env_of(&[("TERM", "xterm")])), ColorSupport::Ansi16);
        assert_eq!(d(env_of(&[("TERM", "dumb")])), ColorSupport::None);
    }

    #[test]
    fn no_color_theme_has_no_colour_anywhere() {
        let t = Theme::no_color();
        let all = [
            t.text,
            t.muted,
            t.border,
            t.border_focused,
            t.title,
            t.header,
            t.selected,
            t.marked,
            t.new_alert,
            t.pending,
            t.warning,
            t.error,
            t.ok,
            t.key,
            t.search_match,
            t.sev_high,
            t.sev_medium,
            t.sev_low,
            t.sev_info,
            t.sev_other,
            t.sla_near,
            t.sla_breach,
            t.banner,
            t.tenant,
        ];
        for s in all {
            assert!(s.fg.is_none() && s.bg.is_none(), "{s:?}");
        }
    }

    #[test]
    fn severities_differ_in_colour_themes_and_always_have_words() {
        for t in [Theme::full(), Theme::ansi16()] {
            assert_ne!(
                t.severity(&Severity::High).fg,
                t.severity(&Severity::Low).fg
            );
            assert_ne!(
                t.severity(&Severity::Medium).fg,
                t.severity(&Severity::Informational).fg
            );
        }
        assert_eq!(Theme::ansi16().sev_high.fg, Some(Color::LightRed));
        for s in Severity::KNOWN {
            assert!(!severity_word(s).is_empty());
            assert_eq!(severity_letter(s).chars().count(), 1);
        }
    }
}
