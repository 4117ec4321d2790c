//! The explorer in headless Chromium: the release site (built for `/explorer/`, with its CSP)
//! served on 127.0.0.1 and driven by `browser_bench` (tests/e2e/src/bin), on the same generated
//! feeds as the native part. This file holds what each run measures and runs it: it builds the
//! site, the wasm scan and `browser_bench`, runs it and reads what it printed (`figures`); the
//! `sections` module turns the figures into rows with the performance issue's budgets, and
//! `transfer` measures the site's size with `gzip -9`.

pub mod figures;
/// The figures' names, as `browser_bench` prints them.
#[allow(dead_code)]
#[path = "../../../tests/e2e/src/bin/browser_bench/keys.rs"]
pub mod keys;
mod sections;
mod transfer;

use std::path::Path;
use std::process::{Command, Stdio};

use super::native::target_dir;
use super::table::Section;
use crate::process::{run, step, Failure};
use crate::tools::{cargo, ensure_browsers, CHROMEDRIVER, CHROMIUM};
use crate::Options;
use figures::Figures;
use sections::{
    filter_section, graph_section, memory_section, network_section, parse_section, site_section,
};
use transfer::transfer_size;

/// Where the site is built and served, as the end-to-end tests do.
const PUBLIC_URL: &str = "/explorer/";

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
    /// Cold and warm visits on a slow network, of the site and of it without its first
    /// screen.
    slow_loads: usize,
    /// The feed the recommendation index and rankings are timed on.
    recommend: Feed,
}

/// The co-author map's input: ≈5,000 authors and ≈20,000 links (5,044 / 20,628 with seed 1):
/// the generated communities are dense, so links need 3 joint papers ("Min. joint papers").
struct Graph {
    feed: Feed,
    min_joint: u32,
}

const TEXT: &str = "graph neural networks scalable framework";

const RECOMMEND: Feed = Feed {
    name: super::recommend::FEED,
    entries: super::recommend::PAPERS,
};

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
    slow_loads: 3,
    recommend: RECOMMEND,
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
    slow_loads: 5,
    recommend: RECOMMEND,
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
    feeds.push(&plan.recommend);
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
    let only_recommend = options.has("--recommend");
    ensure_browsers()?;
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
    // The recommendation part alone needs neither the site's size nor the parse's floor.
    let (transfer, scan_module) = if only_recommend {
        (None, None)
    } else {
        (Some(transfer_size(&site)?), Some(build_scan_module(root)?))
    };

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
        .arg("--recommend")
        .arg(dir.join(plan.recommend.name));
    match &scan_module {
        Some(scan_module) => {
            add_parts(&mut command, plan, dir, scan_module);
            let plain = without_first_screen(&site, &dir.join("site-without-first-screen"))?;
            command
                .arg("--slow")
                .arg(format!("{SLOW_SITE}={}", site.display()))
                .arg("--slow")
                .arg(format!("{SLOW_REFERENCE}={}", plain.display()))
                .args(["--slow-loads", &plan.slow_loads.to_string()]);
        }
        None => {
            command.args(["--paint-loads", "0"]);
        }
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
    if let Some(errors) = figures.text(keys::CONSOLE_ERRORS) {
        notes.push(format!("browser console errors during the run: {errors}"));
    }

    let mut sections = Vec::new();
    sections.extend(super::recommend::browser_section(&figures));
    let Some(transfer) = transfer else {
        return Ok(sections);
    };
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
    sections.extend(network_section(SLOW_SITE, SLOW_REFERENCE, &figures));
    Ok(sections)
}

/// The slow-network part's labels: the site, and the same build without its first screen.
const SLOW_SITE: &str = "site";
const SLOW_REFERENCE: &str = "without-first-screen";

/// A copy of the built `site` in `out` without its first screen (the page as it was before it
/// had one), precompressed like the site.
fn without_first_screen(site: &Path, out: &Path) -> Result<std::path::PathBuf, Failure> {
    use arxiv_explorer::core::first_screen::{END_MARK, START_MARK};
    let _ = std::fs::remove_dir_all(out);
    for file in crate::precompress::site_files(site)? {
        let relative = file.strip_prefix(site).unwrap_or(&file);
        let target = out.join(relative);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|err| crate::precompress::cannot("create", parent, err))?;
        }
        std::fs::copy(&file, &target)
            .map_err(|err| crate::precompress::cannot("copy", &file, err))?;
    }
    let index = out.join("index.html");
    let html = std::fs::read_to_string(&index)
        .map_err(|err| crate::precompress::cannot("read", &index, err))?;
    let page = match (html.find(START_MARK), html.find(END_MARK)) {
        (Some(start), Some(end)) if start < end => {
            format!("{}{}", &html[..start], &html[end + END_MARK.len()..])
        }
        _ => html,
    };
    std::fs::write(&index, page).map_err(|err| crate::precompress::cannot("write", &index, err))?;
    crate::precompress::precompress(out)?;
    Ok(out.to_path_buf())
}

/// Builds the raw quick-xml scan for wasm (`tools/bench-scan`), the parse's floor; returns
/// the module's path.
fn build_scan_module(root: &Path) -> Result<std::path::PathBuf, Failure> {
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
    Ok(target_dir(root)
        .join("wasm32-unknown-unknown")
        .join("release")
        .join("bench_scan.wasm"))
}

/// The parts other than the recommendations: parsing, filtering, the map, first paint.
fn add_parts(command: &mut Command, plan: &Plan, dir: &Path, scan_module: &Path) {
    command
        .arg("--parse")
        .arg(dir.join(plan.parse.name))
        .arg("--scan-wasm")
        .arg(scan_module)
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
