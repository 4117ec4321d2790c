use leptos::prelude::*;

use crate::core::text::group_thousands;
use crate::core::view_state::View;
use crate::ui::explorer::use_explorer;

/// Switches between the loaded feed and the favourites (`view=` in the URL).
#[component]
pub fn ViewTabs() -> impl IntoView {
    let explorer = use_explorer();
    let current = move || explorer.view().with(|v| v.view);
    let feed_count = move || explorer.feed.with(|feed| feed.len());
    let favourite_count = move || explorer.favourites.library.with(|l| l.len());
    let tab = move |target: View, label: Signal<String>, test_id: &'static str| {
        view! {
            <button
                type="button"
                class="view-tab"
                data-testid=test_id
                aria-pressed=move || (current() == target).to_string()
                on:click=move |_| explorer.show(target)
            >
                {label}
            </button>
        }
    };
    view! {
        <nav class="view-tabs" aria-label="Views">
            {tab(View::List, Signal::derive(move || format!("Feed ({})", group_thousands(feed_count() as u64))), "view-feed")}
            {tab(View::Graph, Signal::derive(|| "Co-authors".to_string()), "view-graph")}
            {tab(
                View::Favourites,
                Signal::derive(move || format!("★ Favourites ({})", group_thousands(favourite_count() as u64))),
                "view-favourites",
            )}
        </nav>
    }
}
