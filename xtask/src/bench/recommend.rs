//! The recommendation recipe (tf-idf, a linear SVM, ranking) at 30,000 papers: natively
//! (`recommend_bench` in tools/bench, at opt-level 3) next to scikit-learn's TfidfVectorizer
//! and LinearSVC on the same documents and positive sets, in the same run; and in the page in
//! headless Chromium (the figures `browser_bench` read from the digest bar). Prints the
//! recommendation issue's budgets: ≤ 500 ms in wasm, ≥ 3× scikit-learn natively, ≤ 60 MB of
//! vectors, and a top-20 overlap with scikit-learn of ≥ 15 on average.

use std::collections::HashSet;
use std::path::Path;
use std::process::{Command, Stdio};

use super::browser::figures::{Figures, Samples};
use super::browser::keys::recommend as keys;
use super::feedparser::ensure_venv_with;
use super::native::target_dir;
use super::table::{group, verdict, Row, Section, Unit};
use crate::process::{step, Failure};

/// The generated feed the recipe runs on.
pub const FEED: &str = "merged-30000.xml";
pub const PAPERS: usize = 30_000;
/// Pinned, so figures from different days compare.
pub const SCIKIT_LEARN: &str = "scikit-learn==1.5.2";
const SCRIPT: &str = "tools/bench/sklearn_recommend.py";
const RUNS: usize = 3;
/// One paper ("similar to"), then 3, 10, 30 and 100 favourites.
const SETS: usize = 5;

const BUDGET_WASM_MS: f64 = 500.0;
const BUDGET_VS_SKLEARN: f64 = 3.0;
const BUDGET_BYTES: f64 = 60e6;
const BUDGET_OVERLAP: f64 = 15.0;
const BUDGET_SLICE_MS: f64 = 50.0;

/// What one side printed: its figures and the top 20 of each positive set.
struct Outcome {
    figures: Figures,
    tops: Vec<Vec<usize>>,
}

impl Outcome {
    fn read(text: &str) -> Outcome {
        let mut tops = Vec::new();
        for line in text.lines() {
            let mut fields = line.split('\t');
            if let (Some("top"), Some(_), Some(list)) =
                (fields.next(), fields.next(), fields.next())
            {
                tops.push(list.split(' ').filter_map(|i| i.parse().ok()).collect());
            }
        }
        Outcome {
            figures: Figures::read(text),
            tops,
        }
    }

    fn samples(&self, key: &str) -> Option<Samples> {
        self.figures.samples(key)
    }

    /// The median of vectorising plus the median of one ranking: what a person waits for
    /// from a load to the first ranked list.
    fn total_ms(&self) -> Option<f64> {
        Some(self.samples("vectorise_ms")?.median() + self.samples("rank_ms")?.median())
    }
}

fn run_tool(command: &mut Command, name: &str) -> Result<Outcome, String> {
    let output = command
        .stderr(Stdio::inherit())
        .output()
        .map_err(|err| format!("cannot start {name}: {err}"))?;
    if !output.status.success() {
        return Err(format!("{name} failed ({})", output.status));
    }
    Ok(Outcome::read(&String::from_utf8_lossy(&output.stdout)))
}

/// The native rows: ours, scikit-learn's, the ratio, the vectors' memory and the agreement.
pub fn native_section(
    root: &Path,
    dir: &Path,
    notes: &mut Vec<String>,
) -> Result<Section, Failure> {
    let feed = dir.join(FEED);
    let docs = dir.join("recommend");
    let binary = target_dir(root)
        .join("bench-native")
        .join("recommend_bench");
    step("the recommendation recipe natively (recommend_bench, opt-level 3)");
    let ours = run_tool(
        Command::new(&binary)
            .args(["--runs", &RUNS.to_string(), "--sets", &SETS.to_string()])
            .arg("--docs-out")
            .arg(&docs)
            .arg(&feed),
        "recommend_bench",
    )
    .map_err(Failure::new)?;
    step("scikit-learn on the same documents (virtual environment in target/bench/venv)");
    let theirs = ensure_venv_with(dir, SCIKIT_LEARN, "sklearn").and_then(|python| {
        run_tool(
            Command::new(python)
                .arg(root.join(SCRIPT))
                .arg("bench")
                .arg(&docs)
                .arg(RUNS.to_string()),
            SCRIPT,
        )
    });
    let mut rows = Vec::new();
    let features = ours.figures.number("features").unwrap_or(f64::NAN);
    if let (Some(vectorise), Some(rank), Some(total)) = (
        ours.samples("vectorise_ms"),
        ours.samples("rank_ms"),
        ours.total_ms(),
    ) {
        rows.push(Row::new(
            "vectorise, this project",
            vectorise.median(),
            Unit::Milliseconds,
            format!(
                "{} features; fastest {} of {}",
                group(features as u64),
                Unit::Milliseconds.format(vectorise.min()),
                vectorise.len()
            ),
        ));
        rows.push(Row::new(
            "train + rank, this project",
            rank.median(),
            Unit::Milliseconds,
            format!(
                "one ranking; {SETS} positive sets of 1 to 100 papers, slowest {}",
                Unit::Milliseconds.format(rank.max())
            ),
        ));
        rows.push(Row::new(
            "vectorise + train + rank, this project",
            total,
            Unit::Milliseconds,
            "",
        ));
    }
    match &theirs {
        Ok(theirs) => {
            if let (Some(vectorise), Some(rank), Some(total)) = (
                theirs.samples("vectorise_ms"),
                theirs.samples("rank_ms"),
                theirs.total_ms(),
            ) {
                rows.push(Row::new(
                    "vectorise, scikit-learn",
                    vectorise.median(),
                    Unit::Milliseconds,
                    format!(
                        "TfidfVectorizer, {} features",
                        group(theirs.figures.number("features").unwrap_or(f64::NAN) as u64)
                    ),
                ));
                rows.push(Row::new(
                    "train + rank, scikit-learn",
                    rank.median(),
                    Unit::Milliseconds,
                    format!(
                        "LinearSVC (liblinear); slowest {}",
                        Unit::Milliseconds.format(rank.max())
                    ),
                ));
                if let Some(ours_total) = ours.total_ms() {
                    let ratio = total / ours_total.max(1e-9);
                    rows.push(Row::new(
                        "scikit-learn ÷ this project",
                        ratio,
                        Unit::Times,
                        format!(
                            "vectorise + train + rank; budget ≥ {BUDGET_VS_SKLEARN}×: {}",
                            verdict(ratio >= BUDGET_VS_SKLEARN)
                        ),
                    ));
                }
            }
            let overlaps: Vec<usize> = ours
                .tops
                .iter()
                .zip(&theirs.tops)
                .map(|(a, b)| {
                    let b: HashSet<&usize> = b.iter().collect();
                    a.iter().filter(|i| b.contains(i)).count()
                })
                .collect();
            if !overlaps.is_empty() {
                let mean = overlaps.iter().sum::<usize>() as f64 / overlaps.len() as f64;
                let each: Vec<String> = overlaps.iter().map(usize::to_string).collect();
                rows.push(Row::new(
                    "top-20 overlap with scikit-learn",
                    mean,
                    Unit::Count,
                    format!(
                        "of 20, mean of {} sets ({}); budget ≥ {BUDGET_OVERLAP}: {}",
                        overlaps.len(),
                        each.join(", "),
                        verdict(mean >= BUDGET_OVERLAP)
                    ),
                ));
            }
        }
        Err(reason) => {
            eprintln!("skipping scikit-learn: {reason}");
            notes.push(format!("scikit-learn: skipped — {reason}"));
        }
    }
    if let Some(bytes) = ours.figures.number("bytes") {
        rows.push(Row::new(
            "the vectors' memory",
            bytes,
            Unit::Megabytes,
            format!(
                "tf-idf rows and vocabulary; budget ≤ {:.0} MB: {}",
                BUDGET_BYTES / 1e6,
                verdict(bytes <= BUDGET_BYTES)
            ),
        ));
    }
    Ok(Section {
        title: format!(
            "native: recommendations on {FEED} — {} papers, {RUNS} rounds after a warm-up",
            group(ours.figures.number("papers").unwrap_or(f64::NAN) as u64)
        ),
        rows,
    })
}

/// The page's rows: the index the worker builds after the load, and rankings by one paper.
pub fn browser_section(figures: &Figures) -> Option<Section> {
    let wall = figures.number(keys::INDEX_WALL_MS)?;
    let worker = figures.number(keys::INDEX_WORKER_MS).unwrap_or(f64::NAN);
    let page = figures.number(keys::INDEX_PAGE_MS).unwrap_or(f64::NAN);
    let rank = figures.samples(keys::RANK_MS)?;
    let rank_page = figures.number(keys::RANK_PAGE_MS).unwrap_or(f64::NAN);
    // What a person waits for: the index from the load to ready (the worker's start and
    // the hand-over included), then one ranking and its arrival in the page.
    let total = wall + rank.median() + rank_page;
    let longest = figures
        .number(keys::INDEX_LONGEST_MS)
        .unwrap_or(f64::NAN)
        .max(rank_page);
    let mut rows = vec![
        Row::new(
            "index, in the worker",
            worker,
            Unit::Milliseconds,
            format!(
                "vectorise; {} from the load to ready (the page's part {}, the worker's start included){}",
                Unit::Milliseconds.format(wall),
                Unit::Milliseconds.format(page),
                match figures.number(keys::INDEX_HELPED) {
                    Some(helped) if helped > 0.0 => format!(
                        "; a helper worker counted the last {} papers on a core of its own",
                        group(helped as u64)
                    ),
                    _ => String::new(),
                }
            ),
        ),
        Row::new(
            "train + rank, in the worker",
            rank.median(),
            Unit::Milliseconds,
            format!(
                "similar=, {} papers in turn; slowest {}",
                rank.len(),
                Unit::Milliseconds.format(rank.max())
            ),
        ),
        Row::new(
            "vectorise + train + rank in wasm",
            total,
            Unit::Milliseconds,
            format!(
                "from the load to the ranked list; budget ≤ {BUDGET_WASM_MS:.0} ms: {}",
                verdict(total <= BUDGET_WASM_MS)
            ),
        ),
        Row::new(
            "longest main-thread task",
            longest,
            Unit::Milliseconds,
            format!(
                "gathering the texts, handing them over, taking a ranking in; budget ≤ {BUDGET_SLICE_MS:.0} ms: {}",
                verdict(longest <= BUDGET_SLICE_MS)
            ),
        ),
    ];
    if let Some(bytes) = figures.number(keys::BYTES) {
        rows.push(Row::new(
            "the vectors' memory in the worker",
            bytes,
            Unit::Megabytes,
            format!(
                "budget ≤ {:.0} MB: {}",
                BUDGET_BYTES / 1e6,
                verdict(bytes <= BUDGET_BYTES)
            ),
        ));
    }
    Some(Section {
        title: format!(
            "browser: recommendations with {} papers loaded",
            group(figures.number(keys::PAPERS).unwrap_or(f64::NAN) as u64)
        ),
        rows,
    })
}
