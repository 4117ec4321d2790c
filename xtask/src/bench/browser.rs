//! The explorer in headless Chromium: the release site (built for `/explorer/`, with its CSP)
//! served on 127.0.0.1 and driven by `browser_bench` (tests/e2e/src/bin), on the same generated
//! feeds as the native part. This module builds what is needed, runs it, reads the figures it
//! prints and turns them into sections with the performance issue's budgets; the transfer size
//! of the site is measured here, with `gzip -9`.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use super::native::target_dir;
use super::table::{group, verdict, Row, Section, Unit};
use crate::process::{run, step, Failure};
use crate::tools::{cargo, ensure_browser, CHROMEDRIVER, CHROMIUM};
use crate::Options;

/// Where the site is built and served, as the end-to-end tests do.
const PUBLIC_URL: &str = "/explorer/";

/// Budgets from the performance issue.
const BUDGET_PARSE_MS: f64 = 40.0;
const BUDGET_VS_DOM_PARSER: f64 = 5.0;
const BUDGET_VS_WASM_SCAN: f64 = 2.0;
const BUDGET_FILTER_P95_MS: f64 = 5.0;
/// The compute budget is set for this many papers.
const FILTER_BUDGET_AT: usize = 30_000;
const BUDGET_INPUT_TO_PAINT_MS: f64 = 16.0;
const BUDGET_TICK_MS: f64 = 8.0;
const BUDGET_SETTLE_MS: f64 = 2_000.0;
const BUDGET_TRANSFER_BYTES: f64 = 250e3;
const BUDGET_FIRST_PAINT_MS: f64 = 300.0;
const BUDGET_MEMORY_BYTES: f64 = 150e6;

/// A generated feed the browser part reads.
pub struct Feed {
    pub name: &'static str,
    pub entries: usize,
}

/// What one run measures.
struct Plan {
    parse: Feed,
    parse_runs: usize,
    filters: &'static [Feed],
    /// Typed one character per keystroke.
    text: &'static str,
    memory_at: usize,
    graph: Option<Graph>,
    paint_loads: usize,
}

/// The co-author map's input: ≈5,000 authors and ≈20,000 links (5,044 / 20,628 with seed 1):
/// the generated communities are dense, so links need 3 joint papers ("Min. joint papers").
struct Graph {
    feed: Feed,
    min_joint: u32,
}

const TEXT: &str = "graph neural networks scalable framework";

const PAGE: Feed = Feed {
    name: "page-2000.xml",
    entries: 2_000,
};

/// `--quick`: the 2,000-entry page, 20 keystrokes at 30,000 papers, memory, first paint and
/// transfer size; no 100,000 papers and no co-author map.
const QUICK: Plan = Plan {
    parse: PAGE,
    parse_runs: 7,
    filters: &[Feed {
        name: "merged-30000.xml",
        entries: 30_000,
    }],
    text: "graph neural network",
    memory_at: 30_000,
    graph: None,
    paint_loads: 5,
};

const FULL: Plan = Plan {
    parse: PAGE,
    parse_runs: 11,
    filters: &[
        Feed {
            name: "merged-30000.xml",
            entries: 30_000,
        },
        Feed {
            name: "merged-100000.xml",
            entries: 100_000,
        },
    ],
    text: TEXT,
    memory_at: 30_000,
    graph: Some(Graph {
        feed: Feed {
            name: "graph-15000.xml",
            entries: 15_000,
        },
        min_joint: 3,
    }),
    paint_loads: 9,
};

fn plan(quick: bool) -> &'static Plan {
    if quick {
        &QUICK
    } else {
        &FULL
    }
}

/// The feeds the browser part reads, so they are generated with the native inputs.
pub fn feeds(quick: bool) -> Vec<&'static Feed> {
    let plan = plan(quick);
    let mut feeds = vec![&plan.parse];
    feeds.extend(plan.filters);
    feeds.extend(plan.graph.as_ref().map(|g| &g.feed));
    feeds
}

/// Builds the site (unless `--site` names one) and `browser_bench`, measures, and returns the
/// sections; parts that could not be measured are explained in `notes`.
pub fn sections(
    root: &Path,
    dir: &Path,
    options: &Options,
    notes: &mut Vec<String>,
) -> Result<Vec<Section>, Failure> {
    let plan = plan(options.has("--quick"));
    ensure_browser()?;
    let site = match options.get("--site") {
        Some(site) => {
            let site = root.join(site);
            if !site.join("index.html").is_file() {
                return Err(Failure::new(format!(
                    "`--site {}` holds no built site (index.html); build one with `cargo xtask dist --public-url {PUBLIC_URL} --out DIR`",
                    site.display()
                )));
            }
            site
        }
        None => {
            let out = target_dir(root).join("bench-site");
            crate::site::dist(root, &Options::for_site(PUBLIC_URL, &out))?
        }
    };
    let transfer = transfer_size(&site)?;

    step("building the raw quick-xml scan for wasm (tools/bench-scan), the parse's floor");
    run(Command::new(cargo()).current_dir(root).args([
        "build",
        "--package",
        "bench-scan",
        "--lib",
        "--release",
        "--target",
        "wasm32-unknown-unknown",
    ]))?;
    let scan_module = target_dir(root)
        .join("wasm32-unknown-unknown")
        .join("release")
        .join("bench_scan.wasm");

    step("building browser_bench (tests/e2e)");
    run(Command::new(cargo()).current_dir(root).args([
        "build",
        "--package",
        "e2e",
        "--bin",
        "browser_bench",
    ]))?;
    let binary = target_dir(root).join("debug").join("browser_bench");

    step("measuring in headless Chromium");
    let mut command = Command::new(&binary);
    command
        .arg("--site")
        .arg(&site)
        .args(["--prefix", PUBLIC_URL])
        .arg("--parse")
        .arg(dir.join(plan.parse.name))
        .arg("--scan-wasm")
        .arg(&scan_module)
        .args(["--parse-runs", &plan.parse_runs.to_string()])
        .args(["--type", plan.text])
        .args(["--memory-at", &plan.memory_at.to_string()])
        .args(["--paint-loads", &plan.paint_loads.to_string()]);
    for feed in plan.filters {
        command.arg("--filter").arg(format!(
            "{}={}",
            feed.entries,
            dir.join(feed.name).display()
        ));
    }
    if let Some(graph) = &plan.graph {
        command
            .arg("--graph")
            .arg(dir.join(graph.feed.name))
            .args(["--min-joint", &graph.min_joint.to_string()]);
    }
    let output = command
        .env("CHROMEDRIVER", CHROMEDRIVER)
        .env("CHROMIUM", CHROMIUM)
        .stderr(Stdio::inherit())
        .output()
        .map_err(|err| Failure::new(format!("cannot start {}: {err}", binary.display())))?;
    if !output.status.success() {
        return Err(Failure::new(format!(
            "{} failed ({}); its messages are above",
            binary.display(),
            output.status
        )));
    }
    let figures = Figures::read(&String::from_utf8_lossy(&output.stdout));
    for (part, why) in &figures.skipped {
        notes.push(format!("browser, {part}: not measured — {why}"));
    }
    if let Some(errors) = figures.text("console_errors") {
        notes.push(format!("browser console errors during the run: {errors}"));
    }

    let mut sections = Vec::new();
    sections.extend(parse_section(plan, &figures));
    for feed in plan.filters {
        sections.extend(filter_section(feed, plan.text, &figures));
        if feed.entries == plan.memory_at {
            sections.extend(memory_section(&figures));
        }
    }
    if let Some(graph) = &plan.graph {
        sections.extend(graph_section(graph, &figures));
    }
    sections.push(site_section(&transfer, &figures));
    Ok(sections)
}

/// The browser's name and version, for the heading.
pub fn describe_browser() -> String {
    Command::new(CHROMIUM)
        .arg("--version")
        .stderr(Stdio::null())
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| {
            let text = String::from_utf8_lossy(&o.stdout);
            // "Chromium 156.0.8078.108 built on Debian …" → "Chromium 156.0.8078.108".
            text.split(" built on")
                .next()
                .unwrap_or("")
                .trim()
                .to_string()
        })
        .filter(|name| !name.is_empty())
        .unwrap_or_else(|| "Chromium".to_string())
}

/// What `browser_bench` printed: `key<TAB>value` lines and `skip<TAB>part<TAB>why`.
#[derive(Debug, Default)]
struct Figures {
    values: HashMap<String, String>,
    skipped: Vec<(String, String)>,
}

impl Figures {
    fn read(text: &str) -> Figures {
        let mut figures = Figures::default();
        for line in text.lines() {
            let mut fields = line.splitn(3, '\t');
            match (fields.next(), fields.next(), fields.next()) {
                (Some("skip"), Some(part), why) => figures
                    .skipped
                    .push((part.to_string(), why.unwrap_or("").to_string())),
                (Some(key), Some(value), rest) => {
                    let value = match rest {
                        Some(rest) => format!("{value}\t{rest}"),
                        None => value.to_string(),
                    };
                    figures.values.insert(key.to_string(), value);
                }
                _ => {}
            }
        }
        figures
    }

    fn text(&self, key: &str) -> Option<&str> {
        self.values.get(key).map(String::as_str)
    }

    fn number(&self, key: &str) -> Option<f64> {
        self.text(key)?.trim().parse().ok()
    }

    /// A comma-separated list of numbers, in the order printed (empty when missing).
    fn list(&self, key: &str) -> Vec<f64> {
        self.text(key)
            .map(|text| {
                text.split(',')
                    .filter_map(|v| v.trim().parse().ok())
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The same list as samples; none when missing or empty.
    fn samples(&self, key: &str) -> Option<Samples> {
        Samples::new(self.list(key))
    }
}

/// Measurements of one quantity, sorted.
#[derive(Clone, Debug, PartialEq)]
struct Samples(Vec<f64>);

impl Samples {
    fn new(mut values: Vec<f64>) -> Option<Samples> {
        values.retain(|v| v.is_finite());
        if values.is_empty() {
            return None;
        }
        values.sort_by(f64::total_cmp);
        Some(Samples(values))
    }

    fn len(&self) -> usize {
        self.0.len()
    }

    fn min(&self) -> f64 {
        self.0[0]
    }

    fn max(&self) -> f64 {
        self.0[self.0.len() - 1]
    }

    fn median(&self) -> f64 {
        let n = self.0.len();
        if n % 2 == 1 {
            self.0[n / 2]
        } else {
            (self.0[n / 2 - 1] + self.0[n / 2]) / 2.0
        }
    }

    /// Nearest-rank percentile: the smallest sample with at least `p`% at or below it.
    fn percentile(&self, p: f64) -> f64 {
        let rank = (p / 100.0 * self.0.len() as f64).ceil() as usize;
        self.0[rank.clamp(1, self.0.len()) - 1]
    }
}

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

fn parse_section(plan: &Plan, figures: &Figures) -> Option<Section> {
    let wasm = figures.samples("parse.wasm_ms")?;
    let bytes = figures.number("parse.bytes").unwrap_or(f64::NAN);
    let papers = figures.number("parse.papers").unwrap_or(f64::NAN);
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
    if let Some(scan) = figures.samples("parse.scan_ms") {
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
    if let Some(dom) = figures.samples("parse.dom_ms") {
        let entries = figures.number("parse.dom_entries").unwrap_or(f64::NAN);
        let authors = figures.number("parse.dom_authors").unwrap_or(f64::NAN);
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

fn filter_section(feed: &Feed, text: &str, figures: &Figures) -> Option<Section> {
    let key = |name: &str| format!("filter.{}.{name}", feed.entries);
    let paint = figures.samples(&key("paint_ms"))?;
    let papers = figures.number(&key("papers")).unwrap_or(f64::NAN);
    let mut rows = Vec::new();
    if let Some(parse) = figures.number(&key("parse_ms")) {
        rows.push(Row::new(
            "load: feed:parse",
            parse,
            Unit::Milliseconds,
            "the whole file, once",
        ));
    }
    let with_budget = feed.entries == FILTER_BUDGET_AT;
    match figures.samples(&key("compute_ms")) {
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
        .samples(&key("frames"))
        .map_or(0, |frames| frames.0.iter().filter(|&&f| f > 1.0).count());
    rows.push(Row::new(
        "input → painted frame p50",
        paint.median(),
        Unit::Milliseconds,
        format!(
            "keystroke at frame start → that frame rendered; slowest {}",
            ms(paint.max())
        ),
    ));
    if let Some(script) = figures.samples(&key("script_ms")) {
        // Per keystroke, what the frame took beyond the script.
        let render = Samples::new(
            figures
                .list(&key("paint_ms"))
                .iter()
                .zip(figures.list(&key("script_ms")))
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
    if let Some(complete) = figures.samples(&key("complete_ms")) {
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
        .text(&key("result"))
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

fn memory_section(figures: &Figures) -> Option<Section> {
    let heap = figures.number("memory.js_heap_bytes")?;
    let wasm = figures.number("memory.wasm_bytes")?;
    let papers = figures.number("memory.papers").unwrap_or(f64::NAN);
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
                match figures.number("memory.dom_heap_bytes") {
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

fn graph_section(graph: &Graph, figures: &Figures) -> Option<Section> {
    let ticks = figures.number("graph.ticks")?;
    let busy = figures.number("graph.layout_ms")?;
    let settle = figures.number("graph.settle_ms")?;
    let slices = figures.number("graph.slices").unwrap_or(f64::NAN);
    let nodes = figures.number("graph.nodes").unwrap_or(f64::NAN);
    let edges = figures.number("graph.edges").unwrap_or(f64::NAN);
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
                ms(figures.number("graph.longest_slice_ms").unwrap_or(f64::NAN)),
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
    if let Some(draws) = figures.samples("graph.draw_ms") {
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
    if let Some(build) = figures.number("graph.build_ms") {
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

fn site_section(transfer: &Transfer, figures: &Figures) -> Section {
    let mut rows = vec![Row::new(
        "transfer size, gzip -9 of every file",
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
    if let Some(paint) = figures.samples("paint.rows_ms") {
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
    if let Some(fcp) = figures.samples("paint.fcp_ms") {
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

/// The site's size on the wire.
#[derive(Debug, Default, PartialEq)]
struct Transfer {
    files: usize,
    raw: u64,
    gzipped: u64,
    wasm_gzipped: u64,
}

/// Sums `gzip -9` of every file of the site.
fn transfer_size(site: &Path) -> Result<Transfer, Failure> {
    let mut transfer = Transfer::default();
    for file in files_below(site)? {
        let raw = std::fs::metadata(&file)
            .map_err(|err| Failure::new(format!("cannot read {}: {err}", file.display())))?
            .len();
        let output = Command::new("gzip")
            .args(["-9", "-c"])
            .arg(&file)
            .stderr(Stdio::inherit())
            .output()
            .map_err(|err| Failure::new(format!("cannot run gzip (is it installed?): {err}")))?;
        if !output.status.success() {
            return Err(Failure::new(format!(
                "gzip -9 failed on {} ({})",
                file.display(),
                output.status
            )));
        }
        let gzipped = output.stdout.len() as u64;
        transfer.files += 1;
        transfer.raw += raw;
        transfer.gzipped += gzipped;
        if file.extension().is_some_and(|e| e == "wasm") {
            transfer.wasm_gzipped += gzipped;
        }
    }
    if transfer.files == 0 {
        return Err(Failure::new(format!("{} holds no files", site.display())));
    }
    Ok(transfer)
}

fn files_below(dir: &Path) -> Result<Vec<PathBuf>, Failure> {
    let mut files = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        let entries = std::fs::read_dir(&dir)
            .map_err(|err| Failure::new(format!("cannot list {}: {err}", dir.display())))?;
        for entry in entries {
            let path = entry
                .map_err(|err| Failure::new(format!("cannot list {}: {err}", dir.display())))?
                .path();
            if path.is_dir() {
                pending.push(path);
            } else {
                files.push(path);
            }
        }
    }
    files.sort();
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_values_samples_and_skips() {
        let text = "browser\tHeadlessChrome/156\n\
                    parse.wasm_ms\t30.5,20.0,25.0\n\
                    parse.bytes\t4499792\n\
                    skip\tgraph\tthe layout recorded no graph:layout measure\n\
                    \n\
                    garbage\n";
        let figures = Figures::read(text);
        assert_eq!(figures.text("browser"), Some("HeadlessChrome/156"));
        assert_eq!(figures.number("parse.bytes"), Some(4_499_792.0));
        let wasm = figures.samples("parse.wasm_ms").expect("samples");
        assert_eq!(wasm.median(), 25.0);
        assert_eq!(wasm.min(), 20.0);
        assert_eq!(
            figures.skipped,
            vec![(
                "graph".to_string(),
                "the layout recorded no graph:layout measure".to_string()
            )]
        );
        assert!(figures.samples("missing").is_none());
    }

    #[test]
    fn percentiles_use_the_nearest_rank() {
        let samples = Samples::new((1..=40).map(f64::from).collect()).expect("samples");
        assert_eq!(samples.median(), 20.5);
        assert_eq!(samples.percentile(95.0), 38.0);
        assert_eq!(samples.percentile(50.0), 20.0);
        let twenty = Samples::new((1..=20).rev().map(f64::from).collect()).expect("samples");
        assert_eq!(twenty.percentile(95.0), 19.0);
        assert_eq!(twenty.max(), 20.0);
        assert!(Samples::new(vec![f64::NAN]).is_none());
    }

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

    #[test]
    fn transfer_sums_every_file() {
        let dir = std::env::temp_dir().join(format!("xtask-transfer-{}", std::process::id()));
        let nested = dir.join("feeds");
        std::fs::create_dir_all(&nested).expect("a folder");
        std::fs::write(dir.join("a_bg.wasm"), vec![0u8; 10_000]).expect("written");
        std::fs::write(nested.join("index.json"), b"[]").expect("written");
        let transfer = transfer_size(&dir).expect("measured");
        let _ = std::fs::remove_dir_all(&dir);
        assert_eq!(transfer.files, 2);
        assert_eq!(transfer.raw, 10_002);
        assert!(transfer.gzipped < 200, "{transfer:?}");
        assert!(transfer.wasm_gzipped > 0 && transfer.wasm_gzipped < transfer.gzipped);
    }
}
