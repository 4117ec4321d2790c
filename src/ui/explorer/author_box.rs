use leptos::prelude::*;

use crate::core::text::count;
use crate::ui::explorer::use_explorer;

const SUGGESTIONS: usize = 10;
const LISTBOX: &str = "author-options";

/// Adds an author filter. As one types, it offers the feed's people whose name has a word
/// starting with what was typed (a surname works as well as a first name, accents and case
/// aside), with their paper counts: a combobox, driven by the arrow keys, Enter and Esc, the
/// same in every browser.
#[component]
pub fn AuthorBox() -> impl IntoView {
    let explorer = use_explorer();
    let (typed, set_typed) = signal(String::new());
    let (open, set_open) = signal(false);
    // The highlighted option, by position.
    let (active, set_active) = signal(None::<usize>);
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
    let expanded = move || open.get() && suggestions.with(|s| !s.is_empty());
    let add = move |name: String| {
        if name.trim().is_empty() {
            return;
        }
        explorer.update_filter(|f| f.add_author(&name));
        set_typed.set(String::new());
        set_open.set(false);
        set_active.set(None);
    };
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        let n = suggestions.with_untracked(Vec::len);
        match ev.key().as_str() {
            "ArrowDown" if n > 0 => {
                ev.prevent_default();
                set_open.set(true);
                set_active.update(|a| *a = Some(a.map_or(0, |i| (i + 1) % n)));
            }
            "ArrowUp" if n > 0 => {
                ev.prevent_default();
                set_open.set(true);
                set_active.update(|a| *a = Some(a.map_or(n - 1, |i| (i + n - 1) % n)));
            }
            "Enter" => {
                ev.prevent_default();
                let chosen = active
                    .get_untracked()
                    .filter(|_| open.get_untracked())
                    .and_then(|i| {
                        suggestions.with_untracked(|s| s.get(i).map(|(name, _)| name.clone()))
                    });
                add(chosen.unwrap_or_else(|| typed.get_untracked()));
            }
            "Escape" if open.get_untracked() => {
                // Closes the list only; the page's Esc (closing details) waits for the next.
                ev.stop_propagation();
                set_open.set(false);
                set_active.set(None);
            }
            _ => {}
        }
    };
    let options = move || {
        suggestions
            .get()
            .into_iter()
            .enumerate()
            .map(|(i, (name, papers))| {
                let value = name.clone();
                let selected = move || active.get() == Some(i);
                view! {
                    <li
                        id=format!("{LISTBOX}-{i}")
                        role="option"
                        class="combobox__option"
                        aria-selected=move || selected().to_string()
                        // Before the input's blur closes the list.
                        on:mousedown=move |ev| {
                            ev.prevent_default();
                            add(value.clone());
                        }
                    >
                        <span class="combobox__name">{name}</span>
                        <span class="combobox__count">{count(papers, "paper")}</span>
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <form
            class="author-box"
            on:submit=move |ev| {
                ev.prevent_default();
                add(typed.get_untracked());
            }
        >
            <label class="visually-hidden" for="author-input">"Filter by author"</label>
            <div class="combobox">
                <input
                    id="author-input"
                    class="author-box__input"
                    role="combobox"
                    aria-autocomplete="list"
                    aria-controls=LISTBOX
                    aria-expanded=move || expanded().to_string()
                    aria-activedescendant=move || active.get().filter(|_| expanded()).map(|i| format!("{LISTBOX}-{i}"))
                    placeholder="Author…"
                    autocomplete="off"
                    spellcheck="false"
                    prop:value=typed
                    on:input=move |ev| {
                        set_typed.set(event_target_value(&ev));
                        set_open.set(true);
                        set_active.set(None);
                    }
                    on:keydown=on_key
                    on:blur=move |_| set_open.set(false)
                />
                <ul
                    id=LISTBOX
                    class="combobox__list"
                    role="listbox"
                    aria-label="Authors in the feed"
                    data-testid="author-suggestions"
                    hidden=move || !expanded()
                >
                    {options}
                </ul>
            </div>
            <button type="submit" class="button">"Add"</button>
        </form>
    }
}
