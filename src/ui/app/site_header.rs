use leptos::prelude::*;

/// The banner: the product's name.
#[component]
pub fn SiteHeader() -> impl IntoView {
    view! {
        <header class="site-header">
            <div class="site-header__inner">
                <a class="brand" href="./" aria-label="arXiv Explorer, home">
                    <span class="brand__mark" aria-hidden="true">"χ"</span>
                    <span class="brand__name">"arXiv Explorer"</span>
                </a>
                <p class="site-header__tagline">"Filter, map and keep arXiv papers, in your browser."</p>
            </div>
        </header>
    }
}
