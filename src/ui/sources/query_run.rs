//! Fetching an arXiv API query page by page, within arXiv's terms: one request at a time, at
//! least 3 s apart, backing off on 429/503 as the server asks. Pages arrive into one source as
//! they come, so a later failure or a cancel keeps everything already fetched, and the run can
//! be resumed where it stopped.

use std::collections::HashSet;
use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::core::api::{ApiQuery, QueryRun, API_ENDPOINT, MAX_ATTEMPTS, MIN_INTERVAL_MS};
use crate::core::feed::{parse_feed, ParseError, ParsedFeed};
use crate::core::sources::{FetchFailure, Source, SourceId, SourceKind};
use crate::core::text::group_thousands;
use crate::ui::sources::SourcesState;
use crate::web::feed_cache;
use crate::web::fetch::{fetch_with, now_ms, sleep, Canceller};
use crate::web::perf;

/// Where a query run stands, for the progress bar.
#[derive(Clone, Debug, PartialEq)]
pub struct QueryProgress {
    pub label: String,
    pub run: QueryRun,
    /// The source the pages go into, once the first one arrived.
    pub source: Option<SourceId>,
    pub papers: usize,
    pub running: bool,
    /// What it is doing now ("Waiting 3 s between requests…").
    pub activity: Option<String>,
    /// Why it stopped before the end (failure or cancel); it can be resumed.
    pub stopped: Option<String>,
}

impl QueryProgress {
    /// "Page 2 of 5 · 4,000 of 9,512 papers".
    pub fn summary(&self) -> String {
        let pages = match self.run.pages_expected() {
            Some(expected) => format!("{} of {expected} pages", self.run.pages_done),
            None => format!("{} pages", self.run.pages_done),
        };
        let papers = match self.run.papers_expected() {
            Some(expected) => format!(
                "{} of {} papers",
                group_thousands(self.papers as u64),
                group_thousands(expected)
            ),
            None => format!("{} papers", group_thousands(self.papers as u64)),
        };
        format!("{pages} · {papers}")
    }

    /// Fraction done, for the progress bar (`None` until the total is known).
    pub fn fraction(&self) -> Option<f64> {
        let expected = self.run.pages_expected()?;
        Some(f64::from(self.run.pages_done) / f64::from(expected.max(1)))
    }
}

enum PageOutcome {
    Arrived(Box<ParsedFeed>),
    /// Retry after this many ms (the failure said why).
    Retry(u64, String),
    Stop(String),
}

impl SourcesState {
    /// Starts fetching `query`, stopping any run under way.
    pub fn start_query(self, query: ApiQuery) {
        self.cancel_query();
        let progress = QueryProgress {
            label: query.label(),
            run: QueryRun::new(query),
            source: None,
            papers: 0,
            running: true,
            activity: None,
            stopped: None,
        };
        self.query.set(Some(progress));
        spawn_local(self.drive_query());
    }

    /// Continues a stopped run from the page where it stopped.
    pub fn resume_query(self) {
        let resumable = self.query.with_untracked(|q| {
            q.as_ref()
                .is_some_and(|q| !q.running && q.stopped.is_some())
        });
        if !resumable {
            return;
        }
        self.query.update(|q| {
            if let Some(q) = q {
                q.run.resume();
                q.running = true;
                q.stopped = None;
            }
        });
        spawn_local(self.drive_query());
    }

    /// Stops the run under way after cancelling the request in flight; pages already
    /// fetched stay loaded.
    pub fn cancel_query(self) {
        if let Some(canceller) = self.canceller.get_value() {
            canceller.cancel();
        }
        self.canceller.set_value(None);
    }

    async fn drive_query(self) {
        let canceller = Canceller::new();
        self.canceller.set_value(Some(canceller.clone()));
        loop {
            let Some(run) = self
                .query
                .with_untracked(|q| q.as_ref().map(|q| q.run.clone()))
            else {
                return;
            };
            let Some(address) = run.next_url(API_ENDPOINT) else {
                self.finish_query(None);
                return;
            };
            let outcome = self.fetch_page(&address, &run, &canceller).await;
            if canceller.is_cancelled() {
                let papers = self.query_papers();
                self.finish_query(Some(format!(
                    "Stopped. The {} papers fetched so far are kept.",
                    group_thousands(papers as u64)
                )));
                return;
            }
            match outcome {
                PageOutcome::Arrived(parsed) => self.page_arrived(*parsed),
                PageOutcome::Retry(delay, why) => {
                    let attempt = self
                        .query
                        .with_untracked(|q| q.as_ref().map_or(0, |q| q.run.failures));
                    self.set_activity(Some(format!(
                        "{why} Trying again in {} s (attempt {} of {MAX_ATTEMPTS}).",
                        delay.div_ceil(1_000),
                        attempt + 1
                    )));
                    sleep(delay, &canceller).await;
                }
                PageOutcome::Stop(why) => {
                    let papers = self.query_papers();
                    self.finish_query(Some(format!(
                        "{why} The {} papers fetched so far are kept.",
                        group_thousands(papers as u64)
                    )));
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
                let target = match self.via_proxy(address) {
                    Ok(target) => target,
                    Err(message) => return PageOutcome::Stop(message),
                };
                if let Some(last) = self.last_api_request.get_value() {
                    let wait = (last + MIN_INTERVAL_MS as f64 - now_ms()).max(0.0) as u64;
                    if wait > 0 {
                        self.set_activity(Some(format!(
                            "Waiting {} s: arXiv asks for one request every 3 seconds.",
                            wait.div_ceil(1_000)
                        )));
                        sleep(wait, canceller).await;
                        if canceller.is_cancelled() {
                            return PageOutcome::Stop(FetchFailure::Cancelled.to_string());
                        }
                    }
                }
                self.set_activity(Some(format!("Fetching page {}…", run.pages_done + 1)));
                self.last_api_request.set_value(Some(now_ms()));
                let timeout_ms = self.timeout_s.get_untracked().saturating_mul(1_000);
                match fetch_with(&target, canceller, timeout_ms).await {
                    Ok(fetched) => {
                        feed_cache::store(address, &fetched.bytes).await;
                        fetched.bytes
                    }
                    Err(failure) if failure.is_transient() => {
                        return self.retry_or_stop(failure.retry_after(), failure.to_string());
                    }
                    Err(failure) => return PageOutcome::Stop(failure.to_string()),
                }
            }
        };
        match perf::measure("feed:parse", || parse_feed(&bytes)) {
            Ok(parsed) => PageOutcome::Arrived(Box::new(parsed)),
            Err(error @ ParseError::ArxivApi { .. }) => PageOutcome::Stop(error.to_string()),
            // A damaged page is usually a one-off: ask for it again.
            Err(error) => {
                self.retry_or_stop(None, format!("A page was not a readable feed: {error}"))
            }
        }
    }

    fn retry_or_stop(self, retry_after: Option<&str>, why: String) -> PageOutcome {
        let mut delay = None;
        self.query.update(|q| {
            if let Some(q) = q {
                delay = q.run.page_failed(retry_after);
            }
        });
        match delay {
            Some(ms) => PageOutcome::Retry(ms, why),
            None => PageOutcome::Stop(format!("{why} Gave up after {MAX_ATTEMPTS} attempts.")),
        }
    }

    fn page_arrived(self, parsed: ParsedFeed) {
        let warnings: Vec<String> = parsed.warnings.iter().map(ToString::to_string).collect();
        let total = parsed.feed.meta.total_results;
        let source_id = self
            .query
            .with_untracked(|q| q.as_ref().and_then(|q| q.source));
        let source_id = match source_id {
            Some(id)
                if self
                    .sources
                    .with_untracked(|l| l.iter().any(|s| s.id == id)) =>
            {
                self.sources.update(|list| {
                    if let Some(source) = list.iter_mut().find(|s| s.id == id) {
                        let known: HashSet<&str> =
                            source.papers.iter().map(|p| p.id.as_str()).collect();
                        let fresh: Vec<_> = parsed
                            .feed
                            .papers
                            .into_iter()
                            .filter(|p| !known.contains(p.id.as_str()))
                            .map(Arc::new)
                            .collect();
                        source.papers.extend(fresh);
                        source.warnings.extend(warnings);
                    }
                });
                id
            }
            _ => {
                let id = self.next_source_id();
                let query = self
                    .query
                    .with_untracked(|q| q.as_ref().map(|q| q.run.query.clone()));
                let Some(query) = query else {
                    return;
                };
                self.sources.update(|list| {
                    list.push(Source {
                        id,
                        kind: SourceKind::Query { query },
                        meta: parsed.feed.meta,
                        papers: parsed.feed.papers.into_iter().map(Arc::new).collect(),
                        warnings,
                    })
                });
                self.remember_sources();
                id
            }
        };
        let papers = self.sources.with_untracked(|l| {
            l.iter()
                .find(|s| s.id == source_id)
                .map_or(0, |s| s.papers.len())
        });
        self.query.update(|q| {
            if let Some(q) = q {
                q.run.page_arrived(total);
                q.source = Some(source_id);
                q.papers = papers;
                q.activity = None;
            }
        });
    }

    fn query_papers(self) -> usize {
        self.query
            .with_untracked(|q| q.as_ref().map_or(0, |q| q.papers))
    }

    fn set_activity(self, activity: Option<String>) {
        self.query.update(|q| {
            if let Some(q) = q {
                q.activity = activity;
            }
        });
    }

    fn finish_query(self, stopped: Option<String>) {
        self.canceller.set_value(None);
        let mut done = None;
        self.query.update(|q| {
            if let Some(q) = q {
                q.running = false;
                q.activity = None;
                if stopped.is_none() {
                    done = Some(format!(
                        "{}: {} papers in {} page{}.",
                        q.label,
                        group_thousands(q.papers as u64),
                        q.run.pages_done,
                        if q.run.pages_done == 1 { "" } else { "s" }
                    ));
                }
                q.stopped = stopped;
            }
        });
        if done.is_some() {
            self.status.set(done);
        }
    }
}
