//! Fetching an arXiv API query page by page, within arXiv's terms: one request at a time, at
//! least 3 s apart, backing off on 429/503 as the server asks. Pages arrive into one source as
//! they come, so a later failure or a cancel keeps everything already fetched, and the run can
//! be resumed where it stopped.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::core::api::{ApiQuery, QueryRun, API_ENDPOINT, MAX_ATTEMPTS, MIN_INTERVAL_MS};
use crate::core::feed::{parse_feed, ParseError, ParsedFeed};
use crate::core::sources::{
    FetchFailure, QueryActivity, QueryProgress, QueryStop, SourceKind, StopKind,
};
use crate::ui::sources::{SourceList, SourceLoader, SourceSettings};
use crate::web::feed_cache;
use crate::web::fetch::{fetch_with, now_ms, sleep, Canceller};
use crate::web::perf;

enum PageOutcome {
    Arrived(Box<ParsedFeed>),
    /// Retry after this many ms (the failure said why).
    Retry(u64, String),
    Stop(QueryStop),
}

#[derive(Clone, Copy)]
pub struct QueryRunner {
    list: SourceList,
    settings: SourceSettings,
    loader: SourceLoader,
    /// The arXiv query being fetched, or the last one.
    progress: RwSignal<Option<QueryProgress>>,
    canceller: StoredValue<Option<Canceller>, LocalStorage>,
    /// When the last request to the arXiv API went out (page clock, ms).
    last_api_request: StoredValue<Option<f64>>,
    /// Told once the run's first page is in, so the link names the query only when it
    /// brought something (a failed first page leaves the address bar's view alone).
    on_first_page: StoredValue<Option<Callback<()>>>,
    /// The run was started with the builder's button: its progress and any failure show
    /// next to that button.
    from_builder: RwSignal<bool>,
}

impl QueryRunner {
    pub fn new(list: SourceList, settings: SourceSettings, loader: SourceLoader) -> QueryRunner {
        QueryRunner {
            list,
            settings,
            loader,
            progress: RwSignal::new(None),
            canceller: StoredValue::new_local(None),
            last_api_request: StoredValue::new(None),
            on_first_page: StoredValue::new(None),
            from_builder: RwSignal::new(false),
        }
    }

    /// Whether the run (under way or last) was started from the builder.
    pub fn from_builder(self) -> Signal<bool> {
        self.from_builder.into()
    }

    /// Marks the next run as started from the builder.
    pub fn mark_from_builder(self, from_builder: bool) {
        self.from_builder.set(from_builder);
    }

    /// The run under way, or the last one until dismissed.
    pub fn progress(self) -> Signal<Option<QueryProgress>> {
        self.progress.into()
    }

    pub fn dismiss(self) {
        self.progress.set(None);
    }

    /// Whether the run under way has had no page yet.
    pub fn is_starting(self) -> bool {
        self.progress
            .with_untracked(|q| q.as_ref().is_some_and(|q| q.running && q.source.is_none()))
    }

    /// Starts fetching `query`, stopping any run under way; `on_first_page` runs once its
    /// first page is in.
    pub fn start(self, query: ApiQuery, on_first_page: Option<Callback<()>>) {
        self.cancel();
        self.on_first_page.set_value(on_first_page);
        self.progress.set(Some(QueryProgress::start(query)));
        spawn_local(self.drive());
    }

    /// Continues a stopped run from the page where it stopped.
    pub fn resume(self) {
        if !self
            .progress
            .with_untracked(|q| q.as_ref().is_some_and(QueryProgress::resumable))
        {
            return;
        }
        self.progress.update(|q| {
            if let Some(q) = q {
                q.run.resume();
                q.running = true;
                q.stopped = None;
            }
        });
        spawn_local(self.drive());
    }

    /// Stops the run under way after cancelling the request in flight; pages already
    /// fetched stay loaded.
    pub fn cancel(self) {
        if let Some(canceller) = self.canceller.get_value() {
            canceller.cancel();
        }
        self.canceller.set_value(None);
    }

    /// Cancels the run when its pages go into source `id` (the source is being removed).
    pub fn cancel_for(self, id: crate::core::sources::SourceId) {
        if self
            .progress
            .with_untracked(|q| q.as_ref().is_some_and(|q| q.source == Some(id)))
        {
            self.cancel();
        }
    }

    /// The query of the run under way that has no page yet.
    pub fn starting_query(self) -> Option<ApiQuery> {
        self.progress.with_untracked(|q| {
            q.as_ref()
                .filter(|q| q.running && q.source.is_none())
                .map(|q| q.run.query.clone())
        })
    }

    async fn drive(self) {
        let canceller = Canceller::new();
        self.canceller.set_value(Some(canceller.clone()));
        loop {
            let Some(run) = self
                .progress
                .with_untracked(|q| q.as_ref().map(|q| q.run.clone()))
            else {
                return;
            };
            let Some(address) = run.next_url(API_ENDPOINT) else {
                self.finish(None);
                return;
            };
            let outcome = self.fetch_page(&address, &run, &canceller).await;
            if canceller.is_cancelled() {
                self.finish(Some(QueryStop::cancelled(self.papers())));
                return;
            }
            match outcome {
                PageOutcome::Arrived(parsed) => self.page_arrived(*parsed),
                PageOutcome::Retry(delay, why) => {
                    let attempt = self
                        .progress
                        .with_untracked(|q| q.as_ref().map_or(0, |q| q.run.failures));
                    self.set_activity(Some(QueryActivity::Retrying {
                        why,
                        seconds: delay.div_ceil(1_000),
                        attempt: attempt + 1,
                    }));
                    sleep(delay, &canceller).await;
                }
                PageOutcome::Stop(stop) => {
                    self.finish(Some(stop));
                    return;
                }
            }
        }
    }

    /// Gets one page: from this device's copy when it is less than a day old, else from the
    /// network after the 3 s spacing.
    async fn fetch_page(self, address: &str, run: &QueryRun, canceller: &Canceller) -> PageOutcome {
        let bytes = match feed_cache::fresh(address).await {
            Some(cached) => cached.bytes,
            None => {
                let target = match self.settings.via_proxy(address) {
                    Ok(target) => target,
                    Err(message) => {
                        return PageOutcome::Stop(QueryStop::new(
                            StopKind::Other,
                            message,
                            self.papers(),
                        ))
                    }
                };
                if let Some(last) = self.last_api_request.get_value() {
                    let wait = (last + MIN_INTERVAL_MS as f64 - now_ms()).max(0.0) as u64;
                    if wait > 0 {
                        self.set_activity(Some(QueryActivity::Spacing {
                            seconds: wait.div_ceil(1_000),
                        }));
                        sleep(wait, canceller).await;
                        if canceller.is_cancelled() {
                            return PageOutcome::Stop(QueryStop::cancelled(self.papers()));
                        }
                    }
                }
                self.set_activity(Some(QueryActivity::Fetching {
                    page: run.pages_done + 1,
                }));
                self.last_api_request.set_value(Some(now_ms()));
                match fetch_with(&target, canceller, self.settings.timeout_ms()).await {
                    Ok(fetched) => {
                        feed_cache::store(address, &fetched.bytes).await;
                        fetched.bytes
                    }
                    // Offline, waiting helps nobody: the run stops and can be resumed.
                    Err(failure) if failure.is_transient() && failure != FetchFailure::Offline => {
                        return self.retry_or_stop(&failure);
                    }
                    Err(failure) => {
                        return PageOutcome::Stop(QueryStop::failed(&failure, None, self.papers()))
                    }
                }
            }
        };
        match perf::measure("feed:parse", || parse_feed(&bytes)) {
            Ok(parsed) => PageOutcome::Arrived(Box::new(parsed)),
            Err(error @ ParseError::ArxivApi { .. }) => PageOutcome::Stop(QueryStop::new(
                StopKind::Other,
                error.to_string(),
                self.papers(),
            )),
            // A damaged page is usually a one-off: ask for it again.
            Err(error) => self.retry_or_stop(&FetchFailure::NotAFeed { error }),
        }
    }

    fn retry_or_stop(self, failure: &FetchFailure) -> PageOutcome {
        let mut delay = None;
        self.progress.update(|q| {
            if let Some(q) = q {
                delay = q.run.page_failed(failure.retry_after());
            }
        });
        match delay {
            Some(ms) => PageOutcome::Retry(ms, failure.to_string()),
            None => PageOutcome::Stop(QueryStop::failed(
                failure,
                Some(MAX_ATTEMPTS),
                self.papers(),
            )),
        }
    }

    fn page_arrived(self, parsed: ParsedFeed) {
        let total = parsed.feed.meta.total_results;
        let (source, query) = self.progress.with_untracked(|q| {
            q.as_ref()
                .map_or((None, None), |q| (q.source, Some(q.run.query.clone())))
        });
        let Some(query) = query else {
            return;
        };
        // Into the run's source while it is loaded; a first page (or one whose source was
        // removed meanwhile) starts a new source.
        let (source, held) = match source.filter(|&id| self.list.contains(id)) {
            Some(id) => (id, self.list.extend(id, parsed).unwrap_or(0)),
            None => {
                let papers = parsed.feed.papers.len();
                (self.list.add(SourceKind::Query { query }, parsed), papers)
            }
        };
        let first = self
            .progress
            .with_untracked(|q| q.as_ref().is_some_and(|q| q.source.is_none()));
        self.progress.update(|q| {
            if let Some(q) = q {
                q.run.page_arrived(total);
                q.source = Some(source);
                q.papers = held;
                q.activity = None;
            }
        });
        if first {
            if let Some(callback) = self.on_first_page.get_value() {
                callback.run(());
            }
        }
    }

    fn papers(self) -> usize {
        self.progress
            .with_untracked(|q| q.as_ref().map_or(0, |q| q.papers))
    }

    fn set_activity(self, activity: Option<QueryActivity>) {
        self.progress.update(|q| {
            if let Some(q) = q {
                q.activity = activity;
            }
        });
    }

    fn finish(self, stopped: Option<QueryStop>) {
        self.canceller.set_value(None);
        let mut done = None;
        self.progress.update(|q| {
            if let Some(q) = q {
                q.running = false;
                q.activity = None;
                if stopped.is_none() {
                    done = Some(q.finished_message());
                }
                q.stopped = stopped;
            }
        });
        if let Some(message) = done {
            self.loader.report_status(message);
        }
    }
}
