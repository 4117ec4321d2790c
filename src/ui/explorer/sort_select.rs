use leptos::prelude::*;

use crate::core::filter::spec::parse_keyword;
use crate::core::filter::SortKey;
use crate::ui::explorer::use_explorer;

/// The select's value while the list is ranked by likeness to one paper (`similar=`), which
/// wins over the sort order: the select says so, and choosing an order leaves the likeness.
const SIMILAR_VALUE: &str = "similar";

/// The order of the list (`sort=` in the URL); relevance needs search text.
#[component]
pub fn SortSelect() -> impl IntoView {
    let explorer = use_explorer();
    let filter = explorer.filter;
    let has_text = move || filter.with(|f| !f.text.trim().is_empty());
    let by_likeness = move || filter.with(|f| f.similar.is_some());
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
                prop:value=move || {
                    if by_likeness() { SIMILAR_VALUE } else { filter.with(|f| f.sort.as_str()) }
                }
                on:change=move |ev| {
                    if let Some(sort) = parse_keyword(&SortKey::ALL, SortKey::as_str, &event_target_value(&ev)) {
                        explorer.update_filter(|f| {
                            f.sort = sort;
                            f.similar = None;
                        });
                    }
                }
            >
                <Show when=by_likeness>
                    <option value=SIMILAR_VALUE>"Likeness to one paper"</option>
                </Show>
                {options}
            </select>
        </label>
        <Show when=move || !by_likeness() && filter.with(|f| f.sort == SortKey::Recommended)>
            <LikeSelect />
        </Show>
    }
}

/// With recommendations: learn from every favourite, or from those with one tag (`like=`).
#[component]
fn LikeSelect() -> impl IntoView {
    let explorer = use_explorer();
    let filter = explorer.filter;
    let tags = Memo::new(move |_| {
        explorer
            .favourites
            .library
            .with(|library| library.all_tags())
    });
    view! {
        <label class="sort-select" for="like-select">
            <span class="sort-select__label">"Like"</span>
            <select
                id="like-select"
                data-testid="like-select"
                prop:value=move || filter.with(|f| f.like.clone().unwrap_or_default())
                on:change=move |ev| {
                    let tag = event_target_value(&ev);
                    explorer.update_filter(|f| f.like = (!tag.is_empty()).then_some(tag));
                }
            >
                <option value="">"All favourites"</option>
                {move || {
                    let mut tags = tags.get();
                    // A tag from the link that no favourite has (any more) stays choosable.
                    if let Some(like) = filter.with(|f| f.like.clone()) {
                        if !tags.contains(&like) {
                            tags.push(like);
                        }
                    }
                    tags.into_iter()
                        .map(|tag| view! { <option value=tag.clone()>{format!("Tagged “{tag}”")}</option> })
                        .collect_view()
                }}
            </select>
        </label>
    }
}
