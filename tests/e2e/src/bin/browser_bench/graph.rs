//! The co-author map: opened empty, set up, then built from one file at once, and its layout
//! timed from a cold start until it settles.

use std::path::Path;
use std::time::Duration;

use e2e::Result;
use serde_json::{json, Value};

use crate::keys;
use crate::page::Page;
use crate::scripts::TYPE_TEXT;
use crate::{progress, Report};

/// `settings`: the map's `gmin` and "Min. joint papers".
pub fn graph_part(
    page: &Page,
    report: &Report,
    file: &Path,
    text: &str,
    (gmin, min_joint): (u32, u32),
) -> Result<()> {
    progress("graph: opening an empty co-author map");
    // The map's own settings (min. joint papers) live in the map and any change to the view
    // (filters, gmin) rebuilds the map with its defaults. Loading a file does not touch the
    // view: so the map is opened empty, set up, and the file loaded into it, which builds
    // the whole map at once and starts its layout cold.
    let mut query = "?view=graph".to_string();
    if gmin > 1 {
        query.push_str(&format!("&gmin={gmin}"));
    }
    page.open_filtered(&query)?;
    page.remove_sources()?;
    page.browser.wait_patiently(
        "the empty co-author map",
        "const canvas = document.querySelector('[data-testid=author-graph]');
         return !!canvas && canvas.dataset.nodeCount === '0';",
        Duration::from_secs(60),
    )?;
    if min_joint > 1 {
        page.browser
            .set_value("#graph-min-joint", &min_joint.to_string(), "change")?;
    }
    page.settle()?;
    page.execute(
        "performance.clearMeasures('graph:layout');
         performance.clearMeasures('graph:draw');
         performance.clearMeasures('graph:communities');
         window.__bench.layout.slices = [];
         return true;",
        json!([]),
    )?;
    progress(&format!(
        "graph: loading {} into the map and waiting for the layout to settle",
        file.display()
    ));
    let (papers, _) = page.load_file(file, Duration::from_secs(300), false)?;
    let opened = page
        .execute(
            "const parses = performance.getEntriesByName('feed:parse');
             const last = parses[parses.length - 1];
             return last.startTime + last.duration;",
            json!([]),
        )?
        .as_f64()
        .ok_or("no feed:parse measure for the graph's file")?;
    // Settled: the animation stops with the layout. Between two slices the page draws the
    // map, which can take long on a large one, so "quiet" is measured against those gaps.
    page.browser.wait_patiently(
        "the co-author layout to settle",
        "const slices = performance.getEntriesByName('graph:layout');
         if (!slices.length) return false;
         let gap = 0;
         for (let i = 1; i < slices.length; i += 1) {
           gap = Math.max(gap, slices[i].startTime - slices[i - 1].startTime - slices[i - 1].duration);
         }
         const last = slices[slices.length - 1];
         return window.__bench.now() - (last.startTime + last.duration) > Math.max(1500, 4 * gap);",
        Duration::from_secs(900),
    )?;
    let state = page.execute(
        "const canvas = document.querySelector('[data-testid=author-graph]');
         return {
           nodes: canvas ? Number(canvas.dataset.nodeCount) : null,
           edges: canvas ? Number(canvas.dataset.edgeCount) : null,
           slices: performance.getEntriesByName('graph:layout').map((m) => [m.startTime, m.duration]),
           draws: performance.getEntriesByName('graph:draw').map((m) => m.duration),
           communities: performance.getEntriesByName('graph:communities').map((m) => m.duration),
           clusters: canvas ? Number(canvas.dataset.clusterCount) : null,
           calls: window.__bench.layout.slices,
         };",
        json!([]),
    )?;
    let slices: Vec<(f64, f64)> = state["slices"]
        .as_array()
        .map(|list| {
            list.iter()
                .filter_map(|s| Some((s[0].as_f64()?, s[1].as_f64()?)))
                .collect()
        })
        .unwrap_or_default();
    let calls: Vec<u64> = state["calls"]
        .as_array()
        .map(|list| list.iter().filter_map(Value::as_u64).collect())
        .unwrap_or_default();
    let layout = LayoutRun::from_slices(&slices, &calls)?;
    let draws: Vec<f64> = state["draws"]
        .as_array()
        .map(|list| list.iter().filter_map(Value::as_f64).collect())
        .unwrap_or_default();
    report.samples(keys::graph::DRAW_MS, &draws);
    // The slowest detection is the one of the whole map (the others ran on the sample).
    let communities = state["communities"]
        .as_array()
        .and_then(|list| list.iter().filter_map(Value::as_f64).reduce(f64::max));
    if let Some(slowest) = communities {
        report.value(keys::graph::COMMUNITIES_MS, format!("{slowest:.3}"));
        report.value(
            keys::graph::CLUSTERS,
            state["clusters"].as_u64().unwrap_or(0),
        );
    }
    report.value(keys::graph::PAPERS, papers);
    report.value(keys::graph::GMIN, gmin);
    report.value(keys::graph::MIN_JOINT, min_joint);
    report.value(keys::graph::NODES, state["nodes"].as_u64().unwrap_or(0));
    report.value(keys::graph::EDGES, state["edges"].as_u64().unwrap_or(0));
    report.value(keys::graph::TICKS, layout.ticks);
    report.value(keys::graph::SLICES, layout.slices);
    report.value(keys::graph::LAYOUT_MS, format!("{:.3}", layout.busy_ms));
    report.value(keys::graph::SETTLE_MS, format!("{:.3}", layout.settle_ms));
    report.value(
        keys::graph::BUILD_MS,
        format!("{:.3}", layout.first_start - opened),
    );
    report.value(
        keys::graph::LONGEST_SLICE_MS,
        format!("{:.3}", layout.longest_ms),
    );
    typing_part(page, report, text)
}

/// Types into the search box with the settled map open: each keystroke to its painted frame,
/// then how long until the map has followed the last one.
fn typing_part(page: &Page, report: &Report, text: &str) -> Result<()> {
    progress(&format!(
        "graph: typing {text:?} with the map open, {} keystrokes",
        text.chars().count()
    ));
    let nodes_before = page.execute(
        "const canvas = document.querySelector('[data-testid=author-graph]');
         return canvas ? canvas.dataset.nodeCount : '';",
        json!([]),
    )?;
    let nodes_before = nodes_before.as_str().unwrap_or_default().to_string();
    let typed = page.run_async(
        "typing with the map open",
        TYPE_TEXT,
        json!([text]),
        Duration::from_secs(900),
    )?;
    let typed_at = page.now()?;
    let strokes = typed["keystrokes"].as_array().cloned().unwrap_or_default();
    let paint: Vec<f64> = strokes.iter().filter_map(|s| s["paint"].as_f64()).collect();
    report.value(keys::graph::KEYSTROKES, strokes.len());
    report.samples(keys::graph::KEYSTROKE_PAINT_MS, &paint);
    // The map follows the narrowed result once typing pauses: its node count changes.
    page.browser.wait_patiently(
        "the map to follow the typed search",
        &format!(
            "const canvas = document.querySelector('[data-testid=author-graph]');
             return !!canvas && canvas.dataset.nodeCount !== {};",
            json!(nodes_before)
        ),
        Duration::from_secs(60),
    )?;
    let at = page.now()?;
    report.value(keys::graph::MAP_FOLLOWS_MS, format!("{:.3}", at - typed_at));
    Ok(())
}

/// One layout run, from its `graph:layout` slices (one per animation frame).
#[derive(Debug, PartialEq)]
struct LayoutRun {
    slices: usize,
    ticks: u64,
    /// Time spent in layout slices.
    busy_ms: f64,
    /// From the start of the first slice to the end of the last.
    settle_ms: f64,
    first_start: f64,
    longest_ms: f64,
}

impl LayoutRun {
    /// `slices` are (start, duration) of each `graph:layout` measure; `calls` the clock reads
    /// inside each. The layout reads the clock once before a slice (outside the measure) and
    /// once after every tick that leaves it moving; the tick that settles it reads none. So a
    /// slice ran as many ticks as it read the clock, and the run one tick more in all.
    fn from_slices(slices: &[(f64, f64)], calls: &[u64]) -> Result<LayoutRun> {
        if slices.is_empty() {
            return Err("the layout recorded no graph:layout measure".into());
        }
        if slices.len() != calls.len() {
            return Err(format!(
                "{} graph:layout measures but {} pairs of layout marks were seen",
                slices.len(),
                calls.len()
            )
            .into());
        }
        let (first_start, _) = slices[0];
        let (last_start, last_duration) = slices[slices.len() - 1];
        Ok(LayoutRun {
            slices: slices.len(),
            ticks: calls.iter().sum::<u64>() + 1,
            busy_ms: slices.iter().map(|(_, d)| d).sum(),
            settle_ms: last_start + last_duration - first_start,
            first_start,
            longest_ms: slices.iter().map(|(_, d)| *d).fold(0.0, f64::max),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layout_ticks_come_from_clock_reads() {
        // Two slices of 3 moving ticks, then one moving tick and the settling one.
        let slices = [(100.0, 6.5), (116.7, 6.4), (133.4, 4.0)];
        let run = LayoutRun::from_slices(&slices, &[3, 3, 1]).expect("a run");
        assert_eq!(run.ticks, 3 + 3 + 2);
        assert_eq!(run.slices, 3);
        assert!((run.busy_ms - 16.9).abs() < 1e-9);
        assert!((run.settle_ms - 37.4).abs() < 1e-9);
        assert!((run.longest_ms - 6.5).abs() < 1e-9);
        assert_eq!(run.first_start, 100.0);
    }

    #[test]
    fn mismatched_marks_are_an_error() {
        assert!(LayoutRun::from_slices(&[], &[]).is_err());
        assert!(LayoutRun::from_slices(&[(0.0, 1.0)], &[]).is_err());
        assert_eq!(
            LayoutRun::from_slices(&[(0.0, 1.0)], &[0])
                .map(|r| r.ticks)
                .ok(),
            Some(1)
        );
    }
}
