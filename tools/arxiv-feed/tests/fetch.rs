//! `arxiv-feed fetch` against a local server that plays arXiv: paging, a 503 then success, a
//! malformed page, an error feed. The interval is injected so the tests stay fast.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::process::Command;
use std::sync::{Arc, Mutex};
use std::thread;

use serde_json::Value;

/// One scripted answer: status line, extra headers, body.
type Answer = (&'static str, &'static str, String);

/// Serves the answers in order and records the request targets.
fn serve(answers: Vec<Answer>) -> (String, Arc<Mutex<Vec<String>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = seen.clone();
    thread::spawn(move || {
        let mut answers = answers.into_iter();
        for stream in listener.incoming().flatten() {
            let mut stream = stream;
            let mut reader = BufReader::new(stream.try_clone().expect("clone"));
            let mut line = String::new();
            let _ = reader.read_line(&mut line);
            loop {
                let mut header = String::new();
                if reader.read_line(&mut header).unwrap_or(0) == 0 || header.trim().is_empty() {
                    break;
                }
            }
            log.lock().expect("log").push(
                line.split_whitespace()
                    .nth(1)
                    .unwrap_or_default()
                    .to_string(),
            );
            let (status, headers, body) =
                answers
                    .next()
                    .unwrap_or(("404 Not Found", "", String::new()));
            let _ = write!(
                stream,
                "HTTP/1.1 {status}\r\nContent-Type: application/atom+xml\r\nContent-Length: {}\r\n{headers}Connection: close\r\n\r\n{body}",
                body.len()
            );
        }
    });
    (format!("http://127.0.0.1:{port}/api/query"), seen)
}

fn page(total: u32, start: u32, ids: &[u32]) -> String {
    let entries: String = ids
        .iter()
        .map(|n| {
            format!(
                "<entry><id>http://arxiv.org/abs/2601.{n:05}v1</id><title>Paper {n}</title><published>2026-01-0{}T00:00:00Z</published><author><name>Author {n}</name></author></entry>",
                n % 9 + 1
            )
        })
        .collect();
    format!(
        "<?xml version='1.0' encoding='UTF-8'?><feed xmlns=\"http://www.w3.org/2005/Atom\" xmlns:opensearch=\"http://a9.com/-/spec/opensearch/1.1/\"><title>arXiv Query: search_query=cat:cs.OS&amp;id_list=&amp;start={start}&amp;max_results=2</title><opensearch:totalResults>{total}</opensearch:totalResults><opensearch:startIndex>{start}</opensearch:startIndex>{entries}</feed>"
    )
}

fn fetch(endpoint: &str, out: &std::path::Path) -> (i32, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_arxiv-feed"))
        .args([
            "fetch",
            "--query",
            "cat:cs.OS",
            "--sort",
            "submittedDate",
            "--page-size",
            "2",
            "--interval-ms",
            "5",
            "--api",
            endpoint,
            "--out",
        ])
        .arg(out)
        .output()
        .expect("runs");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

fn temp_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("arxiv-feed-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

#[test]
fn pages_are_fetched_retried_merged_and_indexed() {
    let (endpoint, seen) = serve(vec![
        (
            "503 Service Unavailable",
            "Retry-After: 0\r\n",
            "busy".into(),
        ),
        ("200 OK", "", page(5, 0, &[1, 2])),
        ("200 OK", "", page(5, 2, &[3, 4])),
        ("200 OK", "", page(5, 4, &[5])),
    ]);
    let dir = temp_dir("ok");
    let out = dir.join("cs-os.xml");
    let (code, stdout, stderr) = fetch(&endpoint, &out);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("5 papers written"), "{stdout}");
    assert!(stderr.contains("HTTP 503; retrying"), "{stderr}");
    let requests = seen.lock().expect("log").clone();
    assert_eq!(requests.len(), 4);
    assert!(
        requests[1].contains("start=0&max_results=2&sortBy=submittedDate"),
        "{requests:?}"
    );
    assert!(
        requests[2].contains("start=2&max_results=2"),
        "{requests:?}"
    );
    assert!(
        requests[3].contains("start=4&max_results=1"),
        "{requests:?}"
    );

    let saved = std::fs::read(&out).expect("snapshot written");
    let parsed = arxiv_explorer::core::feed::parse_feed(&saved).expect("snapshot parses");
    let ids: Vec<String> = parsed.feed.papers.iter().map(|p| p.id.clone()).collect();
    assert_eq!(
        ids,
        [
            "2601.00001",
            "2601.00002",
            "2601.00003",
            "2601.00004",
            "2601.00005"
        ]
    );
    let index: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("index.json")).expect("index"))
            .expect("json");
    assert_eq!(index["feeds"][0]["file"], "cs-os.xml");
    assert_eq!(index["feeds"][0]["count"], 5);
    assert_eq!(index["feeds"][0]["query"], "cat:cs.OS");
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn a_malformed_page_fails_without_touching_the_snapshot() {
    let (endpoint, _) = serve(vec![
        ("200 OK", "", page(5, 0, &[1, 2])),
        (
            "200 OK",
            "",
            "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><id>x</title>".into(),
        ),
    ]);
    let dir = temp_dir("malformed");
    std::fs::create_dir_all(&dir).expect("dir");
    let out = dir.join("cs-os.xml");
    std::fs::write(&out, "previous snapshot").expect("write");
    let (code, _, stderr) = fetch(&endpoint, &out);
    assert_eq!(code, 1);
    assert!(
        stderr.contains("the page starting at result 3 is not usable"),
        "{stderr}"
    );
    assert!(stderr.contains("line 1, column"), "{stderr}");
    assert_eq!(
        std::fs::read_to_string(&out).expect("kept"),
        "previous snapshot"
    );
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn an_arxiv_error_is_reported_in_arxivs_words() {
    let error_feed = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/atom/api-error.xml"
    ))
    .expect("fixture");
    let (endpoint, _) = serve(vec![("400 Bad Request", "", error_feed)]);
    let dir = temp_dir("error");
    let (code, _, stderr) = fetch(&endpoint, &dir.join("x.xml"));
    assert_eq!(code, 1);
    assert!(
        stderr.contains("incorrect id format for 1234.12345v"),
        "{stderr}"
    );
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn bad_options_explain_themselves() {
    let output = Command::new(env!("CARGO_BIN_EXE_arxiv-feed"))
        .args(["fetch", "--query", "cat:cs.OS", "--sort", "newest"])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("--sort newest: use relevance"));
}
