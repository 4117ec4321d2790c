//! A linear SVM trained by dual coordinate descent: liblinear's `solve_l2r_l1l2_svc`
//! (Hsieh et al., "A Dual Coordinate Descent Method for Large-scale Linear SVM", 2008),
//! the way scikit-learn's `LinearSVC` calls it, to the same optimum and stopping rule.
//!
//! Shrinking is more eager than liblinear's: an alpha is set aside as soon as it rests at a
//! bound, not once its gradient passes the last pass's extremes. With the recipe's small `C`
//! nearly every negative rests at zero just past the margin, where liblinear's thresholds
//! keep it in play for several passes over all 30,000 rows; here the rounds work on the few
//! hundred that move and end with a pass over every row that checks the whole optimum.
//!
//! Such a pass visits the rows in blocks of neighbours (`BLOCK_ROWS` of them) rather than
//! one by one from anywhere: the same optimum and stopping rule, with the matrix read in
//! stretches.

use super::sparse::{Row, SparseMatrix};
use super::RecommendError;

/// The loss on each training point's margin.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Loss {
    /// `max(0, 1 - y f(x))`: liblinear's L1-loss SVM (`L2R_L1LOSS_SVC_DUAL`).
    Hinge,
    /// `max(0, 1 - y f(x))²`: liblinear's L2-loss SVM, `LinearSVC`'s default.
    SquaredHinge,
}

/// How to train.
#[derive(Clone, Debug, PartialEq)]
pub struct SvmOptions {
    /// The cost of margin violations; smaller means a flatter, more regularised model.
    pub c: f64,
    pub loss: Loss,
    /// scikit-learn's `class_weight="balanced"`: each class's cost scaled by
    /// `n / (2 n_class)`, so a handful of positives weigh as much as all the negatives.
    pub balanced: bool,
    /// Stop once the projected gradients span at most this much.
    pub tolerance: f64,
    /// Passes over the data before giving up on the tolerance.
    pub max_iterations: usize,
    /// Seeds the order in which the coordinates are visited.
    pub seed: u64,
}

impl Default for SvmOptions {
    fn default() -> Self {
        SvmOptions {
            c: 0.01,
            loss: Loss::Hinge,
            balanced: true,
            tolerance: 1e-4,
            max_iterations: 1000,
            seed: 0x9E37_79B9_7F4A_7C15,
        }
    }
}

/// `f(x) = weights · x + bias`; positive means "like the positives".
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LinearModel {
    /// One weight per column of the training matrix.
    pub weights: Vec<f32>,
    pub bias: f32,
}

impl LinearModel {
    /// The decision value of `row`; columns the model has no weight for count as zero.
    pub fn decision(&self, row: Row<'_>) -> f32 {
        let sum: f64 = row
            .iter()
            .map(|(column, value)| {
                self.weights
                    .get(column)
                    .map_or(0.0, |&w| f64::from(w) * f64::from(value))
            })
            .sum();
        (sum + f64::from(self.bias)) as f32
    }
}

/// A trained model with the dual solution it came from, for checking optimality.
#[derive(Clone, Debug, PartialEq)]
pub struct Training {
    pub model: LinearModel,
    /// One dual variable per training row.
    pub alphas: Vec<f64>,
    /// Each row's cost after class weighting (the upper bound of its alpha for the hinge).
    pub costs: Vec<f64>,
    /// Passes made over the (possibly shrunk) data.
    pub iterations: usize,
    /// Whether the tolerance was met before `max_iterations`.
    pub converged: bool,
}

/// Trains on the rows of `matrix`, `labels[i]` saying whether row `i` is a positive.
///
/// The intercept is liblinear's `bias = 1`: every row gets an extra feature of value 1 whose
/// weight becomes [`LinearModel::bias`], regularised with the others.
pub fn train(
    matrix: &SparseMatrix,
    labels: &[bool],
    options: &SvmOptions,
) -> Result<Training, RecommendError> {
    let mut trainer = Trainer::new(matrix, labels, options)?;
    while !trainer.pass(matrix)? {}
    Ok(trainer.finish())
}

/// A training that runs a pass over the data at a time, so that a page can spread it over
/// short tasks; [`train`] runs it to the end at once. The matrix is handed to each pass
/// rather than held, and must be the one the trainer was made for.
#[derive(Clone, Debug)]
pub struct Trainer {
    y: Vec<f64>,
    costs: Vec<f64>,
    diag: Vec<f64>,
    upper: Vec<f64>,
    qd: Vec<f64>,
    /// The weights, then the bias (the weight of the constant feature).
    w: Vec<f64>,
    alpha: Vec<f64>,
    index: Vec<usize>,
    active: usize,
    rng: XorShift,
    iterations: usize,
    max_iterations: usize,
    tolerance: f64,
    converged: bool,
}

impl Trainer {
    pub fn new(
        matrix: &SparseMatrix,
        labels: &[bool],
        options: &SvmOptions,
    ) -> Result<Trainer, RecommendError> {
        let l = matrix.n_rows();
        if labels.len() != l {
            return Err(RecommendError::LabelCountMismatch {
                labels: labels.len(),
                rows: l,
            });
        }
        if !(options.c.is_finite() && options.c > 0.0) {
            return Err(RecommendError::InvalidOption("C must be positive"));
        }
        if !(options.tolerance.is_finite() && options.tolerance > 0.0) {
            return Err(RecommendError::InvalidOption(
                "the tolerance must be positive",
            ));
        }
        if l == 0 {
            return Err(RecommendError::EmptyCorpus);
        }
        let positives = labels.iter().filter(|&&y| y).count();
        if positives == 0 {
            return Err(RecommendError::NoPositives);
        }
        if positives == l {
            return Err(RecommendError::NoNegatives);
        }
        let (c_pos, c_neg) = if options.balanced {
            let n = l as f64;
            (
                options.c * n / (2.0 * positives as f64),
                options.c * n / (2.0 * (l - positives) as f64),
            )
        } else {
            (options.c, options.c)
        };
        let y: Vec<f64> = labels.iter().map(|&p| if p { 1.0 } else { -1.0 }).collect();
        let costs: Vec<f64> = labels
            .iter()
            .map(|&p| if p { c_pos } else { c_neg })
            .collect();
        // The hinge bounds each alpha by its cost; the squared hinge instead adds `1 / (2 C)`
        // to the diagonal and leaves alpha unbounded above.
        let (diag, upper): (Vec<f64>, Vec<f64>) = match options.loss {
            Loss::Hinge => (vec![0.0; l], costs.clone()),
            Loss::SquaredHinge => (
                costs.iter().map(|c| 0.5 / c).collect(),
                vec![f64::INFINITY; l],
            ),
        };
        let qd: Vec<f64> = matrix
            .rows()
            .zip(&diag)
            .map(|(row, d)| d + row.squared_norm() + 1.0)
            .collect();
        Ok(Trainer {
            y,
            costs,
            diag,
            upper,
            qd,
            w: vec![0.0; matrix.n_cols() + 1],
            alpha: vec![0.0; l],
            index: (0..l).collect(),
            active: l,
            rng: XorShift::new(options.seed),
            iterations: 0,
            max_iterations: options.max_iterations,
            tolerance: options.tolerance,
            converged: false,
        })
    }

    /// Passes made so far.
    pub fn iterations(&self) -> usize {
        self.iterations
    }

    /// Makes one pass over the active rows; `true` once training is over (converged, or out
    /// of passes).
    pub fn pass(&mut self, matrix: &SparseMatrix) -> Result<bool, RecommendError> {
        let l = self.alpha.len();
        if matrix.n_rows() != l || matrix.n_cols() + 1 != self.w.len() {
            return Err(RecommendError::LabelCountMismatch {
                labels: l,
                rows: matrix.n_rows(),
            });
        }
        if self.converged || self.iterations >= self.max_iterations {
            return Ok(true);
        }
        let n = matrix.n_cols();
        let Trainer {
            y,
            diag,
            upper,
            qd,
            w,
            alpha,
            index,
            active,
            rng,
            ..
        } = self;
        let mut pg_max = f64::NEG_INFINITY;
        let mut pg_min = f64::INFINITY;
        if *active == l {
            in_blocks_of_neighbours(index, rng);
        } else {
            shuffle(&mut index[..*active], rng);
        }
        let visited = *active;
        let mut s = 0;
        while s < *active {
            let i = index[s];
            let Some(row) = matrix.row(i) else {
                s += 1;
                continue;
            };
            let g = y[i] * (row.dot(w) + w[n]) - 1.0 + alpha[i] * diag[i];
            let c = upper[i];
            // An alpha at a bound whose gradient points out of the box is where it belongs
            // for now: it is set aside (its projected gradient, zero, still counts) until the
            // pass over every row that ends a round.
            let (pg, at_rest) = if alpha[i] == 0.0 {
                (g.min(0.0), g > 0.0)
            } else if alpha[i] == c {
                (g.max(0.0), g < 0.0)
            } else {
                (g, false)
            };
            pg_max = pg_max.max(pg);
            pg_min = pg_min.min(pg);
            if at_rest {
                *active -= 1;
                index.swap(s, *active);
                continue;
            }
            if pg.abs() > 1e-12 {
                let old = alpha[i];
                alpha[i] = (alpha[i] - g / qd[i]).max(0.0).min(c);
                let step = (alpha[i] - old) * y[i];
                for (column, value) in row.iter() {
                    w[column] += step * f64::from(value);
                }
                w[n] += step;
            }
            s += 1;
        }
        self.iterations += 1;
        if pg_max - pg_min <= self.tolerance {
            if visited == l {
                self.converged = true;
                return Ok(true);
            }
            // The rows set aside may have moved meanwhile: the next pass visits them all.
            self.active = l;
        }
        Ok(self.iterations >= self.max_iterations)
    }

    /// The model as it stands.
    pub fn finish(self) -> Training {
        let mut w = self.w;
        let bias = w.pop().unwrap_or(0.0) as f32;
        Training {
            model: LinearModel {
                weights: w.into_iter().map(|v| v as f32).collect(),
                bias,
            },
            alphas: self.alpha,
            costs: self.costs,
            iterations: self.iterations,
            converged: self.converged,
        }
    }
}

/// Rows visited one after another in a pass over every row: the blocks are in random order,
/// and so are the rows within each.
const BLOCK_ROWS: usize = 16;

/// Puts every row in `index` in the order of a pass over all of them. Such a pass reads the
/// whole matrix, more than a core's caches hold; rows drawn from anywhere would each start
/// with a wait on memory, while a block of neighbours is one stretch the processor fetches
/// ahead. The order stays random at the scale the descent cares about.
fn in_blocks_of_neighbours(index: &mut [usize], rng: &mut XorShift) {
    let rows = index.len();
    let mut blocks: Vec<usize> = (0..rows.div_ceil(BLOCK_ROWS)).collect();
    shuffle(&mut blocks, rng);
    let mut at = 0;
    for block in blocks {
        let first = block * BLOCK_ROWS;
        let last = (first + BLOCK_ROWS).min(rows);
        let slot = &mut index[at..at + last - first];
        for (place, row) in slot.iter_mut().zip(first..last) {
            *place = row;
        }
        shuffle(slot, rng);
        at += last - first;
    }
}

/// Fisher–Yates.
fn shuffle(items: &mut [usize], rng: &mut XorShift) {
    for i in 0..items.len() {
        let j = i + rng.below(items.len() - i);
        items.swap(i, j);
    }
}

/// xorshift64: liblinear draws the order with `rand()`; a seeded generator keeps every
/// ranking reproducible.
#[derive(Clone, Debug)]
struct XorShift(u64);

impl XorShift {
    fn new(seed: u64) -> XorShift {
        // Zero is xorshift's one fixed point.
        XorShift(if seed == 0 {
            0x2545_F491_4F6C_DD1D
        } else {
            seed
        })
    }

    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n.max(1) as u64) as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pass_over_every_row_visits_each_once_in_shuffled_blocks_of_neighbours() {
        let mut rng = XorShift::new(7);
        for rows in [1, 15, 16, 17, 100, 1_000] {
            let mut index = vec![0; rows];
            in_blocks_of_neighbours(&mut index, &mut rng);
            let mut seen = index.clone();
            seen.sort_unstable();
            assert_eq!(seen, (0..rows).collect::<Vec<_>>(), "{rows} rows");
            // Each block's rows come together, whatever the order of blocks.
            let mut at = 0;
            while at < rows {
                let block = index[at] / BLOCK_ROWS;
                let size = BLOCK_ROWS.min(rows - block * BLOCK_ROWS);
                assert!(index[at..at + size]
                    .iter()
                    .all(|&r| r / BLOCK_ROWS == block));
                at += size;
            }
            if rows >= 100 {
                let blocks: Vec<usize> = index
                    .iter()
                    .step_by(BLOCK_ROWS)
                    .map(|&r| r / BLOCK_ROWS)
                    .collect();
                assert!(
                    blocks.windows(2).any(|w| w[1] != w[0] + 1),
                    "blocks left in order"
                );
                assert!(
                    index.windows(2).any(|w| w[1] != w[0] + 1),
                    "rows left in order"
                );
            }
        }
    }
}
