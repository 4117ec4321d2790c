//! The parts of the page fetched on demand (the formula renderer, the co-author map, the
//! query builder and the importer): the page starts without them, each is fetched when first
//! needed and works, and one that cannot be fetched is said where it is missed, with "Try
//! again" that fetches it anew.

use std::time::Duration;

use e2e::{Harness, Result};
use serde_json::{json, Value};

const WAIT: Duration = Duration::from_secs(15);

/// The page's part modules fetched so far, by part (`map`, `math`, …), from the page's own
/// resource timing.
fn fetched_parts(harness: &Harness) -> Result<Vec<String>> {
    let names = harness.browser.execute(
        "return performance.getEntriesByType('resource')
           .map(e => (e.name.match(/\\/split_([a-z_]+)-[0-9a-f]+\\.wasm/) || [])[1])
           .filter(Boolean);",
        json!([]),
    )?;
    let mut parts: Vec<String> = names
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .map(str::to_string)
        .collect();
    parts.sort();
    parts.dedup();
    Ok(parts)
}

/// Makes every fetch of a part module fail while `localStorage['e2e:block-parts']` is set, as
/// a dropped connection would.
const BLOCK_PARTS: &str = r#"
(() => {
  const realFetch = window.fetch;
  window.fetch = function (input, init) {
    const url = String((input && input.url) || input);
    if (/\/(split_|chunk_)[a-z_0-9]*-[0-9a-f]+\.wasm/.test(url) && localStorage.getItem('e2e:block-parts') === '1') {
      return Promise.reject(new TypeError('the connection dropped (blocked by the test)'));
    }
    return realFetch.apply(this, arguments);
  };
})();
"#;

const MATH_IN_DETAIL: &str = "const p = document.querySelector('[data-testid=detail-panel]'); return !!(p && p.querySelector('.detail-panel__abstract math'));";
const MAP_DRAWN: &str = "return !!document.querySelector('[data-testid=author-graph]');";
const BUILDER_SHOWN: &str = "return !!document.querySelector('[data-testid=query-term]');";

fn bibtex_file() -> Result<std::path::PathBuf> {
    let file = std::env::temp_dir().join(format!("parts-import-{}.bib", std::process::id()));
    std::fs::write(
        &file,
        "@misc{a, title={Experimental Analysis}, author={Mannella, Luca}, year={2026}, eprint={2603.25666v1}}\n",
    )?;
    Ok(file)
}

#[test]
fn each_part_is_fetched_when_first_needed_and_works() -> Result<()> {
    let harness = Harness::start()?;
    harness.open_fresh("")?;
    harness.browser.wait_for_paper_count(15, WAIT)?;
    let at_start = fetched_parts(&harness)?;
    for part in ["map", "query_builder", "import"] {
        assert!(
            !at_start.contains(&part.to_string()),
            "{part} was fetched at start: {at_start:?}"
        );
    }
    // The formulas of a paper's abstract.
    harness.browser.click("[data-paper-id='2604.07609'] h2 a")?;
    harness
        .browser
        .wait_until("the detail panel with MathML", MATH_IN_DETAIL, WAIT)?;
    assert!(fetched_parts(&harness)?.contains(&"math".to_string()));
    harness.press("Escape")?;
    // The co-author map.
    harness.browser.click("[data-testid=view-graph]")?;
    harness.browser.wait_until("the map", MAP_DRAWN, WAIT)?;
    assert_eq!(
        harness.text_of("[data-testid=graph-stats]")?,
        "55 authors · 109 links · 13 components (largest 8)"
    );
    assert!(fetched_parts(&harness)?.contains(&"map".to_string()));
    assert!(!fetched_parts(&harness)?.contains(&"query_builder".to_string()));
    // The query builder, in the sources panel, once it is opened.
    harness.browser.click("[data-testid=sources-summary]")?;
    harness.browser.wait_until(
        "the sources panel",
        "return !document.querySelector('#sources-panel').hidden;",
        WAIT,
    )?;
    assert!(!fetched_parts(&harness)?.contains(&"query_builder".to_string()));
    harness
        .browser
        .click("[data-testid=query-builder] summary")?;
    harness
        .browser
        .wait_until("the query builder", BUILDER_SHOWN, WAIT)?;
    assert!(fetched_parts(&harness)?.contains(&"query_builder".to_string()));
    // The importer.
    harness.browser.click("[data-testid=view-favourites]")?;
    let file = bibtex_file()?;
    harness.browser.choose_file("#favourites-import", &file)?;
    harness.browser.wait_until(
        "the import report",
        "return [...document.querySelectorAll('.share-status')].some(s => s.textContent.includes('1 added'));",
        WAIT,
    )?;
    harness.browser.wait_for_papers(&["2603.25666"])?;
    assert!(fetched_parts(&harness)?.contains(&"import".to_string()));
    let _ = std::fs::remove_file(file);
    Ok(())
}

/// The alert of a part that could not be fetched, once shown.
fn wait_failure(harness: &Harness, what: &str) -> Result<()> {
    harness.browser.wait_until(
        &format!("the failure of {what}"),
        &format!(
            "return [...document.querySelectorAll('[data-testid=part-failure]')]
               .some(a => a.getAttribute('role') === 'alert' && a.textContent.includes({what:?}) && a.querySelector('button'));"
        ),
        WAIT,
    )
}

fn try_again(harness: &Harness, what: &str) -> Result<()> {
    harness.browser.execute(
        "[...document.querySelectorAll('[data-testid=part-failure]')]
           .find(a => a.textContent.includes(arguments[0]))
           .querySelector('button').click();",
        json!([what]),
    )?;
    Ok(())
}

fn unblock(harness: &Harness) -> Result<()> {
    harness
        .browser
        .execute("localStorage.removeItem('e2e:block-parts');", json!([]))?;
    Ok(())
}

#[test]
fn a_part_that_cannot_be_fetched_is_said_and_try_again_fetches_it() -> Result<()> {
    let harness = Harness::start()?;
    harness.run_before_every_page(BLOCK_PARTS)?;
    harness.open("")?;
    harness.browser.execute(
        "localStorage.clear(); localStorage.setItem('e2e:block-parts', '1');",
        json!([]),
    )?;
    harness.open("?paper=2604.07609")?;
    // Formulas stay readable as LaTeX, and the page says why.
    wait_failure(&harness, "The formula renderer")?;
    harness.browser.wait_until(
        "the formula as LaTeX",
        "const p = document.querySelector('[data-testid=detail-panel] .detail-panel__abstract');
         return !!p && !p.querySelector('math') && [...p.querySelectorAll('code.latex')].some(c => c.textContent.includes('\\\\times'));",
        WAIT,
    )?;
    harness.press("Escape")?;
    harness.browser.click("[data-testid=sources-summary]")?;
    harness
        .browser
        .click("[data-testid=query-builder] summary")?;
    wait_failure(&harness, "The query builder")?;
    harness.browser.click("[data-testid=view-graph]")?;
    wait_failure(&harness, "The co-author map")?;

    // The connection is back: each "Try again" fetches its part.
    unblock(&harness)?;
    try_again(&harness, "The co-author map")?;
    harness.browser.wait_until("the map", MAP_DRAWN, WAIT)?;
    try_again(&harness, "The query builder")?;
    harness
        .browser
        .wait_until("the query builder", BUILDER_SHOWN, WAIT)?;
    try_again(&harness, "The formula renderer")?;
    harness.browser.click("[data-testid=view-feed]")?;
    harness.browser.click("[data-paper-id='2604.07609'] h2 a")?;
    harness
        .browser
        .wait_until("the detail panel with MathML", MATH_IN_DETAIL, WAIT)?;
    assert!(!harness.text_of("main")?.contains("could not be loaded"));
    harness.press("Escape")?;

    // The importer keeps the chosen file until it can read it.
    harness
        .browser
        .execute("localStorage.setItem('e2e:block-parts', '1');", json!([]))?;
    harness.browser.click("[data-testid=view-favourites]")?;
    let file = bibtex_file()?;
    harness.browser.choose_file("#favourites-import", &file)?;
    wait_failure(&harness, "The importer")?;
    unblock(&harness)?;
    try_again(&harness, "The importer")?;
    harness.browser.wait_until(
        "the kept file imported",
        "return [...document.querySelectorAll('.share-status')].some(s => s.textContent.includes('1 added'));",
        WAIT,
    )?;
    harness.browser.wait_for_papers(&["2603.25666"])?;
    let _ = std::fs::remove_file(file);
    Ok(())
}
