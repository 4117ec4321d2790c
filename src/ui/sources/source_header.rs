use leptos::prelude::*;

use crate::core::text::count;
use crate::ui::feed::FeedHeader;
use crate::ui::sources::use_sources;

/// Names what is loaded: one feed by its query or title, several by their number.
#[component]
pub fn SourceHeader() -> impl IntoView {
    let sources = use_sources();
    let list = sources.list.sources();
    move || {
        list.with(|list| match list.as_slice() {
            [] => view! {
                <section class="feed-header" aria-labelledby="feed-heading">
                    <h1 id="feed-heading" class="feed-header__title">"No feed loaded"</h1>
                    <p class="feed-header__stats">
                        "Open a saved feed file, paste one, or load a feed address below. Your favourites are still here. "
                        <button type="button" class="link-button" on:click=move |_| sources.loader.add_embedded()>
                            "Load the sample feed"
                        </button>
                    </p>
                </section>
            }
            .into_any(),
            [only] => view! {
                <FeedHeader
                    meta=only.meta.clone()
                    source_label=only.kind.label()
                    paper_count=only.papers.len()
                />
            }
            .into_any(),
            several => {
                let papers: usize = several.iter().map(|s| s.papers.len()).sum();
                view! {
                    <section class="feed-header" aria-labelledby="feed-heading">
                        <p class="feed-header__source">{count(several.len(), "source")}</p>
                        <h1 id="feed-heading" class="feed-header__title">"Merged feeds"</h1>
                        <p class="feed-header__stats">
                            {format!("{} before removing duplicates", count(papers, "paper"))}
                        </p>
                    </section>
                }
                .into_any()
            }
        })
    }
}
