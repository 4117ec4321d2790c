use std::sync::Arc;

use leptos::prelude::*;

use crate::core::feed::Paper;
use crate::ui::feed::PaperCard;

/// The papers, keyed by arXiv id so a changed list only touches the rows that changed.
#[component]
pub fn PaperList(
    #[prop(into)] papers: Signal<Vec<Arc<Paper>>>,
    /// Called with an author's name when it is clicked; names are plain text without it.
    #[prop(default = None)]
    on_author: Option<Callback<String>>,
) -> impl IntoView {
    view! {
        <ol class="paper-list" aria-label="Papers">
            <For
                each=move || papers.get()
                key=|paper| paper.id.clone()
                children=move |paper| {
                    view! {
                        <li class="paper-list__item">
                            <PaperCard paper=paper on_author=on_author />
                        </li>
                    }
                }
            />
        </ol>
    }
}
