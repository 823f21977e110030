//! Everything the UI reads: rows and view, selection, marks, focus and zoom, the dialog stack,
//! the detail pane, sync status and transient messages. Changed only by `update`.

use super::dialog::Dialog;
use super::evidence_tree::EvidenceTree;
use super::filter::{FilterError, Query};
use super::marks::Marks;
use super::rows::Rows;
use super::sort::SortSpec;
use super::triage::Pending;
use crate::model::protocol::{AlertDetail, RequestId, SyncStatus};
use crate::model::{AlertRow, Timestamp};
use chrono::{FixedOffset, Offset, Utc};
use std::collections::{HashMap, HashSet};
use std::ops::Range;

/// What the console needs to know about the analyst and the tenant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppConfig {
    /// The analyst's UPN (for "assign to me" and `assigned:me`).
    pub identity: String,
    /// Profile name shown in the status bar.
    pub profile: String,
    /// Tenant id or name shown in the status bar (also put in portal links).
    pub tenant: String,
    /// No write actions at all.
    pub read_only: bool,
    /// Base of portal links, e.g. `https://security.microsoft.com`.
    pub portal_base: String,
    /// The local UTC offset, measured by the runtime at start.
    pub local_offset: FixedOffset,
    /// Owners offered first by "assign to…".
    pub recent_owners: Vec<String>,
}

impl AppConfig {
    /// A config for an identity with the rest defaulted (UTC, public portal, writable).
    pub fn new(identity: impl Into<String>) -> Self {
        AppConfig {
            identity: identity.into(),
            profile: "default".to_string(),
            tenant: String::new(),
            read_only: false,
            portal_base: "https://security.microsoft.com".to_string(),
            local_offset: Utc.fix(),
            recent_owners: Vec::new(),
        }
    }
}

/// How times are shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeMode {
    /// UTC with `Z`.
    Utc,
    /// Local time with this offset shown.
    Local(FixedOffset),
}

/// A pane that can have the focus.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Pane {
    /// The alert list.
    List,
    /// Alert properties.
    Detail,
    /// The evidence tree.
    Evidence,
    /// Comments.
    Comments,
}

impl Pane {
    /// Tab order.
    pub const ORDER: [Pane; 4] = [Pane::List, Pane::Detail, Pane::Evidence, Pane::Comments];
}

/// How loud a message is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// Confirmation of something done.
    Info,
    /// Something the analyst should notice.
    Warn,
    /// Something failed.
    Error,
}

/// A transient status-bar message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Toast {
    /// Text (may hold API text: the UI sanitises).
    pub text: String,
    /// Level.
    pub level: Level,
    /// When it disappears; set from the clock on the next tick if unknown when raised.
    pub expires: Option<Timestamp>,
}

/// Loading state of the detail pane.
#[derive(Debug, Clone, PartialEq)]
pub enum DetailLoad {
    /// Nothing asked.
    Idle,
    /// Waiting for this request.
    Loading,
    /// Loaded.
    Loaded(Box<AlertDetail>),
    /// Failed; existing data stays elsewhere.
    Failed(String),
}

/// The detail pane.
#[derive(Debug, Clone, PartialEq)]
pub struct DetailState {
    /// The alert shown (or being loaded).
    pub alert_id: String,
    /// Load state.
    pub load: DetailLoad,
    /// The evidence tree (empty until loaded).
    pub tree: EvidenceTree,
    /// Scroll of the properties pane.
    pub scroll: usize,
    /// Scroll of the comments pane.
    pub comments_scroll: usize,
}

/// Read-only view of one list row for rendering.
#[derive(Debug, Clone, Copy)]
pub struct RowView<'a> {
    /// Position in the view.
    pub pos: usize,
    /// The row (with any optimistic change applied).
    pub row: &'a AlertRow,
    /// Under the cursor.
    pub selected: bool,
    /// Marked for a bulk action.
    pub marked: bool,
    /// A write on it is not yet confirmed.
    pub pending: bool,
    /// Arrived by poll and not yet seen.
    pub new: bool,
}

/// The whole console state.
#[derive(Debug)]
pub struct State {
    /// Identity, profile, tenant, read-only.
    pub config: AppConfig,
    /// Rows and the filtered, sorted view.
    pub rows: Rows,
    /// The selected alert (selection is keyed by id, not position).
    pub selected: Option<String>,
    /// Cursor position in the view (kept in step with `selected`).
    pub cursor: usize,
    /// First view position the list showed last; the UI may use it as a scroll hint.
    pub list_offset: usize,
    /// Marks.
    pub marks: Marks,
    /// Filter text as typed.
    pub filter_text: String,
    /// The query in force (the last one that parsed).
    pub query: Query,
    /// Why the filter text does not parse, if it does not.
    pub filter_error: Option<FilterError>,
    /// Sort order.
    pub sort: SortSpec,
    /// Focused pane.
    pub focus: Pane,
    /// The pane that has the whole screen, if any.
    pub zoom: Option<Pane>,
    /// The detail pane, once an alert was opened.
    pub detail: Option<DetailState>,
    /// Dialogs, top last.
    pub dialogs: Vec<Dialog>,
    /// UTC or local.
    pub time_mode: TimeMode,
    /// Defang URLs and IPs when shown.
    pub defang: bool,
    /// Connection status.
    pub sync: SyncStatus,
    /// The last refresh failed with this.
    pub refresh_error: Option<String>,
    /// Polling paused by the analyst.
    pub paused: bool,
    /// Transient messages, oldest first.
    pub toasts: Vec<Toast>,
    /// The last time seen on a tick.
    pub now: Option<Timestamp>,
    /// Optimistic changes waiting for the service.
    pub pending: Vec<Pending>,
    /// Alerts that arrived by poll and were not yet looked at.
    pub new_ids: HashSet<String>,
    /// Owners offered by "assign to…", most recent first.
    pub recent_owners: Vec<String>,
    /// Unsent comment drafts by alert id.
    pub drafts: HashMap<String, String>,
    /// The unsent draft of a comment to several alerts.
    pub bulk_draft: Option<String>,
    /// Terminal size.
    pub size: (u16, u16),
    /// Device-code sign-in prompt.
    pub sign_in: Option<(String, String)>,
    /// Something changed since the last draw.
    pub dirty: bool,
    /// The program should end (after `Effect::Quit` was returned).
    pub quitting: bool,
    /// First rows arrived (later arrivals are highlighted as new).
    pub loaded: bool,
    pub(crate) next_req: RequestId,
    pub(crate) detail_req: Option<RequestId>,
    pub(crate) refresh_req: Option<RequestId>,
    /// The highest request whose complete answer was applied.
    pub(crate) complete_applied: RequestId,
}

impl State {
    /// A fresh state for a config.
    pub fn new(config: AppConfig) -> State {
        let mut recent_owners = config.recent_owners.clone();
        if !config.identity.is_empty() && !recent_owners.contains(&config.identity) {
            recent_owners.push(config.identity.clone());
        }
        State {
            config,
            rows: Rows::default(),
            selected: None,
            cursor: 0,
            list_offset: 0,
            marks: Marks::default(),
            filter_text: String::new(),
            query: Query::default(),
            filter_error: None,
            sort: SortSpec::default(),
            focus: Pane::List,
            zoom: None,
            detail: None,
            dialogs: Vec::new(),
            time_mode: TimeMode::Utc,
            defang: true,
            sync: SyncStatus::default(),
            refresh_error: None,
            paused: false,
            toasts: Vec::new(),
            now: None,
            pending: Vec::new(),
            new_ids: HashSet::new(),
            recent_owners,
            drafts: HashMap::new(),
            bulk_draft: None,
            size: (80, 24),
            sign_in: None,
            dirty: true,
            quitting: false,
            loaded: false,
            next_req: 1,
            detail_req: None,
            refresh_req: None,
            complete_applied: 0,
        }
    }

    /// A fresh request id.
    pub(crate) fn req(&mut self) -> RequestId {
        let r = self.next_req;
        self.next_req += 1;
        r
    }

    /// Number of rows passing the filter.
    pub fn match_count(&self) -> usize {
        self.rows.view_len()
    }

    /// Number of rows held.
    pub fn total_count(&self) -> usize {
        self.rows.len()
    }

    /// The rows of the view in `range` (clamped), decorated for rendering.
    pub fn visible_rows(&self, range: Range<usize>) -> impl Iterator<Item = RowView<'_>> {
        let end = range.end.min(self.rows.view_len());
        let start = range.start.min(end);
        (start..end).filter_map(move |pos| {
            let row = self.rows.at(pos)?;
            Some(RowView {
                pos,
                row,
                selected: pos == self.cursor && self.selected.is_some(),
                marked: self.marks.contains(&row.id),
                pending: self.is_pending(&row.id),
                new: self.new_ids.contains(&row.id),
            })
        })
    }

    /// The window of `height` rows to draw that keeps the cursor visible, near `list_offset`.
    pub fn list_window(&self, height: usize) -> Range<usize> {
        let len = self.rows.view_len();
        if height == 0 || len == 0 {
            return 0..0;
        }
        let mut off = self.list_offset.min(len.saturating_sub(1));
        if self.cursor < off {
            off = self.cursor;
        } else if self.cursor >= off + height {
            off = self.cursor + 1 - height;
        }
        off..(off + height).min(len)
    }

    /// The selected row.
    pub fn selected_row(&self) -> Option<&AlertRow> {
        self.selected.as_deref().and_then(|id| self.rows.get(id))
    }

    /// True when a write on this alert waits for the service.
    pub fn is_pending(&self, id: &str) -> bool {
        self.pending.iter().any(|p| p.covers(id))
    }

    /// The loaded detail, if the detail pane shows a loaded alert.
    pub fn loaded_detail(&self) -> Option<&AlertDetail> {
        match &self.detail.as_ref()?.load {
            DetailLoad::Loaded(d) => Some(d),
            _ => None,
        }
    }

    /// The top dialog.
    pub fn top_dialog(&self) -> Option<&Dialog> {
        self.dialogs.last()
    }

    /// The newest message still showing.
    pub fn toast(&self) -> Option<&Toast> {
        self.toasts.last()
    }

    /// Writes not yet confirmed (local optimistic ones plus the outbox's count).
    pub fn writes_pending(&self) -> u32 {
        let local = u32::try_from(self.pending.len()).unwrap_or(u32::MAX);
        local.max(self.sync.outbox_pending)
    }

    /// The ids a triage action applies to: the marks, else the selected alert.
    pub fn targets(&self) -> Vec<String> {
        if !self.marks.is_empty() {
            return self.marks.ids_in_order(&self.rows);
        }
        self.selected.iter().cloned().collect()
    }

    /// Rows per page for PgUp/PgDn: the terminal height minus chrome, halved when the list
    /// shares the screen with an open alert.
    pub fn page_size(&self) -> usize {
        let body = usize::from(self.size.1.saturating_sub(6));
        let shared = self.detail.is_some() && self.zoom != Some(Pane::List);
        (if shared { body / 2 } else { body }).max(1)
    }
}

impl State {
    /// The key-handling mode: the top dialog's context, else the focused pane.
    pub fn mode(&self) -> super::keymap::Mode {
        use super::keymap::{Context, Mode};
        match self.dialogs.last() {
            None => Mode::Normal(self.focus),
            Some(d) => Mode::Dialog(match d {
                Dialog::Menu(_) => Context::Menu,
                Dialog::Confirm(_) | Dialog::QuitConfirm { .. } => Context::Confirm,
                Dialog::Input(_) => Context::Input,
                Dialog::Editor(_) => Context::Editor,
                Dialog::Conflict(_) => Context::Conflict,
                Dialog::Viewer(v) if v.searching => Context::Input,
                Dialog::Viewer(_) => Context::Viewer,
                Dialog::Help(_) => Context::Help,
            }),
        }
    }
}
