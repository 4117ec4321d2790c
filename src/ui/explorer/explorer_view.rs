use leptos::prelude::*;

use crate::ui::explorer::{
    use_explorer, ActiveFilters, AuthorBox, FacetPanel, FilterControls, ResultSummary, SearchBox,
    UrlNotices,
};
use crate::ui::feed::PaperList;

/// Search and filters on top, facets beside the result list.
#[component]
pub fn ExplorerView() -> impl IntoView {
    let explorer = use_explorer();
    let papers = explorer.visible_papers();
    let on_author = Callback::new(move |name: String| {
        explorer.update_filter(|f| f.add_author(&name));
    });
    view! {
        <div class="explorer">
            <UrlNotices />
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
                    <ResultSummary />
                    <PaperList papers=papers on_author=Some(on_author) />
                    <Show when=move || explorer.result.with(|r| r.matches.is_empty())>
                        <p class="empty-result" role="status">
                            "No paper matches these filters. Remove one above, or "
                            <button
                                type="button"
                                class="link-button"
                                on:click=move |_| explorer.update_filter(|f| f.clear())
                            >
                                "clear them all"
                            </button>
                            "."
                        </p>
                    </Show>
                </section>
            </div>
        </div>
    }
}
