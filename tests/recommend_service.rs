//! The recommendation worker's job, natively: the page's papers framed into one batch, the
//! requests and replies as they cross to the worker and back, and the service answering them.

mod common;

use std::sync::Arc;

use arxiv_explorer::core::recommend::protocol::{LEARNT_TERMS, SIMILAR_SHOWN, WHY_TERMS};
use arxiv_explorer::core::recommend::{
    index_requests, learnt_terms, DocumentBatch, LinearModel, ListRanking, RankRequest,
    RankingPayload, RecommendError, RecommendService, TfidfMatrix, VectoriserOptions, Why,
    WorkerReply, WorkerRequest,
};

/// A request with its payload, as it crosses to the worker.
type Request = (WorkerRequest, Option<Vec<u8>>);

/// Sends `request` (through its JSON, as the worker receives it) and collects the replies
/// (also through their JSON).
fn ask(
    service: &mut RecommendService,
    request: WorkerRequest,
    payload: Option<Vec<u8>>,
) -> Vec<(WorkerReply, Option<Vec<u8>>)> {
    let request = WorkerRequest::from_json(&request.to_json()).expect("the request reads back");
    let mut replies = Vec::new();
    let clock = std::cell::Cell::new(0.0);
    // Each look at the clock is 40 ms later: a long build reports progress.
    let now = || {
        clock.set(clock.get() + 40.0);
        clock.get()
    };
    service.handle(request, payload, &now, &mut |reply, payload| {
        let reply = WorkerReply::from_json(&reply.to_json()).expect("the reply reads back");
        replies.push((reply, payload));
    });
    replies
}

fn indexed_service(
    papers: &[arxiv_explorer::core::feed::Paper],
    feed_rows: u32,
) -> RecommendService {
    let mut service = RecommendService::default();
    // In parts of 120 papers, as the page sends them.
    let mut replies = Vec::new();
    for (request, payload) in index_requests(7, feed_rows as usize, papers, 120) {
        replies.extend(ask(&mut service, request, payload));
    }
    let Some((
        WorkerReply::Indexed {
            generation,
            terms,
            bytes,
            ..
        },
        None,
    )) = replies.last()
    else {
        panic!("no index: {replies:?}");
    };
    assert_eq!(*generation, 7);
    assert!(!terms.is_empty() && *bytes > 0);
    assert!(
        replies[..replies.len() - 1]
            .iter()
            .all(|(reply, _)| matches!(reply, WorkerReply::Progress { generation: 7, percent } if *percent < 100)),
        "only progress before the index: {replies:?}"
    );
    service
}

#[test]
fn a_batch_of_documents_reads_back_and_damage_is_refused() {
    let papers = common::two_topic_corpus(3);
    let mut batch = DocumentBatch::from_papers(&papers[..3]);
    batch.push_text("Straße — ΑΒΓ");
    batch.push_text("");
    let back = DocumentBatch::from_bytes(batch.clone().into_bytes()).expect("reads back");
    assert_eq!(back, batch);
    assert_eq!(back.len(), 5);
    assert_eq!(
        back.get(0),
        Some(arxiv_explorer::core::recommend::document_text(&papers[0]).as_str())
    );
    assert_eq!(back.get(3), Some("Straße — ΑΒΓ"));
    assert_eq!(back.get(4), Some(""));
    let bytes = batch.into_bytes();
    // Cut anywhere, from the front or the back.
    for cut in [1, 3, 5, bytes.len() - 5, bytes.len() - 1] {
        assert_eq!(
            DocumentBatch::from_bytes(bytes[..cut].to_vec()),
            Err(RecommendError::DamagedMessage),
            "cut at {cut}"
        );
        assert_eq!(
            DocumentBatch::from_bytes(bytes[cut..].to_vec()),
            Err(RecommendError::DamagedMessage),
            "cut before {cut}"
        );
    }
    // Text that is not UTF-8; lengths that split a character; a count past the lengths.
    let framed = |text: &[u8], lengths: &[u32], count: u32| -> Vec<u8> {
        let mut bytes = text.to_vec();
        for length in lengths {
            bytes.extend_from_slice(&length.to_le_bytes());
        }
        bytes.extend_from_slice(&count.to_le_bytes());
        bytes
    };
    for (bytes, what) in [
        (framed(&[0xff, 0xfe], &[2], 1), "not UTF-8"),
        (framed("ß".as_bytes(), &[1, 1], 2), "a split character"),
        (framed(b"ab", &[2], 7), "a count past the lengths"),
        (framed(b"ab", &[1], 1), "lengths short of the text"),
    ] {
        assert_eq!(
            DocumentBatch::from_bytes(bytes),
            Err(RecommendError::DamagedMessage),
            "{what}"
        );
    }
    assert_eq!(
        DocumentBatch::from_bytes(framed("ß".as_bytes(), &[2, 0], 2))
            .map(|b| (b.len(), b.get(0).map(str::to_string))),
        Ok((2, Some("ß".to_string())))
    );
    assert_eq!(
        DocumentBatch::from_bytes(Vec::new()).map(|b| b.len()),
        Ok(0)
    );
}

#[test]
fn the_service_indexes_ranks_with_reasons_and_finds_similar_papers() {
    let papers = common::two_topic_corpus(5);
    let n = papers.len();
    // The last 20 papers stand for favourites from another feed: rows, but not feed rows.
    let feed_rows = n - 20;
    let mut service = indexed_service(&papers, feed_rows as u32);
    // Topic A (even papers), two of them from elsewhere.
    let positives: Vec<u32> = vec![0, 2, 4, (n - 2) as u32, (n - 4) as u32];
    let replies = ask(
        &mut service,
        WorkerRequest::Rank {
            generation: 7,
            job: 1,
            positives: positives.clone(),
        },
        None,
    );
    let [(
        WorkerReply::Ranked {
            generation: 7,
            job: 1,
            learnt,
            ..
        },
        Some(bytes),
    )] = replies.as_slice()
    else {
        panic!("no ranking: {replies:?}");
    };
    let payload = RankingPayload::from_bytes(bytes, feed_rows).expect("a payload");
    assert_eq!(payload.scores.len(), feed_rows);
    assert_eq!(payload.why.len(), feed_rows * WHY_TERMS);
    // The positives in the feed sort last; the best of the rest are topic A.
    for &p in &[0usize, 2, 4] {
        assert_eq!(payload.scores[p], f32::NEG_INFINITY);
    }
    let mut order: Vec<usize> = (0..feed_rows).collect();
    order.sort_by(|&a, &b| payload.scores[b].total_cmp(&payload.scores[a]));
    assert!(order[..20].iter().all(|i| i % 2 == 0), "{:?}", &order[..20]);
    // Topic A's words are what it learnt to like, and none of them what it avoids.
    assert_eq!(learnt.liked.len(), LEARNT_TERMS);
    assert!(
        learnt
            .liked
            .iter()
            .filter(|t| t.starts_with("astro"))
            .count()
            >= 3,
        "{learnt:?}"
    );
    assert!(!learnt.disliked.is_empty(), "{learnt:?}");
    assert!(
        !learnt.disliked.iter().any(|t| t.starts_with("astro")),
        "{learnt:?}"
    );
    let sentence = learnt.sentence().expect("a sentence");
    assert!(sentence.starts_with("Leans towards ") && sentence.contains("; away from "));

    // The page's view of it: each paper's why is its strongest terms, the positives say so.
    let terms = match &ask(
        &mut indexed_service(&papers, feed_rows as u32),
        WorkerRequest::Rank {
            generation: 8,
            job: 1,
            positives: vec![0],
        },
        None,
    )[0]
    .0
    {
        WorkerReply::Failed { message, .. } => message.clone(),
        other => panic!("a stale generation must fail, not {other:?}"),
    };
    assert_eq!(terms, RecommendError::NotIndexed.to_string());
    let vocabulary = {
        let matrix =
            TfidfMatrix::from_papers(&papers, &VectoriserOptions::for_corpus(n)).expect("a matrix");
        Arc::new(matrix.terms().to_vec())
    };
    let ranking = ListRanking::new(
        RankRequest::Favourites { tag: None },
        7,
        vec![4, 0, 2],
        positives.len(),
        payload,
        vocabulary,
        learnt.clone(),
        true,
    );
    assert_eq!(ranking.why(2, WHY_TERMS), Some(Why::Positive));
    let best = order[0];
    let Some(Why::Terms(why)) = ranking.why(best, WHY_TERMS) else {
        panic!("no reasons for the best paper");
    };
    assert!(!why.is_empty() && why.len() <= WHY_TERMS);
    assert!(
        why.iter()
            .all(|t| t.contains("astro") || t.contains("common")),
        "{why:?}"
    );
    assert_eq!(ranking.why(feed_rows, WHY_TERMS), None, "past the feed");

    // Similar papers: ten, the paper itself left out, with the terms they share.
    let replies = ask(
        &mut service,
        WorkerRequest::Similar {
            generation: 7,
            job: 2,
            row: 1,
        },
        None,
    );
    let [(WorkerReply::Similar { job: 2, found, .. }, None)] = replies.as_slice() else {
        panic!("no similar papers: {replies:?}");
    };
    assert_eq!(found.len(), SIMILAR_SHOWN);
    assert!(found
        .iter()
        .all(|f| f.row != 1 && (f.row as usize) < feed_rows));
    assert!(
        found.iter().filter(|f| f.row % 2 == 1).count() >= 8,
        "{found:?}"
    );
    assert!(found.iter().all(|f| !f.shared.is_empty()));
}

#[test]
fn requests_the_service_cannot_answer_fail_with_a_reason() {
    let mut service = RecommendService::default();
    let cases: Vec<(WorkerRequest, Option<Vec<u8>>, RecommendError)> = vec![
        (
            WorkerRequest::Rank {
                generation: 1,
                job: 3,
                positives: vec![0],
            },
            None,
            RecommendError::NotIndexed,
        ),
        (
            WorkerRequest::IndexStart {
                generation: 4,
                feed_rows: 5,
                documents: 2,
                counted_elsewhere: 0,
            },
            None,
            RecommendError::PaperOutOfRange {
                index: 5,
                papers: 2,
            },
        ),
    ];
    for (request, payload, expected) in cases {
        let job = match &request {
            WorkerRequest::Rank { job, .. } => Some(*job),
            _ => None,
        };
        let replies = ask(&mut service, request.clone(), payload);
        assert_eq!(
            replies.last().map(|(reply, _)| reply.clone()),
            Some(WorkerReply::Failed {
                generation: request.generation().unwrap_or_default(),
                job,
                message: expected.to_string(),
            }),
            "{request:?}"
        );
    }
    // An index whose parts arrive damaged, or too few or too many of them, fails; one with
    // no papers at all says there is nothing to learn from.
    let papers = common::two_topic_corpus(1);
    let two = DocumentBatch::from_papers(&papers[..2]).into_bytes();
    let runs: Vec<(Vec<Request>, RecommendError)> = vec![
        (
            vec![
                (
                    WorkerRequest::IndexStart {
                        generation: 2,
                        feed_rows: 1,
                        documents: 1,
                        counted_elsewhere: 0,
                    },
                    None,
                ),
                (
                    WorkerRequest::IndexPart { generation: 2 },
                    Some(vec![9, 0, 0, 0, b'x']),
                ),
            ],
            RecommendError::DamagedMessage,
        ),
        (
            vec![
                (
                    WorkerRequest::IndexStart {
                        generation: 3,
                        feed_rows: 3,
                        documents: 3,
                        counted_elsewhere: 0,
                    },
                    None,
                ),
                (
                    WorkerRequest::IndexPart { generation: 3 },
                    Some(two.clone()),
                ),
                (WorkerRequest::IndexEnd { generation: 3 }, None),
            ],
            RecommendError::DamagedMessage,
        ),
        (
            vec![
                (
                    WorkerRequest::IndexStart {
                        generation: 5,
                        feed_rows: 1,
                        documents: 1,
                        counted_elsewhere: 0,
                    },
                    None,
                ),
                (
                    WorkerRequest::IndexPart { generation: 5 },
                    Some(two.clone()),
                ),
            ],
            RecommendError::DamagedMessage,
        ),
        (
            vec![
                (
                    WorkerRequest::IndexStart {
                        generation: 6,
                        feed_rows: 0,
                        documents: 0,
                        counted_elsewhere: 0,
                    },
                    None,
                ),
                (WorkerRequest::IndexEnd { generation: 6 }, None),
            ],
            RecommendError::EmptyCorpus,
        ),
    ];
    for (requests, expected) in runs {
        let mut last = None;
        for (request, payload) in requests {
            last = ask(&mut service, request, payload).pop().or(last);
        }
        match last {
            Some((WorkerReply::Failed { message, .. }, _)) => {
                assert_eq!(message, expected.to_string())
            }
            other => panic!("expected {expected:?}, got {other:?}"),
        }
    }
    // A part of an index since replaced is set aside, not mixed into the new one.
    let mut service = RecommendService::default();
    ask(
        &mut service,
        WorkerRequest::IndexStart {
            generation: 8,
            feed_rows: 2,
            documents: 2,
            counted_elsewhere: 0,
        },
        None,
    );
    ask(
        &mut service,
        WorkerRequest::IndexStart {
            generation: 9,
            feed_rows: 2,
            documents: 2,
            counted_elsewhere: 0,
        },
        None,
    );
    assert!(ask(
        &mut service,
        WorkerRequest::IndexPart { generation: 8 },
        Some(two.clone())
    )
    .is_empty());
    // A ranking payload of the wrong size is refused, not misread.
    assert_eq!(
        RankingPayload::from_bytes(&[0; 12], 1),
        Err(RecommendError::DamagedMessage)
    );
    // Unknown messages are not requests.
    assert_eq!(WorkerRequest::from_json("{\"kind\":\"format_disk\"}"), None);
}

#[test]
fn what_a_model_learnt_is_its_largest_weights_either_way() {
    let terms: Vec<String> = ["alpha", "beta", "gamma", "delta", "eps"]
        .iter()
        .map(|t| t.to_string())
        .collect();
    let model = LinearModel {
        weights: vec![0.5, -0.2, 0.5, 0.0, -0.9],
        bias: 0.0,
    };
    let learnt = learnt_terms(&model, &terms, 2);
    assert_eq!(learnt.liked, ["alpha", "gamma"]);
    assert_eq!(learnt.disliked, ["eps", "beta"]);
    let only_positive = LinearModel {
        weights: vec![0.1, 0.0, 0.0, 0.0, 0.0],
        bias: 0.0,
    };
    let learnt = learnt_terms(&only_positive, &terms, 3);
    assert_eq!(learnt.liked, ["alpha"]);
    assert!(learnt.disliked.is_empty());
    assert_eq!(learnt.sentence().as_deref(), Some("Leans towards alpha."));
}

#[test]
fn every_rows_why_is_its_largest_positive_contributions() {
    use arxiv_explorer::core::recommend::{explain, rank_by_positives, why_columns, SvmOptions};
    let papers = common::two_topic_corpus(9);
    let matrix = TfidfMatrix::from_papers(&papers, &VectoriserOptions::for_corpus(papers.len()))
        .expect("a matrix");
    let ranking = rank_by_positives(&matrix, &[0, 2, 4], &SvmOptions::default()).expect("ranks");
    for k in [1, 3, 5] {
        let columns = why_columns(&ranking.model, &matrix, papers.len(), k);
        assert_eq!(columns.len(), papers.len() * k);
        for row in 0..papers.len() {
            let named: Vec<String> = columns[row * k..(row + 1) * k]
                .iter()
                .filter(|&&c| c != u32::MAX)
                .map(|&c| matrix.terms()[c as usize].clone())
                .collect();
            // The oracle: every contribution, sorted.
            let mut contributions: Vec<(usize, f32)> = matrix
                .row(row)
                .expect("a row")
                .iter()
                .map(|(column, value)| (column, ranking.model.weights[column] * value))
                .filter(|&(_, c)| c > 0.0)
                .collect();
            contributions.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            let expected: Vec<String> = contributions
                .iter()
                .take(k)
                .map(|&(column, _)| matrix.terms()[column].clone())
                .collect();
            assert_eq!(named, expected, "row {row}, k {k}");
            let explained: Vec<String> = explain(&ranking.model, &matrix, row, k)
                .into_iter()
                .map(|(term, _)| term)
                .collect();
            assert_eq!(explained, expected, "row {row}, k {k}");
        }
    }
}

/// The replies of `requests`, in order.
fn ask_all(
    service: &mut RecommendService,
    requests: Vec<Request>,
) -> Vec<(WorkerReply, Option<Vec<u8>>)> {
    requests
        .into_iter()
        .flat_map(|(request, payload)| ask(service, request, payload))
        .collect()
}

#[test]
fn an_index_whose_last_papers_a_helper_counts_is_the_index_one_worker_builds() {
    use arxiv_explorer::core::recommend::split_index_requests;
    let papers = common::two_topic_corpus(5);
    let n = papers.len();
    let feed_rows = n - 20;
    let rank = WorkerRequest::Rank {
        generation: 7,
        job: 1,
        positives: vec![0, 2, 4, (n - 2) as u32],
    };
    let mut alone = indexed_service(&papers, feed_rows as u32);
    let expected = ask(&mut alone, rank.clone(), None);
    assert!(matches!(expected[0].0, WorkerReply::Ranked { .. }));
    for helped in [1, n / 2, n - 1, n] {
        let (owner_requests, helper_requests) =
            split_index_requests(7, feed_rows, &papers, 120, helped);
        let mut owner = RecommendService::default();
        let mut helper = RecommendService::default();
        let from_owner = ask_all(&mut owner, owner_requests);
        assert!(
            from_owner
                .iter()
                .all(|(reply, _)| matches!(reply, WorkerReply::Progress { generation: 7, .. })),
            "{from_owner:?}"
        );
        let mut counted = ask_all(&mut helper, helper_requests);
        let Some((
            WorkerReply::Counted {
                generation: 7,
                documents,
                ..
            },
            Some(counts),
        )) = counted.pop()
        else {
            panic!("no counts: {counted:?}");
        };
        assert!(
            counted.is_empty(),
            "a helper says nothing else: {counted:?}"
        );
        assert_eq!(documents as usize, helped);
        let replies = ask_all(
            &mut owner,
            vec![
                (WorkerRequest::IndexCounted { generation: 7 }, Some(counts)),
                (WorkerRequest::IndexEnd { generation: 7 }, None),
            ],
        );
        let [(WorkerReply::Indexed { terms, .. }, None)] = replies.as_slice() else {
            panic!("no index: {replies:?}");
        };
        assert!(!terms.is_empty());
        // The same vocabulary, the same ranking, to the bit.
        assert_eq!(
            ask(&mut owner, rank.clone(), None),
            expected,
            "{helped} helped"
        );
    }
}

#[test]
fn counts_out_of_turn_or_damaged_fail_the_index_with_a_reason() {
    use arxiv_explorer::core::recommend::split_index_requests;
    let papers = common::two_topic_corpus(5);
    let n = papers.len();
    let (owner_requests, helper_requests) = split_index_requests(3, n, &papers, 120, n / 2);
    let counts = match ask_all(&mut RecommendService::default(), helper_requests.clone()).pop() {
        Some((WorkerReply::Counted { .. }, Some(counts))) => counts,
        other => panic!("no counts: {other:?}"),
    };
    let failed = |replies: &[(WorkerReply, Option<Vec<u8>>)]| {
        matches!(
            replies.last(),
            Some((WorkerReply::Failed { generation: 3, job: None, message }, None))
                if *message == RecommendError::DamagedMessage.to_string()
        )
    };
    // Before the owner's own papers are all counted.
    let mut owner = RecommendService::default();
    let mut early = owner_requests[..2].to_vec();
    early.push((
        WorkerRequest::IndexCounted { generation: 3 },
        Some(counts.clone()),
    ));
    assert!(failed(&ask_all(&mut owner, early)));
    // Cut short.
    let mut owner = RecommendService::default();
    let mut cut = owner_requests.clone();
    cut.push((
        WorkerRequest::IndexCounted { generation: 3 },
        Some(counts[..counts.len() - 8].to_vec()),
    ));
    assert!(failed(&ask_all(&mut owner, cut)));
    // Sent to an index that counts everything itself.
    let mut owner = RecommendService::default();
    let mut unasked = index_requests(3, n, &papers, 120);
    unasked.insert(
        unasked.len() - 1,
        (
            WorkerRequest::IndexCounted { generation: 3 },
            Some(counts.clone()),
        ),
    );
    assert!(failed(&ask_all(&mut owner, unasked)));
    // A helper sent more papers than it was asked to count, or fewer.
    let mut more = helper_requests.clone();
    more.insert(1, more[1].clone());
    assert!(failed(&ask_all(&mut RecommendService::default(), more)));
    let mut fewer = helper_requests.clone();
    fewer.remove(1);
    assert!(failed(&ask_all(&mut RecommendService::default(), fewer)));
}

#[test]
fn a_feed_being_read_readies_memory_in_proportion_and_changes_no_answer() {
    use arxiv_explorer::core::recommend::service::memory_for_feed;
    const MB: u64 = 1 << 20;
    for (feed_bytes, room) in [
        (0, 0),
        // A small feed's index is built in fresh memory as fast as in touched memory.
        (3 * MB, 0),
        (4 * MB, (5.6 * MB as f64) as usize),
        (68 * MB, (95.2 * MB as f64) as usize),
        // No more than for the largest feed the page takes.
        (256 * MB, 192 * MB as usize),
        (u64::MAX, 192 * MB as usize),
    ] {
        assert_eq!(memory_for_feed(feed_bytes), room, "{feed_bytes} bytes");
    }
    // A prepare is answered with nothing, before or after an index, and the index and its
    // rankings are what they are without one.
    let papers = common::two_topic_corpus(5);
    let rank = |service: &mut RecommendService| {
        ask(
            service,
            WorkerRequest::Rank {
                generation: 7,
                job: 1,
                positives: vec![0, 2],
            },
            None,
        )
    };
    let mut plain = indexed_service(&papers, papers.len() as u32);
    let mut prepared = RecommendService::default();
    assert!(ask(
        &mut prepared,
        WorkerRequest::Prepare { bytes: 6 * MB },
        None
    )
    .is_empty());
    for (request, payload) in index_requests(7, papers.len(), &papers, 120) {
        ask(&mut prepared, request, payload);
    }
    assert!(ask(
        &mut prepared,
        WorkerRequest::Prepare { bytes: 9 * MB },
        None
    )
    .is_empty());
    let (a, b) = (rank(&mut plain), rank(&mut prepared));
    assert_eq!(a.len(), 1);
    assert_eq!(a[0].1, b[0].1, "the same scores and reasons");
    assert!(
        matches!((&a[0].0, &b[0].0), (WorkerReply::Ranked { learnt: x, .. }, WorkerReply::Ranked { learnt: y, .. }) if x == y)
    );
}
