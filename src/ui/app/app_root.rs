use leptos::prelude::*;

use crate::core::embedded::{EMBEDDED_FEED_LABEL, EMBEDDED_FEED_XML};
use crate::core::feed::{parse_feed, ParseError, ParsedFeed};
use crate::ui::app::{ErrorAlert, SiteFooter, SiteHeader};
use crate::ui::explorer::{ExplorerState, ExplorerView, LoadedFeed};
use crate::ui::favourites::{FavouritesAlert, FavouritesState};
use crate::ui::feed::{FeedHeader, FeedNotices};
use crate::web::perf;

/// Parses the compiled-in feed, timed as `feed:parse`.
fn load_embedded_feed() -> Result<ParsedFeed, ParseError> {
    perf::measure("feed:parse", || parse_feed(EMBEDDED_FEED_XML.as_bytes()))
}

/// The whole page.
#[component]
pub fn App() -> impl IntoView {
    let content = match load_embedded_feed() {
        Ok(parsed) => {
            let warnings: Vec<String> = parsed.warnings.iter().map(ToString::to_string).collect();
            let paper_count = parsed.feed.papers.len();
            let meta = parsed.feed.meta.clone();
            let favourites = FavouritesState::load();
            provide_context(favourites);
            let explorer = ExplorerState::new(
                LoadedFeed::new(parsed.feed.meta, parsed.feed.papers),
                favourites,
            );
            provide_context(explorer);
            view! {
                <FeedHeader meta=meta source_label=EMBEDDED_FEED_LABEL paper_count=paper_count />
                <FavouritesAlert />
                <FeedNotices warnings=warnings />
                <ExplorerView />
            }
            .into_any()
        }
        Err(error) => view! { <ErrorAlert message=error.to_string() /> }.into_any(),
    };
    view! {
        <a class="skip-link" href="#main">"Skip to papers"</a>
        <SiteHeader />
        <main id="main" class="page" tabindex="-1">
            {content}
        </main>
        <SiteFooter />
    }
}
