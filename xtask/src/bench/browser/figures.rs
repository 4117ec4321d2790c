//! What `browser_bench` printed, read back ([`Figures`]), and the statistics the sections take
//! of its samples ([`Samples`]: median, nearest-rank percentiles).

use std::collections::HashMap;

use super::keys;

/// What `browser_bench` printed: `key<TAB>value` lines and `skip<TAB>part<TAB>why`.
#[derive(Debug, Default)]
pub struct Figures {
    values: HashMap<String, String>,
    pub skipped: Vec<(String, String)>,
}

impl Figures {
    pub fn read(text: &str) -> Figures {
        let mut figures = Figures::default();
        for line in text.lines() {
            let mut fields = line.splitn(3, '\t');
            match (fields.next(), fields.next(), fields.next()) {
                (Some(keys::SKIP), Some(part), why) => figures
                    .skipped
                    .push((part.to_string(), why.unwrap_or("").to_string())),
                (Some(key), Some(value), rest) => {
                    let value = match rest {
                        Some(rest) => format!("{value}\t{rest}"),
                        None => value.to_string(),
                    };
                    figures.values.insert(key.to_string(), value);
                }
                _ => {}
            }
        }
        figures
    }

    pub fn text(&self, key: &str) -> Option<&str> {
        self.values.get(key).map(String::as_str)
    }

    pub fn number(&self, key: &str) -> Option<f64> {
        self.text(key)?.trim().parse().ok()
    }

    /// A comma-separated list of numbers, in the order printed (empty when missing).
    pub fn list(&self, key: &str) -> Vec<f64> {
        self.text(key)
            .map(|text| {
                text.split(',')
                    .filter_map(|v| v.trim().parse().ok())
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The same list as samples; none when missing or empty.
    pub fn samples(&self, key: &str) -> Option<Samples> {
        Samples::new(self.list(key))
    }
}

/// Measurements of one quantity, sorted.
#[derive(Clone, Debug, PartialEq)]
pub struct Samples(Vec<f64>);

impl Samples {
    pub fn new(mut values: Vec<f64>) -> Option<Samples> {
        values.retain(|v| v.is_finite());
        if values.is_empty() {
            return None;
        }
        values.sort_by(f64::total_cmp);
        Some(Samples(values))
    }

    /// The samples, smallest first.
    pub fn values(&self) -> &[f64] {
        &self.0
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn min(&self) -> f64 {
        self.0[0]
    }

    pub fn max(&self) -> f64 {
        self.0[self.0.len() - 1]
    }

    pub fn median(&self) -> f64 {
        let n = self.0.len();
        if n % 2 == 1 {
            self.0[n / 2]
        } else {
            (self.0[n / 2 - 1] + self.0[n / 2]) / 2.0
        }
    }

    /// Nearest-rank percentile: the smallest sample with at least `p`% at or below it.
    pub fn percentile(&self, p: f64) -> f64 {
        let rank = (p / 100.0 * self.0.len() as f64).ceil() as usize;
        self.0[rank.clamp(1, self.0.len()) - 1]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_values_samples_and_skips() {
        let text = "browser\tHeadlessChrome/156\n\
                    parse.wasm_ms\t30.5,20.0,25.0\n\
                    parse.bytes\t4499792\n\
                    skip\tgraph\tthe layout recorded no graph:layout measure\n\
                    \n\
                    garbage\n";
        let figures = Figures::read(text);
        assert_eq!(figures.text("browser"), Some("HeadlessChrome/156"));
        assert_eq!(figures.number("parse.bytes"), Some(4_499_792.0));
        let wasm = figures.samples("parse.wasm_ms").expect("samples");
        assert_eq!(wasm.median(), 25.0);
        assert_eq!(wasm.min(), 20.0);
        assert_eq!(
            figures.skipped,
            vec![(
                "graph".to_string(),
                "the layout recorded no graph:layout measure".to_string()
            )]
        );
        assert!(figures.samples("missing").is_none());
    }

    #[test]
    fn percentiles_use_the_nearest_rank() {
        let samples = Samples::new((1..=40).map(f64::from).collect()).expect("samples");
        assert_eq!(samples.median(), 20.5);
        assert_eq!(samples.percentile(95.0), 38.0);
        assert_eq!(samples.percentile(50.0), 20.0);
        let twenty = Samples::new((1..=20).rev().map(f64::from).collect()).expect("samples");
        assert_eq!(twenty.percentile(95.0), 19.0);
        assert_eq!(twenty.max(), 20.0);
        assert!(Samples::new(vec![f64::NAN]).is_none());
    }
}
