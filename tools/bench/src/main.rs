//! `feed-bench [--runs N] [--warmup N] [--only NAME,...] FILE...`: times several parsers on the
//! same bytes, in interleaved rounds (so drift and other load hit every parser alike), and
//! prints one tab-separated line per file and parser with the median and the fastest run.
//!
//! Normally run through `cargo xtask bench`, which generates the inputs and prints the table.

// The explorer's parser, compiled from the very files the app uses (as the build script does):
// `core/feed` reaches only `super::text`, std and quick-xml, so it builds here without the UI
// crates, which keeps this benchmark quick to build.
#[allow(dead_code, unused_imports)]
#[path = "../../../src/core/text.rs"]
mod text;

#[allow(dead_code, unused_imports)]
#[path = "../../../src/core/feed/mod.rs"]
mod feed;

mod parsers;
mod scan;

use std::process::ExitCode;
use std::time::Duration;

use parsers::{Parser, PARSERS};

const USAGE: &str = "usage: feed-bench [--runs N] [--warmup N] [--only NAME,...] FILE...
parsers: raw-scan, parse-feed, roxmltree, feed-rs (and the profiling variants ns-scan, ns-text)";

struct Args {
    runs: usize,
    warmup: usize,
    only: Option<Vec<String>>,
    files: Vec<String>,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        runs: 7,
        warmup: 1,
        only: None,
        files: Vec::new(),
    };
    let mut iter = std::env::args().skip(1);
    while let Some(arg) = iter.next() {
        let mut value = |flag: &str| iter.next().ok_or(format!("`{flag}` needs a value"));
        match arg.as_str() {
            "--runs" => args.runs = number(&value("--runs")?)?.max(1),
            "--warmup" => args.warmup = number(&value("--warmup")?)?,
            "--only" => args.only = Some(value("--only")?.split(',').map(str::to_string).collect()),
            "-h" | "--help" => return Err(USAGE.to_string()),
            flag if flag.starts_with("--") => {
                return Err(format!("unknown option `{flag}`\n{USAGE}"))
            }
            file => args.files.push(file.to_string()),
        }
    }
    if args.files.is_empty() {
        return Err(USAGE.to_string());
    }
    Ok(args)
}

fn number(text: &str) -> Result<usize, String> {
    text.parse()
        .map_err(|_| format!("expected a whole number, not `{text}`"))
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(args) => args,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::FAILURE;
        }
    };
    let parsers: Vec<&Parser> = match &args.only {
        None => PARSERS.iter().filter(|p| !p.variant).collect(),
        Some(names) => {
            let mut chosen = Vec::new();
            for name in names {
                match PARSERS.iter().find(|p| p.name == name) {
                    Some(parser) => chosen.push(parser),
                    None => {
                        eprintln!("unknown parser `{name}`\n{USAGE}");
                        return ExitCode::FAILURE;
                    }
                }
            }
            chosen
        }
    };
    println!("file\tparser\tbytes\truns\tmedian_ns\tmin_ns\tentries\tauthors\twarnings\terror");
    let mut failed = false;
    for file in &args.files {
        let bytes = match std::fs::read(file) {
            Ok(bytes) => bytes,
            Err(err) => {
                eprintln!("cannot read {file}: {err}");
                failed = true;
                continue;
            }
        };
        eprintln!(
            "{file}: {:.1} MB, {} parsers × {} runs",
            bytes.len() as f64 / 1e6,
            parsers.len(),
            args.runs
        );
        for line in bench_file(file, &bytes, &parsers, args.runs, args.warmup) {
            println!("{line}");
        }
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// Runs every parser `warmup + runs` times in interleaved rounds and returns one result line
/// per parser. A parser that fails is reported with its error instead of timings.
fn bench_file(
    file: &str,
    bytes: &[u8],
    parsers: &[&Parser],
    runs: usize,
    warmup: usize,
) -> Vec<String> {
    let mut times: Vec<Vec<Duration>> = vec![Vec::with_capacity(runs); parsers.len()];
    let mut outcomes = vec![None; parsers.len()];
    let mut errors: Vec<Option<String>> = vec![None; parsers.len()];
    for round in 0..warmup + runs {
        for (index, parser) in parsers.iter().enumerate() {
            if errors[index].is_some() {
                continue;
            }
            match (parser.run)(std::hint::black_box(bytes)) {
                Ok((elapsed, outcome)) => {
                    if round >= warmup {
                        times[index].push(elapsed);
                    }
                    outcomes[index] = Some(outcome);
                }
                Err(message) => errors[index] = Some(message),
            }
        }
    }
    parsers
        .iter()
        .enumerate()
        .map(|(index, parser)| {
            let mut sorted = times[index].clone();
            sorted.sort();
            let median = sorted.get(sorted.len() / 2).map_or(0, Duration::as_nanos);
            let min = sorted.first().map_or(0, Duration::as_nanos);
            let outcome = outcomes[index].unwrap_or_default();
            let error = errors[index]
                .as_deref()
                .unwrap_or("")
                .replace(['\t', '\n'], " ");
            format!(
                "{file}\t{}\t{}\t{}\t{median}\t{min}\t{}\t{}\t{}\t{error}",
                parser.name,
                bytes.len(),
                sorted.len(),
                outcome.entries,
                outcome.authors,
                outcome.warnings
            )
        })
        .collect()
}
