//! TF-IDF vectors, as scikit-learn's `TfidfVectorizer(sublinear_tf=True, smooth_idf=True,
//! norm="l2")` computes them.

use std::collections::HashMap;

use super::sparse::{Row, SparseMatrix};
use super::tokens::{document_text, for_each_term, Scratch};
use super::RecommendError;
use crate::core::feed::Paper;

/// Which terms make the vocabulary.
#[derive(Clone, Debug, PartialEq)]
pub struct VectoriserOptions {
    /// Keep terms found in at least this many documents.
    pub min_df: usize,
    /// Keep terms found in at most this fraction of the documents, in `(0, 1]`.
    pub max_df: f64,
    /// Then keep at most this many terms, the most frequent over the whole corpus.
    pub max_features: Option<usize>,
}

impl Default for VectoriserOptions {
    /// arxiv-sanity-lite's settings.
    fn default() -> Self {
        VectoriserOptions {
            min_df: 5,
            max_df: 0.1,
            max_features: Some(20_000),
        }
    }
}

/// One unit-length TF-IDF row per document, over an alphabetically sorted vocabulary.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TfidfMatrix {
    terms: Vec<String>,
    idf: Vec<f32>,
    matrix: SparseMatrix,
}

/// Per-term counts gathered in the first pass, indexed by first-seen id.
struct Counts {
    terms: Vec<String>,
    df: Vec<u32>,
    /// Occurrences over the whole corpus, what `max_features` ranks by.
    total: Vec<u64>,
    /// Each document's `(first-seen id, occurrences)`, sorted by id.
    documents: Vec<Vec<(u32, u32)>>,
}

impl TfidfMatrix {
    /// Vectorises papers through [`document_text`].
    pub fn from_papers(
        papers: &[Paper],
        options: &VectoriserOptions,
    ) -> Result<TfidfMatrix, RecommendError> {
        TfidfMatrix::fit(papers.iter().map(document_text), options)
    }

    /// Builds the vocabulary from `documents` and vectorises them, one row each in order.
    pub fn fit<I, S>(
        documents: I,
        options: &VectoriserOptions,
    ) -> Result<TfidfMatrix, RecommendError>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        if !(options.max_df > 0.0 && options.max_df <= 1.0) {
            return Err(RecommendError::InvalidOption("max_df must lie in (0, 1]"));
        }
        if options.max_features == Some(0) {
            return Err(RecommendError::InvalidOption(
                "max_features must be positive",
            ));
        }
        let counts = count(documents)?;
        let n = counts.documents.len();
        if n == 0 {
            return Err(RecommendError::EmptyCorpus);
        }
        if counts.terms.is_empty() {
            return Err(RecommendError::EmptyVocabulary);
        }
        let max_doc_count = options.max_df * n as f64;
        if max_doc_count < options.min_df as f64 {
            return Err(RecommendError::CorpusTooSmall {
                papers: n,
                needed: papers_needed(options),
            });
        }
        let kept = keep_terms(&counts, options, max_doc_count);
        if kept.is_empty() {
            return Err(RecommendError::NoTermsLeft);
        }
        // First-seen id → final column, `u32::MAX` for dropped terms.
        let mut column_of = vec![u32::MAX; counts.terms.len()];
        let mut idf = Vec::with_capacity(kept.len());
        for (column, &id) in kept.iter().enumerate() {
            column_of[id] = u32::try_from(column).map_err(|_| RecommendError::TooLarge)?;
            let df = f64::from(counts.df[id]);
            idf.push(((1.0 + n as f64) / (1.0 + df)).ln() + 1.0);
        }
        let mut entries: Vec<(u32, f64)> = Vec::new();
        let rows = counts.documents.iter().map(|document| {
            entries.clear();
            for &(id, occurrences) in document {
                let column = column_of[id as usize];
                if column != u32::MAX {
                    let tf = 1.0 + f64::from(occurrences).ln();
                    entries.push((column, tf * idf[column as usize]));
                }
            }
            entries.sort_unstable_by_key(|&(column, _)| column);
            let norm = entries.iter().map(|(_, v)| v * v).sum::<f64>().sqrt();
            // An empty row stays empty, as scikit-learn's `normalize` leaves zero rows.
            let scale = if norm > 0.0 { 1.0 / norm } else { 0.0 };
            entries
                .iter()
                .map(|&(column, value)| (column, (value * scale) as f32))
                .collect::<Vec<_>>()
        });
        let matrix = SparseMatrix::from_rows(kept.len(), rows)?;
        let mut terms = counts.terms;
        let terms = kept
            .iter()
            .map(|&id| std::mem::take(&mut terms[id]))
            .collect();
        Ok(TfidfMatrix {
            terms,
            idf: idf.into_iter().map(|v| v as f32).collect(),
            matrix,
        })
    }

    pub fn n_rows(&self) -> usize {
        self.matrix.n_rows()
    }

    pub fn n_terms(&self) -> usize {
        self.terms.len()
    }

    /// Row `i`, or `None` past the end.
    pub fn row(&self, i: usize) -> Option<Row<'_>> {
        self.matrix.row(i)
    }

    /// The vocabulary, sorted; a column's term is `terms()[column]`.
    pub fn terms(&self) -> &[String] {
        &self.terms
    }

    /// The column of `term`, if it is in the vocabulary.
    pub fn column_of(&self, term: &str) -> Option<usize> {
        self.terms.binary_search_by(|t| t.as_str().cmp(term)).ok()
    }

    /// Each column's inverse document frequency.
    pub fn idf(&self) -> &[f32] {
        &self.idf
    }

    /// The underlying sparse matrix, what the SVM trains on.
    pub fn matrix(&self) -> &SparseMatrix {
        &self.matrix
    }

    /// An estimate of the heap memory held.
    pub fn bytes(&self) -> usize {
        let terms: usize = self
            .terms
            .iter()
            .map(|t| t.capacity() + std::mem::size_of::<String>())
            .sum();
        terms + self.idf.capacity() * std::mem::size_of::<f32>() + self.matrix.bytes()
    }
}

/// The smallest corpus for which `max_df` allows `min_df` documents.
fn papers_needed(options: &VectoriserOptions) -> usize {
    let mut needed = (options.min_df as f64 / options.max_df).ceil() as usize;
    // The division can land one off the comparison `fit` makes; settle it the same way.
    while needed > 0 && options.max_df * (needed - 1) as f64 >= options.min_df as f64 {
        needed -= 1;
    }
    while options.max_df * (needed as f64) < options.min_df as f64 {
        needed += 1;
    }
    needed
}

fn count<I, S>(documents: I) -> Result<Counts, RecommendError>
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    let mut ids: HashMap<String, u32> = HashMap::new();
    let mut counts = Counts {
        terms: Vec::new(),
        df: Vec::new(),
        total: Vec::new(),
        documents: Vec::new(),
    };
    let mut scratch = Scratch::default();
    let mut seen: Vec<u32> = Vec::new();
    let mut overflow = false;
    for document in documents {
        seen.clear();
        for_each_term(document.as_ref(), &mut scratch, |term| {
            let id = match ids.get(term) {
                Some(&id) => id,
                None => {
                    let Ok(id) = u32::try_from(counts.terms.len()) else {
                        overflow = true;
                        return;
                    };
                    ids.insert(term.to_string(), id);
                    counts.terms.push(term.to_string());
                    counts.df.push(0);
                    counts.total.push(0);
                    id
                }
            };
            seen.push(id);
        });
        if overflow {
            return Err(RecommendError::TooLarge);
        }
        seen.sort_unstable();
        let mut document: Vec<(u32, u32)> = Vec::new();
        for &id in &seen {
            match document.last_mut() {
                Some((last, occurrences)) if *last == id => *occurrences += 1,
                _ => document.push((id, 1)),
            }
        }
        for &(id, occurrences) in &document {
            counts.df[id as usize] += 1;
            counts.total[id as usize] += u64::from(occurrences);
        }
        counts.documents.push(document);
    }
    Ok(counts)
}

/// The first-seen ids of the vocabulary, in alphabetical order of their terms.
fn keep_terms(counts: &Counts, options: &VectoriserOptions, max_doc_count: f64) -> Vec<usize> {
    let mut kept: Vec<usize> = (0..counts.terms.len())
        .filter(|&id| {
            let df = counts.df[id] as usize;
            df >= options.min_df && df as f64 <= max_doc_count
        })
        .collect();
    if let Some(limit) = options.max_features {
        if kept.len() > limit {
            kept.sort_unstable_by(|&a, &b| {
                counts.total[b]
                    .cmp(&counts.total[a])
                    .then_with(|| counts.terms[a].cmp(&counts.terms[b]))
            });
            kept.truncate(limit);
        }
    }
    kept.sort_unstable_by(|&a, &b| counts.terms[a].cmp(&counts.terms[b]));
    kept
}
