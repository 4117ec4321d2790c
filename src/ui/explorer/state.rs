//! The explorer's shared state, provided once at the root as context. The URL is the source of
//! truth for the view: every change goes through [`ExplorerState::navigate`], which updates the
//! signal and writes the address bar.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use leptos::prelude::*;

use crate::core::collection::Collection;
use crate::core::feed::{FeedMeta, Paper};
use crate::core::filter::{apply, FilterContext, FilterResult, FilterSpec, Flag};
use crate::core::graph::{cluster_scope, ClusterScope, MapSpec};
use crate::core::reading::ReadingLog;
use crate::core::recommend::protocol::WHY_TERMS;
use crate::core::recommend::RankRequest;
use crate::core::sources::replace_link_pairs;
use crate::core::view_state::{decode, encode, View, ViewState};
use crate::ui::digest::{ReadingState, RecommendState};
use crate::ui::explorer::{deferred, ReadingPrefs};
use crate::ui::favourites::FavouritesState;
use crate::ui::feed::PaperRows;
use crate::web::frame::next_frame;
use crate::web::perf;
use crate::web::url::{current_query, on_history_change, write_query, HistoryMode};
use crate::web::viewport::focus_paper_row;

/// Feeds from this many papers on are worth warming the search up for.
const WARM_UP_FROM: usize = 2_000;

/// `gcluster=`: the author it names, and their cluster's papers (none when the map of the
/// current result has no such author).
#[derive(Clone, Debug, PartialEq)]
pub struct ClusterFilter {
    pub anchor: String,
    pub scope: Option<Arc<ClusterScope>>,
}

#[derive(Clone, Copy)]
pub struct ExplorerState {
    /// Private so that every change goes through [`ExplorerState::navigate`].
    view: RwSignal<ViewState>,
    /// The loaded sources, merged.
    pub feed: Memo<Arc<Collection>>,
    /// What the list shows: the feed, or the favourites in the favourites view.
    pub collection: Memo<Arc<Collection>>,
    /// The filter alone, so selecting a paper does not re-run the filter.
    pub filter: Memo<FilterSpec>,
    /// The ranking the filter asks for (`sort=recommended`, `like=`, `similar=`), if any.
    pub rank_request: Memo<Option<RankRequest>>,
    /// What the list shows: the filter's result, narrowed to a cluster of the map when the
    /// link names one (`gcluster=`).
    pub result: Memo<Arc<FilterResult>>,
    /// The filter's result before that: what the map draws.
    pub unscoped: Memo<Arc<FilterResult>>,
    /// The cluster the list is narrowed to, if the link names one.
    pub cluster: Memo<Option<ClusterFilter>>,
    /// What the URL had that was ignored, shown until dismissed.
    pub url_notices: RwSignal<Vec<String>>,
    /// The keyboard cursor: a position in the current result (transient, not in the URL).
    pub cursor: RwSignal<Option<usize>>,
    /// The row the keyboard moved to, to scroll into view. A row focused by the pointer
    /// moves the cursor but never scrolls: the click it belongs to must land where it began.
    pub reveal: RwSignal<Option<usize>>,
    pub shortcuts_open: RwSignal<bool>,
    /// The filter controls (and, on a phone, the facets) are shown.
    pub filters_open: RwSignal<bool>,
    pub prefs: ReadingPrefs,
    pub favourites: FavouritesState,
    /// Papers seen and read in this browser.
    pub reading: ReadingState,
    /// The feed's recommendation index and the ranking the view asks for.
    pub recommend: RecommendState,
    /// Whether something loaded cannot travel in a link (files, pasted text, a second query).
    pub link_is_partial: Signal<bool>,
}

impl ExplorerState {
    /// Reads the view from the URL and follows back/forward from then on.
    pub fn new(
        feed: Memo<Arc<Collection>>,
        favourites: FavouritesState,
        link_is_partial: Signal<bool>,
    ) -> ExplorerState {
        let (initial, notices) = decode(&current_query());
        let view = RwSignal::new(initial);
        let url_notices = RwSignal::new(notices.iter().map(ToString::to_string).collect());
        let showing_favourites = Memo::new(move |_| view.with(|v| v.view == View::Favourites));
        let collection = Memo::new_with_compare(
            move |_| {
                if showing_favourites.get() {
                    let papers = favourites.library.with(|library| library.papers());
                    let meta = FeedMeta {
                        title: Some("Favourites".to_string()),
                        ..FeedMeta::default()
                    };
                    Arc::new(Collection::new(meta, papers))
                } else {
                    feed.get()
                }
            },
            Collection::changed,
        );
        let filter = Memo::new(move |_| view.with(|v| v.filter.clone()));
        let reading = ReadingState::load();
        let request = Memo::new(move |_| filter.with(RankRequest::of_spec));
        let recommend = RecommendState::new(feed, favourites, request);
        // Every paper loaded counts as seen in this visit (it stays new until the next one).
        Effect::new(move |_| {
            feed.with(|collection| reading.saw(collection.papers.iter().map(|p| p.id.as_str())));
        });
        let run_filter = move |within: Option<&[bool]>| {
            let spec = filter.get();
            let collection = collection.get();
            // A ranking scores the feed's papers by position: it applies to the feed only.
            let ranking = request
                .get()
                .filter(|_| !showing_favourites.get())
                .and_then(|wanted| recommend.list.with(|status| status.ranking_for(&wanted)))
                .filter(|ranking| ranking.scores.len() == collection.len());
            let needs_reading = spec
                .flags
                .iter()
                .any(|f| matches!(f, Flag::New | Flag::Unread));
            // Only what needs the library subscribes to it: the favourites view (tag facet)
            // and the filters on stars and tags.
            let needs_library = showing_favourites.get()
                || spec.flags.contains(&Flag::Favourite)
                || !spec.tags.is_empty();
            let (ids, tags) = if needs_library {
                favourites.ids_and_tags()
            } else {
                (HashSet::new(), HashMap::new())
            };
            let filtered = |log: Option<&ReadingLog>| {
                perf::measure("filter:apply", || {
                    apply(
                        &collection.papers,
                        &collection.index,
                        &spec,
                        &FilterContext {
                            favourites: &ids,
                            tags: &tags,
                            within,
                            reading: log,
                            ranking: ranking.as_ref().map(|r| r.scores.as_slice()),
                        },
                    )
                })
            };
            Arc::new(if needs_reading {
                reading.with(|log| filtered(Some(log)))
            } else {
                filtered(None)
            })
        };
        let unscoped = Memo::new(move |_| run_filter(None));
        let map = Memo::new(move |_| {
            view.with(|v| (v.graph.cluster.clone(), MapSpec::of_view(&v.graph)))
        });
        let cluster = Memo::new(move |_| {
            let (anchor, spec) = map.get();
            let anchor = anchor?;
            let matches = unscoped.with(|r| r.matches.clone());
            let scope = collection.with(|c| {
                perf::measure("graph:cluster", || {
                    cluster_scope(&c.papers, &matches, &spec, &anchor)
                })
            });
            Some(ClusterFilter {
                anchor,
                scope: scope.map(Arc::new),
            })
        });
        let result = Memo::new(move |_| match cluster.get().and_then(|c| c.scope) {
            Some(scope) => run_filter(Some(&scope.papers)),
            None => unscoped.get(),
        });
        on_history_change(move |query| {
            let (state, notices) = decode(&query);
            view.set(state);
            url_notices.set(notices.iter().map(ToString::to_string).collect());
        });
        // Once a large feed is loaded, the search runs once in the background for a typical
        // first keystroke: the browser compiles code it has just run to fast machine code,
        // so the person's own first keystroke does not wait for that.
        Effect::new(move |_| {
            let collection = collection.get();
            if collection.len() < WARM_UP_FROM {
                return;
            }
            set_timeout(
                move || {
                    let (ids, tags) = (HashSet::new(), HashMap::new());
                    let context = FilterContext::new(&ids, &tags);
                    for text in ["e", "th"] {
                        let spec = FilterSpec {
                            text: text.to_string(),
                            ..FilterSpec::default()
                        };
                        let _ = apply(&collection.papers, &collection.index, &spec, &context);
                    }
                },
                std::time::Duration::ZERO,
            );
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
            collection,
            filter,
            rank_request: request,
            result,
            unscoped,
            cluster,
            url_notices,
            cursor,
            reveal: RwSignal::new(None),
            shortcuts_open: RwSignal::new(false),
            filters_open: RwSignal::new(false),
            prefs: ReadingPrefs::load(),
            favourites,
            reading,
            recommend,
            link_is_partial,
        }
    }

    /// The shareable view, read-only: changes go through [`ExplorerState::navigate`].
    pub fn view(self) -> ReadSignal<ViewState> {
        self.view.read_only()
    }

    /// The view's source parameters (`feed=`, `aq=`…), as the link holds them.
    pub fn link_sources(self) -> Vec<(String, String)> {
        self.view.with_untracked(|view| view.passthrough.clone())
    }

    /// Writes the loaded sources' parameters into the link (a discrete action).
    pub fn set_link_sources(self, pairs: Vec<(String, String)>) {
        self.navigate(HistoryMode::Push, |view| {
            replace_link_pairs(&mut view.passthrough, pairs)
        });
    }

    /// Changes the view and records it in the URL.
    /// Does nothing when the change changes nothing, so repeated clicks add no history
    /// entries and re-render nothing.
    pub fn navigate(self, mode: HistoryMode, change: impl FnOnce(&mut ViewState)) {
        let mut next = self.view.get_untracked();
        change(&mut next);
        if self.view.with_untracked(|current| *current == next) {
            return;
        }
        let query = encode(&next);
        self.view.set(next);
        write_query(&query, mode);
    }

    /// Changes only the filter; a discrete action.
    pub fn update_filter(self, change: impl FnOnce(&mut FilterSpec)) {
        self.navigate(HistoryMode::Push, |view| change(&mut view.filter));
    }

    /// Narrows the list to the cluster of `anchor` on the map, or widens it again.
    pub fn filter_to_cluster(self, anchor: Option<String>) {
        self.navigate(HistoryMode::Push, |view| view.graph.cluster = anchor);
    }

    /// Switches between the feed and the favourites.
    pub fn show(self, target: View) {
        self.navigate(HistoryMode::Push, |view| view.view = target);
    }

    /// The current result as the list's rows, one frame behind the result (see
    /// [`deferred`]): the feed and its result travel together, so the list never pairs one
    /// feed with another's result. A memo, as the list reads it once per row; every new
    /// result counts as a change.
    pub fn result_rows(self) -> Signal<PaperRows> {
        let shown = deferred(Signal::derive(move || {
            Some((self.collection.get(), self.result.get()))
        }));
        Memo::new_with_compare(
            move |_| {
                shown.with(|shown| match shown {
                    Some((collection, result)) => {
                        let (collection, result) = (collection.clone(), result.clone());
                        PaperRows::new(result.matches.len(), move |position| {
                            let index = *result.matches.get(position)?;
                            collection.papers.get(index).cloned()
                        })
                    }
                    None => PaperRows::default(),
                })
            },
            |_, _| true,
        )
        .into()
    }

    /// A paper by id: from what is shown, else from the feed, else from the favourites.
    pub fn find_paper(self, id: &str) -> Option<Arc<Paper>> {
        self.collection
            .with(|collection| collection.paper(id).cloned())
            .or_else(|| self.feed.with(|feed| feed.paper(id).cloned()))
            .or_else(|| {
                self.favourites.library.with(|library| {
                    library
                        .favourites
                        .get(id)
                        .map(|f| Arc::new(f.paper.to_paper()))
                })
            })
    }

    /// Opens a paper's details (a discrete action: back closes it).
    pub fn open_paper(self, id: String) {
        self.navigate(HistoryMode::Push, |view| view.paper = Some(id));
    }

    /// Closes the details; the focus goes back to the paper's row, where it came from.
    pub fn close_paper(self) {
        let Some(id) = self.view.with_untracked(|v| v.paper.clone()) else {
            return;
        };
        self.navigate(HistoryMode::Push, |view| view.paper = None);
        // After the panel is gone and the row is drawn.
        next_frame(move || {
            focus_paper_row(&id);
        });
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
        self.collection
            .with_untracked(|c| c.papers.get(index).map(|p| p.id.clone()))
    }

    /// Why a paper ranks where it does in the current list, when the list is ranked.
    pub fn why(self, id: &str) -> Option<String> {
        let request = self.rank_request.get()?;
        let ranking = self
            .recommend
            .list
            .with(|status| status.ranking_for(&request))?;
        let position = self.feed.with(|feed| feed.position(id))?;
        Some(ranking.why(position, WHY_TERMS)?.sentence(&request))
    }

    /// Papers of the loaded feeds that are new since the last visit.
    pub fn new_count(self) -> Memo<usize> {
        Memo::new(move |_| {
            self.feed.with(|feed| {
                self.reading
                    .with(|log| feed.papers.iter().filter(|p| log.is_new(&p.id)).count())
            })
        })
    }

    /// How many papers the shown collection has in all.
    pub fn total_papers(self) -> Signal<usize> {
        Signal::derive(move || self.collection.with(|c| c.len()))
    }
}

/// The explorer state provided by the app root.
pub fn use_explorer() -> ExplorerState {
    expect_context::<ExplorerState>()
}
