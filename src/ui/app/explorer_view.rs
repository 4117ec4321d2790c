use leptos::prelude::*;

use crate::core::view_state::View;
use crate::ui::explorer::{
    use_explorer, ActiveFilters, AuthorBox, DetailPanel, FacetPanel, FilterControls, ResultSummary,
    SearchBox, Shortcuts, TimelineChart, UrlNotices,
};
use crate::ui::favourites::FavouritesBar;
use crate::ui::feed::{PaperActions, PaperList};
use crate::ui::graph::graph_view_part;
use crate::ui::parts::OnDemandView;

/// Search and filters on top; the list (or the map) beside the timeline and facets; details
/// over the page. The results come before the facets in the document, so Tab reaches the
/// papers first; the stylesheet puts the facets on the left on wide screens, and behind the
/// Filters button on a phone.
#[component]
pub fn ExplorerView() -> impl IntoView {
    let explorer = use_explorer();
    let papers = explorer.result_rows();
    // A memo, so typing (which changes the view) does not rebuild the list or the map.
    let showing_graph = Memo::new(move |_| explorer.view().with(|v| v.view == View::Graph));
    let cursor_paper = Signal::derive(move || {
        explorer
            .cursor
            .get()
            .and_then(|position| explorer.id_at(position))
    });
    let cursor_id = Signal::derive(move || {
        cursor_paper
            .get()
            .or_else(|| explorer.view().with(|v| v.paper.clone()))
    });
    let actions = PaperActions {
        filter_author: Callback::new(move |name: String| {
            explorer.update_filter(|f| f.add_author(&name));
        }),
        filter_tag: Callback::new(move |tag: String| {
            explorer.update_filter(|f| f.add_tag(&tag));
        }),
        open: Callback::new(move |id: String| explorer.open_paper(id)),
        link_to: Callback::new(move |id: String| explorer.link_to_paper(&id)),
        highlighted: cursor_id,
        focused: cursor_paper,
        focused_row: Callback::new(move |position| {
            if explorer.cursor.get_untracked() != Some(position) {
                explorer.cursor.set(Some(position));
            }
        }),
        favourites: explorer.favourites,
        is_read: Callback::new(move |id: String| explorer.reading.is_read(&id)),
        is_new: Callback::new(move |id: String| explorer.reading.shows_new_badge(&id)),
        toggle_read: Callback::new(move |id: String| explorer.reading.toggle_read(&id)),
        why: Callback::new(move |id: String| explorer.why(&id)),
    };
    let reveal = Signal::derive(move || explorer.reveal.get());
    let abstracts = explorer.prefs.abstracts();
    let density = explorer.prefs.density();
    let filters_open = explorer.filters_open;
    let narrowing = move || explorer.filter.with(|f| f.is_narrowing());
    view! {
        <div
            class="explorer"
            data-density=move || density.get().as_str()
            data-filters=move || if filters_open.get() { "open" } else { "closed" }
        >
            <UrlNotices />
            <section class="toolbar" aria-label="Search and filters">
                <SearchBox />
                <AuthorBox />
                <button
                    type="button"
                    class="button toolbar__filters"
                    data-testid="filters-toggle"
                    aria-expanded=move || filters_open.get().to_string()
                    aria-controls="filter-panel"
                    on:click=move |_| filters_open.update(|open| *open = !*open)
                >
                    "Filters"
                    {move || narrowing().then(|| view! { <span class="toolbar__dot" aria-label="(some in force)">" •"</span> })}
                </button>
            </section>
            <div id="filter-panel" class="toolbar__more" data-testid="filter-panel">
                <FilterControls />
            </div>
            <ActiveFilters />
            <div class="explorer__body">
                <section id="papers" class="explorer__results" aria-label="Results" tabindex="-1">
                    <Show when=move || explorer.view().with(|v| v.view == View::Favourites)>
                        <FavouritesBar feed=explorer.feed />
                    </Show>
                    <ResultSummary />
                    {move || if showing_graph.get() {
                        view! {
                            <OnDemandView
                                what="The co-author map"
                                loading="Loading the co-author map…"
                                load=graph_view_part
                            />
                        }
                        .into_any()
                    } else {
                        view! {
                            <PaperList papers=papers actions=Some(actions) reveal=Some(reveal) abstracts=abstracts />
                        }
                        .into_any()
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
                <aside class="explorer__facets" aria-label="Refine">
                    <TimelineChart />
                    <FacetPanel />
                </aside>
            </div>
            <DetailPanel />
            <Shortcuts />
        </div>
    }
}
