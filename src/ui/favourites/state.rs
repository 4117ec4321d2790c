//! The favourites library in the page: loaded from local storage, saved whole after each
//! change, merged with changes from other tabs, and kept in memory when storage fails.

use std::collections::{HashMap, HashSet};

use leptos::prelude::*;

use crate::core::favourites::{Library, LibraryError, BACKUP_KEY, STORAGE_KEY};
use crate::core::feed::Paper;
use crate::web::storage::{self, now_millis, StorageError};

/// Why favourites are not (or not fully) saved; shown as an alert until resolved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StorageProblem {
    /// Storage is refused: favourites live in this tab only.
    Unavailable,
    /// The last save did not fit.
    Full,
    /// The stored text could not be read; it was copied to [`BACKUP_KEY`] when possible.
    Unreadable {
        detail: String,
        original: String,
        backed_up: bool,
    },
    /// Saved by a newer version of the page: left untouched, nothing is written.
    Newer { message: String },
    /// A save failed for another reason.
    Failed { detail: String },
}

#[derive(Clone, Copy)]
pub struct FavouritesState {
    pub library: RwSignal<Library>,
    pub problem: RwSignal<Option<StorageProblem>>,
    /// False when writing would destroy data we could not read.
    may_write: StoredValue<bool>,
}

impl FavouritesState {
    /// Loads the library and starts following other tabs.
    pub fn load() -> FavouritesState {
        let (library, problem, may_write) = match storage::read(STORAGE_KEY) {
            Ok(None) => (Library::new(), None, true),
            Ok(Some(text)) => match Library::from_json(&text) {
                Ok(library) => (library, None, true),
                Err(LibraryError::NewerSchema { found }) => (
                    Library::new(),
                    Some(StorageProblem::Newer {
                        message: LibraryError::NewerSchema { found }.to_string(),
                    }),
                    false,
                ),
                Err(error) => {
                    // Keep the unreadable text before anything can overwrite it.
                    let backed_up = storage::write(BACKUP_KEY, &text).is_ok();
                    (
                        Library::new(),
                        Some(StorageProblem::Unreadable {
                            detail: error.to_string(),
                            original: text,
                            backed_up,
                        }),
                        backed_up,
                    )
                }
            },
            Err(StorageError::Unavailable) => {
                (Library::new(), Some(StorageProblem::Unavailable), false)
            }
            Err(other) => (
                Library::new(),
                Some(StorageProblem::Failed {
                    detail: other.to_string(),
                }),
                false,
            ),
        };
        let state = FavouritesState {
            library: RwSignal::new(library),
            problem: RwSignal::new(problem),
            may_write: StoredValue::new(may_write),
        };
        storage::on_change_in_other_tab(STORAGE_KEY, move |text| {
            if let Some(Ok(theirs)) = text.map(|t| Library::from_json(&t)) {
                state.library.update(|ours| ours.merge(&theirs));
            }
        });
        state
    }

    /// Applies a change and saves the whole library, merged with what other tabs saved.
    pub fn change(self, edit: impl FnOnce(&mut Library, i64)) {
        let now = now_millis();
        self.library.update(|library| edit(library, now));
        self.save();
    }

    fn save(self) {
        if !self.may_write.get_value() {
            return;
        }
        if let Ok(Some(text)) = storage::read(STORAGE_KEY) {
            if let Ok(stored) = Library::from_json(&text) {
                self.library.update(|library| library.merge(&stored));
            }
        }
        // Serialised in full before the single write: a failure leaves the old value intact.
        let text = self.library.with_untracked(Library::to_json);
        match storage::write(STORAGE_KEY, &text) {
            Ok(()) => {
                let recovered = self.problem.with_untracked(|p| {
                    matches!(
                        p,
                        Some(StorageProblem::Full | StorageProblem::Failed { .. })
                    )
                });
                if recovered {
                    self.problem.set(None);
                }
            }
            Err(StorageError::Full) => self.problem.set(Some(StorageProblem::Full)),
            Err(StorageError::Unavailable) => self.problem.set(Some(StorageProblem::Unavailable)),
            Err(StorageError::Failed(detail)) => {
                self.problem.set(Some(StorageProblem::Failed { detail }))
            }
        }
    }

    pub fn is_favourite(self, id: &str) -> bool {
        self.library.with(|library| library.contains(id))
    }

    pub fn toggle(self, paper: &Paper) {
        self.change(|library, now| {
            library.toggle(paper, now);
        });
    }

    /// The starred ids and their tags, for the filter engine.
    pub fn ids_and_tags(self) -> (HashSet<String>, HashMap<String, Vec<String>>) {
        self.library.with(|library| {
            let ids = library.favourites.keys().cloned().collect();
            let tags = library
                .favourites
                .iter()
                .filter(|(_, f)| !f.tags.is_empty())
                .map(|(id, f)| (id.clone(), f.tags.clone()))
                .collect();
            (ids, tags)
        })
    }
}

pub fn use_favourites() -> FavouritesState {
    expect_context::<FavouritesState>()
}
