use leptos::prelude::*;

use crate::ui::explorer::{use_explorer, ViewTabs};

/// The banner: the product's name, the views (feed, map, favourites) and the shortcut help.
#[component]
pub fn SiteHeader() -> impl IntoView {
    let explorer = use_explorer();
    view! {
        <header class="site-header">
            <div class="site-header__inner">
                <a class="brand" href="./" aria-label="arXiv Explorer, home">
                    <span class="brand__mark" aria-hidden="true">"χ"</span>
                    <span class="brand__name">"arXiv Explorer"</span>
                </a>
                <ViewTabs />
                <button
                    type="button"
                    class="button button--quiet site-header__help"
                    aria-label="Keyboard shortcuts"
                    title="Keyboard shortcuts (?)"
                    on:click=move |_| explorer.shortcuts_open.update(|open| *open = !*open)
                >
                    "?"
                </button>
            </div>
        </header>
    }
}
