use std::sync::Arc;

use leptos::prelude::*;

use crate::core::feed::Paper;
use crate::ui::favourites::FavouritesState;

/// The star: adds the paper (with a snapshot of its metadata) to favourites, or removes it.
#[component]
pub fn FavToggle(paper: Arc<Paper>, favourites: FavouritesState) -> impl IntoView {
    let id = paper.id.clone();
    let starred = Memo::new(move |_| favourites.is_favourite(&id));
    let title = paper.display_title().to_string();
    let label = move || {
        if starred.get() {
            format!("Remove from favourites: {title}")
        } else {
            format!("Add to favourites: {title}")
        }
    };
    view! {
        <button
            type="button"
            class="fav-toggle"
            class:fav-toggle--on=starred
            data-testid="fav-toggle"
            aria-pressed=move || starred.get().to_string()
            aria-label=label
            title=move || if starred.get() { "Starred (f)" } else { "Star (f)" }
            on:click=move |_| favourites.toggle(&paper)
        >
            <span aria-hidden="true">{move || if starred.get() { "★" } else { "☆" }}</span>
        </button>
    }
}
