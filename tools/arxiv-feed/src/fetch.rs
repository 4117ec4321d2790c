//! `arxiv-feed fetch`: pages through an API query within arXiv's terms (≤2,000 per request,
//! requests ≥3 s apart, one at a time, backing off on 429/503), or reads an rss.arxiv.org
//! listing, merges what it got into the history the file already keeps (newest version wins,
//! pruned by `--keep-days` / `--keep`), writes one Atom file and records it in the folder's
//! `index.json`. A failed fetch writes nothing, so yesterday's copy stays.

use std::path::{Path, PathBuf};
use std::thread::sleep;
use std::time::{Duration, SystemTime};

use arxiv_explorer::core::api::{
    is_arxiv_host, is_listing, retry_delay_ms, ApiQuery, SortBy, SortOrder, API_ENDPOINT,
    MIN_INTERVAL_MS,
};
use arxiv_explorer::core::export::write_atom;
use arxiv_explorer::core::feed::{parse_feed, Date, FeedMeta, Paper, Timestamp};
use arxiv_explorer::core::history::{merge_history, shard_by_month, KeepPolicy};
use arxiv_explorer::core::snapshots::{SnapshotEntry, SnapshotIndex, SnapshotShard};

/// Where rss.arxiv.org listings are read from: the categories, joined with `+`, follow.
pub const LISTING_ENDPOINT: &str = "https://rss.arxiv.org/rss/";

/// What to fetch.
pub enum FetchSource {
    /// An API query, paged.
    Query(ApiQuery),
    /// A daily listing of these categories (`cs.OS+cs.DC`).
    Listing(String),
}

pub struct FetchOptions {
    pub source: FetchSource,
    pub out: PathBuf,
    /// The API's address, or the listings' (the categories are appended).
    pub endpoint: String,
    pub interval_ms: u64,
    pub title: Option<String>,
    pub keep: KeepPolicy,
    /// Over this many papers, the history is written as monthly files in a folder named
    /// after the file (`os.xml` → `os/2026-04.xml`), so a page loads only the months it shows.
    pub shard_over: Option<usize>,
    /// The day `--keep-days` counts back from: today, unless a rebuild names another.
    pub today: Option<Date>,
}

impl FetchOptions {
    /// Reads `(--query Q [--sort F] [--order O] [--max N] | --listing CATS) --out FILE
    /// [--endpoint URL] [--interval-ms N] [--title T] [--keep-days N] [--keep N]
    /// [--today YYYY-MM-DD]`.
    pub fn parse(args: &[String]) -> Result<FetchOptions, String> {
        let mut query = None;
        let mut listing = None;
        let mut keep = KeepPolicy::default();
        let mut shard_over = None;
        let mut sort = None;
        let mut order = None;
        let mut max = None;
        let mut out = None;
        let mut endpoint = None;
        let mut interval_ms = MIN_INTERVAL_MS;
        let mut title = None;
        let mut page_size = None;
        let mut today = None;
        let mut iter = args.iter();
        while let Some(flag) = iter.next() {
            let mut value = || iter.next().cloned().ok_or(format!("{flag} needs a value"));
            match flag.as_str() {
                "--query" => query = Some(value()?),
                "--listing" => listing = Some(value()?),
                "--keep-days" => {
                    let raw = value()?;
                    keep.days = Some(
                        raw.parse()
                            .map_err(|_| format!("--keep-days {raw}: not a number"))?,
                    );
                }
                "--shard-over" => {
                    let raw = value()?;
                    shard_over = Some(
                        raw.parse::<usize>()
                            .map_err(|_| format!("--shard-over {raw}: not a number"))?
                            .max(1),
                    );
                }
                "--keep" => {
                    let raw = value()?;
                    keep.papers = Some(
                        raw.parse()
                            .map_err(|_| format!("--keep {raw}: not a number"))?,
                    );
                }
                "--sort" => {
                    let raw = value()?;
                    sort = Some(SortBy::parse(&raw).ok_or(format!(
                        "--sort {raw}: use relevance, lastUpdatedDate or submittedDate"
                    ))?);
                }
                "--order" => {
                    let raw = value()?;
                    order = Some(
                        SortOrder::parse(&raw)
                            .ok_or(format!("--order {raw}: use ascending or descending"))?,
                    );
                }
                "--max" => {
                    let raw = value()?;
                    max = Some(
                        raw.parse::<u32>()
                            .map_err(|_| format!("--max {raw}: not a number"))?,
                    );
                }
                "--out" => out = Some(PathBuf::from(value()?)),
                // `--api` is the older name.
                "--endpoint" | "--api" => endpoint = Some(value()?),
                "--interval-ms" => {
                    let raw = value()?;
                    interval_ms = raw
                        .parse()
                        .map_err(|_| format!("--interval-ms {raw}: not a number"))?;
                }
                "--title" => title = Some(value()?),
                "--today" => {
                    let raw = value()?;
                    today = Some(
                        Date::parse_iso(&raw)
                            .ok_or(format!("--today {raw}: a day as YYYY-MM-DD"))?,
                    );
                }
                // Smaller pages than the API's 2,000 (for tests and gentle refreshes).
                "--page-size" => {
                    let raw = value()?;
                    page_size = Some(
                        raw.parse::<u32>()
                            .map_err(|_| format!("--page-size {raw}: not a number"))?,
                    );
                }
                other => return Err(format!("unknown option {other}")),
            }
        }
        let out = out.ok_or("--out DIR/NAME.xml is required")?;
        let query = query.filter(|q| !q.trim().is_empty());
        let listing = listing
            .map(|l| l.trim().to_string())
            .filter(|l| !l.is_empty());
        let source = match (query, listing) {
            (Some(_), Some(_)) => return Err("give --query or --listing, not both".into()),
            (None, None) => return Err("--query or --listing is required".into()),
            (None, Some(listing)) => {
                if !is_listing(&listing) {
                    return Err(format!(
                        "--listing {listing}: categories such as cs.OS, joined with + (cs.OS+cs.DC)"
                    ));
                }
                FetchSource::Listing(listing)
            }
            (Some(query), None) => {
                let mut api_query = ApiQuery::new(&query);
                api_query.sort_by = sort;
                api_query.sort_order = order;
                if let Some(max) = max {
                    api_query.max_results = max;
                }
                if let Some(size) = page_size {
                    api_query.page_size = size.max(1);
                }
                FetchSource::Query(api_query)
            }
        };
        let endpoint = endpoint.unwrap_or_else(|| match source {
            FetchSource::Query(_) => API_ENDPOINT.to_string(),
            FetchSource::Listing(_) => LISTING_ENDPOINT.to_string(),
        });
        // arXiv's terms: one request every 3 s at most. Mirrors and test servers may go faster.
        if interval_ms < MIN_INTERVAL_MS && is_arxiv_host(&endpoint) {
            return Err(format!(
                "--interval-ms {interval_ms}: arXiv asks for at least {MIN_INTERVAL_MS} ms between requests"
            ));
        }
        Ok(FetchOptions {
            source,
            out,
            endpoint,
            interval_ms,
            title,
            keep,
            shard_over,
            today,
        })
    }

    /// What the feed is, for its title and description.
    fn describe(&self) -> (String, String) {
        match &self.source {
            FetchSource::Query(query) => (
                format!("arXiv Query: search_query={}", query.search_query),
                format!("arXiv API query: {}", query.search_query),
            ),
            FetchSource::Listing(categories) => (
                format!("{} new on arXiv", categories.replace('+', ", ")),
                format!("rss.arxiv.org listing: {categories}"),
            ),
        }
    }
}

/// Fetches the source; on success merges it into the kept history, writes the file and the
/// index and returns a summary.
pub fn run(options: &FetchOptions) -> Result<String, String> {
    let (fresh, meta, requests) = match &options.source {
        FetchSource::Query(query) => fetch_query(query, options)?,
        FetchSource::Listing(categories) => fetch_listing(categories, options)?,
    };
    let fetched = fresh.len();
    let kept = read_kept(&options.out)?;
    // The end of the given day, so papers of that day count as "0 days old".
    let now = options
        .today
        .map(|day| Timestamp(day.start().0 + 24 * 60 * 60 - 1))
        .unwrap_or_else(now);
    let merged = merge_history(kept, fresh, &options.keep, now);
    let summary = merged.summary();
    let (default_title, _) = options.describe();
    let meta = FeedMeta {
        title: Some(options.title.clone().unwrap_or(default_title)),
        search_query: match &options.source {
            FetchSource::Query(query) => Some(query.search_query.clone()),
            FetchSource::Listing(_) => None,
        },
        ..meta
    };
    let count = merged.papers.len();
    let shards = match options.shard_over {
        Some(limit) if count > limit => write_shards(options, &meta, merged.papers, now)?,
        _ => {
            write_file(&options.out, &write_atom(&meta, &merged.papers, now))?;
            remove_shards(&shard_folder(&options.out), &[])?;
            Vec::new()
        }
    };
    let shard_note = if shards.is_empty() {
        String::new()
    } else {
        format!(" in {} monthly files", shards.len())
    };
    update_index(options, count, shards, now)?;
    Ok(format!(
        "{} fetched ({requests} request{}): {}; written to {}{shard_note}",
        fetched,
        if requests == 1 { "" } else { "s" },
        summary,
        options.out.display()
    ))
}

/// What the file kept before: nothing when there is no file yet; the monthly files when the
/// history is sharded. An unreadable one is an error, so a damaged history is never silently
/// replaced by one day's listing.
fn read_kept(path: &Path) -> Result<Vec<Paper>, String> {
    let shards = shard_files(&shard_folder(path))?;
    if !shards.is_empty() {
        let mut papers = Vec::new();
        for shard in shards {
            papers.extend(read_history_file(&shard)?);
        }
        return Ok(papers);
    }
    match std::fs::metadata(path) {
        Ok(_) => read_history_file(path),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(Vec::new()),
        Err(error) => Err(format!("cannot read {}: {error}", path.display())),
    }
}

fn read_history_file(path: &Path) -> Result<Vec<Paper>, String> {
    let bytes =
        std::fs::read(path).map_err(|error| format!("cannot read {}: {error}", path.display()))?;
    parse_feed(&bytes)
        .map(|parsed| parsed.feed.papers)
        .map_err(|error| {
            format!(
                "the kept history {} cannot be read ({error}); move it away to start afresh",
                path.display()
            )
        })
}

/// `feeds/os.xml` → `feeds/os/`.
fn shard_folder(out: &Path) -> PathBuf {
    out.with_extension("")
}

/// The monthly files in `folder` (none when it does not exist).
fn shard_files(folder: &Path) -> Result<Vec<PathBuf>, String> {
    let entries = match std::fs::read_dir(folder) {
        Ok(entries) => entries,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(error) => return Err(format!("cannot read {}: {error}", folder.display())),
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "xml"))
        .collect();
    files.sort();
    Ok(files)
}

/// Removes the monthly files in `folder` other than `keep`.
fn remove_shards(folder: &Path, keep: &[PathBuf]) -> Result<(), String> {
    for file in shard_files(folder)? {
        if !keep.contains(&file) {
            std::fs::remove_file(&file)
                .map_err(|e| format!("cannot remove {}: {e}", file.display()))?;
        }
    }
    Ok(())
}

/// Writes the history as one file per month (newest first in the index), removes months no
/// longer kept and the single file it replaces; returns the shards for the index.
fn write_shards(
    options: &FetchOptions,
    meta: &FeedMeta,
    papers: Vec<Paper>,
    now: Timestamp,
) -> Result<Vec<SnapshotShard>, String> {
    let folder = shard_folder(&options.out);
    let folder_name = folder
        .file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut written = Vec::new();
    let mut shards = Vec::new();
    for (month, papers) in shard_by_month(papers) {
        let path = folder.join(format!("{month}.xml"));
        write_file(&path, &write_atom(meta, &papers, now))?;
        shards.push(SnapshotShard {
            file: format!("{folder_name}/{month}.xml"),
            month,
            count: papers.len(),
        });
        written.push(path);
    }
    remove_shards(&folder, &written)?;
    match std::fs::remove_file(&options.out) {
        Err(error) if error.kind() != std::io::ErrorKind::NotFound => {
            return Err(format!("cannot remove {}: {error}", options.out.display()))
        }
        _ => {}
    }
    Ok(shards)
}

fn fetch_query(
    query: &ApiQuery,
    options: &FetchOptions,
) -> Result<(Vec<Paper>, FeedMeta, u32), String> {
    let mut papers: Vec<Paper> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let mut first_meta: Option<FeedMeta> = None;
    let mut total: Option<u64> = None;
    let mut start: u32 = 0;
    let mut requests = 0u32;
    while let Some(size) = query.next_page(start, total) {
        if requests > 0 {
            sleep(Duration::from_millis(options.interval_ms));
        }
        let url = query.page_url(&options.endpoint, start, size);
        eprintln!(
            "arxiv-feed: fetching results {}–{}",
            start + 1,
            start + size
        );
        let body = get_with_retries(&url, options.interval_ms)?;
        requests += 1;
        let parsed = parse_feed(&body).map_err(|error| {
            format!(
                "the page starting at result {} is not usable: {error}",
                start + 1
            )
        })?;
        total = parsed.feed.meta.total_results.or(total);
        let count = parsed.feed.papers.len() as u32;
        for paper in parsed.feed.papers {
            if seen.insert(paper.id.clone()) {
                papers.push(paper);
            }
        }
        first_meta.get_or_insert(parsed.feed.meta);
        if count == 0 {
            break;
        }
        start += count;
    }
    Ok((papers, first_meta.unwrap_or_default(), requests))
}

fn fetch_listing(
    categories: &str,
    options: &FetchOptions,
) -> Result<(Vec<Paper>, FeedMeta, u32), String> {
    let url = format!("{}{categories}", options.endpoint);
    eprintln!("arxiv-feed: fetching the listing {url}");
    let body = get_with_retries(&url, options.interval_ms)?;
    let parsed =
        parse_feed(&body).map_err(|error| format!("the listing {url} is not usable: {error}"))?;
    Ok((parsed.feed.papers, parsed.feed.meta, 1))
}

fn get_with_retries(url: &str, base_ms: u64) -> Result<Vec<u8>, String> {
    let mut attempt = 0;
    loop {
        let outcome = ureq::get(url).timeout(Duration::from_secs(120)).call();
        let (retry_after, problem) = match outcome {
            Ok(response) => {
                let mut body = Vec::new();
                use std::io::Read;
                response
                    .into_reader()
                    .take(arxiv_explorer::core::feed::MAX_FEED_BYTES as u64 + 1)
                    .read_to_end(&mut body)
                    .map_err(|error| format!("reading {url}: {error}"))?;
                return Ok(body);
            }
            Err(ureq::Error::Status(status @ (429 | 500 | 502 | 503 | 504), response)) => (
                response.header("Retry-After").map(str::to_string),
                format!("HTTP {status}"),
            ),
            Err(ureq::Error::Status(400, response)) => {
                // arXiv explains bad queries in an error feed.
                return Ok(response.into_string().unwrap_or_default().into_bytes());
            }
            Err(ureq::Error::Status(status, _)) => return Err(format!("{url}: HTTP {status}")),
            Err(error) => (None, error.to_string()),
        };
        attempt += 1;
        match retry_delay_ms(attempt, retry_after.as_deref(), base_ms) {
            Some(delay) => {
                eprintln!(
                    "arxiv-feed: {problem}; retrying in {:.1} s",
                    delay as f64 / 1000.0
                );
                sleep(Duration::from_millis(delay));
            }
            None => return Err(format!("{url}: {problem}, still after {attempt} attempts")),
        }
    }
}

fn now() -> Timestamp {
    let seconds = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    Timestamp(seconds)
}

/// Writes through a temporary file and a rename, so a failure never leaves half a snapshot.
fn write_file(path: &Path, contents: &str) -> Result<(), String> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)
            .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
    }
    let temporary = path.with_extension("partial");
    std::fs::write(&temporary, contents)
        .map_err(|e| format!("cannot write {}: {e}", temporary.display()))?;
    std::fs::rename(&temporary, path).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

fn update_index(
    options: &FetchOptions,
    count: usize,
    shards: Vec<SnapshotShard>,
    now: Timestamp,
) -> Result<(), String> {
    let folder = options.out.parent().unwrap_or(Path::new("."));
    let index_path = folder.join("index.json");
    let mut index = match std::fs::read_to_string(&index_path) {
        Ok(text) => {
            SnapshotIndex::from_json(&text).map_err(|e| format!("{}: {e}", index_path.display()))?
        }
        Err(_) => SnapshotIndex::default(),
    };
    let file = options
        .out
        .file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_default();
    let name = options
        .out
        .file_stem()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_default();
    let (default_title, description) = options.describe();
    // A sharded history is opened at its newest month.
    let file = shards.first().map_or(file, |shard| shard.file.clone());
    index.upsert(SnapshotEntry {
        name,
        file,
        title: options.title.clone().unwrap_or(default_title),
        description,
        updated: now.to_rfc3339(),
        count,
        query: match &options.source {
            FetchSource::Query(query) => Some(query.search_query.clone()),
            FetchSource::Listing(_) => None,
        },
        shards,
    });
    write_file(&index_path, &index.to_json_pretty())
}
