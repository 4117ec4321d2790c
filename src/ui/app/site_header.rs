use leptos::prelude::*;

use crate::ui::explorer::{use_explorer, ViewTabs};
use crate::web::site::site_title;

/// The banner: the product's name (or a configured site's own title), the views (feed, map,
/// favourites) and the shortcut help.
#[component]
pub fn SiteHeader() -> impl IntoView {
    let explorer = use_explorer();
    let name = site_title().unwrap_or_else(|| "arXiv Explorer".to_string());
    let home = format!("{name}, home");
    view! {
        <header class="site-header">
            <div class="site-header__inner">
                <a class="brand" href="./" aria-label=home>
                    <span class="brand__mark" aria-hidden="true">"χ"</span>
                    <span class="brand__name" data-testid="site-name">{name}</span>
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
