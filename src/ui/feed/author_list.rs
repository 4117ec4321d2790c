use leptos::prelude::*;

use crate::core::feed::Author;

/// How many names show before "and N more": long collaborations would otherwise bury the rest.
const SHOWN_AUTHORS: usize = 12;

/// A paper's authors, with affiliations as tooltips; long lists fold.
#[component]
pub fn AuthorList(
    authors: Vec<Author>,
    #[prop(default = None)] on_author: Option<Callback<String>>,
) -> impl IntoView {
    let total = authors.len();
    let (expanded, set_expanded) = signal(false);
    let names = authors
        .into_iter()
        .enumerate()
        .map(|(index, author)| {
            let title = (!author.affiliations.is_empty()).then(|| author.affiliations.join("; "));
            let hidden = move || index >= SHOWN_AUTHORS && !expanded.get();
            let name = author.name;
            let label = match on_author {
                Some(callback) => {
                    let value = name.clone();
                    let aria = format!("Show only papers by {name}");
                    view! {
                        <button
                            type="button"
                            class="author__filter"
                            aria-label=aria
                            on:click=move |_| callback.run(value.clone())
                        >
                            {name}
                        </button>
                    }
                    .into_any()
                }
                None => name.into_any(),
            };
            view! { <li class="author" class:author--hidden=hidden title=title>{label}</li> }
        })
        .collect_view();
    let toggle = (total > SHOWN_AUTHORS).then(|| {
        let label = move || {
            if expanded.get() {
                "show fewer".to_string()
            } else {
                format!("and {} more", total - SHOWN_AUTHORS)
            }
        };
        view! {
            <button
                type="button"
                class="link-button"
                aria-expanded=move || expanded.get().to_string()
                on:click=move |_| set_expanded.update(|open| *open = !*open)
            >
                {label}
            </button>
        }
    });
    view! {
        <div class="authors">
            <ul class="author-list" aria-label="Authors">{names}</ul>
            {toggle}
        </div>
    }
}
