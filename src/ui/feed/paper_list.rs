use std::sync::Arc;

use leptos::prelude::*;

use crate::core::feed::Paper;
use crate::ui::feed::PaperCard;

/// The papers, keyed by arXiv id so a changed list only touches the rows that changed.
#[component]
pub fn PaperList(#[prop(into)] papers: Signal<Vec<Arc<Paper>>>) -> impl IntoView {
    view! {
        <ol class="paper-list" aria-label="Papers">
            <For
                each=move || papers.get()
                key=|paper| paper.id.clone()
                children=|paper| view! { <li class="paper-list__item"><PaperCard paper=paper /></li> }
            />
        </ol>
    }
}
