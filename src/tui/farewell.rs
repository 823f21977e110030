//! The console's last frame: when it quits with triage writes still queued, the runtime keeps
//! the screen for a few seconds more, says how many writes are being sent with a countdown over
//! the console's last picture, and leaves as soon as they are sent, the time is up, or a key
//! is pressed (what is left is sent on the next start). When closing the cache waits for its
//! log to be copied into the file, a box says so meanwhile.

use super::sync_output::draw_synchronized;
use super::terminal::Tty;
use crossterm::event::{Event, EventStream, KeyEventKind};
use futures::StreamExt;
use mde_console::app::State;
use mde_console::ui::theme::Theme;
use mde_console::ui::{environment_theme, popup};
use ratatui::Frame;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;
use std::future::Future;
use std::time::Duration;
use tokio::time::Instant;

/// How often the count and the seconds are redrawn.
const REDRAW: Duration = Duration::from_millis(250);

/// Runs `work` while the countdown is on screen; its output if it finished in `grace`, None if
/// the time ran out or a key was pressed. `pending` counts what is still queued.
pub async fn countdown<T>(
    terminal: &mut Tty,
    state: &State,
    grace: Duration,
    mut pending: impl AsyncFnMut() -> usize,
    work: impl Future<Output = T>,
) -> Option<T> {
    let theme = environment_theme();
    let deadline = Instant::now() + grace;
    let mut keys = EventStream::new();
    let mut tick = tokio::time::interval(REDRAW);
    let mut queued = pending().await;
    tokio::pin!(work);
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        // A terminal that can no longer be drawn on does not stop the sending.
        if let Err(e) = draw_synchronized(terminal, |f| draw(f, state, queued, left, theme)) {
            tracing::warn!("farewell frame not drawn: {e}");
        }
        tokio::select! {
            out = &mut work => return Some(out),
            () = tokio::time::sleep_until(deadline) => return None,
            _ = tick.tick() => queued = pending().await,
            ev = keys.next() => match ev {
                Some(Ok(Event::Key(k))) if k.kind == KeyEventKind::Press => return None,
                Some(Ok(_)) => {}
                Some(Err(_)) | None => return tokio::time::timeout_at(deadline, work).await.ok(),
            },
        }
    }
}

/// The last frame while closing waits for the cache's log to be copied into its file (after
/// a large sync, a few seconds in which nothing else would show that the console is busy).
pub fn saving(terminal: &mut Tty, state: &State) {
    let theme = environment_theme();
    let lines = saving_lines();
    if let Err(e) = draw_synchronized(terminal, |f| draw_box(f, state, &lines, theme)) {
        tracing::warn!("farewell frame not drawn: {e}");
    }
}

/// What the box says while the cache is written out.
fn saving_lines() -> Vec<String> {
    vec![
        "Writing the cache to disk…".to_string(),
        "The last sync's alerts go from the log into the file.".to_string(),
    ]
}

/// The console's last screen with the countdown box on top.
fn draw(f: &mut Frame, state: &State, queued: usize, left: Duration, theme: &Theme) {
    draw_box(f, state, &farewell_lines(queued, left), theme);
}

/// The console's last screen with a "Leaving" box of `lines` on top.
fn draw_box(f: &mut Frame, state: &State, lines: &[String], theme: &Theme) {
    mde_console::ui::render_with(f, state, theme);
    let width = lines.iter().map(|l| l.chars().count()).max().unwrap_or(0) + 4;
    let rect = popup::centered(
        f.area(),
        u16::try_from(width).unwrap_or(u16::MAX),
        u16::try_from(lines.len() + 2).unwrap_or(u16::MAX),
    );
    let inner = popup::open(f, rect, "Leaving", theme);
    let text: Vec<Line> = lines.iter().map(|l| Line::raw(l.as_str())).collect();
    f.render_widget(Paragraph::new(text), inner);
}

/// `Sending 2 queued writes… 3s` and what a key does.
pub fn farewell_lines(queued: usize, left: Duration) -> Vec<String> {
    let secs = left.as_millis().div_ceil(1000);
    let what = if queued == 1 {
        "1 queued write".to_string()
    } else {
        format!("{queued} queued writes")
    };
    vec![
        format!("Sending {what} to the service… {secs}s"),
        "Any key leaves now; the next start sends what is left.".to_string(),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use mde_console::app::AppConfig;
    use ratatui::{Terminal, backend::TestBackend};

    /// The screen at 80×24 with `lines` in the box.
    fn screen(lines: &[String]) -> String {
        let mut state = State::new(AppConfig::new("a@b"));
        state.size = (80, 24);
        let mut t = Terminal::new(TestBackend::new(80, 24)).unwrap();
        t.draw(|f| draw_box(f, &state, lines, &Theme::no_color()))
            .unwrap();
        t.backend()
            .buffer()
            .content()
            .chunks(80)
            .map(|row| row.iter().map(|c| c.symbol()).collect::<String>() + "\n")
            .collect()
    }

    #[test]
    fn the_box_says_the_cache_is_being_written_whole_at_80x24() {
        let screen = screen(&saving_lines());
        assert!(screen.contains("│Writing the cache to disk…"), "{screen}");
        assert!(
            screen.contains("The last sync's alerts go from the log into the file."),
            "{screen}"
        );
    }

    #[test]
    fn the_box_names_the_count_and_the_seconds_at_80x24() {
        let screen = screen(&farewell_lines(2, Duration::from_millis(2100)));
        assert!(
            screen.contains("Sending 2 queued writes to the service… 3s"),
            "{screen}"
        );
        assert!(screen.contains("Any key leaves now"), "{screen}");
        assert!(screen.contains("Leaving"), "{screen}");
        assert_eq!(
            farewell_lines(1, Duration::ZERO)[0],
            "Sending 1 queued write to the service… 0s"
        );
    }
}
