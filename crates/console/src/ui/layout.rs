//! Where each pane goes, by terminal size: wide terminals (≥ 160 columns) show list | detail +
//! evidence | comments; medium ones stack the list over detail | evidence + comments; narrow
//! ones (80×24) stack the list over ONE of the lower panes (the focused one, with tabs); zoom
//! gives one pane the whole body.

use ratatui::layout::{Constraint, Layout, Rect};

/// Width from which all three columns are shown.
pub const WIDE: u16 = 160;
/// Width from which detail and evidence sit side by side under the list.
pub const MEDIUM: u16 = 110;

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
}

impl Screen {
    /// The rectangle of a region, if shown.
    pub fn rect(&self, r: Region) -> Option<Rect> {
        match r {
            Region::List => self.list,
            Region::Detail => self.detail,
            Region::Evidence => self.evidence,
            Region::Comments => self.comments,
        }
    }
}

/// Lays out `area`. `detail_open` is false until an alert is opened; `focus` picks the lower
/// pane on narrow screens; `zoom` gives one region the body.
pub fn screen(area: Rect, focus: Region, zoom: Option<Region>, detail_open: bool) -> Screen {
    let [body, status, hints] = area.layout(&Layout::vertical([
        Constraint::Fill(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ]));
    let mut s = Screen {
        list: None,
        detail: None,
        evidence: None,
        comments: None,
        tabbed: false,
        status,
        hints,
        body,
    };
    let zoom = if detail_open {
        zoom
    } else {
        zoom.filter(|z| *z == Region::List)
    };
    if let Some(z) = zoom {
        match z {
            Region::List => s.list = Some(body),
            Region::Detail => s.detail = Some(body),
            Region::Evidence => s.evidence = Some(body),
            Region::Comments => s.comments = Some(body),
        }
        return s;
    }
    if !detail_open {
        s.list = Some(body);
        return s;
    }
    if area.width >= WIDE {
        let [list, middle, comments] = body.layout(&Layout::horizontal([
            Constraint::Percentage(42),
            Constraint::Percentage(36),
            Constraint::Percentage(22),
        ]));
        let [detail, evidence] = middle.layout(&Layout::vertical([
            Constraint::Percentage(50),
            Constraint::Percentage(50),
        ]));
        s.list = Some(list);
        s.detail = Some(detail);
        s.evidence = Some(evidence);
        s.comments = Some(comments);
    } else if area.width >= MEDIUM {
        let [list, lower] = body.layout(&Layout::vertical([
            Constraint::Percentage(40),
            Constraint::Percentage(60),
        ]));
        let [detail, right] = lower.layout(&Layout::horizontal([
            Constraint::Percentage(50),
            Constraint::Percentage(50),
        ]));
        let [evidence, comments] = right.layout(&Layout::vertical([
            Constraint::Percentage(60),
            Constraint::Percentage(40),
        ]));
        s.list = Some(list);
        s.detail = Some(detail);
        s.evidence = Some(evidence);
        s.comments = Some(comments);
    } else {
        // Narrow: the list keeps a few rows for context, one lower pane gets the rest.
        let list_rows = (body.height / 3).clamp(3, 8);
        let [list, lower] = body.layout(&Layout::vertical([
            Constraint::Length(list_rows),
            Constraint::Fill(1),
        ]));
        s.list = Some(list);
        s.tabbed = true;
        match focus {
            Region::Evidence => s.evidence = Some(lower),
            Region::Comments => s.comments = Some(lower),
            Region::List | Region::Detail => s.detail = Some(lower),
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn no_overlap(s: &Screen) {
        let rects: Vec<Rect> = [s.list, s.detail, s.evidence, s.comments]
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

    #[test]
    fn wide_terminals_show_every_pane() {
        let s = screen(Rect::new(0, 0, 160, 48), Region::List, None, true);
        assert!(s.list.is_some() && s.detail.is_some());
        assert!(s.evidence.is_some() && s.comments.is_some());
        assert!(!s.tabbed);
        no_overlap(&s);
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
