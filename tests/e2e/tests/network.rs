//! Flaky networks and broken storage, against local servers on 127.0.0.1: each failure is
//! named for what it is, offers a retry, and costs none of what was already loaded. Fetched
//! feeds are reused from the device for a day, and the last visit's feeds are offered again.

use std::net::TcpListener;
use std::time::Duration;

use e2e::{FixtureServer, Harness, Result, SEED_IDS};
use serde_json::json;

// Generous: the suite shares two cores with a browser and builds.
const WAIT: Duration = Duration::from_secs(30);

fn load_address(harness: &Harness, address: &str) -> Result<()> {
    harness.set_value("#source-url", address, "input")?;
    harness
        .browser
        .click(".source-add__row button[type=submit]")?;
    Ok(())
}

fn open_sources(harness: &Harness) -> Result<()> {
    harness.browser.click("[data-testid=sources-summary]")
}

/// The embedded sample is still all there.
fn sample_intact(harness: &Harness) -> Result<()> {
    assert_eq!(
        harness.text_of("[data-testid=result-count]")?,
        "15 of 15 papers"
    );
    harness.browser.wait_for_papers(&SEED_IDS)
}

#[test]
fn each_network_fault_is_named_and_loses_nothing() -> Result<()> {
    let server = FixtureServer::start(true)?;
    let refused = {
        let listener = TcpListener::bind("127.0.0.1:0")?;
        let port = listener.local_addr()?.port();
        drop(listener);
        format!("http://127.0.0.1:{port}/feed.xml")
    };
    let harness = Harness::start()?;
    harness.open_fresh("")?;
    harness.browser.wait_for_papers(&SEED_IDS)?;
    open_sources(&harness)?;
    // (address, what the alert must say)
    let cases = [
        (
            server.url("fault/503"),
            "busy or rate-limiting (HTTP 503) and asks to wait 30 s",
        ),
        (
            server.url("fault/429"),
            "busy or rate-limiting (HTTP 429) and asks to wait 30 s",
        ),
        (server.url("fault/cut"), "broke off before it was complete"),
        (server.url("fault/html"), "sent a web page, not a feed"),
        (refused.clone(), "could not be reached"),
    ];
    for (address, expected) in &cases {
        load_address(&harness, address)?;
        harness.wait_text("[data-testid=sources-error]", expected, WAIT)?;
        let message = harness.text_of("[data-testid=sources-error]")?;
        assert!(!message.contains("CORS"), "{address}: {message}");
        assert!(
            !harness
                .browser
                .find("[data-testid=sources-retry]")?
                .is_empty(),
            "{address}: no retry offered"
        );
        sample_intact(&harness)?;
    }
    // Try again asks the server again.
    let before = server.served().len();
    harness.browser.click("[data-testid=sources-retry]")?;
    harness.wait_text("[data-testid=sources-error]", "could not be reached", WAIT)?;
    load_address(&harness, &server.url("fault/503"))?;
    harness.wait_text("[data-testid=sources-error]", "HTTP 503", WAIT)?;
    harness.browser.click("[data-testid=sources-retry]")?;
    let deadline = std::time::Instant::now() + WAIT;
    while server.served().len() < before + 2 && std::time::Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(100));
    }
    assert_eq!(server.served().len(), before + 2, "{:?}", server.served());

    // A wrong content type does not stop a good feed.
    load_address(&harness, &server.url("fault/text-plain"))?;
    harness.wait_text("[data-testid=sources-status]", "2 papers loaded", WAIT)?;
    // A feed cut mid-entry keeps its complete entries and says so.
    load_address(&harness, &server.url("fault/cut-xml"))?;
    harness.wait_text("[data-testid=sources-status]", "1 paper loaded", WAIT)?;
    harness.wait_text("body", "stops in the middle", WAIT)?;
    let errors = harness.browser.script_errors()?;
    assert!(errors.is_empty(), "{errors:?}");
    Ok(())
}

#[test]
fn a_server_that_never_answers_times_out() -> Result<()> {
    let server = FixtureServer::start(true)?;
    let harness = Harness::start()?;
    harness.open_fresh("")?;
    open_sources(&harness)?;
    harness
        .browser
        .click(".source-add__more:last-of-type summary")?;
    harness.set_value("#source-timeout", "2", "change")?;
    assert_eq!(
        harness.browser.execute(
            "return localStorage.getItem('arxiv-explorer:timeout-seconds');",
            json!([])
        )?,
        json!("2")
    );
    load_address(&harness, &server.url("fault/timeout"))?;
    harness.wait_text(
        "[data-testid=sources-error]",
        "did not answer within 2 s",
        WAIT,
    )?;
    sample_intact(&harness)?;
    Ok(())
}

#[test]
fn fetched_feeds_are_reused_for_a_day_and_offered_next_time() -> Result<()> {
    let server = FixtureServer::start(true)?;
    let address = server.url("fixtures/rss/arxiv-cs-os.rss");
    let harness = Harness::start()?;
    harness.open_fresh("")?;
    open_sources(&harness)?;
    load_address(&harness, &address)?;
    harness.wait_text("[data-testid=sources-status]", "2 papers loaded", WAIT)?;
    let fetched = || {
        server
            .served()
            .iter()
            .filter(|s| s.target.ends_with("arxiv-cs-os.rss"))
            .count()
    };
    assert_eq!(fetched(), 1);
    // Remove it and load it again: the device's copy, no request.
    harness
        .browser
        .click("[data-testid=source]:last-child [data-testid=source-remove]")?;
    load_address(&harness, &address)?;
    harness.wait_text("[data-testid=sources-status]", "this device's copy", WAIT)?;
    assert_eq!(fetched(), 1);

    // The page opened without sources offers them again.
    harness.open("")?;
    harness.wait_text("[data-testid=restore-offer]", &address, WAIT)?;
    harness.browser.click("[data-testid=restore-load]")?;
    harness.wait_text("[data-testid=sources-status]", "2 papers loaded", WAIT)?;
    assert!(harness.browser.query()?.contains("feed=http"));
    assert_eq!(fetched(), 1);
    Ok(())
}

#[test]
fn unreadable_stored_sources_are_set_aside_not_lost() -> Result<()> {
    let harness = Harness::start()?;
    harness.open_fresh("")?;
    harness.browser.execute(
        "localStorage.setItem('arxiv-explorer:last-sources', '{\"schema\": 1, \"sources\": [oops');",
        json!([]),
    )?;
    harness.open("")?;
    harness.wait_text("[data-testid=storage-notice]", "set aside unchanged", WAIT)?;
    let kept = harness.browser.execute(
        "return localStorage.getItem('arxiv-explorer:last-sources:unreadable');",
        json!([]),
    )?;
    assert_eq!(kept, json!("{\"schema\": 1, \"sources\": [oops"));
    sample_intact(&harness)?;
    // A list from a newer version of the page is left as it is, even after loading more.
    harness.browser.execute(
        "localStorage.setItem('arxiv-explorer:last-sources', '{\"schema\": 9, \"sources\": []}');",
        json!([]),
    )?;
    harness.open("")?;
    harness.wait_text("[data-testid=storage-notice]", "newer version", WAIT)?;
    let server = FixtureServer::start(true)?;
    open_sources(&harness)?;
    load_address(&harness, &server.url("fixtures/rss/arxiv-cs-os.rss"))?;
    harness.wait_text("[data-testid=sources-status]", "2 papers loaded", WAIT)?;
    assert_eq!(
        harness.browser.execute(
            "return localStorage.getItem('arxiv-explorer:last-sources');",
            json!([])
        )?,
        json!("{\"schema\": 9, \"sources\": []}")
    );
    Ok(())
}

#[test]
fn a_proxy_saved_while_storage_refuses_still_applies_in_the_tab() -> Result<()> {
    let proxy = FixtureServer::start(true)?;
    let closed = FixtureServer::start(false)?;
    let harness = Harness::start()?;
    harness.run_before_every_page(
        "Storage.prototype.setItem = function () { throw new DOMException('The quota has been exceeded.', 'QuotaExceededError'); };",
    )?;
    harness.open("")?;
    harness.browser.wait_for_papers(&SEED_IDS)?;
    open_sources(&harness)?;
    harness
        .browser
        .click(".source-add__more:last-of-type summary")?;
    harness.set_value("#source-proxy", &proxy.proxy_template(), "input")?;
    harness
        .browser
        .click(".source-add__more:last-of-type button[type=submit]")?;
    harness.wait_text("[data-testid=proxy-note]", "applies in this tab only", WAIT)?;
    load_address(&harness, &closed.url("fixtures/rss/arxiv-cs-os.rss"))?;
    harness.wait_text("[data-testid=sources-status]", "2 papers loaded", WAIT)?;
    // Remembering the feed for next time failed too, and the page said so.
    harness.wait_text("[data-testid=storage-notice]", "will not be offered", WAIT)?;
    sample_intact(&harness)?;
    Ok(())
}
