//! The loaded sources. Adding parses (timed as `feed:parse`); a failure adds nothing and says
//! why, so what was loaded before is never lost.

use std::collections::HashMap;
use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::core::api::ApiQuery;
use crate::core::embedded::EMBEDDED_FEED_XML;
use crate::core::feed::{parse_feed, FeedMeta, ParsedFeed};
use crate::core::snapshots::{SnapshotEntry, SnapshotIndex, SNAPSHOT_INDEX};
use crate::core::sources::{
    apply_proxy, is_fetchable, merge_sources, FetchFailure, LastSources, LastSourcesError,
    RememberedSource, Source, SourceId, SourceKind, LINK_FEED,
};
use crate::core::view_state::PASSTHROUGH_KEYS;
use crate::ui::explorer::{Collection, LoadedFeed};
use crate::ui::sources::QueryProgress;
use crate::web::feed_cache;
use crate::web::fetch::{fetch_bytes, fetch_with, Canceller};
use crate::web::perf;
use crate::web::storage;

/// Where the CORS proxy template is remembered.
pub const PROXY_KEY: &str = "arxiv-explorer:proxy";
/// Where the network time limit (seconds) is remembered.
pub const TIMEOUT_KEY: &str = "arxiv-explorer:timeout-seconds";
/// The range the time limit may be set in, and its default.
pub const TIMEOUT_RANGE: (u32, u32) = (2, 600);
pub const DEFAULT_TIMEOUT_S: u32 = 60;
/// Where the sources of the last visit are remembered, to offer them again.
pub const LAST_SOURCES_KEY: &str = "arxiv-explorer:last-sources";
/// Where unreadable text found under [`LAST_SOURCES_KEY`] is set aside.
pub const LAST_SOURCES_BACKUP_KEY: &str = "arxiv-explorer:last-sources:unreadable";

#[derive(Clone, Copy)]
pub struct SourcesState {
    pub sources: RwSignal<Vec<Source>>,
    /// What is loading now, for a progress line.
    pub busy: RwSignal<Option<String>>,
    /// The last load's failure, until the next success or dismissal.
    pub error: RwSignal<Option<String>>,
    /// The address whose load failed, for "Try again".
    pub retry_address: RwSignal<Option<String>>,
    /// The last load's success message.
    pub status: RwSignal<Option<String>>,
    /// CORS proxy template (`https://proxy.example/?url={url}`), empty for none.
    pub proxy: RwSignal<String>,
    /// Snapshots published next to the page (`feeds/index.json`).
    pub snapshots: RwSignal<Vec<SnapshotEntry>>,
    /// How long a fetch may take, in seconds.
    pub timeout_s: RwSignal<u32>,
    /// The sources of the last visit, offered when the page opens without any.
    pub restorable: RwSignal<Vec<RememberedSource>>,
    /// Something about stored data the person should know (set aside, saved for this tab only).
    pub storage_notice: RwSignal<Option<String>>,
    /// The arXiv query being fetched, or the last one.
    pub query: RwSignal<Option<QueryProgress>>,
    pub(super) canceller: StoredValue<Option<Canceller>, LocalStorage>,
    /// When the last request to the arXiv API went out (page clock, ms).
    pub(super) last_api_request: StoredValue<Option<f64>>,
    /// Off when the stored list belongs to a newer version of the page: it is not overwritten.
    remember: StoredValue<bool>,
    next_id: StoredValue<SourceId>,
}

impl SourcesState {
    pub fn new() -> SourcesState {
        let proxy = storage::read(PROXY_KEY).ok().flatten().unwrap_or_default();
        SourcesState {
            sources: RwSignal::new(Vec::new()),
            busy: RwSignal::new(None),
            error: RwSignal::new(None),
            retry_address: RwSignal::new(None),
            status: RwSignal::new(None),
            proxy: RwSignal::new(proxy),
            snapshots: RwSignal::new(Vec::new()),
            timeout_s: RwSignal::new(
                storage::read(TIMEOUT_KEY)
                    .ok()
                    .flatten()
                    .and_then(|t| t.trim().parse::<u32>().ok())
                    .map_or(DEFAULT_TIMEOUT_S, |t| {
                        t.clamp(TIMEOUT_RANGE.0, TIMEOUT_RANGE.1)
                    }),
            ),
            restorable: RwSignal::new(Vec::new()),
            storage_notice: RwSignal::new(None),
            query: RwSignal::new(None),
            canceller: StoredValue::new_local(None),
            last_api_request: StoredValue::new(None),
            remember: StoredValue::new(true),
            next_id: StoredValue::new(1),
        }
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
                if matches!(error, LastSourcesError::NewerSchema(_)) {
                    self.remember.set_value(false);
                } else if storage::write(LAST_SOURCES_BACKUP_KEY, &text).is_err() {
                    // Nowhere to set it aside: keep it where it is.
                    self.remember.set_value(false);
                }
                self.storage_notice.set(Some(error.to_string()));
            }
        }
    }

    /// Stores what is loaded now as the sources to offer next time.
    pub(super) fn remember_sources(self) {
        if !self.remember.get_value() {
            return;
        }
        let kinds: Vec<SourceKind> = self
            .sources
            .with_untracked(|list| list.iter().map(|s| s.kind.clone()).collect());
        if let Err(error) = storage::write(LAST_SOURCES_KEY, &LastSources::of(&kinds).to_json()) {
            self.storage_notice.set(Some(format!(
                "The feeds loaded now will not be offered next time: {error}"
            )));
        }
    }

    /// A new id for a source.
    pub(super) fn next_source_id(self) -> SourceId {
        let id = self.next_id.get_value();
        self.next_id.set_value(id + 1);
        id
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
        let parsed = self.parse(&kind, bytes)?;
        Ok(self.add_parsed(kind, parsed))
    }

    /// [`SourcesState::add`] for bytes nothing needs afterwards: they are freed before the
    /// papers are stored, so a large file does not sit in memory next to all of its papers
    /// (the page's memory never shrinks back after such a peak).
    pub fn add_owned(self, kind: SourceKind, bytes: Vec<u8>) -> Result<usize, String> {
        let parsed = self.parse(&kind, &bytes);
        drop(bytes);
        Ok(self.add_parsed(kind, parsed?))
    }

    fn parse(self, kind: &SourceKind, bytes: &[u8]) -> Result<ParsedFeed, String> {
        perf::measure("feed:parse", || parse_feed(bytes)).map_err(|error| {
            let message = format!("{} could not be loaded. {error}", kind.label());
            self.error.set(Some(message.clone()));
            message
        })
    }

    fn add_parsed(self, kind: SourceKind, parsed: ParsedFeed) -> usize {
        let label = kind.label();
        let remembered = !matches!(kind, SourceKind::Embedded);
        let count = parsed.feed.papers.len();
        let id = self.next_source_id();
        let source = Source {
            id,
            kind,
            meta: parsed.feed.meta,
            papers: parsed.feed.papers.into_iter().map(Arc::new).collect(),
            warnings: parsed.warnings.iter().map(ToString::to_string).collect(),
        };
        self.sources.update(|sources| sources.push(source));
        self.error.set(None);
        self.retry_address.set(None);
        if remembered {
            self.remember_sources();
        }
        self.status.set(Some(format!(
            "{label}: {count} paper{} loaded.",
            if count == 1 { "" } else { "s" }
        )));
        count
    }

    pub fn add_embedded(self) {
        // The embedded feed is checked at build time, so this cannot fail.
        let _ = self.add(SourceKind::Embedded, EMBEDDED_FEED_XML.as_bytes());
    }

    pub fn remove(self, id: SourceId) {
        if self
            .query
            .with_untracked(|q| q.as_ref().is_some_and(|q| q.source == Some(id)))
        {
            self.cancel_query();
        }
        self.sources
            .update(|sources| sources.retain(|s| s.id != id));
        self.remember_sources();
    }

    /// Whether a source of this kind is loaded.
    pub fn has(self, kind: &SourceKind) -> bool {
        self.sources
            .with(|sources| sources.iter().any(|s| &s.kind == kind))
    }

    /// The address to request for `address`: through the proxy when one is set and the
    /// address is absolute (same-site paths never need one).
    pub(super) fn via_proxy(self, address: &str) -> Result<String, String> {
        let proxy = self.proxy.get_untracked();
        if address.contains("://") && !proxy.trim().is_empty() {
            apply_proxy(&proxy, address).map_err(|e| e.to_string())
        } else {
            Ok(address.to_string())
        }
    }

    /// Fetches `address` and adds it; a copy fetched less than a day ago is used instead of
    /// the network. The source is recorded under the address the user gave.
    pub async fn load_url(self, address: String) -> Result<usize, String> {
        let address = address.trim().to_string();
        if !is_fetchable(&address) {
            let message = FetchFailure::BadAddress.to_string();
            self.error.set(Some(message.clone()));
            return Err(message);
        }
        let cacheable = address.contains("://");
        if cacheable {
            if let Some(cached) = feed_cache::fresh(&address).await {
                let result = self.add(SourceKind::Url { url: address }, &cached.bytes);
                if result.is_ok() {
                    self.status.update(|status| {
                        if let Some(status) = status {
                            status.push_str(&format!(
                                " (this device's copy from {}; feeds are fetched again after a day)",
                                feed_cache::local_time(cached.fetched_at)
                            ));
                        }
                    });
                }
                return result;
            }
        }
        let target = match self.via_proxy(&address) {
            Ok(target) => target,
            Err(message) => {
                self.error.set(Some(message.clone()));
                return Err(message);
            }
        };
        self.busy.set(Some(format!("Loading {address}…")));
        let timeout_ms = self.timeout_s.get_untracked().saturating_mul(1_000);
        let fetched = fetch_with(&target, &Canceller::new(), timeout_ms).await;
        self.busy.set(None);
        match fetched {
            Ok(fetched) => {
                let result = self.add(
                    SourceKind::Url {
                        url: address.clone(),
                    },
                    &fetched.bytes,
                );
                if result.is_ok() && cacheable {
                    // In the background: the source is loaded, and the link should say so now.
                    let bytes = fetched.bytes;
                    let key = address.clone();
                    spawn_local(async move { feed_cache::store(&key, &bytes).await });
                }
                if result.is_err() {
                    self.retry_address.set(Some(address));
                }
                result
            }
            Err(failure) => {
                let message = format!("{address}: {failure}");
                self.error.set(Some(message.clone()));
                self.retry_address.set(Some(address));
                Err(message)
            }
        }
    }

    /// Whether link parameters name any source.
    pub fn link_names_sources(pairs: &[(String, String)]) -> bool {
        pairs
            .iter()
            .any(|(key, _)| PASSTHROUGH_KEYS.contains(&key.as_str()))
    }

    /// Loads what link parameters name: each `feed=` address in turn, and the `aq=` query.
    /// What in them cannot be used is said, and the rest still loads.
    pub fn load_from_link(self, pairs: Vec<(String, String)>) {
        let (query, problems) = ApiQuery::from_link(&pairs);
        if !problems.is_empty() {
            let text: Vec<String> = problems.iter().map(ToString::to_string).collect();
            self.error.set(Some(text.join(" ")));
        }
        let feeds: Vec<String> = pairs
            .into_iter()
            .filter(|(key, _)| key == LINK_FEED)
            .map(|(_, value)| value)
            .collect();
        let loaded: Vec<String> = self.sources.with_untracked(|list| {
            list.iter()
                .filter_map(|s| match &s.kind {
                    SourceKind::Url { url } => Some(url.clone()),
                    _ => None,
                })
                .collect()
        });
        spawn_local(async move {
            for feed in feeds.into_iter().filter(|f| !loaded.contains(f)) {
                let _ = self.load_url(feed).await;
            }
        });
        if let Some(query) = query {
            self.start_query(query);
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

    /// Saves the proxy template (an empty one removes it). When the device refuses to store
    /// it, it still applies in this tab, and the error says so.
    pub fn set_proxy(self, template: String) -> Result<(), String> {
        let template = template.trim().to_string();
        let stored = storage::write(PROXY_KEY, &template);
        self.proxy.set(template);
        stored.map_err(|error| format!("{error} The proxy applies in this tab only."))
    }

    /// Sets the network time limit; like the proxy, it applies in this tab even when the
    /// device refuses to store it.
    pub fn set_timeout(self, seconds: u32) -> Result<(), String> {
        let seconds = seconds.clamp(TIMEOUT_RANGE.0, TIMEOUT_RANGE.1);
        self.timeout_s.set(seconds);
        storage::write(TIMEOUT_KEY, &seconds.to_string())
            .map_err(|error| format!("{error} The time limit applies in this tab only."))
    }

    /// The link parameters that load what is loaded: `feed=` per URL source, and the most
    /// recent arXiv query (a link carries one).
    pub fn link_pairs(self) -> Vec<(String, String)> {
        self.sources.with(|sources| {
            let mut pairs: Vec<(String, String)> = sources
                .iter()
                .filter_map(|s| match &s.kind {
                    SourceKind::Url { url } => Some((LINK_FEED.to_string(), url.clone())),
                    _ => None,
                })
                .collect();
            // A run that has no page yet is already what the link should name.
            let running = self.query.with_untracked(|q| {
                q.as_ref()
                    .filter(|q| q.running && q.source.is_none())
                    .map(|q| q.run.query.clone())
            });
            let loaded = sources.iter().rev().find_map(|s| match &s.kind {
                SourceKind::Query { query } => Some(query.clone()),
                _ => None,
            });
            if let Some(query) = running.or(loaded) {
                pairs.extend(query.link_pairs());
            }
            pairs
        })
    }

    /// Replaces a view's source parameters with those of what is loaded.
    pub fn write_link_pairs(self, passthrough: &mut Vec<(String, String)>) {
        passthrough.retain(|(key, _)| !PASSTHROUGH_KEYS.contains(&key.as_str()));
        passthrough.extend(self.link_pairs());
    }

    /// Whether some loaded source cannot be brought back by a link.
    pub fn has_untravelled(self) -> bool {
        self.sources.with(|sources| {
            let queries = sources
                .iter()
                .filter(|s| matches!(s.kind, SourceKind::Query { .. }))
                .count();
            queries > 1 || sources.iter().any(|s| !s.kind.travels_in_link())
        })
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
