//! Which rows of a long list to render: only those in or near the viewport, so 30,000 results
//! open and scroll as fast as 15. Rows have a fixed height; the list is one tall box whose
//! unrendered parts are padding.

use std::ops::Range;

/// Rows rendered beyond each edge of the viewport, so fast scrolling shows no gaps.
pub const OVERSCAN_ROWS: usize = 12;

/// Lists up to this long are rendered whole: cheap, and the browser's find-in-page sees them.
pub const RENDER_ALL_UP_TO: usize = 150;

/// The rows to render. `list_top` is the list's top edge relative to the viewport (negative
/// once scrolled past), `viewport` the viewport's height, both in CSS pixels.
pub fn visible_rows(list_top: f64, viewport: f64, row_height: f64, count: usize) -> Range<usize> {
    if count <= RENDER_ALL_UP_TO {
        return 0..count;
    }
    if !row_height.is_finite() || row_height <= 0.0 {
        return 0..0;
    }
    let viewport = if viewport.is_finite() && viewport > 0.0 {
        viewport
    } else {
        1_000.0
    };
    let list_top = if list_top.is_finite() { list_top } else { 0.0 };
    let hidden_above = (-list_top).max(0.0);
    let first = (hidden_above / row_height).floor() as usize;
    let last = ((hidden_above + viewport - list_top.max(0.0)) / row_height).ceil() as usize;
    let start = first.saturating_sub(OVERSCAN_ROWS).min(count);
    let end = last.saturating_add(OVERSCAN_ROWS).min(count);
    start..end.max(start)
}

/// How far to scroll the window so row `index` is fully visible, or `None` if it already is.
pub fn scroll_to_reveal(
    index: usize,
    list_top: f64,
    viewport: f64,
    row_height: f64,
) -> Option<f64> {
    let row_top = list_top + index as f64 * row_height;
    let row_bottom = row_top + row_height;
    if row_top < 0.0 {
        Some(row_top - row_height / 2.0)
    } else if row_bottom > viewport {
        Some(row_bottom - viewport + row_height / 2.0)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn visible_rows_cases() {
        let cases = [
            // (list_top, viewport, row, count) → range
            ((0.0, 800.0, 100.0, 15), 0..15),
            ((-5_000.0, 800.0, 100.0, 150), 0..150),
            ((0.0, 800.0, 100.0, 151), 0..20),
            ((0.0, 800.0, 100.0, 30_000), 0..20),
            ((300.0, 800.0, 100.0, 30_000), 0..17),
            ((-100_000.0, 800.0, 100.0, 30_000), 988..1_020),
            ((-2_999_900.0, 800.0, 100.0, 30_000), 29_987..30_000),
            ((0.0, 800.0, 100.0, 0), 0..0),
            ((f64::NAN, f64::INFINITY, 100.0, 500), 0..22),
            ((0.0, 800.0, 0.0, 500), 0..0),
            ((-1e12, 800.0, 100.0, 500), 500..500),
        ];
        for ((top, viewport, row, count), expected) in cases {
            assert_eq!(
                visible_rows(top, viewport, row, count),
                expected,
                "{top} {viewport} {row} {count}"
            );
        }
    }

    #[test]
    fn scroll_to_reveal_cases() {
        assert_eq!(scroll_to_reveal(0, 100.0, 800.0, 100.0), None);
        assert_eq!(scroll_to_reveal(9, 100.0, 800.0, 100.0), Some(350.0));
        assert_eq!(scroll_to_reveal(0, -50.0, 800.0, 100.0), Some(-100.0));
    }
}
