use leptos::prelude::*;

/// The content-info landmark, with the acknowledgement arXiv asks API users to show.
#[component]
pub fn SiteFooter() -> impl IntoView {
    view! {
        <footer class="site-footer">
            <p>
                "Thank you to arXiv for use of its open access interoperability. "
                "This page runs entirely in your browser: nothing you load or save leaves it."
            </p>
        </footer>
    }
}
