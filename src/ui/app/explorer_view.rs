use leptos::prelude::*;

use crate::core::view_state::View;
use crate::ui::explorer::{
    use_explorer, ActiveFilters, AuthorBox, DetailPanel, FacetPanel, FilterControls, ResultSummary,
    SearchBox, Shortcuts, TimelineChart, UrlNotices, ViewTabs,
};
use crate::ui::favourites::FavouritesBar;
use crate::ui::feed::{PaperActions, PaperList};
use crate::ui::graph::GraphView;

/// Search and filters on top, facets beside the result list, details in a side panel.
#[component]
pub fn ExplorerView() -> impl IntoView {
    let explorer = use_explorer();
    let papers = explorer.result_rows();
    // A memo, so typing (which changes the view) does not rebuild the list or the map.
    let showing_graph = Memo::new(move |_| explorer.view().with(|v| v.view == View::Graph));
    let cursor_id = Signal::derive(move || {
        explorer
            .cursor
            .get()
            .and_then(|position| explorer.id_at(position))
            .or_else(|| explorer.view().with(|v| v.paper.clone()))
    });
    let actions = PaperActions {
        filter_author: Callback::new(move |name: String| {
            explorer.update_filter(|f| f.add_author(&name));
        }),
        open: Callback::new(move |id: String| explorer.open_paper(id)),
        link_to: Callback::new(move |id: String| explorer.link_to_paper(&id)),
        highlighted: cursor_id,
        favourites: explorer.favourites,
    };
    let reveal = Signal::derive(move || explorer.cursor.get());
    view! {
        <div class="explorer">
            <UrlNotices />
            <ViewTabs />
            <section class="toolbar" aria-label="Search and filters">
                <div class="toolbar__row">
                    <SearchBox />
                    <AuthorBox />
                </div>
                <details class="toolbar__more">
                    <summary>"Dates, flags, sort and matching"</summary>
                    <FilterControls />
                </details>
            </section>
            <ActiveFilters />
            <div class="explorer__body">
                <aside class="explorer__facets">
                    <FacetPanel />
                </aside>
                <section class="explorer__results" aria-label="Results">
                    <Show when=move || explorer.view().with(|v| v.view == View::Favourites)>
                        <FavouritesBar feed=explorer.feed />
                    </Show>
                    <ResultSummary />
                    <TimelineChart />
                    {move || if showing_graph.get() {
                        view! { <GraphView /> }.into_any()
                    } else {
                        view! { <PaperList papers=papers actions=Some(actions) reveal=Some(reveal) /> }.into_any()
                    }}
                    <Show when=move || explorer.result.with(|r| r.matches.is_empty())>
                        <p class="empty-result" role="status">
                            {move || {
                                let favourites = explorer.view().with(|v| v.view == View::Favourites);
                                let empty = explorer.collection.with(|c| c.is_empty());
                                match (favourites, empty) {
                                    (true, true) => "No favourites yet: star papers with ☆ (or press f) and they are kept here, in this browser. ",
                                    (false, true) => "No papers loaded: add a source above. ",
                                    _ => "No paper matches these filters. Remove one above, or ",
                                }
                            }}
                            <Show when=move || explorer.collection.with(|c| !c.is_empty())>
                                <button
                                    type="button"
                                    class="link-button"
                                    on:click=move |_| explorer.update_filter(|f| f.clear())
                                >
                                    "clear them all"
                                </button>
                                "."
                            </Show>
                        </p>
                    </Show>
                </section>
            </div>
            <DetailPanel />
            <Shortcuts />
        </div>
    }
}
