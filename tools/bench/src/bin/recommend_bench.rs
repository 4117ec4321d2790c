//! `recommend_bench [--runs N] [--sets N] --docs-out DIR FILE`: the recommendation recipe on a
//! feed, natively, the way the page and its worker run it (the papers framed into
//! `DocumentBatch` parts, then indexed and ranked by the worker's `RecommendService`), timed
//! over `runs` rounds after one warm-up. It also writes what scikit-learn
//! needs to run the same recipe on the same papers (`docs.txt`, `stop_words.txt`,
//! `positives.txt` in DIR, read by `tools/bench/sklearn_recommend.py`).
//!
//! Prints `key<TAB>value` lines: `papers`, `features`, `bytes` (the index's vectors),
//! `vectorise_ms` and `rank_ms` (samples, comma-separated; a rank sample is one ranking,
//! training included) and `top<TAB>set<TAB>i i i ...` (the 20 best other papers of each set,
//! as positions in the feed).

// The explorer's pure core, compiled from the very files the app uses: it reaches only std
// and the pure crates listed in this package's manifest.
#[allow(dead_code, unused_imports, clippy::all)]
#[path = "../../../../src/core/mod.rs"]
mod core;

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Instant;

use crate::core::feed::{parse_feed, Paper};
use crate::core::recommend::{
    document_text, index_requests, RankingPayload, RecommendService, WorkerReply, WorkerRequest,
    STOP_WORDS,
};

/// Papers per part, as the page hands them over.
const PART_PAPERS: usize = 1_000;

const USAGE: &str = "usage: recommend_bench [--runs N] [--sets N] --docs-out DIR FILE";
const TOP: usize = 20;

struct Args {
    runs: usize,
    sets: usize,
    docs_out: PathBuf,
    file: PathBuf,
}

fn parse_args() -> Result<Args, String> {
    let (mut runs, mut sets, mut docs_out, mut file) = (5, 5, None, None);
    let mut iter = std::env::args().skip(1);
    while let Some(arg) = iter.next() {
        let mut value = |flag: &str| iter.next().ok_or(format!("`{flag}` needs a value"));
        match arg.as_str() {
            "--runs" => runs = number(&value("--runs")?)?.max(1),
            "--sets" => sets = number(&value("--sets")?)?.max(1),
            "--docs-out" => docs_out = Some(PathBuf::from(value("--docs-out")?)),
            "-h" | "--help" => return Err(USAGE.into()),
            flag if flag.starts_with("--") => {
                return Err(format!("unknown option `{flag}`\n{USAGE}"))
            }
            path => file = Some(PathBuf::from(path)),
        }
    }
    Ok(Args {
        runs,
        sets,
        docs_out: docs_out.ok_or(USAGE)?,
        file: file.ok_or(USAGE)?,
    })
}

fn number(text: &str) -> Result<usize, String> {
    text.parse()
        .map_err(|_| format!("expected a whole number, not `{text}`"))
}

/// Positive sets of growing size, each of papers sharing one primary category (a person's
/// favourites are about something): the first has one paper ("similar to"), then 3, 10, 30...
fn positive_sets(papers: &[Arc<Paper>], sets: usize) -> Vec<Vec<usize>> {
    let sizes = [1usize, 3, 10, 30, 100];
    (0..sets)
        .map(|set| {
            let size = sizes[set % sizes.len()];
            let anchor = (set * 7_919 + 13) % papers.len();
            let category = &papers[anchor].primary_category;
            let mut chosen = vec![anchor];
            let mut i = anchor;
            while chosen.len() < size {
                // Every 37th paper of the category, so the set spreads over the feed.
                i = (i + 37) % papers.len();
                if i == anchor {
                    break;
                }
                if &papers[i].primary_category == category && !chosen.contains(&i) {
                    chosen.push(i);
                }
            }
            chosen
        })
        .collect()
}

fn write_docs(args: &Args, papers: &[Arc<Paper>], sets: &[Vec<usize>]) -> Result<(), String> {
    std::fs::create_dir_all(&args.docs_out)
        .map_err(|e| format!("cannot create {}: {e}", args.docs_out.display()))?;
    let docs: Vec<String> = papers
        .iter()
        .map(|p| document_text(p).replace(['\n', '\r'], " "))
        .collect();
    let positives: Vec<String> = sets
        .iter()
        .map(|set| {
            set.iter()
                .map(usize::to_string)
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect();
    for (name, text) in [
        ("docs.txt", docs.join("\n")),
        ("stop_words.txt", STOP_WORDS.join("\n")),
        ("positives.txt", positives.join("\n")),
    ] {
        let path = args.docs_out.join(name);
        std::fs::write(&path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    Ok(())
}

/// What the worker answers to `request`: its replies, with their payloads.
fn ask(
    service: &mut RecommendService,
    request: WorkerRequest,
    payload: Option<Vec<u8>>,
) -> Vec<(WorkerReply, Option<Vec<u8>>)> {
    let started = Instant::now();
    let now = || started.elapsed().as_secs_f64() * 1e3;
    let mut replies = Vec::new();
    service.handle(request, payload, &now, &mut |reply, payload| {
        replies.push((reply, payload))
    });
    replies
}

/// Indexes the papers as the page and the worker do; returns the vectors' memory and the
/// number of terms.
fn build_index(
    service: &mut RecommendService,
    papers: &[Arc<Paper>],
) -> Result<(u64, usize), String> {
    let mut last = None;
    for (request, payload) in index_requests(1, papers.len(), papers, PART_PAPERS) {
        last = ask(service, request, payload).pop().or(last);
    }
    match last {
        Some((WorkerReply::Indexed { bytes, terms, .. }, _)) => Ok((bytes, terms.len())),
        Some((WorkerReply::Failed { message, .. }, _)) => Err(message),
        other => Err(format!("the index build ended with {other:?}")),
    }
}

/// Ranks as the worker does (why lines and learnt terms included); the top papers.
fn rank(
    service: &mut RecommendService,
    papers: usize,
    positives: &[usize],
) -> Result<Vec<usize>, String> {
    let request = WorkerRequest::Rank {
        generation: 1,
        job: 1,
        positives: positives.iter().map(|&p| p as u32).collect(),
    };
    match ask(service, request, None).pop() {
        Some((WorkerReply::Ranked { .. }, Some(bytes))) => {
            let payload = RankingPayload::from_bytes(&bytes, papers).map_err(|e| e.to_string())?;
            let mut order: Vec<usize> = (0..papers).filter(|i| !positives.contains(i)).collect();
            order.sort_by(|&a, &b| {
                payload.scores[b]
                    .total_cmp(&payload.scores[a])
                    .then(a.cmp(&b))
            });
            order.truncate(TOP);
            Ok(order)
        }
        Some((WorkerReply::Failed { message, .. }, _)) => Err(message),
        other => Err(format!("the ranking ended with {other:?}")),
    }
}

fn samples(values: &[f64]) -> String {
    values
        .iter()
        .map(|v| format!("{v:.3}"))
        .collect::<Vec<_>>()
        .join(",")
}

fn run(args: &Args) -> Result<(), String> {
    let bytes = std::fs::read(&args.file)
        .map_err(|e| format!("cannot read {}: {e}", args.file.display()))?;
    let parsed = parse_feed(&bytes).map_err(|e| e.to_string())?;
    drop(bytes);
    let papers: Vec<Arc<Paper>> = parsed.feed.papers.into_iter().map(Arc::new).collect();
    if papers.is_empty() {
        return Err(format!("{} holds no papers", args.file.display()));
    }
    let sets = positive_sets(&papers, args.sets);
    write_docs(args, &papers, &sets)?;
    eprintln!(
        "recommend_bench: {} papers, {} positive sets, {} rounds",
        papers.len(),
        sets.len(),
        args.runs
    );
    let (mut vectorise_ms, mut rank_ms) = (Vec::new(), Vec::new());
    let mut last = None;
    for round in 0..=args.runs {
        let mut service = RecommendService::default();
        let started = Instant::now();
        let (bytes, features) = build_index(&mut service, &papers)?;
        let built = started.elapsed().as_secs_f64() * 1e3;
        let mut tops = Vec::new();
        let mut ranks = Vec::new();
        for set in &sets {
            let started = Instant::now();
            tops.push(rank(&mut service, papers.len(), set)?);
            ranks.push(started.elapsed().as_secs_f64() * 1e3);
        }
        // The first round warms the allocator and the caches.
        if round > 0 {
            vectorise_ms.push(built);
            rank_ms.extend(ranks);
        }
        last = Some((bytes, features, tops));
    }
    let Some((bytes, features, tops)) = last else {
        return Err("no round ran".into());
    };
    println!("papers\t{}", papers.len());
    println!("features\t{features}");
    println!("bytes\t{bytes}");
    println!("vectorise_ms\t{}", samples(&vectorise_ms));
    println!("rank_ms\t{}", samples(&rank_ms));
    for (set, top) in tops.iter().enumerate() {
        let list: Vec<String> = top.iter().map(usize::to_string).collect();
        println!("top\t{set}\t{}", list.join(" "));
    }
    Ok(())
}

fn main() -> ExitCode {
    match parse_args().and_then(|args| run(&args)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("recommend_bench: {message}");
            ExitCode::FAILURE
        }
    }
}
