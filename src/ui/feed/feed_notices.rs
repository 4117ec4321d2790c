use leptos::prelude::*;

/// What was odd about the feed, without hiding what loaded (`role="status"`).
#[component]
pub fn FeedNotices(warnings: Vec<String>) -> impl IntoView {
    if warnings.is_empty() {
        return ().into_any();
    }
    let summary = match warnings.len() {
        1 => "1 note about this feed".to_string(),
        n => format!("{n} notes about this feed"),
    };
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
