//! `browser_bench`: the explorer's speed in headless Chromium, driven through the end-to-end
//! harness against the release site served under its sub-path (with its strict CSP). Run by
//! `cargo xtask bench`, which builds the site, generates the feeds and turns what this prints
//! into its table; it can also be run by hand:
//!
//! ```sh
//! cargo run -p e2e --bin browser_bench -- --site target/bench-site \
//!     --parse target/bench/page-2000.xml --filter 30000=target/bench/merged-30000.xml \
//!     --memory-at 30000 --graph target/bench/graph-15000.xml --min-joint 3 --paint-loads 5
//! ```
//!
//! It prints one `key<TAB>value` line per figure on standard output (samples as a
//! comma-separated list, in milliseconds or bytes as the key says) and `skip<TAB>part<TAB>why`
//! for a part that could not be measured; progress goes to standard error. Every part opens a
//! fresh page, so one part's memory or warm caches never flatter the next.
//!
//! What is measured, and how:
//! - parse: rounds of one load of the file through `#source-file` (its `feed:parse` measure)
//!   and one run of `DOMParser` plus a JavaScript walk over the same fields on the same `File`
//!   (caught before the app clears the input), decoding included as in `parse_feed`; with
//!   `--scan-wasm`, also the raw quick-xml scan built for wasm (the floor), timed after its
//!   input is copied into its memory. The first round warms them up and is not counted;
//!   alternating keeps a busy machine fair.
//! - filter: after the file is loaded (alone), the text is typed into `#search-input` one
//!   character at a time. Each keystroke is dispatched at the start of a frame (in a
//!   `requestAnimationFrame` callback; the app's microtasks update the DOM before that frame's
//!   style, layout and paint); input-to-paint ends when a message posted from that callback
//!   arrives, after the frame was rendered (a later frame counts if the filter ran late). A
//!   second callback of the same frame, run after the first one's microtasks, splits that
//!   into script (the app's handler, filter and DOM updates) and rendering.
//!   Compute is the sum of the keystroke's new `filter:apply` measures.
//! - memory: garbage collected, then `Runtime.getHeapUsage` (V8's heap; the DOM's heap
//!   separately) and the byte length of the module's linear memory (caught when the module
//!   is instantiated).
//! - graph: the co-author map is opened empty, its "Min. joint papers" set, then the file is
//!   loaded into it, so the whole map is built at once and its layout starts cold. Each
//!   `graph:layout` measure is one animation-frame slice. The measure does not say how many
//!   ticks it ran, so they are counted from the layout's clock reads between the slice's marks
//!   (see `LayoutRun::from_slices`). Once it has settled, the `--type` text is typed with the
//!   map open (as in filter), and the time until the map has followed the last keystroke read.
//! - recommend: the `--recommend` file is loaded alone; the index the page builds in slices
//!   after a load is timed by the page itself (the digest bar's figures: the slices' sum, the
//!   longest slice, and from start to end), then the list is ranked by likeness to five of its
//!   papers in turn (`similar=`, through the history), each ranking's slices timed likewise.
//! - paint: the site is opened on its embedded feed; a script installed before the page's own
//!   records when the first `[data-paper-id]` element appears and when the frame after that
//!   has been rendered, next to Chrome's `first-contentful-paint` entry.

mod graph;
mod keys;
mod network;
mod page;
mod parts;
mod recommend;
mod scripts;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use e2e::{Browser, Driver, Result, StaticServer};
use serde_json::json;

use graph::graph_part;
use page::Page;
use parts::{filter_part, paint_part, parse_part};
use recommend::recommend_part;
use scripts::INSTRUMENT;

const USAGE: &str = "\
browser_bench --site DIR [--prefix /explorer/] [--parse FILE] [--parse-runs N]
              [--filter LABEL=FILE ...] [--type TEXT] [--memory-at LABEL]
              [--graph FILE] [--gmin N] [--min-joint N] [--paint-loads N]
              [--profile FILE] [--scan-wasm FILE] [--recommend FILE]
              [--slow LABEL=DIR ...] [--slow-loads N]";

/// The phrase typed into the search box, one character at a time (words the generated feeds
/// use); `--type` replaces it.
const DEFAULT_TEXT: &str = "graph neural networks scalable framework";

fn main() -> ExitCode {
    match Plan::parse(std::env::args().skip(1)).and_then(|plan| run(&plan)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("browser_bench: {error}");
            ExitCode::FAILURE
        }
    }
}

/// What to measure, from the command line.
#[derive(Debug)]
struct Plan {
    site: PathBuf,
    prefix: String,
    parse: Option<PathBuf>,
    parse_runs: usize,
    filters: Vec<(String, PathBuf)>,
    text: String,
    memory_at: Option<String>,
    graph: Option<PathBuf>,
    gmin: u32,
    min_joint: u32,
    paint_loads: usize,
    /// Where to write a CPU profile (DevTools format) of the typing, when asked.
    profile: Option<PathBuf>,
    /// The raw quick-xml scan built for wasm (`tools/bench-scan`): the parse's floor.
    scan_wasm: Option<PathBuf>,
    /// The feed the recommendation index and rankings are timed on.
    recommend: Option<PathBuf>,
    /// Sites opened on a slow network, by label.
    slow: Vec<(String, PathBuf)>,
    slow_loads: usize,
}

impl Plan {
    fn parse(args: impl Iterator<Item = String>) -> Result<Plan> {
        let mut plan = Plan {
            site: PathBuf::new(),
            prefix: "/explorer/".to_string(),
            parse: None,
            parse_runs: 7,
            filters: Vec::new(),
            text: DEFAULT_TEXT.to_string(),
            memory_at: None,
            graph: None,
            gmin: 1,
            min_joint: 1,
            paint_loads: 5,
            profile: None,
            scan_wasm: None,
            recommend: None,
            slow: Vec::new(),
            slow_loads: 3,
        };
        let mut site = None;
        let mut args = args;
        while let Some(flag) = args.next() {
            let mut value = || {
                args.next()
                    .ok_or_else(|| format!("`{flag}` needs a value\n{USAGE}"))
            };
            match flag.as_str() {
                "--site" => site = Some(PathBuf::from(value()?)),
                "--prefix" => plan.prefix = value()?,
                "--parse" => plan.parse = Some(PathBuf::from(value()?)),
                "--parse-runs" => plan.parse_runs = number(&flag, &value()?)?,
                "--filter" => {
                    let spec = value()?;
                    let (label, file) = spec
                        .split_once('=')
                        .ok_or_else(|| format!("`--filter` takes LABEL=FILE, not `{spec}`"))?;
                    plan.filters.push((label.to_string(), PathBuf::from(file)));
                }
                "--type" => plan.text = value()?,
                "--memory-at" => plan.memory_at = Some(value()?),
                "--graph" => plan.graph = Some(PathBuf::from(value()?)),
                "--gmin" => plan.gmin = number(&flag, &value()?)?,
                "--min-joint" => plan.min_joint = number(&flag, &value()?)?,
                "--paint-loads" => plan.paint_loads = number(&flag, &value()?)?,
                "--profile" => plan.profile = Some(PathBuf::from(value()?)),
                "--scan-wasm" => plan.scan_wasm = Some(PathBuf::from(value()?)),
                "--recommend" => plan.recommend = Some(PathBuf::from(value()?)),
                "--slow" => {
                    let spec = value()?;
                    let (label, dir) = spec
                        .split_once('=')
                        .ok_or_else(|| format!("`--slow` takes LABEL=DIR, not `{spec}`"))?;
                    plan.slow.push((label.to_string(), PathBuf::from(dir)));
                }
                "--slow-loads" => plan.slow_loads = number(&flag, &value()?)?,
                "--help" | "-h" => return Err(USAGE.into()),
                other => return Err(format!("unknown option `{other}`\n{USAGE}").into()),
            }
        }
        plan.site = site.ok_or_else(|| format!("`--site DIR` is required\n{USAGE}"))?;
        if !plan.site.join("index.html").is_file() {
            return Err(format!("{} holds no built site (index.html)", plan.site.display()).into());
        }
        if plan.text.is_empty() {
            return Err("`--type` needs at least one character".into());
        }
        Ok(plan)
    }
}

fn number<T: std::str::FromStr>(flag: &str, text: &str) -> Result<T> {
    text.parse()
        .map_err(|_| format!("`{flag}` needs a whole number, not `{text}`").into())
}

/// Lines for the caller, written as soon as they are known.
struct Report;

impl Report {
    fn value(&self, key: &str, value: impl std::fmt::Display) {
        let mut out = std::io::stdout().lock();
        let _ = writeln!(out, "{key}\t{value}");
        let _ = out.flush();
    }

    fn samples(&self, key: &str, samples: &[f64]) {
        let list: Vec<String> = samples.iter().map(|s| format!("{s:.4}")).collect();
        self.value(key, list.join(","));
    }

    fn skip(&self, part: &str, why: &str) {
        eprintln!("browser_bench: {part}: {why}");
        let why = why.replace(['\t', '\n'], " ");
        self.value(keys::SKIP, format!("{part}\t{why}"));
    }
}

fn progress(message: &str) {
    eprintln!("  browser: {message}");
}

fn run(plan: &Plan) -> Result<()> {
    let server = StaticServer::start(plan.site.clone(), &plan.prefix)?;
    let driver = Driver::chromium()?;
    let browser = Browser::start(&driver)?;
    // A 225 MB feed keeps the page busy for a while; WebDriver must not give up on it.
    browser.set_timeouts(Duration::from_secs(600), Duration::from_secs(600))?;
    browser.cdp(
        "Page.addScriptToEvaluateOnNewDocument",
        serde_json::json!({ "source": INSTRUMENT }),
    )?;
    let report = Report;
    let page = Page {
        browser: &browser,
        site: server.site_url(),
    };
    page.open("")?;
    if let Some(agent) = browser
        .execute("return navigator.userAgent;", json!([]))?
        .as_str()
    {
        report.value(keys::BROWSER, agent);
    }

    if let Some(file) = &plan.parse {
        let scan = match &plan.scan_wasm {
            Some(path) => Some(
                std::fs::read(path)
                    .map_err(|err| format!("cannot read {}: {err}", path.display()))?,
            ),
            None => None,
        };
        if let Err(error) = parse_part(&page, &report, file, plan.parse_runs, scan.as_deref()) {
            report.skip("parse", &error.to_string());
        }
    }
    for (label, file) in &plan.filters {
        let memory = plan.memory_at.as_deref() == Some(label.as_str());
        let profile = plan.profile.as_deref();
        if let Err(error) = filter_part(&page, &report, label, file, &plan.text, memory, profile) {
            report.skip(&format!("filter {label}"), &error.to_string());
        }
    }
    if let Some(file) = &plan.graph {
        if let Err(error) = graph_part(
            &page,
            &report,
            file,
            &plan.text,
            (plan.gmin, plan.min_joint),
        ) {
            report.skip("graph", &error.to_string());
        }
    }
    if let Some(file) = &plan.recommend {
        if let Err(error) = recommend_part(&page, &report, file) {
            report.skip("recommend", &error.to_string());
        }
    }
    if plan.paint_loads > 0 {
        if let Err(error) = paint_part(&page, &report, plan.paint_loads) {
            report.skip("first paint", &error.to_string());
        }
    }
    for (label, dir) in &plan.slow {
        if let Err(error) =
            network::network_part(&browser, &report, label, dir, &plan.prefix, plan.slow_loads)
        {
            report.skip(&format!("slow network {label}"), &error.to_string());
        }
    }
    let errors = browser.console_errors()?;
    if !errors.is_empty() {
        report.value(
            keys::CONSOLE_ERRORS,
            errors.join(" | ").replace(['\t', '\n'], " "),
        );
    }
    Ok(())
}
