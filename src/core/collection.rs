//! `Collection`: the papers we have, as the explorer works on them. A parsed [`Feed`] is one
//! document as it arrived; a collection is what the page shows: the union of the loaded
//! sources (or the favourites), indexed once for search and facets, with each paper's
//! provenance.
//!
//! [`Feed`]: crate::core::feed::Feed

use std::collections::HashMap;
use std::sync::Arc;

use crate::core::feed::{FeedMeta, Paper};
use crate::core::filter::FeedIndex;

/// Papers with their search index, built once. Shared as `Arc<Collection>`: two handles are
/// "the same collection" when they point at the same value (see [`Collection::same`]), which is
/// how a reactive memo tells a new collection from a re-read of the old one without comparing
/// 30,000 papers.
pub struct Collection {
    pub meta: FeedMeta,
    pub papers: Vec<Arc<Paper>>,
    pub index: FeedIndex,
    positions: HashMap<String, usize>,
    /// Paper id → labels of the sources that hold it, in load order.
    origins: HashMap<String, Vec<String>>,
}

impl Collection {
    pub fn new<P: Into<Arc<Paper>>>(meta: FeedMeta, papers: Vec<P>) -> Collection {
        let papers: Vec<Arc<Paper>> = papers.into_iter().map(Into::into).collect();
        let index = FeedIndex::build(&papers);
        let positions = papers
            .iter()
            .enumerate()
            .map(|(i, p)| (p.id.clone(), i))
            .collect();
        Collection {
            meta,
            papers,
            index,
            positions,
            origins: HashMap::new(),
        }
    }

    /// An empty collection (before anything is loaded).
    pub fn empty() -> Collection {
        Collection::new::<Arc<Paper>>(FeedMeta::default(), Vec::new())
    }

    /// Records which sources each paper came from.
    pub fn with_origins(mut self, origins: HashMap<String, Vec<String>>) -> Collection {
        self.origins = origins;
        self
    }

    /// The paper with this arXiv id (without version).
    pub fn paper(&self, id: &str) -> Option<&Arc<Paper>> {
        self.positions.get(id).and_then(|&i| self.papers.get(i))
    }

    /// The position of the paper with this id.
    pub fn position(&self, id: &str) -> Option<usize> {
        self.positions.get(id).copied()
    }

    /// The labels of the sources that hold paper `id` (empty when unknown or not recorded).
    pub fn origins_of(&self, id: &str) -> &[String] {
        self.origins.get(id).map_or(&[], Vec::as_slice)
    }

    /// "From: File: a.xml; Pasted text", when the sources of paper `id` are known.
    pub fn provenance(&self, id: &str) -> Option<String> {
        let from = self.origins_of(id);
        (!from.is_empty()).then(|| format!("From: {}", from.join("; ")))
    }

    pub fn len(&self) -> usize {
        self.papers.len()
    }

    pub fn is_empty(&self) -> bool {
        self.papers.is_empty()
    }

    /// Whether two handles name the same collection (not an equal copy).
    pub fn same(a: &Arc<Collection>, b: &Arc<Collection>) -> bool {
        Arc::ptr_eq(a, b)
    }

    /// Whether a memo's new value is another collection than its old one, in the shape
    /// reactive memos compare with.
    pub fn changed(old: Option<&Arc<Collection>>, new: Option<&Arc<Collection>>) -> bool {
        !matches!((old, new), (Some(a), Some(b)) if Collection::same(a, b))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::feed::Author;

    fn paper(id: &str, title: &str) -> Paper {
        Paper {
            id: id.to_string(),
            title: title.to_string(),
            authors: vec![Author {
                name: "Ada Lovelace".to_string(),
                ..Author::default()
            }],
            ..Paper::default()
        }
    }

    #[test]
    fn finds_papers_by_id_and_position() {
        let collection = Collection::new(
            FeedMeta::default(),
            vec![paper("2604.00001", "One"), paper("2604.00002", "Two")],
        );
        assert_eq!(collection.len(), 2);
        assert!(!collection.is_empty());
        assert_eq!(
            collection.paper("2604.00002").map(|p| p.title.as_str()),
            Some("Two")
        );
        assert_eq!(collection.position("2604.00001"), Some(0));
        assert!(collection.paper("2604.99999").is_none());
        assert_eq!(collection.position("2604.99999"), None);
    }

    #[test]
    fn origins_are_kept_per_paper() {
        let origins = HashMap::from([(
            "2604.00001".to_string(),
            vec!["File: a.xml".to_string(), "Pasted text".to_string()],
        )]);
        let collection = Collection::new(FeedMeta::default(), vec![paper("2604.00001", "One")])
            .with_origins(origins);
        assert_eq!(
            collection.origins_of("2604.00001"),
            ["File: a.xml", "Pasted text"]
        );
        assert!(collection.origins_of("2604.00002").is_empty());
        assert_eq!(
            collection.provenance("2604.00001").as_deref(),
            Some("From: File: a.xml; Pasted text")
        );
        assert_eq!(collection.provenance("2604.00002"), None);
    }

    #[test]
    fn the_index_covers_every_paper() {
        let collection = Collection::new(
            FeedMeta::default(),
            vec![paper("2604.00001", "One"), paper("2604.00002", "Two")],
        );
        assert_eq!(collection.index.authors.len(), 1);
        assert_eq!(collection.index.authors[0].papers, 2);
    }

    #[test]
    fn sameness_is_identity_not_equality() {
        let a = Arc::new(Collection::empty());
        let b = Arc::new(Collection::empty());
        assert!(Collection::same(&a, &Arc::clone(&a)));
        assert!(!Collection::same(&a, &b));
        assert!(a.is_empty());
        assert!(!Collection::changed(Some(&a), Some(&Arc::clone(&a))));
        assert!(Collection::changed(Some(&a), Some(&b)));
        assert!(Collection::changed(None, Some(&b)));
    }
}
