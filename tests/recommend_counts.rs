//! Counting split between two builders (a worker and its helper): the counts of the later
//! documents, handed over as bytes, merge into exactly what one builder counts, and damaged
//! counts are refused without touching the builder.

mod common;

use arxiv_explorer::core::recommend::{
    document_text, RecommendError, TfidfBuilder, TfidfMatrix, VectoriserOptions,
};
use common::TINY;

fn loose() -> VectoriserOptions {
    VectoriserOptions {
        min_df: 1,
        max_df: 1.0,
        max_features: None,
    }
}

/// A builder that counted `documents` in order.
fn counted(documents: &[String]) -> TfidfBuilder {
    let mut builder = TfidfBuilder::new(&loose()).expect("valid options");
    for document in documents {
        builder.add(document).expect("counted");
    }
    builder
}

/// The rows the counts of `builder` make.
fn weighed(builder: TfidfBuilder) -> TfidfMatrix {
    builder
        .into_weighing()
        .expect("terms")
        .finish()
        .expect("rows")
}

/// The document texts of the two-topic corpus of `seed`.
fn corpus(seed: u64) -> Vec<String> {
    common::two_topic_corpus(seed)
        .iter()
        .map(document_text)
        .collect()
}

#[test]
fn counts_of_two_halves_merge_into_exactly_what_one_builder_counts() {
    let corpus = corpus(42);
    let n = corpus.len();
    for options in [loose(), VectoriserOptions::default()] {
        let mut whole = TfidfBuilder::new(&options).expect("valid options");
        for document in &corpus {
            whole.add(document).expect("counted");
        }
        let whole = weighed(whole);
        for split in [0, 1, n / 3, n / 2, n - 1, n] {
            let mut first = TfidfBuilder::new(&options).expect("valid");
            for document in &corpus[..split] {
                first.add(document).expect("counted");
            }
            let counts = counted(&corpus[split..]).into_counts();
            first
                .merge_counts(&counts, n - split)
                .expect("sound counts merge");
            assert_eq!(first.documents(), n);
            let merged = weighed(first);
            assert_eq!(merged, whole, "split at {split} of {n}");
        }
    }
}

#[test]
fn documents_counted_after_a_merge_count_as_in_one_builder() {
    let corpus = corpus(7);
    let n = corpus.len();
    let (split, resume) = (n / 3, 2 * n / 3);
    let whole = weighed(counted(&corpus));
    let mut first = counted(&corpus[..split]);
    first
        .merge_counts(
            &counted(&corpus[split..resume]).into_counts(),
            resume - split,
        )
        .expect("sound counts merge");
    for document in &corpus[resume..] {
        first.add(document).expect("counted");
    }
    assert_eq!(weighed(first), whole);
}

#[test]
fn damaged_counts_are_refused_and_leave_the_builder_as_it_was() {
    let tiny: Vec<String> = TINY.iter().map(|d| d.to_string()).collect();
    let expected = weighed(counted(&tiny));
    let good = counted(&tiny[2..]).into_counts();
    let word = |text: &str| {
        let mut bytes = (text.len() as u32).to_le_bytes().to_vec();
        bytes.extend_from_slice(text.as_bytes());
        bytes
    };
    let le = |values: &[u32]| -> Vec<u8> { values.iter().flat_map(|v| v.to_le_bytes()).collect() };
    let pair = |a: u32, b: u32| le(&[u32::MAX, a, b]);
    // (what is wrong, the counts, the documents they should hold)
    let mut cases: Vec<(String, Vec<u8>, usize)> = (0..good.len())
        .map(|cut| (format!("cut at byte {cut}"), good[..cut].to_vec(), 2))
        .collect();
    cases.extend([
        (
            "one byte too many".to_string(),
            [good.clone(), vec![0]].concat(),
            2,
        ),
        ("another number of documents".to_string(), good.clone(), 3),
        (
            "a word twice".to_string(),
            [le(&[2]), word("kiwi"), word("kiwi"), le(&[1, 1, 0, 1])].concat(),
            1,
        ),
        (
            "a new word twice".to_string(),
            [le(&[2]), word("apple"), word("apple"), le(&[1, 1, 0, 1])].concat(),
            1,
        ),
        (
            "a stop word".to_string(),
            [le(&[1]), word("the"), le(&[1, 1, 0, 1])].concat(),
            1,
        ),
        (
            "a pair of a pair".to_string(),
            [
                le(&[3]),
                word("kiwi"),
                pair(0, 0),
                pair(1, 0),
                le(&[1, 1, 0, 1]),
            ]
            .concat(),
            1,
        ),
        (
            "a pair of a later term".to_string(),
            [le(&[2]), pair(0, 1), word("kiwi"), le(&[1, 1, 1, 1])].concat(),
            1,
        ),
        (
            "an entry of no term".to_string(),
            [le(&[1]), word("kiwi"), le(&[1, 1, 5, 1])].concat(),
            1,
        ),
        (
            "a term twice in a document".to_string(),
            [le(&[1]), word("kiwi"), le(&[1, 2, 0, 1, 0, 1])].concat(),
            1,
        ),
        (
            "no occurrences".to_string(),
            [le(&[1]), word("kiwi"), le(&[1, 1, 0, 0])].concat(),
            1,
        ),
        (
            "not a token".to_string(),
            [le(&[1]), word("kïwi"), le(&[1, 1, 0, 1])].concat(),
            1,
        ),
        (
            "a known word with a zero byte after it".to_string(),
            [le(&[1]), word("kiwi\0"), le(&[1, 1, 0, 1])].concat(),
            1,
        ),
        (
            "a word in capitals".to_string(),
            [le(&[1]), word("Kiwi"), le(&[1, 1, 0, 1])].concat(),
            1,
        ),
        (
            "a word starting with a digit".to_string(),
            [le(&[1]), word("4kiwi"), le(&[1, 1, 0, 1])].concat(),
            1,
        ),
        (
            "more terms than bytes".to_string(),
            le(&[u32::MAX - 1, 0]),
            0,
        ),
    ]);
    for (what, counts, documents) in cases {
        let mut builder = counted(&tiny[..2]);
        assert_eq!(
            builder.merge_counts(&counts, documents),
            Err(RecommendError::DamagedMessage),
            "{what}"
        );
        // Nothing of the damaged counts stayed: the sound ones still give the whole.
        builder.merge_counts(&good, 2).expect("sound counts merge");
        let merged = weighed(builder);
        assert_eq!(merged, expected, "after {what}");
    }
}
