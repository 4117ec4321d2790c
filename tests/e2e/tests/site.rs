//! A reader site of one's own, end to end: `cargo xtask site` builds a site from a
//! configuration against a local server that plays the arXiv API and rss.arxiv.org (recorded
//! responses from `tests/fixtures/`), on two "days": the listing's history is merged (a new
//! paper, a newer version), the API feed that fails on the second day keeps the first day's
//! copy, the API feed's history is written as monthly files, and the page opens on the
//! configured default feed with the others listed, loading more months as the range widens.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;
use std::time::Duration;

use e2e::{Harness, Result, Viewport, SEED_IDS};
use serde_json::Value;

const WAIT: Duration = Duration::from_secs(20);

fn fixture(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(path)
}

/// The fake arXiv: `/api/query…` answers the recorded API response on day 1 and 404 on day 2;
/// `/rss/cs.OS` answers day 1's recorded listing, then the next day's.
fn fake_arxiv(day: Arc<AtomicU32>) -> Result<u16> {
    let listener = TcpListener::bind("127.0.0.1:0")?;
    let port = listener.local_addr()?.port();
    let api = std::fs::read(fixture("assets/seed-feed.xml"))?;
    let listings = [
        std::fs::read(fixture("tests/fixtures/rss/arxiv-cs-os.rss"))?,
        std::fs::read(fixture("tests/fixtures/rss/arxiv-cs-os-next-day.rss"))?,
    ];
    std::thread::spawn(move || {
        for mut stream in listener.incoming().flatten() {
            let mut reader = match stream.try_clone() {
                Ok(clone) => BufReader::new(clone),
                Err(_) => continue,
            };
            let mut line = String::new();
            let _ = reader.read_line(&mut line);
            loop {
                let mut header = String::new();
                if reader.read_line(&mut header).unwrap_or(0) == 0 || header.trim().is_empty() {
                    break;
                }
            }
            let target = line.split_whitespace().nth(1).unwrap_or_default();
            let today = day.load(Ordering::SeqCst);
            let (status, body): (&str, &[u8]) = if target.starts_with("/api/query") {
                if today == 1 {
                    ("200 OK", &api)
                } else {
                    ("404 Not Found", b"gone")
                }
            } else if target == "/rss/cs.OS" {
                ("200 OK", &listings[(today as usize).clamp(1, 2) - 1])
            } else {
                ("404 Not Found", b"no such page")
            };
            let _ = write!(
                stream,
                "HTTP/1.1 {status}\r\nContent-Type: application/xml\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            );
            let _ = stream.write_all(body);
        }
    });
    Ok(port)
}

/// `cargo xtask site`, as the deployment workflow runs it, on the already built page, as of
/// `today`.
fn build_site(config: &Path, out: &Path, today: &str) -> Result<(bool, String)> {
    let prebuilt = std::env::var("E2E_SITE_DIR")?;
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let output = Command::new(cargo)
        .current_dir(fixture(""))
        .args(["xtask", "site", "--config"])
        .arg(config)
        .arg("--out")
        .arg(out)
        .arg("--prebuilt")
        .arg(prebuilt)
        .args(["--today", today])
        .output()?;
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    Ok((output.status.success(), said))
}

fn papers_in(file: &Path) -> Result<Vec<(String, u32)>> {
    let text = std::fs::read_to_string(file)?;
    // The kept file is Atom as the API writes it: each entry's id is its versioned abs URL.
    Ok(text
        .split("<entry>")
        .skip(1)
        .filter_map(|entry| {
            let id = entry.split("<id>").nth(1)?.split("</id>").next()?;
            let versioned = id.rsplit("/abs/").next()?;
            let (id, version) = versioned.rsplit_once('v')?;
            Some((id.to_string(), version.parse().ok()?))
        })
        .collect())
}

#[test]
fn a_configured_site_keeps_its_feeds_day_after_day_and_opens_on_the_default() -> Result<()> {
    let day = Arc::new(AtomicU32::new(1));
    let port = fake_arxiv(day.clone())?;
    let folder = std::env::temp_dir().join(format!("explorer-site-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&folder);
    std::fs::create_dir_all(&folder)?;
    let config = folder.join("explorer.toml");
    std::fs::write(
        &config,
        format!(
            r#"title = "Systems papers, every morning"
default = "os-new"

[endpoints]
api = "http://127.0.0.1:{port}/api/query"
listings = "http://127.0.0.1:{port}/rss/"
interval_ms = 10

[[feed]]
name = "os-new"
title = "New in cs.OS"
listing = "cs.OS"
keep_days = 3

[[feed]]
name = "os"
title = "Operating systems"
query = "cat:cs.OS"
sort = "submittedDate"
max = 50
shard_over = 5
"#
        ),
    )?;
    let out = folder.join("site");
    let feeds = out.join("feeds");

    // Day 1: both feeds fetched; the API feed's 15 papers are over the shard limit.
    let (ok, said) = build_site(&config, &out, "2026-04-09")?;
    assert!(ok, "{said}");
    assert!(said.contains("2 of 2 feeds fetched"), "{said}");
    assert!(!feeds.join("os.xml").exists(), "{said}");
    let (april, march) = (feeds.join("os/2026-04.xml"), feeds.join("os/2026-03.xml"));
    assert_eq!(papers_in(&april)?.len(), 12, "{said}");
    assert_eq!(papers_in(&march)?.len(), 3, "{said}");
    let mut listed = papers_in(&feeds.join("os-new.xml"))?;
    listed.sort();
    assert_eq!(
        listed,
        [("2603.25666".to_string(), 2), ("2604.07839".to_string(), 1)]
    );
    let api_copy = (std::fs::read(&april)?, std::fs::read(&march)?);

    // Day 2: the listing brings a new paper and a new version; the API fails.
    day.store(2, Ordering::SeqCst);
    let (ok, said) = build_site(&config, &out, "2026-04-10")?;
    assert!(ok, "one failed feed does not fail the site: {said}");
    assert!(said.contains("1 of 2 feeds fetched"), "{said}");
    assert!(
        said.contains("not fetched, the earlier copy kept"),
        "{said}"
    );
    assert!(said.contains("os (exit status"), "{said}");
    assert_eq!(
        (std::fs::read(&april)?, std::fs::read(&march)?),
        api_copy,
        "yesterday's copy stays"
    );
    let listed = papers_in(&feeds.join("os-new.xml"))?;
    assert_eq!(
        listed,
        [
            ("2604.05505".to_string(), 1),
            ("2604.07839".to_string(), 2),
            ("2603.25666".to_string(), 2)
        ],
        "merged, newest first"
    );
    let index: Value = serde_json::from_str(&std::fs::read_to_string(feeds.join("index.json"))?)?;
    assert_eq!(index["title"], "Systems papers, every morning");
    assert_eq!(index["default"], "os-new.xml");
    let files: Vec<&str> = index["feeds"]
        .as_array()
        .map(|feeds| feeds.iter().filter_map(|f| f["file"].as_str()).collect())
        .unwrap_or_default();
    assert_eq!(files, ["os-new.xml", "os/2026-04.xml"]);
    assert_eq!(index["feeds"][0]["count"], 3);
    assert_eq!(index["feeds"][1]["count"], 15);
    let months: Vec<&str> = index["feeds"][1]["shards"]
        .as_array()
        .map(|shards| shards.iter().filter_map(|s| s["month"].as_str()).collect())
        .unwrap_or_default();
    assert_eq!(months, ["2026-04", "2026-03"]);

    // Day 4 (a weekend later): the listing repeats Friday's papers; what was announced on
    // Thursday is now older than the 3 days the feed keeps, and goes.
    let (ok, said) = build_site(&config, &out, "2026-04-12")?;
    assert!(ok, "{said}");
    assert!(said.contains("dropped by the keep limits"), "{said}");
    let listed = papers_in(&feeds.join("os-new.xml"))?;
    assert_eq!(
        listed,
        [("2604.05505".to_string(), 1), ("2604.07839".to_string(), 2)],
        "Thursday's 2603.25666 is dropped"
    );

    // The page opens on the default feed, not the built-in sample, and lists the others.
    let harness = Harness::start_on(out.clone(), Viewport::DEFAULT)?;
    harness.open_fresh("")?;
    harness
        .browser
        .wait_for_papers(&["2604.05505", "2604.07839"])?;
    let ids = harness.browser.paper_ids()?;
    assert!(
        !ids.iter().any(|id| id == SEED_IDS[2]),
        "the sample is not shown: {ids:?}"
    );
    let title = harness
        .browser
        .execute("return document.title;", serde_json::json!([]))?;
    assert_eq!(title, "Systems papers, every morning");
    assert_eq!(
        harness.text_of("[data-testid=site-name]")?,
        "Systems papers, every morning",
        "the banner names the site"
    );
    harness.browser.click("[data-testid=sources-summary]")?;
    harness.browser.wait_until(
        "the site's feeds",
        "return document.querySelectorAll('[data-testid=snapshots] li').length === 2;",
        WAIT,
    )?;
    let listed = harness.text_of("[data-testid=snapshots]")?;
    assert!(
        listed.contains("New in cs.OS") && listed.contains("Operating systems"),
        "{listed}"
    );
    harness.browser.screenshot(&harness.shot("own-site"))?;

    // A sharded feed (monthly files by each paper's latest date) opened at one month, with a
    // range of last revisions inside it, loads that month only.
    harness.open("?feed=feeds/os/2026-04.xml&date=updated&from=2026-04-01")?;
    harness.browser.wait_for_paper_count(12, WAIT)?;
    std::thread::sleep(Duration::from_millis(500));
    assert!(
        !harness.browser.query()?.contains("2026-03.xml"),
        "March is not needed yet"
    );
    harness.wait_text("[data-testid=sources-summary]", "Sources (1)", WAIT)?;
    // Widening the range in the page reaches into March: that month is loaded too, and
    // with it the feed's 15 papers (all revised since March).
    harness.set_value("#date-from", "2026-03-01", "change")?;
    harness.browser.wait_until(
        "the March file to be loaded too",
        "return location.search.includes('feed=feeds/os/2026-03.xml');",
        WAIT,
    )?;
    harness.wait_text("[data-testid=sources-summary]", "Sources (2)", WAIT)?;
    harness.browser.wait_for_paper_count(15, WAIT)?;
    assert!(harness.browser.console_errors()?.is_empty());
    drop(harness);
    let _ = std::fs::remove_dir_all(&folder);
    Ok(())
}
