use std::collections::HashMap;
use std::sync::Arc;

use leptos::prelude::*;

use crate::core::feed::Paper;
use crate::core::list_window::{scroll_to_reveal, visible_rows, RowHeights};
use crate::ui::feed::{PaperActions, PaperCard, PaperRows};
use crate::web::frame::next_frame;
use crate::web::resize::{width_of, HeightWatcher};
use crate::web::viewport::{
    on_scroll_or_resize, scroll_window_by, top_in_viewport, viewport_height,
};

/// What a row counts as before any was measured (a one-line title with authors and a meta
/// line in the compact density); measured rows soon replace the guess.
const FIRST_GUESS: f64 = 96.0;

/// Measured row heights by paper id, valid for one list width: a paper keeps its height when
/// the result changes around it.
#[derive(Default)]
struct MeasuredRows {
    width: f64,
    by_id: HashMap<String, f64>,
}

/// The papers, windowed: only the rows in or near the viewport exist in the DOM, the rest of
/// the list's height is padding. Rows are as tall as their content; each one's height is
/// measured when it is drawn (`core::list_window::RowHeights`), and when a measurement above
/// the viewport moves the rows in view the window scrolls by as much, so what one reads stays
/// put. Rows are keyed by arXiv id, so a paper that stays in view while the result changes
/// keeps its row (only its position is updated).
#[component]
pub fn PaperList(
    #[prop(into)] papers: Signal<PaperRows>,
    #[prop(default = None)] actions: Option<PaperActions>,
    /// A row (by position) to scroll into view when it changes, e.g. the keyboard cursor.
    #[prop(default = None)]
    reveal: Option<Signal<Option<usize>>>,
    /// Whether rows preview their abstracts.
    #[prop(into, default = Signal::stored(false))]
    abstracts: Signal<bool>,
) -> impl IntoView {
    let list = NodeRef::<leptos::html::Ol>::new();
    // (the list's top relative to the viewport, the viewport's height), in CSS pixels.
    let (geometry, set_geometry) = signal((0.0_f64, viewport_height()));
    let measured = StoredValue::new(MeasuredRows::default());
    // Sized for the first result at once, so the first render draws its rows.
    let heights = StoredValue::new(
        papers.with_untracked(|p| RowHeights::new(p.len(), FIRST_GUESS, |_| None)),
    );
    // Bumped whenever `heights` changes, so the window and the padding follow.
    let (layout, set_layout) = signal(0_u64);
    let measure = move || {
        if let Some(element) = list.get_untracked() {
            let next = (top_in_viewport(&element), viewport_height());
            if next != geometry.get_untracked() {
                set_geometry.set(next);
            }
            // Another width wraps text differently: what was measured no longer holds.
            let width = width_of(&element);
            if (width - measured.with_value(|m| m.width)).abs() > 0.5 {
                measured.update_value(|m| {
                    m.width = width;
                    m.by_id.clear();
                });
            }
        }
    };
    on_scroll_or_resize(measure);
    // A new result: its rows' heights from what was measured before, the rest estimated.
    Effect::new(move |_| {
        papers.with(|papers| {
            let estimate = heights.with_value(RowHeights::estimate);
            let rows = measured.with_value(|m| {
                if m.by_id.is_empty() {
                    RowHeights::new(papers.len(), estimate, |_| None)
                } else {
                    RowHeights::new(papers.len(), estimate, |i| {
                        papers.get(i).and_then(|p| m.by_id.get(&p.id).copied())
                    })
                }
            });
            heights.set_value(rows);
        });
        set_layout.update(|n| *n = n.wrapping_add(1));
        // The list moves when what is above it changes (chips, notices).
        measure();
    });
    let count = move || papers.with(PaperRows::len);
    let range = Memo::new(move |_| {
        layout.track();
        let (top, viewport) = geometry.get();
        heights.with_value(|rows| visible_rows(top, viewport, rows))
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
    // Measurements arrive after layout; the first row in view is the anchor that must not
    // move (the browser's own scroll anchoring is off for the list, see the stylesheet).
    let on_heights = move |reported: Vec<(String, f64)>| {
        let top = list
            .get_untracked()
            .map_or(0.0, |element| top_in_viewport(&element));
        let positions: Vec<(usize, f64)> = reported
            .iter()
            .filter_map(|(id, height)| Some((position_of(id)?, *height)))
            .collect();
        measured.update_value(|m| {
            m.by_id.extend(reported);
        });
        let shift = heights.try_update_value(|rows| {
            let anchor = rows.row_at(-top);
            let before = rows.offset(anchor);
            for (position, height) in positions {
                rows.set(position, height);
            }
            rows.refresh_estimate();
            rows.offset(anchor) - before
        });
        if let Some(shift) = shift {
            if top < 0.0 && shift.abs() > 0.5 {
                scroll_window_by(shift);
            }
        }
        set_layout.update(|n| *n = n.wrapping_add(1));
        measure();
    };
    // Measurements are applied in the next frame: changing the layout inside the observer's
    // own callback would make it report again in the same frame (a "ResizeObserver loop").
    let pending = StoredValue::new(Vec::<(String, f64)>::new());
    let watcher = StoredValue::new_local(HeightWatcher::new(move |reported| {
        let first = pending.with_value(Vec::is_empty);
        pending.update_value(|p| p.extend(reported));
        if first {
            next_frame(move || {
                let batch = pending.try_update_value(std::mem::take).unwrap_or_default();
                if !batch.is_empty() {
                    on_heights(batch);
                }
            });
        }
    }));
    // Once the drawn rows change, the watcher follows them.
    Effect::new(move |_| {
        rows.track();
        if let Some(element) = list.get() {
            watcher.with_value(|w| w.watch_rows_of(&element));
        }
    });
    if let Some(reveal) = reveal {
        Effect::new(move |_| {
            let Some(index) = reveal.get() else {
                return;
            };
            measure();
            let (top, viewport) = geometry.get_untracked();
            let dy = heights.with_value(|rows| scroll_to_reveal(index, top, viewport, rows));
            if let Some(dy) = dy {
                scroll_window_by(dy);
            }
        });
    }
    let padding_top = move || {
        layout.track();
        let start = range.get().start;
        format!("{}px", heights.with_value(|rows| rows.offset(start)))
    };
    let padding_bottom = move || {
        layout.track();
        let end = range.get().end;
        let below = heights.with_value(|rows| rows.total() - rows.offset(end));
        format!("{}px", below.max(0.0))
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
                    let row_id = id.clone();
                    let position = Signal::derive(move || position_of(&id).unwrap_or(first));
                    view! {
                        <li class="paper-list__item" data-row-key=row_id>
                            <PaperCard
                                paper=paper
                                position=position
                                set_size=Signal::derive(count)
                                actions=actions
                                abstract_preview=abstracts
                            />
                        </li>
                    }
                }
            />
        </ol>
    }
}
