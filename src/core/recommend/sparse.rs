//! A compressed sparse row (CSR) matrix of `f32` values, the shape both TF-IDF vectors and
//! the SVM's training data take.

use super::RecommendError;

/// Rows of `(column, value)` entries packed into three arrays.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SparseMatrix {
    n_cols: usize,
    columns: Vec<u32>,
    values: Vec<f32>,
    /// `offsets[i]..offsets[i + 1]` are row `i`'s entries; one more offset than rows.
    offsets: Vec<u32>,
}

/// One row of a [`SparseMatrix`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Row<'a> {
    columns: &'a [u32],
    values: &'a [f32],
}

impl<'a> Row<'a> {
    /// The columns with an entry.
    pub fn columns(&self) -> &'a [u32] {
        self.columns
    }

    /// The entries' values, in the order of [`Row::columns`].
    pub fn values(&self) -> &'a [f32] {
        self.values
    }

    /// `(column, value)` pairs.
    pub fn iter(&self) -> impl Iterator<Item = (usize, f32)> + 'a {
        let columns = self.columns;
        columns
            .iter()
            .zip(self.values)
            .map(|(&column, &value)| (column as usize, value))
    }

    pub fn len(&self) -> usize {
        self.columns.len()
    }

    pub fn is_empty(&self) -> bool {
        self.columns.is_empty()
    }

    /// The dot product with a dense vector; columns past its end count as zero.
    pub fn dot(&self, dense: &[f64]) -> f64 {
        let term = |column: u32, value: f32| {
            dense
                .get(column as usize)
                .map_or(0.0, |w| w * f64::from(value))
        };
        // Four running sums: one alone waits on each addition before the next, and the
        // training's passes are mostly these products.
        let mut sums = [0.0; 4];
        let columns = self.columns.chunks_exact(4);
        let values = self.values.chunks_exact(4);
        let (column_rest, value_rest) = (columns.remainder(), values.remainder());
        for (columns, values) in columns.zip(values) {
            for k in 0..4 {
                sums[k] += term(columns[k], values[k]);
            }
        }
        let rest: f64 = column_rest
            .iter()
            .zip(value_rest)
            .map(|(&column, &value)| term(column, value))
            .sum();
        (sums[0] + sums[1]) + (sums[2] + sums[3]) + rest
    }

    /// The squared Euclidean length.
    pub fn squared_norm(&self) -> f64 {
        self.values
            .iter()
            .map(|&v| f64::from(v) * f64::from(v))
            .sum()
    }
}

impl SparseMatrix {
    /// A matrix with `n_cols` columns from rows of `(column, value)` entries. Entries must
    /// name a column below `n_cols` and hold a finite value; columns may come in any order.
    pub fn from_rows<R, E>(n_cols: usize, rows: R) -> Result<SparseMatrix, RecommendError>
    where
        R: IntoIterator<Item = E>,
        E: IntoIterator<Item = (u32, f32)>,
    {
        if u32::try_from(n_cols).is_err() {
            return Err(RecommendError::TooLarge);
        }
        let mut matrix = SparseMatrix {
            n_cols,
            columns: Vec::new(),
            values: Vec::new(),
            offsets: vec![0],
        };
        for (row, entries) in rows.into_iter().enumerate() {
            for (column, value) in entries {
                if column as usize >= n_cols || !value.is_finite() {
                    return Err(RecommendError::InvalidEntry { row, column });
                }
                matrix.columns.push(column);
                matrix.values.push(value);
            }
            let end = u32::try_from(matrix.columns.len()).map_err(|_| RecommendError::TooLarge)?;
            matrix.offsets.push(end);
        }
        Ok(matrix)
    }

    /// A matrix from its three arrays, checked: offsets start at 0, never decrease and end
    /// at the number of entries, and every entry is in range and finite.
    pub fn from_parts(
        n_cols: usize,
        columns: Vec<u32>,
        values: Vec<f32>,
        offsets: Vec<u32>,
    ) -> Result<SparseMatrix, RecommendError> {
        if u32::try_from(n_cols).is_err() || u32::try_from(columns.len()).is_err() {
            return Err(RecommendError::TooLarge);
        }
        let shaped = columns.len() == values.len()
            && offsets.first() == Some(&0)
            && offsets.last().map(|&end| end as usize) == Some(columns.len())
            && offsets.windows(2).all(|pair| pair[0] <= pair[1]);
        if !shaped {
            return Err(RecommendError::InvalidOption(
                "the rows' offsets do not fit",
            ));
        }
        for row in 0..offsets.len() - 1 {
            for at in offsets[row] as usize..offsets[row + 1] as usize {
                let column = columns[at];
                if column as usize >= n_cols || !values[at].is_finite() {
                    return Err(RecommendError::InvalidEntry { row, column });
                }
            }
        }
        Ok(SparseMatrix {
            n_cols,
            columns,
            values,
            offsets,
        })
    }

    pub fn n_rows(&self) -> usize {
        self.offsets.len().saturating_sub(1)
    }

    pub fn n_cols(&self) -> usize {
        self.n_cols
    }

    /// The number of stored entries.
    pub fn nnz(&self) -> usize {
        self.columns.len()
    }

    /// Row `i`, or `None` past the end.
    pub fn row(&self, i: usize) -> Option<Row<'_>> {
        let start = *self.offsets.get(i)? as usize;
        let end = *self.offsets.get(i + 1)? as usize;
        Some(Row {
            columns: self.columns.get(start..end)?,
            values: self.values.get(start..end)?,
        })
    }

    /// Every row, in order.
    pub fn rows(&self) -> impl Iterator<Item = Row<'_>> + '_ {
        (0..self.n_rows()).filter_map(|i| self.row(i))
    }

    /// The heap bytes of the three arrays.
    pub fn bytes(&self) -> usize {
        use std::mem::size_of;
        self.columns.capacity() * size_of::<u32>()
            + self.values.capacity() * size_of::<f32>()
            + self.offsets.capacity() * size_of::<u32>()
    }
}
