//! Where papers come from: the embedded sample, files, pasted text, URLs. Several sources can
//! be loaded at once; their papers are merged by arXiv id (newest version wins) and each paper
//! remembers its sources. Also the pure half of fetching: proxy URLs and what a failed fetch
//! means.

use std::collections::HashMap;
use std::fmt;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::core::api::{ApiQuery, LINK_MAX, LINK_ORDER, LINK_QUERY, LINK_SORT};
use crate::core::embedded::EMBEDDED_FEED_LABEL;
use crate::core::feed::{FeedMeta, Paper, ParseError};
use crate::core::text::percent_encode_component;

/// The link parameter that names a feed address (repeatable).
pub const LINK_FEED: &str = "feed";

/// Identifies a loaded source for the session.
pub type SourceId = u32;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SourceKind {
    Embedded,
    File {
        name: String,
    },
    Pasted,
    Url {
        url: String,
    },
    /// An arXiv API query, fetched page by page.
    Query {
        query: ApiQuery,
    },
}

impl SourceKind {
    /// Whether a link can bring this source back (files and pasted text cannot travel).
    pub fn travels_in_link(&self) -> bool {
        matches!(
            self,
            SourceKind::Embedded | SourceKind::Url { .. } | SourceKind::Query { .. }
        )
    }

    /// A short description: "File: os.xml".
    pub fn label(&self) -> String {
        match self {
            SourceKind::Embedded => EMBEDDED_FEED_LABEL.to_string(),
            SourceKind::File { name } => format!("File: {name}"),
            SourceKind::Pasted => "Pasted text".to_string(),
            SourceKind::Url { url } => format!("URL: {url}"),
            SourceKind::Query { query } => query.label(),
        }
    }
}

/// One loaded feed.
#[derive(Clone, Debug, PartialEq)]
pub struct Source {
    pub id: SourceId,
    pub kind: SourceKind,
    pub meta: FeedMeta,
    /// Shared with the merged feed, so a large feed is held once.
    pub papers: Vec<Arc<Paper>>,
    /// Parse warnings, as sentences.
    pub warnings: Vec<String>,
}

/// The union of the loaded sources.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MergedFeed {
    /// In order of first appearance, one per arXiv id, the newest version.
    pub papers: Vec<Arc<Paper>>,
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
                        merged.papers[at] = Arc::clone(paper);
                    }
                }
                None => {
                    positions.insert(paper.id.clone(), merged.papers.len());
                    merged.papers.push(Arc::clone(paper));
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
    /// The server answered with an error status, and maybe how long to wait (Retry-After).
    Http {
        status: u16,
        retry_after: Option<String>,
    },
    /// No answer within `seconds`.
    TimedOut { host: String, seconds: u32 },
    /// The answer started but broke off before its end.
    Interrupted { host: String },
    /// The person stopped it.
    Cancelled,
    /// The server sent a web page (an error or login page) instead of a feed.
    WebPage { host: String },
    /// The answer was not a feed.
    NotAFeed { error: ParseError },
}

impl FetchFailure {
    /// Whether trying the same request again later may work.
    pub fn is_transient(&self) -> bool {
        match self {
            FetchFailure::Offline
            | FetchFailure::Unreachable { .. }
            | FetchFailure::TimedOut { .. }
            | FetchFailure::Interrupted { .. } => true,
            FetchFailure::Http { status, .. } => matches!(status, 408 | 429 | 500..=599),
            _ => false,
        }
    }

    /// The server's Retry-After value, when it gave one.
    pub fn retry_after(&self) -> Option<&str> {
        match self {
            FetchFailure::Http { retry_after, .. } => retry_after.as_deref(),
            _ => None,
        }
    }
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
            FetchFailure::Http { status, retry_after } => match status {
                429 | 503 => {
                    write!(f, "The server is busy or rate-limiting (HTTP {status})")?;
                    let wait = retry_after.as_deref().map(str::trim).and_then(|r| r.parse::<u64>().ok());
                    if let Some(seconds) = wait {
                        write!(f, " and asks to wait {seconds} s")?;
                    }
                    f.write_str(". Wait a minute and try again; arXiv asks for at most one request every 3 seconds.")
                }
                404 => f.write_str("Nothing is at that address (HTTP 404). Check it and try again."),
                _ => write!(f, "The server answered with an error (HTTP {status})."),
            },
            FetchFailure::TimedOut { host, seconds } => write!(
                f,
                "{host} did not answer within {seconds} s. It may be overloaded; try again later."
            ),
            FetchFailure::Interrupted { host } => write!(
                f,
                "The answer from {host} broke off before it was complete. Try again."
            ),
            FetchFailure::Cancelled => f.write_str("Stopped."),
            FetchFailure::WebPage { host } => write!(
                f,
                "{host} sent a web page, not a feed (an error or sign-in page, or the wrong address). Open the address in a browser tab to see it."
            ),
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

/// Whether an answer is a web page rather than a feed, judged by its first markup (the
/// content type is not trusted either way: feeds are often served as text/html or text/plain).
pub fn looks_like_web_page(body: &[u8]) -> bool {
    let start: String = String::from_utf8_lossy(&body[..body.len().min(512)])
        .trim_start_matches('\u{feff}')
        .trim_start()
        .chars()
        .take(14)
        .collect::<String>()
        .to_ascii_lowercase();
    start.starts_with("<!doctype html") || start.starts_with("<html")
}

/// A source worth offering again next time: one a link can carry.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum RememberedSource {
    Url {
        url: String,
    },
    Query {
        aq: String,
        #[serde(default)]
        asort: Option<String>,
        #[serde(default)]
        aorder: Option<String>,
        #[serde(default)]
        amax: Option<u32>,
    },
}

impl RememberedSource {
    /// What a loaded source is remembered as (`None` for the embedded sample, files and
    /// pasted text).
    pub fn of(kind: &SourceKind) -> Option<RememberedSource> {
        match kind {
            SourceKind::Url { url } => Some(RememberedSource::Url { url: url.clone() }),
            SourceKind::Query { query } => Some(RememberedSource::Query {
                aq: query.search_query.clone(),
                asort: query.sort_by.map(|s| s.as_str().to_string()),
                aorder: query.sort_order.map(|o| o.as_str().to_string()),
                amax: Some(query.max_results),
            }),
            _ => None,
        }
    }

    /// The link parameters that load it.
    pub fn link_pairs(&self) -> Vec<(String, String)> {
        match self {
            RememberedSource::Url { url } => vec![(LINK_FEED.to_string(), url.clone())],
            RememberedSource::Query {
                aq,
                asort,
                aorder,
                amax,
            } => {
                let mut pairs = vec![(LINK_QUERY.to_string(), aq.clone())];
                pairs.extend(asort.iter().map(|v| (LINK_SORT.to_string(), v.clone())));
                pairs.extend(aorder.iter().map(|v| (LINK_ORDER.to_string(), v.clone())));
                pairs.extend(amax.iter().map(|v| (LINK_MAX.to_string(), v.to_string())));
                pairs
            }
        }
    }

    pub fn label(&self) -> String {
        match self {
            RememberedSource::Url { url } => url.clone(),
            RememberedSource::Query { aq, .. } => format!("arXiv query {aq}"),
        }
    }
}

/// The sources of the last visit, as stored on the device.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LastSources {
    pub schema: u32,
    pub sources: Vec<RememberedSource>,
}

/// Why the stored list of last sources was not used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LastSourcesError {
    Unreadable(String),
    NewerSchema(u32),
}

impl fmt::Display for LastSourcesError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LastSourcesError::Unreadable(detail) => write!(
                f,
                "The list of feeds from your last visit could not be read ({detail}); it was set aside unchanged."
            ),
            LastSourcesError::NewerSchema(schema) => write!(
                f,
                "The list of feeds from your last visit was saved by a newer version of this page (format {schema}); it was left as it is."
            ),
        }
    }
}

impl LastSources {
    pub const SCHEMA: u32 = 1;

    pub fn of(kinds: &[SourceKind]) -> LastSources {
        let mut sources: Vec<RememberedSource> = Vec::new();
        for remembered in kinds.iter().filter_map(RememberedSource::of) {
            if !sources.contains(&remembered) {
                sources.push(remembered);
            }
        }
        LastSources {
            schema: Self::SCHEMA,
            sources,
        }
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Reads the stored text; what cannot be used is dropped entry by entry only when the
    /// list itself is sound (an unknown kind of source from a newer page is skipped).
    pub fn from_json(text: &str) -> Result<LastSources, LastSourcesError> {
        let value: serde_json::Value =
            serde_json::from_str(text).map_err(|e| LastSourcesError::Unreadable(e.to_string()))?;
        let schema = value
            .get("schema")
            .and_then(serde_json::Value::as_u64)
            .ok_or_else(|| LastSourcesError::Unreadable("no format number".into()))?;
        if schema > u64::from(Self::SCHEMA) {
            return Err(LastSourcesError::NewerSchema(schema as u32));
        }
        let entries = value
            .get("sources")
            .and_then(serde_json::Value::as_array)
            .ok_or_else(|| LastSourcesError::Unreadable("no list of sources".into()))?;
        let sources = entries
            .iter()
            .filter_map(|entry| serde_json::from_value::<RememberedSource>(entry.clone()).ok())
            .filter(|source| match source {
                RememberedSource::Url { url } => is_fetchable(url),
                RememberedSource::Query { aq, .. } => !aq.trim().is_empty(),
            })
            .collect();
        Ok(LastSources {
            schema: Self::SCHEMA,
            sources,
        })
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
            papers: papers.into_iter().map(Arc::new).collect(),
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
        let busy = FetchFailure::Http {
            status: 503,
            retry_after: Some("120".into()),
        };
        assert!(busy.to_string().contains("3 seconds"), "{busy}");
        assert!(busy.to_string().contains("asks to wait 120 s"), "{busy}");
        assert!(busy.is_transient());
        assert_eq!(busy.retry_after(), Some("120"));
        assert!(!FetchFailure::Http {
            status: 404,
            retry_after: None
        }
        .is_transient());
        assert!(FetchFailure::TimedOut {
            host: "h".into(),
            seconds: 30
        }
        .to_string()
        .contains("did not answer within 30 s"));
        assert!(!FetchFailure::WebPage { host: "h".into() }
            .to_string()
            .contains("CORS"));
        assert!(SourceKind::Url { url: "x".into() }.travels_in_link());
        assert!(!SourceKind::File {
            name: "a.xml".into()
        }
        .travels_in_link());
    }

    #[test]
    fn web_pages_are_told_apart_from_feeds() {
        let cases: [(&[u8], bool); 6] = [
            (b"<!DOCTYPE html><html><body>503</body></html>", true),
            (b"\n  <html lang=en><title>Error</title>", true),
            (b"\xEF\xBB\xBF<!doctype HTML>", true),
            (
                b"<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\"/>",
                false,
            ),
            (b"<rss version=\"2.0\"><channel/></rss>", false),
            (b"", false),
        ];
        for (body, expected) in cases {
            assert_eq!(
                looks_like_web_page(body),
                expected,
                "{}",
                String::from_utf8_lossy(body)
            );
        }
    }

    #[test]
    fn last_sources_round_trip_and_refuse_what_they_cannot_use() {
        let (query, _) = ApiQuery::from_link(&[
            ("aq".to_string(), "cat:cs.OS".to_string()),
            ("asort".to_string(), "submittedDate".to_string()),
        ]);
        let kinds = vec![
            SourceKind::Embedded,
            SourceKind::Url {
                url: "https://rss.arxiv.org/rss/cs.OS".into(),
            },
            SourceKind::Pasted,
            SourceKind::Query {
                query: query.expect("query"),
            },
            SourceKind::Url {
                url: "https://rss.arxiv.org/rss/cs.OS".into(),
            },
        ];
        let last = LastSources::of(&kinds);
        assert_eq!(last.sources.len(), 2, "{last:?}");
        let back = LastSources::from_json(&last.to_json()).expect("round trip");
        assert_eq!(back, last);
        let pairs: Vec<(String, String)> =
            back.sources.iter().flat_map(|s| s.link_pairs()).collect();
        assert_eq!(
            pairs,
            [
                ("feed", "https://rss.arxiv.org/rss/cs.OS"),
                ("aq", "cat:cs.OS"),
                ("asort", "submittedDate"),
                ("amax", "2000"),
            ]
            .map(|(k, v)| (k.to_string(), v.to_string()))
        );
        // Unknown kinds and unsafe addresses are skipped; the rest is kept.
        let mixed = r#"{"schema":1,"sources":[{"kind":"url","url":"javascript:alert(1)"},{"kind":"mystery"},{"kind":"url","url":"feeds/a.xml"}]}"#;
        assert_eq!(
            LastSources::from_json(mixed).map(|l| l.sources),
            Ok(vec![RememberedSource::Url {
                url: "feeds/a.xml".into()
            }])
        );
        assert!(matches!(
            LastSources::from_json("{not json"),
            Err(LastSourcesError::Unreadable(_))
        ));
        assert_eq!(
            LastSources::from_json(r#"{"schema":7,"sources":[]}"#),
            Err(LastSourcesError::NewerSchema(7))
        );
    }
}
