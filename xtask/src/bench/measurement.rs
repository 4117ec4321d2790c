//! One timing of one parser on one file, as `feed-bench` and the feedparser script print it
//! (tab-separated, with a header line).

use std::time::Duration;

use crate::process::Failure;

#[derive(Clone, Debug, PartialEq)]
pub struct Measurement {
    pub file: String,
    pub parser: String,
    pub bytes: u64,
    pub runs: usize,
    pub median: Duration,
    pub fastest: Duration,
    pub entries: usize,
    pub authors: usize,
    pub warnings: usize,
    /// Why the parser failed on this file; the timings are then meaningless.
    pub error: Option<String>,
}

impl Measurement {
    pub fn median_ms(&self) -> f64 {
        self.median.as_secs_f64() * 1e3
    }

    pub fn megabytes_per_second(&self) -> f64 {
        self.bytes as f64 / 1e6 / self.median.as_secs_f64().max(1e-12)
    }
}

/// Reads the tool's output; `source` names the tool in errors.
pub fn parse_lines(text: &str, source: &str) -> Result<Vec<Measurement>, Failure> {
    let mut lines = text.lines().filter(|line| !line.trim().is_empty());
    match lines.next() {
        Some(header) if header.starts_with("file\tparser\t") => {}
        _ => {
            return Err(Failure::new(format!(
                "{source} printed no result table (expected a `file\tparser\t…` header)"
            )))
        }
    }
    lines
        .map(|line| {
            parse_line(line).ok_or_else(|| {
                Failure::new(format!(
                    "{source} printed an unreadable result line: {line}"
                ))
            })
        })
        .collect()
}

fn parse_line(line: &str) -> Option<Measurement> {
    let fields: Vec<&str> = line.split('\t').collect();
    if fields.len() < 9 {
        return None;
    }
    let nanos = |text: &str| text.parse::<u64>().ok().map(Duration::from_nanos);
    let error = fields.get(9).map(|e| e.trim()).filter(|e| !e.is_empty());
    Some(Measurement {
        file: fields[0].to_string(),
        parser: fields[1].to_string(),
        bytes: fields[2].parse().ok()?,
        runs: fields[3].parse().ok()?,
        median: nanos(fields[4])?,
        fastest: nanos(fields[5])?,
        entries: fields[6].parse().ok()?,
        authors: fields[7].parse().ok()?,
        warnings: fields[8].parse().ok()?,
        error: error.map(str::to_string),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_result_lines() {
        let text =
            "file\tparser\tbytes\truns\tmedian_ns\tmin_ns\tentries\tauthors\twarnings\terror\n\
                    a.xml\tparse-feed\t4500000\t9\t8000000\t7000000\t2000\t13000\t0\t\n\
                    a.xml\tfeed-rs\t4500000\t0\t0\t0\t0\t0\t0\tbad input\n";
        let rows = parse_lines(text, "feed-bench").expect("readable");
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].median, Duration::from_millis(8));
        assert_eq!(rows[0].error, None);
        assert!((rows[0].megabytes_per_second() - 562.5).abs() < 1e-9);
        assert_eq!(rows[1].error.as_deref(), Some("bad input"));
        assert!(parse_lines("nothing", "feed-bench").is_err());
        assert!(parse_lines("file\tparser\nx\ty\n", "feed-bench").is_err());
    }
}
