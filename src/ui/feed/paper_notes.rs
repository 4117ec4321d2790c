use leptos::prelude::*;

use crate::ui::feed::PaperActions;

/// What the reader wrote about a starred paper, on its row in every view: its tags (each
/// narrows the list to the favourites that carry it) and its note. Nothing for other papers.
#[component]
pub fn PaperNotes(id: String, actions: PaperActions) -> impl IntoView {
    let notes = Memo::new(move |_| {
        actions.favourites.library.with(|library| {
            let favourite = library.favourites.get(&id)?;
            let note = favourite.note.trim().to_string();
            (!favourite.tags.is_empty() || !note.is_empty()).then(|| (favourite.tags.clone(), note))
        })
    });
    move || {
        notes.get().map(|(tags, note)| {
            let tags = tags
                .into_iter()
                .map(|tag| {
                    let label = format!("Show the favourites tagged “{tag}”");
                    let chosen = tag.clone();
                    view! {
                        <button
                            type="button"
                            class="paper__tag"
                            data-testid="paper-tag"
                            title=label
                            on:click=move |_| actions.filter_tag.run(chosen.clone())
                        >
                            {tag}
                        </button>
                    }
                })
                .collect_view();
            let note = (!note.is_empty()).then(
                || view! { <span class="paper__note" data-testid="paper-note">{note}</span> },
            );
            view! { <p class="paper__yours" data-testid="paper-yours">{tags}{note}</p> }
        })
    }
}
