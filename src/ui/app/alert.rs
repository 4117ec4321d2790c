use leptos::prelude::*;

/// An error the user must see (`role="alert"`), as plain text.
#[component]
pub fn ErrorAlert(#[prop(into)] message: String) -> impl IntoView {
    view! {
        <div class="alert alert--error" role="alert">
            <p>{message}</p>
        </div>
    }
}
