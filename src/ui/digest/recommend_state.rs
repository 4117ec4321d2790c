//! Recommendations in the page: the loaded papers are indexed by the recommendation worker
//! (a core of its own, so typing never waits for it), and the rankings the list asks for
//! (`similar=`, `sort=recommended`) and the detail panel's similar papers are worked out there.
//! The page only gathers the papers' texts (in short slices) and reads the answers.

use std::sync::Arc;

use leptos::prelude::*;

use crate::core::collection::Collection;
use crate::core::feed::Paper;
use crate::core::recommend::service::memory_for_feed;
use crate::core::recommend::{
    DocumentBatch, ListRanking, RankRequest, RankingPayload, WorkerReply, WorkerRequest,
};
use crate::ui::favourites::FavouritesState;
use crate::web::fetch::now_ms;
use crate::web::site::worker_script;
use crate::web::slices::{run_in_slices, SliceStats};
use crate::web::worker::{cores, ComputeWorker, Payload, WorkerEvent};

/// Papers gathered into one part for the worker (about a megabyte of text): small enough
/// that the page never holds much of it, large enough that the parts are few.
const PART_PAPERS: usize = 1_000;

/// From this many papers on, a helper worker counts the terms of the later half of the papers
/// while the worker counts the first (the counts merge exactly, see
/// `TfidfBuilder::merge_counts`): below it, handing counts over costs what it saves.
const HELP_FROM_PAPERS: usize = 4_000;

/// The helper runs only on a device with this many cores: the page, the worker and the
/// helper each need one. With two, the three share them and the index is built later than by
/// the worker alone (measured: 30,000 papers indexed in 574 ms alone, 714–1,057 ms helped).
const HELP_FROM_CORES: usize = 3;

/// The index of the loaded papers, as the page knows it: which papers are which rows, the
/// vocabulary, and what building it cost.
pub struct IndexInfo {
    pub generation: u64,
    collection: Arc<Collection>,
    /// Rows after the feed's: favourites kept from other feeds.
    extra_ids: Vec<String>,
    pub terms: Arc<Vec<String>>,
    /// The vectors' memory in the worker.
    pub bytes: u64,
    /// From the load to the finished index.
    pub wall_ms: f64,
    /// The worker's own time.
    pub worker_ms: f64,
    /// The page's part: gathering the texts and handing them over.
    pub page: SliceStats,
    /// The papers a helper worker counted.
    pub helped: usize,
}

impl IndexInfo {
    /// The row of a paper, by arXiv id.
    pub fn row_of(&self, id: &str) -> Option<usize> {
        self.collection.position(id).or_else(|| {
            let extra = self.extra_ids.iter().position(|e| e == id)?;
            Some(self.collection.len() + extra)
        })
    }

    /// The feed paper of a row.
    pub fn paper_at(&self, row: usize) -> Option<&Arc<Paper>> {
        self.collection.papers.get(row)
    }
}

/// The index of the current papers.
#[derive(Clone, Default)]
pub enum IndexStatus {
    /// Nothing loaded yet.
    #[default]
    Waiting,
    Building {
        percent: u8,
    },
    Ready(Arc<IndexInfo>),
    /// The index cannot be built; `retry` says whether starting again may help (the
    /// worker's code did not load, or it stopped).
    Failed {
        message: String,
        retry: bool,
    },
}

impl IndexStatus {
    /// The finished index, if it is finished.
    fn ready(&self) -> Option<Arc<IndexInfo>> {
        match self {
            IndexStatus::Ready(index) => Some(index.clone()),
            _ => None,
        }
    }
}

/// The ranking the list asked for.
#[derive(Clone, Debug, Default)]
pub enum ListStatus {
    /// The view asks for no ranking.
    #[default]
    Unranked,
    /// Waiting for the index, or training.
    Working(RankRequest),
    Ready {
        ranking: Arc<ListRanking>,
        /// The worker's time, and the page's for taking the answer in.
        worker_ms: f64,
        page_ms: f64,
    },
    /// Cannot be ranked; the message says what would help.
    Failed(RankRequest, String),
}

impl ListStatus {
    /// The finished ranking, if it answers `request`.
    pub fn ranking_for(&self, request: &RankRequest) -> Option<Arc<ListRanking>> {
        match self {
            ListStatus::Ready { ranking, .. } if ranking.request == *request => {
                Some(ranking.clone())
            }
            _ => None,
        }
    }
}

/// One paper's similar papers, as the detail panel shows them.
#[derive(Clone, Debug, PartialEq)]
pub struct SimilarEntry {
    pub id: String,
    pub title: String,
    pub shared: Vec<String>,
}

/// The similar papers of the paper whose details are open.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum SimilarStatus {
    #[default]
    None,
    Working(String),
    Ready(String, Vec<SimilarEntry>),
    Failed(String, String),
}

#[derive(Clone, Copy)]
pub struct RecommendState {
    pub index: RwSignal<IndexStatus>,
    pub list: RwSignal<ListStatus>,
    pub similar: RwSignal<SimilarStatus>,
    worker: StoredValue<Option<ComputeWorker>, LocalStorage>,
    /// The helper that counts the later papers of a large index, and whether one failed (a
    /// page that could not run one does not try again).
    helper: StoredValue<Option<ComputeWorker>, LocalStorage>,
    helper_failed: StoredValue<bool>,
    /// The papers of the current index the helper counts.
    helped: StoredValue<usize>,
    /// The index being built or held, and the last jobs asked, so that late answers to
    /// earlier questions are ignored.
    generation: StoredValue<u64>,
    list_job: StoredValue<u64>,
    similar_job: StoredValue<u64>,
    /// What the list's current job answers: the request and its positives' feed positions.
    list_asked: StoredValue<Option<(RankRequest, Vec<usize>, usize)>>,
    /// When the current index was asked for, and what the page spent on it.
    index_started: StoredValue<(f64, SliceStats)>,
    /// The papers the index being built is made of: the feed, then favourites from
    /// elsewhere by id.
    pending_index: StoredValue<Option<(Arc<Collection>, Vec<String>)>>,
    /// Bumped by "Try again": the index is asked for anew.
    retries: RwSignal<u32>,
}

impl RecommendState {
    /// Indexes `feed` (and favourites from elsewhere) whenever they change, and ranks for
    /// `request` whenever it, the index or (for recommendations) the favourites change.
    pub fn new(
        feed: Memo<Arc<Collection>>,
        favourites: FavouritesState,
        request: Memo<Option<RankRequest>>,
    ) -> RecommendState {
        let state = RecommendState {
            index: RwSignal::new(IndexStatus::Waiting),
            list: RwSignal::new(ListStatus::Unranked),
            similar: RwSignal::new(SimilarStatus::None),
            worker: StoredValue::new_local(None),
            helper: StoredValue::new_local(None),
            helper_failed: StoredValue::new(false),
            helped: StoredValue::new(0),
            generation: StoredValue::new(0),
            list_job: StoredValue::new(0),
            similar_job: StoredValue::new(0),
            list_asked: StoredValue::new(None),
            index_started: StoredValue::new((0.0, SliceStats::default())),
            pending_index: StoredValue::new(None),
            retries: RwSignal::new(0),
        };
        // Favourites from other feeds train rankings too: the index follows which of them
        // are not in the feed (not their notes or tags).
        let extra = Memo::new(move |_| {
            let collection = feed.get();
            let mut ids: Vec<String> = favourites.library.with(|library| {
                library
                    .favourites
                    .keys()
                    .filter(|id| collection.paper(id).is_none())
                    .cloned()
                    .collect()
            });
            ids.sort_unstable();
            ids
        });
        Effect::new(move |_| {
            state.retries.track();
            let collection = feed.get();
            let extra_ids = extra.get();
            let extra_papers: Vec<Paper> = favourites.library.with_untracked(|library| {
                extra_ids
                    .iter()
                    .filter_map(|id| library.favourites.get(id).map(|f| f.paper.to_paper()))
                    .collect()
            });
            state.build_index(collection, extra_papers);
        });
        // The favourites' ids and tags only, so editing a note does not train again.
        let positives = Memo::new(move |_| {
            let request = request.get()?;
            Some(match &request {
                RankRequest::Similar(id) => (request.clone(), vec![id.clone()]),
                RankRequest::Favourites { tag } => {
                    let ids = favourites.library.with(|library| {
                        library
                            .favourites
                            .iter()
                            .filter(|(_, f)| tag.as_ref().is_none_or(|t| f.tags.contains(t)))
                            .map(|(id, _)| id.clone())
                            .collect::<Vec<_>>()
                    });
                    (request.clone(), ids)
                }
            })
        });
        Effect::new(move |_| {
            let wanted = positives.get();
            let index = state.index.with(|status| match status {
                IndexStatus::Ready(index) => Ok(Some(index.clone())),
                IndexStatus::Failed { message, .. } => Err(message.clone()),
                _ => Ok(None),
            });
            state.rank_list(wanted, index);
        });
        state
    }

    /// Starts the worker again and rebuilds the index, after it could not load or stopped.
    pub fn retry(self) {
        self.worker.set_value(None);
        self.helper.set_value(None);
        self.retries.update(|n| *n += 1);
    }

    /// The finished index, subscribing to it.
    pub fn ready_index(self) -> Option<Arc<IndexInfo>> {
        self.index.with(IndexStatus::ready)
    }

    /// Whether the index failed in a way "Try again" may mend.
    pub fn can_retry(self) -> bool {
        self.index
            .with(|status| matches!(status, IndexStatus::Failed { retry: true, .. }))
    }

    /// Asks for the papers most like `id` (answered in [`RecommendState::similar`]).
    pub fn find_similar(self, id: String) {
        let Some(index) = self.ready_index_untracked() else {
            return;
        };
        let Some(row) = index.row_of(&id) else {
            self.similar.set(SimilarStatus::Failed(
                id,
                "This paper is not among the loaded papers.".into(),
            ));
            return;
        };
        let job = self.next_job(self.similar_job);
        self.similar.set(SimilarStatus::Working(id));
        self.send(
            &WorkerRequest::Similar {
                generation: index.generation,
                job,
                row: row as u32,
            },
            None,
        );
    }

    /// A feed of `bytes` bytes is about to be parsed: the worker (started now if it is not
    /// running yet) makes its memory ready for the feed's index while the page is busy
    /// parsing, its core idle then. A small feed needs nothing of it.
    pub fn expect_feed(self, bytes: usize) {
        let bytes = bytes as u64;
        // A worker that cannot start says so when the index is asked for.
        if memory_for_feed(bytes) > 0 && self.ensure_worker().is_ok() {
            self.send(&WorkerRequest::Prepare { bytes }, None);
            // A helper counts half the papers of a large index.
            if self.helper.with_value(Option::is_some) {
                self.send_to_helper(&WorkerRequest::Prepare { bytes: bytes / 2 }, None);
            }
        }
    }

    fn next_job(self, counter: StoredValue<u64>) -> u64 {
        counter.update_value(|job| *job += 1);
        counter.get_value()
    }

    fn build_index(self, collection: Arc<Collection>, extra: Vec<Paper>) {
        self.generation.update_value(|g| *g += 1);
        let generation = self.generation.get_value();
        if collection.is_empty() {
            self.index.set(IndexStatus::Waiting);
            return;
        }
        if let Err(message) = self.ensure_worker() {
            self.index.set(IndexStatus::Failed {
                message,
                retry: true,
            });
            return;
        }
        self.index.set(IndexStatus::Building { percent: 0 });
        self.index_started
            .set_value((now_ms(), SliceStats::default()));
        let extra_ids: Vec<String> = extra.iter().map(|p| p.id.clone()).collect();
        let total = collection.len() + extra.len();
        self.pending_index
            .set_value(Some((collection.clone(), extra_ids)));
        let helped = self.helper_share(total);
        self.helped.set_value(helped);
        let own = total - helped;
        self.send(
            &WorkerRequest::IndexStart {
                generation,
                feed_rows: collection.len() as u32,
                documents: total as u32,
                counted_elsewhere: helped as u32,
            },
            None,
        );
        if helped > 0 {
            self.send_to_helper(
                &WorkerRequest::CountStart {
                    generation,
                    documents: helped as u32,
                },
                None,
            );
        }
        // The texts go over a part at a time, each as soon as it is gathered: the worker
        // counts one while the page gathers the next, and the page never holds them all.
        // The helper's parts (the later papers) go in turn with the worker's, so both count
        // from the start.
        let (mut next_own, mut next_helped) = (0, own);
        let gather = move |from: usize, to: usize| {
            let mut part = DocumentBatch::default();
            for i in from..to {
                match collection.papers.get(i) {
                    Some(paper) => part.push_paper(paper),
                    None => part.push_paper(&extra[i - collection.len()]),
                }
            }
            part.into_bytes()
        };
        run_in_slices(
            move |out_of_time| loop {
                if next_own < own {
                    let end = (next_own + PART_PAPERS).min(own);
                    let part = gather(next_own, end);
                    self.send(&WorkerRequest::IndexPart { generation }, Some(part));
                    next_own = end;
                }
                if next_helped < total {
                    let end = (next_helped + PART_PAPERS).min(total);
                    let part = gather(next_helped, end);
                    self.send_to_helper(&WorkerRequest::CountPart { generation }, Some(part));
                    next_helped = end;
                }
                if next_own == own && next_helped == total {
                    return Some(());
                }
                if out_of_time() {
                    return None;
                }
            },
            // A worker that failed meanwhile has said so; the rest of the parts have nowhere
            // to go (a helper that failed has started the index again without one).
            move || {
                let gone = |worker: StoredValue<Option<ComputeWorker>, LocalStorage>| {
                    worker.try_with_value(Option::is_none).unwrap_or(true)
                };
                self.generation.try_get_value() != Some(generation)
                    || gone(self.worker)
                    || (helped > 0 && gone(self.helper))
            },
            move |(), stats| {
                // The worker ends its index once the helper's counts have reached it.
                if helped > 0 {
                    self.send_to_helper(&WorkerRequest::CountEnd { generation }, None);
                } else {
                    self.send(&WorkerRequest::IndexEnd { generation }, None);
                }
                self.index_started.update_value(|(_, page)| *page = stats);
            },
        );
    }

    /// How many of `total` papers the helper counts: the later half of a large index, when
    /// the device has a core to spare and the helper runs.
    fn helper_share(self, total: usize) -> usize {
        if total < HELP_FROM_PAPERS || !self.start_helper() {
            return 0;
        }
        total / 2
    }

    fn send_to_helper(self, request: &WorkerRequest, payload: Option<Vec<u8>>) {
        let sent = self.helper.with_value(|helper| match helper {
            Some(helper) => helper.send(&request.to_json(), payload.as_deref()),
            None => Err(String::new()),
        });
        if sent.is_err() {
            self.helper_stopped();
        }
    }

    fn on_helper_event(self, event: WorkerEvent) {
        let current = self.generation.get_value();
        let reply = match event {
            WorkerEvent::Failed(_) => None,
            WorkerEvent::Message(header, payload) => {
                WorkerReply::from_json(&header).map(|reply| (reply, payload))
            }
        };
        match reply {
            Some((WorkerReply::Started, _)) => {
                let released = self
                    .helper
                    .with_value(|helper| helper.as_ref().map(ComputeWorker::release));
                if let Some(Err(_)) = released {
                    self.helper_stopped();
                }
            }
            Some((WorkerReply::Counted { generation, .. }, Some(counts)))
                if generation == current =>
            {
                self.send_on(&WorkerRequest::IndexCounted { generation }, counts);
                self.send(&WorkerRequest::IndexEnd { generation }, None);
            }
            // Counts or failures about papers since replaced.
            Some((
                WorkerReply::Counted { generation, .. } | WorkerReply::Failed { generation, .. },
                _,
            )) if generation != current => {}
            Some((WorkerReply::Progress { .. }, _)) => {}
            // It could not start, stopped, failed or answered in a form this page does not
            // know: the index is built again without it.
            _ => self.helper_stopped(),
        }
    }

    /// The helper cannot help: the index it was helping with is built again by the worker
    /// alone, and no helper is asked again.
    fn helper_stopped(self) {
        if self.helper_failed.get_value() {
            return;
        }
        self.helper_failed.set_value(true);
        self.helper.set_value(None);
        let building = self
            .index
            .with_untracked(|status| matches!(status, IndexStatus::Building { .. }));
        if building && self.helped.get_value() > 0 {
            self.retries.update(|n| *n += 1);
        }
    }

    fn ensure_worker(self) -> Result<(), String> {
        if self.worker.with_value(Option::is_some) {
            return Ok(());
        }
        let worker = ComputeWorker::start(&worker_script(), move |event| self.on_event(event))?;
        self.worker.set_value(Some(worker));
        // The helper starts with the worker, so that it is warm (its module compiled and
        // optimised) when a large feed arrives.
        self.start_helper();
        Ok(())
    }

    /// Starts the helper, where the device has a core to spare for it; whether it runs.
    fn start_helper(self) -> bool {
        if cores() < HELP_FROM_CORES || self.helper_failed.get_value() {
            return false;
        }
        if self.helper.with_value(Option::is_some) {
            return true;
        }
        match ComputeWorker::start(&worker_script(), move |event| self.on_helper_event(event)) {
            Ok(helper) => {
                self.helper.set_value(Some(helper));
                true
            }
            Err(_) => {
                self.helper_failed.set_value(true);
                false
            }
        }
    }

    /// Sends a request (held by the worker's adapter until the worker has started).
    fn send(self, request: &WorkerRequest, payload: Option<Vec<u8>>) {
        self.post(|worker| worker.send(&request.to_json(), payload.as_deref()));
    }

    /// Sends a request with a payload that came from the helper, passed on without a copy.
    fn send_on(self, request: &WorkerRequest, payload: Payload) {
        self.post(|worker| worker.send_on(&request.to_json(), payload));
    }

    /// Hands a message to the worker; one that cannot reach it fails the index.
    fn post(self, send: impl FnOnce(&ComputeWorker) -> Result<(), String>) {
        let sent = self.worker.with_value(|worker| match worker {
            Some(worker) => send(worker),
            None => Err("The recommender is not running.".to_string()),
        });
        let Err(message) = sent else {
            return;
        };
        // A worker that failed is gone and has said why: that reason stays on the page.
        let told = self
            .index
            .with_untracked(|status| matches!(status, IndexStatus::Failed { .. }));
        if !told {
            self.worker_failed(message);
        }
    }

    /// The worker takes requests: those held go now, in order.
    fn worker_started(self) {
        let released = self
            .worker
            .with_value(|worker| worker.as_ref().map(ComputeWorker::release));
        if let Some(Err(message)) = released {
            self.worker_failed(message);
        }
    }

    fn on_event(self, event: WorkerEvent) {
        match event {
            WorkerEvent::Failed(message) => self.worker_failed(message),
            WorkerEvent::Message(header, payload) => match WorkerReply::from_json(&header) {
                Some(reply) => self.on_reply(reply, payload.as_ref().map(Payload::to_vec)),
                None => self.worker_failed(
                    "The recommender answered in a form this page does not know; reload the page."
                        .into(),
                ),
            },
        }
    }

    /// The worker cannot go on: everything waiting on it says so, and "Try again" starts
    /// a new one.
    fn worker_failed(self, message: String) {
        self.worker.set_value(None);
        self.index.set(IndexStatus::Failed {
            message: message.clone(),
            retry: true,
        });
        self.list.update(|status| {
            if let ListStatus::Working(request) = status {
                *status = ListStatus::Failed(request.clone(), message.clone());
            }
        });
        self.similar.update(|status| {
            if let SimilarStatus::Working(id) = status {
                *status = SimilarStatus::Failed(id.clone(), message.clone());
            }
        });
    }

    fn on_reply(self, reply: WorkerReply, payload: Option<Vec<u8>>) {
        let current = self.generation.get_value();
        match reply {
            WorkerReply::Started => self.worker_started(),
            WorkerReply::Crashed { message } => self.worker_failed(message),
            WorkerReply::Progress {
                generation,
                percent,
            } if generation == current => {
                self.index.set(IndexStatus::Building { percent });
            }
            WorkerReply::Indexed {
                generation,
                terms,
                bytes,
                ms,
                ..
            } if generation == current => {
                let Some((collection, extra_ids)) = self.pending_index.get_value() else {
                    return;
                };
                let (started, page) = self.index_started.get_value();
                self.index.set(IndexStatus::Ready(Arc::new(IndexInfo {
                    generation,
                    collection,
                    extra_ids,
                    terms: Arc::new(terms),
                    bytes,
                    wall_ms: now_ms() - started,
                    worker_ms: ms,
                    page,
                    helped: self.helped.get_value(),
                })));
            }
            WorkerReply::Failed {
                generation,
                job: None,
                message,
            } if generation == current => {
                self.index.set(IndexStatus::Failed {
                    message,
                    retry: false,
                });
            }
            WorkerReply::Ranked {
                generation,
                job,
                converged,
                learnt,
                ms,
            } if generation == current && job == self.list_job.get_value() => {
                let took = now_ms();
                let Some(index) = self.ready_index_untracked() else {
                    return;
                };
                let Some((request, positions, positives)) = self.list_asked.get_value() else {
                    return;
                };
                let payload = RankingPayload::from_bytes(
                    payload.as_deref().unwrap_or_default(),
                    index.collection.len(),
                );
                self.list.set(match payload {
                    Ok(payload) => ListStatus::Ready {
                        ranking: Arc::new(ListRanking::new(
                            request,
                            generation,
                            positions,
                            positives,
                            payload,
                            index.terms.clone(),
                            learnt,
                            converged,
                        )),
                        worker_ms: ms,
                        page_ms: now_ms() - took,
                    },
                    Err(error) => ListStatus::Failed(request, error.to_string()),
                });
            }
            WorkerReply::Similar {
                generation,
                job,
                found,
                ..
            } if generation == current && job == self.similar_job.get_value() => {
                let Some(index) = self.ready_index_untracked() else {
                    return;
                };
                let SimilarStatus::Working(id) = self.similar.get_untracked() else {
                    return;
                };
                let entries = found
                    .into_iter()
                    .filter_map(|found| {
                        let paper = index.paper_at(found.row as usize)?;
                        Some(SimilarEntry {
                            id: paper.id.clone(),
                            title: paper.display_title().to_string(),
                            shared: found.shared,
                        })
                    })
                    .collect();
                self.similar.set(SimilarStatus::Ready(id, entries));
            }
            WorkerReply::Failed {
                generation,
                job: Some(job),
                message,
            } if generation == current => {
                if job == self.list_job.get_value() {
                    self.list.update(|status| {
                        if let ListStatus::Working(request) = status {
                            *status = ListStatus::Failed(request.clone(), message.clone());
                        }
                    });
                }
                if job == self.similar_job.get_value() {
                    self.similar.update(|status| {
                        if let SimilarStatus::Working(id) = status {
                            *status = SimilarStatus::Failed(id.clone(), message.clone());
                        }
                    });
                }
            }
            // Answers about papers that have since been replaced.
            _ => {}
        }
    }

    fn ready_index_untracked(self) -> Option<Arc<IndexInfo>> {
        self.index.with_untracked(IndexStatus::ready)
    }

    fn rank_list(
        self,
        wanted: Option<(RankRequest, Vec<String>)>,
        index: Result<Option<Arc<IndexInfo>>, String>,
    ) {
        // Whatever was asked before no longer counts.
        self.next_job(self.list_job);
        let Some((request, ids)) = wanted else {
            self.list.set(ListStatus::Unranked);
            return;
        };
        let index = match index {
            Ok(Some(index)) => index,
            Ok(None) => {
                self.list.set(ListStatus::Working(request));
                return;
            }
            Err(message) => {
                self.list.set(ListStatus::Failed(request, message));
                return;
            }
        };
        let rows: Vec<usize> = ids.iter().filter_map(|id| index.row_of(id)).collect();
        if rows.is_empty() {
            let message = match &request {
                RankRequest::Similar(id) => format!(
                    "Paper {id} is not among the loaded papers, so nothing can be ranked by it."
                ),
                RankRequest::Favourites { tag: None } => {
                    "Star papers (☆, or press f) and the list is ranked by what they have in common."
                        .to_string()
                }
                RankRequest::Favourites { tag: Some(tag) } => format!(
                    "No favourite has the tag “{tag}”: tag some to rank by them."
                ),
            };
            self.list.set(ListStatus::Failed(request, message));
            return;
        }
        let feed_rows = index.collection.len();
        let positions: Vec<usize> = rows.iter().copied().filter(|&r| r < feed_rows).collect();
        let job = self.list_job.get_value();
        self.list_asked
            .set_value(Some((request.clone(), positions, rows.len())));
        self.list.set(ListStatus::Working(request));
        self.send(
            &WorkerRequest::Rank {
                generation: index.generation,
                job,
                positives: rows.iter().map(|&r| r as u32).collect(),
            },
            None,
        );
    }
}
