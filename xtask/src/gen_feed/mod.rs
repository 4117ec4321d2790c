//! `cargo xtask gen-feed`: deterministic, realistic arXiv API responses of any size, for
//! benchmarks and scale tests. The same entry count and seed always give the same bytes.
//!
//! The feeds follow the current API format (Nov 2025 onwards, as in `assets/seed-feed.xml`):
//! opensearch paging elements, `http://arxiv.org/abs/<id>v<n>` ids, abs/pdf/doi links,
//! `arxiv:` comments, journal refs, DOIs, primary categories and affiliations. Authors come from
//! co-author communities with cross links, so the co-author map has real structure.

mod corpus;
mod entry;
mod pools;
mod rng;
mod time;

use std::fmt::Write as _;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::process::Failure;
use crate::Options;
pub use corpus::Corpus;
pub use entry::escape;
use entry::PaperText;
use rng::Rng;

/// More entries than any use needs; keeps a typo from filling the disk.
const MAX_ENTRIES: usize = 2_000_000;

/// The query generated feeds claim to answer.
const SEARCH_QUERY: &str = "all:model";

/// `cargo xtask gen-feed --entries N [--seed S] [--out FILE] [--page-size P]`.
pub fn run(options: &Options) -> Result<(), Failure> {
    let entries = number(options, "--entries")?
        .ok_or_else(|| Failure::new("`gen-feed` needs `--entries N`"))?;
    if entries > MAX_ENTRIES {
        return Err(Failure::new(format!(
            "`--entries` is at most {MAX_ENTRIES}"
        )));
    }
    let seed = match options.get("--seed") {
        Some(value) => value
            .parse::<u64>()
            .map_err(|_| Failure::new(format!("`--seed` needs a whole number, not `{value}`")))?,
        None => 1,
    };
    let page_size = number(options, "--page-size")?;
    if page_size == Some(0) {
        return Err(Failure::new("`--page-size` must be at least 1"));
    }
    let out = options.get("--out").map(PathBuf::from);
    let corpus = Corpus::new(entries, seed);
    match (out, page_size) {
        (None, None) => {
            let stdout = std::io::stdout();
            write_page(&corpus, &mut stdout.lock(), 0, entries, entries)
                .map_err(|err| Failure::new(format!("cannot write the feed: {err}")))
        }
        (None, Some(_)) => Err(Failure::new(
            "`--page-size` writes one file per page: name them with `--out FILE`",
        )),
        (Some(out), None) => {
            write_file(&corpus, &out, 0, entries, entries)?;
            Ok(())
        }
        (Some(out), Some(page_size)) => {
            let pages = entries.div_ceil(page_size).max(1);
            for (index, path) in page_paths(&out, pages).iter().enumerate() {
                let start = index * page_size;
                let count = page_size.min(entries - start);
                write_file(&corpus, path, start, count, page_size)?;
            }
            Ok(())
        }
    }
}

/// Writes one feed file of the whole corpus (`itemsPerPage` = entry count), as the benchmark
/// inputs are; returns its size in bytes.
pub fn generate_file(entries: usize, seed: u64, out: &Path) -> Result<u64, Failure> {
    let corpus = Corpus::new(entries, seed);
    write_file(&corpus, out, 0, entries, entries)
}

/// The whole feed in memory.
#[cfg(test)]
pub fn render(entries: usize, seed: u64) -> Vec<u8> {
    let corpus = Corpus::new(entries, seed);
    let mut bytes = Vec::new();
    // Writing into a Vec cannot fail.
    let _ = write_page(&corpus, &mut bytes, 0, entries, entries);
    bytes
}

/// `feed.xml` with 15 pages → `feed-001.xml` … `feed-015.xml`.
fn page_paths(out: &Path, pages: usize) -> Vec<PathBuf> {
    let stem = out
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "feed".to_string());
    let extension = out
        .extension()
        .map(|e| format!(".{}", e.to_string_lossy()))
        .unwrap_or_default();
    let width = pages.to_string().len().max(3);
    (1..=pages)
        .map(|page| out.with_file_name(format!("{stem}-{page:0width$}{extension}")))
        .collect()
}

fn write_file(
    corpus: &Corpus,
    path: &Path,
    start: usize,
    count: usize,
    items_per_page: usize,
) -> Result<u64, Failure> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)
            .map_err(|err| Failure::new(format!("cannot create {}: {err}", parent.display())))?;
    }
    let file = std::fs::File::create(path)
        .map_err(|err| Failure::new(format!("cannot create {}: {err}", path.display())))?;
    let mut writer = std::io::BufWriter::new(file);
    write_page(corpus, &mut writer, start, count, items_per_page)
        .and_then(|()| writer.flush())
        .map_err(|err| Failure::new(format!("cannot write {}: {err}", path.display())))?;
    let bytes = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    let size = if bytes < 100_000 {
        format!("{:.1} kB", bytes as f64 / 1e3)
    } else {
        format!("{:.1} MB", bytes as f64 / 1e6)
    };
    eprintln!("wrote {}: {count} entries, {size}", path.display());
    Ok(bytes)
}

/// Writes the API response for entries `start..start + count` of the corpus, as page
/// `start / items_per_page` of a query with `corpus.papers.len()` results.
fn write_page(
    corpus: &Corpus,
    out: &mut impl Write,
    start: usize,
    count: usize,
    items_per_page: usize,
) -> std::io::Result<()> {
    let total = corpus.papers.len();
    let mut head = String::new();
    let mut hash_rng = Rng::stream(corpus.seed, 5, start as u64);
    let hash: String = (0..27)
        .map(|_| {
            const ALPHABET: &[u8] =
                b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
            char::from(ALPHABET[hash_rng.below(ALPHABET.len())])
        })
        .collect();
    head.push_str("<?xml version='1.0' encoding='UTF-8'?>\n");
    head.push_str("<feed xmlns:opensearch=\"http://a9.com/-/spec/opensearch/1.1/\" xmlns:arxiv=\"http://arxiv.org/schemas/atom\" xmlns=\"http://www.w3.org/2005/Atom\">\n");
    let _ = writeln!(head, "  <id>https://arxiv.org/api/{hash}</id>");
    let _ = writeln!(
        head,
        "  <title>arXiv Query: search_query={SEARCH_QUERY}&amp;id_list=&amp;start={start}&amp;max_results={items_per_page}</title>"
    );
    // The response was made a few hours after the newest paper.
    let _ = writeln!(
        head,
        "  <updated>{}</updated>",
        time::rfc3339(corpus.end + 6 * 3600 + 1234)
    );
    let _ = writeln!(
        head,
        "  <link href=\"https://arxiv.org/api/query?search_query={SEARCH_QUERY}&amp;start={start}&amp;max_results={items_per_page}&amp;id_list=\" type=\"application/atom+xml\"/>"
    );
    let _ = writeln!(
        head,
        "  <opensearch:itemsPerPage>{items_per_page}</opensearch:itemsPerPage>"
    );
    let _ = writeln!(
        head,
        "  <opensearch:totalResults>{total}</opensearch:totalResults>"
    );
    let _ = writeln!(
        head,
        "  <opensearch:startIndex>{start}</opensearch:startIndex>"
    );
    out.write_all(head.as_bytes())?;

    let mut buffer = String::with_capacity(64 * 1024);
    for position in start..(start + count).min(total) {
        PaperText::new(corpus, position).write_entry(&mut buffer);
        if buffer.len() > 60 * 1024 {
            out.write_all(buffer.as_bytes())?;
            buffer.clear();
        }
    }
    buffer.push_str("</feed>\n");
    out.write_all(buffer.as_bytes())
}

fn number(options: &Options, flag: &str) -> Result<Option<usize>, Failure> {
    options
        .get(flag)
        .map(|value| {
            value
                .replace('_', "")
                .parse::<usize>()
                .map_err(|_| Failure::new(format!("`{flag}` needs a whole number, not `{value}`")))
        })
        .transpose()
}

#[cfg(test)]
mod tests;
