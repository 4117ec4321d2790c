//! The loaded sources: the list itself, the collection they merge into, and the list of the
//! last visit's sources kept on this device to offer again.

use std::collections::HashSet;
use std::sync::Arc;

use leptos::prelude::*;

use crate::core::api::ApiQuery;
use crate::core::collection::Collection;
use crate::core::feed::{Paper, ParsedFeed};
use crate::core::sources::{
    has_untravelled, link_pairs, merged_collection, LastSources, LastSourcesError,
    RememberedSource, Source, SourceId, SourceKind,
};
use crate::web::storage;

/// Where the sources of the last visit are remembered, to offer them again.
const LAST_SOURCES_KEY: &str = "arxiv-explorer:last-sources";
/// Where unreadable text found under [`LAST_SOURCES_KEY`] is set aside.
const LAST_SOURCES_BACKUP_KEY: &str = "arxiv-explorer:last-sources:unreadable";

#[derive(Clone, Copy)]
pub struct SourceList {
    sources: RwSignal<Vec<Source>>,
    /// The sources of the last visit, offered when the page opens without any.
    restorable: RwSignal<Vec<RememberedSource>>,
    /// Something about stored data the person should know (set aside, saved for this tab only).
    storage_notice: RwSignal<Option<String>>,
    /// Off when the stored list belongs to a newer version of the page: it is not overwritten.
    remember: StoredValue<bool>,
    next_id: StoredValue<SourceId>,
}

impl SourceList {
    pub fn new() -> SourceList {
        SourceList {
            sources: RwSignal::new(Vec::new()),
            restorable: RwSignal::new(Vec::new()),
            storage_notice: RwSignal::new(None),
            remember: StoredValue::new(true),
            next_id: StoredValue::new(1),
        }
    }

    /// The loaded sources, in load order.
    pub fn sources(self) -> ReadSignal<Vec<Source>> {
        self.sources.read_only()
    }

    /// The merged papers of every source, rebuilt when the sources change.
    pub fn merged(self) -> Memo<Arc<Collection>> {
        Memo::new_with_compare(
            move |_| {
                self.sources
                    .with(|sources| Arc::new(merged_collection(sources)))
            },
            Collection::changed,
        )
    }

    /// The link parameters that load what is loaded (see `core::sources::link_pairs`).
    pub fn link_pairs(self, running: Option<&ApiQuery>) -> Vec<(String, String)> {
        self.sources.with(|sources| link_pairs(sources, running))
    }

    /// Whether some loaded source cannot be brought back by a link.
    pub fn has_untravelled(self) -> Signal<bool> {
        Signal::derive(move || self.sources.with(|sources| has_untravelled(sources)))
    }

    /// Whether a source of this kind is loaded.
    pub fn has(self, kind: &SourceKind) -> bool {
        self.sources
            .with(|sources| sources.iter().any(|s| &s.kind == kind))
    }

    /// The loaded `feed=` addresses.
    pub fn addresses(self) -> Vec<String> {
        self.sources.with_untracked(|list| {
            crate::core::sources::loaded_addresses(list)
                .into_iter()
                .map(str::to_string)
                .collect()
        })
    }

    /// Adds a parsed feed as a new source; returns its id.
    pub fn add(self, kind: SourceKind, parsed: ParsedFeed) -> SourceId {
        let id = self.next_id.get_value();
        self.next_id.set_value(id + 1);
        let remembered = !matches!(kind, SourceKind::Embedded);
        let source = Source {
            id,
            kind,
            meta: parsed.feed.meta,
            papers: parsed.feed.papers.into_iter().map(Arc::new).collect(),
            warnings: parsed.warnings,
        };
        self.sources.update(|sources| sources.push(source));
        if remembered {
            self.remember_sources();
        }
        id
    }

    /// Whether source `id` is loaded.
    pub fn contains(self, id: SourceId) -> bool {
        self.sources
            .with_untracked(|list| list.iter().any(|s| s.id == id))
    }

    /// Adds the papers of `parsed` that source `id` does not hold yet, with its warnings;
    /// returns how many papers the source holds now, or `None` when it is gone.
    pub fn extend(self, id: SourceId, parsed: ParsedFeed) -> Option<usize> {
        let mut held = None;
        self.sources.update(|list| {
            if let Some(source) = list.iter_mut().find(|s| s.id == id) {
                let known: HashSet<&str> = source.papers.iter().map(|p| p.id.as_str()).collect();
                let fresh: Vec<Arc<Paper>> = parsed
                    .feed
                    .papers
                    .into_iter()
                    .filter(|p| !known.contains(p.id.as_str()))
                    .map(Arc::new)
                    .collect();
                source.papers.extend(fresh);
                source.warnings.extend(parsed.warnings);
                held = Some(source.papers.len());
            }
        });
        held
    }

    pub fn remove(self, id: SourceId) {
        self.sources
            .update(|sources| sources.retain(|s| s.id != id));
        self.remember_sources();
    }

    /// Reads the last visit's sources to offer them. Unreadable text is set aside under a
    /// backup key before anything could overwrite it, and the person is told.
    pub fn offer_last_sources(self) {
        let Ok(Some(text)) = storage::read(LAST_SOURCES_KEY) else {
            return;
        };
        match LastSources::from_json(&text) {
            Ok(last) => self.restorable.set(last.sources),
            Err(error) => {
                if matches!(error, LastSourcesError::NewerSchema(_))
                    || storage::write(LAST_SOURCES_BACKUP_KEY, &text).is_err()
                {
                    // A newer page's list, or nowhere to set it aside: keep it where it is.
                    self.remember.set_value(false);
                }
                self.storage_notice.set(Some(error.to_string()));
            }
        }
    }

    /// The last visit's sources, while they are on offer.
    pub fn restorable(self) -> Signal<Vec<RememberedSource>> {
        self.restorable.into()
    }

    /// Takes the offer (empty when there is none); it is not made again.
    pub fn take_restorable(self) -> Vec<RememberedSource> {
        let list = self.restorable.get_untracked();
        self.restorable.set(Vec::new());
        list
    }

    pub fn storage_notice(self) -> Signal<Option<String>> {
        self.storage_notice.into()
    }

    pub fn dismiss_storage_notice(self) {
        self.storage_notice.set(None);
    }

    /// Stores what is loaded now as the sources to offer next time.
    fn remember_sources(self) {
        if !self.remember.get_value() {
            return;
        }
        let kinds: Vec<SourceKind> = self
            .sources
            .with_untracked(|list| list.iter().map(|s| s.kind.clone()).collect());
        if let Err(error) = storage::write(LAST_SOURCES_KEY, &LastSources::of(&kinds).to_json()) {
            self.storage_notice
                .set(Some(LastSources::not_saved_message(&error.to_string())));
        }
    }
}

impl Default for SourceList {
    fn default() -> Self {
        SourceList::new()
    }
}
