//! The console's files import each other without cycles, `app` never imports `ui`, and no
//! file uses tokio, reqwest, rusqlite, axum or hyper.
//!
//! Run on `src/app` and `src/ui` of the console crate.

mod graph;
mod lex;

use graph::{Graph, SourceFile, build, cycles};
use std::path::Path;

/// Every `.rs` file under `src/<top>`, with its module path.
fn tree(top: &str) -> Vec<SourceFile> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut out = Vec::new();
    let mut dirs = vec![src.join(top)];
    while let Some(dir) = dirs.pop() {
        let entries = std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        for entry in entries {
            let path = entry.expect("directory entry").path();
            if path.is_dir() {
                dirs.push(path);
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let rel = path.strip_prefix(&src).expect("under src");
            let mut module: Vec<String> = rel
                .with_extension("")
                .iter()
                .map(|s| s.to_string_lossy().into_owned())
                .collect();
            if module.last().is_some_and(|l| l == "mod") {
                module.pop();
            }
            let text = std::fs::read_to_string(&path).expect("source reads");
            out.push(SourceFile {
                name: rel.to_string_lossy().into_owned(),
                module,
                text,
            });
        }
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    out
}

fn console() -> (Vec<SourceFile>, Graph) {
    let mut files = tree("app");
    files.extend(tree("ui"));
    assert!(files.len() > 50, "found only {} files", files.len());
    let g = build(&files);
    (files, g)
}

#[test]
fn no_import_cycle_between_console_files() {
    let (_, g) = console();
    let found = cycles(&g);
    let shown: Vec<String> = found.iter().map(|c| c.join(" → ")).collect();
    assert!(found.is_empty(), "import cycles:\n{}", shown.join("\n"));
    // The graph is real: the routers reach the features, the features their state.
    let edges = |f: &str| g.edges.get(f).cloned().unwrap_or_default();
    assert!(edges("app/update/normal.rs").contains("app/list/actions.rs"));
    assert!(edges("app/list/actions.rs").contains("app/update/rules.rs"));
    assert!(edges("app/state.rs").contains("app/list/state.rs"));
    assert!(edges("ui/mod.rs").contains("ui/dialogs/mod.rs"));
}

#[test]
fn app_never_imports_ui() {
    let (_, g) = console();
    let wrong: Vec<String> = g
        .edges
        .iter()
        .filter(|(from, _)| from.starts_with("app/"))
        .flat_map(|(from, to)| {
            to.iter()
                .filter(|t| t.starts_with("ui/"))
                .map(move |t| format!("{from} → {t}"))
        })
        .collect();
    assert!(wrong.is_empty(), "app imports ui:\n{}", wrong.join("\n"));
    let ui_reads_app = g
        .edges
        .iter()
        .any(|(from, to)| from.starts_with("ui/") && to.iter().any(|t| t.starts_with("app/")));
    assert!(ui_reads_app, "the check saw no ui → app edge at all");
}

#[test]
fn the_console_names_only_its_own_modules_and_no_io_crate() {
    // Cargo holds the crate's dependencies; this holds its source to them as well, so a
    // dependency added for a test cannot creep into the product code.
    let (files, g) = console();
    for f in &files {
        let outside = g.outside.get(&f.name).cloned().unwrap_or_default();
        assert!(outside.is_empty(), "{} names crate::{outside:?}", f.name);
        let roots = g.roots.get(&f.name).cloned().unwrap_or_default();
        for io in ["tokio", "reqwest", "rusqlite", "axum", "hyper"] {
            assert!(!roots.contains(io), "{} uses {io}", f.name);
        }
    }
    let uses_model = g.roots.values().any(|r| r.contains("mde_model"));
    assert!(uses_model, "the check saw no use of mde_model at all");
}

// ---------------------------------------------------------------- the checker itself

fn file(name: &str, text: &str) -> SourceFile {
    let mut module: Vec<String> = name
        .trim_end_matches(".rs")
        .split('/')
        .map(String::from)
        .collect();
    if module.last().is_some_and(|l| l == "mod") {
        module.pop();
    }
    SourceFile {
        name: name.to_string(),
        module,
        text: text.to_string(),
    }
}

#[test]
fn the_checker_finds_the_cycles_the_console_used_to_have() {
    // The four shapes of issue 8: `use super::{a, b}` both ways, a `pub use` re-export met by
    // an import back, a qualified call in code, and a `use` inside a function body.
    let files = [
        file(
            "app/mod.rs",
            "mod update; mod update_dialog; pub mod keymap; mod bindings;",
        ),
        file(
            "app/update.rs",
            "use super::{update_dialog, state::State};\nfn f() { update_dialog::on_key() }",
        ),
        file(
            "app/update_dialog.rs",
            "// use super::nothing;\nuse super::update;\nconst S: &str = \"super::bindings\";",
        ),
        file("app/keymap.rs", "pub use super::bindings::BINDINGS;\n"),
        file("app/bindings.rs", "use super::keymap::{Binding, self};\n"),
        file(
            "app/evidence_tree.rs",
            "fn b() -> T { super::evidence_build::build(a) }\n#[cfg(test)]\nmod tests { use super::*; }",
        ),
        file(
            "app/evidence_build.rs",
            "use crate::app::evidence_tree::{EvidenceTree, NodeKind};",
        ),
        file(
            "app/state.rs",
            "fn mode(&self) { use super::keymap::{Context, Mode}; }",
        ),
        file(
            "app/pane.rs",
            "use crate::app::state::Pane; use crate::model::Alert;",
        ),
    ];
    let g = build(&files);
    let mut found: Vec<String> = cycles(&g).iter().map(|c| c.join(" → ")).collect();
    found.sort();
    assert_eq!(
        found,
        [
            "app/bindings.rs → app/keymap.rs → app/bindings.rs",
            "app/evidence_build.rs → app/evidence_tree.rs → app/evidence_build.rs",
            "app/update.rs → app/update_dialog.rs → app/update.rs",
        ]
    );
    assert!(g.edges["app/state.rs"].contains("app/keymap.rs"));
    assert_eq!(
        g.outside["app/pane.rs"].iter().collect::<Vec<_>>(),
        ["model"]
    );
    // Comments, strings and the test module's `super::*` are not edges.
    assert!(!g.edges["app/update_dialog.rs"].contains("app/bindings.rs"));
    assert!(!g.edges["app/evidence_tree.rs"].contains("app/mod.rs"));
}

#[test]
fn aliases_of_modules_resolve_through_to_their_files() {
    let files = [
        file(
            "ui/mod.rs",
            "pub mod list; use crate::app::list::actions as list_keys;",
        ),
        file(
            "ui/list.rs",
            "use super::kit; fn f() { kit::theme::x(); let c = 'x'; let s: &'static str = r#\"crate::app\"#; }",
        ),
        file("ui/kit/mod.rs", "pub mod theme;"),
        file("ui/kit/theme.rs", "fn g() { crate::ui::list::render() }"),
        file("app/mod.rs", "pub mod list;"),
        file("app/list/mod.rs", "pub mod actions;"),
        file("app/list/actions.rs", ""),
    ];
    let g = build(&files);
    assert!(g.edges["ui/mod.rs"].contains("app/list/actions.rs"));
    assert!(g.edges["ui/list.rs"].contains("ui/kit/theme.rs"));
    assert!(!g.edges["ui/list.rs"].iter().any(|t| t.starts_with("app/")));
    let found: Vec<String> = cycles(&g).iter().map(|c| c.join(" → ")).collect();
    assert_eq!(found, ["ui/kit/theme.rs → ui/list.rs → ui/kit/theme.rs"]);
}
