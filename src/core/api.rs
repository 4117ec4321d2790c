//! The arXiv query API's rules, as data: request URLs, paging within its limits, and how long
//! to wait before retrying. The fetching itself belongs to whoever does I/O.

use std::fmt;

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

/// A search field of the API (`ti:`, `au:`, …).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QueryField {
    All,
    Title,
    Author,
    Abstract,
    Comment,
    JournalRef,
    Category,
    ReportNumber,
}

impl QueryField {
    pub const ALL: [QueryField; 8] = [
        QueryField::All,
        QueryField::Title,
        QueryField::Author,
        QueryField::Abstract,
        QueryField::Comment,
        QueryField::JournalRef,
        QueryField::Category,
        QueryField::ReportNumber,
    ];

    pub fn prefix(self) -> &'static str {
        match self {
            QueryField::All => "all",
            QueryField::Title => "ti",
            QueryField::Author => "au",
            QueryField::Abstract => "abs",
            QueryField::Comment => "co",
            QueryField::JournalRef => "jr",
            QueryField::Category => "cat",
            QueryField::ReportNumber => "rn",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            QueryField::All => "All fields",
            QueryField::Title => "Title",
            QueryField::Author => "Author",
            QueryField::Abstract => "Abstract",
            QueryField::Comment => "Comment",
            QueryField::JournalRef => "Journal ref",
            QueryField::Category => "Category",
            QueryField::ReportNumber => "Report number",
        }
    }
}

/// How a row joins the rows before it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QueryOperator {
    And,
    Or,
    AndNot,
}

impl QueryOperator {
    pub fn as_str(self) -> &'static str {
        match self {
            QueryOperator::And => "AND",
            QueryOperator::Or => "OR",
            QueryOperator::AndNot => "ANDNOT",
        }
    }
}

/// One row of the query builder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QueryRow {
    pub operator: QueryOperator,
    pub field: QueryField,
    pub term: String,
}

/// Builds a `search_query` from builder rows and an optional submitted-date range (inclusive
/// days, GMT). The first row's operator is not used. Terms with spaces become quoted phrases; quotes and parentheses inside terms
/// are dropped, since the API has no way to escape them. Empty rows are skipped; `None` when
/// nothing is left.
pub fn build_search_query(
    rows: &[QueryRow],
    submitted: Option<(crate::core::feed::Date, crate::core::feed::Date)>,
) -> Option<String> {
    let mut query = String::new();
    for row in rows {
        let cleaned: String = row
            .term
            .chars()
            .filter(|c| !matches!(c, '"' | '(' | ')'))
            .collect();
        let term = crate::core::text::collapse_whitespace(&cleaned);
        if term.is_empty() {
            continue;
        }
        let value = if term.contains(' ') {
            format!("\"{term}\"")
        } else {
            term
        };
        let clause = format!("{}:{value}", row.field.prefix());
        if query.is_empty() {
            // The API cannot start with an operator: the first row's is not used (the
            // builder shows none for it).
            query = clause;
        } else {
            query = format!("({query}) {} {clause}", row.operator.as_str());
        }
    }
    if let Some((from, to)) = submitted {
        let (from, to) = (from.min(to), from.max(to));
        let range = format!(
            "submittedDate:[{:04}{:02}{:02}0000 TO {:04}{:02}{:02}2359]",
            from.year, from.month, from.day, to.year, to.month, to.day
        );
        query = if query.is_empty() {
            range
        } else {
            format!("({query}) AND {range}")
        };
    }
    (!query.is_empty()).then_some(query)
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

/// How many results a query fetches when a link or the builder does not say.
pub const DEFAULT_MAX_RESULTS: u32 = 2_000;

/// Link parameters that carry an API query.
pub const LINK_QUERY: &str = "aq";
pub const LINK_SORT: &str = "asort";
pub const LINK_ORDER: &str = "aorder";
pub const LINK_MAX: &str = "amax";

/// Why a link's API query parameters were not used as given.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum QueryLinkError {
    /// `asort`, `aorder` or `amax` without `aq`.
    MissingQuery,
    BadSort(String),
    BadOrder(String),
    BadMax(String),
}

impl fmt::Display for QueryLinkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            QueryLinkError::MissingQuery => f.write_str(
                "The link sets how to sort or how many arXiv results to fetch, but gives no query (aq=); nothing was fetched.",
            ),
            QueryLinkError::BadSort(raw) => write!(
                f,
                "The link's arXiv sort \"{raw}\" is not one of relevance, lastUpdatedDate, submittedDate; arXiv's default order is used."
            ),
            QueryLinkError::BadOrder(raw) => write!(
                f,
                "The link's arXiv sort order \"{raw}\" is not ascending or descending; arXiv's default is used."
            ),
            QueryLinkError::BadMax(raw) => write!(
                f,
                "The link's arXiv result count \"{raw}\" is not a number from 1 to {MAX_RESULTS}; {DEFAULT_MAX_RESULTS} are fetched."
            ),
        }
    }
}

impl ApiQuery {
    /// The query a link's `aq`, `asort`, `aorder` and `amax` parameters describe (`None`
    /// without `aq`), and what in them could not be used. A bad sort, order or count falls
    /// back to the default rather than losing the query.
    pub fn from_link(pairs: &[(String, String)]) -> (Option<ApiQuery>, Vec<QueryLinkError>) {
        let value = |key: &str| {
            pairs
                .iter()
                .rev()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v.trim().to_string())
        };
        let mut problems = Vec::new();
        let Some(search) = value(LINK_QUERY).filter(|q| !q.is_empty()) else {
            if value(LINK_SORT).is_some()
                || value(LINK_ORDER).is_some()
                || value(LINK_MAX).is_some()
            {
                problems.push(QueryLinkError::MissingQuery);
            }
            return (None, problems);
        };
        let mut query = ApiQuery::new(&search);
        query.max_results = DEFAULT_MAX_RESULTS;
        if let Some(raw) = value(LINK_SORT) {
            match SortBy::parse(&raw) {
                Some(sort) => query.sort_by = Some(sort),
                None => problems.push(QueryLinkError::BadSort(raw)),
            }
        }
        if let Some(raw) = value(LINK_ORDER) {
            match SortOrder::parse(&raw) {
                Some(order) => query.sort_order = Some(order),
                None => problems.push(QueryLinkError::BadOrder(raw)),
            }
        }
        if let Some(raw) = value(LINK_MAX) {
            match raw.parse::<u32>() {
                Ok(max) if (1..=MAX_RESULTS).contains(&max) => query.max_results = max,
                _ => problems.push(QueryLinkError::BadMax(raw)),
            }
        }
        query.page_size = query.page_size.min(query.max_results).max(1);
        (Some(query), problems)
    }

    /// The link parameters that bring this query back (page size does not change the
    /// results, so it stays out of links).
    pub fn link_pairs(&self) -> Vec<(String, String)> {
        let mut pairs = vec![(LINK_QUERY.to_string(), self.search_query.clone())];
        if let Some(sort) = self.sort_by {
            pairs.push((LINK_SORT.to_string(), sort.as_str().to_string()));
        }
        if let Some(order) = self.sort_order {
            pairs.push((LINK_ORDER.to_string(), order.as_str().to_string()));
        }
        if self.max_results != DEFAULT_MAX_RESULTS {
            pairs.push((LINK_MAX.to_string(), self.max_results.to_string()));
        }
        pairs
    }

    /// A short description: "arXiv query: cat:cs.OS (newest submitted first, up to 2,000)".
    pub fn label(&self) -> String {
        let order = match (self.sort_by, self.sort_order) {
            (Some(SortBy::SubmittedDate), Some(SortOrder::Ascending)) => "oldest submitted first, ",
            (Some(SortBy::SubmittedDate), _) => "newest submitted first, ",
            (Some(SortBy::LastUpdatedDate), Some(SortOrder::Ascending)) => {
                "least recently updated first, "
            }
            (Some(SortBy::LastUpdatedDate), _) => "recently updated first, ",
            (Some(SortBy::Relevance), _) => "most relevant first, ",
            (None, _) => "",
        };
        format!(
            "arXiv query: {} ({order}up to {})",
            self.search_query,
            crate::core::text::group_thousands(u64::from(self.max_results))
        )
    }
}

/// Where a paged query run stands: what to ask for next, how far it got, and how to react to
/// a failed page. The pages already fetched belong to the caller and are never dropped here.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QueryRun {
    pub query: ApiQuery,
    /// The first result of the next page.
    pub next_start: u32,
    /// The query's total as the first page reported it.
    pub total: Option<u64>,
    pub pages_done: u32,
    /// Failed attempts at the current page.
    pub failures: u32,
}

impl QueryRun {
    pub fn new(query: ApiQuery) -> QueryRun {
        QueryRun {
            query,
            next_start: 0,
            total: None,
            pages_done: 0,
            failures: 0,
        }
    }

    /// The next request's URL at `endpoint`, or `None` when every page is in.
    pub fn next_url(&self, endpoint: &str) -> Option<String> {
        let size = self.query.next_page(self.next_start, self.total)?;
        Some(self.query.page_url(endpoint, self.next_start, size))
    }

    pub fn is_done(&self) -> bool {
        self.query.next_page(self.next_start, self.total).is_none()
    }

    /// Records a fetched page and what it said the query's total is.
    pub fn page_arrived(&mut self, total_results: Option<u64>) {
        if self.total.is_none() {
            // A page without a total (not an API feed) ends the run after itself.
            self.total = Some(total_results.unwrap_or(0));
        }
        let size = self
            .query
            .next_page(self.next_start, total_results.or(self.total))
            .unwrap_or(0);
        self.next_start = self.next_start.saturating_add(size.max(1));
        self.pages_done += 1;
        self.failures = 0;
    }

    /// Records a failed attempt at the current page; the wait before trying again, or `None`
    /// when this page has used up its attempts.
    pub fn page_failed(&mut self, retry_after: Option<&str>) -> Option<u64> {
        self.failures += 1;
        retry_delay_ms(self.failures, retry_after, MIN_INTERVAL_MS)
    }

    /// Starts the current page's attempts afresh (the user asked to resume).
    pub fn resume(&mut self) {
        self.failures = 0;
    }

    /// Pages the run will take in all, once the total is known.
    pub fn pages_expected(&self) -> Option<u32> {
        let total = self.total?;
        let wanted = total.min(u64::from(self.query.max_results.min(MAX_RESULTS)));
        let size = u64::from(self.query.page_size.clamp(1, MAX_PAGE_SIZE));
        Some(wanted.div_ceil(size).max(1) as u32)
    }

    /// Papers the run will fetch in all, once the total is known.
    pub fn papers_expected(&self) -> Option<u64> {
        self.total
            .map(|t| t.min(u64::from(self.query.max_results.min(MAX_RESULTS))))
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
/// when it gives one in seconds, else `base_ms` doubled per attempt; never less than
/// `base_ms`, the spacing between requests (a `Retry-After: 0` does not make requests come
/// faster than that); `None` once the attempts are used up.
pub fn retry_delay_ms(attempt: u32, retry_after: Option<&str>, base_ms: u64) -> Option<u64> {
    if attempt >= MAX_ATTEMPTS {
        return None;
    }
    let asked = retry_after
        .and_then(|value| value.trim().parse::<u64>().ok())
        .map(|seconds| seconds.min(600) * 1_000);
    Some(
        asked
            .unwrap_or_else(|| base_ms.saturating_mul(1 << attempt.min(10)))
            .max(base_ms),
    )
}

/// Whether `listing` names rss.arxiv.org categories the way its addresses do: codes such as
/// `cs.OS`, joined with `+` (`cs.OS+cs.DC`).
pub fn is_listing(listing: &str) -> bool {
    listing.split('+').all(|category| {
        !category.is_empty()
            && category
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-')
    })
}

/// Whether `endpoint` is one of arXiv's own hosts, where its terms of use apply (at most one
/// request every [`MIN_INTERVAL_MS`]).
pub fn is_arxiv_host(endpoint: &str) -> bool {
    let rest = endpoint
        .strip_prefix("https://")
        .or_else(|| endpoint.strip_prefix("http://"))
        .unwrap_or(endpoint);
    let host = rest
        .split(['/', '?', '#'])
        .next()
        .unwrap_or_default()
        .rsplit('@')
        .next()
        .unwrap_or_default();
    let host = host
        .split(':')
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase();
    host == "arxiv.org" || host.ends_with(".arxiv.org")
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

    fn row(operator: QueryOperator, field: QueryField, term: &str) -> QueryRow {
        QueryRow {
            operator,
            field,
            term: term.to_string(),
        }
    }

    #[test]
    fn builder_rows_become_search_queries() {
        use crate::core::feed::Date;
        use QueryField::*;
        use QueryOperator::*;
        let day = |s: &str| Date::parse_iso(s).expect("date");
        // (rows, submitted-date range, expected search_query)
        type Case = (Vec<QueryRow>, Option<(Date, Date)>, Option<&'static str>);
        let cases: Vec<Case> = vec![
            (vec![row(And, Category, "cs.OS")], None, Some("cat:cs.OS")),
            (
                vec![
                    row(And, Category, "cs.OS"),
                    row(And, Title, "fault injection"),
                ],
                None,
                Some("(cat:cs.OS) AND ti:\"fault injection\""),
            ),
            (
                vec![
                    row(And, Author, "Kostic"),
                    row(Or, Author, "Maguire"),
                    row(AndNot, Abstract, "quantum"),
                ],
                None,
                Some("((au:Kostic) OR au:Maguire) ANDNOT abs:quantum"),
            ),
            (
                vec![row(And, Category, "cs.OS")],
                Some((day("2026-04-09"), day("2026-01-01"))),
                Some("(cat:cs.OS) AND submittedDate:[202601010000 TO 202604092359]"),
            ),
            (vec![row(And, Title, "  \"(x)\"  ")], None, Some("ti:x")),
            (
                vec![
                    row(AndNot, Title, "survey"),
                    row(AndNot, Abstract, "review"),
                ],
                None,
                Some("(ti:survey) ANDNOT abs:review"),
            ),
            (vec![row(And, Title, "   ")], None, None),
            (vec![], None, None),
        ];
        for (rows, dates, expected) in cases {
            assert_eq!(
                build_search_query(&rows, dates).as_deref(),
                expected,
                "{rows:?}"
            );
        }
    }

    #[test]
    fn link_parameters_round_trip() {
        let pairs = |list: &[(&str, &str)]| -> Vec<(String, String)> {
            list.iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect()
        };
        // (link pairs, expected query fields, expected problems)
        let (query, problems) = ApiQuery::from_link(&pairs(&[
            ("aq", "cat:cs.OS AND ti:kernel"),
            ("asort", "submittedDate"),
            ("aorder", "descending"),
            ("amax", "4500"),
        ]));
        assert!(problems.is_empty());
        let query = query.expect("query");
        assert_eq!(query.search_query, "cat:cs.OS AND ti:kernel");
        assert_eq!(query.sort_by, Some(SortBy::SubmittedDate));
        assert_eq!(query.sort_order, Some(SortOrder::Descending));
        assert_eq!(query.max_results, 4_500);
        let (again, _) = ApiQuery::from_link(&query.link_pairs());
        assert_eq!(again.as_ref(), Some(&query));

        let (query, problems) = ApiQuery::from_link(&pairs(&[("aq", "cat:cs.OS")]));
        let query = query.expect("query");
        assert_eq!(query.max_results, DEFAULT_MAX_RESULTS);
        assert_eq!(query.link_pairs(), pairs(&[("aq", "cat:cs.OS")]));
        assert!(problems.is_empty());

        let (query, problems) = ApiQuery::from_link(&pairs(&[
            ("aq", "au:Maguire"),
            ("asort", "newest"),
            ("aorder", "up"),
            ("amax", "99999"),
        ]));
        let query = query.expect("a bad option keeps the query");
        assert_eq!((query.sort_by, query.sort_order), (None, None));
        assert_eq!(query.max_results, DEFAULT_MAX_RESULTS);
        assert_eq!(
            problems,
            vec![
                QueryLinkError::BadSort("newest".into()),
                QueryLinkError::BadOrder("up".into()),
                QueryLinkError::BadMax("99999".into()),
            ]
        );
        let (query, problems) = ApiQuery::from_link(&pairs(&[("amax", "10")]));
        assert_eq!(query, None);
        assert_eq!(problems, vec![QueryLinkError::MissingQuery]);
        assert_eq!(ApiQuery::from_link(&pairs(&[("aq", "  ")])), (None, vec![]));
    }

    #[test]
    fn query_runs_page_and_retry() {
        let mut query = ApiQuery::new("cat:cs.OS");
        query.max_results = 12;
        query.page_size = 5;
        let mut run = QueryRun::new(query);
        let endpoint = "http://127.0.0.1:1/api";
        assert_eq!(
            run.next_url(endpoint).as_deref(),
            Some("http://127.0.0.1:1/api?search_query=cat:cs.OS&start=0&max_results=5")
        );
        assert_eq!(run.pages_expected(), None);
        run.page_arrived(Some(40));
        assert_eq!(run.pages_expected(), Some(3));
        assert_eq!(run.papers_expected(), Some(12));
        assert!(run
            .next_url(endpoint)
            .is_some_and(|u| u.ends_with("start=5&max_results=5")));
        // Two failures: the server's wait, then doubling; the page is asked for again.
        assert_eq!(run.page_failed(Some("5")), Some(5_000));
        assert_eq!(run.page_failed(None), Some(12_000));
        run.page_arrived(Some(40));
        assert_eq!(run.failures, 0);
        assert!(run
            .next_url(endpoint)
            .is_some_and(|u| u.ends_with("start=10&max_results=2")));
        run.page_arrived(Some(40));
        assert!(run.is_done());
        assert_eq!(run.next_url(endpoint), None);
        assert_eq!(run.pages_done, 3);

        // Attempts run out: the caller stops and keeps what it has; resuming starts afresh.
        let mut run = QueryRun::new(ApiQuery::new("cat:cs.OS"));
        for _ in 1..MAX_ATTEMPTS {
            assert!(run.page_failed(None).is_some());
        }
        assert_eq!(run.page_failed(None), None);
        run.resume();
        assert!(run.page_failed(None).is_some());

        // A first page that reports no total ends the run; a total of zero too.
        let mut run = QueryRun::new(ApiQuery::new("cat:cs.OS"));
        run.page_arrived(None);
        assert!(run.is_done());
        let mut run = QueryRun::new(ApiQuery::new("cat:none"));
        run.page_arrived(Some(0));
        assert!(run.is_done());
        assert_eq!(run.pages_expected(), Some(1));
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
        // Retry-After never brings the next request closer than the spacing.
        assert_eq!(retry_delay_ms(1, Some("0"), 3_000), Some(3_000));
        assert_eq!(retry_delay_ms(1, Some("1"), 3_000), Some(3_000));
        assert!(is_listing("cs.OS") && is_listing("cs.OS+cs.DC") && is_listing("hep-th"));
        assert!(
            !is_listing("")
                && !is_listing("cs.OS+")
                && !is_listing("cs OS")
                && !is_listing("cs.OS,cs.DC")
        );
        for (endpoint, arxiv) in [
            ("https://export.arxiv.org/api/query", true),
            ("http://rss.arxiv.org/rss", true),
            ("https://arxiv.org", true),
            ("https://EXPORT.ARXIV.ORG:443/api", true),
            ("http://127.0.0.1:8080/api/query", false),
            ("https://arxiv.org.example.com/api", false),
            ("https://notarxiv.org/api", false),
            ("https://mirror.example.com/arxiv.org/api", false),
        ] {
            assert_eq!(is_arxiv_host(endpoint), arxiv, "{endpoint}");
        }
        assert_eq!(
            retry_delay_ms(1, Some("Wed, 21 Oct 2026 07:28:00 GMT"), 10),
            Some(20)
        );
        assert_eq!(retry_delay_ms(MAX_ATTEMPTS, None, 3_000), None);
    }
}
