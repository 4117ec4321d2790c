//! What this browser has seen and read, in the page: loaded from local storage at start (which
//! opens or continues a visit), saved after each change.

use leptos::prelude::*;

use crate::core::reading::ReadingLog;
use crate::web::storage::{self, now_millis};

/// The local-storage key of the reading log.
pub const READING_KEY: &str = "arxiv-explorer:reading";

#[derive(Clone, Copy)]
pub struct ReadingState {
    log: RwSignal<ReadingLog>,
    /// Why the log is not kept, or could not be read in full; shown once.
    pub problem: RwSignal<Option<String>>,
}

impl ReadingState {
    pub fn load() -> ReadingState {
        let (mut log, problem) = match storage::read(READING_KEY) {
            Ok(Some(text)) => {
                let (log, error) = ReadingLog::from_text(&text);
                (log, error.map(|e| e.to_string()))
            }
            Ok(None) => (ReadingLog::default(), None),
            Err(error) => (
                ReadingLog::default(),
                Some(format!(
                    "{error} Papers seen and read are remembered in this tab only."
                )),
            ),
        };
        log.begin(now_millis() as f64);
        let state = ReadingState {
            log: RwSignal::new(log),
            problem: RwSignal::new(problem),
        };
        state.save();
        state
    }

    fn save(self) {
        let text = self.log.with_untracked(ReadingLog::to_text);
        if let Err(error) = storage::write(READING_KEY, &text) {
            self.problem.set(Some(format!(
                "{error} Papers seen and read are remembered in this tab only."
            )));
        }
    }

    /// Reads the log, subscribing to its changes.
    pub fn with<T>(self, f: impl FnOnce(&ReadingLog) -> T) -> T {
        self.log.with(f)
    }

    pub fn is_read(self, id: &str) -> bool {
        self.log.with(|log| log.is_read(id))
    }

    /// Whether a paper gets the "New" badge: new, and not on the first visit (when every
    /// paper is new and the badge would say nothing).
    pub fn shows_new_badge(self, id: &str) -> bool {
        self.log
            .with(|log| log.previous().is_some() && log.is_new(id))
    }

    /// Records papers as shown; they stay new for the rest of this visit.
    pub fn saw<'a>(self, ids: impl IntoIterator<Item = &'a str>) {
        let now = now_millis() as f64;
        // Nothing visible changes for papers first seen now (they are new either way), so
        // nothing is notified and nothing is filtered again.
        let added = self.log.try_update_untracked(|log| {
            log.touch(now);
            log.saw(ids)
        });
        if added.unwrap_or(0) > 0 {
            self.save();
        }
    }

    /// Marks a paper read, or unread again.
    pub fn set_read(self, id: &str, read: bool) {
        let changed = self.log.try_update(|log| {
            log.touch(now_millis() as f64);
            log.set_read(id, read)
        });
        if changed == Some(true) {
            self.save();
        }
    }

    pub fn toggle_read(self, id: &str) {
        let read = self.log.with_untracked(|log| log.is_read(id));
        self.set_read(id, !read);
    }
}
