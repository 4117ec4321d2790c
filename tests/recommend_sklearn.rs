//! The recommendation recipe against scikit-learn on the same generated papers: the same
//! vocabulary with the same idf, and rankings that agree. scikit-learn runs from a virtual
//! environment of the tests' own (`target/recommend-venv`); where Python or PyPI cannot be
//! had, the comparison is skipped with the reason.

mod common;

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::process::Command;

use arxiv_explorer::core::feed::{Author, Paper};
use arxiv_explorer::core::recommend::tokens::STOP_WORDS;
use arxiv_explorer::core::recommend::vectorise::{TfidfMatrix, VectoriserOptions};
use arxiv_explorer::core::recommend::{document_text, rank_by_positives, SvmOptions};
use common::Rng;

/// Pinned, so results from different days compare.
const SCIKIT_LEARN: &str = "scikit-learn==1.5.2";
const TOPICS: usize = 12;
const PAPERS: usize = 900;

/// Papers on one of twelve topics: each topic's words, shared filler, and authors from the
/// topic's group, so a topic's words are in a few per cent of the papers (under `max_df`).
fn corpus() -> (Vec<Paper>, Vec<usize>) {
    let mut rng = Rng(0x5EED_CAFE_F00D);
    let mut papers = Vec::new();
    let mut topic_of = Vec::new();
    for i in 0..PAPERS {
        let topic = rng.below(TOPICS);
        let word = |rng: &mut Rng| format!("t{topic}w{}", rng.below(50));
        let filler = |rng: &mut Rng| format!("common{}", rng.below(400));
        let title: Vec<String> = (0..6).map(|_| word(&mut rng)).collect();
        let mut summary: Vec<String> = Vec::new();
        for _ in 0..60 {
            if rng.chance(40) {
                summary.push(word(&mut rng));
            } else if rng.chance(50) {
                summary.push(filler(&mut rng));
            } else {
                summary.push(
                    rng.pick(&["the", "of", "and", "with", "we", "propose"])
                        .into(),
                );
            }
        }
        let authors = (0..1 + rng.below(4))
            .map(|_| Author {
                name: format!("Author{topic}x{} Surname", rng.below(30)),
                affiliations: vec![],
            })
            .collect();
        papers.push(Paper {
            id: format!("2601.{i:05}"),
            title: title.join(" "),
            summary: summary.join(" "),
            authors,
            ..Paper::default()
        });
        topic_of.push(topic);
    }
    (papers, topic_of)
}

fn venv_python() -> Result<std::path::PathBuf, String> {
    let venv = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/recommend-venv");
    common::venv::python_with(&venv, SCIKIT_LEARN, "sklearn")
}

#[test]
fn vocabulary_idf_and_rankings_agree_with_scikit_learn() {
    let python = match venv_python() {
        Ok(python) => python,
        Err(why) => {
            eprintln!("skipped the scikit-learn comparison: {why}");
            return;
        }
    };
    let (papers, topic_of) = corpus();
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/recommend-compare");
    std::fs::create_dir_all(&folder).expect("a folder under target/");
    let docs: Vec<String> = papers.iter().map(document_text).collect();
    assert!(docs.iter().all(|d| !d.contains('\n')));
    std::fs::write(folder.join("docs.txt"), docs.join("\n")).expect("written");
    std::fs::write(folder.join("stop_words.txt"), STOP_WORDS.join("\n")).expect("written");
    // Positive sets: a few papers of one topic each, as a reader's favourites would be.
    let sets: Vec<Vec<usize>> = (0..5)
        .map(|topic| {
            (0..PAPERS)
                .filter(|&i| topic_of[i] == topic)
                .step_by(3)
                .take(4 + topic)
                .collect()
        })
        .collect();
    let lines: Vec<String> = sets
        .iter()
        .map(|set| {
            set.iter()
                .map(usize::to_string)
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect();
    std::fs::write(folder.join("positives.txt"), lines.join("\n")).expect("written");

    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tools/bench/sklearn_recommend.py");
    let output = Command::new(&python)
        .arg(&script)
        .arg("compare")
        .arg(&folder)
        .output()
        .expect("the script runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let text = String::from_utf8_lossy(&output.stdout);
    let mut idf: HashMap<String, f64> = HashMap::new();
    let mut tops: Vec<Vec<usize>> = Vec::new();
    for line in text.lines() {
        let mut words = line.split_whitespace();
        match words.next() {
            Some("term") => {
                let (Some(term), Some(value)) = (words.next(), words.next()) else {
                    continue;
                };
                // Bigrams arrive as two words.
                let rest: Vec<&str> = std::iter::once(value).chain(words).collect();
                let (value, more) = rest.split_last().expect("a value");
                let term = std::iter::once(term)
                    .chain(more.iter().copied())
                    .collect::<Vec<_>>()
                    .join(" ");
                idf.insert(term, value.parse().expect("an idf"));
            }
            Some("top") => {
                words.next();
                tops.push(words.map(|w| w.parse().expect("an index")).collect());
            }
            _ => {}
        }
    }

    let matrix = TfidfMatrix::from_papers(&papers, &VectoriserOptions::default()).expect("fits");
    let ours: HashSet<&str> = matrix.terms().iter().map(String::as_str).collect();
    let theirs: HashSet<&str> = idf.keys().map(String::as_str).collect();
    assert!(!ours.is_empty());
    assert_eq!(
        ours.symmetric_difference(&theirs).count(),
        0,
        "vocabularies differ: ours only {:?}, theirs only {:?}",
        ours.difference(&theirs).take(10).collect::<Vec<_>>(),
        theirs.difference(&ours).take(10).collect::<Vec<_>>()
    );
    for (term, &value) in matrix.terms().iter().zip(matrix.idf()) {
        let expected = idf[term.as_str()];
        assert!(
            (f64::from(value) - expected).abs() < 1e-5,
            "idf of {term}: {value} against {expected}"
        );
    }

    let mut overlaps = Vec::new();
    for (set, theirs) in sets.iter().zip(&tops) {
        let ranking = rank_by_positives(&matrix, set, &SvmOptions::default()).expect("ranks");
        let ours: HashSet<usize> = ranking.scores.iter().take(20).map(|s| s.0).collect();
        overlaps.push(theirs.iter().filter(|i| ours.contains(i)).count());
    }
    let mean = overlaps.iter().sum::<usize>() as f64 / overlaps.len() as f64;
    eprintln!("top-20 overlap with scikit-learn per set: {overlaps:?}, mean {mean:.1}");
    assert!(mean >= 15.0, "top-20 overlap {overlaps:?}");
}
