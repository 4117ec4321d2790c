use leptos::prelude::*;

use crate::core::feed::Date;
use crate::core::taxonomy::{category_label, category_name};
use crate::core::text::group_thousands;
use crate::ui::explorer::use_explorer;

/// How many categories show before the list scrolls.
const SHOWN_CATEGORIES: usize = 12;

/// Live counts of the current result; clicking one adds that filter.
#[component]
pub fn FacetPanel() -> impl IntoView {
    let explorer = use_explorer();
    let facets = move || explorer.result.with(|r| r.facets.clone());

    let categories = move || {
        facets()
            .categories
            .into_iter()
            .take(SHOWN_CATEGORIES)
            .map(|(code, count)| {
                let active = explorer
                    .filter
                    .with_untracked(|f| f.categories.contains(&code));
                let value = code.clone();
                let name = category_name(&code).unwrap_or_default();
                let title = category_label(&code);
                view! {
                    <li>
                        <button
                            type="button"
                            class="facet"
                            aria-pressed=active.to_string()
                            title=title
                            on:click=move |_| explorer.update_filter(|f| f.add_category(&value))
                        >
                            <span class="facet__label">
                                <span class="facet__code">{code}</span>
                                " "
                                <span class="facet__name">{name}</span>
                            </span>
                            <span class="facet__count">{group_thousands(count as u64)}</span>
                        </button>
                    </li>
                }
            })
            .collect_view()
    };

    let authors = move || {
        facets()
            .authors
            .into_iter()
            .map(|(name, count)| {
                let value = name.clone();
                view! {
                    <li>
                        <button
                            type="button"
                            class="facet"
                            on:click=move |_| explorer.update_filter(|f| f.add_author(&value))
                        >
                            <span class="facet__label">{name}</span>
                            <span class="facet__count">{group_thousands(count as u64)}</span>
                        </button>
                    </li>
                }
            })
            .collect_view()
    };

    let years = move || {
        facets()
            .years
            .into_iter()
            .map(|(year, count)| {
                let from = Date {
                    year,
                    month: 1,
                    day: 1,
                };
                let to = Date {
                    year,
                    month: 12,
                    day: 31,
                };
                view! {
                    <li>
                        <button
                            type="button"
                            class="facet"
                            on:click=move |_| {
                                explorer.update_filter(|f| {
                                    f.from = Some(from);
                                    f.to = Some(to);
                                })
                            }
                        >
                            <span class="facet__label">{year}</span>
                            <span class="facet__count">{group_thousands(count as u64)}</span>
                        </button>
                    </li>
                }
            })
            .collect_view()
    };

    let tags = move || {
        let tags = facets().tags;
        (!tags.is_empty()).then(|| {
            let items = tags
                .into_iter()
                .map(|(tag, count)| {
                    let value = tag.clone();
                    view! {
                        <li>
                            <button
                                type="button"
                                class="facet"
                                on:click=move |_| explorer.update_filter(|f| f.add_tag(&value))
                            >
                                <span class="facet__label">{tag}</span>
                                <span class="facet__count">{group_thousands(count as u64)}</span>
                            </button>
                        </li>
                    }
                })
                .collect_view();
            view! {
                <section class="facet-group">
                    <h2 class="facet-group__title">"Tags"</h2>
                    <ul class="facet-list" data-testid="facet-tags">{items}</ul>
                </section>
            }
        })
    };

    view! {
        <nav class="facet-panel" aria-label="Refine by">
            {tags}
            <section class="facet-group">
                <h2 class="facet-group__title">"Categories"</h2>
                <ul class="facet-list" data-testid="facet-categories">{categories}</ul>
            </section>
            <section class="facet-group">
                <h2 class="facet-group__title">"Top authors"</h2>
                <ul class="facet-list" data-testid="facet-authors">{authors}</ul>
            </section>
            <section class="facet-group">
                <h2 class="facet-group__title">"Years"</h2>
                <ul class="facet-list" data-testid="facet-years">{years}</ul>
            </section>
        </nav>
    }
}
