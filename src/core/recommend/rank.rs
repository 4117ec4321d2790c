//! Ranking papers by how much they resemble chosen ones, and saying why.

use super::svm::{train, LinearModel, SvmOptions};
use super::vectorise::TfidfMatrix;
use super::RecommendError;

/// The outcome of [`rank_by_positives`].
#[derive(Clone, Debug, PartialEq)]
pub struct Ranking {
    /// The model behind the scores, for [`explain`].
    pub model: LinearModel,
    /// Every row that is not a positive, with its decision value, best first; equal values
    /// keep row order.
    pub scores: Vec<(usize, f32)>,
    /// Whether the SVM met its tolerance; the ranking is usable either way.
    pub converged: bool,
}

/// Trains an SVM with the rows `positives` against all other rows and ranks the others.
/// Repeated positives count once.
pub fn rank_by_positives(
    matrix: &TfidfMatrix,
    positives: &[usize],
    options: &SvmOptions,
) -> Result<Ranking, RecommendError> {
    let n = matrix.n_rows();
    if n == 0 {
        return Err(RecommendError::EmptyCorpus);
    }
    if positives.is_empty() {
        return Err(RecommendError::NoPositives);
    }
    let mut labels = vec![false; n];
    for &index in positives {
        match labels.get_mut(index) {
            Some(label) => *label = true,
            None => return Err(RecommendError::PaperOutOfRange { index, papers: n }),
        }
    }
    let training = train(matrix.matrix(), &labels, options)?;
    let mut scores: Vec<(usize, f32)> = labels
        .iter()
        .enumerate()
        .filter(|(_, &positive)| !positive)
        .filter_map(|(i, _)| Some((i, training.model.decision(matrix.row(i)?))))
        .collect();
    scores.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    Ok(Ranking {
        model: training.model,
        scores,
        converged: training.converged,
    })
}

/// The `k` terms of row `row` that push its decision value up the most, with their
/// contributions (weight × TF-IDF value), largest first; ties go to the alphabetically first
/// term. Terms that pull the value down are left out, so fewer than `k` can come back; a row
/// past the end gives none.
pub fn explain(
    model: &LinearModel,
    matrix: &TfidfMatrix,
    row: usize,
    k: usize,
) -> Vec<(String, f32)> {
    strongest_columns(model, matrix, row, k)
        .into_iter()
        .filter_map(|(column, contribution)| {
            Some((matrix.terms().get(column)?.clone(), contribution))
        })
        .collect()
}

/// [`explain`] by column.
fn strongest_columns(
    model: &LinearModel,
    matrix: &TfidfMatrix,
    row: usize,
    k: usize,
) -> Vec<(usize, f32)> {
    let mut best = Vec::with_capacity(k);
    if let Some(entries) = matrix.row(row) {
        strongest_into(model, entries, k, &mut best);
    }
    best
}

/// The `k` largest positive contributions of `entries`, best first (ties to the lower
/// column), kept in `best` by insertion: no allocation and no sort per row, which matters
/// when every row of a feed gets its "why".
fn strongest_into(
    model: &LinearModel,
    entries: super::sparse::Row<'_>,
    k: usize,
    best: &mut Vec<(usize, f32)>,
) {
    best.clear();
    if k == 0 {
        return;
    }
    let better = |a: (usize, f32), b: (usize, f32)| a.1 > b.1 || (a.1 == b.1 && a.0 < b.0);
    for (column, value) in entries.iter() {
        let Some(weight) = model.weights.get(column) else {
            continue;
        };
        let candidate = (column, weight * value);
        if candidate.1 <= 0.0 {
            continue;
        }
        if best.len() == k {
            match best.last() {
                Some(&last) if better(candidate, last) => {
                    best.pop();
                }
                _ => continue,
            }
        }
        let at = best
            .iter()
            .position(|&held| better(candidate, held))
            .unwrap_or(best.len());
        best.insert(at, candidate);
    }
}

/// No term: the padding of [`why_columns`].
pub const NO_TERM: u32 = u32::MAX;

/// [`explain`]'s columns for each of the first `rows` rows, `k` per row, padded with
/// [`NO_TERM`]: every row's "why" at once, to hand over with a ranking.
pub fn why_columns(model: &LinearModel, matrix: &TfidfMatrix, rows: usize, k: usize) -> Vec<u32> {
    let mut out = Vec::with_capacity(rows * k);
    let mut best = Vec::with_capacity(k);
    for row in 0..rows {
        match matrix.row(row) {
            Some(entries) => strongest_into(model, entries, k, &mut best),
            None => best.clear(),
        }
        out.extend(best.iter().map(|&(column, _)| column as u32));
        out.extend(std::iter::repeat_n(NO_TERM, k - best.len()));
    }
    out
}

/// What a model has learnt, in words: the terms with the largest weights for, and against.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Learnt {
    /// Most positive weight first.
    pub liked: Vec<String>,
    /// Most negative weight first.
    pub disliked: Vec<String>,
}

impl Learnt {
    /// The learnt terms as a line under the ranking; `None` when nothing was learnt.
    pub fn sentence(&self) -> Option<String> {
        match (self.liked.is_empty(), self.disliked.is_empty()) {
            (true, true) => None,
            (false, true) => Some(format!("Leans towards {}.", self.liked.join(", "))),
            (true, false) => Some(format!("Leans away from {}.", self.disliked.join(", "))),
            (false, false) => Some(format!(
                "Leans towards {}; away from {}.",
                self.liked.join(", "),
                self.disliked.join(", ")
            )),
        }
    }
}

/// The `k` terms weighing most for the positives and the `k` weighing most against them;
/// equal weights go to the alphabetically first term.
pub fn learnt_terms(model: &LinearModel, terms: &[String], k: usize) -> Learnt {
    let weights = &model.weights;
    let columns = weights.len().min(terms.len());
    // The k best either way, without sorting the whole vocabulary.
    let top = |sign: f32| -> Vec<String> {
        let mut order: Vec<usize> = (0..columns).filter(|&c| weights[c] * sign > 0.0).collect();
        let first = |a: &usize, b: &usize| {
            (weights[*b] * sign)
                .total_cmp(&(weights[*a] * sign))
                .then(a.cmp(b))
        };
        if order.len() > k && k > 0 {
            order.select_nth_unstable_by(k - 1, first);
        }
        order.truncate(k);
        order.sort_unstable_by(first);
        order.into_iter().map(|c| terms[c].clone()).collect()
    };
    Learnt {
        liked: top(1.0),
        disliked: top(-1.0),
    }
}

/// The `k` papers most like `paper`: [`rank_by_positives`] with it as the only positive
/// (arxiv-sanity-lite's "exemplar SVM").
pub fn similar(
    matrix: &TfidfMatrix,
    paper: usize,
    k: usize,
    options: &SvmOptions,
) -> Result<Vec<(usize, f32)>, RecommendError> {
    let mut ranking = rank_by_positives(matrix, &[paper], options)?;
    ranking.scores.truncate(k);
    Ok(ranking.scores)
}
