//! The offline file's banner: one row over everything while the console shows an export
//! (`--file`), saying so and that it is read-only, with the loading progress while the rest of
//! the file streams in behind the first screen.

use crate::app::state::State;
use crate::ui::safe_text::fit_line;
use crate::ui::theme::Theme;
use mde_model::protocol::FileProgress;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

/// The banner's words: `FILE: export.json — read-only · loading 45% · 1200 alerts`.
pub fn text(name: &str, progress: Option<FileProgress>, cols: usize) -> String {
    let tail = match progress {
        None => " · opening…".to_string(),
        Some(p) => {
            let skipped = match p.skipped {
                0 => String::new(),
                n => format!(" · {n} skipped"),
            };
            let loading = match (p.done, p.bytes_total) {
                (true, _) => String::new(),
                (false, Some(total)) if total > 0 => {
                    let pct = (p.bytes_read.saturating_mul(100) / total).min(99);
                    format!(" · loading {pct}%")
                }
                (false, _) => " · loading…".to_string(),
            };
            format!("{loading} · {} alerts{skipped}", p.alerts)
        }
    };
    let room = cols.saturating_sub(tail.chars().count() + 22).max(8);
    format!(" FILE: {} — read-only{tail}", fit_line(name, room).text)
}

/// Draws the banner on the first row of `area` in file mode; returns the area left below it.
pub fn render(frame: &mut Frame, area: Rect, state: &State, theme: &Theme) -> Rect {
    let Some(name) = &state.config.offline_file else {
        return area;
    };
    if area.height < 2 {
        return area;
    }
    let row = Rect { height: 1, ..area };
    let words = text(name, state.rotation.file, usize::from(area.width));
    frame.render_widget(Paragraph::new(Line::raw(words)).style(theme.banner), row);
    Rect {
        y: area.y + 1,
        height: area.height - 1,
        ..area
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_banner_says_file_read_only_and_how_far_it_loaded() {
        assert_eq!(
            text("x.json", None, 80),
            " FILE: x.json — read-only · opening…"
        );
        let mut p = FileProgress {
            bytes_read: 50,
            bytes_total: Some(200),
            alerts: 1200,
            skipped: 2,
            done: false,
        };
        assert_eq!(
            text("x.json", Some(p), 80),
            " FILE: x.json — read-only · loading 25% · 1200 alerts · 2 skipped"
        );
        p.done = true;
        assert_eq!(
            text("x.json", Some(p), 80),
            " FILE: x.json — read-only · 1200 alerts · 2 skipped"
        );
        let hostile = text("a\u{1b}[2Jb.json", None, 80);
        assert!(!hostile.contains('\u{1b}'), "{hostile:?}");
    }
}
