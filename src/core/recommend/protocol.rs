//! What the page and the recommendation worker say to each other. Each message is a small
//! JSON header, and for the bulky parts (the papers' texts, a ranking's scores) a byte
//! payload that is transferred, not copied.

use std::borrow::Borrow;

use serde::{Deserialize, Serialize};

use super::documents::DocumentBatch;
use super::rank::Learnt;
use super::RecommendError;
use crate::core::feed::Paper;

/// Terms in each paper's "why" line of a ranking.
pub const WHY_TERMS: usize = 3;
/// Terms shown for what a ranking has learnt, for and against.
pub const LEARNT_TERMS: usize = 6;
/// Papers in a paper's "Similar papers".
pub const SIMILAR_SHOWN: usize = 10;
/// Shared terms shown for each similar paper.
pub const SHARED_TERMS: usize = 4;

/// A request of the page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum WorkerRequest {
    /// A new index of `documents` papers, the first `feed_rows` of them the feed's in order;
    /// it replaces any earlier index. The papers follow in [`WorkerRequest::IndexPart`]s.
    ///
    /// The last `counted_elsewhere` papers are counted by a helper worker (see
    /// [`WorkerRequest::CountStart`]): their counts come in one [`WorkerRequest::IndexCounted`]
    /// after this worker's own papers.
    IndexStart {
        generation: u64,
        feed_rows: u32,
        documents: u32,
        #[serde(default)]
        counted_elsewhere: u32,
    },
    /// The next papers of the index being built: the payload is a
    /// [`DocumentBatch`](super::DocumentBatch).
    IndexPart { generation: u64 },
    /// The counts of the papers counted elsewhere: the payload is a helper's
    /// [`WorkerReply::Counted`] payload.
    IndexCounted { generation: u64 },
    /// Every paper has been sent: the index is finished and its vocabulary sent back.
    IndexEnd { generation: u64 },
    /// A helper's job: count the terms of `documents` papers (the last ones of an index
    /// another worker builds), which follow in [`WorkerRequest::CountPart`]s.
    CountStart { generation: u64, documents: u32 },
    /// The next papers to count: the payload is a [`DocumentBatch`](super::DocumentBatch).
    CountPart { generation: u64 },
    /// Every paper to count has been sent: the counts are sent back.
    CountEnd { generation: u64 },
    /// A feed of `bytes` bytes is being read: its index will follow. The worker makes its
    /// memory ready for that index meanwhile (see [`RecommendService`](super::RecommendService)).
    Prepare { bytes: u64 },
    /// Rank the feed's papers by likeness to the rows `positives` of index `generation`.
    Rank {
        generation: u64,
        job: u64,
        positives: Vec<u32>,
    },
    /// The papers most like row `row`, each with the terms they share.
    Similar { generation: u64, job: u64, row: u32 },
}

/// A reply of the worker.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum WorkerReply {
    /// The worker has started and takes requests.
    Started,
    Progress {
        generation: u64,
        percent: u8,
    },
    /// The index is built: its vocabulary (a ranking's "why" names its columns), its size,
    /// the worker's own time for it, and how long it waited for the papers to arrive.
    Indexed {
        generation: u64,
        terms: Vec<String>,
        bytes: u64,
        ms: f64,
        waited: f64,
    },
    /// A helper's counts of `documents` papers, what its worker's own time was for them,
    /// and how long it waited for them to arrive; the payload is
    /// [`TfidfBuilder::into_counts`](super::TfidfBuilder::into_counts).
    Counted {
        generation: u64,
        documents: u32,
        ms: f64,
        waited: f64,
    },
    /// A ranking; the payload is [`RankingPayload`].
    Ranked {
        generation: u64,
        job: u64,
        converged: bool,
        learnt: Learnt,
        ms: f64,
    },
    Similar {
        generation: u64,
        job: u64,
        found: Vec<SimilarFound>,
        ms: f64,
    },
    /// The worker hit a bug and stopped; it takes no more requests.
    Crashed {
        message: String,
    },
    /// A request could not be answered; `job` is `None` for the index itself.
    Failed {
        generation: u64,
        job: Option<u64>,
        message: String,
    },
}

/// One of a paper's similar papers: its row and the terms they share.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SimilarFound {
    pub row: u32,
    pub shared: Vec<String>,
}

/// A ranking's bulk: one score per feed paper, then [`WHY_TERMS`] term columns per feed paper
/// (see [`why_columns`](super::rank::why_columns)), all little-endian.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RankingPayload {
    pub scores: Vec<f32>,
    pub why: Vec<u32>,
}

impl RankingPayload {
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut bytes = Vec::with_capacity(4 * (self.scores.len() + self.why.len()));
        for score in &self.scores {
            bytes.extend_from_slice(&score.to_le_bytes());
        }
        for column in &self.why {
            bytes.extend_from_slice(&column.to_le_bytes());
        }
        bytes
    }

    /// Reads the payload of a ranking of `feed_rows` papers.
    pub fn from_bytes(bytes: &[u8], feed_rows: usize) -> Result<RankingPayload, RecommendError> {
        if bytes.len() != 4 * feed_rows * (1 + WHY_TERMS) {
            return Err(RecommendError::DamagedMessage);
        }
        let words = bytes.chunks_exact(4).map(|w| [w[0], w[1], w[2], w[3]]);
        let scores = words
            .clone()
            .take(feed_rows)
            .map(f32::from_le_bytes)
            .collect();
        let why = words.skip(feed_rows).map(u32::from_le_bytes).collect();
        Ok(RankingPayload { scores, why })
    }
}

/// The requests that index `papers` (the first `feed_rows` of them the feed's) in parts of
/// `part` papers, with their payloads: what the page sends, all at once (the page itself
/// gathers each part in a slice of its own).
pub fn index_requests<P: Borrow<Paper>>(
    generation: u64,
    feed_rows: usize,
    papers: &[P],
    part: usize,
) -> Vec<(WorkerRequest, Option<Vec<u8>>)> {
    let mut requests = vec![(
        WorkerRequest::IndexStart {
            generation,
            feed_rows: feed_rows as u32,
            documents: papers.len() as u32,
            counted_elsewhere: 0,
        },
        None,
    )];
    for chunk in papers.chunks(part.max(1)) {
        let batch = DocumentBatch::from_papers(chunk.iter().map(Borrow::borrow));
        requests.push((
            WorkerRequest::IndexPart { generation },
            Some(batch.into_bytes()),
        ));
    }
    requests.push((WorkerRequest::IndexEnd { generation }, None));
    requests
}

/// [`index_requests`] with the last `helped` papers counted by a helper worker: what the
/// owner is sent before the helper's counts (its start and its own papers' parts), and what
/// the helper is sent. The owner then takes the counts in a [`WorkerRequest::IndexCounted`]
/// and is sent [`WorkerRequest::IndexEnd`].
#[allow(clippy::type_complexity)]
pub fn split_index_requests<P: Borrow<Paper>>(
    generation: u64,
    feed_rows: usize,
    papers: &[P],
    part: usize,
    helped: usize,
) -> (
    Vec<(WorkerRequest, Option<Vec<u8>>)>,
    Vec<(WorkerRequest, Option<Vec<u8>>)>,
) {
    let helped = helped.min(papers.len());
    let (own, others) = papers.split_at(papers.len() - helped);
    let parts = |papers: &[P], request: WorkerRequest| {
        papers
            .chunks(part.max(1))
            .map(|chunk| {
                let batch = DocumentBatch::from_papers(chunk.iter().map(Borrow::borrow));
                (request.clone(), Some(batch.into_bytes()))
            })
            .collect::<Vec<_>>()
    };
    let mut owner = vec![(
        WorkerRequest::IndexStart {
            generation,
            feed_rows: feed_rows as u32,
            documents: papers.len() as u32,
            counted_elsewhere: helped as u32,
        },
        None,
    )];
    owner.extend(parts(own, WorkerRequest::IndexPart { generation }));
    let mut helper = vec![(
        WorkerRequest::CountStart {
            generation,
            documents: helped as u32,
        },
        None,
    )];
    helper.extend(parts(others, WorkerRequest::CountPart { generation }));
    helper.push((WorkerRequest::CountEnd { generation }, None));
    (owner, helper)
}

impl WorkerRequest {
    /// The index the request is about; a [`WorkerRequest::Prepare`] is about none yet.
    pub fn generation(&self) -> Option<u64> {
        Some(match *self {
            WorkerRequest::Prepare { .. } => return None,
            WorkerRequest::IndexStart { generation, .. }
            | WorkerRequest::IndexPart { generation }
            | WorkerRequest::IndexCounted { generation }
            | WorkerRequest::IndexEnd { generation }
            | WorkerRequest::CountStart { generation, .. }
            | WorkerRequest::CountPart { generation }
            | WorkerRequest::CountEnd { generation }
            | WorkerRequest::Rank { generation, .. }
            | WorkerRequest::Similar { generation, .. } => generation,
        })
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    pub fn from_json(text: &str) -> Option<WorkerRequest> {
        serde_json::from_str(text).ok()
    }
}

impl WorkerReply {
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    pub fn from_json(text: &str) -> Option<WorkerReply> {
        serde_json::from_str(text).ok()
    }
}
