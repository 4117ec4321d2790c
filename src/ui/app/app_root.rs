use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::core::filter::DateField;
use crate::core::snapshots::{missing_shards, ShardRange};
use crate::core::sources::{loaded_addresses, page_notices};
use crate::ui::app::{ExplorerView, SiteFooter, SiteHeader, UpdateNotice};
use crate::ui::explorer::ExplorerState;
use crate::ui::favourites::{FavouritesAlert, FavouritesState};
use crate::ui::feed::FeedNotices;
use crate::ui::parts::{Formulas, PartFailure, PartState};
use crate::ui::sources::{SourceHeader, SourcesPanel, SourcesState};
use crate::web::site::site_default_feed;

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
    // The recommender readies itself for a feed's index while the page parses the feed.
    sources.loader.on_parse_start(Callback::new(move |bytes| {
        explorer.recommend.expect_feed(bytes)
    }));
    // The page owns the link: loads the person asked for write their sources into it.
    sources.on_link_change(Callback::new(move |()| {
        explorer.set_link_sources(sources.link_pairs())
    }));
    // The link's `feed=` and `aq=` parameters name the sources; without any, the feed the
    // site opens on (a site built by `cargo xtask site`) or else the embedded sample, and an
    // offer to load the last visit's sources again.
    if !sources.load_from_link(explorer.link_sources()) {
        match site_default_feed() {
            Some(address) => spawn_local(sources.open_site_feed(address)),
            None => sources.loader.add_embedded(),
        }
        sources.list.offer_last_sources();
    }
    spawn_local(sources.loader.discover_snapshots());
    load_months_in_range(sources, explorer);
    let loaded = sources.list.sources();
    let warnings = move || loaded.with(|list| page_notices(list));
    let formulas = Formulas::get();
    let math_failed = move || {
        (formulas.state() == PartState::Failed).then(|| {
            view! {
                <PartFailure
                    what="The formula renderer"
                    meanwhile="Formulas show as LaTeX until then."
                    on_retry=Callback::new(move |()| formulas.try_again())
                />
            }
        })
    };
    view! {
        <a class="skip-link" href="#papers">"Skip to papers"</a>
        <SiteHeader />
        <main id="main" class="page" tabindex="-1">
            <SourceHeader />
            <FavouritesAlert />
            {math_failed}
            {move || view! { <FeedNotices warnings=warnings() /> }}
            <SourcesPanel />
            <ExplorerView />
        </main>
        <SiteFooter />
        <UpdateNotice />
    }
}

/// A sharded feed of the site loads the months the view's date range reaches, more as the
/// range widens; each month is asked for once.
fn load_months_in_range(sources: SourcesState, explorer: ExplorerState) {
    let asked = StoredValue::new(Vec::<String>::new());
    let loaded = sources.list.sources();
    let snapshots = sources.loader.snapshots();
    Effect::new(move |_| {
        let range = explorer.filter.with(|f| ShardRange {
            from: f.from,
            to: f.to.filter(|_| f.date_field == DateField::Updated),
        });
        let loaded: Vec<String> = loaded.with(|list| {
            loaded_addresses(list)
                .into_iter()
                .map(str::to_string)
                .collect()
        });
        let missing: Vec<String> = snapshots
            .with(|entries| missing_shards(entries, &loaded, range))
            .into_iter()
            .filter(|address| asked.with_value(|asked| !asked.contains(address)))
            .collect();
        if !missing.is_empty() {
            asked.update_value(|asked| asked.extend(missing.iter().cloned()));
            spawn_local(sources.load_more(missing));
        }
    });
}
