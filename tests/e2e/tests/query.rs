//! The arXiv query builder in a real browser, against a fake API behind a CORS proxy on
//! 127.0.0.1: rows to `search_query`, paging 3 s apart with progress, cancel and resume,
//! back-off on 503, pages kept when a later one fails, `aq=` links, and the day-long cache.

use std::time::Duration;

use e2e::{Engine, FixtureServer, Harness, Result, API_TOTAL};
use serde_json::json;

const WAIT: Duration = Duration::from_secs(15);
/// Long enough for three pages 3 s apart, with retries.
const RUN: Duration = Duration::from_secs(45);

/// A browser whose stored proxy routes through `api`, on the page with `query`.
fn with_proxy(api: &FixtureServer, query: &str) -> Result<Harness> {
    let harness = Harness::start()?;
    harness.open("")?;
    harness.browser.execute(
        "localStorage.clear(); localStorage.setItem('arxiv-explorer:proxy', arguments[0]);",
        json!([api.proxy_template()]),
    )?;
    harness.open(query)?;
    Ok(harness)
}

/// Opens the builder, asks for `terms` in the category row and submits with `page_size`.
fn submit_query(harness: &Harness, terms: &str, page_size: u32) -> Result<()> {
    harness.browser.open_query_builder()?;
    harness.set_value("[data-testid=query-term]", terms, "input")?;
    harness.set_value("#query-page-size", &page_size.to_string(), "change")?;
    harness.set_value("#query-total", &API_TOTAL.to_string(), "change")?;
    harness.browser.click("[data-testid=query-submit]")?;
    Ok(())
}

fn wait_progress(harness: &Harness, what: &str, condition: &str, timeout: Duration) -> Result<()> {
    harness.browser.wait_until(
        what,
        &format!(
            "const p = document.querySelector('[data-testid=query-progress]'); return !!p && ({condition});"
        ),
        timeout,
    )
}

fn api_requests(api: &FixtureServer) -> Vec<e2e::Served> {
    api.served()
        .into_iter()
        .filter(|s| s.target.starts_with("/proxy"))
        .collect()
}

#[test]
fn builder_rows_page_through_the_api_with_progress() -> Result<()> {
    let api = FixtureServer::start(true)?;
    let harness = with_proxy(&api, "")?;
    harness.browser.open_query_builder()?;
    assert!(harness
        .text_of("[data-testid=query-preview]")?
        .contains("fill in"));
    harness.set_value("[data-testid=query-term]", "cs.OS", "input")?;
    // The category row offers arXiv's taxonomy by name.
    let offered = harness.browser.execute(
        "const o = document.querySelector('#arxiv-categories option[value=\"cs.OS\"]'); return o ? o.textContent : null;",
        json!([]),
    )?;
    assert_eq!(offered, json!("Operating Systems (Computer Science)"));
    harness.browser.click("[data-testid=query-add-row]")?;
    harness.set_value(
        "[data-testid=query-row]:nth-of-type(2) [data-testid=query-operator]",
        "OR",
        "change",
    )?;
    harness.set_value(
        "[data-testid=query-row]:nth-of-type(2) [data-testid=query-field]",
        "ti",
        "change",
    )?;
    harness.set_value(
        "[data-testid=query-row]:nth-of-type(2) [data-testid=query-term]",
        "fault injection",
        "input",
    )?;
    harness.set_value("#query-from", "2026-01-01", "input")?;
    assert_eq!(
        harness.text_of("[data-testid=query-preview]")?,
        "((cat:cs.OS) OR ti:\"fault injection\") AND submittedDate:[202601010000 TO 299912312359]"
    );
    harness.set_value("#query-from", "", "input")?;
    harness.set_value("#query-page-size", "5", "change")?;
    harness.set_value("#query-total", &API_TOTAL.to_string(), "change")?;
    harness.browser.click("[data-testid=query-submit]")?;

    // Mid-run: a progress bar, the first page in, the next one waiting its turn.
    wait_progress(
        &harness,
        "the first page",
        "p.dataset.pages === '1' && p.dataset.running === 'true' && !!p.querySelector('progress')",
        WAIT,
    )?;
    assert!(harness
        .text_of("[data-testid=query-summary]")?
        .contains("1 of 3 pages · 5 of 12 papers"));
    harness
        .browser
        .screenshot(&Harness::screenshot_path("query-progress"))?;
    wait_progress(
        &harness,
        "every page",
        "p.dataset.running === 'false' && p.dataset.papers === '12'",
        RUN,
    )?;
    assert!(harness
        .text_of("[data-testid=query-summary]")?
        .contains("3 of 3 pages · 12 of 12 papers"));
    // Merged with the embedded sample.
    assert_eq!(
        harness.text_of("[data-testid=result-count]")?,
        "27 of 27 papers"
    );
    // The link reproduces the query.
    let query = harness.browser.query()?;
    assert!(
        query.contains("aq=%28cat:cs.OS%29+OR+ti:%22fault+injection%22")
            && query.contains("asort=submittedDate")
            && query.contains("aorder=descending")
            && query.contains("amax=12"),
        "{query}"
    );
    // Three requests, at least 3 s apart, each for the next page.
    let requests = api_requests(&api);
    assert_eq!(requests.len(), 3, "{requests:?}");
    for (n, pair) in requests.windows(2).enumerate() {
        let gap = pair[1].at - pair[0].at;
        assert!(gap >= Duration::from_millis(2_900), "gap {n}: {gap:?}");
    }
    assert!(requests[2].target.contains("start%3D10"), "{requests:?}");
    assert!(harness.browser.console_errors()?.is_empty());
    Ok(())
}

#[test]
fn cancel_keeps_the_pages_fetched_and_resume_finishes() -> Result<()> {
    let api = FixtureServer::start(true)?;
    let harness = with_proxy(&api, "")?;
    submit_query(&harness, "cs.OS", 5)?;
    wait_progress(
        &harness,
        "the first page",
        "p.dataset.pages === '1' && p.dataset.running === 'true'",
        WAIT,
    )?;
    harness.browser.click("[data-testid=query-cancel]")?;
    wait_progress(
        &harness,
        "the run to stop",
        "p.dataset.running === 'false'",
        WAIT,
    )?;
    assert!(harness
        .text_of("[data-testid=query-stopped]")?
        .contains("Stopped. The 5 papers fetched so far are kept."));
    assert_eq!(
        harness.text_of("[data-testid=result-count]")?,
        "20 of 20 papers"
    );
    assert_eq!(api_requests(&api).len(), 1);
    harness.browser.click("[data-testid=query-resume]")?;
    wait_progress(
        &harness,
        "the rest",
        "p.dataset.running === 'false' && p.dataset.papers === '12'",
        RUN,
    )?;
    assert_eq!(
        harness.text_of("[data-testid=result-count]")?,
        "27 of 27 papers"
    );
    Ok(())
}

#[test]
fn a_busy_server_is_retried_after_the_wait_it_asks_for() -> Result<()> {
    let api = FixtureServer::start(true)?;
    let harness = with_proxy(&api, "")?;
    submit_query(&harness, "flaky", 5)?;
    wait_progress(
        &harness,
        "every page despite two 503s",
        "p.dataset.running === 'false' && p.dataset.papers === '12'",
        RUN,
    )?;
    let requests = api_requests(&api);
    let statuses: Vec<u16> = requests.iter().map(|r| r.status).collect();
    assert_eq!(statuses, [200, 503, 200, 503, 200], "{requests:?}");
    // The retry waited the 4 s the server asked for: more than the 3 s spacing, less than the
    // 6 s back-off used when a server gives no wait.
    let retry_gap = requests[2].at - requests[1].at;
    assert!(
        retry_gap >= Duration::from_millis(3_950) && retry_gap < Duration::from_millis(5_900),
        "{retry_gap:?}"
    );
    assert!(harness.text_of("[data-testid=query-stopped]")?.is_empty());
    Ok(())
}

#[test]
fn a_failing_page_keeps_the_pages_before_it() -> Result<()> {
    let api = FixtureServer::start(true)?;
    let harness = with_proxy(&api, "")?;
    submit_query(&harness, "broken", 5)?;
    wait_progress(
        &harness,
        "the run to stop at page 2",
        "p.dataset.running === 'false'",
        RUN,
    )?;
    let stopped = harness.text_of("[data-testid=query-stopped]")?;
    assert!(
        stopped.contains("HTTP 404") && stopped.contains("The 5 papers fetched so far are kept."),
        "{stopped}"
    );
    assert_eq!(
        harness.text_of("[data-testid=result-count]")?,
        "20 of 20 papers"
    );
    assert!(!harness
        .browser
        .find("[data-testid=query-resume]")?
        .is_empty());
    Ok(())
}

#[test]
fn an_aq_link_reproduces_the_query_and_the_cache_serves_it_again() -> Result<()> {
    let api = FixtureServer::start(true)?;
    let link = "?aq=cat%3Acs.OS&asort=submittedDate&aorder=descending&amax=7";
    let harness = with_proxy(&api, link)?;
    wait_progress(
        &harness,
        "the linked query",
        "p.dataset.running === 'false' && p.dataset.papers === '7'",
        WAIT,
    )?;
    // Only the query: a link that names sources does not add the sample.
    assert_eq!(
        harness.text_of("[data-testid=result-count]")?,
        "7 of 7 papers"
    );
    let first = api_requests(&api);
    assert_eq!(first.len(), 1);
    assert!(
        first[0].target.contains("sortBy%3DsubmittedDate")
            && first[0].target.contains("max_results%3D7"),
        "{first:?}"
    );
    // Opening the same link again within the day uses this device's copy.
    if harness.runs_here(
        &[Engine::Webkit],
        "WebKitGTK's automation session keeps Cache API entries in one web process only: the copy is listed before opening the same address again and gone after it (the copy itself is checked in the other engines, and for feed addresses in network.rs)",
    ) {
        harness.open(link)?;
        wait_progress(
            &harness,
            "the query from the cache",
            "p.dataset.running === 'false' && p.dataset.papers === '7'",
            WAIT,
        )?;
        assert_eq!(api_requests(&api).len(), 1);
    }
    // A bad option is named, and the query still runs with the default.
    harness.open("?aq=cat%3Acs.OS&asort=newest")?;
    harness.wait_text("[data-testid=sources-error]", "\"newest\"", WAIT)?;
    wait_progress(
        &harness,
        "the query despite a bad sort",
        "p.dataset.running === 'false'",
        RUN,
    )?;
    Ok(())
}
