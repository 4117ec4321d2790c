//! The benchmark report: sections of rows, each a measured value with its unit and a note,
//! printed as one aligned table. Every section comes from a function that measures something
//! (native parsers, Python feedparser; browser figures can be further sections).

use std::fmt::Write as _;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    Milliseconds,
    MegabytesPerSecond,
    /// A ratio of two timings ("3.1×").
    Times,
    /// Bytes shown in kB (10^3 bytes).
    Kilobytes,
    /// Bytes shown in MB (10^6 bytes).
    Megabytes,
    /// A plain number, such as a mean count.
    Count,
}

impl Unit {
    /// A value that is not a number (a parser that failed) shows as a dash.
    pub fn format(self, value: f64) -> String {
        if !value.is_finite() {
            return "—".to_string();
        }
        match self {
            Unit::Milliseconds if value < 10.0 => format!("{value:.2} ms"),
            Unit::Milliseconds if value < 1000.0 => format!("{value:.1} ms"),
            Unit::Milliseconds => format!("{} ms", group(value.round() as u64)),
            Unit::MegabytesPerSecond if value < 10.0 => format!("{value:.2} MB/s"),
            Unit::MegabytesPerSecond => format!("{} MB/s", group(value.round() as u64)),
            Unit::Times if value < 10.0 => format!("{value:.2}×"),
            Unit::Times => format!("{}×", group(value.round() as u64)),
            Unit::Kilobytes if value < 1e6 => format!("{:.1} kB", value / 1e3),
            Unit::Kilobytes => format!("{} kB", group((value / 1e3).round() as u64)),
            Unit::Megabytes => format!("{:.1} MB", value / 1e6),
            Unit::Count => format!("{value:.1}"),
        }
    }
}

/// One measured figure.
#[derive(Clone, Debug)]
pub struct Row {
    pub name: String,
    pub value: f64,
    pub unit: Unit,
    pub note: String,
}

impl Row {
    pub fn new(name: impl Into<String>, value: f64, unit: Unit, note: impl Into<String>) -> Row {
        Row {
            name: name.into(),
            value,
            unit,
            note: note.into(),
        }
    }
}

/// Rows measured on one input or in one environment.
#[derive(Clone, Debug)]
pub struct Section {
    pub title: String,
    pub rows: Vec<Row>,
}

/// "met" or "MISSED" against a budget, for notes.
pub fn verdict(met: bool) -> &'static str {
    if met {
        "met"
    } else {
        "MISSED"
    }
}

/// The whole report as text: a heading, each section with aligned columns, then notes (what
/// was skipped and why).
pub fn render(heading: &str, sections: &[Section], notes: &[String]) -> String {
    let name_width = sections
        .iter()
        .flat_map(|s| &s.rows)
        .map(|r| r.name.chars().count())
        .max()
        .unwrap_or(0);
    let values: Vec<Vec<String>> = sections
        .iter()
        .map(|s| s.rows.iter().map(|r| r.unit.format(r.value)).collect())
        .collect();
    let value_width = values
        .iter()
        .flatten()
        .map(|v| v.chars().count())
        .max()
        .unwrap_or(0);
    let mut out = String::new();
    let _ = writeln!(out, "{heading}");
    for (section, values) in sections.iter().zip(&values) {
        let _ = writeln!(out, "\n{}", section.title);
        for (row, value) in section.rows.iter().zip(values) {
            let line = format!(
                "  {:<name_width$}  {:>value_width$}  {}",
                row.name, value, row.note
            );
            let _ = writeln!(out, "{}", line.trim_end());
        }
    }
    for note in notes {
        let _ = writeln!(out, "\n{note}");
    }
    out
}

/// 1234567 → "1,234,567".
pub fn group(value: u64) -> String {
    let digits = value.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_align_and_values_carry_units() {
        let sections = vec![Section {
            title: "page".to_string(),
            rows: vec![
                Row::new("parse", 8.123, Unit::Milliseconds, "554 MB/s"),
                Row::new("feed-rs ÷ parse", 3.4, Unit::Times, "budget ≥ 3×: met"),
                Row::new("throughput", 1234.4, Unit::MegabytesPerSecond, ""),
                Row::new("failed", f64::NAN, Unit::Milliseconds, "failed: too large"),
            ],
        }];
        let text = render("Heading", &sections, &["feedparser: skipped".to_string()]);
        let expected = "Heading\n\npage\n\
                        \x20 parse               8.12 ms  554 MB/s\n\
                        \x20 feed-rs ÷ parse       3.40×  budget ≥ 3×: met\n\
                        \x20 throughput       1,234 MB/s\n\
                        \x20 failed                    —  failed: too large\n\
                        \nfeedparser: skipped\n";
        assert_eq!(text, expected);
    }

    #[test]
    fn groups_thousands() {
        assert_eq!(group(0), "0");
        assert_eq!(group(999), "999");
        assert_eq!(group(1000), "1,000");
        assert_eq!(group(1234567), "1,234,567");
    }

    #[test]
    fn sizes_show_in_decimal_units() {
        assert_eq!(Unit::Kilobytes.format(249_512.0), "249.5 kB");
        assert_eq!(Unit::Kilobytes.format(1_388_400.0), "1,388 kB");
        assert_eq!(Unit::Megabytes.format(236_978_176.0), "237.0 MB");
        assert_eq!(Unit::Megabytes.format(f64::NAN), "—");
    }
}
