//! The recommendation worker's whole job, without the worker: it takes the page's requests
//! and answers them, holding the index between requests. The worker binary only moves
//! messages in and out, so all of this is tested natively.

use std::sync::Arc;

use super::documents::DocumentBatch;
use super::index::{IndexBuild, RankJob, RecommendIndex};
use super::protocol::{
    RankingPayload, SimilarFound, WorkerReply, WorkerRequest, LEARNT_TERMS, SHARED_TERMS,
    SIMILAR_SHOWN, WHY_TERMS,
};
use super::rank::{learnt_terms, why_columns};
use super::svm::SvmOptions;
use super::vectorise::{TfidfBuilder, VectoriserOptions};
use super::RecommendError;

/// The index the worker holds, by generation, or the one it is building; or, in a helper,
/// the papers it is counting for another worker's index.
#[derive(Default)]
pub struct RecommendService {
    index: Option<(u64, Arc<RecommendIndex>)>,
    building: Option<Building>,
    counting: Option<Counting>,
}

/// A helper's count of the last papers of an index.
struct Counting {
    generation: u64,
    builder: TfidfBuilder,
    expected: usize,
    started: f64,
    busy: f64,
}

/// An index whose papers are arriving.
struct Building {
    generation: u64,
    build: IndexBuild,
    started: f64,
    /// Time spent counting and weighing, not waiting for the next part.
    busy: f64,
}

/// Where the service sends its replies, with their payloads.
pub type Send<'a> = dyn FnMut(WorkerReply, Option<Vec<u8>>) + 'a;

impl RecommendService {
    /// Answers one request. `now` is a clock in ms, for progress and timings.
    pub fn handle(
        &mut self,
        request: WorkerRequest,
        payload: Option<Vec<u8>>,
        now: &dyn Fn() -> f64,
        send: &mut Send<'_>,
    ) {
        match request {
            WorkerRequest::IndexStart {
                generation,
                feed_rows,
                documents,
                counted_elsewhere,
            } => {
                self.index = None;
                self.building = None;
                match IndexBuild::new(
                    feed_rows as usize,
                    documents as usize,
                    counted_elsewhere as usize,
                ) {
                    Ok(build) => {
                        self.building = Some(Building {
                            generation,
                            build,
                            started: now(),
                            busy: 0.0,
                        })
                    }
                    Err(error) => send(failed(generation, None, &error), None),
                }
            }
            WorkerRequest::IndexPart { generation } => {
                let Some(building) = self
                    .building
                    .as_mut()
                    .filter(|b| b.generation == generation)
                else {
                    // A part of an index since replaced.
                    return;
                };
                let started = now();
                let added = DocumentBatch::from_bytes(payload.unwrap_or_default())
                    .and_then(|batch| building.build.add(&batch));
                building.busy += now() - started;
                match added {
                    Ok(()) => {
                        // Counting is most of the work; the rows are weighed at the end. A
                        // helper counts the rest at the same pace, so the own papers tell.
                        let (done, _) = building.build.progress();
                        let percent = (done * 90 / building.build.own().max(1)).min(99) as u8;
                        send(
                            WorkerReply::Progress {
                                generation,
                                percent,
                            },
                            None,
                        );
                    }
                    Err(error) => {
                        self.building = None;
                        send(failed(generation, None, &error), None);
                    }
                }
            }
            WorkerRequest::IndexCounted { generation } => {
                let Some(building) = self
                    .building
                    .as_mut()
                    .filter(|b| b.generation == generation)
                else {
                    return;
                };
                let started = now();
                let merged = building.build.merge(payload.as_deref().unwrap_or_default());
                building.busy += now() - started;
                if let Err(error) = merged {
                    self.building = None;
                    send(failed(generation, None, &error), None);
                }
            }
            WorkerRequest::CountStart {
                generation,
                documents,
            } => {
                self.counting = None;
                match TfidfBuilder::new(&VectoriserOptions::default()) {
                    Ok(builder) => {
                        self.counting = Some(Counting {
                            generation,
                            builder,
                            expected: documents as usize,
                            started: now(),
                            busy: 0.0,
                        })
                    }
                    Err(error) => send(failed(generation, None, &error), None),
                }
            }
            WorkerRequest::CountPart { generation } => {
                let Some(counting) = self
                    .counting
                    .as_mut()
                    .filter(|c| c.generation == generation)
                else {
                    return;
                };
                let started = now();
                let added =
                    DocumentBatch::from_bytes(payload.unwrap_or_default()).and_then(|batch| {
                        if counting.builder.documents() + batch.len() > counting.expected {
                            return Err(RecommendError::DamagedMessage);
                        }
                        (0..batch.len()).try_for_each(|i| {
                            counting.builder.add(batch.get(i).unwrap_or_default())
                        })
                    });
                counting.busy += now() - started;
                if let Err(error) = added {
                    self.counting = None;
                    send(failed(generation, None, &error), None);
                }
            }
            WorkerRequest::CountEnd { generation } => {
                let Some(counting) = self.counting.take() else {
                    return;
                };
                if counting.generation != generation {
                    self.counting = Some(counting);
                    return;
                }
                let documents = counting.builder.documents();
                if documents != counting.expected {
                    send(
                        failed(generation, None, &RecommendError::DamagedMessage),
                        None,
                    );
                    return;
                }
                let finishing = now();
                let counts = counting.builder.into_counts();
                send(
                    WorkerReply::Counted {
                        generation,
                        documents: documents as u32,
                        ms: counting.busy + now() - finishing,
                        waited: finishing - counting.started - counting.busy,
                    },
                    Some(counts),
                );
            }
            WorkerRequest::IndexEnd { generation } => {
                let Some(building) = self.building.take() else {
                    return;
                };
                if building.generation != generation {
                    self.building = Some(building);
                    return;
                }
                let finishing = now();
                match building.build.finish() {
                    Ok(index) => {
                        let terms = index.matrix().terms().to_vec();
                        let bytes = index.bytes() as u64;
                        self.index = Some((generation, Arc::new(index)));
                        send(
                            WorkerReply::Indexed {
                                generation,
                                terms,
                                bytes,
                                ms: building.busy + now() - finishing,
                                waited: finishing - building.started - building.busy,
                            },
                            None,
                        );
                    }
                    Err(error) => send(failed(generation, None, &error), None),
                }
            }
            WorkerRequest::Rank {
                generation,
                job,
                positives,
            } => match self.rank(generation, job, &positives, now) {
                Ok((reply, payload)) => send(reply, Some(payload.to_bytes())),
                Err(error) => send(failed(generation, Some(job), &error), None),
            },
            WorkerRequest::Similar {
                generation,
                job,
                row,
            } => {
                let started = now();
                match self.similar(generation, row as usize) {
                    Ok(found) => send(
                        WorkerReply::Similar {
                            generation,
                            job,
                            found,
                            ms: now() - started,
                        },
                        None,
                    ),
                    Err(error) => send(failed(generation, Some(job), &error), None),
                }
            }
        }
    }

    fn index(&self, generation: u64) -> Result<&Arc<RecommendIndex>, RecommendError> {
        match &self.index {
            Some((held, index)) if *held == generation => Ok(index),
            _ => Err(RecommendError::NotIndexed),
        }
    }

    fn rank(
        &self,
        generation: u64,
        job: u64,
        positives: &[u32],
        now: &dyn Fn() -> f64,
    ) -> Result<(WorkerReply, RankingPayload), RecommendError> {
        let started = now();
        let index = self.index(generation)?.clone();
        let rows: Vec<usize> = positives.iter().map(|&row| row as usize).collect();
        let mut job_run = RankJob::new(index.clone(), &rows, &SvmOptions::default())?;
        let ranked = job_run
            .run(|| false)
            .unwrap_or(Err(RecommendError::NoPositives))?;
        let matrix = index.matrix();
        let why = why_columns(&ranked.model, matrix, index.feed_rows(), WHY_TERMS);
        let reply = WorkerReply::Ranked {
            generation,
            job,
            converged: ranked.converged,
            learnt: learnt_terms(&ranked.model, matrix.terms(), LEARNT_TERMS),
            ms: now() - started,
        };
        Ok((
            reply,
            RankingPayload {
                scores: ranked.scores,
                why,
            },
        ))
    }

    fn similar(&self, generation: u64, row: usize) -> Result<Vec<SimilarFound>, RecommendError> {
        let index = self.index(generation)?.clone();
        let mut job = RankJob::new(index.clone(), &[row], &SvmOptions::default())?;
        let ranked = job
            .run(|| false)
            .unwrap_or(Err(RecommendError::NoPositives))?;
        Ok(ranked
            .top(SIMILAR_SHOWN)
            .into_iter()
            .map(|other| SimilarFound {
                row: other as u32,
                shared: index.shared_terms(row, other, SHARED_TERMS),
            })
            .collect())
    }
}

fn failed(generation: u64, job: Option<u64>, error: &RecommendError) -> WorkerReply {
    WorkerReply::Failed {
        generation,
        job,
        message: error.to_string(),
    }
}
