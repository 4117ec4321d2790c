//! Where papers come from: the embedded sample, files, pasted text, URLs. Several sources can
//! be loaded at once; their papers are merged by arXiv id (newest version wins) and each paper
//! remembers its sources. Also the pure half of fetching: proxy URLs and what a failed fetch
//! means.

use std::collections::HashMap;
use std::fmt;

use crate::core::embedded::EMBEDDED_FEED_LABEL;
use crate::core::feed::{FeedMeta, Paper, ParseError};
use crate::core::text::percent_encode_component;

/// Identifies a loaded source for the session.
pub type SourceId = u32;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SourceKind {
    Embedded,
    File { name: String },
    Pasted,
    Url { url: String },
}

impl SourceKind {
    /// Whether a link can bring this source back (files and pasted text cannot travel).
    pub fn travels_in_link(&self) -> bool {
        matches!(self, SourceKind::Embedded | SourceKind::Url { .. })
    }

    /// A short description: "File: os.xml".
    pub fn label(&self) -> String {
        match self {
            SourceKind::Embedded => EMBEDDED_FEED_LABEL.to_string(),
            SourceKind::File { name } => format!("File: {name}"),
            SourceKind::Pasted => "Pasted text".to_string(),
            SourceKind::Url { url } => format!("URL: {url}"),
        }
    }
}

/// One loaded feed.
#[derive(Clone, Debug, PartialEq)]
pub struct Source {
    pub id: SourceId,
    pub kind: SourceKind,
    pub meta: FeedMeta,
    pub papers: Vec<Paper>,
    /// Parse warnings, as sentences.
    pub warnings: Vec<String>,
}

/// The union of the loaded sources.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MergedFeed {
    /// In order of first appearance, one per arXiv id, the newest version.
    pub papers: Vec<Paper>,
    /// Paper id → the sources that hold it, in load order.
    pub origins: HashMap<String, Vec<SourceId>>,
}

/// Merges sources in order; a later source's newer version of a paper replaces the older one
/// in place.
pub fn merge_sources(sources: &[Source]) -> MergedFeed {
    let mut merged = MergedFeed::default();
    let mut positions: HashMap<String, usize> = HashMap::new();
    for source in sources {
        for paper in &source.papers {
            let origins = merged.origins.entry(paper.id.clone()).or_default();
            if !origins.contains(&source.id) {
                origins.push(source.id);
            }
            match positions.get(&paper.id) {
                Some(&at) => {
                    if paper.version > merged.papers[at].version {
                        merged.papers[at] = paper.clone();
                    }
                }
                None => {
                    positions.insert(paper.id.clone(), merged.papers.len());
                    merged.papers.push(paper.clone());
                }
            }
        }
    }
    merged
}

/// Why a proxy template cannot be used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ProxyError {
    MissingPlaceholder,
    NotHttp,
}

impl fmt::Display for ProxyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ProxyError::MissingPlaceholder => f.write_str(
                "The proxy address needs {url} where the feed's address goes, e.g. https://proxy.example/?url={url}",
            ),
            ProxyError::NotHttp => {
                f.write_str("The proxy address must start with https:// (or http://).")
            }
        }
    }
}

/// Checks a proxy template such as `https://proxy.example/?url={url}`.
pub fn validate_proxy(template: &str) -> Result<(), ProxyError> {
    let template = template.trim();
    let lower = template.to_ascii_lowercase();
    if !(lower.starts_with("https://") || lower.starts_with("http://")) {
        return Err(ProxyError::NotHttp);
    }
    if !template.contains("{url}") {
        return Err(ProxyError::MissingPlaceholder);
    }
    Ok(())
}

/// The address to fetch `url` through the proxy `template` (the feed's address encoded as
/// one query component).
pub fn apply_proxy(template: &str, url: &str) -> Result<String, ProxyError> {
    validate_proxy(template)?;
    let encoded = percent_encode_component(url)
        .replace(':', "%3A")
        .replace('/', "%2F")
        .replace(',', "%2C")
        .replace('@', "%40");
    Ok(template.trim().replace("{url}", &encoded))
}

/// What went wrong loading a URL, diagnosed as precisely as a page can.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FetchFailure {
    /// The address is not an absolute http(s) URL or a path on this site.
    BadAddress,
    /// The browser is offline.
    Offline,
    /// Nothing answered (DNS, refused connection, TLS): the server could not be reached.
    Unreachable { host: String },
    /// The server answered, but does not let other sites' pages read its answer.
    CorsBlocked { host: String },
    /// The server answered with an error status.
    Http { status: u16 },
    /// The answer was not a feed.
    NotAFeed { error: ParseError },
}

impl fmt::Display for FetchFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FetchFailure::BadAddress => f.write_str(
                "That is not a web address. Give a full https:// address of an Atom or RSS feed.",
            ),
            FetchFailure::Offline => f.write_str(
                "This device is offline. Connect and try again, or open a saved feed file.",
            ),
            FetchFailure::Unreachable { host } => write!(
                f,
                "{host} could not be reached (it may not exist, or the network blocks it). Check the address and try again."
            ),
            FetchFailure::CorsBlocked { host } => write!(
                f,
                "{host} answered, but does not allow web pages on other sites to read its feeds (it sends no CORS header; export.arxiv.org has not since Nov 2025). Set a CORS proxy below, or save the feed with your browser and open the file here."
            ),
            FetchFailure::Http { status } => match status {
                429 | 503 => write!(
                    f,
                    "The server is busy or rate-limiting (HTTP {status}). Wait a minute and try again; arXiv asks for at most one request every 3 seconds."
                ),
                404 => f.write_str("Nothing is at that address (HTTP 404). Check it and try again."),
                _ => write!(f, "The server answered with an error (HTTP {status})."),
            },
            FetchFailure::NotAFeed { error } => write!(f, "The answer is not a feed: {error}"),
        }
    }
}

/// Whether `address` is something the page can try to fetch: an absolute http(s) URL, or a
/// relative path on this site (snapshots next to the page).
pub fn is_fetchable(address: &str) -> bool {
    let address = address.trim();
    let lower = address.to_ascii_lowercase();
    if address.is_empty() || address.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return false;
    }
    if lower.starts_with("https://") || lower.starts_with("http://") {
        return address.len() > "https://".len();
    }
    // Relative paths; refuse other schemes (javascript:, data:, file:).
    match (lower.find(':'), lower.find('/')) {
        (None, _) => true,
        (Some(colon), Some(slash)) => slash < colon,
        (Some(_), None) => false,
    }
}

/// The host part of an absolute URL, for messages.
pub fn host_of(url: &str) -> String {
    url.split_once("://")
        .map(|(_, rest)| rest)
        .unwrap_or(url)
        .split(['/', '?', '#'])
        .next()
        .unwrap_or_default()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paper(id: &str, version: u32, title: &str) -> Paper {
        Paper {
            id: id.to_string(),
            version: Some(version),
            title: title.to_string(),
            ..Paper::default()
        }
    }

    fn source(id: SourceId, papers: Vec<Paper>) -> Source {
        Source {
            id,
            kind: SourceKind::Pasted,
            meta: FeedMeta::default(),
            papers,
            warnings: Vec::new(),
        }
    }

    #[test]
    fn merge_keeps_newest_version_in_first_position_and_origins() {
        let merged = merge_sources(&[
            source(1, vec![paper("a", 1, "A v1"), paper("b", 2, "B v2")]),
            source(
                2,
                vec![
                    paper("c", 1, "C"),
                    paper("a", 3, "A v3"),
                    paper("b", 1, "B v1"),
                ],
            ),
        ]);
        let got: Vec<(&str, &str)> = merged
            .papers
            .iter()
            .map(|p| (p.id.as_str(), p.title.as_str()))
            .collect();
        assert_eq!(got, [("a", "A v3"), ("b", "B v2"), ("c", "C")]);
        assert_eq!(merged.origins["a"], [1, 2]);
        assert_eq!(merged.origins["c"], [2]);
        assert_eq!(merge_sources(&[]), MergedFeed::default());
    }

    #[test]
    fn proxy_templates() {
        assert_eq!(
            apply_proxy(
                "https://proxy.example/?url={url}",
                "https://export.arxiv.org/api/query?search_query=cat:cs.OS&max_results=10"
            ),
            Ok("https://proxy.example/?url=https%3A%2F%2Fexport.arxiv.org%2Fapi%2Fquery%3Fsearch_query%3Dcat%3Acs.OS%26max_results%3D10".to_string())
        );
        assert_eq!(
            apply_proxy("https://proxy.example/", "x"),
            Err(ProxyError::MissingPlaceholder)
        );
        assert_eq!(
            apply_proxy("javascript:{url}", "x"),
            Err(ProxyError::NotHttp)
        );
    }

    #[test]
    fn fetchable_addresses() {
        let cases = [
            ("https://rss.arxiv.org/rss/cs.OS", true),
            ("http://localhost:8000/feed.xml", true),
            ("feeds/os.xml", true),
            ("/explorer/feeds/os.xml", true),
            ("javascript:alert(1)", false),
            ("data:text/xml,<feed/>", false),
            ("file:///etc/passwd", false),
            ("https://", false),
            ("two words", false),
            ("", false),
        ];
        for (address, expected) in cases {
            assert_eq!(is_fetchable(address), expected, "{address}");
        }
    }

    #[test]
    fn failures_say_what_happened() {
        let cors = FetchFailure::CorsBlocked {
            host: host_of("https://export.arxiv.org/api/query?x=1"),
        }
        .to_string();
        assert!(
            cors.starts_with("export.arxiv.org answered, but does not allow"),
            "{cors}"
        );
        assert!(cors.contains("CORS proxy"));
        let unreachable = FetchFailure::Unreachable {
            host: "nowhere.invalid".into(),
        }
        .to_string();
        assert!(!unreachable.contains("CORS"), "{unreachable}");
        assert!(FetchFailure::Http { status: 503 }
            .to_string()
            .contains("3 seconds"));
        assert!(SourceKind::Url { url: "x".into() }.travels_in_link());
        assert!(!SourceKind::File {
            name: "a.xml".into()
        }
        .travels_in_link());
    }
}
