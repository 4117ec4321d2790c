//! Replays every corpus file through the same checks as the fuzz targets, without libFuzzer,
//! so the corpus (seeds plus anything a fuzzing run found and was committed) is a regression
//! suite on stable Rust: `cargo test` in this folder.

use std::path::{Path, PathBuf};

fn corpus(target: &str) -> Vec<PathBuf> {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("corpus")
        .join(target);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&folder)
        .unwrap_or_else(|err| panic!("cannot read {}: {err}", folder.display()))
        .map(|entry| entry.expect("a readable folder entry").path())
        .filter(|path| path.is_file())
        .collect();
    files.sort();
    assert!(!files.is_empty(), "{} holds no inputs", folder.display());
    files
}

/// Runs every input, then fails naming all that broke a check (each panic message is printed
/// above by the panic hook).
fn replay(target: &str, check: fn(&[u8])) {
    let files = corpus(target);
    let failed: Vec<String> = files
        .iter()
        .filter(|file| {
            let data = std::fs::read(file).expect("a readable corpus file");
            std::panic::catch_unwind(|| check(&data)).is_err()
        })
        .map(|file| file.display().to_string())
        .collect();
    eprintln!("{target}: {} inputs replayed", files.len());
    assert!(
        failed.is_empty(),
        "inputs that fail their check: {failed:#?}"
    );
}

#[test]
fn parse_feed_corpus() {
    replay("parse_feed", arxiv_explorer_fuzz::check_feed);
}

#[test]
fn view_state_corpus() {
    replay("view_state", arxiv_explorer_fuzz::check_view_state);
}

#[test]
fn favourites_import_corpus() {
    replay("favourites_import", arxiv_explorer_fuzz::check_import);
}

#[test]
fn library_json_corpus() {
    replay("library_json", arxiv_explorer_fuzz::check_library_json);
}
