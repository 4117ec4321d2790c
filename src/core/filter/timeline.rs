//! A histogram of the current result over time, with a bin size chosen from the span, and the
//! arithmetic the brush needs to turn a drag into a date range.

use std::borrow::Borrow;

use super::engine::date_of;
use super::spec::DateField;
use crate::core::feed::{Date, Paper};

/// Most bins a timeline has; the unit grows until the span fits.
pub const MAX_BINS: i64 = 160;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinUnit {
    Day,
    Week,
    Month,
    Year,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TimelineBin {
    pub start: Date,
    /// Inclusive last day.
    pub end: Date,
    pub count: usize,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Timeline {
    pub unit: BinUnit,
    pub bins: Vec<TimelineBin>,
    pub max_count: usize,
}

impl BinUnit {
    fn floor(self, date: Date) -> Date {
        match self {
            BinUnit::Day => date,
            BinUnit::Week => {
                // 1970-01-01 was a Thursday; weeks start on Monday.
                let days = date.days_since_epoch();
                Date::from_days_since_epoch(days - (days + 3).rem_euclid(7))
            }
            BinUnit::Month => Date { day: 1, ..date },
            BinUnit::Year => Date {
                month: 1,
                day: 1,
                ..date
            },
        }
    }

    fn next(self, start: Date) -> Date {
        match self {
            BinUnit::Day => Date::from_days_since_epoch(start.days_since_epoch() + 1),
            BinUnit::Week => Date::from_days_since_epoch(start.days_since_epoch() + 7),
            BinUnit::Month if start.month == 12 => Date {
                year: start.year + 1,
                month: 1,
                day: 1,
            },
            BinUnit::Month => Date {
                month: start.month + 1,
                ..start
            },
            BinUnit::Year => Date {
                year: start.year + 1,
                ..start
            },
        }
    }

    /// How a bin is named: "9 Apr 2026", "week of 6 Apr 2026", "Apr 2026", "2026".
    pub fn label(self, start: Date) -> String {
        match self {
            BinUnit::Day => start.short_label(),
            BinUnit::Week => format!("week of {}", start.short_label()),
            BinUnit::Month => {
                let label = start.short_label();
                label
                    .split_once(' ')
                    .map_or(label.clone(), |(_, rest)| rest.to_string())
            }
            BinUnit::Year => start.year.to_string(),
        }
    }

    fn for_span(days: i64) -> BinUnit {
        if days < MAX_BINS {
            BinUnit::Day
        } else if days / 7 < MAX_BINS {
            BinUnit::Week
        } else if days / 30 < MAX_BINS {
            BinUnit::Month
        } else {
            BinUnit::Year
        }
    }
}

/// The histogram of `matches` by `field`; `None` when no matching paper has that date.
pub fn timeline<P: Borrow<Paper>>(
    papers: &[P],
    matches: &[usize],
    field: DateField,
) -> Option<Timeline> {
    let dates: Vec<Date> = matches
        .iter()
        .filter_map(|&i| date_of(papers.get(i)?.borrow(), field).map(|t| t.date()))
        .collect();
    let first = *dates.iter().min()?;
    let last = *dates.iter().max()?;
    let unit = BinUnit::for_span(last.days_since_epoch() - first.days_since_epoch());
    let mut bins = Vec::new();
    let mut start = unit.floor(first);
    while start <= last {
        let next = unit.next(start);
        bins.push(TimelineBin {
            start,
            end: Date::from_days_since_epoch(next.days_since_epoch() - 1),
            count: 0,
        });
        start = next;
    }
    for date in dates {
        let position = bins
            .binary_search_by(|bin| {
                if bin.end < date {
                    std::cmp::Ordering::Less
                } else if bin.start > date {
                    std::cmp::Ordering::Greater
                } else {
                    std::cmp::Ordering::Equal
                }
            })
            .ok();
        if let Some(position) = position {
            bins[position].count += 1;
        }
    }
    let max_count = bins.iter().map(|b| b.count).max().unwrap_or(0);
    Some(Timeline {
        unit,
        bins,
        max_count,
    })
}

/// The bin under a pointer at `fraction` (0 = left edge, 1 = right edge) of the chart.
pub fn bin_at(fraction: f64, bins: usize) -> usize {
    if bins == 0 || !fraction.is_finite() {
        return 0;
    }
    ((fraction.clamp(0.0, 1.0) * bins as f64) as usize).min(bins - 1)
}

/// Lays out `bins` bars across a chart `width` wide, each at most `max_bar` wide and centred
/// when they do not fill it: (bar width, left offset), in chart units.
pub fn bar_layout(bins: usize, width: f64, max_bar: f64) -> (f64, f64) {
    if bins == 0 {
        return (0.0, 0.0);
    }
    let bar = (width / bins as f64).min(max_bar);
    (bar, (width - bar * bins as f64) / 2.0)
}

/// The bin under a pointer at `fraction` of the chart's width, for the [`bar_layout`] of
/// the same arguments.
pub fn bin_under_pointer(fraction: f64, bins: usize, width: f64, max_bar: f64) -> usize {
    let (bar, offset) = bar_layout(bins, width, max_bar);
    if bar <= 0.0 {
        return 0;
    }
    bin_at((fraction * width - offset) / (bar * bins as f64), bins)
}

/// The date range a brush from bin `a` to bin `b` (either order) selects.
pub fn brush_range(timeline: &Timeline, a: usize, b: usize) -> Option<(Date, Date)> {
    let (low, high) = (a.min(b), a.max(b));
    Some((timeline.bins.get(low)?.start, timeline.bins.get(high)?.end))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::feed::Timestamp;

    fn paper(published: &str) -> Paper {
        Paper {
            published: Timestamp::parse_rfc3339(published),
            ..Paper::default()
        }
    }

    fn day(s: &str) -> Date {
        Date::parse_iso(s).expect("date")
    }

    #[test]
    fn days_for_short_spans() {
        let papers = [
            paper("2026-04-09T05:00:00Z"),
            paper("2026-04-07T06:00:00Z"),
            paper("2026-04-07T23:00:00Z"),
        ];
        let t = timeline(&papers, &[0, 1, 2], DateField::Published).expect("timeline");
        assert_eq!(t.unit, BinUnit::Day);
        let counts: Vec<(String, usize)> = t
            .bins
            .iter()
            .map(|b| (b.start.to_string(), b.count))
            .collect();
        assert_eq!(
            counts,
            [
                ("2026-04-07".into(), 2),
                ("2026-04-08".into(), 0),
                ("2026-04-09".into(), 1)
            ]
        );
        assert_eq!(t.max_count, 2);
    }

    #[test]
    fn units_grow_with_the_span() {
        let cases = [
            ("2026-01-01T00:00:00Z", "2026-03-01T00:00:00Z", BinUnit::Day),
            (
                "2025-01-01T00:00:00Z",
                "2026-03-01T00:00:00Z",
                BinUnit::Week,
            ),
            (
                "2016-01-01T00:00:00Z",
                "2026-03-01T00:00:00Z",
                BinUnit::Month,
            ),
            (
                "1995-01-01T00:00:00Z",
                "2026-03-01T00:00:00Z",
                BinUnit::Year,
            ),
        ];
        for (a, b, unit) in cases {
            let papers = [paper(a), paper(b)];
            let t = timeline(&papers, &[0, 1], DateField::Published).expect("timeline");
            assert_eq!(t.unit, unit, "{a} – {b}");
            assert!(t.bins.len() as i64 <= MAX_BINS + 1, "{} bins", t.bins.len());
            assert_eq!(t.bins.iter().map(|b| b.count).sum::<usize>(), 2);
            for pair in t.bins.windows(2) {
                assert_eq!(
                    pair[0].end.days_since_epoch() + 1,
                    pair[1].start.days_since_epoch()
                );
            }
        }
    }

    #[test]
    fn weeks_start_on_monday_and_months_on_the_first() {
        assert_eq!(BinUnit::Week.floor(day("2026-04-09")), day("2026-04-06"));
        assert_eq!(BinUnit::Week.floor(day("2026-04-06")), day("2026-04-06"));
        assert_eq!(BinUnit::Month.next(day("2026-12-01")), day("2027-01-01"));
        assert_eq!(BinUnit::Month.label(day("2026-04-01")), "Apr 2026");
    }

    #[test]
    fn no_dates_no_timeline() {
        let papers = [Paper::default()];
        assert_eq!(timeline(&papers, &[0], DateField::Published), None);
        assert_eq!(timeline(&papers, &[], DateField::Published), None);
    }

    #[test]
    fn brush_arithmetic() {
        assert_eq!(bin_at(0.0, 10), 0);
        assert_eq!(bin_at(0.999, 10), 9);
        assert_eq!(bin_at(1.5, 10), 9);
        assert_eq!(bin_at(-1.0, 10), 0);
        assert_eq!(bin_at(f64::NAN, 10), 0);
        assert_eq!(bin_at(0.5, 0), 0);
        let papers = [paper("2026-04-01T00:00:00Z"), paper("2026-04-05T00:00:00Z")];
        let t = timeline(&papers, &[0, 1], DateField::Published).expect("timeline");
        assert_eq!(
            brush_range(&t, 3, 1),
            Some((day("2026-04-02"), day("2026-04-04")))
        );
        assert_eq!(brush_range(&t, 0, 99), None);
    }

    #[test]
    fn few_bars_are_capped_and_centred() {
        assert_eq!(bar_layout(100, 1000.0, 40.0), (10.0, 0.0));
        assert_eq!(bar_layout(5, 1000.0, 40.0), (40.0, 400.0));
        assert_eq!(bar_layout(0, 1000.0, 40.0), (0.0, 0.0));
        // Pointer in the middle of the third of five centred bars.
        assert_eq!(bin_under_pointer(0.5, 5, 1000.0, 40.0), 2);
        assert_eq!(bin_under_pointer(0.41, 5, 1000.0, 40.0), 0);
        assert_eq!(bin_under_pointer(0.0, 5, 1000.0, 40.0), 0);
        assert_eq!(bin_under_pointer(1.0, 5, 1000.0, 40.0), 4);
        assert_eq!(bin_under_pointer(0.555, 100, 1000.0, 40.0), 55);
    }
}
