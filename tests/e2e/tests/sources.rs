//! Loading sources in a real browser: files, pasted text, addresses on other origins (with and
//! without CORS, through a proxy, unreachable), and links that reload them.

use std::path::Path;
use std::time::Duration;

use e2e::{FixtureServer, Harness, Result, SEED_IDS};
use serde_json::json;

const WAIT: Duration = Duration::from_secs(15);

fn fixture(path: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../fixtures")
        .join(path)
}

#[test]
fn opening_a_file_merges_it_with_the_embedded_feed() -> Result<()> {
    let harness = Harness::start()?;
    harness.open("")?;
    harness.browser.wait_for_papers(&SEED_IDS)?;
    harness
        .browser
        .choose_file("#source-file", &fixture("rss/arxiv-cs-os.rss"))?;
    harness.wait_text(
        "[data-testid=sources-status]",
        "File: arxiv-cs-os.rss: 2 papers loaded.",
        WAIT,
    )?;
    // Both papers of the listing are already in the sample: merged, not doubled.
    harness.browser.wait_until(
        "two sources",
        "return document.querySelectorAll('[data-testid=source]').length === 2;",
        WAIT,
    )?;
    assert_eq!(
        harness.text_of("[data-testid=result-count]")?,
        "15 of 15 papers"
    );
    assert_eq!(harness.text_of("h1")?, "Merged feeds");
    // Removing the sample leaves the file's two papers.
    harness.browser.click("[data-testid=sources-summary]")?;
    harness
        .browser
        .click("[data-testid=source]:first-child [data-testid=source-remove]")?;
    harness
        .browser
        .wait_for_papers(&["2604.07839", "2603.25666"])?;
    harness
        .browser
        .click("[data-testid=source] [data-testid=source-remove]")?;
    harness.browser.wait_for_papers(&[])?;
    assert_eq!(harness.text_of("h1")?, "No feed loaded");
    assert!(harness.browser.console_errors()?.is_empty());
    Ok(())
}

#[test]
fn pasted_text_loads_and_bad_text_explains() -> Result<()> {
    let harness = Harness::start()?;
    harness.open("")?;
    harness.browser.click("[data-testid=sources-summary]")?;
    harness.browser.click(".source-add__more summary")?;
    let legacy = std::fs::read_to_string(fixture("atom/legacy.xml"))?;
    harness.browser.execute(
        "const t = document.querySelector('#source-paste'); t.value = arguments[0]; t.dispatchEvent(new Event('input', {bubbles: true}));",
        json!([legacy]),
    )?;
    harness.browser.click(".source-add__more .button")?;
    harness.wait_text(
        "[data-testid=sources-status]",
        "Pasted text: 2 papers loaded.",
        WAIT,
    )?;
    harness.browser.wait_for_paper_count(17, WAIT)?;
    harness.browser.execute(
        "const t = document.querySelector('#source-paste'); t.value = '<feed><entry>'; t.dispatchEvent(new Event('input', {bubbles: true}));",
        json!([]),
    )?;
    harness.browser.click(".source-add__more .button")?;
    harness.wait_text(
        "[data-testid=sources-error]",
        "Pasted text could not be loaded.",
        WAIT,
    )?;
    assert_eq!(
        harness.browser.execute(
            "return document.querySelector('[data-testid=sources-error]').getAttribute('role');",
            json!([])
        )?,
        json!("alert")
    );
    assert_eq!(
        harness.browser.paper_ids()?.len(),
        17,
        "a failed load loses nothing"
    );
    Ok(())
}

#[test]
fn addresses_load_with_cors_and_are_reported_without() -> Result<()> {
    let open = FixtureServer::start(true)?;
    let closed = FixtureServer::start(false)?;
    let harness = Harness::start()?;
    harness.open("")?;
    harness.browser.click("[data-testid=sources-summary]")?;

    // No CORS header: the page says so, and nothing else changes.
    harness
        .browser
        .type_text("#source-url", &closed.url("fixtures/rss/arxiv-cs-os.atom"))?;
    harness
        .browser
        .click(".source-add__row button[type=submit]")?;
    harness.wait_text(
        "[data-testid=sources-error]",
        "does not allow web pages on other sites",
        WAIT,
    )?;
    assert_eq!(
        harness.text_of("[data-testid=result-count]")?,
        "15 of 15 papers"
    );

    // Nothing listening: unreachable, not CORS.
    harness.browser.execute(
        "document.querySelector('#source-url').value = '';",
        json!([]),
    )?;
    harness
        .browser
        .type_text("#source-url", "http://127.0.0.1:9/feed.xml")?;
    harness
        .browser
        .click(".source-add__row button[type=submit]")?;
    harness.wait_text("[data-testid=sources-error]", "could not be reached", WAIT)?;
    assert!(!harness
        .text_of("[data-testid=sources-error]")?
        .contains("CORS"));

    // With CORS: loaded, and the link names it.
    let address = open.url("fixtures/rss/arxiv-cs-os.atom");
    harness.browser.execute(
        "document.querySelector('#source-url').value = '';",
        json!([]),
    )?;
    harness.browser.type_text("#source-url", &address)?;
    harness
        .browser
        .click(".source-add__row button[type=submit]")?;
    harness.wait_text("[data-testid=sources-status]", "1 paper loaded", WAIT)?;
    let query = harness.browser.query()?;
    assert!(query.starts_with("?feed=http"), "{query}");

    // The link alone reproduces it: only that source, no embedded sample.
    harness.open(&query)?;
    harness.browser.wait_for_papers(&["2604.05505"])?;
    Ok(())
}

#[test]
fn a_cors_proxy_fetches_what_the_page_cannot() -> Result<()> {
    let proxy = FixtureServer::start(true)?;
    let closed = FixtureServer::start(false)?;
    let harness = Harness::start()?;
    harness.open("")?;
    harness.browser.click("[data-testid=sources-summary]")?;
    harness
        .browser
        .click(".source-add__more:last-of-type summary")?;
    // Set, not typed: WebKit's driver drops the braces of `{url}` when it types them.
    harness.set_value("#source-proxy", &proxy.url("proxy?url={url}"), "input")?;
    harness
        .browser
        .click(".source-add__more:last-of-type button[type=submit]")?;
    harness.wait_text(
        ".source-add__more:last-of-type [role=status]",
        "Saved.",
        WAIT,
    )?;
    let stored = harness.browser.execute(
        "return localStorage.getItem('arxiv-explorer:proxy');",
        json!([]),
    )?;
    assert_eq!(stored, json!(proxy.url("proxy?url={url}")));
    harness
        .browser
        .type_text("#source-url", &closed.url("fixtures/rss/arxiv-cs-os.rss"))?;
    harness
        .browser
        .click(".source-add__row button[type=submit]")?;
    harness.wait_text("[data-testid=sources-status]", "2 papers loaded", WAIT)?;
    Ok(())
}

#[test]
fn snapshots_published_next_to_the_page_are_offered() -> Result<()> {
    let site = std::path::PathBuf::from(std::env::var("E2E_SITE_DIR")?);
    let feeds = site.join("feeds");
    std::fs::copy(
        fixture("rss/arxiv-cs-os.atom"),
        feeds.join("e2e-listing.xml"),
    )?;
    let index_path = feeds.join("index.json");
    let original = std::fs::read_to_string(&index_path)?;
    std::fs::write(
        &index_path,
        json!({"feeds": [
            {"name": "e2e-listing", "file": "e2e-listing.xml", "title": "cs.OS listing", "description": "A saved listing", "updated": "2026-04-09T04:00:00Z", "count": 1},
            {"name": "evil", "file": "../../etc/passwd", "title": "Climbs out"}
        ]})
        .to_string(),
    )?;
    let outcome = (|| -> Result<()> {
        let harness = Harness::start()?;
        harness.open("")?;
        harness.browser.click("[data-testid=sources-summary]")?;
        harness.browser.wait_until(
            "the snapshot list",
            "return document.querySelectorAll('[data-testid=snapshots] li').length === 1;",
            WAIT,
        )?;
        assert!(harness
            .text_of("[data-testid=snapshots]")?
            .contains("cs.OS listing"));
        harness.browser.click("[data-testid=snapshot-load]")?;
        harness.wait_text("[data-testid=sources-status]", "1 paper loaded", WAIT)?;
        assert!(harness
            .browser
            .query()?
            .contains("feed=feeds/e2e-listing.xml"));
        assert!(harness.browser.console_errors()?.is_empty());
        Ok(())
    })();
    std::fs::write(&index_path, original)?;
    let _ = std::fs::remove_file(feeds.join("e2e-listing.xml"));
    outcome
}
