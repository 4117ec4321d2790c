use leptos::prelude::*;

use crate::core::feed::FeedMeta;

/// Names the feed (its query or title), where it came from, and its place in the query.
#[component]
pub fn FeedHeader(
    meta: FeedMeta,
    #[prop(into)] source_label: String,
    paper_count: usize,
) -> impl IntoView {
    let heading = meta.heading();
    let results = meta.results_label(paper_count);
    let updated = meta
        .updated
        .map(|t| format!("feed updated {}", t.date().short_label()));
    view! {
        <section class="feed-header" aria-labelledby="feed-heading">
            <p class="feed-header__source">{source_label}</p>
            <h1 id="feed-heading" class="feed-header__title">{heading}</h1>
            <p class="feed-header__stats">
                <span>{results}</span>
                {updated.map(|text| view! {
                    <span class="dot" aria-hidden="true">" · "</span>
                    <span>{text}</span>
                })}
            </p>
        </section>
    }
}
