//! The import graph between the files of a module tree, read from the source: `use` trees
//! (groups, `self`, globs, renames, `pub use` re-exports) and qualified paths in code
//! (`super::build::build(..)`, `crate::app::x::y`, `child::f()`, or a name a `use` bound to a
//! module). Comments, strings and char literals are skipped; inline `mod name { .. }` blocks
//! (tests) resolve `super` from inside them. `mod name;` declarations are not edges.

use super::lex::{Tok, lex};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// A module path from the crate root, e.g. `["app", "list", "state"]`.
pub type ModPath = Vec<String>;

/// One source file of the tree and the module it is.
pub struct SourceFile {
    /// Shown in reports, e.g. `app/list/state.rs`.
    pub name: String,
    /// Its module path.
    pub module: ModPath,
    /// Its text.
    pub text: String,
}

/// What the files import.
#[derive(Debug, Default)]
pub struct Graph {
    /// File → files it imports (by name).
    pub edges: BTreeMap<String, BTreeSet<String>>,
    /// File → `crate::<first>` segments it names that are outside the tree.
    pub outside: BTreeMap<String, BTreeSet<String>>,
    /// File → first segments of every path it names (external crates included).
    pub roots: BTreeMap<String, BTreeSet<String>>,
}

/// Builds the graph of `files` (all files of the tree; the crate root itself need not be in it).
pub fn build(files: &[SourceFile]) -> Graph {
    let by_module: HashMap<&ModPath, &str> =
        files.iter().map(|f| (&f.module, f.name.as_str())).collect();
    let mut g = Graph::default();
    for f in files {
        let toks = lex(&f.text);
        let mut r = Reader {
            by_module: &by_module,
            file: f,
            aliases: HashMap::new(),
            graph: &mut g,
        };
        r.read(&toks);
    }
    g
}

struct Reader<'a, 'g> {
    by_module: &'a HashMap<&'a ModPath, &'a str>,
    file: &'a SourceFile,
    aliases: HashMap<String, ModPath>,
    graph: &'g mut Graph,
}

impl Reader<'_, '_> {
    fn read(&mut self, toks: &[Tok]) {
        let mut scope: Vec<(String, usize)> = Vec::new(); // inline modules and their depth
        let mut depth = 0usize;
        let mut i = 0;
        while i < toks.len() {
            let current = self.current(&scope);
            match &toks[i] {
                Tok::Sym('{') => depth += 1,
                Tok::Sym('}') => {
                    depth = depth.saturating_sub(1);
                    if scope.last().is_some_and(|(_, d)| *d == depth) {
                        scope.pop();
                    }
                }
                Tok::Ident(k) if k == "mod" => {
                    if let (Some(Tok::Ident(name)), Some(Tok::Sym('{'))) =
                        (toks.get(i + 1), toks.get(i + 2))
                    {
                        scope.push((name.clone(), depth));
                        depth += 1;
                        i += 3;
                        continue;
                    }
                }
                Tok::Ident(k) if k == "use" => {
                    let end = (i..toks.len())
                        .find(|&j| toks[j] == Tok::Sym(';'))
                        .unwrap_or(toks.len());
                    let mut leaves = Vec::new();
                    use_tree(&toks[i + 1..end], Vec::new(), &mut leaves);
                    for (path, alias) in leaves {
                        if let Some(target) = self.resolve(&current, &path)
                            && let (Some(alias), true) = (alias, self.is_module(&target))
                        {
                            self.aliases.insert(alias, target);
                        }
                    }
                    i = end + 1;
                    continue;
                }
                Tok::Ident(first) if toks.get(i + 1) == Some(&Tok::Path) => {
                    let starts_path = i == 0 || toks[i - 1] != Tok::Path;
                    if starts_path {
                        let mut path = vec![first.clone()];
                        let mut j = i + 1;
                        while toks.get(j) == Some(&Tok::Path) {
                            match toks.get(j + 1) {
                                Some(Tok::Ident(s)) => path.push(s.clone()),
                                _ => break,
                            }
                            j += 2;
                        }
                        let _ = self.resolve(&current, &path);
                        i = j;
                        continue;
                    }
                }
                _ => {}
            }
            i += 1;
        }
    }

    fn current(&self, scope: &[(String, usize)]) -> ModPath {
        let mut m = self.file.module.clone();
        m.extend(scope.iter().map(|(n, _)| n.clone()));
        m
    }

    fn is_module(&self, m: &ModPath) -> bool {
        self.by_module.contains_key(m)
    }

    /// Resolves a path named in `current`; records the edge (or the outside name). Returns
    /// the deepest module it reaches inside the tree.
    fn resolve(&mut self, current: &ModPath, path: &[String]) -> Option<ModPath> {
        let first = path.first()?;
        let name = self.file.name.clone();
        self.graph
            .roots
            .entry(name.clone())
            .or_default()
            .insert(first.clone());
        let (mut at, rest): (ModPath, &[String]) = match first.as_str() {
            "crate" => (Vec::new(), &path[1..]),
            "self" => (current.clone(), &path[1..]),
            "super" => {
                let mut m = current.clone();
                let mut k = 0;
                while path.get(k).is_some_and(|s| s == "super") {
                    m.pop();
                    k += 1;
                }
                (m, &path[k..])
            }
            other => {
                if let Some(m) = self.aliases.get(other) {
                    (m.clone(), &path[1..])
                } else {
                    let mut child = current.clone();
                    child.push(other.to_string());
                    if !self.is_module(&child) {
                        return None;
                    }
                    (child, &path[1..])
                }
            }
        };
        let mut rest = rest;
        if at.is_empty() {
            // `crate::x`: inside the tree only when `x` is one of its top modules.
            let top = rest.first()?;
            if !self.is_module(&vec![top.clone()]) {
                self.graph
                    .outside
                    .entry(name)
                    .or_default()
                    .insert(top.clone());
                return None;
            }
            at.push(top.clone());
            rest = &rest[1..];
        }
        for seg in rest {
            let mut next = at.clone();
            next.push(seg.clone());
            if !self.is_module(&next) {
                break;
            }
            at = next;
        }
        // Inline modules have no file: the nearest enclosing module's file.
        let mut m = at.clone();
        while !m.is_empty() && !self.is_module(&m) {
            m.pop();
        }
        let target = self.by_module.get(&m)?.to_string();
        if target != name {
            self.graph.edges.entry(name).or_default().insert(target);
        }
        Some(at)
    }
}

/// Expands a use tree into (full path, bound name) leaves; globs bind nothing.
fn use_tree(toks: &[Tok], prefix: Vec<String>, out: &mut Vec<(Vec<String>, Option<String>)>) {
    let mut path = prefix;
    let mut i = 0;
    while i < toks.len() {
        match &toks[i] {
            Tok::Path => i += 1,
            Tok::Ident(s) => {
                path.push(s.clone());
                if toks.get(i + 1) == Some(&Tok::Path) {
                    i += 1;
                    continue;
                }
                // A leaf: `x`, `x as y`, or `self` (the module it follows).
                if path.last().is_some_and(|l| l == "self") {
                    path.pop();
                }
                let bound = match (toks.get(i + 1), toks.get(i + 2)) {
                    (Some(Tok::Ident(a)), Some(Tok::Ident(b))) if a == "as" => Some(b.clone()),
                    _ => path.last().cloned(),
                };
                out.push((path, bound));
                return;
            }
            Tok::Sym('*') => {
                out.push((path, None));
                return;
            }
            Tok::Sym('{') => {
                // Each top-level, comma-separated part of the group is a tree of its own.
                let mut level = 0;
                let mut start = i + 1;
                for j in i + 1..toks.len() {
                    match toks[j] {
                        Tok::Sym('{') => level += 1,
                        Tok::Sym('}') if level > 0 => level -= 1,
                        Tok::Sym(',' | '}') if level == 0 => {
                            if start < j {
                                use_tree(&toks[start..j], path.clone(), out);
                            }
                            start = j + 1;
                            if toks[j] == Tok::Sym('}') {
                                return;
                            }
                        }
                        _ => {}
                    }
                }
                return;
            }
            _ => i += 1,
        }
    }
}

/// The import cycles: for each file that can reach itself, the shortest way round (each file
/// is reported in one cycle at most).
pub fn cycles(g: &Graph) -> Vec<Vec<String>> {
    let mut reported: BTreeSet<String> = BTreeSet::new();
    let mut out = Vec::new();
    for start in g.edges.keys() {
        if reported.contains(start) {
            continue;
        }
        // Breadth-first from `start`, remembering where each file was reached from.
        let mut from: BTreeMap<&String, &String> = BTreeMap::new();
        let mut queue = std::collections::VecDeque::from([start]);
        while let Some(n) = queue.pop_front() {
            for m in g.edges.get(n).into_iter().flatten() {
                if !from.contains_key(m) {
                    from.insert(m, n);
                    queue.push_back(m);
                }
            }
        }
        let Some(mut at) = from.get(start).copied() else {
            continue;
        };
        let mut cycle = vec![start.clone()];
        while at != start {
            cycle.push(at.clone());
            at = from[at];
        }
        cycle.push(start.clone());
        cycle.reverse();
        reported.extend(cycle.iter().cloned());
        out.push(cycle);
    }
    out
}
