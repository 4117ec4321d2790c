//! The co-author map in a real browser: it draws, its counts match, selecting sets `gauthor`
//! and lists papers, "Filter to this author" narrows the explorer, back restores.

use std::time::Duration;

use e2e::{Harness, Result};
use serde_json::json;

const WAIT: Duration = Duration::from_secs(15);

fn counts(harness: &Harness) -> Result<(u64, u64)> {
    let value = harness.browser.execute(
        "const c = document.querySelector('[data-testid=author-graph]'); return c && [Number(c.dataset.nodeCount), Number(c.dataset.edgeCount)];",
        json!([]),
    )?;
    Ok((
        value[0].as_u64().unwrap_or(0),
        value[1].as_u64().unwrap_or(0),
    ))
}

#[test]
fn the_map_draws_the_current_result() -> Result<()> {
    let harness = Harness::start()?;
    harness.open("?view=graph")?;
    harness.browser.wait_until(
        "the map",
        "return !!document.querySelector('[data-testid=author-graph]');",
        WAIT,
    )?;
    // 55 people on 15 papers; each paper's authors are linked pairwise.
    assert_eq!(counts(&harness)?, (55, 109));
    // Something was drawn: the canvas is not blank.
    harness.browser.wait_until(
        "a non-blank canvas",
        "const c = document.querySelector('[data-testid=author-graph]');
         const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
         let inked = 0; for (let i = 3; i < d.length; i += 4) { if (d[i] > 0) inked++; }
         return inked > 500;",
        WAIT,
    )?;
    assert_eq!(
        harness.text_of("[data-testid=graph-stats]")?,
        "55 authors · 109 links · 13 components (largest 8)"
    );
    harness
        .browser
        .screenshot(&Harness::screenshot_path("graph"))?;
    assert!(harness.browser.console_errors()?.is_empty());
    Ok(())
}

#[test]
fn selecting_then_filtering_to_an_author_and_back() -> Result<()> {
    let harness = Harness::start()?;
    harness.open("?view=graph")?;
    harness.browser.wait_until(
        "the map",
        "return !!document.querySelector('[data-testid=author-graph]');",
        WAIT,
    )?;
    // Typing the name and pressing Enter commits the field.
    harness
        .browser
        .type_text("#graph-search", "Lichao Sun\u{E007}")?;
    harness.browser.wait_until(
        "the selected author",
        "return !!document.querySelector('[data-testid=graph-selected]');",
        WAIT,
    )?;
    assert_eq!(harness.browser.query()?, "?view=graph&gauthor=Lichao+Sun");
    let papers = harness.browser.execute(
        "return document.querySelectorAll('[data-testid=graph-author-papers] li').length;",
        json!([]),
    )?;
    assert_eq!(papers, json!(2));
    let before = counts(&harness)?;

    harness.browser.click("[data-testid=graph-filter-author]")?;
    harness.browser.wait_until(
        "the filtered map",
        "return location.search === '?author=Lichao+Sun&view=graph&gauthor=Lichao+Sun';",
        WAIT,
    )?;
    harness.browser.wait_until(
        "fewer authors",
        "const c = document.querySelector('[data-testid=author-graph]'); return !!c && Number(c.dataset.nodeCount) < 55;",
        WAIT,
    )?;
    let after = counts(&harness)?;
    assert!(after.0 < before.0, "{after:?} < {before:?}");
    harness.browser.execute("history.back();", json!([]))?;
    harness.browser.wait_until(
        "the whole map again",
        "const c = document.querySelector('[data-testid=author-graph]'); return !!c && Number(c.dataset.nodeCount) === 55;",
        WAIT,
    )?;
    assert_eq!(harness.browser.query()?, "?view=graph&gauthor=Lichao+Sun");
    Ok(())
}

#[test]
fn an_authors_own_network() -> Result<()> {
    let harness = Harness::start()?;
    harness.open("?view=graph&gauthor=Lichao+Sun")?;
    harness.browser.wait_until(
        "the selected author",
        "return !!document.querySelector('[data-testid=graph-selected]');",
        WAIT,
    )?;
    harness
        .browser
        .click("[data-testid=graph-selected] .graph-author__actions .button:nth-child(2)")?;
    harness.browser.wait_until(
        "the ego network",
        "const c = document.querySelector('[data-testid=author-graph]'); return location.search === '?view=graph&gauthor=Lichao+Sun&ego=Lichao+Sun' && !!c && c.dataset.nodeCount === '4';",
        WAIT,
    )?;
    // The link alone reopens the same map.
    harness.open("?view=graph&gauthor=Lichao+Sun&ego=Lichao+Sun")?;
    harness.browser.wait_until(
        "the ego network from the link",
        "const c = document.querySelector('[data-testid=author-graph]'); return !!c && c.dataset.nodeCount === '4' && c.dataset.edgeCount === '6';",
        WAIT,
    )?;
    Ok(())
}
