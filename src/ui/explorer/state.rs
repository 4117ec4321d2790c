//! The explorer's shared state, provided once at the root as context. The URL is the source of
//! truth for the view: every change goes through [`ExplorerState::navigate`], which updates the
//! signal and writes the address bar.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use leptos::prelude::*;

use crate::core::feed::{FeedMeta, Paper};
use crate::core::filter::{apply, FeedIndex, FilterContext, FilterResult, FilterSpec};
use crate::core::view_state::{decode, encode, ViewState};
use crate::web::perf;
use crate::web::url::{current_query, on_history_change, write_query, HistoryMode};

/// A loaded feed with its search index, built once.
pub struct LoadedFeed {
    pub meta: FeedMeta,
    pub papers: Vec<Arc<Paper>>,
    pub index: FeedIndex,
    positions: HashMap<String, usize>,
}

impl LoadedFeed {
    pub fn new(meta: FeedMeta, papers: Vec<Paper>) -> LoadedFeed {
        let papers: Vec<Arc<Paper>> = papers.into_iter().map(Arc::new).collect();
        let index = FeedIndex::build(&papers);
        let positions = papers
            .iter()
            .enumerate()
            .map(|(i, p)| (p.id.clone(), i))
            .collect();
        LoadedFeed {
            meta,
            papers,
            index,
            positions,
        }
    }

    /// The paper with this arXiv id (without version).
    pub fn paper(&self, id: &str) -> Option<&Arc<Paper>> {
        self.positions.get(id).and_then(|&i| self.papers.get(i))
    }
}

#[derive(Clone, Copy)]
pub struct ExplorerState {
    pub view: RwSignal<ViewState>,
    pub feed: StoredValue<Arc<LoadedFeed>>,
    /// The filter alone, so selecting a paper does not re-run the filter.
    pub filter: Memo<FilterSpec>,
    pub result: Memo<Arc<FilterResult>>,
    /// What the URL had that was ignored, shown until dismissed.
    pub url_notices: RwSignal<Vec<String>>,
    /// The keyboard cursor: a position in the current result (transient, not in the URL).
    pub cursor: RwSignal<Option<usize>>,
    pub shortcuts_open: RwSignal<bool>,
}

impl ExplorerState {
    /// Reads the view from the URL and follows back/forward from then on.
    pub fn new(feed: LoadedFeed) -> ExplorerState {
        let (initial, notices) = decode(&current_query());
        let view = RwSignal::new(initial);
        let url_notices = RwSignal::new(notices.iter().map(ToString::to_string).collect());
        let feed = StoredValue::new(Arc::new(feed));
        let filter = Memo::new(move |_| view.with(|v| v.filter.clone()));
        let result = Memo::new(move |_| {
            let spec = filter.get();
            // Favourites arrive with the favourites feature; until then the flag matches none.
            let favourites = HashSet::new();
            feed.with_value(|feed| {
                Arc::new(perf::measure("filter:apply", || {
                    apply(
                        &feed.papers,
                        &feed.index,
                        &spec,
                        &FilterContext {
                            favourites: &favourites,
                        },
                    )
                }))
            })
        });
        on_history_change(move |query| {
            let (state, notices) = decode(&query);
            view.set(state);
            url_notices.set(notices.iter().map(ToString::to_string).collect());
        });
        let cursor = RwSignal::new(None);
        // A new result invalidates positions.
        Effect::new(move |_| {
            result.track();
            cursor.set(None);
        });
        ExplorerState {
            view,
            feed,
            filter,
            result,
            url_notices,
            cursor,
            shortcuts_open: RwSignal::new(false),
        }
    }

    /// Changes the view and records it in the URL.
    pub fn navigate(self, mode: HistoryMode, change: impl FnOnce(&mut ViewState)) {
        self.view.update(change);
        let query = self.view.with_untracked(encode);
        write_query(&query, mode);
    }

    /// Changes only the filter; a discrete action.
    pub fn update_filter(self, change: impl FnOnce(&mut FilterSpec)) {
        self.navigate(HistoryMode::Push, |view| change(&mut view.filter));
    }

    /// The papers of the current result, in display order.
    pub fn visible_papers(self) -> Signal<Vec<Arc<Paper>>> {
        Signal::derive(move || {
            let result = self.result.get();
            self.feed.with_value(|feed| {
                result
                    .matches
                    .iter()
                    .filter_map(|&i| feed.papers.get(i).cloned())
                    .collect()
            })
        })
    }

    /// Opens a paper's details (a discrete action: back closes it).
    pub fn open_paper(self, id: String) {
        self.navigate(HistoryMode::Push, |view| view.paper = Some(id));
    }

    pub fn close_paper(self) {
        if self.view.with_untracked(|v| v.paper.is_some()) {
            self.navigate(HistoryMode::Push, |view| view.paper = None);
        }
    }

    /// The query string that opens `id` in the current view.
    pub fn link_to_paper(self, id: &str) -> String {
        let query = self.view.with(|view| {
            let mut view = view.clone();
            view.paper = Some(id.to_string());
            encode(&view)
        });
        format!("?{query}")
    }

    /// The id of the paper at `position` in the current result.
    pub fn id_at(self, position: usize) -> Option<String> {
        let index = self
            .result
            .with_untracked(|r| r.matches.get(position).copied())?;
        self.feed
            .with_value(|feed| feed.papers.get(index).map(|p| p.id.clone()))
    }

    pub fn total_papers(self) -> usize {
        self.feed.with_value(|feed| feed.papers.len())
    }
}

/// The explorer state provided by the app root.
pub fn use_explorer() -> ExplorerState {
    expect_context::<ExplorerState>()
}
