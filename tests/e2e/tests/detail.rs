//! The detail panel and keyboard navigation, in a real browser under a sub-path.

use std::time::Duration;

use e2e::{Harness, Result};
use serde_json::json;

#[test]
fn a_paper_link_opens_its_details_with_rendered_math() -> Result<()> {
    let harness = Harness::start()?;
    harness.open("?paper=2604.07609")?;
    let browser = &harness.browser;
    browser.wait_until(
        "the detail panel with MathML",
        "const p = document.querySelector('[data-testid=detail-panel]'); return !!(p && p.querySelector('math'));",
        Duration::from_secs(10),
    )?;
    let detail = browser.execute(
        "const p = document.querySelector('[data-testid=detail-panel]');
         return {
           title: p.querySelector('h2').textContent,
           math: p.querySelector('.detail-panel__abstract math').namespaceURI,
           abstractText: p.querySelector('.detail-panel__abstract').textContent.includes('8.47×'),
           links: [...p.querySelectorAll('.paper__links a')].map(a => a.textContent),
           authors: p.querySelectorAll('.author').length,
         };",
        json!([]),
    )?;
    assert_eq!(detail["math"], json!("http://www.w3.org/1998/Math/MathML"));
    assert_eq!(detail["abstractText"], json!(true), "{detail}");
    assert_eq!(
        detail["links"],
        json!(["Abstract page", "PDF", "HTML version"])
    );
    assert_eq!(
        harness.text_of("[data-testid=detail-sources]")?,
        "From: Embedded sample: cs.OS, April 2026"
    );
    assert!(detail["authors"].as_u64().unwrap_or(0) >= 2, "{detail}");
    harness
        .browser
        .screenshot(&Harness::screenshot_path("detail-panel"))?;
    assert!(browser.console_errors()?.is_empty());
    Ok(())
}

#[test]
fn clicking_a_title_opens_details_and_escape_closes_them() -> Result<()> {
    let harness = Harness::start()?;
    harness.open("?cat=cs.DC")?;
    let browser = &harness.browser;
    browser.wait_for_paper_count(6, Duration::from_secs(10))?;
    browser.click("[data-paper-id='2603.15042'] .paper__open")?;
    browser.wait_until(
        "the detail panel",
        "return !!document.querySelector('[data-testid=detail-panel]');",
        Duration::from_secs(10),
    )?;
    assert_eq!(browser.query()?, "?cat=cs.DC&paper=2603.15042");
    browser.execute(
        "document.body.dispatchEvent(new KeyboardEvent('keydown', {key: 'Escape', bubbles: true}));",
        json!([]),
    )?;
    browser.wait_until(
        "the panel to close",
        "return !document.querySelector('[data-testid=detail-panel]');",
        Duration::from_secs(10),
    )?;
    assert_eq!(browser.query()?, "?cat=cs.DC");
    Ok(())
}

#[test]
fn keyboard_moves_opens_and_searches() -> Result<()> {
    let harness = Harness::start()?;
    harness.open("")?;
    let browser = &harness.browser;
    browser.wait_for_paper_count(15, Duration::from_secs(10))?;
    harness.press("j")?;
    harness.press("j")?;
    browser.wait_until(
        "the second paper highlighted",
        "const h = document.querySelector('.paper--highlighted'); return !!h && h.dataset.paperId === '2604.05505';",
        Duration::from_secs(10),
    )?;
    harness.press("Enter")?;
    browser.wait_until(
        "its details",
        "return location.search === '?paper=2604.05505' && !!document.querySelector('[data-testid=detail-panel]');",
        Duration::from_secs(10),
    )?;
    harness.press("?")?;
    browser.wait_until(
        "the shortcut help",
        "return !!document.querySelector('[data-testid=shortcuts]');",
        Duration::from_secs(10),
    )?;
    harness.press("Escape")?;
    browser.wait_until(
        "the help to close, details staying open",
        "return !document.querySelector('[data-testid=shortcuts]') && !!document.querySelector('[data-testid=detail-panel]');",
        Duration::from_secs(10),
    )?;
    harness.press("/")?;
    let focused = browser.execute("return document.activeElement.id;", json!([]))?;
    assert_eq!(focused, json!("search-input"));
    Ok(())
}
