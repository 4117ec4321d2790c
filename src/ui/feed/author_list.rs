use leptos::prelude::*;

use crate::core::feed::Author;

/// A paper's authors, with affiliations as tooltips; long lists fold after `shown` names
/// (long collaborations would otherwise bury the rest).
#[component]
pub fn AuthorList(
    authors: Vec<Author>,
    #[prop(default = None)] on_author: Option<Callback<String>>,
    #[prop(default = 12)] shown: usize,
    /// Whether "and N more" expands the list (off in fixed-height rows).
    #[prop(default = true)]
    foldable: bool,
    /// How many authors the paper has, when `authors` holds only the first of them (a row
    /// of a paper with a thousand authors builds ten).
    #[prop(default = None)]
    total: Option<usize>,
) -> impl IntoView {
    let total = total.unwrap_or(authors.len()).max(authors.len());
    let (expanded, set_expanded) = signal(false);
    let names = authors
        .into_iter()
        // Unfoldable lists never show the rest: do not build it.
        .take(if foldable { usize::MAX } else { shown })
        .enumerate()
        .map(|(index, author)| {
            let title = (!author.affiliations.is_empty()).then(|| author.affiliations.join("; "));
            // Only a foldable list hides names (and needs to follow the toggle).
            let hidden = foldable.then_some(move || index >= shown && !expanded.get());
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
            match hidden {
                Some(hidden) => view! {
                    <li class="author" class:author--hidden=hidden title=title>{label}</li>
                }
                .into_any(),
                None => view! { <li class="author" title=title>{label}</li> }.into_any(),
            }
        })
        .collect_view();
    let more = (!foldable && total > shown).then(
        || view! { <span class="authors__more">{format!("and {} more", total - shown)}</span> },
    );
    let toggle = (foldable && total > shown).then(|| {
        let label = move || {
            if expanded.get() {
                "show fewer".to_string()
            } else {
                format!("and {} more", total - shown)
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
            {more}
        </div>
    }
}
