//! Where each pane goes, by terminal size and content. Wide terminals (≥ 160 columns) give the
//! list 60% — title, device and owner stay readable — and stack detail, evidence and comments on
//! the right; medium ones put the list over detail | evidence + comments; narrow ones (80×24)
//! stack the list over ONE of the lower panes (the focused one, with tabs). The comments pane
//! is as tall as its content (three rows when empty), never a column of its own. Zoom gives one
//! pane the whole body; the filter prompt takes the body's last row.

use ratatui::layout::{Constraint, Layout, Rect};

/// Width from which the list sits beside the stacked detail panes.
pub const WIDE: u16 = 160;
/// Width from which detail and evidence sit side by side under the list.
pub const MEDIUM: u16 = 110;

/// What the layout needs to know besides the terminal size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Want {
    /// The focused region (picks the lower pane on narrow screens).
    pub focus: Region,
    /// The region that has the whole body, if any.
    pub zoom: Option<Region>,
    /// An alert is open.
    pub detail_open: bool,
    /// Rows the comments' content takes (0 for none).
    pub comments_rows: u16,
    /// The filter prompt is open: it takes the body's last row.
    pub prompt: bool,
    // Issue 10: the device panel.
    /// The device panel is open (beside the detail; on a narrow screen in its slot, by tab).
    pub device_open: bool,
}

/// The panes the layout places.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Region {
    /// The alert list.
    List,
    /// The alert's properties.
    Detail,
    /// The evidence tree.
    Evidence,
    /// The comments.
    Comments,
    /// The device panel (issue 10).
    Device,
}

/// The rectangles of one frame; a pane that is not shown is `None`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Screen {
    /// The alert list.
    pub list: Option<Rect>,
    /// The detail pane.
    pub detail: Option<Rect>,
    /// The evidence tree.
    pub evidence: Option<Rect>,
    /// The comments.
    pub comments: Option<Rect>,
    /// True when the lower panes share one slot and need tabs to show which one is up.
    pub tabbed: bool,
    /// The status bar row.
    pub status: Rect,
    /// The hint bar row.
    pub hints: Rect,
    /// The whole body (for overlays).
    pub body: Rect,
    /// The filter prompt's row, when it is open.
    pub prompt: Option<Rect>,
    /// The device panel (issue 10).
    pub device: Option<Rect>,
    /// The device panel is open, shown or not (the tab strip names it).
    pub device_open: bool,
}

impl Screen {
    /// The rectangle of a region, if shown.
    pub fn rect(&self, r: Region) -> Option<Rect> {
        match r {
            Region::List => self.list,
            Region::Detail => self.detail,
            Region::Evidence => self.evidence,
            Region::Comments => self.comments,
            Region::Device => self.device,
        }
    }
}

/// Lays out `area`.
pub fn screen(area: Rect, want: Want) -> Screen {
    let [body, status, hints] = area.layout(&Layout::vertical([
        Constraint::Fill(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ]));
    let (panes, prompt) = if want.prompt && body.height > 3 {
        let [panes, prompt] = body.layout(&Layout::vertical([
            Constraint::Fill(1),
            Constraint::Length(1),
        ]));
        (panes, Some(prompt))
    } else {
        (body, None)
    };
    let mut s = Screen {
        list: None,
        detail: None,
        evidence: None,
        comments: None,
        tabbed: false,
        status,
        hints,
        body,
        prompt,
        device: None,
        device_open: want.device_open && want.detail_open,
    };
    let zoom = if want.detail_open {
        want.zoom
            .filter(|z| *z != Region::Device || want.device_open)
    } else {
        want.zoom.filter(|z| *z == Region::List)
    };
    if let Some(z) = zoom {
        match z {
            Region::List => s.list = Some(panes),
            Region::Detail => s.detail = Some(panes),
            Region::Evidence => s.evidence = Some(panes),
            Region::Comments => s.comments = Some(panes),
            Region::Device => s.device = Some(panes),
        }
        return s;
    }
    if !want.detail_open {
        s.list = Some(panes);
        return s;
    }
    // The comments are as tall as what they hold, within bounds.
    let comments_h = |room: u16| {
        want.comments_rows
            .saturating_add(2)
            .clamp(3, (room / 3).max(3))
    };
    if area.width >= WIDE {
        // Issue 10: an open device panel gets a column of its own beside the detail; the list
        // gives up the room (its columns are sized to their content).
        let (list, right) = if s.device_open {
            let [list, right, device] = panes.layout(&Layout::horizontal([
                Constraint::Percentage(38),
                Constraint::Percentage(31),
                Constraint::Percentage(31),
            ]));
            s.device = Some(device);
            (list, right)
        } else {
            let [list, right] = panes.layout(&Layout::horizontal([
                Constraint::Percentage(60),
                Constraint::Percentage(40),
            ]));
            (list, right)
        };
        let c = comments_h(right.height);
        let [top, comments] = right.layout(&Layout::vertical([
            Constraint::Fill(1),
            Constraint::Length(c),
        ]));
        let [detail, evidence] = top.layout(&Layout::vertical([
            Constraint::Percentage(58),
            Constraint::Percentage(42),
        ]));
        s.list = Some(list);
        s.detail = Some(detail);
        s.evidence = Some(evidence);
        s.comments = Some(comments);
    } else if area.width >= MEDIUM {
        let [list, lower] = panes.layout(&Layout::vertical([
            Constraint::Percentage(40),
            Constraint::Percentage(60),
        ]));
        let (detail, right) = if s.device_open {
            let [detail, right, device] = lower.layout(&Layout::horizontal([
                Constraint::Percentage(36),
                Constraint::Percentage(32),
                Constraint::Percentage(32),
            ]));
            s.device = Some(device);
            (detail, right)
        } else {
            let [detail, right] = lower.layout(&Layout::horizontal([
                Constraint::Percentage(50),
                Constraint::Percentage(50),
            ]));
            (detail, right)
        };
        let c = comments_h(right.height * 3 / 2);
        let [evidence, comments] = right.layout(&Layout::vertical([
            Constraint::Fill(1),
            Constraint::Length(c),
        ]));
        s.list = Some(list);
        s.detail = Some(detail);
        s.evidence = Some(evidence);
        s.comments = Some(comments);
    } else {
        // Narrow: the list keeps a few rows for context, one lower pane gets the rest.
        let list_rows = (panes.height / 3).clamp(3, 8);
        let [list, lower] = panes.layout(&Layout::vertical([
            Constraint::Length(list_rows),
            Constraint::Fill(1),
        ]));
        s.list = Some(list);
        s.tabbed = true;
        match want.focus {
            Region::Evidence => s.evidence = Some(lower),
            Region::Comments => s.comments = Some(lower),
            Region::Device if s.device_open => s.device = Some(lower),
            Region::List | Region::Detail | Region::Device => s.detail = Some(lower),
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn no_overlap(s: &Screen) {
        let rects: Vec<Rect> = [s.list, s.detail, s.evidence, s.comments, s.device]
            .into_iter()
            .flatten()
            .chain([s.status, s.hints])
            .collect();
        for (i, a) in rects.iter().enumerate() {
            for b in &rects[i + 1..] {
                assert!(!a.intersects(*b), "{a:?} overlaps {b:?}");
            }
        }
    }

    fn screen(area: Rect, focus: Region, zoom: Option<Region>, detail_open: bool) -> Screen {
        super::screen(
            area,
            Want {
                focus,
                zoom,
                detail_open,
                comments_rows: 0,
                prompt: false,
                device_open: false,
            },
        )
    }

    #[test]
    fn wide_terminals_show_every_pane() {
        let s = screen(Rect::new(0, 0, 160, 48), Region::List, None, true);
        assert!(s.list.is_some() && s.detail.is_some());
        assert!(s.evidence.is_some() && s.comments.is_some());
        assert!(!s.tabbed);
        no_overlap(&s);
        // The list keeps most of the width; empty comments take three rows, not a column.
        assert_eq!(s.list.unwrap().width, 96);
        assert_eq!(s.comments.unwrap().height, 3);
        assert_eq!(s.comments.unwrap().x, s.detail.unwrap().x);
    }

    #[test]
    fn the_filter_prompt_has_its_own_row() {
        let s = super::screen(
            Rect::new(0, 0, 80, 24),
            Want {
                focus: Region::List,
                zoom: None,
                detail_open: false,
                comments_rows: 0,
                prompt: true,
                device_open: false,
            },
        );
        let p = s.prompt.unwrap();
        assert_eq!(p.y, 21);
        assert!(!p.intersects(s.hints) && !p.intersects(s.status));
        assert!(!p.intersects(s.list.unwrap()));
    }

    #[test]
    fn narrow_terminals_stack_the_list_over_the_focused_pane() {
        let area = Rect::new(0, 0, 80, 24);
        let s = screen(area, Region::Evidence, None, true);
        assert!(s.list.is_some() && s.evidence.is_some());
        assert!(s.detail.is_none() && s.comments.is_none());
        assert!(s.tabbed);
        no_overlap(&s);
        let s = screen(area, Region::List, None, true);
        assert!(s.detail.is_some());
        let s = screen(area, Region::List, None, false);
        assert_eq!(s.list, Some(s.body));
    }

    #[test]
    fn the_device_panel_sits_beside_the_detail_or_in_its_slot() {
        let want = |focus, w: u16, h: u16| {
            super::screen(
                Rect::new(0, 0, w, h),
                Want {
                    focus,
                    zoom: None,
                    detail_open: true,
                    comments_rows: 0,
                    prompt: false,
                    device_open: true,
                },
            )
        };
        for (w, h) in [(160, 48), (120, 32)] {
            let s = want(Region::Device, w, h);
            assert!(
                s.device.is_some() && s.detail.is_some() && s.list.is_some(),
                "{w}x{h}"
            );
            assert!(s.evidence.is_some() && !s.tabbed, "{w}x{h}");
            assert!(s.device.unwrap().width >= 38, "{w}x{h}: {:?}", s.device);
            no_overlap(&s);
        }
        // Narrow: a tab of the lower slot, shown when it has the focus.
        let s = want(Region::Device, 80, 24);
        assert!(s.device.is_some() && s.detail.is_none() && s.tabbed && s.device_open);
        let s = want(Region::List, 80, 24);
        assert!(s.device.is_none() && s.detail.is_some() && s.device_open);
    }

    #[test]
    fn zoom_gives_one_pane_the_body() {
        let s = screen(
            Rect::new(0, 0, 80, 24),
            Region::Evidence,
            Some(Region::Evidence),
            true,
        );
        assert_eq!(s.evidence, Some(s.body));
        assert!(s.list.is_none());
        // Zooming a lower pane with no alert open falls back to the list.
        let s = screen(
            Rect::new(0, 0, 80, 24),
            Region::List,
            Some(Region::Detail),
            false,
        );
        assert_eq!(s.list, Some(s.body));
    }
}
