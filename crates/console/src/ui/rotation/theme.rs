//! The config's `[theme]` (and a profile's `theme`) laid over the built-in theme, role by role.
//! `NO_COLOR` still wins: on a theme without colour support only the attributes apply.

use crate::ui::theme::{ColorSupport, Theme};
use mde_ops::theme::{Role, RoleStyle, ThemeColor, ThemeOverrides};
use ratatui::style::{Color, Modifier, Style};

/// The terminal colour of a config colour.
pub fn color(c: ThemeColor) -> Color {
    const ANSI: [Color; 16] = [
        Color::Black,
        Color::Red,
        Color::Green,
        Color::Yellow,
        Color::Blue,
        Color::Magenta,
        Color::Cyan,
        Color::Gray,
        Color::DarkGray,
        Color::LightRed,
        Color::LightGreen,
        Color::LightYellow,
        Color::LightBlue,
        Color::LightMagenta,
        Color::LightCyan,
        Color::White,
    ];
    match c {
        ThemeColor::Reset => Color::Reset,
        ThemeColor::Ansi(n) => ANSI.get(usize::from(n)).copied().unwrap_or(Color::Reset),
        ThemeColor::Indexed(n) => Color::Indexed(n),
        ThemeColor::Rgb(r, g, b) => Color::Rgb(r, g, b),
    }
}

/// A style with a role's settings on top; `colour` false keeps only the attributes.
fn apply(style: Style, over: &RoleStyle, colour: bool) -> Style {
    let mut s = style;
    if colour {
        if let Some(fg) = over.fg {
            s = s.fg(color(fg));
        }
        if let Some(bg) = over.bg {
            s = s.bg(color(bg));
        }
    }
    for (on, m) in [
        (over.bold, Modifier::BOLD),
        (over.italic, Modifier::ITALIC),
        (over.underline, Modifier::UNDERLINED),
        (over.reversed, Modifier::REVERSED),
    ] {
        s = match on {
            Some(true) => s.add_modifier(m),
            Some(false) => s.remove_modifier(m),
            None => s,
        };
    }
    s
}

/// The theme field a role draws with.
fn slot(t: &mut Theme, role: Role) -> &mut Style {
    match role {
        Role::Text => &mut t.text,
        Role::Muted => &mut t.muted,
        Role::Border => &mut t.border,
        Role::BorderFocused => &mut t.border_focused,
        Role::Title => &mut t.title,
        Role::Header => &mut t.header,
        Role::Selected => &mut t.selected,
        Role::Marked => &mut t.marked,
        Role::NewAlert => &mut t.new_alert,
        Role::Pending => &mut t.pending,
        Role::Warning => &mut t.warning,
        Role::Error => &mut t.error,
        Role::Ok => &mut t.ok,
        Role::Key => &mut t.key,
        Role::SearchMatch => &mut t.search_match,
        Role::SevHigh => &mut t.sev_high,
        Role::SevMedium => &mut t.sev_medium,
        Role::SevLow => &mut t.sev_low,
        Role::SevInfo => &mut t.sev_info,
        Role::SevOther => &mut t.sev_other,
        Role::SlaNear => &mut t.sla_near,
        Role::SlaBreach => &mut t.sla_breach,
        Role::Banner => &mut t.banner,
        Role::Tenant => &mut t.tenant,
    }
}

/// `base` with the overrides applied.
pub fn themed(base: &Theme, overrides: &ThemeOverrides) -> Theme {
    let mut t = base.clone();
    let colour = base.support != ColorSupport::None;
    for (role, style) in &overrides.roles {
        let s = slot(&mut t, *role);
        *s = apply(*s, style, colour);
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    fn over(role: Role, style: RoleStyle) -> ThemeOverrides {
        let mut o = ThemeOverrides::default();
        o.roles.insert(role, style);
        o
    }

    #[test]
    fn a_role_takes_its_colour_and_attributes_and_no_color_keeps_only_attributes() {
        let red_border = over(
            Role::Border,
            RoleStyle {
                fg: Some(ThemeColor::Ansi(1)),
                bold: Some(true),
                ..RoleStyle::default()
            },
        );
        let t = themed(&Theme::full(), &red_border);
        assert_eq!(t.border.fg, Some(Color::Red));
        assert!(t.border.add_modifier.contains(Modifier::BOLD));
        assert_eq!(t.text, Theme::full().text, "other roles untouched");
        let plain = themed(&Theme::no_color(), &red_border);
        assert_eq!(plain.border.fg, None, "NO_COLOR wins");
        assert!(plain.border.add_modifier.contains(Modifier::BOLD));
        let unbold = over(
            Role::SevHigh,
            RoleStyle {
                bold: Some(false),
                fg: Some(ThemeColor::Rgb(1, 2, 3)),
                ..RoleStyle::default()
            },
        );
        let t = themed(&Theme::ansi16(), &unbold);
        assert_eq!(t.sev_high.fg, Some(Color::Rgb(1, 2, 3)));
        assert!(!t.sev_high.add_modifier.contains(Modifier::BOLD));
        assert_eq!(color(ThemeColor::Indexed(208)), Color::Indexed(208));
        assert_eq!(color(ThemeColor::Ansi(15)), Color::White);
    }

    #[test]
    fn every_role_reaches_a_field() {
        for role in Role::ALL {
            let o = over(
                *role,
                RoleStyle {
                    fg: Some(ThemeColor::Indexed(99)),
                    ..RoleStyle::default()
                },
            );
            let t = themed(&Theme::full(), &o);
            assert_ne!(t, Theme::full(), "{role:?}");
        }
    }
}
