use leptos::prelude::*;

use crate::core::graph::palette::CLUSTER_COLOURS;
use crate::ui::explorer::use_explorer;
use crate::ui::graph::GraphState;

/// The map's largest clusters: each one's colour, name and size; a click narrows the list to
/// that cluster's papers (`gcluster=`), a second click widens it again.
#[component]
pub fn ClusterLegend(state: GraphState) -> impl IntoView {
    let explorer = use_explorer();
    let active = move || explorer.view().with(|v| v.graph.cluster.clone());
    let entries = move || {
        let focused = state.focused_cluster();
        state
            .legend
            .get()
            .iter()
            .map(|entry| {
                let id = entry.name.id;
                let anchor = entry.anchor.clone();
                let pressed = focused == Some(id) && active().is_some();
                // Clusters past the palette share its grey, the last swatch class.
                let swatch = format!(
                    "cluster-swatch cluster-swatch--{}",
                    id.min(CLUSTER_COLOURS as u32)
                );
                view! {
                    <li>
                        <button
                            type="button"
                            class="facet cluster-legend__entry"
                            data-testid="cluster-legend-entry"
                            data-cluster=id
                            aria-pressed=pressed.to_string()
                            title=format!("Papers of the cluster around {anchor}")
                            on:click=move |_| {
                                explorer.filter_to_cluster((!pressed).then(|| anchor.clone()))
                            }
                        >
                            <span class="facet__label">
                                <span class=swatch aria-hidden="true"></span>
                                {entry.name.label.clone()}
                            </span>
                            <span class="facet__count">{entry.size_line()}</span>
                        </button>
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <section class="facet-group" data-testid="cluster-legend">
            <h3 class="facet-group__title">"Clusters"</h3>
            {move || {
                state
                    .legend
                    .with(|l| l.is_empty())
                    .then(|| view! { <p class="source-add__hint">"No cluster has two authors yet."</p> })
            }}
            <ul class="facet-list">{entries}</ul>
        </section>
    }
}
