use leptos::prelude::*;

use crate::core::graph::{
    cluster_colour, leave_ego_label, scene, scene_to_svg, to_gexf_with, to_graphml_with,
    CoauthorGraph, ExportExtras, SceneFocus, Viewport,
};
use crate::core::search::name_key;
use crate::ui::controls::{CheckField, NumberField};
use crate::ui::explorer::use_explorer;
use crate::ui::graph::ClusterLegend;
use crate::ui::graph::GraphState;
use crate::web::files::{download, download_url};
use crate::web::url::HistoryMode;

/// How many authors each top list names.
const TOP: usize = 8;

/// The map's numbers, its controls, the selected author with their papers, and exports.
#[component]
pub fn GraphPanel(state: GraphState) -> impl IntoView {
    let explorer = use_explorer();
    let stats = move || state.graph.with(|g| g.stats_line());
    let hyper = move || {
        let max_authors = state.max_authors.get();
        state.graph.with(|g| g.hyper_note(max_authors))
    };
    let author_button = move |node: usize, label: String, detail: String| {
        view! {
            <li>
                <button type="button" class="facet" on:click=move |_| state.select(Some(node))>
                    <span class="facet__label">{label}</span>
                    <span class="facet__count">{detail}</span>
                </button>
            </li>
        }
    };
    let top_papers = move || {
        state.graph.with(|g| {
            g.top_by_papers(TOP)
                .into_iter()
                .map(|i| {
                    author_button(
                        i,
                        g.nodes[i].label.clone(),
                        g.nodes[i].papers.len().to_string(),
                    )
                })
                .collect_view()
        })
    };
    let top_degree = move || {
        state.graph.with(|g| {
            g.top_by_degree(TOP)
                .into_iter()
                .map(|i| author_button(i, g.nodes[i].label.clone(), g.nodes[i].degree.to_string()))
                .collect_view()
        })
    };
    let names = move || {
        state.graph.with(|g| {
            g.top_by_papers(2_000)
                .into_iter()
                .map(|i| view! { <option value=g.nodes[i].label.clone()></option> })
                .collect_view()
        })
    };
    let find = move |typed: String| {
        let key = name_key(&typed);
        if let Some(node) = state.graph.with_untracked(|g| g.find(&key)) {
            state.select(Some(node));
            // Centre the found author.
            if let (Some(view), Some(position)) = (
                state.viewport.get_value(),
                state.layout.with_value(|l| l.positions.get(node).copied()),
            ) {
                let (width, height) = state.size.get_value();
                state
                    .viewport
                    .set_value(Some(view.centre_on(position, width, height)));
                state.user_moved.set_value(true);
                state.request_redraw();
            }
        }
    };
    let selected = move || {
        let node = state.selected()?;
        let graph = state.graph.get();
        let author = graph.nodes.get(node)?.clone();
        let collection = explorer.collection.get();
        let coauthors = graph
            .neighbours(node)
            .into_iter()
            .map(|(other, weight)| {
                let label = graph.nodes[other].label.clone();
                author_button(other, label, weight.to_string())
            })
            .collect_view();
        let papers = author
            .papers
            .iter()
            .filter_map(|&i| collection.papers.get(i).cloned())
            .map(|paper| {
                let id = paper.id.clone();
                view! {
                    <li>
                        <button type="button" class="link-button" on:click=move |_| explorer.open_paper(id.clone())>
                            {paper.display_title().to_string()}
                        </button>
                    </li>
                }
            })
            .collect_view();
        let name = author.label.clone();
        let ego_name = author.label.clone();
        let in_ego = explorer.view().with(|v| v.graph.ego.is_some());
        Some(view! {
            <section class="graph-author" data-testid="graph-selected" aria-label="Selected author">
                <h3 class="graph-author__name">{author.label.clone()}</h3>
                <p class="source__count">
                    {author.counts_line()}
                </p>
                <div class="graph-author__actions">
                    <button
                        type="button"
                        class="button"
                        data-testid="graph-filter-author"
                        on:click=move |_| explorer.update_filter(|f| f.add_author(&name))
                    >
                        "Filter to this author"
                    </button>
                    {(!in_ego).then(|| view! {
                        <button type="button" class="button" on:click=move |_| {
                            let key = name_key(&ego_name);
                            state.ego(state.graph.with_untracked(|g| g.find(&key)));
                        }>
                            "Only them and co-authors"
                        </button>
                    })}
                </div>
                <h4 class="facet-group__title">"Papers"</h4>
                <ul class="graph-author__papers" data-testid="graph-author-papers">{papers}</ul>
                <h4 class="facet-group__title">"Co-authors (joint papers)"</h4>
                <ul class="facet-list">{coauthors}</ul>
            </section>
        })
    };
    let export_svg = move |_| {
        let graph = state.graph.get_untracked();
        let communities = state.communities.get_untracked();
        let legend: Vec<_> = state.legend.with_untracked(|entries| {
            entries
                .iter()
                .map(|e| (cluster_colour(e.name.id, false), e.picture_line()))
                .collect()
        });
        let (width, height) = state.size.get_value();
        let focus = SceneFocus {
            selected: state.selected(),
            clusters: &communities.of_node,
            cluster: state.focused_cluster(),
            ..SceneFocus::default()
        };
        let svg = state.layout.with_value(|layout| {
            let view = Viewport::fit(layout, width, height);
            let picture = scene(&graph, layout, &view, &focus, (width, height));
            scene_to_svg(&picture, width, height, &legend)
        });
        let _ = download("coauthors.svg", "image/svg+xml", &svg);
    };
    let export_text =
        move |name: &'static str,
              mime: &'static str,
              render: fn(&CoauthorGraph, &ExportExtras) -> String| {
            let communities = state.communities.get_untracked();
            let text = state.layout.with_value(|layout| {
                let extras = ExportExtras {
                    clusters: &communities.of_node,
                    positions: &layout.positions,
                };
                state.graph.with_untracked(|g| render(g, &extras))
            });
            let _ = download(name, mime, &text);
        };
    let export_png = move |_| {
        let legend: Vec<(u32, String)> = state.legend.with_untracked(|entries| {
            entries
                .iter()
                .map(|e| (e.name.id, e.picture_line()))
                .collect()
        });
        if let Some(url) = crate::web::canvas::png_data_url_of("author-graph", &legend) {
            let _ = download_url("coauthors.png", &url);
        }
    };
    view! {
        <aside class="graph-panel" aria-label="Co-author map">
            <p class="graph-panel__stats" data-testid="graph-stats">{stats}</p>
            {move || hyper().map(|text| view! { <p class="source-add__hint">{text}</p> })}
            <div class="graph-panel__controls">
                <label class="visually-hidden" for="graph-search">"Find an author"</label>
                <input
                    id="graph-search"
                    list="graph-names"
                    placeholder="Find an author…"
                    autocomplete="off"
                    on:change=move |ev| find(event_target_value(&ev))
                    // Enter commits the name in every engine (with a suggestion list open, some
                    // fire no change event for it).
                    on:keydown=move |ev| {
                        if ev.key() == "Enter" {
                            find(event_target_value(&ev));
                        }
                    }
                />
                <datalist id="graph-names">{names}</datalist>
                <NumberField
                    id="graph-min"
                    label="Min. papers"
                    min=1
                    max=1_000
                    value=Signal::derive(move || explorer.view().with(|v| v.graph.min_papers))
                    on_change=Callback::new(move |n| explorer.navigate(HistoryMode::Push, |v| v.graph.min_papers = n))
                />
                <NumberField
                    id="graph-min-joint"
                    label="Min. joint papers"
                    min=1
                    max=100
                    value=state.min_joint
                    on_change=Callback::new(move |n| state.min_joint.set(n))
                />
                <NumberField
                    id="graph-max-authors"
                    label="No links above … authors"
                    min=2
                    max=5_000
                    value=state.max_authors
                    on_change=Callback::new(move |n| state.max_authors.set(n))
                />
                <CheckField
                    label="Largest component only"
                    checked=Signal::derive(move || explorer.view().with(|v| v.graph.main_only))
                    on_change=Callback::new(move |on| explorer.navigate(HistoryMode::Push, |v| v.graph.main_only = on))
                />
                <button type="button" class="button" on:click=move |_| {
                    state.paused.update(|p| *p = !*p);
                    state.request_redraw();
                }>
                    {move || if state.paused.get() { "Resume layout" } else { "Pause layout" }}
                </button>
                <button type="button" class="button" on:click=move |_| {
                    state.user_moved.set_value(false);
                    state.request_redraw();
                }>
                    "Fit"
                </button>
                {move || explorer.view().with(|v| v.graph.ego.clone()).map(|ego| view! {
                    <button type="button" class="button" on:click=move |_| state.ego(None)>
                        {leave_ego_label(&ego)}
                    </button>
                    <button
                        type="button"
                        class="button"
                        aria-pressed=move || (state.ego_steps.get() == 2).to_string()
                        on:click=move |_| state.ego_steps.update(|s| *s = if *s == 1 { 2 } else { 1 })
                    >
                        {move || if state.ego_steps.get() == 1 { "Two steps out" } else { "One step out" }}
                    </button>
                })}
            </div>
            {selected}
            <ClusterLegend state=state />
            <section class="facet-group">
                <h3 class="facet-group__title">"Most papers"</h3>
                <ul class="facet-list">{top_papers}</ul>
            </section>
            <section class="facet-group">
                <h3 class="facet-group__title">"Most co-authors"</h3>
                <ul class="facet-list">{top_degree}</ul>
            </section>
            <div class="graph-panel__exports">
                <span class="favourites-bar__label">"Export"</span>
                <button type="button" class="button" data-testid="graph-export-png" on:click=export_png>"PNG"</button>
                <button type="button" class="button" data-testid="graph-export-svg" on:click=export_svg>"SVG"</button>
                <button type="button" class="button" data-testid="graph-export-graphml" on:click=move |_| export_text("coauthors.graphml", "application/graphml+xml", to_graphml_with)>"GraphML"</button>
                <button type="button" class="button" data-testid="graph-export-gexf" on:click=move |_| export_text("coauthors.gexf", "application/gexf+xml", to_gexf_with)>"GEXF"</button>
            </div>
        </aside>
    }
}
