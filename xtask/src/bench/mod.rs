//! `cargo xtask bench [--quick] [--site DIR]`: how fast the explorer reads arXiv feeds, against
//! a raw quick-xml scan (the floor), roxmltree, feed-rs and Python feedparser, and how it
//! behaves in headless Chromium (parsing against `DOMParser`, filtering as you type, memory,
//! the co-author layout, first paint, transfer size), on the same generated files in the same
//! run. Prints one table of absolute figures, ratios and the budgets of the performance issue.
//!
//! Each part is a function that returns [`table::Section`]s of rows it really measured.

mod browser;
mod feedparser;
mod measurement;
mod native;
mod recommend;

pub use native::target_dir;

mod table;

use std::path::{Path, PathBuf};

use crate::gen_feed;
use crate::process::{step, Failure};
use crate::Options;
use measurement::Measurement;
use table::{verdict, Row, Section, Unit};

/// One seed for every input, so runs on different days parse the same bytes.
const SEED: u64 = 1;

/// Budgets from the performance issue.
const BUDGET_MB_PER_S: f64 = 500.0;
const BUDGET_VS_FEED_RS: f64 = 3.0;
const BUDGET_VS_FEEDPARSER: f64 = 100.0;
const BUDGET_VS_RAW_SCAN: f64 = 4.0;

struct Input {
    name: &'static str,
    entries: usize,
    native_runs: usize,
    /// 0: too slow to be worth it for this size.
    feedparser_runs: usize,
}

/// `--quick`: one API page (arXiv's largest), well under two minutes once built.
const QUICK: &[Input] = &[Input {
    name: "page-2000.xml",
    entries: 2_000,
    native_runs: 15,
    feedparser_runs: 3,
}];

/// A page, the most one query can return (30,000) and a merged multi-query snapshot.
const FULL: &[Input] = &[
    Input {
        name: "page-2000.xml",
        entries: 2_000,
        native_runs: 31,
        feedparser_runs: 5,
    },
    Input {
        name: "merged-30000.xml",
        entries: 30_000,
        native_runs: 9,
        feedparser_runs: 2,
    },
    Input {
        name: "merged-100000.xml",
        entries: 100_000,
        native_runs: 5,
        feedparser_runs: 1,
    },
];

pub fn bench(root: &Path, options: &Options) -> Result<(), Failure> {
    if options.has("--recommend") {
        return bench_recommendations(root, options);
    }
    let inputs = if options.has("--quick") { QUICK } else { FULL };
    let dir = native::target_dir(root).join("bench");

    step(&format!("generating inputs into {}", dir.display()));
    let mut files = Vec::new();
    for input in inputs {
        let path = dir.join(input.name);
        gen_feed::generate_file(input.entries, SEED, &path)?;
        files.push(path);
    }
    for feed in browser::feeds(options.has("--quick")) {
        if !inputs.iter().any(|input| input.name == feed.name) {
            gen_feed::generate_file(feed.entries, SEED, &dir.join(feed.name))?;
        }
    }

    let mut notes = Vec::new();
    let (native_rows, feedparser_rows) = (
        native_measurements(root, inputs, &files)?,
        feedparser_measurements(root, &dir, inputs, &files, &mut notes),
    );
    let mut sections = Vec::new();
    for (input, file) in inputs.iter().zip(&files) {
        sections.push(parser_section(input, file, &native_rows, &feedparser_rows));
    }
    sections.push(recommend::native_section(root, &dir, &mut notes)?);
    // Without a browser the native figures still print; the run fails after the table.
    let browser_failure = add_browser_sections(root, &dir, options, &mut sections, &mut notes);
    let heading = format!(
        "Feed parsing natively (feed-bench at opt-level 3) and the explorer in headless {} \
         (release site, software rendering, nothing cached)\n\
         MB = 10^6 bytes, kB = 10^3 bytes; medians unless a row says otherwise, fastest in the notes\n\
         load average at the end: {} on {} cores — other work on the machine slows every figure",
        browser::describe_browser(),
        load_average(),
        std::thread::available_parallelism().map_or(1, usize::from)
    );
    report(&heading, &sections, &notes, browser_failure)
}

/// Prints the table; a browser part that could not be measured fails the run after it.
fn report(
    heading: &str,
    sections: &[Section],
    notes: &[String],
    browser_failure: Option<Failure>,
) -> Result<(), Failure> {
    println!("\n{}", table::render(heading, sections, notes));
    match browser_failure {
        Some(failure) => Err(failure),
        None => Ok(()),
    }
}

/// Measures in the browser and adds its sections; a failure is noted and handed back, so the
/// native figures still print before the run fails.
fn add_browser_sections(
    root: &Path,
    dir: &Path,
    options: &Options,
    sections: &mut Vec<Section>,
    notes: &mut Vec<String>,
) -> Option<Failure> {
    match browser::sections(root, dir, options, notes) {
        Ok(browser_sections) => {
            sections.extend(browser_sections);
            None
        }
        Err(failure) => {
            notes.push(format!("browser: not measured — {failure}"));
            Some(failure)
        }
    }
}

/// `--recommend`: only the recommendation recipe, natively next to scikit-learn and in the page.
fn bench_recommendations(root: &Path, options: &Options) -> Result<(), Failure> {
    let dir = native::target_dir(root).join("bench");
    step(&format!(
        "generating {} into {}",
        recommend::FEED,
        dir.display()
    ));
    gen_feed::generate_file(recommend::PAPERS, SEED, &dir.join(recommend::FEED))?;
    step("building feed-bench and recommend_bench (tools/bench, opt-level 3)");
    native::build(root)?;
    let mut notes = Vec::new();
    let mut sections = vec![recommend::native_section(root, &dir, &mut notes)?];
    let browser_failure = add_browser_sections(root, &dir, options, &mut sections, &mut notes);
    let heading = format!(
        "Recommendations natively (recommend_bench at opt-level 3, {}) and in headless {}\n\
         medians; load average at the end: {} on {} cores",
        recommend::SCIKIT_LEARN,
        browser::describe_browser(),
        load_average(),
        std::thread::available_parallelism().map_or(1, usize::from)
    );
    report(&heading, &sections, &notes, browser_failure)
}

fn native_measurements(
    root: &Path,
    inputs: &[Input],
    files: &[PathBuf],
) -> Result<Vec<Measurement>, Failure> {
    step("building feed-bench (tools/bench, opt-level 3)");
    let binary = native::build(root)?;
    let mut all = Vec::new();
    for (input, file) in inputs.iter().zip(files) {
        step(&format!("native parsers on {}", input.name));
        all.extend(native::measure(&binary, file, input.native_runs)?);
    }
    Ok(all)
}

/// feedparser's timings, or none with a note saying why.
fn feedparser_measurements(
    root: &Path,
    dir: &Path,
    inputs: &[Input],
    files: &[PathBuf],
    notes: &mut Vec<String>,
) -> Vec<Measurement> {
    step("Python feedparser (virtual environment in target/bench/venv)");
    let python = match feedparser::ensure_venv(dir) {
        Ok(python) => python,
        Err(reason) => {
            eprintln!("skipping feedparser: {reason}");
            notes.push(format!("feedparser: skipped — {reason}"));
            return Vec::new();
        }
    };
    let mut all = Vec::new();
    for (input, file) in inputs.iter().zip(files) {
        if input.feedparser_runs == 0 {
            continue;
        }
        match feedparser::measure(&python, root, file, input.feedparser_runs) {
            Ok(rows) => all.extend(rows),
            Err(reason) => {
                eprintln!("feedparser on {}: {reason}", input.name);
                notes.push(format!("feedparser on {}: {reason}", input.name));
            }
        }
    }
    all
}

/// Labels, in the order rows are printed.
const PARSERS: &[(&str, &str)] = &[
    ("raw-scan", "raw quick-xml scan (floor)"),
    ("parse-feed", "parse_feed (this project)"),
    ("roxmltree", "roxmltree parse + walk"),
    ("feed-rs", "feed-rs"),
    ("feedparser", "feedparser (Python)"),
];

/// One input: each parser's time, then our throughput and the ratios with their budgets.
fn parser_section(
    input: &Input,
    file: &Path,
    native: &[Measurement],
    python: &[Measurement],
) -> Section {
    let on_file: Vec<&Measurement> = native
        .iter()
        .chain(python)
        .filter(|m| Path::new(&m.file) == file)
        .collect();
    let find = |parser: &str| {
        on_file
            .iter()
            .copied()
            .find(|m| m.parser == parser && m.error.is_none())
    };
    let bytes = on_file.first().map_or(0, |m| m.bytes);
    let ours = find("parse-feed");
    let mut rows = Vec::new();
    for (parser, label) in PARSERS {
        let Some(measurement) = on_file.iter().find(|m| m.parser == *parser) else {
            continue;
        };
        if let Some(error) = &measurement.error {
            rows.push(Row::new(
                *label,
                f64::NAN,
                Unit::Milliseconds,
                format!("failed: {error}"),
            ));
            continue;
        }
        let mut note = format!(
            "{}; fastest {} of {}",
            Unit::MegabytesPerSecond.format(measurement.megabytes_per_second()),
            Unit::Milliseconds.format(measurement.fastest.as_secs_f64() * 1e3),
            measurement.runs
        );
        if measurement.entries != input.entries {
            note.push_str(&format!(
                "; found {} entries",
                table::group(measurement.entries as u64)
            ));
        }
        if let Some(ours) =
            ours.filter(|o| o.authors != measurement.authors && *parser != "feedparser")
        {
            note.push_str(&format!(
                "; {} authors (parse_feed: {})",
                measurement.authors, ours.authors
            ));
        }
        if measurement.warnings > 0 {
            note.push_str(&format!("; {} warnings", measurement.warnings));
        }
        rows.push(Row::new(
            *label,
            measurement.median_ms(),
            Unit::Milliseconds,
            note,
        ));
    }
    if let Some(ours) = ours {
        let speed = ours.megabytes_per_second();
        rows.push(Row::new(
            "parse_feed throughput",
            speed,
            Unit::MegabytesPerSecond,
            format!(
                "budget ≥ {BUDGET_MB_PER_S} MB/s: {}",
                verdict(speed >= BUDGET_MB_PER_S)
            ),
        ));
        let ratio =
            |other: &Measurement| other.median.as_secs_f64() / ours.median.as_secs_f64().max(1e-12);
        if let Some(raw) = find("raw-scan") {
            let slower = 1.0 / ratio(raw);
            rows.push(Row::new(
                "parse_feed ÷ raw scan",
                slower,
                Unit::Times,
                format!(
                    "budget ≤ {BUDGET_VS_RAW_SCAN}×: {}",
                    verdict(slower <= BUDGET_VS_RAW_SCAN)
                ),
            ));
        }
        for (parser, label, budget) in [
            ("feed-rs", "feed-rs ÷ parse_feed", Some(BUDGET_VS_FEED_RS)),
            ("roxmltree", "roxmltree ÷ parse_feed", None),
            (
                "feedparser",
                "feedparser ÷ parse_feed",
                Some(BUDGET_VS_FEEDPARSER),
            ),
        ] {
            if let Some(other) = find(parser) {
                let faster = ratio(other);
                let note = budget.map_or_else(
                    || "how many times faster parse_feed is".to_string(),
                    |b| format!("budget ≥ {b}×: {}", verdict(faster >= b)),
                );
                rows.push(Row::new(label, faster, Unit::Times, note));
            }
        }
    }
    Section {
        title: format!(
            "native: {} — {} entries, {:.1} MB",
            input.name,
            table::group(input.entries as u64),
            bytes as f64 / 1e6
        ),
        rows,
    }
}

/// The 1-minute load average, for judging how noisy the figures are.
fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|text| text.split_whitespace().next().map(str::to_string))
        .unwrap_or_else(|| "unknown".to_string())
}
