use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::core::sources::page_notices;
use crate::ui::app::{ExplorerView, SiteFooter, SiteHeader};
use crate::ui::explorer::ExplorerState;
use crate::ui::favourites::{FavouritesAlert, FavouritesState};
use crate::ui::feed::FeedNotices;
use crate::ui::sources::{SourceHeader, SourcesPanel, SourcesState};

/// The whole page.
#[component]
pub fn App() -> impl IntoView {
    let sources = SourcesState::new();
    provide_context(sources);
    let favourites = FavouritesState::load();
    provide_context(favourites);
    let explorer = ExplorerState::new(
        sources.list.merged(),
        favourites,
        sources.list.has_untravelled(),
    );
    provide_context(explorer);
    // The page owns the link: loads the person asked for write their sources into it.
    sources.on_link_change(Callback::new(move |()| {
        explorer.set_link_sources(sources.link_pairs())
    }));
    // The link's `feed=` and `aq=` parameters name the sources; without any, the embedded
    // sample, and an offer to load the last visit's sources again.
    if !sources.load_from_link(explorer.link_sources()) {
        sources.loader.add_embedded();
        sources.list.offer_last_sources();
    }
    spawn_local(sources.loader.discover_snapshots());
    let loaded = sources.list.sources();
    let warnings = move || loaded.with(|list| page_notices(list));
    view! {
        <a class="skip-link" href="#papers">"Skip to papers"</a>
        <SiteHeader />
        <main id="main" class="page" tabindex="-1">
            <SourceHeader />
            <FavouritesAlert />
            {move || view! { <FeedNotices warnings=warnings() /> }}
            <SourcesPanel />
            <ExplorerView />
        </main>
        <SiteFooter />
    }
}
