//! Which rows of a long list to render: only those in or near the viewport, so 30,000 results
//! open and scroll as fast as 15. Rows are as tall as their content: each row's height is
//! measured once it has been drawn, and rows not drawn yet count as the average of those that
//! were. The list is one tall box whose undrawn parts are padding, so its scrollbar is right
//! to within the estimate of rows never seen.

use std::ops::Range;

/// Rows rendered beyond each edge of the viewport, so fast scrolling shows no gaps.
pub const OVERSCAN_ROWS: usize = 8;

/// Lists up to this long are rendered whole: cheap, and the browser's find-in-page sees them.
pub const RENDER_ALL_UP_TO: usize = 150;

/// The heights of a list's rows, measured or estimated, with their running sums in a Fenwick
/// tree: a row's offset, the row at an offset and a new measurement each take O(log n).
#[derive(Clone, Debug)]
pub struct RowHeights {
    /// Each row's height as counted now (measured, or the estimate at the time).
    heights: Vec<f64>,
    measured: Vec<bool>,
    /// Fenwick tree over `heights` (1-based internally).
    tree: Vec<f64>,
    estimate: f64,
    measured_sum: f64,
    measured_count: usize,
}

impl RowHeights {
    /// `count` rows; `known(i)` is row `i`'s height when it was measured before (for example
    /// for the same paper in an earlier result), and every other row counts as `estimate`
    /// (or the average of the known ones, when there are some).
    pub fn new(count: usize, estimate: f64, known: impl Fn(usize) -> Option<f64>) -> RowHeights {
        let estimate = positive_or(estimate, 100.0);
        let mut heights = Vec::with_capacity(count);
        let mut measured = Vec::with_capacity(count);
        let (mut sum, mut n) = (0.0, 0);
        for i in 0..count {
            match known(i).filter(|h| h.is_finite() && *h > 0.0) {
                Some(h) => {
                    heights.push(h);
                    measured.push(true);
                    sum += h;
                    n += 1;
                }
                None => {
                    heights.push(f64::NAN);
                    measured.push(false);
                }
            }
        }
        let estimate = if n > 0 { sum / n as f64 } else { estimate };
        for h in heights.iter_mut().filter(|h| h.is_nan()) {
            *h = estimate;
        }
        let mut rows = RowHeights {
            heights,
            measured,
            tree: Vec::new(),
            estimate,
            measured_sum: sum,
            measured_count: n,
        };
        rows.rebuild();
        rows
    }

    fn rebuild(&mut self) {
        let n = self.heights.len();
        self.tree = vec![0.0; n + 1];
        for i in 0..n {
            let at = i + 1;
            self.tree[at] += self.heights[i];
            let parent = at + (at & at.wrapping_neg());
            if parent <= n {
                self.tree[parent] += self.tree[at];
            }
        }
    }

    pub fn len(&self) -> usize {
        self.heights.len()
    }

    pub fn is_empty(&self) -> bool {
        self.heights.is_empty()
    }

    /// What an unmeasured row counts as.
    pub fn estimate(&self) -> f64 {
        self.estimate
    }

    pub fn height(&self, row: usize) -> Option<f64> {
        self.heights.get(row).copied()
    }

    pub fn is_measured(&self, row: usize) -> bool {
        self.measured.get(row).copied().unwrap_or(false)
    }

    /// Records row `row`'s measured height; returns how much the rows after it moved.
    pub fn set(&mut self, row: usize, height: f64) -> f64 {
        if row >= self.heights.len() || !height.is_finite() || height <= 0.0 {
            return 0.0;
        }
        let delta = height - self.heights[row];
        if self.measured[row] {
            self.measured_sum += delta;
        } else {
            self.measured[row] = true;
            self.measured_sum += height;
            self.measured_count += 1;
        }
        self.heights[row] = height;
        if delta != 0.0 {
            let mut at = row + 1;
            while at < self.tree.len() {
                self.tree[at] += delta;
                at += at & at.wrapping_neg();
            }
        }
        delta
    }

    /// Counts unmeasured rows as the average of the measured ones again (after many
    /// measurements the first guess is usually off); returns whether anything changed.
    pub fn refresh_estimate(&mut self) -> bool {
        if self.measured_count == 0 {
            return false;
        }
        let average = self.measured_sum / self.measured_count as f64;
        if (average - self.estimate).abs() < 0.5 {
            return false;
        }
        self.estimate = average;
        for (height, measured) in self.heights.iter_mut().zip(&self.measured) {
            if !measured {
                *height = average;
            }
        }
        self.rebuild();
        true
    }

    /// The top of row `row` from the list's top (the list's height for `row == len`).
    pub fn offset(&self, row: usize) -> f64 {
        let mut at = row.min(self.heights.len());
        let mut sum = 0.0;
        while at > 0 {
            sum += self.tree[at];
            at -= at & at.wrapping_neg();
        }
        sum
    }

    pub fn total(&self) -> f64 {
        self.offset(self.heights.len())
    }

    /// The row at `offset` from the list's top (the last row beyond the end, 0 before it).
    pub fn row_at(&self, offset: f64) -> usize {
        let n = self.heights.len();
        if n == 0 || !offset.is_finite() || offset <= 0.0 {
            return 0;
        }
        // The largest prefix whose sum stays at or below `offset`.
        let mut position = 0;
        let mut remaining = offset;
        let mut step = n.next_power_of_two();
        while step > 0 {
            let next = position + step;
            if next <= n && self.tree[next] <= remaining {
                position = next;
                remaining -= self.tree[next];
            }
            step >>= 1;
        }
        position.min(n - 1)
    }
}

fn positive_or(value: f64, fallback: f64) -> f64 {
    if value.is_finite() && value > 0.0 {
        value
    } else {
        fallback
    }
}

/// The rows to render. `list_top` is the list's top edge relative to the viewport (negative
/// once scrolled past), `viewport` the viewport's height, both in CSS pixels.
pub fn visible_rows(list_top: f64, viewport: f64, rows: &RowHeights) -> Range<usize> {
    let count = rows.len();
    if count <= RENDER_ALL_UP_TO {
        return 0..count;
    }
    let viewport = positive_or(viewport, 1_000.0);
    let list_top = if list_top.is_finite() { list_top } else { 0.0 };
    let hidden_above = (-list_top).max(0.0);
    if hidden_above >= rows.total() {
        return count..count;
    }
    let first = rows.row_at(hidden_above);
    let bottom = hidden_above + viewport - list_top.max(0.0);
    let last = rows.row_at(bottom) + 1;
    let start = first.saturating_sub(OVERSCAN_ROWS).min(count);
    let end = last.saturating_add(OVERSCAN_ROWS).min(count);
    start..end.max(start)
}

/// How far to scroll the window so row `index` is fully visible, or `None` if it already is.
/// A row taller than the viewport is brought to its top.
pub fn scroll_to_reveal(
    index: usize,
    list_top: f64,
    viewport: f64,
    rows: &RowHeights,
) -> Option<f64> {
    let height = rows.height(index)?;
    let row_top = list_top + rows.offset(index);
    let row_bottom = row_top + height;
    // Some room around the row, so its neighbours show which way the list goes.
    let margin = (viewport / 6.0).min(height);
    if row_top < 0.0 || height >= viewport {
        Some(row_top - margin.min(viewport - height).max(0.0))
    } else if row_bottom > viewport {
        Some(row_bottom - viewport + margin.min(viewport - height).max(0.0))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn uniform(count: usize, height: f64) -> RowHeights {
        RowHeights::new(count, height, |_| None)
    }

    #[test]
    fn visible_rows_cases() {
        let cases = [
            // (list_top, viewport, row, count) → range
            ((0.0, 800.0, 100.0, 15), 0..15),
            ((-5_000.0, 800.0, 100.0, 150), 0..150),
            ((0.0, 800.0, 100.0, 151), 0..17),
            ((0.0, 800.0, 100.0, 30_000), 0..17),
            ((300.0, 800.0, 100.0, 30_000), 0..14),
            ((-100_000.0, 800.0, 100.0, 30_000), 992..1_017),
            ((-2_999_900.0, 800.0, 100.0, 30_000), 29_991..30_000),
            ((0.0, 800.0, 100.0, 0), 0..0),
            ((f64::NAN, f64::INFINITY, 100.0, 500), 0..19),
            ((-1e12, 800.0, 100.0, 500), 500..500),
        ];
        for ((top, viewport, row, count), expected) in cases {
            assert_eq!(
                visible_rows(top, viewport, &uniform(count, row)),
                expected,
                "{top} {viewport} {row} {count}"
            );
        }
    }

    #[test]
    fn measured_heights_move_what_follows() {
        let mut rows = RowHeights::new(5, 100.0, |i| (i == 1).then_some(60.0));
        // The one known height is the estimate for the others.
        assert_eq!(rows.estimate(), 60.0);
        assert_eq!(rows.total(), 300.0);
        assert!(rows.is_measured(1) && !rows.is_measured(0));
        assert_eq!(rows.set(0, 90.0), 30.0);
        assert_eq!(rows.offset(1), 90.0);
        assert_eq!(rows.offset(2), 150.0);
        assert_eq!(rows.set(0, 90.0), 0.0);
        assert_eq!(rows.set(9, 50.0), 0.0, "no such row");
        assert_eq!(rows.set(2, f64::NAN), 0.0, "not a height");
        // Unmeasured rows follow the average of the measured ones when asked.
        assert!(rows.refresh_estimate());
        assert_eq!(rows.estimate(), 75.0);
        assert_eq!(rows.total(), 90.0 + 60.0 + 3.0 * 75.0);
        assert!(!rows.refresh_estimate());
    }

    #[test]
    fn offsets_and_rows_at_offsets_agree_with_a_running_sum() {
        let heights: Vec<f64> = (0..1_000)
            .map(|i| 40.0 + f64::from((i * 37) % 90))
            .collect();
        let rows = RowHeights::new(heights.len(), 100.0, |i| Some(heights[i]));
        let mut sum = 0.0;
        for (i, h) in heights.iter().enumerate() {
            assert_eq!(rows.offset(i), sum, "offset of {i}");
            assert_eq!(rows.row_at(sum), i, "row at the top of {i}");
            assert_eq!(rows.row_at(sum + h / 2.0), i, "row at the middle of {i}");
            sum += h;
        }
        assert_eq!(rows.total(), sum);
        assert_eq!(rows.row_at(sum + 10.0), 999);
        assert_eq!(rows.row_at(-5.0), 0);
        assert_eq!(RowHeights::new(0, 10.0, |_| None).row_at(50.0), 0);
    }

    #[test]
    fn a_measured_row_deep_in_the_list_is_found_where_it_is() {
        let mut rows = uniform(30_000, 100.0);
        rows.set(20_000, 400.0);
        let range = visible_rows(-(rows.offset(20_000) + 10.0), 800.0, &rows);
        assert!(
            range.contains(&20_000) && range.contains(&20_004),
            "{range:?}"
        );
        assert!(!range.contains(&20_000usize.saturating_sub(OVERSCAN_ROWS + 1)));
    }

    #[test]
    fn scroll_to_reveal_cases() {
        let rows = uniform(20, 100.0);
        assert_eq!(scroll_to_reveal(0, 100.0, 800.0, &rows), None);
        // Below the viewport: scrolled up with a sixth of the viewport to spare.
        let dy = scroll_to_reveal(9, 100.0, 800.0, &rows).expect("scrolls");
        assert!((dy - (1_100.0 - 800.0 + 100.0)).abs() < 1e-9, "{dy}");
        // Above: scrolled down to show it with room above.
        assert_eq!(scroll_to_reveal(0, -50.0, 800.0, &rows), Some(-150.0));
        assert_eq!(scroll_to_reveal(99, 0.0, 800.0, &rows), None, "no such row");
        // A row taller than the viewport goes to its top.
        let tall = RowHeights::new(3, 100.0, |i| Some(if i == 1 { 2_000.0 } else { 100.0 }));
        assert_eq!(scroll_to_reveal(1, -500.0, 800.0, &tall), Some(-400.0));
    }
}
