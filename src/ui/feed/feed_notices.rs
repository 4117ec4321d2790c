use leptos::prelude::*;

use crate::core::text::count;

/// What was odd about the feed, without hiding what loaded (`role="status"`).
#[component]
pub fn FeedNotices(warnings: Vec<String>) -> impl IntoView {
    if warnings.is_empty() {
        return ().into_any();
    }
    let summary = format!("{} about this feed", count(warnings.len(), "note"));
    view! {
        <div class="notice" role="status">
            <details>
                <summary>{summary}</summary>
                <ul>
                    {warnings.into_iter().map(|w| view! { <li>{w}</li> }).collect_view()}
                </ul>
            </details>
        </div>
    }
    .into_any()
}
