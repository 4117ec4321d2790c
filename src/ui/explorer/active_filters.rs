use leptos::prelude::*;

use crate::core::filter::{filter_chips, FilterSpec};
use crate::ui::explorer::use_explorer;

/// The filters in force, each removable, and "Clear all".
#[component]
pub fn ActiveFilters() -> impl IntoView {
    let explorer = use_explorer();
    move || {
        let chips = explorer
            .filter
            .with(|spec| explorer.collection.with(|c| filter_chips(spec, &c.index)));
        if chips.is_empty() {
            return ().into_any();
        }
        let items = chips
            .into_iter()
            .map(|chip| {
                let aria = chip.remove_label();
                let target = chip.target;
                view! {
                    <li class="chip">
                        <span>{chip.label}</span>
                        <button
                            type="button"
                            class="chip__remove"
                            aria-label=aria
                            on:click=move |_| explorer.update_filter(|f| target.remove_from(f))
                        >
                            "×"
                        </button>
                    </li>
                }
            })
            .collect_view();
        view! {
            <div class="active-filters">
                <ul class="chips" aria-label="Active filters">{items}</ul>
                <button
                    type="button"
                    class="link-button"
                    on:click=move |_| explorer.update_filter(FilterSpec::clear)
                >
                    "Clear all"
                </button>
            </div>
        }
        .into_any()
    }
}
