use leptos::prelude::*;

use crate::core::filter::spec::parse_keyword;
use crate::core::filter::SortKey;
use crate::ui::explorer::use_explorer;

/// The order of the list (`sort=` in the URL); relevance needs search text.
#[component]
pub fn SortSelect() -> impl IntoView {
    let explorer = use_explorer();
    let filter = explorer.filter;
    let has_text = move || filter.with(|f| !f.text.trim().is_empty());
    let options = SortKey::ALL
        .into_iter()
        .map(|key| {
            view! {
                <option value=key.as_str() disabled=move || key == SortKey::Relevance && !has_text()>
                    {key.label()}
                </option>
            }
        })
        .collect_view();
    view! {
        <label class="sort-select" for="sort-select">
            <span class="sort-select__label">"Sort"</span>
            <select
                id="sort-select"
                aria-label="Sort"
                prop:value=move || filter.with(|f| f.sort.as_str())
                on:change=move |ev| {
                    if let Some(sort) = parse_keyword(&SortKey::ALL, SortKey::as_str, &event_target_value(&ev)) {
                        explorer.update_filter(|f| f.sort = sort);
                    }
                }
            >
                {options}
            </select>
        </label>
    }
}
