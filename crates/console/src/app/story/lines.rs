//! The lines of the process story: the tree around the alert, not the whole device — each
//! evidence process with its ancestors (to the oldest known) and its descendants, in start
//! order, indented by depth. When the tree holds none of the evidence processes, every
//! process of the window is shown (and the pane says so).

use mde_model::graph::process_story::ProcessStory;
use std::collections::HashSet;

/// Most lines shown (a busy device starts thousands of processes an hour).
pub const MAX_LINES: usize = 2000;

/// One line: a process at a depth.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StoryLine {
    /// The process, by index in the tree.
    pub node: usize,
    /// Its depth (0 for a root).
    pub depth: usize,
    /// The last child of its parent (draws `└`).
    pub last: bool,
}

/// The lines around the evidence (every node when none is evidence).
pub fn build(tree: &ProcessStory) -> Vec<StoryLine> {
    let marked: Vec<usize> = (0..tree.nodes.len())
        .filter(|i| tree.nodes[*i].evidence)
        .collect();
    let keep: Option<HashSet<usize>> = (!marked.is_empty()).then(|| {
        let mut keep = HashSet::new();
        for &m in &marked {
            keep.insert(m);
            keep.extend(tree.ancestors(m));
            let mut stack = vec![m];
            while let Some(n) = stack.pop() {
                for &c in &tree.nodes[n].children {
                    if keep.insert(c) {
                        stack.push(c);
                    }
                }
            }
        }
        keep
    });
    let shown = |i: usize| keep.as_ref().is_none_or(|k| k.contains(&i));
    let mut out = Vec::new();
    let roots: Vec<usize> = tree.roots.iter().copied().filter(|r| shown(*r)).collect();
    let mut stack: Vec<(usize, usize, bool)> = roots
        .iter()
        .rev()
        .enumerate()
        .map(|(i, r)| (*r, 0, i == 0))
        .collect();
    let mut seen = HashSet::new();
    while let Some((node, depth, last)) = stack.pop() {
        if out.len() >= MAX_LINES || !seen.insert(node) {
            continue;
        }
        out.push(StoryLine { node, depth, last });
        let kids: Vec<usize> = tree.nodes[node]
            .children
            .iter()
            .copied()
            .filter(|c| shown(*c))
            .collect();
        for (i, c) in kids.iter().enumerate().rev() {
            stack.push((*c, depth + 1, i + 1 == kids.len()));
        }
    }
    out
}
