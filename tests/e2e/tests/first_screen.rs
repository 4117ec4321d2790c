//! The first screen written into the page at build time: papers painted before the app's
//! module has arrived, the same ones the app then shows in the same places, and nothing of it
//! left once the app runs; a link to a view says it is opening instead; a start that fails or
//! stalls is said on it, with a way to reload.

use std::path::PathBuf;
use std::time::Duration;

use e2e::{copy_site, Engine, Harness, Result, Viewport, SEED_IDS};
use serde_json::{json, Value};

const WAIT: Duration = Duration::from_secs(20);

/// Records the first screen as the parsed document has it, before the app's module has run:
/// whether its papers or its "opening" line show, the titles, and where the first titles are.
const RECORD: &str = "document.addEventListener('DOMContentLoaded', () => {
  const screen = document.getElementById('first-screen');
  if (!screen) { window.__firstScreen = null; return; }
  const shows = (e) => !!e && getComputedStyle(e).display !== 'none';
  const titles = [...screen.querySelectorAll('.paper__title')];
  window.__firstScreen = {
    papers: shows(screen.querySelector('.first-screen__page')),
    opening: shows(screen.querySelector('.first-screen__opening')),
    titles: titles.map((t) => t.textContent.trim()),
    places: titles.slice(0, 3).map((t) => { const r = t.getBoundingClientRect(); return [r.left, r.top, r.width]; }),
    app: document.querySelectorAll('[data-paper-id]').length,
  };
});";

fn recorded(harness: &Harness) -> Result<Value> {
    harness
        .browser
        .execute("return window.__firstScreen || null;", json!([]))
}

/// Where the app draws its first titles, as [`RECORD`] measures the first screen's.
fn app_places(harness: &Harness) -> Result<Vec<Vec<f64>>> {
    let places = harness.browser.execute(
        "return [...document.querySelectorAll('[data-paper-id] .paper__title')].slice(0, 3)
            .map((t) => { const r = t.getBoundingClientRect(); return [r.left, r.top, r.width]; });",
        json!([]),
    )?;
    Ok(serde_json::from_value(places)?)
}

fn check_in_place(viewport: Viewport) -> Result<()> {
    let harness = Harness::start_at(viewport)?;
    harness.run_before_every_page(RECORD)?;
    harness.open_fresh("")?;
    harness.browser.wait_for_papers(&SEED_IDS)?;
    let screen = recorded(&harness)?;
    assert_eq!(screen["papers"], json!(true), "{screen}");
    assert_eq!(screen["opening"], json!(false), "{screen}");
    assert_eq!(
        screen["app"],
        json!(0),
        "the app had not drawn yet: {screen}"
    );
    // The same papers in the same order as the app's rows.
    let titles: Vec<String> = serde_json::from_value(screen["titles"].clone())?;
    let app_titles: Vec<String> = serde_json::from_value(harness.browser.execute(
        "return [...document.querySelectorAll('[data-paper-id] .paper__title')].map((t) => t.textContent.trim());",
        json!([]),
    )?)?;
    assert_eq!(titles.len(), 12);
    assert_eq!(titles[..], app_titles[..12]);
    // And in the same places: the app takes over without the page jumping.
    let before: Vec<Vec<f64>> = serde_json::from_value(screen["places"].clone())?;
    let after = app_places(&harness)?;
    for (row, (was, is)) in before.iter().zip(&after).enumerate() {
        assert!(
            (was[0] - is[0]).abs() <= 2.0
                && (was[1] - is[1]).abs() <= 12.0
                && (was[2] - is[2]).abs() <= 40.0,
            "row {row} moved from {was:?} to {is:?} at {viewport:?}"
        );
    }
    // Nothing of it is left.
    let left = harness.browser.execute(
        "return document.querySelectorAll('#first-screen, [data-testid=first-screen]').length;",
        json!([]),
    )?;
    assert_eq!(left, json!(0));
    assert!(harness.browser.console_errors()?.is_empty());
    Ok(())
}

#[test]
fn the_first_screen_shows_the_papers_the_app_then_shows_in_place() -> Result<()> {
    check_in_place(Viewport::DEFAULT)?;
    check_in_place(Viewport::LAPTOP)
}

#[test]
fn the_first_screen_on_a_phone_is_the_apps_too() -> Result<()> {
    let harness = Harness::start()?;
    // Firefox and WebKit show a phone in a frame, where the recording runs in the frame.
    if !harness.runs_here(
        &[Engine::Firefox, Engine::Webkit],
        "a phone is shown in a frame there, and the first screen is measured in the top page",
    ) {
        return Ok(());
    }
    drop(harness);
    check_in_place(Viewport::PHONE)
}

#[test]
fn a_link_to_a_view_says_it_is_opening_instead_of_showing_other_papers() -> Result<()> {
    let harness = Harness::start()?;
    harness.run_before_every_page(RECORD)?;
    harness.open_fresh("?q=kernel")?;
    harness.browser.wait_until(
        "the app",
        "return !!document.querySelector('[data-testid=result-count]');",
        WAIT,
    )?;
    let screen = recorded(&harness)?;
    assert_eq!(screen["papers"], json!(false), "{screen}");
    assert_eq!(screen["opening"], json!(true), "{screen}");
    Ok(())
}

/// The first screen's titles (12 on the sample's) and whether the app has drawn any row.
fn first_screen_state(harness: &Harness) -> Result<Value> {
    harness.browser.execute(
        "const screen = document.getElementById('first-screen');
         return { titles: screen ? screen.querySelectorAll('.paper__title').length : 0,
                  app: document.querySelectorAll('[data-paper-id]').length };",
        json!([]),
    )
}

#[test]
fn a_module_that_cannot_load_is_said_with_a_way_to_reload_and_the_papers_stay() -> Result<()> {
    let built = PathBuf::from(std::env::var("E2E_SITE_DIR")?);
    let site = std::env::temp_dir().join(format!("explorer-no-module-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&site);
    copy_site(&built, &site)?;
    let mut removed = 0;
    for entry in std::fs::read_dir(&site)? {
        let path = entry?.path();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        if name.starts_with("arxiv-explorer-") && name.contains("_bg.wasm") {
            std::fs::remove_file(&path)?;
            removed += 1;
        }
    }
    assert!(removed > 0, "the built site has no module to remove");
    let harness = Harness::start_on(site.clone(), Viewport::DEFAULT)?;
    let outcome = (|| -> Result<()> {
        harness.browser.navigate(&harness.server.site_url())?;
        harness.browser.wait_until(
            "the first screen to say the app could not start",
            "const note = document.querySelector('[data-testid=start-failure]');
             return !!note && note.textContent.includes('could not start');",
            WAIT,
        )?;
        let note = harness.start_failure()?;
        assert!(
            note.starts_with("The explorer could not start: ") && note.ends_with(" Reload"),
            "{note}"
        );
        let reload = harness.browser.execute(
            "const a = document.querySelector('[data-testid=start-failure] a');
             return a ? [a.textContent, a.href === location.href, getComputedStyle(a.parentElement).display] : null;",
            json!([]),
        )?;
        assert_eq!(reload, json!(["Reload", true, "block"]));
        // The papers the page was built with stay readable.
        assert_eq!(
            first_screen_state(&harness)?,
            json!({ "titles": 12, "app": 0 })
        );
        Ok(())
    })();
    let _ = std::fs::remove_dir_all(&site);
    outcome
}

#[test]
fn a_start_that_stalls_says_so_after_a_while() -> Result<()> {
    let harness = Harness::start()?;
    // The module arrives but never starts, as on a connection that stalls midway.
    harness.run_before_every_page(
        "WebAssembly.instantiateStreaming = () => new Promise(() => {});
         WebAssembly.instantiate = () => new Promise(() => {});",
    )?;
    harness.browser.navigate(&harness.server.site_url())?;
    harness.browser.wait_until(
        "the first screen to say the start is slow",
        "const note = document.querySelector('[data-testid=start-failure]');
         return !!note && note.textContent.includes('longer than usual');",
        Duration::from_secs(40),
    )?;
    assert_eq!(
        harness.start_failure()?,
        "The explorer is taking longer than usual to start. Reload"
    );
    assert_eq!(
        first_screen_state(&harness)?,
        json!({ "titles": 12, "app": 0 })
    );
    Ok(())
}
