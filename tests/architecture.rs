//! The layering in ARCHITECTURE.md, checked: `core` is pure, only `web` touches browser APIs.

use std::path::{Path, PathBuf};

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let entries = std::fs::read_dir(dir).unwrap_or_else(|err| panic!("{}: {err}", dir.display()));
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            files.extend(rust_files(&path));
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            files.push(path);
        }
    }
    files
}

/// Files under `dir` (relative to `src/`) whose code names any of `crates`.
fn offenders(dir: &str, crates: &[&str]) -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut found = Vec::new();
    for file in rust_files(&root.join(dir)) {
        let text = std::fs::read_to_string(&file).expect("readable source");
        for (number, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or_default();
            for name in crates {
                if code.contains(&format!("{name}::")) || code.contains(&format!("use {name}")) {
                    found.push(format!(
                        "{}:{}: {}",
                        file.display(),
                        number + 1,
                        line.trim()
                    ));
                }
            }
        }
    }
    found
}

#[test]
fn core_is_pure() {
    let found = offenders(
        "core",
        &["leptos", "web_sys", "js_sys", "wasm_bindgen", "gloo_net"],
    );
    assert!(
        found.is_empty(),
        "core must not use UI or browser crates:\n{}",
        found.join("\n")
    );
}

#[test]
fn only_web_touches_browser_apis() {
    let mut found = offenders("ui", &["web_sys", "js_sys"]);
    found.extend(offenders("core", &["web_sys", "js_sys"]));
    assert!(
        found.is_empty(),
        "browser APIs belong in src/web:\n{}",
        found.join("\n")
    );
}

/// A file's module path under `src/` (`core/filter/index.rs` → `core::filter::index`,
/// `core/filter/mod.rs` → `core::filter`).
fn module_of(root: &Path, file: &Path) -> Vec<String> {
    let relative = file.strip_prefix(root).expect("under src");
    let mut parts: Vec<String> = relative
        .iter()
        .map(|part| part.to_string_lossy().trim_end_matches(".rs").to_string())
        .collect();
    if parts.last().is_some_and(|last| last == "mod") {
        parts.pop();
    }
    parts
}

/// Every path a file names through `crate::` or `super::`, made absolute, with `use` groups
/// (`crate::core::{a, b::c}`) expanded one level deep.
fn named_paths(module: &[String], is_mod_file: bool, code: &str) -> Vec<Vec<String>> {
    let words: Vec<char> = code.chars().collect();
    let ident = |c: char| c.is_alphanumeric() || c == '_';
    let mut found = Vec::new();
    let mut at = 0;
    while at < words.len() {
        let starts_path = (at == 0 || !ident(words[at - 1]) && words[at - 1] != ':')
            && (code_at(&words, at, "crate::") || code_at(&words, at, "super::"));
        if !starts_path {
            at += 1;
            continue;
        }
        // Read segments joined by `::`, then an optional `{…}` group.
        let mut segments: Vec<String> = Vec::new();
        let mut group: Vec<Vec<String>> = Vec::new();
        loop {
            let begin = at;
            while at < words.len() && ident(words[at]) {
                at += 1;
            }
            segments.push(words[begin..at].iter().collect());
            if code_at(&words, at, "::{") {
                at += 3;
                let close = words[at..]
                    .iter()
                    .position(|&c| c == '}')
                    .map_or(words.len(), |p| at + p);
                let inner: String = words[at..close].iter().collect();
                for item in inner.split(',') {
                    let item = item.trim();
                    if !item.is_empty() {
                        group.push(item.split("::").map(|s| s.trim().to_string()).collect());
                    }
                }
                at = close;
                break;
            }
            if code_at(&words, at, "::") {
                at += 2;
            } else {
                break;
            }
        }
        let absolute = |segments: &[String]| -> Vec<String> {
            let mut base: Vec<String> = Vec::new();
            let mut rest = segments;
            if rest.first().is_some_and(|s| s == "crate") {
                rest = &rest[1..];
            } else {
                base = module.to_vec();
                // A `foo.rs` file's `super` is its folder; a `mod.rs` file's is the one above.
                if !is_mod_file {
                    base.pop();
                    if rest.first().is_some_and(|s| s == "super") {
                        rest = &rest[1..];
                    }
                }
                while rest.first().is_some_and(|s| s == "super") {
                    base.pop();
                    rest = &rest[1..];
                }
            }
            base.extend(rest.iter().cloned());
            base
        };
        if group.is_empty() {
            found.push(absolute(&segments));
        } else {
            for item in group {
                let mut joined = segments.clone();
                joined.extend(item);
                found.push(absolute(&joined));
            }
        }
    }
    found
}

fn code_at(words: &[char], at: usize, text: &str) -> bool {
    text.chars()
        .enumerate()
        .all(|(i, c)| words.get(at + i) == Some(&c))
}

/// The source without comments, so prose that mentions a path names nothing.
fn without_comments(text: &str) -> String {
    text.lines()
        .map(|line| line.split("//").next().unwrap_or_default())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Which module of `modules` a path lands in: the longest prefix that is one.
fn landing(modules: &[Vec<String>], path: &[String]) -> Option<Vec<String>> {
    (1..=path.len())
        .rev()
        .map(|n| path[..n].to_vec())
        .find(|prefix| modules.contains(prefix))
}

/// A cycle in a directed graph over `nodes`, if there is one.
fn find_cycle(edges: &[(String, String)]) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        edges: &[(String, String)],
        path: &mut Vec<String>,
        done: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        if let Some(start) = path.iter().position(|n| n == node) {
            let mut cycle = path[start..].to_vec();
            cycle.push(node.to_string());
            return Some(cycle);
        }
        if done.iter().any(|n| n == node) {
            return None;
        }
        path.push(node.to_string());
        for (_, to) in edges.iter().filter(|(from, _)| from == node) {
            if let Some(cycle) = visit(to, edges, path, done) {
                return Some(cycle);
            }
        }
        path.pop();
        done.push(node.to_string());
        None
    }
    let mut done = Vec::new();
    edges
        .iter()
        .find_map(|(from, _)| visit(from, edges, &mut Vec::new(), &mut done))
}

/// The import edges between the children of every folder: `a` → `b` when code inside child
/// `a` names something inside child `b`. Re-exports through the folder's own `mod.rs` are
/// not edges between its children.
fn sibling_edges() -> Vec<(String, Vec<(String, String)>)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let files = rust_files(&root);
    let modules: Vec<Vec<String>> = files.iter().map(|f| module_of(&root, f)).collect();
    let mut by_folder: std::collections::BTreeMap<String, Vec<(String, String)>> =
        Default::default();
    for (file, module) in files.iter().zip(&modules) {
        let is_mod_file = file.file_name().is_some_and(|n| n == "mod.rs");
        let text = std::fs::read_to_string(file).expect("readable source");
        for path in named_paths(module, is_mod_file, &without_comments(&text)) {
            let Some(target) = landing(&modules, &path) else {
                continue;
            };
            let shared = module
                .iter()
                .zip(&target)
                .take_while(|(a, b)| a == b)
                .count();
            if let (Some(from), Some(to)) = (module.get(shared), target.get(shared)) {
                let edge = (from.clone(), to.clone());
                let folder = module[..shared].join("::");
                let edges = by_folder.entry(folder).or_default();
                if !edges.contains(&edge) {
                    edges.push(edge);
                }
            }
        }
    }
    by_folder.into_iter().collect()
}

#[test]
fn no_module_imports_run_in_a_circle() {
    let folders = sibling_edges();
    // The checker itself sees the edges it must: sources never import explorer, and
    // inside the filter the chain runs one way.
    let edges_of = |folder: &str| {
        folders
            .iter()
            .find(|(name, _)| name == folder)
            .map(|(_, edges)| edges.clone())
            .unwrap_or_default()
    };
    let filter = edges_of("core::filter");
    assert!(
        filter.contains(&("engine".into(), "index".into())),
        "the checker reads `super::` imports: {filter:?}"
    );
    assert!(
        edges_of("ui").contains(&("app".into(), "explorer".into())),
        "the checker reads `crate::` imports"
    );
    let circles: Vec<String> = folders
        .iter()
        .filter_map(|(folder, edges)| {
            find_cycle(edges).map(|cycle| format!("in {folder}: {}", cycle.join(" → ")))
        })
        .collect();
    assert!(
        circles.is_empty(),
        "import circles:\n{}",
        circles.join("\n")
    );
}

#[test]
fn the_cycle_finder_finds_cycles() {
    let edge = |a: &str, b: &str| (a.to_string(), b.to_string());
    assert_eq!(find_cycle(&[edge("a", "b"), edge("b", "c")]), None);
    assert_eq!(
        find_cycle(&[edge("a", "b"), edge("b", "c"), edge("c", "a")]),
        Some(vec!["a".into(), "b".into(), "c".into(), "a".into()])
    );
    let module: Vec<String> = vec!["core".into(), "filter".into(), "index".into()];
    let named = named_paths(
        &module,
        false,
        "use super::spec::DateField;\nuse crate::core::{feed::Paper, text};\nlet x = super::super::text::count;",
    );
    assert_eq!(
        named,
        [
            vec!["core", "filter", "spec", "DateField"],
            vec!["core", "feed", "Paper"],
            vec!["core", "text"],
            vec!["core", "text", "count"],
        ]
        .map(|p| p.iter().map(|s| s.to_string()).collect::<Vec<_>>())
    );
}

/// Hand-written files stay small enough to find one's way in; tables of data are exempt.
#[test]
fn no_source_file_is_over_800_lines() {
    const LIMIT: usize = 800;
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut long = Vec::new();
    for dir in [
        "src",
        "tests",
        "xtask",
        "tools",
        "fuzz/src",
        "fuzz/fuzz_targets",
        "fuzz/tests",
    ] {
        for file in rust_files(&root.join(dir)) {
            let lines = std::fs::read_to_string(&file)
                .expect("readable")
                .lines()
                .count();
            if lines > LIMIT {
                long.push(format!("{} ({lines} lines)", file.display()));
            }
        }
    }
    assert!(
        long.is_empty(),
        "files over {LIMIT} lines:\n{}",
        long.join("\n")
    );
}
