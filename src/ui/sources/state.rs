//! The loaded sources. Adding parses (timed as `feed:parse`); a failure adds nothing and says
//! why, so what was loaded before is never lost.

use std::collections::HashMap;
use std::sync::Arc;

use leptos::prelude::*;

use crate::core::embedded::EMBEDDED_FEED_XML;
use crate::core::feed::{parse_feed, FeedMeta};
use crate::core::snapshots::{SnapshotEntry, SnapshotIndex, SNAPSHOT_INDEX};
use crate::core::sources::{
    apply_proxy, is_fetchable, merge_sources, FetchFailure, Source, SourceId, SourceKind,
};
use crate::ui::explorer::{Collection, LoadedFeed};
use crate::web::fetch::fetch_bytes;
use crate::web::perf;
use crate::web::storage;

/// Where the CORS proxy template is remembered.
pub const PROXY_KEY: &str = "arxiv-explorer:proxy";

#[derive(Clone, Copy)]
pub struct SourcesState {
    pub sources: RwSignal<Vec<Source>>,
    /// What is loading now, for a progress line.
    pub busy: RwSignal<Option<String>>,
    /// The last load's failure, until the next success or dismissal.
    pub error: RwSignal<Option<String>>,
    /// The last load's success message.
    pub status: RwSignal<Option<String>>,
    /// CORS proxy template (`https://proxy.example/?url={url}`), empty for none.
    pub proxy: RwSignal<String>,
    /// Snapshots published next to the page (`feeds/index.json`).
    pub snapshots: RwSignal<Vec<SnapshotEntry>>,
    next_id: StoredValue<SourceId>,
}

impl SourcesState {
    pub fn new() -> SourcesState {
        let proxy = storage::read(PROXY_KEY).ok().flatten().unwrap_or_default();
        SourcesState {
            sources: RwSignal::new(Vec::new()),
            busy: RwSignal::new(None),
            error: RwSignal::new(None),
            status: RwSignal::new(None),
            proxy: RwSignal::new(proxy),
            snapshots: RwSignal::new(Vec::new()),
            next_id: StoredValue::new(1),
        }
    }

    /// The merged papers of every source, rebuilt when the sources change.
    pub fn merged(self) -> Memo<Collection> {
        Memo::new(move |_| {
            self.sources.with(|sources| {
                let merged = merge_sources(sources);
                let labels: HashMap<SourceId, String> =
                    sources.iter().map(|s| (s.id, s.kind.label())).collect();
                let origins = merged
                    .origins
                    .iter()
                    .map(|(id, from)| {
                        let names = from.iter().filter_map(|s| labels.get(s).cloned()).collect();
                        (id.clone(), names)
                    })
                    .collect();
                let meta = match sources.as_slice() {
                    [only] => only.meta.clone(),
                    _ => FeedMeta::default(),
                };
                Collection(Arc::new(
                    LoadedFeed::new(meta, merged.papers).with_origins(origins),
                ))
            })
        })
    }

    /// Parses `bytes` and adds them as a source; returns how many papers it holds.
    pub fn add(self, kind: SourceKind, bytes: &[u8]) -> Result<usize, String> {
        let label = kind.label();
        match perf::measure("feed:parse", || parse_feed(bytes)) {
            Ok(parsed) => {
                let count = parsed.feed.papers.len();
                let id = self.next_id.get_value();
                self.next_id.set_value(id + 1);
                let source = Source {
                    id,
                    kind,
                    meta: parsed.feed.meta,
                    papers: parsed.feed.papers,
                    warnings: parsed.warnings.iter().map(ToString::to_string).collect(),
                };
                self.sources.update(|sources| sources.push(source));
                self.error.set(None);
                self.status.set(Some(format!(
                    "{label}: {count} paper{} loaded.",
                    if count == 1 { "" } else { "s" }
                )));
                Ok(count)
            }
            Err(error) => {
                let message = format!("{label} could not be loaded. {error}");
                self.error.set(Some(message.clone()));
                Err(message)
            }
        }
    }

    pub fn add_embedded(self) {
        // The embedded feed is checked at build time, so this cannot fail.
        let _ = self.add(SourceKind::Embedded, EMBEDDED_FEED_XML.as_bytes());
    }

    pub fn remove(self, id: SourceId) {
        self.sources
            .update(|sources| sources.retain(|s| s.id != id));
    }

    /// Whether a source of this kind is loaded.
    pub fn has(self, kind: &SourceKind) -> bool {
        self.sources
            .with(|sources| sources.iter().any(|s| &s.kind == kind))
    }

    /// Fetches `address` (through the proxy when one is set and the address is absolute) and
    /// adds it. The source is recorded under the address the user gave.
    pub async fn load_url(self, address: String) -> Result<usize, String> {
        let address = address.trim().to_string();
        if !is_fetchable(&address) {
            let message = FetchFailure::BadAddress.to_string();
            self.error.set(Some(message.clone()));
            return Err(message);
        }
        let proxy = self.proxy.get_untracked();
        let absolute = address.contains("://");
        let target = if absolute && !proxy.trim().is_empty() {
            match apply_proxy(&proxy, &address) {
                Ok(url) => url,
                Err(error) => {
                    self.error.set(Some(error.to_string()));
                    return Err(error.to_string());
                }
            }
        } else {
            address.clone()
        };
        self.busy.set(Some(format!("Loading {address}…")));
        let fetched = fetch_bytes(&target).await;
        self.busy.set(None);
        match fetched {
            Ok(fetched) => self.add(SourceKind::Url { url: address }, &fetched.bytes),
            Err(failure) => {
                let message = format!("{address}: {failure}");
                self.error.set(Some(message.clone()));
                Err(message)
            }
        }
    }

    /// Looks for snapshots next to the page. Most deployments have none: a missing or damaged
    /// list is not an error worth interrupting anyone for, so it only logs nothing and shows none.
    pub async fn discover_snapshots(self) {
        let Ok(fetched) = fetch_bytes(SNAPSHOT_INDEX).await else {
            return;
        };
        if let Ok(index) = SnapshotIndex::from_json(&String::from_utf8_lossy(&fetched.bytes)) {
            let entries = index.safe_entries().into_iter().cloned().collect();
            self.snapshots.set(entries);
        }
    }

    /// Loads a listed snapshot.
    pub async fn load_snapshot(self, entry: SnapshotEntry) -> Result<usize, String> {
        let folder = SNAPSHOT_INDEX
            .rsplit_once('/')
            .map_or("", |(folder, _)| folder);
        self.load_url(format!("{folder}/{}", entry.file)).await
    }

    /// Saves the proxy template (an empty one removes it).
    pub fn set_proxy(self, template: String) {
        let template = template.trim().to_string();
        // The setting still applies in this tab when storage fails.
        let _ = storage::write(PROXY_KEY, &template);
        self.proxy.set(template);
    }

    /// Addresses of the URL sources, for the `feed=` link parameters.
    pub fn urls(self) -> Vec<String> {
        self.sources.with(|sources| {
            sources
                .iter()
                .filter_map(|s| match &s.kind {
                    SourceKind::Url { url } => Some(url.clone()),
                    _ => None,
                })
                .collect()
        })
    }

    /// Whether some loaded source cannot be brought back by a link.
    pub fn has_untravelled(self) -> bool {
        self.sources
            .with(|sources| sources.iter().any(|s| !s.kind.travels_in_link()))
    }
}

impl Default for SourcesState {
    fn default() -> Self {
        SourcesState::new()
    }
}

pub fn use_sources() -> SourcesState {
    expect_context::<SourcesState>()
}
