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
