//! The pure half of fetching: proxy addresses, which addresses may be fetched, telling a web
//! page from a feed, and what a failed fetch means in words a person can act on.

use std::fmt;

use crate::core::feed::ParseError;
use crate::core::text::percent_encode_component;

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

/// Whether fewer bytes arrived than the answer announced (`Content-Length`), so it broke off
/// on the way. Some engines hand over a cut body as if it were whole; a compressed answer
/// announces its compressed size, so only an uncompressed one is judged.
pub fn body_is_short(announced: Option<&str>, encoding: Option<&str>, received: usize) -> bool {
    let compressed = encoding
        .is_some_and(|e| !e.trim().eq_ignore_ascii_case("identity") && !e.trim().is_empty());
    let announced = announced.and_then(|a| a.trim().parse::<usize>().ok());
    !compressed && announced.is_some_and(|length| received < length)
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
    use crate::core::sources::SourceKind;

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
    fn short_bodies_are_told_apart() {
        let cases = [
            (Some("100"), None, 60, true),
            (Some("100"), None, 100, false),
            (Some(" 100 "), Some("identity"), 99, true),
            (Some("100"), Some("gzip"), 60, false),
            (None, None, 0, false),
            (Some("lots"), None, 3, false),
        ];
        for (announced, encoding, received, short) in cases {
            assert_eq!(
                body_is_short(announced, encoding, received),
                short,
                "{announced:?} {encoding:?} {received}"
            );
        }
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
}
