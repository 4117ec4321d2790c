use std::sync::Arc;

use leptos::prelude::*;

use crate::core::feed::Paper;
use crate::core::list_window::{scroll_to_reveal, visible_rows};
use crate::ui::feed::{PaperActions, PaperCard, PaperRows, PAPER_ROW_HEIGHT};
use crate::web::viewport::{
    on_scroll_or_resize, scroll_window_by, top_in_viewport, viewport_height,
};

/// The papers, windowed: only the rows in or near the viewport exist in the DOM, the rest of
/// the list's height is padding. Rows are keyed by arXiv id, so a paper that stays in view
/// while the result changes keeps its row (only its position is updated).
#[component]
pub fn PaperList(
    #[prop(into)] papers: Signal<PaperRows>,
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
    let count = move || papers.with(PaperRows::len);
    let range = Memo::new(move |_| {
        let (top, viewport) = geometry.get();
        visible_rows(top, viewport, PAPER_ROW_HEIGHT, count())
    });
    // The rows drawn, with their positions. Every change counts as one: comparing would
    // cost more than redrawing the few rows that did not change.
    let rows = Memo::new_with_compare(
        move |_| {
            let range = range.get();
            papers.with(|papers| {
                range
                    .filter_map(|position| Some((position, papers.get(position)?)))
                    .collect::<Vec<(usize, Arc<Paper>)>>()
            })
        },
        |_, _| true,
    );
    let position_of =
        move |id: &str| rows.with(|rows| rows.iter().find(|(_, p)| p.id == id).map(|(i, _)| *i));
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
                each=move || rows.get()
                key=|(_, paper)| paper.id.clone()
                children=move |(first, paper)| {
                    let id = paper.id.clone();
                    let position = Signal::derive(move || position_of(&id).unwrap_or(first));
                    view! {
                        <li class="paper-list__item" style:height=format!("{PAPER_ROW_HEIGHT}px")>
                            <PaperCard
                                paper=paper
                                position=position
                                set_size=Signal::derive(count)
                                actions=actions
                            />
                        </li>
                    }
                }
            />
        </ol>
    }
}
