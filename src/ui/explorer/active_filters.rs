use leptos::prelude::*;

use crate::core::filter::{filter_chips, ChipTarget};
use crate::core::graph::cluster_chip_label;
use crate::ui::explorer::use_explorer;
use crate::web::url::HistoryMode;

/// The filters in force, each removable, and "Clear all". An author no paper has says so and
/// offers the closest names, each one click from replacing it.
#[component]
pub fn ActiveFilters() -> impl IntoView {
    let explorer = use_explorer();
    move || {
        let chips = explorer.filter.with(|spec| {
            explorer.collection.with(|c| {
                filter_chips(spec, &c.index, &|id| {
                    explorer
                        .find_paper(id)
                        .map(|p| p.display_title().to_string())
                })
            })
        });
        let cluster = explorer.cluster.get().map(|c| {
            let label = cluster_chip_label(&c.anchor, c.scope.as_deref());
            let aria = format!("Remove filter {label}");
            let unmatched = c.scope.is_none();
            view! {
                <li class="chip" class:chip--unmatched=unmatched data-testid="cluster-chip">
                    <span>{label}</span>
                    <button
                        type="button"
                        class="chip__remove"
                        aria-label=aria
                        on:click=move |_| explorer.filter_to_cluster(None)
                    >
                        "×"
                    </button>
                </li>
            }
        });
        if chips.is_empty() && cluster.is_none() {
            return ().into_any();
        }
        let hints = chips
            .iter()
            .filter_map(|chip| {
                let (ChipTarget::Author(asked), Some(hint)) = (&chip.target, &chip.hint) else {
                    return None;
                };
                let asked = asked.clone();
                let names = hint
                    .closest
                    .iter()
                    .zip(hint.separators())
                    .map(|(name, before)| {
                        let (asked, name) = (asked.clone(), name.clone());
                        let label = name.clone();
                        view! {
                            {before}
                            <button
                                type="button"
                                class="link-button"
                                data-testid="author-hint-name"
                                on:click=move |_| {
                                    explorer.update_filter(|f| {
                                        f.authors.retain(|a| *a != asked);
                                        f.add_author(&name);
                                    })
                                }
                            >
                                {label}
                            </button>
                        }
                    })
                    .collect_view();
                let offer =
                    (!hint.closest.is_empty()).then(|| view! { " Did you mean " {names} "?" });
                Some(view! {
                    <p class="chip-hint" role="status" data-testid="author-hint">
                        {hint.message.clone()}
                        {offer}
                    </p>
                })
            })
            .collect_view();
        let items = chips
            .into_iter()
            .map(|chip| {
                let aria = chip.remove_label();
                let unmatched = chip.hint.is_some();
                let target = chip.target;
                view! {
                    <li class="chip" class:chip--unmatched=unmatched>
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
                <ul class="chips" aria-label="Active filters">{cluster}{items}</ul>
                <button
                    type="button"
                    class="link-button"
                    on:click=move |_| {
                        explorer.navigate(HistoryMode::Push, |v| {
                            v.filter.clear();
                            v.graph.cluster = None;
                        })
                    }
                >
                    "Clear all"
                </button>
                {hints}
            </div>
        }
        .into_any()
    }
}
