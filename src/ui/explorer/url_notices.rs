use leptos::prelude::*;

use crate::ui::explorer::use_explorer;

/// What the link had that could not be used; the rest of the view still applies.
#[component]
pub fn UrlNotices() -> impl IntoView {
    let explorer = use_explorer();
    move || {
        let notices = explorer.url_notices.get();
        if notices.is_empty() {
            return ().into_any();
        }
        view! {
            <div class="notice notice--url" role="status" data-testid="url-notice">
                <ul>{notices.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}</ul>
                <button
                    type="button"
                    class="link-button"
                    on:click=move |_| explorer.url_notices.set(Vec::new())
                >
                    "Dismiss"
                </button>
            </div>
        }
        .into_any()
    }
}
