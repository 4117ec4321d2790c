//! A histogram of the current result over time, with a bin size chosen from the span, and the
//! arithmetic the brush needs to turn a drag into a date range.

use super::index::FeedIndex;
use super::spec::DateField;
use crate::core::feed::Date;
use crate::core::text::{count, group_thousands};

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

    /// The unit's name, as in "by week".
    pub fn name(self) -> &'static str {
        match self {
            BinUnit::Day => "day",
            BinUnit::Week => "week",
            BinUnit::Month => "month",
            BinUnit::Year => "year",
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
/// Papers are binned from the index's days and months: no calendar arithmetic per paper.
pub fn timeline(index: &FeedIndex, matches: &[usize], field: DateField) -> Option<Timeline> {
    let days = index.days(field);
    let known = || {
        matches
            .iter()
            .filter_map(|&i| days.get(i).copied())
            .filter(|d| d.is_known())
    };
    let (first, last) = known().fold(None, |span: Option<(i32, i32)>, d| match span {
        Some((first, last)) => Some((first.min(d.day), last.max(d.day))),
        None => Some((d.day, d.day)),
    })?;
    let unit = BinUnit::for_span(i64::from(last) - i64::from(first));
    let (first, last) = (
        Date::from_days_since_epoch(i64::from(first)),
        Date::from_days_since_epoch(i64::from(last)),
    );
    let mut bins = Vec::new();
    let origin = unit.floor(first);
    let mut start = origin;
    while start <= last {
        let next = unit.next(start);
        bins.push(TimelineBin {
            start,
            end: Date::from_days_since_epoch(next.days_since_epoch() - 1),
            count: 0,
        });
        start = next;
    }
    let origin_day = origin.days_since_epoch() as i32;
    let origin_month = origin.year * 12 + i32::from(origin.month) - 1;
    for day in known() {
        let bin = match unit {
            BinUnit::Day => day.day - origin_day,
            BinUnit::Week => (day.day - origin_day).div_euclid(7),
            BinUnit::Month => day.month - origin_month,
            BinUnit::Year => day.year() - origin.year,
        };
        if let Some(bin) = usize::try_from(bin).ok().and_then(|b| bins.get_mut(b)) {
            bin.count += 1;
        }
    }
    let max_count = bins.iter().map(|b| b.count).max().unwrap_or(0);
    Some(Timeline {
        unit,
        bins,
        max_count,
    })
}

impl Timeline {
    /// SVG path data for the bars of bins `first..=last` (every bin when `None`), laid out by
    /// [`bar_layout`] across a chart `width` × `height` units: one rectangle per bin, its
    /// height in proportion to the count and at least 2 units for a bin that is not empty.
    /// One path instead of an element per bar: the chart changes with every keystroke.
    pub fn bars_path(
        &self,
        width: f64,
        height: f64,
        max_bar: f64,
        range: Option<(usize, usize)>,
    ) -> String {
        use std::fmt::Write as _;
        let (bar, offset) = bar_layout(self.bins.len(), width, max_bar);
        let max = self.max_count.max(1) as f64;
        let (first, last) = range.map_or((0, usize::MAX), |(a, b)| (a.min(b), a.max(b)));
        let mut path = String::new();
        for (i, bin) in self.bins.iter().enumerate() {
            if i < first || i > last || bin.count == 0 {
                continue;
            }
            let tall = (bin.count as f64 / max * (height - 4.0)).max(2.0);
            let x = offset + i as f64 * bar + bar * 0.1;
            // Writing to a String cannot fail.
            let _ = write!(
                path,
                "M{x:.2} {:.2}h{:.2}v{tall:.2}h{:.2}Z",
                height - tall,
                bar * 0.8,
                -bar * 0.8
            );
        }
        path
    }

    /// What bin `i` holds, e.g. "Apr 2026: 1,234 papers".
    pub fn bin_label(&self, i: usize) -> Option<String> {
        let bin = self.bins.get(i)?;
        Some(format!(
            "{}: {}",
            self.unit.label(bin.start),
            count(bin.count, "paper")
        ))
    }

    /// The chart's text alternative: its span, unit and peak, and how to use it.
    pub fn summary(&self) -> String {
        let (first, last) = self.span_labels();
        let unit = self.unit.name();
        format!(
            "Papers over time: {first} to {last}, by {unit}; most in one {unit}: {}. Drag across to choose dates.",
            group_thousands(self.max_count as u64)
        )
    }

    /// The first and last bins' labels, for the axis.
    pub fn span_labels(&self) -> (String, String) {
        let label =
            |bin: Option<&TimelineBin>| bin.map(|b| self.unit.label(b.start)).unwrap_or_default();
        (label(self.bins.first()), label(self.bins.last()))
    }
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
    use crate::core::feed::{Paper, Timestamp};

    fn paper(published: &str) -> Paper {
        Paper {
            published: Timestamp::parse_rfc3339(published),
            ..Paper::default()
        }
    }

    fn day(s: &str) -> Date {
        Date::parse_iso(s).expect("date")
    }

    /// Papers on 9, 7 and 7 April 2026: three daily bins, the middle one empty.
    fn three_days() -> Timeline {
        let papers = [
            paper("2026-04-09T05:00:00Z"),
            paper("2026-04-07T06:00:00Z"),
            paper("2026-04-07T23:00:00Z"),
        ];
        timeline(&FeedIndex::build(&papers), &[0, 1, 2], DateField::Published).expect("timeline")
    }

    #[test]
    fn bars_as_one_path_and_bins_as_labels() {
        let t = three_days();
        // Three bins 100 wide at most across 300: bars 80 wide; the empty middle bin draws
        // nothing; the fuller bin is the tallest (64 − 4 = 60), the other half of that.
        assert_eq!(
            t.bars_path(300.0, 64.0, 100.0, None),
            "M10.00 4.00h80.00v60.00h-80.00ZM210.00 34.00h80.00v30.00h-80.00Z"
        );
        assert_eq!(
            t.bars_path(300.0, 64.0, 100.0, Some((2, 1))),
            "M210.00 34.00h80.00v30.00h-80.00Z"
        );
        assert_eq!(t.bin_label(0).as_deref(), Some("7 Apr 2026: 2 papers"));
        assert_eq!(t.bin_label(1).as_deref(), Some("8 Apr 2026: 0 papers"));
        assert_eq!(t.bin_label(2).as_deref(), Some("9 Apr 2026: 1 paper"));
        assert_eq!(t.bin_label(3), None);
        assert_eq!(t.span_labels(), ("7 Apr 2026".into(), "9 Apr 2026".into()));
        assert_eq!(
            t.summary(),
            "Papers over time: 7 Apr 2026 to 9 Apr 2026, by day; most in one day: 2. Drag across to choose dates."
        );
        let names: Vec<&str> = [BinUnit::Day, BinUnit::Week, BinUnit::Month, BinUnit::Year]
            .into_iter()
            .map(BinUnit::name)
            .collect();
        assert_eq!(names, ["day", "week", "month", "year"]);
    }

    #[test]
    fn days_for_short_spans() {
        let t = three_days();
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
            let t = timeline(&FeedIndex::build(&papers), &[0, 1], DateField::Published)
                .expect("timeline");
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
        assert_eq!(
            timeline(&FeedIndex::build(&papers), &[0], DateField::Published),
            None
        );
        assert_eq!(
            timeline(&FeedIndex::build(&papers), &[], DateField::Published),
            None
        );
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
        let t =
            timeline(&FeedIndex::build(&papers), &[0, 1], DateField::Published).expect("timeline");
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
