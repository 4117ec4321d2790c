//! Loading sources: parsing bytes (timed as `feed:parse`), fetching addresses with this
//! device's day-old copies, and the snapshots published next to the page. A failure adds
//! nothing and says why, so what was loaded before is never lost.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::core::embedded::EMBEDDED_FEED_XML;
use crate::core::feed::{parse_feed, ParsedFeed};
use crate::core::snapshots::{ShardRange, SnapshotEntry, SnapshotIndex, SNAPSHOT_INDEX};
use crate::core::sources::{
    cached_copy_note, is_fetchable, offline_copy_note, FetchFailure, SourceKind,
};
use crate::ui::sources::{SourceList, SourceSettings};
use crate::web::feed_cache;
use crate::web::fetch::{fetch_bytes, fetch_with, Canceller};
use crate::web::perf;

#[derive(Clone, Copy)]
pub struct SourceLoader {
    list: SourceList,
    settings: SourceSettings,
    /// What is loading now, for a progress line.
    busy: RwSignal<Option<String>>,
    /// The last load's failure, until the next success or dismissal.
    error: RwSignal<Option<String>>,
    /// The address whose load failed, for "Try again".
    retry_address: RwSignal<Option<String>>,
    /// The last load's success message.
    status: RwSignal<Option<String>>,
    /// Snapshots published next to the page (`feeds/index.json`).
    snapshots: RwSignal<Vec<SnapshotEntry>>,
    /// Told the size of every feed about to be parsed (set by the page: the recommender
    /// readies its memory for the index meanwhile).
    before_parse: StoredValue<Option<Callback<usize>>>,
}

impl SourceLoader {
    pub fn new(list: SourceList, settings: SourceSettings) -> SourceLoader {
        SourceLoader {
            list,
            settings,
            busy: RwSignal::new(None),
            error: RwSignal::new(None),
            retry_address: RwSignal::new(None),
            status: RwSignal::new(None),
            snapshots: RwSignal::new(Vec::new()),
            before_parse: StoredValue::new(None),
        }
    }

    /// Calls `hook` with the size of every feed before it is parsed.
    pub fn on_parse_start(self, hook: Callback<usize>) {
        self.before_parse.set_value(Some(hook));
    }

    pub fn busy(self) -> Signal<Option<String>> {
        self.busy.into()
    }

    pub fn error(self) -> Signal<Option<String>> {
        self.error.into()
    }

    /// Whether the last failure can be tried again.
    pub fn can_retry(self) -> Signal<bool> {
        Signal::derive(move || self.retry_address.with(Option::is_some))
    }

    pub fn status(self) -> Signal<Option<String>> {
        self.status.into()
    }

    /// Says something went wrong outside a load (a file that could not be read).
    pub fn report_error(self, message: String) {
        self.error.set(Some(message));
    }

    /// Says something went well outside a load (a query that finished).
    pub fn report_status(self, message: String) {
        self.status.set(Some(message));
    }

    pub fn snapshots(self) -> Signal<Vec<SnapshotEntry>> {
        self.snapshots.into()
    }

    /// Parses `bytes` and adds them as a source; returns how many papers it holds.
    pub fn add(self, kind: SourceKind, bytes: &[u8]) -> Result<usize, String> {
        let parsed = self.parse(&kind, bytes)?;
        Ok(self.add_parsed(kind, parsed))
    }

    /// [`SourceLoader::add`] for bytes nothing needs afterwards: they are freed before the
    /// papers are stored, so a large file does not sit in memory next to all of its papers
    /// (the page's memory never shrinks back after such a peak).
    pub fn add_owned(self, kind: SourceKind, bytes: Vec<u8>) -> Result<usize, String> {
        let parsed = self.parse(&kind, &bytes);
        drop(bytes);
        Ok(self.add_parsed(kind, parsed?))
    }

    fn parse(self, kind: &SourceKind, bytes: &[u8]) -> Result<ParsedFeed, String> {
        if let Some(hook) = self.before_parse.get_value() {
            hook.run(bytes.len());
        }
        perf::measure("feed:parse", || parse_feed(bytes)).map_err(|error| {
            let message = kind.failed_message(&error);
            self.error.set(Some(message.clone()));
            message
        })
    }

    fn add_parsed(self, kind: SourceKind, parsed: ParsedFeed) -> usize {
        let count = parsed.feed.papers.len();
        // The sample is what the page opens on: the heading says what it is.
        let message = (kind != SourceKind::Embedded).then(|| kind.loaded_message(count));
        self.list.add(kind, parsed);
        self.error.set(None);
        self.retry_address.set(None);
        self.status.set(message);
        count
    }

    pub fn add_embedded(self) {
        // The embedded feed is checked at build time, so this cannot fail.
        let _ = self.add(SourceKind::Embedded, EMBEDDED_FEED_XML.as_bytes());
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
        // One look at this device's copy: used at once when it is fresh, and when the network
        // fails whatever its age.
        let copy = match cacheable {
            true => feed_cache::kept(&address).await,
            false => None,
        };
        if let Some(copy) = copy.as_ref().filter(|c| c.is_fresh()) {
            let note = cached_copy_note(&feed_cache::local_time(copy.fetched_at));
            return self.add_copy(address, &copy.bytes, &note);
        }
        let target = match self.settings.via_proxy(&address) {
            Ok(target) => target,
            Err(message) => {
                self.error.set(Some(message.clone()));
                return Err(message);
            }
        };
        self.busy.set(Some(format!("Loading {address}…")));
        let fetched = fetch_with(&target, &Canceller::new(), self.settings.timeout_ms()).await;
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
                // Offline or unreachable: this device's older copy, with its age, if it has one.
                if let Some(copy) = copy {
                    let note = offline_copy_note(
                        &failure.to_string(),
                        &feed_cache::local_time(copy.fetched_at),
                    );
                    let result = self.add_copy(address.clone(), &copy.bytes, &note);
                    if result.is_ok() {
                        return result;
                    }
                }
                let message = format!("{address}: {failure}");
                self.error.set(Some(message.clone()));
                self.retry_address.set(Some(address));
                Err(message)
            }
        }
    }

    /// Adds this device's copy of `address`, its status line ending with `note`.
    fn add_copy(self, address: String, bytes: &[u8], note: &str) -> Result<usize, String> {
        let result = self.add(SourceKind::Url { url: address }, bytes);
        if result.is_ok() {
            self.status.update(|status| {
                if let Some(status) = status {
                    status.push_str(note);
                }
            });
        }
        result
    }

    /// Loads the address whose load failed last, if any.
    pub async fn retry(self) -> Result<usize, String> {
        match self.retry_address.get_untracked() {
            Some(address) => self.load_url(address).await,
            None => Err(String::new()),
        }
    }

    /// Loads each `feed=` address in turn, skipping those already loaded.
    pub async fn load_addresses(self, addresses: Vec<String>) {
        let loaded = self.list.addresses();
        for address in addresses.into_iter().filter(|a| !loaded.contains(a)) {
            let _ = self.load_url(address).await;
        }
    }

    /// Looks for snapshots next to the page. Most deployments have none: a missing or damaged
    /// list is not an error worth interrupting anyone for, so it shows none.
    pub async fn discover_snapshots(self) {
        let Ok(fetched) = fetch_bytes(SNAPSHOT_INDEX).await else {
            return;
        };
        if let Ok(index) = SnapshotIndex::from_json(&String::from_utf8_lossy(&fetched.bytes)) {
            self.snapshots.set(index.safe_entries());
        }
    }

    /// Loads a listed snapshot: its file, or a sharded one's newest months (a date range
    /// that reaches further loads more, see `core::snapshots::missing_shards`).
    pub async fn load_snapshot(self, entry: SnapshotEntry) -> Result<usize, String> {
        let mut papers = 0;
        for address in entry.addresses_for(ShardRange::default()) {
            papers += self.load_url(address).await?;
        }
        Ok(papers)
    }
}
