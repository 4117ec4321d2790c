//! Helpers shared by the integration tests.

// Each test file uses the part it needs.
#![allow(dead_code)]

pub mod venv;

use arxiv_explorer::core::feed::{Author, Paper};

/// A small deterministic generator (xorshift), so every run checks the same cases and a
/// failure reproduces from its seed.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// A number below `n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    pub fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    pub fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }
}

/// Papers in [`two_topic_corpus`].
pub const TWO_TOPIC_PAPERS: usize = 500;

/// Papers on two topics (`astroN` and `neuroN` words, a sixth borrowed from the other
/// topic), sharing `commonN` words, stop words and authors; even indices are topic A.
pub fn two_topic_corpus(seed: u64) -> Vec<Paper> {
    let mut rng = Rng(seed);
    let names = [
        "Dejan Kostić",
        "Zoë Müller",
        "Ana Šimić",
        "Lee Wong",
        "Sam Okafor",
    ];
    (0..TWO_TOPIC_PAPERS)
        .map(|i| {
            let own = if i % 2 == 0 { "astro" } else { "neuro" };
            let other = if i % 2 == 0 { "neuro" } else { "astro" };
            let word = |rng: &mut Rng| {
                if rng.chance(30) {
                    format!("common{}", rng.below(300))
                } else if rng.chance(15) {
                    format!("{other}{}", rng.below(200))
                } else {
                    format!("{own}{}", rng.below(200))
                }
            };
            let title: Vec<String> = (0..5).map(|_| word(&mut rng)).collect();
            let mut summary = Vec::new();
            for _ in 0..30 {
                summary.push(word(&mut rng));
                if rng.chance(30) {
                    summary.push(rng.pick(&["the", "of", "we", "and"]).to_string());
                }
            }
            let authors = (0..3)
                .map(|_| Author {
                    name: format!("{} {}", rng.pick(&names), rng.below(40)),
                    affiliations: vec![],
                })
                .collect();
            Paper {
                id: format!("2601.{i:05}"),
                title: title.join(" "),
                summary: summary.join(" "),
                authors,
                ..Paper::default()
            }
        })
        .collect()
}

/// Four tiny documents whose TF-IDF is computed by hand in `tests/recommend.rs`.
pub const TINY: [&str; 4] = [
    "apple banana",
    "apple cherry",
    "banana banana cherry",
    "the cherry of it",
];
