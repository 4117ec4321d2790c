//! The sources context: one handle on the four concerns of loading — the list of what is
//! loaded, the network settings, loading by bytes, address or snapshot, and the arXiv query
//! run — and on how the link is told that what is loaded changed.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::core::api::ApiQuery;
use crate::core::snapshots::SnapshotEntry;
use crate::core::sources::{link_names_sources, SourceId, LINK_FEED};
use crate::ui::sources::{QueryRunner, SourceList, SourceLoader, SourceSettings};

#[derive(Clone, Copy)]
pub struct SourcesState {
    pub list: SourceList,
    pub settings: SourceSettings,
    pub loader: SourceLoader,
    pub query: QueryRunner,
    /// Writes the loaded sources into the link (set by the page, which owns the link).
    sync_link: StoredValue<Option<Callback<()>>>,
    /// The panel that lists the sources and loads more is open.
    panel_open: RwSignal<bool>,
}

impl SourcesState {
    pub fn new() -> SourcesState {
        let list = SourceList::new();
        let settings = SourceSettings::load();
        let loader = SourceLoader::new(list, settings);
        SourcesState {
            list,
            settings,
            loader,
            query: QueryRunner::new(list, settings, loader),
            sync_link: StoredValue::new(None),
            panel_open: RwSignal::new(false),
        }
    }

    /// Whether the sources panel is open; it is when nothing is loaded.
    pub fn panel_open(self) -> Signal<bool> {
        let loaded = self.list.sources();
        Signal::derive(move || self.panel_open.get() || loaded.with(Vec::is_empty))
    }

    pub fn set_panel_open(self, open: bool) {
        self.panel_open.set(open);
    }

    /// How the link is brought up to date after a load or removal the person asked for.
    pub fn on_link_change(self, sync: Callback<()>) {
        self.sync_link.set_value(Some(sync));
    }

    /// Brings the link up to date with what is loaded.
    pub fn sync_link(self) {
        if let Some(sync) = self.sync_link.get_value() {
            sync.run(());
        }
    }

    /// The link parameters that load what is loaded now. A query that has not delivered a
    /// page is left out: a failed first page must not replace the view the link holds.
    pub fn link_pairs(self) -> Vec<(String, String)> {
        self.list.link_pairs(None)
    }

    /// Starts an arXiv query from the builder; the link names it once its first page is in.
    pub fn start_query_from_builder(self, query: ApiQuery) {
        self.query.mark_from_builder(true);
        self.query
            .start(query, Some(Callback::new(move |()| self.sync_link())));
    }

    /// Starts an arXiv query; the link names it once its first page is in.
    pub fn start_query(self, query: ApiQuery) {
        self.query.mark_from_builder(false);
        self.query
            .start(query, Some(Callback::new(move |()| self.sync_link())));
    }

    /// Removes a source (stopping the query that fills it), and updates the link.
    pub fn remove(self, id: SourceId) {
        self.query.cancel_for(id);
        let travels = self
            .list
            .sources()
            .with_untracked(|list| list.iter().any(|s| s.id == id && s.kind.travels_in_link()));
        self.list.remove(id);
        if travels {
            self.sync_link();
        }
    }

    /// Loads what link parameters name: each `feed=` address in turn, and the `aq=` query.
    /// What in them cannot be used is said, and the rest still loads. Returns whether they
    /// named any source. The link already names them, so it is not written.
    pub fn load_from_link(self, pairs: Vec<(String, String)>) -> bool {
        if !link_names_sources(&pairs) {
            return false;
        }
        let (query, feeds) = self.read_link(pairs);
        spawn_local(self.loader.load_addresses(feeds));
        if let Some(query) = query {
            self.query.mark_from_builder(false);
            self.query.start(query, None);
        }
        true
    }

    /// Loads the last visit's sources again, writing each into the link as it arrives.
    pub fn restore_last(self) {
        let pairs: Vec<(String, String)> = self
            .list
            .take_restorable()
            .iter()
            .flat_map(|s| s.link_pairs())
            .collect();
        let (query, feeds) = self.read_link(pairs);
        spawn_local(async move {
            for feed in feeds {
                self.load_address(feed).await;
            }
        });
        if let Some(query) = query {
            self.start_query(query);
        }
    }

    /// The query and the feed addresses link parameters name; problems are reported.
    fn read_link(self, pairs: Vec<(String, String)>) -> (Option<ApiQuery>, Vec<String>) {
        let (query, problems) = ApiQuery::from_link(&pairs);
        if !problems.is_empty() {
            let text: Vec<String> = problems.iter().map(ToString::to_string).collect();
            self.loader.report_error(text.join(" "));
        }
        let feeds = pairs
            .into_iter()
            .filter(|(key, _)| key == LINK_FEED)
            .map(|(_, value)| value)
            .collect();
        (query, feeds)
    }

    /// Fetches an address the person typed, and updates the link when it loaded.
    pub async fn load_address(self, address: String) -> bool {
        let loaded = self.loader.load_url(address).await.is_ok();
        if loaded {
            self.sync_link();
        }
        loaded
    }

    /// Tries the failed address again, and updates the link when it loaded.
    pub async fn retry(self) {
        if self.loader.retry().await.is_ok() {
            self.sync_link();
        }
    }

    /// Opens the feed the site names; if it cannot be had, the embedded sample instead (the
    /// failure stays on the page, so the owner and the reader see why).
    pub async fn open_site_feed(self, address: String) {
        match self.loader.load_url(address).await {
            Ok(_) => self.sync_link(),
            Err(_) => self.loader.add_embedded(),
        }
    }

    /// Loads more files of what is loaded (a sharded feed's months) and writes them into the
    /// link, so the link reopens the same papers.
    pub async fn load_more(self, addresses: Vec<String>) {
        self.loader.load_addresses(addresses).await;
        self.sync_link();
    }

    /// Loads a snapshot listed next to the page, and updates the link when it loaded.
    pub async fn load_snapshot(self, entry: SnapshotEntry) {
        if self.loader.load_snapshot(entry).await.is_ok() {
            self.sync_link();
        }
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
