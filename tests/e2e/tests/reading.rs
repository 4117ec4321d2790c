//! The reading surface as a person meets it, in whichever engine `E2E_BROWSER` names, on a
//! laptop (1366×800) and a phone (390×844): papers whole in the first screen, no text cut by
//! a box, facet counts visible, the keyboard moving the focus (and rings never clipped),
//! surname lookup, the phone's folded filters and full-screen details, and where a failed
//! arXiv query says what happened.

use std::time::Duration;

use e2e::{FixtureServer, Harness, Result, Viewport, SEED_IDS};
use serde_json::json;

const WAIT: Duration = Duration::from_secs(15);

fn open_at(viewport: Viewport, query: &str) -> Result<Harness> {
    let harness = Harness::start_at(viewport)?;
    harness.open_fresh(query)?;
    harness.browser.wait_for_papers(&SEED_IDS)?;
    // Fonts and measured row heights settle within a frame or two.
    std::thread::sleep(Duration::from_millis(400));
    Ok(harness)
}

fn assert_reads_well(harness: &Harness, what: &str) -> Result<e2e::LayoutReport> {
    let report = harness.browser.layout_report()?;
    let problems = report.problems();
    assert!(
        problems.is_empty(),
        "{what} in {} at {}:\n{}",
        harness.engine(),
        harness.viewport.name(),
        problems.join("\n")
    );
    Ok(report)
}

#[test]
fn a_laptop_screen_shows_six_whole_papers_and_cuts_no_text() -> Result<()> {
    let harness = open_at(Viewport::LAPTOP, "")?;
    harness.browser.screenshot(&harness.shot("first-screen"))?;
    let report = assert_reads_well(&harness, "the first screen")?;
    assert!(
        report.whole_papers >= 6,
        "{} whole papers in the first screen in {}",
        report.whole_papers,
        harness.engine()
    );
    assert!(
        report.facet_counts >= 10,
        "facet counts drawn: {}",
        report.facet_counts
    );
    // With abstracts and the roomier density, still nothing is cut.
    harness.browser.click("[data-testid=abstracts-toggle]")?;
    harness.browser.click("[data-testid=density-toggle]")?;
    harness.browser.wait_until(
        "abstract previews",
        "return document.querySelectorAll('.paper__abstract').length >= 5;",
        WAIT,
    )?;
    std::thread::sleep(Duration::from_millis(300));
    harness.browser.screenshot(&harness.shot("abstracts"))?;
    assert_reads_well(&harness, "rows with abstracts")?;
    // The choice is remembered on this device.
    harness.open("")?;
    harness.browser.wait_until(
        "abstract previews after a reload",
        "return document.querySelectorAll('.paper__abstract').length >= 5 && document.querySelector('.explorer').dataset.density === 'comfortable';",
        WAIT,
    )?;
    Ok(())
}

#[test]
fn a_phone_screen_folds_filters_behind_one_button_and_cuts_no_text() -> Result<()> {
    let harness = open_at(Viewport::PHONE, "")?;
    harness.browser.screenshot(&harness.shot("first-screen"))?;
    let report = assert_reads_well(&harness, "the first screen")?;
    assert!(
        report.whole_papers >= 2,
        "{} whole papers",
        report.whole_papers
    );
    // Facets wait behind the Filters button; the tabs keep each name on one line.
    assert_eq!(report.facet_counts, 0, "facets are folded away");
    let tabs = harness.browser.execute(
        "return [...document.querySelectorAll('.view-tab')].map(t => { const line = parseFloat(getComputedStyle(t).lineHeight) || 20; return t.getBoundingClientRect().height < line * 1.9; });",
        json!([]),
    )?;
    assert_eq!(
        tabs,
        json!([true, true, true]),
        "tab names stay on one line"
    );
    harness.browser.click("[data-testid=filters-toggle]")?;
    harness.browser.wait_until(
        "the facets",
        "return [...document.querySelectorAll('.facet__count')].some(c => c.getBoundingClientRect().height > 0);",
        WAIT,
    )?;
    harness.browser.screenshot(&harness.shot("filters-open"))?;
    assert_reads_well(&harness, "the open filters")?;
    harness.browser.execute(
        "document.querySelector('.facet-panel').scrollIntoView({block: 'start'});",
        json!([]),
    )?;
    let report = assert_reads_well(&harness, "the facets")?;
    assert!(
        report.facet_counts >= 10,
        "facet counts drawn: {}",
        report.facet_counts
    );
    // Details are a full-screen sheet.
    harness
        .browser
        .click("[data-paper-id='2604.05505'] .paper__open")?;
    harness.browser.wait_until(
        "the details",
        "const p = document.querySelector('[data-testid=detail-panel]'); if (!p) return false; const r = p.getBoundingClientRect(); return r.left <= 0.5 && r.width >= document.documentElement.clientWidth - 0.5;",
        WAIT,
    )?;
    harness.browser.screenshot(&harness.shot("details"))?;
    Ok(())
}

#[test]
fn details_on_a_laptop_have_a_backdrop_that_closes_them() -> Result<()> {
    let harness = open_at(Viewport::LAPTOP, "?paper=2604.05505")?;
    harness.browser.wait_until(
        "the details over a backdrop",
        "const b = document.querySelector('.detail-backdrop'); if (!b) return false; const r = b.getBoundingClientRect(); return r.width >= document.documentElement.clientWidth - 1 && r.height >= innerHeight - 1;",
        WAIT,
    )?;
    harness.browser.screenshot(&harness.shot("details"))?;
    harness.browser.execute(
        "document.querySelector('.detail-backdrop').click();",
        json!([]),
    )?;
    harness.browser.wait_until(
        "the details to close",
        "return !document.querySelector('[data-testid=detail-panel]') && location.search === '';",
        WAIT,
    )?;
    Ok(())
}

#[test]
fn tab_reaches_the_papers_before_the_facets_and_no_ring_is_clipped() -> Result<()> {
    let harness = open_at(Viewport::LAPTOP, "")?;
    harness.browser.execute(
        "document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0);",
        json!([]),
    )?;
    let mut reached_paper = None;
    let mut clipped = Vec::new();
    let mut without_ring = Vec::new();
    for stop in 1..=40 {
        harness.browser.press_keys(&["Tab"])?;
        let focus = harness.browser.focus_stop()?;
        assert!(
            reached_paper.is_some() || !focus.in_facets,
            "Tab reached a facet ({}) before any paper",
            focus.target
        );
        if focus.in_paper && reached_paper.is_none() {
            reached_paper = Some(stop);
        }
        if let Some(by) = &focus.clipped {
            clipped.push(format!("{} (clipped by {by})", focus.target));
        }
        if !focus.has_outline && focus.target != "body" {
            without_ring.push(focus.target.clone());
        }
    }
    let reached = reached_paper.expect("Tab reaches the papers");
    // Past the page's own controls, never past the facets.
    assert!(reached <= 20, "the first paper is the {reached}th Tab stop");
    assert!(
        clipped.is_empty(),
        "clipped focus rings in {}:\n{}",
        harness.engine(),
        clipped.join("\n")
    );
    assert!(
        without_ring.is_empty(),
        "focus without a ring:\n{}",
        without_ring.join("\n")
    );
    // The skip link is the first stop and leads straight to the papers.
    harness.open("")?;
    harness.browser.wait_for_papers(&SEED_IDS)?;
    harness.browser.execute(
        "document.activeElement && document.activeElement.blur();",
        json!([]),
    )?;
    harness.browser.press_keys(&["Tab"])?;
    assert!(harness
        .browser
        .focus_stop()?
        .target
        .contains("Skip to papers"));
    harness.browser.press_keys(&["Enter", "Tab"])?;
    harness.browser.wait_until(
        "the first Tab after the skip link to land in the papers",
        "const a = document.activeElement; return !!a && !!a.closest('#papers');",
        WAIT,
    )?;
    Ok(())
}

#[test]
fn j_and_k_move_the_focus_enter_opens_details_and_escape_returns_to_the_paper() -> Result<()> {
    let harness = open_at(Viewport::LAPTOP, "")?;
    let browser = &harness.browser;
    let focused_paper = "const a = document.activeElement; const p = a && a.closest('[data-paper-id]'); return p ? p.dataset.paperId : (a ? a.tagName + '#' + a.id : null);";
    browser.execute(
        "document.activeElement && document.activeElement.blur();",
        json!([]),
    )?;
    browser.press_keys(&["j"])?;
    browser.wait_until(
        "focus on the first paper",
        &format!("return (() => {{ {focused_paper} }})() === '2604.07839';"),
        WAIT,
    )?;
    browser.press_keys(&["j", "j", "k"])?;
    browser.wait_until(
        "focus on the second paper",
        &format!("return (() => {{ {focused_paper} }})() === '2604.05505';"),
        WAIT,
    )?;
    browser.press_keys(&["Enter"])?;
    browser.wait_until(
        "focus inside the details",
        "const a = document.activeElement; return location.search === '?paper=2604.05505' && !!a && !!a.closest('[data-testid=detail-panel]');",
        WAIT,
    )?;
    browser.press_keys(&["Escape"])?;
    browser.wait_until(
        "focus back on the paper it came from",
        &format!("return !document.querySelector('[data-testid=detail-panel]') && (() => {{ {focused_paper} }})() === '2604.05505';"),
        WAIT,
    )?;
    Ok(())
}

#[test]
fn a_surname_finds_its_author_and_a_name_nobody_has_gets_the_closest() -> Result<()> {
    let harness = open_at(Viewport::DEFAULT, "")?;
    let browser = &harness.browser;
    browser.click("#author-input")?;
    browser.type_text("#author-input", "sun")?;
    browser.wait_until(
        "Lichao Sun offered for “sun”",
        "const l = document.querySelector('[data-testid=author-suggestions]'); return !!l && !l.hidden && [...l.querySelectorAll('[role=option] .combobox__name')].some(o => o.textContent === 'Lichao Sun');",
        WAIT,
    )?;
    let offered = browser.execute(
        "return [...document.querySelectorAll('[data-testid=author-suggestions] [role=option] .combobox__name')].map(o => o.textContent);",
        json!([]),
    )?;
    let position = offered
        .as_array()
        .and_then(|names| names.iter().position(|n| n == "Lichao Sun"))
        .expect("offered");
    let mut keys = vec!["ArrowDown"; position + 1];
    keys.push("Enter");
    browser.press_keys(&keys)?;
    browser.wait_until(
        "the author filter",
        "return new URLSearchParams(location.search).get('author') === 'Lichao Sun';",
        WAIT,
    )?;
    // Accents and case do not matter.
    browser.type_text("#author-input", "KOSTIC")?;
    browser.wait_until(
        "Dejan Kostić offered for “KOSTIC”",
        "return [...document.querySelectorAll('[data-testid=author-suggestions] [role=option] .combobox__name')].some(o => o.textContent === 'Dejan Kostić');",
        WAIT,
    )?;
    // A name no paper has says so and offers the closest.
    harness.open("?author=Lichao%20Sn")?;
    browser.wait_until(
        "the hint",
        "const h = document.querySelector('[data-testid=author-hint]'); return !!h && h.textContent.includes('No papers by “Lichao Sn” here.') && h.textContent.includes('Lichao Sun');",
        WAIT,
    )?;
    browser.click("[data-testid=author-hint-name]")?;
    browser.wait_until(
        "the closest name in its place",
        "return new URLSearchParams(location.search).getAll('author').join('|') === 'Lichao Sun' && document.querySelectorAll('[data-paper-id]').length === 2;",
        WAIT,
    )?;
    assert!(browser.console_errors()?.is_empty());
    Ok(())
}

/// Opens the builder with `api` as the proxy (CORS on or off) and asks for `terms`.
fn run_query(api: &FixtureServer, terms: &str, preload: Option<&str>) -> Result<Harness> {
    let harness = Harness::start()?;
    if let Some(source) = preload {
        harness.run_before_every_page(source)?;
    }
    harness.open("")?;
    harness.browser.execute(
        "localStorage.clear(); localStorage.setItem('arxiv-explorer:proxy', arguments[0]);",
        json!([api.proxy_template()]),
    )?;
    harness.open("?q=kernel")?;
    harness.browser.open_query_builder()?;
    harness.set_value("[data-testid=query-term]", terms, "input")?;
    harness.browser.click("[data-testid=query-submit]")?;
    Ok(harness)
}

/// The failure shows inside the builder, next to the button, says `headline`, and the page
/// keeps its papers and its address.
fn assert_failure_beside_the_button(harness: &Harness, kind: &str, headline: &str) -> Result<()> {
    let waited = harness.browser.wait_until(
        &format!("a {kind} failure beside the button"),
        &format!(
            "const s = document.querySelector('[data-testid=query-builder] .query-builder__submit [data-testid=query-stopped]'); return !!s && s.dataset.stopKind === {kind:?};"
        ),
        Duration::from_secs(40),
    );
    if let Err(error) = waited {
        let page = harness.text_of(".sources")?;
        return Err(format!("{error}; the sources say: {page}").into());
    }
    let text = harness.text_of("[data-testid=query-stopped]")?;
    assert!(text.starts_with(headline), "{text}");
    assert!(text.contains("what was on screen stays"), "{text}");
    assert_eq!(
        harness.browser.query()?,
        "?q=kernel",
        "the address keeps the view"
    );
    let shown = harness.browser.paper_ids()?;
    assert!(!shown.is_empty(), "the old papers stay");
    Ok(())
}

#[test]
fn a_query_arxiv_will_not_let_the_page_read_says_so_beside_its_button() -> Result<()> {
    let closed = FixtureServer::start(false)?;
    let harness = run_query(&closed, "cs.OS", None)?;
    assert_failure_beside_the_button(
        &harness,
        "cors",
        "arXiv does not let this page read its answers.",
    )
}

#[test]
fn a_query_sent_while_offline_says_so_beside_its_button() -> Result<()> {
    let api = FixtureServer::start(true)?;
    let offline =
        "Object.defineProperty(Navigator.prototype, 'onLine', { get() { return false; } });";
    let harness = run_query(&api, "cs.OS", Some(offline))?;
    assert_failure_beside_the_button(&harness, "offline", "You are offline.")
}

#[test]
fn retries_while_arxiv_is_down_are_visible_and_can_be_cancelled() -> Result<()> {
    let api = FixtureServer::start(true)?;
    let harness = run_query(&api, "down", None)?;
    harness.browser.wait_until(
        "a retry on show, with Cancel",
        "const s = document.querySelector('.query-builder__submit [data-testid=query-summary]'); return !!s && s.textContent.includes('Trying again in') && !!document.querySelector('.query-builder__submit [data-testid=query-cancel]');",
        Duration::from_secs(20),
    )?;
    harness
        .browser
        .screenshot(&harness.shot("query-retrying"))?;
    harness.browser.click("[data-testid=query-cancel]")?;
    harness.browser.wait_until(
        "the run to stop",
        "const s = document.querySelector('[data-testid=query-stopped]'); return !!s && s.dataset.stopKind === 'cancelled';",
        WAIT,
    )?;
    assert_eq!(harness.text_of("[data-testid=query-stopped]")?, "Stopped.");
    assert_eq!(harness.browser.query()?, "?q=kernel");
    Ok(())
}
