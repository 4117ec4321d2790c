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
    run_fetch(
        &[
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
        ],
        out,
    )
}

/// Runs `arxiv-feed` with `args` and `--out out`: exit code, standard output, standard error.
fn run_fetch(args: &[&str], out: &std::path::Path) -> (i32, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_arxiv-feed"))
        .args(args)
        .arg("--out")
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
    assert!(
        stdout.contains("5 fetched (3 requests): 5 new, 0 updated; 5 papers kept"),
        "{stdout}"
    );
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
    // Newest first, as a kept history is.
    assert_eq!(
        ids,
        [
            "2601.00005",
            "2601.00004",
            "2601.00003",
            "2601.00002",
            "2601.00001"
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

/// A daily listing as rss.arxiv.org sends it: each `(number, version, day of April)`.
fn listing(items: &[(u32, u32, u32)]) -> String {
    let dated: Vec<(u32, u32, String)> = items
        .iter()
        .map(|&(n, v, day)| (n, v, format!("{day:02} Apr")))
        .collect();
    listing_on(&dated)
}

/// [`listing`] with each item's day and month (`"31 Mar"`).
fn listing_on(items: &[(u32, u32, String)]) -> String {
    let items: String = items
        .iter()
        .map(|(n, v, day)| {
            format!(
                "<item><title>Listed paper {n} version {v}</title><link>https://arxiv.org/abs/2604.{n:05}</link>\
                 <description>arXiv:2604.{n:05}v{v} Announce Type: new \nAbstract: About operating systems, number {n}.</description>\
                 <guid isPermaLink=\"false\">oai:arXiv.org:2604.{n:05}v{v}</guid><category>cs.OS</category>\
                 <pubDate>Thu, {day} 2026 00:00:00 -0400</pubDate><arxiv:announce_type>new</arxiv:announce_type>\
                 <dc:rights>http://creativecommons.org/licenses/by/4.0/</dc:rights><dc:creator>Ada Lovelace, Alan Turing</dc:creator></item>"
            )
        })
        .collect();
    format!(
        "<?xml version='1.0' encoding='UTF-8'?><rss xmlns:arxiv=\"http://arxiv.org/schemas/atom\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" version=\"2.0\"><channel><title>cs.OS updates on arXiv.org</title><link>http://rss.arxiv.org/rss/cs.OS</link><description>cs.OS updates on the arXiv.org e-print archive.</description>{items}</channel></rss>"
    )
}

fn fetch_listing(endpoint: &str, out: &std::path::Path, extra: &[&str]) -> (i32, String, String) {
    let mut args = vec![
        "fetch",
        "--listing",
        "cs.OS+cs.DC",
        "--interval-ms",
        "5",
        "--endpoint",
        endpoint,
    ];
    args.extend_from_slice(extra);
    run_fetch(&args, out)
}

fn kept(out: &std::path::Path) -> Vec<(String, Option<u32>, String)> {
    let saved = std::fs::read(out).expect("history written");
    let parsed = arxiv_explorer::core::feed::parse_feed(&saved).expect("history parses");
    parsed
        .feed
        .papers
        .into_iter()
        .map(|p| (p.id, p.version, p.title))
        .collect()
}

#[test]
fn daily_listings_are_merged_into_the_kept_history() {
    let (api, seen) = serve(vec![
        ("200 OK", "", listing(&[(1, 1, 8), (2, 1, 8)])),
        ("200 OK", "", listing(&[(2, 2, 9), (3, 1, 9)])),
        ("404 Not Found", "", String::new()),
        ("200 OK", "", listing(&[(4, 1, 10)])),
    ]);
    let endpoint = api.replace("/api/query", "/rss/");
    let dir = temp_dir("listing");
    let out = dir.join("os-dc.xml");

    let (code, stdout, stderr) = fetch_listing(&endpoint, &out, &[]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.contains("2 new, 0 updated; 2 papers kept"),
        "{stdout}"
    );
    assert_eq!(seen.lock().expect("log")[0], "/rss/cs.OS+cs.DC");

    // The next day: a new version of one paper and a new paper.
    let (code, stdout, stderr) = fetch_listing(&endpoint, &out, &[]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.contains("1 new, 1 updated; 3 papers kept"),
        "{stdout}"
    );
    assert_eq!(
        kept(&out),
        [
            (
                "2604.00002".into(),
                Some(2),
                "Listed paper 2 version 2".into()
            ),
            (
                "2604.00003".into(),
                Some(1),
                "Listed paper 3 version 1".into()
            ),
            (
                "2604.00001".into(),
                Some(1),
                "Listed paper 1 version 1".into()
            ),
        ]
    );
    let index: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("index.json")).expect("index"))
            .expect("json");
    assert_eq!(index["feeds"][0]["count"], 3);
    assert_eq!(index["feeds"][0]["title"], "cs.OS, cs.DC new on arXiv");
    assert_eq!(
        index["feeds"][0]["description"],
        "rss.arxiv.org listing: cs.OS+cs.DC"
    );
    assert!(index["feeds"][0]["query"].is_null());

    // A failed day keeps yesterday's history as it was, and says so.
    let before = std::fs::read(&out).expect("history");
    let (code, _, stderr) = fetch_listing(&endpoint, &out, &[]);
    assert_ne!(code, 0);
    assert!(stderr.contains("HTTP 404"), "{stderr}");
    assert_eq!(std::fs::read(&out).expect("history"), before);

    // Keep limits prune the oldest.
    let (code, stdout, stderr) = fetch_listing(&endpoint, &out, &["--keep", "2"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.contains("1 new, 0 updated, 2 dropped by the keep limits; 2 papers kept"),
        "{stdout}"
    );
    let ids: Vec<String> = kept(&out).into_iter().map(|(id, _, _)| id).collect();
    assert_eq!(ids, ["2604.00004", "2604.00002"]);
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn listing_options_are_checked() {
    let dir = temp_dir("listing-options");
    let out = dir.join("x.xml");
    for (args, message) in [
        (
            vec!["--listing", "cs.OS", "--query", "cat:cs.OS"],
            "give --query or --listing, not both",
        ),
        (vec!["--listing", "cs OS"], "categories such as cs.OS"),
        (
            vec!["--listing", "cs.OS", "--keep-days", "x"],
            "--keep-days x: not a number",
        ),
    ] {
        let output = Command::new(env!("CARGO_BIN_EXE_arxiv-feed"))
            .arg("fetch")
            .args(&args)
            .arg("--out")
            .arg(&out)
            .output()
            .expect("runs");
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains(message), "{args:?}: {stderr}");
    }
    assert!(!out.exists());
}

#[test]
fn a_large_history_is_written_as_monthly_files() {
    let (api, _) = serve(vec![
        (
            "200 OK",
            "",
            listing_on(&[
                (1, 1, "09 Apr".into()),
                (2, 1, "31 Mar".into()),
                (3, 1, "08 Apr".into()),
            ]),
        ),
        ("200 OK", "", listing_on(&[(4, 1, "10 Apr".into())])),
    ]);
    let endpoint = api.replace("/api/query", "/rss/");
    let dir = temp_dir("shards");
    let out = dir.join("os-dc.xml");
    let (code, stdout, stderr) = fetch_listing(&endpoint, &out, &["--shard-over", "2"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("in 2 monthly files"), "{stdout}");
    assert!(!out.exists());
    let ids = |path: &std::path::Path| -> Vec<String> {
        kept(path).into_iter().map(|(id, _, _)| id).collect()
    };
    assert_eq!(
        ids(&dir.join("os-dc/2026-04.xml")),
        ["2604.00001", "2604.00003"]
    );
    assert_eq!(ids(&dir.join("os-dc/2026-03.xml")), ["2604.00002"]);
    let index: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("index.json")).expect("index"))
            .expect("json");
    assert_eq!(index["feeds"][0]["file"], "os-dc/2026-04.xml");
    assert_eq!(index["feeds"][0]["count"], 3);
    assert_eq!(index["feeds"][0]["shards"][1]["file"], "os-dc/2026-03.xml");
    assert_eq!(index["feeds"][0]["shards"][1]["count"], 1);

    // The next day reads every month back; kept under the limit, it is one file again.
    let (code, stdout, stderr) =
        fetch_listing(&endpoint, &out, &["--shard-over", "2", "--keep", "2"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("1 new, 0 updated, 2 dropped"), "{stdout}");
    assert_eq!(ids(&out), ["2604.00004", "2604.00001"]);
    assert!(!dir.join("os-dc/2026-04.xml").exists());
    assert!(!dir.join("os-dc/2026-03.xml").exists());
    let index: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("index.json")).expect("index"))
            .expect("json");
    assert_eq!(index["feeds"][0]["file"], "os-dc.xml");
    assert!(index["feeds"][0].get("shards").is_none());
    let _ = std::fs::remove_dir_all(dir);
}
