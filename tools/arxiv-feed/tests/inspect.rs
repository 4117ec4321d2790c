//! `arxiv-feed inspect` as a user runs it.

use std::process::Command;

use serde_json::{json, Value};

fn fixture(path: &str) -> String {
    format!("{}/../../tests/fixtures/{path}", env!("CARGO_MANIFEST_DIR"))
}

fn inspect(path: &str) -> (i32, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_arxiv-feed"))
        .args(["inspect", path])
        .output()
        .expect("the tool runs");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn seed_feed_as_json() {
    let seed = format!("{}/../../assets/seed-feed.xml", env!("CARGO_MANIFEST_DIR"));
    let (code, stdout, stderr) = inspect(&seed);
    assert_eq!(code, 0, "{stderr}");
    let value: Value = serde_json::from_str(&stdout).expect("JSON");
    assert_eq!(value["format"], "arxiv-api");
    assert_eq!(value["total_results"], 1379);
    assert_eq!(value["start_index"], 105);
    assert_eq!(value["items_per_page"], 15);
    assert_eq!(value["updated"], "2026-06-21T11:24:25Z");
    assert_eq!(value["error"], Value::Null);
    let entries = value["entries"].as_array().expect("entries");
    assert_eq!(entries.len(), 15);
    let fault = entries
        .iter()
        .find(|e| e["id"] == "2603.25666")
        .expect("entry");
    assert_eq!(fault["version"], 1);
    assert_eq!(fault["doi"], "10.1109/DDECS69233.2026.11520990");
    assert_eq!(
        fault["doi_url"],
        "https://doi.org/10.1109/DDECS69233.2026.11520990"
    );
    assert_eq!(fault["published"], "2026-03-26T17:21:16Z");
    assert_eq!(fault["announce_type"], Value::Null);
    assert_eq!(
        fault["authors"][0],
        json!({"name": "Luca Mannella", "affiliations": []})
    );
    let mut keys: Vec<&str> = fault
        .as_object()
        .expect("object")
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        [
            "abs_url",
            "announce_type",
            "authors",
            "categories",
            "comment",
            "doi",
            "doi_url",
            "id",
            "journal_ref",
            "pdf_url",
            "primary_category",
            "published",
            "summary",
            "title",
            "updated",
            "version"
        ]
    );
}

#[test]
fn listing_and_error_feed() {
    let (code, stdout, _) = inspect(&fixture("rss/arxiv-cs-os.rss"));
    assert_eq!(code, 0);
    let value: Value = serde_json::from_str(&stdout).expect("JSON");
    assert_eq!(value["format"], "arxiv-rss");
    assert_eq!(value["entries"][1]["announce_type"], "replace");

    let (code, stdout, _) = inspect(&fixture("atom/api-error.xml"));
    assert_eq!(code, 0, "an error feed is a feed");
    let value: Value = serde_json::from_str(&stdout).expect("JSON");
    assert_eq!(value["error"], "incorrect id format for 1234.12345v");
    assert_eq!(value["entries"], json!([]));
}

#[test]
fn failures_go_to_stderr_with_positions() {
    let (code, stdout, stderr) = inspect(&fixture("atom/malformed.xml"));
    assert_eq!(code, 1);
    assert!(stdout.is_empty());
    assert!(stderr.contains("line 5, column"), "{stderr}");
    let (code, _, stderr) = inspect(&fixture("atom/doctype.xml"));
    assert_eq!(code, 1);
    assert!(stderr.contains("DOCTYPE (line 2, column 1)"), "{stderr}");
    let (code, _, stderr) = inspect("/no/such/file.xml");
    assert_eq!(code, 1);
    assert!(stderr.contains("cannot read /no/such/file.xml"), "{stderr}");
}
