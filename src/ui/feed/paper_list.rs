use std::sync::Arc;

use leptos::prelude::*;

use crate::core::feed::Paper;
use crate::core::list_window::{scroll_to_reveal, visible_rows};
use crate::ui::feed::{PaperActions, PaperCard, PAPER_ROW_HEIGHT};
use crate::web::viewport::{
    on_scroll_or_resize, scroll_window_by, top_in_viewport, viewport_height,
};

/// The papers, windowed: only the rows in or near the viewport exist in the DOM, the rest of
/// the list's height is padding. Rows are keyed by position and arXiv id.
#[component]
pub fn PaperList(
    #[prop(into)] papers: Signal<Vec<Arc<Paper>>>,
    #[prop(default = None)] actions: Option<PaperActions>,
    /// A row (by position) to scroll into view when it changes, e.g. the keyboard cursor.
    #[prop(default = None)]
    reveal: Option<Signal<Option<usize>>>,
) -> impl IntoView {
    let list = NodeRef::<leptos::html::Ol>::new();
    // (the list's top relative to the viewport, the viewport's height), in CSS pixels.
    let (geometry, set_geometry) = signal((0.0_f64, viewport_height()));
    let measure = move || {
        if let Some(element) = list.get_untracked() {
            let next = (top_in_viewport(&element), viewport_height());
            if next != geometry.get_untracked() {
                set_geometry.set(next);
            }
        }
    };
    on_scroll_or_resize(measure);
    // The list moves when what is above it changes (chips, notices): measure after each render.
    Effect::new(move |_| {
        papers.track();
        measure();
    });
    if let Some(reveal) = reveal {
        Effect::new(move |_| {
            let Some(index) = reveal.get() else {
                return;
            };
            measure();
            let (top, viewport) = geometry.get_untracked();
            if let Some(dy) = scroll_to_reveal(index, top, viewport, PAPER_ROW_HEIGHT) {
                scroll_window_by(dy);
            }
        });
    }
    let count = move || papers.with(Vec::len);
    let range = Memo::new(move |_| {
        let (top, viewport) = geometry.get();
        visible_rows(top, viewport, PAPER_ROW_HEIGHT, count())
    });
    let rows = move || {
        let range = range.get();
        papers.with(|papers| {
            let end = range.end.min(papers.len());
            let start = range.start.min(end);
            papers[start..end]
                .iter()
                .enumerate()
                .map(|(offset, paper)| (start + offset, paper.clone()))
                .collect::<Vec<_>>()
        })
    };
    let padding_top = move || format!("{}px", range.get().start as f64 * PAPER_ROW_HEIGHT);
    let padding_bottom = move || {
        let hidden_below = count().saturating_sub(range.get().end);
        format!("{}px", hidden_below as f64 * PAPER_ROW_HEIGHT)
    };
    view! {
        <ol
            class="paper-list"
            aria-label="Papers"
            node_ref=list
            style:padding-top=padding_top
            style:padding-bottom=padding_bottom
        >
            <For
                each=rows
                key=|(position, paper)| (*position, paper.id.clone())
                children=move |(position, paper)| {
                    view! {
                        <li class="paper-list__item">
                            <PaperCard
                                paper=paper
                                position=position
                                set_size=count()
                                actions=actions
                            />
                        </li>
                    }
                }
            />
        </ol>
    }
}
