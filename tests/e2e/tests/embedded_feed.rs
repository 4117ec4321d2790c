//! The release site, served under a sub-path, opens on the embedded feed with no network.

use std::time::Duration;

use e2e::{Harness, Result, SEED_IDS};
use serde_json::json;

#[test]
fn embedded_feed_renders_under_a_sub_path() -> Result<()> {
    let harness = Harness::start()?;
    harness.open("")?;
    let browser = &harness.browser;
    browser.wait_for_paper_count(15, Duration::from_secs(30))?;

    assert_eq!(browser.paper_ids()?, SEED_IDS);

    let count = browser.execute(
        "return document.querySelector('[data-testid=result-count]').textContent;",
        json!([]),
    )?;
    let count = count.as_str().unwrap_or_default();
    assert!(
        count.split_whitespace().next() == Some("15"),
        "result count reads {count:?}"
    );

    let heading = browser.execute(
        "return document.querySelector('h1').textContent;",
        json!([]),
    )?;
    // A human title, not the raw query.
    assert_eq!(heading, json!("cs.OS — Operating Systems"));
    let stats = browser.execute(
        "return document.querySelector('.feed-header__stats').textContent;",
        json!([]),
    )?;
    let stats = stats.as_str().unwrap_or_default();
    assert!(
        stats.starts_with("15 papers from cs.OS, ") && stats.contains("2026 — a sample"),
        "the header says what is loaded, and that it is a sample: {stats}"
    );
    // The next step is one click away.
    let action = browser.execute(
        "const b = document.querySelector('[data-testid=sources-summary]'); return [b.textContent, b.getAttribute('aria-expanded')];",
        json!([]),
    )?;
    assert_eq!(action, json!(["Load your own feed", "false"]));

    let landmarks = browser.execute(
        "return ['header', 'main', 'footer'].map(s => document.querySelectorAll(s + ':not(article *)').length);",
        json!([]),
    )?;
    assert_eq!(
        landmarks,
        json!([1, 1, 1]),
        "one banner, one main, one content-info"
    );

    let first = browser.execute(
        "const p = document.querySelector('[data-paper-id=\"2603.25666\"]');
         return {
           title: p.querySelector('h2').textContent,
           abs: p.querySelector('a.paper-link--abs').href,
           pdf: p.querySelector('a.paper-link--pdf').href,
           authors: [...p.querySelectorAll('.author')].map(a => a.textContent),
           primary: p.querySelector('.category--primary').textContent,
           date: p.querySelector('time').getAttribute('datetime'),
         };",
        json!([]),
    )?;
    assert_eq!(
        first,
        json!({
            "title": "Experimental Analysis of FreeRTOS Dependability through Targeted Fault Injection Campaigns",
            "abs": "https://arxiv.org/abs/2603.25666v1",
            "pdf": "https://arxiv.org/pdf/2603.25666v1",
            "authors": ["Luca Mannella", "Stefano Di Carlo", "Alessandro Savino"],
            "primary": "cs.OS",
            "date": "2026-03-26",
        })
    );

    let parse_measures = browser.execute(
        "return performance.getEntriesByName('feed:parse', 'measure').length;",
        json!([]),
    )?;
    assert_eq!(parse_measures, json!(1), "feed:parse is recorded once");

    browser.screenshot(&Harness::screenshot_path("embedded-feed"))?;
    let errors = browser.console_errors()?;
    assert!(errors.is_empty(), "console errors: {errors:#?}");
    Ok(())
}

#[test]
fn nothing_is_served_outside_the_sub_path() -> Result<()> {
    let harness = Harness::start()?;
    let outside = format!("http://127.0.0.1:{}/index.html", harness.server.port);
    let status = match ureq::get(&outside).call() {
        Ok(response) => response.status(),
        Err(ureq::Error::Status(code, _)) => code,
        Err(other) => return Err(other.to_string().into()),
    };
    assert_eq!(status, 404, "the test server only serves the sub-path");
    Ok(())
}

#[test]
fn the_content_security_policy_blocks_injected_scripts() -> Result<()> {
    let harness = Harness::start()?;
    harness.open("")?;
    harness.browser.wait_for_papers(&SEED_IDS)?;
    let policy = harness.browser.execute(
        "const m = document.querySelector('meta[http-equiv=Content-Security-Policy]'); return m && m.content;",
        json!([]),
    )?;
    let policy = policy.as_str().unwrap_or_default();
    assert!(
        policy.starts_with("default-src 'self'; script-src 'self' 'wasm-unsafe-eval' 'sha256-"),
        "{policy}"
    );
    assert!(!policy.contains("unsafe-inline"), "{policy}");
    let ran = harness.browser.execute(
        "const s = document.createElement('script'); s.textContent = 'window.injected = true;'; document.body.append(s); return window.injected === true;",
        json!([]),
    )?;
    assert_eq!(ran, json!(false), "an injected inline script must not run");
    Ok(())
}
