//! The recommendation index of a loaded feed, and the jobs that build it and rank with it.
//!
//! Both jobs are resumable: a page calls `run` with a clock of its own and the job stops as
//! soon as the clock says its slice is used up, so neither ever holds the main thread long.

use std::sync::Arc;

use super::documents::DocumentBatch;
use super::svm::{LinearModel, SvmOptions, Trainer};
use super::vectorise::{TfidfBuilder, TfidfMatrix, VectoriserOptions};
use super::RecommendError;

/// TF-IDF vectors of a feed's papers (rows `0..feed_rows`, in the feed's order), followed by
/// those of papers that are not in the feed but train rankings all the same (favourites kept
/// from other feeds).
#[derive(Debug)]
pub struct RecommendIndex {
    matrix: TfidfMatrix,
    feed_rows: usize,
}

impl RecommendIndex {
    pub fn matrix(&self) -> &TfidfMatrix {
        &self.matrix
    }

    /// Rows `0..feed_rows()` are the feed's papers, in the feed's order.
    pub fn feed_rows(&self) -> usize {
        self.feed_rows
    }

    /// All rows: the feed's, then the others'.
    pub fn n_rows(&self) -> usize {
        self.matrix.n_rows()
    }

    /// An estimate of the heap memory held.
    pub fn bytes(&self) -> usize {
        self.matrix.bytes()
    }

    /// The terms two rows share, the most weighty (product of their TF-IDF values) first.
    pub fn shared_terms(&self, a: usize, b: usize, k: usize) -> Vec<String> {
        let (Some(row_a), Some(row_b)) = (self.matrix.row(a), self.matrix.row(b)) else {
            return Vec::new();
        };
        // Rows are not sorted by column; a map of the shorter row finds the shared ones.
        let (short, long) = if row_a.len() <= row_b.len() {
            (row_a, row_b)
        } else {
            (row_b, row_a)
        };
        let values: rustc_hash::FxHashMap<usize, f32> = short.iter().collect();
        let mut shared: Vec<(u32, f32)> = long
            .iter()
            .filter_map(|(column, value)| {
                let other = values.get(&column)?;
                Some((column as u32, value * other))
            })
            .collect();
        shared.sort_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0)));
        shared
            .into_iter()
            .take(k)
            .filter_map(|(column, _)| self.matrix.terms().get(column as usize).cloned())
            .collect()
    }
}

/// Builds a [`RecommendIndex`] from documents that arrive in batches, so the page can hand
/// them over as it gathers them (and never holds them all at once): each batch is counted as
/// it comes, and the rows are weighed once the last has arrived.
///
/// The last documents may be counted elsewhere (another worker, on another core): their
/// counts arrive in one piece after this build's own documents ([`IndexBuild::merge`]).
pub struct IndexBuild {
    builder: TfidfBuilder,
    feed_rows: usize,
    expected: usize,
    /// The documents counted here: the first ones.
    own: usize,
}

impl IndexBuild {
    /// An index of `expected` documents, the first `feed_rows` of them the feed's papers in
    /// order, and the last `counted_elsewhere` of them counted elsewhere; the vocabulary's
    /// cuts follow the corpus's size.
    pub fn new(
        feed_rows: usize,
        expected: usize,
        counted_elsewhere: usize,
    ) -> Result<IndexBuild, RecommendError> {
        if feed_rows > expected || counted_elsewhere > expected {
            return Err(RecommendError::PaperOutOfRange {
                index: feed_rows.max(counted_elsewhere),
                papers: expected,
            });
        }
        Ok(IndexBuild {
            builder: TfidfBuilder::new(&VectoriserOptions::for_corpus(expected))?,
            feed_rows,
            expected,
            own: expected - counted_elsewhere,
        })
    }

    /// Counts the documents of one more batch.
    pub fn add(&mut self, batch: &DocumentBatch) -> Result<(), RecommendError> {
        if self.builder.documents() + batch.len() > self.own {
            return Err(RecommendError::DamagedMessage);
        }
        let first = self.builder.documents() == 0;
        for i in 0..batch.len() {
            self.builder.add(batch.get(i).unwrap_or_default())?;
        }
        if first {
            self.builder
                .reserve_for(self.own - self.builder.documents());
        }
        Ok(())
    }

    /// Takes in the counts of the documents counted elsewhere
    /// ([`TfidfBuilder::into_counts`]), once this build's own are all counted.
    pub fn merge(&mut self, counts: &[u8]) -> Result<(), RecommendError> {
        if self.builder.documents() != self.own || self.own == self.expected {
            return Err(RecommendError::DamagedMessage);
        }
        self.builder.merge_counts(counts, self.expected - self.own)
    }

    /// Documents counted (here, or elsewhere and merged), of how many.
    pub fn progress(&self) -> (usize, usize) {
        (self.builder.documents(), self.expected)
    }

    /// How many of the documents are counted here.
    pub fn own(&self) -> usize {
        self.own
    }

    /// The index, once every document has arrived.
    pub fn finish(self) -> Result<RecommendIndex, RecommendError> {
        if self.builder.documents() != self.expected {
            return Err(RecommendError::DamagedMessage);
        }
        let matrix = self.builder.into_weighing()?.finish()?;
        Ok(RecommendIndex {
            matrix,
            feed_rows: self.feed_rows,
        })
    }
}

/// A finished ranking of the feed's papers.
#[derive(Clone, Debug)]
pub struct Ranked {
    pub model: LinearModel,
    /// One decision value per feed paper, in feed order; the positives have
    /// `f32::NEG_INFINITY`, so they sort last.
    pub scores: Vec<f32>,
    /// Which feed papers were positives.
    pub positives: Vec<bool>,
    pub converged: bool,
}

impl Ranked {
    /// The feed positions of the `k` best-scored papers that are not positives.
    pub fn top(&self, k: usize) -> Vec<usize> {
        let mut order: Vec<usize> = (0..self.scores.len())
            .filter(|&i| !self.positives[i])
            .collect();
        let best_first =
            |a: &usize, b: &usize| self.scores[*b].total_cmp(&self.scores[*a]).then(a.cmp(b));
        if k == 0 {
            return Vec::new();
        }
        if order.len() > k {
            order.select_nth_unstable_by(k - 1, best_first);
            order.truncate(k);
        }
        order.sort_by(best_first);
        order
    }
}

/// Trains an SVM on an index a pass at a time, then scores the feed's papers.
pub struct RankJob {
    index: Arc<RecommendIndex>,
    labels: Vec<bool>,
    /// `None` once the ranking is handed out.
    trainer: Option<Trainer>,
}

impl RankJob {
    /// `positives` are rows of `index` (see [`RecommendIndex::row_of`]).
    pub fn new(
        index: Arc<RecommendIndex>,
        positives: &[usize],
        options: &SvmOptions,
    ) -> Result<RankJob, RecommendError> {
        let rows = index.matrix.n_rows();
        if positives.is_empty() {
            return Err(RecommendError::NoPositives);
        }
        let mut labels = vec![false; rows];
        for &row in positives {
            match labels.get_mut(row) {
                Some(label) => *label = true,
                None => {
                    return Err(RecommendError::PaperOutOfRange {
                        index: row,
                        papers: rows,
                    })
                }
            }
        }
        let trainer = Trainer::new(index.matrix.matrix(), &labels, options)?;
        Ok(RankJob {
            index,
            labels,
            trainer: Some(trainer),
        })
    }

    /// Trains until `out_of_time` says to stop (asked between passes) or training is over;
    /// `None` means there is more to do (or, after the ranking was handed out, nothing).
    pub fn run(
        &mut self,
        mut out_of_time: impl FnMut() -> bool,
    ) -> Option<Result<Ranked, RecommendError>> {
        loop {
            let trainer = self.trainer.as_mut()?;
            match trainer.pass(self.index.matrix.matrix()) {
                Ok(true) => return self.finish().map(Ok),
                Ok(false) => {}
                Err(error) => return Some(Err(error)),
            }
            if out_of_time() {
                return None;
            }
        }
    }

    fn finish(&mut self) -> Option<Ranked> {
        let training = self.trainer.take()?.finish();
        let feed_rows = self.index.feed_rows;
        let positives = self.labels[..feed_rows].to_vec();
        let scores = (0..feed_rows)
            .map(|row| match (positives[row], self.index.matrix.row(row)) {
                (false, Some(entries)) => training.model.decision(entries),
                _ => f32::NEG_INFINITY,
            })
            .collect();
        Some(Ranked {
            model: training.model,
            scores,
            positives,
            converged: training.converged,
        })
    }
}
