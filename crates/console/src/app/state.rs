//! The whole console state. Each feature owns its part (`list`, `detail`, `triage`, `dialogs`,
//! `connection`, `toasts`); the root holds only what every feature reads: the config, the
//! clock, the terminal size, the focus and zoom, and how values are shown. Changed only by
//! `update`.

use super::chrome::toasts::{Level, Toast, Toasts};
use super::config::AppConfig;
use super::connection::state::Connection;
use super::detail::state::DetailState;
use super::device::state::Devices;
use super::dialogs::Dialog;
use super::incidents::state::IncidentsState;
use super::keymap::spec::Mode;
use super::list::state::{ListState, RowView};
use super::rotation::state::Rotation;
use super::rotation::views::list_for;
use super::story::state::StoryState;
use super::triage::state::Triage;
use super::view::state::{Pane, TimeMode};
use mde_model::Timestamp;
use mde_model::protocol::{AlertDetail, RequestId};
use std::ops::Range;

/// The whole console state.
#[derive(Debug)]
pub struct State {
    /// Identity, profile, tenant, read-only.
    pub config: AppConfig,
    /// The alert list: rows, filter, sort, cursor, marks.
    pub list: ListState,
    /// The detail pane, once an alert was opened.
    pub detail: Option<DetailState>,
    /// Writes on their way, drafts, recent owners.
    pub triage: Triage,
    /// Dialogs, top last.
    pub dialogs: Vec<Dialog>,
    /// The sync task as the analyst sees it.
    pub connection: Connection,
    /// Transient messages.
    pub toasts: Toasts,
    /// Focused pane.
    pub focus: Pane,
    /// The pane that has the whole screen, if any.
    pub zoom: Option<Pane>,
    /// UTC or local.
    pub time_mode: TimeMode,
    /// Defang URLs and IPs when shown.
    pub defang: bool,
    /// Terminal size.
    pub size: (u16, u16),
    /// The last time seen on a tick.
    pub now: Option<Timestamp>,
    /// Something changed since the last draw.
    pub dirty: bool,
    /// The clock when the screen was last marked for a redraw: ages on screen are as of then.
    pub shown_at: Option<Timestamp>,
    /// The program should end (after `Effect::Quit` was returned).
    pub quitting: bool,
    pub(crate) next_req: RequestId,
    // Operating on a rotation (issue 12).
    /// The keymap in force, SLA counts, the offline file's progress, requests on their way.
    pub rotation: Rotation,
    // Issue 11 (incidents and hunting).
    /// The incident list (shown instead of the alert list when active).
    pub incidents: IncidentsState,
    /// The process story and the hunting quota.
    pub story: StoryState,
    // Issue 10 (device response):
    /// The device panel, our response actions and the requests about them.
    pub device: Devices,
}

impl State {
    /// A fresh state for a config, its settings applied (views, start view, keys).
    pub fn new(config: AppConfig) -> State {
        let triage = Triage::new(config.recent_owners.clone(), &config.identity);
        let list = list_for(&config.settings, &config.identity);
        let rotation = Rotation::new(&config.settings);
        State {
            config,
            list,
            detail: None,
            triage,
            dialogs: Vec::new(),
            connection: Connection::default(),
            toasts: Toasts::default(),
            focus: Pane::List,
            zoom: None,
            time_mode: TimeMode::Utc,
            defang: true,
            size: (80, 24),
            now: None,
            dirty: true,
            shown_at: None,
            quitting: false,
            next_req: 1,
            rotation,
            incidents: IncidentsState::default(),
            story: StoryState::default(),
            device: Devices::default(),
        }
    }

    /// A fresh request id.
    pub(crate) fn req(&mut self) -> RequestId {
        let r = self.next_req;
        self.next_req += 1;
        r
    }

    /// Shows a transient message; it expires on a later tick.
    pub(crate) fn notify(&mut self, level: Level, text: impl Into<String>) {
        self.toasts.raise(level, text.into(), self.now);
    }

    /// The newest message still showing.
    pub fn toast(&self) -> Option<&Toast> {
        self.toasts.last()
    }

    /// The rows of the view in `range` (clamped), decorated for rendering.
    pub fn visible_rows(&self, range: Range<usize>) -> impl Iterator<Item = RowView<'_>> {
        let list = &self.list;
        let (sla, now) = (&self.config.settings.sla, self.now);
        let end = range.end.min(list.rows.view_len());
        let start = range.start.min(end);
        (start..end).filter_map(move |pos| {
            let row = list.rows.at(pos)?;
            Some(RowView {
                pos,
                row,
                selected: pos == list.cursor && list.selected.is_some(),
                marked: list.marks.contains(&row.id),
                pending: self.triage.is_pending(&row.id),
                new: list.new_ids.contains(&row.id),
                sla: now.and_then(|n| sla.evaluate(row, n)).map(|v| v.state),
            })
        })
    }

    /// The loaded detail, if the detail pane shows a loaded alert.
    pub fn loaded_detail(&self) -> Option<&AlertDetail> {
        self.detail.as_ref()?.loaded()
    }

    /// The top dialog.
    pub fn top_dialog(&self) -> Option<&Dialog> {
        self.dialogs.last()
    }

    /// Writes not yet confirmed (local optimistic ones plus the outbox's count).
    pub fn writes_pending(&self) -> u32 {
        let local = self.triage.pending.len() + self.incidents.pending.len();
        let local = u32::try_from(local).unwrap_or(u32::MAX);
        local.max(self.connection.status.outbox_pending)
    }

    /// Rows per page for PgUp/PgDn: the terminal height minus chrome, halved when the list
    /// shares the screen with an open alert.
    pub fn page_size(&self) -> usize {
        // The offline file's banner takes a row (issue 12).
        let chrome = 6 + u16::from(self.config.offline_file.is_some());
        let body = usize::from(self.size.1.saturating_sub(chrome));
        let shared = self.detail.is_some() && self.zoom != Some(Pane::List);
        (if shared { body / 2 } else { body }).max(1)
    }

    /// The key-handling mode: the top dialog's context, else the focused pane.
    pub fn mode(&self) -> Mode {
        match self.dialogs.last() {
            // Issue 11: the incident list has keys of its own.
            None if self.incidents.active && self.focus == Pane::List => Mode::Incidents,
            None => Mode::Normal(self.focus),
            Some(d) => Mode::Dialog(d.context()),
        }
    }
}
