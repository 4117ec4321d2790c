//! `arxiv-feed`: the explorer's parser on the command line.
//!
//! `arxiv-feed inspect FILE` prints the parsed feed as JSON (schema in README.md) and exits 0;
//! a file that cannot be read or is not a feed is reported on stderr with its position, exit 1.
//! `arxiv-feed fetch (--query Q … | --listing CATS) --out DIR/NAME.xml` saves an API query or a
//! daily listing as a snapshot, merged into the history the file keeps.

mod fetch;

use std::process::ExitCode;

use arxiv_explorer::core::export::feed_json;
use arxiv_explorer::core::feed::parse_feed;

const USAGE: &str = "usage: arxiv-feed inspect FILE
       arxiv-feed fetch --query SEARCH_QUERY [--sort relevance|lastUpdatedDate|submittedDate]
                        [--order ascending|descending] [--max N] [--title TITLE]
                        [--keep-days N [--today YYYY-MM-DD]] [--keep N] [--shard-over N]
                        [--endpoint URL] [--interval-ms N] --out DIR/NAME.xml
       arxiv-feed fetch --listing CATEGORIES (cs.OS+cs.DC) [--title TITLE]
                        [--keep-days N [--today YYYY-MM-DD]] [--keep N] [--shard-over N]
                        [--endpoint URL] [--interval-ms N] --out DIR/NAME.xml";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.as_slice() {
        [command, file] if command == "inspect" => inspect(file),
        [command, rest @ ..] if command == "fetch" => match fetch::FetchOptions::parse(rest) {
            Ok(options) => match fetch::run(&options) {
                Ok(summary) => {
                    println!("{summary}");
                    ExitCode::SUCCESS
                }
                Err(error) => {
                    eprintln!("arxiv-feed: {error}");
                    ExitCode::FAILURE
                }
            },
            Err(error) => {
                eprintln!("arxiv-feed: {error}\n{USAGE}");
                ExitCode::from(2)
            }
        },
        [flag] if flag == "--help" || flag == "-h" => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        _ => {
            eprintln!("{USAGE}");
            ExitCode::from(2)
        }
    }
}

fn inspect(file: &str) -> ExitCode {
    let bytes = match std::fs::read(file) {
        Ok(bytes) => bytes,
        Err(error) => {
            eprintln!("arxiv-feed: cannot read {file}: {error}");
            return ExitCode::FAILURE;
        }
    };
    let result = parse_feed(&bytes);
    match feed_json(&result) {
        Some(value) => {
            println!("{value:#}");
            ExitCode::SUCCESS
        }
        None => {
            if let Err(error) = result {
                eprintln!("arxiv-feed: {file}: {error}");
            }
            ExitCode::FAILURE
        }
    }
}
