//! The co-author map in a real browser: it draws, its counts match, selecting sets `gauthor`
//! and lists papers, "Filter to this author" narrows the explorer, back restores.

use std::path::PathBuf;
use std::time::Duration;

use e2e::{Harness, Result, Viewport};
use serde_json::{json, Value};

#[path = "common/networkx.rs"]
mod networkx;

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
    let labels = map_numbers(&harness)?;
    assert!(labels["labels"].as_u64() > Some(0), "{labels}");
    assert_eq!(labels["overlaps"], json!(0));
    assert!(legend_entries(&harness)? >= 3);
    harness.browser.wait_patiently(
        "the layout to settle",
        "return document.querySelector('[data-testid=author-graph]').dataset.layout === 'still';",
        Duration::from_secs(60),
    )?;
    harness.browser.screenshot(&harness.shot("map-embedded"))?;
    // A new window size is drawn at that size, not stretched.
    let before = harness.browser.execute(
        "return document.querySelector('[data-testid=author-graph]').clientWidth;",
        json!([]),
    )?;
    harness.browser.set_viewport(Viewport::LAPTOP)?;
    harness.browser.wait_until(
        "the map drawn at the new size",
        &format!(
            "const c = document.querySelector('[data-testid=author-graph]');
             return c.clientWidth !== {before} && c.width === Math.round(c.clientWidth * devicePixelRatio);"
        ),
        WAIT,
    )?;
    // The largest component alone: its 8 authors, and the switch is in the link.
    harness.browser.execute(
        "[...document.querySelectorAll('label.check')].find(l => l.textContent.includes('Largest component only')).querySelector('input').click();",
        json!([]),
    )?;
    harness.browser.wait_until(
        "the largest component alone",
        "const c = document.querySelector('[data-testid=author-graph]'); return location.search === '?view=graph&gmain=1' && !!c && c.dataset.nodeCount === '8';",
        WAIT,
    )?;
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

/// What the canvas reports: labels drawn, overlapping pairs among them, clusters.
fn map_numbers(harness: &Harness) -> Result<Value> {
    harness.browser.wait_until(
        "labels on the map",
        "const c = document.querySelector('[data-testid=author-graph]'); return !!c && Number(c.dataset.labelCount) > 0;",
        WAIT,
    )?;
    harness.browser.execute(
        "const c = document.querySelector('[data-testid=author-graph]');
         return { labels: Number(c.dataset.labelCount), overlaps: Number(c.dataset.labelOverlaps), clusters: Number(c.dataset.clusterCount), nodes: Number(c.dataset.nodeCount) };",
        json!([]),
    )
}

fn legend_entries(harness: &Harness) -> Result<u64> {
    let value = harness.browser.execute(
        "return document.querySelectorAll('[data-testid=cluster-legend-entry]').length;",
        json!([]),
    )?;
    Ok(value.as_u64().unwrap_or(0))
}

/// Keeps what the page offers for download (the text of every Blob it makes a URL for) in
/// `window.__downloads`, and stops the download itself.
const DOWNLOAD_TRAP: &str = "window.__downloads = [];
const createObjectURL = URL.createObjectURL;
URL.createObjectURL = function (blob) {
  if (blob instanceof Blob) { blob.text().then((text) => window.__downloads.push(text)); }
  return createObjectURL.apply(this, arguments);
};
const anchorClick = HTMLAnchorElement.prototype.click;
window.__dataUrls = [];
HTMLAnchorElement.prototype.click = function () {
  if (!this.download) { anchorClick.call(this); return; }
  if (this.href.startsWith('data:')) { window.__dataUrls.push(this.href); }
};";

/// The 2,000-paper feed `cargo xtask test` generates for this test.
fn graph_feed() -> Option<PathBuf> {
    let path = PathBuf::from(std::env::var_os("E2E_GRAPH_FEED")?);
    path.is_file().then_some(path)
}

#[test]
fn a_large_map_has_named_coloured_clusters_that_filter_the_list() -> Result<()> {
    let Some(feed) = graph_feed() else {
        eprintln!("skipped: E2E_GRAPH_FEED names no generated feed (cargo xtask test makes one)");
        return Ok(());
    };
    let harness = Harness::start()?;
    harness.run_before_every_page(DOWNLOAD_TRAP)?;
    harness.open_fresh("?view=graph")?;
    harness.browser.choose_file("#source-file", &feed)?;
    harness.browser.wait_until(
        "the map of the generated feed",
        "const c = document.querySelector('[data-testid=author-graph]'); return !!c && Number(c.dataset.nodeCount) > 400;",
        Duration::from_secs(60),
    )?;
    let numbers = map_numbers(&harness)?;
    assert_eq!(numbers["overlaps"], json!(0), "{numbers}");
    assert!(numbers["clusters"].as_u64() > Some(20), "{numbers}");

    // A legend of the largest clusters, each named and sized, each its own colour.
    let legend = harness.browser.execute(
        "return [...document.querySelectorAll('[data-testid=cluster-legend-entry]')].map(e => [
             e.querySelector('.facet__label').textContent.trim(),
             e.querySelector('.facet__count').textContent.trim(),
             getComputedStyle(e.querySelector('.cluster-swatch')).backgroundColor]);",
        json!([]),
    )?;
    let legend = legend.as_array().ok_or("legend entries")?.clone();
    assert!(legend.len() >= 5, "{legend:?}");
    let mut colours: Vec<String> = legend.iter().map(|e| e[2].to_string()).collect();
    colours.sort();
    colours.dedup();
    assert_eq!(colours.len(), legend.len(), "{legend:?}");
    for entry in &legend {
        assert!(!entry[0].as_str().unwrap_or("").is_empty(), "{entry}");
        assert!(
            entry[1].as_str().unwrap_or("").ends_with(" authors"),
            "{entry}"
        );
    }

    // The canvas shows the clusters' colours: several saturated hues, not one blue.
    let hues = harness.browser.execute(
        "const c = document.querySelector('[data-testid=author-graph]');
         const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
         const buckets = new Map();
         for (let i = 0; i < d.length; i += 4) {
           const [r, g, b] = [d[i], d[i + 1], d[i + 2]];
           if (Math.max(r, g, b) - Math.min(r, g, b) < 50) continue;
           const key = (r >> 5) * 64 + (g >> 5) * 8 + (b >> 5);
           buckets.set(key, (buckets.get(key) || 0) + 1);
         }
         return [...buckets.values()].filter(n => n > 40).length;",
        json!([]),
    )?;
    assert!(hues.as_u64() >= Some(4), "{hues} hues");
    harness.browser.screenshot(&harness.shot("map-2000"))?;

    // The GEXF export carries the clusters; they are as good as networkx's Louvain.
    harness.browser.click("[data-testid=graph-export-gexf]")?;
    harness.browser.wait_until(
        "the GEXF download",
        "return window.__downloads.length > 0;",
        WAIT,
    )?;
    let gexf = harness
        .browser
        .execute("return window.__downloads[0];", json!([]))?;
    let gexf = gexf.as_str().ok_or("GEXF text")?;
    assert!(gexf.contains("cluster"), "no clusters in the export");
    let path =
        Harness::screenshot_path(&format!("map-2000-{}", harness.engine())).with_extension("gexf");
    std::fs::write(&path, gexf)?;
    match networkx::python() {
        Ok(python) => {
            let (exported, reference) = networkx::modularities(&python, &path)?;
            eprintln!("modularity: exported {exported:.4}, networkx Louvain {reference:.4}");
            assert!(
                exported >= 0.95 * reference,
                "exported clusters reach {exported:.4}, networkx {reference:.4}"
            );
        }
        Err(why) => eprintln!("skipped the networkx comparison: {why}"),
    }

    // The PNG export is the map as drawn with the legend over its corner: the first entry's
    // swatch has the first cluster's colour.
    harness.browser.click("[data-testid=graph-export-png]")?;
    harness.browser.execute(
        "const wait = () => {
           if (!window.__dataUrls.length) { setTimeout(wait, 50); return; }
           const img = new Image();
           img.onload = () => {
             const c = document.createElement('canvas');
             c.width = img.width; c.height = img.height;
             const x = c.getContext('2d');
             x.drawImage(img, 0, 0);
             const r = devicePixelRatio;
             window.__legendPixel = Array.from(x.getImageData(Math.round(22 * r), Math.round(23 * r), 1, 1).data);
           };
           img.src = window.__dataUrls[0];
         };
         wait();",
        json!([]),
    )?;
    harness.browser.wait_until(
        "the PNG export read back",
        "return !!window.__legendPixel;",
        WAIT,
    )?;
    let pixel = harness.browser.execute(
        "const swatch = getComputedStyle(document.querySelector('[data-testid=cluster-legend-entry] .cluster-swatch')).backgroundColor;
         return [window.__legendPixel, swatch.match(/\\d+/g).slice(0, 3).map(Number)];",
        json!([]),
    )?;
    let close = (0..3).all(|i| {
        let (a, b) = (pixel[0][i].as_i64(), pixel[1][i].as_i64());
        matches!((a, b), (Some(a), Some(b)) if (a - b).abs() <= 8)
    });
    assert!(close, "legend swatch in the PNG {pixel}");

    // A legend entry narrows the list to its cluster's papers, and says so in the link.
    let total = result_count(&harness)?;
    harness
        .browser
        .click("[data-testid=cluster-legend-entry]")?;
    harness.browser.wait_until(
        "the cluster filter",
        "return location.search.includes('gcluster=') && !!document.querySelector('[data-testid=cluster-chip]');",
        WAIT,
    )?;
    let pressed = harness.browser.execute(
        "return document.querySelector('[data-testid=cluster-legend-entry]').getAttribute('aria-pressed');",
        json!([]),
    )?;
    assert_eq!(pressed, json!("true"));
    harness.browser.wait_until(
        "fewer papers",
        &format!("const t = document.querySelector('[data-testid=result-count]'); return !!t && Number(t.textContent.replace(/[^0-9 ]/g, '').trim().split(/ +/)[0]) < {total};"),
        WAIT,
    )?;
    let narrowed = result_count(&harness)?;
    assert!(narrowed > 0 && narrowed < total, "{narrowed} of {total}");
    // The map still shows everyone, with the others faded.
    let numbers = map_numbers(&harness)?;
    assert_eq!(numbers["overlaps"], json!(0));
    // Removing the chip widens the list again.
    harness
        .browser
        .click("[data-testid=cluster-chip] .chip__remove")?;
    harness.browser.wait_until(
        "the whole list",
        "return !location.search.includes('gcluster=');",
        WAIT,
    )?;

    // Typing narrows the map too: a map this large follows once typing pauses, not on every
    // keystroke, and then shows only the authors of the papers found.
    let everyone = map_numbers(&harness)?["nodes"]
        .as_u64()
        .ok_or("the map's node count")?;
    harness.browser.type_text("#search-input", "graph")?;
    harness.browser.wait_until(
        "the map to follow the search",
        &format!(
            "const c = document.querySelector('[data-testid=author-graph]');
             const n = Number(c.dataset.nodeCount);
             return n > 0 && n < {everyone};"
        ),
        WAIT,
    )?;
    assert!(result_count(&harness)? < total);
    assert!(harness.browser.console_errors()?.is_empty());
    Ok(())
}

/// The first number of the result count ("2,015 papers", "34 of 2,015 papers").
fn result_count(harness: &Harness) -> Result<u64> {
    let text = harness.text_of("[data-testid=result-count]")?;
    let digits: String = text
        .split_whitespace()
        .next()
        .unwrap_or("")
        .chars()
        .filter(char::is_ascii_digit)
        .collect();
    Ok(digits.parse()?)
}
