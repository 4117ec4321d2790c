//! Favourites with real local storage: stars survive reloads, reach other tabs, and damaged or
//! full storage costs nothing that was there.

use std::time::Duration;

use e2e::{Harness, Result};
use serde_json::json;

const KEY: &str = "arxiv-explorer:favourites";
const BACKUP: &str = "arxiv-explorer:favourites:unreadable-backup";
const WAIT: Duration = Duration::from_secs(10);

fn starred(harness: &Harness, id: &str) -> Result<bool> {
    let value = harness.browser.execute(
        "const b = document.querySelector(`[data-paper-id='${arguments[0]}'] [data-testid=fav-toggle]`); return b && b.getAttribute('aria-pressed');",
        json!([id]),
    )?;
    Ok(value == json!("true"))
}

fn stored(harness: &Harness, key: &str) -> Result<Option<String>> {
    let value = harness
        .browser
        .execute("return localStorage.getItem(arguments[0]);", json!([key]))?;
    Ok(value.as_str().map(str::to_string))
}

fn wait_starred(harness: &Harness, id: &str, on: bool) -> Result<()> {
    harness.browser.wait_until(
        &format!("{id} starred = {on}"),
        &format!(
            "const b = document.querySelector(\"[data-paper-id='{id}'] [data-testid=fav-toggle]\"); return !!b && b.getAttribute('aria-pressed') === '{on}';"
        ),
        WAIT,
    )
}

#[test]
fn a_star_survives_a_reload_and_shows_in_the_favourites_view() -> Result<()> {
    let harness = Harness::start()?;
    harness.open_fresh("")?;
    assert!(!starred(&harness, "2603.25666")?);
    harness
        .browser
        .click("[data-paper-id='2603.25666'] [data-testid=fav-toggle]")?;
    wait_starred(&harness, "2603.25666", true)?;
    let saved = stored(&harness, KEY)?.unwrap_or_default();
    assert!(saved.starts_with("{\"schema\":1,"), "{saved}");
    assert!(saved.contains("\"2603.25666\""), "{saved}");

    harness.open("")?;
    wait_starred(&harness, "2603.25666", true)?;
    harness.browser.click("[data-testid=view-favourites]")?;
    harness.browser.wait_for_papers(&["2603.25666"])?;
    assert_eq!(harness.browser.query()?, "?view=favourites");
    harness
        .browser
        .screenshot(&Harness::screenshot_path("favourites-view"))?;
    assert!(harness.browser.console_errors()?.is_empty());
    Ok(())
}

#[test]
fn another_tab_sees_the_change_live() -> Result<()> {
    let harness = Harness::start()?;
    harness.open_fresh("")?;
    let first = harness.browser.current_tab()?;
    let second = harness.browser.new_tab()?;
    harness.browser.switch_to(&second)?;
    harness.open("")?;
    harness.browser.switch_to(&first)?;
    harness
        .browser
        .click("[data-paper-id='2604.07609'] [data-testid=fav-toggle]")?;
    wait_starred(&harness, "2604.07609", true)?;
    harness.browser.switch_to(&second)?;
    wait_starred(&harness, "2604.07609", true)?;
    // Both tabs star different papers: neither is lost.
    harness
        .browser
        .click("[data-paper-id='2603.25666'] [data-testid=fav-toggle]")?;
    wait_starred(&harness, "2603.25666", true)?;
    harness.browser.switch_to(&first)?;
    wait_starred(&harness, "2603.25666", true)?;
    wait_starred(&harness, "2604.07609", true)?;
    Ok(())
}

#[test]
fn unreadable_storage_is_backed_up_and_reported() -> Result<()> {
    let harness = Harness::start()?;
    harness.open("")?;
    harness.browser.execute(
        "localStorage.clear(); localStorage.setItem(arguments[0], '{\"schema\":1, broken');",
        json!([KEY]),
    )?;
    harness.open("")?;
    harness.browser.wait_until(
        "the favourites alert",
        "const a = document.querySelector('[data-testid=favourites-alert]'); return !!a && a.getAttribute('role') === 'alert';",
        WAIT,
    )?;
    let text = harness.browser.execute(
        "return document.querySelector('[data-testid=favourites-alert]').textContent;",
        json!([]),
    )?;
    assert!(text.as_str().unwrap_or_default().contains(BACKUP), "{text}");
    assert_eq!(
        stored(&harness, BACKUP)?.as_deref(),
        Some("{\"schema\":1, broken")
    );
    // The page still works, and new stars are saved without touching the backup.
    harness
        .browser
        .click("[data-paper-id='2603.25666'] [data-testid=fav-toggle]")?;
    wait_starred(&harness, "2603.25666", true)?;
    assert!(stored(&harness, KEY)?
        .unwrap_or_default()
        .contains("2603.25666"));
    assert_eq!(
        stored(&harness, BACKUP)?.as_deref(),
        Some("{\"schema\":1, broken")
    );
    Ok(())
}

#[test]
fn full_storage_keeps_favourites_in_memory_and_says_so() -> Result<()> {
    let harness = Harness::start()?;
    harness.open_fresh("")?;
    // Fill the origin's quota.
    harness.browser.execute(
        "let chunk = 'x'.repeat(512 * 1024); let i = 0;
         try { for (;;) { localStorage.setItem('filler-' + i++, chunk); } } catch (e) {}
         chunk = 'x'.repeat(1024);
         try { for (;;) { localStorage.setItem('filler-' + i++, chunk); } } catch (e) {}",
        json!([]),
    )?;
    harness
        .browser
        .click("[data-paper-id='2603.25666'] [data-testid=fav-toggle]")?;
    wait_starred(&harness, "2603.25666", true)?;
    harness.browser.wait_until(
        "the storage-full alert",
        "const a = document.querySelector('[data-testid=favourites-alert]'); return !!a && a.textContent.includes('full');",
        WAIT,
    )?;
    harness
        .browser
        .execute("localStorage.clear();", json!([]))?;
    Ok(())
}

#[test]
fn favourites_view_works_for_papers_not_in_the_feed() -> Result<()> {
    let harness = Harness::start()?;
    harness.open("")?;
    let library = json!({
        "schema": 1,
        "favourites": {
            "hep-th/9901001": {
                "paper": {
                    "id": "hep-th/9901001",
                    "version": 2,
                    "title": "A paper from another feed",
                    "authors": [{"name": "Ana Šimić", "affiliations": []}],
                    "published": "1999-01-04T00:00:00Z",
                    "primary_category": "hep-th",
                    "categories": ["hep-th"],
                    "abs_url": "javascript:alert(1)"
                },
                "added": 1, "modified": 1, "note": "", "tags": ["classic"]
            },
            "2603.25666": {
                "paper": {"id": "2603.25666", "version": 1, "title": "Untagged favourite"},
                "added": 2, "modified": 2
            }
        }
    });
    harness.browser.execute(
        "localStorage.clear(); localStorage.setItem(arguments[0], arguments[1]);",
        json!([KEY, library.to_string()]),
    )?;
    harness.open("?view=favourites&tag=classic")?;
    harness.browser.wait_for_papers(&["hep-th/9901001"])?;
    let row = harness.browser.execute(
        "const r = document.querySelector('[data-paper-id]');
         return [r.querySelector('h2').textContent, [...document.querySelectorAll('a')].some(a => a.href.startsWith('javascript:'))];",
        json!([]),
    )?;
    assert_eq!(row, json!(["A paper from another feed", false]));
    Ok(())
}

#[test]
fn importing_a_bibtex_file_reports_what_changed() -> Result<()> {
    let harness = Harness::start()?;
    harness.open_fresh("?view=favourites")?;
    let file = std::env::temp_dir().join(format!("import-{}.bib", std::process::id()));
    std::fs::write(
        &file,
        "@misc{a, title={Experimental Analysis}, author={Mannella, Luca}, year={2026}, eprint={2603.25666v1}}\n@book{b, title={Not on arXiv}}\n",
    )?;
    harness.browser.choose_file("#favourites-import", &file)?;
    harness.browser.wait_for_papers(&["2603.25666"])?;
    harness.browser.wait_until(
        "the import report",
        "return [...document.querySelectorAll('.share-status')].some(s => s.textContent.includes('1 added'));",
        WAIT,
    )?;
    let _ = std::fs::remove_file(file);
    Ok(())
}

#[test]
fn keyboard_star_then_note_and_tags_in_the_detail_panel() -> Result<()> {
    let harness = Harness::start()?;
    harness.open_fresh("")?;
    harness.press("j")?;
    harness.press("f")?;
    wait_starred(&harness, "2604.07839", true)?;
    harness.press("Enter")?;
    harness.browser.wait_until(
        "the note field of the starred paper",
        "return !!document.querySelector('#favourite-tags');",
        WAIT,
    )?;
    harness
        .browser
        .type_text("#favourite-tags", "privacy, to read")?;
    harness
        .browser
        .type_text("#favourite-note", "Compare with FIDO2.")?;
    // Leaving the field commits it.
    harness.browser.click("#detail-title")?;
    harness.browser.wait_until(
        "tags and note saved",
        &format!("const v = localStorage.getItem('{KEY}') || ''; return v.includes('\"to read\"') && v.includes('Compare with FIDO2.');"),
        WAIT,
    )?;
    // The row says what was written, in the feed and in the favourites view; other rows
    // say nothing.
    let yours = "const row = document.querySelector(\"[data-paper-id='2604.07839']\");
         const tags = [...row.querySelectorAll('[data-testid=paper-tag]')].map(e => e.textContent);
         const note = row.querySelector('[data-testid=paper-note]');
         return tags.join('|') === 'privacy|to read' && !!note && note.textContent === 'Compare with FIDO2.'
           && document.querySelectorAll('[data-testid=paper-yours]').length === 1;";
    harness
        .browser
        .wait_until("the row's tags and note", yours, WAIT)?;
    harness.open("?view=favourites")?;
    harness.browser.wait_until(
        "the tag facet",
        "return [...document.querySelectorAll('[data-testid=facet-tags] .facet__label')].map(e => e.textContent).join('|') === 'privacy|to read';",
        WAIT,
    )?;
    harness.browser.wait_until(
        "the row's tags and note in the favourites view",
        yours,
        WAIT,
    )?;
    // A tag on a row narrows the feed to the favourites that carry it.
    harness.open("")?;
    harness
        .browser
        .wait_until("the row's tags and note", yours, WAIT)?;
    harness
        .browser
        .click("[data-paper-id='2604.07839'] [data-testid=paper-tag]")?;
    harness.browser.wait_until(
        "the list of papers tagged privacy",
        "return location.search === '?tag=privacy'
           && document.querySelectorAll('[data-paper-id]').length === 1;",
        WAIT,
    )?;
    assert_eq!(harness.browser.paper_ids()?, ["2604.07839"]);
    Ok(())
}

#[test]
fn refused_storage_keeps_favourites_in_memory_and_says_so() -> Result<()> {
    let harness = Harness::start()?;
    harness.run_before_every_page(
        "Object.defineProperty(window, 'localStorage', { get() { throw new DOMException('The operation is insecure.', 'SecurityError'); } });",
    )?;
    harness.open("")?;
    harness.browser.wait_until(
        "the storage alert",
        "const a = document.querySelector('[data-testid=favourites-alert]'); return !!a && a.textContent.includes('does not let the page save data');",
        WAIT,
    )?;
    harness
        .browser
        .click("[data-paper-id='2603.25666'] [data-testid=fav-toggle]")?;
    wait_starred(&harness, "2603.25666", true)?;
    harness.browser.click("[data-testid=view-favourites]")?;
    harness.browser.wait_for_papers(&["2603.25666"])?;
    Ok(())
}

#[test]
fn a_link_to_the_favourites_names_them_by_id() -> Result<()> {
    let harness = Harness::start()?;
    harness.open_fresh("")?;
    harness
        .browser
        .click("[data-paper-id='2603.25666'] [data-testid=fav-toggle]")?;
    harness
        .browser
        .click("[data-paper-id='2604.07609'] [data-testid=fav-toggle]")?;
    wait_starred(&harness, "2604.07609", true)?;
    harness.browser.click("[data-testid=view-favourites]")?;
    harness.browser.click("[data-testid=favourites-share]")?;
    harness.browser.wait_until(
        "the link",
        "return !!document.querySelector('[data-testid=favourites-link]');",
        WAIT,
    )?;
    let link = harness.browser.execute(
        "return document.querySelector('[data-testid=favourites-link]').value;",
        json!([]),
    )?;
    let link = link.as_str().unwrap_or_default().to_string();
    assert!(
        link.ends_with("/explorer/?feed=https://export.arxiv.org/api/query%3Fid_list%3D2603.25666,2604.07609%26max_results%3D2"),
        "{link}"
    );
    // Opening it asks arXiv for those ids, like any `feed=` link (the sources tests cover
    // that path against local servers; tests never contact arXiv itself).
    Ok(())
}
