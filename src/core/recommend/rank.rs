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
    let Some(entries) = matrix.row(row) else {
        return Vec::new();
    };
    let mut contributions: Vec<(usize, f32)> = entries
        .iter()
        .filter_map(|(column, value)| {
            let contribution = model.weights.get(column)? * value;
            (contribution > 0.0).then_some((column, contribution))
        })
        .collect();
    contributions.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    contributions
        .into_iter()
        .take(k)
        .filter_map(|(column, contribution)| {
            Some((matrix.terms().get(column)?.clone(), contribution))
        })
        .collect()
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
