use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::ui::app::{SiteFooter, SiteHeader};
use crate::ui::explorer::{ExplorerState, ExplorerView};
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
    let explorer = ExplorerState::new(sources.merged(), favourites);
    provide_context(explorer);
    // The link's `feed=` and `aq=` parameters name the sources; without any, the embedded
    // sample, and an offer to load the last visit's sources again.
    let pairs = explorer
        .view
        .with_untracked(|view| view.passthrough.clone());
    if SourcesState::link_names_sources(&pairs) {
        sources.load_from_link(pairs);
    } else {
        sources.add_embedded();
        sources.offer_last_sources();
    }
    spawn_local(sources.discover_snapshots());
    let warnings = move || {
        sources.sources.with(|list| {
            list.iter()
                .flat_map(|s| {
                    let label = s.kind.label();
                    s.warnings.iter().map(move |w| format!("{label}: {w}"))
                })
                .collect::<Vec<_>>()
        })
    };
    view! {
        <a class="skip-link" href="#main">"Skip to papers"</a>
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
