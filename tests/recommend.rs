//! Recommendations: tokens, TF-IDF, the SVM and the ranking built on them.

mod common;

use arxiv_explorer::core::feed::{Author, Paper};
use arxiv_explorer::core::recommend::{
    document_text, explain, is_stop_word, rank_by_positives, similar, terms, tokens, train, Loss,
    RecommendError, SparseMatrix, SvmOptions, TfidfMatrix, Tokeniser, Training, VectoriserOptions,
    STOP_WORDS,
};
use common::{Rng, TINY};

fn loose() -> VectoriserOptions {
    VectoriserOptions {
        min_df: 1,
        max_df: 1.0,
        max_features: None,
    }
}

#[test]
fn tokens_follow_the_pattern_after_folding() {
    let cases: [(&str, &[&str]); 12] = [
        ("Dejan Kostić", &["dejan", "kostic"]),
        ("Über naïve café", &["uber", "naive", "cafe"]),
        (
            "snake_case __init__ x_1 _",
            &["snake_case", "__init__", "x_1"],
        ),
        ("gpt4 4gpt 3d", &["gpt4", "gpt"]),
        ("a b c ab", &["ab"]),
        ("The model of the World", &["model", "world"]),
        ("GPU-accelerated", &["gpu", "accelerated"]),
        ("$\\alpha$-stable", &["alpha", "stable"]),
        ("over the top, noone couldnt", &[]),
        ("x²+y² ΑΒΓ", &[]),
        ("Straße", &["strasse"]),
        ("", &[]),
    ];
    for (input, expected) in cases {
        assert_eq!(tokens(input), expected, "input {input:?}");
    }
}

#[test]
fn the_streaming_tokeniser_finds_what_folding_then_matching_finds() {
    // Pieces that stress the pattern and the folding: accents, letters that fold to two,
    // other scripts, digits, underscores, LaTeX, punctuation, stop words.
    let pieces = [
        "Kostić",
        "Straße",
        "ÆON",
        "naïve",
        "x²",
        "ΑΒΓ",
        "数据",
        "gpt4",
        "4gpt",
        "__init__",
        "_",
        "a",
        "of",
        "the",
        "$\\alpha$",
        "e-mail",
        "Ωmega",
        "ǅemal",
        "ﬁle",
        "ŒUVRE",
        "9",
        " ",
        "  ",
        "\n",
        ",",
        "é",
        "ß",
        "abcdefghijklmnop",
        "abcdefghijklmnopq",
        "Supercalifragilistic",
        "2026abc",
        "x9",
        "A_B",
        "__",
        "\t",
        "Zürich",
        "\u{7f}",
        "ZZZZZZZZ",
    ];
    // Every token's key: the same for the same token only, and none past 16 bytes.
    let mut key_of: std::collections::HashMap<Vec<u8>, Option<u128>> = Default::default();
    let mut token_of: std::collections::HashMap<u128, Vec<u8>> = Default::default();
    let mut rng = Rng(11);
    let mut tokeniser = Tokeniser::default();
    // Long texts too: the tokeniser reads 64 bytes at a time, so tokens and characters
    // straddle its blocks.
    for _ in 0..4_000 {
        let mut text = String::new();
        for _ in 0..rng.below(60) {
            text.push_str(rng.pick(&pieces));
            if rng.chance(50) {
                text.push(' ');
            }
        }
        tokeniser.document(&text);
        let streamed: Vec<String> = tokeniser
            .tokens()
            .map(|t| String::from_utf8(t.to_vec()).expect("ASCII tokens"))
            .filter(|t| !is_stop_word(t))
            .collect();
        assert_eq!(streamed, tokens(&text), "input {text:?}");
        let keyed: Vec<&[u8]> = tokeniser.keyed_tokens().map(|(t, _)| t).collect();
        assert_eq!(keyed, tokeniser.tokens().collect::<Vec<_>>());
        for (token, key) in tokeniser.keyed_tokens() {
            assert_eq!(key.is_some(), token.len() <= 16, "{token:?}");
            assert_eq!(*key_of.entry(token.to_vec()).or_insert(key), key);
            if let Some(key) = key {
                assert_eq!(*token_of.entry(key).or_insert(token.to_vec()), token);
            }
        }
    }
    assert!(key_of.len() > 20 && key_of.values().any(Option::is_none));
}

#[test]
fn bigrams_join_neighbours_once_stop_words_are_gone() {
    let cases: [(&str, &[&str]); 4] = [
        (
            "learning of the graph structure",
            &[
                "learning",
                "graph",
                "structure",
                "learning graph",
                "graph structure",
            ],
        ),
        ("deep", &["deep"]),
        (
            "Kostić, D. and Müller",
            &["kostic", "muller", "kostic muller"],
        ),
        ("the of and", &[]),
    ];
    for (input, expected) in cases {
        assert_eq!(terms(input), expected, "input {input:?}");
    }
}

#[test]
fn the_stop_word_list_is_scikit_learns() {
    assert_eq!(STOP_WORDS.len(), 318);
    assert!(
        STOP_WORDS.windows(2).all(|w| w[0] < w[1]),
        "sorted, no repeats"
    );
    for word in ["a", "amoungst", "the", "yourselves", "noone", "system"] {
        assert!(is_stop_word(word), "{word}");
    }
    for word in ["graph", "learning", "", "The"] {
        assert!(!is_stop_word(word), "{word}");
    }
}

#[test]
fn a_papers_text_is_title_abstract_and_authors() {
    let paper = Paper {
        title: "Graphs".into(),
        summary: "We study graphs.".into(),
        authors: vec![
            Author {
                name: "Dejan Kostić".into(),
                affiliations: vec!["Somewhere".into()],
            },
            Author {
                name: "Ana Šimić".into(),
                affiliations: vec![],
            },
        ],
        ..Paper::default()
    };
    assert_eq!(
        document_text(&paper),
        "Graphs We study graphs. Dejan Kostić Ana Šimić"
    );
}

#[test]
fn tfidf_weights_match_the_hand_computation() {
    let matrix = TfidfMatrix::fit(TINY, &loose()).expect("vectorises");
    let vocabulary = [
        "apple",
        "apple banana",
        "apple cherry",
        "banana",
        "banana banana",
        "banana cherry",
        "cherry",
    ];
    assert_eq!(matrix.terms(), vocabulary);
    assert_eq!((matrix.n_rows(), matrix.n_terms()), (4, 7));
    // n = 4: ln((1 + n) / (1 + df)) + 1.
    let idf = |df: f64| (5.0 / (1.0 + df)).ln() + 1.0;
    let expected_idf = [
        idf(2.0),
        idf(1.0),
        idf(1.0),
        idf(2.0),
        idf(1.0),
        idf(1.0),
        idf(3.0),
    ];
    for (column, (&got, want)) in matrix.idf().iter().zip(expected_idf).enumerate() {
        assert!((f64::from(got) - want).abs() < 1e-6, "idf of {column}");
    }
    let tf2 = 1.0 + 2f64.ln();
    let raw: [&[(usize, f64)]; 4] = [
        &[(0, idf(2.0)), (1, idf(1.0)), (3, idf(2.0))],
        &[(0, idf(2.0)), (2, idf(1.0)), (6, idf(3.0))],
        &[
            (3, tf2 * idf(2.0)),
            (4, idf(1.0)),
            (5, idf(1.0)),
            (6, idf(3.0)),
        ],
        &[(6, idf(3.0))],
    ];
    for (i, want) in raw.iter().enumerate() {
        let row = matrix.row(i).expect("row");
        let norm = want.iter().map(|(_, v)| v * v).sum::<f64>().sqrt();
        // A row's terms come in order of first occurrence; compare them by column.
        let mut got: Vec<(usize, f64)> = row.iter().map(|(c, v)| (c, f64::from(v))).collect();
        got.sort_by_key(|&(column, _)| column);
        assert_eq!(got.len(), want.len(), "row {i}");
        for (&(gc, gv), &(wc, wv)) in got.iter().zip(want.iter()) {
            assert_eq!(gc, wc, "row {i}");
            assert!((gv - wv / norm).abs() < 1e-6, "row {i} column {wc}: {gv}");
        }
        assert!(
            (row.squared_norm().sqrt() - 1.0).abs() < 1e-6,
            "row {i} norm"
        );
    }
    assert_eq!(matrix.column_of("banana cherry"), Some(5));
    assert_eq!(matrix.column_of("durian"), None);
    assert!(matrix.bytes() > 13 * 4);
    assert!(matrix.row(4).is_none());
}

#[test]
fn the_vocabulary_is_cut_by_document_frequency_then_by_count() {
    let cases: [(usize, f64, Option<usize>, &[&str]); 8] = [
        (
            1,
            1.0,
            None,
            &[
                "apple",
                "apple banana",
                "apple cherry",
                "banana",
                "banana banana",
                "banana cherry",
                "cherry",
            ],
        ),
        (2, 1.0, None, &["apple", "banana", "cherry"]),
        // df <= 0.5 * 4 keeps df 2, drops cherry's 3.
        (
            1,
            0.5,
            None,
            &[
                "apple",
                "apple banana",
                "apple cherry",
                "banana",
                "banana banana",
                "banana cherry",
            ],
        ),
        (
            1,
            0.25,
            None,
            &[
                "apple banana",
                "apple cherry",
                "banana banana",
                "banana cherry",
            ],
        ),
        (2, 0.5, None, &["apple", "banana"]),
        // Corpus counts: banana 3, cherry 3, apple 2, every bigram 1.
        (1, 1.0, Some(2), &["banana", "cherry"]),
        (1, 1.0, Some(3), &["apple", "banana", "cherry"]),
        // Among equal counts the alphabetically first wins.
        (
            1,
            1.0,
            Some(4),
            &["apple", "apple banana", "banana", "cherry"],
        ),
    ];
    for (min_df, max_df, max_features, expected) in cases {
        let options = VectoriserOptions {
            min_df,
            max_df,
            max_features,
        };
        let matrix = TfidfMatrix::fit(TINY, &options).expect("vectorises");
        assert_eq!(matrix.terms(), expected, "{options:?}");
        for row in matrix.matrix().rows() {
            let norm = row.squared_norm();
            assert!(row.is_empty() || (norm - 1.0).abs() < 1e-6, "{options:?}");
        }
    }
}

#[test]
fn vectorising_fails_with_a_reason_instead_of_panicking() {
    let none: [&str; 0] = [];
    let strict = |min_df, max_df| VectoriserOptions {
        min_df,
        max_df,
        max_features: None,
    };
    let cases: [(&[&str], VectoriserOptions, RecommendError); 6] = [
        (&none, loose(), RecommendError::EmptyCorpus),
        (
            &["the of", "4 2 x"],
            loose(),
            RecommendError::EmptyVocabulary,
        ),
        (
            &TINY,
            VectoriserOptions::default(),
            RecommendError::CorpusTooSmall {
                papers: 4,
                needed: 50,
            },
        ),
        (&TINY, strict(4, 1.0), RecommendError::NoTermsLeft),
        (
            &TINY,
            strict(1, 0.0),
            RecommendError::InvalidOption("max_df must lie in (0, 1]"),
        ),
        (
            &TINY,
            strict(1, f64::NAN),
            RecommendError::InvalidOption("max_df must lie in (0, 1]"),
        ),
    ];
    for (documents, options, expected) in cases {
        let got = TfidfMatrix::fit(documents, &options);
        assert_eq!(got, Err(expected.clone()), "{documents:?} {options:?}");
        assert!(!expected.to_string().is_empty());
    }
    let message = RecommendError::CorpusTooSmall {
        papers: 4,
        needed: 50,
    }
    .to_string();
    assert!(
        message.contains("50") && message.contains("load more"),
        "{message}"
    );
}

/// Two-feature points; `true` marks a positive.
fn points(data: &[(f32, f32, bool)]) -> (SparseMatrix, Vec<bool>) {
    let matrix = SparseMatrix::from_rows(2, data.iter().map(|&(x, y, _)| [(0, x), (1, y)]))
        .expect("valid rows");
    (matrix, data.iter().map(|&(_, _, label)| label).collect())
}

fn separable(rng: &mut Rng) -> Vec<(f32, f32, bool)> {
    let mut jitter = || (rng.below(1000) as f32 / 1000.0 - 0.5) * 0.8;
    let mut data = Vec::new();
    for i in 0..40 {
        let positive = i % 3 == 0;
        let (cx, cy) = if positive { (1.5, 1.0) } else { (-1.0, -0.5) };
        data.push((cx + jitter(), cy + jitter(), positive));
    }
    data
}

/// The largest violation of the dual optimality conditions: the projected gradient of each
/// alpha, which is zero at the optimum.
fn kkt_violation(matrix: &SparseMatrix, labels: &[bool], training: &Training, loss: Loss) -> f64 {
    let mut worst: f64 = 0.0;
    for (i, row) in matrix.rows().enumerate() {
        let y = if labels[i] { 1.0 } else { -1.0 };
        let alpha = training.alphas[i];
        let cost = training.costs[i];
        let (diag, upper) = match loss {
            Loss::Hinge => (0.0, cost),
            Loss::SquaredHinge => (0.5 / cost, f64::INFINITY),
        };
        assert!(
            (0.0..=upper).contains(&alpha),
            "alpha {alpha} outside [0, {upper}]"
        );
        let g = y * f64::from(training.model.decision(row)) - 1.0 + diag * alpha;
        let pg = if alpha <= 0.0 {
            g.min(0.0)
        } else if alpha >= upper {
            g.max(0.0)
        } else {
            g
        };
        worst = worst.max(pg.abs());
    }
    worst
}

#[test]
fn the_svm_separates_separable_points_and_solves_its_dual() {
    for loss in [Loss::Hinge, Loss::SquaredHinge] {
        for seed in [1, 7, 2026] {
            let data = separable(&mut Rng(seed));
            let (matrix, labels) = points(&data);
            let options = SvmOptions {
                c: 10.0,
                loss,
                tolerance: 1e-6,
                max_iterations: 10_000,
                ..SvmOptions::default()
            };
            let training = train(&matrix, &labels, &options).expect("trains");
            assert!(training.converged, "{loss:?} seed {seed}");
            assert_eq!(training.model.weights.len(), 2);
            for (i, row) in matrix.rows().enumerate() {
                let decision = training.model.decision(row);
                assert_eq!(decision > 0.0, labels[i], "{loss:?} seed {seed} point {i}");
            }
            let violation = kkt_violation(&matrix, &labels, &training, loss);
            assert!(violation < 1e-3, "{loss:?} seed {seed}: {violation}");
            // Support vectors exist, and not every point is one.
            let support = training.alphas.iter().filter(|&&a| a > 0.0).count();
            assert!(support > 0 && support < data.len(), "{support}");
        }
    }
}

#[test]
fn the_default_tolerance_also_reaches_the_dual_optimum() {
    let data = separable(&mut Rng(99));
    let (matrix, labels) = points(&data);
    let training = train(&matrix, &labels, &SvmOptions::default()).expect("trains");
    assert!(training.converged);
    assert!(kkt_violation(&matrix, &labels, &training, Loss::Hinge) < 1e-2);
}

#[test]
fn balanced_class_weights_move_the_boundary_towards_the_majority() {
    // Three positives on the edge of thirty negatives.
    let mut data: Vec<(f32, f32, bool)> = (0..30)
        .map(|i| (-1.0 + i as f32 * 0.06, 0.0, false))
        .collect();
    data.extend([(0.9, 0.0, true), (1.0, 0.0, true), (1.1, 0.0, true)]);
    let (matrix, labels) = points(&data);
    let decisions = |balanced: bool| {
        let options = SvmOptions {
            c: 0.5,
            balanced,
            tolerance: 1e-6,
            max_iterations: 10_000,
            ..SvmOptions::default()
        };
        let training = train(&matrix, &labels, &options).expect("trains");
        let n = data.len() as f64;
        let expected_pos = if balanced { 0.5 * n / 6.0 } else { 0.5 };
        assert!((training.costs[30] - expected_pos).abs() < 1e-12);
        matrix
            .rows()
            .map(|row| training.model.decision(row))
            .collect::<Vec<f32>>()
    };
    let plain = decisions(false);
    let balanced = decisions(true);
    assert!(
        plain[30..].iter().all(|&d| d < 0.0),
        "unweighted: {plain:?}"
    );
    assert!(
        balanced[30..].iter().all(|&d| d > 0.0),
        "balanced: {balanced:?}"
    );
    assert!(balanced[31] > plain[31]);
}

#[test]
fn training_fails_with_a_reason_instead_of_panicking() {
    let (matrix, _) = points(&[(1.0, 0.0, true), (0.0, 1.0, false)]);
    let zero_c = SvmOptions {
        c: 0.0,
        ..SvmOptions::default()
    };
    let cases: [(&[bool], SvmOptions, RecommendError); 4] = [
        (
            &[true],
            SvmOptions::default(),
            RecommendError::LabelCountMismatch { labels: 1, rows: 2 },
        ),
        (
            &[false, false],
            SvmOptions::default(),
            RecommendError::NoPositives,
        ),
        (
            &[true, true],
            SvmOptions::default(),
            RecommendError::NoNegatives,
        ),
        (
            &[true, false],
            zero_c,
            RecommendError::InvalidOption("C must be positive"),
        ),
    ];
    for (labels, options, expected) in cases {
        assert_eq!(
            train(&matrix, labels, &options),
            Err(expected),
            "{labels:?}"
        );
    }
    let empty = SparseMatrix::from_rows(0, Vec::<Vec<(u32, f32)>>::new()).expect("empty");
    assert_eq!(
        train(&empty, &[], &SvmOptions::default()),
        Err(RecommendError::EmptyCorpus)
    );
    assert_eq!(
        SparseMatrix::from_rows(2, [vec![(0, 1.0)], vec![(2, 1.0)]]),
        Err(RecommendError::InvalidEntry { row: 1, column: 2 })
    );
    assert_eq!(
        SparseMatrix::from_rows(2, [vec![(1, f32::NAN)]]),
        Err(RecommendError::InvalidEntry { row: 0, column: 1 })
    );
}

fn corpus_matrix() -> TfidfMatrix {
    TfidfMatrix::from_papers(&common::two_topic_corpus(42), &VectoriserOptions::default())
        .expect("vectorises")
}

fn topic_a_positives() -> Vec<usize> {
    (0..12).map(|k| k * 38).collect()
}

#[test]
fn positives_from_one_topic_bring_up_that_topic() {
    let matrix = corpus_matrix();
    assert_eq!(matrix.n_rows(), common::TWO_TOPIC_PAPERS);
    assert!(matrix.n_terms() > 100 && matrix.n_terms() <= 20_000);
    let positives = topic_a_positives();
    let ranking = rank_by_positives(&matrix, &positives, &SvmOptions::default()).expect("ranks");
    assert_eq!(
        ranking.scores.len(),
        common::TWO_TOPIC_PAPERS - positives.len()
    );
    assert!(ranking.scores.iter().all(|(i, _)| !positives.contains(i)));
    assert!(ranking.scores.windows(2).all(|w| w[0].1 >= w[1].1));
    let topic_a = ranking.scores[..20]
        .iter()
        .filter(|(i, _)| i % 2 == 0)
        .count();
    assert!(topic_a >= 18, "{topic_a} of the top 20 are topic A");
    // The explanation of the best match names topic-A words.
    let (best, _) = ranking.scores[0];
    let reasons = explain(&ranking.model, &matrix, best, 5);
    assert!(!reasons.is_empty() && reasons.len() <= 5);
    assert!(reasons.windows(2).all(|w| w[0].1 >= w[1].1 && w[1].1 > 0.0));
    let astro = reasons
        .iter()
        .filter(|(term, _)| term.contains("astro"))
        .count();
    assert!(astro * 5 >= reasons.len() * 4, "{reasons:?}");
    assert!(explain(&ranking.model, &matrix, common::TWO_TOPIC_PAPERS, 5).is_empty());
    assert!(explain(&ranking.model, &matrix, best, 0).is_empty());
}

#[test]
fn similar_papers_share_the_topic() {
    let matrix = corpus_matrix();
    for paper in [3, 100, 499] {
        let found = similar(&matrix, paper, 10, &SvmOptions::default()).expect("ranks");
        assert_eq!(found.len(), 10);
        assert!(found.iter().all(|&(i, _)| i != paper));
        let same = found.iter().filter(|(i, _)| i % 2 == paper % 2).count();
        assert!(same >= 8, "paper {paper}: {found:?}");
    }
}

#[test]
fn the_same_input_gives_the_same_ranking() {
    let first = rank_by_positives(
        &corpus_matrix(),
        &topic_a_positives(),
        &SvmOptions::default(),
    );
    let again = rank_by_positives(
        &corpus_matrix(),
        &topic_a_positives(),
        &SvmOptions::default(),
    );
    assert!(first.is_ok());
    assert_eq!(first, again);
}

#[test]
fn ranking_fails_with_a_reason_instead_of_panicking() {
    let matrix = TfidfMatrix::fit(TINY, &loose()).expect("vectorises");
    let options = SvmOptions::default();
    let cases: [(&TfidfMatrix, &[usize], RecommendError); 4] = [
        (&TfidfMatrix::default(), &[0], RecommendError::EmptyCorpus),
        (&matrix, &[], RecommendError::NoPositives),
        (
            &matrix,
            &[1, 4],
            RecommendError::PaperOutOfRange {
                index: 4,
                papers: 4,
            },
        ),
        (&matrix, &[0, 1, 2, 3, 3], RecommendError::NoNegatives),
    ];
    for (matrix, positives, expected) in cases {
        let got = rank_by_positives(matrix, positives, &options).map(|r| r.scores);
        assert_eq!(got, Err(expected), "{positives:?}");
    }
    assert_eq!(
        similar(&matrix, 9, 3, &options),
        Err(RecommendError::PaperOutOfRange {
            index: 9,
            papers: 4
        })
    );
    // Repeated positives count once, and a tiny corpus still ranks.
    let ranking = rank_by_positives(&matrix, &[0, 0], &options).expect("ranks");
    let order: Vec<usize> = ranking.scores.iter().map(|&(i, _)| i).collect();
    assert_eq!(order.len(), 3);
    assert!(!order.contains(&0));
}

#[test]
fn the_index_built_from_parts_equals_the_one_shot_vectoriser_and_ranks_favourites_from_elsewhere() {
    use arxiv_explorer::core::recommend::{DocumentBatch, IndexBuild, RankJob, VectoriserOptions};
    use std::sync::Arc;
    let topics = [
        "kernel scheduler latency",
        "garbage collector heap",
        "network packet queue",
    ];
    let papers: Vec<Arc<Paper>> = (0..150)
        .map(|i| {
            Arc::new(Paper {
                id: format!("2604.{i:05}"),
                title: format!("{} study {}", topics[i % 3], i % 7),
                summary: format!("We measure {} under load number{}", topics[i % 3], i % 11),
                ..Paper::default()
            })
        })
        .collect();
    // The feed's 140 papers, then 10 favourites from elsewhere, in parts as the page hands
    // them over.
    let mut build = IndexBuild::new(140, 150, 0).expect("valid sizes");
    for part in papers.chunks(40) {
        let batch = DocumentBatch::from_papers(part.iter().map(|p| p.as_ref()));
        let batch = DocumentBatch::from_bytes(batch.into_bytes()).expect("the part reads back");
        build.add(&batch).expect("counted");
    }
    assert_eq!(build.progress(), (150, 150));
    let index = build.finish().expect("an index");
    let options = VectoriserOptions::for_corpus(150);
    let whole =
        TfidfMatrix::fit(papers.iter().map(|p| document_text(p.as_ref())), &options).expect("fit");
    assert_eq!(index.matrix(), &whole);
    assert_eq!(index.feed_rows(), 140);
    // A favourite that is not in the feed (row 145) trains the ranking of the feed.
    let index = Arc::new(index);
    let row = 145;
    let mut job = RankJob::new(index.clone(), &[row], &SvmOptions::default()).expect("a job");
    let ranked = loop {
        if let Some(result) = job.run(|| true) {
            break result.expect("a ranking");
        }
    };
    assert_eq!(ranked.scores.len(), 140);
    let top: Vec<usize> = ranked.top(5);
    assert!(top.iter().all(|&i| i % 3 == 145 % 3), "{top:?}");
    let shared = index.shared_terms(row, top[0], 3);
    assert!(!shared.is_empty());
}
