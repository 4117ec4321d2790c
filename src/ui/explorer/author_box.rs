use leptos::prelude::*;

use crate::core::text::count;
use crate::ui::explorer::use_explorer;

const SUGGESTIONS: usize = 12;

/// Adds an author filter, suggesting names from the feed with their paper counts.
#[component]
pub fn AuthorBox() -> impl IntoView {
    let explorer = use_explorer();
    let (typed, set_typed) = signal(String::new());
    let suggestions = Memo::new(move |_| {
        let typed = typed.get();
        explorer.collection.with(|collection| {
            collection
                .index
                .suggest_authors(&typed, SUGGESTIONS)
                .into_iter()
                .map(|a| (a.name.clone(), a.papers))
                .collect::<Vec<_>>()
        })
    });
    let add = move |name: String| {
        if name.trim().is_empty() {
            return;
        }
        explorer.update_filter(|f| f.add_author(&name));
        set_typed.set(String::new());
    };
    view! {
        <form
            class="author-box"
            role="search"
            on:submit=move |ev| {
                ev.prevent_default();
                add(typed.get_untracked());
            }
        >
            <label class="visually-hidden" for="author-input">"Filter by author"</label>
            <input
                id="author-input"
                class="author-box__input"
                list="author-suggestions"
                placeholder="Author…"
                autocomplete="off"
                prop:value=typed
                on:input=move |ev| {
                    let value = event_target_value(&ev);
                    // Picking a suggestion fills the box with an exact name: add it at once.
                    let exact = suggestions
                        .get_untracked()
                        .iter()
                        .any(|(name, _)| *name == value);
                    if exact {
                        add(value);
                    } else {
                        set_typed.set(value);
                    }
                }
            />
            <datalist id="author-suggestions">
                {move || {
                    suggestions
                        .get()
                        .into_iter()
                        .map(|(name, papers)| {
                            let label = count(papers, "paper");
                            view! { <option value=name>{label}</option> }
                        })
                        .collect_view()
                }}
            </datalist>
            <button type="submit" class="button">"Add author"</button>
        </form>
    }
}
