//! The table sections of the browser part: each turns the figures of one part into rows
//! with the performance issue's budgets, or into nothing when the part was not measured.

use super::figures::{Figures, Samples};
use super::keys;
use super::transfer::Transfer;
use super::{Feed, Graph, Plan, PUBLIC_URL};
use crate::bench::table::{group, verdict, Row, Section, Unit};

/// Budgets from the performance issue.
const BUDGET_PARSE_MS: f64 = 40.0;
const BUDGET_VS_DOM_PARSER: f64 = 5.0;
const BUDGET_VS_WASM_SCAN: f64 = 2.0;
const BUDGET_FILTER_P95_MS: f64 = 5.0;
/// The compute budget is set for this many papers.
const FILTER_BUDGET_AT: usize = 30_000;
const BUDGET_INPUT_TO_PAINT_MS: f64 = 16.0;
const BUDGET_TICK_MS: f64 = 8.0;
/// Community detection of the map at 5,000 authors / 20,000 links, in wasm.
const BUDGET_COMMUNITIES_MS: f64 = 200.0;
const BUDGET_SETTLE_MS: f64 = 2_000.0;
/// The whole site, every file gzip -9: no larger than the 517 kB it was when the offline
/// work began (the first paint is budgeted on its own below).
const BUDGET_TRANSFER_BYTES: f64 = 517e3;
/// Slow 4G (150 ms round trip, 1.6 Mbit/s): the first paint of a cold visit, the bytes it
/// waits for, and the first paint of the next visit.
const BUDGET_SLOW_COLD_PAINT_MS: f64 = 1_500.0;
const BUDGET_SLOW_COLD_BYTES: f64 = 200e3;
const BUDGET_SLOW_WARM_PAINT_MS: f64 = 300.0;
const BUDGET_FIRST_PAINT_MS: f64 = 300.0;
const BUDGET_MEMORY_BYTES: f64 = 150e6;

fn budget_note(budget: &str, met: bool) -> String {
    format!("budget {budget}: {}", verdict(met))
}

fn ms(value: f64) -> String {
    Unit::Milliseconds.format(value)
}

/// "185 MB/s; fastest 17.6 ms of 11 loads": the median's throughput over `bytes`, and the
/// fastest of the samples.
fn speed_note(bytes: f64, samples: &Samples, what: &str) -> String {
    format!(
        "{}; fastest {} of {} {what}",
        Unit::MegabytesPerSecond.format(bytes / 1e3 / samples.median()),
        ms(samples.min()),
        samples.len()
    )
}

pub fn parse_section(plan: &Plan, figures: &Figures) -> Option<Section> {
    let wasm = figures.samples(keys::parse::WASM_MS)?;
    let bytes = figures.number(keys::parse::BYTES).unwrap_or(f64::NAN);
    let papers = figures.number(keys::parse::PAPERS).unwrap_or(f64::NAN);
    let mut rows = vec![Row::new(
        "parse_feed in wasm (feed:parse)",
        wasm.median(),
        Unit::Milliseconds,
        format!(
            "{}; {}",
            speed_note(bytes, &wasm, "loads"),
            budget_note(
                &format!("≤ {BUDGET_PARSE_MS} ms"),
                wasm.median() <= BUDGET_PARSE_MS
            )
        ),
    )];
    if let Some(scan) = figures.samples(keys::parse::SCAN_MS) {
        rows.push(Row::new(
            "raw quick-xml scan in wasm (floor)",
            scan.median(),
            Unit::Milliseconds,
            format!(
                "{}; tools/bench-scan, built like the app",
                speed_note(bytes, &scan, "runs")
            ),
        ));
        let slower = wasm.median() / scan.median();
        rows.push(Row::new(
            "parse_feed ÷ wasm scan",
            slower,
            Unit::Times,
            budget_note(
                &format!("≤ {BUDGET_VS_WASM_SCAN}×"),
                slower <= BUDGET_VS_WASM_SCAN,
            ),
        ));
    }
    if let Some(dom) = figures.samples(keys::parse::DOM_MS) {
        let entries = figures.number(keys::parse::DOM_ENTRIES).unwrap_or(f64::NAN);
        let authors = figures.number(keys::parse::DOM_AUTHORS).unwrap_or(f64::NAN);
        let mut note = format!(
            "{}; decode + parse + walk; {} entries, {} authors",
            speed_note(bytes, &dom, "runs"),
            group(entries as u64),
            group(authors as u64)
        );
        if entries != papers {
            note.push_str(&format!("; the app loaded {} papers", group(papers as u64)));
        }
        rows.push(Row::new(
            "DOMParser + JS extraction",
            dom.median(),
            Unit::Milliseconds,
            note,
        ));
        let ratio = dom.median() / wasm.median();
        rows.push(Row::new(
            "DOMParser path ÷ wasm",
            ratio,
            Unit::Times,
            budget_note(
                &format!("≥ {BUDGET_VS_DOM_PARSER}×"),
                ratio >= BUDGET_VS_DOM_PARSER,
            ),
        ));
    }
    Some(Section {
        title: format!(
            "browser: {} — {} entries, {:.1} MB, both parsers in one page (medians)",
            plan.parse.name,
            group(plan.parse.entries as u64),
            bytes / 1e6
        ),
        rows,
    })
}

pub fn filter_section(feed: &Feed, text: &str, figures: &Figures) -> Option<Section> {
    let key = |figure: &str| keys::filter::key(feed.entries, figure);
    let paint = figures.samples(&key(keys::filter::PAINT_MS))?;
    let papers = figures
        .number(&key(keys::filter::PAPERS))
        .unwrap_or(f64::NAN);
    let mut rows = Vec::new();
    if let Some(parse) = figures.number(&key(keys::filter::PARSE_MS)) {
        rows.push(Row::new(
            "load: feed:parse",
            parse,
            Unit::Milliseconds,
            "the whole file, once",
        ));
    }
    let with_budget = feed.entries == FILTER_BUDGET_AT;
    match figures.samples(&key(keys::filter::COMPUTE_MS)) {
        Some(compute) => {
            rows.push(Row::new(
                "filter:apply p50",
                compute.median(),
                Unit::Milliseconds,
                format!(
                    "{} keystrokes ran the filter; slowest {}",
                    compute.len(),
                    ms(compute.max())
                ),
            ));
            let p95 = compute.percentile(95.0);
            let note = if with_budget {
                budget_note(
                    &format!("≤ {BUDGET_FILTER_P95_MS} ms"),
                    p95 <= BUDGET_FILTER_P95_MS,
                )
            } else {
                format!(
                    "the {BUDGET_FILTER_P95_MS} ms budget is set for {} papers",
                    group(FILTER_BUDGET_AT as u64)
                )
            };
            rows.push(Row::new("filter:apply p95", p95, Unit::Milliseconds, note));
        }
        None => rows.push(Row::new(
            "filter:apply",
            f64::NAN,
            Unit::Milliseconds,
            "no keystroke ran the filter",
        )),
    }
    let late = figures
        .samples(&key(keys::filter::FRAMES))
        .map_or(0, |frames| {
            frames.values().iter().filter(|&&f| f > 1.0).count()
        });
    rows.push(Row::new(
        "input → painted frame p50",
        paint.median(),
        Unit::Milliseconds,
        format!(
            "keystroke at frame start → that frame rendered; slowest {}",
            ms(paint.max())
        ),
    ));
    if let Some(script) = figures.samples(&key(keys::filter::SCRIPT_MS)) {
        // Per keystroke, what the frame took beyond the script.
        let render = Samples::new(
            figures
                .list(&key(keys::filter::PAINT_MS))
                .iter()
                .zip(figures.list(&key(keys::filter::SCRIPT_MS)))
                .map(|(paint, script)| paint - script)
                .collect(),
        );
        rows.push(Row::new(
            "  of which script p50",
            script.median(),
            Unit::Milliseconds,
            format!(
                "input handler, filter, DOM updates; rendering (style, layout, paint) p50 {}",
                render.map_or_else(|| "—".to_string(), |r| ms(r.median()))
            ),
        ));
    }
    let p95 = paint.percentile(95.0);
    rows.push(Row::new(
        "input → painted frame p95",
        p95,
        Unit::Milliseconds,
        format!(
            "{}; {late} of {} keystrokes painted a frame later",
            budget_note(
                &format!("≤ {BUDGET_INPUT_TO_PAINT_MS} ms"),
                p95 <= BUDGET_INPUT_TO_PAINT_MS
            ),
            paint.len()
        ),
    ));
    if let Some(complete) = figures.samples(&key(keys::filter::COMPLETE_MS)) {
        // The list is redrawn a frame after the count and facets (it is deferred).
        rows.push(Row::new(
            "input → every change painted p50",
            complete.median(),
            Unit::Milliseconds,
            format!(
                "until a frame changes nothing more: the facets and the list follow a frame later; slowest {}",
                ms(complete.max())
            ),
        ));
        rows.push(Row::new(
            "input → every change painted p95",
            complete.percentile(95.0),
            Unit::Milliseconds,
            "no budget: the budget is for the keystroke's own frame",
        ));
    }
    let result = figures
        .text(&key(keys::filter::RESULT))
        .map(|r| format!(", ends at \"{r}\""))
        .unwrap_or_default();
    Some(Section {
        title: format!(
            "browser: filter as you type — {} papers, {} keystrokes of \"{text}\"{result}",
            group(papers as u64),
            paint.len()
        ),
        rows,
    })
}

pub fn memory_section(figures: &Figures) -> Option<Section> {
    let heap = figures.number(keys::memory::JS_HEAP_BYTES)?;
    let wasm = figures.number(keys::memory::WASM_BYTES)?;
    let papers = figures.number(keys::memory::PAPERS).unwrap_or(f64::NAN);
    let total = heap + wasm;
    Some(Section {
        title: format!(
            "browser: memory with {} papers loaded (MB = 10^6 bytes)",
            group(papers as u64)
        ),
        rows: vec![
            Row::new(
                "JS heap, after garbage collection",
                heap,
                Unit::Megabytes,
                match figures.number(keys::memory::DOM_HEAP_BYTES) {
                    Some(dom) => format!(
                        "V8 heap (Runtime.getHeapUsage); the DOM's own heap, not summed: {}",
                        Unit::Megabytes.format(dom)
                    ),
                    None => "V8 heap (Runtime.getHeapUsage)".to_string(),
                },
            ),
            Row::new(
                "wasm linear memory",
                wasm,
                Unit::Megabytes,
                "never shrinks: the peak of loading included",
            ),
            Row::new(
                "JS heap + wasm memory",
                total,
                Unit::Megabytes,
                budget_note(
                    &format!("≤ {:.0} MB", BUDGET_MEMORY_BYTES / 1e6),
                    total <= BUDGET_MEMORY_BYTES,
                ),
            ),
        ],
    })
}

pub fn graph_section(graph: &Graph, figures: &Figures) -> Option<Section> {
    let ticks = figures.number(keys::graph::TICKS)?;
    let busy = figures.number(keys::graph::LAYOUT_MS)?;
    let settle = figures.number(keys::graph::SETTLE_MS)?;
    let slices = figures.number(keys::graph::SLICES).unwrap_or(f64::NAN);
    let nodes = figures.number(keys::graph::NODES).unwrap_or(f64::NAN);
    let edges = figures.number(keys::graph::EDGES).unwrap_or(f64::NAN);
    let per_tick = busy / ticks.max(1.0);
    let mut rows = vec![
        Row::new(
            "layout ms per tick",
            per_tick,
            Unit::Milliseconds,
            format!(
                "{} ticks in {} frames, longest frame slice {}; {}",
                group(ticks as u64),
                group(slices as u64),
                ms(figures.number(keys::graph::LONGEST_SLICE_MS).unwrap_or(f64::NAN)),
                budget_note(
                    &format!("≤ {BUDGET_TICK_MS} ms"),
                    per_tick <= BUDGET_TICK_MS
                )
            ),
        ),
        Row::new(
            "layout settled after",
            settle,
            Unit::Milliseconds,
            format!(
                "first slice → last, a frame every {} on average; {} of it in layout slices, the rest drawing and the rest of each frame; {}",
                ms(settle / slices.max(1.0)),
                ms(busy),
                budget_note(
                    &format!("≤ {} ms", group(BUDGET_SETTLE_MS as u64)),
                    settle <= BUDGET_SETTLE_MS
                )
            ),
        ),
    ];
    if let Some(draws) = figures.samples(keys::graph::DRAW_MS) {
        rows.push(Row::new(
            "drawing the map p50",
            draws.median(),
            Unit::Milliseconds,
            format!(
                "{} draws while it settled (at most a quarter of the time); slowest {}",
                draws.len(),
                ms(draws.max())
            ),
        ));
    }
    if let Some(clustering) = figures.number(keys::graph::COMMUNITIES_MS) {
        rows.push(Row::new(
            "communities (Leiden) of the map",
            clustering,
            Unit::Milliseconds,
            format!(
                "{} clusters, in wasm on the main thread; {}",
                group(figures.number(keys::graph::CLUSTERS).unwrap_or(0.0) as u64),
                budget_note(
                    &format!("≤ {BUDGET_COMMUNITIES_MS} ms"),
                    clustering <= BUDGET_COMMUNITIES_MS
                )
            ),
        ));
    }
    if let Some(paint) = figures.samples(keys::graph::KEYSTROKE_PAINT_MS) {
        let p95 = paint.percentile(95.0);
        rows.push(Row::new(
            "with the map open: input → painted frame p95",
            p95,
            Unit::Milliseconds,
            format!(
                "{} keystrokes into the search box, p50 {}, slowest {}; {}",
                paint.len(),
                ms(paint.median()),
                ms(paint.max()),
                budget_note(
                    &format!("≤ {BUDGET_INPUT_TO_PAINT_MS} ms"),
                    p95 <= BUDGET_INPUT_TO_PAINT_MS
                )
            ),
        ));
    }
    if let Some(follows) = figures.number(keys::graph::MAP_FOLLOWS_MS) {
        rows.push(Row::new(
            "the map follows the last keystroke after",
            follows,
            Unit::Milliseconds,
            "a large map waits for typing to pause (250 ms), then is built again (polled every 100 ms)",
        ));
    }
    if let Some(build) = figures.number(keys::graph::BUILD_MS) {
        rows.push(Row::new(
            "feed parsed → first layout slice",
            build,
            Unit::Milliseconds,
            "merge, index, filter and map built, first drawing",
        ));
    }
    Some(Section {
        title: format!(
            "browser: co-author map — {} authors, {} links ({} papers, min. joint papers {}), cold start",
            group(nodes as u64),
            group(edges as u64),
            group(graph.feed.entries as u64),
            graph.min_joint
        ),
        rows,
    })
}

pub fn site_section(transfer: &Transfer, figures: &Figures) -> Section {
    let mut rows = vec![Row::new(
        "transfer size, gzip (best) of every file",
        transfer.gzipped as f64,
        Unit::Kilobytes,
        format!(
            "{} files, {} uncompressed, the wasm {} of it; {}",
            transfer.files,
            Unit::Kilobytes.format(transfer.raw as f64),
            Unit::Kilobytes.format(transfer.wasm_gzipped as f64),
            budget_note(
                &format!("≤ {:.0} kB", BUDGET_TRANSFER_BYTES / 1e3),
                (transfer.gzipped as f64) <= BUDGET_TRANSFER_BYTES
            )
        ),
    )];
    rows.push(Row::new(
        "what the explorer starts from: its module and script, gzip",
        transfer.main_gzipped as f64,
        Unit::Kilobytes,
        "the first paint waits for none of it (the page's first screen is in index.html)",
    ));
    rows.push(Row::new(
        "parts fetched when first needed, gzip",
        transfer.parts_gzipped as f64,
        Unit::Kilobytes,
        "formulas, the co-author map, the query builder, the importer, and their loader",
    ));
    rows.push(Row::new(
        "transfer size, brotli (quality 11) of every file",
        transfer.brotli as f64,
        Unit::Kilobytes,
        format!(
            "{:.0} % of gzip; `cargo xtask dist` writes both beside each file",
            100.0 * transfer.brotli as f64 / (transfer.gzipped.max(1)) as f64
        ),
    ));
    if let Some(paint) = figures.samples(keys::paint::ROWS_MS) {
        rows.push(Row::new(
            "first paint with paper rows",
            paint.median(),
            Unit::Milliseconds,
            format!(
                "navigation → frame after the first [data-paper-id]; fastest {} of {} cold loads; {}",
                ms(paint.min()),
                paint.len(),
                budget_note(
                    &format!("≤ {BUDGET_FIRST_PAINT_MS} ms"),
                    paint.median() <= BUDGET_FIRST_PAINT_MS
                )
            ),
        ));
    }
    if let Some(fcp) = figures.samples(keys::paint::FCP_MS) {
        rows.push(Row::new(
            "first-contentful-paint",
            fcp.median(),
            Unit::Milliseconds,
            format!("Chrome's paint timing; fastest {}", ms(fcp.min())),
        ));
    }
    Section {
        title: format!("browser: the release site, served under {PUBLIC_URL}"),
        rows,
    }
}

/// The site opened on a slow network, against the same build without its first screen (what
/// the page was before it had one), loaded the same way in the same run.
pub fn network_section(site: &str, reference: &str, figures: &Figures) -> Option<Section> {
    let get = |label: &str, figure: &str| figures.samples(&keys::network::key(label, figure));
    let cold = get(site, keys::network::COLD_PAINT_MS)?;
    let before = get(site, keys::network::COLD_BYTES)?;
    let rows = get(site, keys::network::COLD_ROWS_MS)?;
    let all = get(site, keys::network::COLD_ALL_BYTES)?;
    let warm = get(site, keys::network::WARM_PAINT_MS)?;
    let warm_rows = get(site, keys::network::WARM_ROWS_MS)?;
    let reference_cold = get(reference, keys::network::COLD_PAINT_MS);
    let reference_bytes = get(reference, keys::network::COLD_BYTES);
    let reference_warm = get(reference, keys::network::WARM_PAINT_MS);
    let against = |ours: f64, theirs: Option<Samples>, unit: Unit| match theirs {
        Some(theirs) => format!(
            "{} without the first screen: {:.1}×",
            unit.format(theirs.median()),
            theirs.median() / ours.max(1.0)
        ),
        None => "the build without a first screen was not measured".to_string(),
    };
    let kb = |bytes: f64| Unit::Kilobytes.format(bytes);
    Some(Section {
        title: "browser: a slow network (Slow 4G: 150 ms round trip, 1.6 Mbit/s), cold and warm visits of the release site, served precompressed".to_string(),
        rows: vec![
            Row::new(
                "cold visit: first paint",
                cold.median(),
                Unit::Milliseconds,
                format!(
                    "{} loads, nothing cached; {}; {}",
                    cold.len(),
                    against(cold.median(), reference_cold, Unit::Milliseconds),
                    budget_note(
                        &format!("≤ {}", ms(BUDGET_SLOW_COLD_PAINT_MS)),
                        cold.median() <= BUDGET_SLOW_COLD_PAINT_MS
                    )
                ),
            ),
            Row::new(
                "cold visit: bytes before the first paint",
                before.median(),
                Unit::Kilobytes,
                format!(
                    "as sent (compressed); {}; {}",
                    against(before.median(), reference_bytes, Unit::Kilobytes),
                    budget_note(
                        &format!("≤ {}", kb(BUDGET_SLOW_COLD_BYTES)),
                        before.median() <= BUDGET_SLOW_COLD_BYTES
                    )
                ),
            ),
            Row::new(
                "cold visit: the app's own rows",
                rows.median(),
                Unit::Milliseconds,
                format!(
                    "searchable from here; {} sent by then (the module is most of it)",
                    kb(all.median())
                ),
            ),
            Row::new(
                "warm visit: first paint",
                warm.median(),
                Unit::Milliseconds,
                format!(
                    "the page from the service worker's cache; {}; the app's rows at {}; {}",
                    against(warm.median(), reference_warm, Unit::Milliseconds),
                    ms(warm_rows.median()),
                    budget_note(
                        &format!("≤ {}", ms(BUDGET_SLOW_WARM_PAINT_MS)),
                        warm.median() <= BUDGET_SLOW_WARM_PAINT_MS
                    )
                ),
            ),
        ],
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bench::browser::QUICK;

    #[test]
    fn sections_carry_budgets() {
        let figures = Figures::read(
            "parse.wasm_ms\t30,32,34\nparse.dom_ms\t200,210,220\nparse.bytes\t4500000\n\
             parse.papers\t2000\nparse.dom_entries\t2000\nparse.dom_authors\t13025\n",
        );
        let section = parse_section(&QUICK, &figures).expect("a section");
        assert_eq!(section.rows.len(), 3);
        assert!(section.rows[0].note.ends_with("budget ≤ 40 ms: met"));
        assert!((section.rows[2].value - 210.0 / 32.0).abs() < 1e-9);
        assert!(section.rows[2].note.ends_with("met"));
        assert!(!section.rows[1].note.contains("the app loaded"));

        let figures = Figures::read(
            "memory.papers\t30000\nmemory.js_heap_bytes\t2000000\nmemory.wasm_bytes\t236978176\n",
        );
        let memory = memory_section(&figures).expect("a section");
        assert!(memory.rows[2].note.ends_with("MISSED"));
    }

    #[test]
    fn filter_rows_split_script_and_rendering() {
        let figures = Figures::read(
            "filter.30000.papers\t30000\n\
             filter.30000.compute_ms\t1,2,3,9\n\
             filter.30000.paint_ms\t20,30,40,12\n\
             filter.30000.script_ms\t15,20,30,10\n\
             filter.30000.frames\t1,1,2,1\n",
        );
        let feed = Feed {
            name: "merged-30000.xml",
            entries: 30_000,
        };
        let section = filter_section(&feed, "abcd", &figures).expect("a section");
        let names: Vec<&str> = section.rows.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "filter:apply p50",
                "filter:apply p95",
                "input → painted frame p50",
                "  of which script p50",
                "input → painted frame p95"
            ]
        );
        assert_eq!(section.rows[1].value, 9.0);
        assert!(section.rows[1].note.ends_with("MISSED"));
        assert_eq!(section.rows[3].value, 17.5);
        // Rendering per keystroke: 5, 10, 10, 2 → median 7.5.
        assert!(section.rows[3].note.ends_with("p50 7.50 ms"));
        assert!(section.rows[4]
            .note
            .contains("1 of 4 keystrokes painted a frame later"));
    }
}
