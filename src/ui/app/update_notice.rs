use leptos::prelude::*;

use crate::web::offline::{register, take_over};

/// "A new version is ready — Reload": shown when a new build's service worker is installed
/// and waiting; the page keeps working on the old one until the reader chooses.
#[component]
pub fn UpdateNotice() -> impl IntoView {
    let ready = RwSignal::new(false);
    register(move || ready.set(true));
    view! {
        <Show when=move || ready.get()>
            <div class="update-notice" role="status" data-testid="update-notice">
                <span>"A new version of the page is ready."</span>
                <button
                    type="button"
                    class="button"
                    data-testid="update-reload"
                    on:click=move |_| take_over()
                >
                    "Reload"
                </button>
            </div>
        </Show>
    }
}
