use leptos::prelude::*;

use crate::web::parts::PartUnavailable;

/// A part of the page that could not be fetched, said where it is missed, with a way to try
/// again.
#[component]
pub fn PartFailure(
    /// What is missing, as a sentence's subject: "The map".
    what: &'static str,
    /// What the page does meanwhile, if anything.
    #[prop(optional)]
    meanwhile: &'static str,
    on_retry: Callback<()>,
) -> impl IntoView {
    view! {
        <div class="alert alert--error part-failure" role="alert" data-testid="part-failure">
            <p>{format!("{what} {PartUnavailable}. {meanwhile}")}</p>
            <button type="button" class="button" on:click=move |_| on_retry.run(())>
                "Try again"
            </button>
        </div>
    }
}
