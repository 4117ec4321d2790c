//! The arXiv query API's rules, as data: request URLs, paging within its limits, and how long
//! to wait before retrying. The fetching itself belongs to whoever does I/O.

use crate::core::text::percent_encode_component;

pub const API_ENDPOINT: &str = "https://export.arxiv.org/api/query";
/// Most results one request may ask for.
pub const MAX_PAGE_SIZE: u32 = 2_000;
/// Most results one query can page through.
pub const MAX_RESULTS: u32 = 30_000;
/// The terms of use ask for at most one request every 3 seconds.
pub const MIN_INTERVAL_MS: u64 = 3_000;
/// Attempts per page before giving up (the first try plus retries).
pub const MAX_ATTEMPTS: u32 = 5;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SortBy {
    Relevance,
    LastUpdatedDate,
    SubmittedDate,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SortOrder {
    Ascending,
    Descending,
}

impl SortBy {
    pub fn parse(raw: &str) -> Option<SortBy> {
        match raw {
            "relevance" => Some(SortBy::Relevance),
            "lastUpdatedDate" => Some(SortBy::LastUpdatedDate),
            "submittedDate" => Some(SortBy::SubmittedDate),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            SortBy::Relevance => "relevance",
            SortBy::LastUpdatedDate => "lastUpdatedDate",
            SortBy::SubmittedDate => "submittedDate",
        }
    }
}

impl SortOrder {
    pub fn parse(raw: &str) -> Option<SortOrder> {
        match raw {
            "ascending" => Some(SortOrder::Ascending),
            "descending" => Some(SortOrder::Descending),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            SortOrder::Ascending => "ascending",
            SortOrder::Descending => "descending",
        }
    }
}

/// One API query, to be fetched page by page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApiQuery {
    pub search_query: String,
    pub sort_by: Option<SortBy>,
    pub sort_order: Option<SortOrder>,
    /// How many results to fetch in all (capped at [`MAX_RESULTS`]).
    pub max_results: u32,
    /// Results per request (capped at [`MAX_PAGE_SIZE`]).
    pub page_size: u32,
}

impl ApiQuery {
    pub fn new(search_query: &str) -> ApiQuery {
        ApiQuery {
            search_query: search_query.trim().to_string(),
            sort_by: None,
            sort_order: None,
            max_results: MAX_RESULTS,
            page_size: MAX_PAGE_SIZE,
        }
    }

    /// The request for results `start..start + size` at `endpoint`.
    pub fn page_url(&self, endpoint: &str, start: u32, size: u32) -> String {
        let mut url = format!(
            "{endpoint}?search_query={}&start={start}&max_results={}",
            percent_encode_component(&self.search_query),
            size.min(MAX_PAGE_SIZE)
        );
        if let Some(sort) = self.sort_by {
            url.push_str(&format!("&sortBy={}", sort.as_str()));
        }
        if let Some(order) = self.sort_order {
            url.push_str(&format!("&sortOrder={}", order.as_str()));
        }
        url
    }

    /// The size of the page starting at `start`, given how many results the query has
    /// (`None` before the first answer); `None` when there is nothing left to fetch.
    pub fn next_page(&self, start: u32, total: Option<u64>) -> Option<u32> {
        let wanted = u64::from(self.max_results.min(MAX_RESULTS));
        let limit = total.map_or(wanted, |t| t.min(wanted));
        let remaining = limit.checked_sub(u64::from(start)).filter(|r| *r > 0)?;
        Some(remaining.min(u64::from(self.page_size.clamp(1, MAX_PAGE_SIZE))) as u32)
    }
}

/// The API request that returns exactly these papers (`id_list`), e.g. to share favourites.
pub fn id_list_url(endpoint: &str, ids: &[String]) -> String {
    let list = ids.join(",");
    format!(
        "{endpoint}?id_list={}&max_results={}",
        percent_encode_component(&list),
        ids.len().min(MAX_PAGE_SIZE as usize)
    )
}

/// How long to wait before attempt `attempt` (1 = the first retry): the server's Retry-After
/// when it gives one in seconds, else `base_ms` doubled per attempt; `None` once the attempts
/// are used up.
pub fn retry_delay_ms(attempt: u32, retry_after: Option<&str>, base_ms: u64) -> Option<u64> {
    if attempt >= MAX_ATTEMPTS {
        return None;
    }
    let asked = retry_after
        .and_then(|value| value.trim().parse::<u64>().ok())
        .map(|seconds| seconds.min(600) * 1_000);
    Some(asked.unwrap_or_else(|| base_ms.saturating_mul(1 << attempt.min(10))))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_urls() {
        let mut query = ApiQuery::new("cat:cs.OS AND ti:\"fault injection\"");
        query.sort_by = Some(SortBy::SubmittedDate);
        query.sort_order = Some(SortOrder::Descending);
        assert_eq!(
            query.page_url(API_ENDPOINT, 2_000, 2_000),
            "https://export.arxiv.org/api/query?search_query=cat:cs.OS+AND+ti:%22fault+injection%22&start=2000&max_results=2000&sortBy=submittedDate&sortOrder=descending"
        );
        assert!(query
            .page_url("http://127.0.0.1:1/q", 0, 5_000)
            .ends_with("max_results=2000&sortBy=submittedDate&sortOrder=descending"));
    }

    #[test]
    fn paging_stays_within_limits() {
        let mut query = ApiQuery::new("cat:cs.OS");
        query.max_results = 4_500;
        assert_eq!(query.next_page(0, None), Some(2_000));
        assert_eq!(query.next_page(2_000, Some(1_379)), None);
        assert_eq!(query.next_page(0, Some(1_379)), Some(1_379));
        assert_eq!(query.next_page(4_000, Some(100_000)), Some(500));
        assert_eq!(query.next_page(4_500, Some(100_000)), None);
        query.max_results = 100_000;
        assert_eq!(query.next_page(29_000, Some(1_000_000)), Some(1_000));
        assert_eq!(query.next_page(30_000, Some(1_000_000)), None);
        query.page_size = 10;
        assert_eq!(query.next_page(0, Some(0)), None);
        assert_eq!(query.next_page(0, Some(25)), Some(10));
    }

    #[test]
    fn id_list_urls() {
        let ids = ["2603.25666".to_string(), "astro-ph/0601001".to_string()];
        assert_eq!(
            id_list_url(API_ENDPOINT, &ids),
            "https://export.arxiv.org/api/query?id_list=2603.25666,astro-ph/0601001&max_results=2"
        );
    }

    #[test]
    fn retry_delays() {
        assert_eq!(retry_delay_ms(1, None, 3_000), Some(6_000));
        assert_eq!(retry_delay_ms(2, None, 3_000), Some(12_000));
        assert_eq!(retry_delay_ms(1, Some("7"), 3_000), Some(7_000));
        assert_eq!(
            retry_delay_ms(1, Some("Wed, 21 Oct 2026 07:28:00 GMT"), 10),
            Some(20)
        );
        assert_eq!(retry_delay_ms(MAX_ATTEMPTS, None, 3_000), None);
    }
}
