use std::hash::Hash;
use std::sync::Arc;

use leptos::prelude::*;

use crate::core::feed::Date;
use crate::core::filter::{Facets, FilterResult, SHOWN_CATEGORIES};
use crate::core::taxonomy::{category_label, category_name};
use crate::core::text::group_thousands;
use crate::ui::explorer::{deferred, use_explorer};

/// Live counts of the current result; clicking one adds that filter.
///
/// Each list is keyed by what its entries stand for: as the result changes with every
/// keystroke, entries that stay only get their count (and place) updated, and only new ones
/// are built.
#[component]
pub fn FacetPanel() -> impl IntoView {
    let explorer = use_explorer();
    // Like the list, the facets follow a frame after the count (see `deferred`).
    let result: Signal<Arc<FilterResult>> = deferred(explorer.result.into());
    let categories = facet_memo(result, |f| {
        f.categories
            .iter()
            .take(SHOWN_CATEGORIES)
            .cloned()
            .collect()
    });
    let authors = facet_memo(result, |f| f.authors.clone());
    let tags = facet_memo(result, |f| f.tags.clone());
    let years = facet_memo(result, |f| f.years.clone());

    let category_list = facet_list(categories, move |code: String, count| {
        let value = code.clone();
        let active = {
            let code = code.clone();
            move || {
                explorer
                    .filter
                    .with(|f| f.categories.contains(&code))
                    .to_string()
            }
        };
        let name = category_name(&code).unwrap_or_default();
        let title = category_label(&code);
        view! {
            <button
                type="button"
                class="facet"
                aria-pressed=active
                title=title
                on:click=move |_| explorer.update_filter(|f| f.add_category(&value))
            >
                <span class="facet__label">
                    <span class="facet__code">{code}</span>
                    " "
                    <span class="facet__name">{name}</span>
                </span>
                <span class="facet__count">{count}</span>
            </button>
        }
        .into_any()
    });

    let author_list = facet_list(authors, move |name: String, count| {
        let value = name.clone();
        facet_button(name, count, move || {
            explorer.update_filter(|f| f.add_author(&value))
        })
    });

    let year_list = facet_list(years, move |year: i32, count| {
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
        facet_button(year.to_string(), count, move || {
            explorer.update_filter(|f| {
                f.from = Some(from);
                f.to = Some(to);
            })
        })
    });

    let tag_list = facet_list(tags, move |tag: String, count| {
        let value = tag.clone();
        facet_button(tag, count, move || {
            explorer.update_filter(|f| f.add_tag(&value))
        })
    });

    view! {
        <nav class="facet-panel" aria-label="Refine by">
            <Show when=move || tags.with(|t| !t.is_empty())>
                <section class="facet-group">
                    <h2 class="facet-group__title">"Tags"</h2>
                    <ul class="facet-list" data-testid="facet-tags">{tag_list.clone()}</ul>
                </section>
            </Show>
            // Empty groups are hidden by the component: CSS that looks at a list's children
            // is not updated reliably in every engine as the list fills.
            <section class="facet-group" hidden=move || categories.with(Vec::is_empty)>
                <h2 class="facet-group__title">"Categories"</h2>
                <ul class="facet-list" data-testid="facet-categories">{category_list}</ul>
            </section>
            <section class="facet-group" hidden=move || authors.with(Vec::is_empty)>
                <h2 class="facet-group__title">"Top authors"</h2>
                <ul class="facet-list" data-testid="facet-authors">{author_list}</ul>
            </section>
            <section class="facet-group" hidden=move || years.with(Vec::is_empty)>
                <h2 class="facet-group__title">"Years"</h2>
                <ul class="facet-list" data-testid="facet-years">{year_list}</ul>
            </section>
        </nav>
    }
}

/// A facet entry shown as its label and live count; clicking it runs `choose`.
fn facet_button(
    label: String,
    count: Signal<String>,
    choose: impl Fn() + Send + Sync + 'static,
) -> AnyView {
    view! {
        <button type="button" class="facet" on:click=move |_| choose()>
            <span class="facet__label">{label}</span>
            <span class="facet__count">{count}</span>
        </button>
    }
    .into_any()
}

/// One facet of the (deferred) result.
fn facet_memo<K>(
    result: Signal<Arc<FilterResult>>,
    pick: fn(&Facets) -> Vec<(K, usize)>,
) -> Memo<Vec<(K, usize)>>
where
    K: PartialEq + Send + Sync + 'static,
{
    Memo::new(move |_| result.with(|r| pick(&r.facets)))
}

/// The count shown for `key`, following the facet as the result changes.
fn count_of<K>(
    entries: Memo<Vec<(K, usize)>>,
    key: K,
) -> impl Fn() -> String + Send + Sync + 'static
where
    K: PartialEq + Send + Sync + 'static,
{
    move || {
        let count = entries.with(|list| list.iter().find(|(k, _)| *k == key).map_or(0, |e| e.1));
        group_thousands(count as u64)
    }
}

/// The entries of one facet as list items, keyed by their key, in the facet's order; each
/// item is built once, from its key and its live count.
fn facet_list<K>(
    entries: Memo<Vec<(K, usize)>>,
    item: impl Fn(K, Signal<String>) -> AnyView + Clone + Send + Sync + 'static,
) -> impl Fn() -> AnyView + Clone + Send + Sync + 'static
where
    K: Clone + Eq + Hash + Send + Sync + 'static,
{
    move || {
        let item = item.clone();
        view! {
            <For
                each=move || entries.with(|list| list.iter().map(|(k, _)| k.clone()).collect::<Vec<_>>())
                key=|k| k.clone()
                children=move |k: K| {
                    let count = Signal::derive(count_of(entries, k.clone()));
                    view! { <li>{item(k, count)}</li> }
                }
            />
        }
        .into_any()
    }
}
