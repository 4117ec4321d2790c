use leptos::prelude::*;

use crate::core::text::group_thousands;
use crate::core::view_state::View;
use crate::ui::explorer::use_explorer;

/// Switches between the loaded feed, the co-author map and the favourites (`view=` in the
/// URL). A tab's name and count never break across lines.
#[component]
pub fn ViewTabs() -> impl IntoView {
    let explorer = use_explorer();
    let current = move || explorer.view().with(|v| v.view);
    let feed_count = Signal::derive(move || Some(explorer.feed.with(|feed| feed.len())));
    let favourite_count =
        Signal::derive(move || Some(explorer.favourites.library.with(|l| l.len())));
    let tab = move |target: View,
                    label: &'static str,
                    count: Signal<Option<usize>>,
                    test_id: &'static str| {
        view! {
            <button
                type="button"
                class="view-tab"
                data-testid=test_id
                aria-pressed=move || (current() == target).to_string()
                on:click=move |_| explorer.show(target)
            >
                {label}
                {move || count.get().map(|n| view! { <span class="view-tab__count">{group_thousands(n as u64)}</span> })}
            </button>
        }
    };
    view! {
        <nav class="view-tabs" aria-label="Views">
            {tab(View::List, "Feed", feed_count, "view-feed")}
            {tab(View::Graph, "Co-authors", Signal::stored(None), "view-graph")}
            {tab(View::Favourites, "★ Favourites", favourite_count, "view-favourites")}
        </nav>
    }
}
