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
    /// The most memory made ready so far ([`WorkerRequest::Prepare`]).
    prepared: usize,
}

/// The memory an index of a feed of `bytes` bytes touches while it is built, with a margin:
/// the counts (eight bytes for each distinct term of each paper), the weighed rows and the
/// papers' texts as they arrive take about 1.3 bytes for each byte of a feed's XML (87 MB
/// for the 68 MB of 30,000 generated papers). Small feeds need no preparing, and no feed is
/// prepared for beyond what the page accepts to load.
pub fn memory_for_feed(bytes: u64) -> usize {
    const FROM_BYTES: u64 = 4 << 20;
    const AT_MOST: u64 = 192 << 20;
    if bytes < FROM_BYTES {
        return 0;
    }
    (bytes.saturating_mul(7) / 5).min(AT_MOST) as usize
}

/// Touches `bytes` bytes of fresh memory and hands them back to the allocator, which keeps
/// them: the first write to a page the module's memory has just grown by costs a fault and
/// the zeroing of the page (about 0.6 ms a megabyte), paid here rather than while an index
/// is built.
fn touch_memory(bytes: usize) {
    let mut room: Vec<u8> = Vec::new();
    if room.try_reserve_exact(bytes).is_err() {
        // Without that much memory the index may not fit either; it will say so itself.
        return;
    }
    room.resize(bytes, 1);
    std::hint::black_box(&room);
}

/// A helper's count of the last papers of an index: the builder and how many papers it
/// expects.
type Counting = Job<(TfidfBuilder, usize)>;

/// An index whose papers are arriving.
type Building = Job<IndexBuild>;

/// Work for one generation that takes its parts over time.
struct Job<T> {
    generation: u64,
    work: T,
    started: f64,
    /// Time spent on the parts, not waiting for the next one.
    busy: f64,
}

impl<T> Job<T> {
    fn new(generation: u64, work: T, now: f64) -> Job<T> {
        Job {
            generation,
            work,
            started: now,
            busy: 0.0,
        }
    }

    /// How long the job waited for its parts, when its last step begins at `finishing`.
    fn waited(&self, finishing: f64) -> f64 {
        finishing - self.started - self.busy
    }
}

/// Does one step of the job of `generation` in `slot`, timed into its busy time: a step that
/// fails drops the job and says why. A step for a job since replaced does nothing.
fn step<T, R>(
    slot: &mut Option<Job<T>>,
    generation: u64,
    now: &dyn Fn() -> f64,
    send: &mut Send<'_>,
    work: impl FnOnce(&mut T) -> Result<R, RecommendError>,
) -> Option<R> {
    let job = slot.as_mut().filter(|job| job.generation == generation)?;
    let started = now();
    let done = work(&mut job.work);
    job.busy += now() - started;
    match done {
        Ok(result) => Some(result),
        Err(error) => {
            *slot = None;
            send(failed(generation, None, &error), None);
            None
        }
    }
}

/// The job of `generation`, taken out of `slot` to be finished; another one stays.
fn take_job<T>(slot: &mut Option<Job<T>>, generation: u64) -> Option<Job<T>> {
    if slot.as_ref()?.generation != generation {
        return None;
    }
    slot.take()
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
                    Ok(build) => self.building = Some(Job::new(generation, build, now())),
                    Err(error) => send(failed(generation, None, &error), None),
                }
            }
            WorkerRequest::IndexPart { generation } => {
                let percent = step(&mut self.building, generation, now, send, |build| {
                    build.add(&DocumentBatch::from_bytes(payload.unwrap_or_default())?)?;
                    // Counting is most of the work; the rows are weighed at the end. A helper
                    // counts the rest at the same pace, so the own papers tell.
                    let (done, _) = build.progress();
                    Ok((done * 90 / build.own().max(1)).min(99) as u8)
                });
                if let Some(percent) = percent {
                    send(
                        WorkerReply::Progress {
                            generation,
                            percent,
                        },
                        None,
                    );
                }
            }
            WorkerRequest::IndexCounted { generation } => {
                step(&mut self.building, generation, now, send, |build| {
                    build.merge(payload.as_deref().unwrap_or_default())
                });
            }
            WorkerRequest::CountStart {
                generation,
                documents,
            } => {
                self.counting = None;
                match TfidfBuilder::new(&VectoriserOptions::default()) {
                    Ok(builder) => {
                        self.counting =
                            Some(Job::new(generation, (builder, documents as usize), now()))
                    }
                    Err(error) => send(failed(generation, None, &error), None),
                }
            }
            WorkerRequest::CountPart { generation } => {
                step(
                    &mut self.counting,
                    generation,
                    now,
                    send,
                    |(builder, expected)| {
                        let batch = DocumentBatch::from_bytes(payload.unwrap_or_default())?;
                        if builder.documents() + batch.len() > *expected {
                            return Err(RecommendError::DamagedMessage);
                        }
                        (0..batch.len())
                            .try_for_each(|i| builder.add(batch.get(i).unwrap_or_default()))
                    },
                );
            }
            WorkerRequest::CountEnd { generation } => {
                let Some(counting) = take_job(&mut self.counting, generation) else {
                    return;
                };
                let finishing = now();
                let waited = counting.waited(finishing);
                let Job {
                    work: (builder, expected),
                    busy,
                    ..
                } = counting;
                let documents = builder.documents();
                if documents != expected {
                    send(
                        failed(generation, None, &RecommendError::DamagedMessage),
                        None,
                    );
                    return;
                }
                let counts = builder.into_counts();
                send(
                    WorkerReply::Counted {
                        generation,
                        documents: documents as u32,
                        ms: busy + now() - finishing,
                        waited,
                    },
                    Some(counts),
                );
            }
            WorkerRequest::IndexEnd { generation } => {
                let Some(building) = take_job(&mut self.building, generation) else {
                    return;
                };
                let finishing = now();
                let waited = building.waited(finishing);
                match building.work.finish() {
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
                                waited,
                            },
                            None,
                        );
                    }
                    Err(error) => send(failed(generation, None, &error), None),
                }
            }
            WorkerRequest::Prepare { bytes } => {
                let room = memory_for_feed(bytes);
                // Memory once grown stays with the worker: as much as was made ready before
                // needs no touching again.
                if room > self.prepared {
                    touch_memory(room);
                    self.prepared = room;
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
