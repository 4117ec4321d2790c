//! The feed model and its parser.
//!
//! This module only depends on `super::text`, the standard library and quick-xml, so the build
//! script can compile it on its own and refuse a malformed embedded feed at build time.

mod id;
mod parse;
mod time;

pub use id::ArxivId;
pub use parse::{is_http_url, parse_feed, ParseError, ParseWarning, ParsedFeed, MAX_FEED_BYTES};
pub use time::{Date, Timestamp};

use super::text::group_thousands;

/// One loaded feed: its metadata and its papers, in document order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Feed {
    pub meta: FeedMeta,
    pub papers: Vec<Paper>,
}

/// Which kind of document a feed came from.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum FeedFormat {
    /// An export.arxiv.org API response.
    ArxivApi,
    /// An rss.arxiv.org RSS 2.0 listing.
    ArxivRss,
    /// An rss.arxiv.org Atom listing.
    ArxivAtomListing,
    /// RSS 2.0 from another site.
    Rss,
    /// Atom 1.0 from another site.
    #[default]
    Atom,
}

impl FeedFormat {
    pub fn as_str(self) -> &'static str {
        match self {
            FeedFormat::ArxivApi => "arxiv-api",
            FeedFormat::ArxivRss => "arxiv-rss",
            FeedFormat::ArxivAtomListing => "arxiv-atom-listing",
            FeedFormat::Rss => "rss",
            FeedFormat::Atom => "atom",
        }
    }
}

/// How a listing announced a paper (`arxiv:announce_type`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AnnounceType {
    New,
    Cross,
    Replace,
    ReplaceCross,
}

impl AnnounceType {
    pub fn parse(raw: &str) -> Option<AnnounceType> {
        match raw.trim() {
            "new" => Some(AnnounceType::New),
            "cross" => Some(AnnounceType::Cross),
            "replace" => Some(AnnounceType::Replace),
            "replace-cross" => Some(AnnounceType::ReplaceCross),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            AnnounceType::New => "new",
            AnnounceType::Cross => "cross",
            AnnounceType::Replace => "replace",
            AnnounceType::ReplaceCross => "replace-cross",
        }
    }
}

/// What the feed says about itself. Every field is optional: feeds from other sites and saved
/// files omit most of them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FeedMeta {
    pub format: FeedFormat,
    pub id: Option<String>,
    pub title: Option<String>,
    pub updated: Option<Timestamp>,
    /// The request URL the feed answers (`<link>` of an API response).
    pub link: Option<String>,
    /// `search_query` of an API response, from its title or link.
    pub search_query: Option<String>,
    /// `id_list` of an API response, when non-empty.
    pub id_list: Option<String>,
    /// `opensearch:totalResults`: how many papers match the query in all.
    pub total_results: Option<u64>,
    /// `opensearch:startIndex`, 0-based.
    pub start_index: Option<u64>,
    /// `opensearch:itemsPerPage`.
    pub items_per_page: Option<u64>,
}

/// One paper (one arXiv entry).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Paper {
    /// arXiv id without version (`2604.07839`, `astro-ph/0601001`); for non-arXiv feeds, the
    /// entry's own id.
    pub id: String,
    pub version: Option<u32>,
    /// Whitespace collapsed; LaTeX kept verbatim.
    pub title: String,
    /// Whitespace collapsed; LaTeX kept verbatim.
    pub summary: String,
    pub authors: Vec<Author>,
    /// When version 1 was submitted.
    pub published: Option<Timestamp>,
    /// When this version was submitted.
    pub updated: Option<Timestamp>,
    pub primary_category: Option<String>,
    /// Every listed category, primary first when the feed names it, without duplicates.
    pub categories: Vec<String>,
    pub comment: Option<String>,
    pub journal_ref: Option<String>,
    pub doi: Option<String>,
    pub links: PaperLinks,
    /// For papers from daily listings: how they were announced.
    pub announce_type: Option<AnnounceType>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Author {
    pub name: String,
    pub affiliations: Vec<String>,
}

/// Outgoing links of a paper; only `http` and `https` URLs are ever stored.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PaperLinks {
    pub abs: Option<String>,
    pub pdf: Option<String>,
    pub doi: Option<String>,
    pub html: Option<String>,
}

impl Paper {
    /// The versioned id, e.g. `2604.07839v1`.
    pub fn versioned_id(&self) -> String {
        match self.version {
            Some(version) => format!("{}v{}", self.id, version),
            None => self.id.clone(),
        }
    }

    /// The title to show: arXiv titles can be empty in broken feeds.
    pub fn display_title(&self) -> &str {
        if self.title.is_empty() {
            "(untitled)"
        } else {
            &self.title
        }
    }

    /// "Submitted 9 Apr 2026, revised 14 Apr 2026 (v2)": when it was first submitted and, for
    /// a later version, last revised.
    pub fn dates_line(&self) -> String {
        let published = self
            .published
            .map(|t| format!("Submitted {}", t.date().short_label()));
        let revised = self
            .updated
            .filter(|_| self.version.is_some_and(|v| v > 1))
            .map(|t| {
                format!(
                    "revised {} (v{})",
                    t.date().short_label(),
                    self.version.unwrap_or(1)
                )
            });
        [published, revised]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// Whether [`Paper::id`] is an arXiv identifier (as opposed to another site's entry id).
    pub fn is_arxiv(&self) -> bool {
        ArxivId::parse(&self.id).is_some()
    }
}

impl FeedMeta {
    /// What the feed is about, for its heading: the arXiv query when there is one, else the
    /// feed's own title.
    pub fn heading(&self) -> String {
        if let Some(query) = &self.search_query {
            return query.clone();
        }
        if let Some(ids) = &self.id_list {
            return format!("id_list: {ids}");
        }
        self.title
            .clone()
            .unwrap_or_else(|| "Untitled feed".to_string())
    }

    /// "15 of 1,379 results (106–120)" for a page of a larger query, "15 results" otherwise.
    pub fn results_label(&self, papers_in_feed: usize) -> String {
        let count = group_thousands(papers_in_feed as u64);
        let noun = if papers_in_feed == 1 {
            "result"
        } else {
            "results"
        };
        match self.total_results {
            Some(total) if total > papers_in_feed as u64 => {
                let range = self
                    .result_range(papers_in_feed)
                    .map(|(first, last)| {
                        format!(" ({}–{})", group_thousands(first), group_thousands(last))
                    })
                    .unwrap_or_default();
                format!("{count} of {} results{range}", group_thousands(total))
            }
            _ => format!("{count} {noun}"),
        }
    }

    /// The 1-based range of results this feed holds within the whole query, e.g. 106–120,
    /// when the feed states its start index.
    pub fn result_range(&self, papers_in_feed: usize) -> Option<(u64, u64)> {
        let start = self.start_index?;
        let count = papers_in_feed as u64;
        (count > 0).then_some((start + 1, start + count))
    }
}

/// Papers for unit tests elsewhere in `core`.
#[cfg(test)]
pub(crate) fn paper_by(authors: &[&str]) -> Paper {
    Paper {
        authors: authors
            .iter()
            .map(|name| Author {
                name: name.to_string(),
                ..Author::default()
            })
            .collect(),
        ..Paper::default()
    }
}
