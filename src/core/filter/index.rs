//! What the engine precomputes once per loaded feed, so each keystroke only scans folded
//! strings: folded text fields, author keys, and author statistics for autocomplete.

use std::collections::HashMap;

use crate::core::feed::{Date, Paper};
use std::borrow::Borrow;

use super::text_index::TextIndex;
use crate::core::search::{fold_into, name_key, Spellings};

/// Folded searchable text of one paper.
#[derive(Clone, Debug, Default)]
pub struct PaperText {
    pub title: String,
    /// Author names, folded, separated by "; ".
    pub authors: String,
    /// Abstract, comment, journal ref and ids, folded.
    pub body: String,
    /// One [`name_key`] per author, in order.
    pub author_keys: Vec<String>,
}

/// One person across the feed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AuthorStat {
    pub key: String,
    /// The spelling the feed uses most often (first seen on ties).
    pub name: String,
    pub papers: usize,
}

#[derive(Clone, Debug, Default)]
pub struct FeedIndex {
    pub texts: Vec<PaperText>,
    /// The words of `texts`, for the search box.
    pub words: TextIndex,
    /// Most papers first, then by name.
    pub authors: Vec<AuthorStat>,
    /// Per paper, its distinct authors as positions in `authors`, for counting facets
    /// without hashing names.
    pub author_ids: Vec<Vec<u32>>,
    /// Every category listed in the feed, and per paper its categories as positions in it.
    pub categories: Vec<String>,
    pub category_ids: Vec<Vec<u32>>,
    author_positions: HashMap<String, usize>,
    /// The newest published or updated day in the feed: date presets count back from it.
    pub newest: Option<Date>,
}

impl FeedIndex {
    pub fn build<P: Borrow<Paper>>(papers: &[P]) -> FeedIndex {
        let mut texts = Vec::with_capacity(papers.len());
        let mut spellings: HashMap<String, (Spellings, usize)> = HashMap::new();
        let mut order: Vec<String> = Vec::new();
        let mut newest = None;
        for paper in papers {
            let paper: &Paper = paper.borrow();
            texts.push(paper_text(paper));
            let mut seen_in_paper: Vec<String> = Vec::new();
            for author in &paper.authors {
                let key = name_key(&author.name);
                if key.is_empty() || seen_in_paper.contains(&key) {
                    continue;
                }
                seen_in_paper.push(key.clone());
                let entry = spellings.entry(key.clone()).or_insert_with(|| {
                    order.push(key);
                    (Spellings::default(), 0)
                });
                entry.1 += 1;
                entry.0.add(&author.name);
            }
            for stamp in [paper.published, paper.updated].into_iter().flatten() {
                let day = stamp.date();
                if newest.is_none_or(|current| day > current) {
                    newest = Some(day);
                }
            }
        }
        let mut authors: Vec<AuthorStat> = order
            .into_iter()
            .filter_map(|key| {
                let (names, papers) = spellings.remove(&key)?;
                let name = names.most_frequent()?.to_string();
                Some(AuthorStat { key, name, papers })
            })
            .collect();
        authors.sort_by(|a, b| b.papers.cmp(&a.papers).then_with(|| a.key.cmp(&b.key)));
        let author_positions: HashMap<String, usize> = authors
            .iter()
            .enumerate()
            .map(|(i, a)| (a.key.clone(), i))
            .collect();
        let author_ids = texts
            .iter()
            .map(|text| {
                let mut ids: Vec<u32> = Vec::with_capacity(text.author_keys.len());
                for key in &text.author_keys {
                    if let Some(&id) = author_positions.get(key) {
                        if !ids.contains(&(id as u32)) {
                            ids.push(id as u32);
                        }
                    }
                }
                ids
            })
            .collect();
        let mut categories: Vec<String> = Vec::new();
        let mut category_positions: HashMap<&str, u32> = HashMap::new();
        let mut category_ids = Vec::with_capacity(papers.len());
        for paper in papers {
            let paper: &Paper = paper.borrow();
            let mut ids = Vec::with_capacity(paper.categories.len());
            for category in &paper.categories {
                let id = *category_positions
                    .entry(category.as_str())
                    .or_insert_with(|| {
                        categories.push(category.clone());
                        (categories.len() - 1) as u32
                    });
                if !ids.contains(&id) {
                    ids.push(id);
                }
            }
            category_ids.push(ids);
        }
        let words = TextIndex::build(&texts);
        FeedIndex {
            texts,
            words,
            authors,
            author_ids,
            categories,
            category_ids,
            author_positions,
            newest,
        }
    }

    /// The statistics of the author with this [`name_key`].
    pub fn author(&self, key: &str) -> Option<&AuthorStat> {
        self.author_positions.get(key).map(|&i| &self.authors[i])
    }

    /// Up to `limit` authors whose folded name contains every word of `typed`, most papers
    /// first; what the author box suggests.
    pub fn suggest_authors(&self, typed: &str, limit: usize) -> Vec<&AuthorStat> {
        let words: Vec<String> = name_key(typed).split(' ').map(str::to_string).collect();
        if words.iter().all(String::is_empty) {
            return Vec::new();
        }
        self.authors
            .iter()
            .filter(|author| words.iter().all(|w| author.key.contains(w.as_str())))
            .take(limit)
            .collect()
    }
}

fn paper_text(paper: &Paper) -> PaperText {
    let mut title = String::with_capacity(paper.title.len());
    fold_into(&paper.title, &mut title);
    let mut authors = String::new();
    let mut author_keys = Vec::with_capacity(paper.authors.len());
    for (i, author) in paper.authors.iter().enumerate() {
        if i > 0 {
            authors.push_str("; ");
        }
        fold_into(&author.name, &mut authors);
        author_keys.push(name_key(&author.name));
    }
    let mut body = String::with_capacity(paper.summary.len() + 64);
    fold_into(&paper.summary, &mut body);
    for extra in [&paper.comment, &paper.journal_ref, &paper.doi]
        .into_iter()
        .flatten()
    {
        body.push_str(" \u{1F} ");
        fold_into(extra, &mut body);
    }
    body.push_str(" \u{1F} ");
    fold_into(&paper.versioned_id(), &mut body);
    PaperText {
        title,
        authors,
        body,
        author_keys,
    }
}
