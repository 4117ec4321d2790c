use leptos::prelude::*;

use crate::ui::explorer::use_explorer;
use crate::web::url::HistoryMode;

/// Full-text search over titles, abstracts, authors, comments, journal refs and ids.
#[component]
pub fn SearchBox() -> impl IntoView {
    let explorer = use_explorer();
    let text = move || explorer.view().with(|v| v.filter.text.clone());
    view! {
        <div class="search-box">
            <label class="visually-hidden" for="search-input">"Search papers"</label>
            <input
                id="search-input"
                type="search"
                class="search-box__input"
                placeholder="Search titles, abstracts, authors…"
                title="Words must all appear; \"quote a phrase\"; -word leaves papers out"
                autocomplete="off"
                spellcheck="false"
                prop:value=text
                on:input=move |ev| {
                    let value = event_target_value(&ev);
                    // Typing replaces the history entry: back skips over keystrokes.
                    explorer.navigate(HistoryMode::Replace, |v| v.filter.text = value);
                }
            />
        </div>
    }
}
