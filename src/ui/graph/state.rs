//! The map's state: the graph of the current result (a memo), its layout and viewport (plain
//! values the animation loop mutates), and the hovered node.

use std::sync::Arc;
use std::time::Duration;

use leptos::prelude::*;

use crate::core::collection::Collection;
use crate::core::filter::FilterResult;
use crate::core::graph::{
    detect_communities, legend, map_graph, CoauthorGraph, Communities, GraphOptions, Layout,
    LegendEntry, MapSpec, Viewport, DEFAULT_MAX_AUTHORS, LEGEND_CLUSTERS,
};
use crate::core::search::name_key;
use crate::ui::explorer::ExplorerState;
use crate::web::perf::{self, now_ms};
use crate::web::url::HistoryMode;

#[derive(Clone, Copy)]
pub struct GraphState {
    pub graph: Memo<Arc<CoauthorGraph>>,
    pub communities: Memo<Arc<Communities>>,
    /// The largest clusters, named.
    pub legend: Memo<Arc<Vec<LegendEntry>>>,
    /// Labels drawn and pairs of them overlapping, as last drawn (on the canvas's data).
    pub labels_drawn: RwSignal<(usize, usize)>,
    /// The layout is running (it stops once settled or paused).
    pub moving: RwSignal<bool>,
    pub layout: StoredValue<Layout>,
    pub viewport: StoredValue<Option<Viewport>>,
    /// Once the user zooms or pans, the view stops following the layout.
    pub user_moved: StoredValue<bool>,
    pub hovered: RwSignal<Option<usize>>,
    pub paused: RwSignal<bool>,
    /// Papers with more authors add no links (adjustable; not part of the link).
    pub max_authors: RwSignal<u32>,
    /// Links need at least this many joint papers.
    pub min_joint: RwSignal<u32>,
    /// How far the ego view reaches: co-authors (1) or their co-authors too (2).
    pub ego_steps: RwSignal<u32>,
    /// Bumped whenever the picture must be drawn again.
    pub redraw: RwSignal<u64>,
    /// The name keys of the selected author (`gauthor`) and of the cluster the list is
    /// narrowed to (`gcluster`): memos, so typing (which changes the rest of the view) never
    /// redraws the map.
    selected_key: Memo<Option<String>>,
    cluster_key: Memo<Option<String>>,
    /// The canvas's size in CSS pixels, as last drawn.
    pub size: StoredValue<(f64, f64)>,
    explorer: ExplorerState,
}

/// A map that took longer than this to build (graph and clusters) is not rebuilt on every
/// keystroke: well under a frame, so a small map still follows at once.
const CHEAP_MAP_MS: f64 = 8.0;

/// How long the result must stay the same before an expensive map follows it: a pause in
/// typing, not the gap between two keys.
const MAP_FOLLOWS_AFTER: Duration = Duration::from_millis(250);

impl GraphState {
    pub fn new(explorer: ExplorerState) -> GraphState {
        let max_authors = RwSignal::new(DEFAULT_MAX_AUTHORS as u32);
        let min_joint = RwSignal::new(1);
        let ego_steps = RwSignal::new(1);
        let build_ms = StoredValue::new(0.0_f64);
        let mapped = result_to_map(explorer, build_ms);
        // A memo, so only a change of the map's own settings rebuilds it, not typing.
        let view_spec = Memo::new(move |_| explorer.view().with(|v| MapSpec::of_view(&v.graph)));
        let graph = Memo::new(move |_| {
            let started = now_ms();
            let (collection, result) = mapped.get();
            let mut spec = view_spec.get();
            spec.options = GraphOptions {
                max_authors_per_paper: max_authors.get() as usize,
                min_joint: min_joint.get(),
                ..spec.options
            };
            spec.ego_steps = ego_steps.get();
            let graph = Arc::new(map_graph(&collection.papers, &result.matches, &spec));
            build_ms.set_value(now_ms() - started);
            graph
        });
        let communities = Memo::new(move |_| {
            let graph = graph.get();
            let started = now_ms();
            let communities = Arc::new(perf::measure("graph:communities", || {
                detect_communities(&graph)
            }));
            build_ms.update_value(|ms| *ms += now_ms() - started);
            communities
        });
        let legend = Memo::new(move |_| {
            let (graph, communities) = (graph.get(), communities.get());
            let (collection, _) = mapped.get();
            Arc::new(legend(
                &collection.papers,
                &graph,
                &communities,
                LEGEND_CLUSTERS,
            ))
        });
        let layout = StoredValue::new(Layout::new(&CoauthorGraph::default(), None));
        let state = GraphState {
            graph,
            communities,
            legend,
            labels_drawn: RwSignal::new((0, 0)),
            moving: RwSignal::new(false),
            layout,
            viewport: StoredValue::new(None),
            user_moved: StoredValue::new(false),
            hovered: RwSignal::new(None),
            paused: RwSignal::new(false),
            max_authors,
            min_joint,
            ego_steps,
            redraw: RwSignal::new(0),
            selected_key: Memo::new(move |_| {
                explorer
                    .view()
                    .with(|v| v.graph.author.as_deref().map(name_key))
            }),
            cluster_key: Memo::new(move |_| {
                explorer
                    .view()
                    .with(|v| v.graph.cluster.as_deref().map(name_key))
            }),
            size: StoredValue::new((640.0, 480.0)),
            explorer,
        };
        // A new graph keeps the positions of the authors it shares with the old one.
        // Clusters start apart and are pulled together.
        Effect::new(move |_| {
            let (graph, communities) = (graph.get(), communities.get());
            state.layout.update_value(|layout| {
                let previous = layout.by_key_if_any();
                *layout =
                    Layout::with_groups(&graph, previous.as_ref(), Some(&communities.of_node));
            });
            state.hovered.set(None);
            state.request_redraw();
        });
        state
    }

    pub fn request_redraw(self) {
        self.redraw.update(|n| *n = n.wrapping_add(1));
    }

    /// Advances the layout for at most `budget_ms`; returns whether it still moves.
    pub fn advance(self, budget_ms: f64, now: impl Fn() -> f64) -> bool {
        if self.paused.get_untracked() {
            return false;
        }
        let graph = self.graph.get_untracked();
        let start = now();
        let mut moving = false;
        perf::measure("graph:layout", || {
            self.layout.update_value(|layout| loop {
                moving = layout.tick(&graph);
                if !moving || now() - start > budget_ms {
                    break;
                }
            });
        });
        moving
    }

    /// The selected author's node, from `gauthor` in the URL.
    pub fn selected(self) -> Option<usize> {
        self.selected_key.with(|key| {
            key.as_deref()
                .and_then(|key| self.graph.with(|g| g.find(key)))
        })
    }

    /// The cluster the list is narrowed to, as a community of this map.
    pub fn focused_cluster(self) -> Option<u32> {
        let node = self.cluster_key.with(|key| {
            key.as_deref()
                .and_then(|key| self.graph.with(|g| g.find(key)))
        })?;
        self.communities.with(|c| c.of_node.get(node).copied())
    }

    /// Selects an author by node (a discrete action: back undoes it), or clears the selection.
    pub fn select(self, node: Option<usize>) {
        let label = node.and_then(|n| {
            self.graph
                .with_untracked(|g| g.nodes.get(n).map(|n| n.label.clone()))
        });
        self.explorer
            .navigate(HistoryMode::Push, |view| view.graph.author = label);
    }

    /// Shows the ego network of `node`, or the whole map again.
    pub fn ego(self, node: Option<usize>) {
        let label = node.and_then(|n| {
            self.graph
                .with_untracked(|g| g.nodes.get(n).map(|n| n.label.clone()))
        });
        self.explorer.navigate(HistoryMode::Push, |view| {
            view.graph.ego = label.clone();
            if label.is_some() {
                view.graph.author = label;
            }
        });
    }
}

/// The papers and the result the map is drawn from, travelling together (a map never pairs
/// one feed with another's result). A map that is cheap to build follows every change at
/// once, and so does any change of the papers themselves; a map that took longer than
/// [`CHEAP_MAP_MS`] (thousands of authors) follows a new result once it has stayed the same
/// for [`MAP_FOLLOWS_AFTER`]. So typing with a large map open costs each keystroke nothing of
/// the map, and the map catches up when typing pauses.
fn result_to_map(
    explorer: ExplorerState,
    build_ms: StoredValue<f64>,
) -> Signal<(Arc<Collection>, Arc<FilterResult>)> {
    let current = move || (explorer.collection.get(), explorer.unscoped.get());
    let mapped = RwSignal::new(untrack(current));
    let latest_change = StoredValue::new(0_u64);
    Effect::new(move |_| {
        let (collection, result) = current();
        let same = mapped.with_untracked(|(shown_collection, shown_result)| {
            Arc::ptr_eq(shown_collection, &collection) && Arc::ptr_eq(shown_result, &result)
        });
        if same {
            return;
        }
        let change = latest_change.get_value().wrapping_add(1);
        latest_change.set_value(change);
        let new_papers = mapped.with_untracked(|(shown, _)| !Arc::ptr_eq(shown, &collection));
        if new_papers || build_ms.get_value() < CHEAP_MAP_MS {
            mapped.set((collection, result));
            return;
        }
        set_timeout(
            move || {
                // A later change started its own wait: only the last one is mapped.
                if latest_change.get_value() == change {
                    mapped.set(untrack(current));
                }
            },
            MAP_FOLLOWS_AFTER,
        );
    });
    mapped.into()
}
