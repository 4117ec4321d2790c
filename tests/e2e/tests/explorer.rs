//! The explorer in a real browser, served under a sub-path: links reproduce views, clicks
//! narrow the list and the URL, back restores, bad parameters are reported and ignored.

use std::time::Duration;

use e2e::{Harness, Result, SEED_IDS};
use serde_json::json;

#[test]
fn author_link_opens_exactly_that_authors_papers() -> Result<()> {
    let harness = Harness::start()?;
    harness.open("?author=dejan+kostic")?;
    harness.browser.wait_for_papers(&["2604.07609"])?;
    assert_eq!(
        harness.text_of("[data-testid=result-count]")?,
        "1 of 15 papers"
    );
    let chips = harness.browser.execute(
        "return [...document.querySelectorAll('.chip span')].map(s => s.textContent);",
        json!([]),
    )?;
    assert_eq!(chips, json!(["Author: dejan kostic"]));
    assert!(harness.browser.console_errors()?.is_empty());
    Ok(())
}

#[test]
fn clicking_an_author_narrows_and_back_restores() -> Result<()> {
    let harness = Harness::start()?;
    harness.open("")?;
    let browser = &harness.browser;
    browser.wait_for_papers(&SEED_IDS)?;
    browser.click("[data-paper-id='2603.25666'] .author__filter")?;
    browser.wait_for_papers(&["2603.25666"])?;
    assert_eq!(browser.query()?, "?author=Luca+Mannella");
    browser.execute("history.back();", json!([]))?;
    browser.wait_for_papers(&SEED_IDS)?;
    assert_eq!(browser.query()?, "");
    browser.execute("history.forward();", json!([]))?;
    browser.wait_for_papers(&["2603.25666"])?;
    Ok(())
}

#[test]
fn the_list_follows_typing_in_a_window_that_gets_no_frames() -> Result<()> {
    let harness = Harness::start()?;
    // A hidden or covered window is not painted, and its animation frames do not come.
    harness.run_before_every_page("window.requestAnimationFrame = () => 0;")?;
    harness.open("")?;
    let browser = &harness.browser;
    browser.wait_for_papers(&SEED_IDS)?;
    browser.type_text("#search-input", "FreeRTOS")?;
    browser.wait_for_papers(&["2603.25666"])?;
    Ok(())
}

#[test]
fn typing_filters_and_replaces_the_history_entry() -> Result<()> {
    let harness = Harness::start()?;
    harness.open("")?;
    let browser = &harness.browser;
    browser.wait_for_papers(&SEED_IDS)?;
    let before = browser.execute("return history.length;", json!([]))?;
    browser.type_text("#search-input", "FreeRTOS")?;
    browser.wait_for_papers(&["2603.25666"])?;
    // The address bar follows once the typing pauses.
    browser.wait_until(
        "the typed query in the address bar",
        "return location.search === '?q=FreeRTOS';",
        Duration::from_secs(5),
    )?;
    let after = browser.execute("return history.length;", json!([]))?;
    assert_eq!(before, after, "keystrokes do not add history entries");
    // A click right after typing adds an entry after the typed query, so back returns to it.
    browser.execute(
        "const input = document.querySelector('#search-input');
         input.value = 'FreeRTOS kernel';
         input.dispatchEvent(new InputEvent('input', { bubbles: true }));
         document.querySelector('[data-testid=facet-categories] li:nth-child(1) button').click();",
        json!([]),
    )?;
    browser.wait_until(
        "the click's entry",
        "return new URLSearchParams(location.search).has('cat');",
        Duration::from_secs(5),
    )?;
    browser.execute("history.back();", json!([]))?;
    browser.wait_until(
        "back to the typed query",
        "return location.search === '?q=FreeRTOS+kernel';",
        Duration::from_secs(5),
    )?;
    let measures = browser.execute(
        "return performance.getEntriesByName('filter:apply', 'measure').length;",
        json!([]),
    )?;
    assert!(
        measures.as_u64().unwrap_or(0) >= 2,
        "filter:apply is measured: {measures}"
    );
    Ok(())
}

#[test]
fn facets_and_chips_change_the_filter() -> Result<()> {
    let harness = Harness::start()?;
    harness.open("")?;
    let browser = &harness.browser;
    browser.wait_for_papers(&SEED_IDS)?;
    let facet_labels = browser.execute(
        "return [...document.querySelectorAll('[data-testid=facet-categories] .facet__code')].map(e => e.textContent).slice(0, 2);",
        json!([]),
    )?;
    assert_eq!(facet_labels, json!(["cs.OS", "cs.DC"]));
    browser.click("[data-testid=facet-categories] li:nth-child(2) button")?;
    browser.wait_for_paper_count(6, Duration::from_secs(10))?;
    assert_eq!(browser.query()?, "?cat=cs.DC");
    browser.click(".chip__remove")?;
    browser.wait_for_papers(&SEED_IDS)?;
    assert_eq!(browser.query()?, "");
    Ok(())
}

#[test]
fn malformed_parameters_show_a_notice_and_the_full_list() -> Result<()> {
    let harness = Harness::start()?;
    harness.open("?from=2026-13-01&sort=bogus&utm_source=mail")?;
    let browser = &harness.browser;
    browser.wait_for_papers(&SEED_IDS)?;
    let notice = browser.execute(
        "const n = document.querySelector('[data-testid=url-notice]'); return n && [n.getAttribute('role'), n.textContent];",
        json!([]),
    )?;
    let role = notice[0].as_str().unwrap_or_default();
    let text = notice[1].as_str().unwrap_or_default();
    assert_eq!(role, "status");
    assert!(
        text.contains("“from” value “2026-13-01” is not a date"),
        "{text}"
    );
    assert!(text.contains("“sort” value “bogus”"), "{text}");
    assert!(text.contains("“utm_source”"), "{text}");
    assert!(browser.console_errors()?.is_empty());
    Ok(())
}

#[test]
fn empty_result_explains_and_offers_to_clear() -> Result<()> {
    let harness = Harness::start()?;
    harness.open("?q=no-such-paper-anywhere")?;
    let browser = &harness.browser;
    browser.wait_for_papers(&[])?;
    assert_eq!(
        harness.text_of("[data-testid=result-count]")?,
        "0 of 15 papers"
    );
    browser.click(".empty-result .link-button")?;
    browser.wait_for_papers(&SEED_IDS)?;
    Ok(())
}

#[test]
fn dragging_across_the_timeline_sets_the_date_range() -> Result<()> {
    let harness = Harness::start()?;
    harness.open("")?;
    let browser = &harness.browser;
    browser.wait_for_papers(&SEED_IDS)?;
    let bars = browser.execute(
        "return document.querySelectorAll('[data-testid=timeline] .timeline__bin').length;",
        json!([]),
    )?;
    // Published dates run from 4 Feb to 9 Apr 2026: one bar a day.
    assert_eq!(bars, json!(65));
    browser.execute(
        "const svg = document.querySelector('[data-testid=timeline] svg');
         const r = svg.getBoundingClientRect();
         const x = bin => r.left + (bin + 0.5) / 65 * r.width;
         const y = r.top + r.height / 2;
         const fire = (type, bin) => svg.dispatchEvent(new PointerEvent(type, {clientX: x(bin), clientY: y, bubbles: true}));
         fire('pointerdown', 56); fire('pointermove', 60); fire('pointerup', 64);",
        json!([]),
    )?;
    browser.wait_until(
        "a date range from the brush",
        "return location.search === '?from=2026-04-01&to=2026-04-09';",
        Duration::from_secs(10),
    )?;
    browser.wait_for_papers(&[
        "2604.07839",
        "2604.05505",
        "2604.07609",
        "2604.06970",
        "2604.05091",
        "2604.02442",
        "2604.01655",
        "2604.01620",
        "2604.01441",
    ])?;
    Ok(())
}

#[test]
fn checkboxes_set_flags_and_matching_options() -> Result<()> {
    let harness = Harness::start()?;
    harness.open("")?;
    let browser = &harness.browser;
    browser.wait_for_papers(&SEED_IDS)?;
    browser.click("[data-testid=filters-toggle]")?;
    browser.execute(
        "[...document.querySelectorAll('.check')].find(l => l.textContent === 'Revised').querySelector('input').click();",
        json!([]),
    )?;
    browser.wait_until(
        "revised papers only",
        "return location.search === '?flag=revised' && document.querySelectorAll('[data-paper-id]').length === 5;",
        Duration::from_secs(10),
    )?;
    browser.execute(
        "[...document.querySelectorAll('.check')].find(l => l.textContent.startsWith('Match authors by initials')).querySelector('input').click();",
        json!([]),
    )?;
    browser.wait_until(
        "loose matching in the link",
        "return location.search === '?loose=1&flag=revised';",
        Duration::from_secs(10),
    )?;
    Ok(())
}
