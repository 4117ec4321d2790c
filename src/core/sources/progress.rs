//! Where a paged arXiv query run stands, and what it says about itself: its progress line,
//! what it is doing, and why it stopped, in words a person can act on.

use std::fmt;

use super::{FetchFailure, SourceId};
use crate::core::api::{ApiQuery, QueryRun, MAX_ATTEMPTS};
use crate::core::text::{count, group_thousands};

/// What a run is doing between pages.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum QueryActivity {
    /// Keeping arXiv's spacing between requests.
    Spacing {
        seconds: u64,
    },
    Fetching {
        page: u32,
    },
    /// A page failed for a reason that may pass; the next attempt is `attempt`.
    Retrying {
        why: String,
        seconds: u64,
        attempt: u32,
    },
}

impl fmt::Display for QueryActivity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            QueryActivity::Spacing { seconds } => write!(
                f,
                "Waiting {seconds} s: arXiv asks for one request every 3 seconds."
            ),
            QueryActivity::Fetching { page } => write!(f, "Fetching page {page}…"),
            QueryActivity::Retrying {
                why,
                seconds,
                attempt,
            } => write!(
                f,
                "{why} Trying again in {seconds} s (attempt {attempt} of {MAX_ATTEMPTS})."
            ),
        }
    }
}

/// Why a run stopped, sorted by what the person can do about it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StopKind {
    /// They pressed Cancel.
    Cancelled,
    /// This device has no network.
    Offline,
    /// arXiv answered, but the browser may not show the answer to a page on another site.
    Cors,
    /// arXiv did not answer, or answered that it is busy or broken.
    ArxivDown,
    /// Anything else (a refused query, a damaged page, a bad proxy address).
    Other,
}

impl StopKind {
    pub fn of(failure: &FetchFailure) -> StopKind {
        match failure {
            FetchFailure::Cancelled => StopKind::Cancelled,
            FetchFailure::Offline => StopKind::Offline,
            FetchFailure::CorsBlocked { .. } => StopKind::Cors,
            FetchFailure::Unreachable { .. }
            | FetchFailure::TimedOut { .. }
            | FetchFailure::Interrupted { .. } => StopKind::ArxivDown,
            FetchFailure::Http { status, .. } if *status == 429 || *status >= 500 => {
                StopKind::ArxivDown
            }
            _ => StopKind::Other,
        }
    }

    /// Its name in the page's markup (`data-stop-kind`).
    pub fn as_str(self) -> &'static str {
        match self {
            StopKind::Cancelled => "cancelled",
            StopKind::Offline => "offline",
            StopKind::Cors => "cors",
            StopKind::ArxivDown => "arxiv-down",
            StopKind::Other => "other",
        }
    }

    /// What happened, in the person's words, before the details; `None` where the details
    /// say it themselves (a cancel, a refused query).
    pub fn headline(self) -> Option<&'static str> {
        match self {
            StopKind::Offline => Some("You are offline."),
            StopKind::Cors => Some("arXiv does not let this page read its answers."),
            StopKind::ArxivDown => Some("arXiv is not answering."),
            StopKind::Cancelled | StopKind::Other => None,
        }
    }
}

/// Why a run stopped before its end, and how many papers it keeps.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QueryStop {
    pub kind: StopKind,
    /// What happened, as a sentence.
    pub why: String,
    pub papers_kept: usize,
}

impl QueryStop {
    pub fn new(kind: StopKind, why: impl Into<String>, papers_kept: usize) -> QueryStop {
        QueryStop {
            kind,
            why: why.into(),
            papers_kept,
        }
    }

    pub fn cancelled(papers_kept: usize) -> QueryStop {
        QueryStop::new(StopKind::Cancelled, "Stopped.", papers_kept)
    }

    /// A failed page, after `attempts` attempts when it was worth retrying.
    pub fn failed(failure: &FetchFailure, attempts: Option<u32>, papers_kept: usize) -> QueryStop {
        let why = match attempts {
            Some(n) => format!("{failure} Gave up after {n} attempts."),
            None => failure.to_string(),
        };
        QueryStop::new(StopKind::of(failure), why, papers_kept)
    }
}

impl fmt::Display for QueryStop {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.why)?;
        match self.papers_kept {
            0 if self.kind == StopKind::Cancelled => Ok(()),
            0 => f.write_str(" Nothing was loaded; what was on screen stays."),
            1 => f.write_str(" The paper fetched so far is kept."),
            n => write!(f, " The {} fetched so far are kept.", count(n, "paper")),
        }
    }
}

/// A run of an arXiv query, for the progress bar.
#[derive(Clone, Debug, PartialEq)]
pub struct QueryProgress {
    pub label: String,
    pub run: QueryRun,
    /// The source the pages go into, once the first one arrived.
    pub source: Option<SourceId>,
    pub papers: usize,
    pub running: bool,
    pub activity: Option<QueryActivity>,
    /// Why it stopped before the end (failure or cancel); it can be resumed.
    pub stopped: Option<QueryStop>,
}

impl QueryProgress {
    /// A run of `query` about to send its first request.
    pub fn start(query: ApiQuery) -> QueryProgress {
        QueryProgress {
            label: query.label(),
            run: QueryRun::new(query),
            source: None,
            papers: 0,
            running: true,
            activity: None,
            stopped: None,
        }
    }

    /// "2 of 5 pages · 4,000 of 9,512 papers".
    pub fn summary(&self) -> String {
        let pages = match self.run.pages_expected() {
            Some(expected) => format!("{} of {}", self.run.pages_done, count(expected, "page")),
            None => count(self.run.pages_done, "page"),
        };
        let papers = match self.run.papers_expected() {
            Some(expected) => format!(
                "{} of {}",
                group_thousands(self.papers as u64),
                count(expected, "paper")
            ),
            None => count(self.papers, "paper"),
        };
        format!("{pages} · {papers}")
    }

    /// The summary followed by what the run is doing now.
    pub fn status_line(&self) -> String {
        match &self.activity {
            Some(activity) => format!("{} · {activity}", self.summary()),
            None => self.summary(),
        }
    }

    /// Fraction done, for the progress bar (`None` until the total is known).
    pub fn fraction(&self) -> Option<f64> {
        let expected = self.run.pages_expected()?;
        Some(f64::from(self.run.pages_done) / f64::from(expected.max(1)))
    }

    /// Whether the run stopped early and can go on from where it stopped.
    pub fn resumable(&self) -> bool {
        !self.running && self.stopped.is_some()
    }

    /// The sentence for a run that fetched every page: "cat:cs.OS: 120 papers in 1 page.".
    pub fn finished_message(&self) -> String {
        format!(
            "{}: {} in {}.",
            self.label,
            count(self.papers, "paper"),
            count(self.run.pages_done, "page")
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn progress(pages_done: u32, total: Option<u64>, papers: usize) -> QueryProgress {
        let mut query = ApiQuery::new("cat:cs.OS");
        query.max_results = 9_000;
        let mut progress = QueryProgress::start(query);
        progress.run.pages_done = pages_done;
        progress.run.total = total;
        progress.papers = papers;
        progress
    }

    #[test]
    fn summaries_before_and_after_the_total_is_known() {
        let cases = [
            (progress(0, None, 0), "0 pages · 0 papers", None),
            (
                progress(2, Some(9_512), 4_000),
                "2 of 5 pages · 4,000 of 9,000 papers",
                Some(0.4),
            ),
            (
                progress(1, Some(1), 1),
                "1 of 1 page · 1 of 1 paper",
                Some(1.0),
            ),
        ];
        for (progress, summary, fraction) in cases {
            assert_eq!(progress.summary(), summary);
            assert_eq!(progress.fraction(), fraction);
        }
    }

    #[test]
    fn status_lines_say_what_the_run_is_doing() {
        let mut p = progress(1, None, 2_000);
        assert_eq!(p.status_line(), "1 page · 2,000 papers");
        p.activity = Some(QueryActivity::Spacing { seconds: 3 });
        assert_eq!(
            p.status_line(),
            "1 page · 2,000 papers · Waiting 3 s: arXiv asks for one request every 3 seconds."
        );
        p.activity = Some(QueryActivity::Fetching { page: 2 });
        assert!(p.status_line().ends_with("Fetching page 2…"));
        p.activity = Some(QueryActivity::Retrying {
            why: "Busy.".into(),
            seconds: 6,
            attempt: 2,
        });
        assert!(p
            .status_line()
            .ends_with("Busy. Trying again in 6 s (attempt 2 of 5)."));
        p.papers = 120;
        assert_eq!(
            p.finished_message(),
            "arXiv query: cat:cs.OS (up to 9,000): 120 papers in 1 page."
        );
    }

    #[test]
    fn stops_are_sorted_by_what_can_be_done() {
        let host = || "export.arxiv.org".to_string();
        let cases = [
            (FetchFailure::Offline, StopKind::Offline),
            (FetchFailure::CorsBlocked { host: host() }, StopKind::Cors),
            (
                FetchFailure::Unreachable { host: host() },
                StopKind::ArxivDown,
            ),
            (
                FetchFailure::TimedOut {
                    host: host(),
                    seconds: 60,
                },
                StopKind::ArxivDown,
            ),
            (
                FetchFailure::Http {
                    status: 503,
                    retry_after: None,
                },
                StopKind::ArxivDown,
            ),
            (
                FetchFailure::Http {
                    status: 400,
                    retry_after: None,
                },
                StopKind::Other,
            ),
            (FetchFailure::Cancelled, StopKind::Cancelled),
            (FetchFailure::BadAddress, StopKind::Other),
        ];
        for (failure, kind) in cases {
            assert_eq!(StopKind::of(&failure), kind, "{failure:?}");
        }
        assert_eq!(
            StopKind::Cors.headline(),
            Some("arXiv does not let this page read its answers.")
        );
        assert_eq!(StopKind::Cancelled.headline(), None);
    }

    #[test]
    fn stop_messages_say_what_is_kept() {
        let busy = FetchFailure::Http {
            status: 503,
            retry_after: None,
        };
        let stop = QueryStop::failed(&busy, Some(5), 4_000);
        assert_eq!(stop.kind, StopKind::ArxivDown);
        let text = stop.to_string();
        assert!(text.contains("Gave up after 5 attempts."), "{text}");
        assert!(
            text.ends_with("The 4,000 papers fetched so far are kept."),
            "{text}"
        );
        let first = QueryStop::failed(&FetchFailure::Offline, None, 0).to_string();
        assert!(
            first.ends_with("Nothing was loaded; what was on screen stays."),
            "{first}"
        );
        assert_eq!(QueryStop::cancelled(0).to_string(), "Stopped.");
        assert_eq!(
            QueryStop::cancelled(1).to_string(),
            "Stopped. The paper fetched so far is kept."
        );
        let mut p = progress(1, None, 1);
        assert!(!p.resumable());
        p.running = false;
        p.stopped = Some(QueryStop::cancelled(1));
        assert!(p.resumable());
    }
}
