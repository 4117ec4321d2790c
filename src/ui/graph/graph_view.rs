use leptos::prelude::*;

use crate::ui::explorer::use_explorer;
use crate::ui::graph::{AuthorTable, GraphCanvas, GraphPanel, GraphState};
use crate::web::parts::on_demand;

on_demand! {
    map:
    /// The map, a part of its own: its layout, clusters and drawing are fetched when it is
    /// first shown.
    pub fn graph_view_part() -> AnyView {
        view! { <GraphView /> }.into_any()
    }
}

/// The co-author map of the current result: canvas beside its panel, table below.
#[component]
pub fn GraphView() -> impl IntoView {
    let state = GraphState::new(use_explorer());
    let hovered = move || {
        let node = state.hovered.get()?;
        state
            .graph
            .with(|g| g.nodes.get(node).map(|n| n.hover_line()))
    };
    view! {
        <section class="graph" aria-label="Co-author map">
            <div class="graph__main">
                <GraphCanvas state=state />
                <p class="graph__hover" role="status">{hovered}</p>
                <AuthorTable state=state />
            </div>
            <GraphPanel state=state />
        </section>
    }
}
