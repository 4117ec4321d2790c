//! Where papers come from: the embedded sample, files, pasted text, URLs, arXiv queries.
//! Several sources can be loaded at once; their papers are merged by arXiv id (newest version
//! wins) into one [`Collection`] in which each paper remembers its sources. `fetch` holds the
//! pure half of fetching, `remembered` the sources kept for the next visit.

mod describe;
mod fetch;
mod progress;
mod remembered;

pub use describe::{month_span, query_title, sources_heading, SourcesHeading};
pub use fetch::{
    apply_proxy, body_is_short, host_of, is_fetchable, looks_like_web_page, validate_proxy,
    FetchFailure, ProxyError,
};
pub use progress::{QueryActivity, QueryProgress, QueryStop, StopKind};
pub use remembered::{LastSources, LastSourcesError, RememberedSource};

use std::collections::HashMap;
use std::fmt;
use std::sync::Arc;

use crate::core::api::ApiQuery;
use crate::core::collection::Collection;
use crate::core::embedded::EMBEDDED_FEED_LABEL;
use crate::core::feed::{FeedMeta, Paper, ParseWarning};
use crate::core::text::count;
use crate::core::view_state::PASSTHROUGH_KEYS;

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

    /// "File: os.xml: 15 papers loaded."
    pub fn loaded_message(&self, papers: usize) -> String {
        format!("{}: {} loaded.", self.label(), count(papers, "paper"))
    }

    /// "File: os.xml could not be loaded. <why>"
    pub fn failed_message(&self, why: &dyn fmt::Display) -> String {
        format!("{} could not be loaded. {why}", self.label())
    }
}

/// Said after a load that used this device's copy instead of the network.
pub fn cached_copy_note(fetched_at: &str) -> String {
    format!(" (this device's copy from {fetched_at}; feeds are fetched again after a day)")
}

/// Appended to the status when the feed could not be fetched and an older copy is shown.
pub fn offline_copy_note(failure: &str, fetched_at: &str) -> String {
    format!(" (could not be fetched now — {failure} — so this is this device's copy from {fetched_at}, fetched anew when the page is next opened online)")
}

/// One loaded feed.
#[derive(Clone, Debug, PartialEq)]
pub struct Source {
    pub id: SourceId,
    pub kind: SourceKind,
    pub meta: FeedMeta,
    /// Shared with the merged feed, so a large feed is held once.
    pub papers: Vec<Arc<Paper>>,
    /// What the parser noticed, in load order.
    pub warnings: Vec<ParseWarning>,
}

/// The union of the loaded sources' papers.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MergedPapers {
    /// In order of first appearance, one per arXiv id, the newest version.
    pub papers: Vec<Arc<Paper>>,
    /// Paper id → the sources that hold it, in load order.
    pub origins: HashMap<String, Vec<SourceId>>,
}

/// Merges sources in order; a later source's newer version of a paper replaces the older one
/// in place.
pub fn merge_sources(sources: &[Source]) -> MergedPapers {
    let mut merged = MergedPapers::default();
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

/// Everything loaded, as the collection the explorer shows: papers merged by id, each with the
/// labels of the sources that hold it; the feed's own description when only one is loaded.
pub fn merged_collection(sources: &[Source]) -> Collection {
    let merged = merge_sources(sources);
    let labels: HashMap<SourceId, String> =
        sources.iter().map(|s| (s.id, s.kind.label())).collect();
    let origins = merged
        .origins
        .iter()
        .map(|(id, from)| {
            let names = from.iter().filter_map(|s| labels.get(s).cloned()).collect();
            (id.clone(), names)
        })
        .collect();
    let meta = match sources {
        [only] => only.meta.clone(),
        _ => FeedMeta::default(),
    };
    Collection::new(meta, merged.papers).with_origins(origins)
}

/// The link parameters that load these sources again: `feed=` per address, and one arXiv
/// query (a link carries one): `running` when a run has not delivered its first page yet,
/// else the most recently loaded.
pub fn link_pairs(sources: &[Source], running: Option<&ApiQuery>) -> Vec<(String, String)> {
    let mut pairs: Vec<(String, String)> = sources
        .iter()
        .filter_map(|s| match &s.kind {
            SourceKind::Url { url } => Some((LINK_FEED.to_string(), url.clone())),
            _ => None,
        })
        .collect();
    let loaded = sources.iter().rev().find_map(|s| match &s.kind {
        SourceKind::Query { query } => Some(query),
        _ => None,
    });
    if let Some(query) = running.or(loaded) {
        pairs.extend(query.link_pairs());
    }
    pairs
}

/// Replaces a view's source parameters with `pairs`.
pub fn replace_link_pairs(passthrough: &mut Vec<(String, String)>, pairs: Vec<(String, String)>) {
    passthrough.retain(|(key, _)| !PASSTHROUGH_KEYS.contains(&key.as_str()));
    passthrough.extend(pairs);
}

/// Whether some loaded source cannot be brought back by a link: a file, pasted text, or a
/// second arXiv query.
pub fn has_untravelled(sources: &[Source]) -> bool {
    let queries = sources
        .iter()
        .filter(|s| matches!(s.kind, SourceKind::Query { .. }))
        .count();
    queries > 1 || sources.iter().any(|s| !s.kind.travels_in_link())
}

/// The parse warnings worth a notice on the page, each with the source it is about; harmless
/// ones (a paper listed twice) are left to the source's own list.
pub fn page_notices(sources: &[Source]) -> Vec<String> {
    sources
        .iter()
        .flat_map(|source| {
            let label = source.kind.label();
            source
                .warnings
                .iter()
                .filter(|w| !w.is_harmless())
                .map(move |w| format!("{label}: {w}"))
        })
        .collect()
}

/// Whether link parameters name any source.
pub fn link_names_sources(pairs: &[(String, String)]) -> bool {
    pairs
        .iter()
        .any(|(key, _)| PASSTHROUGH_KEYS.contains(&key.as_str()))
}

/// The addresses of the loaded URL sources.
pub fn loaded_addresses(sources: &[Source]) -> Vec<&str> {
    sources
        .iter()
        .filter_map(|s| match &s.kind {
            SourceKind::Url { url } => Some(url.as_str()),
            _ => None,
        })
        .collect()
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
        assert_eq!(merge_sources(&[]), MergedPapers::default());
    }

    fn with_kind(mut source: Source, kind: SourceKind) -> Source {
        source.kind = kind;
        source
    }

    fn url(address: &str) -> SourceKind {
        SourceKind::Url {
            url: address.to_string(),
        }
    }

    fn query(search: &str) -> SourceKind {
        SourceKind::Query {
            query: ApiQuery::new(search),
        }
    }

    #[test]
    fn the_merged_collection_names_each_papers_sources() {
        let sources = [
            with_kind(source(1, vec![paper("a", 1, "A")]), url("https://x.test/a")),
            with_kind(
                source(2, vec![paper("a", 2, "A v2"), paper("b", 1, "B")]),
                SourceKind::File {
                    name: "b.xml".into(),
                },
            ),
        ];
        let collection = merged_collection(&sources);
        assert_eq!(collection.len(), 2);
        assert_eq!(collection.paper("a").map(|p| p.version), Some(Some(2)));
        assert_eq!(
            collection.origins_of("a"),
            ["URL: https://x.test/a", "File: b.xml"]
        );
        assert_eq!(collection.origins_of("b"), ["File: b.xml"]);
        // Several sources: no single feed's description applies.
        assert_eq!(collection.meta, FeedMeta::default());
        let mut one = source(3, vec![paper("c", 1, "C")]);
        one.meta.title = Some("cs.OS".into());
        assert_eq!(
            merged_collection(&[one]).meta.title.as_deref(),
            Some("cs.OS")
        );
        assert!(merged_collection(&[]).is_empty());
    }

    #[test]
    fn link_pairs_carry_addresses_and_one_query() {
        let pair = |k: &str, v: &str| (k.to_string(), v.to_string());
        let sources = [
            with_kind(source(1, vec![]), url("https://x.test/a")),
            with_kind(source(2, vec![]), query("cat:cs.OS")),
            with_kind(source(3, vec![]), SourceKind::Pasted),
            with_kind(source(4, vec![]), query("au:sun")),
            with_kind(source(5, vec![]), url("feeds/b.xml")),
        ];
        let pairs = link_pairs(&sources, None);
        assert_eq!(
            pairs,
            [
                pair("feed", "https://x.test/a"),
                pair("feed", "feeds/b.xml"),
                pair("aq", "au:sun"),
                pair("amax", "30000"),
            ]
        );
        let running = ApiQuery::new("ti:kernel");
        let pairs = link_pairs(&sources[..1], Some(&running));
        assert_eq!(pairs[1], pair("aq", "ti:kernel"));
        assert!(link_pairs(&[], None).is_empty());

        let mut view = vec![pair("feed", "old"), pair("x", "kept"), pair("aq", "old")];
        replace_link_pairs(&mut view, vec![pair("feed", "new")]);
        assert_eq!(view, [pair("x", "kept"), pair("feed", "new")]);
        assert!(link_names_sources(&[pair("q", "a"), pair("amax", "5")]));
        assert!(!link_names_sources(&[pair("q", "a")]));
        assert_eq!(
            loaded_addresses(&sources),
            ["https://x.test/a", "feeds/b.xml"]
        );
    }

    #[test]
    fn untravelled_sources_are_files_pasted_text_and_second_queries() {
        let cases: [(&[SourceKind], bool); 6] = [
            (&[], false),
            (&[SourceKind::Embedded], false),
            (&[SourceKind::Embedded, SourceKind::Pasted], true),
            (&[SourceKind::File { name: "a".into() }], true),
            (&[url("https://x.test/a"), query("cat:cs.OS")], false),
            (&[query("cat:cs.OS"), query("cat:cs.DC")], true),
        ];
        for (kinds, expected) in cases {
            let sources: Vec<Source> = kinds
                .iter()
                .enumerate()
                .map(|(i, k)| with_kind(source(i as u32, vec![]), k.clone()))
                .collect();
            assert_eq!(has_untravelled(&sources), expected, "{kinds:?}");
        }
    }

    #[test]
    fn load_messages_name_the_source() {
        let file = SourceKind::File {
            name: "os.xml".into(),
        };
        assert_eq!(file.loaded_message(15), "File: os.xml: 15 papers loaded.");
        assert_eq!(
            SourceKind::Pasted.loaded_message(1),
            "Pasted text: 1 paper loaded."
        );
        assert_eq!(
            file.failed_message(&"It is empty."),
            "File: os.xml could not be loaded. It is empty."
        );
        assert!(cached_copy_note("09:30").contains("copy from 09:30"));
    }

    #[test]
    fn harmless_warnings_take_no_notice() {
        let mut noisy = source(1, vec![]);
        noisy.warnings = vec![
            ParseWarning::DuplicatePaper { paper: "a".into() },
            ParseWarning::MissingTitle { paper: "b".into() },
        ];
        let mut calm = source(2, vec![]);
        calm.warnings = vec![ParseWarning::DuplicatePaper { paper: "c".into() }];
        let notices = page_notices(&[noisy, calm]);
        assert_eq!(notices.len(), 1, "{notices:?}");
        assert!(notices[0].starts_with("Pasted text: "), "{notices:?}");
        assert!(notices[0].contains('b'), "{notices:?}");
    }
}
