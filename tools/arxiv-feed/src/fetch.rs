//! `arxiv-feed fetch`: pages through an API query within arXiv's terms (≤2,000 per request,
//! requests ≥3 s apart, one at a time, backing off on 429/503), writes one merged Atom file and
//! records it in the folder's `index.json`.

use std::path::{Path, PathBuf};
use std::thread::sleep;
use std::time::{Duration, SystemTime};

use arxiv_explorer::core::api::{
    retry_delay_ms, ApiQuery, SortBy, SortOrder, API_ENDPOINT, MIN_INTERVAL_MS,
};
use arxiv_explorer::core::export::write_atom;
use arxiv_explorer::core::feed::{parse_feed, FeedMeta, Paper, Timestamp};
use arxiv_explorer::core::snapshots::{SnapshotEntry, SnapshotIndex};

pub struct FetchOptions {
    pub query: ApiQuery,
    pub out: PathBuf,
    pub endpoint: String,
    pub interval_ms: u64,
    pub title: Option<String>,
}

impl FetchOptions {
    /// Reads `--query Q [--sort F] [--order O] [--max N] --out FILE [--api URL]
    /// [--interval-ms N] [--title T]`.
    pub fn parse(args: &[String]) -> Result<FetchOptions, String> {
        let mut query = None;
        let mut sort = None;
        let mut order = None;
        let mut max = None;
        let mut out = None;
        let mut endpoint = API_ENDPOINT.to_string();
        let mut interval_ms = MIN_INTERVAL_MS;
        let mut title = None;
        let mut page_size = None;
        let mut iter = args.iter();
        while let Some(flag) = iter.next() {
            let mut value = || iter.next().cloned().ok_or(format!("{flag} needs a value"));
            match flag.as_str() {
                "--query" => query = Some(value()?),
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
                "--api" => endpoint = value()?,
                "--interval-ms" => {
                    let raw = value()?;
                    interval_ms = raw
                        .parse()
                        .map_err(|_| format!("--interval-ms {raw}: not a number"))?;
                }
                "--title" => title = Some(value()?),
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
        let query = query
            .filter(|q| !q.trim().is_empty())
            .ok_or("--query is required")?;
        let out = out.ok_or("--out DIR/NAME.xml is required")?;
        let mut api_query = ApiQuery::new(&query);
        api_query.sort_by = sort;
        api_query.sort_order = order;
        if let Some(max) = max {
            api_query.max_results = max;
        }
        if let Some(size) = page_size {
            api_query.page_size = size.max(1);
        }
        Ok(FetchOptions {
            query: api_query,
            out,
            endpoint,
            interval_ms,
            title,
        })
    }
}

/// Fetches every page; on success writes the file and the index and returns a summary.
pub fn run(options: &FetchOptions) -> Result<String, String> {
    let mut papers: Vec<Paper> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let mut first_meta: Option<FeedMeta> = None;
    let mut total: Option<u64> = None;
    let mut start: u32 = 0;
    let mut requests = 0u32;
    while let Some(size) = options.query.next_page(start, total) {
        if requests > 0 {
            sleep(Duration::from_millis(options.interval_ms));
        }
        let url = options.query.page_url(&options.endpoint, start, size);
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
    let meta = first_meta.unwrap_or_default();
    let meta = FeedMeta {
        title: Some(options.title.clone().unwrap_or_else(|| {
            format!("arXiv Query: search_query={}", options.query.search_query)
        })),
        search_query: Some(options.query.search_query.clone()),
        ..meta
    };
    let now = now();
    let atom = write_atom(&meta, &papers, now);
    write_file(&options.out, &atom)?;
    update_index(options, papers.len(), now)?;
    Ok(format!(
        "{} papers written to {} ({requests} request{})",
        papers.len(),
        options.out.display(),
        if requests == 1 { "" } else { "s" }
    ))
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

fn update_index(options: &FetchOptions, count: usize, now: Timestamp) -> Result<(), String> {
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
    index.upsert(SnapshotEntry {
        name,
        file,
        title: options
            .title
            .clone()
            .unwrap_or_else(|| options.query.search_query.clone()),
        description: format!("arXiv API query: {}", options.query.search_query),
        updated: now.to_rfc3339(),
        count,
        query: Some(options.query.search_query.clone()),
    });
    write_file(&index_path, &index.to_json_pretty())
}
